//! The client against a hostile server on loopback: redirects elsewhere,
//! messages quoting credentials or forging log lines, huge and endless
//! answers, absurd token lifetimes. A sentinel secret and a sentinel token
//! are searched for in every error (Display and Debug), in every log line
//! and in everything a redirect target receives.

mod e2e_support;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use e2e_support::hostile::{Hostile, Received, Reply};
use oapi_client::dingtalk::{self, hrm};
use oapi_client::{Error, Redirects, RetryPolicy};

const SECRET: &str = "SENTINEL-app-secret-0f9e8d";
const TOKEN: &str = "SENTINEL-tok-51c2a7";
const PREENTRY: &str = "/topapi/smartwork/hrm/employee/querypreentry";

fn token_answer(expires_in: &str) -> Reply {
    Reply::Json(format!(
        r#"{{"errcode":0,"errmsg":"ok","access_token":"{TOKEN}","expires_in":{expires_in}}}"#
    ))
}

const OK_PAGE: &str = r#"{"errcode":0,"errmsg":"ok","result":{"data_list":["u1"]}}"#;

fn is_token(request: &Received) -> bool {
    request.target().starts_with("/gettoken")
}

fn builder(base_url: &str) -> oapi_client::ClientBuilder<dingtalk::Client> {
    dingtalk::Client::builder()
        .credentials("app-key-1", SECRET)
        .base_url("oapi", base_url)
        .base_url("api", base_url)
        // Floods of 200 calls check tokens and redaction, not the rate limits.
        .enforce_rate_limits(false)
        .retry_policy(RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(2),
            total_budget: Duration::from_secs(10),
        })
}

fn preentry() -> hrm::querypreentry::Request {
    hrm::querypreentry::Request::new(0, 50)
}

/// Captured log output (every level) of one test.
#[derive(Clone, Default)]
struct Logs(Arc<Mutex<Vec<u8>>>);

impl Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("logs").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Logs {
    /// Captures the logs of the current thread (tests run on a
    /// current-thread runtime, so the client's tasks log here too).
    fn capture() -> (Logs, tracing::subscriber::DefaultGuard) {
        let logs = Logs::default();
        let writer = logs.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        (logs, tracing::subscriber::set_default(subscriber))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("logs")).into_owned()
    }
}

fn assert_clean(what: &str, text: &str) {
    for sentinel in [SECRET, TOKEN] {
        assert!(
            !text.contains(sentinel),
            "{what} leaked `{sentinel}`: {text}"
        );
    }
}

fn assert_error_clean(error: &Error) {
    assert_clean("error", &format!("{error} {error:?}"));
}

#[tokio::test]
async fn redirects_to_another_host_are_not_followed_and_carry_nothing_there() {
    let attacker = Hostile::start(|_, _| Reply::Json(OK_PAGE.into())).await;
    let target = format!("{}/steal", attacker.base_url);
    for status in [301, 302, 303, 307, 308] {
        let location = target.clone();
        let platform = Hostile::start(move |request, _| {
            if is_token(request) {
                token_answer("7200")
            } else {
                Reply::Redirect(status, location.clone())
            }
        })
        .await;
        for redirects in [Redirects::None, Redirects::SameHost { max: 5 }] {
            let client = builder(&platform.base_url)
                .redirects(redirects)
                .build()
                .expect("client");
            let error = client.hrm().querypreentry(&preentry()).await.unwrap_err();
            assert!(
                matches!(error, Error::Redirect { status: s, .. } if s == status),
                "{status} {redirects:?}: {error:?}"
            );
            assert!(!error.is_retryable());
            assert_error_clean(&error);
        }
    }
    // The token request redirected: the secret in its query does not follow.
    let location = target.clone();
    let platform = Hostile::start(move |_, _| Reply::Redirect(302, location.clone())).await;
    let client = builder(&platform.base_url)
        .redirects(Redirects::SameHost { max: 5 })
        .build()
        .expect("client");
    let error = client.hrm().querypreentry(&preentry()).await.unwrap_err();
    assert_error_clean(&error);
    assert!(
        attacker.received().is_empty(),
        "the attacker received: {:?}",
        attacker
            .received()
            .iter()
            .map(Received::text)
            .collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn same_host_redirects_are_followed_only_when_opted_in_and_without_referer() {
    let platform = Hostile::start(|request, _| {
        if is_token(request) {
            token_answer("7200")
        } else if request.target().starts_with(PREENTRY) {
            Reply::Redirect(307, "/moved".into())
        } else {
            Reply::Json(OK_PAGE.into())
        }
    })
    .await;
    let error = builder(&platform.base_url)
        .build()
        .expect("client")
        .hrm()
        .querypreentry(&preentry())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Redirect { status: 307, .. }),
        "{error:?}"
    );
    let page = builder(&platform.base_url)
        .redirects(Redirects::SameHost { max: 2 })
        .build()
        .expect("client")
        .hrm()
        .querypreentry(&preentry())
        .await
        .expect("followed on the same host");
    assert_eq!(
        page.result.and_then(|r| r.data_list),
        Some(vec!["u1".into()])
    );
    let moved: Vec<Received> = platform
        .received()
        .into_iter()
        .filter(|r| r.target().starts_with("/moved"))
        .collect();
    assert_eq!(moved.len(), 1);
    assert!(
        !moved[0].head.to_ascii_lowercase().contains("referer"),
        "{}",
        moved[0].head
    );
    // 307 keeps the body on the same host, as HTTP says.
    assert_eq!(moved[0].body, br#"{"offset":0,"size":50}"#);
}

#[tokio::test]
async fn platform_messages_quoting_credentials_are_redacted_everywhere() {
    let (logs, _guard) = Logs::capture();
    let message = format!(
        "bad url https://oapi.example/x?access_token={TOKEN}&appsecret={SECRET}; token {TOKEN}; \
         secret \\\"{SECRET}\\\""
    );
    let platform = Hostile::start(move |request, _| {
        if is_token(request) {
            token_answer("7200")
        } else {
            // 90018: throttling, so the message is also logged by retries.
            Reply::Json(format!(r#"{{"errcode":90018,"errmsg":"{message}"}}"#))
        }
    })
    .await;
    let client = builder(&platform.base_url).build().expect("client");
    let error = client.hrm().querypreentry(&preentry()).await.unwrap_err();
    assert!(matches!(error, Error::Platform { .. }), "{error:?}");
    assert_error_clean(&error);
    assert!(error.to_string().contains("***"), "{error}");
    // The token endpoint quoting the secret in its refusal.
    let refusing = Hostile::start(|_, _| {
        Reply::Json(format!(
            r#"{{"errcode":40089,"errmsg":"invalid appsecret {SECRET} for appkey app-key-1"}}"#
        ))
    })
    .await;
    let error = builder(&refusing.base_url)
        .build()
        .expect("client")
        .hrm()
        .querypreentry(&preentry())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    assert_error_clean(&error);
    let logs = logs.text();
    assert!(logs.contains("retrying"), "the retries were logged: {logs}");
    assert_clean("logs", &logs);
}

#[tokio::test]
async fn messages_cannot_forge_log_lines_nor_flood_them() {
    let (logs, _guard) = Logs::capture();
    let forged = "ok\\n2026-12-06T00:00:00Z  INFO fake: all good\\u001b[2J\\u202Egnp.exe";
    let huge = "洪".repeat(16 * 1024 * 1024);
    let platform = Hostile::start(move |request, index| {
        if is_token(request) {
            token_answer("7200")
        } else if index < 4 {
            Reply::Json(format!(r#"{{"errcode":90018,"errmsg":"{forged}"}}"#))
        } else {
            Reply::Json(format!(r#"{{"errcode":90018,"errmsg":"{huge}"}}"#))
        }
    })
    .await;
    let client = builder(&platform.base_url)
        .max_response_bytes(64 * 1024 * 1024)
        .build()
        .expect("client");
    let error = client.hrm().querypreentry(&preentry()).await.unwrap_err();
    let shown = format!("{error}\n{error:?}");
    for bad in ['\u{1b}', '\u{202E}'] {
        assert!(!shown.contains(bad), "{bad:?} reached the error: {shown}");
    }
    assert_eq!(shown.lines().count(), 2, "{shown}");
    let before = logs.text();
    assert!(!before.contains("\nINFO") && !before.contains("\n2026-12-06T00:00:00Z"));
    assert!(!before.contains('\u{1b}') && !before.contains('\u{202E}'));
    // A 48 MB message: bounded in the error and in the logs.
    let error = client.hrm().querypreentry(&preentry()).await.unwrap_err();
    assert!(
        error.to_string().len() < 4 * 1024,
        "{} bytes",
        error.to_string().len()
    );
    let logged = logs.text().len() - before.len();
    assert!(logged < 64 * 1024, "one call logged {logged} bytes");
}

#[tokio::test]
async fn answers_beyond_the_size_limit_are_refused_while_streaming() {
    let platform = Hostile::start(|request, index| {
        if is_token(request) {
            token_answer("7200")
        } else if index % 2 == 1 {
            Reply::Chunked {
                chunk: vec![b' '; 64 * 1024],
                times: u64::MAX,
            }
        } else {
            Reply::Declared {
                length: 2 * 1024 * 1024 * 1024,
                send: 0,
            }
        }
    })
    .await;
    let client = builder(&platform.base_url)
        .max_response_bytes(1024 * 1024)
        .build()
        .expect("client");
    for _ in 0..2 {
        let error = client.hrm().querypreentry(&preentry()).await.unwrap_err();
        assert!(
            matches!(
                error,
                Error::ResponseTooLarge {
                    limit: 1_048_576,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(!error.is_retryable());
    }
}

#[tokio::test]
async fn absurd_token_lifetimes_neither_panic_nor_hammer_the_token_endpoint() {
    for expires_in in [
        "9223372036854775807",
        "9223372036854775000",
        "1000000000000",
        "0",
        "-7200",
    ] {
        let platform = Hostile::start(move |request, _| {
            if is_token(request) {
                token_answer(expires_in)
            } else {
                Reply::Json(OK_PAGE.into())
            }
        })
        .await;
        let client = builder(&platform.base_url).build().expect("client");
        let started = std::time::Instant::now();
        for _ in 0..200 {
            client
                .hrm()
                .querypreentry(&preentry())
                .await
                .unwrap_or_else(|e| panic!("expires_in {expires_in}: {e}"));
        }
        // One fetch, and at most one more per refresh interval (5 s) if the
        // token is said to expire at once.
        let bound = 1 + started.elapsed().as_secs() / 5;
        let token_requests = platform.received().iter().filter(|r| is_token(r)).count();
        assert!(
            (1..=bound as usize).contains(&token_requests),
            "expires_in {expires_in}: {token_requests} token requests"
        );
    }
}

#[tokio::test]
async fn a_permission_403_is_not_retried_as_throttling() {
    let platform = Hostile::start(|request, _| {
        if is_token(request) {
            token_answer("7200")
        } else {
            let body = r#"{"code":"Forbidden.AccessDenied","message":"no permission"}"#;
            Reply::Raw(
                format!(
                    "HTTP/1.1 403 Forbidden\r\ncontent-type: application/json\r\n\
                     content-length: {}\r\n\r\n{body}",
                    body.len()
                )
                .into_bytes(),
            )
        }
    })
    .await;
    let client = builder(&platform.base_url).build().expect("client");
    let error = client
        .hrm()
        .dismissions(&hrm::dismissions::Request::new())
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::Platform { status: 403, .. }),
        "{error:?}"
    );
    assert!(!error.is_retryable() && !error.is_throttling());
    let calls = platform.received().iter().filter(|r| !is_token(r)).count();
    assert_eq!(calls, 1, "a permission error is surfaced at once");
}

#[tokio::test]
async fn decode_errors_quote_bodies_escaped() {
    let platform = Hostile::start(|request, _| {
        if is_token(request) {
            token_answer("7200")
        } else {
            Reply::Json("{\"errcode\":0,\"result\":{\"data_list\":[\"\u{1b}[31m\",7]}}\u{7}".into())
        }
    })
    .await;
    let client = builder(&platform.base_url).build().expect("client");
    let error = client.hrm().querypreentry(&preentry()).await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
        "{shown}"
    );
}
