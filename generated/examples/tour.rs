//! A guided tour of the generated DingTalk and 食亨 clients.
//!
//! ```text
//! cargo run -p oapi-client --example tour --features fake-server
//! ```
//!
//! By default it starts the embedded fake platform on loopback and points
//! both clients at it. With real credentials in the environment it targets
//! the real platforms instead:
//!
//! - `DINGTALK_APP_KEY`, `DINGTALK_APP_SECRET` (and `DINGTALK_USERID`, an
//!   announcement administrator, default `manager01`). The write steps
//!   (creating, updating, deleting an announcement) run against the real
//!   platform only with `DINGTALK_TOUR_WRITE=1`.
//! - `SHIHENG_APP_ID`, `SHIHENG_APP_SECRET` (and `SHIHENG_BASE_URL`: the
//!   spec's host is an assumption to confirm with 食亨).

use std::env;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use oapi_client::dingtalk::{blackboard, hrm, report};
use oapi_client::fake::{self, FakePlatform, Fault};
use oapi_client::shiheng::employee;
use oapi_client::{Error, dingtalk, shiheng};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

const DAY_MS: i64 = 86_400_000;

fn credentials(key: &str, secret: &str) -> Option<(String, String)> {
    Some((env::var(key).ok()?, env::var(secret).ok()?))
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as i64)
}

fn step(title: &str) {
    println!("\n── {title}");
}

/// Prints an error the way an application would log it.
fn show(error: &Error) {
    println!("   ✗ {error}");
    println!(
        "     retryable: {}, endpoint: {}",
        error.is_retryable(),
        error.endpoint().unwrap_or("-")
    );
}

#[tokio::main]
async fn main() -> Result<()> {
    // Retries are logged at WARN: show them inline.
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_target(false)
        .without_time()
        .with_ansi(false)
        .compact()
        .init();

    let real_dingtalk = credentials("DINGTALK_APP_KEY", "DINGTALK_APP_SECRET");
    let real_shiheng = credentials("SHIHENG_APP_ID", "SHIHENG_APP_SECRET");
    let fake = if real_dingtalk.is_none() || real_shiheng.is_none() {
        let fake = fake::start().await?;
        println!(
            "Fake platform (served from spec/) listening on {}",
            fake.base_url()
        );
        // Listings long enough to page through.
        for (endpoint, items) in [
            ("dingtalk.report.list", 47),
            ("dingtalk.hrm.querypreentry", 123),
            ("dingtalk.hrm.dismissions", 75),
            ("shiheng.employee.list", 47),
        ] {
            fake.set_items(endpoint, items);
        }
        Some(fake)
    } else {
        None
    };

    let dingtalk = match (&real_dingtalk, &fake) {
        (Some((key, secret)), _) => {
            println!(
                "DingTalk: real platform (https://oapi.dingtalk.com, https://api.dingtalk.com)"
            );
            dingtalk::Client::builder()
                .credentials(key, secret)
                .build()?
        }
        (None, Some(fake)) => fake.configure(dingtalk::Client::builder()).build()?,
        (None, None) => unreachable!("the fake runs whenever credentials are missing"),
    };
    let shiheng = match (&real_shiheng, &fake) {
        (Some((id, secret)), _) => {
            let mut builder = shiheng::Client::builder().credentials(id, secret);
            if let Ok(url) = env::var("SHIHENG_BASE_URL") {
                builder = builder.base_url("open", url);
            }
            println!(
                "食亨: real platform (signature and host are assumptions, see docs/runtime.md)"
            );
            builder.build()?
        }
        (None, Some(fake)) => fake.configure(shiheng::Client::builder()).build()?,
        (None, None) => unreachable!("the fake runs whenever credentials are missing"),
    };
    let on_fake = real_dingtalk.is_none();
    let writes = on_fake || env::var("DINGTALK_TOUR_WRITE").as_deref() == Ok("1");
    let operator = env::var("DINGTALK_USERID").unwrap_or_else(|_| "manager01".to_owned());

    // 1. The access token: fetched once, cached, never printed.
    step("1. Access token (GET /gettoken, cached until shortly before expires_in)");
    let token = dingtalk.0.access_token().await?;
    println!("   ✓ token obtained: {token} (a Secret: Display and Debug never show it)");
    if let Some(fake) = &fake {
        println!("   /gettoken requests so far: {}", fake.token_requests());
    }

    // 2. Announcements: create, list, get, update, delete.
    if writes {
        blackboard_tour(&dingtalk, &operator, fake.as_ref()).await?;
    } else {
        step("2. Announcements: skipped on the real platform (set DINGTALK_TOUR_WRITE=1)");
    }

    // 3. Paging.
    let (start, end) = if on_fake {
        (now_ms() - 30 * DAY_MS, now_ms())
    } else {
        (now_ms() - 179 * DAY_MS, now_ms())
    };
    step("3. Reports sent (report.list: cursor/size → next_cursor, has_more)");
    let mut cursor = 0;
    let mut total = 0;
    for page_no in 1.. {
        let page = dingtalk
            .report()
            .list(&report::list::Request::new(start, end, cursor, 20))
            .await?
            .result
            .unwrap_or_default();
        let reports = page.data_list.unwrap_or_default();
        total += reports.len();
        let first = reports
            .first()
            .map(|r| {
                format!(
                    "first: {} by {}",
                    r.report_id.as_deref().unwrap_or("?"),
                    r.creator_name.as_deref().unwrap_or("?")
                )
            })
            .unwrap_or_default();
        println!(
            "   page {page_no}: {:>2} reports, has_more={:?}, next_cursor={:?}  {first}",
            reports.len(),
            page.has_more,
            page.next_cursor
        );
        match page.next_cursor {
            Some(next) if page.has_more != Some(false) => cursor = next,
            _ => break,
        }
    }
    println!("   ✓ {total} reports in all");

    step("4. Pending hires (hrm.querypreentry: offset/size ≤ 50 → next_cursor)");
    let mut offset = 0;
    let mut hires = 0;
    loop {
        let page = dingtalk
            .hrm()
            .querypreentry(&hrm::querypreentry::Request::new(offset, 50))
            .await?
            .result
            .unwrap_or_default();
        let ids = page.data_list.unwrap_or_default();
        hires += ids.len();
        println!(
            "   offset {offset:>3}: {:>2} userids, next_cursor={:?}",
            ids.len(),
            page.next_cursor
        );
        match page.next_cursor {
            Some(next) => offset = next,
            None => break,
        }
    }
    println!("   ✓ {hires} pending hires");

    step("5. Employees who left (api.dingtalk.com v1.0, token in a header: nextToken/hasMore)");
    let mut next_token = None;
    let mut left = 0;
    loop {
        let mut request = hrm::dismissions::Request::new().max_results(50);
        if let Some(token) = next_token {
            request = request.next_token(token);
        }
        let page = dingtalk.hrm().dismissions(&request).await?;
        let ids = page.user_id_list.unwrap_or_default();
        left += ids.len();
        println!(
            "   {:>2} userids, hasMore={:?}, nextToken={:?}",
            ids.len(),
            page.has_more,
            page.next_token
        );
        if page.has_more != Some(true) {
            break;
        }
        next_token = page.next_token;
    }
    println!("   ✓ {left} employees left");

    step("6. 食亨 employees (signed envelope: pageNum/pageSize → pages/total)");
    match shiheng
        .employee()
        .list(&employee::list::Request::new(1, 20))
        .await
    {
        Ok(first) => {
            let pages = first.pages.unwrap_or(1);
            println!("   total {:?}, {pages} pages of 20", first.total);
            let mut count = first.result.map_or(0, |r| r.len());
            println!("   page 1: {count} employees");
            for page in 2..=pages.min(10) {
                let next = shiheng
                    .employee()
                    .list(&employee::list::Request::new(page, 20))
                    .await?;
                let n = next.result.map_or(0, |r| r.len());
                println!("   page {page}: {n} employees");
                count += n;
            }
            println!("   ✓ {count} employees read");
        }
        Err(error) => show(&error),
    }

    step("7. A request that breaks a documented limit is refused before any I/O");
    match dingtalk
        .hrm()
        .querypreentry(&hrm::querypreentry::Request::new(0, 51))
        .await
    {
        Ok(_) => println!("   unexpected: accepted"),
        Err(error) => show(&error),
    }

    if let Some(fake) = &fake {
        step(
            "8. Throttling: the fake answers errcode 90018 once; the client backs off and retries",
        );
        let path = "/topapi/smartwork/hrm/employee/querypreentry";
        let before = fake.requests(path);
        fake.inject(path, Fault::code("90018"), 1);
        let page = dingtalk
            .hrm()
            .querypreentry(&hrm::querypreentry::Request::new(0, 10))
            .await?;
        println!(
            "   ✓ succeeded with {} userids after {} requests (1 throttled + 1 retry)",
            page.result.and_then(|r| r.data_list).map_or(0, |l| l.len()),
            fake.requests(path) - before
        );

        step("9. A token that expires mid-run is refreshed once, transparently");
        fake.expire_tokens();
        let tokens = fake.token_requests();
        dingtalk
            .hrm()
            .querypreentry(&hrm::querypreentry::Request::new(0, 10))
            .await?;
        println!(
            "   ✓ errcode 40014 → new token ({} more /gettoken) → retried",
            fake.token_requests() - tokens
        );

        step("10. What the server saw");
        println!(
            "   {} requests in all, {} token requests",
            fake.total_requests(),
            fake.token_requests()
        );
    }
    println!("\nDone.");
    tokio::time::sleep(Duration::from_millis(10)).await;
    Ok(())
}

async fn blackboard_tour(
    client: &dingtalk::Client,
    operator: &str,
    fake: Option<&FakePlatform>,
) -> Result<()> {
    step("2. Announcements (blackboard): create → listids → get → update → delete");
    let receiver =
        blackboard::create::BlackboardReceiver::new().userid_list(vec![operator.to_owned()]);
    let create = blackboard::create::Request::new(
        blackboard::create::CreateRequest::new(
            operator,
            receiver,
            "入职须知",
            "欢迎加入我们的大家庭",
        )
        .author("oapi-client tour"),
    );
    let created = client.blackboard().create(&create).await?;
    println!("   ✓ create: result={:?}", created.result);

    let ids = client
        .blackboard()
        .listids(&blackboard::listids::Request::new(
            blackboard::listids::QueryRequest::new(operator, 30, 1),
        ))
        .await?
        .result
        .unwrap_or_default();
    println!("   ✓ listids: {} announcement(s)", ids.len());
    // The create answer carries no id: find ours by title among the listed ones.
    let mut ours = None;
    for id in &ids {
        let detail = client
            .blackboard()
            .get(&blackboard::get::Request::new(id.clone(), operator))
            .await?
            .result
            .unwrap_or_default();
        if detail.title.as_deref() == Some("入职须知")
            && detail.author.as_deref() == Some("oapi-client tour")
        {
            println!(
                "   ✓ get {id}: 「{}」 by {}, created {}",
                detail.title.as_deref().unwrap_or(""),
                detail.author.as_deref().unwrap_or(""),
                detail.gmt_create.as_deref().unwrap_or("?")
            );
            ours = Some(id.clone());
            break;
        }
    }
    let Some(id) = ours else {
        println!("   (our announcement is not among the first 30 listed; stopping here)");
        return Ok(());
    };
    let update = blackboard::update::Request::new(blackboard::update::UpdateRequest::new(
        id.clone(),
        "入职须知（更新）",
        "欢迎加入我们的大家庭！",
        operator,
    ));
    let updated = client.blackboard().update(&update).await?;
    let title = client
        .blackboard()
        .get(&blackboard::get::Request::new(id.clone(), operator))
        .await?
        .result
        .and_then(|r| r.title)
        .unwrap_or_default();
    println!(
        "   ✓ update: result={:?}, title now 「{title}」",
        updated.result
    );
    let deleted = client
        .blackboard()
        .delete(&blackboard::delete::Request::new(id.clone(), operator))
        .await?;
    println!("   ✓ delete: result={:?}", deleted.result);
    if let Some(fake) = fake {
        println!(
            "   announcements left on the fake: {}",
            fake.store_len("blackboards")
        );
    }
    Ok(())
}
