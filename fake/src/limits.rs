//! The declared rate limits as the platform counts them: when each request
//! arrived, per path (for tests to measure what a client sent), and, when
//! asked, a refusal in the platform's throttling code for a request that
//! would be more than a limit allows in any window of its length.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use oapi_codegen::ir::Api;

use super::routes::Route;

/// Arrivals kept per path (the oldest half is dropped beyond).
const MAX_ARRIVALS: usize = 200_000;

/// One limit a request counts under.
pub(crate) struct Counted {
    /// Requests counted together: `<platform>:app`, `<platform>:gw:<gateway>`
    /// or `<platform>:ep:<path>`, with the limit.
    key: String,
    limit: u64,
    window: Duration,
    /// `40 per 1000 ms`, for the verdict.
    pub(crate) what: String,
}

/// Every limit that applies to a request on `route`: its platform's, its
/// gateway's and its endpoint's.
pub(crate) fn applying(api: &Api, route: &Route) -> Vec<Counted> {
    let platform = route.platform(api);
    let gateway = route.gateway(api);
    let own = route
        .endpoint(api)
        .map(|e| e.rate_limits.as_slice())
        .unwrap_or_default();
    platform
        .rate_limits
        .iter()
        .chain(&gateway.rate_limits)
        .chain(own)
        .map(|limit| {
            let scope = match limit.per.as_str() {
                "app" => "app".to_owned(),
                "app_gateway" => format!("gw:{}", gateway.key),
                _ => format!("ep:{}", route.template),
            };
            Counted {
                key: format!(
                    "{}:{scope}:{}/{}",
                    platform.module, limit.limit, limit.window_ms
                ),
                limit: limit.limit,
                window: Duration::from_millis(limit.window_ms),
                what: format!("{} per {} ms ({})", limit.limit, limit.window_ms, limit.per),
            }
        })
        .collect()
}

/// Arrival times and the counters of enforced limits.
#[derive(Default)]
pub(crate) struct Counters {
    /// Offsets from the fake's start, per spec path, in order.
    pub(crate) arrivals: HashMap<String, Vec<Duration>>,
    /// Whether requests over a limit are refused.
    pub(crate) enforce: bool,
    /// The admitted requests of each enforced limit within its window.
    windows: HashMap<String, VecDeque<Instant>>,
}

impl Counters {
    /// Notes an arrival on `path` at `offset`.
    pub(crate) fn arrived(&mut self, path: &str, offset: Duration) {
        let log = self.arrivals.entry(path.to_owned()).or_default();
        if log.len() >= MAX_ARRIVALS {
            log.drain(..MAX_ARRIVALS / 2);
        }
        log.push(offset);
    }

    /// Admits a request at `now` under `limits`, or names the first limit
    /// it would exceed (then it is not counted).
    pub(crate) fn admit<'a>(&mut self, now: Instant, limits: &'a [Counted]) -> Option<&'a Counted> {
        for counted in limits {
            let window = self.windows.entry(counted.key.clone()).or_default();
            while window
                .front()
                .is_some_and(|t| now.duration_since(*t) >= counted.window)
            {
                window.pop_front();
            }
            if window.len() as u64 >= counted.limit {
                return Some(counted);
            }
        }
        for counted in limits {
            self.windows
                .entry(counted.key.clone())
                .or_default()
                .push_back(now);
        }
        None
    }
}

/// The most of `arrivals` (sorted) within any window of length `window`.
pub(crate) fn max_in_window(arrivals: &[Duration], window: Duration) -> usize {
    let mut start = 0;
    let mut best = 0;
    for (end, at) in arrivals.iter().enumerate() {
        while *at - arrivals[start] >= window {
            start += 1;
        }
        best = best.max(end + 1 - start);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_windows() {
        let ms = Duration::from_millis;
        let arrivals = [ms(0), ms(10), ms(990), ms(1000), ms(1005), ms(3000)];
        assert_eq!(max_in_window(&arrivals, ms(1000)), 4);
        assert_eq!(max_in_window(&arrivals, ms(20)), 3);
        assert_eq!(max_in_window(&arrivals, ms(5)), 1);
        assert_eq!(max_in_window(&arrivals, ms(6)), 2);
        assert_eq!(max_in_window(&[], ms(20)), 0);
    }

    #[test]
    fn admission_counts_only_what_it_admits() {
        let limits = [Counted {
            key: "k".into(),
            limit: 2,
            window: Duration::from_millis(100),
            what: String::new(),
        }];
        let mut counters = Counters::default();
        let t0 = Instant::now();
        assert!(counters.admit(t0, &limits).is_none());
        assert!(counters.admit(t0, &limits).is_none());
        assert!(
            counters
                .admit(t0 + Duration::from_millis(50), &limits)
                .is_some()
        );
        assert!(
            counters
                .admit(t0 + Duration::from_millis(100), &limits)
                .is_none()
        );
    }
}
