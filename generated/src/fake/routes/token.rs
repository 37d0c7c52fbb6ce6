//! `GET /gettoken?appkey=&appsecret=`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::fake::state::Shared;
use crate::fake::{DINGTALK_APP_KEY, DINGTALK_APP_SECRET, TOKEN_TTL_SECS};

pub(crate) async fn gettoken(
    State(shared): State<Arc<Shared>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let key_ok = query.get("appkey").map(String::as_str) == Some(DINGTALK_APP_KEY);
    let secret_ok = query.get("appsecret").map(String::as_str) == Some(DINGTALK_APP_SECRET);
    if !(key_ok && secret_ok) {
        return Json(json!({
            "errcode": 40089,
            "errmsg": "不合法的appkey或appsecret",
            "request_id": shared.request_id(),
        }))
        .into_response();
    }
    Json(json!({
        "errcode": 0,
        "errmsg": "ok",
        "access_token": shared.issue_token(),
        "expires_in": TOKEN_TTL_SECS,
    }))
    .into_response()
}
