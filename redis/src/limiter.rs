//! `RedisLimiter`: one GCRA counter per limit on Redis, shared by every
//! process of the app; one round trip per turn.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;
use oapi_runtime::rate::{Limited, LocalLimiter, RateLimiter, Refusal};

use super::conn::Conn;

/// The GCRA script (`gcra.lua`), sent once and then run by its SHA1
/// (`EVALSHA`, falling back to `EVAL` when the server does not know it).
static SCRIPT: std::sync::LazyLock<redis::Script> =
    std::sync::LazyLock::new(|| redis::Script::new(include_str!("gcra.lua")));

/// Rate limits counted on Redis for the whole fleet: pass it to
/// `ClientBuilder::rate_limiter`. Made by [`Redis::limiter`](crate::Redis::limiter).
///
/// Each turn is one script run on Redis (`EVALSHA`): atomic over every limit
/// of the call, on Redis's clock. While Redis does not answer, turns come
/// from a limiter of this process that takes `1 / fleet_size` of each limit
/// ([`fallback_fleet_size`](Self::fallback_fleet_size)), so a fleet of that
/// many processes stays within the limits without Redis; no call fails
/// because Redis is down.
///
/// When Redis answers again, the processes find out one by one (each
/// tries again every `retry_after`), and turns they took alone may still
/// be ahead of them (up to the longest wait). For that long after Redis is
/// back (`retry_after` + `timeout` + the longest wait asked), a process
/// takes each turn from both: Redis's, no sooner than its own limiter
/// allows, counted in both. Until every process has rejoined, each keeps to
/// its share; after, Redis alone counts for the fleet.
#[derive(Clone)]
pub struct RedisLimiter {
    conn: Arc<Conn>,
    prefix: Arc<str>,
    local: Arc<LocalLimiter>,
    fleet_size: u32,
    /// The longest wait asked so far, in milliseconds (how far ahead turns
    /// taken alone may reach).
    max_wait_ms: Arc<AtomicU64>,
    /// One rejoining turn at a time: each agrees with the local limiter.
    rejoin: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for RedisLimiter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisLimiter")
            .field("prefix", &self.prefix)
            .field("fallback_fleet_size", &self.fleet_size)
            .finish_non_exhaustive()
    }
}

impl RedisLimiter {
    pub(crate) fn new(conn: Arc<Conn>, prefix: Arc<str>) -> Self {
        RedisLimiter {
            conn,
            prefix,
            local: Arc::new(LocalLimiter::new()),
            fleet_size: 1,
            max_wait_ms: Arc::new(AtomicU64::new(0)),
            rejoin: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// How many processes share the limits, for the fallback while Redis
    /// is down: each then keeps to `1 / n` of every limit (default 1: the
    /// whole limit, so a fleet may exceed it together and meet the
    /// platform's throttling, which the client retries).
    pub fn fallback_fleet_size(mut self, n: u32) -> Self {
        self.fleet_size = n.max(1);
        self
    }

    /// This process's share of each limit.
    fn shares(&self, limits: &[Limited]) -> Vec<Limited> {
        limits
            .iter()
            .map(|limit| Limited {
                interval: limit.interval.saturating_mul(self.fleet_size),
                ..limit.clone()
            })
            .collect()
    }

    async fn turn(&self, limits: &[Limited], max_wait: Duration) -> Result<Duration, Refusal> {
        let wait_ms = u64::try_from(max_wait.as_millis()).unwrap_or(u64::MAX);
        self.max_wait_ms.fetch_max(wait_ms, Ordering::Relaxed);
        if self.conn.is_down() || self.rejoining() {
            return self.rejoining_turn(limits, max_wait).await;
        }
        match self.redis_turn(limits, max_wait, Duration::ZERO).await {
            Some(turn) => {
                if let Ok(wait) = turn {
                    // Should Redis fail next, this process's own turns start
                    // after the fleet's schedule as far as it knows it.
                    self.local.hold(limits, wait);
                }
                turn
            }
            // Redis just failed: this process's share, from now on.
            None => self.local.reserve_now(&self.shares(limits), max_wait),
        }
    }

    /// Whether Redis came back recently enough that turns taken alone may
    /// still be ahead (in this process or another).
    fn rejoining(&self) -> bool {
        let Some(at) = self.conn.recovered_at() else {
            return false;
        };
        let ahead = Duration::from_millis(self.max_wait_ms.load(Ordering::Relaxed));
        at.elapsed() < self.conn.retry_after + self.conn.timeout + ahead
    }

    /// A turn while Redis is down or the fleet rejoins it: this process's
    /// share, and Redis's turn too when it answers (no sooner than the share
    /// allows, counted in both).
    async fn rejoining_turn(
        &self,
        limits: &[Limited],
        max_wait: Duration,
    ) -> Result<Duration, Refusal> {
        let _one_at_a_time = self.rejoin.lock().await;
        let shares = self.shares(limits);
        let earliest = self.local.earliest(&shares);
        if earliest > max_wait {
            return self.local.reserve_now(&shares, max_wait);
        }
        match self.redis_turn(limits, max_wait, earliest).await {
            Some(Ok(wait)) => {
                // `wait` >= `earliest`: the local turn is the same send.
                let _ = self.local.reserve_after(&shares, max_wait, wait);
                Ok(wait)
            }
            Some(Err(refusal)) => Err(refusal),
            None => self.local.reserve_now(&shares, max_wait),
        }
    }

    /// A turn from Redis no sooner than `not_before`; `None` when Redis
    /// does not answer.
    async fn redis_turn(
        &self,
        limits: &[Limited],
        max_wait: Duration,
        not_before: Duration,
    ) -> Option<Result<Duration, Refusal>> {
        let mut invocation = SCRIPT.prepare_invoke();
        for limit in limits {
            invocation.key(format!("{}rl:{}", self.prefix, limit.key));
        }
        invocation.arg(micros(max_wait)).arg(micros(not_before));
        for limit in limits {
            invocation.arg(micros(limit.interval));
        }
        let answer: Option<(i64, i64, i64)> = self
            .conn
            .run("rate limit turn", |mut conn| async move {
                invocation.invoke_async(&mut conn).await
            })
            .await;
        let (taken, wait, index) = answer?;
        let wait = Duration::from_micros(u64::try_from(wait).unwrap_or(0));
        Some(if taken == 1 {
            Ok(wait)
        } else {
            Err(Refusal {
                index: usize::try_from(index).unwrap_or(0),
                wait,
            })
        })
    }
}

impl RateLimiter for RedisLimiter {
    fn reserve<'a>(
        &'a self,
        limits: &'a [Limited],
        max_wait: Duration,
    ) -> BoxFuture<'a, Result<Duration, Refusal>> {
        Box::pin(self.turn(limits, max_wait))
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}
