// A whole platform module from a spec. The path is relative to the crate's
// Cargo.toml: trybuild's scratch crate, where tests/ui.rs copies the fixtures.
#![deny(warnings)]

oapi_client::include_spec!("fixtures/demo.yaml");

use oapi_client::{Endpoint, Method, Validate};

fn main() {
    let request = demo::notice::create::Request::new("公告")
        .userid_list(vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]);
    let error = request.validate().unwrap_err().to_string();
    assert!(
        error.contains("`userid_list` must hold at most 2 items (max_items = 2), got 3 items"),
        "{error}"
    );
    let info = <demo::notice::create::Request as Endpoint>::INFO;
    assert_eq!((info.method, info.path), (Method::Post, "/notice/create"));
}
