use oapi_client::Decode;

#[derive(Default, Decode)]
struct Twice {
    #[serde(rename = "userid")]
    user_id: Option<String>,
    #[serde(alias = "userid")]
    userid_old: Option<String>,
}

fn main() {}
