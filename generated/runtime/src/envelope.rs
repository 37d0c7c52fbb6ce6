//! Turns an HTTP answer into the endpoint's response or a typed error,
//! according to the gateway's envelope:
//!
//! - [`Envelope::ErrCode`] (DingTalk OAPI): HTTP 200 with `errcode`; `0` is
//!   success even where the docs' example shows `success: false`. The
//!   business fields sit beside `errcode`, so the response type is read from
//!   the whole object. Some documented examples nest `errcode` inside
//!   `result`; a non-zero nested one is an error too.
//! - [`Envelope::HttpStatus`] (api.dingtalk.com): 2xx carries the object;
//!   errors are `{code, message, requestid}` with an HTTP status.
//! - [`Envelope::CodeResult`] (食亨): `{code: "0", msg, traceId, result}`;
//!   the response type is read from `result`.
//!
//! Everywhere: 5xx is [`Error::HttpStatus`] (retryable); an HTML page from
//! DingTalk is its IP ban ([`Error::IpBanned`]).

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use super::endpoint::Envelope;
use super::error::Error;
use super::redact::{quote, snippet};

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

/// A code the platforms send as a number or as text.
#[derive(Deserialize)]
#[serde(untagged)]
enum Code {
    Number(i64),
    Text(String),
}

impl Code {
    fn into_text(self) -> String {
        match self {
            Code::Number(n) => n.to_string(),
            Code::Text(t) => quote(t.trim()),
        }
    }
}

fn text(code: Option<Code>) -> Option<String> {
    code.map(Code::into_text)
}

/// The OAPI envelope fields.
#[derive(Deserialize)]
struct ErrCodeHead<'a> {
    errcode: Option<Code>,
    errmsg: Option<String>,
    sub_code: Option<Code>,
    sub_msg: Option<String>,
    request_id: Option<String>,
    #[serde(borrow)]
    result: Option<&'a RawValue>,
}

/// Envelope fields nested in `result`, as in some documented examples.
#[derive(Deserialize)]
struct NestedHead {
    errcode: Option<Code>,
    errmsg: Option<String>,
}

/// api.dingtalk.com's error object.
#[derive(Deserialize)]
struct StatusHead {
    code: Option<Code>,
    message: Option<String>,
    requestid: Option<String>,
}

/// 食亨's envelope.
#[derive(Deserialize)]
struct CodeResultHead<'a> {
    code: Option<Code>,
    msg: Option<String>,
    #[serde(rename = "traceId")]
    trace_id: Option<String>,
    #[serde(borrow)]
    result: Option<&'a RawValue>,
}

/// Where the business part of a successful answer is: the JSON to read
/// into the endpoint's response type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payload {
    /// Byte range within the body (`None`: the answer has none, read `{}`).
    range: Option<(usize, usize)>,
    /// JSON path of that range within the answer (`""` or `"result"`).
    prefix: &'static str,
}

impl Payload {
    fn whole(body: &[u8]) -> Payload {
        Payload {
            range: Some((0, body.len())),
            prefix: "",
        }
    }

    fn empty(prefix: &'static str) -> Payload {
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
    envelope: Envelope,
    answer: Answer<'_>,
) -> Result<T, Error> {
    let payload = unwrap(endpoint, envelope, answer)?;
    read(endpoint, answer.body, payload)
}

/// Checks the envelope: a typed error, or where the business part is.
/// Not generic, so it is compiled once rather than once per endpoint; only
/// [`read`] is instantiated per response type.
pub fn unwrap(
    endpoint: &'static str,
    envelope: Envelope,
    answer: Answer<'_>,
) -> Result<Payload, Error> {
    if answer.status >= 500 {
        return Err(http_status(endpoint, answer));
    }
    if looks_like_html(answer) {
        return Err(match envelope {
            Envelope::ErrCode | Envelope::HttpStatus => Error::IpBanned {
                endpoint,
                status: answer.status,
                snippet: snippet(answer.body),
            },
            Envelope::CodeResult => http_status(endpoint, answer),
        });
    }
    match envelope {
        Envelope::ErrCode => unwrap_errcode(endpoint, answer),
        Envelope::HttpStatus => unwrap_http_status(endpoint, answer),
        Envelope::CodeResult => unwrap_code_result(endpoint, answer),
    }
}

/// Reads the business part of `body` (located by [`unwrap`]) into `T`.
pub fn read<T: DeserializeOwned>(
    endpoint: &'static str,
    body: &[u8],
    payload: Payload,
) -> Result<T, Error> {
    let bytes = payload.bytes(body);
    serde_json::from_slice(bytes)
        .map_err(|error| with_snippet(decode_error(endpoint, bytes, payload.prefix, &error), body))
}

fn unwrap_errcode(endpoint: &'static str, answer: Answer<'_>) -> Result<Payload, Error> {
    let ok = (200..300).contains(&answer.status);
    if ok && leading_errcode_is_zero(answer.body) {
        // The common success answer: read once, straight into the response.
        return Ok(Payload::whole(answer.body));
    }
    let head: ErrCodeHead<'_> = match parse(endpoint, answer.body, "") {
        Ok(head) => head,
        Err(_) if !ok => return Err(http_status(endpoint, answer)),
        Err(error) => return Err(error),
    };
    // `result` is read for a nested errcode only when the top level has none
    // (one pass less over the body on the common path).
    let result = head.result;
    let nested = || {
        result
            .filter(|raw| raw.get().starts_with('{'))
            .and_then(|raw| serde_json::from_str::<NestedHead>(raw.get()).ok())
    };
    let (code, message) = match text(head.errcode) {
        Some(code) => (Some(code), head.errmsg),
        None => match nested() {
            Some(nested) => (text(nested.errcode), nested.errmsg),
            None => (None, head.errmsg),
        },
    };
    match code {
        Some(code) if code != "0" => Err(Error::Platform {
            endpoint,
            status: answer.status,
            code,
            message: message.as_deref().map(quote).unwrap_or_default(),
            sub_code: text(head.sub_code).map(Into::into),
            sub_msg: head.sub_msg.as_deref().map(|m| quote(m).into()),
            request_id: head.request_id.as_deref().map(|r| quote(r).into()),
        }),
        _ if !ok => Err(http_status(endpoint, answer)),
        _ => Ok(Payload::whole(answer.body)),
    }
}

/// Whether the body opens with `{"errcode":0` (whitespace allowed, `0` or
/// `"0"`), as DingTalk sends every success, checked on the raw bytes (a
/// serde pass with an untagged code cost ~1,400 instructions per call).
/// `false` only means "not in that form": the answer then takes the full
/// path (head, nested errcode), which decides.
fn leading_errcode_is_zero(body: &[u8]) -> bool {
    let mut rest = body;
    let mut token = |expected: &[u8]| {
        rest = rest.trim_ascii_start();
        match rest.strip_prefix(expected) {
            Some(after) => {
                rest = after;
                true
            }
            None => false,
        }
    };
    let zero =
        token(b"{") && token(b"\"errcode\"") && token(b":") && (token(b"0") || token(b"\"0\""));
    // `0` must end there (`01`, `0.5`, `0e1` are not a plain zero).
    zero && matches!(rest.trim_ascii_start().first(), Some(b',' | b'}'))
}

fn unwrap_http_status(endpoint: &'static str, answer: Answer<'_>) -> Result<Payload, Error> {
    if (200..300).contains(&answer.status) {
        return Ok(if answer.body.iter().all(u8::is_ascii_whitespace) {
            Payload::empty("")
        } else {
            Payload::whole(answer.body)
        });
    }
    match serde_json::from_slice::<StatusHead>(answer.body) {
        Ok(StatusHead {
            code: Some(code),
            message,
            requestid,
        }) => Err(Error::Platform {
            endpoint,
            status: answer.status,
            code: code.into_text(),
            message: message.as_deref().map(quote).unwrap_or_default(),
            sub_code: None,
            sub_msg: None,
            request_id: requestid.as_deref().map(|r| quote(r).into()),
        }),
        _ => Err(http_status(endpoint, answer)),
    }
}

fn unwrap_code_result(endpoint: &'static str, answer: Answer<'_>) -> Result<Payload, Error> {
    let ok = (200..300).contains(&answer.status);
    let head: CodeResultHead<'_> = match parse(endpoint, answer.body, "") {
        Ok(head) => head,
        Err(_) if !ok => return Err(http_status(endpoint, answer)),
        Err(error) => return Err(error),
    };
    match text(head.code) {
        Some(code) if code != "0" => Err(Error::Platform {
            endpoint,
            status: answer.status,
            code,
            message: head.msg.as_deref().map(quote).unwrap_or_default(),
            sub_code: None,
            sub_msg: None,
            request_id: head.trace_id.as_deref().map(|r| quote(r).into()),
        }),
        _ if !ok => Err(http_status(endpoint, answer)),
        None => Err(Error::Decode {
            endpoint,
            path: "code".into(),
            message: "missing field `code`".into(),
            snippet: snippet(answer.body),
        }),
        Some(_) => Ok(head
            .result
            .map(RawValue::get)
            .filter(|raw| *raw != "null")
            .and_then(|raw| range_within(answer.body, raw.as_bytes()))
            .map_or(Payload::empty("result"), |range| Payload {
                range: Some(range),
                prefix: "result",
            })),
    }
}

/// Where `part` (a slice borrowed from `whole`) sits in `whole`.
fn range_within(whole: &[u8], part: &[u8]) -> Option<(usize, usize)> {
    let start = (part.as_ptr() as usize).checked_sub(whole.as_ptr() as usize)?;
    let end = start.checked_add(part.len())?;
    (end <= whole.len()).then_some((start, end))
}

/// Parses an envelope head, naming the JSON path of a failure.
fn parse<'de, T: Deserialize<'de>>(
    endpoint: &'static str,
    bytes: &'de [u8],
    prefix: &'static str,
) -> Result<T, Error> {
    serde_json::from_slice(bytes).map_err(|error| decode_error(endpoint, bytes, prefix, &error))
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

fn with_snippet(error: Error, body: &[u8]) -> Error {
    match error {
        Error::Decode {
            endpoint,
            path,
            message,
            ..
        } => Error::Decode {
            endpoint,
            path,
            message,
            snippet: snippet(body),
        },
        other => other,
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
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Page {
        result: Option<Inner>,
    }
    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        data_list: Vec<String>,
        next_cursor: Option<i64>,
    }

    fn ok(body: &str) -> Answer<'_> {
        Answer {
            status: 200,
            content_type: Some("application/json"),
            body: body.as_bytes(),
        }
    }

    #[test]
    fn errcode_zero_is_success_even_with_success_false() {
        let page: Page = decode(
            "hrm.querypreentry",
            Envelope::ErrCode,
            ok(r#"{"errcode":0,"errmsg":"ok","success":false,"result":{"data_list":["1"],"next_cursor":10}}"#),
        )
        .unwrap();
        assert_eq!(page.result.unwrap().next_cursor, Some(10));
    }

    #[test]
    fn errcode_88_keeps_sub_code() {
        let error = decode::<Page>(
            "e",
            Envelope::ErrCode,
            ok(r#"{"errcode":88,"errmsg":"ding talk error","sub_code":"40014","sub_msg":"不合法的access_token","request_id":"r1"}"#),
        )
        .unwrap_err();
        match &error {
            Error::Platform {
                code,
                sub_code,
                sub_msg,
                request_id,
                ..
            } => {
                assert_eq!(code, "88");
                assert_eq!(sub_code.as_deref(), Some("40014"));
                assert_eq!(sub_msg.as_deref(), Some("不合法的access_token"));
                assert_eq!(request_id.as_deref(), Some("r1"));
            }
            other => panic!("{other:?}"),
        }
        assert!(error.is_token_rejected());
    }

    #[test]
    fn the_fast_path_takes_only_a_leading_plain_zero() {
        for body in [
            r#"{"errcode":0,"result":{}}"#,
            r#"{"errcode":0}"#,
            " { \"errcode\" : \"0\" ,\"errmsg\":\"ok\"}",
            "{\n  \"errcode\": 0\n}",
        ] {
            assert!(leading_errcode_is_zero(body.as_bytes()), "{body}");
        }
        for body in [
            r#"{"errcode":01}"#,
            r#"{"errcode":0.5}"#,
            r#"{"errcode":0e1}"#,
            r#"{"errcode":"0x"}"#,
            r#"{"errcode":40014}"#,
            r#"{"errcode":"-0"}"#,
            r#"{"errmsg":"ok","errcode":0}"#,
            r#"{"errcode":0"#,
            r#"["errcode",0]"#,
            "",
        ] {
            assert!(!leading_errcode_is_zero(body.as_bytes()), "{body}");
        }
    }

    #[test]
    fn errcode_anywhere_and_as_text_is_read() {
        for body in [
            r#"{"result":{"data_list":["1"]},"errcode":0}"#,
            r#"{"errcode":"0","result":{"data_list":["1"]}}"#,
            r#"{"errmsg":"ok","errcode":0,"result":{"data_list":["1"]}}"#,
        ] {
            let page: Page = decode("e", Envelope::ErrCode, ok(body)).unwrap();
            assert_eq!(page.result.unwrap().data_list, vec!["1".to_owned()]);
        }
        let late = decode::<Page>(
            "e",
            Envelope::ErrCode,
            ok(r#"{"result":null,"errcode":40014}"#),
        );
        assert!(late.unwrap_err().is_token_rejected());
    }

    #[test]
    fn decode_paths_are_found_without_a_path_tracking_parser() {
        let path = |envelope, body: &str| match decode::<Page>("e", envelope, ok(body)) {
            Err(Error::Decode { path, .. }) => path,
            other => panic!("{other:?}"),
        };
        let missing = r#"{"errcode":0,"result":{"next":{"a":[1,{"b":"}"}]}}}"#;
        assert_eq!(path(Envelope::ErrCode, missing), "result");
        let escaped = r#"{"errcode":0,"result":{"x\"y":1,"data_list":["a\"]",[]]}}"#;
        assert_eq!(path(Envelope::ErrCode, escaped), "result.data_list[1]");
        let multiline =
            "{\n \"errcode\": 0,\n \"result\": {\n  \"data_list\": [\n   true\n  ]\n }\n}";
        assert_eq!(path(Envelope::ErrCode, multiline), "result.data_list[0]");
        let shiheng = r#"{"code":"0","result":{"result":{"data_list":[7]}}}"#;
        assert_eq!(
            path(Envelope::CodeResult, shiheng),
            "result.result.data_list[0]"
        );
        assert_eq!(path(Envelope::HttpStatus, r#"{"result":null} x"#), ".");
        assert_eq!(path(Envelope::HttpStatus, r#"{"result":{}}"#), "result");
    }

    #[test]
    fn nested_errcode_is_an_error() {
        let error = decode::<serde_json::Value>(
            "e",
            Envelope::ErrCode,
            ok(r#"{"result":{"errcode":90018,"errmsg":"busy","success":false}}"#),
        )
        .unwrap_err();
        assert!(error.is_throttling(), "{error:?}");
    }

    #[test]
    fn decode_errors_name_the_path() {
        let error = decode::<Page>(
            "e",
            Envelope::ErrCode,
            ok(r#"{"errcode":0,"result":{"data_list":["1",2]}}"#),
        )
        .unwrap_err();
        match error {
            Error::Decode { path, .. } => assert_eq!(path, "result.data_list[1]"),
            other => panic!("{other:?}"),
        }
        let truncated = decode::<Page>("e", Envelope::ErrCode, ok(r#"{"errcode":0,"result":{"da"#))
            .unwrap_err();
        assert!(matches!(truncated, Error::Decode { .. }), "{truncated:?}");
    }

    #[test]
    fn html_is_an_ip_ban() {
        let answer = Answer {
            status: 200,
            content_type: Some("text/html"),
            body: b"<html><body>forbidden</body></html>",
        };
        let error = decode::<Page>("e", Envelope::ErrCode, answer).unwrap_err();
        assert!(
            matches!(error, Error::IpBanned { status: 200, .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("HTML"));
    }

    #[test]
    fn http_status_envelope() {
        #[derive(Debug, Deserialize)]
        struct Dismissions {
            #[serde(rename = "hasMore")]
            has_more: Option<bool>,
        }
        let fine: Dismissions =
            decode("e", Envelope::HttpStatus, ok(r#"{"hasMore":false}"#)).unwrap();
        assert_eq!(fine.has_more, Some(false));
        let expired = Answer {
            status: 400,
            content_type: None,
            body: br#"{"code":"InvalidAuthentication","message":"token invalid","requestid":"R"}"#,
        };
        let error = decode::<Dismissions>("e", Envelope::HttpStatus, expired).unwrap_err();
        assert!(error.is_token_rejected(), "{error:?}");
        let throttled = Answer {
            status: 403,
            content_type: None,
            body: br#"{"code":"Forbidden.AccessDenied.QpsLimitForApi","message":"qps"}"#,
        };
        let error = decode::<Dismissions>("e", Envelope::HttpStatus, throttled).unwrap_err();
        assert!(error.is_retryable() && error.was_rejected(), "{error:?}");
        let bad_gateway = Answer {
            status: 502,
            content_type: None,
            body: b"bad gateway",
        };
        let error = decode::<Dismissions>("e", Envelope::HttpStatus, bad_gateway).unwrap_err();
        assert!(matches!(error, Error::HttpStatus { status: 502, .. }));
    }

    #[test]
    fn code_result_envelope() {
        #[derive(Debug, Deserialize)]
        struct Employees {
            pages: Option<i64>,
        }
        let page: Employees = decode(
            "e",
            Envelope::CodeResult,
            ok(r#"{"code":"0","msg":null,"traceId":"t","result":{"pages":3}}"#),
        )
        .unwrap();
        assert_eq!(page.pages, Some(3));
        let error = decode::<Employees>(
            "e",
            Envelope::CodeResult,
            ok(r#"{"code":"1002","msg":"sign error","traceId":"t9"}"#),
        )
        .unwrap_err();
        match error {
            Error::Platform {
                code, request_id, ..
            } => {
                assert_eq!(code, "1002");
                assert_eq!(request_id.as_deref(), Some("t9"));
            }
            other => panic!("{other:?}"),
        }
        let error = decode::<Employees>(
            "e",
            Envelope::CodeResult,
            ok(r#"{"code":"0","result":{"pages":"x"}}"#),
        )
        .unwrap_err();
        match error {
            Error::Decode { path, .. } => assert_eq!(path, "result.pages"),
            other => panic!("{other:?}"),
        }
    }
}
