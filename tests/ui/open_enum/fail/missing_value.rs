use oapi_client::OpenEnum;

#[derive(OpenEnum)]
enum Status {
    #[value(1)]
    Active,
    Leaving,
    Other(i64),
}

fn main() {}
