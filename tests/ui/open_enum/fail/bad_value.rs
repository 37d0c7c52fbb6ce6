use oapi_client::OpenEnum;

#[derive(OpenEnum)]
enum Status {
    #[value(1.5)]
    A,
    #[value(true)]
    B,
    #[value(ACTIVE)]
    C,
    #[value(9223372036854775808)]
    D,
    #[value(-9223372036854775809)]
    D2,
    #[value(1)]
    #[value(2)]
    E,
    Other(i64),
}

fn main() {}
