//! Lenient, cheap-to-compile decoding of response objects, for `#[derive(Decode)]`.
//!
//! A platform's response may omit any field, send `null`, or add fields the
//! documentation does not list. Every response type is therefore `Default`
//! with `Option` fields, and decoding is: start from the default, overwrite
//! each field whose key appears, skip unknown keys. serde_derive's
//! `Deserialize` does the same job with a field-identifier enum, a
//! sequence visitor and per-field bookkeeping, ~450 expanded lines per struct;
//! the derive emits one `match` on the key and shares the visitor below,
//! which is what keeps large generated crates quick to build.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

/// A response object decoded field by field (implemented by `#[derive(Decode)]`).
pub trait DecodeFields: Default {
    /// Reads the value of `key` from `map` into its field; returns `false`
    /// (without reading the value) when the key is not one of the type's fields.
    fn decode_field<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<bool, A::Error>;
}

/// `Deserialize::deserialize` of a [`DecodeFields`] type: a JSON object,
/// fields in any order, unknown ones skipped, absent ones left at their default.
pub fn deserialize<'de, T: DecodeFields, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Reads the current entry's value into `slot` (a whole field's arm in
/// `decode_field`, so that the derive emits one call per field).
#[inline]
pub fn field<'de, A: MapAccess<'de>, T: de::Deserialize<'de>>(
    map: &mut A,
    slot: &mut T,
) -> Result<bool, A::Error> {
    *slot = map.next_value()?;
    Ok(true)
}

/// [`field`] in a given decoding mode (a field's `lenient` in the spec,
/// overriding the answer's; see [`crate::lenient`]).
#[inline]
pub fn field_mode<'de, A: MapAccess<'de>, T: de::Deserialize<'de>>(
    map: &mut A,
    slot: &mut T,
    lenient: bool,
) -> Result<bool, A::Error> {
    let _mode = crate::lenient::set_mode(lenient);
    field(map, slot)
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: DecodeFields> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The type's own name, taken here rather than stored per type by the
        // derive (one constant less to compile for every response type).
        let path = std::any::type_name::<T>();
        write!(
            f,
            "an object ({})",
            path.rsplit("::").next().unwrap_or(path)
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut value = T::default();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if !value.decode_field(key.as_str(), &mut map)? {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(value)
    }
}

/// An object key, borrowed from the input where the format allows (JSON
/// keys without escapes), so matching keys allocates nothing.
enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl Key<'_> {
    fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }
}

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
        Ok(Key::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
        Ok(Key::Owned(key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
        Ok(Key::Owned(key))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `#[derive(Decode)]` expands to, written out.
    #[derive(Debug, Default, PartialEq)]
    struct Page {
        next_cursor: Option<i64>,
        has_more: Option<bool>,
        list: Option<Vec<String>>,
    }

    impl DecodeFields for Page {
        fn decode_field<'de, A: MapAccess<'de>>(
            &mut self,
            key: &str,
            map: &mut A,
        ) -> Result<bool, A::Error> {
            match key {
                "next_cursor" => field(map, &mut self.next_cursor),
                "has_more" => field(map, &mut self.has_more),
                "list" => field(map, &mut self.list),
                _ => Ok(false),
            }
        }
    }

    impl<'de> de::Deserialize<'de> for Page {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            super::deserialize(deserializer)
        }
    }

    #[test]
    fn absent_null_and_unknown_fields_are_tolerated() {
        let page: Page = serde_json::from_str(
            r#"{"extra":{"deep":[1,{"x":null}]},"next_cursor":null,"list":["a","b"],"new":7}"#,
        )
        .unwrap();
        let expected = Page {
            list: Some(vec!["a".into(), "b".into()]),
            ..Page::default()
        };
        assert_eq!(page, expected);
    }

    #[test]
    fn escaped_keys_and_owned_inputs_match_too() {
        let page: Page = serde_json::from_str(r#"{"has_\u006dore":true}"#).unwrap();
        assert_eq!(page.has_more, Some(true));
        let value = serde_json::json!({"next_cursor": 20, "has_more": false});
        let page: Page = serde_json::from_value(value).unwrap();
        assert_eq!((page.next_cursor, page.has_more), (Some(20), Some(false)));
    }

    #[test]
    fn a_wrong_type_is_an_error_naming_what_was_expected() {
        let err = serde_json::from_str::<Page>(r#"{"next_cursor":"ten"}"#).unwrap_err();
        assert!(err.to_string().contains("expected i64"), "{err}");
        let err = serde_json::from_str::<Page>("[1,2]").unwrap_err();
        assert!(
            err.to_string().contains("expected an object (Page)"),
            "{err}"
        );
    }
}
