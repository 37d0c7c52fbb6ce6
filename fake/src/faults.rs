//! Faults injected on demand: for the next N requests of one endpoint (by
//! spec path or by name) or of all, optionally after letting some pass.

use std::time::Duration;

/// What goes wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Wait this long, then answer normally.
    Latency(Duration),
    /// Answer this HTTP status with a plain-text body (e.g. 502, 503).
    Status(u16),
    /// Answer with this platform code in the endpoint's own envelope (HTTP
    /// 200 for code envelopes; `status` for HTTP-status envelopes), its
    /// declared `sub_code` set when given.
    Code {
        /// The HTTP status where the envelope's success is the status.
        status: u16,
        /// The code.
        code: String,
        /// The sub-code, where the envelope declares one.
        sub_code: Option<String>,
    },
    /// The envelope's first throttling code.
    Throttle,
    /// The envelope's first token-expired code (the client refreshes).
    TokenExpired,
    /// HTTP 200 with a body that is not JSON.
    MalformedJson,
    /// The real answer, cut in half.
    TruncatedJson,
    /// An HTML page instead of JSON (a platform's IP ban page).
    HtmlBan,
    /// Close the connection without answering (after reading the request).
    DropConnection,
    /// Answer normally, but with the paging cursor the request sent as the
    /// next one, as a buggy platform might: a client must stop, not loop.
    RepeatCursor,
}

impl Fault {
    /// A platform code in the endpoint's envelope (HTTP 400 where the
    /// envelope's success is the HTTP status).
    pub fn code(code: impl Into<String>) -> Fault {
        Fault::Code {
            status: 400,
            code: code.into(),
            sub_code: None,
        }
    }

    /// A code with this sub-code (e.g. a wrapper code whose real reason is the sub-code).
    pub fn wrapped(code: impl Into<String>, sub_code: impl Into<String>) -> Fault {
        Fault::Code {
            status: 400,
            code: code.into(),
            sub_code: Some(sub_code.into()),
        }
    }

    /// A code with an HTTP status (for HTTP-status envelopes).
    pub fn http_code(status: u16, code: impl Into<String>) -> Fault {
        Fault::Code {
            status,
            code: code.into(),
            sub_code: None,
        }
    }
}

/// How a request with an expired or unknown token is refused.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TokenRejection {
    /// The envelope's first token code.
    #[default]
    First,
    /// This code, on envelopes listing it among their token codes (the
    /// first token code elsewhere).
    Code(String),
    /// `code` with the sub-code `sub_code` as the real reason, on envelopes
    /// that have a sub-code (the first token code elsewhere).
    Wrapped(String, String),
}

/// One injected fault and how many more requests it hits.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    /// `None`: every path.
    pub(crate) path: Option<String>,
    pub(crate) fault: Fault,
    /// Requests to let pass first.
    pub(crate) skip: u32,
    pub(crate) remaining: u32,
}

/// The first rule for `path` or `name` with hits left, counted down.
pub(crate) fn take(rules: &mut Vec<Rule>, path: &str, name: &str) -> Option<Fault> {
    let rule = rules
        .iter_mut()
        .find(|r| r.remaining > 0 && r.path.as_deref().is_none_or(|p| p == path || p == name))?;
    if rule.skip > 0 {
        rule.skip -= 1;
        return None;
    }
    rule.remaining -= 1;
    let fault = rule.fault.clone();
    rules.retain(|r| r.remaining > 0);
    Some(fault)
}
