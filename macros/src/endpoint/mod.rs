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
    Put,
    Patch,
    Delete,
}

impl Method {
    /// Every method, by the name written in `method = …`.
    const ALL: [(&'static str, Method); 5] = [
        ("GET", Method::Get),
        ("POST", Method::Post),
        ("PUT", Method::Put),
        ("PATCH", Method::Patch),
        ("DELETE", Method::Delete),
    ];

    /// The runtime's variant name.
    fn variant(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Patch => "Patch",
            Method::Delete => "Delete",
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ParamKind {
    Query,
    Header,
    Path,
}

impl ParamKind {
    fn key(self) -> &'static str {
        match self {
            ParamKind::Query => "query",
            ParamKind::Header => "header",
            ParamKind::Path => "path",
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
    rate_limits: Vec<RateLimit>,
    params: Vec<Param<'a>>,
    has_body: bool,
}

/// `rate_limit(per = app_endpoint, limit = 40, window = "1s")`.
struct RateLimit {
    /// `app`, `app_gateway` or `app_endpoint`.
    per: String,
    limit: u64,
    window_ms: u64,
}

/// A field sent in the query string, as a header or in the path.
struct Param<'a> {
    ident: &'a Ident,
    ty: &'a Type,
    wire: String,
    kind: ParamKind,
    /// Sent as its JSON text (an object or list in a query string).
    json: bool,
}
