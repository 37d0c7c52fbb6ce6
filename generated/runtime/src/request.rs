//! One attempt's HTTP request, built as the gateway's spec declares: the
//! endpoint's parameters, plus what every request of the gateway carries
//! (tokens in the query or a header, credentials, timestamps, nonces,
//! signatures), the body wrapped where declared, JSON or form-encoded.
//! Interpreted from [`RequestShape`] data; nothing here knows a platform.

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;

use super::endpoint::Params;
use super::error::Error;
use super::spec::{BodyFormat, ParamsAs, RequestShape, Signing, TimeFormat, Value};

/// A value resolved to what is sent.
#[derive(Debug, Clone)]
pub(crate) enum Sent {
    /// Text (a JSON string in a JSON body).
    Text(String),
    /// A number (a JSON number in a JSON body).
    Number(String),
    /// JSON (an embedded object in a JSON body, its text in a form).
    Json(Bytes),
}

impl Sent {
    /// The value as it takes part in a signature and in a form.
    pub(crate) fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Sent::Text(text) | Sent::Number(text) => std::borrow::Cow::Borrowed(text),
            Sent::Json(bytes) => String::from_utf8_lossy(bytes),
        }
    }
}

/// The request's parts once every added value is resolved, but before signing.
#[derive(Debug, Default)]
pub(crate) struct Parts {
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: Vec<(&'static str, String)>,
    /// Top-level body fields in order (`None`: the endpoint's JSON as it is).
    pub(crate) body: Option<Vec<(String, Sent)>>,
    /// Where signatures go, once computed: (place, name, rule).
    pub(crate) signatures: Vec<(Place, &'static str, &'static Signing)>,
}

/// Where an added value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Query,
    Header,
    Body,
}

/// What resolving a value needs from the client.
pub(crate) trait Resolve {
    /// A credential's value.
    fn credential(&self, name: &'static str) -> Result<String, Error>;
}

/// The current time as `format` writes it.
pub(crate) fn timestamp(format: TimeFormat) -> Sent {
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    match format {
        TimeFormat::Millis => Sent::Number(millis.to_string()),
        TimeFormat::Seconds => Sent::Number((millis / 1000).to_string()),
        TimeFormat::Pattern(pattern) => {
            let zone = chrono::FixedOffset::east_opt(8 * 3600);
            let time = chrono::DateTime::from_timestamp_millis(millis)
                .zip(zone)
                .map(|(t, zone)| t.with_timezone(&zone));
            let mut text = String::new();
            match time.map(|t| write!(text, "{}", t.format(pattern))) {
                Some(Ok(())) => Sent::Text(text),
                // A pattern chrono cannot format was refused by `check`; keep total anyway.
                _ => Sent::Number(millis.to_string()),
            }
        }
    }
}

/// A random alphanumeric text.
pub(crate) fn nonce(length: u8) -> String {
    (0..length).map(|_| fastrand::alphanumeric()).collect()
}

/// Resolves every value the shape adds, except tokens (given as
/// `token_text`, already fetched with their prefix) and signatures (placed
/// later, once every other value is known).
pub(crate) fn parts(
    shape: &RequestShape,
    query: &Params,
    headers: &Params,
    body: Option<&Bytes>,
    token_text: &dyn Fn(&'static super::spec::Token) -> Option<String>,
    client: &dyn Resolve,
) -> Result<Parts, Error> {
    let mut parts = Parts {
        query: query
            .pairs
            .iter()
            .map(|(n, v)| ((*n).to_owned(), v.clone()))
            .collect(),
        headers: headers.pairs.clone(),
        body: None,
        signatures: Vec::new(),
    };
    for (place, values) in [(Place::Query, shape.query), (Place::Header, shape.headers)] {
        for (name, value) in values {
            let resolved = match resolve(value, token_text, client)? {
                Resolved::Sent(sent) => sent.text().into_owned(),
                Resolved::Signature(rule) => {
                    parts.signatures.push((place, name, rule));
                    continue;
                }
                Resolved::Params(_) => continue,
            };
            match place {
                Place::Query => parts.query.push(((*name).to_owned(), resolved)),
                _ => parts.headers.push((name, resolved)),
            }
        }
    }
    if let Some(fields) = shape.body {
        let mut built = Vec::with_capacity(fields.len());
        for (name, value) in fields {
            match resolve(value, token_text, client)? {
                Resolved::Sent(sent) => built.push(((*name).to_owned(), sent)),
                Resolved::Signature(rule) => {
                    parts.signatures.push((Place::Body, name, rule));
                    // Kept in its place, filled once computed.
                    built.push(((*name).to_owned(), Sent::Text(String::new())));
                }
                Resolved::Params((how, omit_empty)) => {
                    let Some(params) = body.filter(|b| !is_empty_object(b)) else {
                        if !omit_empty {
                            built.push(((*name).to_owned(), Sent::Json(Bytes::from_static(b"{}"))));
                        }
                        continue;
                    };
                    match how {
                        ParamsAs::Object => {
                            built.push(((*name).to_owned(), Sent::Json(params.clone())))
                        }
                        ParamsAs::String => built.push((
                            (*name).to_owned(),
                            Sent::Text(String::from_utf8_lossy(params).into_owned()),
                        )),
                        ParamsAs::Merge => built.extend(top_level(params)),
                    }
                }
            }
        }
        parts.body = Some(built);
    }
    Ok(parts)
}

enum Resolved {
    Sent(Sent),
    Signature(&'static Signing),
    Params((ParamsAs, bool)),
}

fn resolve(
    value: &Value,
    token_text: &dyn Fn(&'static super::spec::Token) -> Option<String>,
    client: &dyn Resolve,
) -> Result<Resolved, Error> {
    Ok(Resolved::Sent(match *value {
        Value::Credential(name) => Sent::Text(client.credential(name)?),
        Value::Literal(text) => Sent::Text(text.to_owned()),
        Value::Token { token, .. } => Sent::Text(token_text(token).unwrap_or_default()),
        Value::Timestamp(format) => timestamp(format),
        Value::Nonce(length) => Sent::Text(nonce(length)),
        Value::Signature(rule) => return Ok(Resolved::Signature(rule)),
        Value::Params { how, omit_empty } => return Ok(Resolved::Params((how, omit_empty))),
    }))
}

fn is_empty_object(bytes: &[u8]) -> bool {
    let trimmed = bytes.trim_ascii();
    trimmed.first() == Some(&b'{') && trimmed[1..].trim_ascii() == b"}"
}

/// The top-level fields of a JSON object's text, as sent values.
fn top_level(bytes: &[u8]) -> Vec<(String, Sent)> {
    let Ok(map) = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(bytes)
    else {
        return Vec::new();
    };
    map.into_iter()
        .map(|(name, value)| {
            let sent = match value {
                serde_json::Value::String(text) => Sent::Text(text),
                serde_json::Value::Number(n) => Sent::Number(n.to_string()),
                serde_json::Value::Bool(b) => Sent::Number(b.to_string()),
                other => Sent::Json(Bytes::from(other.to_string())),
            };
            (name, sent)
        })
        .collect()
}

/// Every non-empty parameter a signature covers, as sent and in the order
/// sent: query parameters, then top-level body fields (the endpoint's own
/// when the gateway does not wrap the body). The signatures themselves are
/// left out.
pub(crate) fn signed_params(parts: &Parts, endpoint_body: Option<&Bytes>) -> Vec<(String, String)> {
    let is_signature = |place: Place, name: &str| {
        parts
            .signatures
            .iter()
            .any(|(p, n, _)| *p == place && *n == name)
    };
    let mut params: Vec<(String, String)> = parts
        .query
        .iter()
        .filter(|(name, value)| !value.is_empty() && !is_signature(Place::Query, name))
        .cloned()
        .collect();
    let body_fields = match &parts.body {
        Some(fields) => fields.clone(),
        None => endpoint_body.map(|b| top_level(b)).unwrap_or_default(),
    };
    for (name, value) in body_fields {
        let text = value.text().into_owned();
        if !text.is_empty() && !is_signature(Place::Body, &name) {
            params.push((name, text));
        }
    }
    params
}

/// Puts a computed signature where its rule's value sits.
pub(crate) fn place_signature(
    parts: &mut Parts,
    place: Place,
    name: &'static str,
    signature: String,
) {
    match place {
        Place::Query => parts.query.push((name.to_owned(), signature)),
        Place::Header => parts.headers.push((name, signature)),
        Place::Body => {
            if let Some(field) = parts
                .body
                .as_mut()
                .and_then(|fields| fields.iter_mut().find(|(n, _)| n == name))
            {
                field.1 = Sent::Text(signature);
            }
        }
    }
}

/// The body bytes and content type of the built fields.
pub(crate) fn encode(fields: &[(String, Sent)], format: BodyFormat) -> (Bytes, &'static str) {
    match format {
        BodyFormat::Json => {
            let mut out = Vec::with_capacity(64 + fields.len() * 16);
            out.push(b'{');
            for (index, (name, value)) in fields.iter().enumerate() {
                if index > 0 {
                    out.push(b',');
                }
                push_json_string(&mut out, name);
                out.push(b':');
                match value {
                    Sent::Text(text) => push_json_string(&mut out, text),
                    Sent::Number(text) => out.extend_from_slice(text.as_bytes()),
                    Sent::Json(bytes) => out.extend_from_slice(bytes),
                }
            }
            out.push(b'}');
            (Bytes::from(out), "application/json")
        }
        BodyFormat::Form => {
            let mut form = form_urlencoded::Serializer::new(String::new());
            for (name, value) in fields {
                form.append_pair(name, &value.text());
            }
            (
                Bytes::from(form.finish()),
                "application/x-www-form-urlencoded",
            )
        }
    }
}

/// The endpoint's own JSON body, form-encoded (for a `form` gateway
/// without a declared body).
pub(crate) fn form_of(body: &Bytes) -> Bytes {
    encode(&top_level(body), BodyFormat::Form).0
}

fn push_json_string(out: &mut Vec<u8>, text: &str) {
    // ok: serialising a &str to JSON cannot fail.
    let _ = serde_json::to_writer(&mut *out, text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_encode_as_json_and_as_forms() {
        let fields = vec![
            ("app".to_owned(), Sent::Text("a\"1".into())),
            ("timestamp".to_owned(), Sent::Number("17".into())),
            (
                "data".to_owned(),
                Sent::Json(Bytes::from_static(br#"{"x":[1]}"#)),
            ),
        ];
        let (json, kind) = encode(&fields, BodyFormat::Json);
        assert_eq!(kind, "application/json");
        assert_eq!(
            &json[..],
            br#"{"app":"a\"1","timestamp":17,"data":{"x":[1]}}"#
        );
        let (form, kind) = encode(&fields, BodyFormat::Form);
        assert_eq!(kind, "application/x-www-form-urlencoded");
        assert_eq!(
            &form[..],
            b"app=a%221&timestamp=17&data=%7B%22x%22%3A%5B1%5D%7D"
        );
    }

    #[test]
    fn timestamps_and_nonces() {
        assert!(matches!(timestamp(TimeFormat::Millis), Sent::Number(n) if n.len() >= 13));
        let Sent::Text(text) = timestamp(TimeFormat::Pattern("%Y-%m-%d %H:%M:%S")) else {
            panic!("a pattern gives text");
        };
        assert_eq!(text.len(), 19, "{text}");
        let nonce = nonce(16);
        assert_eq!(nonce.len(), 16);
        assert!(nonce.chars().all(|c| c.is_ascii_alphanumeric()));
    }

    #[test]
    fn merged_params_and_empty_objects() {
        assert!(is_empty_object(b" { } "));
        assert!(!is_empty_object(br#"{"a":1}"#));
        let fields = top_level(br#"{"s":"x","n":1,"o":{"k":true}}"#);
        let texts: Vec<(String, String)> = fields
            .iter()
            .map(|(n, v)| (n.clone(), v.text().into_owned()))
            .collect();
        assert_eq!(
            texts,
            [
                ("n".to_owned(), "1".to_owned()),
                ("o".to_owned(), r#"{"k":true}"#.to_owned()),
                ("s".to_owned(), "x".to_owned())
            ]
        );
    }
}
