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
use serde_json::{Number, Value};

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
    pub gateways: Entries<RawGateway>,
    pub token: Option<RawToken>,
    pub defaults: Option<RawDefaults>,
    #[serde(default)]
    pub groups: Entries<RawGroup>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// One host with its auth scheme and envelope.
#[derive(Debug, Deserialize)]
pub struct RawGateway {
    pub base_url: Option<String>,
    pub auth: Option<String>,
    pub envelope: Option<String>,
    pub version: Option<String>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// Where tokens come from.
#[derive(Debug, Deserialize)]
pub struct RawToken {
    pub gateway: Option<String>,
    pub path: Option<String>,
    #[serde(flatten)]
    pub unknown: Unknown,
}

/// Values every endpoint inherits.
#[derive(Debug, Deserialize)]
pub struct RawDefaults {
    pub gateway: Option<String>,
    pub method: Option<String>,
    pub paging: Option<RawPaging>,
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
    pub example: Option<RawExample>,
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
    pub min: Option<Number>,
    pub max: Option<Number>,
    pub min_items: Option<Number>,
    pub max_items: Option<Number>,
    pub min_length: Option<Number>,
    pub max_length: Option<Number>,
    #[serde(rename = "enum")]
    pub enumeration: Option<Vec<RawEnumValue>>,
    pub fields: Option<Entries<RawField>>,
    pub type_name: Option<String>,
    pub encoding: Option<String>,
    pub secret: Option<bool>,
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

/// `window: {start, end, max_days}`.
#[derive(Debug, Deserialize)]
pub struct RawWindow {
    pub start: Option<String>,
    pub end: Option<String>,
    pub max_days: Option<Number>,
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
