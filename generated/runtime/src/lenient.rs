//! Lenient decoding of answers: documented examples, and real platforms,
//! send numbers and booleans as text (`"minutes": "15"`, `"boss": "true"`)
//! and one object where a list is documented. A deserializer adapter makes
//! every field of a response accept those, with no code per field:
//!
//! - an integer or float field accepts a number, or text holding one;
//! - a boolean accepts `true`/`false`, their text, and `0`/`1`;
//! - a text field accepts a number or boolean (as written);
//! - a list accepts a list, or a single value (a list of one), or `null`
//!   (an empty list).
//!
//! The mode is the platform's (`lenient` in its spec, default on), and can
//! be forced strict for a client ([`crate::builder::ClientBuilder::strict_responses`],
//! for test suites that want to catch a platform drifting) or set per field
//! (`#[decode(lenient = false)]`, from the spec's `lenient:` on a field).
//! Requests are always sent in the documented type.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

thread_local! {
    /// Whether decoding on this thread is lenient now (set around a decode;
    /// decoding is synchronous, so a thread-local is exact).
    static LENIENT: Cell<bool> = const { Cell::new(false) };
}

/// Restores the previous mode when dropped.
pub struct ModeGuard(bool);

impl Drop for ModeGuard {
    fn drop(&mut self) {
        LENIENT.with(|mode| mode.set(self.0));
    }
}

/// Sets the mode until the guard is dropped.
pub fn set_mode(lenient: bool) -> ModeGuard {
    ModeGuard(LENIENT.with(|mode| mode.replace(lenient)))
}

fn lenient() -> bool {
    LENIENT.with(Cell::get)
}

/// `serde_json::from_slice` through the adapter, in the given mode.
pub fn from_slice<T: de::DeserializeOwned>(
    bytes: &[u8],
    lenient: bool,
) -> Result<T, serde_json::Error> {
    let _mode = set_mode(lenient);
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = T::deserialize(Lenient(&mut deserializer))?;
    deserializer.end()?;
    Ok(value)
}

/// A deserializer that accepts the platforms' loose forms (see the module docs).
pub struct Lenient<D>(pub D);

/// A visitor whose nested deserializers are lenient too.
struct Wrap<V>(V);

/// Which loose form a value may take.
#[derive(Clone, Copy)]
enum Want {
    Int,
    Float,
    Bool,
    Text,
}

/// Visits any JSON value as `want`, converting loose forms.
struct Loose<V> {
    visitor: V,
    want: Want,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Lenient<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Wrap(visitor))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Bool, |d, v| d.deserialize_bool(Wrap(v)))
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Int, |d, v| d.deserialize_i8(Wrap(v)))
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Int, |d, v| d.deserialize_i16(Wrap(v)))
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Int, |d, v| d.deserialize_i32(Wrap(v)))
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Int, |d, v| d.deserialize_i64(Wrap(v)))
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Int, |d, v| d.deserialize_u8(Wrap(v)))
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Int, |d, v| d.deserialize_u16(Wrap(v)))
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Int, |d, v| d.deserialize_u32(Wrap(v)))
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Int, |d, v| d.deserialize_u64(Wrap(v)))
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Float, |d, v| d.deserialize_f32(Wrap(v)))
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Float, |d, v| d.deserialize_f64(Wrap(v)))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Text, |d, v| d.deserialize_str(Wrap(v)))
    }
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.loose(visitor, Want::Text, |d, v| d.deserialize_string(Wrap(v)))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_option(Wrap(visitor))
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        if lenient() {
            self.0.deserialize_any(OneOrMany(visitor))
        } else {
            self.0.deserialize_seq(Wrap(visitor))
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Wrap(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(name, fields, Wrap(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Wrap(visitor))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_ignored_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_char(Wrap(visitor))
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_bytes(Wrap(visitor))
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_byte_buf(Wrap(visitor))
    }
    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit(Wrap(visitor))
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Wrap(visitor))
    }
    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Wrap(visitor))
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Wrap(visitor))
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_identifier(visitor)
    }
}

impl<'de, D: Deserializer<'de>> Lenient<D> {
    /// In lenient mode, any JSON value converted to `want`; else the
    /// strict path `strict`.
    fn loose<V: Visitor<'de>>(
        self,
        visitor: V,
        want: Want,
        strict: impl FnOnce(D, V) -> Result<V::Value, D::Error>,
    ) -> Result<V::Value, D::Error> {
        if lenient() {
            self.0.deserialize_any(Loose { visitor, want })
        } else {
            strict(self.0, visitor)
        }
    }
}

macro_rules! forward_scalars {
    () => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
            self.0.visit_bool(v)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            self.0.visit_i64(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            self.0.visit_u64(v)
        }
        fn visit_i128<E: de::Error>(self, v: i128) -> Result<Self::Value, E> {
            self.0.visit_i128(v)
        }
        fn visit_u128<E: de::Error>(self, v: u128) -> Result<Self::Value, E> {
            self.0.visit_u128(v)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
            self.0.visit_f64(v)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            self.0.visit_str(v)
        }
        fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
            self.0.visit_borrowed_str(v)
        }
        fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
            self.0.visit_string(v)
        }
        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
            self.0.visit_bytes(v)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            self.0.visit_unit()
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            self.0.visit_none()
        }
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)
    }

    forward_scalars!();

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_some(Lenient(d))
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.0.visit_newtype_struct(Lenient(d))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(Lenient(seq))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(Lenient(map))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Lenient<A> {
    type Error = A::Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Lenient<A> {
    type Error = A::Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

/// A seed whose deserializer is lenient.
struct Seed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Lenient(d))
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Loose<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)?;
        f.write_str(" (or its text)")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        match self.want {
            Want::Text => self.visitor.visit_string(v.to_string()),
            Want::Int => self.visitor.visit_u64(u64::from(v)),
            _ => self.visitor.visit_bool(v),
        }
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        match self.want {
            Want::Text => self.visitor.visit_string(v.to_string()),
            Want::Bool if v == 0 || v == 1 => self.visitor.visit_bool(v == 1),
            _ => self.visitor.visit_i64(v),
        }
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        match self.want {
            Want::Text => self.visitor.visit_string(v.to_string()),
            Want::Bool if v <= 1 => self.visitor.visit_bool(v == 1),
            _ => self.visitor.visit_u64(v),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        match self.want {
            Want::Text => self.visitor.visit_string(v.to_string()),
            // A whole number written as a float (`15.0`) is an integer.
            Want::Int if v.fract() == 0.0 && v.abs() < 9.0e15 => self.visitor.visit_i64(v as i64),
            _ => self.visitor.visit_f64(v),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        let t = v.trim();
        match self.want {
            Want::Int => match (t.parse::<i64>(), t.parse::<u64>()) {
                (Ok(n), _) => self.visitor.visit_i64(n),
                (_, Ok(n)) => self.visitor.visit_u64(n),
                _ => self.visitor.visit_str(v),
            },
            Want::Float => match t.parse::<f64>() {
                Ok(f) if f.is_finite() => self.visitor.visit_f64(f),
                _ => self.visitor.visit_str(v),
            },
            Want::Bool => match t {
                "true" | "TRUE" | "True" | "1" => self.visitor.visit_bool(true),
                "false" | "FALSE" | "False" | "0" => self.visitor.visit_bool(false),
                _ => self.visitor.visit_str(v),
            },
            Want::Text => self.visitor.visit_str(v),
        }
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        match self.want {
            Want::Text => self.visitor.visit_borrowed_str(v),
            _ => self.visit_str(v),
        }
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        match self.want {
            Want::Text => self.visitor.visit_string(v),
            _ => self.visit_str(&v),
        }
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(Lenient(d))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_seq(Lenient(seq))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(Lenient(map))
    }
}

/// A list, or one value taken as a list of one, or `null` as an empty list.
struct OneOrMany<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for OneOrMany<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.expecting(f)?;
        f.write_str(" (or one item)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Lenient(seq))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0
            .visit_seq(One(Some(de::value::MapAccessDeserializer::new(map))))
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0
            .visit_seq(One::<de::value::UnitDeserializer<E>>(None))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.0
            .visit_seq(One(Some(de::value::BoolDeserializer::<E>::new(v))))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.0
            .visit_seq(One(Some(de::value::I64Deserializer::<E>::new(v))))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.0
            .visit_seq(One(Some(de::value::U64Deserializer::<E>::new(v))))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.0
            .visit_seq(One(Some(de::value::F64Deserializer::<E>::new(v))))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.0
            .visit_seq(One(Some(de::value::StringDeserializer::<E>::new(
                v.to_owned(),
            ))))
    }
}

/// A sequence of at most one value.
struct One<D>(Option<D>);

impl<'de, D: Deserializer<'de>> SeqAccess<'de> for One<D> {
    type Error = D::Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, D::Error> {
        match self.0.take() {
            Some(d) => seed.deserialize(Lenient(d)).map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(usize::from(self.0.is_some()))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq, Default)]
    struct Item {
        id: Option<i64>,
    }

    #[derive(Debug, Deserialize, PartialEq, Default)]
    struct Answer {
        minutes: Option<i64>,
        boss: Option<bool>,
        ratio: Option<f64>,
        name: Option<String>,
        tags: Option<Vec<i32>>,
        items: Option<Vec<Item>>,
        width: Option<i32>,
    }

    const LOOSE: &str = r#"{"minutes":"15","boss":"true","ratio":"0.5","name":123,
        "tags":"7","items":{"id":"1"},"width":"12"}"#;

    #[test]
    fn loose_forms_are_read_in_lenient_mode() {
        let answer: Answer = from_slice(LOOSE.as_bytes(), true).unwrap();
        assert_eq!(
            answer,
            Answer {
                minutes: Some(15),
                boss: Some(true),
                ratio: Some(0.5),
                name: Some("123".into()),
                tags: Some(vec![7]),
                items: Some(vec![Item { id: Some(1) }]),
                width: Some(12),
            }
        );
        let exact: Answer = from_slice(
            br#"{"minutes":15,"boss":false,"tags":[1,2],"items":[]}"#,
            true,
        )
        .unwrap();
        assert_eq!(exact.tags, Some(vec![1, 2]));
        assert_eq!(exact.boss, Some(false));
        let bools: Answer = from_slice(br#"{"boss":1}"#, true).unwrap();
        assert_eq!(bools.boss, Some(true));
    }

    #[test]
    fn strict_mode_refuses_them() {
        assert!(from_slice::<Answer>(LOOSE.as_bytes(), false).is_err());
        let error = from_slice::<Answer>(br#"{"minutes":"x"}"#, true).unwrap_err();
        assert!(error.to_string().contains("invalid type"), "{error}");
        // The mode is restored after a decode.
        assert!(!lenient());
    }

    #[test]
    fn strict_mode_answers_as_serde_json_does() {
        for body in [
            r#"{"minutes":"15"}"#,
            r#"{"boss":"true"}"#,
            r#"{"boss":1}"#,
            r#"{"ratio":"0.5"}"#,
            r#"{"name":123}"#,
            r#"{"width":1.5}"#,
            r#"{"width":99999999999}"#,
            r#"{"minutes":-3,"boss":true,"ratio":1,"name":"n","width":7,"tags":[1]}"#,
            r#"{"minutes":null,"name":null}"#,
            r#"{"minutes":15.0}"#,
        ] {
            let ours = from_slice::<Answer>(body.as_bytes(), false).map_err(|e| e.to_string());
            let plain =
                serde_json::from_slice::<Answer>(body.as_bytes()).map_err(|e| e.to_string());
            assert_eq!(ours, plain, "{body}");
        }
    }

    #[test]
    fn a_strict_field_inside_a_lenient_answer() {
        #[derive(Debug)]
        struct Strict(Option<i64>);
        impl<'de> Deserialize<'de> for Strict {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let _mode = set_mode(false);
                Option::<i64>::deserialize(d).map(Strict)
            }
        }
        #[derive(Debug, Deserialize)]
        struct Mixed {
            loose: Option<i64>,
            strict: Option<Strict>,
        }
        let ok: Mixed = from_slice(br#"{"loose":"1","strict":2}"#, true).unwrap();
        assert_eq!((ok.loose, ok.strict.and_then(|s| s.0)), (Some(1), Some(2)));
        assert!(from_slice::<Mixed>(br#"{"loose":"1","strict":"2"}"#, true).is_err());
    }
}
