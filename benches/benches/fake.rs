//! What the generated fake platform sustains on loopback, so that it never
//! limits the client benchmarks: 64 concurrent requests at a time, written
//! by hand with reqwest (a client costs no more than it must), per kind of
//! work the fake does.
//!
//! - `fake/query_token_json`: `hrm.querypreentry`, token in the query, JSON
//!   body validated, 50 synthetic items paged into the errcode envelope.
//! - `fake/token`: the declared token endpoint (credentials checked, a
//!   token issued).
//! - `fake/signed_form`: 分贝通's `budget.create`: a form body, an md5
//!   signature recomputed, the parameters a JSON string holding an object
//!   with nested lists, all validated.
//! - `fake/not_found`: a path no spec declares (routing only).
//!
//! ```text
//! cargo bench -p oapi-benches --bench fake
//! ```

mod common;

use common::runtime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use oapi_client::fake::{self, FakePlatform};

const CONCURRENCY: usize = 64;

/// A token of `platform`'s first token rule, fetched as a client would.
async fn dingtalk_token(http: &reqwest::Client, fake: &FakePlatform) -> String {
    let url = format!("{}/gettoken", fake.gateway_url("dingtalk", "oapi"));
    let bytes = http
        .get(url)
        .query(&[
            ("appkey", fake::credential("dingtalk", "app_key")),
            ("appsecret", fake::credential("dingtalk", "app_secret")),
        ])
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    answer["access_token"].as_str().unwrap().to_owned()
}

/// One request; panics unless the fake answered `status`.
async fn send(request: reqwest::RequestBuilder, status: u16) {
    let response = request.send().await.unwrap();
    assert_eq!(response.status().as_u16(), status);
    let body = response.bytes().await.unwrap();
    assert!(!body.is_empty());
}

fn bench(c: &mut Criterion) {
    let rt = runtime();
    let (fake, http, token, signed) = rt.block_on(async {
        let fake = fake::start().await.unwrap();
        let http = reqwest::Client::new();
        let token = dingtalk_token(&http, &fake).await;
        // One signed request as the generated client builds it, replayed:
        // the fake checks the signature over the same bytes each time (its
        // timestamp stays within the fake's 10 minutes for the whole run).
        let client = fake
            .configure(oapi_client::fenbeitong::Client::builder())
            .build()
            .unwrap();
        let request: oapi_client::fenbeitong::budget::create::Request =
            serde_json::from_value(oapi_client::fake::example::request(
                fake.api()
                    .endpoints()
                    .find(|e| e.op_name == "budget.create")
                    .unwrap(),
            ))
            .unwrap();
        client.budget().create(&request).await.unwrap();
        let body = fake.bodies("/open/api/third/budget/create").pop().unwrap();
        (fake, http, token, body)
    });
    let oapi = fake.gateway_url("dingtalk", "oapi");
    let fbt = fake.gateway_url("fenbeitong", "open");
    let mut group = c.benchmark_group("fake");
    group.throughput(Throughput::Elements(CONCURRENCY as u64));
    group.bench_function("query_token_json/c64", |b| {
        b.to_async(&rt).iter(|| {
            futures::future::join_all((0..CONCURRENCY).map(|_| {
                let request = http
                    .post(format!(
                        "{oapi}/topapi/smartwork/hrm/employee/querypreentry"
                    ))
                    .query(&[("access_token", token.as_str())])
                    .header("content-type", "application/json")
                    .body(r#"{"offset":0,"size":50}"#);
                send(request, 200)
            }))
        })
    });
    group.bench_function("token/c64", |b| {
        b.to_async(&rt).iter(|| {
            futures::future::join_all((0..CONCURRENCY).map(|_| {
                let request = http.get(format!("{oapi}/gettoken")).query(&[
                    ("appkey", fake::credential("dingtalk", "app_key")),
                    ("appsecret", fake::credential("dingtalk", "app_secret")),
                ]);
                send(request, 200)
            }))
        })
    });
    group.bench_function("signed_form/c64", |b| {
        b.to_async(&rt).iter(|| {
            futures::future::join_all((0..CONCURRENCY).map(|_| {
                let request = http
                    .post(format!("{fbt}/open/api/third/budget/create"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(signed.clone());
                send(request, 200)
            }))
        })
    });
    group.bench_function("not_found/c64", |b| {
        b.to_async(&rt).iter(|| {
            futures::future::join_all(
                (0..CONCURRENCY)
                    .map(|_| send(http.post(format!("{oapi}/no/such/path")).body("{}"), 404)),
            )
        })
    });
    group.finish();
    // Every request above was answered as asserted; none was refused.
    let refused = fake
        .verdicts()
        .iter()
        .filter(|v| v.verdict != "ok" && v.status != 404)
        .count();
    assert_eq!(refused, 0, "the fake refused some benchmark requests");
}

criterion_group!(benches, bench);
criterion_main!(benches);
