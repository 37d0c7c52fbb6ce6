//! Property tests of documented limits through the generated types: every
//! value inside a documented range passes, every value outside fails with a
//! violation naming the field, the rule and the value.

use oapi_client::Validate;
use oapi_client::dingtalk::{blackboard, checkin, hrm, report};
use proptest::prelude::*;

const DAY_MS: i64 = 86_400_000;

proptest! {
    #[test]
    fn querypreentry_size_is_valid_exactly_from_1_to_50(size in -1000_i64..1000) {
        let result = hrm::querypreentry::Request::new(0, size).validate();
        if (1..=50).contains(&size) {
            prop_assert!(result.is_ok());
        } else {
            let err = result.unwrap_err();
            prop_assert_eq!(err.violations.len(), 1);
            prop_assert_eq!(&err.violations[0].path, "size");
            prop_assert_eq!(&err.violations[0].actual, &size.to_string());
        }
    }

    #[test]
    fn listids_page_size_is_valid_exactly_from_1_to_30(page_size in -100_i64..100, page in -5_i64..5) {
        let query = blackboard::listids::QueryRequest::new("manager01", page_size, page);
        let result = blackboard::listids::Request::new(query).validate();
        let expected_violations = usize::from(!(1..=30).contains(&page_size)) + usize::from(page < 1);
        prop_assert_eq!(result.err().map_or(0, |e| e.violations.len()), expected_violations);
    }

    #[test]
    fn checkin_userid_list_holds_at_most_10(count in 0_usize..40) {
        let users: Vec<String> = (0..count).map(|i| format!("u{i}")).collect();
        let result = checkin::record_get::Request::new(users, 0, DAY_MS, 0, 100).validate();
        prop_assert_eq!(result.is_ok(), count <= 10);
    }

    #[test]
    fn report_windows_are_valid_exactly_up_to_180_days(start in 0_i64..4_000_000_000_000, span in -DAY_MS..400 * DAY_MS) {
        let result = report::simplelist::Request::new(start, start + span, 0, 20).validate();
        prop_assert_eq!(result.is_ok(), (0..=180 * DAY_MS).contains(&span));
    }
}
