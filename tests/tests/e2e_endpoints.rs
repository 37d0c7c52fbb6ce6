//! Every generated endpoint against the fake platform: state round-trips
//! and paging exactly as documented, until the last page.

mod e2e_support;

use e2e_support::{dingtalk, fake, shiheng};
use oapi_client::dingtalk::{attendance, auth, blackboard, checkin, hrm, report};
use oapi_client::fake::{
    BASE_TIME_MS, DINGTALK_APP_KEY, DINGTALK_APP_SECRET, GROUP_KEY, REPORT_CREATORS, counts,
};
use oapi_client::shiheng::employee;

const DAY_MS: i64 = 86_400_000;

#[tokio::test]
async fn gettoken_explicitly() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let answer = client
        .auth()
        .gettoken(&auth::gettoken::Request::new(
            DINGTALK_APP_KEY,
            DINGTALK_APP_SECRET.to_owned(),
        ))
        .await
        .expect("gettoken");
    assert_eq!(answer.expires_in, Some(7200));
    let token = answer.access_token.expect("a token");
    assert!(token.expose().starts_with("fake-token-"));
    assert_eq!(format!("{token:?}"), "Secret(***)");
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
    assert_eq!(categories.len(), 2);
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
    assert_eq!(fake.blackboard_count(), 3);

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
    assert_eq!(got.title.as_deref(), Some("入职须知 0"));
    assert_eq!(got.category_id.as_deref(), Some(category.as_str()));
    assert_eq!(got.username_list, Some(vec!["user0007".to_owned()]));

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

    let top = bb
        .listtopten(&blackboard::listtopten::Request::new("user0007"))
        .await
        .expect("listtopten")
        .blackboard_list
        .expect("list");
    assert_eq!(top.len(), 3);

    let deleted = bb
        .delete(&blackboard::delete::Request::new(id.clone(), "manager01"))
        .await
        .expect("delete");
    assert_eq!(deleted.result, Some(true));
    assert_eq!(fake.blackboard_count(), 2);
    let error = bb
        .get(&blackboard::get::Request::new(id, "manager01"))
        .await
        .expect_err("deleted");
    assert!(
        matches!(&error, oapi_client::Error::Platform { code, .. } if code == "40035"),
        "{error:?}"
    );
}

#[tokio::test]
async fn reports_page_to_the_end() {
    let fake = fake().await;
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
    assert_eq!(seen.len(), counts::REPORTS);
    assert_eq!(pages, counts::REPORTS.div_ceil(20));
    assert!(seen[0].contents.as_ref().is_some_and(|c| c.len() == 2));

    // simplelist, filtered by creator.
    let mine = api
        .simplelist(&report::simplelist::Request::new(start, end, 0, 20).userid(REPORT_CREATORS[0]))
        .await
        .expect("simplelist")
        .result
        .expect("result");
    assert_eq!(mine.data_list.map(|l| l.len()), Some(16)); // i % 3 == 0 for i in 0..47

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
    assert_eq!(readers, counts::READERS);

    let receivers = api
        .receiver_list(&report::receiver_list::Request::new(report_id.clone()).offset(100))
        .await
        .expect("receivers")
        .result
        .expect("result");
    assert_eq!(
        receivers.userid_list.map(|l| l.len()),
        Some(counts::RECEIVERS - 100)
    );
    assert_eq!(receivers.next_cursor, None);
    assert_eq!(receivers.has_more, Some(false));

    let comments = api
        .comment_list(&report::comment_list::Request::new(report_id.clone()))
        .await
        .expect("comments")
        .result
        .expect("result");
    assert_eq!(comments.comments.map(|c| c.len()), Some(20));
    assert_eq!(comments.next_cursor, Some(20));

    let unread = api
        .getunreadcount(&report::getunreadcount::Request::new("user123"))
        .await
        .expect("unread");
    assert!(unread.count.is_some());

    let templates = api
        .template_listbyuserid(&report::template_listbyuserid::Request::new().size(2))
        .await
        .expect("templates")
        .result
        .expect("result");
    assert_eq!(templates.template_list.map(|t| t.len()), Some(2));
    assert_eq!(templates.next_cursor, Some(2));

    let template = api
        .template_getbyname(&report::template_getbyname::Request::new(
            "manager01",
            "日报",
        ))
        .await
        .expect("getbyname")
        .result
        .expect("result");
    assert_eq!(template.name.as_deref(), Some("日报"));
    assert_eq!(template.fields.map(|f| f.len()), Some(2));

    let content = report::create::ReportContent::new(0, 1, "markdown", "开发工作", "今日工作");
    let created = api
        .create(&report::create::Request::new(
            report::create::CreateReportParam::new(
                vec![content],
                "template000",
                true,
                "report",
                "manager01",
            ),
        ))
        .await
        .expect("create")
        .result
        .expect("report id");
    assert!(created.starts_with("created"));
}

#[tokio::test]
async fn hrm_and_attendance_page_to_the_end() {
    let fake = fake().await;
    let client = dingtalk(&fake);

    // querypreentry: offset/size, next_cursor absent at the end.
    let mut offset = 0;
    let mut ids = Vec::new();
    loop {
        let page = client
            .hrm()
            .querypreentry(&hrm::querypreentry::Request::new(offset, 50))
            .await
            .expect("querypreentry")
            .result
            .expect("result");
        ids.extend(page.data_list.unwrap_or_default());
        match page.next_cursor {
            Some(next) => offset = next,
            None => break,
        }
    }
    assert_eq!(ids.len(), counts::PREENTRY);

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
    assert_eq!(on_job, counts::ONJOB / 2);

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
    assert_eq!(left, counts::DISMISSED);

    // checkin/record/get: each user over the whole seeded range (one user
    // may span 10 days; several users, 1 day).
    let (start, end) = (BASE_TIME_MS, BASE_TIME_MS + 10 * DAY_MS);
    let mut records = 0;
    for user in ["user0001", "user0002"] {
        let mut cursor = 0;
        loop {
            let page = client
                .checkin()
                .record_get(&checkin::record_get::Request::new(
                    vec![user.to_owned()],
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
    }
    assert_eq!(records, 2 * counts::CHECKINS_PER_USER);

    // positions: the last position_key is the next cursor; has_more.
    let mut cursor: Option<String> = None;
    let mut positions = 0;
    loop {
        let mut request = attendance::group_positions_query::Request::new(GROUP_KEY).size(10);
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
    assert_eq!(positions, counts::POSITIONS);
}

#[tokio::test]
async fn shiheng_employees_page_to_the_end() {
    let fake = fake().await;
    let client = shiheng(&fake);
    let first = client
        .employee()
        .list(&employee::list::Request::new(1, 20))
        .await
        .expect("page 1");
    assert_eq!(first.total, Some(counts::SHIHENG_EMPLOYEES as i64));
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
    assert_eq!(all.len(), counts::SHIHENG_EMPLOYEES);
    assert_eq!(all[0].name.as_deref(), Some("员工1"));
}
