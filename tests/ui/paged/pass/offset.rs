// A hand-written paged endpoint: the derive finds items and the next request.
use oapi_client::Paged;
use oapi_client::prelude::*;
use oapi_client::runtime::paging::PagingStyle;

#[derive(Clone, Serialize, Validate, Endpoint, Paged)]
#[endpoint(method = POST, path = "/list", gateway = GW, response = Response)]
#[paging(style = offset, cursor = offset, size = size)]
#[paging(next = result.next_cursor, items = result.data_list, item = String)]
struct Request {
    offset: i64,
    size: i64,
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

fn page(next: Option<i64>) -> Response {
    Response { result: Some(Page { next_cursor: next, data_list: Some(vec!["a".into(), "b".into()]) }) }
}

fn main() {
    assert_eq!(<Request as Paged>::STYLE, PagingStyle::Offset);
    let first = Request { offset: 0, size: 2 };
    assert_eq!(Request::items(&page(Some(2))), ["a".to_string(), "b".to_string()]);
    let next = first.next_page(&page(Some(2))).unwrap().unwrap();
    assert_eq!(next.offset, 2);
    assert!(next.next_page(&page(None)).unwrap().is_none(), "no next_cursor ends");
    assert!(next.next_page(&page(Some(2))).is_err(), "a repeated cursor is an error");
    assert_eq!(Request::into_items(Response { result: None }), Vec::<String>::new());
}
