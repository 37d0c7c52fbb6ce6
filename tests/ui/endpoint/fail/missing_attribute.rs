use oapi_client::Endpoint;

#[derive(Endpoint)]
struct CreateRequest {
    title: String,
}

fn main() {}
