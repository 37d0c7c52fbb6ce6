//! The Redis limiter and token store against a real redis-server (started
//! here on a loopback port): one round trip per turn, turns shared by
//! separate handles as by separate processes, the refresh lock, the
//! compare-and-delete of a rejected token, and the fallback while Redis is
//! down with recovery when it returns.

use std::time::{Duration, Instant, SystemTime};

use oapi_client::runtime::rate::{Limited, RateLimiter};
use oapi_client::runtime::spec::{RateLimit, Scope};
use oapi_client::{CachedToken, RefreshLock, Secret, TokenStore};
use oapi_redis::Redis;
use oapi_redis::testing::start_or_skip;

fn limited(key: &str, limit: u64, window_ms: u64) -> Limited {
    let limit = RateLimit {
        per: Scope::AppEndpoint,
        limit,
        window_ms,
    };
    Limited {
        key: key.to_owned(),
        limit,
        interval: oapi_client::runtime::rate::interval(&limit, Duration::ZERO),
    }
}

fn token(value: &str) -> CachedToken {
    CachedToken {
        value: Secret::new(value.to_owned()),
        expires_at: SystemTime::now() + Duration::from_secs(600),
    }
}

#[tokio::test]
async fn one_round_trip_per_turn() {
    let Some(server) = start_or_skip() else {
        return;
    };
    let limiter = Redis::open(&server.url()).unwrap().limiter();
    let limits = [limited("a", 1_000_000, 1000), limited("b", 1_000_000, 1000)];
    // The first turn may load the script (EVALSHA, NOSCRIPT, SCRIPT LOAD, EVALSHA).
    limiter.reserve(&limits, Duration::ZERO).await.unwrap();
    let evalsha = server.command_calls("evalsha").unwrap();
    let before = server.commands_processed().unwrap();
    for _ in 0..100 {
        limiter
            .reserve(&limits, Duration::from_secs(1))
            .await
            .unwrap();
    }
    let after = server.commands_processed().unwrap();
    assert_eq!(server.command_calls("evalsha").unwrap() - evalsha, 100);
    // Between the two counts (each INFO counts from the next on): the first
    // INFO, and what the 100 scripts ran (EVALSHA, TIME, a GET and a SET per
    // limit). No other request reached the server.
    let info = 1;
    assert_eq!(after - before - info, 100 * (1 + 1 + 2 * 2));
}

#[tokio::test]
async fn separate_handles_share_the_turns() {
    let Some(server) = start_or_skip() else {
        return;
    };
    // Two handles, as two processes would have: 10 per second (100 ms apart).
    let one = Redis::open(&server.url()).unwrap().limiter();
    let two = Redis::open(&server.url()).unwrap().limiter();
    let limits = [limited("shared", 10, 1000)];
    let mut waits = Vec::new();
    for i in 0..6 {
        let limiter = if i % 2 == 0 { &one } else { &two };
        waits.push(
            limiter
                .reserve(&limits, Duration::from_secs(5))
                .await
                .unwrap(),
        );
    }
    for (i, wait) in waits.iter().enumerate() {
        let expected = Duration::from_millis(100 * i as u64);
        assert!(
            *wait <= expected && *wait + Duration::from_millis(30) >= expected,
            "turn {i}: {wait:?}, expected about {expected:?}"
        );
    }
    let refused = one
        .reserve(&limits, Duration::from_millis(200))
        .await
        .unwrap_err();
    assert_eq!(refused.index, 0);
    assert!(refused.wait > Duration::from_millis(500), "{refused:?}");
}

#[tokio::test]
async fn one_refresh_lock_for_the_fleet_and_rejected_tokens_deleted_only_if_current() {
    let Some(server) = start_or_skip() else {
        return;
    };
    let one = Redis::open(&server.url())
        .unwrap()
        .token_store()
        .lock_ttl(Duration::from_millis(300));
    let two = Redis::open(&server.url()).unwrap().token_store();
    let RefreshLock::Taken(holder) = one.lock("p:app:key").await else {
        panic!("the first lock is taken");
    };
    assert_eq!(two.lock("p:app:key").await, RefreshLock::Busy);
    one.unlock("p:app:key", &holder).await;
    let two = two.lock_ttl(Duration::from_millis(300));
    let RefreshLock::Taken(second) = two.lock("p:app:key").await else {
        panic!("free after unlock");
    };
    // A stale holder cannot release another's lock.
    one.unlock("p:app:key", &holder).await;
    assert_eq!(one.lock("p:app:key").await, RefreshLock::Busy);
    // A holder that never unlocks (it died) loses the lock when it expires.
    let _ = second;
    tokio::time::sleep(Duration::from_millis(350)).await;
    assert!(matches!(one.lock("p:app:key").await, RefreshLock::Taken(_)));

    one.put("p:app:key", token("t1")).await;
    assert_eq!(two.get("p:app:key").await.unwrap().value.expose(), "t1");
    // Another process stored t2 meanwhile: rejecting t1 keeps t2.
    two.put("p:app:key", token("t2")).await;
    let three = Redis::open(&server.url()).unwrap().token_store();
    three
        .invalidate("p:app:key", &Secret::new("t1".into()))
        .await;
    assert_eq!(three.get("p:app:key").await.unwrap().value.expose(), "t2");
    three
        .invalidate("p:app:key", &Secret::new("t2".into()))
        .await;
    let fresh = Redis::open(&server.url()).unwrap().token_store();
    assert!(fresh.get("p:app:key").await.is_none(), "t2 deleted");
    let stored = server.command("KEYS *").unwrap();
    assert!(!stored.contains("secret"), "{stored}");
}

#[tokio::test]
async fn redis_down_falls_back_at_once_and_recovers() {
    let Some(mut server) = start_or_skip() else {
        return;
    };
    let redis = Redis::open(&server.url())
        .unwrap()
        .timeout(Duration::from_millis(200))
        .retry_after(Duration::from_millis(300));
    let limiter = redis.limiter().fallback_fleet_size(2);
    let tokens = redis.token_store();
    let limits = [limited("down", 10, 1000)];
    limiter.reserve(&limits, Duration::ZERO).await.unwrap();
    tokens.put("p:t:k", token("kept")).await;
    assert!(!redis.is_down());

    server.stop();
    let started = Instant::now();
    // The first turn finds Redis gone (refused connection or timeout), then
    // local turns at half the limit (fleet of 2: 200 ms apart).
    let first = limiter
        .reserve(&limits, Duration::from_secs(5))
        .await
        .unwrap();
    let second = limiter
        .reserve(&limits, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
    assert!(redis.is_down());
    assert!(
        second >= first + Duration::from_millis(190),
        "{first:?} then {second:?}"
    );
    assert_eq!(tokens.get("p:t:k").await.unwrap().value.expose(), "kept");
    // A token fetched while Redis is down is shared once it is back.
    tokens.put("p:t:other", token("fetched-while-down")).await;

    server.resume().unwrap();
    tokio::time::sleep(Duration::from_millis(350)).await;
    limiter
        .reserve(&limits, Duration::from_secs(5))
        .await
        .unwrap();
    assert!(
        !redis.is_down(),
        "the probe after retry_after finds Redis back"
    );
    let other = Redis::open(&server.url()).unwrap().token_store();
    assert!(
        other.get("p:t:other").await.is_none(),
        "not shared until asked"
    );
    assert_eq!(
        tokens.get("p:t:other").await.unwrap().value.expose(),
        "fetched-while-down"
    );
}
