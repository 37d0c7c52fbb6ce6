//! `encoding: json` fields: typed in Rust (a struct, map or list), sent and
//! received as a string holding their JSON (`"msgParam": "{\"a\":1}"`), as
//! some platforms document parameters whose content is itself JSON.
//! Generated fields use `#[serde(with = "oapi_client::runtime::json_string")]`.

use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The value's compact JSON, as a string.
pub fn serialize<T: Serialize, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    let text = serde_json::to_string(value).map_err(serde::ser::Error::custom)?;
    serializer.serialize_str(&text)
}

/// A string holding JSON, parsed as `T` (the JSON itself is accepted too).
pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(text) => serde_json::from_str(&text)
            .map_err(|e| D::Error::custom(format!("a string holding JSON: {e}"))),
        other => serde_json::from_value(other).map_err(D::Error::custom),
    }
}

/// The same for optional fields (`Option<T>`).
pub mod option {
    use super::*;

    /// `None` is skipped by the field's `skip_serializing_if`; `Some` as a JSON string.
    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => super::serialize(value, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// `null` or an empty string is `None`.
    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            None => Ok(None),
            Some(serde_json::Value::String(text)) if text.trim().is_empty() => Ok(None),
            Some(serde_json::Value::String(text)) => serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| D::Error::custom(format!("a string holding JSON: {e}"))),
            Some(other) => serde_json::from_value(other)
                .map(Some)
                .map_err(D::Error::custom),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Holder {
        #[serde(with = "super")]
        param: BTreeMap<String, i64>,
        #[serde(
            with = "super::option",
            skip_serializing_if = "Option::is_none",
            default
        )]
        extra: Option<Vec<String>>,
    }

    #[test]
    fn round_trips_as_a_string() {
        let holder = Holder {
            param: BTreeMap::from([("a".into(), 1)]),
            extra: Some(vec!["x".into()]),
        };
        let text = serde_json::to_string(&holder).unwrap();
        assert_eq!(text, r#"{"param":"{\"a\":1}","extra":"[\"x\"]"}"#);
        assert_eq!(serde_json::from_str::<Holder>(&text).unwrap(), holder);
        let plain: Holder = serde_json::from_str(r#"{"param":{"a":2},"extra":""}"#).unwrap();
        assert_eq!(plain.param["a"], 2);
        assert_eq!(plain.extra, None);
    }
}
