//! The default limiter: counters in this process's memory.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use futures::future::BoxFuture;

use super::gcra::{self, Turn};
use super::{Limited, RateLimiter, Refusal};

/// Counters pruned once the map holds this many (only those already idle).
const PRUNE_AT: usize = 4096;

/// Rate limits counted in this process ([GCRA](super::gcra), one TAT per
/// key, microseconds on a monotonic clock). Every client has its own unless
/// given one: share an `Arc<LocalLimiter>` between clients of one app in
/// one process, or use a shared limiter (`oapi-redis`) across processes.
#[derive(Debug)]
pub struct LocalLimiter {
    start: Instant,
    tats: Mutex<HashMap<String, u64>>,
}

impl Default for LocalLimiter {
    fn default() -> Self {
        LocalLimiter {
            start: Instant::now(),
            tats: Mutex::new(HashMap::new()),
        }
    }
}

impl LocalLimiter {
    /// An empty limiter.
    pub fn new() -> Self {
        LocalLimiter::default()
    }

    /// Takes a turn now (see [`RateLimiter::reserve`]); no await inside.
    pub fn reserve_now(&self, limits: &[Limited], max_wait: Duration) -> Result<Duration, Refusal> {
        self.reserve_after(limits, max_wait, Duration::ZERO)
    }

    /// Notes a turn another limiter gave `wait` from now under `limits`
    /// (each with its interval there): no turn here before it plus that
    /// interval. A shared limiter's process falls back on this one knowing
    /// how far the shared schedule already reaches.
    pub fn hold(&self, limits: &[Limited], wait: Duration) {
        let now = micros(self.start.elapsed()).saturating_add(micros(wait));
        let mut map = self
            .tats
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for limit in limits {
            let until = now.saturating_add(micros(limit.interval));
            match map.get_mut(&limit.key) {
                Some(tat) => *tat = (*tat).max(until),
                None => {
                    map.insert(limit.key.clone(), until);
                }
            }
        }
    }

    /// How long from now the next turn under `limits` would be, taking nothing.
    pub fn earliest(&self, limits: &[Limited]) -> Duration {
        let now = micros(self.start.elapsed());
        let map = self
            .tats
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let latest = limits
            .iter()
            .filter_map(|l| map.get(&l.key).copied())
            .max()
            .unwrap_or(0);
        Duration::from_micros(latest.saturating_sub(now))
    }

    /// Takes a turn no sooner than `not_before` from now (e.g. the time a
    /// shared limiter gave, so both count the same send); refused when
    /// that is further than `max_wait`.
    pub fn reserve_after(
        &self,
        limits: &[Limited],
        max_wait: Duration,
        not_before: Duration,
    ) -> Result<Duration, Refusal> {
        if not_before > max_wait {
            return Err(Refusal {
                index: 0,
                wait: not_before,
            });
        }
        let floor = micros(not_before);
        let now = micros(self.start.elapsed()).saturating_add(floor);
        let max_wait = micros(max_wait).saturating_sub(floor);
        let intervals: Vec<u64> = limits.iter().map(|l| micros(l.interval)).collect();
        // Each operation leaves the map consistent, so a poisoned lock is usable.
        let mut map = self
            .tats
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() >= PRUNE_AT {
            map.retain(|_, tat| *tat > now);
        }
        let mut tats: Vec<u64> = limits
            .iter()
            .map(|l| map.get(&l.key).copied().unwrap_or(0))
            .collect();
        match gcra::reserve(&mut tats, &intervals, now, max_wait) {
            Turn::Taken(wait) => {
                for (limit, tat) in limits.iter().zip(tats) {
                    match map.get_mut(&limit.key) {
                        Some(slot) => *slot = tat,
                        None => {
                            map.insert(limit.key.clone(), tat);
                        }
                    }
                }
                Ok(Duration::from_micros(wait.saturating_add(floor)))
            }
            Turn::Refused { wait, index } => Err(Refusal {
                index,
                wait: Duration::from_micros(wait.saturating_add(floor)),
            }),
        }
    }
}

impl RateLimiter for LocalLimiter {
    fn reserve<'a>(
        &'a self,
        limits: &'a [Limited],
        max_wait: Duration,
    ) -> BoxFuture<'a, Result<Duration, Refusal>> {
        let turn = self.reserve_now(limits, max_wait);
        Box::pin(async move { turn })
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{RateLimit, Scope};

    fn limited(key: &str, limit: u64, window_ms: u64) -> Limited {
        let limit = RateLimit {
            per: Scope::AppEndpoint,
            limit,
            window_ms,
        };
        Limited {
            key: key.to_owned(),
            limit,
            interval: super::super::interval(&limit, Duration::ZERO),
        }
    }

    #[test]
    fn keys_count_apart_and_refusals_name_the_limit() {
        let limiter = LocalLimiter::new();
        let a = [limited("a", 10, 1000)];
        let b = [limited("b", 10, 1000)];
        assert_eq!(limiter.reserve_now(&a, Duration::ZERO), Ok(Duration::ZERO));
        assert_eq!(limiter.reserve_now(&b, Duration::ZERO), Ok(Duration::ZERO));
        let refused = limiter.reserve_now(&a, Duration::ZERO).unwrap_err();
        assert_eq!(refused.index, 0);
        assert!(refused.wait > Duration::from_millis(90), "{refused:?}");
        let both = [limited("b", 10, 1000), limited("a", 10, 1000)];
        let wait = limiter.reserve_now(&both, Duration::from_secs(1)).unwrap();
        assert!(wait > Duration::from_millis(90), "{wait:?}");
        // A turn given from outside: no sooner than asked, and counted.
        let c = [limited("c", 10, 1000)];
        assert_eq!(limiter.earliest(&c), Duration::ZERO);
        let later = Duration::from_millis(300);
        assert_eq!(
            limiter.reserve_after(&c, Duration::from_secs(1), later),
            Ok(later)
        );
        let next = limiter.earliest(&c);
        assert!(
            next > Duration::from_millis(390) && next <= Duration::from_millis(400),
            "{next:?}"
        );
        assert!(
            limiter
                .reserve_after(&c, Duration::from_millis(100), later)
                .is_err()
        );
        // A turn given elsewhere 50 ms from now holds this one back.
        let d = [limited("d", 10, 1000)];
        limiter.hold(&d, Duration::from_millis(50));
        let next = limiter.earliest(&d);
        assert!(
            next > Duration::from_millis(140) && next <= Duration::from_millis(150),
            "{next:?}"
        );
    }
}
