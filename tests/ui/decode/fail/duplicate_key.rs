use oapi_client::Decode;

#[derive(Default, Decode)]
struct Twice {
    #[serde(rename = "userid")]
    user_id: Option<String>,
    #[serde(alias = "userid")]
    userid_old: Option<String>,
}

#[derive(Default, Decode)]
struct SelfAlias {
    #[serde(alias = "name")]
    name: Option<String>,
}

fn main() {}
