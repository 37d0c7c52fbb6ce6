//! When and how long to wait before sending a failed request again.
//!
//! The rule, applied after every failed attempt:
//! 1. the error must be retryable ([`Error::is_retryable`]): transport errors,
//!    timeouts, 5xx, 429, codes the spec declares throttled or busy; never
//!    validation or business errors;
//! 2. an endpoint that is not idempotent (`INFO.idempotent == false`) is sent
//!    again only if the platform certainly did not act on it
//!    ([`Error::was_rejected`]): a connect error or connect timeout (never
//!    sent) or a throttling answer (refused). A request timeout, a dropped
//!    connection after sending or a 5xx may have been processed, so it is
//!    surfaced instead of risking a duplicate;
//! 3. within [`RetryPolicy::max_attempts`], a busy code at most 3 tries,
//!    and the wait must end within [`RetryPolicy::total_budget`].

use std::time::Duration;

use super::error::{BUSY_MAX_TRIES, Error};

/// How often and how patiently a call is retried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// Wait before the first retry; doubled each time.
    pub base_delay: Duration,
    /// Longest single wait.
    pub max_delay: Duration,
    /// No retry starts after this much time since the call began.
    pub total_budget: Duration,
}

impl Default for RetryPolicy {
    /// 4 attempts, 200 ms doubling up to 5 s, within 30 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            total_budget: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait before attempt `attempt + 1` (after `attempt` failures, from
    /// 1): exponential, capped, with "equal jitter" (half fixed, half random)
    /// so that many clients throttled together do not retry together.
    pub fn delay(&self, attempt: u32) -> Duration {
        let exponent = attempt.saturating_sub(1).min(30);
        let full = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        let half = full / 2;
        let jitter_nanos = u64::try_from(half.as_nanos()).unwrap_or(u64::MAX);
        half + Duration::from_nanos(fastrand::u64(0..=jitter_nanos))
    }

    /// The wait before the next attempt, or `None` to surface `error` now.
    /// `attempt` is the number of attempts made, `elapsed` the time since the
    /// call began.
    pub fn next_delay(
        &self,
        error: &Error,
        idempotent: bool,
        attempt: u32,
        elapsed: Duration,
    ) -> Option<Duration> {
        if !error.is_retryable() || (!idempotent && !error.was_rejected()) {
            return None;
        }
        let limit = if error.is_busy() {
            self.max_attempts.min(BUSY_MAX_TRIES)
        } else {
            self.max_attempts
        };
        if attempt >= limit {
            return None;
        }
        let delay = self.delay(attempt);
        (elapsed + delay <= self.total_budget).then_some(delay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A platform error as the test spec classifies it: 1001 throttled,
    /// 1003 busy, anything else a business error.
    fn platform(code: &str) -> Error {
        let class = match code {
            "1001" => crate::error::CodeClass::Throttled,
            "1003" => crate::error::CodeClass::Busy,
            _ => crate::error::CodeClass::Other,
        };
        Error::Platform {
            endpoint: "e",
            status: 200,
            code: code.into(),
            message: String::new(),
            sub_code: None,
            sub_msg: None,
            request_id: None,
            class,
        }
    }

    #[test]
    fn delays_grow_and_are_capped() {
        let policy = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(500),
            total_budget: Duration::from_secs(60),
        };
        for _ in 0..100 {
            let first = policy.delay(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let third = policy.delay(3);
            assert!(third >= Duration::from_millis(200) && third <= Duration::from_millis(400));
            let tenth = policy.delay(10);
            assert!(tenth >= Duration::from_millis(250) && tenth <= Duration::from_millis(500));
        }
        assert!(policy.delay(u32::MAX) <= Duration::from_millis(500));
    }

    #[test]
    fn who_is_retried() {
        let policy = RetryPolicy::default();
        let zero = Duration::ZERO;
        assert!(
            policy
                .next_delay(&platform("1001"), false, 1, zero)
                .is_some()
        );
        assert!(
            policy
                .next_delay(&platform("2002"), true, 1, zero)
                .is_none()
        );
        assert!(
            policy
                .next_delay(&platform("2020"), true, 1, zero)
                .is_none()
        );
        assert!(
            policy
                .next_delay(&platform("1003"), true, 2, zero)
                .is_some()
        );
        assert!(
            policy
                .next_delay(&platform("1003"), true, 3, zero)
                .is_none()
        );
        assert!(
            policy
                .next_delay(&platform("1001"), true, 4, zero)
                .is_none()
        );
        let dropped = Error::Transport {
            endpoint: "e",
            connect: false,
            message: String::new(),
        };
        assert!(policy.next_delay(&dropped, true, 1, zero).is_some());
        assert!(policy.next_delay(&dropped, false, 1, zero).is_none());
        let refused = Error::Transport {
            endpoint: "e",
            connect: true,
            message: String::new(),
        };
        assert!(policy.next_delay(&refused, false, 1, zero).is_some());
        // Out of budget.
        assert!(
            policy
                .next_delay(&platform("1001"), true, 1, Duration::from_secs(30))
                .is_none()
        );
        assert!(
            RetryPolicy::none()
                .next_delay(&refused, true, 1, zero)
                .is_none()
        );
    }
}
