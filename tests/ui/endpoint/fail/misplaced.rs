use oapi_client::Endpoint;

#[derive(Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = G, response = ())]
#[param(query)]
struct CreateRequest {
    #[endpoint(method = GET)]
    title: String,
}

fn main() {}
