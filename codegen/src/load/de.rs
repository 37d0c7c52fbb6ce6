//! The raw model (`raw::RawSpec`) filled from the located tree through
//! serde, reporting **every** value of the wrong type at its place and going
//! on with a neutral value of the right type: the check stage then sees the
//! rest of the file, and the user gets every error in one run.
//!
//! Plain scalars are resolved as YAML 1.2's core schema says (`null`/`~`,
//! `true`/`false`, decimal, `0x`/`0o` integers, floats, `.inf`, `.nan`);
//! quoted ones are text. Where text is expected, any scalar is taken as
//! written (`version: 1.0` is the text `1.0`).

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::Pos;
use super::text::TextError;
use super::tree::{Kind, Node, is_null_text};

/// Problems found while filling the model.
#[derive(Default)]
pub struct Problems(RefCell<Vec<TextError>>);

impl Problems {
    fn push(&self, at: Pos, message: String) {
        self.0.borrow_mut().push(TextError {
            at,
            message,
            help: None,
            first: None,
        });
    }

    /// Everything found.
    pub fn into_inner(self) -> Vec<TextError> {
        self.0.into_inner()
    }
}

/// The error type serde needs; only raised by a `Deserialize` impl of the
/// model itself (the deserializer reports and goes on), and then located at
/// the node being read.
#[derive(Debug)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

/// A resolved plain scalar.
enum Resolved<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Text(&'a str),
}

fn resolve(text: &str, plain: bool) -> Resolved<'_> {
    if !plain {
        return Resolved::Text(text);
    }
    if is_null_text(text) {
        return Resolved::Null;
    }
    match text {
        "true" | "True" | "TRUE" => return Resolved::Bool(true),
        "false" | "False" | "FALSE" => return Resolved::Bool(false),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY);
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        _ => {}
    }
    let radix = |digits: &str, radix| {
        u64::from_str_radix(digits, radix)
            .ok()
            .map(Resolved::UInt)
            .unwrap_or(Resolved::Text(text))
    };
    if let Some(hex) = text.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(octal) = text.strip_prefix("0o") {
        return radix(octal, 8);
    }
    let numeric = text
        .strip_prefix(['-', '+'])
        .unwrap_or(text)
        .starts_with(|c: char| c.is_ascii_digit() || c == '.');
    if numeric {
        if let Ok(n) = text.parse::<u64>() {
            return Resolved::UInt(n);
        }
        if let Ok(n) = text.parse::<i64>() {
            return Resolved::Int(n);
        }
        let looks_float = text
            .chars()
            .all(|c| c.is_ascii_digit() || "+-.eE".contains(c));
        if looks_float {
            if let Ok(f) = text.parse::<f64>() {
                return Resolved::Float(f);
            }
        }
    }
    Resolved::Text(text)
}

/// A deserializer for one node.
#[derive(Clone, Copy)]
pub struct De<'a> {
    /// The node.
    pub node: &'a Node,
    /// Where problems go.
    pub problems: &'a Problems,
}

impl<'a> De<'a> {
    fn wrong(&self, expected: &str) {
        let found = match &self.node.kind {
            Kind::Scalar { text, .. } if self.node.is_null() => format!("`{text}` (null)"),
            Kind::Scalar { text, .. } => format!("`{}`", shorten(text)),
            Kind::Seq(_) => "a list".into(),
            Kind::Map(_) => "a mapping".into(),
        };
        self.problems
            .push(self.node.at, format!("expected {expected}, found {found}"));
    }

    fn scalar(&self) -> Option<Resolved<'a>> {
        match &self.node.kind {
            Kind::Scalar { text, plain } => Some(resolve(text, *plain)),
            _ => None,
        }
    }
}

fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

macro_rules! integer {
    ($method:ident, $visit:ident, $ty:ty) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
            let value = match self.scalar() {
                Some(Resolved::UInt(n)) => <$ty>::try_from(n).ok(),
                Some(Resolved::Int(n)) => <$ty>::try_from(n).ok(),
                _ => None,
            };
            match value {
                Some(n) => visitor.$visit(n),
                None => {
                    self.wrong(concat!("an integer (", stringify!($ty), ")"));
                    visitor.$visit(0)
                }
            }
        }
    };
}

impl<'de> de::Deserializer<'de> for De<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Seq(items) => visitor.visit_seq(Seq {
                items: items.iter(),
                problems: self.problems,
            }),
            Kind::Map(map) => visitor.visit_map(Map {
                entries: map.entries.iter().filter(|e| !e.duplicate),
                value: None,
                problems: self.problems,
            }),
            Kind::Scalar { text, plain } => match resolve(text, *plain) {
                Resolved::Null => visitor.visit_unit(),
                Resolved::Bool(b) => visitor.visit_bool(b),
                Resolved::Int(n) => visitor.visit_i64(n),
                Resolved::UInt(n) => visitor.visit_u64(n),
                Resolved::Float(f) => visitor.visit_f64(f),
                Resolved::Text(t) => visitor.visit_str(t),
            },
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar() {
            Some(Resolved::Bool(b)) => visitor.visit_bool(b),
            _ => {
                self.wrong("`true` or `false`");
                visitor.visit_bool(false)
            }
        }
    }

    integer!(deserialize_i8, visit_i8, i8);
    integer!(deserialize_i16, visit_i16, i16);
    integer!(deserialize_i32, visit_i32, i32);
    integer!(deserialize_i64, visit_i64, i64);
    integer!(deserialize_u8, visit_u8, u8);
    integer!(deserialize_u16, visit_u16, u16);
    integer!(deserialize_u32, visit_u32, u32);
    integer!(deserialize_u64, visit_u64, u64);

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.scalar() {
            Some(Resolved::Float(f)) => visitor.visit_f64(f),
            Some(Resolved::Int(n)) => visitor.visit_i64(n),
            Some(Resolved::UInt(n)) => visitor.visit_u64(n),
            _ => {
                self.wrong("a number");
                visitor.visit_f64(0.0)
            }
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Scalar { text, .. } => visitor.visit_str(text),
            _ => {
                self.wrong("text");
                visitor.visit_str("")
            }
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.node.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Seq(items) => visitor.visit_seq(Seq {
                items: items.iter(),
                problems: self.problems,
            }),
            _ => {
                if !self.node.is_null() {
                    self.wrong("a list");
                }
                visitor.visit_seq(Seq {
                    items: [].iter(),
                    problems: self.problems,
                })
            }
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            Kind::Map(map) => visitor.visit_map(Map {
                entries: map.entries.iter().filter(|e| !e.duplicate),
                value: None,
                problems: self.problems,
            }),
            _ => {
                if !self.node.is_null() {
                    self.wrong("a mapping");
                }
                visitor.visit_map(Map {
                    entries: std::iter::empty(),
                    value: None,
                    problems: self.problems,
                })
            }
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_map(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        i128 u128 bytes byte_buf unit unit_struct tuple tuple_struct enum identifier
    }
}

struct Seq<'a> {
    items: std::slice::Iter<'a, Node>,
    problems: &'a Problems,
}

impl<'de> SeqAccess<'de> for Seq<'_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            None => Ok(None),
            Some(node) => seed
                .deserialize(De {
                    node,
                    problems: self.problems,
                })
                .map(Some)
                .map_err(|error| locate(error, node, self.problems)),
        }
    }
}

struct Map<'a, I: Iterator<Item = &'a super::tree::Entry>> {
    entries: I,
    value: Option<&'a Node>,
    problems: &'a Problems,
}

impl<'de, 'a, I: Iterator<Item = &'a super::tree::Entry>> MapAccess<'de> for Map<'a, I> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            None => Ok(None),
            Some(entry) => {
                self.value = Some(&entry.value);
                let key: de::value::StrDeserializer<'_, Error> =
                    entry.key.as_str().into_deserializer();
                seed.deserialize(key).map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let Some(node) = self.value.take() else {
            return Err(Error("a value without its key".into()));
        };
        seed.deserialize(De {
            node,
            problems: self.problems,
        })
        .map_err(|error| locate(error, node, self.problems))
    }
}

/// The first error a model's own `Deserialize` raised is recorded at the
/// innermost node it came from; outer levels pass it on unchanged.
fn locate(error: Error, node: &Node, problems: &Problems) -> Error {
    const LOCATED: &str = "\u{0}located";
    if error.0 != LOCATED {
        problems.push(node.at, error.0);
    }
    Error(LOCATED.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Default)]
    struct Field {
        #[serde(rename = "type")]
        ty: Option<String>,
        required: Option<bool>,
        max_items: Option<u64>,
        example: Option<serde_json::Value>,
    }

    fn fill<T: for<'de> Deserialize<'de>>(text: &str) -> (Option<T>, Vec<TextError>) {
        let (root, mut problems) = super::super::tree::parse(text);
        let found = Problems::default();
        let value = root.and_then(|node| {
            T::deserialize(De {
                node: &node,
                problems: &found,
            })
            .ok()
        });
        problems.extend(found.into_inner());
        (value, problems)
    }

    #[test]
    fn every_type_error_is_reported_and_the_rest_is_read() {
        let (field, problems) = fill::<std::collections::BTreeMap<String, Field>>(
            "a: {type: string, required: maybe}\nb: {type: [x], max_items: -3, example: [1, two]}\n",
        );
        let messages: Vec<String> = problems
            .iter()
            .map(|p| format!("{}:{} {}", p.at.line, p.at.column, p.message))
            .collect();
        assert_eq!(
            messages,
            [
                "1:29 expected `true` or `false`, found `maybe`",
                "2:11 expected text, found a list",
                "2:27 expected an integer (u64), found `-3`",
            ]
        );
        let field = field.unwrap();
        assert_eq!(field["a"].ty.as_deref(), Some("string"));
        assert_eq!(
            field["a"].required,
            Some(false),
            "a neutral value after the error"
        );
        assert_eq!(field["b"].max_items, Some(0));
        assert_eq!(field["b"].example, Some(serde_json::json!([1, "two"])));
    }

    #[test]
    fn core_schema_scalars() {
        let (value, problems) = fill::<serde_json::Value>(
            "a: ~\nb: 0x1F\nc: -12\nd: 1.5e3\ne: 'true'\nf: true\ng: 1.0.2\nh: 18446744073709551615\n",
        );
        assert!(problems.is_empty());
        assert_eq!(
            value.unwrap(),
            serde_json::json!({"a": null, "b": 31, "c": -12, "d": 1500.0, "e": "true", "f": true, "g": "1.0.2", "h": 18446744073709551615u64})
        );
        let (text, _) = fill::<std::collections::BTreeMap<String, String>>("version: 1.0\n");
        assert_eq!(text.unwrap()["version"], "1.0");
    }
}
