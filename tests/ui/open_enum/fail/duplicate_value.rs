use oapi_client::OpenEnum;

#[derive(OpenEnum)]
enum Status {
    #[value(1)]
    Active,
    #[value(0x1)]
    Enabled,
    Other(i64),
}

#[derive(OpenEnum)]
enum Channel {
    #[value("eleme")]
    Eleme,
    #[value("ele\x6de")]
    Ele,
    Other(String),
}

fn main() {}
