//! Answers in a platform's own envelope, as its spec declares it: success
//! with the business part where `data` says, errors with the code, message
//! and request id where the envelope puts them.

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;
use oapi_codegen::ir::{Envelope, Success};
use serde_json::{Map, Value, json};

/// An HTTP answer.
pub(crate) type Answer = Response<Full<Bytes>>;

/// Why a request is refused, in words any envelope can carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A parameter breaks the spec (the message names it).
    Invalid(String),
    /// The credentials of a token request are wrong.
    Credentials,
    /// The token is missing, unknown or expired.
    Token,
    /// The signature does not match.
    Signature,
    /// A store record does not exist.
    NotFound(String),
}

impl Refusal {
    /// The HTTP status, the code (for code envelopes / HTTP envelopes) and the message.
    fn parts(
        &self,
        envelope: &Envelope,
        rejection: &crate::TokenRejection,
    ) -> (u16, String, Option<String>, String) {
        match self {
            Refusal::Invalid(message) => {
                let code = declared(&envelope.invalid_codes)
                    .unwrap_or_else(|| code(envelope, "400", "InvalidParameter"));
                (400, code, None, message.clone())
            }
            Refusal::Credentials => {
                let code = declared(&envelope.denied_codes)
                    .unwrap_or_else(|| code(envelope, "401", "InvalidCredentials"));
                (401, code, None, "invalid credentials".into())
            }
            Refusal::Signature => {
                let code = declared(&envelope.denied_codes)
                    .unwrap_or_else(|| code(envelope, "401", "InvalidSignature"));
                (401, code, None, "signature mismatch".into())
            }
            // An unknown id is a bad parameter to the platforms.
            Refusal::NotFound(what) => {
                let code = declared(&envelope.invalid_codes)
                    .unwrap_or_else(|| code(envelope, "404", "NotFound"));
                (404, code, None, format!("{what} does not exist"))
            }
            Refusal::Token => {
                let first = envelope.token_codes.first().map(|c| concrete(c));
                let first = first.unwrap_or_else(|| code(envelope, "401", "InvalidToken"));
                // A chosen code applies where the envelope could carry it.
                let (code, sub) = match rejection {
                    crate::TokenRejection::Code(code) if envelope.token_codes.contains(code) => {
                        (code.clone(), None)
                    }
                    crate::TokenRejection::Wrapped(code, sub) if !envelope.sub_code.is_empty() => {
                        (code.clone(), Some(sub.clone()))
                    }
                    _ => (first, None),
                };
                (401, code, sub, "invalid or expired access token".into())
            }
        }
    }
}

/// The first code the envelope declares for this kind of refusal.
fn declared(codes: &[String]) -> Option<String> {
    codes.first().map(|c| concrete(c))
}

/// A listed code as the platform would send it (`invalidParameter*`: `invalidParameter`).
pub(crate) fn concrete(listed: &str) -> String {
    listed.strip_suffix('*').unwrap_or(listed).to_owned()
}

/// The code of a refusal the envelope declares none for: a number for code envelopes (typed as their
/// success values are), a name for HTTP-status ones.
fn code(envelope: &Envelope, numeric: &str, text: &str) -> String {
    if envelope.success == Success::Http {
        text.to_owned()
    } else {
        numeric.to_owned()
    }
}

/// `value` at the dotted `path` of `root` (objects made on the way).
pub(crate) fn put(root: &mut Value, path: &str, value: Value) {
    if path.is_empty() {
        if let (Value::Object(target), Value::Object(fields)) = (&mut *root, value) {
            target.extend(fields);
        }
        return;
    }
    let mut current = root;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if !current.is_object() {
            *current = Value::Object(Map::new());
        }
        let Value::Object(object) = current else {
            return;
        };
        if parts.peek().is_none() {
            object.insert(part.to_owned(), value);
            return;
        }
        current = object.entry(part.to_owned()).or_insert_with(|| json!({}));
    }
}

/// A code as the envelope types it: a number unless its success values are text.
fn typed_code(envelope: &Envelope, code: &str) -> Value {
    match code.parse::<i64>() {
        Ok(n) if !envelope.code_is_text => json!(n),
        _ => json!(code),
    }
}

/// A success: `business` where the envelope's data is.
pub(crate) fn success(envelope: &Envelope, business: Value, request_id: &str) -> Answer {
    json_answer(200, &success_body(envelope, business, request_id))
}

/// The body of a success.
pub(crate) fn success_body(envelope: &Envelope, business: Value, request_id: &str) -> Value {
    if envelope.success == Success::Http {
        return business;
    }
    let mut body = json!({});
    // The business part first: where it is the whole body, the envelope's
    // own fields (a documented example's request id…) are then replaced.
    put(&mut body, &envelope.data, business);
    if let Some(ok) = envelope.ok.first() {
        put(&mut body, &envelope.code, typed_code(envelope, ok));
    }
    if !envelope.message.is_empty() {
        put(&mut body, &envelope.message, json!("ok"));
    }
    if !envelope.request_id.is_empty() {
        put(&mut body, &envelope.request_id, json!(request_id));
    }
    body
}

/// An error in the envelope, with its code, message, sub-code and request id.
pub(crate) fn error(
    envelope: &Envelope,
    status: u16,
    code: &str,
    sub_code: Option<&str>,
    message: &str,
    request_id: &str,
) -> Answer {
    let mut body = json!({});
    put(&mut body, &envelope.code, typed_code(envelope, code));
    if !envelope.message.is_empty() {
        put(&mut body, &envelope.message, json!(message));
    }
    if let (false, Some(sub)) = (envelope.sub_code.is_empty(), sub_code) {
        put(&mut body, &envelope.sub_code, json!(sub));
        if !envelope.sub_message.is_empty() {
            put(&mut body, &envelope.sub_message, json!(message));
        }
    }
    if !envelope.request_id.is_empty() {
        put(&mut body, &envelope.request_id, json!(request_id));
    }
    let status = if envelope.success == Success::Http {
        status
    } else {
        200
    };
    json_answer(status, &body)
}

/// A refusal in the envelope.
pub(crate) fn refusal(
    envelope: &Envelope,
    refusal: &Refusal,
    rejection: &crate::TokenRejection,
    request_id: &str,
) -> Answer {
    let (status, code, sub, message) = refusal.parts(envelope, rejection);
    error(
        envelope,
        status,
        &code,
        sub.as_deref(),
        &message,
        request_id,
    )
}

pub(crate) fn json_answer(status: u16, body: &Value) -> Answer {
    bytes_answer(status, "application/json", Bytes::from(body.to_string()))
}

pub(crate) fn bytes_answer(status: u16, content_type: &'static str, body: Bytes) -> Answer {
    let mut answer = Response::new(Full::new(body));
    *answer.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::OK);
    if let Ok(value) = hyper::header::HeaderValue::from_str(content_type) {
        answer
            .headers_mut()
            .insert(hyper::header::CONTENT_TYPE, value);
    }
    answer
}
