//! Every injected fault is retried, refreshed or surfaced as the right typed
//! error, with nothing lost or duplicated and no secret printed.

mod e2e_support;

use std::time::Duration;

use e2e_support::{assert_error_clean, dingtalk, dingtalk_builder, fake, shiheng, shiheng_builder};
use oapi_client::dingtalk::{blackboard, hrm};
use oapi_client::fake::{Fault, TokenRejection};

/// The 食亨 employee list (its spec path).
const SHIHENG_EMPLOYEE_PATH: &str = "/api/wecom/employee/list";
use oapi_client::shiheng::employee;
use oapi_client::{Error, RetryPolicy, Secret, Signer};

const PREENTRY: &str = "/topapi/smartwork/hrm/employee/querypreentry";
const CREATE: &str = "/topapi/blackboard/create";
const DISMISSIONS: &str = "/v1.0/hrm/employees/dismissions";

fn preentry() -> hrm::querypreentry::Request {
    hrm::querypreentry::Request::new(0, 50)
}

fn new_blackboard() -> blackboard::create::Request {
    blackboard::create::Request::new(blackboard::create::CreateRequest::new(
        "manager01",
        blackboard::create::BlackboardReceiver::new().deptid_list(vec![1]),
        "放假通知",
        "国庆放假七天",
    ))
}

/// Posts [`new_blackboard`] (not idempotent) and returns the error it must end in.
async fn create_error(client: &oapi_client::dingtalk::Client, why: &str) -> Error {
    client
        .blackboard()
        .create(&new_blackboard())
        .await
        .expect_err(why)
}

fn platform_code(error: &Error) -> &str {
    match error {
        Error::Platform { code, .. } => code,
        other => panic!("expected a platform error, got {other:?}"),
    }
}

#[tokio::test]
async fn throttling_errcodes_are_retried() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    for (n, code) in [90018, 90006, 90005, 90019].into_iter().enumerate() {
        fake.inject(PREENTRY, Fault::code(code.to_string()), 2);
        let page = client.hrm().querypreentry(&preentry()).await;
        assert!(page.is_ok(), "{code}: {page:?}");
        assert_eq!(fake.requests(PREENTRY), 3 * (n as u64 + 1), "{code}");
    }
    // The same body bytes were sent every time.
    let bodies = fake.bodies(PREENTRY);
    assert!(bodies.windows(2).all(|w| w[0] == w[1]));
}

#[tokio::test]
async fn wrapped_throttling_is_retried() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject(PREENTRY, Fault::wrapped("88", "90018"), 1);
    client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect("retried");
    assert_eq!(fake.requests(PREENTRY), 2);
}

#[tokio::test]
async fn system_busy_is_tried_at_most_three_times() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject(PREENTRY, Fault::code("-1"), 10);
    let error = client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect_err("busy");
    assert_eq!(platform_code(&error), "-1");
    assert!(error.is_retryable());
    assert_eq!(fake.requests(PREENTRY), 3);
    assert_error_clean(&error);
}

#[tokio::test]
async fn banned_endpoint_and_used_quota_surface_at_once() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    for (n, code) in [90002, 90020].into_iter().enumerate() {
        fake.inject(PREENTRY, Fault::code(code.to_string()), 1);
        let error = client
            .hrm()
            .querypreentry(&preentry())
            .await
            .expect_err("surfaced");
        assert_eq!(platform_code(&error), code.to_string());
        assert!(!error.is_retryable());
        assert_eq!(error.endpoint(), Some("hrm.querypreentry"));
        assert_eq!(fake.requests(PREENTRY), n as u64 + 1);
        assert_error_clean(&error);
    }
}

#[tokio::test]
async fn business_errors_are_not_retried() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let error = client
        .blackboard()
        .get(&blackboard::get::Request::new("missing", "manager01"))
        .await
        .expect_err("unknown id");
    assert_eq!(platform_code(&error), "40035");
    assert_eq!(fake.requests("/topapi/blackboard/get"), 1);
    assert_error_clean(&error);
}

#[tokio::test]
async fn server_errors_are_retried_only_when_idempotent() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject(PREENTRY, Fault::Status(503), 2);
    client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect("retried");
    assert_eq!(fake.requests(PREENTRY), 3);

    fake.inject(CREATE, Fault::Status(502), 1);
    let error = create_error(&client, "not retried").await;
    assert!(
        matches!(error, Error::HttpStatus { status: 502, .. }),
        "{error:?}"
    );
    assert!(error.is_retryable() && !error.was_rejected());
    assert_eq!(fake.requests(CREATE), 1);
    assert_error_clean(&error);
}

#[tokio::test]
async fn throttled_creates_are_retried_and_created_once() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject(CREATE, Fault::code("90018"), 1);
    fake.inject(CREATE, Fault::Status(429), 1);
    client
        .blackboard()
        .create(&new_blackboard())
        .await
        .expect("retried");
    assert_eq!(fake.requests(CREATE), 3);
    assert_eq!(fake.store_len("blackboards"), 1);
    let bodies = fake.bodies(CREATE);
    assert_eq!(bodies.len(), 3);
    assert!(
        bodies.iter().all(|b| b == &bodies[0]),
        "every attempt sends the same bytes"
    );
}

#[tokio::test]
async fn dropped_connections() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject(PREENTRY, Fault::DropConnection, 1);
    client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect("idempotent: retried");
    assert_eq!(fake.requests(PREENTRY), 2);

    fake.inject(CREATE, Fault::DropConnection, 1);
    let error = create_error(&client, "not retried").await;
    assert!(
        matches!(error, Error::Transport { connect: false, .. }),
        "{error:?}"
    );
    assert_eq!(fake.requests(CREATE), 1);
    assert_eq!(fake.store_len("blackboards"), 0);
    assert_error_clean(&error);
}

#[tokio::test]
async fn refused_connections_are_safe_to_retry() {
    let fake = fake().await;
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("addr")
    };
    let client = dingtalk_builder(&fake)
        .base_url("oapi", format!("http://{closed}"))
        .build()
        .expect("client");
    let error = create_error(&client, "refused").await;
    assert!(
        matches!(error, Error::Transport { connect: true, .. }),
        "{error:?}"
    );
    assert!(error.is_retryable() && error.was_rejected());
    assert_error_clean(&error);
}

/// A connect that never completes, without leaving loopback: a listener
/// with a backlog of one whose accept queue is full makes Linux drop further
/// SYNs (the client keeps retransmitting, as to an unreachable host).
#[cfg(target_os = "linux")]
#[tokio::test]
async fn connect_timeouts_are_safe_to_retry() {
    let fake = fake().await;
    let socket = tokio::net::TcpSocket::new_v4().expect("socket");
    socket
        .bind("127.0.0.1:0".parse().expect("addr"))
        .expect("bind");
    let listener = socket.listen(1).expect("listen");
    let full = listener.local_addr().expect("addr");
    // Connections that complete fill the queue (never accepted); the first
    // one that does not complete shows it is full.
    let mut queued = Vec::new();
    loop {
        let attempt = tokio::time::timeout(
            Duration::from_millis(200),
            tokio::net::TcpStream::connect(full),
        );
        match attempt.await {
            Ok(stream) => queued.push(stream.expect("queued connection")),
            Err(_elapsed) => break,
        }
        assert!(queued.len() < 64, "the accept queue never filled up");
    }
    let connect_timeout = Duration::from_millis(300);
    let client = dingtalk_builder(&fake)
        .base_url("oapi", format!("http://{full}"))
        .connect_timeout(connect_timeout)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    let error = create_error(&client, "connect timeout").await;
    let Error::Timeout {
        connect, elapsed, ..
    } = &error
    else {
        panic!("expected a timeout, got {error:?}");
    };
    assert!(*connect, "{error:?}");
    // The connect timeout fired, not the 5 s attempt timeout.
    assert!(
        *elapsed >= connect_timeout && *elapsed < Duration::from_secs(5),
        "{error:?}"
    );
    assert!(error.is_retryable() && error.was_rejected());
    assert!(
        error.to_string().contains("timed out connecting"),
        "{error}"
    );
    assert_error_clean(&error);
    drop(queued);
}

#[tokio::test]
async fn slow_answers_time_out() {
    let fake = fake().await;
    let client = dingtalk_builder(&fake)
        .timeout(Duration::from_millis(1000))
        .build()
        .expect("client");
    client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect("warm the token");
    fake.inject(PREENTRY, Fault::Latency(Duration::from_secs(3)), 1);
    client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect("idempotent: retried");
    assert_eq!(fake.requests(PREENTRY), 3);

    fake.inject(CREATE, Fault::Latency(Duration::from_secs(3)), 1);
    let error = create_error(&client, "timeout").await;
    assert!(
        matches!(error, Error::Timeout { connect: false, .. }),
        "{error:?}"
    );
    assert_eq!(fake.requests(CREATE), 1);
    assert_error_clean(&error);
}

#[tokio::test]
async fn v1_throttling_403_is_retried() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject(
        DISMISSIONS,
        Fault::http_code(403, "Forbidden.AccessDenied.QpsLimitForApi"),
        2,
    );
    client
        .hrm()
        .dismissions(&hrm::dismissions::Request::new())
        .await
        .expect("retried");
    assert_eq!(fake.requests(DISMISSIONS), 3);
}

#[tokio::test]
async fn expired_tokens_are_refreshed_once() {
    for rejection in [
        TokenRejection::First,
        TokenRejection::Code("42001".into()),
        TokenRejection::Wrapped("88".into(), "40014".into()),
    ] {
        let fake = fake().await;
        fake.reject_tokens_with(rejection.clone());
        let client = dingtalk(&fake);
        client
            .hrm()
            .querypreentry(&preentry())
            .await
            .expect("first");
        assert_eq!(fake.token_requests(), 1);
        fake.expire_tokens();
        client
            .hrm()
            .querypreentry(&preentry())
            .await
            .expect("refreshed");
        assert_eq!(fake.token_requests(), 2, "{rejection:?}");
        assert_eq!(fake.requests(PREENTRY), 3, "{rejection:?}");
    }
}

#[tokio::test]
async fn expired_tokens_on_v1_are_refreshed() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let request = hrm::dismissions::Request::new();
    client.hrm().dismissions(&request).await.expect("first");
    fake.expire_tokens();
    client.hrm().dismissions(&request).await.expect("refreshed");
    assert_eq!(fake.token_requests(), 2);
    assert_eq!(fake.requests(DISMISSIONS), 3);
}

#[tokio::test]
async fn a_token_rejected_twice_surfaces() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject(PREENTRY, Fault::code("40014"), 2);
    let error = client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect_err("rejected twice");
    assert_eq!(platform_code(&error), "40014");
    assert!(error.is_token_rejected());
    assert_eq!(fake.token_requests(), 2);
    assert_eq!(fake.requests(PREENTRY), 2);
    assert_error_clean(&error);
}

#[tokio::test]
async fn malformed_and_truncated_bodies_are_decode_errors() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject(PREENTRY, Fault::MalformedJson, 1);
    let error = client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect_err("malformed");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert_error_clean(&error);

    fake.inject(PREENTRY, Fault::TruncatedJson, 1);
    let error = client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect_err("truncated");
    match &error {
        Error::Decode { path, snippet, .. } => {
            assert!(!path.is_empty());
            assert!(snippet.len() <= 600, "{snippet}");
        }
        other => panic!("{other:?}"),
    }
    assert_error_clean(&error);
    assert_eq!(fake.requests(PREENTRY), 2, "decode errors are not retried");
}

#[tokio::test]
async fn a_truncated_token_answer_leaks_nothing() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject("/gettoken", Fault::TruncatedJson, 1);
    let error = client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect_err("truncated token");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert_error_clean(&error);
}

#[tokio::test]
async fn html_pages_are_ip_bans() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject(PREENTRY, Fault::HtmlBan, 1);
    let error = client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect_err("banned");
    assert!(matches!(error, Error::IpBanned { .. }), "{error:?}");
    assert!(error.to_string().contains("HTML"));
    assert_eq!(fake.requests(PREENTRY), 1);
    assert_error_clean(&error);
}

#[tokio::test]
async fn token_endpoint_faults() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject("/gettoken", Fault::Status(503), 1);
    client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect("token fetch retried");
    assert_eq!(fake.token_requests(), 2);

    let wrong = dingtalk_builder(&fake)
        .credentials(
            oapi_client::fake::credential("dingtalk", "app_key"),
            "wrong-secret",
        )
        .build()
        .expect("client");
    let error = wrong
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect_err("bad secret");
    match &error {
        Error::Auth { endpoint, code, .. } => {
            assert_eq!(*endpoint, "hrm.querypreentry");
            assert!(!code.is_empty(), "the platform's code is kept");
        }
        other => panic!("{other:?}"),
    }
    assert!(!format!("{error} {error:?}").contains("wrong-secret"));
    assert_error_clean(&error);
}

#[tokio::test]
async fn validation_happens_before_any_io() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let error = client
        .hrm()
        .querypreentry(&hrm::querypreentry::Request::new(0, 51))
        .await
        .expect_err("size 51");
    match &error {
        Error::Validation { endpoint, source } => {
            assert_eq!(*endpoint, "hrm.querypreentry");
            assert_eq!(source.violations[0].path, "size");
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("size"), "{error}");
    assert_eq!(fake.total_requests(), 0);
    assert_error_clean(&error);
}

/// A hand-written request without the generated limits, to reach the
/// platform's own checks.
#[derive(serde::Serialize)]
struct UncheckedPreentry {
    offset: i64,
    size: i64,
}

impl oapi_client::Validate for UncheckedPreentry {
    fn validate_into(
        &self,
        _path: &oapi_client::FieldPath<'_>,
        _out: &mut Vec<oapi_client::Violation>,
    ) {
    }
}

impl oapi_client::Endpoint for UncheckedPreentry {
    type Response = serde_json::Value;
    const INFO: oapi_client::EndpointInfo = oapi_client::EndpointInfo {
        name: "unchecked.querypreentry",
        method: oapi_client::Method::Post,
        path: PREENTRY,
        gateway: &oapi_client::dingtalk::OAPI,
        auth: true,
        idempotent: true,
        rate_limits: &[],
    };
    const HAS_BODY: bool = true;
}

#[tokio::test]
async fn the_server_enforces_limits_too() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let error = client
        .0
        .call(&UncheckedPreentry {
            offset: 0,
            size: 51,
        })
        .await
        .expect_err("size 51");
    match &error {
        Error::Platform { code, message, .. } => {
            // The spec's invalid-parameter code; the message names the field.
            assert_eq!(code, "40035");
            assert!(message.contains("`size` must be at most 50"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(error.endpoint(), Some("unchecked.querypreentry"));
    assert_eq!(fake.requests(PREENTRY), 1);
}

struct BadSigner;
impl Signer for BadSigner {
    fn sign(&self, _params: &[(&str, &str)], _secret: &Secret<String>) -> String {
        "0000".into()
    }
}

#[tokio::test]
async fn shiheng_rejects_a_bad_signature() {
    let fake = fake().await;
    let client = shiheng_builder(&fake)
        .signer(BadSigner)
        .build()
        .expect("client");
    let error = client
        .employee()
        .list(&employee::list::Request::new(1, 10))
        .await
        .expect_err("bad sign");
    match &error {
        Error::Platform {
            code,
            message,
            request_id,
            ..
        } => {
            // 食亨 documents no code for it: the fake's generic refusal.
            assert_eq!(code, "401");
            assert_eq!(message, "signature mismatch");
            assert!(request_id.is_some(), "traceId kept");
        }
        other => panic!("{other:?}"),
    }
    assert!(!error.is_retryable());
    assert_error_clean(&error);
}

#[tokio::test]
async fn shiheng_faults() {
    let fake = fake().await;
    let client = shiheng(&fake);
    let request = employee::list::Request::new(1, 10);
    fake.inject(SHIHENG_EMPLOYEE_PATH, Fault::Status(500), 1);
    client.employee().list(&request).await.expect("5xx retried");
    fake.inject(SHIHENG_EMPLOYEE_PATH, Fault::code("500"), 1);
    let error = client
        .employee()
        .list(&request)
        .await
        .expect_err("business error");
    assert_eq!(platform_code(&error), "500");
    fake.inject(SHIHENG_EMPLOYEE_PATH, Fault::TruncatedJson, 1);
    let error = client
        .employee()
        .list(&request)
        .await
        .expect_err("truncated");
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert_eq!(fake.requests(SHIHENG_EMPLOYEE_PATH), 4);
    assert_error_clean(&error);
}

#[tokio::test]
async fn retries_stop_at_max_attempts() {
    let fake = fake().await;
    let client = dingtalk_builder(&fake)
        .retry_policy(RetryPolicy {
            max_attempts: 2,
            ..e2e_support::fast_retries()
        })
        .build()
        .expect("client");
    fake.inject(PREENTRY, Fault::code("90018"), 5);
    let error = client
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect_err("throttled");
    assert!(error.is_throttling());
    assert_eq!(fake.requests(PREENTRY), 2);
    assert_error_clean(&error);
}

#[tokio::test]
async fn a_failed_token_fetch_never_sent_the_request() {
    // The token request drops; the create itself never left, so even this
    // non-idempotent call is retried, and creates exactly one announcement.
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject("/gettoken", Fault::DropConnection, 1);
    client
        .blackboard()
        .create(&new_blackboard())
        .await
        .expect("retried");
    assert_eq!(fake.token_requests(), 2);
    assert_eq!(fake.requests(CREATE), 1);
    assert_eq!(fake.store_len("blackboards"), 1);
}
