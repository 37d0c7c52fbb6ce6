//! Proc-macros the generated open-platform clients are written in, also used
//! to hand-write extra endpoints.
//!
//! Every macro parses, checks, then expands; checking collects all errors at
//! once, each spanned at the token to fix. Expansions name everything by
//! absolute path (`::oapi_client::...`, `::core::...`, `::serde::...`) so they
//! work in any crate, including `oapi_client` itself; `#[oapi(crate =
//! "::oapi_runtime")]` on an item names the runtime by another path (a crate
//! that depends on `oapi-runtime` alone).

mod attr;
mod builder;
mod decode;
mod encode;
mod endpoint;
mod errors;
mod include_spec;
mod krate;
mod open_enum;
mod paged;
mod serde_attrs;
#[cfg(test)]
mod spec_corpus;
mod suggest;
#[cfg(test)]
mod tests;
mod types;
mod validate;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Parses the derive input and runs `derive`, its errors becoming
/// `compile_error!`s; the runtime is named as `#[oapi(crate = …)]` says.
fn expand_derive(
    input: TokenStream,
    derive: fn(&DeriveInput) -> syn::Result<proc_macro2::TokenStream>,
) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    with_crate(
        &input,
        derive(&input).unwrap_or_else(syn::Error::into_compile_error),
    )
}

/// `expanded` naming the runtime by the item's `#[oapi(crate = …)]` path.
fn with_crate(input: &DeriveInput, expanded: proc_macro2::TokenStream) -> TokenStream {
    match krate::path(&input.attrs) {
        Ok(None) => expanded.into(),
        Ok(Some(path)) => krate::replace(expanded, &path).into(),
        Err(error) => error.into_compile_error().into(),
    }
}

/// Implements `oapi_client::Validate` from `#[validate(...)]` rules.
///
/// Field rules: `min = N`, `max = N`, `range(min = N, max = N)`,
/// `min_items = N`, `max_items = N`, `min_length = N`, `max_length = N`,
/// `length(min = N, max = N)`, `nested`. Struct rule:
/// `window(start = field, end = field, max_days = N)`.
#[proc_macro_derive(Validate, attributes(validate, oapi))]
pub fn derive_validate(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    with_crate(&input, validate::derive(&input))
}

/// Implements `oapi_client::Endpoint` from
/// `#[endpoint(method = POST, path = "/...", gateway = G, response = R)]`
/// and `#[param(query)]`/`#[param(header)]` on fields.
#[proc_macro_derive(Endpoint, attributes(endpoint, param, oapi))]
pub fn derive_endpoint(input: TokenStream) -> TokenStream {
    expand_derive(input, endpoint::derive)
}

/// Implements `serde::Deserialize` for a response object leniently and
/// cheaply: starts from `Default`, reads the fields whose keys appear
/// (`#[serde(rename, rename_all, alias, with, deserialize_with, skip)]`
/// honoured), skips unknown keys.
#[proc_macro_derive(Decode, attributes(serde, decode, oapi))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    expand_derive(input, decode::derive)
}

/// Implements `serde::Serialize` for a request object cheaply: one call per
/// field, the same serializer calls (and bytes) as serde_derive
/// (`#[serde(rename, rename_all, skip, skip_serializing, skip_serializing_if,
/// with, serialize_with)]` honoured, other keys rejected).
#[proc_macro_derive(Encode, attributes(serde, oapi))]
pub fn derive_encode(input: TokenStream) -> TokenStream {
    expand_derive(input, encode::derive)
}

/// Generates `new(required fields...)` and one setter per `Option` field;
/// `new` takes `impl Into<_>`; setters take `String` and `Secret` as
/// `impl Into<_>`, other types as they are.
#[proc_macro_derive(Builder, attributes(oapi))]
pub fn derive_builder(input: TokenStream) -> TokenStream {
    expand_derive(input, builder::derive)
}

/// An enum of documented `#[value(...)]`s that keeps unknown values in its
/// last variant (`Other(i64)` or `Other(String)`) instead of failing.
#[proc_macro_derive(OpenEnum, attributes(value, oapi))]
pub fn derive_open_enum(input: TokenStream) -> TokenStream {
    expand_derive(input, open_enum::derive)
}

/// Implements `oapi_client::runtime::paging::Paged` from
/// `#[paging(style = offset, cursor = offset, next = result.next_cursor, items = result.data_list, item = String)]`,
/// so the client can stream every page or item of the endpoint.
#[proc_macro_derive(Paged, attributes(paging, oapi))]
pub fn derive_paged(input: TokenStream) -> TokenStream {
    expand_derive(input, paged::derive)
}

/// Generates a client module from a spec file, relative to the crate's
/// `Cargo.toml`: `include_spec!("spec/dingtalk.yaml");`.
#[proc_macro]
pub fn include_spec(input: TokenStream) -> TokenStream {
    include_spec::expand(input.into())
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}
