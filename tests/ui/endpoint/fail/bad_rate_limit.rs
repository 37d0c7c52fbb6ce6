// `rate_limit(...)` values of the wrong shape, unknown and missing keys.
use oapi_client::Endpoint;

#[derive(Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = G, response = ())]
#[endpoint(rate_limit(per = everyone, limit = 0, window = "1 fortnight"))]
#[endpoint(rate_limit(per = app, limit = 40, windw = "1s"))]
#[endpoint(rate_limit(per = app, limit = 40))]
#[endpoint(rate_limit = 40)]
struct A {}

fn main() {}
