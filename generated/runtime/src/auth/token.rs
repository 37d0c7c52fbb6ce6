//! Access tokens: cached until shortly before they expire, refreshed by one
//! caller while the others wait, shareable between processes.

use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use futures::future::BoxFuture;

use crate::error::Error;
use crate::secret::Secret;

/// A token and when it stops being usable (wall-clock, so that processes
/// sharing a store agree).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachedToken {
    /// The token.
    pub value: Secret<String>,
    /// When to stop using it (already shortened by the safety margin).
    pub expires_at: SystemTime,
}

/// Where tokens are kept. The default keeps them in memory; implement this
/// on Redis, a database… so several processes share one token instead of
/// each fetching its own (platforms count token requests too).
///
/// `key` identifies the platform, the token and the app
/// (`<platform>:<token>:<app>`, the app being the first non-secret
/// credential's value).
///
/// A store shared by several processes also implements [`lock`](Self::lock)
/// and [`unlock`](Self::unlock), so that on a cold or expired token one
/// process of the fleet fetches it while the others wait for it to appear in
/// the store (the `oapi-redis` crate's `RedisTokenStore` does). Within one
/// process the client's own single flight already makes one fetch.
pub trait TokenStore: Send + Sync + 'static {
    /// The stored token, fresh or not (the client checks `expires_at`).
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<CachedToken>>;
    /// Stores a newly fetched token.
    fn put<'a>(&'a self, key: &'a str, token: CachedToken) -> BoxFuture<'a, ()>;
    /// Drops the stored token if it is still `stale` (the platform rejected
    /// it); a newer token stored meanwhile by another caller is kept.
    fn invalidate<'a>(&'a self, key: &'a str, stale: &'a Secret<String>) -> BoxFuture<'a, ()>;

    /// Tries to take the store-wide lock on refreshing `key`: [`RefreshLock::Taken`]
    /// (this caller fetches, then calls [`unlock`](Self::unlock)) or
    /// [`RefreshLock::Busy`] (another process is fetching: the caller polls
    /// [`get`](Self::get) until the token appears, and tries the lock again).
    /// The lock must expire by itself, so a holder that dies mid-refresh is
    /// replaced. The default takes it at once: a store of one process needs
    /// no lock.
    fn lock<'a>(&'a self, key: &'a str) -> BoxFuture<'a, RefreshLock> {
        let _ = key;
        Box::pin(async { RefreshLock::Taken(String::new()) })
    }

    /// Releases the lock taken as `holder` if it still holds it (it may have
    /// expired and been taken by another). The default does nothing.
    fn unlock<'a>(&'a self, key: &'a str, holder: &'a str) -> BoxFuture<'a, ()> {
        let _ = (key, holder);
        Box::pin(async {})
    }
}

/// The answer of [`TokenStore::lock`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshLock {
    /// The caller holds the lock, under this holder id (for `unlock`).
    Taken(String),
    /// Another caller holds it.
    Busy,
}

/// The default store: one process, in memory.
#[derive(Debug, Default)]
pub struct MemoryTokenStore {
    tokens: std::sync::Mutex<std::collections::HashMap<String, CachedToken>>,
}

impl MemoryTokenStore {
    fn with<R>(
        &self,
        f: impl FnOnce(&mut std::collections::HashMap<String, CachedToken>) -> R,
    ) -> R {
        // A panic while holding this lock cannot leave the map inconsistent
        // (every operation is a single insert/remove), so poisoning is ignored.
        let mut guard = self
            .tokens
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }
}

impl TokenStore for MemoryTokenStore {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<CachedToken>> {
        let token = self.with(|map| map.get(key).cloned());
        Box::pin(async move { token })
    }

    fn put<'a>(&'a self, key: &'a str, token: CachedToken) -> BoxFuture<'a, ()> {
        self.with(|map| map.insert(key.to_owned(), token));
        Box::pin(async {})
    }

    fn invalidate<'a>(&'a self, key: &'a str, stale: &'a Secret<String>) -> BoxFuture<'a, ()> {
        self.with(|map| {
            if map.get(key).is_some_and(|t| &t.value == stale) {
                map.remove(key);
            }
        });
        Box::pin(async {})
    }
}

/// A shared store: hand clones of one `Arc` to several clients (of this
/// process) so they share one token.
impl<T: TokenStore> TokenStore for Arc<T> {
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<CachedToken>> {
        (**self).get(key)
    }

    fn put<'a>(&'a self, key: &'a str, token: CachedToken) -> BoxFuture<'a, ()> {
        (**self).put(key, token)
    }

    fn invalidate<'a>(&'a self, key: &'a str, stale: &'a Secret<String>) -> BoxFuture<'a, ()> {
        (**self).invalidate(key, stale)
    }

    fn lock<'a>(&'a self, key: &'a str) -> BoxFuture<'a, RefreshLock> {
        (**self).lock(key)
    }

    fn unlock<'a>(&'a self, key: &'a str, holder: &'a str) -> BoxFuture<'a, ()> {
        (**self).unlock(key, holder)
    }
}

/// The default `refresh_before`: tokens are dropped this long before the
/// platform says they expire, so a request never leaves with a token about
/// to die in flight.
pub const SAFETY_MARGIN: Duration = Duration::from_secs(300);

/// The margin for a token living `ttl`: [`SAFETY_MARGIN`], or half the
/// lifetime for short-lived tokens.
pub fn margin(ttl: Duration) -> Duration {
    SAFETY_MARGIN.min(ttl / 2)
}

/// The longest lifetime believed: a larger `expires_in` (10^12 s, i64::MAX)
/// is a platform bug or a hostile answer, and is clamped to this.
pub const MAX_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// The lifetime assumed when the answer states none.
pub const DEFAULT_LIFETIME: Duration = Duration::from_secs(7200);

/// A token is never fetched again sooner than this after the previous fetch
/// (unless the platform rejected it): an answer saying it expires at once
/// (`expires_in` ≤ 0) must not turn every call into a token request.
pub const MIN_REFRESH_INTERVAL: Duration = Duration::from_secs(5);

/// First wait after the token endpoint refused the credentials; doubled on
/// each further refusal up to [`MAX_REFUSAL_BACKOFF`]. Meanwhile calls fail
/// at once with the refusal instead of asking again.
pub const REFUSAL_BACKOFF: Duration = Duration::from_secs(1);
/// Longest wait after repeated refusals.
pub const MAX_REFUSAL_BACKOFF: Duration = Duration::from_secs(60);

/// First pause between two looks at the store while another process holds
/// the refresh lock; doubled up to [`MAX_LOCK_POLL`].
pub const LOCK_POLL: Duration = Duration::from_millis(5);
/// Longest pause between two looks at the store while the lock is held.
pub const MAX_LOCK_POLL: Duration = Duration::from_millis(100);
/// A caller that has waited this long for other processes' refreshes
/// fetches the token itself (a store whose lock never frees must not block
/// calls forever).
pub const MAX_LOCK_WAIT: Duration = Duration::from_secs(60);

/// How long the token endpoint said a token lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lifetime {
    /// The answer states no lifetime: [`DEFAULT_LIFETIME`].
    Unstated,
    /// Seconds, as stated (may be zero, negative or absurd: clamped).
    Seconds(i64),
}

impl Lifetime {
    /// The lifetime used: negative or zero is "expired already", anything
    /// above [`MAX_LIFETIME`] is clamped to it.
    pub fn clamped(self) -> Duration {
        match self {
            Lifetime::Unstated => DEFAULT_LIFETIME,
            Lifetime::Seconds(seconds) => u64::try_from(seconds)
                .map_or(Duration::ZERO, Duration::from_secs)
                .min(MAX_LIFETIME),
        }
    }
}

/// The last fetch, to bound the refresh rate.
struct LastFetch {
    at: Instant,
    value: Secret<String>,
}

/// The token endpoint's last refusal and when it may be asked again.
struct Refusal {
    until: Instant,
    failures: u32,
    code: String,
    message: String,
}

/// The client's token cache: a store plus single-flight refresh.
pub(crate) struct TokenCache {
    store: Arc<dyn TokenStore>,
    key: String,
    /// Renew this long before the stated expiry (at most half the lifetime).
    refresh_before: Duration,
    /// Held while fetching, so concurrent callers on a cold cache share one
    /// request: they queue here, then find the fresh token in the store. It
    /// also guards the fetch history below.
    refresh: tokio::sync::Mutex<History>,
    /// The last token handed out, to tell a new one (fetched here or by
    /// another process) from the same.
    seen: std::sync::Mutex<Option<Secret<String>>>,
}

/// What waiting for the fleet's refresh lock gave.
enum Turn {
    /// Another process stored a fresh token meanwhile.
    Found(Secret<String>),
    /// This caller fetches; `holder` releases the lock after.
    Fetch { holder: Option<String> },
}

#[derive(Default)]
struct History {
    last: Option<LastFetch>,
    refusal: Option<Refusal>,
}

impl TokenCache {
    pub(crate) fn new(store: Arc<dyn TokenStore>, key: String, refresh_before: Duration) -> Self {
        TokenCache {
            store,
            key,
            refresh_before,
            refresh: tokio::sync::Mutex::new(History::default()),
            seen: std::sync::Mutex::new(None),
        }
    }

    /// Whether `token` differs from the last one handed out (then it is
    /// remembered as the last): the client adds new tokens to what it
    /// redacts, whoever fetched them.
    pub(crate) fn first_sight(&self, token: &Secret<String>) -> bool {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if seen.as_ref() == Some(token) {
            return false;
        }
        *seen = Some(token.clone());
        true
    }

    /// Waits for the store-wide refresh lock, or for the token another
    /// process fetches under it.
    async fn fleet_turn(&self) -> Turn {
        let started = Instant::now();
        let mut pause = LOCK_POLL;
        loop {
            match self.store.lock(&self.key).await {
                RefreshLock::Taken(holder) => {
                    // The previous holder may have stored it just before releasing.
                    if let Some(token) = self.fresh().await {
                        self.store.unlock(&self.key, &holder).await;
                        return Turn::Found(token);
                    }
                    return Turn::Fetch {
                        holder: Some(holder),
                    };
                }
                RefreshLock::Busy if started.elapsed() >= MAX_LOCK_WAIT => {
                    tracing::warn!(
                        waited = ?started.elapsed(),
                        "another process has held the token refresh lock too long: fetching here"
                    );
                    return Turn::Fetch { holder: None };
                }
                RefreshLock::Busy => {
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(MAX_LOCK_POLL);
                    if let Some(token) = self.fresh().await {
                        return Turn::Found(token);
                    }
                }
            }
        }
    }

    async fn fresh(&self) -> Option<Secret<String>> {
        self.store
            .get(&self.key)
            .await
            .filter(|t| t.expires_at > SystemTime::now())
            .map(|t| t.value)
    }

    /// A fresh token, from the store or from `fetch` (which returns the
    /// token and its stated lifetime). `endpoint` names the call in errors.
    pub(crate) async fn get<F, Fut>(
        &self,
        endpoint: &'static str,
        fetch: F,
    ) -> Result<Secret<String>, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(Secret<String>, Lifetime), Error>>,
    {
        if let Some(token) = self.fresh().await {
            return Ok(token);
        }
        let mut history = self.refresh.lock().await;
        if let Some(token) = self.fresh().await {
            return Ok(token);
        }
        let now = Instant::now();
        if let Some(last) = history
            .last
            .as_ref()
            .filter(|last| now.duration_since(last.at) < MIN_REFRESH_INTERVAL)
        {
            return Ok(last.value.clone());
        }
        if let Some(refusal) = history.refusal.as_ref().filter(|r| now < r.until) {
            return Err(Error::Auth {
                endpoint,
                code: refusal.code.clone(),
                message: format!(
                    "{} (the token endpoint refused the credentials {} time(s); not asked \
                     again for {} s)",
                    refusal.message,
                    refusal.failures,
                    refusal.until.duration_since(now).as_secs() + 1
                ),
            });
        }
        let holder = match self.fleet_turn().await {
            Turn::Found(token) => return Ok(token),
            Turn::Fetch { holder } => holder,
        };
        let fetched = fetch().await;
        if fetched.is_err() {
            if let Some(holder) = &holder {
                self.store.unlock(&self.key, holder).await;
            }
        }
        let (value, lifetime) = match fetched {
            Ok(fetched) => fetched,
            Err(error) => {
                if let Error::Auth { code, message, .. } = &error {
                    let failures = history.refusal.as_ref().map_or(0, |r| r.failures) + 1;
                    let wait = REFUSAL_BACKOFF
                        .saturating_mul(1 << (failures - 1).min(16))
                        .min(MAX_REFUSAL_BACKOFF);
                    history.refusal = Some(Refusal {
                        until: Instant::now() + wait,
                        failures,
                        code: code.clone(),
                        message: message.clone(),
                    });
                }
                return Err(error);
            }
        };
        history.refusal = None;
        let ttl = lifetime.clamped();
        if let Lifetime::Seconds(stated) = lifetime {
            if ttl.as_secs() != u64::try_from(stated).unwrap_or(0) || stated <= 0 {
                tracing::warn!(
                    stated,
                    used_secs = ttl.as_secs(),
                    "implausible token lifetime: clamped (refreshes stay at most one per {:?})",
                    MIN_REFRESH_INTERVAL
                );
            }
        }
        let now_wall = SystemTime::now();
        let expires_at = now_wall
            .checked_add(ttl.saturating_sub(self.refresh_before.min(ttl / 2)))
            .unwrap_or(now_wall);
        history.last = Some(LastFetch {
            at: Instant::now(),
            value: value.clone(),
        });
        self.store
            .put(
                &self.key,
                CachedToken {
                    value: value.clone(),
                    expires_at,
                },
            )
            .await;
        if let Some(holder) = &holder {
            self.store.unlock(&self.key, holder).await;
        }
        Ok(value)
    }

    /// Drops `stale` after the platform rejected it: the next call fetches
    /// a new one at once (the refresh-rate bound does not keep a rejected
    /// token).
    pub(crate) async fn invalidate(&self, stale: &Secret<String>) {
        {
            let mut history = self.refresh.lock().await;
            if history.last.as_ref().is_some_and(|l| &l.value == stale) {
                history.last = None;
            }
        }
        self.store.invalidate(&self.key, stale).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn concurrent_callers_share_one_fetch() {
        let cache = Arc::new(TokenCache::new(
            Arc::new(MemoryTokenStore::default()),
            "k".into(),
            SAFETY_MARGIN,
        ));
        let fetches = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..200)
            .map(|_| {
                let cache = cache.clone();
                let fetches = fetches.clone();
                tokio::spawn(async move {
                    cache
                        .get("e", || async move {
                            fetches.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            Ok((Secret::new("t1".to_owned()), Lifetime::Seconds(7200)))
                        })
                        .await
                })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().unwrap().expose(), "t1");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
    }

    #[tokio::test]
    async fn invalidate_keeps_a_newer_token() {
        let store = MemoryTokenStore::default();
        let token = |v: &str| CachedToken {
            value: Secret::new(v.to_owned()),
            expires_at: SystemTime::now() + Duration::from_secs(60),
        };
        store.put("k", token("new")).await;
        store.invalidate("k", &Secret::new("old".to_owned())).await;
        assert!(store.get("k").await.is_some());
        store.invalidate("k", &Secret::new("new".to_owned())).await;
        assert!(store.get("k").await.is_none());
    }

    #[test]
    fn lifetimes_are_clamped() {
        assert_eq!(Lifetime::Seconds(7200).clamped(), Duration::from_secs(7200));
        assert_eq!(Lifetime::Seconds(0).clamped(), Duration::ZERO);
        assert_eq!(Lifetime::Seconds(-5).clamped(), Duration::ZERO);
        assert_eq!(Lifetime::Seconds(i64::MAX).clamped(), MAX_LIFETIME);
        assert_eq!(Lifetime::Seconds(1_000_000_000_000).clamped(), MAX_LIFETIME);
        assert_eq!(Lifetime::Unstated.clamped(), DEFAULT_LIFETIME);
    }

    fn new_cache() -> TokenCache {
        TokenCache::new(
            Arc::new(MemoryTokenStore::default()),
            "k".into(),
            SAFETY_MARGIN,
        )
    }

    #[tokio::test]
    async fn an_instantly_expiring_token_is_refetched_at_most_once_per_interval() {
        let cache = new_cache();
        let fetches = AtomicUsize::new(0);
        for _ in 0..500 {
            let token = cache
                .get("e", || async {
                    let n = fetches.fetch_add(1, Ordering::SeqCst);
                    Ok((Secret::new(format!("t{n}")), Lifetime::Seconds(0)))
                })
                .await
                .unwrap();
            assert_eq!(token.expose(), "t0");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        // A rejected token is not kept by the bound.
        cache.invalidate(&Secret::new("t0".to_owned())).await;
        let token = cache
            .get("e", || async {
                Ok((Secret::new("t1".to_owned()), Lifetime::Seconds(0)))
            })
            .await
            .unwrap();
        assert_eq!(token.expose(), "t1");
    }

    #[tokio::test]
    async fn refused_credentials_are_not_asked_again_during_the_backoff() {
        let cache = new_cache();
        let fetches = AtomicUsize::new(0);
        for _ in 0..50 {
            let error = cache
                .get("e", || async {
                    fetches.fetch_add(1, Ordering::SeqCst);
                    Err::<(Secret<String>, Lifetime), _>(Error::Auth {
                        endpoint: "e",
                        code: "4001".into(),
                        message: "invalid credentials".into(),
                    })
                })
                .await
                .unwrap_err();
            assert!(matches!(error, Error::Auth { .. }), "{error:?}");
        }
        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        let error = cache
            .get("e", || async { unreachable!("within the backoff") })
            .await
            .unwrap_err()
            .to_string();
        assert!(error.contains("not asked again"), "{error}");
        // Throttling of the token endpoint is not a refusal: no backoff.
        let throttled = TokenCache::new(
            Arc::new(MemoryTokenStore::default()),
            "k".into(),
            SAFETY_MARGIN,
        );
        let throttled_fetches = AtomicUsize::new(0);
        for _ in 0..3 {
            let _ = throttled
                .get("e", || async {
                    throttled_fetches.fetch_add(1, Ordering::SeqCst);
                    Err::<(Secret<String>, Lifetime), _>(Error::HttpStatus {
                        endpoint: "e",
                        status: 429,
                        body: String::new(),
                    })
                })
                .await;
        }
        assert_eq!(throttled_fetches.load(Ordering::SeqCst), 3);
    }

    /// A store whose refresh lock another process holds until `busy` is cleared.
    #[derive(Default)]
    struct Fleet {
        tokens: MemoryTokenStore,
        busy: std::sync::atomic::AtomicBool,
        unlocked: std::sync::Mutex<Vec<String>>,
    }

    impl TokenStore for Fleet {
        fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<CachedToken>> {
            self.tokens.get(key)
        }
        fn put<'a>(&'a self, key: &'a str, token: CachedToken) -> BoxFuture<'a, ()> {
            self.tokens.put(key, token)
        }
        fn invalidate<'a>(&'a self, key: &'a str, stale: &'a Secret<String>) -> BoxFuture<'a, ()> {
            self.tokens.invalidate(key, stale)
        }
        fn lock<'a>(&'a self, _key: &'a str) -> BoxFuture<'a, RefreshLock> {
            let busy = self.busy.load(Ordering::SeqCst);
            Box::pin(async move {
                if busy {
                    RefreshLock::Busy
                } else {
                    RefreshLock::Taken("me".into())
                }
            })
        }
        fn unlock<'a>(&'a self, _key: &'a str, holder: &'a str) -> BoxFuture<'a, ()> {
            self.unlocked.lock().unwrap().push(holder.to_owned());
            Box::pin(async {})
        }
    }

    #[tokio::test]
    async fn a_waiter_takes_the_token_another_process_fetched() {
        let fleet = Arc::new(Fleet::default());
        fleet.busy.store(true, Ordering::SeqCst);
        let cache = TokenCache::new(fleet.clone(), "k".into(), SAFETY_MARGIN);
        let other = fleet.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(60)).await;
            let expires_at = SystemTime::now() + Duration::from_secs(600);
            let value = Secret::new("theirs".to_owned());
            other.put("k", CachedToken { value, expires_at }).await;
        });
        let token = cache
            .get("e", || async { unreachable!("another process fetches") })
            .await
            .unwrap();
        assert_eq!(token.expose(), "theirs");
        assert!(fleet.unlocked.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn the_holder_fetches_and_releases_the_lock_on_success_and_failure() {
        let fleet = Arc::new(Fleet::default());
        let cache = TokenCache::new(fleet.clone(), "k".into(), SAFETY_MARGIN);
        let failed = cache
            .get("e", || async {
                Err::<(Secret<String>, Lifetime), _>(Error::HttpStatus {
                    endpoint: "e",
                    status: 503,
                    body: String::new(),
                })
            })
            .await;
        assert!(failed.is_err());
        assert_eq!(*fleet.unlocked.lock().unwrap(), ["me"]);
        let token = cache
            .get("e", || async {
                Ok((Secret::new("mine".to_owned()), Lifetime::Seconds(7200)))
            })
            .await
            .unwrap();
        assert_eq!(token.expose(), "mine");
        assert_eq!(*fleet.unlocked.lock().unwrap(), ["me", "me"]);
        assert!(fleet.get("k").await.is_some());
    }

    #[test]
    fn margins() {
        assert_eq!(margin(Duration::from_secs(7200)), SAFETY_MARGIN);
        assert_eq!(margin(Duration::from_secs(60)), Duration::from_secs(30));
    }
}
