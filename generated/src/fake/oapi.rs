//! What every DingTalk OAPI endpoint does before and after its own logic:
//! check `?access_token=`, parse the JSON body, wrap the answer in
//! `{errcode, errmsg, …, request_id}`, and turn rejections into errcodes.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, post};
use serde_json::{Map, Value, json};

use super::faults::errmsg;
use super::state::{Shared, TokenRejection};

/// A refusal: errcode and message.
#[derive(Debug)]
pub(crate) struct Reject(pub(crate) i64, pub(crate) String);

impl Reject {
    /// errcode 40035 不合法的参数, naming the field.
    pub(crate) fn param(detail: impl std::fmt::Display) -> Self {
        Reject(40035, format!("{}: {detail}", errmsg(40035)))
    }
}

/// An endpoint's own logic: body in, business fields out.
pub(crate) type Handler = fn(&Shared, &Value) -> Result<Map<String, Value>, Reject>;

/// A POST route running `handler` behind the OAPI checks.
pub(crate) fn route(path: &'static str, handler: Handler) -> MethodRouter<Arc<Shared>> {
    post(
        move |State(shared): State<Arc<Shared>>,
              Query(query): Query<HashMap<String, String>>,
              body: Bytes| async move {
            shared.record_body(path, &body);
            if let Err(reject) = check_token(&shared, &query) {
                return errcode(&shared, reject);
            }
            let parsed: Value = match serde_json::from_slice(&body) {
                Ok(value @ Value::Object(_)) => value,
                _ => return errcode(&shared, Reject::param("the body is not a JSON object")),
            };
            match handler(&shared, &parsed) {
                Ok(fields) => success(&shared, fields),
                Err(reject) => errcode(&shared, reject),
            }
        },
    )
}

/// Checks `?access_token=` against the issued tokens.
pub(crate) fn check_token(shared: &Shared, query: &HashMap<String, String>) -> Result<(), Reject> {
    match query.get("access_token") {
        Some(token) if shared.token_valid(token) => Ok(()),
        Some(_) => Err(match shared.with(|d| d.rejection) {
            TokenRejection::InvalidToken => Reject(40014, errmsg(40014).into()),
            TokenRejection::Expired => Reject(42001, errmsg(42001).into()),
            TokenRejection::Wrapped => Reject(88, "ding talk error[subcode=40014]".into()),
        }),
        None => Err(Reject(40014, errmsg(40014).into())),
    }
}

pub(crate) fn success(shared: &Shared, fields: Map<String, Value>) -> Response {
    let mut body = Map::new();
    body.insert("errcode".into(), json!(0));
    body.insert("errmsg".into(), json!("ok"));
    body.extend(fields);
    body.insert("success".into(), json!(true));
    body.insert("request_id".into(), json!(shared.request_id()));
    Json(Value::Object(body)).into_response()
}

pub(crate) fn errcode(shared: &Shared, Reject(code, message): Reject) -> Response {
    let mut body = json!({
        "errcode": code,
        "errmsg": message,
        "success": false,
        "request_id": shared.request_id(),
    });
    if code == 88 {
        body["sub_code"] = json!("40014");
        body["sub_msg"] = json!(errmsg(40014));
    }
    Json(body).into_response()
}

/// `{"result": value}`.
pub(crate) fn result(value: Value) -> Map<String, Value> {
    let mut map = Map::new();
    map.insert("result".into(), value);
    map
}

/// Required text field.
pub(crate) fn text<'a>(v: &'a Value, name: &str) -> Result<&'a str, Reject> {
    match v.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(_) => Err(Reject::param(format!("{name} must be a non-empty string"))),
        None => Err(Reject::param(format!("missing {name}"))),
    }
}

/// Optional text field.
pub(crate) fn opt_text<'a>(v: &'a Value, name: &str) -> Result<Option<&'a str>, Reject> {
    match v.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(Reject::param(format!("{name} must be a string"))),
    }
}

/// Optional integer field within `min..=max`.
pub(crate) fn opt_int(v: &Value, name: &str, min: i64, max: i64) -> Result<Option<i64>, Reject> {
    match v.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => match value.as_i64() {
            Some(n) if (min..=max).contains(&n) => Ok(Some(n)),
            Some(n) => Err(Reject::param(format!(
                "{name}={n} is outside {min}..={max}"
            ))),
            None => Err(Reject::param(format!("{name} must be an integer"))),
        },
    }
}

/// Required integer field within `min..=max`.
pub(crate) fn int(v: &Value, name: &str, min: i64, max: i64) -> Result<i64, Reject> {
    opt_int(v, name, min, max)?.ok_or_else(|| Reject::param(format!("missing {name}")))
}

/// Required object field.
pub(crate) fn object<'a>(v: &'a Value, name: &str) -> Result<&'a Value, Reject> {
    match v.get(name) {
        Some(value @ Value::Object(_)) => Ok(value),
        _ => Err(Reject::param(format!("missing object {name}"))),
    }
}

/// One page of `items` from `offset`; the next offset, absent at the end.
pub(crate) fn page<T: Clone>(items: &[T], offset: usize, size: usize) -> (Vec<T>, Option<usize>) {
    let start = offset.min(items.len());
    let end = start.saturating_add(size).min(items.len());
    let next = (end < items.len()).then_some(end);
    (items[start..end].to_vec(), next)
}

/// Usize from a checked non-negative i64.
pub(crate) fn index(n: i64) -> usize {
    usize::try_from(n).unwrap_or(0)
}
