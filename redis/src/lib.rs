//! Fleet mode for oapi clients: many processes of one app act as one.
//!
//! Open platforms limit the app, not the process, and count its token
//! requests too. With this crate every process of the app takes its turns
//! from one set of counters on Redis and uses one access token:
//!
//! ```no_run
//! # async fn demo(
//! #     platform: &'static oapi_runtime::spec::Platform, // a generated crate's `PLATFORM`
//! # ) -> Result<(), Box<dyn std::error::Error>> {
//! use oapi_runtime::builder::ClientBuilder;
//! let redis = oapi_redis::Redis::open("redis://127.0.0.1:6379/")?;
//! let client: oapi_runtime::client::Client = ClientBuilder::new(platform)
//!     .credentials("app key", "app secret")
//!     .rate_limiter(redis.limiter().fallback_fleet_size(4))
//!     .token_store(redis.token_store())
//!     .build()?;
//! # Ok(()) }
//! ```
//!
//! - [`RedisLimiter`]: the spec's rate limits, GCRA in one Lua script (one
//!   round trip per call, atomic over every limit of the call, on Redis's
//!   clock).
//! - [`RedisTokenStore`]: one token for the fleet, refreshed under a lock
//!   that expires, so a holder that dies mid-refresh is replaced.
//! - Redis unreachable: every operation is bounded by
//!   [`Redis::timeout`]; the limiter falls back to a limiter of the process
//!   (its share of each limit), the token store to the token the process
//!   has (or fetches), with one `WARN` log; Redis is tried again (on a new connection)
//!   every [`Redis::retry_after`], and an `INFO` log says when it answers. No call
//!   fails because Redis is down.
//!
//! Keys are `<prefix>rl:<platform>:<app key>:<scope>:<limit>/<window>ms`
//! and `<prefix>token:<platform>:<token>:<app key>`: app keys, never
//! secrets. Tokens are stored in Redis (protect it as you would the app
//! secret) and never logged.

#![warn(missing_docs)]

mod conn;
mod limiter;
#[cfg(feature = "test-server")]
pub mod testing;
mod tokens;

use std::sync::Arc;
use std::time::Duration;

pub use limiter::RedisLimiter;
pub use tokens::{DEFAULT_LOCK_TTL, RedisTokenStore};

use conn::Conn;

/// The default bound on one Redis operation.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_millis(250);
/// The default pause before trying Redis again after it failed.
pub const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(1);
/// The default prefix of every key.
pub const DEFAULT_PREFIX: &str = "oapi:";

/// A Redis server shared by the fleet; hands out the limiter and the token
/// store, which share one connection (opened on first use, reconnected
/// when lost) and one view of whether Redis answers.
#[derive(Clone)]
pub struct Redis {
    client: redis::Client,
    prefix: Arc<str>,
    conn: Arc<Conn>,
}

impl std::fmt::Debug for Redis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password: only where it points.
        let addr = self.client.get_connection_info().addr().to_string();
        f.debug_struct("Redis")
            .field("addr", &addr)
            .field("timeout", &self.conn.timeout)
            .field("retry_after", &self.conn.retry_after)
            .field("prefix", &self.prefix)
            .finish()
    }
}

/// The Redis URL could not be read.
#[derive(Debug)]
pub struct OpenError(String);

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid Redis URL: {}", self.0)
    }
}

impl std::error::Error for OpenError {}

impl Redis {
    /// A server at `url` (`redis://[:password@]host:port/[db]`). Nothing is
    /// connected yet: the first operation connects, and a server that is
    /// down at start is handled like one that goes down later.
    pub fn open(url: &str) -> Result<Redis, OpenError> {
        let client = redis::Client::open(url).map_err(|e| OpenError(format!("{:?}", e.kind())))?;
        let conn = Arc::new(Conn::new(
            client.clone(),
            DEFAULT_TIMEOUT,
            DEFAULT_RETRY_AFTER,
        ));
        Ok(Redis {
            client,
            prefix: Arc::from(DEFAULT_PREFIX),
            conn,
        })
    }

    /// The longest one Redis operation may take (default 250 ms); past it,
    /// the call goes on with the local fallback. Set it before handing out
    /// the limiter and the token store.
    pub fn timeout(self, timeout: Duration) -> Self {
        let retry_after = self.conn.retry_after;
        self.reconfigured(timeout, retry_after)
    }

    /// How long Redis is left alone after a failure before one operation
    /// tries it again (default 1 s). Set it before handing out the limiter
    /// and the token store.
    pub fn retry_after(self, retry_after: Duration) -> Self {
        let timeout = self.conn.timeout;
        self.reconfigured(timeout, retry_after)
    }

    fn reconfigured(self, timeout: Duration, retry_after: Duration) -> Self {
        let conn = Arc::new(Conn::new(self.client.clone(), timeout, retry_after));
        Redis { conn, ..self }
    }

    /// The prefix of every key (default `oapi:`), to share a Redis with
    /// other applications or keep test runs apart.
    pub fn prefix(self, prefix: impl Into<String>) -> Self {
        Redis {
            prefix: Arc::from(prefix.into()),
            ..self
        }
    }

    /// The fleet's rate limiter, for `ClientBuilder::rate_limiter`.
    pub fn limiter(&self) -> RedisLimiter {
        RedisLimiter::new(self.conn.clone(), self.prefix.clone())
    }

    /// The fleet's token store, for `ClientBuilder::token_store`.
    pub fn token_store(&self) -> RedisTokenStore {
        RedisTokenStore::new(self.conn.clone(), self.prefix.clone())
    }

    /// Whether Redis is considered unreachable now (the fallback is in use).
    pub fn is_down(&self) -> bool {
        self.conn.is_down()
    }
}
