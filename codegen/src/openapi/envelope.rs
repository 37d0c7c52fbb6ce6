//! The wire shapes gateways wrap around an endpoint's own fields: 食亨's
//! signed request envelope and the three response envelopes.

use serde_json::{Map, Value, json};

use crate::ir::EnvelopeKind;

/// The spec's name of an envelope.
pub fn envelope_name(kind: EnvelopeKind) -> &'static str {
    match kind {
        EnvelopeKind::ErrCode => "errcode",
        EnvelopeKind::HttpStatus => "http_status",
        EnvelopeKind::CodeResult => "code_result",
    }
}

/// How `sign` is computed, as the generated client's default signer does it.
pub const SIGNING: &str = "Upper-case hex MD5 of `secret + name1 + value1 + name2 + value2 + … + \
secret` over every envelope field except `sign` (`appId`, `paramContent`, `timestamp`, \
`version`), names sorted, `paramContent` as the compact JSON text sent. This is the TOP \
convention most Chinese open platforms share; 食亨 does not publish its algorithm, so it is an \
assumption to confirm (the Rust client's `Signer` is pluggable).";

/// What the operation description says about a signed-envelope request.
pub const SIGNED_NOTE: &str = "The HTTP body is a signed envelope `{appId, sign, version, \
timestamp, paramContent}`: `paramContent` holds this endpoint's request fields, `sign` is \
computed from the app secret (see the `sign` property). The credential travels in the body, so \
there is no HTTP security scheme (`security: []`).";

/// The request body of a signed-envelope gateway around `params` (the
/// endpoint's body fields; `None` when it has none: then `paramContent` is
/// neither sent nor signed).
pub fn signed_request(params: Option<Value>, version: &str) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "appId".into(),
        json!({"type": "string", "description": "The application's appId."}),
    );
    properties.insert(
        "sign".into(),
        json!({"type": "string", "description": SIGNING}),
    );
    properties.insert(
        "version".into(),
        json!({"type": "string", "const": version, "description": "The gateway's envelope version."}),
    );
    properties.insert(
        "timestamp".into(),
        json!({
            "type": "integer",
            "format": "int64",
            "description": "Epoch milliseconds at signing (signed again on every retry).",
        }),
    );
    let mut required = vec![
        json!("appId"),
        json!("sign"),
        json!("version"),
        json!("timestamp"),
    ];
    if let Some(mut params) = params {
        if let Value::Object(object) = &mut params {
            object.insert(
                "description".into(),
                json!("The endpoint's request fields, embedded as a JSON object."),
            );
        }
        properties.insert("paramContent".into(), params);
        required.push(json!("paramContent"));
    }
    json!({
        "type": "object",
        "description": SIGNED_NOTE,
        "properties": properties,
        "required": required,
    })
}

/// The Responses Object: the full wire shape around `business` (the object
/// schema of the endpoint's response fields) and the documented example.
pub fn responses(kind: EnvelopeKind, business: Value, example: Option<Value>) -> Value {
    match kind {
        EnvelopeKind::ErrCode => {
            let mut properties = Map::new();
            properties.insert(
                "errcode".into(),
                json!({
                    "type": "integer",
                    "description": "0 on success; any other value is a platform error \
                                    (the client returns `Error::Platform`).",
                }),
            );
            properties.insert(
                "errmsg".into(),
                json!({"type": "string", "description": "Error message (`ok` on success)."}),
            );
            properties.insert(
                "request_id".into(),
                json!({"type": "string", "description": "Request id, for support."}),
            );
            properties.insert(
                "success".into(),
                json!({
                    "type": "boolean",
                    "description": "Not reliable (documented `false` with errcode 0): \
                                    `errcode` decides.",
                }),
            );
            let mut schema = business;
            if let Some(Value::Object(business)) = schema.get_mut("properties") {
                for (name, property) in std::mem::take(business) {
                    properties.insert(name, property);
                }
            }
            if let Value::Object(object) = &mut schema {
                object.insert("properties".into(), Value::Object(properties));
            }
            json!({
                "200": response(
                    "HTTP 200 for successes and platform errors alike: `errcode` 0 is success \
                     (the endpoint's fields sit beside it), anything else an error.",
                    schema,
                    example,
                ),
            })
        }
        EnvelopeKind::HttpStatus => {
            let error = json!({
                "type": "object",
                "properties": {
                    "code": {"type": "string", "description": "Error code."},
                    "message": {"type": "string", "description": "Error message."},
                    "requestid": {"type": "string", "description": "Request id, for support."},
                },
            });
            json!({
                "200": response("Success: the endpoint's response object.", business, example),
                "400": response("Invalid request: `{code, message, requestid}`.", error.clone(), None),
                "403": response(
                    "Forbidden (missing permission or invalid token): `{code, message, requestid}`.",
                    error,
                    None,
                ),
            })
        }
        EnvelopeKind::CodeResult => {
            let mut result = business;
            if let (Some(example), Value::Object(object)) = (example, &mut result) {
                object.insert("examples".into(), json!([example]));
            }
            if let Value::Object(object) = &mut result {
                object.insert(
                    "description".into(),
                    json!("The endpoint's response object (present when `code` is \"0\")."),
                );
            }
            let schema = json!({
                "type": "object",
                "properties": {
                    "code": {
                        "type": "string",
                        "description": "\"0\" on success; any other code is a platform error \
                                        (the client returns `Error::Platform`).",
                    },
                    "msg": {"type": "string", "description": "Message."},
                    "traceId": {"type": "string", "description": "Trace id, for support."},
                    "result": result,
                },
            });
            json!({
                "200": response(
                    "`{code, msg, traceId, result}`: `code` \"0\" is success, anything else an error.",
                    schema,
                    None,
                ),
            })
        }
    }
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
