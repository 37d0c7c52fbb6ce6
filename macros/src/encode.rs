//! `#[derive(Encode)]`: a lean `serde::Serialize` for request objects.
//!
//! The expansion is one call per field on `oapi_client::runtime::encode::Object`
//! (no `?`, no length expression to type-check beyond one helper call per
//! optional field), making the serializer calls serde_derive makes, so the
//! bytes are the same (食亨 signs the request body). It honours the
//! `#[serde(...)]` keys that decide what is written (`rename`, `rename_all`,
//! `skip`, `skip_serializing`, `skip_serializing_if`, `with`,
//! `serialize_with`), ignores deserialize-only ones, and rejects the rest,
//! so a type never serialises differently from what its attributes say.

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt;
use syn::{Attribute, DeriveInput, ExprPath, Ident, Type};

use crate::attr;
use crate::errors::Errors;
use crate::serde_attrs::{
    RenameRule, field_key, for_each_key_checked, path_value, rename_rule, side_name, unsupported,
};
use crate::types;

/// Expands the derive, or returns every error found.
pub(crate) fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let model = parse(input)?;
    Ok(expand(&model))
}

struct Model<'a> {
    ident: &'a Ident,
    fields: Vec<EncodeField<'a>>,
}

struct EncodeField<'a> {
    ident: &'a Ident,
    ty: &'a Type,
    key: String,
    /// `skip_serializing_if`: `Option::is_none` (the common case) or another path.
    skip_if: Option<ExprPath>,
    /// `with = "m"` → `m::serialize`, `serialize_with = "f"` → `f`.
    with: Option<ExprPath>,
}

/// Deserialize-side keys: they do not change what is written.
const DESERIALIZE_ONLY: &[&str] = &[
    "default",
    "alias",
    "deserialize_with",
    "skip_deserializing",
    "borrow",
];

fn parse(input: &DeriveInput) -> syn::Result<Model<'_>> {
    let mut errors = Errors::default();
    let named = attr::named_fields(input, "Encode")?;
    attr::reject_generics(input, &mut errors, "Encode", "request");
    let rule = container_rule(&input.attrs, &mut errors);
    let fields = named
        .iter()
        .filter_map(|field| {
            let ident = field.ident.as_ref()?;
            parse_field(ident, &field.ty, &field.attrs, rule, &mut errors)
        })
        .collect();
    errors.finish()?;
    Ok(Model {
        ident: &input.ident,
        fields,
    })
}

/// The container's serialize-side `rename_all`; errors on container keys
/// that change serialisation in ways the derive does not implement.
fn container_rule(attrs: &[Attribute], errors: &mut Errors) -> Option<RenameRule> {
    let mut rule = None;
    for_each_key_checked(attrs, errors, |meta, errors| {
        match attr::key_name(&meta.path).as_str() {
            "rename_all" => rule = rename_rule(meta, "serialize", errors)?,
            "deny_unknown_fields" | "default" => attr::skip_value(meta)?,
            _ => unsupported(meta, errors, "Encode", "Serialize")?,
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
) -> Option<EncodeField<'a>> {
    let mut rename = None;
    let mut skip = false;
    let mut skip_if = None;
    let mut with = None;
    for_each_key_checked(attrs, errors, |meta, errors| {
        match attr::key_name(&meta.path).as_str() {
            "rename" => rename = side_name(meta, "serialize")?.or(rename.take()),
            "skip" | "skip_serializing" => skip = true,
            "skip_serializing_if" => skip_if = path_value(meta, errors, None)?,
            "with" => with = path_value(meta, errors, Some("serialize"))?,
            "serialize_with" => with = path_value(meta, errors, None)?,
            key if DESERIALIZE_ONLY.contains(&key) => attr::skip_value(meta)?,
            _ => unsupported(meta, errors, "Encode", "Serialize")?,
        }
        Ok(())
    });
    (!skip).then(|| EncodeField {
        ident,
        ty,
        key: field_key(ident, rename.map(|name| name.value()), rule),
        skip_if,
        with,
    })
}

fn expand(model: &Model<'_>) -> TokenStream {
    let ident = model.ident;
    let name = ident.unraw().to_string();
    let rt = quote!(::oapi_client::runtime::encode);
    let always = model.fields.iter().filter(|f| f.skip_if.is_none()).count();
    let counted = model.fields.iter().filter_map(|field| {
        let member = field.ident;
        match &field.skip_if {
            Some(path) if types::is_option_is_none(&path.path) => {
                Some(quote!(+ #rt::present(&self.#member)))
            }
            Some(path) => Some(quote!(+ ::core::primitive::usize::from(!#path(&self.#member)))),
            None => None,
        }
    });
    let calls = model.fields.iter().map(|field| {
        let (member, key) = (field.ident, &field.key);
        let value = match &field.with {
            None => quote!(&self.#member),
            Some(path) => {
                // serde_derive's own device: a local wrapper whose
                // `Serialize` calls the `with` function.
                let ty = field.ty;
                quote! { &{
                    struct __With<'a>(&'a #ty);
                    impl ::serde::Serialize for __With<'_> {
                        fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                            #path(self.0, serializer)
                        }
                    }
                    __With(&self.#member)
                }}
            }
        };
        match &field.skip_if {
            Some(path) if types::is_option_is_none(&path.path) && field.with.is_none() => {
                quote!(object.optional(#key, &self.#member);)
            }
            Some(path) => quote! {
                if #path(&self.#member) { object.skip(#key) } else { object.field(#key, #value) }
            },
            None => quote!(object.field(#key, #value);),
        }
    });
    quote! {
        #[automatically_derived]
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #[allow(unused_mut)]
                let mut object = #rt::Object::begin(serializer, #name, #always #(#counted)*);
                #(#calls)*
                object.end()
            }
        }
    }
}
