// Required fields are `new` arguments; optional ones are setters.
use oapi_client::Validate;
use oapi_client::dingtalk::report::list;

fn main() {
    let request = list::Request::new(1_700_000_000_000_i64, 1_700_000_000_000_i64, 0, 20).userid("manager01");
    assert_eq!(request.userid.as_deref(), Some("manager01"));
    assert!(request.template_name.is_none());
    request.validate().unwrap();
}
