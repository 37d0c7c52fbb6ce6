oapi_client::include_spec!("spec/does_not_exist.yaml");

fn main() {}
