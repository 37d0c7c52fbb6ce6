//! Shared pieces of attribute parsing: keys, literal values, the shape of the
//! input. Values are parsed as expressions first and judged afterwards, so a
//! wrong value is reported and parsing goes on to the next key.

use std::fmt::Display;
use std::str::FromStr;

use quote::ToTokens;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Expr, Field, Fields, Ident, Lit, LitInt, LitStr, Token, UnOp};

use crate::errors::Errors;

/// A key as written (`max_items`, or `a::b` for a path), for messages.
pub(crate) fn key_name(path: &syn::Path) -> String {
    path.segments
        .iter()
        .map(|segment| segment.ident.to_string())
        .collect::<Vec<_>>()
        .join("::")
}

/// Whether the key has a value (`= ...` or `(...)`), not just a name.
pub(crate) fn has_value(meta: &ParseNestedMeta<'_>) -> bool {
    meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren)
}

/// Consumes the value of a key the caller does not handle (`= expr` or
/// `(...)`), so that the keys after it are still read.
pub(crate) fn skip_value(meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        meta.input.parse::<proc_macro2::Group>()?;
    }
    Ok(())
}

/// The expression after `key = `; `None` (with an error saying `usage`
/// recorded) when the key has no `= value`.
pub(crate) fn value(
    meta: &ParseNestedMeta<'_>,
    usage: &str,
    errors: &mut Errors,
) -> syn::Result<Option<Expr>> {
    if meta.input.peek(Token![=]) {
        let expr: Expr = meta.value()?.parse()?;
        return Ok(Some(peel(expr)));
    }
    errors.spanned(&meta.path, format!("expected `{usage}`"));
    skip_value(meta)?;
    Ok(None)
}

/// Whether `key(...)` follows; if not, records an error saying `usage` and
/// skips the value, so the caller goes on with the next key.
pub(crate) fn parenthesized(
    meta: &ParseNestedMeta<'_>,
    usage: &str,
    errors: &mut Errors,
) -> syn::Result<bool> {
    if meta.input.peek(syn::token::Paren) {
        return Ok(true);
    }
    errors.spanned(&meta.path, format!("expected `{usage}`"));
    skip_value(meta)?;
    Ok(false)
}

/// `expr` without the invisible groups `macro_rules!` puts around fragments.
pub(crate) fn peel(mut expr: Expr) -> Expr {
    while let Expr::Group(group) = expr {
        expr = *group.expr;
    }
    expr
}

/// What a value is, for "expected X, found Y" messages.
fn describe(expr: &Expr) -> &'static str {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(lit), ..
        }) if lit.base10_digits().starts_with('-') => "a negative number",
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(_) => "a string",
            Lit::Int(_) => "an integer",
            Lit::Float(_) => "a floating-point number",
            Lit::Bool(_) => "a boolean",
            Lit::Char(_) => "a character",
            _ => "a literal of another kind",
        },
        Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => "a negative number",
        Expr::Path(_) => "a name",
        _ => "an expression",
    }
}

/// A number literal kept exactly as written (`10`, `-1`, `0.5`, `10u8`) so the
/// expansion carries its span, plus its value for comparing bounds.
pub(crate) struct Number {
    /// The literal, with a leading `-` if negative.
    pub(crate) expr: Expr,
    /// Its value, for `min <= max`.
    pub(crate) value: f64,
    /// As written, for messages.
    pub(crate) text: String,
}

/// Reads a number literal.
pub(crate) fn number(expr: Expr) -> syn::Result<Number> {
    let (negative, lit) = match &expr {
        Expr::Lit(lit) => (false, &lit.lit),
        Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => match &*unary.expr {
            Expr::Lit(lit) => (true, &lit.lit),
            _ => return Err(expected_number(&expr)),
        },
        _ => return Err(expected_number(&expr)),
    };
    let (magnitude, text) = match lit {
        Lit::Int(int) => (int.base10_parse::<f64>()?, int.to_string()),
        Lit::Float(float) => (float.base10_parse::<f64>()?, float.to_string()),
        _ => return Err(expected_number(&expr)),
    };
    let (value, text) = if negative {
        (-magnitude, format!("-{text}"))
    } else {
        (magnitude, text)
    };
    Ok(Number { expr, value, text })
}

fn expected_number(expr: &Expr) -> syn::Error {
    syn::Error::new_spanned(
        expr,
        format!(
            "expected a number like `10`, `-1` or `0.5`, found {}",
            describe(expr)
        ),
    )
}

/// A non-negative integer literal (a count, a length, a number of days).
pub(crate) struct Unsigned<N> {
    /// The literal as written.
    pub(crate) lit: LitInt,
    /// Its value.
    pub(crate) value: N,
}

/// Reads a non-negative integer literal that fits in `N`.
pub(crate) fn unsigned<N>(expr: &Expr) -> syn::Result<Unsigned<N>>
where
    N: FromStr,
    N::Err: Display,
{
    match expr {
        // A literal token can itself be negative when another macro made it
        // (`Literal::i64_unsuffixed(-1)`).
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(lit), ..
        }) if !lit.base10_digits().starts_with('-') => Ok(Unsigned {
            value: lit.base10_parse()?,
            lit: lit.clone(),
        }),
        _ => Err(syn::Error::new_spanned(
            expr,
            format!(
                "expected a non-negative integer like `10`, found {}",
                describe(expr)
            ),
        )),
    }
}

/// The string literal `expr` is, if it is one.
pub(crate) fn string(expr: &Expr) -> Option<&LitStr> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        }) => Some(lit),
        _ => None,
    }
}

/// The bare identifier `expr` is (`POST`, `none`, a field name), if it is one.
pub(crate) fn bare_ident(expr: &Expr) -> Option<&Ident> {
    match expr {
        Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => path.path.get_ident(),
        _ => None,
    }
}

/// The named fields of a struct, or an error at the `enum`/`union` keyword or
/// the struct's name saying what `derive` accepts.
pub(crate) fn named_fields<'a>(
    input: &'a DeriveInput,
    derive: &str,
) -> syn::Result<&'a Punctuated<Field, Token![,]>> {
    let (span, what) = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => return Ok(&named.named),
            Fields::Unnamed(_) => (input.ident.span(), "tuple structs"),
            Fields::Unit => (input.ident.span(), "unit structs"),
        },
        Data::Enum(data) => (data.enum_token.span(), "enums"),
        Data::Union(data) => (data.union_token.span(), "unions"),
    };
    Err(syn::Error::new(
        span,
        format!("#[derive({derive})] only supports structs with named fields, not {what}"),
    ))
}

/// Records an error on every `#[name(...)]` in `attrs`: it belongs elsewhere.
pub(crate) fn reject_misplaced(
    attrs: &[syn::Attribute],
    name: &str,
    hint: &str,
    errors: &mut Errors,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(name)) {
        errors.spanned(
            attr.to_token_stream(),
            format!("#[{name}(...)] is not allowed here: {hint}"),
        );
    }
}

/// Records an error when `input` has generic parameters: `derive` serves
/// concrete `what` types only (the generated code has no others).
pub(crate) fn reject_generics(input: &DeriveInput, errors: &mut Errors, derive: &str, what: &str) {
    if !input.generics.params.is_empty() {
        errors.spanned(
            &input.generics.params,
            format!(
                "#[derive({derive})] does not support generic parameters: {what} types are concrete"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    #[test]
    fn numbers_keep_sign_and_value() {
        let n = number(parse_quote!(-1)).map_err(|e| e.to_string());
        let n = n.expect("a negative integer is a number");
        assert_eq!((n.value, n.text.as_str()), (-1.0, "-1"));
        let n = number(parse_quote!(0.5)).expect("a float is a number");
        assert_eq!((n.value, n.text.as_str()), (0.5, "0.5"));
        let error = number(parse_quote!("10")).err().map(|e| e.to_string());
        assert_eq!(
            error.as_deref(),
            Some("expected a number like `10`, `-1` or `0.5`, found a string")
        );
    }

    #[test]
    fn unsigned_rejects_negative_and_strings() {
        let ok = unsigned::<usize>(&parse_quote!(10)).map(|u| u.value).ok();
        assert_eq!(ok, Some(10));
        for expr in [parse_quote!(-1), parse_quote!("10"), parse_quote!(1.5)] {
            assert!(unsigned::<usize>(&expr).is_err());
        }
        assert!(unsigned::<u32>(&parse_quote!(5000000000)).is_err());
        let negative_token = proc_macro2::Literal::i64_unsuffixed(-1);
        let error = unsigned::<usize>(&parse_quote!(#negative_token)).err();
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some("expected a non-negative integer like `10`, found a negative number")
        );
    }
}
