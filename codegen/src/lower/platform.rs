//! The platform sections lowered: credentials, tokens, envelopes, signing
//! rules, gateways with what their requests carry, rate limits.

use serde_json::Value as Json;

use crate::ir::*;
use crate::names::const_ident;
use crate::raw::*;

/// Credentials, tokens, envelopes, signing rules, gateways and rate limits of a spec.
pub struct Sections {
    pub credentials: Vec<Credential>,
    pub tokens: Vec<Token>,
    pub envelopes: Vec<Envelope>,
    pub signing: Vec<Signing>,
    pub gateways: Vec<Gateway>,
    pub rate_limits: Vec<RateLimit>,
}

/// Lowers the platform sections of a checked spec.
pub fn sections(spec: &RawSpec) -> Sections {
    let credentials = if spec.credentials.0.is_empty() {
        vec![
            Credential {
                name: "app_key".into(),
                secret: false,
                doc: "The app's key.".into(),
            },
            Credential {
                name: "app_secret".into(),
                secret: true,
                doc: "The app's secret.".into(),
            },
        ]
    } else {
        spec.credentials
            .0
            .iter()
            .map(|(name, raw)| Credential {
                name: name.clone(),
                secret: raw.secret == Some(true),
                doc: raw.doc.clone().unwrap_or_default(),
            })
            .collect()
    };
    let gateways: Vec<Gateway> = spec
        .gateways
        .0
        .iter()
        .map(|(key, raw)| gateway(key, raw))
        .collect();
    let tokens = spec
        .tokens
        .0
        .iter()
        .map(|(name, raw)| token(name, raw, &gateways))
        .collect();
    let mut envelopes: Vec<Envelope> = spec
        .envelopes
        .0
        .iter()
        .map(|(n, e)| envelope(n, e))
        .collect();
    // A gateway that declares no envelope: success is an HTTP 2xx status.
    if gateways.iter().any(|g| g.envelope == IMPLICIT_ENVELOPE) {
        envelopes.push(Envelope {
            const_name: IMPLICIT_ENVELOPE.into(),
            ..Envelope::HTTP
        });
    }
    Sections {
        credentials,
        tokens,
        envelopes,
        signing: spec.signing.0.iter().map(|(n, s)| signing(n, s)).collect(),
        gateways,
        rate_limits: rate_limits(spec.rate_limits.as_deref()),
    }
}

/// The const name of a token rule.
pub fn token_const(name: &str) -> String {
    format!("TOKEN_{}", const_ident(name))
}

/// The const name of the envelope of gateways that declare none (HTTP
/// status only); no declared envelope's const can be it (theirs end in a name).
pub const IMPLICIT_ENVELOPE: &str = "ENVELOPE_";

/// The const name of an envelope.
pub fn envelope_const(name: &str) -> String {
    format!("ENVELOPE_{}", const_ident(name))
}

/// The const name of a signing rule.
pub fn signing_const(name: &str) -> String {
    format!("SIGNING_{}", const_ident(name))
}

fn gateway(key: &str, raw: &RawGateway) -> Gateway {
    let request = raw
        .request
        .as_ref()
        .map_or_else(RequestShape::default, |r| RequestShape {
            format: match r.format.as_deref() {
                Some("form") => BodyFormat::Form,
                _ => BodyFormat::Json,
            },
            query: values(&r.query),
            headers: values(&r.headers),
            body: r.body.as_ref().map(values),
        });
    Gateway {
        key: key.to_owned(),
        const_name: const_ident(key),
        base_url: raw.base_url.clone().unwrap_or_default(),
        envelope: raw
            .envelope
            .as_deref()
            .map_or_else(|| IMPLICIT_ENVELOPE.to_owned(), envelope_const),
        request,
        rate_limits: rate_limits(raw.rate_limits.as_deref()),
    }
}

fn values(entries: &Entries<RawValue>) -> Vec<(String, Value)> {
    entries
        .0
        .iter()
        .map(|(name, raw)| (name.clone(), value(raw)))
        .collect()
}

/// One value; checked to be exactly one kind.
pub fn value(raw: &RawValue) -> Value {
    if let Some(name) = &raw.credential {
        return Value::Credential(name.clone());
    }
    if let Some(token) = &raw.token {
        return Value::Token {
            token: token_const(token),
            prefix: raw.prefix.clone().unwrap_or_default(),
        };
    }
    if let Some(format) = &raw.timestamp {
        return Value::Timestamp(match format.as_str() {
            "ms" => TimeFormat::Millis,
            "s" => TimeFormat::Seconds,
            java => TimeFormat::Pattern(crate::dates::strftime(java).unwrap_or_default()),
        });
    }
    if let Some(length) = raw.nonce.as_ref().and_then(Json::as_u64) {
        return Value::Nonce(u8::try_from(length).unwrap_or(16));
    }
    if let Some(name) = &raw.signature {
        return Value::Signature(signing_const(name));
    }
    if let Some(how) = &raw.params {
        return Value::Params {
            how: match how.as_str() {
                "string" => ParamsAs::String,
                "merge" => ParamsAs::Merge,
                _ => ParamsAs::Object,
            },
            omit_empty: raw.omit_empty == Some(true),
        };
    }
    Value::Literal(raw.value.clone().unwrap_or_default())
}

fn token(name: &str, raw: &RawToken, gateways: &[Gateway]) -> Token {
    let gateway = gateways
        .iter()
        .find(|g| Some(&g.key) == raw.gateway.as_ref());
    let lifetime = match (
        &raw.expires_in,
        raw.lifetime.as_ref().and_then(Json::as_u64),
    ) {
        (_, Some(fixed)) => Lifetime::Fixed(fixed),
        (Some(path), None) => Lifetime::Path {
            path: path.clone(),
            millis: raw.unit.as_deref() == Some("ms"),
        },
        (None, None) => Lifetime::Fixed(0),
    };
    Token {
        name: name.to_owned(),
        const_name: token_const(name),
        gateway: gateway.map(|g| g.key.clone()).unwrap_or_default(),
        method: match raw.method.as_deref() {
            Some("GET") => HttpMethod::Get,
            _ => HttpMethod::Post,
        },
        path: raw.path.clone().unwrap_or_default(),
        send: match raw.send.as_deref() {
            Some("query") => Send::Query,
            Some("form") => Send::Form,
            _ => Send::Json,
        },
        params: values(&raw.params),
        token_path: raw.token.clone().unwrap_or_default(),
        lifetime,
        refresh_before: raw
            .refresh_before
            .as_ref()
            .and_then(Json::as_u64)
            .unwrap_or(300),
        envelope: match &raw.envelope {
            Some(envelope) => envelope_const(envelope),
            None => gateway.map(|g| g.envelope.clone()).unwrap_or_default(),
        },
    }
}

fn code_text(value: &Json) -> String {
    match value {
        Json::String(text) => text.clone(),
        other => other.to_string(),
    }
}

fn codes(values: &Option<Vec<Json>>) -> Vec<String> {
    values.iter().flatten().map(code_text).collect()
}

fn envelope(name: &str, raw: &RawEnvelope) -> Envelope {
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let data = raw.data.clone().filter(|d| d != ".").unwrap_or_default();
    Envelope {
        name: name.to_owned(),
        const_name: envelope_const(name),
        success: match raw.success.as_deref() {
            Some("http") => Success::Http,
            _ => Success::Code,
        },
        code: text(&raw.code),
        ok: codes(&raw.ok),
        code_is_text: raw
            .ok
            .as_ref()
            .and_then(|ok| ok.first())
            .is_some_and(Json::is_string),
        message: text(&raw.message),
        request_id: text(&raw.request_id),
        sub_code: text(&raw.sub_code),
        sub_message: text(&raw.sub_message),
        data,
        nested: text(&raw.nested),
        token_codes: raw
            .codes
            .as_ref()
            .map(|c| codes(&c.token))
            .unwrap_or_default(),
        throttled_codes: raw
            .codes
            .as_ref()
            .map(|c| codes(&c.throttled))
            .unwrap_or_default(),
        busy_codes: raw
            .codes
            .as_ref()
            .map(|c| codes(&c.busy))
            .unwrap_or_default(),
        invalid_codes: raw
            .codes
            .as_ref()
            .map(|c| codes(&c.invalid))
            .unwrap_or_default(),
        denied_codes: raw
            .codes
            .as_ref()
            .map(|c| codes(&c.denied))
            .unwrap_or_default(),
        html_banned: raw.html.as_deref() == Some("banned"),
    }
}

fn signing(name: &str, raw: &RawSigning) -> Signing {
    let secret = raw.secret.as_ref();
    Signing {
        name: name.to_owned(),
        const_name: signing_const(name),
        digest: match raw.digest.as_deref() {
            Some("sha1") => Digest::Sha1,
            Some("sha256") => Digest::Sha256,
            Some("hmac-sha256") => Digest::HmacSha256,
            Some("hmac-md5") => Digest::HmacMd5,
            _ => Digest::Md5,
        },
        encoding: match raw.encoding.as_deref() {
            Some("hex_upper") => DigestEncoding::HexUpper,
            Some("base64") => DigestEncoding::Base64,
            _ => DigestEncoding::Hex,
        },
        params: match &raw.params {
            Some(Json::Array(names)) => Some(
                names
                    .iter()
                    .filter_map(Json::as_str)
                    .map(str::to_owned)
                    .collect(),
            ),
            _ => None,
        },
        sorted: raw.order.as_deref() != Some("listed"),
        join: match raw.join.as_deref() {
            Some("query") => Join::Query,
            Some("values") => Join::Values,
            _ => Join::NameValue,
        },
        secret: secret
            .and_then(|s| s.credential.clone())
            .unwrap_or_default(),
        secret_at: match secret.and_then(|s| s.at.as_deref()) {
            Some("prefix") => SecretAt::Prefix,
            Some("suffix") => SecretAt::Suffix,
            Some("param") => {
                SecretAt::Param(secret.and_then(|s| s.name.clone()).unwrap_or_default())
            }
            Some("key") => SecretAt::Key,
            _ => SecretAt::Both,
        },
    }
}

/// Rate limits as declared (checked).
pub fn rate_limits(raw: Option<&[RawRateLimit]>) -> Vec<RateLimit> {
    raw.into_iter()
        .flatten()
        .filter_map(|limit| {
            Some(RateLimit {
                per: limit.per.clone()?,
                limit: limit.limit.as_ref()?.as_u64()?,
                window_ms: window_ms(limit.window.as_deref()?)?,
            })
        })
        .collect()
}

/// `500ms`, `1s`, `1m`, `1h`, `1d` in milliseconds.
pub fn window_ms(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (digits, unit) = text.split_at(split);
    let count: u64 = digits.parse().ok().filter(|n| *n > 0)?;
    let unit_ms = match unit.trim() {
        "ms" => 1,
        "s" => 1_000,
        "m" | "min" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return None,
    };
    count.checked_mul(unit_ms)
}
