//! 智能人事 (OAPI): querypreentry, queryonjob; 签到: checkin/record/get.

use std::sync::Arc;

use axum::Router;
use serde_json::{Map, Value, json};

use crate::fake::oapi::{Reject, index, int, page, result, route, text};
use crate::fake::seed::checkins;
use crate::fake::state::Shared;

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/topapi/smartwork/hrm/employee/querypreentry",
            route(
                "/topapi/smartwork/hrm/employee/querypreentry",
                querypreentry,
            ),
        )
        .route(
            "/topapi/smartwork/hrm/employee/queryonjob",
            route("/topapi/smartwork/hrm/employee/queryonjob", queryonjob),
        )
        .route(
            "/topapi/checkin/record/get",
            route("/topapi/checkin/record/get", checkin_records),
        )
}

/// `{data_list, next_cursor}`, `next_cursor` absent at the end.
fn offset_ids(ids: &[String], body: &Value) -> Result<Map<String, Value>, Reject> {
    let offset = index(int(body, "offset", 0, i64::MAX)?);
    let size = index(int(body, "size", 1, 50)?);
    let (data, next) = page(ids, offset, size);
    let mut value = json!({"data_list": data});
    if let Some(next) = next {
        value["next_cursor"] = json!(next);
    }
    Ok(result(value))
}

fn querypreentry(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    offset_ids(&shared.seed.preentry, body)
}

fn queryonjob(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    // Documented as a String: "2,3,5,-1".
    let statuses: Vec<i64> = text(body, "status_list")?
        .split(',')
        .map(|s| s.trim().parse::<i64>())
        .collect::<Result<_, _>>()
        .map_err(|_| Reject::param("status_list must be comma-separated integers"))?;
    let ids: Vec<String> = shared
        .seed
        .onjob
        .iter()
        .filter(|(_, status)| statuses.contains(status))
        .map(|(id, _)| id.clone())
        .collect();
    offset_ids(&ids, body)
}

fn checkin_records(_shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    // Documented as a String: comma-separated userids, at most 10.
    let users: Vec<&str> = text(body, "userid_list")?
        .split(',')
        .map(str::trim)
        .collect();
    if users.len() > 10 {
        return Err(Reject::param(format!(
            "userid_list holds {} users, at most 10",
            users.len()
        )));
    }
    let start = int(body, "start_time", 0, i64::MAX)?;
    let end = int(body, "end_time", start, i64::MAX)?;
    let cursor = index(int(body, "cursor", 0, i64::MAX)?);
    let size = index(int(body, "size", 1, 100)?);
    let mut records: Vec<Value> = users
        .iter()
        .flat_map(|u| checkins(u))
        .filter(|r| (start..=end).contains(&r["checkin_time"].as_i64().unwrap_or(0)))
        .collect();
    records.sort_by_key(|r| r["checkin_time"].as_i64());
    let (list, next) = page(&records, cursor, size);
    let mut value = json!({"page_list": list});
    if let Some(next) = next {
        value["next_cursor"] = json!(next);
    }
    Ok(result(value))
}
