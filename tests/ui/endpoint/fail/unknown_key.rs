use oapi_client::Endpoint;

#[derive(Endpoint)]
#[endpoint(methd = POST, path = "/x", gateway = G, respone = (), timeout = 5)]
struct CreateRequest {
    title: String,
}

fn main() {}
