// Each style names the keys it needs: `offset` needs `cursor` and `next`;
// every style needs `items` and `item`.
use oapi_client::prelude::*;

#[derive(Clone, Serialize, Validate, Endpoint, Paged)]
#[endpoint(method = POST, path = "/list", gateway = GW, response = Response)]
#[paging(style = offset, item = String)]
struct Request {
    offset: i64,
}

#[derive(Deserialize)]
struct Response {}

const GW: oapi_client::Gateway = oapi_client::Gateway::new("gw", "https://example.com", &oapi_client::runtime::spec::Envelope::HTTP);

fn main() {}
