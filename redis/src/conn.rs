//! The connection to Redis shared by the limiter and the token store, and
//! whether Redis is answering: every operation is bounded by a timeout, and
//! after a failure Redis is left alone for a while (the callers fall back
//! to local state), then tried again by one operation at a time.

use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use redis::RedisResult;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

/// Whether Redis answers, and when to try again if not.
#[derive(Debug, Default)]
struct Health {
    /// Since when Redis has not answered (`None`: it answers).
    down_since: Option<Instant>,
    /// No operation before this (one probe is let through at this time).
    next_try: Option<Instant>,
}

/// A lazily opened, self-reconnecting connection and its health.
pub(crate) struct Conn {
    client: redis::Client,
    manager: tokio::sync::OnceCell<ConnectionManager>,
    pub(crate) timeout: Duration,
    pub(crate) retry_after: Duration,
    health: Mutex<Health>,
}

impl Conn {
    pub(crate) fn new(client: redis::Client, timeout: Duration, retry_after: Duration) -> Self {
        Conn {
            client,
            manager: tokio::sync::OnceCell::new(),
            timeout,
            retry_after,
            health: Mutex::new(Health::default()),
        }
    }

    fn health(&self) -> std::sync::MutexGuard<'_, Health> {
        // Each update is a plain assignment: a poisoned lock is still consistent.
        self.health
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether Redis is considered down now (then callers use local state).
    pub(crate) fn is_down(&self) -> bool {
        self.health().down_since.is_some()
    }

    /// Runs `op` on the connection within the timeout; `None` when Redis is
    /// down or the operation failed (then the callers fall back). `what`
    /// names the operation in the logs.
    pub(crate) async fn run<T, F, Fut>(&self, what: &'static str, op: F) -> Option<T>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = RedisResult<T>>,
    {
        if !self.may_try() {
            return None;
        }
        let manager = match self.manager().await {
            Ok(manager) => manager,
            Err(error) => {
                self.failed(what, &describe(&error));
                return None;
            }
        };
        match tokio::time::timeout(self.timeout, op(manager)).await {
            Ok(Ok(value)) => {
                self.answered();
                Some(value)
            }
            Ok(Err(error)) => {
                self.failed(what, &describe(&error));
                None
            }
            Err(_) => {
                self.failed(what, &format!("no answer within {:?}", self.timeout));
                None
            }
        }
    }

    async fn manager(&self) -> RedisResult<ConnectionManager> {
        let manager = self
            .manager
            .get_or_try_init(|| async {
                let config = ConnectionManagerConfig::new()
                    .set_connection_timeout(Some(self.timeout))
                    .set_response_timeout(Some(self.timeout))
                    .set_number_of_retries(1)
                    .set_min_delay(Duration::from_millis(50))
                    .set_max_delay(self.retry_after);
                ConnectionManager::new_lazy_with_config(self.client.clone(), config)
            })
            .await?;
        Ok(manager.clone())
    }

    /// Whether an operation may go to Redis now: always while it answers;
    /// while it is down, one probe per `retry_after`.
    fn may_try(&self) -> bool {
        let mut health = self.health();
        match (health.down_since, health.next_try) {
            (None, _) => true,
            (Some(_), Some(next)) if Instant::now() < next => false,
            (Some(_), _) => {
                health.next_try = Some(Instant::now() + self.retry_after);
                true
            }
        }
    }

    fn answered(&self) {
        let was_down = {
            let mut health = self.health();
            let since = health.down_since.take();
            health.next_try = None;
            since
        };
        if let Some(since) = was_down {
            tracing::info!(
                down_for = ?since.elapsed(),
                "Redis answers again: rate limits and tokens are shared by the fleet again"
            );
        }
    }

    fn failed(&self, what: &'static str, reason: &str) {
        let newly_down = {
            let mut health = self.health();
            health.next_try = Some(Instant::now() + self.retry_after);
            if health.down_since.is_none() {
                health.down_since = Some(Instant::now());
                true
            } else {
                false
            }
        };
        if newly_down {
            tracing::warn!(
                operation = what,
                reason,
                retry_after = ?self.retry_after,
                "Redis unreachable: falling back to this process's rate limiter (its share of \
                 each limit) and token cache until it answers again"
            );
        }
    }
}

/// A Redis error without anything from the connection URL (it may hold a
/// password): its kind and, for server errors, the server's code.
fn describe(error: &redis::RedisError) -> String {
    let mut text = format!("{:?}", error.kind());
    if let Some(code) = error.code() {
        text.push_str(": ");
        text.push_str(code);
    }
    if error.is_timeout() {
        text.push_str(" (timeout)");
    } else if error.is_io_error() {
        text.push_str(" (I/O)");
    }
    text
}
