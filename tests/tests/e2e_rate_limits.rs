//! Declared rate limits are kept before sending: against a fake platform
//! that counts (and refuses what is over a limit), a flood of calls of one
//! client is never throttled, uses the limit, and a call whose turn is too
//! far away fails typed without being sent. Endpoint-level limits reach the
//! client through the generated attribute. (Fleets of processes: `fleet.rs`.)

mod e2e_support;

use std::time::Duration;

use e2e_support::{fake, fast_retries};
use oapi_client::dingtalk::{self, hrm};
use oapi_client::fake::FakePlatform;
use oapi_client::runtime::spec::{RateLimit, Scope};
use oapi_client::{Endpoint, Error, RetryPolicy, feishu};

const PREENTRY: &str = "/topapi/smartwork/hrm/employee/querypreentry";
const CHILDREN: &str = "/open-apis/contact/v3/departments/{department_id}/children";

/// DingTalk's binding limit: 1,500 per minute per app, 25 per second.
const APP_PER_SECOND: f64 = 1500.0 / 60.0;

fn limited_dingtalk(fake: &FakePlatform) -> oapi_client::ClientBuilder<dingtalk::Client> {
    fake.configure(dingtalk::Client::builder())
        .retry_policy(fast_retries())
}

fn throttled(fake: &FakePlatform) -> usize {
    fake.verdicts()
        .iter()
        .filter(|v| v.verdict.starts_with("throttled"))
        .count()
}

/// Calls per second between the first and the last arrival.
fn rate(arrivals: &[Duration]) -> f64 {
    let span = arrivals[arrivals.len() - 1] - arrivals[0];
    (arrivals.len() - 1) as f64 / span.as_secs_f64()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_is_never_throttled_and_uses_the_limit() {
    let fake = fake().await;
    fake.enforce_rate_limits(true);
    let client = limited_dingtalk(&fake).build().expect("client");
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .hrm()
                    .querypreentry(&hrm::querypreentry::Request::new(0, 10))
                    .await
            })
        })
        .collect();
    for call in calls {
        call.await.expect("task").expect("every call succeeds");
    }
    assert_eq!(throttled(&fake), 0, "the fake refused none");
    let arrivals = fake.arrivals(PREENTRY);
    assert_eq!(arrivals.len(), 100, "each call sent once");
    let per_second = fake.max_in_window(PREENTRY, Duration::from_secs(1));
    let used = rate(&arrivals);
    eprintln!("100 calls: at most {per_second} in a second, {used:.2}/s");
    assert!(per_second <= 40, "{per_second} in one second");
    assert!(
        (0.9 * APP_PER_SECOND..=APP_PER_SECOND).contains(&used),
        "{used:.2}/s against {APP_PER_SECOND}/s"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_turn_beyond_the_longest_wait_fails_typed_and_unsent() {
    let fake = fake().await;
    let client = limited_dingtalk(&fake)
        .max_rate_wait(Duration::from_millis(100))
        .build()
        .expect("client");
    // The token request first, and its turn left behind (idle time is not
    // banked: the calls below start from an empty schedule).
    client.0.access_token().await.expect("token");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let calls: Vec<_> = (0..10)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .hrm()
                    .querypreentry(&hrm::querypreentry::Request::new(0, 10))
                    .await
            })
        })
        .collect();
    let mut sent = 0;
    let mut refused = 0;
    for call in calls {
        match call.await.expect("task") {
            Ok(_) => sent += 1,
            Err(Error::RateLimited {
                endpoint,
                limit,
                wait,
                max_wait,
            }) => {
                refused += 1;
                assert_eq!(endpoint, "hrm.querypreentry");
                assert_eq!(limit.per, Scope::App, "the 1,500/min app limit binds");
                assert_eq!(max_wait, Duration::from_millis(100));
                assert!(wait > max_wait, "{wait:?}");
            }
            Err(other) => panic!("unexpected {other}"),
        }
    }
    // Turns 40 ms apart (25/s): those within 100 ms go (0, 40, 80 ms; a
    // fourth only if the tasks asked 20 ms apart), the rest are refused.
    assert!((3..=4).contains(&sent), "{sent} sent");
    assert_eq!(sent + refused, 10);
    assert_eq!(
        fake.requests(PREENTRY),
        sent as u64,
        "refused calls are not sent"
    );
    let message = Error::RateLimited {
        endpoint: "hrm.querypreentry",
        limit: RateLimit {
            per: Scope::App,
            limit: 1500,
            window_ms: 60_000,
        },
        wait: Duration::from_millis(250),
        max_wait: Duration::from_millis(100),
    }
    .to_string();
    assert!(
        message.contains("hrm.querypreentry") && message.contains("1500 per 1m per app"),
        "{message}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn endpoint_limits_come_from_the_spec_through_the_derive() {
    let declared = <feishu::contact::department_children::Request as Endpoint>::INFO.rate_limits;
    let per_endpoint = |limit, window_ms| RateLimit {
        per: Scope::AppEndpoint,
        limit,
        window_ms,
    };
    assert_eq!(
        declared,
        [per_endpoint(50, 1000), per_endpoint(1000, 60_000)]
    );

    // Feishu declares no platform-wide limit: only the endpoint's own
    // 1,000/min spaces these calls (60 ms apart).
    let fake = fake().await;
    fake.enforce_rate_limits(true);
    let client = fake
        .configure(feishu::Client::builder())
        .retry_policy(fast_retries())
        .build()
        .expect("client");
    for _ in 0..12 {
        let request = feishu::contact::department_children::Request::new("D096");
        client
            .contact()
            .department_children(&request)
            .await
            .expect("call");
    }
    let arrivals = fake.arrivals(CHILDREN);
    let span = arrivals[11] - arrivals[0];
    assert!(
        span >= Duration::from_millis(11 * 59),
        "{span:?} for 12 calls"
    );
    assert_eq!(throttled(&fake), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_limiter_the_fake_throttles_a_flood() {
    // What the tests above would meet without the limiter: the fake counts
    // for real.
    let fake = fake().await;
    fake.enforce_rate_limits(true);
    let client = fake
        .configure(dingtalk::Client::builder())
        .enforce_rate_limits(false)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("client");
    client.0.access_token().await.expect("token");
    let calls: Vec<_> = (0..60)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .hrm()
                    .querypreentry(&hrm::querypreentry::Request::new(0, 10))
                    .await
            })
        })
        .collect();
    let mut throttled_errors = 0;
    for call in calls {
        if let Err(error) = call.await.expect("task") {
            assert!(error.is_throttling(), "{error}");
            throttled_errors += 1;
        }
    }
    assert_eq!(
        throttled_errors, 20,
        "40 per second per endpoint are served"
    );
    assert_eq!(throttled(&fake), 20);
}
