use oapi_client::Validate;

#[derive(Validate)]
#[validate(window)]
struct Request {
    #[validate(max)]
    a: i64,
    #[validate(range = 5, length)]
    b: String,
    #[validate(nested = true)]
    c: Vec<i64>,
}

fn main() {}
