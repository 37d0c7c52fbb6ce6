use oapi_client::Endpoint;
use serde::Serialize;

#[derive(Serialize, Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = G, response = ())]
struct CreateRequest {
    #[param(qurey)]
    #[serde(skip)]
    a: String,
    #[param(body)]
    #[serde(skip)]
    b: String,
    #[param()]
    #[serde(skip)]
    c: String,
    #[param(query, header)]
    #[serde(skip)]
    d: String,
    #[param(query = true)]
    #[serde(skip)]
    e: String,
}

fn main() {}
