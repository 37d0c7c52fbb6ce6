//! What the client needs to know about a request type to send it.
//!
//! `#[derive(Endpoint)]` implements [`Endpoint`] from
//! `#[endpoint(method = POST, path = "...", gateway = OAPI, response = Response)]`.
//! Platform-wide facts (host, envelope, what requests carry) live in one
//! [`Gateway`] constant per host, emitted once per platform from its spec.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::spec::{Gateway, RateLimit};
use super::validation::Validate;

/// HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: parameters in the query string, no body.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method as written in an HTTP request line.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// Static facts about one endpoint.
#[derive(Debug, Clone, Copy)]
pub struct EndpointInfo {
    /// Stable name used in errors and traces, e.g. `"blackboard.create"`.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path below the gateway's base URL, with `{name}` placeholders for
    /// path parameters, e.g. `/v1.0/contact/users/{unionId}`.
    pub path: &'static str,
    /// Host, envelope and what requests carry.
    pub gateway: &'static Gateway,
    /// Whether the gateway's request additions (token, signature, wrapped
    /// body) apply; `false` for endpoints that opt out (`auth: none`, the
    /// token endpoint itself).
    pub auth: bool,
    /// Whether sending the request twice is harmless, so it may be retried
    /// after it may have reached the server.
    pub idempotent: bool,
    /// Limits on this endpoint.
    pub rate_limits: &'static [RateLimit],
}

/// A request type bound to its endpoint and response type.
pub trait Endpoint: Serialize + Validate + Send + Sync {
    /// The business part of a successful response (envelope fields removed).
    type Response: DeserializeOwned + Send;
    /// Method, path, gateway, idempotency.
    const INFO: EndpointInfo;
    /// Whether the request has a JSON body (false when every field travels in
    /// the query string or headers; the derive writes it only then).
    const HAS_BODY: bool = true;
    /// Appends the fields marked `#[param(query)]`.
    fn write_query(&self, _out: &mut Params) {}
    /// Appends the fields marked `#[param(header)]`.
    fn write_headers(&self, _out: &mut Params) {}
    /// Appends the fields marked `#[param(path)]` (each fills the path's
    /// `{name}` placeholder of its wire name).
    fn write_path(&self, _out: &mut Params) {}
}

/// Name/value pairs for a query string or headers, in declaration order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Params {
    /// The pairs; absent optional values are not added.
    pub pairs: Vec<(&'static str, String)>,
}

impl Params {
    /// Appends `name=value` unless the value is absent.
    pub fn push<V: ParamValue + ?Sized>(&mut self, name: &'static str, value: &V) {
        if let Some(text) = value.to_param() {
            self.pairs.push((name, text));
        }
    }

    /// Appends `name=<value as JSON text>` (`encoding: json` parameters)
    /// unless the value is absent (`None` serialises as `null`).
    pub fn push_json<V: serde::Serialize + ?Sized>(&mut self, name: &'static str, value: &V) {
        match serde_json::to_string(value) {
            Ok(text) if text != "null" => self.pairs.push((name, text)),
            _ => {}
        }
    }
}

/// A value that can travel in a query string or header.
pub trait ParamValue {
    /// The text form, or `None` when absent.
    fn to_param(&self) -> Option<String>;
}

macro_rules! param_via_display {
    ($($ty:ty),*) => {$(
        impl ParamValue for $ty {
            fn to_param(&self) -> Option<String> {
                Some(self.to_string())
            }
        }
    )*};
}
param_via_display!(
    String, str, bool, i8, i16, i32, i64, u8, u16, u32, u64, f32, f64
);

impl<T: ParamValue> ParamValue for Option<T> {
    fn to_param(&self) -> Option<String> {
        self.as_ref().and_then(ParamValue::to_param)
    }
}

impl<T: ParamValue> ParamValue for Vec<T> {
    /// Lists travel comma-separated, as the platforms document.
    fn to_param(&self) -> Option<String> {
        let parts: Vec<String> = self.iter().filter_map(ParamValue::to_param).collect();
        Some(parts.join(","))
    }
}
