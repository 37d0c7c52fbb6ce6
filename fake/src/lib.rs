//! A fake open platform served from the specs themselves: every endpoint of
//! every spec file, interpreted from the same IR the client is generated
//! from, on one loopback port. Nothing in it is written per endpoint or per
//! platform:
//!
//! - **auth** as each gateway declares it: tokens issued by the declared
//!   token endpoints (credentials checked), required where the gateway sends
//!   one, refused with the envelope's own token code when missing, invalid
//!   or expired; signatures verified by the declared rule;
//! - **validation** of every request by its spec: required fields, types,
//!   limits, formats, patterns, comma lists, windows, unknown fields;
//!   refusals in the platform's own error envelope, naming the field;
//! - **answers**: the documented example, or values synthesised from the
//!   response types, in the platform's envelope;
//! - **paging** over a configurable number of synthetic items, every style;
//! - **state** where an endpoint declares a `fake:` store (create, get,
//!   list, update, delete);
//! - **faults** injected per endpoint and per call: latency, an HTTP status,
//!   a platform code, token expiry, a truncated or malformed body, an HTML
//!   ban page, a dropped connection, a repeated cursor.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use oapi_fake::{FakePlatform, Fault};
//! let fake = FakePlatform::from_dir("spec").await?;
//! fake.inject("/topapi/report/list", Fault::code("90018"), 1);
//! println!("{}", fake.base_url());
//! # Ok(()) }
//! ```

#![warn(missing_docs)]

mod answer;
mod auth;
pub mod cli;
pub mod example;
mod faults;
mod handle;
mod limits;
mod paging;
mod routes;
mod server;
mod state;
mod store;
mod synth;
mod validate;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use oapi_codegen::ir::Api;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use faults::{Fault, TokenRejection};
pub use state::{Received, Verdict};

use state::Shared;

/// How many items a paged endpoint lists unless told otherwise.
pub const DEFAULT_ITEMS: usize = 45;

/// Lifetime of issued tokens, in seconds, unless told otherwise.
pub const DEFAULT_TOKEN_TTL_SECS: i64 = 7200;

/// The value the fake expects for a platform's credential: what clients
/// built for it must be given (`fake-<platform>-<credential>`).
pub fn credential(platform: &str, name: &str) -> String {
    format!("fake-{platform}-{name}")
}

/// Why the fake cannot start.
#[derive(Debug)]
pub enum StartError {
    /// The specs have errors.
    Spec(oapi_codegen::Diagnostics),
    /// The port cannot be bound.
    Io(std::io::Error),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Spec(d) => write!(f, "{d}"),
            StartError::Io(e) => write!(f, "cannot serve on 127.0.0.1: {e}"),
        }
    }
}

impl std::error::Error for StartError {}

impl From<std::io::Error> for StartError {
    fn from(error: std::io::Error) -> Self {
        StartError::Io(error)
    }
}

/// A running fake platform; it stops when dropped.
pub struct FakePlatform {
    addr: SocketAddr,
    shared: Arc<Shared>,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl std::fmt::Debug for FakePlatform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakePlatform")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl FakePlatform {
    /// Serves the spec files of `dir` (or a single file).
    pub async fn from_dir(dir: impl AsRef<Path>) -> Result<FakePlatform, StartError> {
        let api = oapi_codegen::compile(&[dir.as_ref().to_path_buf()]).map_err(StartError::Spec)?;
        Ok(FakePlatform::start(api).await?)
    }

    /// Serves specs given as text (e.g. embedded in a binary).
    pub async fn from_sources(sources: &[(PathBuf, String)]) -> Result<FakePlatform, StartError> {
        let api = oapi_codegen::compile_sources(sources).map_err(StartError::Spec)?;
        Ok(FakePlatform::start(api).await?)
    }

    /// Binds `127.0.0.1:0` (an ephemeral port) and serves `api` on a tokio task.
    pub async fn start(api: Api) -> std::io::Result<FakePlatform> {
        FakePlatform::start_on(api, 0).await
    }

    /// Serves `api` on `127.0.0.1:port` (`0`: an ephemeral port).
    pub async fn start_on(api: Api, port: u16) -> std::io::Result<FakePlatform> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new(api));
        let (shutdown, stop) = oneshot::channel();
        let task = tokio::spawn(server::serve(listener, shared.clone(), stop));
        Ok(FakePlatform {
            addr,
            shared,
            shutdown: Some(shutdown),
            task,
        })
    }

    /// `http://127.0.0.1:PORT`: a base URL for every gateway of every
    /// platform (paths are matched across them all, first declared first).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/<platform>/<gateway>`: the base URL of one
    /// gateway, unambiguous where platforms share paths.
    pub fn gateway_url(&self, platform: &str, gateway: &str) -> String {
        format!("http://{}/{platform}/{gateway}", self.addr)
    }

    /// Every gateway as `(platform, gateway, base URL)`.
    pub fn gateways(&self) -> Vec<(String, String, String)> {
        self.shared
            .api
            .platforms
            .iter()
            .flat_map(|p| {
                p.gateways.iter().map(move |g| {
                    (
                        p.module.clone(),
                        g.key.clone(),
                        self.gateway_url(&p.module, &g.key),
                    )
                })
            })
            .collect()
    }

    /// `builder` pointed at this fake: every gateway of its platform sent
    /// here, every credential the platform declares set to the value the
    /// fake expects ([`credential`]).
    pub fn configure<C: From<oapi_runtime::client::Client>>(
        &self,
        builder: oapi_runtime::builder::ClientBuilder<C>,
    ) -> oapi_runtime::builder::ClientBuilder<C> {
        let platform = builder.platform();
        let mut builder = builder;
        for declared in platform.credentials {
            builder = builder.credential(declared.name, credential(platform.name, declared.name));
        }
        for gateway in platform.gateways {
            builder = builder.base_url(gateway.name, self.gateway_url(platform.name, gateway.name));
        }
        builder
    }

    /// Calls `observer` with every verdict as it is reached (e.g. to log them).
    pub fn on_verdict(&self, observer: impl Fn(&Verdict) + Send + Sync + 'static) {
        self.shared.with(|d| d.observer = Some(Arc::new(observer)));
    }

    /// The specs served.
    pub fn api(&self) -> &Api {
        &self.shared.api
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Requests received on `path` (its spec path, faulted and refused ones included).
    pub fn requests(&self, path: &str) -> u64 {
        self.shared
            .with(|d| d.per_path.get(path).copied().unwrap_or(0))
    }

    /// When each request on `path` (its spec path) arrived, as offsets from
    /// the fake's start, in order (the newest 100,000 at least).
    pub fn arrivals(&self, path: &str) -> Vec<Duration> {
        self.shared
            .with(|d| d.counters.arrivals.get(path).cloned().unwrap_or_default())
    }

    /// The most requests `path` received within any `window` (sliding: every
    /// start time is tried), e.g. to check a client kept to 40 per second.
    pub fn max_in_window(&self, path: &str, window: Duration) -> usize {
        limits::max_in_window(&self.arrivals(path), window)
    }

    /// Whether requests beyond a declared rate limit (the spec's
    /// `rate_limits`, counted over sliding windows per app, gateway and
    /// endpoint as declared) are refused with the envelope's first
    /// throttling code (default `false`: everything is served).
    pub fn enforce_rate_limits(&self, enforce: bool) {
        self.shared.with(|d| d.counters.enforce = enforce);
    }

    /// Requests received on every path.
    pub fn total_requests(&self) -> u64 {
        self.shared.with(|d| d.per_path.values().sum())
    }

    /// Requests received by the declared token endpoints.
    pub fn token_requests(&self) -> u64 {
        self.shared.with(|d| d.token_requests)
    }

    /// The bodies received on `path`, in order (to check retries resend
    /// the same bytes); the newest 500 to 1,000 of a path that got more.
    pub fn bodies(&self, path: &str) -> Vec<bytes::Bytes> {
        self.received(path).into_iter().map(|r| r.body).collect()
    }

    /// The requests received on `path` (a spec path), as they arrived:
    /// method, path, query, headers and body; the newest 500 to 1,000.
    pub fn received(&self, path: &str) -> Vec<Received> {
        self.shared
            .with(|d| d.received.get(path).cloned().unwrap_or_default())
    }

    /// Every request handled so far, with its verdict, in order.
    pub fn verdicts(&self) -> Vec<Verdict> {
        self.shared.with(|d| d.verdicts.clone())
    }

    /// Injects `fault` into the next `times` requests on `path` (a spec
    /// path such as `/topapi/report/list`, or an endpoint's operation name
    /// such as `dingtalk.report.list`).
    pub fn inject(&self, path: &str, fault: Fault, times: u32) {
        self.inject_after(path, 0, fault, times);
    }

    /// Injects `fault` into `times` requests on `path`, after letting `skip` pass.
    pub fn inject_after(&self, path: &str, skip: u32, fault: Fault, times: u32) {
        self.shared.with(|d| {
            d.faults.push(faults::Rule {
                path: Some(path.to_owned()),
                fault,
                skip,
                remaining: times,
            })
        });
    }

    /// Injects `fault` into the next `times` requests on any path.
    pub fn inject_all(&self, fault: Fault, times: u32) {
        self.shared.with(|d| {
            d.faults.push(faults::Rule {
                path: None,
                fault,
                skip: 0,
                remaining: times,
            })
        });
    }

    /// Removes every pending fault.
    pub fn clear_faults(&self) {
        self.shared.with(|d| d.faults.clear());
    }

    /// Invalidates every issued token, as if they expired mid-run: requests
    /// carrying one are refused per [`FakePlatform::reject_tokens_with`].
    pub fn expire_tokens(&self) {
        self.shared.with(|d| d.tokens.clear());
    }

    /// How a request with an expired token is refused from now on.
    pub fn reject_tokens_with(&self, rejection: TokenRejection) {
        self.shared.with(|d| d.rejection = rejection);
    }

    /// How many items the paged endpoint `name` (`dingtalk.hrm.querypreentry`)
    /// lists from now on (default [`DEFAULT_ITEMS`]).
    pub fn set_items(&self, name: &str, count: usize) {
        self.shared.with(|d| {
            d.items.insert(name.to_owned(), count);
        });
    }

    /// The `expires_in` the token endpoints state from now on (seconds).
    pub fn set_token_ttl(&self, seconds: i64) {
        self.shared.with(|d| d.token_ttl = seconds);
    }

    /// Records in the fake store `store`.
    pub fn store_len(&self, store: &str) -> usize {
        self.shared
            .with(|d| d.stores.get(store).map_or(0, |s| s.records.len()))
    }

    /// The records of `store` as `(id, record)`, in id order.
    pub fn records(&self, store: &str) -> Vec<(String, serde_json::Value)> {
        self.shared.with(|d| {
            d.stores
                .get(store)
                .map(state::Store::list)
                .unwrap_or_default()
        })
    }

    /// Seeds `store` with `record` (an object), as a create endpoint would,
    /// its id set under `id_field`; returns the new id.
    pub fn insert(&self, store: &str, id_field: &str, record: serde_json::Value) -> String {
        self.shared.with(|d| {
            d.stores
                .entry(store.to_owned())
                .or_default()
                .add(id_field, record)
                .0
        })
    }

    /// Empties `store` (ids keep counting up).
    pub fn clear_store(&self, store: &str) {
        self.shared.with(|d| {
            if let Some(store) = d.stores.get_mut(store) {
                store.records.clear();
            }
        });
    }

    /// Waits `latency` before answering every request from now on (`ZERO`: none).
    pub fn set_latency(&self, latency: Duration) {
        self.shared.with(|d| d.latency = latency);
    }
}

impl Drop for FakePlatform {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        self.task.abort();
    }
}
