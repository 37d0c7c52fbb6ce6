//! The connection to Redis shared by the limiter and the token store, and
//! whether Redis is answering: every operation is bounded by a timeout, and
//! after a failure Redis is left alone for a while (the callers fall back
//! to local state), then tried again by one operation at a time.

use std::future::Future;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use redis::aio::MultiplexedConnection;
use redis::{AsyncConnectionConfig, RedisResult};

/// Whether Redis answers, and when to try again if not.
#[derive(Debug, Default)]
struct Health {
    /// Since when Redis has not answered (`None`: it answers).
    down_since: Option<Instant>,
    /// No operation before this (one probe is let through at this time).
    next_try: Option<Instant>,
    /// When Redis last answered again after not answering.
    recovered_at: Option<Instant>,
}

/// A lazily opened connection (multiplexed: concurrent operations share
/// it) and its health. A connection that failed once is dropped, and the
/// next operation allowed to try opens a new one: reconnection is this
/// module's, on the same schedule as the fallback.
pub(crate) struct Conn {
    client: redis::Client,
    connection: tokio::sync::Mutex<Option<MultiplexedConnection>>,
    pub(crate) timeout: Duration,
    pub(crate) retry_after: Duration,
    health: Mutex<Health>,
}

impl Conn {
    pub(crate) fn new(client: redis::Client, timeout: Duration, retry_after: Duration) -> Self {
        Conn {
            client,
            connection: tokio::sync::Mutex::new(None),
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

    /// When Redis last answered again after an outage.
    pub(crate) fn recovered_at(&self) -> Option<Instant> {
        self.health().recovered_at
    }

    /// Runs `op` on the connection within the timeout; `None` when Redis is
    /// down or the operation failed (then the callers fall back). `what`
    /// names the operation in the logs.
    pub(crate) async fn run<T, F, Fut>(&self, what: &'static str, op: F) -> Option<T>
    where
        F: FnOnce(MultiplexedConnection) -> Fut,
        Fut: Future<Output = RedisResult<T>>,
    {
        if !self.may_try() {
            return None;
        }
        let outcome = tokio::time::timeout(self.timeout, async {
            let connection = self.connection().await?;
            op(connection).await
        })
        .await;
        match outcome {
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

    /// The open connection, or a new one.
    async fn connection(&self) -> RedisResult<MultiplexedConnection> {
        let mut slot = self.connection.lock().await;
        if let Some(connection) = slot.as_ref() {
            return Ok(connection.clone());
        }
        let config = AsyncConnectionConfig::new()
            .set_connection_timeout(Some(self.timeout))
            .set_response_timeout(Some(self.timeout));
        let connection = self
            .client
            .get_multiplexed_async_connection_with_config(&config)
            .await?;
        *slot = Some(connection.clone());
        Ok(connection)
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
            if since.is_some() {
                health.recovered_at = Some(Instant::now());
            }
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
        // A broken connection is not reused: the next try opens another.
        if let Ok(mut slot) = self.connection.try_lock() {
            *slot = None;
        }
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
