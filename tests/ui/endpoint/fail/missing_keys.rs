use oapi_client::Endpoint;

#[derive(Endpoint)]
#[endpoint(name = "blackboard.create")]
struct CreateRequest {
    title: String,
}

fn main() {}
