//! IR types → JSON Schema (draft 2020-12, the OpenAPI 3.1 dialect).
//!
//! Nested types become `components.schemas` entries named
//! `<Platform><Group><Endpoint><Type>`; fields become properties carrying
//! their doc, limits, example and default.

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::{Site, names};
use crate::ir::{Bound, Encoding, Enum, Field, Format, Side, Struct, Ty, TypeDef};

/// `components.schemas`, filled endpoint by endpoint.
#[derive(Debug, Default)]
pub(crate) struct Components {
    /// Component name → schema.
    pub schemas: Map<String, Value>,
}

/// An endpoint's nested type names mapped to their component names.
#[derive(Debug, Default)]
pub(crate) struct TypeNames {
    components: HashMap<String, String>,
    /// Enum type name → whether its values are integers.
    enums: HashMap<String, bool>,
}

impl TypeNames {
    /// `#/components/schemas/<name>` for a nested type of the endpoint.
    fn reference(&self, type_name: &str) -> Option<String> {
        self.components
            .get(type_name)
            .map(|name| format!("#/components/schemas/{name}"))
    }
}

impl Components {
    /// Adds the nested types of `site`'s endpoint, each under a name no
    /// other component has, and returns how its types are referenced.
    pub fn register(&mut self, site: &Site<'_>) -> TypeNames {
        let mut names = TypeNames::default();
        for def in &site.endpoint.types {
            let local = match def {
                TypeDef::Struct(s) => &s.name,
                TypeDef::Enum(e) => {
                    names.enums.insert(e.name.clone(), e.integer);
                    &e.name
                }
            };
            let name = self.reserve(names::component_name(site, local));
            names.components.insert(local.clone(), name);
        }
        for def in &site.endpoint.types {
            let (local, schema) = match def {
                TypeDef::Struct(s) => (&s.name, object(s, &names)),
                TypeDef::Enum(e) => (&e.name, enumeration(e)),
            };
            if let Some(name) = names.components.get(local) {
                self.schemas.insert(name.clone(), schema);
            }
        }
        names
    }

    /// `base`, or `base2`, `base3`… if taken; the name is held until filled.
    fn reserve(&mut self, base: String) -> String {
        let mut name = base.clone();
        let mut n = 2;
        while self.schemas.contains_key(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        self.schemas.insert(name.clone(), Value::Null);
        name
    }
}

/// An object schema for a struct: its fields as properties, `required`
/// listing the required ones in spec order.
pub(crate) fn object(s: &Struct, names: &TypeNames) -> Value {
    let mut schema = fields_object(&s.fields, s.side, names);
    if let (Value::Object(object), false) = (&mut schema, s.doc.trim().is_empty()) {
        object.insert("description".into(), json!(s.doc.trim()));
    }
    schema
}

/// An object schema with `fields` as properties. Response-side fields
/// also accept `null` (platforms null fields they have no value for; the
/// generated client reads that as absent).
pub(crate) fn fields_object<'a>(
    fields: impl IntoIterator<Item = &'a Field>,
    side: Side,
    names: &TypeNames,
) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for field in fields {
        let mut schema = self::field(field, names);
        if side == Side::Response {
            schema = nullable(schema);
        }
        properties.insert(field.wire.clone(), schema);
        if field.required {
            required.push(json!(field.wire));
        }
    }
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".into(), Value::Array(required));
    }
    Value::Object(schema)
}

/// The schema of one field: its type, then doc, limits, example and default.
pub(crate) fn field(field: &Field, names: &TypeNames) -> Value {
    if field.encoding == Encoding::Comma {
        if let Ty::List(item) = &field.ty {
            return comma_list(field, item, names);
        }
    }
    if field.encoding == Encoding::Json {
        // A string holding JSON: the value's schema, limits included, is
        // its content's; examples and defaults are the text sent.
        let mut content = as_map(ty(&field.ty, names));
        limits(&mut content, field);
        let mut schema = Map::new();
        schema.insert("type".into(), json!("string"));
        schema.insert("contentMediaType".into(), json!("application/json"));
        schema.insert("contentSchema".into(), Value::Object(content));
        describe(&mut schema, &field.doc);
        if let Some(example) = &field.example {
            schema.insert("examples".into(), json!([example.to_string()]));
        }
        if let Some(default) = &field.default {
            schema.insert("default".into(), json!(default.to_string()));
        }
        return Value::Object(schema);
    }
    let mut schema = as_map(ty(&field.ty, names));
    describe(&mut schema, &field.doc);
    limits(&mut schema, field);
    if let Some(example) = &field.example {
        schema.insert("examples".into(), json!([example]));
    }
    if let Some(default) = &field.default {
        schema.insert("default".into(), default.clone());
    }
    Value::Object(schema)
}

/// The schema of a type, without field facts.
pub(crate) fn ty(ty: &Ty, names: &TypeNames) -> Value {
    match ty {
        Ty::String => json!({"type": "string"}),
        Ty::Integer => json!({"type": "integer", "format": "int64"}),
        Ty::Int32 => json!({"type": "integer", "format": "int32"}),
        Ty::Number => json!({"type": "number", "format": "double"}),
        Ty::Boolean => json!({"type": "boolean"}),
        Ty::Json => json!({"description": "Any JSON value."}),
        Ty::Secret(inner) => {
            let mut schema = as_map(self::ty(inner, names));
            schema.insert("format".into(), json!("password"));
            Value::Object(schema)
        }
        Ty::Named { name, .. } => match names.reference(name) {
            Some(reference) => json!({"$ref": reference}),
            None => json!({}),
        },
        Ty::List(inner) => json!({"type": "array", "items": self::ty(inner, names)}),
        Ty::Map(inner) => json!({"type": "object", "additionalProperties": self::ty(inner, names)}),
    }
}

/// A comma-encoded list: a string on the wire. The item schema and the item
/// count limits go to `x-oapi-comma-list`; the pattern checks both as far as
/// a regular expression can.
fn comma_list(field: &Field, item: &Ty, names: &TypeNames) -> Value {
    let mut list = Map::new();
    list.insert("items".into(), ty(item, names));
    if let Some(n) = field.limits.min_items {
        list.insert("minItems".into(), json!(n));
    }
    if let Some(n) = field.limits.max_items {
        list.insert("maxItems".into(), json!(n));
    }
    let mut schema = Map::new();
    schema.insert("type".into(), json!("string"));
    schema.insert(
        "pattern".into(),
        json!(comma_pattern(
            item_pattern(item, names),
            field.limits.min_items,
            field.limits.max_items
        )),
    );
    let doc = field.doc.trim();
    let note = "A list sent as one comma-separated string (items joined with `,`); \
                `x-oapi-comma-list` holds the item schema and the item count limits.";
    let description = if doc.is_empty() {
        note.to_owned()
    } else {
        format!("{doc}\n\n{note}")
    };
    schema.insert("description".into(), json!(description));
    schema.insert("x-oapi-comma-list".into(), Value::Object(list));
    if let Some(example) = &field.example {
        schema.insert("examples".into(), json!([comma_joined(example)]));
    }
    if let Some(default) = &field.default {
        schema.insert("default".into(), comma_joined(default));
    }
    Value::Object(schema)
}

/// A regular expression for one item of a comma list.
fn item_pattern(item: &Ty, names: &TypeNames) -> &'static str {
    const INTEGER: &str = "-?[0-9]+";
    const TEXT: &str = "[^,]*";
    match item {
        Ty::Integer | Ty::Int32 => INTEGER,
        Ty::Number => "-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?",
        Ty::Boolean => "(true|false)",
        Ty::Named { name, .. } if names.enums.get(name) == Some(&true) => INTEGER,
        Ty::Secret(inner) => item_pattern(inner, names),
        _ => TEXT,
    }
}

/// `^(item(,item){lo,hi})?$` for a comma list of `min..=max` items.
fn comma_pattern(item: &str, min: Option<u64>, max: Option<u64>) -> String {
    if max == Some(0) {
        return "^$".into();
    }
    let min = min.unwrap_or(0);
    let low = min.saturating_sub(1);
    let repeat = match max {
        Some(max) => format!("{{{low},{}}}", max.saturating_sub(1)),
        None if low == 0 => "*".into(),
        None => format!("{{{low},}}"),
    };
    let body = format!("{item}(,{item}){repeat}");
    if min == 0 {
        format!("^({body})?$")
    } else {
        format!("^{body}$")
    }
}

/// A documented list value as the comma-separated string sent.
fn comma_joined(value: &Value) -> Value {
    match value {
        Value::Array(items) => {
            let texts: Vec<String> = items
                .iter()
                .map(|item| match item {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                })
                .collect();
            json!(texts.join(","))
        }
        other => other.clone(),
    }
}

/// An open enum: `enum` with the documented values, their names and
/// meanings in `x-enum-varnames`/`x-enum-descriptions`.
pub(crate) fn enumeration(e: &Enum) -> Value {
    let values: Vec<Value> = e.variants.iter().map(|v| v.value.clone()).collect();
    let varnames: Vec<&str> = e.variants.iter().map(|v| v.ident.as_str()).collect();
    let descriptions: Vec<&str> = e.variants.iter().map(|v| v.doc.as_str()).collect();
    let open = "Open enum: the platform may send values not listed here; the generated \
                Rust client keeps them (`Other(value)`) instead of failing.";
    let doc = e.doc.trim();
    let description = if doc.is_empty() {
        open.to_owned()
    } else {
        format!("{doc}\n\n{open}")
    };
    json!({
        "type": if e.integer { "integer" } else { "string" },
        "enum": values,
        "description": description,
        "x-enum-varnames": varnames,
        "x-enum-descriptions": descriptions,
        "x-oapi-open-enum": true,
    })
}

fn limits(schema: &mut Map<String, Value>, field: &Field) {
    let limits = &field.limits;
    for (keyword, bound) in [("minimum", &limits.min), ("maximum", &limits.max)] {
        if let Some(bound) = bound {
            schema.insert(keyword.into(), bound_value(bound));
        }
    }
    for (keyword, count) in [
        ("minItems", limits.min_items),
        ("maxItems", limits.max_items),
        ("minLength", limits.min_length),
        ("maxLength", limits.max_length),
    ] {
        if let Some(count) = count {
            schema.insert(keyword.into(), json!(count));
        }
    }
    if let Some(bytes) = limits.max_bytes {
        schema.insert("x-oapi-max-bytes".into(), json!(bytes));
    }
    match &field.format {
        Some(Format::DateTime(pattern)) => {
            schema.insert("x-oapi-date-pattern".into(), json!(pattern));
        }
        Some(Format::Date(pattern)) => {
            schema.insert("format".into(), json!("date"));
            schema.insert("x-oapi-date-pattern".into(), json!(pattern));
        }
        Some(Format::Rfc3339) => {
            schema.insert("format".into(), json!("date-time"));
        }
        Some(Format::UnixMs) => {
            schema.insert("x-oapi-unit".into(), json!("epoch_ms"));
        }
        Some(Format::UnixS) => {
            schema.insert("x-oapi-unit".into(), json!("epoch_s"));
        }
        None => {}
    }
    if let Some(pattern) = &field.pattern {
        schema.insert("pattern".into(), json!(pattern));
    }
}

/// A bound as a JSON number (a non-finite float, which specs cannot hold,
/// becomes `null` rather than a panic).
pub(crate) fn bound_value(bound: &Bound) -> Value {
    match bound {
        Bound::Int(n) => json!(n),
        Bound::Float(f) => json!(f),
    }
}

/// Sets `description` unless the text is empty (a `$ref`'s own description
/// stays beside it: JSON Schema 2020-12 allows siblings of `$ref`).
pub(crate) fn describe(schema: &mut Map<String, Value>, doc: &str) {
    let doc = doc.trim();
    if !doc.is_empty() {
        schema.insert("description".into(), json!(doc));
    }
}

/// `schema` or `null`: `type: [T, "null"]`, or `anyOf` around a `$ref`
/// (a schema without `type` already accepts `null`).
fn nullable(schema: Value) -> Value {
    let mut schema = as_map(schema);
    if let Some(reference) = schema.remove("$ref") {
        schema.insert(
            "anyOf".into(),
            json!([{"$ref": reference}, {"type": "null"}]),
        );
    } else if let Some(Value::String(ty)) = schema.get("type") {
        let ty = json!([ty, "null"]);
        schema.insert("type".into(), ty);
    }
    Value::Object(schema)
}

fn as_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::comma_pattern;

    #[test]
    fn comma_patterns_bound_the_item_count() {
        assert_eq!(
            comma_pattern("[^,]*", Some(1), Some(10)),
            "^[^,]*(,[^,]*){0,9}$"
        );
        assert_eq!(
            comma_pattern("-?[0-9]+", None, None),
            "^(-?[0-9]+(,-?[0-9]+)*)?$"
        );
        assert_eq!(comma_pattern("x", Some(3), None), "^x(,x){2,}$");
        assert_eq!(comma_pattern("x", None, Some(0)), "^$");
    }
}
