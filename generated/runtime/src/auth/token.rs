//! Access tokens: cached until shortly before they expire, refreshed by one
//! caller while the others wait, shareable between processes.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

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
/// each fetching its own (DingTalk counts token requests too).
///
/// `key` identifies the platform and app (`dingtalk:<appkey>`).
pub trait TokenStore: Send + Sync + 'static {
    /// The stored token, fresh or not (the client checks `expires_at`).
    fn get<'a>(&'a self, key: &'a str) -> BoxFuture<'a, Option<CachedToken>>;
    /// Stores a newly fetched token.
    fn put<'a>(&'a self, key: &'a str, token: CachedToken) -> BoxFuture<'a, ()>;
    /// Drops the stored token if it is still `stale` (the platform rejected
    /// it); a newer token stored meanwhile by another caller is kept.
    fn invalidate<'a>(&'a self, key: &'a str, stale: &'a Secret<String>) -> BoxFuture<'a, ()>;
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
}

/// Tokens are dropped this long before the platform says they expire, so a
/// request never leaves with a token about to die in flight.
pub const SAFETY_MARGIN: Duration = Duration::from_secs(300);

/// The margin for a token living `ttl`: [`SAFETY_MARGIN`], or half the
/// lifetime for short-lived tokens.
pub fn margin(ttl: Duration) -> Duration {
    SAFETY_MARGIN.min(ttl / 2)
}

/// The client's token cache: a store plus single-flight refresh.
pub(crate) struct TokenCache {
    store: Arc<dyn TokenStore>,
    key: String,
    /// Held while fetching, so concurrent callers on a cold cache share one
    /// request: they queue here, then find the fresh token in the store.
    refresh: tokio::sync::Mutex<()>,
}

impl TokenCache {
    pub(crate) fn new(store: Arc<dyn TokenStore>, key: String) -> Self {
        TokenCache {
            store,
            key,
            refresh: tokio::sync::Mutex::new(()),
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
    /// token and its lifetime).
    pub(crate) async fn get<F, Fut>(&self, fetch: F) -> Result<Secret<String>, Error>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<(Secret<String>, Duration), Error>>,
    {
        if let Some(token) = self.fresh().await {
            return Ok(token);
        }
        let _refreshing = self.refresh.lock().await;
        if let Some(token) = self.fresh().await {
            return Ok(token);
        }
        let (value, ttl) = fetch().await?;
        let expires_at = SystemTime::now() + ttl.saturating_sub(margin(ttl));
        self.store
            .put(
                &self.key,
                CachedToken {
                    value: value.clone(),
                    expires_at,
                },
            )
            .await;
        Ok(value)
    }

    /// Drops `stale` after the platform rejected it.
    pub(crate) async fn invalidate(&self, stale: &Secret<String>) {
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
        ));
        let fetches = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..200)
            .map(|_| {
                let cache = cache.clone();
                let fetches = fetches.clone();
                tokio::spawn(async move {
                    cache
                        .get(|| async move {
                            fetches.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            Ok((Secret::new("t1".to_owned()), Duration::from_secs(7200)))
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
    fn margins() {
        assert_eq!(margin(Duration::from_secs(7200)), SAFETY_MARGIN);
        assert_eq!(margin(Duration::from_secs(60)), Duration::from_secs(30));
    }
}
