//! What the fake platform remembers: the specs and their routes, issued
//! tokens, counters, faults, configuration, stores.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use oapi_codegen::ir::Api;
use serde_json::Value;

use super::faults::{Rule, TokenRejection};
use super::routes::Route;

/// One request and what the fake made of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// `GET`, `POST`…
    pub method: String,
    /// The path requested.
    pub path: String,
    /// The endpoint's name (`dingtalk.hrm.querypreentry`), or what was hit.
    pub endpoint: String,
    /// The HTTP status answered (0: the connection was dropped).
    pub status: u16,
    /// `ok`, or why it was refused or faulted.
    pub verdict: String,
}

/// Records of one store, by id (ids are numbers from 1, listed in order).
#[derive(Debug, Default)]
pub(crate) struct Store {
    pub(crate) records: BTreeMap<u64, Value>,
    pub(crate) next: u64,
}

impl Store {
    /// A record's key: its id as sent (text or number); `None` if no record can have it.
    pub(crate) fn key(id: &str) -> Option<u64> {
        id.trim().parse().ok()
    }

    /// Every record as `(id, record)`, in id order.
    pub(crate) fn list(&self) -> Vec<(String, Value)> {
        self.records
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect()
    }

    /// Adds `record` under a fresh id, set in it as `id_field`; the id.
    pub(crate) fn add(&mut self, id_field: &str, mut record: Value) -> (String, Value) {
        self.next += 1;
        let id = self.next.to_string();
        if let Value::Object(fields) = &mut record {
            fields.insert(id_field.to_owned(), Value::String(id.clone()));
        }
        self.records.insert(self.next, record.clone());
        (id, record)
    }
}

/// Mutable state behind one lock (requests are short; nothing awaits while holding it).
pub(crate) struct Data {
    pub(crate) tokens: HashSet<String>,
    pub(crate) rejection: TokenRejection,
    pub(crate) per_path: HashMap<String, u64>,
    pub(crate) token_requests: u64,
    pub(crate) received: HashMap<String, Vec<Received>>,
    pub(crate) verdicts: Vec<Verdict>,
    pub(crate) faults: Vec<Rule>,
    pub(crate) items: HashMap<String, usize>,
    pub(crate) token_ttl: i64,
    pub(crate) stores: HashMap<String, Store>,
    pub(crate) latency: Duration,
    pub(crate) observer: Option<Observer>,
    /// Arrival times and enforced rate limits.
    pub(crate) counters: super::limits::Counters,
}

/// Told of every verdict as it is reached (the binary logs them).
pub(crate) type Observer = std::sync::Arc<dyn Fn(&Verdict) + Send + Sync>;

/// Verdicts kept for [`crate::FakePlatform::verdicts`] (the newest): a
/// long-running fake keeps bounded memory.
const MAX_VERDICTS: usize = 10_000;

/// Requests kept per path for [`crate::FakePlatform::received`] (the newest).
pub(crate) const MAX_RECEIVED: usize = 1_000;

/// One request as it arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// `GET`, `POST`…
    pub method: String,
    /// The path as sent (percent-encoded, gateway prefix included).
    pub path: String,
    /// The query string as sent (without `?`).
    pub query: String,
    /// Every header, as sent (names lower-case).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Bytes,
}

impl Received {
    /// The query's pairs, decoded.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.query.as_bytes())
            .into_owned()
            .collect()
    }

    /// The value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Shared by every connection.
pub(crate) struct Shared {
    pub(crate) api: Api,
    pub(crate) routes: Vec<Route>,
    /// Every platform's signing rules as the runtime's data, by (platform, const name).
    pub(crate) rules: HashMap<(String, String), oapi_runtime::spec::Signing>,
    data: Mutex<Data>,
    ids: AtomicU64,
    /// When the fake started (arrivals are offsets from it).
    pub(crate) started: std::time::Instant,
}

impl Shared {
    pub(crate) fn new(api: Api) -> Self {
        let routes = super::routes::routes(&api);
        let rules = super::auth::runtime_rules(&api);
        Shared {
            api,
            routes,
            rules,
            data: Mutex::new(Data {
                tokens: HashSet::new(),
                rejection: TokenRejection::default(),
                per_path: HashMap::new(),
                token_requests: 0,
                received: HashMap::new(),
                verdicts: Vec::new(),
                faults: Vec::new(),
                items: HashMap::new(),
                token_ttl: super::DEFAULT_TOKEN_TTL_SECS,
                stores: HashMap::new(),
                latency: Duration::ZERO,
                observer: None,
                counters: super::limits::Counters::default(),
            }),
            started: std::time::Instant::now(),
            ids: AtomicU64::new(0),
        }
    }

    /// Runs `f` on the state. A panicking handler cannot leave it half
    /// updated in a way later callers care about, so poisoning is ignored.
    pub(crate) fn with<R>(&self, f: impl FnOnce(&mut Data) -> R) -> R {
        let mut guard = self
            .data
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(&mut guard)
    }

    /// A fresh request id.
    pub(crate) fn request_id(&self) -> String {
        format!("fake{:08x}", self.ids.fetch_add(1, Ordering::Relaxed) + 1)
    }

    /// A fresh token, remembered as valid.
    pub(crate) fn issue_token(&self, platform: &str) -> String {
        let token = format!(
            "fake-token-{platform}-{:04}-{:016x}",
            self.ids.fetch_add(1, Ordering::Relaxed),
            fastrand::u64(..)
        );
        self.with(|d| d.tokens.insert(token.clone()));
        token
    }

    pub(crate) fn token_valid(&self, token: &str) -> bool {
        self.with(|d| d.tokens.contains(token))
    }

    pub(crate) fn record(&self, verdict: Verdict) {
        let observer = self.with(|d| d.observer.clone());
        if let Some(observer) = observer {
            observer(&verdict);
        }
        self.with(|d| {
            if d.verdicts.len() >= MAX_VERDICTS {
                d.verdicts.drain(..MAX_VERDICTS / 2);
            }
            d.verdicts.push(verdict);
        });
    }
}
