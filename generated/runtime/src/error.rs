//! The one error type every call returns.
//!
//! Each variant names the endpoint (except [`Error::Config`] raised by the
//! builder before any endpoint exists) and never carries a credential: texts
//! quoted from the network go through [`super::redact`].

use std::time::Duration;

use super::spec::RateLimit;
use super::validation::ValidationError;

/// Why a call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request broke a documented limit; it was not sent.
    #[error("{endpoint}: request not sent, {source}")]
    Validation {
        /// Endpoint name, e.g. `hrm.querypreentry`.
        endpoint: &'static str,
        /// Every violated rule.
        source: ValidationError,
    },

    /// The platform answered with an error code: a code that is not one of
    /// its envelope's success values, or an error object with an HTTP status.
    #[error(
        "{endpoint}: platform error {code}: {message}{}{}",
        sub_code.as_ref().map(|c| format!(" (sub_code {c}: {})", sub_msg.as_deref().unwrap_or(""))).unwrap_or_default(),
        request_id.as_ref().map(|r| format!(" [request_id {r}]")).unwrap_or_default()
    )]
    Platform {
        /// Endpoint name.
        endpoint: &'static str,
        /// HTTP status of the answer (200 for envelope errors).
        status: u16,
        /// The code, at the envelope's `code` path (as text).
        code: String,
        /// The message, at the envelope's `message` path.
        message: String,
        /// The second code, where the envelope declares one (`sub_code`).
        /// (`Box<str>` rather than `String` keeps [`Error`] small.)
        sub_code: Option<Box<str>>,
        /// Its message.
        sub_msg: Option<Box<str>>,
        /// The request id, for support tickets.
        request_id: Option<Box<str>>,
        /// What the envelope's `codes` say the code (or sub-code) means.
        class: CodeClass,
    },

    /// An HTTP error status without a platform error body (a proxy's 502, a 429).
    #[error("{endpoint}: HTTP {status}: {body}")]
    HttpStatus {
        /// Endpoint name.
        endpoint: &'static str,
        /// The status code.
        status: u16,
        /// The start of the body (at most ~512 characters, redacted).
        body: String,
    },

    /// The answer was longer than the client's limit
    /// ([`ClientBuilder::max_response_bytes`](crate::builder::ClientBuilder::max_response_bytes)):
    /// reading stopped there, nothing of it was kept.
    #[error("{endpoint}: the answer exceeds the limit of {limit} bytes; reading stopped")]
    ResponseTooLarge {
        /// Endpoint name.
        endpoint: &'static str,
        /// The limit, in bytes.
        limit: u64,
    },

    /// The platform answered with a redirect, which the client does not
    /// follow by default (a redirect could carry the request and its
    /// credentials to another host); see
    /// [`ClientBuilder::redirects`](crate::builder::ClientBuilder::redirects).
    #[error("{endpoint}: HTTP {status} redirect not followed{}", location.as_ref().map(|l| format!(" (to {l})")).unwrap_or_default())]
    Redirect {
        /// Endpoint name.
        endpoint: &'static str,
        /// The 3xx status.
        status: u16,
        /// Where it pointed (quoted and redacted).
        location: Option<String>,
    },

    /// The connection failed or broke.
    #[error("{endpoint}: transport error ({}): {message}", if *connect { "while connecting, not sent" } else { "the request may have reached the server" })]
    Transport {
        /// Endpoint name.
        endpoint: &'static str,
        /// Whether it failed while connecting, so the request never left.
        connect: bool,
        /// What happened (URL and credentials removed).
        message: String,
    },

    /// A paged endpoint could not go on to its next page (e.g. the platform
    /// returned the cursor it was given, which would loop forever).
    #[error("{endpoint}: paging stopped: {message}")]
    Paging {
        /// Endpoint name.
        endpoint: &'static str,
        /// What went wrong.
        message: String,
    },

    /// No answer within the configured time.
    #[error("{endpoint}: timed out {} after {elapsed:?}", if *connect { "connecting" } else { "waiting for the answer" })]
    Timeout {
        /// Endpoint name.
        endpoint: &'static str,
        /// Whether the connect timeout fired (the request never left).
        connect: bool,
        /// Time spent on the attempt.
        elapsed: Duration,
    },

    /// The answer is not the documented JSON.
    #[error("{endpoint}: cannot decode the answer at `{path}`: {message}; body: {snippet}")]
    Decode {
        /// Endpoint name.
        endpoint: &'static str,
        /// JSON path of the failing field (`result.data_list[3]`), `.` for the root.
        path: String,
        /// The parser's complaint.
        message: String,
        /// The start of the body (at most ~512 characters, redacted).
        snippet: String,
    },

    /// The access token could not be obtained (wrong app key or secret, app disabled…).
    #[error("{endpoint}: cannot get an access token: platform error {code}: {message}")]
    Auth {
        /// The endpoint that needed the token.
        endpoint: &'static str,
        /// The token endpoint's code (where its envelope says).
        code: String,
        /// The token endpoint's message.
        message: String,
    },

    /// The platform answered with an HTML page instead of JSON, which its
    /// envelope declares to be a ban of the calling IP (`html: banned`).
    #[error(
        "{endpoint}: the platform answered HTTP {status} with an HTML page instead of JSON, \
         which is how it reports a ban of this IP for too many requests; \
         wait before calling again: {snippet}"
    )]
    IpBanned {
        /// Endpoint name.
        endpoint: &'static str,
        /// HTTP status of the page.
        status: u16,
        /// The start of the page (redacted).
        snippet: String,
    },

    /// The request was not sent: its turn under a declared rate limit is
    /// further away than the client's longest wait
    /// ([`ClientBuilder::max_rate_wait`](crate::builder::ClientBuilder::max_rate_wait)).
    /// Not retried: the wait allowed is spent.
    #[error(
        "{endpoint}: request not sent: its turn under the rate limit of {limit} is {wait:?} \
         away, beyond the longest wait allowed ({max_wait:?})"
    )]
    RateLimited {
        /// Endpoint name.
        endpoint: &'static str,
        /// The limit that needs the longest wait.
        limit: RateLimit,
        /// How long the call would have had to wait.
        wait: Duration,
        /// The longest wait allowed.
        max_wait: Duration,
    },

    /// The client is misconfigured (raised by the builder, or by a call whose
    /// endpoint belongs to another platform).
    #[error("configuration error{}: {message}", endpoint.map(|e| format!(" ({e})")).unwrap_or_default())]
    Config {
        /// The endpoint, when raised by a call.
        endpoint: Option<&'static str>,
        /// What is wrong.
        message: String,
    },
}

/// What a platform code means, from the envelope's `codes` in the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CodeClass {
    /// The token is expired or invalid: drop it, refresh, retry once.
    Token,
    /// Too many requests: back off and retry.
    Throttled,
    /// The platform is busy: retried at most [`BUSY_MAX_TRIES`] times.
    Busy,
    /// The request breaks a rule of the platform (a parameter): not retried.
    Invalid,
    /// The app's credentials or signature were refused: not retried.
    Denied,
    /// Anything else: surfaced at once.
    Other,
}

/// Tries of a call answered "busy".
pub const BUSY_MAX_TRIES: u32 = 3;

impl Error {
    /// The endpoint whose call failed (`None` only for builder errors).
    pub fn endpoint(&self) -> Option<&'static str> {
        match self {
            Error::Validation { endpoint, .. }
            | Error::Platform { endpoint, .. }
            | Error::HttpStatus { endpoint, .. }
            | Error::Transport { endpoint, .. }
            | Error::Timeout { endpoint, .. }
            | Error::Decode { endpoint, .. }
            | Error::Auth { endpoint, .. }
            | Error::IpBanned { endpoint, .. }
            | Error::ResponseTooLarge { endpoint, .. }
            | Error::Redirect { endpoint, .. }
            | Error::Paging { endpoint, .. }
            | Error::RateLimited { endpoint, .. } => Some(endpoint),
            Error::Config { endpoint, .. } => *endpoint,
        }
    }

    /// The most specific code of a platform error: its sub-code when it
    /// has one, else its code.
    pub fn effective_code(&self) -> Option<&str> {
        match self {
            Error::Platform { code, sub_code, .. } => Some(sub_code.as_deref().unwrap_or(code)),
            _ => None,
        }
    }

    /// What the platform's code means, for platform errors.
    pub fn class(&self) -> Option<CodeClass> {
        match self {
            Error::Platform { class, .. } => Some(*class),
            _ => None,
        }
    }

    /// Whether the same request may succeed later: transport failures,
    /// timeouts, 5xx, 429, and platform codes declared throttled or busy.
    /// Never validation or business errors.
    ///
    /// Whether the client does retry also depends on the endpoint's
    /// idempotency: see [`Error::was_rejected`].
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Transport { .. } | Error::Timeout { .. } => true,
            Error::HttpStatus { status, .. } => *status >= 500 || *status == 429,
            Error::Platform { class, status, .. } => {
                matches!(class, CodeClass::Throttled | CodeClass::Busy) || *status == 429
            }
            Error::Validation { .. }
            | Error::Paging { .. }
            | Error::Decode { .. }
            | Error::Auth { .. }
            | Error::IpBanned { .. }
            | Error::ResponseTooLarge { .. }
            | Error::Redirect { .. }
            | Error::RateLimited { .. }
            | Error::Config { .. } => false,
        }
    }

    /// Whether the platform said "too many requests".
    pub fn is_throttling(&self) -> bool {
        match self {
            Error::HttpStatus { status, .. } => *status == 429,
            Error::Platform { status, class, .. } => {
                *class == CodeClass::Throttled || *status == 429
            }
            _ => false,
        }
    }

    /// Whether the platform certainly did not act on the request, so even a
    /// non-idempotent one may be sent again: it was never sent (connect
    /// failure or connect timeout), or the platform refused it for throttling.
    pub fn was_rejected(&self) -> bool {
        match self {
            Error::Transport { connect, .. } | Error::Timeout { connect, .. } => *connect,
            _ => self.is_throttling(),
        }
    }

    /// Whether the platform rejected the access token (expired or invalid):
    /// the client drops its cached token, fetches a new one and retries once.
    pub fn is_token_rejected(&self) -> bool {
        self.class() == Some(CodeClass::Token)
    }

    /// Whether the platform said it is busy (retried a bounded number of times).
    pub fn is_busy(&self) -> bool {
        self.class() == Some(CodeClass::Busy)
    }

    /// Applies `scrub` to every text the error quotes (messages, codes,
    /// snippets), e.g. to remove secret values the client knows.
    pub(crate) fn scrub_texts(mut self, scrub: impl Fn(&mut String)) -> Self {
        let boxed = |text: &mut Option<Box<str>>| {
            if let Some(inner) = text.take() {
                let mut owned = inner.into_string();
                scrub(&mut owned);
                *text = Some(owned.into_boxed_str());
            }
        };
        match &mut self {
            Error::Platform {
                code,
                message,
                sub_code,
                sub_msg,
                request_id,
                ..
            } => {
                scrub(code);
                scrub(message);
                boxed(sub_code);
                boxed(sub_msg);
                boxed(request_id);
            }
            Error::HttpStatus { body: text, .. }
            | Error::Transport { message: text, .. }
            | Error::Paging { message: text, .. }
            | Error::IpBanned { snippet: text, .. }
            | Error::Config { message: text, .. } => scrub(text),
            Error::Decode {
                message, snippet, ..
            } => {
                scrub(message);
                scrub(snippet);
            }
            Error::Auth { code, message, .. } => {
                scrub(code);
                scrub(message);
            }
            Error::Redirect { location, .. } => {
                if let Some(location) = location {
                    scrub(location);
                }
            }
            Error::Validation { .. }
            | Error::Timeout { .. }
            | Error::ResponseTooLarge { .. }
            | Error::RateLimited { .. } => {}
        }
        self
    }

    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config {
            endpoint: None,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platform(status: u16, class: CodeClass) -> Error {
        Error::Platform {
            endpoint: "e",
            status,
            code: "c".into(),
            message: "m".into(),
            sub_code: None,
            sub_msg: None,
            request_id: None,
            class,
        }
    }

    #[test]
    fn error_stays_small() {
        // clippy's result_large_err limit is 128 bytes.
        assert!(
            std::mem::size_of::<Error>() <= 128,
            "{}",
            std::mem::size_of::<Error>()
        );
    }

    #[test]
    fn classification() {
        for class in [CodeClass::Throttled, CodeClass::Busy] {
            assert!(platform(200, class).is_retryable(), "{class:?}");
        }
        assert!(platform(200, CodeClass::Throttled).was_rejected());
        assert!(!platform(200, CodeClass::Other).is_retryable());
        assert!(!platform(403, CodeClass::Other).is_retryable());
        assert!(platform(429, CodeClass::Other).is_throttling());
        assert!(platform(200, CodeClass::Token).is_token_rejected());
        assert!(!platform(200, CodeClass::Token).is_retryable());
        let status = |status| Error::HttpStatus {
            endpoint: "e",
            status,
            body: String::new(),
        };
        assert!(status(503).is_retryable() && !status(503).was_rejected());
        assert!(status(429).is_retryable() && status(429).was_rejected());
        assert!(!status(404).is_retryable());
        let transport = |connect| Error::Transport {
            endpoint: "e",
            connect,
            message: String::new(),
        };
        assert!(transport(true).was_rejected() && !transport(false).was_rejected());
    }
}
