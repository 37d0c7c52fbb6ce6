//! One field: its type, limits, format, encoding, enum and nested fields.

use std::collections::BTreeMap;

use super::{Checker, Side, join, key};
use crate::load::{At, Seg};
use crate::raw::*;
use crate::types::{self, Base, TypeError, TypeExpr};

const FIELD_KEYS: &[&str] = &[
    "type",
    "required",
    "doc",
    "example",
    "default",
    "min",
    "max",
    "min_items",
    "max_items",
    "min_length",
    "max_length",
    "max_bytes",
    "format",
    "pattern",
    "enum",
    "fields",
    "type_name",
    "rust_name",
    "encoding",
    "secret",
    "lenient",
];
const ENUM_KEYS: &[&str] = &["value", "name", "doc"];
/// Formats of a string field.
pub const STRING_FORMATS: &[&str] = &["date-time", "date", "rfc3339"];
/// Formats of an integer field.
pub const INTEGER_FORMATS: &[&str] = &["unix-ms", "unix-s"];

/// Where a request field travels (response fields: `Body`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum FieldPlace {
    Path,
    Query,
    Header,
    Body,
}

/// Nested type names seen in one endpoint, with where each was defined.
#[derive(Default)]
pub(super) struct TypeNames {
    pub(super) seen: BTreeMap<String, Vec<Vec<Seg>>>,
}

impl Checker<'_> {
    /// Checks a field; returns its parsed type when it has one.
    pub(super) fn field(
        &mut self,
        path: &[Seg],
        name: &str,
        field: &RawField,
        side: Side,
        place: FieldPlace,
        types: &mut TypeNames,
    ) -> Option<TypeExpr> {
        self.unknown_keys(path, &field.unknown, FIELD_KEYS);
        self.field_name(path, name, field);
        let Some(type_text) = &field.ty else {
            self.error(
                path,
                At::Value,
                format!("field `{name}` has no `type`"),
                Some(format!("one of: {}", types::BASE_NAMES.join(", "))),
            );
            return None;
        };
        let ty = match types::parse_checked(type_text) {
            Ok(ty) => ty,
            Err(error) => {
                let (message, help) = match error {
                    TypeError::TooDeep => (
                        format!(
                            "type `{}` nests lists and maps more than {} levels",
                            shorten(type_text),
                            types::MAX_TYPE_DEPTH
                        ),
                        "no documented API needs more; use `json` for free-form values".to_owned(),
                    ),
                    TypeError::MapKey(key) => (
                        format!("map keys are strings, not `{key}`"),
                        "write `map<string, …>` (JSON object keys are always text)".to_owned(),
                    ),
                    TypeError::Unknown => (
                        format!("unknown type `{}`", shorten(type_text)),
                        match types::suggestion(type_text) {
                            Some(close) => format!("did you mean `{close}`?"),
                            None => format!(
                                "one of: {} (add `[]` for a list, `map<string, T>` for a map)",
                                types::BASE_NAMES.join(", ")
                            ),
                        },
                    ),
                };
                self.error(&join(path, key("type")), At::Value, message, Some(help));
                return None;
            }
        };
        if side == Side::Response && field.required.is_some() {
            self.error(
                &join(path, key("required")),
                At::Key,
                "`required` applies to request fields only",
                Some(
                    "response fields are always optional in Rust: platforms omit and null them"
                        .into(),
                ),
            );
        }
        if side == Side::Request && field.lenient.is_some() {
            self.error(
                &join(path, key("lenient")),
                At::Key,
                "`lenient` applies to response fields (requests are sent in their documented type)",
                None,
            );
        }
        self.place_rules(path, name, field, &ty, place);
        if field.enumeration.is_some() && ty.lists() == 0 {
            self.enum_limits(path, field);
        } else {
            self.limits(path, field, &ty);
            self.format(path, field, &ty);
        }
        self.encoding(path, field, &ty, place);
        if let Some(values) = &field.enumeration {
            self.enumeration(&join(path, key("enum")), values, &ty);
        }
        let object = ty.base() == Base::Object;
        let nested = object || field.enumeration.is_some();
        match (&field.fields, object) {
            (Some(fields), true) => {
                let fields_path = join(path, key("fields"));
                if fields.0.is_empty() {
                    self.error(
                        &fields_path,
                        At::Value,
                        "an object needs at least one field",
                        Some("use `type: json` for free-form objects".into()),
                    );
                }
                for (child, value) in self.unique_fields(&fields_path, fields) {
                    self.field(
                        &join(&fields_path, key(child)),
                        child,
                        value,
                        side,
                        FieldPlace::Body,
                        types,
                    );
                }
            }
            (None, true) => self.error(
                path,
                At::Value,
                format!("object field `{name}` has no `fields`"),
                Some("list its fields, or use `type: json` for free-form objects".into()),
            ),
            (Some(_), false) => self.error(
                &join(path, key("fields")),
                At::Key,
                format!("`fields` on a `{type_text}` field"),
                Some(
                    "only objects (`object`, `object[]`, `map<string, object>`) have fields".into(),
                ),
            ),
            (None, false) => {}
        }
        if let Some(type_name) = field.type_name.as_deref().filter(|_| nested) {
            if !crate::names::has_ident(type_name) {
                self.error(
                    &join(path, key("type_name")),
                    At::Value,
                    format!("`type_name: {type_name}` has no ASCII letter or digit to make a Rust type name of"),
                    Some("an UpperCamelCase name, e.g. `Receiver`".into()),
                );
            }
        }
        if nested {
            let type_name = types::nested_type_name(name, field.type_name.as_deref(), ty.lists());
            types.seen.entry(type_name).or_default().push(path.to_vec());
        } else if field.type_name.is_some() {
            self.error(
                &join(path, key("type_name")),
                At::Key,
                "`type_name` names the type of an object or enum field only",
                None,
            );
        }
        if field.secret == Some(true) && ty != TypeExpr::Base(Base::String) {
            self.error(
                &join(path, key("secret")),
                At::Key,
                "`secret` applies to `string` fields",
                None,
            );
        }
        Some(ty)
    }

    /// The Rust name a field gets: from its wire name, or `rust_name`.
    fn field_name(&mut self, path: &[Seg], name: &str, field: &RawField) {
        match &field.rust_name {
            Some(rust) => {
                let valid = !rust.is_empty()
                    && crate::names::snake_ident(rust) == *rust
                    && !rust.starts_with("r#");
                if !valid {
                    self.error(
                        &join(path, key("rust_name")),
                        At::Value,
                        format!("`rust_name: {rust}` is not a snake_case identifier"),
                        None,
                    );
                }
            }
            None if !crate::names::has_ident(name) => self.error(
                path,
                At::Key,
                format!("field name `{name}` has no ASCII letter or digit to make a Rust name of"),
                Some("keep the wire name and add `rust_name: <snake_case>`".into()),
            ),
            None => {}
        }
    }

    /// Path parameters are scalars, always required; query and header
    /// values are scalars or comma lists.
    fn place_rules(
        &mut self,
        path: &[Seg],
        name: &str,
        field: &RawField,
        ty: &TypeExpr,
        place: FieldPlace,
    ) {
        match place {
            FieldPlace::Path => {
                let scalar = matches!(
                    ty,
                    TypeExpr::Base(Base::String | Base::Integer | Base::Int32)
                );
                if !scalar {
                    self.error(
                        &join(path, key("type")),
                        At::Value,
                        format!("path parameter `{name}` is `{ty}`; a path segment is a `string` or an integer"),
                        None,
                    );
                }
                if field.required == Some(false) {
                    self.error(
                        &join(path, key("required")),
                        At::Value,
                        "a path parameter is always required (the path has no meaning without it)",
                        None,
                    );
                }
            }
            FieldPlace::Query | FieldPlace::Header => {
                let text = ty.is_scalar()
                    || ty.is_scalar_list()
                    || field.encoding.as_deref() == Some("json");
                if !text {
                    self.error(
                        &join(path, key("type")),
                        At::Value,
                        format!(
                            "a {} value is text: `{ty}` cannot travel there",
                            if place == FieldPlace::Query { "query" } else { "header" }
                        ),
                        Some("use a scalar, a list of scalars (sent comma-separated) or `encoding: json`".into()),
                    );
                }
            }
            FieldPlace::Body => {}
        }
    }

    /// An enum field's values are the listed ones: bounds, lengths, formats
    /// and patterns do not apply to it (the generated enum has none of them).
    fn enum_limits(&mut self, path: &[Seg], field: &RawField) {
        let set = [
            ("min", field.min.is_some()),
            ("max", field.max.is_some()),
            ("min_items", field.min_items.is_some()),
            ("max_items", field.max_items.is_some()),
            ("min_length", field.min_length.is_some()),
            ("max_length", field.max_length.is_some()),
            ("max_bytes", field.max_bytes.is_some()),
            ("format", field.format.is_some()),
            ("pattern", field.pattern.is_some()),
        ];
        for (name, _) in set.into_iter().filter(|(_, set)| *set) {
            self.error(
                &join(path, key(name)),
                At::Key,
                format!("`{name}` does not apply to an enum field: its values are the listed ones"),
                Some("drop it (the enum already allows only the documented values)".into()),
            );
        }
    }

    fn limits(&mut self, path: &[Seg], field: &RawField, ty: &TypeExpr) {
        let numeric = matches!(ty, TypeExpr::Base(base) if base.is_numeric());
        let integer = matches!(ty, TypeExpr::Base(base) if base.is_integer());
        let mut bounds = [None, None];
        for (index, (name, bound)) in [("min", &field.min), ("max", &field.max)]
            .into_iter()
            .enumerate()
        {
            let Some(bound) = bound else { continue };
            if !numeric {
                let help = if ty.lists() > 0 {
                    format!("for the number of items use `{name}_items`")
                } else if ty.base() == Base::String {
                    format!("for the text length use `{name}_length`")
                } else {
                    "only `integer` and `number` fields have bounds".into()
                };
                self.error(
                    &join(path, key(name)),
                    At::Key,
                    format!("`{name}` applies to numbers, not to `{ty}`"),
                    Some(help),
                );
                continue;
            }
            let fits = match ty {
                TypeExpr::Base(Base::Int32) => {
                    bound.as_i64().is_some_and(|n| i32::try_from(n).is_ok())
                }
                _ if integer => bound.as_i64().is_some(),
                _ => bound.as_f64().is_some(),
            };
            if !fits {
                self.error(
                    &join(path, key(name)),
                    At::Value,
                    format!("`{name}: {bound}` is not a value of the field's type `{ty}`"),
                    None,
                );
            } else {
                bounds[index] = bound.as_f64();
            }
        }
        if let [Some(min), Some(max)] = bounds {
            if min > max {
                self.error(
                    &join(path, key("max")),
                    At::Value,
                    format!("min ({min}) is greater than max ({max})"),
                    Some("swap them, or fix the one that was mistyped".into()),
                );
            }
        }
        let text = ty == &TypeExpr::Base(Base::String);
        for (low_name, high_name, low, high, applies, what) in [
            (
                "min_items",
                "max_items",
                &field.min_items,
                &field.max_items,
                ty.lists() > 0,
                "lists",
            ),
            (
                "min_length",
                "max_length",
                &field.min_length,
                &field.max_length,
                text,
                "`string` fields",
            ),
        ] {
            let mut values = [None, None];
            for (index, (name, value)) in
                [(low_name, low), (high_name, high)].into_iter().enumerate()
            {
                let Some(value) = value else { continue };
                if !applies {
                    self.error(
                        &join(path, key(name)),
                        At::Key,
                        format!("`{name}` applies to {what}, not to `{ty}`"),
                        None,
                    );
                } else if value.as_u64().is_none() {
                    self.error(
                        &join(path, key(name)),
                        At::Value,
                        format!("`{name}: {value}` must be a non-negative integer"),
                        None,
                    );
                } else {
                    values[index] = value.as_u64();
                }
            }
            if let [Some(low), Some(high)] = values {
                if low > high {
                    self.error(
                        &join(path, key(high_name)),
                        At::Value,
                        format!("{low_name} ({low}) is greater than {high_name} ({high})"),
                        None,
                    );
                }
            }
        }
        if let Some(bytes) = &field.max_bytes {
            let applies = text || !ty.is_scalar();
            if !applies {
                self.error(
                    &join(path, key("max_bytes")),
                    At::Key,
                    format!("`max_bytes` applies to text and to JSON-valued fields (objects, maps, lists, json), not to `{ty}`"),
                    None,
                );
            } else if bytes.as_u64().is_none_or(|n| n == 0) {
                self.error(
                    &join(path, key("max_bytes")),
                    At::Value,
                    format!("`max_bytes: {bytes}` must be a positive integer"),
                    None,
                );
            }
        }
    }

    fn format(&mut self, path: &[Seg], field: &RawField, ty: &TypeExpr) {
        let text = ty == &TypeExpr::Base(Base::String);
        let integer = matches!(ty, TypeExpr::Base(base) if base.is_integer());
        let date = matches!(field.format.as_deref(), Some("date-time" | "date"));
        if let Some(format) = &field.format {
            let allowed: &[&str] = if text {
                STRING_FORMATS
            } else if integer {
                INTEGER_FORMATS
            } else {
                &[]
            };
            if !allowed.contains(&format.as_str()) {
                let help = if allowed.is_empty() {
                    format!(
                        "formats apply to `string` ({}) and `integer` ({}) fields",
                        STRING_FORMATS.join(", "),
                        INTEGER_FORMATS.join(", ")
                    )
                } else {
                    match super::suggest(format, allowed) {
                        Some(close) => format!("did you mean `{close}`?"),
                        None => format!("one of: {}", allowed.join(", ")),
                    }
                };
                self.error(
                    &join(path, key("format")),
                    At::Value,
                    format!("`format: {format}` does not apply to a `{ty}` field"),
                    Some(help),
                );
            }
        }
        let Some(pattern) = &field.pattern else {
            return;
        };
        if !text {
            self.error(
                &join(path, key("pattern")),
                At::Key,
                "`pattern` applies to `string` fields",
                None,
            );
        } else if date {
            if let Err(problem) = crate::dates::strftime(pattern) {
                self.error(
                    &join(path, key("pattern")),
                    At::Value,
                    format!("date pattern `{pattern}`: {problem}"),
                    Some("Java style, e.g. `yyyy-MM-dd HH:mm:ss` (MM months, mm minutes)".into()),
                );
            }
        } else if let Err(error) = regex_lite::Regex::new(pattern) {
            self.error(
                &join(path, key("pattern")),
                At::Value,
                format!(
                    "`pattern` is not a regular expression: {}",
                    shorten(&error.to_string())
                ),
                None,
            );
        }
    }

    fn encoding(&mut self, path: &[Seg], field: &RawField, ty: &TypeExpr, place: FieldPlace) {
        let Some(encoding) = &field.encoding else {
            return;
        };
        match encoding.as_str() {
            "comma" if !ty.is_scalar_list() => self.error(
                &join(path, key("encoding")),
                At::Key,
                "`encoding: comma` applies to lists of scalars",
                Some("e.g. `type: \"string[]\"`".into()),
            ),
            "json" if ty.is_scalar() => self.error(
                &join(path, key("encoding")),
                At::Key,
                "`encoding: json` applies to objects, maps and lists (sent as a string holding their JSON)",
                None,
            ),
            "json" if place == FieldPlace::Path => self.error(
                &join(path, key("encoding")),
                At::Key,
                "a path parameter is a scalar",
                None,
            ),
            "comma" | "json" => {}
            other => self.error(
                &join(path, key("encoding")),
                At::Value,
                format!("unknown encoding `{other}`"),
                Some("`comma` (a list as one comma-separated string) or `json` (a value as a string holding its JSON)".into()),
            ),
        }
    }

    fn enumeration(&mut self, path: &[Seg], values: &[RawEnumValue], ty: &TypeExpr) {
        let integer = match ty.base() {
            base if base.is_integer() => true,
            Base::String => false,
            _ => {
                self.error(
                    path,
                    At::Key,
                    format!("`enum` applies to integer and `string` fields, not to `{ty}`"),
                    None,
                );
                return;
            }
        };
        if ty.has_map() {
            self.error(
                path,
                At::Key,
                "`enum` applies to scalars and lists of them, not to maps",
                None,
            );
            return;
        }
        if values.is_empty() {
            self.error(path, At::Value, "`enum` lists no values", None);
        }
        let mut seen_values: BTreeMap<String, usize> = BTreeMap::new();
        let mut seen_names: BTreeMap<String, usize> = BTreeMap::new();
        for (index, item) in values.iter().enumerate() {
            let item_path = join(path, Seg::Index(index));
            self.unknown_keys(&item_path, &item.unknown, ENUM_KEYS);
            match &item.value {
                None => self.error(&item_path, At::Value, "enum item has no `value`", None),
                Some(value) => {
                    let right_type = if integer {
                        value.is_i64()
                    } else {
                        value.is_string()
                    };
                    if !right_type {
                        let expected = if integer { "an integer" } else { "a string" };
                        self.error(
                            &join(&item_path, key("value")),
                            At::Value,
                            format!(
                                "enum value {value} is not {expected}, but the field is `{ty}`"
                            ),
                            Some(if integer {
                                "write the number without quotes".into()
                            } else {
                                format!("quote it: \"{}\"", value.to_string().trim_matches('"'))
                            }),
                        );
                    }
                    let text = value.to_string();
                    if let Some(first) = seen_values.insert(text.clone(), index) {
                        let first = self.source.locate(
                            &join(&join(path, Seg::Index(first)), key("value")),
                            At::Value,
                        );
                        self.error(
                            &join(&item_path, key("value")),
                            At::Value,
                            format!("duplicate enum value {text}"),
                            Some(format!("first at {first}")),
                        );
                    }
                }
            }
            match &item.name {
                None => self.error(
                    &item_path,
                    At::Value,
                    "enum item has no `name`",
                    Some("a snake_case name for the Rust variant, e.g. `name: normal`".into()),
                ),
                Some(name) => {
                    if !crate::names::has_ident(name) {
                        self.error(
                            &join(&item_path, key("name")),
                            At::Value,
                            format!("enum name `{name}` has no ASCII letter or digit to make a variant of"),
                            None,
                        );
                        continue;
                    }
                    let variant = crate::names::pascal_ident(name);
                    if variant == "Other" {
                        self.error(
                            &join(&item_path, key("name")),
                            At::Value,
                            "`other` is reserved for values the documentation does not list",
                            None,
                        );
                    }
                    if let Some(first) = seen_names.insert(variant.clone(), index) {
                        let first = self.source.locate(
                            &join(&join(path, Seg::Index(first)), key("name")),
                            At::Value,
                        );
                        self.error(
                            &join(&item_path, key("name")),
                            At::Value,
                            format!("enum name `{name}` maps to the variant `{variant}` twice"),
                            Some(format!("first at {first}")),
                        );
                    }
                }
            }
        }
    }

    /// Every nested type name used twice (or reserved) in one endpoint, each
    /// place reported with the first.
    pub(super) fn type_names(&mut self, types: TypeNames) {
        for (name, places) in types.seen {
            let reserved = super::RESERVED_TYPES.contains(&name.as_str());
            let Some(first) = places.first() else {
                continue;
            };
            if reserved {
                for place in &places {
                    self.error(
                        place,
                        At::Key,
                        format!("the nested type name `{name}` is reserved: every endpoint module defines or imports it"),
                        Some("set `type_name` on this field".into()),
                    );
                }
                continue;
            }
            let first_at = self.first_at(first);
            for place in places.iter().skip(1) {
                self.error(
                    place,
                    At::Key,
                    format!("this field's nested type would be named `{name}` too"),
                    Some(format!(
                        "{first_at}; set `type_name` on one of them (objects and enums alike)"
                    )),
                );
            }
        }
    }
}

fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The field at a dotted path of wire names.
pub fn resolve<'a>(fields: &'a Entries<RawField>, dotted: &str) -> Option<&'a RawField> {
    let mut current = fields;
    let mut found = None;
    for part in dotted.split('.') {
        if found.is_some_and(|f: &RawField| f.fields.is_none()) {
            return None;
        }
        let field = current
            .0
            .iter()
            .find(|(name, _)| name == part)
            .map(|(_, f)| f)?;
        found = Some(field);
        if let Some(children) = &field.fields {
            current = children;
        }
    }
    found
}
