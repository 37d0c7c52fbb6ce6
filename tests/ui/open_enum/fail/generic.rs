use oapi_client::OpenEnum;

#[derive(OpenEnum)]
enum Status<T> {
    #[value(1)]
    Active,
    Other(T),
}

fn main() {}
