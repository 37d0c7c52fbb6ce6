//! `x-oapi-*` extensions: facts of the spec that OpenAPI has no keyword for.

use serde_json::{Map, Value, json};

use super::{Site, envelope, security};
use crate::ir::{Endpoint, Paging, Place};

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
            json!({
                "start": names.first(),
                "end": names.get(1),
                "max_days": window.max_days,
                "unit": "epoch_ms",
                "rule": format!(
                    "`{0}` ≤ `{1}` ≤ `{0}` + {2} days (epoch milliseconds)",
                    names.first().map_or("", String::as_str),
                    names.get(1).map_or("", String::as_str),
                    window.max_days
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

/// `x-oapi-gateway`: which platform host the operation goes to, with its
/// auth scheme and response envelope as the spec names them.
pub fn gateway(site: &Site<'_>) -> Value {
    let mut object = Map::new();
    object.insert("platform".into(), json!(site.platform.module));
    if let Some(gateway) = site.gateway() {
        object.insert("gateway".into(), json!(gateway.key));
        let auth = if site.endpoint.auth_none {
            "none"
        } else {
            security::auth_name(gateway.auth)
        };
        object.insert("auth".into(), json!(auth));
        object.insert(
            "envelope".into(),
            json!(envelope::envelope_name(gateway.envelope)),
        );
        if !gateway.version.is_empty() {
            object.insert("version".into(), json!(gateway.version));
        }
    }
    Value::Object(object)
}
