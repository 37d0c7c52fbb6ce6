//! 1,000 concurrent calls on a cold token cache share one token request,
//! and none is lost.

mod e2e_support;

use std::time::Instant;

use e2e_support::{dingtalk, fake};
use oapi_client::dingtalk::hrm;
use oapi_client::fake::Fault;

/// Pending hires the fake lists.
const PREENTRIES: usize = 123;

const PREENTRY: &str = "/topapi/smartwork/hrm/employee/querypreentry";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_cold_calls_fetch_one_token() {
    let fake = fake().await;
    let client = dingtalk(&fake);
    let started = Instant::now();
    let calls: Vec<_> = (0..1000)
        .map(|i| {
            let client = client.clone();
            tokio::spawn(async move {
                let request = hrm::querypreentry::Request::new(i % 100, 10);
                client.hrm().querypreentry(&request).await
            })
        })
        .collect();
    let mut ok = 0;
    for call in calls {
        let page = call.await.expect("task").expect("call");
        assert!(page.result.is_some());
        ok += 1;
    }
    let elapsed = started.elapsed();
    assert_eq!(ok, 1000);
    assert_eq!(fake.token_requests(), 1, "one shared refresh");
    assert_eq!(fake.requests(PREENTRY), 1000);
    eprintln!("1000 concurrent calls, cold cache: {elapsed:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mid_run_expiry_is_refreshed_for_everyone() {
    let fake = fake().await;
    fake.set_items("dingtalk.hrm.querypreentry", PREENTRIES);
    let client = dingtalk(&fake);
    client
        .hrm()
        .querypreentry(&hrm::querypreentry::Request::new(0, 10))
        .await
        .expect("warm");
    fake.expire_tokens();
    // Some throttling on top: every call must still succeed.
    fake.inject(PREENTRY, Fault::code("90018"), 20);
    let calls: Vec<_> = (0..200)
        .map(|_| {
            let client = client.clone();
            tokio::spawn(async move {
                client
                    .hrm()
                    .querypreentry(&hrm::querypreentry::Request::new(0, 50))
                    .await
            })
        })
        .collect();
    for call in calls {
        let page = call.await.expect("task").expect("call");
        assert_eq!(
            page.result.and_then(|r| r.data_list).map(|l| l.len()),
            Some(50.min(PREENTRIES))
        );
    }
    // The cold start, then refreshes after the expiry; calls that saw the
    // old token share the new one (a stale token never evicts a newer one).
    assert_eq!(fake.token_requests(), 2);
}

/// An endpoint method's future borrows the client and the request, not the
/// group value `client.hrm()` it was called on: futures made in a loop can be
/// collected and joined on one task (this would not compile otherwise).
#[tokio::test]
async fn futures_from_endpoint_methods_can_be_collected_and_joined() {
    let fake = fake().await;
    fake.set_items("dingtalk.hrm.querypreentry", PREENTRIES);
    let client = dingtalk(&fake);
    let requests: Vec<_> = (0..20)
        .map(|offset| hrm::querypreentry::Request::new(offset, 5))
        .collect();
    let calls: Vec<_> = requests
        .iter()
        .map(|request| client.hrm().querypreentry(request))
        .collect();
    let pages = futures::future::join_all(calls).await;
    assert_eq!(pages.len(), 20);
    for (offset, page) in pages.into_iter().enumerate() {
        let items = page.expect("call").result.and_then(|r| r.data_list);
        let expected = PREENTRIES.saturating_sub(offset).min(5);
        assert_eq!(items.map_or(0, |l| l.len()), expected, "offset {offset}");
    }
    assert_eq!(fake.requests(PREENTRY), 20);
}

#[tokio::test]
async fn clients_sharing_a_token_store_share_the_token() {
    let fake = fake().await;
    let store = std::sync::Arc::new(oapi_client::MemoryTokenStore::default());
    let first = e2e_support::dingtalk_builder(&fake)
        .token_store(store.clone())
        .build()
        .expect("client");
    let second = e2e_support::dingtalk_builder(&fake)
        .token_store(store.clone())
        .build()
        .expect("client");
    let request = hrm::querypreentry::Request::new(0, 10);
    first.hrm().querypreentry(&request).await.expect("first");
    second.hrm().querypreentry(&request).await.expect("second");
    assert_eq!(fake.token_requests(), 1);
    // A separate store means a separate token.
    let third = dingtalk(&fake);
    third.hrm().querypreentry(&request).await.expect("third");
    assert_eq!(fake.token_requests(), 2);
}
