//! No secret (app secret, access token) appears in the Debug or Display of
//! clients, builders or any kind of error.

mod e2e_support;

use std::time::Duration;

use e2e_support::{
    assert_no_secret, dingtalk, dingtalk_builder, dingtalk_secret, fake, shiheng_builder,
};
use oapi_client::dingtalk::{blackboard, hrm};
use oapi_client::fake::{self as fakes, Fault};
use oapi_client::{Error, Secret, Signer, dingtalk as dt};

const PREENTRY: &str = "/topapi/smartwork/hrm/employee/querypreentry";

fn preentry() -> hrm::querypreentry::Request {
    hrm::querypreentry::Request::new(0, 50)
}

#[tokio::test]
async fn clients_and_builders_hide_secrets() {
    let fake = fake().await;
    let builder = dingtalk_builder(&fake);
    assert_no_secret(&format!("{builder:?}"));
    let client = builder.build().expect("client");
    client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect("warm token");
    assert_no_secret(&format!("{client:?}"));
    assert_no_secret(&format!("{:?}", client.0));
    let token = client.0.access_token().await.expect("token");
    assert_eq!(format!("{token}"), "***");
    assert_no_secret(&format!("{token:?}"));
    assert_no_secret(&format!("{:?}", shiheng_builder(&fake)));
}

struct BadSigner;
impl Signer for BadSigner {
    fn sign(&self, _params: &[(&str, &str)], _secret: &Secret<String>) -> String {
        "BAD".into()
    }
}

/// One error of every kind, formatted both ways.
#[tokio::test]
async fn no_error_kind_prints_a_secret() {
    let fake = fake().await;
    let client = dingtalk_builder(&fake)
        .timeout(Duration::from_millis(300))
        .build()
        .expect("client");
    client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect("warm token");
    let mut errors: Vec<Error> = Vec::new();

    // Validation.
    errors.push(
        client
            .hrm()
            .querypreentry(&hrm::querypreentry::Request::new(0, 51))
            .await
            .expect_err("validation"),
    );
    // Platform, HttpStatus, Decode (malformed and truncated), IpBanned, Timeout, Transport (dropped).
    for fault in [
        Fault::code("90002"),
        Fault::Status(404),
        Fault::MalformedJson,
        Fault::TruncatedJson,
        Fault::HtmlBan,
        Fault::Latency(Duration::from_secs(2)),
    ] {
        fake.inject(PREENTRY, fault.clone(), 10);
        let error = client
            .hrm()
            .querypreentry(&preentry())
            .await
            .expect_err("fault");
        fake.clear_faults();
        errors.push(error);
    }
    fake.inject("/topapi/blackboard/create", Fault::DropConnection, 1);
    errors.push(
        client
            .blackboard()
            .create(&blackboard::create::Request::new(
                blackboard::create::CreateRequest::new(
                    "manager01",
                    blackboard::create::BlackboardReceiver::new(),
                    "t",
                    "c",
                ),
            ))
            .await
            .expect_err("dropped"),
    );
    // Transport (refused), with a token in the URL.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr")
    };
    let refused = dingtalk_builder(&fake)
        .base_url("oapi", format!("http://{closed}"))
        .build()
        .expect("client");
    errors.push(
        refused
            .hrm()
            .querypreentry(&preentry())
            .await
            .expect_err("refused"),
    );
    // Auth.
    let wrong = dingtalk_builder(&fake)
        .credentials(
            fakes::credential("dingtalk", "app_key"),
            format!("{}-x", dingtalk_secret()),
        )
        .build()
        .expect("client");
    errors.push(
        wrong
            .hrm()
            .querypreentry(&preentry())
            .await
            .expect_err("auth"),
    );
    // Platform on v1.0 and 食亨.
    fake.inject(
        "/v1.0/hrm/employees/dismissions",
        Fault::http_code(403, "Forbidden.AccessDenied.QpsLimitForApi"),
        10,
    );
    errors.push(
        client
            .hrm()
            .dismissions(&hrm::dismissions::Request::new())
            .await
            .expect_err("403"),
    );
    let signed = shiheng_builder(&fake)
        .signer(BadSigner)
        .build()
        .expect("client");
    errors.push(
        signed
            .employee()
            .list(&oapi_client::shiheng::employee::list::Request::new(1, 1))
            .await
            .expect_err("sign"),
    );
    // Config at call time: an endpoint of another platform.
    errors.push(
        client
            .0
            .call(&oapi_client::shiheng::employee::list::Request::new(1, 1))
            .await
            .expect_err("wrong platform"),
    );

    let kinds: Vec<&str> = errors
        .iter()
        .map(|e| match e {
            Error::Validation { .. } => "validation",
            Error::Platform { .. } => "platform",
            Error::HttpStatus { .. } => "http_status",
            Error::Transport { .. } => "transport",
            Error::Timeout { .. } => "timeout",
            Error::Decode { .. } => "decode",
            Error::Auth { .. } => "auth",
            Error::IpBanned { .. } => "ip_banned",
            Error::Config { .. } => "config",
            _ => "other",
        })
        .collect();
    for kind in [
        "validation",
        "platform",
        "http_status",
        "transport",
        "timeout",
        "decode",
        "auth",
        "ip_banned",
        "config",
    ] {
        assert!(kinds.contains(&kind), "missing {kind}: {kinds:?}");
    }
    for error in &errors {
        let shown = format!("{error} | {error:?}");
        assert_no_secret(&shown);
        assert!(!shown.contains("-x"), "secret suffix leaked: {shown}");
        assert!(error.endpoint().is_some(), "{error:?}");
    }
}

#[test]
fn builder_errors_hide_secrets_and_explain() {
    let error = dt::Client::builder()
        .credentials("k", dingtalk_secret())
        .base_url("oapi", "http://oapi.example.com")
        .build()
        .expect_err("plain http to a remote host");
    assert!(matches!(error, Error::Config { .. }));
    assert!(error.to_string().contains("https"), "{error}");
    assert_no_secret(&format!("{error} {error:?}"));

    let error = dt::Client::builder()
        .credentials("k", dingtalk_secret())
        .base_url("opi", "https://127.0.0.1:1")
        .build()
        .expect_err("unknown gateway");
    assert!(
        error.to_string().contains("opi") && error.to_string().contains("oapi"),
        "{error}"
    );

    let error = dt::Client::builder().build().expect_err("no credentials");
    assert!(error.to_string().contains("credentials"), "{error}");

    dt::Client::builder()
        .credentials("k", "s")
        .build()
        .expect("the documented https hosts are fine");
    dt::Client::builder()
        .credentials("k", "s")
        .base_url("api", "http://localhost:8080/")
        .build()
        .expect("loopback may use http");
}

#[tokio::test]
async fn the_client_is_cheap_to_clone_and_shares_its_token() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let clone = client.clone();
    client.hrm().querypreentry(&preentry()).await.expect("one");
    clone.hrm().querypreentry(&preentry()).await.expect("two");
    assert_eq!(fake.token_requests(), 1);
    assert_eq!(client.0.platform().name, "dingtalk");
}
