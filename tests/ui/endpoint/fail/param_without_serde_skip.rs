use oapi_client::Endpoint;
use serde::Serialize;

#[derive(Serialize, Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = G, response = ())]
struct CreateRequest {
    #[param(query)]
    operator: String,
    #[param(header)]
    #[serde(rename = "x-token", skip_serializing_if = "String::is_empty")]
    token: String,
    #[param(query)]
    #[serde(skip)]
    fine: String,
}

fn main() {}
