//! Seed endpoints against the fake platform where a flow matters: the
//! blackboard store round-trips (declared `fake:` in the spec), the token
//! endpoint called directly, and hand-driven paging loops reading the
//! documented cursor fields themselves. (Every endpoint called once and
//! every paged endpoint streamed is `e2e_every_endpoint`.)

mod e2e_support;

use e2e_support::{dingtalk, fake, shiheng};
use oapi_client::dingtalk::{attendance, auth, blackboard, checkin, hrm, report};
use oapi_client::fake as fakes;
use oapi_client::shiheng::employee;
use oapi_client::{CodeClass, Error};

const DAY_MS: i64 = 86_400_000;
const BASE_TIME_MS: i64 = 1_700_000_000_000;

#[tokio::test]
async fn gettoken_explicitly() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let answer = client
        .auth()
        .gettoken(&auth::gettoken::Request::new(
            fakes::credential("dingtalk", "app_key"),
            fakes::credential("dingtalk", "app_secret"),
        ))
        .await
        .expect("gettoken");
    assert_eq!(answer.expires_in, Some(7200));
    let token = answer.access_token.expect("a token");
    assert!(token.expose().starts_with("fake-token-"));
    assert_eq!(format!("{token:?}"), "Secret(***)");

    let error = client
        .auth()
        .gettoken(&auth::gettoken::Request::new(
            fakes::credential("dingtalk", "app_key"),
            "wrong".to_owned(),
        ))
        .await
        .expect_err("wrong secret");
    assert!(matches!(error, Error::Platform { .. }), "{error:?}");
}

#[tokio::test]
async fn blackboard_lifecycle() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let bb = client.blackboard();

    let categories = bb
        .category_list(&blackboard::category_list::Request::new("manager01"))
        .await
        .expect("categories")
        .result
        .expect("result");
    let category = categories[0].id.clone().expect("id");

    for i in 0..3 {
        let receiver =
            blackboard::create::BlackboardReceiver::new().userid_list(vec!["user0007".to_owned()]);
        let request = blackboard::create::Request::new(
            blackboard::create::CreateRequest::new(
                "manager01",
                receiver,
                format!("入职须知 {i}"),
                "欢迎加入我们的大家庭",
            )
            .author("杨xx")
            .category_id(category.clone()),
        );
        let created = bb.create(&request).await.expect("create");
        assert_eq!(created.result, Some(true));
    }
    assert_eq!(fake.store_len("blackboards"), 3);

    let ids = bb
        .listids(&blackboard::listids::Request::new(
            blackboard::listids::QueryRequest::new("manager01", 2, 1),
        ))
        .await
        .expect("listids page 1")
        .result
        .expect("ids");
    assert_eq!(ids.len(), 2);
    let rest = bb
        .listids(&blackboard::listids::Request::new(
            blackboard::listids::QueryRequest::new("manager01", 2, 2),
        ))
        .await
        .expect("listids page 2")
        .result
        .expect("ids");
    assert_eq!(rest.len(), 1);
    let id = ids[0].clone();

    let got = bb
        .get(&blackboard::get::Request::new(id.clone(), "manager01"))
        .await
        .expect("get")
        .result
        .expect("detail");
    assert_eq!(got.id.as_deref(), Some(id.as_str()));
    assert_eq!(got.title.as_deref(), Some("入职须知 0"));
    assert_eq!(got.author.as_deref(), Some("杨xx"));
    assert_eq!(got.category_id.as_deref(), Some(category.as_str()));

    let update = blackboard::update::Request::new(blackboard::update::UpdateRequest::new(
        id.clone(),
        "入职须知（更新）",
        "新内容",
        "manager01",
    ));
    assert_eq!(bb.update(&update).await.expect("update").result, Some(true));
    let got = bb
        .get(&blackboard::get::Request::new(id.clone(), "manager01"))
        .await
        .expect("get after update")
        .result
        .expect("detail");
    assert_eq!(got.title.as_deref(), Some("入职须知（更新）"));
    assert_eq!(got.content.as_deref(), Some("新内容"));
    assert_eq!(
        got.author.as_deref(),
        Some("杨xx"),
        "fields not updated stay"
    );

    let top = bb
        .listtopten(&blackboard::listtopten::Request::new("user0007"))
        .await
        .expect("listtopten")
        .blackboard_list
        .expect("list");
    let titles: Vec<_> = top.iter().filter_map(|b| b.title.clone()).collect();
    assert_eq!(titles, ["入职须知（更新）", "入职须知 1", "入职须知 2"]);

    let deleted = bb
        .delete(&blackboard::delete::Request::new(id.clone(), "manager01"))
        .await
        .expect("delete");
    assert_eq!(deleted.result, Some(true));
    assert_eq!(fake.store_len("blackboards"), 2);
    for error in [
        bb.get(&blackboard::get::Request::new(id.clone(), "manager01"))
            .await
            .expect_err("deleted"),
        bb.delete(&blackboard::delete::Request::new(id, "manager01"))
            .await
            .expect_err("deleted twice"),
    ] {
        // The spec's invalid-parameter code, with the id in the message.
        assert!(
            matches!(&error, Error::Platform { code, class: CodeClass::Invalid, .. } if code == "40035"),
            "{error:?}"
        );
    }
}

#[tokio::test]
async fn reports_page_by_hand_to_the_end() {
    let fake = fake().await;
    fake.set_items("dingtalk.report.list", 47);
    fake.set_items("dingtalk.report.statistics_listbytype", 130);
    fake.set_items("dingtalk.report.receiver_list", 120);
    let client = dingtalk(&fake);
    let api = client.report();
    let (start, end) = (BASE_TIME_MS, BASE_TIME_MS + 30 * DAY_MS);

    // report.list: cursor/size → next_cursor/has_more, next_cursor absent at the end.
    let mut cursor = 0;
    let mut seen = Vec::new();
    let mut pages = 0;
    loop {
        let page = api
            .list(&report::list::Request::new(start, end, cursor, 20))
            .await
            .expect("list")
            .result
            .expect("result");
        pages += 1;
        seen.extend(page.data_list.unwrap_or_default());
        match page.next_cursor {
            Some(next) => {
                assert_eq!(page.has_more, Some(true));
                cursor = next;
            }
            None => {
                assert_eq!(page.has_more, Some(false));
                break;
            }
        }
    }
    assert_eq!(seen.len(), 47);
    assert_eq!(pages, 3);

    let report_id = seen[0].report_id.clone().expect("report_id");
    // statistics/listbytype: offset/size → next_cursor, absent at the end.
    let mut offset = 0;
    let mut readers = 0;
    loop {
        let page = api
            .statistics_listbytype(
                &report::statistics_listbytype::Request::new(
                    report_id.clone(),
                    report::statistics_listbytype::Type::Read,
                )
                .offset(offset)
                .size(100),
            )
            .await
            .expect("statistics")
            .result
            .expect("result");
        readers += page.userid_list.map_or(0, |l| l.len());
        match page.next_cursor {
            Some(next) => offset = next,
            None => break,
        }
    }
    assert_eq!(readers, 130);

    let receivers = api
        .receiver_list(&report::receiver_list::Request::new(report_id).offset(100))
        .await
        .expect("receivers")
        .result
        .expect("result");
    assert_eq!(receivers.userid_list.map(|l| l.len()), Some(20));
    assert_eq!(receivers.next_cursor, None);
    assert_eq!(receivers.has_more, Some(false));
}

#[tokio::test]
async fn hrm_and_attendance_page_by_hand_to_the_end() {
    let fake = fake().await;
    fake.set_items("dingtalk.hrm.queryonjob", 230);
    fake.set_items("dingtalk.hrm.dismissions", 75);
    fake.set_items("dingtalk.checkin.record_get", 40);
    fake.set_items("dingtalk.attendance.group_positions_query", 23);
    let client = dingtalk(&fake);

    // queryonjob: the status list travels as "2,3".
    use hrm::queryonjob::Status;
    let mut offset = 0;
    let mut on_job = 0;
    loop {
        let page = client
            .hrm()
            .queryonjob(&hrm::queryonjob::Request::new(
                vec![Status::Probation, Status::Regular],
                offset,
                50,
            ))
            .await
            .expect("queryonjob")
            .result
            .expect("result");
        on_job += page.data_list.map_or(0, |l| l.len());
        match page.next_cursor {
            Some(next) => offset = next,
            None => break,
        }
    }
    assert_eq!(on_job, 230);
    let body = fake.bodies("/topapi/smartwork/hrm/employee/queryonjob")[0].clone();
    let body: serde_json::Value = serde_json::from_slice(&body).expect("a JSON body");
    assert_eq!(body["status_list"], "2,3");

    // dismissions (api.dingtalk.com): nextToken/maxResults → nextToken/hasMore.
    let mut token = None;
    let mut left = 0;
    loop {
        let mut request = hrm::dismissions::Request::new().max_results(50);
        if let Some(token) = token {
            request = request.next_token(token);
        }
        let page = client
            .hrm()
            .dismissions(&request)
            .await
            .expect("dismissions");
        left += page.user_id_list.map_or(0, |l| l.len());
        if page.has_more != Some(true) {
            assert_eq!(page.next_token, None);
            break;
        }
        token = page.next_token;
    }
    assert_eq!(left, 75);

    // checkin/record/get: one user may span 10 days; no has_more, the
    // cursor is absent at the end.
    let (start, end) = (BASE_TIME_MS, BASE_TIME_MS + 10 * DAY_MS);
    let mut cursor = 0;
    let mut records = 0;
    loop {
        let page = client
            .checkin()
            .record_get(&checkin::record_get::Request::new(
                vec!["user0001".to_owned()],
                start,
                end,
                cursor,
                100,
            ))
            .await
            .expect("checkins")
            .result
            .expect("result");
        records += page.page_list.map_or(0, |l| l.len());
        match page.next_cursor {
            Some(next) => cursor = next,
            None => break,
        }
    }
    assert_eq!(records, 40);

    // positions: the last position_key is the next cursor; has_more.
    let mut cursor: Option<String> = None;
    let mut positions = 0;
    loop {
        let mut request = attendance::group_positions_query::Request::new("group-1").size(10);
        if let Some(cursor) = &cursor {
            request = request.cursor(cursor.clone());
        }
        let page = client
            .attendance()
            .group_positions_query(&request)
            .await
            .expect("positions")
            .result
            .expect("result");
        let list = page.position_list.unwrap_or_default();
        positions += list.len();
        if page.has_more != Some(true) {
            break;
        }
        cursor = list.last().and_then(|p| p.position_key.clone());
    }
    assert_eq!(positions, 23);
}

#[tokio::test]
async fn shiheng_employees_page_by_hand_to_the_end() {
    let fake = fake().await;
    fake.set_items("shiheng.employee.list", 47);
    let client = shiheng(&fake);
    let first = client
        .employee()
        .list(&employee::list::Request::new(1, 20))
        .await
        .expect("page 1");
    assert_eq!(first.total, Some(47));
    let pages = first.pages.expect("pages");
    assert_eq!(pages, 3);
    let mut all = first.result.unwrap_or_default();
    for page in 2..=pages {
        let next = client
            .employee()
            .list(&employee::list::Request::new(page, 20))
            .await
            .expect("page");
        all.extend(next.result.unwrap_or_default());
    }
    let ids: Vec<i64> = all.iter().filter_map(|e| e.id).collect();
    assert_eq!(ids, (1..=47).collect::<Vec<i64>>());
}
