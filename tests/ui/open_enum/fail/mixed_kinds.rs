use oapi_client::OpenEnum;

#[derive(OpenEnum)]
enum Status {
    #[value(1)]
    Active,
    #[value("leaving")]
    Leaving,
    Other(i64),
}

fn main() {}
