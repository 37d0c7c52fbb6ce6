//! 日志: create, template/getbyname, list, simplelist, statistics/listbytype,
//! receiver/list, comment/list, getunreadcount, template/listbyuserid.

use std::sync::Arc;

use axum::Router;
use serde_json::{Map, Value, json};

use crate::fake::oapi::{Reject, index, int, object, opt_int, opt_text, page, result, route, text};
use crate::fake::seed::counts;
use crate::fake::state::Shared;

const DAY_MS: i64 = 86_400_000;

pub(crate) fn routes() -> Router<Arc<Shared>> {
    let mut router = Router::new();
    let table: [(&'static str, crate::fake::oapi::Handler); 9] = [
        ("/topapi/report/create", create),
        ("/topapi/report/template/getbyname", template_getbyname),
        ("/topapi/report/list", list),
        ("/topapi/report/simplelist", simplelist),
        (
            "/topapi/report/statistics/listbytype",
            statistics_listbytype,
        ),
        ("/topapi/report/receiver/list", receiver_list),
        ("/topapi/report/comment/list", comment_list),
        ("/topapi/report/getunreadcount", getunreadcount),
        (
            "/topapi/report/template/listbyuserid",
            template_listbyuserid,
        ),
    ];
    for (path, handler) in table {
        router = router.route(path, route(path, handler));
    }
    router
}

fn create(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    let param = object(body, "create_report_param")?;
    let contents = match param.get("contents") {
        Some(Value::Array(items)) if !items.is_empty() => items.clone(),
        _ => return Err(Reject::param("contents must be a non-empty list")),
    };
    let template_id = text(param, "template_id")?;
    text(param, "dd_from")?;
    let userid = text(param, "userid")?;
    if !param.get("to_chat").is_some_and(Value::is_boolean) {
        return Err(Reject::param("missing to_chat"));
    }
    let id = shared.with(|d| {
        let id = format!("created{:04}", d.created_reports.len() + 1);
        let time = crate::fake::seed::BASE_TIME_MS
            + (counts::REPORTS + d.created_reports.len()) as i64 * 3_600_000;
        d.created_reports.push(json!({
            "contents": contents.iter().map(|c| json!({
                "sort": c.get("sort").map(|s| s.to_string()),
                "type": c.get("type").map(|s| s.to_string()),
                "key": c.get("key"),
                "value": c.get("content"),
            })).collect::<Vec<_>>(),
            "remark": "",
            "template_name": template_id,
            "dept_name": "研发部",
            "creator_name": format!("员工{userid}"),
            "creator_id": userid,
            "create_time": time,
            "report_id": id,
            "modified_time": time,
        }));
        id
    });
    Ok(result(json!(id)))
}

fn template_getbyname(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    let userid = text(body, "userid")?;
    let name = text(body, "template_name")?;
    let position = shared
        .seed
        .templates
        .iter()
        .position(|t| t["name"].as_str() == Some(name))
        .ok_or_else(|| Reject::param(format!("template {name} does not exist")))?;
    Ok(result(json!({
        "default_receivers": [{"user_name": "用户1", "userid": "111"}],
        "name": name,
        "id": format!("template{position:03}"),
        "fields": [
            {"field_name": "今日工作", "type": 1, "sort": 0},
            {"field_name": "明日计划", "type": 1, "sort": 1},
        ],
        "user_name": format!("员工{userid}"),
        "userid": userid,
        "default_received_convs": [{"conversation_id": "1223445", "title": "研发群"}],
    })))
}

/// Reports matching the filters of list/simplelist, by creation time.
fn matching(shared: &Shared, body: &Value) -> Result<Vec<Value>, Reject> {
    let start = int(body, "start_time", 0, i64::MAX)?;
    let end = int(body, "end_time", 0, i64::MAX)?;
    if end < start || end - start > 180 * DAY_MS {
        return Err(Reject::param(
            "start_time and end_time must be at most 180 days apart",
        ));
    }
    let userid = opt_text(body, "userid")?;
    let template = opt_text(body, "template_name")?;
    let created = shared.with(|d| d.created_reports.clone());
    Ok(shared
        .seed
        .reports
        .iter()
        .chain(created.iter())
        .filter(|r| {
            let time = r["create_time"].as_i64().unwrap_or(0);
            (start..=end).contains(&time)
                && userid.is_none_or(|u| r["creator_id"].as_str() == Some(u))
                && template.is_none_or(|t| r["template_name"].as_str() == Some(t))
        })
        .cloned()
        .collect())
}

/// cursor/size paging: `next_cursor` absent and `has_more` false at the end.
fn cursor_page(items: &[Value], body: &Value, max: i64) -> Result<Value, Reject> {
    let cursor = index(int(body, "cursor", 0, i64::MAX)?);
    let size = int(body, "size", 1, max)?;
    let (data, next) = page(items, cursor, index(size));
    let mut result = json!({"data_list": data, "size": size, "has_more": next.is_some()});
    if let Some(next) = next {
        result["next_cursor"] = json!(next);
    }
    Ok(result)
}

fn list(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    let reports = matching(shared, body)?;
    Ok(result(cursor_page(&reports, body, 20)?))
}

fn simplelist(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    let reports: Vec<Value> = matching(shared, body)?
        .into_iter()
        .map(|mut r| {
            if let Some(map) = r.as_object_mut() {
                map.remove("contents");
                map.remove("modified_time");
            }
            r
        })
        .collect();
    Ok(result(cursor_page(&reports, body, 20)?))
}

fn known_report(shared: &Shared, body: &Value) -> Result<(), Reject> {
    let id = text(body, "report_id")?;
    let seeded = shared
        .seed
        .reports
        .iter()
        .any(|r| r["report_id"].as_str() == Some(id));
    let created = shared.with(|d| {
        d.created_reports
            .iter()
            .any(|r| r["report_id"].as_str() == Some(id))
    });
    if seeded || created {
        Ok(())
    } else {
        Err(Reject::param(format!("report_id {id} does not exist")))
    }
}

/// offset/size paging: `next_cursor` absent and `has_more` false at the end.
fn offset_page(items: &[Value], body: &Value, max: i64, list: &str) -> Result<Value, Reject> {
    let offset = index(opt_int(body, "offset", 0, i64::MAX)?.unwrap_or(0));
    let size = index(opt_int(body, "size", 1, max)?.unwrap_or(max));
    let (data, next) = page(items, offset, size);
    let mut result = json!({list: data, "has_more": next.is_some()});
    if let Some(next) = next {
        result["next_cursor"] = json!(next);
    }
    Ok(result)
}

fn statistics_listbytype(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    known_report(shared, body)?;
    let count = match int(body, "type", 0, 2)? {
        0 => counts::READERS,
        1 => counts::COMMENTS,
        _ => 10,
    };
    let users: Vec<Value> = (1..=count).map(|i| json!(format!("user{i:04}"))).collect();
    Ok(result(offset_page(&users, body, 100, "userid_list")?))
}

fn receiver_list(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    known_report(shared, body)?;
    let users: Vec<Value> = (1..=counts::RECEIVERS)
        .map(|i| json!(format!("receiver{i:04}")))
        .collect();
    Ok(result(offset_page(&users, body, 100, "userid_list")?))
}

fn comment_list(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    known_report(shared, body)?;
    let comments: Vec<Value> = (1..=counts::COMMENTS)
        .map(|i| {
            json!({
                "create_time": format!("2020-09-08 00:{:02}:37", i % 60),
                "content": format!("不错 {i}"),
                "userid": format!("user{i:04}"),
            })
        })
        .collect();
    Ok(result(offset_page(&comments, body, 20, "comments")?))
}

fn getunreadcount(_shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    let userid = text(body, "userid")?;
    let mut fields = Map::new();
    fields.insert("count".into(), json!(userid.len() % 10));
    Ok(fields)
}

fn template_listbyuserid(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    opt_text(body, "userid")?;
    let offset = index(opt_int(body, "offset", 0, i64::MAX)?.unwrap_or(0));
    let size = index(opt_int(body, "size", 1, 100)?.unwrap_or(100));
    let (templates, next) = page(&shared.seed.templates, offset, size);
    let mut value = json!({"template_list": templates});
    if let Some(next) = next {
        value["next_cursor"] = json!(next);
    }
    Ok(result(value))
}
