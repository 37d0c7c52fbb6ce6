//! `x-oapi-*` extensions: facts of the spec that OpenAPI has no keyword for.

use serde_json::{Map, Value, json};

use super::Site;
use crate::ir::{Endpoint, Paging, Place, TimeFormat, Value as CarriedValue};

/// `x-oapi-window`: the cross-field time windows on the request, by wire
/// name, and whether every field they name travels in the body (then the
/// extension belongs on the request body schema, else on the operation).
pub fn windows(endpoint: &Endpoint) -> Option<(Value, bool)> {
    if endpoint.windows.is_empty() {
        return None;
    }
    let fields = &endpoint.request.fields;
    let wire = |ident: &str| {
        fields
            .iter()
            .find(|f| f.ident == ident)
            .map(|f| (f.wire.clone(), f.place))
    };
    let mut in_body = true;
    let list: Vec<Value> = endpoint
        .windows
        .iter()
        .map(|window| {
            let mut names = Vec::new();
            for ident in [&window.start, &window.end] {
                let (name, place) = wire(ident).unwrap_or_else(|| (ident.clone(), Place::Body));
                in_body &= place == Place::Body;
                names.push(name);
            }
            let when = window.when.as_ref().map(|(field, count)| {
                let field = wire(field).map_or_else(|| field.clone(), |(name, _)| name);
                json!({"field": field, "min_items": count})
            });
            json!({
                "start": names.first(),
                "end": names.get(1),
                "max_days": window.max_days,
                "when": when,
                "rule": format!(
                    "`{0}` ≤ `{1}` ≤ `{0}` + {2} days (times as epoch milliseconds, or as the fields' date formats){3}",
                    names.first().map_or("", String::as_str),
                    names.get(1).map_or("", String::as_str),
                    window.max_days,
                    window.when.as_ref().map_or(String::new(), |(_, n)| format!(", when the list holds at least {n} items"))
                ),
            })
        })
        .collect();
    Some((Value::Array(list), in_body))
}

/// `x-oapi-paging`: the style and the wire names (dotted paths) involved.
pub fn paging(paging: &Paging) -> Value {
    let mut object = Map::new();
    object.insert("style".into(), json!(paging.style));
    for (key, value) in [
        ("cursor", &paging.cursor),
        ("size", &paging.size),
        ("next", &paging.next),
        ("has_more", &paging.has_more),
        ("items", &paging.items),
        ("item_id", &paging.item_id),
        ("pages", &paging.pages),
        ("total", &paging.total),
    ] {
        if let Some(value) = value {
            object.insert(key.into(), json!(value));
        }
    }
    Value::Object(object)
}

/// `x-oapi-gateway`: which platform host the operation goes to, with what
/// its requests carry and its response envelope, as the spec names them.
pub fn gateway(site: &Site<'_>) -> Value {
    let mut object = Map::new();
    object.insert("platform".into(), json!(site.platform.module));
    if let Some(gateway) = site.gateway() {
        object.insert("gateway".into(), json!(gateway.key));
        let envelope = site
            .platform
            .envelopes
            .iter()
            .find(|e| e.const_name == gateway.envelope);
        if let Some(envelope) = envelope {
            object.insert("envelope".into(), json!(envelope.name));
        }
        if site.endpoint.auth_none {
            object.insert("auth".into(), json!("none"));
        } else {
            let carried: Vec<Value> = gateway
                .request
                .query
                .iter()
                .map(|(n, v)| ("query", n, v))
                .chain(gateway.request.headers.iter().map(|(n, v)| ("header", n, v)))
                .chain(gateway.request.body.iter().flatten().map(|(n, v)| ("body", n, v)))
                .filter(|(_, _, v)| !matches!(v, CarriedValue::Params { .. }))
                .map(|(place, name, value)| json!({"in": place, "name": name, "value": describe(site, value)}))
                .collect();
            if !carried.is_empty() {
                object.insert("carries".into(), Value::Array(carried));
            }
        }
    }
    Value::Object(object)
}

/// A carried value as the spec says it.
fn describe(site: &Site<'_>, value: &CarriedValue) -> Value {
    match value {
        CarriedValue::Credential(name) => json!({"credential": name}),
        CarriedValue::Literal(text) => json!({"value": text}),
        CarriedValue::Token { token, prefix } => {
            let name = site
                .platform
                .tokens
                .iter()
                .find(|t| &t.const_name == token)
                .map_or("", |t| t.name.as_str());
            json!({"token": name, "prefix": prefix})
        }
        CarriedValue::Timestamp(format) => json!({"timestamp": match format {
            TimeFormat::Millis => "ms".to_owned(),
            TimeFormat::Seconds => "s".to_owned(),
            TimeFormat::Pattern(pattern) => pattern.clone(),
        }}),
        CarriedValue::Nonce(length) => json!({"nonce": length}),
        CarriedValue::Signature(name) => {
            let signing = site.platform.signing.iter().find(|s| &s.const_name == name);
            match signing {
                Some(s) => {
                    json!({"signature": s.name, "digest": format!("{:?}", s.digest), "params": s.params, "sorted": s.sorted, "join": format!("{:?}", s.join), "secret": s.secret, "secret_at": format!("{:?}", s.secret_at)})
                }
                None => json!({"signature": name}),
            }
        }
        CarriedValue::Params { .. } => json!({"params": true}),
    }
}
