// A `{name}` without its field, and a path field without its `{name}`.
use oapi_client::{Endpoint, Gateway, Validate};
use serde::{Deserialize, Serialize};

const API: Gateway = Gateway::new("api", "https://api.example.com", &oapi_client::runtime::spec::Envelope::HTTP);

#[derive(Deserialize)]
struct Done {}

#[derive(Serialize, Validate, Endpoint)]
#[endpoint(method = GET, path = "/v1.0/users/{unionId}", gateway = API, response = Done)]
struct GetUser {
    #[param(path)]
    #[serde(skip)]
    user_id: String,
}

fn main() {}
