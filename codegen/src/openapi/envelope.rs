//! The wire shapes gateways wrap around an endpoint's own fields, from what
//! the spec declares: the request body a gateway builds (signed envelopes,
//! parameters as an embedded object or a JSON string) and the response
//! envelope (the success code, message, request id, where the data sits).

use serde_json::{Map, Value, json};

use crate::ir::{
    Envelope, ParamsAs, Platform, RequestShape, Success, TimeFormat, Value as Carried,
};

/// The request body a gateway builds around `params` (the object schema of
/// the endpoint's body fields; `None` when it has none). Without a declared
/// body, the parameters are the body.
pub fn request(platform: &Platform, shape: &RequestShape, params: Option<Value>) -> Option<Value> {
    let Some(body) = &shape.body else {
        return params;
    };
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (name, value) in body {
        let schema = match value {
            Carried::Params { how, omit_empty } => {
                let Some(params) = params.clone() else {
                    if !omit_empty {
                        properties.insert(name.clone(), json!({"type": "object"}));
                    }
                    continue;
                };
                match how {
                    ParamsAs::Object => described(
                        params,
                        "The endpoint's request fields, as an embedded JSON object.",
                    ),
                    ParamsAs::String => json!({
                        "type": "string",
                        "contentMediaType": "application/json",
                        "contentSchema": params,
                        "description": "The endpoint's request fields, as a string holding their JSON.",
                    }),
                    ParamsAs::Merge => {
                        if let Some(Value::Object(fields)) = params.get("properties") {
                            for (field, schema) in fields {
                                properties.insert(field.clone(), schema.clone());
                            }
                        }
                        continue;
                    }
                }
            }
            other => carried(platform, other),
        };
        properties.insert(name.clone(), schema);
        required.push(json!(name));
    }
    Some(json!({
        "type": "object",
        "description": "The body the gateway builds: the values it declares, with the endpoint's \
                        request fields where `params` says.",
        "properties": properties,
        "required": required,
    }))
}

fn described(mut schema: Value, description: &str) -> Value {
    if let Value::Object(object) = &mut schema {
        object.insert("description".into(), json!(description));
    }
    schema
}

/// The schema of a value the gateway adds (query, header or body).
pub fn carried(platform: &Platform, value: &Carried) -> Value {
    match value {
        Carried::Credential(name) => {
            json!({"type": "string", "description": format!("The `{name}` credential.")})
        }
        Carried::Literal(text) => json!({"type": "string", "const": text}),
        Carried::Token { prefix, .. } if prefix.is_empty() => {
            json!({"type": "string", "description": "The access token (fetched, cached and refreshed by the client)."})
        }
        Carried::Token { prefix, .. } => json!({
            "type": "string",
            "description": format!("`{prefix}` followed by the access token."),
        }),
        Carried::Timestamp(TimeFormat::Millis) => {
            json!({"type": "integer", "format": "int64", "description": "Epoch milliseconds when sent."})
        }
        Carried::Timestamp(TimeFormat::Seconds) => {
            json!({"type": "integer", "format": "int64", "description": "Epoch seconds when sent."})
        }
        Carried::Timestamp(TimeFormat::Pattern(pattern)) => json!({
            "type": "string",
            "description": format!("The time when sent, as `{pattern}` (strftime, UTC+8)."),
        }),
        Carried::Nonce(length) => json!({
            "type": "string",
            "minLength": length,
            "maxLength": length,
            "description": "A random text, new on every request.",
        }),
        Carried::Signature(name) => {
            let rule = platform
                .signing
                .iter()
                .find(|s| &s.const_name == name)
                .map_or(name.as_str(), |s| s.name.as_str());
            json!({
                "type": "string",
                "description": format!("The signature, computed by the spec's signing rule `{rule}` (see `x-oapi-gateway`)."),
            })
        }
        Carried::Params { .. } => json!({"type": "object"}),
    }
}

/// The Responses Object: the full wire shape around `business` (the object
/// schema of the endpoint's response fields) and the documented example.
pub fn responses(envelope: Option<&Envelope>, business: Value, example: Option<Value>) -> Value {
    let Some(envelope) = envelope else {
        return json!({"200": response("The endpoint's response object.", business, example)});
    };
    let head = head(envelope);
    if envelope.success == Success::Http {
        return json!({
            "200": response("Success (HTTP 2xx): the endpoint's response object.", business, example),
            "default": response(
                "An error: an HTTP status with the platform's error object.",
                json!({"type": "object", "properties": head}),
                None,
            ),
        });
    }
    let mut properties = head;
    if envelope.data.is_empty() {
        if let Some(Value::Object(fields)) = business.get("properties") {
            for (name, schema) in fields {
                properties.insert(name.clone(), schema.clone());
            }
        }
    } else {
        let business = described(
            business,
            "The endpoint's response object (present on success).",
        );
        let outer = envelope
            .data
            .split('.')
            .next()
            .unwrap_or_default()
            .to_owned();
        let inner = nest(&envelope.data, business);
        properties.insert(outer, inner);
    }
    let ok: Vec<&str> = envelope.ok.iter().map(String::as_str).collect();
    let description = format!(
        "`{}` {} is success (the endpoint's fields {}); any other code is a platform error.",
        envelope.code,
        if ok.len() == 1 {
            format!("= {}", ok[0])
        } else {
            format!("in {}", ok.join(", "))
        },
        if envelope.data.is_empty() {
            "sit beside it".to_owned()
        } else {
            format!("are under `{}`", envelope.data)
        }
    );
    json!({
        "200": response(&description, json!({"type": "object", "properties": properties}), example),
    })
}

/// `business` placed at a dotted `path` below its first key.
fn nest(path: &str, business: Value) -> Value {
    let mut parts: Vec<&str> = path.split('.').collect();
    parts.remove(0);
    let mut value = business;
    for part in parts.iter().rev() {
        value = json!({"type": "object", "properties": {*part: value}});
    }
    value
}

/// The envelope's own fields (top-level keys only; dotted ones are described).
fn head(envelope: &Envelope) -> Map<String, Value> {
    let mut properties = Map::new();
    let numeric = !envelope.code_is_text && envelope.success == Success::Code;
    for (path, schema) in [
        (
            &envelope.code,
            if numeric {
                json!({"type": "integer", "description": "The status code."})
            } else {
                json!({"type": "string", "description": "The status code."})
            },
        ),
        (
            &envelope.message,
            json!({"type": ["string", "null"], "description": "The message."}),
        ),
        (
            &envelope.request_id,
            json!({"type": ["string", "null"], "description": "Request id, for support."}),
        ),
        (
            &envelope.sub_code,
            json!({"description": "The underlying code, for some errors."}),
        ),
        (
            &envelope.sub_message,
            json!({"type": ["string", "null"], "description": "The underlying message."}),
        ),
    ] {
        if !path.is_empty() && !path.contains('.') {
            properties.insert(path.clone(), schema);
        }
    }
    properties
}

/// A Response Object with a JSON body.
fn response(description: &str, schema: Value, example: Option<Value>) -> Value {
    let mut media = Map::new();
    media.insert("schema".into(), schema);
    if let Some(example) = example {
        media.insert("example".into(), example);
    }
    json!({
        "description": description,
        "content": {"application/json": media},
    })
}
