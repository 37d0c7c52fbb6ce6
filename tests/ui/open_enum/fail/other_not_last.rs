use oapi_client::OpenEnum;

#[derive(OpenEnum)]
enum Status {
    #[value(1)]
    Active,
    Other(i64),
    #[value(2)]
    Leaving,
}

fn main() {}
