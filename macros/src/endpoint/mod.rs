//! `#[derive(Endpoint)]`: binds a request type to its method, path, gateway
//! and response type, and says which fields travel outside the JSON body.

mod expand;
mod parse;

use proc_macro2::TokenStream;
use syn::{DeriveInput, Ident, LitStr, Type};

/// Expands the derive, or returns every error found.
pub(crate) fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let model = parse::parse(input)?;
    Ok(expand::expand(&model))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Get,
    Post,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ParamKind {
    Query,
    Header,
}

impl ParamKind {
    fn key(self) -> &'static str {
        match self {
            ParamKind::Query => "query",
            ParamKind::Header => "header",
        }
    }
}

/// `#[endpoint(...)]` with every required key present.
struct Model<'a> {
    input: &'a DeriveInput,
    method: Method,
    path: LitStr,
    gateway: syn::Path,
    response: Type,
    name: String,
    idempotent: bool,
    auth_none: bool,
    params: Vec<Param<'a>>,
    has_body: bool,
}

/// A field sent in the query string or as a header.
struct Param<'a> {
    ident: &'a Ident,
    ty: &'a Type,
    wire: String,
    kind: ParamKind,
}
