// A forgotten required field does not compile: `new` takes every one of them.
use oapi_client::Builder;

#[derive(Builder)]
struct CreateRequest {
    title: String,
    userid_list: Vec<String>,
    author: Option<String>,
}

fn main() {
    let _ = CreateRequest::new("公告").author("张三");
}
