// #[derive(Paged)] without #[paging(...)] cannot know how the endpoint pages.
use oapi_client::prelude::*;

#[derive(Clone, Serialize, Validate, Endpoint, Paged)]
#[endpoint(method = POST, path = "/list", gateway = GW, response = Response)]
struct Request {
    offset: i64,
}

#[derive(Deserialize)]
struct Response {}

const GW: oapi_client::Gateway = oapi_client::Gateway::new("gw", "https://example.com", &oapi_client::runtime::spec::Envelope::HTTP);

fn main() {}
