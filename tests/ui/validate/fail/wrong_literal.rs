use oapi_client::Validate;

#[derive(Validate)]
struct Request {
    #[validate(max_items = "10")]
    a: Vec<i64>,
    #[validate(min_items = -1)]
    b: Vec<i64>,
    #[validate(max_length = 2.5)]
    c: String,
    #[validate(min = "1", max = LIMIT)]
    d: i64,
    #[validate(length(max = true))]
    e: String,
}

const LIMIT: i64 = 5;

fn main() {}
