use oapi_client::Endpoint;

#[derive(Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = G, response = (), method = GET)]
#[endpoint(path = "/y")]
struct CreateRequest {
    title: String,
}

fn main() {}
