use oapi_client::Encode;

#[derive(Encode)]
#[serde(tag = "kind", rename_all = "camelCase")]
struct Tagged {
    value: i64,
}

#[derive(Encode)]
#[serde(rename_all = "Title Case")]
struct BadRule {
    value: i64,
}

#[derive(Encode)]
struct Fields {
    #[serde(flatten)]
    inner: Tagged,
    #[serde(with = "not a path")]
    other: i64,
    #[serde(getter = "x")]
    third: i64,
}

#[derive(Encode)]
struct Tuple(i64);

#[derive(Encode)]
struct Generic<T> {
    value: T,
}

fn main() {}
