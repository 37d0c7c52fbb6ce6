//! 公告: create, update, delete, get, listids, category/list, listtopten,
//! backed by the blackboards the client creates.

use std::sync::Arc;

use axum::Router;
use serde_json::{Map, Value, json};

use crate::fake::oapi::{Reject, index, int, object, opt_int, opt_text, page, result, route, text};
use crate::fake::state::Shared;

pub(crate) fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/topapi/blackboard/create",
            route("/topapi/blackboard/create", create),
        )
        .route(
            "/topapi/blackboard/update",
            route("/topapi/blackboard/update", update),
        )
        .route(
            "/topapi/blackboard/delete",
            route("/topapi/blackboard/delete", delete),
        )
        .route(
            "/topapi/blackboard/get",
            route("/topapi/blackboard/get", get),
        )
        .route(
            "/topapi/blackboard/listids",
            route("/topapi/blackboard/listids", listids),
        )
        .route(
            "/topapi/blackboard/category/list",
            route("/topapi/blackboard/category/list", categories),
        )
        .route(
            "/topapi/blackboard/listtopten",
            route("/topapi/blackboard/listtopten", listtopten),
        )
}

fn list_len(v: &Value, name: &str, max: usize) -> Result<usize, Reject> {
    match v.get(name) {
        None | Some(Value::Null) => Ok(0),
        Some(Value::Array(items)) if items.len() <= max => Ok(items.len()),
        Some(Value::Array(items)) => Err(Reject::param(format!(
            "{name} holds {} items, at most {max}",
            items.len()
        ))),
        Some(_) => Err(Reject::param(format!("{name} must be a list"))),
    }
}

fn timestamp(n: u64) -> String {
    format!("2024-01-{:02} 09:{:02}:00", 1 + n / 60 % 28, n % 60)
}

fn create(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    let request = object(body, "create_request")?;
    text(request, "operation_userid")?;
    let title = text(request, "title")?;
    let content = text(request, "content")?;
    let receiver = object(request, "blackboard_receiver")?;
    list_len(receiver, "deptid_list", 20)?;
    list_len(receiver, "userid_list", 1000)?;
    let private_level = opt_int(request, "private_level", 0, 20)?.unwrap_or(0);
    let users: Vec<Value> = receiver
        .get("userid_list")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let depts: Vec<Value> = receiver
        .get("deptid_list")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    shared.with(|d| {
        d.next_blackboard += 1;
        let n = d.next_blackboard;
        let id = format!("bb{n:06}");
        let record = json!({
            "id": id,
            "author": request.get("author").cloned().unwrap_or(Value::Null),
            "title": title,
            "content": content,
            "category_id": request.get("category_id").cloned().unwrap_or(Value::Null),
            "private_level": private_level,
            "username_list": users,
            "depname_list": depts.iter().map(|d| format!("部门{d}")).collect::<Vec<_>>(),
            "user_list": users.iter().map(|u| json!({"staff_id": u, "name": format!("员工{}", u.as_str().unwrap_or(""))})).collect::<Vec<_>>(),
            "deptList": depts.iter().map(|d| json!({"dept_id": format!("dept{d}"), "name": format!("部门{d}")})).collect::<Vec<_>>(),
            "gmt_create": timestamp(n),
            "gmt_modified": timestamp(n),
            "read_count": 0,
            "unread_count": users.len(),
            "coverpic_url": request.get("coverpic_mediaid").map(|_| "https://gw.alicdn.com/tfs/fake-cover.png"),
        });
        d.blackboards.insert(id, record);
    });
    Ok(result(json!(true)))
}

fn update(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    let request = object(body, "update_request")?;
    text(request, "operation_userid")?;
    let id = text(request, "blackboard_id")?;
    let title = text(request, "title")?;
    let content = text(request, "content")?;
    let author = opt_text(request, "author")?;
    let category = opt_text(request, "category_id")?;
    shared.with(|d| {
        let stamp = timestamp(d.next_blackboard + 1);
        let record = d
            .blackboards
            .get_mut(id)
            .ok_or_else(|| Reject::param(format!("blackboard_id {id} does not exist")))?;
        record["title"] = json!(title);
        record["content"] = json!(content);
        record["gmt_modified"] = json!(stamp);
        if let Some(author) = author {
            record["author"] = json!(author);
        }
        if let Some(category) = category {
            record["category_id"] = json!(category);
        }
        Ok(result(json!(true)))
    })
}

fn delete(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    text(body, "operation_userid")?;
    let id = text(body, "blackboard_id")?;
    shared.with(|d| match d.blackboards.remove(id) {
        Some(_) => Ok(result(json!(true))),
        None => Err(Reject::param(format!("blackboard_id {id} does not exist"))),
    })
}

fn get(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    text(body, "operation_userid")?;
    let id = text(body, "blackboard_id")?;
    shared.with(|d| match d.blackboards.get(id) {
        Some(record) => Ok(result(record.clone())),
        None => Err(Reject::param(format!("blackboard_id {id} does not exist"))),
    })
}

fn listids(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    let query = object(body, "query_request")?;
    text(query, "operation_userid")?;
    let page_no = index(int(query, "page", 1, i64::MAX)?);
    let size = index(int(query, "page_size", 1, 30)?);
    let category = opt_text(query, "category_id")?;
    let ids: Vec<String> = shared.with(|d| {
        d.blackboards
            .values()
            .filter(|b| category.is_none_or(|c| b["category_id"].as_str() == Some(c)))
            .filter_map(|b| b["id"].as_str().map(str::to_owned))
            .collect()
    });
    let (items, _) = page(&ids, (page_no - 1).saturating_mul(size), size);
    Ok(result(json!(items)))
}

fn categories(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    text(body, "operation_userid")?;
    Ok(result(json!(shared.seed.categories)))
}

fn listtopten(shared: &Shared, body: &Value) -> Result<Map<String, Value>, Reject> {
    let userid = text(body, "userid")?;
    let list: Vec<Value> = shared.with(|d| {
        d.blackboards
            .values()
            .rev()
            .filter(|b| {
                let to_user = b["username_list"]
                    .as_array()
                    .is_some_and(|users| users.iter().any(|u| u.as_str() == Some(userid)));
                let to_dept = b["depname_list"].as_array().is_some_and(|d| !d.is_empty());
                to_user || to_dept
            })
            .take(10)
            .map(|b| {
                json!({
                    "gmt_create": b["gmt_create"],
                    "title": b["title"],
                    "url": format!("https://app.dingtalk.com/blackboard/{}", b["id"].as_str().unwrap_or("")),
                    "categoryId": b["category_id"],
                    "id": b["id"],
                })
            })
            .collect()
    });
    let mut fields = Map::new();
    fields.insert("blackboard_list".into(), json!(list));
    Ok(fields)
}
