//! The `Endpoint` impl: static `INFO`, `HAS_BODY`, the query/header writers.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use super::{Model, ParamKind};

/// The impl(s) for a checked model.
pub(super) fn expand(model: &Model<'_>) -> TokenStream {
    let input = model.input;
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let response = &model.response;
    let gateway = &model.gateway;
    let name = &model.name;
    let path = &model.path;
    let idempotent = model.idempotent;
    // `true` is the trait's default: written only when the request has no body.
    let has_body = (!model.has_body).then(|| {
        quote!(
            const HAS_BODY: bool = false;
        )
    });
    let method = quote::format_ident!("{}", model.method.variant());
    let method = quote!(::oapi_client::Method::#method);
    let auth = !model.auth_none;
    let rate_limits = model.rate_limits.iter().map(|limit| {
        let per = quote::format_ident!(
            "{}",
            match limit.per.as_str() {
                "app" => "App",
                "app_gateway" => "AppGateway",
                _ => "AppEndpoint",
            }
        );
        let (count, window) = (limit.limit, limit.window_ms);
        quote!(::oapi_client::runtime::spec::RateLimit {
            per: ::oapi_client::runtime::spec::Scope::#per,
            limit: #count,
            window_ms: #window,
        })
    });
    let write_query = write_params(model, ParamKind::Query, quote!(write_query));
    let write_headers = write_params(model, ParamKind::Header, quote!(write_headers));
    let write_path = write_params(model, ParamKind::Path, quote!(write_path));
    quote! {
        #[automatically_derived]
        impl #impl_generics ::oapi_client::Endpoint for #ident #ty_generics #where_clause {
            type Response = #response;
            const INFO: ::oapi_client::EndpointInfo = ::oapi_client::EndpointInfo {
                name: #name,
                method: #method,
                path: #path,
                gateway: &#gateway,
                auth: #auth,
                idempotent: #idempotent,
                rate_limits: &[#(#rate_limits),*],
            };
            #has_body
            #write_query
            #write_headers
            #write_path
        }
    }
}

/// `write_query`/`write_headers` pushing each field of `kind`; nothing when
/// there is none, so the trait's empty default applies.
fn write_params(model: &Model<'_>, kind: ParamKind, method: TokenStream) -> TokenStream {
    let pushes: Vec<TokenStream> = model
        .params
        .iter()
        .filter(|param| param.kind == kind)
        .map(|param| {
            // Spanned at the type: "`X` is not `ParamValue`" points at it.
            let span = param.ty.span();
            let mut ident = param.ident.clone();
            ident.set_span(span);
            let wire = &param.wire;
            if param.json {
                quote_spanned!(span=> out.push_json(#wire, &self.#ident);)
            } else {
                quote_spanned!(span=> out.push(#wire, &self.#ident);)
            }
        })
        .collect();
    if pushes.is_empty() {
        return TokenStream::new();
    }
    quote! {
        #[inline]
        fn #method(&self, out: &mut ::oapi_client::Params) {
            #(#pushes)*
        }
    }
}
