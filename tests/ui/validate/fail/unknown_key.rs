use oapi_client::Validate;

#[derive(Validate)]
#[validate(windw(start = a, end = b, max_days = 1))]
#[validate(max_items = 3)]
struct Request {
    a: i64,
    b: i64,
    #[validate(max_item = 10)]
    list: Vec<i64>,
    #[validate(minimum = 1, range(min = 1, maxi = 2))]
    size: i64,
    #[validate(pattern = "[a-z]+", length(mni = 1))]
    name: String,
}

fn main() {}
