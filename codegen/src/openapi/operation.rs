//! One endpoint → one Operation Object: identity and docs, its host,
//! parameters, request body, responses, security and extensions.

use serde_json::{Map, Value, json};

use super::schema::{self, TypeNames};
use super::{Site, envelope, extensions, names, security};
use crate::ir::{BodyFormat, Field, Place, Side};

/// The Operation Object of `site`'s endpoint; `types` names its nested types.
pub fn operation(site: &Site<'_>, types: &TypeNames) -> Value {
    let endpoint = site.endpoint;
    let gateway = site.gateway();
    let wrapped = gateway.is_some_and(|g| g.request.body.is_some()) && !endpoint.auth_none;
    let mut op = Map::new();
    op.insert("operationId".into(), json!(names::operation_id(site)));
    op.insert("summary".into(), json!(endpoint.doc));
    op.insert("description".into(), json!(description(site, wrapped)));
    op.insert(
        "tags".into(),
        json!([names::tag(site.platform, site.group)]),
    );
    if let Some(see) = &endpoint.see {
        op.insert("externalDocs".into(), json!({"url": see}));
    }
    let server = match gateway {
        Some(gateway) => json!({
            "url": endpoint.base_url,
            "description": names::server_description(site.platform, gateway),
        }),
        None => json!({"url": endpoint.base_url}),
    };
    op.insert("servers".into(), json!([server]));
    let parameters: Vec<Value> = endpoint
        .request
        .fields
        .iter()
        .filter_map(|field| parameter(field, types))
        .collect();
    if !parameters.is_empty() {
        op.insert("parameters".into(), Value::Array(parameters));
    }
    let windows = extensions::windows(endpoint);
    let (body_windows, op_windows) = match windows {
        Some((list, true)) => (Some(list), None),
        Some((list, false)) => (None, Some(list)),
        None => (None, None),
    };
    if let Some(body) = request_body(site, types, wrapped, body_windows) {
        op.insert("requestBody".into(), body);
    }
    let envelope = gateway.and_then(|g| {
        site.platform
            .envelopes
            .iter()
            .find(|e| e.const_name == g.envelope)
    });
    let mut business = schema::fields_object(&endpoint.response.fields, Side::Response, types);
    if let Value::Object(object) = &mut business {
        object.insert("description".into(), json!(endpoint.response.doc));
    }
    op.insert(
        "responses".into(),
        envelope::responses(envelope, business, example(&endpoint.response_example)),
    );
    op.insert("security".into(), security::requirement(site));
    op.insert("x-oapi-idempotent".into(), json!(endpoint.idempotent));
    if let Some(paging) = &endpoint.paging {
        op.insert("x-oapi-paging".into(), extensions::paging(paging));
    }
    if let Some(list) = op_windows {
        op.insert("x-oapi-window".into(), list);
    }
    op.insert("x-oapi-gateway".into(), extensions::gateway(site));
    Value::Object(op)
}

/// The endpoint's own text, then what OpenAPI alone would not tell.
fn description(site: &Site<'_>, wrapped: bool) -> String {
    let endpoint = site.endpoint;
    let mut parts = Vec::new();
    if let Some(text) = endpoint.description.as_deref().map(str::trim) {
        if !text.is_empty() {
            parts.push(text.to_owned());
        }
    }
    if wrapped {
        parts.push(
            "The HTTP body is built by the gateway (see the request body schema and \
             `x-oapi-gateway`): the endpoint's fields sit where its `params` value says."
                .to_owned(),
        );
    }
    parts.push(if endpoint.idempotent {
        "Idempotent (`x-oapi-idempotent`): the client may retry it after a failure that \
         may have reached the server."
            .to_owned()
    } else {
        "Not idempotent (`x-oapi-idempotent`): the client retries it only when the request \
         certainly did not reach the server."
            .to_owned()
    });
    parts.join("\n\n")
}

/// A query or header field as a Parameter Object (body fields: `None`).
fn parameter(field: &Field, types: &TypeNames) -> Option<Value> {
    let location = match field.place {
        Place::Query => "query",
        Place::Header => "header",
        Place::Path => "path",
        Place::Body => return None,
    };
    let mut schema = match schema::field(field, types) {
        Value::Object(map) => map,
        _ => Map::new(),
    };
    let mut parameter = Map::new();
    parameter.insert("name".into(), json!(field.wire));
    parameter.insert("in".into(), json!(location));
    parameter.insert("required".into(), json!(field.required));
    if let Some(description) = schema.remove("description") {
        parameter.insert("description".into(), description);
    }
    if let Some(Value::Array(mut examples)) = schema.remove("examples") {
        if !examples.is_empty() {
            parameter.insert("example".into(), examples.swap_remove(0));
        }
    }
    parameter.insert("schema".into(), Value::Object(schema));
    Some(Value::Object(parameter))
}

/// The body: the body fields, or the gateway's body around them.
fn request_body(
    site: &Site<'_>,
    types: &TypeNames,
    wrapped: bool,
    windows: Option<Value>,
) -> Option<Value> {
    let endpoint = site.endpoint;
    let body_fields: Vec<&Field> = endpoint
        .request
        .fields
        .iter()
        .filter(|f| f.place == Place::Body)
        .collect();
    let mut example = example(&endpoint.request_example);
    let params = if body_fields.is_empty() {
        None
    } else {
        let mut schema = schema::fields_object(body_fields, Side::Request, types);
        if let Value::Object(object) = &mut schema {
            object.insert("description".into(), json!(endpoint.request.doc));
            if let Some(list) = windows {
                object.insert("x-oapi-window".into(), list);
            }
            if wrapped {
                if let Some(example) = example.take() {
                    object.insert("examples".into(), json!([example]));
                }
            }
        }
        Some(schema)
    };
    let gateway = site.gateway();
    let schema = match gateway {
        Some(gateway) if wrapped => envelope::request(site.platform, &gateway.request, params)?,
        _ => params?,
    };
    let form = gateway.is_some_and(|g| g.request.format == BodyFormat::Form);
    let media_type = if form {
        "application/x-www-form-urlencoded"
    } else {
        "application/json"
    };
    let mut media = Map::new();
    media.insert("schema".into(), schema);
    if let Some(example) = example {
        media.insert("example".into(), example);
    }
    let mut content = Map::new();
    content.insert(media_type.into(), Value::Object(media));
    Some(json!({
        "required": true,
        "content": content,
    }))
}

/// A documented JSON example, if it parses.
fn example(text: &Option<String>) -> Option<Value> {
    text.as_deref()
        .and_then(|text| serde_json::from_str(text).ok())
}
