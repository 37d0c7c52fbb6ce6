use oapi_client::OpenEnum;

#[derive(OpenEnum)]
enum Status {
    #[value(1)]
    Active,
}

#[derive(OpenEnum)]
enum Channel {
    #[value("eleme")]
    Eleme,
}

fn main() {}
