//! 考勤: attendance/group/positions/query, paged by the last `position_key`.

use std::sync::Arc;

use axum::Router;
use serde_json::{Map, Value, json};

use crate::fake::oapi::{Reject, index, opt_int, opt_text, result, route, text};
use crate::fake::seed::GROUP_KEY;
use crate::fake::state::Shared;

const PATH: &str = "/topapi/attendance/group/positions/query";

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new().route(PATH, route(PATH, positions))
}

fn positions(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    let group = text(body, "group_key")?;
    if group != GROUP_KEY {
        return Err(Reject::param(format!("group_key {group} does not exist")));
    }
    opt_text(body, "op_userid")?;
    let size = index(opt_int(body, "size", 1, 100)?.unwrap_or(10));
    let all = &shared.seed.positions;
    let start = match opt_text(body, "cursor")? {
        None | Some("") => 0,
        Some(cursor) => {
            all.iter()
                .position(|p| p["position_key"].as_str() == Some(cursor))
                .ok_or_else(|| Reject::param(format!("cursor {cursor} is not a position_key")))?
                + 1
        }
    };
    let end = (start + size).min(all.len());
    Ok(result(json!({
        "position_list": all[start..end],
        "has_more": end < all.len(),
    })))
}
