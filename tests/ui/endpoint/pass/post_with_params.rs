// A POST endpoint with body, query and header fields: INFO, HAS_BODY and the
// query/header writers.
#![deny(warnings)]

use oapi_client::{Endpoint, Gateway, Method, Params, Validate};
use serde::{Deserialize, Serialize};

mod platform {
    pub const OAPI: oapi_client::Gateway = oapi_client::Gateway::new("oapi", "https://oapi.dingtalk.com", &oapi_client::runtime::spec::Envelope::HTTP);
}

#[derive(Deserialize)]
struct Response {
    id: i64,
}

#[derive(Serialize, Validate, Endpoint)]
#[endpoint(method = POST, path = "/topapi/blackboard/create", gateway = platform::OAPI)]
#[endpoint(response = Response, name = "blackboard.create")]
struct CreateRequest {
    #[validate(max_length = 10)]
    title: String,
    #[param(query)]
    #[serde(skip)]
    operator: Option<String>,
    #[param(query)]
    #[serde(skip_serializing, rename = "deptIds")]
    dept_ids: Vec<i64>,
    #[param(header)]
    #[serde(skip, rename = "x-acs-dingtalk-access-token")]
    token: oapi_client::Secret,
}

fn main() {
    let info = CreateRequest::INFO;
    assert_eq!(info.name, "blackboard.create");
    assert_eq!(info.method, Method::Post);
    assert_eq!(info.path, "/topapi/blackboard/create");
    assert_eq!(info.gateway.name, platform::OAPI.name);
    assert!(info.auth, "the gateway's additions apply");
    assert!(!info.idempotent, "POST defaults to not idempotent");
    assert!(CreateRequest::HAS_BODY);
    let parsed: <CreateRequest as Endpoint>::Response =
        serde_json::from_str(r#"{"id": 7}"#).unwrap();
    assert_eq!(parsed.id, 7);

    let request = CreateRequest {
        title: "公告".into(),
        operator: None,
        dept_ids: vec![1, 2],
        token: "t0ken".into(),
    };
    let mut query = Params::default();
    request.write_query(&mut query);
    assert_eq!(
        query.pairs,
        [("deptIds", "1,2".to_owned())],
        "absent options are not sent"
    );
    let mut headers = Params::default();
    request.write_headers(&mut headers);
    assert_eq!(
        headers.pairs,
        [("x-acs-dingtalk-access-token", "t0ken".to_owned())]
    );
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        serde_json::json!({"title": "公告"})
    );

    let _ = Gateway::clone(&platform::OAPI);
}
