//! Every endpoint of every spec file, called through its generated method
//! against the fake platform generated from the same specs: no test code
//! per endpoint, so an endpoint added in YAML is covered here as it is.
//!
//! Each call goes the whole way: a request valid by the spec
//! (`fake::example::request`) deserialised into the generated
//! `Request`, validated, sent with the gateway's token or signature, checked
//! by the fake against the spec, answered in the platform's envelope and
//! decoded into the generated `Response`. Each paged endpoint is read to
//! the end, every item once and in order. And with the client's own checks
//! off, a request breaking a documented rule is refused by the fake in the
//! platform's envelope, naming the field.

use std::collections::HashSet;
use std::time::Duration;

use oapi_client::fake::{self, FakePlatform};
use oapi_client::{CodeClass, Error, RetryPolicy};
use oapi_codegen::ir::{Bound, Endpoint as Ir, Place, Ty};
use serde_json::Value;

fn quick() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(2),
        total_budget: Duration::from_secs(5),
    }
}

macro_rules! dispatch {
    ($(($platform:ident, $group:ident, $endpoint:ident, $name:literal))*) => {
        /// Calls endpoint `name` with `request` (its `Request` as JSON); the
        /// response as JSON.
        async fn call(fake: &FakePlatform, name: &str, request: Value, validate: bool) -> Result<Value, Result<Error, String>> {
            match name {
                $($name => {
                    type R = oapi_client::$platform::$group::$endpoint::Request;
                    let req: R = serde_json::from_value(request).map_err(|e| Err(format!("request JSON: {e}")))?;
                    let client = fake
                        .configure(oapi_client::$platform::Client::builder())
                        .retry_policy(quick())
                        .validate_requests(validate)
                        .strict_responses(true)
                        .build()
                        .map_err(|e| Err(e.to_string()))?;
                    let response = client.$group().$endpoint(&req).await.map_err(Ok)?;
                    serde_json::to_value(&response).map_err(|e| Err(e.to_string()))
                })*
                other => Err(Err(format!("no generated endpoint {other}"))),
            }
        }
        const GENERATED: &[&str] = &[$($name),*];
    };
}
oapi_client::for_each_endpoint!(dispatch);

macro_rules! paged {
    ($(($platform:ident, $group:ident, $endpoint:ident, $name:literal))*) => {
        /// Every item of paged endpoint `name`, as JSON.
        async fn items(fake: &FakePlatform, name: &str, request: Value) -> Result<Vec<Value>, String> {
            use futures::TryStreamExt;
            match name {
                $($name => {
                    type R = oapi_client::$platform::$group::$endpoint::Request;
                    let req: R = serde_json::from_value(request).map_err(|e| format!("request JSON: {e}"))?;
                    let client = fake
                        .configure(oapi_client::$platform::Client::builder())
                        .retry_policy(quick())
                        .strict_responses(true)
                        .build()
                        .map_err(|e| e.to_string())?;
                    let items: Vec<_> = client.0.items(req).try_collect().await.map_err(|e| e.to_string())?;
                    items.iter().map(|i| serde_json::to_value(i).map_err(|e| e.to_string())).collect()
                })*
                other => Err(format!("{other} does not page")),
            }
        }
    };
}

/// A declared token endpoint called as an endpoint gets the app's
/// credentials where its token rule puts them (the documented examples
/// are someone else's).
fn with_credentials(fake: &FakePlatform, name: &str, endpoint: &Ir, mut request: Value) -> Value {
    let platform = name.split('.').next().unwrap_or_default();
    let tokens = fake
        .api()
        .platforms
        .iter()
        .filter(|p| p.module == platform)
        .flat_map(|p| &p.tokens);
    for token in tokens.filter(|t| t.path == endpoint.path) {
        for (wire, value) in &token.params {
            if let (oapi_codegen::ir::Value::Credential(credential), Some(object)) =
                (value, request.as_object_mut())
            {
                object.insert(
                    wire.clone(),
                    Value::from(fake::credential(platform, credential)),
                );
            }
        }
    }
    request
}

/// A store endpoint reading a record by id gets the id of one that exists
/// (seeded if no create endpoint made one).
fn with_record(fake: &FakePlatform, endpoint: &Ir, mut request: Value) -> Value {
    let Some(store) = endpoint
        .fake
        .as_ref()
        .filter(|f| matches!(f.op.as_str(), "get" | "update" | "delete"))
    else {
        return request;
    };
    let id = match fake.records(&store.store).first() {
        Some((id, _)) => id.clone(),
        None => fake.insert(&store.store, "id", serde_json::json!({})),
    };
    let numeric =
        field_at(endpoint, &store.id).is_some_and(|ty| matches!(ty, Ty::Integer | Ty::Int32));
    let id = if numeric {
        Value::from(id.parse::<i64>().unwrap_or_default())
    } else {
        Value::from(id)
    };
    let mut at = &mut request;
    for part in store.id.split('.') {
        at = &mut at[part];
    }
    *at = id;
    request
}

/// The type of the request field at a dotted wire path.
fn field_at<'a>(endpoint: &'a Ir, path: &str) -> Option<&'a Ty> {
    let mut fields = &endpoint.request.fields;
    let mut found = None;
    for part in path.split('.') {
        let field = fields.iter().find(|f| f.wire == part)?;
        found = Some(&field.ty);
        if let Ty::Named { name, .. } = &field.ty {
            if let Some(oapi_codegen::ir::TypeDef::Struct(s)) = endpoint
                .types
                .iter()
                .find(|t| matches!(t, oapi_codegen::ir::TypeDef::Struct(s) if &s.name == name))
            {
                fields = &s.fields;
            }
        }
    }
    found
}

/// Every endpoint of the specs, with its name.
fn endpoints(fake: &FakePlatform) -> Vec<(String, Ir)> {
    fake.api()
        .platforms
        .iter()
        .flat_map(|p| {
            p.groups
                .iter()
                .flat_map(|g| &g.endpoints)
                .map(move |e| (format!("{}.{}", p.module, e.op_name), e.clone()))
        })
        .collect()
}

async fn fake() -> FakePlatform {
    fake::start().await.expect("the embedded specs serve")
}

#[tokio::test]
async fn every_endpoint_is_served_and_answers_its_documented_shape() {
    let fake = fake().await;
    let mut endpoints = endpoints(&fake);
    assert_eq!(
        endpoints.len(),
        GENERATED.len(),
        "the fake serves what was generated"
    );
    // Stores are filled before they are read and emptied last.
    let rank = |e: &Ir| match e.fake.as_ref().map(|f| f.op.as_str()) {
        Some("create") => 0,
        Some("delete") => 2,
        _ => 1,
    };
    endpoints.sort_by_key(|(_, e)| rank(e));
    let mut failures = Vec::new();
    for (name, endpoint) in &endpoints {
        let before = fake.requests(&endpoint.path);
        let request = with_credentials(&fake, name, endpoint, fake::example::request(endpoint));
        let request = with_record(&fake, endpoint, request);
        match call(&fake, name, request.clone(), true).await {
            Ok(response) => {
                if fake.requests(&endpoint.path) != before + 1 {
                    failures.push(format!("{name}: not one request on {}", endpoint.path));
                }
                let declared = endpoint.response.fields.len();
                let filled = response
                    .as_object()
                    .map_or(0, |o| o.values().filter(|v| !v.is_null()).count());
                if declared > 0 && filled == 0 {
                    failures.push(format!("{name}: an empty answer: {response}"));
                }
            }
            Err(error) => failures.push(format!("{name}: {error:?}\n  request: {request}")),
        }
    }
    let refused: Vec<_> = fake
        .verdicts()
        .into_iter()
        .filter(|v| v.verdict != "ok")
        .collect();
    assert!(refused.is_empty(), "the fake refused: {refused:#?}");
    assert!(
        failures.is_empty(),
        "{} of {} endpoints failed:\n{}",
        failures.len(),
        endpoints.len(),
        failures.join("\n")
    );
}

oapi_client::for_each_paged_endpoint!(paged);

#[tokio::test]
async fn every_paged_endpoint_reads_every_item_once_in_order() {
    let fake = fake().await;
    let mut failures = Vec::new();
    let mut paged = 0;
    for (name, endpoint) in endpoints(&fake) {
        if !endpoint.request.paged {
            continue;
        }
        paged += 1;
        for count in [0, 1, 7, 45] {
            fake.set_items(&name, count);
            // A listing of a store lists its records.
            if let Some(store) = endpoint.fake.as_ref().filter(|f| f.op == "list") {
                fake.clear_store(&store.store);
                for _ in 0..count {
                    fake.insert(&store.store, "id", serde_json::json!({}));
                }
            }
            let request = start_of_listing(&endpoint, fake::example::request(&endpoint));
            match items(&fake, &name, request).await {
                Ok(items) => {
                    let distinct: HashSet<String> = items.iter().map(Value::to_string).collect();
                    if items.len() != count || distinct.len() != count {
                        failures.push(format!(
                            "{name} over {count}: {} items, {} distinct",
                            items.len(),
                            distinct.len()
                        ));
                    }
                }
                Err(error) => failures.push(format!("{name} over {count}: {error}")),
            }
        }
    }
    assert!(paged > 0, "the specs have paged endpoints");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The request set at the start of the listing: cursor, offset or page
/// field at its first value (absent, 0, or the first page number).
fn start_of_listing(endpoint: &Ir, mut request: Value) -> Value {
    let Some(cursor) = endpoint.paging.as_ref().and_then(|p| p.cursor.clone()) else {
        return request;
    };
    let Some(field) = endpoint.request.fields.iter().find(|f| f.wire == cursor) else {
        return request;
    };
    let first = match (
        &field.ty,
        endpoint.paging.as_ref().map(|p| p.style.as_str()),
    ) {
        (_, Some("page")) => match field.limits.min {
            Some(Bound::Int(0)) => Value::from(0),
            _ => Value::from(1),
        },
        (Ty::Integer | Ty::Int32, _) => Value::from(0),
        _ if !field.required => Value::Null,
        _ => Value::from(""),
    };
    if let Some(object) = request.as_object_mut() {
        object.insert(cursor, first);
    }
    request
}

#[tokio::test]
async fn a_request_breaking_a_documented_rule_is_refused_by_the_fake_naming_the_field() {
    let fake = fake().await;
    let mut failures = Vec::new();
    let mut probed = 0;
    for (name, endpoint) in endpoints(&fake) {
        // A body or query field with a documented maximum: one past it.
        let Some((field, broken)) = endpoint.request.fields.iter().find_map(|f| {
            let over = match (&f.ty, &f.limits.max) {
                (Ty::Integer | Ty::Int32, Some(Bound::Int(max))) => Value::from(max + 1),
                _ => return None,
            };
            matches!(f.place, Place::Body | Place::Query).then_some((f, over))
        }) else {
            continue;
        };
        probed += 1;
        let mut request = fake::example::request(&endpoint);
        request[&field.wire] = broken;
        match call(&fake, &name, request, false).await {
            Err(Ok(Error::Platform { class, message, .. })) => {
                let named = message.contains(&format!("`{}`", field.wire));
                if !named || class == CodeClass::Token {
                    failures.push(format!("{name}: refused as {class:?} with {message:?}"));
                }
            }
            other => failures.push(format!("{name}: {other:?}")),
        }
    }
    assert!(probed > 0, "some endpoint documents a maximum");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A field's value as text on the wire (query, header, path, form): a
/// list comma-joined, an `encoding: json` value as its JSON text.
fn wire_text(field: &oapi_codegen::ir::Field, value: &Value) -> String {
    use oapi_codegen::ir::Encoding;
    match (field.encoding, value) {
        (_, Value::String(text)) => text.clone(),
        (Encoding::Json, other) => other.to_string(),
        (_, Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
            .collect::<Vec<_>>()
            .join(","),
        (_, other) => other.to_string(),
    }
}

/// The endpoint's own parameters in a body as received: the body itself,
/// or where the gateway's request shape puts them.
fn params_in(fake: &FakePlatform, name: &str, endpoint: &Ir, body: &[u8]) -> Option<Value> {
    use oapi_codegen::ir::{BodyFormat, ParamsAs, Value as Carried};
    let platform = fake
        .api()
        .platforms
        .iter()
        .find(|p| name.starts_with(&format!("{}.", p.module)))?;
    let gateway = platform
        .gateways
        .iter()
        .find(|g| g.const_name == endpoint.gateway)?;
    let shape = &gateway.request;
    let object: serde_json::Map<String, Value> = match shape.format {
        BodyFormat::Json => serde_json::from_slice(body).ok()?,
        BodyFormat::Form => form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
            .collect(),
    };
    let Some(fields) = shape.body.as_ref().filter(|_| !endpoint.auth_none) else {
        return Some(Value::Object(object));
    };
    for (wire, value) in fields {
        if let Carried::Params { how, .. } = value {
            return match how {
                ParamsAs::Object => object.get(wire).cloned(),
                ParamsAs::String => object
                    .get(wire)?
                    .as_str()
                    .and_then(|t| serde_json::from_str(t).ok()),
                ParamsAs::Merge => Some(Value::Object(
                    object
                        .into_iter()
                        .filter(|(k, _)| fields.iter().all(|(f, _)| f != k))
                        .collect(),
                )),
            };
        }
    }
    None
}

#[tokio::test]
async fn documented_request_examples_arrive_on_the_wire_as_documented() {
    use oapi_codegen::ir::{BodyFormat, HttpMethod};
    let fake = fake().await;
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, endpoint) in endpoints(&fake) {
        let Some(text) = &endpoint.request_example else {
            continue;
        };
        checked += 1;
        let documented: Value = serde_json::from_str(text).expect("examples are JSON (check)");
        let documented = with_record(&fake, &endpoint, documented);
        // The call's outcome does not matter here (a token endpoint's
        // documented credentials are refused): what arrived does.
        let _ = call(&fake, &name, documented.clone(), true).await;
        let Some(seen) = fake.received(&endpoint.path).pop() else {
            failures.push(format!("{name}: nothing arrived"));
            continue;
        };
        let mut wrong = |what: String| failures.push(format!("{name}: {what}"));
        if seen.method != endpoint.method.as_str() {
            wrong(format!(
                "method {} instead of {}",
                seen.method,
                endpoint.method.as_str()
            ));
        }
        let query = seen.query_pairs();
        let mut body_expected = serde_json::Map::new();
        for field in &endpoint.request.fields {
            let Some(value) = documented.get(&field.wire).filter(|v| !v.is_null()) else {
                continue;
            };
            let text = wire_text(field, value);
            match field.place {
                Place::Query => {
                    if !query.iter().any(|(n, v)| n == &field.wire && v == &text) {
                        wrong(format!(
                            "query {}={text} missing from {query:?}",
                            field.wire
                        ));
                    }
                }
                Place::Header => {
                    if seen.header(&field.wire) != Some(text.as_str()) {
                        wrong(format!(
                            "header {}: {:?}, not {text}",
                            field.wire,
                            seen.header(&field.wire)
                        ));
                    }
                }
                Place::Path => {
                    let decoded: Vec<String> = seen
                        .path
                        .split('/')
                        .map(|s| {
                            form_urlencoded::parse(
                                format!("x={}", s.replace('+', "%2B")).as_bytes(),
                            )
                            .map(|(_, v)| v.into_owned())
                            .collect()
                        })
                        .collect();
                    if !decoded.contains(&text) {
                        wrong(format!(
                            "path parameter {}={text} not a segment of {}",
                            field.wire, seen.path
                        ));
                    }
                }
                Place::Body => {
                    body_expected.insert(field.wire.clone(), value.clone());
                }
            }
        }
        if endpoint.method == HttpMethod::Get {
            continue;
        }
        let received = params_in(&fake, &name, &endpoint, &seen.body);
        let form = fake
            .api()
            .platforms
            .iter()
            .flat_map(|p| &p.gateways)
            .any(|g| {
                g.const_name == endpoint.gateway
                    && g.request.format == BodyFormat::Form
                    && g.request.body.is_none()
            });
        let expected = if form {
            // A form body of the endpoint's own: every value as text.
            let fields = &endpoint.request.fields;
            Value::Object(
                body_expected
                    .iter()
                    .map(|(k, v)| {
                        let field = fields.iter().find(|f| &f.wire == k).expect("a field");
                        (k.clone(), Value::String(wire_text(field, v)))
                    })
                    .collect(),
            )
        } else {
            Value::Object(body_expected)
        };
        if received.as_ref() != Some(&expected) {
            wrong(format!("body {received:?}, documented {expected}"));
        }
    }
    assert!(checked >= 10, "{checked} documented request examples");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
