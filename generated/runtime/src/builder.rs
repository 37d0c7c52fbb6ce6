//! Configures a [`Client`]: credentials, hosts, timeouts, retries, token
//! store, signer. Checked once in [`ClientBuilder::build`].

use std::fmt;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use super::auth::sign::{Signer, TopMd5Signer};
use super::auth::token::{MemoryTokenStore, TokenCache, TokenStore};
use super::client::{Client, Credentials, Inner};
use super::endpoint::{Auth, Platform};
use super::error::Error;
use super::redact::Redactor;
use super::retry::RetryPolicy;
use super::secret::Secret;
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
    credentials: Option<Credentials>,
    base_urls: Vec<(String, String)>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    max_response_bytes: u64,
    redirects: Redirects,
    token_store: Option<Arc<dyn TokenStore>>,
    signer: Option<Arc<dyn Signer>>,
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
            .field("custom_signer", &self.signer.is_some())
            .finish()
    }
}

impl<C: From<Client>> ClientBuilder<C> {
    /// A builder for `platform` (the generated `<platform>::PLATFORM`).
    pub fn new(platform: &'static Platform) -> Self {
        ClientBuilder {
            platform,
            credentials: None,
            base_urls: Vec::new(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            redirects: Redirects::None,
            token_store: None,
            signer: None,
            _client: PhantomData,
        }
    }

    /// The app's credentials: DingTalk `appkey`/`appsecret`, 食亨 `appId`/secret.
    pub fn credentials(self, app_key: impl Into<String>, app_secret: impl Into<String>) -> Self {
        ClientBuilder {
            credentials: Some(Credentials {
                app_key: app_key.into(),
                app_secret: Secret::new(app_secret.into()),
            }),
            ..self
        }
    }

    /// Sends the requests of gateway `gateway` (e.g. `"oapi"`) to `url`
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

    /// How 食亨 envelopes are signed (default [`TopMd5Signer`]).
    pub fn signer(self, s: impl Signer) -> Self {
        ClientBuilder {
            signer: Some(Arc::new(s)),
            ..self
        }
    }

    /// Checks the configuration and builds the client.
    ///
    /// Errors: an unknown gateway name in [`base_url`](Self::base_url), a URL
    /// that is not `https://` (except on loopback), missing credentials on a
    /// platform that needs them.
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
        let needs_credentials = platform.gateways.iter().any(|g| g.auth != Auth::None);
        if needs_credentials && self.credentials.is_none() {
            return Err(Error::config(format!(
                "platform {} needs credentials: call .credentials(app_key, app_secret)",
                platform.name
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
        let app_key = self
            .credentials
            .as_ref()
            .map(|c| c.app_key.clone())
            .unwrap_or_default();
        let store = self
            .token_store
            .unwrap_or_else(|| Arc::new(MemoryTokenStore::default()));
        let redactor = Redactor::default();
        if let Some(credentials) = &self.credentials {
            redactor.remember(credentials.app_secret.expose());
        }
        let inner = Inner {
            platform,
            http,
            urls: EndpointUrls::new(platform.name, resolved),
            credentials: self.credentials,
            retry: self.retry,
            max_response_bytes: self.max_response_bytes,
            redactor,
            tokens: TokenCache::new(store, format!("{}:{app_key}", platform.name)),
            signer: self.signer.unwrap_or_else(|| Arc::new(TopMd5Signer)),
        };
        Ok(C::from(Client {
            inner: Arc::new(inner),
        }))
    }
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
        assert_eq!(
            check_url("g", "https://oapi.dingtalk.com").ok(),
            Some(false)
        );
        assert_eq!(check_url("g", "http://127.0.0.1:8080").ok(), Some(true));
        assert_eq!(check_url("g", "http://localhost:1").ok(), Some(true));
        assert_eq!(check_url("g", "http://[::1]:1").ok(), Some(true));
        assert!(check_url("g", "http://oapi.dingtalk.com").is_err());
        assert!(check_url("g", "http://10.0.0.1").is_err());
        assert!(check_url("g", "ftp://127.0.0.1").is_err());
        assert!(check_url("g", "not a url").is_err());
    }
}
