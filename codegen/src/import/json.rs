//! JSON examples: read in order (serde_json's map sorts keys), repaired
//! where the documentation's JSON has trailing commas, and printed back.

use std::fmt::{self, Write as _};

use serde::Deserialize;
use serde::de::{MapAccess, SeqAccess, Visitor};

/// A JSON value that keeps the key order of the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    /// `null`
    Null,
    /// `true`/`false`
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, keys in page order.
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsonVisitor;
        impl<'de> Visitor<'de> for JsonVisitor {
            type Value = Json;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
                Ok(Json::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                Ok(Json::Number(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                Ok(Json::Number(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
                Ok(serde_json::Number::from_f64(v).map_or(Json::Null, Json::Number))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::String(v.to_owned()))
            }
            fn visit_string<E>(self, v: String) -> Result<Json, E> {
                Ok(Json::String(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut entries: Vec<(String, Json)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Json>()? {
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some(entry) => entry.1 = value,
                        None => entries.push((key, value)),
                    }
                }
                Ok(Json::Object(entries))
            }
        }
        deserializer.deserialize_any(JsonVisitor)
    }
}

impl Json {
    /// The value of `key` in an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Whether an object has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The same shape with every list of objects reduced to one object
    /// holding every member any item has (the first value of each; nested
    /// objects and lists merged likewise): what the items are, for reading
    /// fields from an example whose items each show some of them.
    pub fn merged(&self) -> Json {
        match self {
            Json::Array(items) if items.iter().any(|i| matches!(i, Json::Object(_))) => {
                let mut merged = Json::Object(Vec::new());
                for item in items {
                    merged = merge(merged, item.merged());
                }
                Json::Array(vec![merged])
            }
            Json::Array(items) => Json::Array(items.iter().map(Json::merged).collect()),
            Json::Object(entries) => Json::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.merged()))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// The value as a `serde_json::Value` (for example values in the spec).
    pub fn to_value(&self) -> serde_json::Value {
        match self {
            Json::Null => serde_json::Value::Null,
            Json::Bool(b) => serde_json::Value::Bool(*b),
            Json::Number(n) => serde_json::Value::Number(n.clone()),
            Json::String(s) => serde_json::Value::String(s.clone()),
            Json::Array(items) => {
                serde_json::Value::Array(items.iter().map(Json::to_value).collect())
            }
            Json::Object(entries) => serde_json::Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect(),
            ),
        }
    }

    /// Pretty-printed with four-space indentation, every character a YAML
    /// block can hold (others escaped).
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write(&mut out, 0);
        out
    }

    fn write(&self, out: &mut String, indent: usize) {
        let pad = |n: usize| "    ".repeat(n);
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => out.push_str(&n.to_string()),
            Json::String(s) => out.push_str(&quote(s)),
            Json::Array(items) if items.is_empty() => out.push_str("[]"),
            Json::Object(entries) if entries.is_empty() => out.push_str("{}"),
            Json::Array(items) => {
                out.push_str("[\n");
                for (index, item) in items.iter().enumerate() {
                    out.push_str(&pad(indent + 1));
                    item.write(out, indent + 1);
                    out.push_str(if index + 1 < items.len() { ",\n" } else { "\n" });
                }
                out.push_str(&pad(indent));
                out.push(']');
            }
            Json::Object(entries) => {
                out.push_str("{\n");
                for (index, (key, value)) in entries.iter().enumerate() {
                    out.push_str(&pad(indent + 1));
                    out.push_str(&quote(key));
                    out.push_str(": ");
                    value.write(out, indent + 1);
                    out.push_str(if index + 1 < entries.len() {
                        ",\n"
                    } else {
                        "\n"
                    });
                }
                out.push_str(&pad(indent));
                out.push('}');
            }
        }
    }
}

/// Two example values of one member, merged: objects member by member,
/// lists item by item; otherwise the first that is not null.
fn merge(a: Json, b: Json) -> Json {
    match (a, b) {
        (Json::Object(mut left), Json::Object(right)) => {
            for (key, value) in right {
                match left.iter().position(|(k, _)| *k == key) {
                    Some(at) => {
                        let old = std::mem::replace(&mut left[at].1, Json::Null);
                        left[at].1 = merge(old, value);
                    }
                    None => left.push((key, value)),
                }
            }
            Json::Object(left)
        }
        (Json::Array(left), Json::Array(right)) => {
            let mut all = left;
            all.extend(right);
            Json::Array(all).merged()
        }
        (Json::Null, other) => other,
        (first, _) => first,
    }
}

/// A double-quoted string, valid in JSON and in YAML: `"`, `\` and every
/// character YAML would not carry as is are escaped.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters a YAML document cannot hold as they are.
pub fn needs_escape(c: char) -> bool {
    c < ' '
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// How an example was read.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// Valid JSON.
    Valid(Json),
    /// Valid after a repair, which the text says (`trailing commas`).
    Repaired(Json, String),
    /// Not JSON: the parser's message.
    Invalid(String),
}

/// Reads an example, repairing what documentation pages get wrong: trailing
/// commas (`"next_cursor": 10,}`), a missing outer `{}` (`"a": 1, "b": 2`),
/// unbalanced brackets (`[{…}` closed by `}`).
pub fn parse(text: &str) -> Parsed {
    let err = match serde_json::from_str::<Json>(text) {
        Ok(json) => return Parsed::Valid(json),
        Err(err) => err.to_string(),
    };
    let mut repairs = Vec::new();
    let mut repaired = text.trim().to_owned();
    if repaired.starts_with('"') {
        repaired = format!("{{{repaired}}}");
        repairs.push("no outer braces");
    }
    let without = without_trailing_commas(&repaired);
    if without != repaired {
        repairs.push("trailing commas");
        repaired = without;
    }
    if let Ok(json) = serde_json::from_str::<Json>(&repaired) {
        return Parsed::Repaired(json, repairs.join(", "));
    }
    let balanced = balance(&repaired);
    if balanced != repaired {
        repairs.push("unbalanced brackets");
        if let Ok(json) = serde_json::from_str::<Json>(&without_trailing_commas(&balanced)) {
            return Parsed::Repaired(json, repairs.join(", "));
        }
    }
    Parsed::Invalid(err)
}

/// Removes commas directly before `}` or `]` (outside strings).
pub fn without_trailing_commas(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for (index, &c) in chars.iter().enumerate() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars[index + 1..].iter().find(|n| !n.is_whitespace());
            if matches!(next, Some('}' | ']')) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The brackets open so far in a text read piece by piece (outside strings).
/// A closer that does not match the innermost opener closes the openers
/// up to the one it matches: pages drop a `]` more often than they add a `}`.
#[derive(Debug, Clone, Default)]
pub struct Brackets {
    stack: Vec<char>,
    in_string: bool,
    escaped: bool,
}

impl Brackets {
    /// Reads `text`; returns it with the closers it was missing inserted.
    pub fn feed(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if c == '\\' {
                    self.escaped = true;
                } else if c == '"' {
                    self.in_string = false;
                }
                out.push(c);
                continue;
            }
            match c {
                '"' => self.in_string = true,
                '{' => self.stack.push('}'),
                '[' => self.stack.push(']'),
                '}' | ']' if self.stack.contains(&c) => {
                    while let Some(expected) = self.stack.pop() {
                        if expected == c {
                            break;
                        }
                        out.push(expected);
                    }
                }
                _ => {}
            }
            out.push(c);
        }
        out
    }

    /// How many brackets are open.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The closers still missing, innermost first.
    pub fn missing(&self) -> String {
        self.stack.iter().rev().collect()
    }
}

/// `text` with missing closers inserted where a mismatched one shows they
/// were meant, and appended at the end.
pub fn balance(text: &str) -> String {
    let mut brackets = Brackets::default();
    let mut out = brackets.feed(text);
    out.push_str(&brackets.missing());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_repairs_trailing_commas() {
        let text = "{\"b\": 1, \"a\": {\"z\": [1, 2,], \"y\": \"x,}\"},}";
        let Parsed::Repaired(json, _) = parse(text) else {
            panic!("not repaired: {:?}", parse(text));
        };
        let Json::Object(entries) = &json else {
            panic!("not an object");
        };
        assert_eq!(entries[0].0, "b");
        assert_eq!(
            json.get("a").and_then(|a| a.get("y")),
            Some(&Json::String("x,}".into()))
        );
        assert_eq!(
            json.pretty(),
            "{\n    \"b\": 1,\n    \"a\": {\n        \"z\": [\n            1,\n            2\n        ],\n        \"y\": \"x,}\"\n    }\n}"
        );
        assert!(matches!(parse("{\"a\": 1}"), Parsed::Valid(_)));
        assert!(matches!(parse("{\"a\": }"), Parsed::Invalid(_)));
        assert!(matches!(parse(""), Parsed::Invalid(_)));
    }

    #[test]
    fn items_merge_into_one() {
        let Parsed::Valid(json) = parse(
            r#"{"list": [{"a": 1, "f": {"x": 1}}, {"b": 2, "f": {"y": 2}, "l": [{"p": 1}]}, {"l": [{"q": 2}]}]}"#,
        ) else {
            panic!("json");
        };
        let merged = json.merged();
        let Some(Json::Array(items)) = merged.get("list") else {
            panic!("list");
        };
        assert_eq!(items.len(), 1);
        let item = &items[0];
        assert!(item.has("a") && item.has("b"));
        assert!(item.get("f").is_some_and(|f| f.has("x") && f.has("y")));
        let Some(Json::Array(l)) = item.get("l") else {
            panic!("l");
        };
        assert!(l.len() == 1 && l[0].has("p") && l[0].has("q"));
    }

    #[test]
    fn quotes_for_json_and_yaml() {
        assert_eq!(quote("a\"b\\c\u{85}\u{1}"), "\"a\\\"b\\\\c\\u0085\\u0001\"");
        let back: String = serde_json::from_str(&quote("x\u{2028}y\"")).unwrap_or_default();
        assert_eq!(back, "x\u{2028}y\"");
    }

    #[test]
    fn brackets_and_other_repairs() {
        let mut brackets = Brackets::default();
        brackets.feed("{\"a\": [{\"x\": \"}]\"");
        assert_eq!(brackets.depth(), 3);
        assert_eq!(brackets.feed("} }"), "} ]}");
        assert_eq!(brackets.depth(), 0);
        // A list never closed (分贝通's flight order example).
        let text = "{\"data\": {\"results\": [{\"a\": 1}, {\"a\": 2}\n }\n}";
        let Parsed::Repaired(json, how) = parse(text) else {
            panic!("{:?}", parse(text));
        };
        assert_eq!(how, "unbalanced brackets");
        assert!(json.get("data").and_then(|d| d.get("results")).is_some());
        // No outer braces, a trailing comma.
        let Parsed::Repaired(json, how) = parse("\"a\": 1,\n\"b\": {\"c\": 0,\n}") else {
            panic!("not repaired");
        };
        assert_eq!(how, "no outer braces, trailing commas");
        assert!(json.has("b"));
        assert_eq!(balance("[1, [2"), "[1, [2]]");
        assert!(matches!(parse("\"a\": \"b\nc\""), Parsed::Invalid(_)));
    }
}
