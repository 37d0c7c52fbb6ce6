//! A fixed number of `hrm.querypreentry` calls against the embedded fake
//! platform, through the generated client or by hand, for an instruction
//! profiler (the fake server runs in the same process, so subtract the two
//! runs to get the client's own cost):
//!
//! ```text
//! cargo build --release -p oapi-benches --example call_profile
//! valgrind --tool=callgrind target/release/examples/call_profile generated 2000
//! valgrind --tool=callgrind target/release/examples/call_profile hand 2000
//! valgrind --tool=callgrind target/release/examples/call_profile hand_configured 2000
//! ```
//!
//! `hand_configured` uses a reqwest client configured as the generated
//! one's (timeouts, user agent, no proxy lookup).

use oapi_client::dingtalk::{self, hrm};
use oapi_client::fake;
use serde::{Deserialize, Serialize};

#[derive(Serialize)]
struct Body {
    offset: i64,
    size: i64,
}

#[derive(Deserialize)]
struct Answer {
    errcode: i64,
    #[serde(default)]
    result: Option<PageResult>,
}

#[derive(Deserialize)]
struct PageResult {
    #[serde(default)]
    data_list: Option<Vec<String>>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = args.first().map_or("generated", String::as_str).to_owned();
    let n: usize = args.get(1).map_or(2000, |n| n.parse().unwrap());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let fake = fake::start().await.unwrap();
        let client = fake
            .configure(dingtalk::Client::builder())
            // The client's own cost, not the declared 40/s (benches/benches/limiter.rs).
            .enforce_rate_limits(false)
            .build()
            .unwrap();
        let token = client.0.access_token().await.unwrap().expose().clone();
        let http = if mode == "hand_configured" {
            reqwest::Client::builder()
                .connect_timeout(std::time::Duration::from_secs(5))
                .timeout(std::time::Duration::from_secs(30))
                .user_agent("oapi-client/0.1.0")
                .no_proxy()
                .build()
                .unwrap()
        } else {
            reqwest::Client::new()
        };
        let url = format!(
            "{}/topapi/smartwork/hrm/employee/querypreentry",
            fake.base_url()
        );
        let mut ids = 0;
        for _ in 0..n {
            ids += if mode.starts_with("hand") {
                let body = serde_json::to_vec(&Body {
                    offset: 0,
                    size: 50,
                })
                .unwrap();
                let response = http
                    .post(&url)
                    .query(&[("access_token", token.as_str())])
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(body)
                    .send()
                    .await
                    .unwrap();
                let bytes = response.bytes().await.unwrap();
                let answer: Answer = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(answer.errcode, 0);
                answer.result.unwrap().data_list.unwrap().len()
            } else {
                client
                    .hrm()
                    .querypreentry(&hrm::querypreentry::Request::new(0, 50))
                    .await
                    .unwrap()
                    .result
                    .unwrap()
                    .data_list
                    .unwrap()
                    .len()
            };
        }
        println!("{mode}: {n} calls, {ids} ids");
    });
}
