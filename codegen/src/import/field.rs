//! Nested rows into spec fields: the type, required flag, doc, example,
//! limits, enum values and secrecy of each, with a note for every guess.
//! Where the table leaves a type open (`Array`, `Map`, no type column),
//! the JSON example settles it; members the example shows that the table
//! does not list are added, marked TODO.

use serde_json::{Number, Value};

use super::align::{loose, members};
use super::enums;
use super::json::{self, Json, Parsed};
use super::kind::{Base, Ty};
use super::limits;
use super::model::{EnumValue, Field, Note};
use super::nest::Node;
use super::text::{is_field_name, short};

/// Which way the fields travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Request fields (may be required, have limits that are checked).
    Request,
    /// Response fields.
    Response,
}

impl Side {
    fn example_name(self) -> &'static str {
        match self {
            Side::Request => "request",
            Side::Response => "response",
        }
    }
}

/// Words in a `Number` field's description that suggest decimals.
const DECIMAL_HINTS: &[&str] = &[
    "小数",
    "金额",
    "价格",
    "单价",
    "经度",
    "纬度",
    "比例",
    "百分比",
    "费率",
    "折扣",
    "汇率",
];

/// Fields for `nodes`; `json` is the documented example object holding
/// them. Members of `json` no node names are added with a TODO, except
/// those in `skip` (the envelope's); with no nodes at all, none are (see
/// [`from_example`]).
pub fn fields(nodes: &[Node], json: Option<&Json>, side: Side, skip: &[&str]) -> Vec<Field> {
    let out: Vec<Field> = nodes.iter().map(|node| field(node, json, side)).collect();
    if nodes.is_empty() {
        return out;
    }
    with_extras(out, nodes, json, side, skip)
}

/// The fields of an example when the page has no table for them, every
/// one marked TODO.
pub fn from_example(json: Option<&Json>, side: Side, skip: &[&str]) -> Vec<Field> {
    with_extras(Vec::new(), &[], json, side, skip)
}

fn with_extras(
    mut out: Vec<Field>,
    nodes: &[Node],
    json: Option<&Json>,
    side: Side,
    skip: &[&str],
) -> Vec<Field> {
    let Some(members) = json.and_then(|j| members(j, false)) else {
        return out;
    };
    for (key, value) in members {
        let listed = nodes.iter().any(|n| loose(n.name()) == loose(key));
        if listed || skip.contains(&key) || !is_field_name(key) {
            continue;
        }
        let mut extra = from_json(key, value, 0);
        extra.notes.push(Note::todo(format!(
            "only in the {} example, not in the table: check it is documented",
            side.example_name()
        )));
        out.push(extra);
    }
    out
}

/// The example value under `name` (loosely compared) of an example object,
/// through a list's items or a map's values.
fn value_of<'a>(json: Option<&'a Json>, name: &str) -> Option<&'a Json> {
    let json = json?;
    let members = members(json, false)?;
    members
        .iter()
        .find(|(k, _)| *k == name)
        .or_else(|| members.iter().find(|(k, _)| loose(k) == loose(name)))
        .map(|(_, v)| *v)
}

/// The spec type of an example value (`int64` for integers: no width is
/// documented), the items of a list read from all of them.
fn json_ty(value: &Json) -> Ty {
    match value {
        Json::Null => Ty::Scalar(Base::Json),
        Json::Bool(_) => Ty::Scalar(Base::Boolean),
        Json::Number(n) if n.is_i64() || n.is_u64() => Ty::Scalar(Base::Int64),
        Json::Number(_) => Ty::Scalar(Base::Number),
        Json::String(_) => Ty::Scalar(Base::String),
        Json::Object(_) => Ty::Scalar(Base::Object),
        Json::Array(items) => {
            let first = items.iter().find(|i| !matches!(i, Json::Null));
            let item = first.map_or(Ty::Scalar(Base::Json), json_ty);
            let same = items
                .iter()
                .filter(|i| !matches!(i, Json::Null))
                .all(|i| json_ty(i) == item);
            Ty::List(Box::new(if same { item } else { Ty::Scalar(Base::Json) }))
        }
    }
}

/// The type the description names, for a table without a type column
/// (`字符串类型`, `整型`).
fn described_ty(description: &str) -> Option<Ty> {
    let has = |words: &[&str]| words.iter().any(|w| description.contains(w));
    if has(&["字符串列表", "字符串数组"]) {
        Some(Ty::List(Box::new(Ty::Scalar(Base::String))))
    } else if has(&["字符串"]) {
        Some(Ty::Scalar(Base::String))
    } else if has(&["整型", "整数", "数字"]) {
        Some(Ty::Scalar(Base::Int64))
    } else if has(&["布尔"]) {
        Some(Ty::Scalar(Base::Boolean))
    } else {
        None
    }
}

/// What a name says its untyped field holds when it is text: an id, a
/// name, a cursor (`userid`, `org_name`, `next_cursor`).
fn named_like_text(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    let ends = |ends: &[&str]| ends.iter().any(|e| lower.ends_with(e));
    if ends(&["cursor", "token"]) {
        Some("a cursor")
    } else if ends(&["id", "ids_str", "code", "key"]) {
        Some("an id")
    } else if ends(&["name", "title", "url", "mail", "email", "mobile", "remark"]) {
        Some("a text")
    } else {
        None
    }
}

/// A Feishu-style example inside a description: `示例值："Bearer u-7f…"`.
fn described_example(description: &str) -> Option<String> {
    let (_, rest) = description.split_once("示例值")?;
    let rest = rest.trim_start_matches([':', '：', ' ']);
    let value = match rest.chars().next()? {
        '"' => {
            let inner = &rest[1..];
            format!("\"{}\"", inner.split('"').next().unwrap_or_default())
        }
        '[' => rest
            .split_inclusive(']')
            .next()
            .unwrap_or_default()
            .to_owned(),
        _ => rest
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned(),
    };
    let value = value.trim_end_matches(['。', '，', ',']).to_owned();
    (!value.is_empty()).then_some(value)
}

/// An integer value that needs 64 bits, in an example.
fn needs_64_bits(example: Option<&str>, value: Option<&Json>) -> bool {
    let big = |n: i64| i32::try_from(n).is_err();
    example
        .and_then(|e| e.trim().trim_matches('"').parse::<i64>().ok())
        .is_some_and(big)
        || match value {
            Some(Json::Number(n)) => {
                n.as_i64().is_some_and(big) || n.is_u64() && n.as_i64().is_none()
            }
            Some(Json::Array(items)) => items
                .iter()
                .any(|i| matches!(i, Json::Number(n) if n.as_i64().is_some_and(big))),
            _ => false,
        }
}

fn field(node: &Node, json: Option<&Json>, side: Side) -> Field {
    let row = &node.row;
    let description = row.description.trim().to_owned();
    let mut notes: Vec<Note> = row.notes.clone();
    notes.extend(node.notes.iter().cloned());
    let documented = node.kind.documented.clone();
    let untyped = documented.is_empty();
    let value = value_of(json, &row.name);
    let mut ty = node.kind.ty.clone();
    let mut kind_note = node.kind.note.clone();
    if untyped || (node.kind.vague && node.children.is_empty()) {
        // The example or the description settles what the page leaves open.
        let from_json = value.filter(|v| !matches!(v, Json::Null)).map(json_ty);
        let settled = match (&ty, from_json) {
            (Ty::Map(_), Some(Ty::Scalar(Base::Object))) => value
                .and_then(|v| match v {
                    Json::Object(entries) => entries.first().map(|(_, first)| json_ty(first)),
                    _ => None,
                })
                .map(|inner| Ty::Map(Box::new(inner))),
            (Ty::Map(_), _) => None,
            (_, Some(found)) => Some(found),
            (_, None) if untyped => described_ty(&description),
            (_, None) => None,
        };
        if let Some(settled) = settled {
            ty = settled;
            kind_note = None;
        } else if untyped {
            if let Some(guess) = named_like_text(&row.name) {
                ty = Ty::Scalar(Base::String);
                kind_note = Some(Note::todo(format!(
                    "no type documented: `string` for {guess}, check"
                )));
            }
        }
    }
    // Rows nested under a vague type (`Array`, `list`) settle it.
    if let Some(note) = kind_note.filter(|_| !node.kind.vague || node.children.is_empty()) {
        notes.push(note);
    }
    let item = match value {
        Some(Json::Array(items)) => items.iter().find(|i| matches!(i, Json::Object(_))),
        Some(Json::Object(entries)) if ty.is_map() => entries.first().map(|(_, v)| v),
        other => other,
    };
    let mut children = Vec::new();
    if !node.children.is_empty() {
        if ty.base() != Base::Object {
            if node.kind.vague {
                let listed = ty.lists() > 0 || matches!(value, Some(Json::Array(_)));
                ty = if ty.is_map() {
                    Ty::Map(Box::new(Ty::Scalar(Base::Object)))
                } else {
                    Ty::Scalar(Base::Object).listed(usize::from(listed))
                };
            } else {
                notes.push(Note::todo(format!(
                    "typed `{documented}`, but rows are nested under it: read as an object"
                )));
                ty = ty.with_base(Base::Object);
            }
        }
        children = fields(&node.children, item, side, &[]);
    } else if ty.base() == Base::Object {
        let source = if ty.is_map() { value } else { item };
        match source
            .and_then(|i| members(i, ty.is_map()))
            .filter(|m| !m.is_empty())
        {
            Some(found) => {
                children = found
                    .iter()
                    .filter(|(k, _)| is_field_name(k))
                    .map(|(k, v)| from_json(k, v, 0))
                    .collect();
                if ty.lists() == 0 && !ty.is_map() && matches!(value, Some(Json::Array(_))) {
                    ty = Ty::List(Box::new(ty));
                }
                notes.push(Note::todo(format!(
                    "the page lists no fields for `{}` ({documented}): these come from the {} example",
                    row.name,
                    side.example_name()
                )));
            }
            None => {
                ty = ty.with_base(Base::Json);
                notes.push(Note::todo(format!(
                    "the page lists no fields for `{}` ({documented}): `json` until they are written",
                    row.name
                )));
            }
        }
    }
    let described = described_example(&description);
    let example_text = row
        .example
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(str::to_owned)
        .or(described);
    let example_text = example_text.as_deref();
    let mut comma = false;
    if ty == Ty::Scalar(Base::String) {
        let bare = example_text.map(|e| e.trim_matches('"'));
        let example_is_list = bare.is_some_and(|e| {
            e.starts_with('[')
                && matches!(
                    json::parse(e),
                    Parsed::Valid(Json::Array(_)) | Parsed::Repaired(Json::Array(_), _)
                )
        });
        let lower = row.name.to_ascii_lowercase();
        let listy_name = ["list", "ids", "_list", "permits", "users", "depts"]
            .iter()
            .any(|end| lower.ends_with(end));
        let comma_example = bare.is_some_and(|e| e.contains(',') && !e.contains(' '));
        let said_list = description.contains("列表长度")
            || description.contains("逗号")
            || (listy_name && (description.contains("列表") || comma_example));
        if side == Side::Request && said_list && !example_is_list {
            comma = true;
            let integers = bare.is_some_and(|e| {
                e.split([',', '，'])
                    .all(|v| v.trim().parse::<i64>().is_ok())
            });
            let item = if integers { Base::Int64 } else { Base::String };
            ty = Ty::List(Box::new(Ty::Scalar(item)));
            notes.push(Note::todo(format!(
                "typed `{documented}` but described as a list: `{}` sent as one comma-separated string",
                ty.spec()
            )));
        } else if example_is_list {
            ty = Ty::List(Box::new(Ty::Scalar(Base::String)));
            notes.push(Note::todo(format!(
                "typed `{documented}` but the example is a list: `string[]`"
            )));
        }
    }
    let base = ty.base();
    if node.kind.from_number && base.is_integer() {
        let decimal_example = example_text
            .is_some_and(|e| e.contains('.') && e.parse::<f64>().is_ok())
            || matches!(value, Some(Json::Number(n)) if !n.is_i64() && !n.is_u64());
        if decimal_example {
            ty = ty.with_base(Base::Number);
            notes.push(Note::todo(
                "`Number` with a decimal example: read as `number`",
            ));
        } else if DECIMAL_HINTS.iter().any(|h| description.contains(h)) {
            notes.push(Note::todo(
                "`Number` read as an integer, but the description suggests decimals: `number`?",
            ));
        }
    }
    if ty.base() == Base::Int32 && needs_64_bits(example_text, value) {
        ty = ty.with_base(Base::Int64);
        notes.push(Note::todo(format!(
            "typed `{documented}`, but the example needs 64 bits: `int64`"
        )));
    }
    if node.kind.date {
        notes.push(Note::info(match example_text {
            Some(e) => format!(
                "Date in the docs: sent as a string such as `{}`.",
                short(e, 40)
            ),
            None => "Date in the docs: sent as a string.".to_owned(),
        }));
    }
    let mut field = Field {
        name: row.name.clone(),
        ty: ty.spec(),
        required: side == Side::Request && row.required == Some(true),
        doc: description.clone(),
        fields: children,
        comma,
        ..Field::default()
    };
    match example_text {
        Some(text) => {
            let (example, note) = example(text, &ty, comma);
            field.example = example;
            notes.extend(note);
        }
        None => field.example = from_example_json(value, &ty),
    }
    let read = limits::read(&format!("{} {}", row.limits, description));
    apply_limits(&mut field, &read, &ty, &mut notes);
    if let Some(format) = super::format::read(
        &description,
        ty.base().is_integer() && ty.lists() == 0,
        ty == Ty::Scalar(Base::String),
    ) {
        field.format = Some(format.name.to_owned());
        if field.pattern.is_none() {
            field.pattern = format.pattern;
        }
    }
    enumeration(&mut field, &ty, &description, example_text, &mut notes);
    let lower = row.name.to_ascii_lowercase();
    field.secret = ty == Ty::Scalar(Base::String)
        && (lower.contains("secret")
            || lower.contains("password")
            || (side == Side::Response && lower == "access_token"));
    field.notes = notes;
    field
}

/// A documented example read as the field's type.
fn example(text: &str, ty: &Ty, comma: bool) -> (Option<Value>, Option<Note>) {
    let base = ty.base();
    let scalar = |t: &str| -> Option<Value> {
        let t = t.trim().trim_matches('"');
        match base {
            Base::Int32 | Base::Int64 => t.parse::<i64>().ok().map(Value::from),
            Base::Number => t
                .parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map(Value::Number),
            Base::Boolean => match t.to_ascii_lowercase().as_str() {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
            Base::String => Some(Value::String(t.to_owned())),
            Base::Object | Base::Json => None,
        }
    };
    let bad = |what: &str| {
        Some(Note::todo(format!(
            "the example `{}` is not {what}: left out",
            short(text, 40)
        )))
    };
    if ty.is_map() {
        return match json::parse(text) {
            Parsed::Valid(j @ Json::Object(_)) | Parsed::Repaired(j @ Json::Object(_), _) => {
                (Some(j.to_value()), None)
            }
            _ => (None, None),
        };
    }
    let lists = ty.lists();
    if lists == 0 {
        return match base {
            Base::Object | Base::Json => {
                if !(text.starts_with('{') || text.starts_with('[')) {
                    // A class name (`OapiBlackboardVo`) in the example column.
                    return (None, None);
                }
                match json::parse(text) {
                    Parsed::Valid(j) | Parsed::Repaired(j, _) => (Some(j.to_value()), None),
                    Parsed::Invalid(_) => (None, bad("valid JSON")),
                }
            }
            _ => match scalar(text) {
                Some(v) => (Some(v), None),
                None => (None, bad(&format!("a `{}`", base.name()))),
            },
        };
    }
    let bare = text.trim_matches('"');
    if bare.starts_with('[') {
        return match json::parse(bare) {
            Parsed::Valid(j) | Parsed::Repaired(j, _) if matches!(j, Json::Array(_)) => {
                (Some(j.to_value()), None)
            }
            _ => (None, bad("a valid JSON list")),
        };
    }
    if lists > 1 || matches!(base, Base::Object | Base::Json) {
        return (None, None);
    }
    let parts: Vec<&str> = if comma {
        bare.split([',', '，']).collect()
    } else {
        vec![bare]
    };
    let items: Option<Vec<Value>> = parts.iter().map(|p| scalar(p)).collect();
    match items {
        Some(items) => (Some(Value::Array(items)), None),
        None => (None, bad(&format!("a list of `{}`", base.name()))),
    }
}

/// An example value from the page's JSON example, when the table has none.
fn from_example_json(value: Option<&Json>, ty: &Ty) -> Option<Value> {
    let value = value?;
    let fits = |j: &Json, base: Base| match (j, base) {
        (Json::String(_), Base::String) | (Json::Bool(_), Base::Boolean) => true,
        (Json::Number(n), Base::Int32 | Base::Int64) => n.is_i64() || n.is_u64(),
        (Json::Number(_), Base::Number) => true,
        _ => false,
    };
    match (value, ty) {
        (Json::Array(items), Ty::List(inner)) => match inner.as_ref() {
            Ty::Scalar(base) if !items.is_empty() && items.iter().all(|i| fits(i, *base)) => {
                Some(value.to_value())
            }
            _ => None,
        },
        (j, Ty::Scalar(base)) if fits(j, *base) => Some(j.to_value()),
        _ => None,
    }
}

/// A field read from an example member (for objects the table lists no
/// fields of, and members only the example shows).
fn from_json(name: &str, value: &Json, depth: usize) -> Field {
    let mut ty = json_ty(value);
    let mut field = Field {
        name: name.to_owned(),
        ..Field::default()
    };
    if ty.base() == Base::Object {
        let inner = members(value, false).unwrap_or_default();
        field.fields = if depth < 8 {
            inner
                .iter()
                .filter(|(k, _)| is_field_name(k))
                .map(|(k, v)| from_json(k, v, depth + 1))
                .collect()
        } else {
            Vec::new()
        };
        if field.fields.is_empty() {
            ty = ty.with_base(Base::Json);
        }
    }
    field.ty = ty.spec();
    field.example = from_example_json(Some(value), &ty);
    field
}

/// Puts what the description says about limits on the field, by its type.
fn apply_limits(field: &mut Field, read: &limits::Read, ty: &Ty, notes: &mut Vec<Note>) {
    notes.extend(read.notes.iter().cloned());
    let base = ty.base();
    let lists = ty.lists();
    let numeric =
        lists == 0 && !ty.is_map() && matches!(base, Base::Int32 | Base::Int64 | Base::Number);
    let count = |n: &Option<Number>| n.as_ref().and_then(Number::as_u64);
    if numeric {
        let fits = |n: &Option<Number>| match n {
            Some(n) if base != Base::Number && !n.is_i64() => None,
            other => other.clone(),
        };
        field.min = fits(&read.min);
        field.max = fits(&read.max);
        if field.min.is_none() && read.min.is_some() || field.max.is_none() && read.max.is_some() {
            notes.push(Note::todo("a decimal bound on an integer field: left out"));
        }
    } else if lists > 0 && read.values_only {
        notes.push(Note::todo(
            "the description bounds the items' values: not written",
        ));
    } else if lists > 0 {
        let min = if read.min_is_start { &None } else { &read.min };
        field.min_items = read.min_length.or_else(|| count(min));
        field.max_items = read
            .max_items
            .or(read.max_length)
            .or_else(|| count(&read.max));
    } else if ty == &Ty::Scalar(Base::String) {
        field.max_length = read.max_length;
        field.min_length = read.min_length;
        field.max_bytes = read.max_bytes;
        field.pattern = read.pattern.clone();
        let min = if read.min_is_start { &None } else { &read.min };
        if min.is_some() || read.max.is_some() {
            let (min, max) = (count(min), count(&read.max));
            field.min_length = field.min_length.or(min);
            field.max_length = field.max_length.or(max);
            notes.push(Note::todo(
                "a bound on a string: read as its length in characters",
            ));
        }
    } else if read.min.is_some()
        || read.max.is_some()
        || read.max_items.is_some()
        || read.max_length.is_some()
    {
        notes.push(Note::todo(format!(
            "the description gives a limit, but the field is `{}`: not written",
            field.ty
        )));
    }
    if lists == 0 && base == Base::String && read.max_items.is_some() {
        notes.push(Note::todo(
            "the description gives a list length, but the field is a string",
        ));
    }
    let as_f64 = |n: &Option<Number>| n.as_ref().and_then(Number::as_f64);
    if let (Some(min), Some(max)) = (as_f64(&field.min), as_f64(&field.max)) {
        if min > max {
            notes.push(Note::todo(format!(
                "the description's bounds conflict (min {min} > max {max}): left out"
            )));
            field.min = None;
            field.max = None;
        }
    }
    for (low, high) in [
        (&mut field.min_items, &mut field.max_items),
        (&mut field.min_length, &mut field.max_length),
    ] {
        if let (Some(l), Some(h)) = (*low, *high) {
            if l > h {
                notes.push(Note::todo(format!(
                    "the description's bounds conflict ({l} > {h}): left out"
                )));
                *low = None;
                *high = None;
            }
        }
    }
    if !matches!(base, Base::Object | Base::Json) && !ty.is_map() {
        field.default = read.default.clone();
    }
}

/// Enum values from the description (or, for a comma list of states, its example).
fn enumeration(
    field: &mut Field,
    ty: &Ty,
    description: &str,
    example: Option<&str>,
    notes: &mut Vec<Note>,
) {
    let base = ty.base();
    let lists = ty.lists();
    if ty.is_map() {
        return;
    }
    let documented = enums::from_description(description);
    let pairs: Vec<(Value, String)> = match base {
        Base::Int32 | Base::Int64 => documented
            .iter()
            .map(|d| {
                d.value
                    .parse::<i64>()
                    .ok()
                    .map(|v| (Value::from(v), d.label.clone()))
            })
            .collect::<Option<Vec<_>>>()
            .unwrap_or_default(),
        Base::String if lists == 0 => documented
            .iter()
            .map(|d| (Value::String(d.value.clone()), d.label.clone()))
            .collect(),
        Base::Boolean if !documented.is_empty() => {
            let listed: Vec<String> = documented
                .iter()
                .map(|d| format!("{}-{}", d.value, d.label))
                .collect();
            notes.push(Note::todo(format!(
                "described with values ({}) but typed boolean: kept `boolean`",
                listed.join(" ")
            )));
            Vec::new()
        }
        _ => Vec::new(),
    };
    let mut from_example = false;
    let pairs = if pairs.is_empty()
        && field.comma
        && base.is_integer()
        && ["状态", "类型", "取值"]
            .iter()
            .any(|w| description.contains(w))
    {
        from_example = true;
        example
            .map(|e| enums::from_example(e.trim_matches('"')))
            .unwrap_or_default()
            .into_iter()
            .map(|v| (Value::from(v), String::new()))
            .collect()
    } else {
        pairs
    };
    if pairs.is_empty() {
        return;
    }
    let mut seen_names: Vec<String> = Vec::new();
    for (index, (value, label)) in pairs.into_iter().enumerate() {
        let mut name = match &value {
            Value::Number(n) => match n.as_i64() {
                Some(v) if v < 0 => format!("v_neg{}", v.unsigned_abs()),
                Some(v) => format!("v{v}"),
                None => format!("v{index}"),
            },
            Value::String(s)
                if s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) =>
            {
                s.to_ascii_lowercase()
            }
            Value::String(s) if s.chars().all(|c| c.is_ascii_digit() || c == '-') => {
                format!("v{}", s.replace('-', "neg"))
            }
            _ => format!("v{index}"),
        };
        if name == "other" {
            name = "other_value".into();
        }
        let pascal = crate::names::pascal_ident(&name);
        if seen_names.contains(&pascal) {
            name = format!("{name}_{index}");
        }
        seen_names.push(crate::names::pascal_ident(&name));
        field.enumeration.push(EnumValue {
            value,
            name,
            doc: label,
        });
    }
    notes.push(Note::todo(if from_example {
        "enum values from the example; the page does not say what they mean: complete the list, name and document each".to_owned()
    } else {
        "name the enum values (`v0`, `v1`, … are placeholders; the docs keep the page's meanings)".to_owned()
    }));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::Row;

    fn node(name: &str, ty: &str, example: Option<&str>, description: &str) -> Node {
        Node::new(Row {
            name: name.into(),
            ty: ty.into(),
            example: example.map(str::to_owned),
            description: description.into(),
            required: Some(true),
            ..Row::default()
        })
    }

    fn one(node: Node, side: Side) -> Field {
        field(&node, None, side)
    }

    fn todos(field: &Field) -> usize {
        field.notes.iter().filter(|n| n.todo).count()
    }

    #[test]
    fn scalars_with_limits_and_examples() {
        let f = one(
            node("size", "Number", Some("50"), "分页大小，最大50。"),
            Side::Request,
        );
        assert_eq!(
            (f.ty.as_str(), f.required, f.max.clone(), f.example.clone()),
            ("int64", true, Some(50.into()), Some(Value::from(50)))
        );
        assert_eq!(todos(&f), 0);
        let f = one(
            node(
                "page_size",
                "Number",
                Some("10"),
                "分页大小，从1开始不超过30，且必须为正整数。",
            ),
            Side::Request,
        );
        assert_eq!(
            (f.min.clone(), f.max.clone()),
            (Some(1.into()), Some(30.into()))
        );
        let f = one(
            node(
                "size",
                "Number",
                Some("100"),
                "分页参数，每页大小，最多传100，默认值为100。",
            ),
            Side::Response,
        );
        assert_eq!(
            (f.required, f.default.clone()),
            (false, Some(Value::from(100)))
        );
    }

    #[test]
    fn lists() {
        let f = one(
            node(
                "deptid_list",
                "Number[]",
                Some("[1]"),
                "接收部门ID列表，最大的列表长度为20。",
            ),
            Side::Request,
        );
        assert_eq!(
            (f.ty.as_str(), f.max_items, f.example.clone()),
            ("int64[]", Some(20), Some(serde_json::json!([1])))
        );
        let f = one(
            node("depname_list", "String[]", Some("人事部"), "接收部门列表。"),
            Side::Response,
        );
        assert_eq!(f.example, Some(serde_json::json!(["人事部"])));
        let f = one(
            node(
                "userid_list",
                "String",
                Some("manager4220"),
                "需要查询的用户列表，最大列表长度为10。",
            ),
            Side::Request,
        );
        assert_eq!(
            (f.ty.as_str(), f.comma, f.max_items),
            ("string[]", true, Some(10))
        );
        assert_eq!(todos(&f), 1);
        let f = one(
            node(
                "status_list",
                "String",
                Some("2,3,5,-1"),
                "在职员工状态筛选，可以查询多个状态。不同状态之间使用英文逗号分隔。",
            ),
            Side::Request,
        );
        assert_eq!((f.ty.as_str(), f.comma), ("int64[]", true));
        assert_eq!(f.example, Some(serde_json::json!([2, 3, 5, -1])));
        let values: Vec<Value> = f.enumeration.iter().map(|e| e.value.clone()).collect();
        assert_eq!(values, [2, 3, 5, -1].map(Value::from));
        assert_eq!(f.enumeration[3].name, "v_neg1");
        let f = one(
            node(
                "data_list",
                "String",
                Some("[\"user123\"]"),
                "查询到的员工userid。",
            ),
            Side::Response,
        );
        assert_eq!((f.ty.as_str(), f.comma), ("string[]", false));
        let f = one(
            node(
                "userIdList",
                "Array of String",
                None,
                "返回的离职人员userId列表。",
            ),
            Side::Response,
        );
        assert_eq!(f.ty, "string[]");
    }

    #[test]
    fn a_list_api_named_in_a_description_is_no_list() {
        let f = one(
            node(
                "category_id",
                "String",
                Some("89uuy7ytg6bnnjh7"),
                "公告分类ID，可以通过获取公告分类列表接口获取id参数值。",
            ),
            Side::Request,
        );
        assert_eq!((f.ty.as_str(), f.comma), ("string", false));
    }

    #[test]
    fn enums_from_descriptions() {
        let f = one(
            node(
                "status",
                "int64",
                None,
                "员工状态 0-未知 1=已激活,2=已禁用,4=未激活,5=退出企业",
            ),
            Side::Response,
        );
        let got: Vec<(Value, &str, &str)> = f
            .enumeration
            .iter()
            .map(|e| (e.value.clone(), e.name.as_str(), e.doc.as_str()))
            .collect();
        assert_eq!(got[0], (Value::from(0), "v0", "未知"));
        assert_eq!(got.len(), 5);
        let f = one(
            node(
                "gender",
                "string",
                None,
                "性别。0表示未定义，1表示男性，2表示女性。",
            ),
            Side::Response,
        );
        assert_eq!(f.enumeration[2].value, Value::String("2".into()));
        let f = one(
            node(
                "followUserFlag",
                "boolean",
                None,
                "是否拥有客户联系权限 0-否 1-是",
            ),
            Side::Response,
        );
        assert!(f.enumeration.is_empty());
        assert_eq!(todos(&f), 1);
    }

    #[test]
    fn objects_without_fields_and_typos() {
        let f = one(
            node("result", "PageResult", None, "返回结果。"),
            Side::Response,
        );
        assert_eq!(f.ty, "json");
        assert_eq!(todos(&f), 1);
        let example = Json::Object(vec![(
            "result".into(),
            Json::Object(vec![
                (
                    "data_list".into(),
                    Json::Array(vec![Json::String("1".into())]),
                ),
                ("next_cursor".into(), Json::Number(10.into())),
            ]),
        )]);
        let f = field(
            &node("result", "PageResult", None, "返回结果。"),
            Some(&example),
            Side::Response,
        );
        assert_eq!(f.ty, "object");
        let names: Vec<(&str, &str)> = f
            .fields
            .iter()
            .map(|c| (c.name.as_str(), c.ty.as_str()))
            .collect();
        assert_eq!(names, [("data_list", "string[]"), ("next_cursor", "int64")]);
        let f = one(
            node("id", "Sting", Some("a3071449"), "公告ID。"),
            Side::Response,
        );
        assert_eq!((f.ty.as_str(), todos(&f)), ("string", 1));
        let f = one(
            node(
                "user_list",
                "Object[]",
                Some("[\"user_list\":{\"a\":1}]"),
                "接收人列表。",
            ),
            Side::Response,
        );
        assert_eq!((f.ty.as_str(), f.example.clone()), ("json[]", None));
        assert_eq!(todos(&f), 2);
        let f = one(
            node(
                "start_time",
                "Date",
                Some("2019-10-07 10:10:10"),
                "开始时间。",
            ),
            Side::Request,
        );
        assert_eq!((f.ty.as_str(), todos(&f)), ("string", 0));
        assert!(f.notes.iter().any(|n| n.text.contains("Date")));
    }

    #[test]
    fn secrets_and_decimals() {
        assert!(one(node("appsecret", "String", None, ""), Side::Request).secret);
        assert!(one(node("access_token", "String", None, ""), Side::Response).secret);
        assert!(!one(node("access_token", "String", None, ""), Side::Request).secret);
        let f = one(
            node("lat", "Number", Some("30.123"), "纬度"),
            Side::Response,
        );
        assert_eq!(f.ty, "number");
        let f = one(node("amount", "Number", Some("3"), "金额"), Side::Response);
        assert_eq!((f.ty.as_str(), todos(&f)), ("int64", 1));
        let f = one(node("n", "Number", Some("abc"), ""), Side::Response);
        assert_eq!((f.example.clone(), todos(&f)), (None, 1));
    }
}
