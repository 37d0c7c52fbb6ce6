//! `RedisTokenStore`: one access token for the whole fleet, refreshed by
//! one process at a time under a lock that expires by itself.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::future::BoxFuture;
use oapi_runtime::auth::token::{CachedToken, RefreshLock, TokenStore};
use oapi_runtime::secret::Secret;

use super::conn::Conn;

/// The compare-and-delete script (`tokens.lua`).
static COMPARE_AND_DELETE: std::sync::LazyLock<redis::Script> =
    std::sync::LazyLock::new(|| redis::Script::new(include_str!("tokens.lua")));

/// The default time a refresh lock is held at most.
pub const DEFAULT_LOCK_TTL: Duration = Duration::from_secs(10);

/// Access tokens on Redis, one per app for the whole fleet: pass it to
/// `ClientBuilder::token_store`. Made by [`Redis::token_store`](crate::Redis::token_store).
///
/// - A token is stored as `<prefix>token:<platform>:<token>:<app key>`
///   (never the secret) with its expiry, and lives in Redis until then.
///   Each process also keeps the last one it saw and uses it until it
///   expires or the platform rejects it, so a call costs no Redis round
///   trip for its token.
/// - On a cold or expired token, one process takes the refresh lock (`SET
///   NX PX`, [`lock_ttl`](Self::lock_ttl)), fetches and stores the token,
///   and releases the lock (compare-and-delete); the others poll Redis
///   until the token appears, or until the lock expires (a holder that died
///   mid-refresh), when one of them takes it over.
/// - A token the platform rejected is deleted only if it is still the
///   stored one (compare-and-delete), so a newer one survives.
/// - While Redis does not answer, the process goes on with the token it
///   has, or fetches its own (single flight within the process); a token
///   fetched then is written to Redis once it answers again, unless the
///   fleet has one by then.
#[derive(Clone)]
pub struct RedisTokenStore {
    conn: Arc<Conn>,
    prefix: Arc<str>,
    lock_ttl: Duration,
    local: Arc<Mutex<Local>>,
}

impl std::fmt::Debug for RedisTokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisTokenStore")
            .field("prefix", &self.prefix)
            .field("lock_ttl", &self.lock_ttl)
            .finish_non_exhaustive()
    }
}

/// What this process knows without Redis.
#[derive(Default)]
struct Local {
    /// The last token seen per key (from Redis, or fetched here).
    seen: HashMap<String, CachedToken>,
    /// Keys whose token was fetched while Redis was down, not yet stored there.
    unshared: HashMap<String, CachedToken>,
}

impl RedisTokenStore {
    pub(crate) fn new(conn: Arc<Conn>, prefix: Arc<str>) -> Self {
        RedisTokenStore {
            conn,
            prefix,
            lock_ttl: DEFAULT_LOCK_TTL,
            local: Arc::new(Mutex::new(Local::default())),
        }
    }

    /// The longest a process holds the refresh lock (default 10 s): if it
    /// dies mid-refresh, another takes over after this. Longer than a token
    /// request normally takes; a holder slower than this lets a second
    /// process fetch too (harmless: the platform returns the same token).
    pub fn lock_ttl(mut self, ttl: Duration) -> Self {
        self.lock_ttl = ttl.max(Duration::from_millis(1));
        self
    }

    fn local(&self) -> std::sync::MutexGuard<'_, Local> {
        // Every update is one insert or remove: a poisoned lock is consistent.
        self.local
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn token_key(&self, key: &str) -> String {
        format!("{}token:{key}", self.prefix)
    }

    fn lock_key(&self, key: &str) -> String {
        format!("{}token-lock:{key}", self.prefix)
    }

    async fn get_token(&self, key: &str) -> Option<CachedToken> {
        let now = SystemTime::now();
        if let Some(seen) = self.local().seen.get(key).filter(|t| t.expires_at > now) {
            return Some(seen.clone());
        }
        let stored = self.stored(key).await;
        match stored {
            Some(Some(text)) => {
                let token = decode(&text)?;
                self.local().seen.insert(key.to_owned(), token.clone());
                Some(token)
            }
            Some(None) => {
                // Redis is back without a token: share one fetched meanwhile.
                let unshared = self.local().unshared.remove(key)?;
                if unshared.expires_at <= now {
                    return None;
                }
                self.store(key, &unshared, true).await;
                // Whichever token is in Redis now (ours, or one stored first).
                Box::pin(self.get_after_share(key)).await
            }
            None => self.local().seen.get(key).cloned(),
        }
    }

    /// The token text in Redis: `None` when Redis is unreachable,
    /// `Some(None)` when it holds none.
    async fn stored(&self, key: &str) -> Option<Option<String>> {
        let redis_key = self.token_key(key);
        self.conn
            .run("token get", |mut conn| async move {
                redis::cmd("GET")
                    .arg(&redis_key)
                    .query_async(&mut conn)
                    .await
            })
            .await
    }

    async fn get_after_share(&self, key: &str) -> Option<CachedToken> {
        self.local().seen.remove(key);
        let stored = self.stored(key).await;
        let token = decode(&stored??)?;
        self.local().seen.insert(key.to_owned(), token.clone());
        Some(token)
    }

    /// Writes `token` to Redis until it expires; `only_new`: unless one is
    /// there. Returns whether Redis took it.
    async fn store(&self, key: &str, token: &CachedToken, only_new: bool) -> bool {
        let ttl_ms = token
            .expires_at
            .duration_since(SystemTime::now())
            .map_or(1, |d| {
                u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
            });
        let value = encode(token);
        let redis_key = self.token_key(key);
        let stored: Option<redis::Value> = self
            .conn
            .run("token put", |mut conn| async move {
                let mut cmd = redis::cmd("SET");
                cmd.arg(&redis_key).arg(value).arg("PX").arg(ttl_ms);
                if only_new {
                    cmd.arg("NX");
                }
                cmd.query_async(&mut conn).await
            })
            .await;
        stored.is_some()
    }

    async fn put_token(&self, key: &str, token: CachedToken) {
        self.local().seen.insert(key.to_owned(), token.clone());
        if !self.store(key, &token, false).await {
            self.local().unshared.insert(key.to_owned(), token);
        }
    }

    async fn invalidate_token(&self, key: &str, stale: &Secret<String>) {
        {
            let mut guard = self.local();
            let local = &mut *guard;
            for map in [&mut local.seen, &mut local.unshared] {
                if map.get(key).is_some_and(|t| &t.value == stale) {
                    map.remove(key);
                }
            }
        }
        let redis_key = self.token_key(key);
        let stale = stale.expose().clone();
        self.conn
            .run("token invalidate", |mut conn| async move {
                COMPARE_AND_DELETE
                    .key(redis_key)
                    .arg(stale)
                    .arg("1")
                    .invoke_async::<i64>(&mut conn)
                    .await
            })
            .await;
    }

    async fn lock_token(&self, key: &str) -> RefreshLock {
        let holder = format!("{:016x}-{}", fastrand::u64(..), std::process::id());
        let lock_key = self.lock_key(key);
        let ttl_ms = u64::try_from(self.lock_ttl.as_millis()).unwrap_or(u64::MAX);
        let value = holder.clone();
        let taken: Option<Option<String>> = self
            .conn
            .run("token lock", |mut conn| async move {
                redis::cmd("SET")
                    .arg(&lock_key)
                    .arg(value)
                    .arg("NX")
                    .arg("PX")
                    .arg(ttl_ms)
                    .query_async(&mut conn)
                    .await
            })
            .await;
        match taken {
            Some(Some(_)) => RefreshLock::Taken(holder),
            Some(None) => RefreshLock::Busy,
            // Redis down: this process refreshes on its own (single flight
            // within it); the token reaches Redis when it answers again.
            None => RefreshLock::Taken(String::new()),
        }
    }

    async fn unlock_token(&self, key: &str, holder: &str) {
        if holder.is_empty() {
            return;
        }
        let lock_key = self.lock_key(key);
        let holder = holder.to_owned();
        self.conn
            .run("token unlock", |mut conn| async move {
                COMPARE_AND_DELETE
                    .key(lock_key)
                    .arg(holder)
                    .arg("0")
                    .invoke_async::<i64>(&mut conn)
                    .await
            })
            .await;
    }
}

impl TokenStore for RedisTokenStore {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<CachedToken>> {
        Box::pin(self.get_token(key))
    }

    fn put<'a>(&'a self, key: &'a str, token: CachedToken) -> BoxFuture<'a, ()> {
        Box::pin(self.put_token(key, token))
    }

    fn invalidate<'a>(&'a self, key: &'a str, stale: &'a Secret<String>) -> BoxFuture<'a, ()> {
        Box::pin(self.invalidate_token(key, stale))
    }

    fn lock<'a>(&'a self, key: &'a str) -> BoxFuture<'a, RefreshLock> {
        Box::pin(self.lock_token(key))
    }

    fn unlock<'a>(&'a self, key: &'a str, holder: &'a str) -> BoxFuture<'a, ()> {
        Box::pin(self.unlock_token(key, holder))
    }
}

/// `<expiry in ms since the epoch>:<token>`.
fn encode(token: &CachedToken) -> String {
    let ms = token
        .expires_at
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!("{ms}:{}", token.value.expose())
}

fn decode(text: &str) -> Option<CachedToken> {
    let (ms, value) = text.split_once(':')?;
    let ms: u64 = ms.parse().ok()?;
    Some(CachedToken {
        value: Secret::new(value.to_owned()),
        expires_at: UNIX_EPOCH + Duration::from_millis(ms),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_form_round_trips() {
        let token = CachedToken {
            value: Secret::new("a:b:c".to_owned()),
            expires_at: UNIX_EPOCH + Duration::from_millis(1_700_000_000_123),
        };
        assert_eq!(encode(&token), "1700000000123:a:b:c");
        assert_eq!(decode(&encode(&token)), Some(token));
        assert_eq!(decode("nonsense"), None);
    }
}
