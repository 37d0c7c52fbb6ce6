//! Fields lowered: Rust names and types decided, nested objects and enums
//! made named types of the endpoint, limits and formats carried over.

use serde_json::Value as Json;

use crate::ir::*;
use crate::names::{pascal_ident, snake_ident};
use crate::raw::*;
use crate::types::{self, Base, TypeExpr};

/// Lowers one field; nested types are appended to `types`.
pub fn lower_field(
    name: &str,
    raw: &RawField,
    place: Place,
    side: Side,
    types: &mut Vec<TypeDef>,
) -> Field {
    let expr = raw
        .ty
        .as_deref()
        .and_then(types::parse)
        .unwrap_or(TypeExpr::Base(Base::Json));
    let nested_name = types::nested_type_name(name, raw.type_name.as_deref(), expr.lists());
    let base = base_type(&expr, raw, side, &nested_name, types);
    let ty = wrap(&expr, base);
    let format = match (raw.format.as_deref(), expr.base()) {
        (Some("date-time"), _) => Some(Format::DateTime(date_pattern(raw, "yyyy-MM-dd HH:mm:ss"))),
        (Some("date"), _) => Some(Format::Date(date_pattern(raw, "yyyy-MM-dd"))),
        (Some("rfc3339"), _) => Some(Format::Rfc3339),
        (Some("unix-ms"), _) => Some(Format::UnixMs),
        (Some("unix-s"), _) => Some(Format::UnixS),
        _ => None,
    };
    let date = matches!(format, Some(Format::DateTime(_) | Format::Date(_)));
    let count = |value: &Option<Json>| value.as_ref().and_then(Json::as_u64);
    Field {
        ident: raw
            .rust_name
            .clone()
            .unwrap_or_else(|| non_empty(snake_ident(name))),
        wire: name.to_owned(),
        doc: raw.doc.clone().unwrap_or_default(),
        ty,
        required: side == Side::Request && (raw.required == Some(true) || place == Place::Path),
        place,
        limits: Limits {
            min: bound(&raw.min),
            max: bound(&raw.max),
            min_items: count(&raw.min_items),
            max_items: count(&raw.max_items),
            min_length: count(&raw.min_length),
            max_length: count(&raw.max_length),
            max_bytes: count(&raw.max_bytes),
        },
        encoding: match raw.encoding.as_deref() {
            Some("comma") => Encoding::Comma,
            Some("json") => Encoding::Json,
            _ => Encoding::Plain,
        },
        format,
        pattern: raw.pattern.clone().filter(|_| !date),
        lenient: raw.lenient,
        example: raw.example.clone(),
        default: raw.default.clone(),
    }
}

/// The Rust type of the innermost value: a scalar, or a nested type made here.
fn base_type(
    expr: &TypeExpr,
    raw: &RawField,
    side: Side,
    nested_name: &str,
    types: &mut Vec<TypeDef>,
) -> Ty {
    match expr.base() {
        Base::String if raw.secret == Some(true) => Ty::Secret(Box::new(Ty::String)),
        base if raw.enumeration.is_some() => {
            types.push(TypeDef::Enum(lower_enum(
                nested_name,
                raw,
                base.is_integer(),
            )));
            Ty::Named {
                name: nested_name.to_owned(),
                validated: false,
            }
        }
        Base::String => Ty::String,
        Base::Integer => Ty::Integer,
        Base::Int32 => Ty::Int32,
        Base::Number => Ty::Number,
        Base::Boolean => Ty::Boolean,
        Base::Json => Ty::Json,
        Base::Object => {
            let index = types.len();
            types.push(TypeDef::Struct(Struct {
                name: nested_name.to_owned(),
                doc: String::new(),
                fields: Vec::new(),
                side,
                paged: false,
            }));
            let fields: Vec<Field> = raw
                .fields
                .iter()
                .flat_map(|f| f.0.iter())
                .map(|(child, field)| lower_field(child, field, Place::Body, side, types))
                .collect();
            let validated = side == Side::Request && fields.iter().any(needs_validation);
            if let Some(TypeDef::Struct(def)) = types.get_mut(index) {
                def.doc = raw.doc.clone().unwrap_or_default();
                def.fields = fields;
            }
            Ty::Named {
                name: nested_name.to_owned(),
                validated,
            }
        }
    }
}

/// Whether a request field has a check of its own (or nested ones).
pub fn needs_validation(field: &Field) -> bool {
    field.limits.any()
        || field.ty.is_validated()
        || field.format.is_some()
        || field.pattern.is_some()
}

/// The lists and maps of `expr` around `base`.
fn wrap(expr: &TypeExpr, base: Ty) -> Ty {
    match expr {
        TypeExpr::Base(_) => base,
        TypeExpr::List(inner) => Ty::List(Box::new(wrap(inner, base))),
        TypeExpr::Map(inner) => Ty::Map(Box::new(wrap(inner, base))),
    }
}

fn date_pattern(raw: &RawField, default: &str) -> String {
    let java = raw.pattern.as_deref().unwrap_or(default);
    crate::dates::strftime(java).unwrap_or_default()
}

fn non_empty(ident: String) -> String {
    if ident.is_empty() {
        "field".into()
    } else {
        ident
    }
}

fn lower_enum(name: &str, raw: &RawField, integer: bool) -> Enum {
    Enum {
        name: name.to_owned(),
        doc: raw.doc.clone().unwrap_or_default(),
        integer,
        variants: raw
            .enumeration
            .iter()
            .flatten()
            .map(|item| Variant {
                ident: pascal_ident(item.name.as_deref().unwrap_or("value")),
                value: item.value.clone().unwrap_or_default(),
                doc: item.doc.clone().unwrap_or_default(),
            })
            .collect(),
    }
}

fn bound(value: &Option<Json>) -> Option<Bound> {
    let value = value.as_ref()?;
    match value.as_i64() {
        Some(int) => Some(Bound::Int(int)),
        None => value.as_f64().map(Bound::Float),
    }
}
