//! What a platform's spec declares, as data the runtime interprets: hosts,
//! credentials, how tokens are obtained and sent, how requests are wrapped
//! and signed, how answers report success, rate limits.
//!
//! The generator emits these as constants (`<platform>::<GATEWAY>`,
//! `<platform>::PLATFORM`…); the runtime knows no platform by name. See the
//! README's "Adding a platform" for the YAML each one comes from.

use super::endpoint::Method;

/// Platform-wide facts, emitted once per spec file as `<platform>::PLATFORM`.
#[derive(Debug, Clone, Copy)]
pub struct Platform {
    /// The spec's `platform` name, e.g. `"acme"`.
    pub name: &'static str,
    /// Every host of the platform.
    pub gateways: &'static [&'static Gateway],
    /// What the client builder takes.
    pub credentials: &'static [Credential],
    /// How access tokens are obtained.
    pub tokens: &'static [&'static Token],
    /// Limits on the whole app.
    pub rate_limits: &'static [RateLimit],
    /// Responses accept numbers and booleans sent as text, and one object
    /// where a list is documented (per-field `lenient` overrides).
    pub lenient: bool,
}

/// A credential the client builder takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Credential {
    /// Its name, e.g. `app_key`.
    pub name: &'static str,
    /// Never printed; redacted wherever it appears.
    pub secret: bool,
}

/// One host: its envelope and what its requests carry.
#[derive(Debug, Clone, Copy)]
pub struct Gateway {
    /// Name used to override its base URL on the client builder (e.g. `"api"`).
    pub name: &'static str,
    /// Documented base URL, e.g. `https://api.example.com`.
    pub base_url: &'static str,
    /// How its answers say success or failure.
    pub envelope: &'static Envelope,
    /// What every request carries besides its parameters.
    pub request: RequestShape,
    /// Limits per gateway.
    pub rate_limits: &'static [RateLimit],
}

/// What every request of a gateway carries besides its own parameters.
#[derive(Debug, Clone, Copy)]
pub struct RequestShape {
    /// Body encoding.
    pub format: BodyFormat,
    /// Query parameters added.
    pub query: &'static [(&'static str, Value)],
    /// Headers added.
    pub headers: &'static [(&'static str, Value)],
    /// The body, field by field; `None`: the endpoint's own body is the body.
    pub body: Option<&'static [(&'static str, Value)]>,
}

impl RequestShape {
    /// Nothing added.
    pub const PLAIN: RequestShape = RequestShape {
        format: BodyFormat::Json,
        query: &[],
        headers: &[],
        body: None,
    };
}

/// A body's encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`: top-level fields as pairs,
    /// objects and lists as their JSON text.
    Form,
}

impl Gateway {
    /// A host whose requests carry only their own parameters (hand-written
    /// endpoints, tests).
    pub const fn new(
        name: &'static str,
        base_url: &'static str,
        envelope: &'static Envelope,
    ) -> Gateway {
        Gateway {
            name,
            base_url,
            envelope,
            request: RequestShape::PLAIN,
            rate_limits: &[],
        }
    }
}

/// A value a gateway adds to requests, or a token request's parameter.
#[derive(Debug, Clone, Copy)]
pub enum Value {
    /// The value of a credential.
    Credential(&'static str),
    /// A literal.
    Literal(&'static str),
    /// An access token, after `prefix` (`Bearer `).
    Token {
        /// How it is obtained.
        token: &'static Token,
        /// Text before it.
        prefix: &'static str,
    },
    /// The time of sending.
    Timestamp(TimeFormat),
    /// A random alphanumeric text of this length, new per request.
    Nonce(u8),
    /// A signature over the request's parameters.
    Signature(&'static Signing),
    /// The endpoint's own parameters (body only).
    Params {
        /// How they are placed.
        how: ParamsAs,
        /// Left out when the endpoint has none.
        omit_empty: bool,
    },
}

/// How a timestamp is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFormat {
    /// Epoch milliseconds, a JSON number.
    Millis,
    /// Epoch seconds, a JSON number.
    Seconds,
    /// A date-time text in UTC+8, with this strftime pattern.
    Pattern(&'static str),
}

/// How the endpoint's parameters sit in a gateway's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamsAs {
    /// An embedded JSON object (`"payload": {…}`).
    Object,
    /// A string holding their JSON (`"data": "{…}"`).
    String,
    /// Their fields at the body's own level.
    Merge,
}

/// Where a token request sends its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Send {
    /// The query string.
    Query,
    /// A form-encoded body.
    Form,
    /// A JSON body.
    Json,
}

/// How long a token lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// Read from the answer at this dotted path (seconds, or ms when `millis`).
    Path {
        /// Dotted path from the answer's root.
        path: &'static str,
        /// The number is milliseconds.
        millis: bool,
    },
    /// Fixed, in seconds (`0`: not stated, the runtime's default applies).
    Fixed(u64),
}

/// How an access token is obtained.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    /// The spec's name for it, e.g. `app` (part of the token store key).
    pub name: &'static str,
    /// The gateway it is fetched from, by name.
    pub gateway: &'static str,
    /// `GET` or `POST`.
    pub method: Method,
    /// Path, e.g. `/auth/token`.
    pub path: &'static str,
    /// Where the parameters go.
    pub send: Send,
    /// Its parameters (credentials and literals).
    pub params: &'static [(&'static str, Value)],
    /// Dotted path of the token in the answer.
    pub token: &'static str,
    /// Its lifetime.
    pub lifetime: Lifetime,
    /// Renewed this many seconds before it expires (at most half its lifetime).
    pub refresh_before_secs: u64,
    /// How its answer reports errors.
    pub envelope: &'static Envelope,
}

/// Which answers are successes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Success {
    /// The code equals one of `ok` (any HTTP status below 500).
    Code,
    /// HTTP 2xx; other statuses carry the error object.
    Http,
}

/// How answers say success or failure. Paths are dotted keys from the
/// answer's root (or from `nested`, when the envelope is found there).
#[derive(Debug, Clone, Copy)]
pub struct Envelope {
    /// The success test.
    pub success: Success,
    /// Path of the code (`""`: none).
    pub code: &'static str,
    /// Success values, as text.
    pub ok: &'static [&'static str],
    /// Path of the message.
    pub message: &'static str,
    /// Path of the request id.
    pub request_id: &'static str,
    /// Path of a second code, classified like the first.
    pub sub_code: &'static str,
    /// Path of its message.
    pub sub_message: &'static str,
    /// Where the endpoint's response fields are (`""`: the whole body).
    pub data: &'static str,
    /// A key under which the whole envelope may appear instead (`""`: never).
    pub nested: &'static str,
    /// Codes meaning the token is expired or invalid: drop it, refresh, retry once.
    pub token_codes: &'static [&'static str],
    /// Codes meaning "too many requests": back off and retry.
    pub throttled_codes: &'static [&'static str],
    /// Codes meaning "busy": retried a bounded number of times.
    pub busy_codes: &'static [&'static str],
    /// Codes meaning the request breaks a documented rule: not retried.
    pub invalid_codes: &'static [&'static str],
    /// Codes meaning the app's credentials or signature were refused: not retried.
    pub denied_codes: &'static [&'static str],
    /// An HTML answer is the platform's IP ban ([`crate::error::Error::IpBanned`]).
    pub html_banned: bool,
}

impl Envelope {
    /// Success is an HTTP 2xx status; nothing else is declared.
    pub const HTTP: Envelope = Envelope {
        success: Success::Http,
        code: "",
        ok: &[],
        message: "",
        request_id: "",
        sub_code: "",
        sub_message: "",
        data: "",
        nested: "",
        token_codes: &[],
        throttled_codes: &[],
        busy_codes: &[],
        invalid_codes: &[],
        denied_codes: &[],
        html_banned: false,
    };

    /// Success is the code at `code` equal to one of `ok`; the data is the
    /// whole body.
    pub const fn code(code: &'static str, ok: &'static [&'static str]) -> Envelope {
        Envelope {
            success: Success::Code,
            code,
            ok,
            ..Envelope::HTTP
        }
    }
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
    /// HMAC-SHA256.
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
    /// Standard base64.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SecretAt {
    /// Before it.
    Prefix,
    /// After it.
    Suffix,
    /// At both ends.
    Both,
    /// As a last parameter of this name, joined like the others.
    Param(&'static str),
    /// Only as the HMAC key.
    Key,
}

/// A signature rule.
#[derive(Debug, Clone, Copy)]
pub struct Signing {
    /// The spec's name (a [`crate::auth::sign::Signer`] registered under it replaces the rule).
    pub name: &'static str,
    /// Digest.
    pub digest: Digest,
    /// Text form.
    pub encoding: DigestEncoding,
    /// The parameters signed; `None`: every non-empty query and body
    /// parameter but the signature itself.
    pub params: Option<&'static [&'static str]>,
    /// Sorted by name; else as listed (or as sent).
    pub sorted: bool,
    /// How they are joined.
    pub join: Join,
    /// The credential that signs.
    pub secret: &'static str,
    /// Where it goes.
    pub secret_at: SecretAt,
}

/// What a rate limit counts together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// Every call of the app.
    App,
    /// Every call of the app to one gateway.
    AppGateway,
    /// Every call of the app to one endpoint.
    AppEndpoint,
}

/// A documented rate limit: at most `limit` calls per `window_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// What is counted together.
    pub per: Scope,
    /// Calls per window.
    pub limit: u64,
    /// The window in milliseconds.
    pub window_ms: u64,
}
