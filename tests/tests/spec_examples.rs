//! Every endpoint of the spec, through its generated types:
//! - documented request examples serialise to the documented JSON,
//! - documented response examples decode with nothing lost,
//! - a request assembled from every field's documented example validates and
//!   round-trips, and so does a response assembled the same way,
//! - every documented limit: the last valid value passes, the first invalid
//!   value fails with a violation naming the field path, the rule and the value.
//!
//! The spec is read through `oapi-codegen` (the same IR the generator used);
//! `oapi_client::for_each_endpoint!` dispatches to the generated types.

use std::path::PathBuf;

use oapi_client::{Endpoint, Params, Rule, Validate};
use oapi_codegen::ir::{Bound, Endpoint as Ir, Field, Format, Place, Ty, TypeDef};
use serde_json::{Map, Value, json};

/// What one endpoint's generated types did with a JSON value.
struct Outcome {
    /// `validate()` result as (path, rule) pairs.
    violations: Vec<(String, Rule, String)>,
    /// The request serialised back (the JSON body).
    body: Value,
    /// What `write_query` produced.
    query: Params,
}

macro_rules! dispatch {
    ($(($platform:ident, $group:ident, $endpoint:ident, $name:literal))*) => {
        /// Decodes `request` as the endpoint's `Request`, validates and re-encodes it.
        fn request(name: &str, request: &Value) -> Result<Outcome, String> {
            match name {
                $($name => {
                    type R = oapi_client::$platform::$group::$endpoint::Request;
                    let req: R = serde_json::from_value(request.clone()).map_err(|e| e.to_string())?;
                    let violations = match req.validate() {
                        Ok(()) => Vec::new(),
                        Err(err) => err.violations.into_iter().map(|v| (v.path, v.rule, v.actual)).collect(),
                    };
                    let mut query = Params::default();
                    req.write_query(&mut query);
                    let body = serde_json::to_value(&req).map_err(|e| e.to_string())?;
                    Ok(Outcome { violations, body, query })
                })*
                other => Err(format!("no generated endpoint {other}")),
            }
        }

        /// Decodes `response` as the endpoint's `Response` and re-encodes it.
        fn response(name: &str, response: &Value) -> Result<Value, String> {
            match name {
                $($name => {
                    type R = oapi_client::$platform::$group::$endpoint::Response;
                    let decoded: R = serde_json::from_value(response.clone()).map_err(|e| e.to_string())?;
                    serde_json::to_value(&decoded).map_err(|e| e.to_string())
                })*
                other => Err(format!("no generated endpoint {other}")),
            }
        }

        /// How the endpoint's gateway wraps its answers.
        fn envelope(name: &str) -> Option<&'static oapi_client::runtime::spec::Envelope> {
            match name {
                $($name => Some(
                    <oapi_client::$platform::$group::$endpoint::Request as Endpoint>::INFO.gateway.envelope,
                ),)*
                _ => None,
            }
        }

        const GENERATED: &[&str] = &[$($name),*];
    };
}
oapi_client::for_each_endpoint!(dispatch);

fn spec() -> Vec<(String, Ir)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let api = oapi_codegen::compile(&[dir]).unwrap_or_else(|d| panic!("{d}"));
    api.platforms
        .into_iter()
        .flat_map(|p| {
            let platform = p.module.clone();
            p.groups
                .into_iter()
                .flat_map(|g| g.endpoints)
                .map(move |e| (format!("{platform}.{}", e.op_name), e))
        })
        .collect()
}

/// The type definition a named field type refers to.
fn def<'a>(endpoint: &'a Ir, name: &str) -> &'a TypeDef {
    endpoint
        .types
        .iter()
        .find(|t| match t {
            TypeDef::Struct(s) => s.name == name,
            TypeDef::Enum(e) => e.name == name,
        })
        .unwrap_or_else(|| panic!("{}: no type {name}", endpoint.op_name))
}

/// A JSON value for `ty`: the documented example where there is one.
fn value_of(endpoint: &Ir, ty: &Ty, example: Option<&Value>) -> Value {
    if let (Some(example), false) = (example, matches!(ty, Ty::Named { .. } | Ty::List(_))) {
        return example.clone();
    }
    match ty {
        Ty::String | Ty::Secret(_) => json!("text"),
        Ty::Integer | Ty::Int32 => json!(1),
        Ty::Map(inner) => json!({"key": value_of(endpoint, inner, None)}),
        Ty::Number => json!(1.5),
        Ty::Boolean => json!(true),
        Ty::Json => json!({"any": ["json"]}),
        Ty::List(inner) => match example {
            Some(Value::Array(items))
                if !matches!(**inner, Ty::Named { .. }) || !items.is_empty() =>
            {
                Value::Array(
                    items
                        .iter()
                        .map(|item| value_of(endpoint, inner, Some(item)))
                        .collect(),
                )
            }
            _ => Value::Array(vec![value_of(endpoint, inner, None)]),
        },
        Ty::Named { name, .. } => match def(endpoint, name) {
            TypeDef::Enum(e) => example
                .cloned()
                .unwrap_or_else(|| e.variants[0].value.clone()),
            TypeDef::Struct(s) => object_of(endpoint, &s.fields, example),
        },
    }
}

fn object_of(endpoint: &Ir, fields: &[Field], example: Option<&Value>) -> Value {
    let mut object = Map::new();
    for field in fields {
        let nested = example.and_then(|e| e.get(&field.wire));
        let value = value_of(endpoint, &field.ty, nested.or(field.example.as_ref()));
        object.insert(
            field.wire.clone(),
            oapi_client::fake::example::encode(field, value),
        );
    }
    Value::Object(object)
}

fn request_example(endpoint: &Ir) -> Value {
    object_of(endpoint, &endpoint.request.fields, None)
}

/// The part of a request that travels in the body (query/header fields are
/// written by `write_query`/`write_headers` instead).
fn body_part(endpoint: &Ir, request: &Value) -> Value {
    let mut body = request.as_object().cloned().unwrap_or_default();
    for field in &endpoint.request.fields {
        if field.place != Place::Body {
            body.remove(&field.wire);
        }
    }
    Value::Object(body)
}

/// Whether every key of `expected` is in `actual` with an equal value
/// (a `null` in `expected` may be absent or null in `actual`).
fn contains(actual: &Value, expected: &Value, path: &str) -> Result<(), String> {
    match (actual, expected) {
        (_, Value::Null) => Ok(()),
        (Value::Object(a), Value::Object(e)) => e.iter().try_for_each(|(k, v)| {
            contains(a.get(k).unwrap_or(&Value::Null), v, &format!("{path}.{k}"))
        }),
        (Value::Array(a), Value::Array(e)) if a.len() == e.len() => a
            .iter()
            .zip(e)
            .enumerate()
            .try_for_each(|(i, (a, e))| contains(a, e, &format!("{path}[{i}]"))),
        (a, e) if a == e => Ok(()),
        (a, e) => Err(format!("{path}: expected {e}, got {a}")),
    }
}

/// Envelope fields are the gateway's, not the response type's.
/// The business part of a documented answer, found by the endpoint's
/// declared envelope through the runtime (the envelope's own fields stay
/// where the data is the whole body: the response type ignores them).
fn without_envelope(name: &str, example: Value) -> Value {
    let envelope = envelope(name).unwrap_or_else(|| panic!("{name}: no envelope"));
    let body = example.to_string();
    let answer = oapi_client::runtime::envelope::Answer {
        status: 200,
        content_type: Some("application/json"),
        body: body.as_bytes(),
    };
    let payload = oapi_client::runtime::envelope::unwrap("example", envelope, answer)
        .unwrap_or_else(|e| panic!("{name}: the documented answer is not a success: {e}"));
    serde_json::from_slice(payload.bytes(body.as_bytes())).unwrap_or(Value::Null)
}

#[test]
fn every_spec_endpoint_is_generated() {
    let spec: Vec<String> = spec().into_iter().map(|(name, _)| name).collect();
    assert!(!spec.is_empty());
    assert_eq!(
        spec, GENERATED,
        "the generated crate is out of date with spec/"
    );
}

#[test]
fn documented_request_examples_serialise_to_the_documented_json() {
    let mut checked = 0;
    for (name, endpoint) in spec() {
        let Some(text) = &endpoint.request_example else {
            continue;
        };
        let documented: Value = serde_json::from_str(text).unwrap();
        let outcome = request(&name, &documented).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            outcome.violations,
            vec![],
            "{name}: the documented example must be valid"
        );
        assert_eq!(outcome.body, body_part(&endpoint, &documented), "{name}");
        checked += 1;
    }
    assert!(
        checked >= 3,
        "querypreentry, positions and 食亨 document request examples"
    );
}

#[test]
fn documented_response_examples_decode_with_nothing_lost() {
    let mut checked = 0;
    for (name, endpoint) in spec() {
        let Some(text) = &endpoint.response_example else {
            continue;
        };
        let mut documented = without_envelope(&name, serde_json::from_str(text).unwrap());
        // Where the data is the whole body, the envelope's own fields (and
        // DingTalk's `success`) sit beside it: only the response's fields count.
        if let Some(object) = documented.as_object_mut() {
            object.retain(|key, _| endpoint.response.fields.iter().any(|f| &f.wire == key));
        }
        let decoded = response(&name, &documented).unwrap_or_else(|e| panic!("{name}: {e}"));
        contains(&decoded, &documented, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
        checked += 1;
    }
    assert!(
        checked >= 3,
        "querypreentry, positions and 食亨 document response examples"
    );
}

#[test]
fn requests_built_from_field_examples_validate_and_round_trip() {
    for (name, endpoint) in spec() {
        let example = request_example(&endpoint);
        let outcome =
            request(&name, &example).unwrap_or_else(|e| panic!("{name}: {e}\n{example:#}"));
        assert_eq!(
            outcome.violations,
            vec![],
            "{name}: documented examples must satisfy documented limits"
        );
        assert_eq!(outcome.body, body_part(&endpoint, &example), "{name}");
        for field in endpoint
            .request
            .fields
            .iter()
            .filter(|f| f.place == Place::Query)
        {
            let sent = outcome.query.pairs.iter().find(|(k, _)| *k == field.wire);
            assert!(
                sent.is_some(),
                "{name}: query field {} not written",
                field.wire
            );
        }
    }
}

#[test]
fn responses_built_from_field_examples_decode_with_nothing_lost() {
    for (name, endpoint) in spec() {
        let example = object_of(&endpoint, &endpoint.response.fields, None);
        let decoded = response(&name, &example).unwrap_or_else(|e| panic!("{name}: {e}"));
        contains(&decoded, &example, &name).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

#[test]
fn responses_tolerate_unknown_fields_nulls_absent_fields_and_unknown_enum_values() {
    let unknown = json!({"result": {"result": [{"status": 99, "gender": "9", "brand_new": {"x": 1}}], "pages": null}, "extra": 1});
    let decoded = response("shiheng.employee.list", &unknown["result"]).unwrap();
    assert_eq!(
        decoded["result"][0]["status"], 99,
        "unknown enum values are kept"
    );
    assert_eq!(decoded["result"][0]["gender"], "9");
    for (name, _) in spec() {
        response(&name, &json!({})).unwrap_or_else(|e| panic!("{name}: empty response: {e}"));
        response(&name, &json!({"unknown_field": [1, 2, 3]}))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// A request-side field with limits, and the JSON path to it.
struct Limited<'a> {
    path: Vec<String>,
    field: &'a Field,
}

fn limited_fields<'a>(
    endpoint: &'a Ir,
    fields: &'a [Field],
    prefix: &[String],
    out: &mut Vec<Limited<'a>>,
) {
    for field in fields {
        let mut path = prefix.to_vec();
        path.push(field.wire.clone());
        if field.limits.any() {
            out.push(Limited {
                path: path.clone(),
                field,
            });
        }
        let named = match &field.ty {
            Ty::Named { name, .. } => Some(name),
            Ty::List(inner) => match &**inner {
                Ty::Named { name, .. } => {
                    path.push("0".into());
                    Some(name)
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(TypeDef::Struct(s)) = named.map(|n| def(endpoint, n)) {
            limited_fields(endpoint, &s.fields, &path, out);
        }
    }
}

fn set(value: &mut Value, path: &[String], new: Value) {
    let mut target = value;
    for part in path {
        target = match part.parse::<usize>() {
            Ok(index) => &mut target[index],
            Err(_) => &mut target[part.as_str()],
        };
    }
    *target = new;
}

/// The violation path the runtime reports for a JSON path (`a.0.b` → `a[0].b`).
fn violation_path(path: &[String]) -> String {
    let mut out = String::new();
    for part in path {
        match part.parse::<usize>() {
            Ok(index) => out.push_str(&format!("[{index}]")),
            Err(_) if out.is_empty() => out.push_str(part),
            Err(_) => out.push_str(&format!(".{part}")),
        }
    }
    out
}

/// A list of `n` items for a list field (numbers for number lists).
fn items(endpoint: &Ir, field: &Field, n: usize) -> Value {
    let Ty::List(inner) = &field.ty else {
        panic!("{}: not a list", field.wire)
    };
    let item = value_of(endpoint, inner, None);
    let list: Vec<Value> = (0..n)
        .map(|i| match &item {
            Value::String(s) => json!(format!("{s}{i}")),
            Value::Number(_) => json!(i + 1),
            other => other.clone(),
        })
        .collect();
    oapi_client::fake::example::encode(field, Value::Array(list))
}

fn bound(b: &Bound) -> f64 {
    match b {
        Bound::Int(n) => *n as f64,
        Bound::Float(f) => *f,
    }
}

fn number(field: &Field, n: f64) -> Value {
    if matches!(field.ty, Ty::Number) {
        json!(n)
    } else {
        json!(n as i64)
    }
}

#[test]
fn every_documented_limit_accepts_its_last_valid_value_and_rejects_the_first_invalid() {
    let mut probed = 0;
    for (name, endpoint) in spec() {
        let base = request_example(&endpoint);
        let mut fields = Vec::new();
        limited_fields(&endpoint, &endpoint.request.fields, &[], &mut fields);
        for Limited { path, field } in fields {
            let limits = &field.limits;
            let step = if matches!(field.ty, Ty::Number) {
                0.001
            } else {
                1.0
            };
            let mut probes: Vec<(Value, Option<Rule>)> = Vec::new();
            if let Some(max) = &limits.max {
                probes.push((number(field, bound(max)), None));
                probes.push((
                    number(field, bound(max) + step),
                    Some(Rule::Max(bound_text(max))),
                ));
            }
            if let Some(min) = &limits.min {
                probes.push((number(field, bound(min)), None));
                probes.push((
                    number(field, bound(min) - step),
                    Some(Rule::Min(bound_text(min))),
                ));
            }
            if let Some(max) = limits.max_items {
                let max = max as usize;
                probes.push((items(&endpoint, field, max), None));
                probes.push((items(&endpoint, field, max + 1), Some(Rule::MaxItems(max))));
            }
            if let Some(min) = limits.min_items.filter(|m| *m > 0) {
                let min = min as usize;
                probes.push((items(&endpoint, field, min), None));
                probes.push((items(&endpoint, field, min - 1), Some(Rule::MinItems(min))));
            }
            if let Some(max) = limits.max_length {
                let max = max as usize;
                probes.push((json!("字".repeat(max)), None));
                probes.push((json!("字".repeat(max + 1)), Some(Rule::MaxLength(max))));
            }
            for (value, expected) in probes {
                let mut request_json = base.clone();
                set(&mut request_json, &path, value.clone());
                let outcome =
                    request(&name, &request_json).unwrap_or_else(|e| panic!("{name}: {e}"));
                let here: Vec<_> = outcome
                    .violations
                    .iter()
                    .filter(|(p, _, _)| *p == violation_path(&path))
                    .collect();
                match expected {
                    None => assert!(
                        here.is_empty(),
                        "{name}.{}: {value} must pass, got {here:?}",
                        path.join(".")
                    ),
                    Some(rule) => {
                        assert_eq!(
                            here.len(),
                            1,
                            "{name}.{}: {value} must fail with {rule:?}",
                            path.join(".")
                        );
                        assert_eq!(here[0].1, rule, "{name}.{}", path.join("."));
                    }
                }
                probed += 1;
            }
        }
    }
    // Every documented limit of the issue is covered: sizes, pages, list lengths.
    assert!(probed >= 40, "only {probed} probes");
}

fn bound_text(b: &Bound) -> String {
    match b {
        Bound::Int(n) => n.to_string(),
        Bound::Float(f) => f.to_string(),
    }
}

/// A time `offset_ms` after a base, written as `field` holds times.
fn time_value(field: &Field, offset_ms: i64) -> Value {
    const BASE: i64 = 1_600_000_000_000;
    let ms = BASE + offset_ms;
    let text = |pattern: &str| {
        let utc8 = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8");
        let time = chrono::DateTime::from_timestamp_millis(ms)
            .expect("in range")
            .with_timezone(&utc8);
        json!(time.format(pattern).to_string())
    };
    match &field.format {
        Some(Format::DateTime(pattern) | Format::Date(pattern)) => text(pattern),
        Some(Format::Rfc3339) => text("%Y-%m-%dT%H:%M:%S%.3f%:z"),
        Some(Format::UnixS) => json!(ms / 1000),
        _ => json!(ms),
    }
}

/// The smallest step a field's time can take: a millisecond, a second, a day.
fn time_step(field: &Field) -> i64 {
    match &field.format {
        Some(Format::Date(_)) => 86_400_000,
        Some(Format::DateTime(pattern)) if !pattern.contains("%3f") => 1000,
        Some(Format::UnixS) => 1000,
        _ => 1,
    }
}

/// Every window rule at both bounds: the span of exactly `max_days` passes,
/// one step more (and an end before the start) fails, naming the end field
/// and the window. A window with `when` is tested where its condition holds;
/// one without, where every conditional window's condition does not (so
/// each bound is the binding one).
#[test]
fn time_windows_accept_exactly_max_days_and_reject_one_step_more() {
    const DAY: i64 = 86_400_000;
    let mut checked = Vec::new();
    for (name, endpoint) in spec() {
        for window in &endpoint.windows {
            let field = |ident: &str| {
                endpoint
                    .request
                    .fields
                    .iter()
                    .find(|f| f.ident == ident)
                    .unwrap_or_else(|| panic!("{name}: no field {ident}"))
            };
            let (start, end) = (field(&window.start), field(&window.end));
            let step = time_step(start).max(time_step(end));
            let limit = i64::from(window.max_days) * DAY;
            for (offset, ok) in [
                (limit, true),
                (limit + step, false),
                (-step, false),
                (0, true),
            ] {
                let mut request_json = request_example(&endpoint);
                for other in &endpoint.windows {
                    let Some((list, count)) = &other.when else {
                        continue;
                    };
                    let count = if std::ptr::eq(other, window) {
                        *count
                    } else {
                        count - 1
                    };
                    let list = field(list);
                    request_json[&list.wire] = items(&endpoint, list, count.max(1) as usize);
                }
                request_json[&start.wire] = time_value(start, 0);
                request_json[&end.wire] = time_value(end, offset);
                let outcome = request(&name, &request_json).unwrap();
                assert_eq!(
                    outcome.violations.is_empty(),
                    ok,
                    "{name}: window {window:?}: end = start + {offset} ms: {:?}",
                    outcome.violations
                );
                if !ok {
                    assert_eq!(outcome.violations[0].0, end.wire, "{name}");
                    // Past the bound, this window is the first broken (an end
                    // before the start breaks every window that applies).
                    let wanted = if offset > 0 {
                        Some(window.max_days)
                    } else {
                        None
                    };
                    assert!(
                        matches!(outcome.violations[0].1, Rule::Window { max_days, .. } if wanted.is_none_or(|w| w == max_days)),
                        "{name}: {:?}",
                        outcome.violations
                    );
                }
            }
            checked.push(format!("{name} {}d", window.max_days));
        }
    }
    for expected in [
        "dingtalk.report.list 180d",
        "dingtalk.report.simplelist 180d",
        "dingtalk.checkin.record_get 10d",
        "dingtalk.checkin.record_get 1d",
    ] {
        assert!(
            checked.iter().any(|c| c == expected),
            "{expected} not checked: {checked:?}"
        );
    }
}

#[test]
fn the_issue_example_error_names_field_rule_and_value() {
    let mut request_json = request_example(
        &spec()
            .into_iter()
            .find(|(n, _)| n == "dingtalk.blackboard.create")
            .unwrap()
            .1,
    );
    let ids: Vec<String> = (0..1001).map(|i| format!("u{i}")).collect();
    request_json["create_request"]["blackboard_receiver"]["userid_list"] = json!(ids);
    let outcome = request("dingtalk.blackboard.create", &request_json).unwrap();
    assert_eq!(
        outcome.violations,
        vec![(
            "create_request.blackboard_receiver.userid_list".to_string(),
            Rule::MaxItems(1000),
            "1001 items".to_string()
        )]
    );
}

#[test]
fn secret_fields_of_generated_types_never_print() {
    use oapi_client::dingtalk::auth::gettoken;
    let request = gettoken::Request::new("dingkey", "APP-SECRET-123");
    let response: gettoken::Response =
        serde_json::from_str(r#"{"access_token":"TOKEN-456","expires_in":7200}"#).unwrap();
    for text in [format!("{request:?}"), format!("{response:?}")] {
        assert!(
            !text.contains("APP-SECRET-123") && !text.contains("TOKEN-456"),
            "{text}"
        );
        assert!(text.contains("Secret(***)"), "{text}");
    }
    // They are still sent as themselves.
    let mut query = Params::default();
    request.write_query(&mut query);
    assert!(
        query
            .pairs
            .contains(&("appsecret", "APP-SECRET-123".to_string()))
    );
    assert_eq!(
        response.access_token.map(|t| t.expose().clone()).as_deref(),
        Some("TOKEN-456")
    );
}
