use oapi_client::OpenEnum;

#[derive(OpenEnum)]
enum A {
    #[value(1)]
    Active,
    Other(i64, i64),
}

#[derive(OpenEnum)]
enum B {
    #[value(1)]
    Active,
    Other {
        value: i64,
    },
}

#[derive(OpenEnum)]
enum C {
    #[value(1)]
    Active,
    Other(String),
}

#[derive(OpenEnum)]
enum D {
    #[value("x")]
    X,
    Other(u32),
}

#[derive(OpenEnum)]
enum E {
    #[value(1)]
    Active,
    #[value(2)]
    Other(i64),
}

fn main() {}
