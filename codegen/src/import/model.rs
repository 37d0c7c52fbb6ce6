//! The spec skeleton the importer builds before writing it out: the same
//! shape as the YAML format (docs/spec-format.md), plus the comments to
//! write beside each item.

use serde_json::{Number, Value};

/// A comment written above an item: a `# TODO:` when the importer guessed or
/// found a gap, a plain `#` note when it only explains a decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Whether this is a TODO.
    pub todo: bool,
    /// The text, one line.
    pub text: String,
}

impl Note {
    /// A `# TODO:` comment.
    pub fn todo(text: impl Into<String>) -> Note {
        Note {
            todo: true,
            text: text.into(),
        }
    }

    /// A plain explanatory comment.
    pub fn info(text: impl Into<String>) -> Note {
        Note {
            todo: false,
            text: text.into(),
        }
    }
}

/// One platform: the whole file.
#[derive(Debug, Clone, Default)]
pub struct Spec {
    /// Comment lines at the top of the file.
    pub header: Vec<String>,
    /// `platform:` (a snake_case identifier).
    pub platform: String,
    /// `doc:`.
    pub doc: String,
    /// Notes on the platform header.
    pub notes: Vec<Note>,
    /// `gateways:` in first-seen order.
    pub gateways: Vec<Gateway>,
    /// `token:` gateway and path.
    pub token: Option<(String, String)>,
    /// Notes written where `token:` is (or would be).
    pub token_notes: Vec<Note>,
    /// `defaults.gateway`.
    pub default_gateway: String,
    /// The signature rule the page states.
    pub signing: Option<super::signing::Signing>,
    /// `groups:` in first-seen order.
    pub groups: Vec<Group>,
}

/// One host.
#[derive(Debug, Clone, Default)]
pub struct Gateway {
    /// Key, e.g. `oapi`.
    pub key: String,
    /// `https://host`.
    pub base_url: String,
    /// `none`, `query_token`, `header_token` or `signed_envelope`.
    pub auth: &'static str,
    /// `errcode`, `http_status` or `code_result`.
    pub envelope: &'static str,
    /// The rows of its signed envelope, as the page lists them.
    pub signed_rows: Vec<String>,
    /// Notes.
    pub notes: Vec<Note>,
}

/// An API group.
#[derive(Debug, Clone, Default)]
pub struct Group {
    /// Key, e.g. `blackboard`.
    pub name: String,
    /// `doc:`.
    pub doc: String,
    /// Notes.
    pub notes: Vec<Note>,
    /// Endpoints in page order.
    pub endpoints: Vec<Endpoint>,
}

/// An HTTP method, as the IR has them (`Method::parse_loose` reads pages' spellings).
pub use crate::ir::HttpMethod as Method;

/// What a documented row that is not the endpoint's own parameter is: the
/// platform's, handled by the runtime for every endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// A token sent with every call (`access_token`, `Authorization`, …).
    Auth,
    /// A signature or its inputs (`sign`, `timestamp`, `nonce`).
    Sign,
    /// The envelope: an answer's code, message, request id or data wrapper;
    /// a request envelope's common fields.
    Envelope,
    /// A header of fixed value (`Content-Type`).
    Fixed,
}

impl Platform {
    /// `auth`, `sign`, `envelope` or `fixed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Auth => "auth",
            Platform::Sign => "sign",
            Platform::Envelope => "envelope",
            Platform::Fixed => "fixed",
        }
    }
}

/// A row the page lists that belongs to the platform, not the endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformRow {
    /// What it is.
    pub kind: Platform,
    /// Its wire name.
    pub name: String,
}

/// One endpoint.
#[derive(Debug, Clone, Default)]
pub struct Endpoint {
    /// Key inside its group, e.g. `category_list`.
    pub name: String,
    /// `doc:` (never empty).
    pub doc: String,
    /// Notes.
    pub notes: Vec<Note>,
    /// Method.
    pub method: Method,
    /// Gateway key.
    pub gateway: String,
    /// `auth: none` (the token endpoint).
    pub auth_none: bool,
    /// Path, starting with `/`, parameters as `{name}`.
    pub path: String,
    /// Path parameters, in path order.
    pub path_params: Vec<Field>,
    /// `idempotent:` when it differs from the method's default.
    pub idempotent: Option<bool>,
    /// Query fields.
    pub query: Vec<Field>,
    /// Header fields.
    pub headers: Vec<Field>,
    /// Body fields.
    pub body: Vec<Field>,
    /// `window` rules.
    pub windows: Vec<Window>,
    /// Notes written above `rules:` (rules that could not be written).
    pub rule_notes: Vec<Note>,
    /// Response fields.
    pub response: Vec<Field>,
    /// Rows of the page that are the platform's (auth, signature, envelope).
    pub platform: Vec<PlatformRow>,
    /// How it pages.
    pub paging: Option<Paging>,
    /// Request example (JSON text).
    pub request_example: Option<String>,
    /// Response example (JSON text).
    pub response_example: Option<String>,
    /// Notes on the examples.
    pub example_notes: Vec<Note>,
}

/// How an endpoint pages: a style and the wire names (dotted paths) it uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    /// `cursor`, `offset`, `offset_count`, `page`.
    pub style: &'static str,
    /// `cursor`/`page`/`size` (request) and `next`/`has_more`/`items`/`total`/`pages` (answer).
    pub keys: Vec<(&'static str, String)>,
}

/// `window: {start, end, max_days}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Start field (wire name).
    pub start: String,
    /// End field (wire name).
    pub end: String,
    /// Longest span in days.
    pub max_days: u32,
    /// Between dated strings (the new format only), not epoch integers.
    pub dated: bool,
}

/// One documented enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: Value,
    /// snake_case name of the variant.
    pub name: String,
    /// Meaning, as documented.
    pub doc: String,
}

/// One field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Field {
    /// Wire name.
    pub name: String,
    /// Spec type, e.g. `string[]`.
    pub ty: String,
    /// `required: true` (request fields only).
    pub required: bool,
    /// Documentation text.
    pub doc: String,
    /// Documented example.
    pub example: Option<Value>,
    /// Documented default.
    pub default: Option<Value>,
    /// Inclusive minimum.
    pub min: Option<Number>,
    /// Inclusive maximum.
    pub max: Option<Number>,
    /// Fewest items.
    pub min_items: Option<u64>,
    /// Most items.
    pub max_items: Option<u64>,
    /// Shortest text.
    pub min_length: Option<u64>,
    /// Longest text.
    pub max_length: Option<u64>,
    /// Most UTF-8 bytes.
    pub max_bytes: Option<u64>,
    /// A regex the text must match.
    pub pattern: Option<String>,
    /// `date-time`, `date`, `unix-ms`, … (the spec's `format`).
    pub format: Option<String>,
    /// Documented values.
    pub enumeration: Vec<EnumValue>,
    /// Nested fields of an object.
    pub fields: Vec<Field>,
    /// `type_name` of the nested type, when the default would clash.
    pub type_name: Option<String>,
    /// `encoding: comma`.
    pub comma: bool,
    /// `secret: true`.
    pub secret: bool,
    /// Notes.
    pub notes: Vec<Note>,
}

impl Field {
    /// This field and every nested one.
    pub fn count(&self) -> usize {
        1 + self.fields.iter().map(Field::count).sum::<usize>()
    }
}
