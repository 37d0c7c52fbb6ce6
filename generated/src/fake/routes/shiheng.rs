//! 食亨: the employee list behind the signed envelope. The signature is
//! checked independently of the client's signer, by the assumed TOP
//! convention (see `runtime::auth::sign`), over the exact `paramContent`
//! text received.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use md5::{Digest, Md5};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use crate::fake::oapi::page;
use crate::fake::state::Shared;
use crate::fake::{SHIHENG_APP_ID, SHIHENG_APP_SECRET, SHIHENG_EMPLOYEE_PATH};

/// Envelopes older (or newer) than this are refused.
const MAX_SKEW_MS: i64 = 10 * 60 * 1000;

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "appId")]
    app_id: Option<String>,
    sign: Option<String>,
    version: Option<String>,
    timestamp: Option<i64>,
    #[serde(rename = "paramContent", borrow)]
    param_content: Option<&'a RawValue>,
}

/// `{code, msg, traceId, result}`; success carries `msg: null`, as documented.
fn reply(shared: &Shared, code: &str, msg: &str, result: Value) -> Response {
    let msg = if code == "0" { Value::Null } else { json!(msg) };
    Json(json!({"code": code, "msg": msg, "traceId": shared.request_id(), "result": result}))
        .into_response()
}

fn expected_sign(envelope: &Envelope<'_>, timestamp: i64) -> String {
    let timestamp = timestamp.to_string();
    let mut params = vec![
        ("appId", envelope.app_id.as_deref().unwrap_or("")),
        ("timestamp", timestamp.as_str()),
        ("version", envelope.version.as_deref().unwrap_or("")),
    ];
    if let Some(content) = envelope.param_content {
        params.push(("paramContent", content.get()));
    }
    params.sort_by_key(|(name, _)| *name);
    let mut text = String::from(SHIHENG_APP_SECRET);
    for (name, value) in params {
        text.push_str(name);
        text.push_str(value);
    }
    text.push_str(SHIHENG_APP_SECRET);
    Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect()
}

pub(crate) async fn employees(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    shared.record_body(SHIHENG_EMPLOYEE_PATH, &body);
    let Ok(envelope) = serde_json::from_slice::<Envelope<'_>>(&body) else {
        return reply(&shared, "400", "请求体不是合法的JSON", Value::Null);
    };
    if envelope.app_id.as_deref() != Some(SHIHENG_APP_ID) {
        return reply(&shared, "1001", "appId不存在", Value::Null);
    }
    let Some(timestamp) = envelope.timestamp else {
        return reply(&shared, "1003", "timestamp error", Value::Null);
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    if (now - timestamp).abs() > MAX_SKEW_MS {
        return reply(&shared, "1003", "timestamp error", Value::Null);
    }
    if envelope.version.as_deref() != Some("1.0") {
        return reply(&shared, "1004", "version error", Value::Null);
    }
    if envelope.sign.as_deref() != Some(expected_sign(&envelope, timestamp).as_str()) {
        return reply(&shared, "1002", "sign error", Value::Null);
    }
    let params: Value = envelope
        .param_content
        .and_then(|raw| serde_json::from_str(raw.get()).ok())
        .unwrap_or(Value::Null);
    let page_num = params["pageNum"].as_i64().filter(|n| *n >= 1);
    let page_size = params["pageSize"].as_i64().filter(|n| (1..=50).contains(n));
    let (Some(page_num), Some(page_size)) = (page_num, page_size) else {
        return reply(
            &shared,
            "400",
            "参数错误: pageNum >= 1, pageSize 1~50",
            Value::Null,
        );
    };
    let all = &shared.seed.shiheng_employees;
    let size = usize::try_from(page_size).unwrap_or(1);
    let offset = usize::try_from(page_num - 1)
        .unwrap_or(0)
        .saturating_mul(size);
    let (items, _) = page(all, offset, size);
    reply(
        &shared,
        "0",
        "",
        json!({"pages": all.len().div_ceil(size), "total": all.len(), "result": items}),
    )
}
