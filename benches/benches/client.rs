//! What the generated client adds to a request.
//!
//! - `call/*`: one `hrm.querypreentry` call (POST, token in the query, body
//!   `{"offset":0,"size":50}`, 50 ids back) against the embedded fake
//!   platform on 127.0.0.1, through the generated client and written by hand
//!   with reqwest + serde_json (same URL, token, body bytes and response
//!   parsing), one at a time and 64 at a time.
//! - `validate/blackboard.create_1000_userids`: `validate()` of the largest
//!   request (1,000 receiver userids).
//! - `token/cache_hit`: `Client::access_token()` with the token cached.
//!
//! ```text
//! cargo bench -p oapi-benches --bench client
//! ```

use std::hint::black_box;
use std::time::Duration;

mod common;

use common::runtime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use oapi_client::Validate;
use oapi_client::dingtalk::{self, blackboard, hrm};
use oapi_client::fake;
use serde::{Deserialize, Serialize};

const PATH: &str = "/topapi/smartwork/hrm/employee/querypreentry";
const CONCURRENCY: usize = 64;

/// The request body, as a hand-written client would type it.
#[derive(Serialize)]
struct Body {
    offset: i64,
    size: i64,
}

/// The answer, as a hand-written client would type it: the OAPI envelope
/// with the business part.
#[derive(Deserialize)]
struct Answer {
    errcode: i64,
    #[serde(default)]
    errmsg: Option<String>,
    #[serde(default)]
    result: Option<PageResult>,
}

#[derive(Deserialize)]
struct PageResult {
    #[serde(default)]
    next_cursor: Option<i64>,
    #[serde(default)]
    data_list: Option<Vec<String>>,
}

/// The same call written by hand.
struct Hand {
    http: reqwest::Client,
    url: String,
    token: String,
}

impl Hand {
    async fn call(&self) -> PageResult {
        let body = serde_json::to_vec(&Body {
            offset: 0,
            size: 50,
        })
        .unwrap();
        let response = self
            .http
            .post(&self.url)
            .query(&[("access_token", self.token.as_str())])
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success());
        let bytes = response.bytes().await.unwrap();
        let answer: Answer = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(answer.errcode, 0, "{:?}", answer.errmsg);
        answer.result.unwrap()
    }
}

async fn generated_call(client: &dingtalk::Client) -> hrm::querypreentry::Response {
    client
        .hrm()
        .querypreentry(&hrm::querypreentry::Request::new(0, 50))
        .await
        .unwrap()
}

fn calls(c: &mut Criterion) {
    let rt = runtime();
    let (fake, client, hand, hand_configured) = rt.block_on(async {
        let fake = fake::start().await.unwrap();
        let client = fake
            .configure(dingtalk::Client::builder())
            // The client's own cost, not the declared 40/s (benches/benches/limiter.rs).
            .enforce_rate_limits(false)
            .build()
            .unwrap();
        let token = client.0.access_token().await.unwrap().expose().clone();
        let hand = Hand {
            http: reqwest::Client::new(),
            url: format!("{}{PATH}", fake.base_url()),
            token: token.clone(),
        };
        // The same, on a reqwest client configured as the generated one's
        // (connect and request timeouts, user agent, no proxy lookup).
        let hand_configured = Hand {
            http: reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(5))
                .timeout(Duration::from_secs(30))
                .user_agent("oapi-client/0.1.0")
                .no_proxy()
                .build()
                .unwrap(),
            url: format!("{}{PATH}", fake.base_url()),
            token,
        };
        // Both answers agree before anything is timed.
        let typed = generated_call(&client).await.result.unwrap();
        let by_hand = hand.call().await;
        assert_eq!(typed.data_list, by_hand.data_list);
        assert_eq!(typed.next_cursor, by_hand.next_cursor);
        hand_configured.call().await;
        (fake, client, hand, hand_configured)
    });

    let mut group = c.benchmark_group("call");
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(8));
    group.throughput(Throughput::Elements(1));
    group.bench_function("generated/c1", |b| {
        b.to_async(&rt).iter(|| generated_call(&client))
    });
    group.bench_function("hand/c1", |b| b.to_async(&rt).iter(|| hand.call()));
    group.bench_function("hand_configured/c1", |b| {
        b.to_async(&rt).iter(|| hand_configured.call())
    });
    group.throughput(Throughput::Elements(CONCURRENCY as u64));
    group.bench_function("generated/c64", |b| {
        b.to_async(&rt)
            .iter(|| futures::future::join_all((0..CONCURRENCY).map(|_| generated_call(&client))))
    });
    group.bench_function("hand/c64", |b| {
        b.to_async(&rt)
            .iter(|| futures::future::join_all((0..CONCURRENCY).map(|_| hand.call())))
    });
    group.bench_function("hand_configured/c64", |b| {
        b.to_async(&rt)
            .iter(|| futures::future::join_all((0..CONCURRENCY).map(|_| hand_configured.call())))
    });
    group.finish();
    drop(fake);
}

fn largest_request() -> blackboard::create::Request {
    let userids: Vec<String> = (0..1000).map(|i| format!("user{i:04}")).collect();
    blackboard::create::Request::new(
        blackboard::create::CreateRequest::new(
            "manager01",
            blackboard::create::BlackboardReceiver::new()
                .userid_list(userids)
                .deptid_list((1..=20).collect::<Vec<i64>>()),
            "入职须知",
            "欢迎加入我们的大家庭",
        )
        .author("杨xx")
        .category_id("987uy66t5rt54er"),
    )
}

fn validate(c: &mut Criterion) {
    let request = largest_request();
    assert!(request.validate().is_ok());
    c.bench_function("validate/blackboard.create_1000_userids", |b| {
        b.iter(|| black_box(&request).validate())
    });
}

fn token(c: &mut Criterion) {
    let rt = runtime();
    let (fake, client) = rt.block_on(async {
        let fake = fake::start().await.unwrap();
        let client = fake
            .configure(dingtalk::Client::builder())
            // The client's own cost, not the declared 40/s (benches/benches/limiter.rs).
            .enforce_rate_limits(false)
            .build()
            .unwrap();
        client.0.access_token().await.unwrap();
        (fake, client)
    });
    let before = fake.token_requests();
    // The hit completes without waiting: polled once by a minimal executor.
    c.bench_function("token/cache_hit", |b| {
        b.iter(|| futures::executor::block_on(client.0.access_token()).unwrap())
    });
    c.bench_function("token/block_on_baseline", |b| {
        b.iter(|| futures::executor::block_on(async { black_box(1) }))
    });
    assert_eq!(
        fake.token_requests(),
        before,
        "every access was a cache hit"
    );
    drop(fake);
}

criterion_group!(benches, validate, token, calls);
criterion_main!(benches);
