use oapi_client::Validate;

#[derive(Validate)]
struct Request {
    #[validate(max = 1, max = 2)]
    a: i64,
    #[validate(max_items = 3)]
    #[validate(max_items = 4)]
    b: Vec<i64>,
    #[validate(min = 1, range(min = 2, max = 3))]
    c: i64,
    #[validate(max_length = 3, length(max = 4))]
    d: String,
    #[validate(nested, nested)]
    e: Vec<i64>,
}

fn main() {}
