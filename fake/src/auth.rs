//! What a gateway declares every request carries, checked on arrival:
//! tokens issued by the declared token endpoints, credentials, signatures
//! (recomputed by the declared rule from the parameters as received), and
//! where the endpoint's own parameters are in the body.

use std::collections::HashMap;

use oapi_codegen::ir::{
    self, BodyFormat, ParamsAs, Platform, RequestShape, Send, Value as Carried,
};
use oapi_runtime::secret::Secret;
use oapi_runtime::spec;
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};

use super::answer::{Refusal, put};
use super::state::Shared;

/// A request as received, in the pieces auth and validation read.
pub(crate) struct Received<'a> {
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: &'a hyper::HeaderMap,
    pub(crate) body: &'a [u8],
}

impl Received<'_> {
    fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A body's top-level members in order, each as its text as sent (a JSON
/// string's content, other JSON as written), or a form's pairs.
pub(crate) fn members(body: &[u8], format: BodyFormat) -> Option<Vec<(String, Member)>> {
    match format {
        BodyFormat::Form => Some(
            form_urlencoded::parse(body)
                .map(|(k, v)| (k.into_owned(), Member::Text(v.into_owned())))
                .collect(),
        ),
        BodyFormat::Json => {
            if body.iter().all(u8::is_ascii_whitespace) {
                return Some(Vec::new());
            }
            let raw: Vec<(String, Box<RawValue>)> =
                serde_json::from_slice::<OrderedObject>(body).ok()?.0;
            Some(
                raw.into_iter()
                    .map(|(k, v)| {
                        let member = match serde_json::from_str::<String>(v.get()) {
                            Ok(text) => Member::Text(text),
                            Err(_) => Member::Json(v.get().to_owned()),
                        };
                        (k, member)
                    })
                    .collect(),
            )
        }
    }
}

/// One body member as received.
#[derive(Debug, Clone)]
pub(crate) enum Member {
    /// A string (JSON) or any form value.
    Text(String),
    /// Other JSON, as written.
    Json(String),
}

impl Member {
    pub(crate) fn text(&self) -> &str {
        match self {
            Member::Text(text) | Member::Json(text) => text,
        }
    }

    fn value(&self) -> Value {
        match self {
            Member::Text(text) => json!(text),
            Member::Json(text) => serde_json::from_str(text).unwrap_or(Value::Null),
        }
    }
}

/// A JSON object's members in order.
struct OrderedObject(Vec<(String, Box<RawValue>)>);

impl<'de> serde::Deserialize<'de> for OrderedObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = OrderedObject;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<OrderedObject, A::Error> {
                let mut members = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Box<RawValue>>()? {
                    members.push((key, value));
                }
                Ok(OrderedObject(members))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// The signing rules of every platform as the runtime's data (made once).
pub(crate) fn runtime_rules(api: &ir::Api) -> HashMap<(String, String), spec::Signing> {
    let leak = |text: &str| -> &'static str { Box::leak(text.to_owned().into_boxed_str()) };
    let mut rules = HashMap::new();
    for platform in &api.platforms {
        for rule in &platform.signing {
            let params = rule.params.as_ref().map(|names| {
                let names: Vec<&'static str> = names.iter().map(|n| leak(n)).collect();
                &*Box::leak(names.into_boxed_slice())
            });
            let converted = spec::Signing {
                name: leak(&rule.name),
                digest: match rule.digest {
                    ir::Digest::Md5 => spec::Digest::Md5,
                    ir::Digest::Sha1 => spec::Digest::Sha1,
                    ir::Digest::Sha256 => spec::Digest::Sha256,
                    ir::Digest::HmacSha256 => spec::Digest::HmacSha256,
                    ir::Digest::HmacMd5 => spec::Digest::HmacMd5,
                },
                encoding: match rule.encoding {
                    ir::DigestEncoding::Hex => spec::DigestEncoding::Hex,
                    ir::DigestEncoding::HexUpper => spec::DigestEncoding::HexUpper,
                    ir::DigestEncoding::Base64 => spec::DigestEncoding::Base64,
                },
                params,
                sorted: rule.sorted,
                join: match rule.join {
                    ir::Join::NameValue => spec::Join::NameValue,
                    ir::Join::Query => spec::Join::Query,
                    ir::Join::Values => spec::Join::Values,
                },
                secret: leak(&rule.secret),
                secret_at: match &rule.secret_at {
                    ir::SecretAt::Prefix => spec::SecretAt::Prefix,
                    ir::SecretAt::Suffix => spec::SecretAt::Suffix,
                    ir::SecretAt::Both => spec::SecretAt::Both,
                    ir::SecretAt::Param(name) => spec::SecretAt::Param(leak(name)),
                    ir::SecretAt::Key => spec::SecretAt::Key,
                },
            };
            rules.insert(
                (platform.module.clone(), rule.const_name.clone()),
                converted,
            );
        }
    }
    rules
}

/// Answers a declared token request: the credentials checked, a token issued.
pub(crate) fn token(
    shared: &Shared,
    platform: &Platform,
    token: &ir::Token,
    received: &Received<'_>,
) -> Result<Value, Refusal> {
    let given: Vec<(String, String)> = match token.send {
        Send::Query => received.query.clone(),
        Send::Form | Send::Json => {
            let format = if token.send == Send::Form {
                BodyFormat::Form
            } else {
                BodyFormat::Json
            };
            members(received.body, format)
                .ok_or_else(|| Refusal::Invalid("the body is not readable".into()))?
                .into_iter()
                .map(|(k, v)| (k, v.text().to_owned()))
                .collect()
        }
    };
    for (name, value) in &token.params {
        let expected = match value {
            Carried::Credential(credential) => super::credential(&platform.module, credential),
            Carried::Literal(text) => text.clone(),
            _ => continue,
        };
        let found = given.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        if found != Some(&expected) {
            return Err(Refusal::Credentials);
        }
    }
    let issued = shared.issue_token(&platform.module);
    let ttl = shared.with(|d| d.token_ttl);
    let mut answer = json!({});
    put(&mut answer, &token.token_path, json!(issued));
    if let ir::Lifetime::Path { path, millis } = &token.lifetime {
        put(
            &mut answer,
            path,
            json!(if *millis {
                ttl.saturating_mul(1000)
            } else {
                ttl
            }),
        );
    }
    Ok(answer)
}

/// Checks what the gateway says requests carry; returns the endpoint's own
/// body parameters (an object), found where the gateway puts them.
pub(crate) fn check(
    shared: &Shared,
    platform: &Platform,
    shape: &RequestShape,
    received: &Received<'_>,
) -> Result<Option<Value>, Refusal> {
    let rule = |name: &str| {
        shared
            .rules
            .get(&(platform.module.clone(), name.to_owned()))
    };
    let mut signatures = Vec::new();
    for (name, value) in &shape.query {
        carried(
            shared,
            platform,
            value,
            received.query(name),
            name,
            &mut signatures,
            Where::Query,
        )?;
    }
    for (name, value) in &shape.headers {
        carried(
            shared,
            platform,
            value,
            received.header(name),
            name,
            &mut signatures,
            Where::Header,
        )?;
    }
    let mut params = None;
    let body_members = match &shape.body {
        Some(fields) => {
            let members = members(received.body, shape.format)
                .ok_or_else(|| Refusal::Invalid("the body is not readable".into()))?;
            for (name, value) in fields {
                let found = members.iter().find(|(n, _)| n == name).map(|(_, m)| m);
                if let Carried::Params { how, omit_empty } = value {
                    params = Some(match (how, found) {
                        (ParamsAs::Object, Some(member)) => member.value(),
                        (ParamsAs::String, Some(member)) => serde_json::from_str(member.text())
                            .map_err(|_| {
                                Refusal::Invalid(format!("`{name}` is not a string holding JSON"))
                            })?,
                        (ParamsAs::Merge, _) => Value::Object(
                            members
                                .iter()
                                .filter(|(n, _)| fields.iter().all(|(f, _)| f != n))
                                .map(|(n, m)| (n.clone(), m.value()))
                                .collect::<Map<String, Value>>(),
                        ),
                        (_, None) if *omit_empty => json!({}),
                        (_, None) => return Err(Refusal::Invalid(format!("`{name}` is missing"))),
                    });
                    continue;
                }
                carried(
                    shared,
                    platform,
                    value,
                    found.map(Member::text),
                    name,
                    &mut signatures,
                    Where::Body,
                )?;
            }
            Some(members)
        }
        None => None,
    };
    if !signatures.is_empty() {
        let members = match body_members {
            Some(members) => members,
            None => members(received.body, shape.format).unwrap_or_default(),
        };
        // Like the client: every signature is left out of what is signed.
        let placed: Vec<(Where, String)> = signatures
            .iter()
            .map(|(p, n, _, _)| (*p, (*n).to_owned()))
            .collect();
        let is_signature =
            |place: Where, name: &str| placed.iter().any(|(p, n)| *p == place && n == name);
        for (_, _, rule_name, given) in signatures {
            let Some(rule) = rule(&rule_name) else {
                continue;
            };
            let mut pairs: Vec<(&str, &str)> = received
                .query
                .iter()
                .filter(|(n, v)| !v.is_empty() && !is_signature(Where::Query, n))
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            pairs.extend(
                members
                    .iter()
                    .filter(|(n, m)| !m.text().is_empty() && !is_signature(Where::Body, n))
                    .map(|(n, m)| (n.as_str(), m.text())),
            );
            let secret = Secret::new(super::credential(&platform.module, rule.secret));
            let expected = oapi_runtime::auth::sign::sign(rule, &pairs, &secret);
            if given.as_deref() != Some(expected.as_str()) {
                return Err(Refusal::Signature);
            }
        }
    }
    Ok(params)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Query,
    Header,
    Body,
}

/// One carried value checked; a signature noted for later.
fn carried<'a>(
    shared: &Shared,
    platform: &Platform,
    value: &Carried,
    found: Option<&str>,
    name: &'a str,
    signatures: &mut Vec<(Where, &'a str, String, Option<String>)>,
    place: Where,
) -> Result<(), Refusal> {
    match value {
        Carried::Token { prefix, .. } => {
            let token = found.and_then(|v| v.strip_prefix(prefix.as_str()));
            match token {
                Some(token) if shared.token_valid(token) => Ok(()),
                _ => Err(Refusal::Token),
            }
        }
        Carried::Credential(credential) => {
            if found == Some(super::credential(&platform.module, credential).as_str()) {
                Ok(())
            } else {
                Err(Refusal::Invalid(format!(
                    "`{name}` is not this app's `{credential}`"
                )))
            }
        }
        Carried::Literal(text) => match found {
            Some(v) if v == text => Ok(()),
            _ => Err(Refusal::Invalid(format!("`{name}` must be `{text}`"))),
        },
        Carried::Timestamp(format) => match found.map(|v| skew_ms(format, v)) {
            Some(Some(skew)) if skew <= MAX_SKEW_MS => Ok(()),
            Some(Some(_)) => Err(Refusal::Invalid(format!(
                "`{name}` is more than {} minutes away from the platform's clock",
                MAX_SKEW_MS / 60_000
            ))),
            Some(None) => Err(Refusal::Invalid(format!(
                "`{name}` is not a timestamp in its declared format"
            ))),
            None => Err(Refusal::Invalid(format!("`{name}` is missing"))),
        },
        Carried::Nonce(_) => match found {
            Some(v) if !v.is_empty() => Ok(()),
            _ => Err(Refusal::Invalid(format!("`{name}` is missing"))),
        },
        Carried::Signature(rule) => {
            signatures.push((place, name, rule.clone(), found.map(str::to_owned)));
            Ok(())
        }
        Carried::Params { .. } => Ok(()),
    }
}

/// How far a request's timestamp may be from the fake's clock, as platforms
/// that sign timestamps allow (replayed or stale requests are refused).
const MAX_SKEW_MS: i64 = 10 * 60_000;

/// How far the timestamp `text` (written as `format` says) is from now, in ms.
fn skew_ms(format: &ir::TimeFormat, text: &str) -> Option<i64> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64);
    let then = match format {
        ir::TimeFormat::Millis => text.trim().parse::<i64>().ok()?,
        ir::TimeFormat::Seconds => text.trim().parse::<i64>().ok()?.checked_mul(1000)?,
        ir::TimeFormat::Pattern(pattern) => {
            chrono::NaiveDateTime::parse_from_str(text, pattern)
                .ok()?
                .and_utc()
                .timestamp_millis()
                - 8 * 3_600_000
        }
    };
    Some((now - then).abs())
}
