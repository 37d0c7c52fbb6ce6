// Unknown style and keys, a value that is not a field path, a repeated key:
// each reported at its own token, all at once.
use oapi_client::prelude::*;

#[derive(Clone, Serialize, Validate, Endpoint, Paged)]
#[endpoint(method = POST, path = "/list", gateway = GW, response = Response)]
#[paging(style = ofset, cursr = offset, items = "result", item = String)]
#[paging(next = result.next_cursor, next = result.next_cursor)]
struct Request {
    offset: i64,
}

#[derive(Deserialize)]
struct Response {
    result: Option<Page>,
}

#[derive(Deserialize)]
struct Page {
    next_cursor: Option<i64>,
    data_list: Option<Vec<String>>,
}

const GW: oapi_client::Gateway = oapi_client::Gateway::new("gw", "https://example.com", &oapi_client::runtime::spec::Envelope::HTTP);

fn main() {}
