//! The client the generated code calls: one request in, typed response or
//! typed error out, with what the gateway's spec says every request carries
//! (tokens, signatures, a wrapped body), retries, token refresh and tracing.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use tracing::Instrument;
use tracing::field::Empty;

use super::auth::sign::{self, Signer};
use super::auth::token::TokenCache;
use super::endpoint::{Endpoint, EndpointInfo, Method, Params};
use super::envelope::{self, Answer, Payload};
use super::error::Error;
use super::rate::{Keys, RateLimiter};
use super::redact::{Redactor, quote};
use super::request::{self, Parts, Resolve};
use super::retry::RetryPolicy;
use super::secret::Secret;
use super::spec::{Envelope, Platform, RateLimit, Token, Value};
use super::transport::{read_body, transport_error};
use super::urls::EndpointUrls;

/// A platform client: cheap to clone (an `Arc` inside), make one per app and share it.
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

/// The credentials given to the builder, by the spec's names.
#[derive(Clone, Default)]
pub(crate) struct Credentials {
    pub(crate) values: Vec<(&'static str, Secret<String>, bool)>,
}

impl Credentials {
    fn get(&self, name: &str) -> Option<&Secret<String>> {
        self.values
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, v, _)| v)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value, secret) in &self.values {
            if *secret {
                map.entry(name, value);
            } else {
                map.entry(name, value.expose());
            }
        }
        map.finish()
    }
}

/// How calls take their turns under the rate limits.
pub(crate) struct Rate {
    pub(crate) limiter: Arc<dyn RateLimiter>,
    pub(crate) keys: Keys,
    pub(crate) max_wait: std::time::Duration,
}

pub(crate) struct Inner {
    pub(crate) platform: &'static Platform,
    /// Rate limits enforced before sending (`None`: not enforced).
    pub(crate) rate: Option<Rate>,
    pub(crate) http: reqwest::Client,
    /// Base URLs per gateway, and the endpoint URLs parsed from them.
    pub(crate) urls: EndpointUrls,
    pub(crate) credentials: Credentials,
    pub(crate) retry: RetryPolicy,
    /// The longest answer read.
    pub(crate) max_response_bytes: u64,
    /// Secret values this client knows (credentials, tokens), kept out of errors.
    pub(crate) redactor: Redactor,
    /// One cache per token the platform declares, by its name.
    pub(crate) tokens: HashMap<&'static str, TokenCache>,
    /// Signers replacing the spec's signing rules, by rule name (`""`: all).
    pub(crate) signers: Vec<(String, Arc<dyn Signer>)>,
    /// Decode answers strictly whatever the spec says (test suites).
    pub(crate) strict: bool,
    /// Check requests before sending (off only for test suites that probe the platform).
    pub(crate) validate: bool,
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
    path: Params,
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

/// What a failed attempt used, to invalidate the right token.
struct Failure {
    error: Error,
    token: Option<(&'static Token, Secret<String>)>,
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
    /// documented limit), serialised once, then sent with what its gateway
    /// adds; failures are retried per the [`RetryPolicy`], and a rejected
    /// token is refreshed and the request retried once.
    pub async fn call<E: Endpoint>(&self, request: &E) -> Result<E::Response, Error> {
        // Only validation, serialisation and the response's parsing depend on
        // `E`: the span, auth, sending, retries, the envelope and the logs are
        // non-generic, compiled once instead of once per endpoint.
        let prepared = prepare(request, self.inner.validate)?;
        let (span, answer) = self.inner.send_prepared(E::INFO, &prepared).await;
        let answer = answer?;
        let lenient = self.inner.platform.lenient && !self.inner.strict;
        let response =
            envelope::read::<E::Response>(E::INFO.name, &answer.body, &answer.payload, lenient)
                .map_err(|error| self.inner.scrub(error));
        log_outcome(&span, &answer, response.as_ref().err());
        response
    }

    /// A valid access token (from the store, or fetched) of the platform's
    /// first declared token, e.g. to call an endpoint the spec lacks.
    pub async fn access_token(&self) -> Result<Secret<String>, Error> {
        let Some(token) = self.inner.platform.tokens.first() else {
            return Err(Error::config(format!(
                "platform {} declares no token",
                self.inner.platform.name
            )));
        };
        let found = self.inner.token(token, "token").await;
        found.map_err(|error| self.inner.scrub(error))
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
            if error.is_token_rejected() && !token_refreshed {
                if let Some((token, stale)) = &failure.token {
                    token_refreshed = true;
                    attempt -= 1;
                    tracing::info!(error = %error, "token rejected: refreshing it and retrying once");
                    if let Some(cache) = self.tokens.get(token.name) {
                        cache.invalidate(stale).await;
                    }
                    continue;
                }
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

    /// `error` without any secret value this client knows.
    pub(crate) fn scrub(&self, error: Error) -> Error {
        error.scrub_texts(|text| self.redactor.scrub(text))
    }

    /// One attempt: what the gateway adds, send, read, check the envelope.
    async fn attempt(
        &self,
        info: &EndpointInfo,
        prepared: &Prepared,
    ) -> Result<(Bytes, Payload), Failure> {
        let gateway = info.gateway;
        let shape = if info.auth {
            gateway.request
        } else {
            super::spec::RequestShape::PLAIN
        };
        let mut url = self
            .urls
            .with_params(info.name, gateway.name, info.path, &prepared.path)?;
        // The token this attempt uses (the first the shape names), fetched once.
        let token = match first_token(&shape) {
            Some(spec) => Some((spec, self.token(spec, info.name).await?)),
            None => None,
        };
        // The turn comes last before the request is built: timestamps and
        // signatures are those of the moment it leaves.
        self.take_turn(info.name, gateway.name, info.name, info.rate_limits)
            .await?;
        let token_text = |spec: &'static Token| {
            token
                .as_ref()
                .filter(|(t, _)| std::ptr::eq(*t, spec))
                .map(|(_, value)| value.expose().clone())
        };
        let mut parts = request::parts(
            &shape,
            &prepared.query,
            &prepared.headers,
            prepared.body.as_ref(),
            &|spec| {
                let prefix = token_prefix(&shape, spec);
                token_text(spec).map(|value| format!("{prefix}{value}"))
            },
            self,
        )?;
        self.sign(info.name, &mut parts, prepared.body.as_ref())?;
        if !parts.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&parts.query);
        }
        let mut builder = self.http.request(http_method(info.method), url);
        for (name, value) in &parts.headers {
            let mut header =
                reqwest::header::HeaderValue::from_str(value).map_err(|_| Error::Config {
                    endpoint: Some(info.name),
                    message: format!("the value of header `{name}` is not a valid header value"),
                })?;
            header.set_sensitive(super::redact::is_secret_name(name) || token_in(&shape, name));
            builder = builder.header(*name, header);
        }
        let body = match (&parts.body, &prepared.body) {
            (Some(fields), _) => Some(request::encode(fields, shape.format)),
            (None, Some(json)) if shape.format == super::spec::BodyFormat::Form => {
                Some((request::form_of(json), "application/x-www-form-urlencoded"))
            }
            (None, Some(json)) => Some((json.clone(), "application/json")),
            (None, None) => None,
        };
        if let Some((bytes, content_type)) = body {
            if info.method != Method::Get {
                builder = builder
                    .header(reqwest::header::CONTENT_TYPE, content_type)
                    .body(bytes);
            }
        }
        self.send(info.name, gateway.envelope, builder)
            .await
            .map_err(|error| Failure {
                error,
                token,
                sent: true,
            })
    }

    /// Waits for the call's turn under every rate limit that applies to it
    /// (`counted_as`: the endpoint name its counters use).
    async fn take_turn(
        &self,
        endpoint: &'static str,
        gateway: &str,
        counted_as: &str,
        own: &[RateLimit],
    ) -> Result<(), Error> {
        let Some(rate) = &self.rate else {
            return Ok(());
        };
        let limits = rate.keys.limits(gateway, counted_as, own);
        if limits.is_empty() {
            return Ok(());
        }
        match rate.limiter.reserve(&limits, rate.max_wait).await {
            Ok(wait) => {
                if !wait.is_zero() {
                    tracing::trace!(?wait, "waiting for a rate-limit turn");
                    tokio::time::sleep(wait).await;
                }
                Ok(())
            }
            Err(refusal) => {
                let limit = limits
                    .get(refusal.index)
                    .or(limits.first())
                    .map(|l| l.limit);
                match limit {
                    Some(limit) => Err(Error::RateLimited {
                        endpoint,
                        limit,
                        wait: refusal.wait,
                        max_wait: rate.max_wait,
                    }),
                    // Unreachable: `limits` is not empty.
                    None => Ok(()),
                }
            }
        }
    }

    /// Computes the request's signatures and puts them in place.
    fn sign(
        &self,
        endpoint: &'static str,
        parts: &mut Parts,
        body: Option<&Bytes>,
    ) -> Result<(), Error> {
        if parts.signatures.is_empty() {
            return Ok(());
        }
        let params = request::signed_params(parts, body);
        let pairs: Vec<(&str, &str)> = params
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        for (place, name, rule) in std::mem::take(&mut parts.signatures) {
            let secret = self
                .credentials
                .get(rule.secret)
                .ok_or_else(|| Error::Config {
                    endpoint: Some(endpoint),
                    message: format!("the signing credential `{}` is not set", rule.secret),
                })?;
            let custom = self
                .signers
                .iter()
                .find(|(rule_name, _)| rule_name.is_empty() || rule_name == rule.name);
            let signature = match custom {
                Some((_, signer)) => signer.sign(&pairs, secret),
                None => sign::sign(rule, &pairs, secret),
            };
            request::place_signature(parts, place, name, signature);
        }
        Ok(())
    }

    /// Sends and checks the envelope; also used for the token request.
    async fn send(
        &self,
        endpoint: &'static str,
        envelope: &Envelope,
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
    async fn token(
        &self,
        spec: &'static Token,
        endpoint: &'static str,
    ) -> Result<Secret<String>, Error> {
        let Some(cache) = self.tokens.get(spec.name) else {
            return Err(Error::config(format!(
                "token `{}` is not declared",
                spec.name
            )));
        };
        let token = cache
            .get(endpoint, || self.fetch_token(spec, endpoint))
            .await?;
        if cache.first_sight(&token) {
            // Also a token another process fetched into a shared store.
            self.redactor.remember(token.expose());
        }
        Ok(token)
    }

    /// The token request the spec declares, and the token and lifetime in its answer.
    async fn fetch_token(
        &self,
        spec: &'static Token,
        endpoint: &'static str,
    ) -> Result<(Secret<String>, super::auth::token::Lifetime), Error> {
        let mut url = self.urls.get(endpoint, spec.gateway, spec.path)?;
        let mut params = Vec::with_capacity(spec.params.len());
        for (name, value) in spec.params {
            let text = match value {
                Value::Credential(credential) => self.credential(credential)?,
                Value::Literal(text) => (*text).to_owned(),
                // `check` allows credentials and literals only.
                _ => String::new(),
            };
            params.push((*name, text));
        }
        let counted_as = format!("token.{}", spec.name);
        self.take_turn(endpoint, spec.gateway, &counted_as, &[])
            .await?;
        tracing::debug!(path = spec.path, "fetching an access token");
        let mut builder = match spec.send {
            super::spec::Send::Query => {
                url.query_pairs_mut().extend_pairs(&params);
                self.http.request(http_method(spec.method), url)
            }
            super::spec::Send::Form => {
                let mut form = form_urlencoded::Serializer::new(String::new());
                for (name, value) in &params {
                    form.append_pair(name, value);
                }
                self.http
                    .request(http_method(spec.method), url)
                    .header(
                        reqwest::header::CONTENT_TYPE,
                        "application/x-www-form-urlencoded",
                    )
                    .body(form.finish())
            }
            super::spec::Send::Json => {
                let object: serde_json::Map<String, serde_json::Value> = params
                    .iter()
                    .map(|(n, v)| ((*n).to_owned(), serde_json::Value::String(v.clone())))
                    .collect();
                self.http
                    .request(http_method(spec.method), url)
                    .header(reqwest::header::CONTENT_TYPE, "application/json")
                    .body(serde_json::Value::Object(object).to_string())
            }
        };
        builder = builder.header(reqwest::header::ACCEPT, "application/json");
        let (body, _) = self
            .send(endpoint, spec.envelope, builder)
            .await
            .map_err(|error| token_error(endpoint, error))?;
        let answer: serde_json::Value = serde_json::from_slice(&body).map_err(|e| Error::Auth {
            endpoint,
            code: "decode".into(),
            message: format!("the token answer is not JSON: {}", quote(&e.to_string())),
        })?;
        let token = lookup(&answer, spec.token)
            .and_then(serde_json::Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| Error::Auth {
                endpoint,
                code: "0".into(),
                message: format!("the token answer holds no `{}`", spec.token),
            })?;
        let token = Secret::new(token.to_owned());
        self.redactor.remember(token.expose());
        Ok((token, lifetime(&answer, spec)))
    }
}

/// The stated lifetime of a token answer, in seconds.
fn lifetime(answer: &serde_json::Value, spec: &Token) -> super::auth::token::Lifetime {
    use super::auth::token::Lifetime as Stated;
    match spec.lifetime {
        super::spec::Lifetime::Fixed(0) => Stated::Unstated,
        super::spec::Lifetime::Fixed(seconds) => {
            Stated::Seconds(i64::try_from(seconds).unwrap_or(i64::MAX))
        }
        super::spec::Lifetime::Path { path, millis } => {
            let number = lookup(answer, path).and_then(|v| {
                v.as_i64()
                    .or_else(|| v.as_f64().map(|f| f.clamp(-9e18, 9e18) as i64))
                    .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
            });
            match number {
                Some(n) if millis => Stated::Seconds(n / 1000),
                Some(n) => Stated::Seconds(n),
                None => Stated::Unstated,
            }
        }
    }
}

/// The value at a dotted path.
fn lookup<'v>(value: &'v serde_json::Value, path: &str) -> Option<&'v serde_json::Value> {
    path.split('.')
        .try_fold(value, |current, key| current.get(key))
}

/// The first token the shape sends.
fn first_token(shape: &super::spec::RequestShape) -> Option<&'static Token> {
    shape
        .query
        .iter()
        .chain(shape.headers)
        .chain(shape.body.unwrap_or_default())
        .find_map(|(_, value)| match value {
            Value::Token { token, .. } => Some(*token),
            _ => None,
        })
}

/// The prefix the shape writes before `token`.
fn token_prefix(shape: &super::spec::RequestShape, token: &'static Token) -> &'static str {
    shape
        .query
        .iter()
        .chain(shape.headers)
        .chain(shape.body.unwrap_or_default())
        .find_map(|(_, value)| match value {
            Value::Token { token: t, prefix } if std::ptr::eq(*t, token) => Some(*prefix),
            _ => None,
        })
        .unwrap_or_default()
}

/// Whether header `name` carries a token (marked sensitive).
fn token_in(shape: &super::spec::RequestShape, name: &str) -> bool {
    shape.headers.iter().any(|(n, v)| {
        *n == name
            && matches!(
                v,
                Value::Token { .. } | Value::Credential(_) | Value::Signature(_)
            )
    })
}

impl Resolve for Inner {
    fn credential(&self, name: &'static str) -> Result<String, Error> {
        self.credentials
            .get(name)
            .map(|value| value.expose().clone())
            .ok_or_else(|| Error::config(format!("credential `{name}` is not set")))
    }
}

fn http_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

/// Records the platform's code (the HTTP status is recorded when the answer arrives).
fn record_error(span: &tracing::Span, error: &Error) {
    if let Error::Platform { code, .. } = error {
        span.record("code", code.as_str());
    }
}

fn prepare<E: Endpoint>(request: &E, validate: bool) -> Result<Prepared, Error> {
    if validate {
        request.validate().map_err(|source| Error::Validation {
            endpoint: E::INFO.name,
            source,
        })?;
    }
    let mut path = Params::default();
    request.write_path(&mut path);
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
        path,
        query,
        headers,
        body,
    })
}

/// A platform error from the token endpoint is an [`Error::Auth`] (wrong
/// key or secret…), except throttling, which stays retryable.
fn token_error(endpoint: &'static str, error: Error) -> Error {
    if error.is_throttling() || error.is_busy() {
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
