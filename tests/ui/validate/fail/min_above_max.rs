use oapi_client::Validate;

#[derive(Validate)]
struct Request {
    #[validate(min = 10, max = 1)]
    a: i64,
    #[validate(range(min = 0.5, max = -0.5))]
    b: f64,
    #[validate(min_items = 5, max_items = 2)]
    c: Vec<i64>,
    #[validate(length(min = 5, max = 4))]
    d: String,
    #[validate(min = 1, max = 1, min_length = 0, max_length = 0)]
    equal_bounds_are_fine: i64,
}

fn main() {}
