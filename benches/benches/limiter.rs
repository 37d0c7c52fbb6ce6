//! What a rate-limit turn costs a call, limits never binding (so only the
//! limiter's own work is timed): the default in-process limiter, and the
//! fleet's limiter on a redis-server started here on loopback (one
//! `EVALSHA` round trip per turn), one call at a time and 64 at a time;
//! and the fleet token store's read of a token it already has.
//!
//! ```text
//! cargo bench -p oapi-benches --bench limiter
//! ```

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use oapi_client::runtime::rate::{Limited, LocalLimiter, RateLimiter, interval};
use oapi_client::runtime::spec::{RateLimit, Scope};
use oapi_client::{CachedToken, Secret, TokenStore};
use oapi_redis::Redis;
use oapi_redis::testing::RedisServer;

const CONCURRENCY: usize = 64;

/// DingTalk's two limits on a call (per endpoint and per app), scaled up.
fn limits() -> Vec<Limited> {
    [
        (Scope::AppEndpoint, "ep:hrm.querypreentry"),
        (Scope::App, "app"),
    ]
    .into_iter()
    .map(|(per, scope)| {
        let limit = RateLimit {
            per,
            limit: 1_000_000_000,
            window_ms: 1000,
        };
        Limited {
            key: format!("dingtalk:bench-app:{scope}"),
            limit,
            interval: interval(&limit, Duration::ZERO),
        }
    })
    .collect()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn turns(c: &mut Criterion) {
    let rt = runtime();
    let limits = limits();
    // Turns are counted in microseconds: a loop taking millions of them per
    // second queues them up; the wait allowed is unbounded so that every
    // turn is taken (its cost does not depend on the wait it returns).
    let max_wait = Duration::from_secs(1 << 40);
    let server = RedisServer::start().expect("redis-server for the benchmark");
    let (redis, local) = rt.block_on(async {
        let redis = Redis::open(&server.url()).unwrap().limiter();
        // Loads the script; every turn after is one EVALSHA.
        assert!(redis.reserve(&limits, max_wait).await.is_ok());
        (redis, LocalLimiter::new())
    });
    let mut group = c.benchmark_group("turn");
    group.sample_size(50);
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Elements(1));
    group.bench_function("local/c1", |b| {
        b.iter(|| local.reserve_now(black_box(&limits), max_wait).unwrap())
    });
    group.bench_function("redis/c1", |b| {
        b.to_async(&rt)
            .iter(|| async { redis.reserve(&limits, max_wait).await.unwrap() })
    });
    group.throughput(Throughput::Elements(CONCURRENCY as u64));
    group.bench_function("local/c64", |b| {
        b.to_async(&rt).iter(|| {
            futures::future::join_all(
                (0..CONCURRENCY).map(|_| async { local.reserve(&limits, max_wait).await.unwrap() }),
            )
        })
    });
    group.bench_function("redis/c64", |b| {
        b.to_async(&rt).iter(|| {
            futures::future::join_all(
                (0..CONCURRENCY).map(|_| async { redis.reserve(&limits, max_wait).await.unwrap() }),
            )
        })
    });
    group.finish();
    assert!(!Redis::open(&server.url()).unwrap().is_down());
}

fn tokens(c: &mut Criterion) {
    let rt = runtime();
    let server = RedisServer::start().expect("redis-server for the benchmark");
    let store = Redis::open(&server.url()).unwrap().token_store();
    rt.block_on(store.put(
        "dingtalk:app:bench-app",
        CachedToken {
            value: Secret::new("bench-token".to_owned()),
            expires_at: SystemTime::now() + Duration::from_secs(3600),
        },
    ));
    // A process's read of the token it has: no round trip (polled once).
    c.bench_function("token/redis_store_hit", |b| {
        b.iter(|| {
            futures::executor::block_on(store.get(black_box("dingtalk:app:bench-app"))).unwrap()
        })
    });
}

criterion_group!(benches, turns, tokens);
criterion_main!(benches);
