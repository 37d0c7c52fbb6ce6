//! `RedisLimiter`: one GCRA counter per limit on Redis, shared by every
//! process of the app; one round trip per turn.

use std::sync::Arc;
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
#[derive(Clone)]
pub struct RedisLimiter {
    conn: Arc<Conn>,
    prefix: Arc<str>,
    local: Arc<LocalLimiter>,
    fleet_size: u32,
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

    /// The turn from this process's own limiter, at its share of each limit.
    fn local_turn(&self, limits: &[Limited], max_wait: Duration) -> Result<Duration, Refusal> {
        if self.fleet_size == 1 {
            return self.local.reserve_now(limits, max_wait);
        }
        let shares: Vec<Limited> = limits
            .iter()
            .map(|limit| Limited {
                interval: limit.interval.saturating_mul(self.fleet_size),
                ..limit.clone()
            })
            .collect();
        self.local.reserve_now(&shares, max_wait)
    }

    async fn turn(&self, limits: &[Limited], max_wait: Duration) -> Result<Duration, Refusal> {
        let mut invocation = SCRIPT.prepare_invoke();
        for limit in limits {
            invocation.key(format!("{}rl:{}", self.prefix, limit.key));
        }
        invocation.arg(micros(max_wait));
        for limit in limits {
            invocation.arg(micros(limit.interval));
        }
        let answer: Option<(i64, i64, i64)> = self
            .conn
            .run("rate limit turn", |mut conn| async move {
                invocation.invoke_async(&mut conn).await
            })
            .await;
        match answer {
            Some((taken, wait, index)) => {
                let wait = Duration::from_micros(u64::try_from(wait).unwrap_or(0));
                if taken == 1 {
                    Ok(wait)
                } else {
                    Err(Refusal {
                        index: usize::try_from(index).unwrap_or(0),
                        wait,
                    })
                }
            }
            None => self.local_turn(limits, max_wait),
        }
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
