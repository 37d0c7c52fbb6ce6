//! A page failing mid-stream ends the generated stream with its error.
//! (Every paged endpoint streaming to the end, every item once and in
//! order, is `e2e_every_endpoint`; each paging style in detail is `paging`.)

mod e2e_support;

use e2e_support::{dingtalk, fake};
use futures::StreamExt;
use oapi_client::dingtalk::hrm;
use oapi_client::fake::Fault;

#[tokio::test]
async fn a_page_failure_ends_the_stream_with_its_error() {
    let fake = fake().await;
    fake.set_items("dingtalk.hrm.querypreentry", 123);
    let client = dingtalk(&fake);
    // The second page is answered 90002 (endpoint banned): not retried.
    fake.inject_after(
        "/topapi/smartwork/hrm/employee/querypreentry",
        1,
        Fault::code("90002"),
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
    assert_eq!(
        fake.requests("/topapi/smartwork/hrm/employee/querypreentry"),
        2
    );
}
