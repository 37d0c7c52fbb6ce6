oapi_client::include_spec!();

oapi_client::include_spec!(spec / dingtalk);

oapi_client::include_spec!("spec/dingtalk.yaml" "spec/shiheng.yaml");

oapi_client::include_spec!("");

fn main() {}
