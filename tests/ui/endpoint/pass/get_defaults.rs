// GET: no body, idempotent by default, the name defaults to the type's, and
// `auth = none` overrides the gateway; a bare `idempotent` means true.
#![deny(warnings)]

use oapi_client::{Endpoint, Gateway, Method, Params, Validate};
use serde::{Deserialize, Serialize};

const API: Gateway = Gateway::new("api", "https://api.dingtalk.com", &oapi_client::runtime::spec::Envelope::HTTP);

#[derive(Deserialize)]
struct Token {}

#[derive(Serialize, Validate, Endpoint)]
#[endpoint(method = GET, path = "/gettoken", gateway = API, response = Token, auth = none)]
struct GetToken {
    #[param(query)]
    #[serde(skip)]
    appkey: String,
    #[param(query)]
    #[serde(skip)]
    r#type: Option<i64>,
    /// Kept out of the request entirely: neither body nor query.
    #[serde(skip)]
    #[allow(dead_code)]
    note: String,
}

#[derive(Serialize, Validate, Endpoint)]
#[endpoint(method = POST, path = "/v1.0/x/query", gateway = self::API, response = Token, idempotent)]
struct QueryByPost {}

#[derive(Serialize, Validate, Endpoint)]
#[endpoint(method = GET, path = "/x", gateway = API, response = Token, idempotent = false)]
struct NotIdempotentGet {}

fn main() {
    let info = GetToken::INFO;
    assert_eq!(info.name, "GetToken");
    assert_eq!(info.method, Method::Get);
    assert!(!info.auth, "`auth = none`: the gateway adds nothing");
    assert!(info.idempotent);
    assert!(!GetToken::HAS_BODY);

    let request = GetToken {
        appkey: "key".into(),
        r#type: Some(2),
        note: String::new(),
    };
    let mut query = Params::default();
    request.write_query(&mut query);
    assert_eq!(
        query.pairs,
        [("appkey", "key".to_owned()), ("type", "2".to_owned())]
    );
    let mut headers = Params::default();
    request.write_headers(&mut headers);
    assert!(headers.pairs.is_empty());

    assert!(QueryByPost::INFO.idempotent);
    assert!(QueryByPost::INFO.auth);
    assert!(!QueryByPost::HAS_BODY, "no fields, no body");
    assert!(!NotIdempotentGet::INFO.idempotent);
}
