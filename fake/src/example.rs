//! A valid request for any endpoint, made from its spec: every field
//! (optional ones too), the documented example where it keeps every
//! documented rule, else a value made to keep them (lengths, ranges, list
//! sizes, formats, patterns, enums, windows). In the request type's serde
//! form (wire names; comma lists and JSON strings encoded), so a test can
//! deserialise it into the generated `Request` and call the endpoint.

use oapi_codegen::ir::{Bound, Encoding, Endpoint, Field, Format, Ty, TypeDef};
use serde_json::{Map, Value, json};

use super::synth::BASE_TIME_MS;

/// Text tried, in order, against a pattern that the documented example
/// does not match.
const PATTERN_CANDIDATES: &[&str] = &[
    "x",
    "1",
    "a1",
    "A1",
    "abc",
    "ABC",
    "123",
    "abc123",
    "user01",
    "2026-01-02",
    "2026-01-02 03:04:05",
    "x@example.com",
    "13800000000",
    "+8613800000000",
    "https://example.com",
    "00000000-0000-0000-0000-000000000000",
];

/// A request for `endpoint` that its documented rules accept.
pub fn request(endpoint: &Endpoint) -> Value {
    let in_window = |field: &Field| {
        endpoint
            .windows
            .iter()
            .any(|w| w.start == field.ident || w.end == field.ident)
    };
    let mut object = Map::new();
    for field in &endpoint.request.fields {
        let value = if in_window(field) {
            time_value(field).unwrap_or_else(|| field_value(endpoint, field, None, 0))
        } else {
            field_value(endpoint, field, None, 0)
        };
        object.insert(field.wire.clone(), encode(field, value));
    }
    Value::Object(object)
}

/// Nesting beyond this is left empty (bounds the work whatever the types).
const MAX_DEPTH: usize = 12;

fn field_value(endpoint: &Endpoint, field: &Field, example: Option<&Value>, depth: usize) -> Value {
    let example = example.or(field.example.as_ref());
    value(endpoint, field, &field.ty, example, depth)
}

fn value(
    endpoint: &Endpoint,
    field: &Field,
    ty: &Ty,
    example: Option<&Value>,
    depth: usize,
) -> Value {
    match ty {
        Ty::Secret(inner) => value(endpoint, field, inner, example, depth),
        Ty::String => text(field, example.and_then(Value::as_str)),
        Ty::Integer | Ty::Int32 => integer(field, example.and_then(Value::as_i64)),
        Ty::Number => number(field, example.and_then(Value::as_f64)),
        Ty::Boolean => json!(example.and_then(Value::as_bool).unwrap_or(true)),
        Ty::Json => example.cloned().unwrap_or_else(|| json!({})),
        Ty::Map(inner) => {
            let item = example
                .and_then(Value::as_object)
                .and_then(|m| m.values().next());
            json!({ "key": value(endpoint, field, inner, item, depth + 1) })
        }
        Ty::List(inner) => {
            let min = field.limits.min_items.unwrap_or(1).max(1);
            let count = field.limits.max_items.map_or(min, |max| min.min(max));
            let items = example.and_then(Value::as_array);
            let list = (0..count as usize)
                .map(|i| {
                    let item = items.and_then(|items| items.get(i).or(items.first()));
                    value(endpoint, field, inner, item, depth + 1)
                })
                .collect();
            Value::Array(list)
        }
        Ty::Named { name, .. } => match endpoint.types.iter().find(|t| type_name(t) == name) {
            Some(TypeDef::Enum(e)) => match example {
                Some(v) if e.variants.iter().any(|variant| &variant.value == v) => v.clone(),
                _ => e.variants.first().map_or(Value::Null, |v| v.value.clone()),
            },
            Some(TypeDef::Struct(s)) => {
                let mut object = Map::new();
                if depth < MAX_DEPTH {
                    for nested in &s.fields {
                        let example = example.and_then(|e| e.get(&nested.wire));
                        let value = field_value(endpoint, nested, example, depth + 1);
                        object.insert(nested.wire.clone(), encode(nested, value));
                    }
                }
                Value::Object(object)
            }
            None => Value::Null,
        },
    }
}

fn type_name(def: &TypeDef) -> &str {
    match def {
        TypeDef::Struct(s) => &s.name,
        TypeDef::Enum(e) => &e.name,
    }
}

/// Text keeping the field's length, byte, pattern and format rules.
fn text(field: &Field, example: Option<&str>) -> Value {
    if let Some(example) = example.filter(|e| text_ok(field, e)) {
        return json!(example);
    }
    if let Some(time) = time_value(field) {
        return time;
    }
    if let Some(pattern) = &field.pattern {
        if let Ok(re) = regex_lite::Regex::new(pattern) {
            if let Some(found) = PATTERN_CANDIDATES
                .iter()
                .find(|c| re.is_match(c) && text_ok(field, c))
            {
                return json!(found);
            }
        }
    }
    let min = field.limits.min_length.unwrap_or(1).max(1) as usize;
    let mut text = "x".repeat(min);
    if let Some(max) = field.limits.max_length {
        text.truncate(max as usize);
    }
    if let Some(max) = field.limits.max_bytes {
        text.truncate(max as usize);
    }
    json!(text)
}

fn text_ok(field: &Field, text: &str) -> bool {
    let chars = text.chars().count() as u64;
    let limits = &field.limits;
    limits.min_length.is_none_or(|min| chars >= min)
        && limits.max_length.is_none_or(|max| chars <= max)
        && limits.max_bytes.is_none_or(|max| text.len() as u64 <= max)
        && field
            .pattern
            .as_ref()
            .is_none_or(|p| regex_lite::Regex::new(p).is_ok_and(|re| re.is_match(text)))
        && match &field.format {
            Some(Format::DateTime(pattern)) => {
                chrono::NaiveDateTime::parse_from_str(text, pattern).is_ok()
            }
            Some(Format::Date(pattern)) => chrono::NaiveDate::parse_from_str(text, pattern).is_ok(),
            Some(Format::Rfc3339) => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
            _ => true,
        }
}

/// The base instant as the field's format writes it, if it has a time format
/// (window fields all get it, so every window spans nothing).
fn time_value(field: &Field) -> Option<Value> {
    let local = chrono::DateTime::from_timestamp_millis(BASE_TIME_MS + 8 * 3_600_000)?.naive_utc();
    Some(match &field.format {
        Some(Format::DateTime(pattern)) => json!(local.format(pattern).to_string()),
        Some(Format::Date(pattern)) => json!(local.date().format(pattern).to_string()),
        Some(Format::Rfc3339) => json!(format!("{}+08:00", local.format("%Y-%m-%dT%H:%M:%S"))),
        Some(Format::UnixS) => json!(BASE_TIME_MS / 1000),
        Some(Format::UnixMs) => json!(BASE_TIME_MS),
        None if matches!(field.ty, Ty::Integer) => json!(BASE_TIME_MS),
        None => return None,
    })
}

fn bound(bound: &Option<Bound>) -> Option<f64> {
    bound.as_ref().map(|b| match b {
        Bound::Int(n) => *n as f64,
        Bound::Float(f) => *f,
    })
}

fn integer(field: &Field, example: Option<i64>) -> Value {
    let (min, max) = (bound(&field.limits.min), bound(&field.limits.max));
    let within = |n: i64| min.is_none_or(|m| n as f64 >= m) && max.is_none_or(|m| n as f64 <= m);
    if let Some(n) = example.filter(|n| within(*n)) {
        return json!(n);
    }
    if let Some(time) = time_value(field).filter(|_| field.format.is_some()) {
        return time;
    }
    let mut n = 1i64;
    if let Some(min) = min {
        n = n.max(min.ceil() as i64);
    }
    if let Some(max) = max {
        n = n.min(max.floor() as i64);
    }
    json!(n)
}

fn number(field: &Field, example: Option<f64>) -> Value {
    let (min, max) = (bound(&field.limits.min), bound(&field.limits.max));
    let within = |n: f64| min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m);
    let n = example.filter(|n| within(*n)).unwrap_or_else(|| {
        let mut n: f64 = 1.0;
        if let Some(min) = min {
            n = n.max(min);
        }
        if let Some(max) = max {
            n = n.min(max);
        }
        n
    });
    json!(n)
}

/// A value in the request type's serde form: a comma list as one string, a
/// JSON-encoded field as a string holding its JSON, anything else as it is.
pub fn encode(field: &Field, value: Value) -> Value {
    match (field.encoding, value) {
        (Encoding::Json, value) => Value::String(value.to_string()),
        (Encoding::Comma, Value::Array(items)) => {
            let parts: Vec<String> = items
                .iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                .collect();
            Value::String(parts.join(","))
        }
        (_, value) => value,
    }
}
