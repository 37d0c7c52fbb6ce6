// Deserialize-side keys are accepted and change nothing; an empty struct is `{}`.
use oapi_client::Encode;

#[derive(Encode)]
#[serde(deny_unknown_fields)]
struct Request {
    #[serde(default, alias = "uid", rename(serialize = "userId", deserialize = "user"))]
    user_id: String,
    #[serde(skip_deserializing, skip_serializing_if = "Option::is_none")]
    size: Option<i64>,
}

#[derive(Encode)]
struct Empty {}

fn main() {
    let request = Request { user_id: "u1".into(), size: None };
    assert_eq!(serde_json::to_string(&request).unwrap(), r#"{"userId":"u1"}"#);
    assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
}
