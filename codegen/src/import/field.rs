//! Nested rows into spec fields: the type, required flag, doc, example,
//! limits, enum values and secrecy of each, with a note for every guess.

use serde_json::{Number, Value};

use super::enums;
use super::json::{self, Json, Parsed};
use super::kind::Base;
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

/// Fields for `nodes`; `json` is the documented example object holding them.
pub fn fields(nodes: &[Node], json: Option<&Json>, side: Side) -> Vec<Field> {
    nodes.iter().map(|node| field(node, json, side)).collect()
}

/// The example item under `name` of an example object: a list's first item.
fn item<'a>(json: Option<&'a Json>, name: &str) -> (Option<&'a Json>, Option<&'a Json>) {
    let value = json.and_then(|j| j.get(name));
    let item = match value {
        Some(Json::Array(items)) => items.first(),
        other => other,
    };
    (value, item)
}

fn field(node: &Node, json: Option<&Json>, side: Side) -> Field {
    let row = &node.row;
    let description = row.description.trim().to_owned();
    let mut notes: Vec<Note> = row.notes.clone();
    notes.extend(node.notes.iter().cloned());
    if let Some(note) = &node.kind.note {
        notes.push(note.clone());
    }
    let documented = node.kind.documented.clone();
    let mut base = node.kind.base;
    let mut lists = node.kind.lists;
    let (value, item) = item(json, &row.name);
    let mut children = Vec::new();
    if !node.children.is_empty() {
        if base != Base::Object {
            notes.push(Note::todo(format!(
                "typed `{documented}`, but rows are nested under it: read as an object"
            )));
            base = Base::Object;
        }
        children = fields(&node.children, item, side);
    } else if base == Base::Object {
        match item.map(|i| from_json(i, 0)).filter(|f| !f.is_empty()) {
            Some(inferred) => {
                children = inferred;
                if lists == 0 && matches!(value, Some(Json::Array(_))) {
                    lists = 1;
                }
                notes.push(Note::todo(format!(
                    "the page lists no fields for `{}` ({documented}): these come from the {} example",
                    row.name,
                    side.example_name()
                )));
            }
            None => {
                base = Base::Json;
                notes.push(Note::todo(format!(
                    "the page lists no fields for `{}` ({documented}): `json` until they are written",
                    row.name
                )));
            }
        }
    }
    let example_text = row
        .example
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty());
    let mut comma = false;
    if base == Base::String && lists == 0 {
        let example_is_list = example_text.is_some_and(|e| {
            e.starts_with('[')
                && matches!(
                    json::parse(e),
                    Parsed::Valid(Json::Array(_)) | Parsed::Repaired(Json::Array(_))
                )
        });
        let lower = row.name.to_ascii_lowercase();
        let listy_name = ["list", "ids", "_list"]
            .iter()
            .any(|end| lower.ends_with(end));
        let said_list = description.contains("列表长度")
            || description.contains("逗号")
            || (listy_name && description.contains("列表"));
        if side == Side::Request && said_list {
            lists = 1;
            comma = true;
            let integers = example_text.is_some_and(|e| {
                e.split([',', '，'])
                    .all(|v| v.trim().parse::<i64>().is_ok())
            });
            if integers {
                base = Base::Integer;
            }
            notes.push(Note::todo(format!(
                "typed `{documented}` but described as a list: `{}[]` sent as one comma-separated string",
                base.name()
            )));
        } else if example_is_list {
            lists = 1;
            notes.push(Note::todo(format!(
                "typed `{documented}` but the example is a list: `string[]`"
            )));
        }
    }
    if node.kind.from_number && base == Base::Integer {
        let decimal_example =
            example_text.is_some_and(|e| e.contains('.') && e.parse::<f64>().is_ok());
        if decimal_example {
            base = Base::Number;
            notes.push(Note::todo(
                "`Number` with a decimal example: read as `number`",
            ));
        } else if DECIMAL_HINTS.iter().any(|h| description.contains(h)) {
            notes.push(Note::todo(
                "`Number` read as `integer`, but the description suggests decimals: `number`?",
            ));
        }
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
        ty: format!("{}{}", base.name(), "[]".repeat(lists)),
        required: side == Side::Request && row.required == Some(true),
        doc: description.clone(),
        fields: children,
        comma,
        ..Field::default()
    };
    match example_text {
        Some(text) => {
            let (example, note) = example(text, base, lists, comma);
            field.example = example;
            notes.extend(note);
        }
        None => field.example = from_example_json(value, base, lists),
    }
    let read = limits::read(&format!("{} {}", row.limits, description));
    apply_limits(&mut field, &read, base, lists, &mut notes);
    enumeration(
        &mut field,
        base,
        lists,
        &description,
        example_text,
        &mut notes,
    );
    let lower = row.name.to_ascii_lowercase();
    field.secret = base == Base::String
        && lists == 0
        && (lower.contains("secret")
            || lower.contains("password")
            || (side == Side::Response && lower == "access_token"));
    field.notes = notes;
    field
}

/// A documented example read as the field's type.
fn example(text: &str, base: Base, lists: usize, comma: bool) -> (Option<Value>, Option<Note>) {
    let scalar = |t: &str| -> Option<Value> {
        let t = t.trim().trim_matches('"');
        match base {
            Base::Integer | Base::Int32 => t.parse::<i64>().ok().map(Value::from),
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
    if lists == 0 {
        return match base {
            Base::Object | Base::Json => {
                if !(text.starts_with('{') || text.starts_with('[')) {
                    // A class name (`OapiBlackboardVo`) in the example column.
                    return (None, None);
                }
                match json::parse(text) {
                    Parsed::Valid(j) | Parsed::Repaired(j) => (Some(j.to_value()), None),
                    Parsed::Invalid(_) => (None, bad("valid JSON")),
                }
            }
            _ => match scalar(text) {
                Some(v) => (Some(v), None),
                None => (None, bad(&format!("a `{}`", base.name()))),
            },
        };
    }
    if text.starts_with('[') {
        return match json::parse(text) {
            Parsed::Valid(j) | Parsed::Repaired(j) if matches!(j, Json::Array(_)) => {
                (Some(j.to_value()), None)
            }
            _ => (None, bad("a valid JSON list")),
        };
    }
    if lists > 1 || matches!(base, Base::Object | Base::Json) {
        return (None, None);
    }
    let parts: Vec<&str> = if comma {
        text.split([',', '，']).collect()
    } else {
        vec![text]
    };
    let items: Option<Vec<Value>> = parts.iter().map(|p| scalar(p)).collect();
    match items {
        Some(items) => (Some(Value::Array(items)), None),
        None => (None, bad(&format!("a list of `{}`", base.name()))),
    }
}

/// An example value from the page's JSON example, when the table has none.
fn from_example_json(value: Option<&Json>, base: Base, lists: usize) -> Option<Value> {
    let value = value?;
    let fits = |j: &Json| match (j, base) {
        (Json::String(_), Base::String) | (Json::Bool(_), Base::Boolean) => true,
        (Json::Number(n), Base::Integer) => n.is_i64() || n.is_u64(),
        (Json::Number(_), Base::Number) => true,
        _ => false,
    };
    match (value, lists) {
        (Json::Array(items), 1) if !items.is_empty() && items.iter().all(fits) => {
            Some(value.to_value())
        }
        (j, 0) if fits(j) => Some(j.to_value()),
        _ => None,
    }
}

/// Fields of an example JSON object (for objects the table lists no fields of).
fn from_json(value: &Json, depth: usize) -> Vec<Field> {
    let Json::Object(entries) = value else {
        return Vec::new();
    };
    entries
        .iter()
        .filter(|(name, _)| is_field_name(name))
        .map(|(name, value)| {
            let (base, lists, item) = json_type(value);
            let mut field = Field {
                name: name.clone(),
                ..Field::default()
            };
            let mut base = base;
            if base == Base::Object {
                field.fields = if depth < 8 {
                    from_json(item, depth + 1)
                } else {
                    Vec::new()
                };
                if field.fields.is_empty() {
                    base = Base::Json;
                }
            }
            field.ty = format!("{}{}", base.name(), "[]".repeat(lists));
            field.example = from_example_json(Some(value), base, lists);
            field
        })
        .collect()
}

/// The spec type of an example value: base, list levels and the item.
fn json_type(value: &Json) -> (Base, usize, &Json) {
    match value {
        Json::Null => (Base::Json, 0, value),
        Json::Bool(_) => (Base::Boolean, 0, value),
        Json::Number(n) if n.is_i64() || n.is_u64() => (Base::Integer, 0, value),
        Json::Number(_) => (Base::Number, 0, value),
        Json::String(_) => (Base::String, 0, value),
        Json::Object(_) => (Base::Object, 0, value),
        Json::Array(items) => match items.first() {
            Some(first @ (Json::Bool(_) | Json::Number(_) | Json::String(_) | Json::Object(_))) => {
                let (base, _, item) = json_type(first);
                (base, 1, item)
            }
            _ => (Base::Json, 1, value),
        },
    }
}

/// Puts what the description says about limits on the field, by its type.
fn apply_limits(
    field: &mut Field,
    read: &limits::Read,
    base: Base,
    lists: usize,
    notes: &mut Vec<Note>,
) {
    notes.extend(read.notes.iter().cloned());
    let numeric = lists == 0 && matches!(base, Base::Integer | Base::Number);
    let count = |n: &Option<Number>| n.as_ref().and_then(Number::as_u64);
    if numeric {
        let fits = |n: &Option<Number>| match n {
            Some(n) if base == Base::Integer && !n.is_i64() => None,
            other => other.clone(),
        };
        field.min = fits(&read.min);
        field.max = fits(&read.max);
        if field.min.is_none() && read.min.is_some() || field.max.is_none() && read.max.is_some() {
            notes.push(Note::todo("a decimal bound on an integer field: left out"));
        }
    } else if lists > 0 {
        field.min_items = count(&read.min);
        field.max_items = read.max_items.or_else(|| count(&read.max));
    } else if base == Base::String {
        field.max_length = read.max_length;
        if read.min.is_some() || read.max.is_some() {
            let (min, max) = (count(&read.min), count(&read.max));
            field.min_length = min;
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
    if !matches!(base, Base::Object | Base::Json) {
        field.default = read.default.clone();
    }
}

/// Enum values from the description (or, for a comma list of states, its example).
fn enumeration(
    field: &mut Field,
    base: Base,
    lists: usize,
    description: &str,
    example: Option<&str>,
    notes: &mut Vec<Note>,
) {
    let documented = enums::from_description(description);
    let pairs: Vec<(Value, String)> = match base {
        Base::Integer => documented
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
        && base == Base::Integer
        && ["状态", "类型", "取值"]
            .iter()
            .any(|w| description.contains(w))
    {
        from_example = true;
        example
            .map(enums::from_example)
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
            ("integer", true, Some(50.into()), Some(Value::from(50)))
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
            ("integer[]", Some(20), Some(serde_json::json!([1])))
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
        assert_eq!((f.ty.as_str(), f.comma), ("integer[]", true));
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
                "integer",
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
        assert_eq!(
            names,
            [("data_list", "string[]"), ("next_cursor", "integer")]
        );
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
        assert_eq!((f.ty.as_str(), todos(&f)), ("integer", 1));
        let f = one(node("n", "Number", Some("abc"), ""), Side::Response);
        assert_eq!((f.example.clone(), todos(&f)), (None, 1));
    }
}
