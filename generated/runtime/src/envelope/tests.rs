//! The envelope interpreter on neutral test envelopes (no platform's names):
//! a code beside the data, a code with the data under a key, HTTP status.

use serde::Deserialize;

use super::*;

/// Code beside the business fields, the envelope also accepted one level down.
const BESIDE: Envelope = Envelope {
    success: Success::Code,
    code: "status",
    ok: &["0"],
    message: "reason",
    request_id: "trace",
    sub_code: "detail",
    sub_message: "detail_reason",
    data: "",
    nested: "outer",
    token_codes: &["401"],
    throttled_codes: &["429"],
    busy_codes: &["-1"],
    invalid_codes: &["4035", "4004*"],
    denied_codes: &["4089"],
    html_banned: true,
};

/// `{code: "OK", msg, payload: {...}}`.
const UNDER: Envelope = Envelope {
    success: Success::Code,
    code: "code",
    ok: &["OK"],
    message: "msg",
    request_id: "",
    sub_code: "",
    sub_message: "",
    data: "payload",
    nested: "",
    token_codes: &[],
    throttled_codes: &["SLOW_DOWN"],
    busy_codes: &[],
    invalid_codes: &[],
    denied_codes: &[],
    html_banned: false,
};

/// HTTP status decides; errors are `{code, message, rid}`.
const HTTP: Envelope = Envelope {
    success: Success::Http,
    code: "code",
    ok: &[],
    message: "message",
    request_id: "rid",
    sub_code: "",
    sub_message: "",
    data: "",
    nested: "",
    token_codes: &["BadToken"],
    throttled_codes: &["TooFast"],
    busy_codes: &[],
    invalid_codes: &[],
    denied_codes: &[],
    html_banned: false,
};

#[derive(Debug, Deserialize, PartialEq)]
struct Page {
    result: Option<Inner>,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Inner {
    items: Vec<String>,
    next: Option<i64>,
}

fn answer(status: u16, body: &str) -> Answer<'_> {
    Answer {
        status,
        content_type: Some("application/json"),
        body: body.as_bytes(),
    }
}

fn ok(body: &str) -> Answer<'_> {
    answer(200, body)
}

#[test]
fn a_success_code_reads_the_fields_beside_it() {
    for body in [
        r#"{"status":0,"reason":"ok","result":{"items":["1"],"next":10}}"#,
        r#"{"result":{"items":["1"],"next":10},"status":"0"}"#,
    ] {
        let page: Page = decode("e", &BESIDE, ok(body)).unwrap();
        assert_eq!(page.result.unwrap().next, Some(10), "{body}");
    }
}

#[test]
fn the_envelope_one_level_down_is_found_with_its_data() {
    // {outer: {status, reason, result: {...}}}: the code and the data are inside.
    let body = r#"{"outer":{"status":0,"reason":"","result":{"items":["a","b"],"next":3}}}"#;
    let page: Page = decode("e", &BESIDE, ok(body)).unwrap();
    assert_eq!(page.result.unwrap().items, ["a", "b"]);
    let error = decode::<Page>(
        "e",
        &BESIDE,
        ok(r#"{"outer":{"status":429,"reason":"slow"}}"#),
    )
    .unwrap_err();
    assert!(error.is_throttling(), "{error:?}");
}

#[test]
fn a_missing_duplicated_or_odd_code_is_never_a_success() {
    for body in [
        r#"{"reason":"系统繁忙"}"#,
        r#"{"status":0,"status":401}"#,
        r#"{"status":401,"status":0}"#,
        r#"{"status":true}"#,
        r#"{"status":{"v":0}}"#,
        r#"{"status":0.0}"#,
        r#"[{"status":0}]"#,
        r#""status""#,
    ] {
        let error = decode::<Page>("e", &BESIDE, ok(body)).unwrap_err();
        assert!(matches!(error, Error::Decode { .. }), "{body}: {error:?}");
    }
}

#[test]
fn codes_are_classified_by_the_envelope() {
    let error = |body| decode::<Page>("e", &BESIDE, ok(body)).unwrap_err();
    assert!(error(r#"{"status":401,"reason":"expired"}"#).is_token_rejected());
    assert!(error(r#"{"status":-1}"#).is_busy());
    assert_eq!(
        error(r#"{"status":4035}"#).class(),
        Some(CodeClass::Invalid)
    );
    assert_eq!(error(r#"{"status":4089}"#).class(), Some(CodeClass::Denied));
    assert_eq!(error(r#"{"status":77}"#).class(), Some(CodeClass::Other));
    // A final `*` lists every code starting with what precedes it.
    assert_eq!(
        error(r#"{"status":40041}"#).class(),
        Some(CodeClass::Invalid)
    );
    assert_eq!(
        error(r#"{"status":4004}"#).class(),
        Some(CodeClass::Invalid)
    );
    assert_eq!(error(r#"{"status":4005}"#).class(), Some(CodeClass::Other));
    for body in [r#"{"status":4035}"#, r#"{"status":4089}"#] {
        let refused = error(body);
        assert!(
            !refused.is_retryable() && !refused.is_token_rejected(),
            "{refused:?}"
        );
    }
    let wrapped = error(r#"{"status":88,"detail":"429","detail_reason":"slow","trace":"t1"}"#);
    assert!(wrapped.is_throttling(), "{wrapped:?}");
    match wrapped {
        Error::Platform {
            code,
            sub_code,
            sub_msg,
            request_id,
            ..
        } => {
            assert_eq!(code, "88");
            assert_eq!(sub_code.as_deref(), Some("429"));
            assert_eq!(sub_msg.as_deref(), Some("slow"));
            assert_eq!(request_id.as_deref(), Some("t1"));
        }
        other => panic!("{other:?}"),
    }
    let plain = error(r#"{"status":7}"#);
    assert!(!plain.is_retryable() && !plain.is_token_rejected());
}

#[test]
fn data_under_a_key_and_text_codes() {
    #[derive(Debug, Deserialize)]
    struct Employees {
        pages: Option<i64>,
    }
    let page: Employees = decode(
        "e",
        &UNDER,
        ok(r#"{"code":"OK","msg":null,"payload":{"pages":3}}"#),
    )
    .unwrap();
    assert_eq!(page.pages, Some(3));
    let page: Employees = decode("e", &UNDER, ok(r#"{"code":"OK"}"#)).unwrap();
    assert_eq!(page.pages, None);
    let error =
        decode::<Employees>("e", &UNDER, ok(r#"{"code":"SLOW_DOWN","msg":"x"}"#)).unwrap_err();
    assert!(error.is_throttling());
    match decode::<Employees>("e", &UNDER, ok(r#"{"code":"OK","payload":{"pages":"x"}}"#)) {
        Err(Error::Decode { path, .. }) => assert_eq!(path, "payload.pages"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn http_status_envelope() {
    #[derive(Debug, Deserialize)]
    struct More {
        #[serde(rename = "hasMore")]
        has_more: Option<bool>,
    }
    let fine: More = decode("e", &HTTP, ok(r#"{"hasMore":false}"#)).unwrap();
    assert_eq!(fine.has_more, Some(false));
    let empty: More = decode("e", &HTTP, answer(204, "")).unwrap();
    assert_eq!(empty.has_more, None);
    let expired = decode::<More>(
        "e",
        &HTTP,
        answer(
            400,
            r#"{"code":"BadToken","message":"token invalid","rid":"R"}"#,
        ),
    )
    .unwrap_err();
    assert!(expired.is_token_rejected(), "{expired:?}");
    let slow = decode::<More>("e", &HTTP, answer(403, r#"{"code":"TooFast"}"#)).unwrap_err();
    assert!(slow.is_retryable() && slow.was_rejected(), "{slow:?}");
    let denied = decode::<More>("e", &HTTP, answer(403, r#"{"code":"Denied"}"#)).unwrap_err();
    assert!(!denied.is_retryable(), "{denied:?}");
    let bad_gateway = decode::<More>("e", &HTTP, answer(502, "bad gateway")).unwrap_err();
    assert!(matches!(bad_gateway, Error::HttpStatus { status: 502, .. }));
    let no_code = decode::<More>("e", &HTTP, answer(404, "{}")).unwrap_err();
    assert!(matches!(no_code, Error::HttpStatus { status: 404, .. }));
}

#[test]
fn html_is_a_ban_only_where_declared() {
    let page = Answer {
        status: 200,
        content_type: Some("text/html"),
        body: b"<html><body>forbidden</body></html>",
    };
    let error = decode::<Page>("e", &BESIDE, page).unwrap_err();
    assert!(
        matches!(error, Error::IpBanned { status: 200, .. }),
        "{error:?}"
    );
    let error = decode::<Page>("e", &UNDER, page).unwrap_err();
    assert!(matches!(error, Error::HttpStatus { .. }), "{error:?}");
}

#[test]
fn decode_paths_are_found_without_a_path_tracking_parser() {
    let path = |envelope: &Envelope, body: &str| match decode::<Page>("e", envelope, ok(body)) {
        Err(Error::Decode { path, .. }) => path,
        other => panic!("{other:?}"),
    };
    let escaped = r#"{"status":0,"result":{"x\"y":1,"items":["a\"]",[]]}}"#;
    assert_eq!(path(&BESIDE, escaped), "result.items[1]");
    let multiline = "{\n \"status\": 0,\n \"result\": {\n  \"items\": [\n   {}\n  ]\n }\n}";
    assert_eq!(path(&BESIDE, multiline), "result.items[0]");
    let nested = r#"{"outer":{"status":0,"result":{"items":[{}]}}}"#;
    assert_eq!(path(&BESIDE, nested), "outer.result.items[0]");
    let truncated = decode::<Page>("e", &BESIDE, ok(r#"{"status":0,"result":{"it"#)).unwrap_err();
    assert!(matches!(truncated, Error::Decode { .. }), "{truncated:?}");
}
