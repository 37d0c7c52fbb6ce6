// A generated request with a required field left out does not compile,
// neither as a struct literal nor through `new`.
use oapi_client::dingtalk::hrm::querypreentry;

fn main() {
    let _ = querypreentry::Request { offset: 0 };
    let _ = querypreentry::Request::new(0);
}
