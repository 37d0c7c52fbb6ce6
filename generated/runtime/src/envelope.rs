//! Turns an HTTP answer into the endpoint's response or a typed error, as
//! the gateway's [`Envelope`] declares:
//!
//! - `success: code`: the code at `code` must equal one of `ok` (a number
//!   or its text); the business fields are at `data` (or beside the code).
//!   Where `nested` is declared, the whole envelope may instead sit under
//!   that key (some official SDKs read answers so), and is read there.
//! - `success: http`: 2xx carries the business object; other statuses carry
//!   the error object (`code`, `message`, `request_id`).
//!
//! Everywhere: 5xx is [`Error::HttpStatus`] (retryable); an HTML page is
//! [`Error::IpBanned`] when the envelope says so (`html: banned`), else
//! [`Error::HttpStatus`]. A code that is missing, present twice, or neither
//! a number nor text is an error, never a success; so is an answer that is
//! not a JSON object. Codes are classified by the envelope's `codes`.

use std::borrow::Cow;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::error::{CodeClass, Error};
use super::redact::{quote, snippet};
use super::spec::{Envelope, Success};

/// An HTTP answer, read in full.
#[derive(Debug, Clone, Copy)]
pub struct Answer<'a> {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type`, if any.
    pub content_type: Option<&'a str>,
    /// The body bytes.
    pub body: &'a [u8],
}

/// Where the business part of a successful answer is: the JSON to read
/// into the endpoint's response type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    /// Byte range within the body (`None`: the answer has none, read `{}`).
    range: Option<(usize, usize)>,
    /// JSON path of that range within the answer (`""` for the whole body).
    prefix: Cow<'static, str>,
}

impl Payload {
    fn whole(body: &[u8]) -> Payload {
        Payload {
            range: Some((0, body.len())),
            prefix: Cow::Borrowed(""),
        }
    }

    fn empty(prefix: Cow<'static, str>) -> Payload {
        Payload {
            range: None,
            prefix,
        }
    }

    /// The payload's bytes within `body` (the body it was found in).
    pub fn bytes<'a>(&self, body: &'a [u8]) -> &'a [u8] {
        self.range
            .and_then(|(start, end)| body.get(start..end))
            .unwrap_or(b"{}")
    }
}

/// Decodes `answer` for `endpoint` behind `envelope`.
pub fn decode<T: DeserializeOwned>(
    endpoint: &'static str,
    envelope: &Envelope,
    answer: Answer<'_>,
) -> Result<T, Error> {
    let payload = unwrap(endpoint, envelope, answer)?;
    read(endpoint, answer.body, &payload, true)
}

/// Reads the business part of `body` (located by [`unwrap`]) into `T`,
/// leniently or not (see [`super::lenient`]).
pub fn read<T: DeserializeOwned>(
    endpoint: &'static str,
    body: &[u8],
    payload: &Payload,
    lenient: bool,
) -> Result<T, Error> {
    let bytes = payload.bytes(body);
    super::lenient::from_slice(bytes, lenient).map_err(|error| {
        let mut error = decode_error(endpoint, bytes, &payload.prefix, &error);
        if let Error::Decode { snippet: s, .. } = &mut error {
            *s = snippet(body);
        }
        error
    })
}

/// Checks the envelope: a typed error, or where the business part is. Not
/// generic, so it is compiled once rather than once per endpoint; only
/// [`read`] is instantiated per response type.
pub fn unwrap(
    endpoint: &'static str,
    envelope: &Envelope,
    answer: Answer<'_>,
) -> Result<Payload, Error> {
    if answer.status >= 500 {
        return Err(http_status(endpoint, answer));
    }
    if looks_like_html(answer) {
        return Err(if envelope.html_banned {
            Error::IpBanned {
                endpoint,
                status: answer.status,
                snippet: snippet(answer.body),
            }
        } else {
            http_status(endpoint, answer)
        });
    }
    let ok_status = (200..300).contains(&answer.status);
    match envelope.success {
        Success::Http if ok_status => {
            if answer.body.iter().all(u8::is_ascii_whitespace) {
                return Ok(Payload::empty(Cow::Borrowed(envelope.data)));
            }
            let root = Level::parse(endpoint, answer.body, "")?;
            data(endpoint, answer.body, &root, envelope.data, "")
        }
        Success::Http => {
            let error = Level::parse(endpoint, answer.body, "")
                .ok()
                .and_then(|root| platform_error(endpoint, envelope, answer, &root, "").ok())
                .flatten();
            Err(error.unwrap_or_else(|| http_status(endpoint, answer)))
        }
        Success::Code => {
            let root = match Level::parse(endpoint, answer.body, "") {
                Ok(root) => root,
                Err(_) if !ok_status => return Err(http_status(endpoint, answer)),
                Err(error) => return Err(error),
            };
            // The envelope at the root, or (where declared) one level down.
            let (level, prefix) = match root.find(endpoint, envelope.code)? {
                Some(_) => (root, String::new()),
                None => match nested(endpoint, &root, envelope)? {
                    Some(inner) => (inner, format!("{}.", envelope.nested)),
                    None if !ok_status => return Err(http_status(endpoint, answer)),
                    None => {
                        return Err(Error::Decode {
                            endpoint,
                            path: quote(envelope.code),
                            message: format!(
                                "the answer has no `{}`: whether the call succeeded is unknown",
                                envelope.code
                            ),
                            snippet: snippet(answer.body),
                        });
                    }
                },
            };
            if let Some(error) = platform_error(endpoint, envelope, answer, &level, &prefix)? {
                return Err(error);
            }
            if !ok_status {
                return Err(http_status(endpoint, answer));
            }
            data(endpoint, answer.body, &level, envelope.data, &prefix)
        }
    }
}

/// The envelope under the `nested` key, when declared and present there.
fn nested<'a>(
    endpoint: &'static str,
    root: &Level<'a>,
    envelope: &Envelope,
) -> Result<Option<Level<'a>>, Error> {
    if envelope.nested.is_empty() {
        return Ok(None);
    }
    let Some(raw) = root.find(endpoint, envelope.nested)? else {
        return Ok(None);
    };
    let Ok(inner) = Level::parse(endpoint, raw.get().as_bytes(), envelope.nested) else {
        return Ok(None);
    };
    Ok(inner.find(endpoint, envelope.code)?.map(|_| inner))
}

/// The platform error the level holds, `None` when its code is a success.
fn platform_error(
    endpoint: &'static str,
    envelope: &Envelope,
    answer: Answer<'_>,
    level: &Level<'_>,
    prefix: &str,
) -> Result<Option<Error>, Error> {
    let Some(raw) = level.find(endpoint, envelope.code)? else {
        return Ok(None);
    };
    let code = code_text(
        endpoint,
        raw,
        &format!("{prefix}{}", envelope.code),
        answer.body,
    )?;
    if envelope.success == Success::Code && envelope.ok.contains(&code.as_str()) {
        return Ok(None);
    }
    let text = |path: &str| -> Result<Option<String>, Error> {
        if path.is_empty() {
            return Ok(None);
        }
        Ok(level.find(endpoint, path)?.map(|raw| match scalar(raw) {
            Some(text) => quote(&text),
            None => quote(raw.get()),
        }))
    };
    let sub_code = text(envelope.sub_code)?;
    let class = classify(envelope, &code, sub_code.as_deref());
    Ok(Some(Error::Platform {
        endpoint,
        status: answer.status,
        code: quote(&code),
        message: text(envelope.message)?.unwrap_or_default(),
        sub_code: sub_code.map(Into::into),
        sub_msg: text(envelope.sub_message)?.map(Into::into),
        request_id: text(envelope.request_id)?.map(Into::into),
        class,
    }))
}

/// What a code (or its sub-code) means, by the envelope's lists.
pub fn classify(envelope: &Envelope, code: &str, sub_code: Option<&str>) -> CodeClass {
    let is = |list: &[&str]| {
        list.iter()
            .any(|listed| matches(listed, code) || sub_code.is_some_and(|s| matches(listed, s)))
    };
    if is(envelope.token_codes) {
        CodeClass::Token
    } else if is(envelope.throttled_codes) {
        CodeClass::Throttled
    } else if is(envelope.busy_codes) {
        CodeClass::Busy
    } else if is(envelope.invalid_codes) {
        CodeClass::Invalid
    } else if is(envelope.denied_codes) {
        CodeClass::Denied
    } else {
        CodeClass::Other
    }
}

/// Whether a code is `listed`: equal to it, or starting with what comes
/// before a final `*` (`badParam*` lists a family of codes).
fn matches(listed: &str, code: &str) -> bool {
    match listed.strip_suffix('*') {
        Some(prefix) => code.starts_with(prefix),
        None => listed == code,
    }
}

/// The code as text: an integer or a string; anything else is an error.
fn code_text(
    endpoint: &'static str,
    raw: &RawValue,
    path: &str,
    body: &[u8],
) -> Result<String, Error> {
    let text = raw.get().trim();
    let integer = text
        .strip_prefix('-')
        .unwrap_or(text)
        .bytes()
        .all(|b| b.is_ascii_digit())
        && !text.is_empty()
        && text != "-";
    if integer {
        return Ok(text.to_owned());
    }
    match serde_json::from_str::<String>(text) {
        Ok(string) => Ok(string.trim().to_owned()),
        Err(_) => Err(Error::Decode {
            endpoint,
            path: quote(path),
            message: format!("the code is neither an integer nor text: {}", quote(text)),
            snippet: snippet(body),
        }),
    }
}

/// A scalar's text (string without quotes, number or boolean as written).
fn scalar(raw: &RawValue) -> Option<String> {
    let text = raw.get().trim();
    if text.starts_with('"') {
        serde_json::from_str::<String>(text).ok()
    } else if text.starts_with(['{', '[']) || text == "null" {
        None
    } else {
        Some(text.to_owned())
    }
}

/// Where the data is: the whole level, or the value at `path` in it.
fn data(
    endpoint: &'static str,
    body: &[u8],
    level: &Level<'_>,
    path: &str,
    prefix: &str,
) -> Result<Payload, Error> {
    if path.is_empty() && prefix.is_empty() {
        return Ok(Payload::whole(body));
    }
    let found = if path.is_empty() {
        Some(level.bytes)
    } else {
        level
            .find(endpoint, path)?
            .map(|raw| raw.get())
            .filter(|raw| *raw != "null")
    };
    let full = format!("{prefix}{path}").trim_end_matches('.').to_owned();
    Ok(
        match found.and_then(|raw| range_within(body, raw.as_bytes())) {
            Some(range) => Payload {
                range: Some(range),
                prefix: Cow::Owned(full),
            },
            None => Payload::empty(Cow::Owned(full)),
        },
    )
}

/// One JSON object's members, borrowed from the body.
struct Level<'a> {
    /// The object's own text.
    bytes: &'a str,
    members: Vec<(Cow<'a, str>, &'a RawValue)>,
    /// Its path in the answer, for messages.
    path: &'static str,
}

impl<'a> Level<'a> {
    /// The members of the object `bytes` holds; an error when it is not an object.
    fn parse(endpoint: &'static str, bytes: &'a [u8], path: &'static str) -> Result<Self, Error> {
        let members: Members<'a> = serde_json::from_slice(bytes)
            .map_err(|error| decode_error(endpoint, bytes, path, &error))?;
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        Ok(Level {
            bytes: text,
            members: members.0,
            path,
        })
    }

    /// The value at the dotted `path`; an error when a key on the way
    /// appears twice (which of two codes would decide?).
    fn find(&self, endpoint: &'static str, path: &str) -> Result<Option<&'a RawValue>, Error> {
        let mut parts = path.split('.');
        let Some(first) = parts.next() else {
            return Ok(None);
        };
        let mut found = self.member(endpoint, first)?;
        for part in parts {
            let Some(raw) = found else { return Ok(None) };
            let Ok(inner) = Level::parse(endpoint, raw.get().as_bytes(), self.path) else {
                return Ok(None);
            };
            found = inner.member(endpoint, part)?;
        }
        Ok(found)
    }

    fn member(&self, endpoint: &'static str, key: &str) -> Result<Option<&'a RawValue>, Error> {
        let mut matches = self.members.iter().filter(|(k, _)| k == key);
        let first = matches.next().map(|(_, v)| *v);
        if matches.next().is_some() {
            return Err(Error::Decode {
                endpoint,
                path: quote(key),
                message: format!("`{}` appears twice in one object", quote(key)),
                snippet: snippet(self.bytes.as_bytes()),
            });
        }
        Ok(first)
    }
}

/// An object's members in order, duplicates kept.
struct Members<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(Visit)
    }
}

/// Where `part` (a slice borrowed from `whole`) sits in `whole`.
fn range_within(whole: &[u8], part: &[u8]) -> Option<(usize, usize)> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    (end <= whole.len()).then_some((start, end))
}

/// A [`Error::Decode`] naming the JSON path where `error` happened in
/// `bytes` (prefixed by `prefix`). The path is found by scanning the text up
/// to the error's position, so decoding needs no path-tracking deserializer
/// (which doubled both the parse time and the code compiled per endpoint).
fn decode_error(
    endpoint: &'static str,
    bytes: &[u8],
    prefix: &str,
    error: &serde_json::Error,
) -> Error {
    let message = quote(&error.to_string());
    let offset = byte_offset(bytes, error.line(), error.column());
    let inner = json_path_at(bytes, offset);
    let path = match (prefix, inner.as_str()) {
        ("", p) => p.to_owned(),
        (pre, ".") => pre.to_owned(),
        (pre, p) => format!("{pre}.{p}"),
    };
    Error::Decode {
        endpoint,
        path: quote(&path),
        message,
        snippet: snippet(bytes),
    }
}

/// The byte offset of serde_json's (1-based line, 0-based byte column).
fn byte_offset(bytes: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(line - 2)
            .map_or(bytes.len(), |(i, _)| i + 1)
    };
    line_start.saturating_add(column).min(bytes.len())
}

/// The JSON path (`result.data_list[3]`, `.` for the root) of the value
/// serde_json was reading at `offset` (it reports a wrong value just after
/// it, and a missing field just after its object's `}`: both land inside
/// the member that holds them).
fn json_path_at(bytes: &[u8], offset: usize) -> String {
    enum Frame {
        /// The current member's key, once read.
        Object(Option<String>),
        /// The current item's index.
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut expect_key = false;
    let end = offset.min(bytes.len());
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => {
                stack.push(Frame::Object(None));
                expect_key = true;
            }
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(index)) => *index += 1,
                Some(Frame::Object(key)) => {
                    *key = None;
                    expect_key = true;
                }
                None => {}
            },
            b':' => expect_key = false,
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < end && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expect_key {
                    if let Some(Frame::Object(key)) = stack.last_mut() {
                        let text = bytes.get(start..i.min(end)).unwrap_or_default();
                        *key = Some(String::from_utf8_lossy(text).into_owned());
                    }
                    expect_key = false;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object(Some(key)) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Frame::Object(None) => {}
            Frame::Array(index) => path.push_str(&format!("[{index}]")),
        }
    }
    if path.is_empty() {
        ".".to_owned()
    } else {
        path
    }
}

fn http_status(endpoint: &'static str, answer: Answer<'_>) -> Error {
    Error::HttpStatus {
        endpoint,
        status: answer.status,
        body: snippet(answer.body),
    }
}

fn looks_like_html(answer: Answer<'_>) -> bool {
    answer.content_type.is_some_and(|ct| {
        // Case-insensitive, without allocating a lower-cased copy.
        ct.as_bytes()
            .windows(b"text/html".len())
            .any(|w| w.eq_ignore_ascii_case(b"text/html"))
    }) || answer
        .body
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<')
}

#[cfg(test)]
mod tests;
