use oapi_client::Endpoint;

#[derive(Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = G, response = ())]
enum Request {
    A,
}

#[derive(Endpoint)]
#[endpoint(method = POST, path = "/x", gateway = G, response = ())]
struct Tuple(i64);

fn main() {}
