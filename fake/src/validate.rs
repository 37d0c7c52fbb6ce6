//! Every request checked against its spec, as the platform would: required
//! fields, types, limits, formats, patterns, comma lists, JSON strings,
//! windows, unknown fields. Written on JSON values from the IR, apart from
//! the client's derived checks, so it checks them rather than mirrors them.

use oapi_codegen::ir::{Bound, Encoding, Endpoint, Field, Format, Place, Ty, TypeDef};
use serde_json::Value;

/// A request's fields by place, as received.
pub(crate) struct Given<'a> {
    /// The body's parameters (an object), if the request has a body.
    pub(crate) body: Option<&'a Value>,
    pub(crate) query: &'a [(String, String)],
    pub(crate) headers: &'a hyper::HeaderMap,
    pub(crate) path: &'a [(String, String)],
    /// The body is a form (values arrive as text).
    pub(crate) form: bool,
}

/// Every problem of the request, or `Ok`.
pub(crate) fn request(endpoint: &Endpoint, given: &Given<'_>) -> Result<(), String> {
    let mut problems = Vec::new();
    let empty = serde_json::Map::new();
    let body = given.body.and_then(Value::as_object).unwrap_or(&empty);
    for field in &endpoint.request.fields {
        let value = received(field, body, given);
        let textual = given.form || field.place != Place::Body;
        check_field(
            endpoint,
            field,
            value.as_ref(),
            &field.wire,
            textual,
            &mut problems,
        );
    }
    for key in body.keys() {
        let known = endpoint
            .request
            .fields
            .iter()
            .any(|f| f.place == Place::Body && &f.wire == key);
        if !known {
            problems.push(format!("`{key}` is not a parameter of this endpoint"));
        }
    }
    windows(endpoint, body, given, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// A request field's value as received.
fn received(
    field: &Field,
    body: &serde_json::Map<String, Value>,
    given: &Given<'_>,
) -> Option<Value> {
    match field.place {
        Place::Body => body.get(&field.wire).cloned(),
        Place::Query => text_param(given.query, &field.wire),
        Place::Path => text_param(given.path, &field.wire),
        Place::Header => given
            .headers
            .get(field.wire.as_str())
            .and_then(|v| v.to_str().ok())
            .map(|v| Value::String(v.to_owned())),
    }
}

/// The value at a dotted request path (its first name a request field in
/// any place), as received; a field sent as a JSON string is read as its JSON.
pub(crate) fn lookup(endpoint: &Endpoint, given: &Given<'_>, path: &str) -> Option<Value> {
    let (first, rest) = path.split_once('.').unwrap_or((path, ""));
    let field = endpoint.request.fields.iter().find(|f| f.wire == first)?;
    let empty = serde_json::Map::new();
    let body = given.body.and_then(Value::as_object).unwrap_or(&empty);
    let mut value = received(field, body, given)?;
    if let (Encoding::Json, Value::String(text)) = (field.encoding, &value) {
        value = serde_json::from_str(text).ok()?;
    } else if let (true, Value::String(text)) = (given.form && !rest.is_empty(), &value) {
        value = serde_json::from_str(text).ok()?;
    }
    if rest.is_empty() {
        Some(value)
    } else {
        super::synth::at(&value, rest).cloned()
    }
}

fn text_param(pairs: &[(String, String)], name: &str) -> Option<Value> {
    pairs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| Value::String(v.clone()))
}

fn check_field(
    endpoint: &Endpoint,
    field: &Field,
    value: Option<&Value>,
    path: &str,
    textual: bool,
    problems: &mut Vec<String>,
) {
    let value = match value {
        None | Some(Value::Null) => {
            if field.required {
                problems.push(format!("`{path}` is required"));
            }
            return;
        }
        Some(value) => value,
    };
    // The wire forms: a comma list or a JSON string, read back as the value.
    let decoded;
    let value = match (field.encoding, value) {
        (Encoding::Comma, Value::String(text)) => {
            decoded = Value::Array(
                text.split(',')
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.trim().to_owned()))
                    .collect(),
            );
            &decoded
        }
        (Encoding::Json, Value::String(text)) => match serde_json::from_str(text) {
            Ok(parsed) => {
                decoded = parsed;
                &decoded
            }
            Err(_) => {
                problems.push(format!("`{path}` must be a string holding JSON"));
                return;
            }
        },
        // Lists in a query, a path or a header travel comma-separated.
        (Encoding::Plain, Value::String(text))
            if field.place != Place::Body && matches!(field.ty, Ty::List(_)) =>
        {
            decoded = Value::Array(
                text.split(',')
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            );
            &decoded
        }
        (Encoding::Plain, Value::String(text)) if textual && structured(endpoint, &field.ty) => {
            match serde_json::from_str(text) {
                Ok(parsed) => {
                    decoded = parsed;
                    &decoded
                }
                Err(_) => {
                    problems.push(format!("`{path}` must be JSON text of an object or list"));
                    return;
                }
            }
        }
        (Encoding::Comma, _) if !textual => {
            problems.push(format!("`{path}` must be one comma-separated string"));
            return;
        }
        _ => value,
    };
    let textual = textual || field.encoding == Encoding::Comma;
    check_type(endpoint, &field.ty, value, path, textual, problems);
    limits(field, value, path, textual, problems);
}

/// Objects, maps and lists: what a form carries as JSON text.
fn structured(endpoint: &Endpoint, ty: &Ty) -> bool {
    match ty {
        Ty::List(_) | Ty::Map(_) => true,
        Ty::Named { name, .. } => endpoint
            .types
            .iter()
            .any(|t| matches!(t, TypeDef::Struct(s) if &s.name == name)),
        Ty::Secret(inner) => structured(endpoint, inner),
        _ => false,
    }
}

fn check_type(
    endpoint: &Endpoint,
    ty: &Ty,
    value: &Value,
    path: &str,
    textual: bool,
    problems: &mut Vec<String>,
) {
    let wrong = |problems: &mut Vec<String>, what: &str| {
        problems.push(format!("`{path}` must be {what}, got {}", short(value)));
    };
    match ty {
        Ty::String | Ty::Secret(_) => {
            if !value.is_string() {
                wrong(problems, "a string");
            }
        }
        Ty::Integer | Ty::Int32 => {
            let ok = value.is_i64()
                || value.is_u64()
                || (textual
                    && value
                        .as_str()
                        .is_some_and(|t| t.trim().parse::<i64>().is_ok()));
            let fits = matches!(ty, Ty::Integer)
                || number(value).is_some_and(|n| i32::try_from(n as i64).is_ok());
            if !ok || !fits {
                wrong(
                    problems,
                    if matches!(ty, Ty::Int32) {
                        "a 32-bit integer"
                    } else {
                        "an integer"
                    },
                );
            }
        }
        Ty::Number => {
            if number(value).is_none() || (!textual && !value.is_number()) {
                wrong(problems, "a number");
            }
        }
        Ty::Boolean => {
            let ok =
                value.is_boolean() || (textual && matches!(value.as_str(), Some("true" | "false")));
            if !ok {
                wrong(problems, "true or false");
            }
        }
        Ty::Json => {}
        Ty::List(inner) => match value.as_array() {
            Some(items) => {
                for (index, item) in items.iter().enumerate() {
                    check_type(
                        endpoint,
                        inner,
                        item,
                        &format!("{path}[{index}]"),
                        textual,
                        problems,
                    );
                }
            }
            None => wrong(problems, "a list"),
        },
        Ty::Map(inner) => match value.as_object() {
            Some(entries) => {
                for (key, item) in entries {
                    check_type(
                        endpoint,
                        inner,
                        item,
                        &format!("{path}.{key}"),
                        textual,
                        problems,
                    );
                }
            }
            None => wrong(problems, "an object"),
        },
        Ty::Named { name, .. } => match endpoint.types.iter().find(|t| type_name(t) == name) {
            Some(TypeDef::Enum(e)) => {
                let ok = if e.integer {
                    number(value).is_some()
                } else {
                    value.is_string()
                };
                if !ok {
                    wrong(problems, if e.integer { "an integer" } else { "a string" });
                }
            }
            Some(TypeDef::Struct(s)) => match value.as_object() {
                Some(object) => {
                    for field in &s.fields {
                        let nested = format!("{path}.{}", field.wire);
                        check_field(
                            endpoint,
                            field,
                            object.get(&field.wire),
                            &nested,
                            textual,
                            problems,
                        );
                    }
                    for key in object.keys() {
                        if !s.fields.iter().any(|f| &f.wire == key) {
                            problems.push(format!("`{path}.{key}` is not a field of `{path}`"));
                        }
                    }
                }
                None => wrong(problems, "an object"),
            },
            None => {}
        },
    }
}

fn type_name(def: &TypeDef) -> &str {
    match def {
        TypeDef::Struct(s) => &s.name,
        TypeDef::Enum(e) => &e.name,
    }
}

/// A number, or text holding one.
fn number(value: &Value) -> Option<f64> {
    value
        .as_f64()
        .or_else(|| value.as_str().and_then(|t| t.trim().parse().ok()))
}

fn bound(bound: &Bound) -> f64 {
    match bound {
        Bound::Int(n) => *n as f64,
        Bound::Float(f) => *f,
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

fn limits(field: &Field, value: &Value, path: &str, textual: bool, problems: &mut Vec<String>) {
    let limits = &field.limits;
    if let Some(n) = number(value).filter(|_| textual || value.is_number()) {
        if let Some(min) = &limits.min {
            if n < bound(min) {
                problems.push(format!(
                    "`{path}` must be at least {}, got {}",
                    bound(min),
                    short(value)
                ));
            }
        }
        if let Some(max) = &limits.max {
            if n > bound(max) {
                problems.push(format!(
                    "`{path}` must be at most {}, got {}",
                    bound(max),
                    short(value)
                ));
            }
        }
    }
    if let Some(items) = value.as_array() {
        let n = items.len() as u64;
        if limits.min_items.is_some_and(|min| n < min)
            || limits.max_items.is_some_and(|max| n > max)
        {
            problems.push(format!(
                "`{path}` must hold {}{} items, got {n}",
                limits
                    .min_items
                    .map_or(String::new(), |m| format!("at least {m} ")),
                limits
                    .max_items
                    .map_or(String::new(), |m| format!("at most {m}"))
            ));
        }
    }
    if let Some(text) = value.as_str() {
        let chars = text.chars().count() as u64;
        if limits.min_length.is_some_and(|min| chars < min)
            || limits.max_length.is_some_and(|max| chars > max)
        {
            problems.push(format!(
                "`{path}` has {chars} characters, beyond its documented length"
            ));
        }
        if limits.max_bytes.is_some_and(|max| text.len() as u64 > max)
            && field.encoding != Encoding::Json
        {
            problems.push(format!(
                "`{path}` takes {} bytes, more than {}",
                text.len(),
                limits.max_bytes.unwrap_or(0)
            ));
        }
        if let Some(pattern) = &field.pattern {
            if !regex_lite::Regex::new(pattern).is_ok_and(|re| re.is_match(text)) {
                problems.push(format!(
                    "`{path}` must match `{pattern}`, got {}",
                    short(value)
                ));
            }
        }
        let parses = match &field.format {
            Some(Format::DateTime(pattern)) => {
                chrono::NaiveDateTime::parse_from_str(text, pattern).is_ok()
            }
            Some(Format::Date(pattern)) => chrono::NaiveDate::parse_from_str(text, pattern).is_ok(),
            Some(Format::Rfc3339) => chrono::DateTime::parse_from_rfc3339(text).is_ok(),
            _ => true,
        };
        if !parses {
            problems.push(format!(
                "`{path}` is not in its documented date format, got {}",
                short(value)
            ));
        }
    } else if let (Some(max), false) = (limits.max_bytes, value.is_string()) {
        let bytes = value.to_string().len() as u64;
        if bytes > max {
            problems.push(format!(
                "`{path}` takes {bytes} bytes as JSON, more than {max}"
            ));
        }
    }
}

const UTC8_MS: i64 = 8 * 3_600_000;

/// A field's time in epoch milliseconds.
fn epoch_ms(field: &Field, value: &Value) -> Option<i64> {
    let text = value.as_str();
    match &field.format {
        Some(Format::DateTime(pattern)) => chrono::NaiveDateTime::parse_from_str(text?, pattern)
            .ok()
            .map(|t| t.and_utc().timestamp_millis() - UTC8_MS),
        Some(Format::Date(pattern)) => chrono::NaiveDate::parse_from_str(text?, pattern)
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|t| t.and_utc().timestamp_millis() - UTC8_MS),
        Some(Format::Rfc3339) => chrono::DateTime::parse_from_rfc3339(text?)
            .ok()
            .map(|t| t.timestamp_millis()),
        Some(Format::UnixS) => number(value).map(|n| n as i64 * 1000),
        _ => number(value).map(|n| n as i64),
    }
}

fn windows(
    endpoint: &Endpoint,
    body: &serde_json::Map<String, Value>,
    given: &Given<'_>,
    problems: &mut Vec<String>,
) {
    let lookup = |ident: &str| -> Option<(&Field, Value)> {
        let field = endpoint.request.fields.iter().find(|f| f.ident == ident)?;
        let value = match field.place {
            Place::Body => body.get(&field.wire).cloned(),
            Place::Query => text_param(given.query, &field.wire),
            Place::Path => text_param(given.path, &field.wire),
            Place::Header => None,
        }?;
        Some((field, value))
    };
    for window in &endpoint.windows {
        if let Some((list, min)) = &window.when {
            let count = lookup(list).map_or(0, |(field, value)| match (field.encoding, &value) {
                (Encoding::Comma, Value::String(t)) => {
                    t.split(',').filter(|s| !s.is_empty()).count()
                }
                (_, Value::Array(items)) => items.len(),
                _ => 0,
            });
            if (count as u64) < *min {
                continue;
            }
        }
        let (Some((start_field, start)), Some((end_field, end))) =
            (lookup(&window.start), lookup(&window.end))
        else {
            continue;
        };
        let (Some(s), Some(e)) = (epoch_ms(start_field, &start), epoch_ms(end_field, &end)) else {
            continue;
        };
        let span = e - s;
        if span < 0 || span > i64::from(window.max_days) * 86_400_000 {
            problems.push(format!(
                "`{}` must be within {} days after `{}`",
                end_field.wire, window.max_days, start_field.wire
            ));
        }
    }
}
