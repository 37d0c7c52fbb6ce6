use oapi_client::Decode;

#[derive(Default, Decode)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Strict {
    value: Option<i64>,
}

#[derive(Default, Decode)]
#[serde(rename_all = "Title Case")]
struct BadRule {
    value: Option<i64>,
}

#[derive(Default, Decode)]
struct Flattened {
    #[serde(flatten)]
    inner: Option<Strict>,
    #[serde(with = "not a path")]
    other: Option<i64>,
}

fn main() {}
