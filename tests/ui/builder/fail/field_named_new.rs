use oapi_client::Builder;

#[derive(Builder)]
struct Request {
    /// A required field named `new` is fine: it is a parameter of `new`.
    old: i64,
    new: Option<i64>,
}

fn main() {}
