// Every spec error is a compile error at the path, quoting file:line:column.
oapi_client::include_spec!("fixtures/broken.yaml");

fn main() {}
