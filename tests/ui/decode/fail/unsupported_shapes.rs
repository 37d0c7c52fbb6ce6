use oapi_client::Decode;

#[derive(Decode)]
enum Kind {
    A,
}

#[derive(Decode)]
struct Tuple(Option<i64>);

#[derive(Default, Decode)]
struct Generic<T> {
    value: Option<T>,
}

fn main() {}
