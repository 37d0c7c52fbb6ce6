//! Rate limits enforced before sending: every call (and every token
//! request) takes its turn under each limit the spec declares for it, so a
//! client — or a fleet of processes sharing a limiter — stays within what
//! the platform allows instead of learning it from throttling answers.
//!
//! The limiter is a [`RateLimiter`]: [`LocalLimiter`] (the default, one
//! process) or a shared one (the `oapi-redis` crate's `RedisLimiter`,
//! one counter for every process of the app). Both run the same algorithm,
//! GCRA without burst ([`gcra`]): calls under a limit of `limit` per
//! `window` are spaced at least `(window + margin) / limit` apart, so no
//! window of that length, wherever it starts, holds more than `limit`
//! calls, even when the delay between the limiter's decision and the
//! platform's arrival varies by up to `margin`.

pub mod gcra;
mod keys;
mod local;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use futures::future::BoxFuture;

use crate::spec::{RateLimit, Scope};

pub use keys::Keys;
pub use local::LocalLimiter;

/// The default longest wait for a turn
/// ([`ClientBuilder::max_rate_wait`](crate::builder::ClientBuilder::max_rate_wait)).
pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(10);

/// The default margin added to every window
/// ([`ClientBuilder::rate_margin`](crate::builder::ClientBuilder::rate_margin)):
/// the variation of the delay between a turn and the platform's receipt
/// that the limits still hold under.
pub const DEFAULT_MARGIN: Duration = Duration::from_millis(50);

/// One limit a call counts under: the counter's key and the spacing of turns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limited {
    /// The counter, shared by every call counted together (e.g.
    /// `<platform>:<app key>:ep:user.get:40/1000ms`). Never holds a secret.
    pub key: String,
    /// The declared limit.
    pub limit: RateLimit,
    /// The least time between two turns: `(window + margin) / limit`.
    pub interval: Duration,
}

/// A turn refused: it would come later than the longest wait allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// The index, in the limits asked for, of the limit that needs the
    /// longest wait.
    pub index: usize,
    /// How long the call would have had to wait.
    pub wait: Duration,
}

/// Gives calls their turns under rate limits.
///
/// `reserve` takes one turn under every limit of `limits` at once, at the
/// earliest time all of them allow, and returns how long to wait for it;
/// when that is longer than `max_wait` it takes nothing and returns a
/// [`Refusal`]. Turns are given in order of asking (first come, first
/// served), and the caller must send right after waiting.
///
/// An implementation that cannot reach its shared state must not lose the
/// call: it falls back to something local (and says so in the logs) rather
/// than failing.
pub trait RateLimiter: Send + Sync + 'static {
    /// Takes a turn under every limit in `limits`, or refuses (see above).
    fn reserve<'a>(
        &'a self,
        limits: &'a [Limited],
        max_wait: Duration,
    ) -> BoxFuture<'a, Result<Duration, Refusal>>;
}

/// A limiter shared by several clients of a process.
impl<T: RateLimiter> RateLimiter for Arc<T> {
    fn reserve<'a>(
        &'a self,
        limits: &'a [Limited],
        max_wait: Duration,
    ) -> BoxFuture<'a, Result<Duration, Refusal>> {
        (**self).reserve(limits, max_wait)
    }
}

/// `(window + margin) / limit`, at least one microsecond.
pub fn interval(limit: &RateLimit, margin: Duration) -> Duration {
    let window = Duration::from_millis(limit.window_ms).saturating_add(margin);
    let micros = window.as_micros() / u128::from(limit.limit.max(1));
    Duration::from_micros(u64::try_from(micros).unwrap_or(u64::MAX).max(1))
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scope = match self.per {
            Scope::App => "app",
            Scope::AppGateway => "app and gateway",
            Scope::AppEndpoint => "app and endpoint",
        };
        write!(f, "{} per ", self.limit)?;
        match self.window_ms {
            ms if ms % 86_400_000 == 0 => write!(f, "{}d", ms / 86_400_000)?,
            ms if ms % 3_600_000 == 0 => write!(f, "{}h", ms / 3_600_000)?,
            ms if ms % 60_000 == 0 => write!(f, "{}m", ms / 60_000)?,
            ms if ms % 1_000 == 0 => write!(f, "{}s", ms / 1_000)?,
            ms => write!(f, "{ms}ms")?,
        }
        write!(f, " per {scope}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_and_display() {
        let limit = RateLimit {
            per: Scope::AppEndpoint,
            limit: 40,
            window_ms: 1000,
        };
        assert_eq!(interval(&limit, Duration::ZERO), Duration::from_millis(25));
        assert_eq!(
            interval(&limit, Duration::from_millis(50)),
            Duration::from_micros(26_250)
        );
        assert_eq!(limit.to_string(), "40 per 1s per app and endpoint");
        let minute = RateLimit {
            per: Scope::App,
            limit: 1500,
            window_ms: 60_000,
        };
        assert_eq!(minute.to_string(), "1500 per 1m per app");
    }
}
