//! One request, start to end: which route, counted and recorded, any
//! injected fault, the gateway's auth, the endpoint's validation, its store
//! or synthesised answer, its page, all in the platform's envelope.

use bytes::Bytes;
use hyper::http::request::Parts;
use oapi_codegen::ir::{BodyFormat, Endpoint, Envelope, Platform, RequestShape, Success};
use serde_json::{Value, json};

use super::answer::{self, Answer, Refusal};
use super::auth::{self, Received};
use super::faults::{self, Fault};
use super::paging::{self, Items};
use super::routes::{self, Kind, Route};
use super::state::{Shared, Verdict};
use super::validate::{self, Given};
use super::{store, synth};

/// A plain-text answer (no envelope: what a proxy or a broken server sends).
pub(crate) fn plain(status: u16, text: &str) -> Answer {
    answer::bytes_answer(
        status,
        "text/plain; charset=utf-8",
        Bytes::from(text.to_owned()),
    )
}

/// The page a platform's firewall shows a banned IP.
const BAN_PAGE: &str = "<!DOCTYPE html><html><head><title>Access denied</title></head>\
<body><h1>Access denied</h1><p>Your IP address has been blocked.</p></body></html>";

/// Answers one request; `None` drops the connection unanswered.
pub(crate) async fn handle(shared: &Shared, parts: &Parts, body: Bytes) -> Option<Answer> {
    let method = parts.method.as_str();
    let path = parts.uri.path();
    let Some(matched) = routes::find(&shared.api, &shared.routes, method, path) else {
        let answer = plain(404, &format!("no endpoint {method} {path} in the specs"));
        shared.record(verdict(method, path, "-", 404, "no such endpoint"));
        return Some(answer);
    };
    let route = matched.route;
    let name = route.name(&shared.api);
    let arrived = std::time::Instant::now();
    let limits = if shared.with(|d| d.counters.enforce) {
        super::limits::applying(&shared.api, route)
    } else {
        Vec::new()
    };
    let (fault, over) = shared.with(|d| {
        *d.per_path.entry(route.template.clone()).or_default() += 1;
        d.counters
            .arrived(&route.template, arrived.duration_since(shared.started));
        let over = d
            .counters
            .admit(arrived, &limits)
            .map(|limit| limit.what.clone());
        if matches!(route.kind, Kind::Token(_)) {
            d.token_requests += 1;
        }
        let seen = d.received.entry(route.template.clone()).or_default();
        if seen.len() >= super::state::MAX_RECEIVED {
            seen.drain(..super::state::MAX_RECEIVED / 2);
        }
        seen.push(super::state::Received {
            method: method.to_owned(),
            path: path.to_owned(),
            query: parts.uri.query().unwrap_or_default().to_owned(),
            headers: parts
                .headers
                .iter()
                .map(|(n, v)| {
                    (
                        n.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect(),
            body: body.clone(),
        });
        (faults::take(&mut d.faults, &route.template, &name), over)
    });
    let platform = route.platform(&shared.api);
    let envelope = envelope_of(platform, route);
    let request_id = shared.request_id();
    let mut repeat_cursor = false;
    let faulted = |status: u16, what: &str| {
        shared.record(verdict(
            method,
            path,
            &name,
            status,
            &format!("fault: {what}"),
        ));
    };
    if let Some(limit) = over {
        let answer = throttled(envelope, &request_id);
        shared.record(verdict(
            method,
            path,
            &name,
            answer.status().as_u16(),
            &format!("throttled: over {limit}"),
        ));
        return Some(answer);
    }
    match fault {
        Some(Fault::Latency(delay)) => tokio::time::sleep(delay).await,
        Some(Fault::Status(status)) => {
            faulted(status, &format!("HTTP {status}"));
            return Some(plain(status, "injected failure"));
        }
        Some(Fault::Code {
            status,
            code,
            sub_code,
        }) => {
            let answer = answer::error(
                envelope,
                status,
                &code,
                sub_code.as_deref(),
                "injected failure",
                &request_id,
            );
            faulted(answer.status().as_u16(), &format!("code {code}"));
            return Some(answer);
        }
        Some(Fault::Throttle) => {
            let answer = throttled(envelope, &request_id);
            faulted(answer.status().as_u16(), "throttled");
            return Some(answer);
        }
        Some(Fault::TokenExpired) => {
            shared.with(|d| d.tokens.clear());
            let code = envelope
                .token_codes
                .first()
                .map_or_else(|| "401".to_owned(), |c| answer::concrete(c));
            let answer = answer::error(
                envelope,
                401,
                &code,
                None,
                "access token expired",
                &request_id,
            );
            faulted(answer.status().as_u16(), "token expired");
            return Some(answer);
        }
        Some(Fault::MalformedJson) => {
            faulted(200, "malformed JSON");
            return Some(answer::bytes_answer(
                200,
                "application/json",
                Bytes::from_static(b"{\"data\": [1, 2, oops"),
            ));
        }
        Some(Fault::HtmlBan) => {
            faulted(200, "HTML ban page");
            return Some(answer::bytes_answer(
                200,
                "text/html; charset=utf-8",
                Bytes::from_static(BAN_PAGE.as_bytes()),
            ));
        }
        Some(Fault::DropConnection) => {
            faulted(0, "connection dropped");
            return None;
        }
        Some(Fault::RepeatCursor) => repeat_cursor = true,
        Some(Fault::TruncatedJson) | None => {}
    }
    let query: Vec<(String, String)> = parts
        .uri
        .query()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let received = Received {
        query,
        headers: &parts.headers,
        body: &body,
    };
    let outcome = match route.kind {
        Kind::Token(_) => token(shared, platform, route, envelope, &received, &request_id),
        Kind::Endpoint(..) => endpoint(
            shared,
            platform,
            route,
            envelope,
            &received,
            &matched.path_params,
            repeat_cursor,
            &request_id,
        ),
    };
    let rejection = shared.with(|d| d.rejection.clone());
    let (answer, what) = match outcome {
        Ok(answer) => (answer, "ok".to_owned()),
        Err(refusal) => {
            let what = match &refusal {
                Refusal::Invalid(message) => format!("invalid: {message}"),
                Refusal::Credentials => "refused: wrong credentials".into(),
                Refusal::Token => "refused: missing, unknown or expired token".into(),
                Refusal::Signature => "refused: signature mismatch".into(),
                Refusal::NotFound(what) => format!("not found: {what}"),
            };
            (
                answer::refusal(envelope, &refusal, &rejection, &request_id),
                what,
            )
        }
    };
    if fault == Some(Fault::TruncatedJson) {
        let (head, body) = answer.into_parts();
        let bytes = http_body_util::BodyExt::collect(body)
            .await
            .map(|c| c.to_bytes())
            .unwrap_or_default();
        faulted(head.status.as_u16(), "truncated body");
        let cut = bytes.slice(..bytes.len() / 2);
        return Some(hyper::Response::from_parts(
            head,
            http_body_util::Full::new(cut),
        ));
    }
    shared.record(verdict(
        method,
        path,
        &name,
        answer.status().as_u16(),
        &what,
    ));
    Some(answer)
}

/// The envelope's first throttling code (HTTP 429 where the envelope uses statuses).
fn throttled(envelope: &Envelope, request_id: &str) -> Answer {
    let code = envelope
        .throttled_codes
        .first()
        .map_or_else(|| "Throttling".to_owned(), |c| answer::concrete(c));
    answer::error(envelope, 429, &code, None, "too many requests", request_id)
}

fn verdict(method: &str, path: &str, endpoint: &str, status: u16, verdict: &str) -> Verdict {
    Verdict {
        method: method.to_owned(),
        path: path.to_owned(),
        endpoint: endpoint.to_owned(),
        status,
        verdict: verdict.to_owned(),
    }
}

/// The envelope of a platform that declares none: HTTP status only.
static HTTP_ENVELOPE: Envelope = Envelope::HTTP;

/// The envelope a route answers in: its token's, else its gateway's.
fn envelope_of<'a>(platform: &'a Platform, route: &Route) -> &'a Envelope {
    let wanted = match route.kind {
        Kind::Token(t) => &platform.tokens[t].envelope,
        Kind::Endpoint(..) => &platform.gateways[route.gateway].envelope,
    };
    platform
        .envelopes
        .iter()
        .find(|e| &e.const_name == wanted || &e.name == wanted)
        .or_else(|| platform.envelopes.first())
        .unwrap_or(&HTTP_ENVELOPE)
}

fn token(
    shared: &Shared,
    platform: &Platform,
    route: &Route,
    envelope: &Envelope,
    received: &Received<'_>,
    request_id: &str,
) -> Result<Answer, Refusal> {
    let Some(rule) = route.token(&shared.api) else {
        return Err(Refusal::NotFound("token endpoint".into()));
    };
    let issued = auth::token(shared, platform, rule, received)?;
    let mut body = answer::success_body(envelope, json!({}), request_id);
    if envelope.success == Success::Http {
        body = json!({});
    } else if !envelope.data.is_empty() {
        remove_empty(&mut body, &envelope.data);
    }
    answer::put(&mut body, "", issued);
    Ok(answer::json_answer(200, &body))
}

/// Drops the empty data object a token answer does not have.
fn remove_empty(body: &mut Value, data: &str) {
    if let Value::Object(object) = body {
        if object
            .get(data)
            .is_some_and(|v| v.as_object().is_some_and(|o| o.is_empty()))
        {
            object.remove(data);
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn endpoint(
    shared: &Shared,
    platform: &Platform,
    route: &Route,
    envelope: &Envelope,
    received: &Received<'_>,
    path_params: &[(String, String)],
    repeat_cursor: bool,
    request_id: &str,
) -> Result<Answer, Refusal> {
    let Some(endpoint) = route.endpoint(&shared.api) else {
        return Err(Refusal::NotFound("endpoint".into()));
    };
    let plain_shape = RequestShape::default();
    let shape = if endpoint.auth_none {
        &plain_shape
    } else {
        &route.gateway(&shared.api).request
    };
    let wrapped = auth::check(shared, platform, shape, received)?;
    let params = match (wrapped, &shape.body) {
        (Some(params), _) => Some(params),
        (None, Some(_)) => None,
        (None, None) => own_body(received.body, shape.format)?,
    };
    let given = Given {
        body: params.as_ref(),
        query: &received.query,
        headers: received.headers,
        path: path_params,
        form: shape.format == BodyFormat::Form,
    };
    validate::request(endpoint, &given).map_err(Refusal::Invalid)?;
    let lookup = |path: &str| validate::lookup(endpoint, &given, path);
    let mut business = synth::business(endpoint, envelope);
    let empty = json!({});
    let mut items = None;
    if let Some(fake) = &endpoint.fake {
        items = store::apply(
            shared,
            endpoint,
            fake,
            &lookup,
            params.as_ref().unwrap_or(&empty),
            &mut business,
        )?;
    }
    if let Some(paging) = &endpoint.paging {
        let items =
            items.unwrap_or_else(|| Items::Synthetic(item_count(shared, platform, endpoint)));
        paging::fill(
            endpoint,
            paging,
            &lookup,
            &items,
            repeat_cursor,
            &mut business,
        );
    }
    Ok(answer::success(envelope, business, request_id))
}

/// The endpoint's body parameters where the gateway sends them as the body.
fn own_body(body: &[u8], format: BodyFormat) -> Result<Option<Value>, Refusal> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    match format {
        BodyFormat::Json => serde_json::from_slice::<Value>(body)
            .ok()
            .filter(Value::is_object)
            .map(Some)
            .ok_or_else(|| Refusal::Invalid("the body is not a JSON object".into())),
        BodyFormat::Form => Ok(Some(Value::Object(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect(),
        ))),
    }
}

/// How many items `endpoint` lists (set per endpoint, else the default).
fn item_count(shared: &Shared, platform: &Platform, endpoint: &Endpoint) -> usize {
    let name = format!("{}.{}", platform.module, endpoint.op_name);
    shared.with(|d| {
        d.items
            .get(&name)
            .or_else(|| d.items.get(&endpoint.path))
            .copied()
            .unwrap_or(super::DEFAULT_ITEMS)
    })
}
