// The struct-level window rule, wire names from rename_all, raw identifiers,
// negative bounds, generics passed through.
#![deny(warnings)]

use oapi_client::{Rule, Validate};
use serde::Serialize;

const DAY: i64 = 86_400_000;

#[derive(Serialize, Validate)]
#[serde(rename_all = "camelCase")]
#[validate(window(start = start_time, end = r#end_time, max_days = 7))]
struct Query {
    start_time: Option<i64>,
    r#end_time: Option<i64>,
    #[validate(min = -10, max = -1)]
    r#type: i32,
}

#[derive(Serialize, Validate)]
struct Page<T: Validate> {
    #[validate(nested)]
    #[serde(flatten)]
    inner: T,
    #[validate(max = 50u32)]
    size: u32,
}

#[derive(Serialize, Validate)]
struct Empty {}

fn main() {
    let ok = Query {
        start_time: Some(0),
        end_time: Some(7 * DAY),
        r#type: -1,
    };
    assert_eq!(ok.validate(), Ok(()));

    let too_long = Query {
        start_time: Some(0),
        end_time: Some(8 * DAY),
        r#type: -11,
    };
    let error = too_long.validate().expect_err("window and min broken");
    assert_eq!(error.violations.len(), 2);
    assert_eq!(error.violations[0].path, "type");
    assert_eq!(error.violations[0].rule, Rule::Min("-10".into()));
    assert_eq!(error.violations[1].path, "endTime");
    assert_eq!(
        error.violations[1].rule,
        Rule::Window {
            start: "startTime",
            end: "endTime",
            max_days: 7
        }
    );

    let backwards = Query {
        start_time: Some(DAY),
        end_time: Some(0),
        r#type: -5,
    };
    assert!(backwards.validate().is_err());
    let open = Query {
        start_time: Some(DAY),
        end_time: None,
        r#type: -5,
    };
    assert_eq!(open.validate(), Ok(()));

    // A flattened nested value reports its fields at the parent's level.
    let page = Page {
        inner: Query {
            start_time: None,
            end_time: None,
            r#type: 0,
        },
        size: 51,
    };
    let paths: Vec<String> = page
        .validate()
        .expect_err("two")
        .violations
        .into_iter()
        .map(|v| v.path)
        .collect();
    assert_eq!(paths, ["type", "size"]);

    assert_eq!(Empty {}.validate(), Ok(()));
}
