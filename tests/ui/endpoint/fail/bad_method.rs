use oapi_client::Endpoint;

#[derive(Endpoint)]
#[endpoint(method = Post, path = "/x", gateway = G, response = ())]
struct A {}

#[derive(Endpoint)]
#[endpoint(method = FETCH, path = "/x", gateway = G, response = ())]
struct B {}

#[derive(Endpoint)]
#[endpoint(method = "GET", path = "/x", gateway = G, response = ())]
struct C {}

fn main() {}
