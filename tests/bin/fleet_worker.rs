//! One process of a test fleet (spawned by `tests/fleet.rs`): a DingTalk
//! client on the fake platform, sharing rate limits and the token on Redis,
//! making `tasks` × `calls` calls, then printing what happened.
//!
//! Arguments, as `name=value`: `fake` (the fake's base URL), `redis` (URL),
//! `key`, `secret` (the app's credentials), `tasks`, `calls`, `start_ms`
//! (Unix time to start calling at, so the fleet starts together),
//! `lock_ttl_ms`, `fleet` (fallback fleet size), `prefix` (Redis key prefix).
//! Prints `ready`, then `done ok=<n> failed=<n> elapsed_ms=<n>`; every
//! failure is printed on stderr; exits 1 if any call failed.

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use oapi_client::RetryPolicy;
use oapi_client::dingtalk::{self, hrm};

fn main() -> ExitCode {
    let args: HashMap<String, String> = std::env::args()
        .skip(1)
        .filter_map(|a| a.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .collect();
    let arg = |name: &str| args.get(name).cloned().unwrap_or_default();
    let number = |name: &str, default: u64| arg(name).parse().unwrap_or(default);
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async move {
        let redis = oapi_redis::Redis::open(&arg("redis"))
            .expect("redis URL")
            .prefix(arg("prefix"));
        let fake = arg("fake");
        let client = dingtalk::Client::builder()
            .credentials(arg("key"), arg("secret"))
            .base_url("oapi", format!("{fake}/dingtalk/oapi"))
            .base_url("api", format!("{fake}/dingtalk/api"))
            .rate_limiter(
                redis
                    .limiter()
                    .fallback_fleet_size(number("fleet", 1) as u32),
            )
            .token_store(
                redis
                    .token_store()
                    .lock_ttl(Duration::from_millis(number("lock_ttl_ms", 10_000))),
            )
            .max_rate_wait(Duration::from_secs(20))
            .retry_policy(RetryPolicy {
                max_attempts: 4,
                base_delay: Duration::from_millis(10),
                max_delay: Duration::from_millis(50),
                total_budget: Duration::from_secs(60),
            })
            .build()
            .expect("client");
        println!("ready");
        let start = UNIX_EPOCH + Duration::from_millis(number("start_ms", 0));
        if let Ok(wait) = start.duration_since(SystemTime::now()) {
            tokio::time::sleep(wait).await;
        }
        let started = Instant::now();
        let calls = number("calls", 1);
        let tasks: Vec<_> = (0..number("tasks", 1))
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move {
                    let mut failed = 0u64;
                    for _ in 0..calls {
                        let request = hrm::querypreentry::Request::new(0, 10);
                        if let Err(error) = client.hrm().querypreentry(&request).await {
                            eprintln!("call failed: {error}");
                            failed += 1;
                        }
                    }
                    failed
                })
            })
            .collect();
        let mut failed = 0;
        for task in tasks {
            failed += task.await.unwrap_or(calls);
        }
        let total = number("tasks", 1) * calls;
        println!(
            "done ok={} failed={failed} elapsed_ms={}",
            total - failed,
            started.elapsed().as_millis()
        );
        if failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        }
    })
}
