//! `#[derive(Encode)]` writes what serde_derive's `Serialize` writes: each
//! case is one struct declared twice, once with each derive, and the JSON
//! must be byte for byte the same (食亨 signs the request body).

use std::collections::BTreeMap;

use oapi_client::Encode;
use serde::Serialize;

fn is_zero(n: &i64) -> bool {
    *n == 0
}

fn shout<S: serde::Serializer>(value: &str, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&value.to_uppercase())
}

/// Declares `$serde` with serde's derive and `$lean` with `Encode`, same body.
macro_rules! twin {
    ($serde:ident, $lean:ident, $(#[$meta:meta])* { $($body:tt)* }) => {
        #[derive(Serialize)]
        #[allow(dead_code)] // skipped fields are never read
        $(#[$meta])*
        struct $serde { $($body)* }
        #[derive(Encode)]
        #[allow(dead_code)]
        $(#[$meta])*
        struct $lean { $($body)* }
    };
}

twin!(InnerSerde, InnerLean, {
    id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<String>,
});

twin!(RequestSerde, RequestLean, #[serde(rename_all = "camelCase")] {
    user_id: String,
    #[serde(rename = "dept")]
    dept_id: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_size: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cursor: Option<String>,
    #[serde(skip_serializing)]
    app_secret: String,
    #[serde(skip)]
    hidden: i64,
    #[serde(skip_serializing_if = "is_zero")]
    offset: i64,
    #[serde(with = "oapi_client::runtime::comma")]
    user_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none", with = "oapi_client::runtime::comma::option")]
    dept_ids: Option<Vec<i64>>,
    #[serde(serialize_with = "shout")]
    name: String,
    #[serde(default, alias = "tpe")]
    r#type: Option<i64>,
    quote: String,
    nested: Vec<InnerSerdeOrLean>,
    extra: BTreeMap<String, serde_json::Value>,
});

/// The nested type differs between the twins only by name; an alias keeps
/// the macro's body identical.
type InnerSerdeOrLean = serde_json::Value;

twin!(EmptySerde, EmptyLean, {});

fn request(all: bool) -> (RequestSerde, RequestLean) {
    let nested = vec![
        serde_json::to_value(InnerSerde { id: 1, tag: None }).unwrap(),
        serde_json::to_value(InnerSerde {
            id: 2,
            tag: Some("二".into()),
        })
        .unwrap(),
    ];
    let mut extra = BTreeMap::new();
    extra.insert("k".to_owned(), serde_json::json!([1, "x", null]));
    macro_rules! build {
        ($ty:ident) => {
            $ty {
                user_id: "manager01".into(),
                dept_id: 7,
                page_size: all.then_some(50),
                cursor: all.then(|| "c\"1\\\n".into()),
                app_secret: "never written".into(),
                hidden: 3,
                offset: if all { 10 } else { 0 },
                user_ids: vec!["a".into(), "b".into()],
                dept_ids: all.then(|| vec![1, 2]),
                name: "张三 smith".into(),
                r#type: all.then_some(2),
                quote: "\u{1}\t\"".into(),
                nested: nested.clone(),
                extra: extra.clone(),
            }
        };
    }
    (build!(RequestSerde), build!(RequestLean))
}

#[test]
fn every_attribute_writes_the_same_bytes_as_serde() {
    for all in [true, false] {
        let (serde, lean) = request(all);
        let expected = serde_json::to_string(&serde).unwrap();
        assert_eq!(
            serde_json::to_string(&lean).unwrap(),
            expected,
            "all = {all}"
        );
        let expected = serde_json::to_string_pretty(&serde).unwrap();
        assert_eq!(serde_json::to_string_pretty(&lean).unwrap(), expected);
        assert!(!expected.contains("never written"));
    }
}

#[test]
fn nested_and_empty_objects_match_serde() {
    for (serde, lean) in [
        (
            InnerSerde { id: 1, tag: None },
            InnerLean { id: 1, tag: None },
        ),
        (
            InnerSerde {
                id: -5,
                tag: Some("x".into()),
            },
            InnerLean {
                id: -5,
                tag: Some("x".into()),
            },
        ),
    ] {
        assert_eq!(
            serde_json::to_string(&lean).unwrap(),
            serde_json::to_string(&serde).unwrap()
        );
    }
    assert_eq!(
        serde_json::to_string(&EmptyLean {}).unwrap(),
        serde_json::to_string(&EmptySerde {}).unwrap()
    );
    let serde = vec![InnerSerde { id: 1, tag: None }];
    let lean = vec![InnerLean { id: 1, tag: None }];
    assert_eq!(
        serde_json::to_string(&lean).unwrap(),
        serde_json::to_string(&serde).unwrap()
    );
}

twin!(BadKeySerde, BadKeyLean, {
    first: i64,
    map: BTreeMap<Vec<u8>, i64>,
    last: i64,
});

#[test]
fn a_serializer_error_is_returned_as_serde_returns_it() {
    let map = BTreeMap::from([(vec![1u8], 2)]);
    let serde = serde_json::to_string(&BadKeySerde {
        first: 1,
        map: map.clone(),
        last: 3,
    });
    let lean = serde_json::to_string(&BadKeyLean {
        first: 1,
        map,
        last: 3,
    });
    let (serde, lean) = (serde.unwrap_err(), lean.unwrap_err());
    assert_eq!(lean.to_string(), serde.to_string());
}

twin!(CountedSerde, CountedLean, {
    required: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    absent: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    present: Option<bool>,
    #[serde(skip_serializing_if = "is_zero")]
    zero: i64,
    #[serde(skip_serializing)]
    never: i64,
});

/// Formats other than JSON may rely on `serialize_struct`'s length: both
/// derives must make the same calls, field by field, with the same count.
#[test]
fn the_serializer_sees_serdes_name_length_and_fields() {
    use serde_test::{Token, assert_ser_tokens};
    // serde_derive names the struct after the type, and the twins differ in
    // name: each is checked against the same calls under its own.
    let calls = |name: &'static str| {
        [
            Token::Struct { name, len: 2 },
            Token::Str("required"),
            Token::I64(1),
            Token::Str("present"),
            Token::Some,
            Token::Bool(true),
            Token::StructEnd,
        ]
    };
    let serde = CountedSerde {
        required: 1,
        absent: None,
        present: Some(true),
        zero: 0,
        never: 9,
    };
    let lean = CountedLean {
        required: 1,
        absent: None,
        present: Some(true),
        zero: 0,
        never: 9,
    };
    assert_ser_tokens(&serde, &calls("CountedSerde"));
    assert_ser_tokens(&lean, &calls("CountedLean"));
    let empty = [
        Token::Struct {
            name: "EmptyLean",
            len: 0,
        },
        Token::StructEnd,
    ];
    assert_ser_tokens(&EmptyLean {}, &empty);
}
