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
