//! `#[derive(Decode)]`: a lean `serde::Deserialize` for response objects.
//!
//! Decoding starts from `Default` and overwrites the fields whose keys
//! appear; unknown keys are skipped, absent ones stay at their default (the
//! platform omits and adds fields freely). The expansion is one `match` on
//! the key, the visitor is shared in `oapi_client::runtime::decode`: a
//! fraction of what serde_derive emits, which is most of what a large
//! generated crate used to compile. It reads the `#[serde(...)]` keys that
//! decide where a value comes from (`rename`, `rename_all`, `alias`, `with`,
//! `deserialize_with`, `skip`, `skip_deserializing`) and rejects the ones it
//! cannot honour, so a type never decodes differently from what its
//! attributes say.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, DeriveInput, ExprPath, Ident, LitStr, Type};

use crate::attr;
use crate::errors::Errors;
use crate::serde_attrs::{
    RenameRule, field_key, for_each_key_checked, path_value, rename_rule, side_name, unsupported,
};

/// Expands the derive, or returns every error found.
pub(crate) fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let model = parse(input)?;
    Ok(expand(&model))
}

struct Model<'a> {
    ident: &'a Ident,
    fields: Vec<DecodeField<'a>>,
}

struct DecodeField<'a> {
    ident: &'a Ident,
    ty: &'a Type,
    /// Wire name first, then aliases.
    keys: Vec<String>,
    /// `with = "m"` → `m::deserialize`, `deserialize_with = "f"` → `f`.
    with: Option<ExprPath>,
    /// `#[decode(lenient = true|false)]`: this field's decoding mode,
    /// whatever the answer's (see `oapi_client::runtime::lenient`).
    lenient: Option<bool>,
}

fn parse(input: &DeriveInput) -> syn::Result<Model<'_>> {
    let mut errors = Errors::default();
    let named = attr::named_fields(input, "Decode")?;
    attr::reject_generics(input, &mut errors, "Decode", "response");
    let rule = container_rule(&input.attrs, &mut errors);
    let mut fields: Vec<DecodeField<'_>> = Vec::new();
    for field in named {
        let Some(ident) = &field.ident else { continue };
        let Some(decoded) = parse_field(ident, &field.ty, &field.attrs, rule, &mut errors) else {
            continue;
        };
        // A key read twice would be an unreachable `match` arm: say which field has it.
        for (i, key) in decoded.keys.iter().enumerate() {
            if let Some(earlier) = fields.iter().find(|f| f.keys.contains(key)) {
                let message = format!("key {key:?} is already decoded into `{}`", earlier.ident);
                errors.at(ident.span(), message);
            } else if decoded.keys[..i].contains(key) {
                errors.at(
                    ident.span(),
                    format!("key {key:?} is given twice for this field"),
                );
            }
        }
        fields.push(decoded);
    }
    errors.finish()?;
    Ok(Model {
        ident: &input.ident,
        fields,
    })
}

/// The container's deserialize-side `rename_all`; errors on container keys
/// that change decoding in ways the derive does not implement.
fn container_rule(attrs: &[Attribute], errors: &mut Errors) -> Option<RenameRule> {
    let mut rule = None;
    for_each_key_checked(attrs, errors, |meta, errors| {
        match attr::key_name(&meta.path).as_str() {
            "rename_all" => rule = rename_rule(meta, "deserialize", errors)?,
            "deny_unknown_fields" | "transparent" | "from" | "try_from" | "tag" | "untagged" => {
                unsupported(meta, errors, "Decode", "Deserialize")?;
            }
            _ => attr::skip_value(meta)?,
        }
        Ok(())
    });
    rule
}

fn parse_field<'a>(
    ident: &'a Ident,
    ty: &'a Type,
    attrs: &[Attribute],
    rule: Option<RenameRule>,
    errors: &mut Errors,
) -> Option<DecodeField<'a>> {
    let mut rename: Option<LitStr> = None;
    let mut aliases = Vec::new();
    let mut with = None;
    let mut skip = false;
    for_each_key_checked(attrs, errors, |meta, errors| {
        match attr::key_name(&meta.path).as_str() {
            "rename" => rename = side_name(meta, "deserialize")?.or(rename.take()),
            "alias" => aliases.push(meta.value()?.parse::<LitStr>()?.value()),
            "skip" | "skip_deserializing" => skip = true,
            "with" => with = path_value(meta, errors, Some("deserialize"))?,
            "deserialize_with" => with = path_value(meta, errors, None)?,
            "flatten" => {
                errors.spanned(
                    &meta.path,
                    "#[derive(Decode)] does not implement #[serde(flatten)]: declare the \
                     fields in this struct, or derive serde's `Deserialize` for it",
                );
            }
            _ => attr::skip_value(meta)?,
        }
        Ok(())
    });
    if skip {
        return None;
    }
    let lenient = decode_mode(attrs, errors);
    let mut keys = vec![field_key(ident, rename.map(|name| name.value()), rule)];
    keys.extend(aliases);
    Some(DecodeField {
        ident,
        ty,
        keys,
        with,
        lenient,
    })
}

/// `#[decode(lenient = true|false)]`, the only key of `#[decode(...)]`.
fn decode_mode(attrs: &[Attribute], errors: &mut Errors) -> Option<bool> {
    let mut mode = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("decode")) {
        let result = attr.parse_nested_meta(|meta| {
            if !meta.path.is_ident("lenient") {
                let key = attr::key_name(&meta.path);
                errors.spanned(
                    &meta.path,
                    crate::suggest::unknown_key(&key, "#[decode(...)]", &["lenient"]),
                );
                return attr::skip_value(&meta);
            }
            let Some(expr) = attr::value(&meta, "lenient = true", errors)? else {
                return Ok(());
            };
            match expr {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Bool(value),
                    ..
                }) => mode = Some(value.value),
                other => errors.spanned(&other, "expected `true` or `false`"),
            }
            Ok(())
        });
        errors.ok(result);
    }
    mode
}

fn expand(model: &Model<'_>) -> TokenStream {
    let ident = model.ident;
    let arms = model.fields.iter().map(|field| {
        let (member, keys) = (field.ident, &field.keys);
        // One call per field, no `?`: the arms stay tiny for type and
        // borrow checking (this body is compiled once per response type).
        let read = match (&field.with, field.lenient) {
            (None, Some(lenient)) => {
                quote!(::oapi_client::runtime::decode::field_mode(map, &mut self.#member, #lenient))
            }
            (None, None) => quote!(::oapi_client::runtime::decode::field(map, &mut self.#member)),
            (Some(path), _) => {
                let ty = field.ty;
                quote_spanned! {path.span()=> {
                    struct __With(#ty);
                    impl<'de> ::serde::Deserialize<'de> for __With {
                        fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                            #path(deserializer).map(__With)
                        }
                    }
                    ::serde::de::MapAccess::next_value::<__With>(map).map(|value| {
                        self.#member = value.0;
                        true
                    })
                }}
            }
        };
        quote!(#(#keys)|* => #read,)
    });
    // No fields: every key is unknown, and `map` would be an unused parameter.
    let body = if model.fields.is_empty() {
        quote! { let _ = (key, map); ::core::result::Result::Ok(false) }
    } else {
        quote! {
            match key {
                #(#arms)*
                _ => ::core::result::Result::Ok(false),
            }
        }
    };
    quote! {
        #[automatically_derived]
        impl ::oapi_client::runtime::decode::DecodeFields for #ident {
            fn decode_field<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                key: &str,
                map: &mut A,
            ) -> ::core::result::Result<bool, A::Error> {
                #body
            }
        }
        #[automatically_derived]
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::oapi_client::runtime::decode::deserialize(deserializer)
            }
        }
    }
}
