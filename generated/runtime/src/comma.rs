//! `encoding: comma` lists: typed as `Vec<T>` in Rust, sent as `"a,b,c"`.
//!
//! Platforms often document a list parameter with type `String` ("user
//! ids, separated by commas"): the wire form is one comma-separated string. Generated fields use
//! `#[serde(with = "oapi_client::runtime::comma")]`.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Joins the items' scalar JSON forms with commas.
pub fn serialize<T: Serialize, S: Serializer>(
    items: &[T],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut joined = String::new();
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            joined.push(',');
        }
        match serde_json::to_value(item).map_err(serde::ser::Error::custom)? {
            serde_json::Value::String(text) => joined.push_str(&text),
            other => joined.push_str(&other.to_string()),
        }
    }
    serializer.serialize_str(&joined)
}

/// Splits a comma-separated string (or accepts a JSON array) into items.
pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(text) if text.is_empty() => Ok(Vec::new()),
        serde_json::Value::String(text) => text
            .split(',')
            .map(|part| {
                let part = part.trim();
                serde_json::from_str(part)
                    .or_else(|_| serde_json::from_value(serde_json::Value::String(part.to_owned())))
                    .map_err(D::Error::custom)
            })
            .collect(),
        array @ serde_json::Value::Array(_) => {
            serde_json::from_value(array).map_err(D::Error::custom)
        }
        other => Err(D::Error::custom(format!(
            "expected a comma-separated string, got {other}"
        ))),
    }
}

/// The same for optional lists (`Option<Vec<T>>`).
pub mod option {
    use super::*;

    /// `None` is skipped by the field's `skip_serializing_if`; `Some` is joined.
    pub fn serialize<T: Serialize, S: Serializer>(
        items: &Option<Vec<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match items {
            Some(items) => super::serialize(items, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// `null` or absent is `None`.
    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<T>>, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Null => Ok(None),
            value => super::deserialize(value)
                .map(Some)
                .map_err(D::Error::custom),
        }
    }
}
