//! Faults injected on demand, for the next N requests of one path or of all.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::server::KillSwitch;
use super::state::Shared;

/// What goes wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Wait this long, then answer normally.
    Latency(Duration),
    /// Answer this HTTP status with a plain-text body (e.g. 502, 503).
    Status(u16),
    /// DingTalk OAPI answer `{"errcode": N, "errmsg": …}` (HTTP 200) with the
    /// documented message: 90018, 90006, 90005, 90019, -1 (throttling),
    /// 90002 (endpoint banned), 90020 (monthly quota used up)…
    ErrCode(i64),
    /// errcode 88 with this `sub_code` (DingTalk's wrapper for the real reason).
    Wrapped(i64),
    /// api.dingtalk.com throttling: HTTP 403 `Forbidden.AccessDenied.QpsLimitForApi`.
    Throttle403,
    /// A 食亨 error answer `{"code": C, "msg": …}`.
    ShihengCode(&'static str),
    /// HTTP 200 with a body that is not JSON.
    MalformedJson,
    /// The real answer, cut in half.
    TruncatedJson,
    /// DingTalk's per-IP ban: an HTML page instead of JSON.
    HtmlBan,
    /// Close the connection without answering (after reading the request).
    DropConnection,
    /// Answer normally, but with `result.next_cursor` set to the `offset` or
    /// `cursor` the request sent, as a buggy platform page would: a client
    /// following cursors must stop with an error, not loop.
    RepeatCursor,
}

/// One injected fault and how many more requests it hits.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// `None`: every path.
    pub(crate) path: Option<String>,
    pub(crate) fault: Fault,
    pub(crate) remaining: u32,
}

/// The documented message of a DingTalk errcode.
pub(crate) fn errmsg(code: i64) -> &'static str {
    match code {
        90018 => "当前企业所调用的该接口的QPS超过限制：每个应用每秒最多调用40次",
        90006 => "当前企业所调用的该接口的QPM超过限制：每分钟最多调用1500次",
        90005 => "当前企业调用该接口的次数超过限制：每分钟最多调用1500次",
        90019 => "当前请求被限流，请稍后重试",
        -1 => "系统繁忙",
        90002 => "该接口已被禁止调用",
        90020 => "当前应用该接口的月调用量已用完",
        40014 => "不合法的access_token",
        42001 => "access_token超时",
        40001 => "获取access_token时AppSecret错误，或者access_token无效",
        40035 => "不合法的参数",
        88 => "ding talk error",
        _ => "error",
    }
}

/// Counts the request, then applies the first matching fault, if any.
pub(crate) async fn apply(
    State(shared): State<std::sync::Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    shared.count(&path);
    let Some(fault) = shared.take_fault(&path) else {
        return next.run(request).await;
    };
    match fault {
        Fault::Latency(delay) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        Fault::Status(code) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, format!("fake platform: injected HTTP {code}")).into_response()
        }
        Fault::ErrCode(code) => axum::Json(json!({
            "errcode": code,
            "errmsg": errmsg(code),
            "request_id": shared.request_id(),
        }))
        .into_response(),
        Fault::Wrapped(sub_code) => axum::Json(json!({
            "errcode": 88,
            "errmsg": format!("ding talk error[subcode={sub_code},submsg={}]", errmsg(sub_code)),
            "sub_code": sub_code.to_string(),
            "sub_msg": errmsg(sub_code),
            "request_id": shared.request_id(),
        }))
        .into_response(),
        Fault::Throttle403 => (
            StatusCode::FORBIDDEN,
            axum::Json(json!({
                "code": "Forbidden.AccessDenied.QpsLimitForApi",
                "message": "the QPS of this API exceeds the limit",
                "requestid": shared.request_id(),
            })),
        )
            .into_response(),
        Fault::ShihengCode(code) => axum::Json(json!({
            "code": code,
            "msg": "injected error",
            "traceId": shared.request_id(),
            "result": null,
        }))
        .into_response(),
        Fault::MalformedJson => (
            [(header::CONTENT_TYPE, "application/json")],
            "{\"errcode\":0,\"result\":{oops",
        )
            .into_response(),
        Fault::TruncatedJson => {
            let answer = next.run(request).await;
            let (mut parts, body) = answer.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let cut = bytes.slice(..bytes.len() / 2);
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(cut))
        }
        Fault::HtmlBan => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/html;charset=UTF-8")],
            "<!DOCTYPE html><html><head><title>访问受限</title></head>\
             <body><h1>您的IP访问过于频繁，已被限制访问</h1></body></html>",
        )
            .into_response(),
        Fault::RepeatCursor => {
            let (parts, body) = request.into_parts();
            let sent = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let sent_json: serde_json::Value = serde_json::from_slice(&sent).unwrap_or_default();
            let cursor = sent_json
                .get("offset")
                .or_else(|| sent_json.get("cursor"))
                .cloned();
            let answer = next.run(Request::from_parts(parts, Body::from(sent))).await;
            let (mut parts, body) = answer.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let mut value: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
            if let (Some(result), Some(cursor)) = (
                value.get_mut("result").and_then(|r| r.as_object_mut()),
                cursor,
            ) {
                result.insert("next_cursor".into(), cursor);
            }
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::from(value.to_string()))
        }
        Fault::DropConnection => {
            if let Some(kill) = request.extensions().get::<KillSwitch>() {
                kill.fire();
            }
            // The connection is being dropped; never answer.
            std::future::pending::<Response>().await
        }
    }
}
