use oapi_client::Endpoint;

#[derive(Endpoint)]
#[endpoint(method = POST, path = "topapi/blackboard/create", gateway = G, response = ())]
struct A {}

#[derive(Endpoint)]
#[endpoint(method = POST, path = topapi, gateway = G, response = ())]
struct B {}

fn main() {}
