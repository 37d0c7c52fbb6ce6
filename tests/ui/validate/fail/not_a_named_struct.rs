use oapi_client::Validate;

#[derive(Validate)]
enum Kind {
    A,
}

#[derive(Validate)]
struct Tuple(i64);

#[derive(Validate)]
struct Unit;

fn main() {}
