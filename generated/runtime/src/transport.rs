//! Turns reqwest's errors into [`Error`]s without leaking the URL: OAPI URLs
//! carry `?access_token=` and the token request `?appsecret=`.

use std::time::Duration;

use super::error::Error;
use super::redact::redact;

/// Maps a reqwest error of an attempt that ran for `elapsed`.
pub(crate) fn transport_error(
    endpoint: &'static str,
    error: reqwest::Error,
    elapsed: Duration,
) -> Error {
    let connect = error.is_connect();
    if error.is_timeout() {
        return Error::Timeout {
            endpoint,
            connect,
            elapsed,
        };
    }
    let error = error.without_url();
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::Transport {
        endpoint,
        connect,
        // The URL is gone; redacting again guards against a cause quoting it.
        message: redact(&message),
    }
}
