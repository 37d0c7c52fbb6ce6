//! Turns reqwest's errors into [`Error`]s without leaking the URL: URLs may
//! carry a token or, for a token request, the app's secret.

use std::time::{Duration, Instant};

use bytes::{Bytes, BytesMut};

use super::error::Error;
use super::redact::quote;

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
        message: quote(&message),
    }
}

/// Reads a whole answer, refusing one longer than `limit` bytes: a declared
/// `Content-Length` beyond it at once, an undeclared (chunked) length as
/// soon as the bytes read pass it. Memory stays within `limit` plus a chunk.
pub(crate) async fn read_body(
    endpoint: &'static str,
    mut response: reqwest::Response,
    limit: u64,
    started: Instant,
) -> Result<Bytes, Error> {
    let too_large = || Error::ResponseTooLarge { endpoint, limit };
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Err(too_large());
    }
    let mut first: Option<Bytes> = None;
    let mut more = BytesMut::new();
    let mut read: u64 = 0;
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| transport_error(endpoint, e, started.elapsed()))?
    {
        read = read.saturating_add(chunk.len() as u64);
        if read > limit {
            return Err(too_large());
        }
        // The common one-chunk answer is kept as it is, without a copy.
        match first.take() {
            None if more.is_empty() => first = Some(chunk),
            Some(previous) => {
                more.extend_from_slice(&previous);
                more.extend_from_slice(&chunk);
            }
            None => more.extend_from_slice(&chunk),
        }
    }
    Ok(first.unwrap_or_else(|| more.freeze()))
}
