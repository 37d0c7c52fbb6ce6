//! Configures a [`Client`]: credentials, hosts, timeouts, retries, token
//! store, rate limiter, signer. Checked once in [`ClientBuilder::build`].

use std::fmt;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use super::auth::sign::Signer;
use super::auth::token::{MemoryTokenStore, TokenCache, TokenStore};
use super::client::{Client, Credentials, Inner, Rate};
use super::error::Error;
use super::rate::{self, Keys, LocalLimiter, RateLimiter};
use super::redact::Redactor;
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::spec::{Platform, Value};
use super::urls::EndpointUrls;

/// Default time to establish a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Default time for one attempt (connect, send, read the whole answer).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default longest answer read: 16 MiB, far above any documented answer.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// Whether and how far the client follows HTTP redirects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Redirects {
    /// Never (the default): a 3xx answer is [`Error::Redirect`]. Open
    /// platforms do not redirect API calls; a redirect would carry the
    /// request, its body and its credentials wherever it points.
    #[default]
    None,
    /// Follow at most `max` redirects that stay on the same scheme, host and
    /// port as the request (so credentials never reach another host); any
    /// other redirect stops there and is [`Error::Redirect`].
    SameHost {
        /// Redirects followed per attempt at most.
        max: usize,
    },
}

impl Redirects {
    fn policy(self) -> reqwest::redirect::Policy {
        match self {
            Redirects::None => reqwest::redirect::Policy::none(),
            Redirects::SameHost { max } => reqwest::redirect::Policy::custom(move |attempt| {
                let same_host = attempt.previous().last().is_some_and(|previous| {
                    let next = attempt.url();
                    previous.scheme() == next.scheme()
                        && previous.host_str() == next.host_str()
                        && previous.port_or_known_default() == next.port_or_known_default()
                });
                if same_host && attempt.previous().len() <= max {
                    attempt.follow()
                } else {
                    attempt.stop()
                }
            }),
        }
    }
}

/// Builds a [`Client`], or a generated platform client wrapping one (`C`).
pub struct ClientBuilder<C = Client> {
    platform: &'static Platform,
    credentials: Credentials,
    /// Credential names given that the platform does not declare.
    unknown_credentials: Vec<String>,
    base_urls: Vec<(String, String)>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: u64,
    redirects: Redirects,
    token_store: Option<Arc<dyn TokenStore>>,
    rate_limiter: Option<Arc<dyn RateLimiter>>,
    max_rate_wait: Duration,
    rate_margin: Duration,
    enforce_rate_limits: bool,
    signers: Vec<(String, Arc<dyn Signer>)>,
    strict: bool,
    validate: bool,
    _client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("platform", &self.platform.name)
            .field("credentials", &self.credentials)
            .field("base_urls", &self.base_urls)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("redirects", &self.redirects)
            .field("custom_token_store", &self.token_store.is_some())
            .field("custom_rate_limiter", &self.rate_limiter.is_some())
            .field("max_rate_wait", &self.max_rate_wait)
            .field("rate_margin", &self.rate_margin)
            .field("enforce_rate_limits", &self.enforce_rate_limits)
            .field("custom_signers", &self.signers.len())
            .field("strict_responses", &self.strict)
            .field("validate_requests", &self.validate)
            .finish()
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder for `platform` (the generated `<platform>::PLATFORM`).
    pub fn new(platform: &'static Platform) -> Self {
        ClientBuilder {
            platform,
            credentials: Credentials::default(),
            unknown_credentials: Vec::new(),
            base_urls: Vec::new(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            redirects: Redirects::None,
            token_store: None,
            rate_limiter: None,
            max_rate_wait: rate::DEFAULT_MAX_WAIT,
            rate_margin: rate::DEFAULT_MARGIN,
            enforce_rate_limits: true,
            signers: Vec::new(),
            strict: false,
            validate: true,
            _client: PhantomData,
        }
    }

    /// The platform this builder makes a client for.
    pub fn platform(&self) -> &'static Platform {
        self.platform
    }

    /// The app's key and secret: the platform's first declared credential
    /// that is not secret, and its first secret one (`app_key`/`app_secret`
    /// unless the spec names them otherwise).
    pub fn credentials(self, app_key: impl Into<String>, app_secret: impl Into<String>) -> Self {
        let declared = self.platform.credentials;
        let key = declared
            .iter()
            .find(|c| !c.secret)
            .map_or("app_key", |c| c.name);
        let secret = declared
            .iter()
            .find(|c| c.secret)
            .map_or("app_secret", |c| c.name);
        self.credential(key, app_key).credential(secret, app_secret)
    }

    /// One credential by the name the spec declares it under (`sign_key`…).
    /// A name the platform does not declare is an error at [`build`](Self::build).
    pub fn credential(mut self, name: &str, value: impl Into<String>) -> Self {
        match self.platform.credentials.iter().find(|c| c.name == name) {
            Some(declared) => {
                self.credentials
                    .values
                    .retain(|(n, _, _)| *n != declared.name);
                self.credentials.values.push((
                    declared.name,
                    Secret::new(value.into()),
                    declared.secret,
                ));
            }
            None => self.unknown_credentials.push(name.to_owned()),
        }
        self
    }

    /// Sends the requests of gateway `gateway` (e.g. `"api"`) to `url`
    /// instead of the documented host (a test server, a proxy). Plain
    /// `http://` is accepted only for loopback hosts.
    pub fn base_url(mut self, gateway: &str, url: impl Into<String>) -> Self {
        self.base_urls.push((gateway.to_owned(), url.into()));
        self
    }

    /// Time to establish a connection (default 5 s).
    pub fn connect_timeout(self, d: Duration) -> Self {
        ClientBuilder {
            connect_timeout: d,
            ..self
        }
    }

    /// Time for one attempt, from sending to the end of the answer (default 30 s).
    pub fn timeout(self, d: Duration) -> Self {
        ClientBuilder { timeout: d, ..self }
    }

    /// When to retry (default [`RetryPolicy::default`]).
    pub fn retry_policy(self, p: RetryPolicy) -> Self {
        ClientBuilder { retry: p, ..self }
    }

    /// The longest answer read, in bytes (default 16 MiB): a longer one is
    /// [`Error::ResponseTooLarge`], found while reading (a declared
    /// `Content-Length` is refused before reading), so a hostile or broken
    /// server cannot exhaust memory.
    pub fn max_response_bytes(self, limit: u64) -> Self {
        ClientBuilder {
            max_response_bytes: limit,
            ..self
        }
    }

    /// Whether redirects are followed (default [`Redirects::None`]).
    pub fn redirects(self, redirects: Redirects) -> Self {
        ClientBuilder { redirects, ..self }
    }

    /// Where access tokens are kept (default: in memory, per client).
    pub fn token_store(self, s: impl TokenStore) -> Self {
        ClientBuilder {
            token_store: Some(Arc::new(s)),
            ..self
        }
    }

    /// Who gives calls their turns under the spec's rate limits (default: a
    /// [`LocalLimiter`] of this client). Share one across processes (the
    /// `oapi-redis` crate's `RedisLimiter`) so that a fleet of processes of
    /// one app stays within the app's limits together.
    pub fn rate_limiter(self, limiter: impl RateLimiter) -> Self {
        ClientBuilder {
            rate_limiter: Some(Arc::new(limiter)),
            ..self
        }
    }

    /// The longest a call waits for its turn under the rate limits (default
    /// 10 s); a call whose turn is further away is not sent and fails with
    /// [`Error::RateLimited`]. Waits count once per attempt.
    pub fn max_rate_wait(self, d: Duration) -> Self {
        ClientBuilder {
            max_rate_wait: d,
            ..self
        }
    }

    /// Added to every declared window (default 50 ms): a limit of `n` per
    /// `window` spaces turns `(window + margin) / n` apart, so the platform
    /// never counts more than `n` in any `window` as long as the time from a
    /// turn to the platform's receipt varies by less than `margin` (network
    /// jitter, scheduling). 40/s with 50 ms gives turns 26.25 ms apart: 95 %
    /// of the limit.
    pub fn rate_margin(self, d: Duration) -> Self {
        ClientBuilder {
            rate_margin: d,
            ..self
        }
    }

    /// Whether the spec's rate limits are enforced before sending (default
    /// `true`). Off, calls leave as fast as they are made and throttling is
    /// learnt from the platform's answers (and retried): for test suites
    /// against a fake platform that does not count.
    pub fn enforce_rate_limits(self, enforce: bool) -> Self {
        ClientBuilder {
            enforce_rate_limits: enforce,
            ..self
        }
    }

    /// Replaces every signing rule of the platform's spec with `signer`, for
    /// a signature YAML cannot describe.
    pub fn signer(mut self, signer: impl Signer) -> Self {
        self.signers.push((String::new(), Arc::new(signer)));
        self
    }

    /// Replaces the spec's signing rule named `rule` with `signer`.
    pub fn signer_for(mut self, rule: &str, signer: impl Signer) -> Self {
        self.signers.push((rule.to_owned(), Arc::new(signer)));
        self
    }

    /// Whether requests are checked against the documented limits before
    /// sending (default `true`). Off, a request breaking them is sent as it
    /// is: for test suites that check how the platform itself refuses one.
    pub fn validate_requests(self, validate: bool) -> Self {
        ClientBuilder { validate, ..self }
    }

    /// Decodes answers strictly (documented types only), whatever the
    /// spec's `lenient` says: for test suites that want to catch a platform
    /// sending numbers as text or one object for a list.
    pub fn strict_responses(self, strict: bool) -> Self {
        ClientBuilder { strict, ..self }
    }

    /// Checks the configuration and builds the client.
    ///
    /// Errors: an unknown gateway name in [`base_url`](Self::base_url), a URL
    /// that is not `https://` (except on loopback), a credential the
    /// platform does not declare, or one it needs that was not given.
    pub fn build(self) -> Result<C, Error> {
        let platform = self.platform;
        for (name, _) in &self.base_urls {
            if !platform.gateways.iter().any(|g| g.name == name) {
                let known: Vec<&str> = platform.gateways.iter().map(|g| g.name).collect();
                return Err(Error::config(format!(
                    "unknown gateway `{name}` for platform {}; known: {}",
                    platform.name,
                    known.join(", ")
                )));
            }
        }
        let mut resolved = Vec::with_capacity(platform.gateways.len());
        let mut all_loopback = true;
        for gateway in platform.gateways {
            let url = self
                .base_urls
                .iter()
                .rev()
                .find(|(name, _)| name == gateway.name)
                .map_or(gateway.base_url, |(_, url)| url.as_str());
            let loopback = check_url(gateway.name, url)?;
            all_loopback &= loopback;
            resolved.push((gateway.name, url.trim_end_matches('/').to_owned()));
        }
        if let Some(name) = self.unknown_credentials.first() {
            let known: Vec<&str> = platform.credentials.iter().map(|c| c.name).collect();
            return Err(Error::config(format!(
                "platform {} has no credential `{name}`; its credentials: {}",
                platform.name,
                known.join(", ")
            )));
        }
        let missing: Vec<&str> = needed_credentials(platform)
            .into_iter()
            .filter(|name| self.credentials.values.iter().all(|(n, _, _)| n != name))
            .collect();
        if !missing.is_empty() {
            return Err(Error::config(format!(
                "platform {} needs credentials {}: call .credentials(key, secret) or .credential(name, value)",
                platform.name,
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let mut http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .redirect(self.redirects.policy())
            // A `Referer` would repeat the previous URL, query token included.
            .referer(false)
            .user_agent(concat!("oapi-client/", env!("CARGO_PKG_VERSION")));
        if all_loopback {
            // A system proxy must not capture calls to a local test server.
            http = http.no_proxy();
        }
        let http = http.build().map_err(|e| {
            Error::config(format!("cannot build the HTTP client: {}", e.without_url()))
        })?;
        // The app, in token store keys: the first non-secret credential's value.
        let app = self
            .credentials
            .values
            .iter()
            .find(|(_, _, secret)| !secret)
            .map(|(_, value, _)| value.expose().clone())
            .unwrap_or_default();
        let store = self
            .token_store
            .unwrap_or_else(|| Arc::new(MemoryTokenStore::default()));
        let tokens = platform
            .tokens
            .iter()
            .map(|token| {
                let key = format!("{}:{}:{app}", platform.name, token.name);
                let before = Duration::from_secs(token.refresh_before_secs);
                (token.name, TokenCache::new(store.clone(), key, before))
            })
            .collect();
        let redactor = Redactor::default();
        for (_, value, secret) in &self.credentials.values {
            if *secret {
                redactor.remember(value.expose());
            }
        }
        let keys = Keys::new(platform, app, self.rate_margin);
        let rate = self.enforce_rate_limits.then(|| Rate {
            limiter: self
                .rate_limiter
                .unwrap_or_else(|| Arc::new(LocalLimiter::new())),
            keys,
            max_wait: self.max_rate_wait,
        });
        let inner = Inner {
            platform,
            rate,
            http,
            urls: EndpointUrls::new(platform.name, resolved),
            credentials: self.credentials,
            retry: self.retry,
            max_response_bytes: self.max_response_bytes,
            redactor,
            tokens,
            signers: self.signers,
            strict: self.strict,
            validate: self.validate,
        };
        Ok(C::from(Client {
            inner: Arc::new(inner),
        }))
    }
}

/// The credentials a platform's requests and token requests use.
fn needed_credentials(platform: &Platform) -> Vec<&'static str> {
    let mut names = Vec::new();
    let mut note = |value: &Value| match value {
        Value::Credential(name) => names.push(*name),
        Value::Signature(rule) => names.push(rule.secret),
        _ => {}
    };
    for gateway in platform.gateways {
        let shape = gateway.request;
        shape
            .query
            .iter()
            .chain(shape.headers)
            .chain(shape.body.unwrap_or_default())
            .for_each(|(_, value)| note(value));
    }
    for token in platform.tokens {
        token.params.iter().for_each(|(_, value)| note(value));
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// Accepts `https://` anywhere and `http://` on loopback; returns whether
/// the host is loopback.
fn check_url(gateway: &str, url: &str) -> Result<bool, Error> {
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| Error::config(format!("gateway `{gateway}`: invalid URL `{url}`: {e}")))?;
    let host = parsed
        .host_str()
        .unwrap_or_default()
        .trim_start_matches('[')
        .trim_end_matches(']');
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback());
    match parsed.scheme() {
        "https" => Ok(loopback),
        "http" if loopback => Ok(true),
        "http" => Err(Error::config(format!(
            "gateway `{gateway}`: `{url}` must use https (plain http is allowed only on loopback)"
        ))),
        other => Err(Error::config(format!(
            "gateway `{gateway}`: unsupported scheme `{other}` in `{url}`"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(check_url("g", "https://api.example.com").ok(), Some(false));
        assert_eq!(check_url("g", "http://127.0.0.1:8080").ok(), Some(true));
        assert_eq!(check_url("g", "http://localhost:1").ok(), Some(true));
        assert_eq!(check_url("g", "http://[::1]:1").ok(), Some(true));
        assert!(check_url("g", "http://api.example.com").is_err());
        assert!(check_url("g", "http://10.0.0.1").is_err());
        assert!(check_url("g", "ftp://127.0.0.1").is_err());
        assert!(check_url("g", "not a url").is_err());
    }
}
