//! What the client needs to know about a request type to send it.
//!
//! `#[derive(Endpoint)]` implements [`Endpoint`] from
//! `#[endpoint(method = POST, path = "...", gateway = OAPI, response = Response)]`.
//! Platform-wide facts (host, auth scheme, response envelope) live in one
//! [`Gateway`] constant per host, emitted once per platform.

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::validation::Validate;

/// HTTP method of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`: parameters in the query string.
    Get,
    /// `POST`: parameters in a JSON body.
    Post,
}

impl Method {
    /// The method as written in an HTTP request line.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// How a request proves who sends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Auth {
    /// No credentials (e.g. the token endpoint itself).
    None,
    /// DingTalk OAPI: `?access_token=` in the query string.
    QueryToken,
    /// api.dingtalk.com v1.0: the token in the `x-acs-dingtalk-access-token` header.
    HeaderToken,
    /// 食亨: the body is wrapped in the signed `appId/sign/version/timestamp/paramContent` envelope.
    SignedEnvelope,
}

/// How a response says whether the call succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Envelope {
    /// DingTalk OAPI: HTTP 200 with `errcode` (0 = success), `errmsg`, `sub_code`,
    /// `sub_msg`, `request_id` beside the business fields.
    ErrCode,
    /// api.dingtalk.com v1.0: HTTP 2xx carries the business object; errors are an
    /// HTTP status with `{code, message, requestid}`.
    HttpStatus,
    /// 食亨: `{code: "0", msg, traceId, result: <business object>}`.
    CodeResult,
}

/// One host of a platform with its auth scheme and envelope: said once per platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Gateway {
    /// Name used to override the base URL on the client builder (e.g. `"oapi"`).
    pub name: &'static str,
    /// Documented base URL, e.g. `https://oapi.dingtalk.com`.
    pub base_url: &'static str,
    /// Auth scheme of every endpoint on this host.
    pub auth: Auth,
    /// Response envelope of every endpoint on this host.
    pub envelope: Envelope,
    /// Envelope `version` for [`Auth::SignedEnvelope`]; empty otherwise.
    pub version: &'static str,
}

/// Static facts about one endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EndpointInfo {
    /// Stable name used in errors and traces, e.g. `"blackboard.create"`.
    pub name: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path below the gateway's base URL, e.g. `/topapi/blackboard/create`.
    pub path: &'static str,
    /// Host, auth and envelope.
    pub gateway: &'static Gateway,
    /// Auth scheme: the gateway's, unless the endpoint overrides it
    /// (the token endpoint itself uses [`Auth::None`]).
    pub auth: Auth,
    /// Whether sending the request twice is harmless, so it may be retried
    /// after it may have reached the server.
    pub idempotent: bool,
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

/// Where a token-authenticated platform gets its access token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TokenEndpoint {
    /// Host of the token endpoint.
    pub gateway: &'static Gateway,
    /// Path, e.g. `/gettoken` (called as `GET ?appkey=&appsecret=`).
    pub path: &'static str,
}

/// Platform-wide facts, emitted once per spec file as `<platform>::PLATFORM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Platform {
    /// The spec's `platform` name, e.g. `"dingtalk"`.
    pub name: &'static str,
    /// Every host of the platform.
    pub gateways: &'static [&'static Gateway],
    /// Where tokens come from, for `query_token`/`header_token` gateways.
    pub token: Option<TokenEndpoint>,
}
