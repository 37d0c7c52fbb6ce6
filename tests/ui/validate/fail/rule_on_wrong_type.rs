// Rules the field's type cannot satisfy: rustc's errors point at the rule's
// key or at the bound literal, not at the derive.
use oapi_client::Validate;

#[derive(Validate)]
struct Request {
    #[validate(max_items = 10)]
    name: String,
    #[validate(max = 1.5)]
    count: i64,
}

fn main() {}
