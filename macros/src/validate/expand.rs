//! One runtime check call per rule, spanned at the rule's key.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;

use super::{Check, Limit, Model};

/// The impl(s) for a checked model.
pub(super) fn expand(model: &Model<'_>) -> TokenStream {
    let mut calls = TokenStream::new();
    for field in &model.fields {
        let wire = &field.wire;
        for rule in &field.rules {
            let span = rule.key;
            // The whole call sits at the key, so a type error is reported there
            // rather than stretching from the key to the field's name.
            let mut ident = field.ident.clone();
            ident.set_span(span);
            let at = if rule.check == Check::Nested && field.flatten {
                quote_spanned!(span=> path)
            } else {
                quote_spanned!(span=> &path.field(#wire))
            };
            let limit = match &rule.limit {
                Limit::Number(number) => {
                    let expr = &number.expr;
                    quote!(#expr,)
                }
                Limit::Count(count) => {
                    let lit = &count.lit;
                    quote!(#lit,)
                }
                Limit::Text(lit) => quote!(#lit,),
                Limit::None => TokenStream::new(),
            };
            calls.extend(if rule.check == Check::Nested {
                quote_spanned!(span=> ::oapi_client::Validate::validate_into(&self.#ident, #at, out);)
            } else {
                let function = format_ident!("{}", rule.check.key(), span = span);
                quote_spanned!(span=>
                    ::oapi_client::runtime::validation::#function(&self.#ident, #limit #at, out);
                )
            });
        }
    }
    let rt = quote!(::oapi_client::runtime::validation);
    for window in &model.windows {
        let (Some(start), Some(end)) =
            (model.fields.get(window.start), model.fields.get(window.end))
        else {
            continue; // ok: indices come from `resolve_windows` over these fields
        };
        let side = |field: &super::FieldRules<'_>| {
            let (ident, wire, kind) = (field.ident, &field.wire, time_kind(field));
            quote!(#rt::WindowEnd { value: &self.#ident, kind: #rt::TimeKind::#kind, name: #wire })
        };
        let (start, end) = (side(start), side(end));
        let max_days = &window.max_days.lit;
        let applies = match window
            .when
            .as_ref()
            .and_then(|(i, n)| Some((model.fields.get(*i)?, n)))
        {
            Some((field, count)) => {
                let (ident, lit) = (field.ident, &count.lit);
                quote!(#rt::at_least(&self.#ident, #lit))
            }
            None => quote!(true),
        };
        calls.extend(quote_spanned!(window.key=>
            #rt::window(#start, #end, #max_days, #applies, path, out);
        ));
    }
    expand_impl(model.input, &calls)
}

/// How a window reads a field's time: its format rule, else epoch milliseconds.
fn time_kind(field: &super::FieldRules<'_>) -> TokenStream {
    for rule in &field.rules {
        match (&rule.check, &rule.limit) {
            (Check::DateTime, Limit::Text(pattern)) => return quote!(DateTime(#pattern)),
            (Check::Date, Limit::Text(pattern)) => return quote!(Date(#pattern)),
            (Check::Rfc3339, _) => return quote!(Rfc3339),
            (Check::UnixS, _) => return quote!(Seconds),
            _ => {}
        }
    }
    quote!(Millis)
}

/// The impl around `calls` (empty for the fallback after errors).
pub(super) fn expand_impl(input: &DeriveInput, calls: &TokenStream) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let unused = if calls.is_empty() {
        quote!(let _ = (path, out);)
    } else {
        TokenStream::new()
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics ::oapi_client::Validate for #ident #ty_generics #where_clause {
            #[inline]
            fn validate_into(
                &self,
                path: &::oapi_client::FieldPath<'_>,
                out: &mut ::std::vec::Vec<::oapi_client::Violation>,
            ) {
                #unused
                #calls
            }
        }
    }
}
