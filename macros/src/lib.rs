//! Proc-macros the generated clients are written in (placeholder until implemented).
use proc_macro::TokenStream;

/// Implements `oapi_client::Validate`.
#[proc_macro_derive(Validate, attributes(validate))]
pub fn derive_validate(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
/// Implements `oapi_client::Endpoint`.
#[proc_macro_derive(Endpoint, attributes(endpoint, param))]
pub fn derive_endpoint(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
/// Constructor and setters.
#[proc_macro_derive(Builder)]
pub fn derive_builder(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
/// Open enums.
#[proc_macro_derive(OpenEnum, attributes(value))]
pub fn derive_open_enum(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
/// Embeds a spec.
#[proc_macro]
pub fn include_spec(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
