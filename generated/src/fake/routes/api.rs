//! api.dingtalk.com v1.0: `GET /v1.0/hrm/employees/dismissions`, token in
//! the `x-acs-dingtalk-access-token` header, errors as HTTP status + JSON.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::fake::oapi::page;
use crate::fake::state::Shared;

fn error(shared: &Shared, status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"code": code, "message": message, "requestid": shared.request_id()})),
    )
        .into_response()
}

pub(crate) async fn dismissions(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let token = headers
        .get("x-acs-dingtalk-access-token")
        .and_then(|v| v.to_str().ok());
    if !token.is_some_and(|t| shared.token_valid(t)) {
        return error(
            &shared,
            StatusCode::BAD_REQUEST,
            "InvalidAuthentication",
            "不合法的access_token",
        );
    }
    let parse = |name: &str| query.get(name).map(|v| v.parse::<usize>());
    let start = match parse("nextToken") {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => {
            return error(
                &shared,
                StatusCode::BAD_REQUEST,
                "InvalidParameter",
                "nextToken",
            );
        }
    };
    let size = match parse("maxResults") {
        None => 30,
        Some(Ok(n)) if (1..=50).contains(&n) => n,
        Some(_) => {
            return error(
                &shared,
                StatusCode::BAD_REQUEST,
                "InvalidParameter.MaxResults",
                "maxResults must be within 1..=50",
            );
        }
    };
    let (ids, next) = page(&shared.seed.dismissed, start, size);
    let mut body = json!({"userIdList": ids, "hasMore": next.is_some()});
    if let Some(next) = next {
        body["nextToken"] = json!(next);
    }
    Json(body).into_response()
}
