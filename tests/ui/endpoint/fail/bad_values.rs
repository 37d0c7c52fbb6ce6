// Values of the wrong shape for `gateway`, `name`, `idempotent` and `auth`.
use oapi_client::Endpoint;

#[derive(Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = "oapi", response = (), name = blackboard)]
struct A {}

#[derive(Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = G, response = (), idempotent = "yes")]
struct B {}

#[derive(Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = G, response = (), auth = None)]
struct C {}

#[derive(Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = G, response = (), auth = query_token)]
struct D {}

fn main() {}
