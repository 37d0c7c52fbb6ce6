//! The fake platform on a small spec of its own, over raw HTTP: what a
//! client in any language sees (the generated Rust client is driven through
//! it in `tests/tests/e2e_*`).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use oapi_fake::{FakePlatform, Verdict, cli, credential};
use serde_json::{Value, json};

/// A platform with a token in a header, a signed timestamp in the query,
/// an HTTP-status envelope and one endpoint with a path parameter.
const SPEC: &str = r#"
platform: acme
doc: Acme
credentials:
  app_id: {doc: id}
  app_secret: {secret: true, doc: secret}
tokens:
  app:
    gateway: api
    path: /token
    send: json
    params:
      id: {credential: app_id}
      secret: {credential: app_secret}
    token: token
    expires_in: ttl
envelopes:
  acme:
    success: http
    code: code
    message: message
    request_id: rid
    codes:
      token: [TokenExpired]
      invalid: [BadRequest*]
signing:
  sha:
    digest: hmac-sha256
    encoding: hex
    params: all
    order: sorted
    join: query
    secret: {credential: app_secret, at: key}
gateways:
  api:
    base_url: https://api.acme.example
    envelope: acme
    request:
      headers:
        Authorization: {token: app, prefix: "Bearer "}
      query:
        ts: {timestamp: s}
        sig: {signature: sha}
groups:
  users:
    doc: Users
    endpoints:
      get:
        doc: Get a user
        method: GET
        path: /users/{id}
        path_params:
          id: {type: string, doc: id}
        query:
          fields: {type: "string[]", max_items: 3, doc: fields}
        response:
          name: {type: string, example: Ann, doc: name}
          age: {type: integer, doc: age}
"#;

async fn fake() -> FakePlatform {
    FakePlatform::from_sources(&[(PathBuf::from("acme.yaml"), SPEC.to_owned())])
        .await
        .expect("the spec serves")
}

async fn token(http: &reqwest::Client, fake: &FakePlatform) -> String {
    let answer = http
        .post(format!("{}/token", fake.gateway_url("acme", "api")))
        .header("content-type", "application/json")
        .body(
            json!({"id": credential("acme", "app_id"), "secret": credential("acme", "app_secret")})
                .to_string(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let body: Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    assert_eq!(body["ttl"], 7200);
    body["token"].as_str().unwrap().to_owned()
}

fn now_s() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The query a client sends: its parameters, the timestamp and the
/// HMAC-SHA256 over every parameter sorted and joined as a query.
fn signed(params: &[(&str, String)]) -> Vec<(String, String)> {
    use oapi_runtime::spec::{Digest, DigestEncoding, Join, SecretAt, Signing};
    const RULE: Signing = Signing {
        name: "sha",
        digest: Digest::HmacSha256,
        encoding: DigestEncoding::Hex,
        params: None,
        sorted: true,
        join: Join::Query,
        secret: "app_secret",
        secret_at: SecretAt::Key,
    };
    let mut pairs: Vec<(String, String)> = params
        .iter()
        .map(|(n, v)| ((*n).to_owned(), v.clone()))
        .collect();
    let borrowed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let secret = oapi_runtime::secret::Secret::new(credential("acme", "app_secret"));
    let sig = oapi_runtime::auth::sign::sign(&RULE, &borrowed, &secret);
    pairs.push(("sig".into(), sig));
    pairs
}

#[tokio::test]
async fn a_signed_request_with_a_token_is_answered_from_the_example() {
    let fake = fake().await;
    let http = reqwest::Client::new();
    let token = token(&http, &fake).await;
    let url = format!("{}/users/u%2F1", fake.gateway_url("acme", "api"));
    let query = signed(&[("fields", "name,age".into()), ("ts", now_s().to_string())]);
    let answer = http
        .get(&url)
        .query(&query)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let body: Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
    assert_eq!(body["name"], "Ann", "the documented example");
    assert_eq!(body["age"], 1, "synthesised where undocumented");
    assert_eq!(fake.requests("/users/{id}"), 1);
    assert_eq!(fake.verdicts().last().unwrap().verdict, "ok");
}

#[tokio::test]
async fn every_refusal_is_in_the_envelope_and_names_what_is_wrong() {
    let fake = fake().await;
    let http = reqwest::Client::new();
    let token = token(&http, &fake).await;
    let url = format!("{}/users/1", fake.gateway_url("acme", "api"));
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    fake.on_verdict(move |v: &Verdict| log.lock().unwrap().push(cli::line(v)));
    // (query, token, status, code, message).
    type Case<'a> = (
        Vec<(String, String)>,
        Option<&'a str>,
        u16,
        &'a str,
        &'a str,
    );
    let cases: Vec<Case> = vec![
        // A list over its documented maximum.
        (
            signed(&[("fields", "a,b,c,d".into()), ("ts", now_s().to_string())]),
            Some(&token),
            400,
            "BadRequest",
            "`fields` must hold at most 3 items",
        ),
        // A timestamp an hour old.
        (
            signed(&[("ts", (now_s() - 3600).to_string())]),
            Some(&token),
            400,
            "BadRequest",
            "`ts` is more than 10 minutes away",
        ),
        // A signature over other parameters.
        (
            {
                let mut q = signed(&[("ts", now_s().to_string())]);
                q.insert(0, ("fields".into(), "name".into()));
                q
            },
            Some(&token),
            401,
            "InvalidSignature",
            "signature mismatch",
        ),
        // No token.
        (
            signed(&[("ts", now_s().to_string())]),
            None,
            401,
            "TokenExpired",
            "invalid or expired access token",
        ),
    ];
    for (query, token, status, code, message) in cases {
        let mut request = http.get(&url).query(&query);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let answer = request.send().await.unwrap();
        assert_eq!(answer.status(), status, "{message}");
        let body: Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
        assert_eq!(body["code"], code, "{body}");
        assert!(
            body["message"].as_str().unwrap().contains(message),
            "{body}"
        );
        assert!(
            body["rid"].as_str().is_some_and(|r| r.starts_with("fake")),
            "{body}"
        );
    }
    let lines = seen.lock().unwrap().clone();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert!(
        lines[0].starts_with("GET /acme/api/users/1 acme.users.get -> 400 invalid: `fields`"),
        "{lines:?}"
    );
}

#[tokio::test]
async fn unknown_paths_and_the_banner() {
    let fake = fake().await;
    let answer = reqwest::get(format!("{}/nowhere", fake.base_url()))
        .await
        .unwrap();
    assert_eq!(answer.status(), 404);
    assert_eq!(fake.verdicts()[0].verdict, "no such endpoint");
    let banner = cli::banner(&fake);
    for expected in [
        format!("gateway api          {}/acme/api", fake.base_url()),
        "credential app_secret fake-acme-app_secret".to_owned(),
        "1 endpoints".to_owned(),
    ] {
        assert!(banner.contains(&expected), "{banner}");
    }
}

#[tokio::test]
async fn a_spec_with_errors_does_not_start() {
    let broken = SPEC.replace("type: integer, doc: age", "type: integr, doc: age");
    let error = FakePlatform::from_sources(&[(PathBuf::from("acme.yaml"), broken)])
        .await
        .unwrap_err();
    assert!(error.to_string().contains("acme.yaml:"), "{error}");
    assert!(error.to_string().contains("integr"), "{error}");
}
