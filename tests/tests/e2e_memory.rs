//! Peak memory while a hostile server streams an endless answer: reading
//! stops at the client's size limit, so the process never holds much more
//! than that limit. A test binary of its own, so that no other test moves
//! the peak (read from `/proc/self/status`, Linux).

mod e2e_support;

use std::time::{Duration, Instant};

use e2e_support::hostile::{Hostile, Reply};
use oapi_client::runtime::builder::DEFAULT_MAX_RESPONSE_BYTES;
use oapi_client::{Error, dingtalk};

/// The process's peak resident memory so far (`VmHWM`), in bytes.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("read /proc/self/status");
    let kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/self/status");
    kib * 1024
}

#[tokio::test]
async fn an_endless_answer_costs_at_most_the_size_limit() {
    let platform = Hostile::start(|request, _| {
        if request.target().starts_with("/gettoken") {
            Reply::Json(r#"{"errcode":0,"access_token":"t-123456","expires_in":7200}"#.into())
        } else {
            // Endless: 2 GB would take this much and more.
            Reply::Chunked {
                chunk: vec![b' '; 256 * 1024],
                times: u64::MAX,
            }
        }
    })
    .await;
    let client = dingtalk::Client::builder()
        .credentials("k", "s")
        .base_url("oapi", &platform.base_url)
        .build()
        .expect("client");
    let before = peak_rss();
    let started = Instant::now();
    let error = client
        .hrm()
        .querypreentry(&dingtalk::hrm::querypreentry::Request::new(0, 50))
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { limit, .. } if limit == DEFAULT_MAX_RESPONSE_BYTES),
        "{error:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    let grown = peak_rss().saturating_sub(before);
    assert!(
        grown < 3 * DEFAULT_MAX_RESPONSE_BYTES,
        "peak memory grew by {} MiB reading an endless answer (limit {} MiB)",
        grown >> 20,
        DEFAULT_MAX_RESPONSE_BYTES >> 20
    );
}
