//! Shared set-up of the end-to-end tests: a fake platform on loopback and
//! the generated clients pointed at it.
#![allow(dead_code)]

pub mod hostile;

use std::time::Duration;

use oapi_client::fake::{self, FakePlatform};
use oapi_client::{RetryPolicy, dingtalk, shiheng};

/// The DingTalk app secret the fake expects (what a leak would show).
pub fn dingtalk_secret() -> String {
    fake::credential("dingtalk", "app_secret")
}

/// The 食亨 secret the fake signs with.
pub fn shiheng_secret() -> String {
    fake::credential("shiheng", "app_secret")
}

/// Retries without the real waits, so fault tests stay fast.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
        total_budget: Duration::from_secs(10),
    }
}

pub async fn fake() -> FakePlatform {
    fake::start()
        .await
        .expect("the embedded specs serve on 127.0.0.1:0")
}

/// Clients of these tests send as fast as they call: the fake does not
/// count, and floods of a thousand calls test other things here
/// (`e2e_rate_limits` and `fleet` test the limits).
pub fn dingtalk_builder(fake: &FakePlatform) -> oapi_client::ClientBuilder<dingtalk::Client> {
    fake.configure(dingtalk::Client::builder())
        .enforce_rate_limits(false)
        .retry_policy(fast_retries())
        .timeout(Duration::from_secs(5))
}

pub fn dingtalk(fake: &FakePlatform) -> dingtalk::Client {
    dingtalk_builder(fake).build().expect("dingtalk client")
}

pub fn shiheng_builder(fake: &FakePlatform) -> oapi_client::ClientBuilder<shiheng::Client> {
    fake.configure(shiheng::Client::builder())
        .enforce_rate_limits(false)
        .retry_policy(fast_retries())
}

pub fn shiheng(fake: &FakePlatform) -> shiheng::Client {
    shiheng_builder(fake).build().expect("shiheng client")
}

/// Secrets that must never be printed: the app secrets and any issued token.
pub fn assert_no_secret(text: &str) {
    for secret in [
        dingtalk_secret().as_str(),
        shiheng_secret().as_str(),
        "fake-token-",
    ] {
        assert!(!text.contains(secret), "`{secret}` leaked in: {text}");
    }
}

/// Formats an error both ways and checks neither leaks a secret.
pub fn assert_error_clean(error: &oapi_client::Error) {
    assert_no_secret(&format!("{error}"));
    assert_no_secret(&format!("{error:?}"));
    assert!(
        error.endpoint().is_some(),
        "every call error names its endpoint: {error:?}"
    );
}
