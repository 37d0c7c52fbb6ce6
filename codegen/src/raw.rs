//! The spec as written: a serde model of the YAML with every key optional, so
//! that the check stage can report all problems (missing keys, unknown keys,
//! bad values) with their locations instead of stopping at the first.
//!
//! Nothing here depends on the YAML library: `load` fills it through serde.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

/// Keys not in the format, kept so the check stage can name each one.
pub type Unknown = BTreeMap<String, IgnoredAny>;

/// A YAML mapping kept in file order (the loader reports duplicate keys and
/// keeps the first).
#[derive(Debug)]
pub struct Entries<T>(pub Vec<(String, T)>);

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for EntriesVisitor<T> {
            type Value = Entries<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
                Ok(Entries::default())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor(PhantomData))
    }
}

/// One spec file: one platform.
#[derive(Debug, Deserialize)]
pub struct RawSpec {
    pub platform: Option<String>,
    pub doc: Option<String>,
    #[serde(default)]
    pub credentials: Entries<RawCredential>,
    #[serde(default)]
    pub tokens: Entries<RawToken>,
    #[serde(default)]
    pub envelopes: Entries<RawEnvelope>,
    #[serde(default)]
    pub signing: Entries<RawSigning>,
    #[serde(default)]
    pub gateways: Entries<RawGateway>,
    pub defaults: Option<RawDefaults>,
    pub rate_limits: Option<Vec<RawRateLimit>>,
    #[serde(default)]
    pub groups: Entries<RawGroup>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A credential the client builder takes (`.credential(name, value)`).
#[derive(Debug, Deserialize)]
pub struct RawCredential {
    pub doc: Option<String>,
    pub secret: Option<bool>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// How an access token is obtained.
#[derive(Debug, Deserialize)]
pub struct RawToken {
    pub gateway: Option<String>,
    pub method: Option<String>,
    pub path: Option<String>,
    pub send: Option<String>,
    #[serde(default)]
    pub params: Entries<RawValue>,
    pub token: Option<String>,
    pub expires_in: Option<String>,
    pub lifetime: Option<Value>,
    pub unit: Option<String>,
    pub refresh_before: Option<Value>,
    pub envelope: Option<String>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// How answers say success or failure.
#[derive(Debug, Deserialize)]
pub struct RawEnvelope {
    pub success: Option<String>,
    pub code: Option<String>,
    pub ok: Option<Vec<Value>>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    pub sub_code: Option<String>,
    pub sub_message: Option<String>,
    pub data: Option<String>,
    pub nested: Option<String>,
    pub codes: Option<RawCodes>,
    pub html: Option<String>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// What codes mean.
#[derive(Debug, Deserialize)]
pub struct RawCodes {
    pub token: Option<Vec<Value>>,
    pub throttled: Option<Vec<Value>>,
    pub busy: Option<Vec<Value>>,
    pub invalid: Option<Vec<Value>>,
    pub denied: Option<Vec<Value>>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A signature rule.
#[derive(Debug, Deserialize)]
pub struct RawSigning {
    pub digest: Option<String>,
    pub encoding: Option<String>,
    pub params: Option<Value>,
    pub order: Option<String>,
    pub join: Option<String>,
    pub secret: Option<RawSecretPlace>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// Where a signature's secret goes.
#[derive(Debug, Deserialize)]
pub struct RawSecretPlace {
    pub credential: Option<String>,
    pub at: Option<String>,
    pub name: Option<String>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A value a platform adds to requests (or a token request's parameter).
#[derive(Debug, Deserialize)]
pub struct RawValue {
    pub credential: Option<String>,
    pub value: Option<String>,
    pub token: Option<String>,
    pub prefix: Option<String>,
    pub timestamp: Option<String>,
    pub nonce: Option<Value>,
    pub signature: Option<String>,
    pub params: Option<String>,
    pub omit_empty: Option<bool>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// What every request of a gateway carries besides its parameters.
#[derive(Debug, Deserialize)]
pub struct RawRequestShape {
    pub format: Option<String>,
    #[serde(default)]
    pub query: Entries<RawValue>,
    #[serde(default)]
    pub headers: Entries<RawValue>,
    pub body: Option<Entries<RawValue>>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// One host with its envelope and request shape.
#[derive(Debug, Deserialize)]
pub struct RawGateway {
    pub base_url: Option<String>,
    pub envelope: Option<String>,
    pub request: Option<RawRequestShape>,
    pub rate_limits: Option<Vec<RawRateLimit>>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A documented rate limit.
#[derive(Debug, Deserialize)]
pub struct RawRateLimit {
    pub per: Option<String>,
    pub limit: Option<Value>,
    pub window: Option<String>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// Values every endpoint inherits.
#[derive(Debug, Deserialize)]
pub struct RawDefaults {
    pub gateway: Option<String>,
    pub method: Option<String>,
    pub paging: Option<RawPaging>,
    pub lenient: Option<bool>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// An API group: `client.<group>()`.
#[derive(Debug, Deserialize)]
pub struct RawGroup {
    pub doc: Option<String>,
    #[serde(default)]
    pub endpoints: Entries<RawEndpoint>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// One endpoint.
#[derive(Debug, Deserialize)]
pub struct RawEndpoint {
    pub doc: Option<String>,
    pub description: Option<String>,
    pub see: Option<String>,
    pub method: Option<String>,
    pub gateway: Option<String>,
    pub auth: Option<String>,
    pub path: Option<String>,
    pub idempotent: Option<bool>,
    #[serde(default)]
    pub path_params: Entries<RawField>,
    #[serde(default)]
    pub query: Entries<RawField>,
    #[serde(default)]
    pub headers: Entries<RawField>,
    #[serde(default)]
    pub body: Entries<RawField>,
    #[serde(default)]
    pub rules: Vec<RawRule>,
    #[serde(default)]
    pub response: Entries<RawField>,
    pub paging: Option<RawPaging>,
    pub rate_limits: Option<Vec<RawRateLimit>>,
    pub example: Option<RawExample>,
    pub fake: Option<RawFake>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// How the generated fake platform keeps state for an endpoint.
#[derive(Debug, Deserialize)]
pub struct RawFake {
    pub store: Option<String>,
    pub op: Option<String>,
    pub record: Option<String>,
    pub id: Option<String>,
    pub result: Option<String>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// One request or response field.
#[derive(Debug, Deserialize)]
pub struct RawField {
    #[serde(rename = "type")]
    pub ty: Option<String>,
    pub required: Option<bool>,
    pub doc: Option<String>,
    pub example: Option<Value>,
    pub default: Option<Value>,
    pub min: Option<Value>,
    pub max: Option<Value>,
    pub min_items: Option<Value>,
    pub max_items: Option<Value>,
    pub min_length: Option<Value>,
    pub max_length: Option<Value>,
    pub max_bytes: Option<Value>,
    pub format: Option<String>,
    pub pattern: Option<String>,
    #[serde(rename = "enum")]
    pub enumeration: Option<Vec<RawEnumValue>>,
    pub fields: Option<Entries<RawField>>,
    pub type_name: Option<String>,
    pub rust_name: Option<String>,
    pub encoding: Option<String>,
    pub secret: Option<bool>,
    pub lenient: Option<bool>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// One documented enum value.
#[derive(Debug, Deserialize)]
pub struct RawEnumValue {
    pub value: Option<Value>,
    pub name: Option<String>,
    pub doc: Option<String>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// A cross-field rule.
#[derive(Debug, Deserialize)]
pub struct RawRule {
    pub window: Option<RawWindow>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// `window: {start, end, max_days, when}`.
#[derive(Debug, Deserialize)]
pub struct RawWindow {
    pub start: Option<String>,
    pub end: Option<String>,
    pub max_days: Option<Value>,
    pub when: Option<RawWhen>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// `when: {field, min_items}`: the rule applies only then.
#[derive(Debug, Deserialize)]
pub struct RawWhen {
    pub field: Option<String>,
    pub min_items: Option<Value>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// How an endpoint pages.
#[derive(Debug, Deserialize)]
pub struct RawPaging {
    pub style: Option<String>,
    pub cursor: Option<String>,
    pub size: Option<String>,
    pub page: Option<String>,
    pub next: Option<String>,
    pub has_more: Option<String>,
    pub items: Option<String>,
    pub item_id: Option<String>,
    pub pages: Option<String>,
    pub total: Option<String>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// Documented JSON examples, as text.
#[derive(Debug, Deserialize)]
pub struct RawExample {
    pub request: Option<String>,
    pub response: Option<String>,
    #[serde(flatten)]
    pub unknown: Unknown,
}
