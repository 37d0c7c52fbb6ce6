//! Answers made from the spec: the documented response example where there
//! is a usable one, else values synthesised from the response types (the
//! field's documented example where it fits its type, else a value of the
//! type that satisfies its format).

use oapi_codegen::ir::{Endpoint, Envelope, Field, Format, Struct, Success, Ty, TypeDef};
use serde_json::{Map, Value, json};

/// Nested objects deeper than this are left empty (no spec nests so deep;
/// it bounds the work whatever the types).
const MAX_DEPTH: usize = 12;

/// Items of a synthesised list outside paging.
const LIST_ITEMS: u64 = 2;

/// A fixed instant synthesised times are built from: 2026-01-02 03:04:05 UTC+8.
pub(crate) const BASE_TIME_MS: i64 = 1_767_294_245_000;

/// The endpoint's business answer (what sits where the envelope's `data` is).
pub(crate) fn business(endpoint: &Endpoint, envelope: &Envelope) -> Value {
    documented(endpoint, envelope).unwrap_or_else(|| object(endpoint, &endpoint.response, None, 0))
}

/// The documented response example's business part, if it is JSON, a
/// success by the envelope, and holds the data.
fn documented(endpoint: &Endpoint, envelope: &Envelope) -> Option<Value> {
    let example: Value = serde_json::from_str(endpoint.response_example.as_deref()?).ok()?;
    if envelope.success == Success::Http {
        return Some(example).filter(Value::is_object);
    }
    let root = if at(&example, &envelope.code).is_some() || envelope.nested.is_empty() {
        &example
    } else {
        at(&example, &envelope.nested)?
    };
    let code = at(root, &envelope.code)?;
    let code = match code {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    if !envelope.ok.contains(&code) {
        return None;
    }
    let data = if envelope.data.is_empty() {
        root.clone()
    } else {
        at(root, &envelope.data)?.clone()
    };
    Some(data).filter(|d| fits_struct(endpoint, &endpoint.response, d))
}

/// The value at a dotted path.
pub(crate) fn at<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    if path.is_empty() {
        return Some(value);
    }
    path.split('.').try_fold(value, |v, part| v.get(part))
}

/// The field at a dotted wire path of `fields`, through nested structs.
pub(crate) fn field_at<'a>(
    endpoint: &'a Endpoint,
    fields: &'a [Field],
    path: &str,
) -> Option<&'a Field> {
    let mut fields = fields;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        let field = fields.iter().find(|f| f.wire == part)?;
        if parts.peek().is_none() {
            return Some(field);
        }
        fields = &named_struct(endpoint, &field.ty)?.fields;
    }
    None
}

/// The struct a type is (or holds, through lists, maps and secrets).
pub(crate) fn named_struct<'a>(endpoint: &'a Endpoint, ty: &Ty) -> Option<&'a Struct> {
    match ty {
        Ty::Named { name, .. } => endpoint.types.iter().find_map(|t| match t {
            TypeDef::Struct(s) if &s.name == name => Some(s),
            _ => None,
        }),
        Ty::List(inner) | Ty::Map(inner) | Ty::Secret(inner) => named_struct(endpoint, inner),
        _ => None,
    }
}

/// An object of `s`'s fields. `ordinal` (1-based) tells items of a list
/// apart: their plain text and integer fields carry it.
pub(crate) fn object(endpoint: &Endpoint, s: &Struct, ordinal: Option<u64>, depth: usize) -> Value {
    let mut object = Map::new();
    if depth < MAX_DEPTH {
        for field in &s.fields {
            object.insert(
                field.wire.clone(),
                field_value(endpoint, field, ordinal, depth),
            );
        }
    }
    Value::Object(object)
}

/// A value for one field.
pub(crate) fn field_value(
    endpoint: &Endpoint,
    field: &Field,
    ordinal: Option<u64>,
    depth: usize,
) -> Value {
    if let Some(example) = field
        .example
        .as_ref()
        .filter(|e| fits(endpoint, &field.ty, e))
    {
        let plain =
            field.format.is_none() && field.pattern.is_none() && !is_enum(endpoint, &field.ty);
        return match (ordinal, example) {
            (Some(n), Value::String(text)) if plain => json!(format!("{text}-{n}")),
            (Some(n), Value::Number(_)) if plain && matches!(field.ty, Ty::Integer | Ty::Int32) => {
                json!(n)
            }
            _ => example.clone(),
        };
    }
    value(endpoint, &field.ty, field, ordinal, depth)
}

fn value(endpoint: &Endpoint, ty: &Ty, field: &Field, ordinal: Option<u64>, depth: usize) -> Value {
    let n = ordinal.unwrap_or(1);
    match ty {
        Ty::Secret(inner) => value(endpoint, inner, field, ordinal, depth),
        Ty::String => match &field.format {
            Some(Format::DateTime(pattern)) => json!(time(n).format(pattern).to_string()),
            Some(Format::Date(pattern)) => json!(time(n).date().format(pattern).to_string()),
            Some(Format::Rfc3339) => {
                json!(format!("{}+08:00", time(n).format("%Y-%m-%dT%H:%M:%S")))
            }
            _ => json!(format!("{}-{n}", field.wire)),
        },
        Ty::Integer | Ty::Int32 => match &field.format {
            Some(Format::UnixMs) => json!(BASE_TIME_MS + n as i64 * 60_000),
            Some(Format::UnixS) => json!(BASE_TIME_MS / 1000 + n as i64 * 60),
            _ => json!(n),
        },
        Ty::Number => json!(n as f64 + 0.5),
        Ty::Boolean => json!(true),
        Ty::Json => json!({}),
        Ty::List(inner) => {
            let items = (1..=LIST_ITEMS)
                .map(|i| value(endpoint, inner, field, Some(i), depth + 1))
                .collect();
            Value::Array(items)
        }
        Ty::Map(inner) => json!({ "key": value(endpoint, inner, field, ordinal, depth + 1) }),
        Ty::Named { name, .. } => match endpoint.types.iter().find(|t| type_name(t) == name) {
            Some(TypeDef::Struct(s)) => object(endpoint, s, ordinal, depth + 1),
            Some(TypeDef::Enum(e)) => e.variants.first().map_or_else(
                || if e.integer { json!(0) } else { json!("") },
                |v| v.value.clone(),
            ),
            None => Value::Null,
        },
    }
}

/// The base instant plus `n` minutes, in UTC+8 wall time.
fn time(n: u64) -> chrono::NaiveDateTime {
    let ms = BASE_TIME_MS + 8 * 3_600_000 + n as i64 * 60_000;
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.naive_utc())
        .unwrap_or_default()
}

fn type_name(def: &TypeDef) -> &str {
    match def {
        TypeDef::Struct(s) => &s.name,
        TypeDef::Enum(e) => &e.name,
    }
}

fn is_enum(endpoint: &Endpoint, ty: &Ty) -> bool {
    match ty {
        Ty::Named { name, .. } => endpoint
            .types
            .iter()
            .any(|t| matches!(t, TypeDef::Enum(e) if &e.name == name)),
        Ty::Secret(inner) => is_enum(endpoint, inner),
        _ => false,
    }
}

/// Whether `value` decodes as `ty` (strictly: the fake's answers must
/// decode without the client's leniency).
pub(crate) fn fits(endpoint: &Endpoint, ty: &Ty, value: &Value) -> bool {
    match ty {
        Ty::String => value.is_string(),
        Ty::Secret(inner) => fits(endpoint, inner, value),
        Ty::Integer => value.is_i64() || value.is_u64(),
        Ty::Int32 => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        Ty::Number => value.is_number(),
        Ty::Boolean => value.is_boolean(),
        Ty::Json => true,
        Ty::List(inner) => value
            .as_array()
            .is_some_and(|items| items.iter().all(|i| fits(endpoint, inner, i))),
        Ty::Map(inner) => value
            .as_object()
            .is_some_and(|m| m.values().all(|v| fits(endpoint, inner, v))),
        Ty::Named { name, .. } => match endpoint.types.iter().find(|t| type_name(t) == name) {
            Some(TypeDef::Enum(e)) => {
                if e.integer {
                    value.is_i64()
                } else {
                    value.is_string()
                }
            }
            Some(TypeDef::Struct(s)) => fits_struct(endpoint, s, value),
            None => false,
        },
    }
}

/// Whether `value` is an object whose known fields fit `s`.
fn fits_struct(endpoint: &Endpoint, s: &Struct, value: &Value) -> bool {
    value.as_object().is_some_and(|object| {
        object.iter().all(|(key, v)| {
            s.fields
                .iter()
                .find(|f| &f.wire == key)
                .is_none_or(|f| v.is_null() || fits(endpoint, &f.ty, v))
        })
    })
}

/// `record` (as stored from a request) shaped as the struct `s`: fields
/// the record has, where they fit, the rest synthesised.
pub(crate) fn project(endpoint: &Endpoint, s: &Struct, record: &Value) -> Value {
    let mut object = Map::new();
    for field in &s.fields {
        let value = match record.get(&field.wire) {
            Some(v) if fits(endpoint, &field.ty, v) => v.clone(),
            _ => field_value(endpoint, field, None, 1),
        };
        object.insert(field.wire.clone(), value);
    }
    Value::Object(object)
}

/// A value of a non-object type for item `ordinal` of the list `field`.
pub(crate) fn scalar(endpoint: &Endpoint, ty: &Ty, field: &Field, ordinal: u64) -> Value {
    value(endpoint, ty, field, Some(ordinal), 1)
}
