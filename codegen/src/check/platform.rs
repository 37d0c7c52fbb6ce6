//! The platform-wide sections: credentials, tokens, envelopes, signing
//! rules, gateways and what their requests carry, rate limits.

use std::collections::HashMap;

use serde_json::Value;

use super::{Checker, PlatformFacts, join, key};
use crate::load::{At, Seg};
use crate::raw::*;

const CREDENTIAL_KEYS: &[&str] = &["doc", "secret"];
const TOKEN_KEYS: &[&str] = &[
    "gateway",
    "method",
    "path",
    "send",
    "params",
    "token",
    "expires_in",
    "lifetime",
    "unit",
    "refresh_before",
    "envelope",
];
const ENVELOPE_KEYS: &[&str] = &[
    "success",
    "code",
    "ok",
    "message",
    "request_id",
    "sub_code",
    "sub_message",
    "data",
    "nested",
    "codes",
    "html",
];
const CODES_KEYS: &[&str] = &["token", "throttled", "busy", "invalid", "denied"];
const SIGNING_KEYS: &[&str] = &["digest", "encoding", "params", "order", "join", "secret"];
const SECRET_KEYS: &[&str] = &["credential", "at", "name"];
const GATEWAY_KEYS: &[&str] = &["base_url", "envelope", "request", "rate_limits"];
const REQUEST_KEYS: &[&str] = &["format", "query", "headers", "body"];
const VALUE_KEYS: &[&str] = &[
    "credential",
    "value",
    "token",
    "prefix",
    "timestamp",
    "nonce",
    "signature",
    "params",
    "omit_empty",
];
const RATE_KEYS: &[&str] = &["per", "limit", "window"];
/// What a rate limit counts together.
pub const RATE_SCOPES: &[&str] = &["app", "app_gateway", "app_endpoint"];
/// Digests a signing rule may use.
pub const DIGESTS: &[&str] = &["md5", "sha1", "sha256", "hmac-sha256", "hmac-md5"];
const ENCODINGS: &[&str] = &["hex", "hex_upper", "base64"];
const ORDERS: &[&str] = &["sorted", "listed"];
const JOINS: &[&str] = &["name_value", "query", "values"];
const SECRET_AT: &[&str] = &["prefix", "suffix", "both", "param", "key"];
const SENDS: &[&str] = &["query", "form", "json"];
const FORMATS: &[&str] = &["json", "form"];
const SUCCESS: &[&str] = &["code", "http"];
const HTML: &[&str] = &["error", "banned"];
const UNITS: &[&str] = &["s", "ms"];
const PARAMS_AS: &[&str] = &["object", "string", "merge"];

/// Names defined by the platform sections, for references to them.
struct Defined<'a> {
    credentials: Vec<&'a str>,
    tokens: Vec<&'a str>,
    signing: Vec<&'a str>,
    envelopes: Vec<&'a str>,
}

/// Where a value sits: which kinds it may be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ValuePlace {
    /// A gateway's query or headers.
    Outside,
    /// A gateway's body.
    Body,
    /// A token request's parameters.
    TokenParam,
}

impl Checker<'_> {
    /// Checks the platform sections; returns what endpoints need of them.
    pub(super) fn platform<'s>(&mut self, spec: &'s RawSpec) -> PlatformFacts<'s> {
        let credentials = self.credentials(spec);
        let defined = Defined {
            credentials,
            tokens: spec.tokens.0.iter().map(|(n, _)| n.as_str()).collect(),
            signing: spec.signing.0.iter().map(|(n, _)| n.as_str()).collect(),
            envelopes: spec.envelopes.0.iter().map(|(n, _)| n.as_str()).collect(),
        };
        use crate::lower::{envelope_const, signing_const, token_const};
        self.constant_names("tokens", &spec.tokens, "token", token_const);
        self.constant_names("envelopes", &spec.envelopes, "envelope", envelope_const);
        self.constant_names("signing", &spec.signing, "signing rule", signing_const);
        for (name, envelope) in &spec.envelopes.0 {
            self.envelope(&[key("envelopes"), key(name)], envelope);
        }
        for (name, signing) in &spec.signing.0 {
            self.signing(&[key("signing"), key(name)], signing, &defined, spec, name);
        }
        let gateways_path = [key("gateways")];
        if spec.gateways.0.is_empty() {
            self.error(
                &[],
                At::Value,
                "missing `gateways`: at least one host",
                None,
            );
        }
        let mut facts = PlatformFacts {
            gateways: Vec::new(),
            envelopes: HashMap::new(),
            default_gateway: None,
            default_method: None,
        };
        for (name, gateway) in self.unique(&gateways_path, &spec.gateways, "gateway") {
            let path = join(&gateways_path, key(name));
            self.gateway_name(&path, name);
            self.gateway(&path, gateway, &defined);
            facts.gateways.push(name);
            if let Some(envelope) = gateway
                .envelope
                .as_deref()
                .and_then(|e| spec.envelopes.0.iter().find(|(n, _)| n == e))
            {
                facts.envelopes.insert(name, &envelope.1);
            }
        }
        for (name, token) in &spec.tokens.0 {
            self.token(
                &[key("tokens"), key(name)],
                token,
                &defined,
                &facts.gateways,
            );
        }
        if let Some(limits) = &spec.rate_limits {
            self.rate_limits(&[key("rate_limits")], limits);
        }
        facts
    }

    fn credentials<'s>(&mut self, spec: &'s RawSpec) -> Vec<&'s str> {
        if spec.credentials.0.is_empty() {
            return vec!["app_key", "app_secret"];
        }
        let mut names = Vec::new();
        for (name, credential) in &spec.credentials.0 {
            let path = [key("credentials"), key(name)];
            self.unknown_keys(&path, &credential.unknown, CREDENTIAL_KEYS);
            if crate::names::snake_ident(name) != *name {
                self.error(
                    &path,
                    At::Key,
                    format!("credential name `{name}` is not a snake_case identifier"),
                    Some(
                        "it is what `ClientBuilder::credential(name, …)` takes: e.g. `app_key`"
                            .into(),
                    ),
                );
            }
            names.push(name.as_str());
        }
        names
    }

    fn envelope(&mut self, path: &[Seg], envelope: &RawEnvelope) {
        self.unknown_keys(path, &envelope.unknown, ENVELOPE_KEYS);
        self.one_of(path, "success", &envelope.success, SUCCESS, false);
        let by_code = envelope.success.as_deref() != Some("http");
        if by_code {
            if envelope.code.is_none() {
                self.error(
                    path,
                    At::Value,
                    "missing `code`: where the answer's status code is (or `success: http`)",
                    Some("e.g. `code: errcode`".into()),
                );
            }
            match &envelope.ok {
                None => self.error(
                    path,
                    At::Value,
                    "missing `ok`: the code values that mean success",
                    Some("e.g. `ok: [0]`".into()),
                ),
                Some(values) if values.is_empty() => self.error(
                    &join(path, key("ok")),
                    At::Value,
                    "`ok` lists no value",
                    None,
                ),
                Some(values) => self.same_type_codes(&join(path, key("ok")), values),
            }
        }
        for (name, value) in [
            ("code", &envelope.code),
            ("message", &envelope.message),
            ("request_id", &envelope.request_id),
            ("sub_code", &envelope.sub_code),
            ("sub_message", &envelope.sub_message),
            ("data", &envelope.data),
            ("nested", &envelope.nested),
        ] {
            if let Some(value) = value {
                self.json_path(&join(path, key(name)), name, value, name == "data");
            }
        }
        if envelope
            .nested
            .as_deref()
            .is_some_and(|nested| nested.contains('.'))
        {
            self.error(
                &join(path, key("nested")),
                At::Value,
                "`nested` is one key (the envelope repeated under it)",
                None,
            );
        }
        self.one_of(path, "html", &envelope.html, HTML, false);
        if let Some(codes) = &envelope.codes {
            let codes_path = join(path, key("codes"));
            self.unknown_keys(&codes_path, &codes.unknown, CODES_KEYS);
            for (name, values) in [
                ("token", &codes.token),
                ("throttled", &codes.throttled),
                ("busy", &codes.busy),
                ("invalid", &codes.invalid),
                ("denied", &codes.denied),
            ] {
                for (index, value) in values.iter().flatten().enumerate() {
                    let at = join(&join(&codes_path, key(name)), Seg::Index(index));
                    if !(value.is_string() || value.is_i64() || value.is_u64()) {
                        self.error(
                            &at,
                            At::Value,
                            format!("code {value} is neither an integer nor text"),
                            None,
                        );
                    } else if let Some(text) = value.as_str().filter(|t| t.contains('*')) {
                        let prefix = text.strip_suffix('*').unwrap_or(text);
                        if prefix.is_empty() || prefix.contains('*') {
                            self.error(
                                &at,
                                At::Value,
                                format!("`{text}`: `*` may only end a code, after its common beginning (`invalidParameter*`)"),
                                None,
                            );
                        }
                    }
                }
            }
        }
    }

    /// Success values must all be numbers or all text: a code compared to
    /// `0` and `"0"` alike would hide a typo.
    fn same_type_codes(&mut self, path: &[Seg], values: &[Value]) {
        let first_is_text = values.first().is_some_and(Value::is_string);
        for (index, value) in values.iter().enumerate() {
            let integer = value.is_i64() || value.is_u64();
            if !(value.is_string() || integer) {
                self.error(
                    &join(path, Seg::Index(index)),
                    At::Value,
                    format!("success value {value} is neither an integer nor text"),
                    None,
                );
            } else if value.is_string() != first_is_text {
                self.error(
                    &join(path, Seg::Index(index)),
                    At::Value,
                    format!(
                        "success value {value} is of the wrong type: the first one is {}",
                        if first_is_text { "text" } else { "a number" }
                    ),
                    Some("write them all as numbers (`0`) or all as text (`\"0\"`)".into()),
                );
            }
        }
    }

    /// A dotted JSON path of keys (`data.access_token`); `.` for the whole body where allowed.
    fn json_path(&mut self, path: &[Seg], name: &str, value: &str, whole_allowed: bool) {
        if whole_allowed && value == "." {
            return;
        }
        if value.is_empty() || value.split('.').any(str::is_empty) {
            self.error(
                path,
                At::Value,
                format!("`{name}: {value}` is not a dotted path of keys"),
                Some(if whole_allowed {
                    "e.g. `data`, `result.list`, or `.` for the whole body".into()
                } else {
                    "e.g. `errcode` or `data.access_token`".into()
                }),
            );
        }
    }

    fn signing(
        &mut self,
        path: &[Seg],
        signing: &RawSigning,
        defined: &Defined<'_>,
        spec: &RawSpec,
        name: &str,
    ) {
        self.unknown_keys(path, &signing.unknown, SIGNING_KEYS);
        self.one_of(path, "digest", &signing.digest, DIGESTS, true);
        self.one_of(path, "encoding", &signing.encoding, ENCODINGS, true);
        self.one_of(path, "order", &signing.order, ORDERS, false);
        self.one_of(path, "join", &signing.join, JOINS, true);
        let hmac = signing
            .digest
            .as_deref()
            .is_some_and(|d| d.starts_with("hmac"));
        match &signing.secret {
            None => self.error(
                path,
                At::Value,
                "missing `secret`: which credential signs, and where it goes",
                Some("e.g. `secret: {credential: app_secret, at: both}`".into()),
            ),
            Some(secret) => {
                let secret_path = join(path, key("secret"));
                self.unknown_keys(&secret_path, &secret.unknown, SECRET_KEYS);
                self.reference(
                    &secret_path,
                    "credential",
                    &secret.credential,
                    &defined.credentials,
                    true,
                );
                self.one_of(&secret_path, "at", &secret.at, SECRET_AT, true);
                match (secret.at.as_deref(), &secret.name) {
                    (Some("param"), None) => self.error(
                        &secret_path,
                        At::Value,
                        "`at: param` needs `name`: the secret's parameter name in the signed text",
                        Some("e.g. `name: sign_key`".into()),
                    ),
                    (Some(at), Some(_)) if at != "param" => self.error(
                        &join(&secret_path, key("name")),
                        At::Key,
                        "`name` is for `at: param` only",
                        None,
                    ),
                    (Some("key"), _) if !hmac => self.error(
                        &join(&secret_path, key("at")),
                        At::Value,
                        "`at: key` makes the secret an HMAC key, but the digest is not an HMAC",
                        Some("use `digest: hmac-sha256` or `hmac-md5`, or put the secret in the text".into()),
                    ),
                    _ => {}
                }
            }
        }
        match &signing.params {
            None => self.error(
                path,
                At::Value,
                "missing `params`: `all`, or the list of parameter names signed",
                None,
            ),
            Some(Value::String(all)) if all == "all" => {}
            Some(Value::Array(names)) => {
                let known = signed_names(spec, name);
                for (index, item) in names.iter().enumerate() {
                    let item_path = join(&join(path, key("params")), Seg::Index(index));
                    match item.as_str() {
                        None => self.error(&item_path, At::Value, "a parameter name is text", None),
                        Some(param) if !known.names.contains(&param) => {
                            let help = match super::suggest(param, &known.names) {
                                Some(close) => format!("did you mean `{close}`?"),
                                None => format!("parameters: {}", known.names.join(", ")),
                            };
                            self.error(
                                &item_path,
                                At::Value,
                                format!("signed parameter `{param}` is not a parameter of the requests this rule signs"),
                                Some(help),
                            );
                        }
                        Some(_) => {}
                    }
                }
            }
            Some(_) => self.error(
                &join(path, key("params")),
                At::Value,
                "`params` is `all` or a list of parameter names",
                None,
            ),
        }
    }

    fn gateway(&mut self, path: &[Seg], gateway: &RawGateway, defined: &Defined<'_>) {
        self.unknown_keys(path, &gateway.unknown, GATEWAY_KEYS);
        self.base_url(path, &gateway.base_url);
        // No envelope: success is an HTTP 2xx status, errors are read as text.
        self.reference(
            path,
            "envelope",
            &gateway.envelope,
            &defined.envelopes,
            false,
        );
        if let Some(limits) = &gateway.rate_limits {
            self.rate_limits(&join(path, key("rate_limits")), limits);
        }
        let Some(request) = &gateway.request else {
            return;
        };
        let request_path = join(path, key("request"));
        self.unknown_keys(&request_path, &request.unknown, REQUEST_KEYS);
        self.one_of(&request_path, "format", &request.format, FORMATS, false);
        for (place, values) in [("query", &request.query), ("headers", &request.headers)] {
            for (name, value) in &values.0 {
                let value_path = join(&join(&request_path, key(place)), key(name));
                self.value(&value_path, value, ValuePlace::Outside, defined);
                if place == "headers" {
                    self.header_name(&value_path, name);
                    for (what, text) in [("value", &value.value), ("prefix", &value.prefix)] {
                        if let Some(text) = text {
                            self.header_text(&join(&value_path, key(what)), what, text);
                        }
                    }
                }
            }
        }
        if let Some(body) = &request.body {
            let mut params_seen: Option<Vec<Seg>> = None;
            for (name, value) in &body.0 {
                let value_path = join(&join(&request_path, key("body")), key(name));
                self.value(&value_path, value, ValuePlace::Body, defined);
                if value.params.is_some() {
                    if let Some(first) = &params_seen {
                        let first = self.first_at(first);
                        self.error(
                            &value_path,
                            At::Key,
                            "the endpoint's parameters are placed twice",
                            Some(first),
                        );
                    }
                    params_seen = Some(value_path);
                }
            }
            if params_seen.is_none() {
                self.error(
                    &join(&request_path, key("body")),
                    At::Key,
                    "the body leaves out the endpoint's parameters",
                    Some("add a field `{params: object}` (or `string`, or `merge`)".into()),
                );
            }
        }
    }

    /// One value: exactly one kind, references defined, allowed where it is.
    fn value(&mut self, path: &[Seg], value: &RawValue, place: ValuePlace, defined: &Defined<'_>) {
        self.unknown_keys(path, &value.unknown, VALUE_KEYS);
        let kinds: Vec<&str> = [
            ("credential", value.credential.is_some()),
            ("value", value.value.is_some()),
            ("token", value.token.is_some()),
            ("timestamp", value.timestamp.is_some()),
            ("nonce", value.nonce.is_some()),
            ("signature", value.signature.is_some()),
            ("params", value.params.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, set)| set.then_some(name))
        .collect();
        if kinds.len() != 1 {
            self.error(
                path,
                At::Value,
                if kinds.is_empty() {
                    "a value needs one of `credential`, `value`, `token`, `timestamp`, `nonce`, `signature`, `params`".to_owned()
                } else {
                    format!("a value is one thing, not {}", kinds.join(" and "))
                },
                None,
            );
            return;
        }
        let kind = kinds[0];
        let allowed = match place {
            ValuePlace::TokenParam => matches!(kind, "credential" | "value"),
            ValuePlace::Outside => kind != "params",
            ValuePlace::Body => true,
        };
        if !allowed {
            let message = match place {
                ValuePlace::TokenParam => {
                    "a token request's parameters are credentials or literal values"
                }
                _ => "`params` (the endpoint's parameters) goes in the `body`",
            };
            self.error(&join(path, key(kind)), At::Key, message, None);
        }
        if value.prefix.is_some() && kind != "token" {
            self.error(
                &join(path, key("prefix")),
                At::Key,
                "`prefix` goes with `token`",
                None,
            );
        }
        if value.omit_empty.is_some() && kind != "params" {
            self.error(
                &join(path, key("omit_empty")),
                At::Key,
                "`omit_empty` goes with `params`",
                None,
            );
        }
        match kind {
            "credential" => self.reference(
                path,
                "credential",
                &value.credential,
                &defined.credentials,
                true,
            ),
            "token" => self.reference(path, "token", &value.token, &defined.tokens, true),
            "signature" => {
                self.reference(path, "signature", &value.signature, &defined.signing, true)
            }
            "params" => self.one_of(path, "params", &value.params, PARAMS_AS, true),
            "timestamp" => {
                if let Some(format) = &value.timestamp {
                    if !matches!(format.as_str(), "ms" | "s") {
                        if let Err(problem) = crate::dates::strftime(format) {
                            self.error(
                                &join(path, key("timestamp")),
                                At::Value,
                                format!("timestamp `{format}` is neither `ms`, `s` nor a date pattern: {problem}"),
                                Some("e.g. `ms`, or `yyyy-MM-dd HH:mm:ss`".into()),
                            );
                        }
                    }
                }
            }
            "nonce"
                if !value
                    .nonce
                    .as_ref()
                    .and_then(Value::as_u64)
                    .is_some_and(|n| (1..=64).contains(&n)) =>
            {
                self.error(
                    &join(path, key("nonce")),
                    At::Value,
                    "`nonce` is the length of a random text, 1 to 64",
                    None,
                );
            }
            _ => {}
        }
    }

    fn token(&mut self, path: &[Seg], token: &RawToken, defined: &Defined<'_>, gateways: &[&str]) {
        self.unknown_keys(path, &token.unknown, TOKEN_KEYS);
        self.reference(path, "gateway", &token.gateway, gateways, true);
        self.method(path, &token.method, &["GET", "POST"]);
        self.http_path(path, &token.path);
        self.one_of(path, "send", &token.send, SENDS, true);
        if token.method.as_deref() == Some("GET")
            && matches!(token.send.as_deref(), Some("form" | "json"))
        {
            self.error(
                &join(path, key("send")),
                At::Value,
                "a GET token request has no body: its parameters travel in the query",
                Some("write `send: query`, or `method: POST`".into()),
            );
        }
        for (name, value) in &token.params.0 {
            let value_path = join(&join(path, key("params")), key(name));
            self.value(&value_path, value, ValuePlace::TokenParam, defined);
        }
        match &token.token {
            None => self.error(
                path,
                At::Value,
                "missing `token`: the token's dotted path in the answer",
                Some("e.g. `token: access_token`".into()),
            ),
            Some(found) => self.json_path(&join(path, key("token")), "token", found, false),
        }
        match (&token.expires_in, &token.lifetime) {
            (Some(_), Some(_)) => self.error(
                &join(path, key("lifetime")),
                At::Key,
                "a token's lifetime is read (`expires_in`) or fixed (`lifetime`), not both",
                None,
            ),
            (Some(found), None) => {
                self.json_path(&join(path, key("expires_in")), "expires_in", found, false)
            }
            (None, Some(seconds)) if seconds.as_u64().is_none_or(|s| s == 0) => self.error(
                &join(path, key("lifetime")),
                At::Value,
                "`lifetime` is a positive number of seconds",
                None,
            ),
            _ => {}
        }
        self.one_of(path, "unit", &token.unit, UNITS, false);
        if let Some(before) = &token.refresh_before {
            if before.as_u64().is_none() {
                self.error(
                    &join(path, key("refresh_before")),
                    At::Value,
                    "`refresh_before` is a number of seconds",
                    None,
                );
            }
        }
        self.reference(path, "envelope", &token.envelope, &defined.envelopes, false);
    }

    pub(super) fn rate_limits(&mut self, path: &[Seg], limits: &[RawRateLimit]) {
        for (index, limit) in limits.iter().enumerate() {
            let item = join(path, Seg::Index(index));
            self.unknown_keys(&item, &limit.unknown, RATE_KEYS);
            self.one_of(&item, "per", &limit.per, RATE_SCOPES, true);
            if limit
                .limit
                .as_ref()
                .and_then(Value::as_u64)
                .is_none_or(|n| n == 0)
            {
                let at = match limit.limit {
                    Some(_) => join(&item, key("limit")),
                    None => item.clone(),
                };
                self.error(
                    &at,
                    At::Value,
                    "`limit` is a positive number of requests",
                    None,
                );
            }
            match &limit.window {
                None => self.error(
                    &item,
                    At::Value,
                    "missing `window`, e.g. `1s` or `1m`",
                    None,
                ),
                Some(window) if crate::lower::window_ms(window).is_none() => self.error(
                    &join(&item, key("window")),
                    At::Value,
                    format!("`{window}` is not a window"),
                    Some("a positive number with `ms`, `s`, `m`, `h` or `d`, e.g. `1s`".into()),
                ),
                Some(_) => {}
            }
        }
    }
}

/// The parameter names the requests signed by `signing` carry, and whether
/// that list is complete (a gateway whose body is the endpoint's own
/// parameters signs names only endpoints know).
struct SignedNames<'a> {
    names: Vec<&'a str>,
}

fn signed_names<'a>(spec: &'a RawSpec, signing: &str) -> SignedNames<'a> {
    let mut names = Vec::new();
    // Gateways whose endpoints' own parameters are signed too (their body is
    // the endpoint's, or merged into the gateway's).
    let mut open: Vec<&str> = Vec::new();
    for (key, gateway) in &spec.gateways.0 {
        let Some(request) = &gateway.request else {
            continue;
        };
        let values = request
            .query
            .0
            .iter()
            .chain(request.headers.0.iter())
            .chain(request.body.iter().flat_map(|b| b.0.iter()));
        let mut uses = false;
        let mut merged = request.body.is_none();
        let mut here = Vec::new();
        for (name, value) in values {
            if value.signature.as_deref() == Some(signing) {
                uses = true;
            } else {
                here.push(name.as_str());
            }
            if value.params.as_deref() == Some("merge") {
                merged = true;
            }
        }
        if uses {
            names.extend(here);
            if merged {
                open.push(key.as_str());
            }
        }
    }
    // Those endpoints' query and top-level body parameters.
    let only = match spec.gateways.0.as_slice() {
        [(only, _)] => Some(only.as_str()),
        _ => None,
    };
    let default = spec
        .defaults
        .as_ref()
        .and_then(|d| d.gateway.as_deref())
        .or(only);
    for (_, group) in &spec.groups.0 {
        for (_, endpoint) in &group.endpoints.0 {
            let gateway = endpoint.gateway.as_deref().or(default);
            if gateway.is_some_and(|g| open.contains(&g)) {
                names.extend(endpoint.query.0.iter().map(|(name, _)| name.as_str()));
                names.extend(endpoint.body.0.iter().map(|(name, _)| name.as_str()));
            }
        }
    }
    names.sort_unstable();
    names.dedup();
    SignedNames { names }
}
