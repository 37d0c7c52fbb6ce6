//! Reads the variants and their `#[value(...)]`s, every error collected.

use std::collections::HashMap;

use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Expr, Fields, Ident, Lit, Type, UnOp, Variant};

use crate::errors::Errors;
use crate::types;

use super::{Kind, Model, Value};

/// Reads and checks the input: the model, or every error found.
pub(super) fn parse(input: &DeriveInput) -> syn::Result<Model<'_>> {
    let Data::Enum(data) = &input.data else {
        let span = match &input.data {
            Data::Struct(data) => data.struct_token.span,
            Data::Union(data) => data.union_token.span,
            Data::Enum(data) => data.enum_token.span,
        };
        return Err(syn::Error::new(
            span,
            "#[derive(OpenEnum)] only supports enums: unit variants with #[value(...)] \
             and a last variant `Other(i64)` or `Other(String)` for unknown values",
        ));
    };
    let mut errors = Errors::default();
    if !input.generics.params.is_empty() {
        errors.spanned(&input.generics, "an open enum cannot be generic");
    }

    let variants: Vec<&Variant> = data.variants.iter().collect();
    let (last, units) = match variants.split_last() {
        Some((last, rest)) if !matches!(last.fields, Fields::Unit) => (Some(*last), rest),
        _ => (None, variants.as_slice()),
    };

    let mut kind: Option<(Kind, &Ident)> = None;
    let mut known: Vec<(&Ident, Value)> = Vec::new();
    let mut seen: HashMap<String, &Ident> = HashMap::new();
    for variant in units {
        if !matches!(variant.fields, Fields::Unit) {
            errors.at(
                variant.ident.span(),
                format!(
                    "only the last variant may hold data (the catch-all for unknown values); \
                     `{}` is not last",
                    variant.ident
                ),
            );
            continue;
        }
        let Some(value) = value_of(variant, &mut errors) else {
            continue;
        };
        match kind {
            None => kind = Some((value.kind(), &variant.ident)),
            Some((first, first_variant)) if first != value.kind() => {
                errors.at(
                    value.span(),
                    format!(
                        "all values must be of one kind: this is {}, but `{first_variant}` \
                         has {}",
                        value.kind().describe(),
                        first.describe()
                    ),
                );
                continue;
            }
            Some(_) => {}
        }
        let key = match &value {
            Value::Integer(value, _) => value.to_string(),
            Value::String(lit) => format!("{:?}", lit.value()),
        };
        if let Some(previous) = seen.get(&key) {
            errors.at(
                value.span(),
                format!("duplicate value {key}: `{previous}` already has it"),
            );
            continue;
        }
        seen.insert(key, &variant.ident);
        known.push((&variant.ident, value));
    }

    let kind = kind.map(|(kind, _)| kind);
    let other = match last {
        Some(last) => check_other(last, kind, &mut errors),
        // A data variant that is not last was reported above.
        None if units.iter().any(|v| !matches!(v.fields, Fields::Unit)) => None,
        None => {
            let example = kind.unwrap_or(Kind::Integer).other();
            errors.at(
                input.ident.span(),
                format!(
                    "`{}` has no variant for unknown values: add `{example}` as the last variant",
                    input.ident
                ),
            );
            None
        }
    };

    let (Some(other), Some(kind)) = (other, other_kind(last, kind)) else {
        // The missing pieces were recorded above.
        return Err(
            errors.into_error(|| syn::Error::new(input.ident.span(), "malformed open enum"))
        );
    };
    errors.finish()?;
    Ok(Model {
        input,
        kind,
        known,
        other: &other.ident,
    })
}

/// The `#[value(...)]` of a unit variant, or `None` after recording why not.
fn value_of(variant: &Variant, errors: &mut Errors) -> Option<Value> {
    let attrs: Vec<&Attribute> = variant
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("value"))
        .collect();
    let Some((first, rest)) = attrs.split_first() else {
        errors.at(
            variant.ident.span(),
            format!(
                "`{}` needs its documented value: #[value(1)] or #[value(\"name\")]",
                variant.ident
            ),
        );
        return None;
    };
    for extra in rest {
        errors.spanned(extra, "duplicate #[value(...)]: a variant has one value");
    }
    let expr = match first.parse_args::<Expr>() {
        Ok(expr) => crate::attr::peel(expr),
        Err(error) => {
            errors.push(error);
            return None;
        }
    };
    let value = match &expr {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Int(lit), ..
        }) => integer(lit, false).map(|v| Value::Integer(v, lit.span())),
        Expr::Unary(unary) if matches!(unary.op, UnOp::Neg(_)) => match &*unary.expr {
            Expr::Lit(syn::ExprLit {
                lit: Lit::Int(lit), ..
            }) => integer(lit, true).map(|v| Value::Integer(v, expr.span())),
            _ => Err(expected_value(&expr)),
        },
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(lit), ..
        }) => Ok(Value::String(lit.clone())),
        _ => Err(expected_value(&expr)),
    };
    errors.ok(value)
}

/// `lit` (or `-lit`) as an `i64`, so that `-9223372036854775808` fits.
fn integer(lit: &syn::LitInt, negative: bool) -> syn::Result<i64> {
    let out_of_range = || syn::Error::new(lit.span(), "value out of range for `i64`");
    if lit.base10_digits().starts_with('-') {
        // A negative literal token made by another macro.
        return lit.base10_parse().map_err(|_| out_of_range());
    }
    let magnitude: u64 = lit.base10_parse().map_err(|_| out_of_range())?;
    let value = if negative {
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    };
    value.ok_or_else(out_of_range)
}

fn expected_value(expr: &Expr) -> syn::Error {
    syn::Error::new_spanned(
        expr,
        "expected an integer (`#[value(1)]`) or a string (`#[value(\"name\")]`)",
    )
}

/// Checks the catch-all variant: one unnamed field of the enum's kind.
fn check_other<'a>(
    last: &'a Variant,
    kind: Option<Kind>,
    errors: &mut Errors,
) -> Option<&'a Variant> {
    let example = kind.unwrap_or(Kind::Integer).other();
    let field = match &last.fields {
        Fields::Unnamed(fields) if fields.unnamed.len() == 1 => fields.unnamed.first(),
        _ => None,
    };
    let Some(field) = field else {
        errors.spanned(
            &last.fields,
            format!(
                "the catch-all variant `{}` holds exactly one unnamed field, like `{example}`",
                last.ident
            ),
        );
        return None;
    };
    for attr in last
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("value"))
    {
        errors.spanned(
            attr,
            "the catch-all variant holds the unknown values: it takes no #[value]",
        );
    }
    match (kind, field_kind(&field.ty)) {
        (Some(expected), Some(found)) if expected == found => Some(last),
        (None, Some(_)) => Some(last),
        (Some(expected), _) => {
            errors.spanned(
                &field.ty,
                format!(
                    "the values are {}s, so the catch-all variant must be `{}`",
                    match expected {
                        Kind::Integer => "integer",
                        Kind::String => "string",
                    },
                    expected.other().replace("Other", &last.ident.to_string())
                ),
            );
            None
        }
        (None, None) => {
            errors.spanned(&field.ty, "the catch-all variant holds `i64` or `String`");
            None
        }
    }
}

/// The kind of the catch-all: the values' kind, else its field type's.
fn other_kind(last: Option<&Variant>, kind: Option<Kind>) -> Option<Kind> {
    kind.or_else(|| match &last?.fields {
        Fields::Unnamed(fields) => field_kind(&fields.unnamed.first()?.ty),
        _ => None,
    })
}

/// `i64` or `String` (also spelled with a path), syntactically.
fn field_kind(ty: &Type) -> Option<Kind> {
    let Type::Path(path) = types::peel(ty) else {
        return None;
    };
    let last = path.path.segments.last()?;
    if path.qself.is_some() || !last.arguments.is_none() {
        return None;
    }
    if last.ident == "i64" {
        Some(Kind::Integer)
    } else if last.ident == "String" {
        Some(Kind::String)
    } else {
        None
    }
}
