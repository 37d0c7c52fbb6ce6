// `rate_limit(...)`, once per limit, fills `INFO.rate_limits` in order;
// windows are written as in the spec (`1s`, `1m`, `500ms`, `1h`).
#![deny(warnings)]

use oapi_client::runtime::spec::{Envelope, RateLimit, Scope};
use oapi_client::{Endpoint, Gateway, Validate};
use serde::{Deserialize, Serialize};

const API: Gateway = Gateway::new("api", "https://api.example.com", &Envelope::HTTP);

#[derive(Deserialize)]
struct Answer {}

#[derive(Serialize, Validate, Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = API, response = Answer)]
#[endpoint(rate_limit(per = app_endpoint, limit = 40, window = "1s"))]
#[endpoint(rate_limit(per = app, limit = 1500, window = "1m"), rate_limit(per = app_gateway, limit = 3, window = "500ms"))]
struct Limited {}

#[derive(Serialize, Validate, Endpoint)]
#[endpoint(method = POST, path = "/y", gateway = API, response = Answer)]
struct Unlimited {}

fn main() {
    let limit = |per, limit, window_ms| RateLimit { per, limit, window_ms };
    assert_eq!(
        Limited::INFO.rate_limits,
        [
            limit(Scope::AppEndpoint, 40, 1000),
            limit(Scope::App, 1500, 60_000),
            limit(Scope::AppGateway, 3, 500),
        ]
    );
    assert!(Unlimited::INFO.rate_limits.is_empty());
}
