use oapi_client::OpenEnum;

#[derive(OpenEnum)]
struct Status {
    value: i64,
}

fn main() {}
