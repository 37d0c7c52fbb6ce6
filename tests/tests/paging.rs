//! Pagination streams, one test per paging style of the seeds, against the
//! fake platform: item counts and order exact over many pages, a fault in
//! the middle (retried, nothing lost or repeated), an empty first page.
//! The fake numbers its synthetic items from 1 in every text and integer
//! field, so the order of what arrives is checked by those numbers.

mod e2e_support;

use e2e_support::{dingtalk, fake, shiheng};
use futures::{StreamExt, TryStreamExt};
use oapi_client::dingtalk::{attendance, blackboard, checkin, hrm, report};
use oapi_client::fake::Fault;
use oapi_client::{Paged, shiheng::employee};

const DAY_MS: i64 = 86_400_000;
/// Any instant: the fake's items do not depend on the window asked for.
const BASE_TIME_MS: i64 = 1_700_000_000_000;
const GROUP_KEY: &str = "0151E0223B1EDDDF00DD6B7F72A1A917E876";

/// The number each item carries (the digits its text ends with).
fn ordinal(text: &str) -> u64 {
    let digits: String = text
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .collect();
    digits
        .chars()
        .rev()
        .collect::<String>()
        .parse()
        .unwrap_or(0)
}

/// `1..=n`, what a full listing's ordinals must be.
fn one_to(n: usize) -> Vec<u64> {
    (1..=n as u64).collect()
}

#[tokio::test]
async fn offset_style_follows_next_cursor_to_the_end() {
    let fake = fake().await;
    fake.set_items("dingtalk.hrm.querypreentry", 123);
    let client = dingtalk(&fake);
    let items: Vec<String> = client
        .hrm()
        .querypreentry_items(hrm::querypreentry::Request::new(0, 50))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        items.iter().map(|i| ordinal(i)).collect::<Vec<_>>(),
        one_to(123)
    );
    assert_eq!(
        fake.requests("/topapi/smartwork/hrm/employee/querypreentry"),
        3,
        "123 items in pages of 50"
    );
    assert_eq!(
        <hrm::querypreentry::Request as Paged>::STYLE,
        oapi_client::runtime::paging::PagingStyle::Offset
    );
}

#[tokio::test]
async fn cursor_style_pages_reports_until_has_more_is_false() {
    let fake = fake().await;
    fake.set_items("dingtalk.report.list", 47);
    let client = dingtalk(&fake);
    let request =
        report::list::Request::new(BASE_TIME_MS - DAY_MS, BASE_TIME_MS + 100 * DAY_MS, 0, 20);
    let pages: Vec<report::list::Response> = client
        .report()
        .list_pages(request.clone())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 47usize.div_ceil(20));
    let items: Vec<report::list::Report> = client
        .report()
        .list_items(request)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 47);
    let ids: Vec<u64> = items
        .iter()
        .map(|r| ordinal(r.report_id.as_deref().unwrap_or_default()))
        .collect();
    assert_eq!(ids, one_to(47), "every report once, in order");
}

#[tokio::test]
async fn cursor_style_without_has_more_stops_on_a_missing_next_cursor() {
    let fake = fake().await;
    fake.set_items("dingtalk.checkin.record_get", 40);
    let client = dingtalk(&fake);
    let mut records = 0;
    // One user at a time: several users may span one day only (#16).
    for user in ["manager01", "user0002"] {
        let request = checkin::record_get::Request::new(
            vec![user.to_string()],
            BASE_TIME_MS - DAY_MS / 5,
            BASE_TIME_MS + 9 * DAY_MS + 4 * DAY_MS / 5,
            0,
            15,
        );
        let page: Vec<checkin::record_get::CheckinRecord> = client
            .checkin()
            .record_get_items(request)
            .try_collect()
            .await
            .unwrap();
        records += page.len();
    }
    assert_eq!(records, 2 * 40);
}

#[tokio::test]
async fn token_style_follows_next_token_and_has_more() {
    let fake = fake().await;
    fake.set_items("dingtalk.hrm.dismissions", 75);
    let client = dingtalk(&fake);
    let items: Vec<String> = client
        .hrm()
        .dismissions_items(hrm::dismissions::Request::new().max_results(30))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        items.iter().map(|i| ordinal(i)).collect::<Vec<_>>(),
        one_to(75)
    );
    assert_eq!(fake.requests("/v1.0/hrm/employees/dismissions"), 3);
}

#[tokio::test]
async fn page_style_stops_on_a_short_page() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let board = client.blackboard();
    for i in 0..35 {
        let receiver = blackboard::create::BlackboardReceiver::new()
            .userid_list(vec!["manager02".to_string()]);
        let create = blackboard::create::CreateRequest::new(
            "manager01",
            receiver,
            format!("公告{i}"),
            "内容",
        );
        board
            .create(&blackboard::create::Request::new(create))
            .await
            .unwrap();
    }
    let query = blackboard::listids::QueryRequest::new("manager01", 10, 1);
    let ids: Vec<String> = board
        .listids_items(blackboard::listids::Request::new(query))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids.len(), 35);
    assert_eq!(
        ids.iter().collect::<std::collections::BTreeSet<_>>().len(),
        35
    );
    assert_eq!(
        fake.requests("/topapi/blackboard/listids"),
        4,
        "pages of 10, 10, 10, 5"
    );
}

#[tokio::test]
async fn page_num_style_stops_at_pages() {
    let fake = fake().await;
    fake.set_items("shiheng.employee.list", 47);
    let client = shiheng(&fake);
    let employees: Vec<employee::list::Employee> = client
        .employee()
        .list_items(employee::list::Request::new(1, 10))
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<u64> = employees
        .iter()
        .filter_map(|e| e.id)
        .map(|id| id as u64)
        .collect();
    assert_eq!(ids, one_to(47), "every employee once, in order");
    assert_eq!(
        fake.requests("/api/wecom/employee/list"),
        5,
        "pages 1 to 5 of 10"
    );
}

#[tokio::test]
async fn last_id_style_uses_the_last_position_key_as_cursor() {
    let fake = fake().await;
    fake.set_items("dingtalk.attendance.group_positions_query", 23);
    let client = dingtalk(&fake);
    let request = attendance::group_positions_query::Request::new(GROUP_KEY).size(10);
    let positions: Vec<attendance::group_positions_query::Position> = client
        .attendance()
        .group_positions_query_items(request)
        .try_collect()
        .await
        .unwrap();
    let keys: Vec<u64> = positions
        .iter()
        .map(|p| ordinal(p.position_key.as_deref().unwrap_or_default()))
        .collect();
    assert_eq!(keys, one_to(23), "every position once, in order");
    assert_eq!(fake.requests("/topapi/attendance/group/positions/query"), 3);
}

#[tokio::test]
async fn a_failed_page_in_the_middle_is_retried_without_losing_or_repeating_items() {
    let fake = fake().await;
    fake.set_items("dingtalk.hrm.queryonjob", 230);
    let client = dingtalk(&fake);
    let mut stream = client.hrm().queryonjob_items(hrm::queryonjob::Request::new(
        vec![
            hrm::queryonjob::Status::Probation,
            hrm::queryonjob::Status::Regular,
            hrm::queryonjob::Status::Leaving,
            hrm::queryonjob::Status::None,
        ],
        0,
        50,
    ));
    let mut items = Vec::new();
    for _ in 0..50 {
        items.push(stream.next().await.unwrap().unwrap());
    }
    // The second page's first attempt fails; the retry policy fetches it again.
    fake.inject(
        "/topapi/smartwork/hrm/employee/queryonjob",
        Fault::Status(503),
        1,
    );
    while let Some(item) = stream.next().await {
        items.push(item.unwrap());
    }
    assert_eq!(
        items.iter().map(|i| ordinal(i)).collect::<Vec<_>>(),
        one_to(230)
    );
    let pages = 230u64.div_ceil(50);
    assert_eq!(
        fake.requests("/topapi/smartwork/hrm/employee/queryonjob"),
        pages + 1,
        "one page was fetched twice"
    );
}

#[tokio::test]
async fn a_page_that_keeps_failing_ends_the_stream_with_the_error() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    fake.inject(
        "/topapi/smartwork/hrm/employee/querypreentry",
        Fault::code("90002"),
        1,
    );
    let results: Vec<_> = client
        .hrm()
        .querypreentry_items(hrm::querypreentry::Request::new(0, 50))
        .collect()
        .await;
    assert_eq!(results.len(), 1);
    let err = results.into_iter().next().unwrap().unwrap_err();
    assert!(err.to_string().contains("90002"), "{err}");
}

#[tokio::test]
async fn an_empty_first_page_is_an_empty_stream() {
    let fake = fake().await;
    fake.set_items("dingtalk.report.list", 0);
    let client = dingtalk(&fake);
    let far_future = BASE_TIME_MS + 1000 * DAY_MS;
    let request = report::list::Request::new(far_future, far_future + DAY_MS, 0, 20);
    let items: Vec<report::list::Report> = client
        .report()
        .list_items(request)
        .try_collect()
        .await
        .unwrap();
    assert!(items.is_empty());
    assert_eq!(fake.requests("/topapi/report/list"), 1);
}

#[tokio::test]
async fn taking_a_few_items_fetches_only_the_pages_needed() {
    let fake = fake().await;
    fake.set_items("dingtalk.hrm.querypreentry", 123);
    let client = dingtalk(&fake);
    let first: Vec<String> = client
        .hrm()
        .querypreentry_items(hrm::querypreentry::Request::new(0, 50))
        .take(60)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first.len(), 60);
    assert_eq!(
        fake.requests("/topapi/smartwork/hrm/employee/querypreentry"),
        2
    );
}

#[tokio::test]
async fn a_cursor_that_does_not_advance_is_an_error_not_an_endless_loop() {
    let fake = fake().await;
    fake.set_items("dingtalk.hrm.querypreentry", 123);
    let client = dingtalk(&fake);
    fake.inject(
        "/topapi/smartwork/hrm/employee/querypreentry",
        Fault::RepeatCursor,
        1,
    );
    let results: Vec<_> = client
        .hrm()
        .querypreentry_items(hrm::querypreentry::Request::new(0, 50))
        .collect()
        .await;
    // The page itself is good: its 50 items come first, then the error, then the end.
    assert_eq!(results.len(), 51);
    assert!(results[..50].iter().all(Result::is_ok));
    let err = results[50].as_ref().unwrap_err();
    assert!(
        matches!(
            err,
            oapi_client::Error::Paging {
                endpoint: "hrm.querypreentry",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("returned the same cursor 0 again"),
        "{err}"
    );
    assert_eq!(
        fake.requests("/topapi/smartwork/hrm/employee/querypreentry"),
        1
    );
}
