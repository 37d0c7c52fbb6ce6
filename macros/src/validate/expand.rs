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
    for window in &model.windows {
        let (Some(start), Some(end)) =
            (model.fields.get(window.start), model.fields.get(window.end))
        else {
            continue; // ok: indices come from `resolve_windows` over these fields
        };
        let (start_wire, end_wire) = (&start.wire, &end.wire);
        let (start, end) = (start.ident, end.ident);
        let max_days = &window.max_days.lit;
        calls.extend(quote_spanned!(window.key=>
            ::oapi_client::runtime::validation::window(
                &self.#start, &self.#end, #start_wire, #end_wire, #max_days, path, out,
            );
        ));
    }
    expand_impl(model.input, &calls)
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
