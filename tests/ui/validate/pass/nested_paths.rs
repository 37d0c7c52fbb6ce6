// Rules at every level, reported with the full wire-name path, rule and value.
#![deny(warnings)]

use oapi_client::{Rule, Validate, Violation};
use serde::Serialize;

#[derive(Serialize, Validate)]
struct Request {
    #[validate(nested)]
    #[serde(rename = "a")]
    outer: Outer,
    #[validate(range(min = 1, max = 100))]
    size: i64,
    #[validate(min = 0.5, max = 2.5)]
    ratio: Option<f64>,
    #[validate(length(min = 1, max = 4))]
    title: Option<String>,
}

#[derive(Serialize, Validate)]
struct Outer {
    #[validate(nested)]
    b: Option<Inner>,
    #[validate(nested, max_items = 2)]
    items: Vec<Inner>,
}

#[derive(Serialize, Validate)]
struct Inner {
    #[serde(rename = "c")]
    #[validate(max_items = 3)]
    #[validate(min_items = 1)]
    user_ids: Vec<String>,
}

fn ids(n: usize) -> Vec<String> {
    (0..n).map(|i| i.to_string()).collect()
}

fn main() {
    let valid = Request {
        outer: Outer {
            b: Some(Inner { user_ids: ids(3) }),
            items: vec![Inner { user_ids: ids(1) }],
        },
        size: 100,
        ratio: Some(2.5),
        title: Some("公告标题".to_owned()),
    };
    assert_eq!(valid.validate(), Ok(()));

    let invalid = Request {
        outer: Outer {
            b: Some(Inner { user_ids: ids(4) }),
            items: vec![
                Inner { user_ids: ids(1) },
                Inner { user_ids: ids(0) },
                Inner { user_ids: ids(1) },
            ],
        },
        size: 0,
        ratio: Some(3.0),
        title: Some("五个字标题".to_owned()),
    };
    let error = invalid.validate().expect_err("every rule is broken");
    let text = error.to_string();
    assert!(
        text.contains("`a.b.c` must hold at most 3 items (max_items = 3), got 4 items"),
        "{text}"
    );
    assert_eq!(
        error.violations,
        [
            Violation {
                path: "a.b.c".into(),
                rule: Rule::MaxItems(3),
                actual: "4 items".into()
            },
            Violation {
                path: "a.items[1].c".into(),
                rule: Rule::MinItems(1),
                actual: "0 items".into()
            },
            Violation {
                path: "a.items".into(),
                rule: Rule::MaxItems(2),
                actual: "3 items".into()
            },
            Violation {
                path: "size".into(),
                rule: Rule::Min("1".into()),
                actual: "0".into()
            },
            Violation {
                path: "ratio".into(),
                rule: Rule::Max("2.5".into()),
                actual: "3".into()
            },
            Violation {
                path: "title".into(),
                rule: Rule::MaxLength(4),
                actual: "5 characters".into()
            },
        ]
    );
    assert!(text.starts_with("6 invalid fields: "), "{text}");

    // Absent optional values are not checked.
    let sparse = Request {
        ratio: None,
        title: None,
        ..valid
    };
    assert_eq!(sparse.validate(), Ok(()));
}
