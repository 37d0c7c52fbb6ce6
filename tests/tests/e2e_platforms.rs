//! The three platforms added from the corpus pages as YAML alone (飞书,
//! 企业微信, 分贝通), end to end against the fake platform: each one's token
//! flow, its signature checked byte for byte by the page's own formula,
//! its codes classified (refresh, back off, surface), retries and paging.

mod e2e_support;

use std::collections::HashMap;

use e2e_support::fast_retries;
use futures::TryStreamExt;
use md5::{Digest, Md5};
use oapi_client::fake::{self, FakePlatform, Fault};
use oapi_client::{CodeClass, Error, feishu, fenbeitong, wecom};
use serde::de::DeserializeOwned;

/// A request of endpoint `platform.group.endpoint` that its documented rules
/// accept, typed.
fn request<R: DeserializeOwned>(fake: &FakePlatform, name: &str) -> R {
    let (platform, op) = name.split_once('.').expect("platform.group.endpoint");
    let endpoint = fake
        .api()
        .platforms
        .iter()
        .filter(|p| p.module == platform)
        .flat_map(|p| p.groups.iter().flat_map(|g| &g.endpoints))
        .find(|e| e.op_name == op)
        .unwrap_or_else(|| panic!("no endpoint {name}"));
    serde_json::from_value(fake::example::request(endpoint)).expect("the example request types")
}

fn form(body: &[u8]) -> HashMap<String, String> {
    form_urlencoded::parse(body).into_owned().collect()
}

async fn fake() -> FakePlatform {
    fake::start().await.expect("the embedded specs serve")
}

fn feishu_client(fake: &FakePlatform) -> feishu::Client {
    fake.configure(feishu::Client::builder())
        .retry_policy(fast_retries())
        .build()
        .unwrap()
}

const FEISHU_TOKEN: &str = "/open-apis/auth/v3/tenant_access_token/internal";
const FEISHU_CREATE: &str = "/open-apis/approval/v4/instances";

#[tokio::test]
async fn feishu_tenant_token_as_bearer_refreshed_once_when_rejected() {
    let fake = fake().await;
    let client = feishu_client(&fake);
    let create: feishu::approval::instance_create::Request =
        request(&fake, "feishu.approval.instance_create");
    client
        .approval()
        .instance_create(&create)
        .await
        .expect("created");
    // The token request: JSON {app_id, app_secret}, once.
    assert_eq!(fake.token_requests(), 1);
    let sent: serde_json::Value = serde_json::from_slice(&fake.bodies(FEISHU_TOKEN)[0]).unwrap();
    assert_eq!(sent["app_id"], fake::credential("feishu", "app_id"));
    assert_eq!(sent["app_secret"], fake::credential("feishu", "app_secret"));
    // The fake refused nothing: the Bearer header carried the token.
    assert!(
        fake.verdicts().iter().all(|v| v.verdict == "ok"),
        "{:?}",
        fake.verdicts()
    );

    // Every token dies: refused with 99991663 (the first token code), the
    // client fetches one new token and retries once.
    fake.expire_tokens();
    client
        .approval()
        .instance_create(&create)
        .await
        .expect("after a refresh");
    assert_eq!(fake.token_requests(), 2);
    assert_eq!(fake.requests(FEISHU_CREATE), 3);
    let refused = &fake.verdicts()[fake.verdicts().len() - 3];
    assert!(refused.verdict.contains("token"), "{refused:?}");
}

#[tokio::test]
async fn feishu_codes_are_classified_by_the_spec() {
    let fake = fake().await;
    let client = feishu_client(&fake);
    let create: feishu::approval::instance_create::Request =
        request(&fake, "feishu.approval.instance_create");
    // 99991400 is throttling: backed off and retried (a POST may be resent:
    // the platform refused it without acting).
    fake.inject(FEISHU_CREATE, Fault::code("99991400"), 2);
    client
        .approval()
        .instance_create(&create)
        .await
        .expect("retried");
    assert_eq!(fake.requests(FEISHU_CREATE), 3);
    // Any other code is surfaced at once, with its message and no retry.
    fake.inject("feishu.approval.instance_create", Fault::code("1390001"), 1);
    let error = client
        .approval()
        .instance_create(&create)
        .await
        .unwrap_err();
    match &error {
        Error::Platform {
            code,
            class,
            message,
            ..
        } => {
            assert_eq!((code.as_str(), *class), ("1390001", CodeClass::Other));
            assert_eq!(message, "injected failure");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fake.requests(FEISHU_CREATE), 4);
}

#[tokio::test]
async fn feishu_page_token_paging_reads_every_department_once() {
    let fake = fake().await;
    fake.set_items("feishu.contact.department_children", 123);
    let client = fake.configure(feishu::Client::builder()).build().unwrap();
    let mut first: feishu::contact::department_children::Request =
        request(&fake, "feishu.contact.department_children");
    first.page_token = None;
    first.page_size = Some(50);
    let items: Vec<_> = client
        .contact()
        .department_children_items(first)
        .try_collect()
        .await
        .unwrap();
    let names: Vec<String> = items.iter().filter_map(|d| d.name.clone()).collect();
    assert_eq!(names.len(), 123);
    let distinct: std::collections::HashSet<_> = names.iter().collect();
    assert_eq!(distinct.len(), 123, "no department repeated");
    assert_eq!(
        fake.requests("/open-apis/contact/v3/departments/{department_id}/children"),
        3
    );
}

const WECOM_TOKEN: &str = "/cgi-bin/gettoken";

#[tokio::test]
async fn wecom_token_in_the_query_refreshed_on_42001_and_throttling_retried() {
    let fake = fake().await;
    fake.reject_tokens_with(fake::TokenRejection::Code("42001".into()));
    let client = fake
        .configure(wecom::Client::builder())
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let get: wecom::oa::getapprovalinfo::Request = request(&fake, "wecom.oa.getapprovalinfo");
    let path = "/cgi-bin/oa/getapprovalinfo";
    client.oa().getapprovalinfo(&get).await.expect("answered");
    assert_eq!(fake.requests(WECOM_TOKEN), 1);
    assert!(
        fake.verdicts().iter().all(|v| v.verdict == "ok"),
        "{:?}",
        fake.verdicts()
    );

    fake.expire_tokens();
    client.oa().getapprovalinfo(&get).await.expect("refreshed");
    assert_eq!(fake.requests(WECOM_TOKEN), 2);
    assert_eq!(fake.requests(path), 3);

    fake.inject(path, Fault::code("45009"), 1);
    client
        .oa()
        .getapprovalinfo(&get)
        .await
        .expect("backed off and retried");
    assert_eq!(fake.requests(path), 5);

    // A refused secret: the token endpoint's own code, no endpoint request.
    let wrong = fake
        .configure(wecom::Client::builder())
        .credential("corpsecret", "not-the-secret")
        .build()
        .unwrap();
    let error = wrong.oa().getapprovalinfo(&get).await.unwrap_err();
    assert!(matches!(error, Error::Auth { .. }), "{error:?}");
    assert_eq!(fake.requests(path), 5);
}

const FBT_TOKEN: &str = "/open/api/auth/v1/dispense";
const FBT_CREATE: &str = "/open/api/third/budget/create";

#[tokio::test]
async fn fenbeitong_signs_timestamp_and_data_as_the_page_says() {
    let fake = fake().await;
    let client = fake
        .configure(fenbeitong::Client::builder())
        .build()
        .unwrap();
    let create: fenbeitong::budget::create::Request = request(&fake, "fenbeitong.budget.create");
    client.budget().create(&create).await.expect("created");

    // The token: a form POST of app_id and app_key.
    let token_form = form(&fake.bodies(FBT_TOKEN)[0]);
    assert_eq!(
        token_form["app_id"],
        fake::credential("fenbeitong", "app_id")
    );
    assert_eq!(
        token_form["app_key"],
        fake::credential("fenbeitong", "app_key")
    );

    // The request: the page's envelope, form-encoded, in its order.
    let body = fake.bodies(FBT_CREATE)[0].clone();
    let names: Vec<String> = form_urlencoded::parse(&body)
        .map(|(k, _)| k.into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "timestamp",
            "sign",
            "access_token",
            "employee_id",
            "employee_type",
            "data"
        ]
    );
    let sent = form(&body);
    assert_eq!(
        sent["employee_id"],
        fake::credential("fenbeitong", "employee_id")
    );
    assert!(sent["access_token"].starts_with("fake-token-"));
    let timestamp: i64 = sent["timestamp"].parse().expect("13 digits");
    assert_eq!(sent["timestamp"].len(), 13);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    assert!((now - timestamp).abs() < 60_000);
    // data: the parameters' JSON text, as the request serialises.
    let data: serde_json::Value = serde_json::from_str(&sent["data"]).unwrap();
    assert_eq!(data, serde_json::to_value(&create).unwrap());

    // The page's own formula (3. 签名示例, its third form), computed here
    // independently: md5Hex("timestamp=" + timestamp + "&data=" + jsonData
    // + "&sign_key=" + signKey) of the UTF-8 bytes, lower-case hex.
    let sign_key = fake::credential("fenbeitong", "sign_key");
    let text = format!(
        "timestamp={}&data={}&sign_key={sign_key}",
        sent["timestamp"], sent["data"]
    );
    let expected: String = Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(sent["sign"], expected);
    assert!(
        !body
            .windows(sign_key.len())
            .any(|w| w == sign_key.as_bytes()),
        "sign_key is not sent"
    );

    // Signed with another key, the fake (which checks by the same formula) refuses it.
    let wrong = fake
        .configure(fenbeitong::Client::builder())
        .credential("sign_key", "another-key")
        .build()
        .unwrap();
    let error = wrong.budget().create(&create).await.unwrap_err();
    assert!(
        matches!(&error, Error::Platform { message, .. } if message.contains("signature")),
        "{error:?}"
    );
}

#[tokio::test]
async fn fenbeitong_orders_page_by_page_index() {
    let fake = fake().await;
    fake.set_items("fenbeitong.flight.order_list", 47);
    let client = fake
        .configure(fenbeitong::Client::builder())
        .build()
        .unwrap();
    let mut first: fenbeitong::flight::order_list::Request =
        request(&fake, "fenbeitong.flight.order_list");
    first.page_index = Some(1);
    first.page_size = Some(20);
    let orders: Vec<_> = client
        .flight()
        .order_list_items(first)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(orders.len(), 47);
    assert_eq!(fake.requests("/open/api/flight/order/list"), 3);
}
