//! What the fake platform remembers: issued tokens, counters, faults,
//! blackboards created by the client, and deterministic seed data.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use serde_json::Value;

use super::faults::{Fault, Rule};
use super::seed::Seed;

/// How the platform answers a request carrying an expired token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TokenRejection {
    /// errcode 40014 (DingTalk also uses it for expired tokens).
    #[default]
    InvalidToken,
    /// errcode 42001 (access_token超时).
    Expired,
    /// errcode 88 with `sub_code` 40014.
    Wrapped,
}

/// Mutable state behind one lock (requests are short; nothing awaits while holding it).
#[derive(Default)]
pub(crate) struct Data {
    pub(crate) tokens: HashSet<String>,
    pub(crate) rejection: TokenRejection,
    pub(crate) per_path: HashMap<String, u64>,
    pub(crate) bodies: HashMap<String, Vec<Bytes>>,
    pub(crate) faults: Vec<Rule>,
    /// Blackboards by id, in creation order of their ids.
    pub(crate) blackboards: BTreeMap<String, Value>,
    pub(crate) next_blackboard: u64,
    /// Reports created through `report/create`, after the seeded ones.
    pub(crate) created_reports: Vec<Value>,
}

/// Shared by every handler.
pub(crate) struct Shared {
    data: Mutex<Data>,
    request_ids: AtomicU64,
    pub(crate) seed: Seed,
}

impl Shared {
    pub(crate) fn new() -> Self {
        Shared {
            data: Mutex::new(Data::default()),
            request_ids: AtomicU64::new(0),
            seed: Seed::new(),
        }
    }

    /// Runs `f` on the state. A panicking handler cannot leave it half
    /// updated in a way later tests care about, so poisoning is ignored.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut Data) -> R) -> R {
        let mut guard = self
            .data
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }

    pub(crate) fn request_id(&self) -> String {
        format!(
            "fake{:08x}",
            self.request_ids.fetch_add(1, Ordering::Relaxed) + 1
        )
    }

    pub(crate) fn count(&self, path: &str) {
        self.with(|d| *d.per_path.entry(path.to_owned()).or_default() += 1);
    }

    pub(crate) fn record_body(&self, path: &str, body: &Bytes) {
        self.with(|d| {
            d.bodies
                .entry(path.to_owned())
                .or_default()
                .push(body.clone())
        });
    }

    /// The first rule matching `path` with hits left, used up by one.
    pub(crate) fn take_fault(&self, path: &str) -> Option<Fault> {
        self.with(|d| {
            let rule = d
                .faults
                .iter_mut()
                .find(|r| r.remaining > 0 && r.path.as_deref().is_none_or(|p| p == path))?;
            rule.remaining -= 1;
            let fault = rule.fault.clone();
            d.faults.retain(|r| r.remaining > 0);
            Some(fault)
        })
    }

    pub(crate) fn issue_token(&self) -> String {
        let token = format!(
            "fake-token-{:04}-{:016x}",
            self.request_ids.fetch_add(1, Ordering::Relaxed),
            fastrand::u64(..)
        );
        self.with(|d| d.tokens.insert(token.clone()));
        token
    }

    pub(crate) fn token_valid(&self, token: &str) -> bool {
        self.with(|d| d.tokens.contains(token))
    }
}
