//! The generated paging streams (`<endpoint>_items`) against the fake
//! platform, which pages as documented: every stream yields exactly the
//! seeded items, then ends.

mod e2e_support;

use e2e_support::{dingtalk, fake, shiheng};
use futures::{Stream, StreamExt};
use oapi_client::dingtalk::{attendance, blackboard, checkin, hrm, report};
use oapi_client::fake::{BASE_TIME_MS, GROUP_KEY, counts};
use oapi_client::shiheng::employee;

const DAY_MS: i64 = 86_400_000;

async fn count<T>(stream: impl Stream<Item = Result<T, oapi_client::Error>>) -> usize {
    let items: Vec<_> = stream.collect().await;
    for item in &items {
        if let Err(error) = item {
            panic!("paging failed: {error}");
        }
    }
    items.len()
}

#[tokio::test]
async fn every_paged_endpoint_streams_to_the_end() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let (start, end) = (BASE_TIME_MS, BASE_TIME_MS + 30 * DAY_MS);

    let hrm = client.hrm();
    assert_eq!(
        count(hrm.querypreentry_items(hrm::querypreentry::Request::new(0, 50))).await,
        counts::PREENTRY
    );
    let all_statuses = vec![
        hrm::queryonjob::Status::Probation,
        hrm::queryonjob::Status::Regular,
        hrm::queryonjob::Status::Leaving,
        hrm::queryonjob::Status::None,
    ];
    assert_eq!(
        count(hrm.queryonjob_items(hrm::queryonjob::Request::new(all_statuses, 0, 50))).await,
        counts::ONJOB
    );
    assert_eq!(
        count(hrm.dismissions_items(hrm::dismissions::Request::new().max_results(20))).await,
        counts::DISMISSED
    );

    let report = client.report();
    assert_eq!(
        count(report.list_items(report::list::Request::new(start, end, 0, 20))).await,
        counts::REPORTS
    );
    assert_eq!(
        count(report.simplelist_items(report::simplelist::Request::new(start, end, 0, 7))).await,
        counts::REPORTS
    );
    assert_eq!(
        count(
            report.statistics_listbytype_items(report::statistics_listbytype::Request::new(
                "report0000",
                report::statistics_listbytype::Type::Read
            ))
        )
        .await,
        counts::READERS
    );
    assert_eq!(
        count(
            report.receiver_list_items(report::receiver_list::Request::new("report0000").size(50))
        )
        .await,
        counts::RECEIVERS
    );
    assert_eq!(
        count(report.comment_list_items(report::comment_list::Request::new("report0000").size(10)))
            .await,
        counts::COMMENTS
    );
    assert_eq!(
        count(
            report
                .template_listbyuserid_items(report::template_listbyuserid::Request::new().size(1))
        )
        .await,
        counts::TEMPLATES
    );

    // One user at a time: several users may span one day only (#16).
    let mut checkins = 0;
    for user in ["user0001", "user0002", "user0003"] {
        let request = checkin::record_get::Request::new(
            vec![user.to_owned()],
            BASE_TIME_MS,
            BASE_TIME_MS + 10 * DAY_MS,
            0,
            25,
        );
        checkins += count(client.checkin().record_get_items(request)).await;
    }
    assert_eq!(checkins, 3 * counts::CHECKINS_PER_USER);
    assert_eq!(
        count(client.attendance().group_positions_query_items(
            attendance::group_positions_query::Request::new(GROUP_KEY).size(5)
        ))
        .await,
        counts::POSITIONS
    );

    for i in 0..7 {
        client
            .blackboard()
            .create(&blackboard::create::Request::new(
                blackboard::create::CreateRequest::new(
                    "manager01",
                    blackboard::create::BlackboardReceiver::new(),
                    format!("通知 {i}"),
                    "内容",
                ),
            ))
            .await
            .expect("create");
    }
    assert_eq!(
        count(
            client
                .blackboard()
                .listids_items(blackboard::listids::Request::new(
                    blackboard::listids::QueryRequest::new("manager01", 3, 1)
                ))
        )
        .await,
        7
    );

    let shiheng = shiheng(&fake);
    assert_eq!(
        count(
            shiheng
                .employee()
                .list_items(employee::list::Request::new(1, 10))
        )
        .await,
        counts::SHIHENG_EMPLOYEES
    );
}

#[tokio::test]
async fn a_page_failure_ends_the_stream_with_its_error() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    // The second page is answered 90002 (endpoint banned): not retried.
    fake.inject(
        "/topapi/smartwork/hrm/employee/querypreentry",
        oapi_client::fake::Fault::Latency(std::time::Duration::ZERO),
        1,
    );
    fake.inject(
        "/topapi/smartwork/hrm/employee/querypreentry",
        oapi_client::fake::Fault::ErrCode(90002),
        1,
    );
    let results: Vec<_> = client
        .hrm()
        .querypreentry_pages(hrm::querypreentry::Request::new(0, 50))
        .collect()
        .await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    assert!(
        matches!(&results[1], Err(oapi_client::Error::Platform { code, .. }) if code == "90002")
    );
}
