//! The client the generated code calls: one request in, typed response or
//! typed error out, with auth, retries, token refresh and tracing.

use std::fmt;
use std::sync::Arc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use serde::Deserialize;
use tracing::Instrument;
use tracing::field::Empty;

use super::auth::sign::{EnvelopeParts, Signer, signed_body};
use super::auth::token::{Lifetime, TokenCache};
use super::endpoint::{Auth, Endpoint, EndpointInfo, Envelope, Method, Params, Platform};
use super::envelope::{self, Answer, Payload};
use super::error::Error;
use super::redact::{Redactor, quote};
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::transport::{read_body, transport_error};
use super::urls::EndpointUrls;

/// DingTalk v1.0's token header.
pub const TOKEN_HEADER: &str = "x-acs-dingtalk-access-token";

/// A platform client: cheap to clone (an `Arc` inside), make one per app and share it.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// App key and secret.
#[derive(Clone)]
pub(crate) struct Credentials {
    pub(crate) app_key: String,
    pub(crate) app_secret: Secret<String>,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("app_key", &self.app_key)
            .field("app_secret", &self.app_secret)
            .finish()
    }
}

pub(crate) struct Inner {
    pub(crate) platform: &'static Platform,
    pub(crate) http: reqwest::Client,
    /// Base URLs per gateway, and the endpoint URLs parsed from them.
    pub(crate) urls: EndpointUrls,
    pub(crate) credentials: Option<Credentials>,
    pub(crate) retry: RetryPolicy,
    /// The longest answer read.
    pub(crate) max_response_bytes: u64,
    /// Secret values this client knows (credentials, tokens), kept out of errors.
    pub(crate) redactor: Redactor,
    pub(crate) tokens: TokenCache,
    pub(crate) signer: Arc<dyn Signer>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("platform", &inner.platform.name)
            .field("base_urls", &inner.urls.bases())
            .field("credentials", &inner.credentials)
            .field("retry", &inner.retry)
            .finish_non_exhaustive()
    }
}

/// A request prepared once for all its attempts.
struct Prepared {
    query: Params,
    headers: Params,
    /// The JSON body, serialised once and shared by every attempt.
    body: Option<Bytes>,
}

/// A successful answer: its body, where the business part is, and how
/// many attempts it took.
struct Success {
    body: Bytes,
    payload: Payload,
    attempt: u32,
    latency_ms: u64,
}

/// The token endpoint's answer.
#[derive(Deserialize)]
struct TokenAnswer {
    access_token: Option<Secret<String>>,
    expires_in: Option<i64>,
}

/// What a failed attempt used, to invalidate the right token.
struct Failure {
    error: Error,
    token: Option<Secret<String>>,
    /// Whether the request itself left (false when getting the token or
    /// building the request failed: then even a non-idempotent request is
    /// safe to retry).
    sent: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error,
            token: None,
            sent: false,
        }
    }
}

impl Client {
    /// A builder for `platform`.
    pub fn builder(platform: &'static Platform) -> super::builder::ClientBuilder<Client> {
        super::builder::ClientBuilder::new(platform)
    }

    /// The platform this client talks to.
    pub fn platform(&self) -> &'static Platform {
        self.inner.platform
    }

    /// Sends `request` and returns its response.
    ///
    /// The request is validated first (nothing is sent if it breaks a
    /// documented limit), serialised once, then sent with the gateway's auth;
    /// failures are retried per the [`RetryPolicy`], and a rejected token is
    /// refreshed and the request retried once.
    pub async fn call<E: Endpoint>(&self, request: &E) -> Result<E::Response, Error> {
        // Only validation, serialisation and the response's parsing depend on
        // `E`: the span, auth, sending, retries, the envelope and the logs are
        // non-generic, compiled once instead of once per endpoint.
        let prepared = prepare(request)?;
        let (span, answer) = self.inner.send_prepared(E::INFO, &prepared).await;
        let answer = answer?;
        let response = envelope::read::<E::Response>(E::INFO.name, &answer.body, answer.payload);
        log_outcome(&span, &answer, response.as_ref().err());
        response
    }

    /// A valid access token for token-authenticated platforms (from the
    /// store, or fetched), e.g. to call an endpoint the spec lacks.
    pub async fn access_token(&self) -> Result<Secret<String>, Error> {
        let token = self.inner.token("access_token").await;
        token.map_err(|error| self.inner.scrub(error))
    }
}

/// Logs a call's end once its response is parsed (decode errors are never retried).
fn log_outcome(span: &tracing::Span, answer: &Success, error: Option<&Error>) {
    let _in_span = span.enter();
    match error {
        None => tracing::debug!(
            attempt = answer.attempt,
            latency_ms = answer.latency_ms,
            "call succeeded"
        ),
        Some(error) => tracing::warn!(attempt = answer.attempt, error = %error, "call failed"),
    }
}

impl Inner {
    /// The call's span, and the prepared request sent in it.
    async fn send_prepared(
        &self,
        info: EndpointInfo,
        prepared: &Prepared,
    ) -> (tracing::Span, Result<Success, Error>) {
        let span = tracing::info_span!(
            "oapi.call",
            endpoint = info.name,
            method = info.method.as_str(),
            path = info.path,
            attempt = Empty,
            status = Empty,
            code = Empty,
            latency_ms = Empty,
        );
        let answer = self
            .call_prepared(info, prepared)
            .instrument(span.clone())
            .await;
        (span, answer)
    }

    /// Sends a prepared request until it succeeds or may not be retried.
    async fn call_prepared(
        &self,
        info: EndpointInfo,
        prepared: &Prepared,
    ) -> Result<Success, Error> {
        let started = Instant::now();
        let span = tracing::Span::current();
        let mut attempt = 0u32;
        let mut token_refreshed = false;
        loop {
            attempt += 1;
            span.record("attempt", attempt);
            let attempt_started = Instant::now();
            let outcome = self.attempt(&info, prepared).await;
            let latency_ms =
                u64::try_from(attempt_started.elapsed().as_millis()).unwrap_or(u64::MAX);
            span.record("latency_ms", latency_ms);
            let failure = match outcome {
                Ok((body, payload)) => {
                    return Ok(Success {
                        body,
                        payload,
                        attempt,
                        latency_ms,
                    });
                }
                Err(failure) => failure,
            };
            let error = self.scrub(failure.error);
            record_error(&span, &error);
            if error.is_token_rejected() && !token_refreshed && uses_token(&info) {
                token_refreshed = true;
                attempt -= 1;
                tracing::info!(error = %error, "token rejected: refreshing it and retrying once");
                if let Some(token) = &failure.token {
                    self.tokens.invalidate(token).await;
                }
                continue;
            }
            match self.retry.next_delay(
                &error,
                info.idempotent || !failure.sent,
                attempt,
                started.elapsed(),
            ) {
                Some(delay) => {
                    tracing::warn!(attempt, ?delay, error = %error, "retrying");
                    tokio::time::sleep(delay).await;
                }
                None => {
                    tracing::warn!(attempt, error = %error, "call failed");
                    return Err(error);
                }
            }
        }
    }
}

impl Inner {
    /// `error` without any secret value this client knows.
    pub(crate) fn scrub(&self, error: Error) -> Error {
        error.scrub_texts(|text| self.redactor.scrub(text))
    }
}

fn uses_token(info: &EndpointInfo) -> bool {
    matches!(info.auth, Auth::QueryToken | Auth::HeaderToken)
}

/// Records the platform's code (the HTTP status is recorded when the answer arrives).
fn record_error(span: &tracing::Span, error: &Error) {
    if let Error::Platform { code, .. } = error {
        span.record("code", code.as_str());
    }
}

fn prepare<E: Endpoint>(request: &E) -> Result<Prepared, Error> {
    request.validate().map_err(|source| Error::Validation {
        endpoint: E::INFO.name,
        source,
    })?;
    let mut query = Params::default();
    request.write_query(&mut query);
    let mut headers = Params::default();
    request.write_headers(&mut headers);
    let body = if E::HAS_BODY {
        let bytes = serde_json::to_vec(request).map_err(|e| Error::Config {
            endpoint: Some(E::INFO.name),
            message: format!("cannot serialise the request: {e}"),
        })?;
        Some(Bytes::from(bytes))
    } else {
        None
    };
    Ok(Prepared {
        query,
        headers,
        body,
    })
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl Inner {
    fn credentials(&self, endpoint: &'static str) -> Result<&Credentials, Error> {
        self.credentials.as_ref().ok_or_else(|| Error::Config {
            endpoint: Some(endpoint),
            message: "no credentials configured".into(),
        })
    }

    /// One attempt: auth, send, read, decode.
    async fn attempt(
        &self,
        info: &EndpointInfo,
        prepared: &Prepared,
    ) -> Result<(Bytes, Payload), Failure> {
        let mut url = self.urls.get(info.name, info.gateway.name, info.path)?;
        let method = match info.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
        };
        if !prepared.query.pairs.is_empty() {
            url.query_pairs_mut().extend_pairs(&prepared.query.pairs);
        }
        let token = if uses_token(info) {
            Some(self.token(info.name).await?)
        } else {
            None
        };
        if let (Auth::QueryToken, Some(token)) = (info.auth, &token) {
            url.query_pairs_mut()
                .append_pair("access_token", token.expose());
        }
        let mut builder = self.http.request(method, url);
        for (name, value) in &prepared.headers.pairs {
            builder = builder.header(*name, value.as_str());
        }
        let body =
            match (info.auth, &token) {
                (Auth::HeaderToken, Some(token)) => {
                    let mut header = reqwest::header::HeaderValue::from_str(token.expose())
                        .map_err(|_| Error::Auth {
                            endpoint: info.name,
                            code: "invalid-token".into(),
                            message: "the access token is not a valid header value".into(),
                        })?;
                    header.set_sensitive(true);
                    builder = builder.header(TOKEN_HEADER, header);
                    prepared.body.clone()
                }
                (Auth::SignedEnvelope, _) => {
                    let credentials = self.credentials(info.name)?;
                    let parts = EnvelopeParts {
                        app_id: &credentials.app_key,
                        version: info.gateway.version,
                        timestamp_ms: now_ms(),
                        param_content: prepared.body.as_deref(),
                    };
                    Some(Bytes::from(signed_body(
                        parts,
                        self.signer.as_ref(),
                        &credentials.app_secret,
                    )))
                }
                // No auth, or the token already in the query string.
                _ => prepared.body.clone(),
            };
        if let Some(body) = body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        self.send(info.name, info.gateway.envelope, builder)
            .await
            .map_err(|error| Failure {
                error,
                token,
                sent: true,
            })
    }

    /// Sends and checks the envelope; also used for the token request.
    async fn send(
        &self,
        endpoint: &'static str,
        envelope: Envelope,
        builder: reqwest::RequestBuilder,
    ) -> Result<(Bytes, Payload), Error> {
        let started = Instant::now();
        let response = builder
            .send()
            .await
            .map_err(|e| transport_error(endpoint, e, started.elapsed()))?;
        let status = response.status().as_u16();
        tracing::Span::current().record("status", status);
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            // Only reached when the redirect policy did not follow it.
            let location = response
                .headers()
                .get(reqwest::header::LOCATION)
                .map(|l| quote(&String::from_utf8_lossy(l.as_bytes())));
            return Err(Error::Redirect {
                endpoint,
                status,
                location,
            });
        }
        // A shared handle on the header's bytes, not a copy.
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .cloned();
        let body = read_body(endpoint, response, self.max_response_bytes, started).await?;
        let payload = envelope::unwrap(
            endpoint,
            envelope,
            Answer {
                status,
                content_type: content_type.as_ref().and_then(|v| v.to_str().ok()),
                body: &body,
            },
        )?;
        Ok((body, payload))
    }

    /// A fresh token for `endpoint`'s call, fetched at most once at a time.
    async fn token(&self, endpoint: &'static str) -> Result<Secret<String>, Error> {
        self.tokens
            .get(endpoint, || self.fetch_token(endpoint))
            .await
    }

    /// `GET {token gateway}{path}?appkey=&appsecret=`.
    async fn fetch_token(
        &self,
        endpoint: &'static str,
    ) -> Result<(Secret<String>, Lifetime), Error> {
        let token_endpoint = self.platform.token.ok_or_else(|| Error::Config {
            endpoint: Some(endpoint),
            message: format!("platform {} has no token endpoint", self.platform.name),
        })?;
        let credentials = self.credentials(endpoint)?;
        let mut url = self
            .urls
            .get(endpoint, token_endpoint.gateway.name, token_endpoint.path)?;
        url.query_pairs_mut()
            .append_pair("appkey", &credentials.app_key)
            .append_pair("appsecret", credentials.app_secret.expose());
        tracing::debug!(path = token_endpoint.path, "fetching an access token");
        let builder = self.http.get(url);
        let answer: TokenAnswer = self
            .send(endpoint, token_endpoint.gateway.envelope, builder)
            .await
            .and_then(|(body, payload)| envelope::read(endpoint, &body, payload))
            .map_err(|error| token_error(endpoint, error))?;
        let token = answer
            .access_token
            .filter(|t| !t.expose().is_empty())
            .ok_or_else(|| Error::Auth {
                endpoint,
                code: "0".into(),
                message: "the token answer holds no access_token".into(),
            })?;
        self.redactor.remember(token.expose());
        let lifetime = answer
            .expires_in
            .map_or(Lifetime::Unstated, Lifetime::Seconds);
        Ok((token, lifetime))
    }
}

/// A platform error from the token endpoint is an [`Error::Auth`] (wrong
/// key or secret…), except throttling, which stays retryable.
fn token_error(endpoint: &'static str, error: Error) -> Error {
    if error.is_throttling() {
        return error;
    }
    match error {
        Error::Platform { code, message, .. } => Error::Auth {
            endpoint,
            code,
            message,
        },
        other => other,
    }
}
