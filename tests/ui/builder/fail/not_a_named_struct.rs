use oapi_client::Builder;

#[derive(Builder)]
enum Kind {
    A,
}

#[derive(Builder)]
struct Tuple(Option<i64>);

fn main() {}
