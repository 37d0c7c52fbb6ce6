//! `#[derive(Builder)]`: `new` takes the required fields, one setter per
//! optional (`Option<...>`) field. Forgetting a required field is therefore a
//! compile error (the arity of `new`), not a runtime one.
//!
//! `new` takes every field as `impl Into<_>` but numbers, taken as their type
//! (so `Request::new(1621503576000)` compiles for an `i64`). A setter takes text (`String`,
//! `Secret`) as `impl Into<_>`, so literals pass as they are, and every other
//! type as itself (the AWS SDK's convention): a generic parameter would make
//! each setter a generic function, which rustc pays for in memory
//! (BENCHMARKS.md §2.9).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::ext::IdentExt;
use syn::{Attribute, DeriveInput, Ident, Type};

use crate::attr;
use crate::errors::Errors;
use crate::types;

/// Expands the derive, or returns every error found.
pub(crate) fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let model = parse(input)?;
    Ok(expand(&model))
}

struct Model<'a> {
    input: &'a DeriveInput,
    fields: Vec<BuilderField<'a>>,
}

struct BuilderField<'a> {
    ident: &'a Ident,
    /// The type itself when required, the type inside `Option` when optional.
    ty: &'a Type,
    optional: bool,
    docs: Vec<&'a Attribute>,
}

fn parse(input: &DeriveInput) -> syn::Result<Model<'_>> {
    let mut errors = Errors::default();
    let mut fields = Vec::new();
    for field in attr::named_fields(input, "Builder")? {
        let Some(ident) = &field.ident else { continue };
        let inner = types::option_inner(&field.ty);
        if inner.is_some() && ident.unraw() == "new" {
            errors.at(
                ident.span(),
                "an optional field named `new` would need a setter `new`, which is the \
                 constructor: rename the Rust field and keep the wire name with \
                 #[serde(rename = \"new\")]",
            );
        }
        fields.push(BuilderField {
            ident,
            ty: inner.unwrap_or(&field.ty),
            optional: inner.is_some(),
            docs: field
                .attrs
                .iter()
                .filter(|attr| attr.path().is_ident("doc"))
                .collect(),
        });
    }
    errors.finish()?;
    Ok(Model { input, fields })
}

fn expand(model: &Model<'_>) -> TokenStream {
    let input = model.input;
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let required: Vec<&BuilderField<'_>> = model.fields.iter().filter(|f| !f.optional).collect();
    // `new` is generic in its parameters (rustc then names a missing one in
    // its error: "/* size */"), except numbers: an unsuffixed literal for an
    // `impl Into<i64>` parameter is inferred `i32`, so `1621503576000` would
    // not compile. Those take their type as it is.
    let params = required.iter().map(|field| {
        let (ident, ty) = (field.ident, field.ty);
        if types::is_number(ty) {
            quote!(#ident: #ty)
        } else {
            quote!(#ident: impl ::core::convert::Into<#ty>)
        }
    });
    let inits = model.fields.iter().map(|field| {
        let ident = field.ident;
        if field.optional {
            quote!(#ident: ::core::option::Option::None)
        } else if types::is_number(field.ty) {
            quote!(#ident)
        } else {
            quote!(#ident: ::core::convert::Into::into(#ident))
        }
    });
    let setters = model.fields.iter().filter(|f| f.optional).map(|field| {
        let ident = field.ident;
        let param = parameter(field.ty);
        let value = stored_value(field.ty);
        let docs = if field.docs.is_empty() {
            let doc = format!("Sets `{}`.", ident.unraw());
            quote!(#[doc = #doc])
        } else {
            let docs = &field.docs;
            quote!(#(#docs)*)
        };
        quote! {
            #docs
            #[inline]
            pub fn #ident(mut self, value: #param) -> Self {
                self.#ident = ::core::option::Option::Some(#value);
                self
            }
        }
    });
    // `new` carries the type name's span so that "this function takes N
    // arguments" points at `struct Request`, not at the derive list.
    let new = quote_spanned!(ident.span()=> new);
    quote! {
        #[automatically_derived]
        impl #impl_generics #ident #ty_generics #where_clause {
            /// Creates the request from its required fields.
            #[inline]
            #[allow(clippy::too_many_arguments, clippy::new_without_default)]
            pub fn #new(#(#params),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }
    }
}

/// The parameter type of a setter for a field of type `ty`.
fn parameter(ty: &Type) -> TokenStream {
    if types::is_text(ty) {
        quote!(impl ::core::convert::Into<#ty>)
    } else {
        quote!(#ty)
    }
}

/// What a setter stores from its parameter `value` in a field of type `ty`.
fn stored_value(ty: &Type) -> TokenStream {
    if types::is_text(ty) {
        quote!(::core::convert::Into::into(value))
    } else {
        quote!(value)
    }
}
