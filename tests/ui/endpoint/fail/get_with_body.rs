use oapi_client::Endpoint;
use serde::Serialize;

#[derive(Serialize, Endpoint)]
#[endpoint(method = GET, path = "/topapi/report/list", gateway = G, response = ())]
struct ListRequest {
    #[param(query)]
    #[serde(skip)]
    cursor: i64,
    size: i64,
    r#type: Option<i64>,
}

fn main() {}
