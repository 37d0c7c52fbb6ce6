//! The small, checked model that emission works from: Rust names decided,
//! defaults applied, nested objects turned into named types. Nothing here
//! refers to YAML.

use std::path::PathBuf;

/// Everything generated from a set of spec files.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// One per spec file.
    pub platforms: Vec<Platform>,
}

impl Api {
    /// Every endpoint of every platform, in spec order.
    pub fn endpoints(&self) -> impl Iterator<Item = &Endpoint> {
        self.platforms
            .iter()
            .flat_map(|p| &p.groups)
            .flat_map(|g| &g.endpoints)
    }
}

/// One spec file.
#[derive(Debug, Clone, PartialEq)]
pub struct Platform {
    /// Module name, e.g. `dingtalk`.
    pub module: String,
    /// Platform doc text.
    pub doc: String,
    /// The spec file it came from.
    pub source: PathBuf,
    /// Hosts.
    pub gateways: Vec<Gateway>,
    /// Token endpoint: gateway const name and path.
    pub token: Option<(String, String)>,
    /// API groups.
    pub groups: Vec<Group>,
}

/// Auth schemes the runtime implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthKind {
    /// No credentials.
    None,
    /// `?access_token=`.
    QueryToken,
    /// `x-acs-dingtalk-access-token` header.
    HeaderToken,
    /// Signed `appId/sign/version/timestamp/paramContent` envelope.
    SignedEnvelope,
}

/// Response envelopes the runtime decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeKind {
    /// `errcode`/`errmsg` beside the business fields.
    ErrCode,
    /// HTTP status + `{code, message, requestid}`.
    HttpStatus,
    /// `{code, msg, traceId, result}`.
    CodeResult,
}

/// One host.
#[derive(Debug, Clone, PartialEq)]
pub struct Gateway {
    /// Spec key, e.g. `oapi` (the name used to override its base URL).
    pub key: String,
    /// Rust const name, e.g. `OAPI`.
    pub const_name: String,
    /// Documented base URL.
    pub base_url: String,
    /// Auth scheme.
    pub auth: AuthKind,
    /// Envelope.
    pub envelope: EnvelopeKind,
    /// Signed-envelope version ("" otherwise).
    pub version: String,
}

/// An API group: one module and one accessor on the client.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Module and accessor name, e.g. `blackboard`.
    pub module: String,
    /// Doc text.
    pub doc: String,
    /// Endpoints in spec order.
    pub endpoints: Vec<Endpoint>,
}

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpMethod {
    /// GET.
    Get,
    /// POST (the default: most open-platform endpoints are POSTs).
    #[default]
    Post,
}

impl HttpMethod {
    /// As written in a spec and an HTTP request line.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
        }
    }
}

/// One endpoint: a module with `Request`, `Response` and nested types.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// Module and client method name, e.g. `category_list`.
    pub module: String,
    /// Stable operation name, e.g. `blackboard.category_list`.
    pub op_name: String,
    /// One-line summary.
    pub doc: String,
    /// Longer text, if any.
    pub description: Option<String>,
    /// Documentation URL, if any.
    pub see: Option<String>,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path below the base URL.
    pub path: String,
    /// Gateway const name, e.g. `OAPI`.
    pub gateway: String,
    /// Documented base URL of the gateway (for docs).
    pub base_url: String,
    /// The endpoint overrides the gateway's auth with none.
    pub auth_none: bool,
    /// Safe to retry after it may have reached the server.
    pub idempotent: bool,
    /// The request type (`Request`).
    pub request: Struct,
    /// The response type (`Response`).
    pub response: Struct,
    /// Nested types in first-use order.
    pub types: Vec<TypeDef>,
    /// Cross-field rules on the request.
    pub windows: Vec<Window>,
    /// Paging, if the endpoint pages.
    pub paging: Option<Paging>,
    /// Documented request example (JSON text).
    pub request_example: Option<String>,
    /// Documented response example (JSON text).
    pub response_example: Option<String>,
}

/// A generated struct.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Rust type name.
    pub name: String,
    /// Doc text.
    pub doc: String,
    /// Fields in spec order.
    pub fields: Vec<Field>,
    /// Request-side types get validation and builders; response-side types are all-optional.
    pub side: Side,
    /// The endpoint's request type of a paged endpoint (derives `Paged`).
    pub paged: bool,
}

/// Which way a type travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Sent: validated, built, required fields non-optional.
    Request,
    /// Received: every field optional, unknown fields ignored.
    Response,
}

/// A generated nested type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeDef {
    /// An object.
    Struct(Struct),
    /// An open enum.
    Enum(Enum),
}

/// Where a request field travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// JSON body.
    Body,
    /// Query string.
    Query,
    /// HTTP header.
    Header,
}

/// One field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// Name on the wire, as documented.
    pub wire: String,
    /// Rust identifier (may be raw, e.g. `r#type`).
    pub ident: String,
    /// Doc text.
    pub doc: String,
    /// Type.
    pub ty: Ty,
    /// Non-`Option` in Rust.
    pub required: bool,
    /// Where it travels (request fields).
    pub place: Place,
    /// Documented limits.
    pub limits: Limits,
    /// Sent as one comma-separated string.
    pub comma: bool,
    /// Documented example value.
    pub example: Option<serde_json::Value>,
    /// Documented default value.
    pub default: Option<serde_json::Value>,
}

/// A field type.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// `serde_json::Value`.
    Json,
    /// `Secret<T>`.
    Secret(Box<Ty>),
    /// A generated struct or enum of the endpoint.
    Named {
        /// Type name.
        name: String,
        /// Whether it has validation of its own (request structs).
        validated: bool,
    },
    /// `Vec<T>`.
    List(Box<Ty>),
}

impl Ty {
    /// Whether validation must descend into this type.
    pub fn is_validated(&self) -> bool {
        match self {
            Ty::Named { validated, .. } => *validated,
            Ty::List(inner) | Ty::Secret(inner) => inner.is_validated(),
            _ => false,
        }
    }
}

/// A numeric bound, kept as written (`50`, `1.5`).
#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    /// An integer bound.
    Int(i64),
    /// A float bound.
    Float(f64),
}

/// Documented limits of one field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Limits {
    /// Inclusive minimum (numbers).
    pub min: Option<Bound>,
    /// Inclusive maximum (numbers).
    pub max: Option<Bound>,
    /// Minimum list length.
    pub min_items: Option<u64>,
    /// Maximum list length.
    pub max_items: Option<u64>,
    /// Minimum text length in characters.
    pub min_length: Option<u64>,
    /// Maximum text length in characters.
    pub max_length: Option<u64>,
}

impl Limits {
    /// Whether any limit is set.
    pub fn any(&self) -> bool {
        *self != Limits::default()
    }
}

/// A generated open enum.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Type name.
    pub name: String,
    /// Doc text.
    pub doc: String,
    /// Integer or string values.
    pub integer: bool,
    /// Documented values.
    pub variants: Vec<Variant>,
}

/// One documented enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// Rust variant name.
    pub ident: String,
    /// The value on the wire.
    pub value: serde_json::Value,
    /// Meaning.
    pub doc: String,
}

/// `window` rule: `end` within `max_days` after `start` (epoch ms).
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// Rust ident of the start field.
    pub start: String,
    /// Rust ident of the end field.
    pub end: String,
    /// Longest span in days.
    pub max_days: u32,
}

/// How an endpoint pages (field names are dotted wire-name paths).
#[derive(Debug, Clone, PartialEq)]
pub struct Paging {
    /// Style name.
    pub style: String,
    /// Request cursor/offset/page field.
    pub cursor: Option<String>,
    /// Request page-size field.
    pub size: Option<String>,
    /// Response next-cursor field.
    pub next: Option<String>,
    /// Response has-more flag.
    pub has_more: Option<String>,
    /// Response item list.
    pub items: Option<String>,
    /// Item field used as the next cursor (`last_id` style).
    pub item_id: Option<String>,
    /// Response page count.
    pub pages: Option<String>,
    /// Response total count.
    pub total: Option<String>,
    /// The same paths as Rust field paths, and the item type (what the
    /// `#[paging]` attribute needs); `None` if a path does not resolve.
    pub rust: Option<RustPaging>,
}

/// Paging paths as Rust field identifiers.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RustPaging {
    /// Request cursor (or page) field path.
    pub cursor: Vec<String>,
    /// Request page-size field path.
    pub size: Vec<String>,
    /// Response next-cursor path.
    pub next: Vec<String>,
    /// Response has-more path.
    pub has_more: Vec<String>,
    /// Response item-list path.
    pub items: Vec<String>,
    /// Item id field (`last_id` style).
    pub item_id: Vec<String>,
    /// Response page-count path.
    pub pages: Vec<String>,
    /// Type of one item.
    pub item: Option<Ty>,
}
