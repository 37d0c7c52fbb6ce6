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
    /// What the client builder takes.
    pub credentials: Vec<Credential>,
    /// How access tokens are obtained.
    pub tokens: Vec<Token>,
    /// How answers say success or failure.
    pub envelopes: Vec<Envelope>,
    /// Signature rules.
    pub signing: Vec<Signing>,
    /// Hosts.
    pub gateways: Vec<Gateway>,
    /// Platform-wide rate limits.
    pub rate_limits: Vec<RateLimit>,
    /// Decode responses leniently by default.
    pub lenient: bool,
    /// API groups.
    pub groups: Vec<Group>,
}

/// A credential the client builder takes.
#[derive(Debug, Clone, PartialEq)]
pub struct Credential {
    /// Its name (`app_key`).
    pub name: String,
    /// Never printed, redacted wherever it appears.
    pub secret: bool,
    /// Doc text.
    pub doc: String,
}

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HttpMethod {
    /// GET.
    Get,
    /// POST (the default: most open-platform endpoints are POSTs).
    #[default]
    Post,
    /// PUT.
    Put,
    /// PATCH.
    Patch,
    /// DELETE.
    Delete,
}

impl HttpMethod {
    /// Every method, as written.
    pub const ALL: [HttpMethod; 5] = [
        HttpMethod::Get,
        HttpMethod::Post,
        HttpMethod::Put,
        HttpMethod::Patch,
        HttpMethod::Delete,
    ];

    /// As written in a spec and an HTTP request line.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Post => "POST",
            HttpMethod::Put => "PUT",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
        }
    }

    /// The method named `text` (upper case).
    pub fn parse(text: &str) -> Option<HttpMethod> {
        HttpMethod::ALL.into_iter().find(|m| m.as_str() == text)
    }

    /// `get`, `POST`, … as pages write them (any case, surrounding spaces ignored).
    pub fn parse_loose(word: &str) -> Option<HttpMethod> {
        HttpMethod::parse(&word.trim().to_ascii_uppercase())
    }

    /// The Rust variant name (`Get`).
    pub fn variant(self) -> &'static str {
        match self {
            HttpMethod::Get => "Get",
            HttpMethod::Post => "Post",
            HttpMethod::Put => "Put",
            HttpMethod::Patch => "Patch",
            HttpMethod::Delete => "Delete",
        }
    }
}

/// Where a token request sends its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Send {
    /// Query string.
    Query,
    /// Form-encoded body.
    Form,
    /// JSON body.
    Json,
}

/// How long a token lives.
#[derive(Debug, Clone, PartialEq)]
pub enum Lifetime {
    /// Read from the answer at this dotted path, in seconds (`millis`: ms).
    Path {
        /// Dotted path from the answer's root.
        path: String,
        /// The number is milliseconds.
        millis: bool,
    },
    /// Fixed, in seconds.
    Fixed(u64),
}

/// How an access token is obtained.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Spec name (`app`).
    pub name: String,
    /// Rust const name in `__spec` (`TOKEN_APP`).
    pub const_name: String,
    /// Gateway key of its host (`oapi`).
    pub gateway: String,
    /// Method.
    pub method: HttpMethod,
    /// Path.
    pub path: String,
    /// Where its parameters travel.
    pub send: Send,
    /// Its parameters.
    pub params: Vec<(String, Value)>,
    /// Dotted path of the token in the answer.
    pub token_path: String,
    /// Its lifetime.
    pub lifetime: Lifetime,
    /// Seconds before expiry it is renewed.
    pub refresh_before: u64,
    /// Envelope const name of its answer.
    pub envelope: String,
}

/// Which answers are successes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Success {
    /// The code equals one of `ok`.
    Code,
    /// HTTP 2xx.
    Http,
}

/// How answers report success or failure.
#[derive(Debug, Clone, PartialEq)]
pub struct Envelope {
    /// Spec name.
    pub name: String,
    /// Rust const name in `__spec` (`ENVELOPE_ERRCODE`).
    pub const_name: String,
    /// Success test.
    pub success: Success,
    /// Dotted path of the code ("" if none).
    pub code: String,
    /// Success values, as text.
    pub ok: Vec<String>,
    /// The code is documented as text (`ok: ["0"]`), not a number.
    pub code_is_text: bool,
    /// Message path ("" if none).
    pub message: String,
    /// Request-id path.
    pub request_id: String,
    /// Sub-code path.
    pub sub_code: String,
    /// Sub-message path.
    pub sub_message: String,
    /// Where the endpoint's response fields are ("" = the whole body).
    pub data: String,
    /// Key under which the whole envelope may also appear ("" if never).
    pub nested: String,
    /// Codes meaning the token is expired or invalid.
    pub token_codes: Vec<String>,
    /// Codes meaning "too many requests".
    pub throttled_codes: Vec<String>,
    /// Codes meaning "busy, try again".
    pub busy_codes: Vec<String>,
    /// Codes meaning the request breaks a documented rule (not retried).
    pub invalid_codes: Vec<String>,
    /// Codes meaning the app's credentials or signature were refused (not retried).
    pub denied_codes: Vec<String>,
    /// An HTML answer is the platform's IP ban.
    pub html_banned: bool,
}

impl Envelope {
    /// Success is an HTTP 2xx status and nothing else is declared: the
    /// envelope of a gateway that declares none.
    pub const HTTP: Envelope = Envelope {
        name: String::new(),
        const_name: String::new(),
        success: Success::Http,
        code: String::new(),
        ok: Vec::new(),
        code_is_text: false,
        message: String::new(),
        request_id: String::new(),
        sub_code: String::new(),
        sub_message: String::new(),
        data: String::new(),
        nested: String::new(),
        token_codes: Vec::new(),
        throttled_codes: Vec::new(),
        busy_codes: Vec::new(),
        invalid_codes: Vec::new(),
        denied_codes: Vec::new(),
        html_banned: false,
    };
}

/// A digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digest {
    /// MD5.
    Md5,
    /// SHA-1.
    Sha1,
    /// SHA-256.
    Sha256,
    /// HMAC-SHA256 (the secret is the key).
    HmacSha256,
    /// HMAC-MD5.
    HmacMd5,
}

/// A signature's text form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestEncoding {
    /// Lower-case hex.
    Hex,
    /// Upper-case hex.
    HexUpper,
    /// Base64.
    Base64,
}

/// How signed parameters are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Join {
    /// `k1v1k2v2`.
    NameValue,
    /// `k1=v1&k2=v2`.
    Query,
    /// `v1v2`.
    Values,
}

/// Where the secret goes in the signed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecretAt {
    /// Before it.
    Prefix,
    /// After it.
    Suffix,
    /// Both ends.
    Both,
    /// As a last parameter with this name (joined like one).
    Param(String),
    /// As the HMAC key only.
    Key,
}

/// A signature rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Signing {
    /// Spec name.
    pub name: String,
    /// Rust const name in `__spec`.
    pub const_name: String,
    /// Digest.
    pub digest: Digest,
    /// Text form.
    pub encoding: DigestEncoding,
    /// The parameters signed (`None`: every non-empty one).
    pub params: Option<Vec<String>>,
    /// Sorted by name (else as listed / as sent).
    pub sorted: bool,
    /// How they are joined.
    pub join: Join,
    /// The credential that is the secret.
    pub secret: String,
    /// Where it goes.
    pub secret_at: SecretAt,
}

/// How a timestamp is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeFormat {
    /// Epoch milliseconds (a JSON number).
    Millis,
    /// Epoch seconds (a JSON number).
    Seconds,
    /// A date-time in UTC+8, as a strftime pattern converted from the spec's Java one.
    Pattern(String),
}

/// How the endpoint's parameters sit in a wrapped body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamsAs {
    /// An embedded JSON object.
    Object,
    /// A string holding their JSON.
    String,
    /// Their fields spliced in at this level.
    Merge,
}

/// A value a platform adds to every request (or a token request parameter).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A credential's value.
    Credential(String),
    /// A literal.
    Literal(String),
    /// An access token (token const name), with a prefix.
    Token {
        /// Token const name.
        token: String,
        /// Text before it (`Bearer `).
        prefix: String,
    },
    /// The current time.
    Timestamp(TimeFormat),
    /// A random alphanumeric text of this length.
    Nonce(u8),
    /// A signature (signing const name).
    Signature(String),
    /// The endpoint's parameters.
    Params {
        /// How.
        how: ParamsAs,
        /// Left out when there are none.
        omit_empty: bool,
    },
}

/// A body's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BodyFormat {
    /// JSON.
    #[default]
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
}

/// What every request of a gateway carries besides its parameters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RequestShape {
    /// Body encoding.
    pub format: BodyFormat,
    /// Query parameters added.
    pub query: Vec<(String, Value)>,
    /// Headers added.
    pub headers: Vec<(String, Value)>,
    /// The body, field by field (`None`: the endpoint's body is the body).
    pub body: Option<Vec<(String, Value)>>,
}

/// A documented rate limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimit {
    /// What is counted together: `app`, `app_endpoint`, `app_gateway`.
    pub per: String,
    /// Requests per window.
    pub limit: u64,
    /// Window in milliseconds.
    pub window_ms: u64,
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
    /// Envelope const name.
    pub envelope: String,
    /// What its requests carry.
    pub request: RequestShape,
    /// Its rate limits.
    pub rate_limits: Vec<RateLimit>,
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
    /// Its own rate limits.
    pub rate_limits: Vec<RateLimit>,
    /// What the generated fake platform keeps for it, if anything.
    pub fake: Option<FakeStore>,
}

/// A stateful endpoint of the generated fake platform: records of a named
/// store created, read, listed, updated and deleted by the requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeStore {
    /// The store's name (endpoints naming it share its records).
    pub store: String,
    /// `create`, `get`, `list`, `update` or `delete`.
    pub op: String,
    /// Dotted request path of the record (create, update); empty: the whole body.
    pub record: String,
    /// Dotted request path of the record's id (get, update, delete); for
    /// create, the name of the id field given to new records.
    pub id: String,
    /// Dotted response path of the outcome (the record, the records or ids).
    pub result: String,
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
    /// A `{name}` segment of the path.
    Path,
}

/// How a field's value is written on the wire, when not as its type says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// As its type.
    #[default]
    Plain,
    /// A list as one comma-separated string.
    Comma,
    /// An object, map or list as a string holding its JSON.
    Json,
}

/// A documented format of a string or integer field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// A date-time with this strftime pattern (converted from the spec's Java one).
    DateTime(String),
    /// A date with this strftime pattern.
    Date(String),
    /// RFC 3339 / ISO-8601 date-time.
    Rfc3339,
    /// Epoch milliseconds.
    UnixMs,
    /// Epoch seconds.
    UnixS,
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
    /// How its value is written on the wire.
    pub encoding: Encoding,
    /// Its documented format.
    pub format: Option<Format>,
    /// A regex a string must match.
    pub pattern: Option<String>,
    /// Response fields: decode leniently (`None`: the platform's default).
    pub lenient: Option<bool>,
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
    /// `i32`.
    Int32,
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
    /// `BTreeMap<String, T>`.
    Map(Box<Ty>),
}

impl Ty {
    /// Whether validation must descend into this type.
    pub fn is_validated(&self) -> bool {
        match self {
            Ty::Named { validated, .. } => *validated,
            Ty::List(inner) | Ty::Secret(inner) | Ty::Map(inner) => inner.is_validated(),
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
    /// Maximum UTF-8 bytes (of text, or of the JSON of an object/map/list).
    pub max_bytes: Option<u64>,
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

/// `window` rule: `end` not before `start` and within `max_days` after it
/// (the fields are epoch-ms integers or have a date format).
#[derive(Debug, Clone, PartialEq)]
pub struct Window {
    /// Rust ident of the start field.
    pub start: String,
    /// Rust ident of the end field.
    pub end: String,
    /// Longest span in days.
    pub max_days: u32,
    /// Applies only when this list field (Rust ident) holds at least this many items.
    pub when: Option<(String, u64)>,
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
    /// Response total-count path.
    pub total: Vec<String>,
    /// Type of one item.
    pub item: Option<Ty>,
}
