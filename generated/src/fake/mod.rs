//! An embedded fake of the DingTalk and 食亨 platforms, for the tour example
//! and end-to-end tests (feature `fake-server`).
//!
//! It serves all 23 documented endpoints on one loopback port, with state
//! (blackboards created by the client can be listed, read, updated and
//! deleted), deterministic seed data paged exactly as documented, the
//! platforms' checks (tokens, signatures, limits) and faults on demand. It is
//! written on `serde_json::Value`, independently of the generated types, so
//! it checks them rather than mirroring them.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use oapi_client::fake::{FakePlatform, Fault};
//! let fake = FakePlatform::start().await?;
//! fake.inject("/topapi/report/list", Fault::ErrCode(90018), 1);
//! println!("{}", fake.base_url());
//! # Ok(()) }
//! ```

mod faults;
mod oapi;
mod routes;
mod seed;
mod server;
mod state;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use faults::Fault;
pub use seed::{BASE_TIME_MS, GROUP_KEY, ONJOB_STATUSES, REPORT_CREATORS, counts};
pub use state::TokenRejection;

use state::Shared;

/// The DingTalk app key the fake accepts.
pub const DINGTALK_APP_KEY: &str = "fake-dingtalk-appkey";
/// The DingTalk app secret the fake accepts.
pub const DINGTALK_APP_SECRET: &str = "fake-dingtalk-SECRET-4f1c9a";
/// The 食亨 appId the fake accepts.
pub const SHIHENG_APP_ID: &str = "fake-shiheng-app";
/// The 食亨 secret the fake signs with.
pub const SHIHENG_APP_SECRET: &str = "fake-shiheng-SECRET-7d2e0b";
/// Lifetime of issued tokens (`expires_in`), as DingTalk's.
pub const TOKEN_TTL_SECS: u64 = 7200;
/// Path of the 食亨 employee list (an assumption of `spec/shiheng.yaml`).
pub const SHIHENG_EMPLOYEE_PATH: &str = "/api/wecom/employee/list";

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
    /// Binds `127.0.0.1:0` (an ephemeral port) and serves on a tokio task.
    pub async fn start() -> std::io::Result<FakePlatform> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared::new());
        let router = router(shared.clone());
        let (shutdown, stop) = oneshot::channel();
        let task = tokio::spawn(server::serve(listener, router, stop));
        Ok(FakePlatform {
            addr,
            shared,
            shutdown: Some(shutdown),
            task,
        })
    }

    /// `http://127.0.0.1:PORT`: the base URL of every gateway (DingTalk
    /// `oapi` and `api`, 食亨 `open`); their paths do not overlap.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Requests received on `path` (faulted ones included).
    pub fn requests(&self, path: &str) -> u64 {
        self.shared
            .with(|d| d.per_path.get(path).copied().unwrap_or(0))
    }

    /// Requests received on every path.
    pub fn total_requests(&self) -> u64 {
        self.shared.with(|d| d.per_path.values().sum())
    }

    /// `/gettoken` requests received.
    pub fn token_requests(&self) -> u64 {
        self.requests("/gettoken")
    }

    /// The bodies received on `path`, in order (to check retries resend the same bytes).
    pub fn bodies(&self, path: &str) -> Vec<bytes::Bytes> {
        self.shared
            .with(|d| d.bodies.get(path).cloned().unwrap_or_default())
    }

    /// Injects `fault` into the next `times` requests on `path`.
    pub fn inject(&self, path: &str, fault: Fault, times: u32) {
        self.push_fault(Some(path.to_owned()), fault, times);
    }

    /// Injects `fault` into the next `times` requests on any path.
    pub fn inject_all(&self, fault: Fault, times: u32) {
        self.push_fault(None, fault, times);
    }

    fn push_fault(&self, path: Option<String>, fault: Fault, times: u32) {
        self.shared.with(|d| {
            d.faults.push(faults::Rule {
                path,
                fault,
                remaining: times,
            })
        });
    }

    /// Removes every pending fault.
    pub fn clear_faults(&self) {
        self.shared.with(|d| d.faults.clear());
    }

    /// Invalidates every issued token, as if they expired mid-run: requests
    /// carrying one are answered per [`FakePlatform::reject_tokens_with`]
    /// (errcode 40014 by default; HTTP 400 `InvalidAuthentication` on v1.0).
    pub fn expire_tokens(&self) {
        self.shared.with(|d| d.tokens.clear());
    }

    /// How OAPI answers an expired token from now on.
    pub fn reject_tokens_with(&self, rejection: TokenRejection) {
        self.shared.with(|d| d.rejection = rejection);
    }

    /// Blackboards currently stored.
    pub fn blackboard_count(&self) -> usize {
        self.shared.with(|d| d.blackboards.len())
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

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/gettoken", get(routes::token::gettoken))
        .route(
            "/v1.0/hrm/employees/dismissions",
            get(routes::api::dismissions),
        )
        .route(SHIHENG_EMPLOYEE_PATH, post(routes::shiheng::employees))
        .merge(routes::blackboard::routes())
        .merge(routes::report::routes())
        .merge(routes::hrm::routes())
        .merge(routes::attendance::routes())
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            faults::apply,
        ))
        .with_state(shared)
}
