//! The tracing output of calls (spans, retries, token refreshes, errors)
//! names endpoints and attempts but never a token or secret.

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::dingtalk::hrm;
use crate::fake::{self, Fault};
use crate::runtime::retry::RetryPolicy;

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut out) = self.0.lock() {
            out.extend_from_slice(buf);
        }
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_name_endpoints_and_never_tokens() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let fake = fake::start().await.expect("bind");
    let client: crate::dingtalk::Client = fake
        .configure(crate::dingtalk::Client::builder())
        .retry_policy(RetryPolicy {
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(2),
            ..RetryPolicy::default()
        })
        .build()
        .expect("client");
    let path = "/topapi/smartwork/hrm/employee/querypreentry";
    let request = hrm::querypreentry::Request::new(0, 10);
    client.hrm().querypreentry(&request).await.expect("first");
    fake.inject(path, Fault::code("90018"), 1);
    client.hrm().querypreentry(&request).await.expect("retried");
    fake.expire_tokens();
    client
        .hrm()
        .querypreentry(&request)
        .await
        .expect("refreshed");
    client
        .hrm()
        .dismissions(&hrm::dismissions::Request::new())
        .await
        .expect("v1.0");
    fake.inject(path, Fault::code("90002"), 1);
    let _ = client.hrm().querypreentry(&request).await;

    let text = capture
        .0
        .lock()
        .map(|out| String::from_utf8_lossy(&out).into_owned())
        .unwrap_or_default();
    assert!(text.contains("oapi.call"), "{text}");
    assert!(text.contains("endpoint=\"hrm.querypreentry\""), "{text}");
    assert!(text.contains("attempt=2"), "{text}");
    assert!(text.contains("token rejected"), "{text}");
    assert!(text.contains("90002"), "{text}");
    assert!(!text.contains("fake-token-"), "token in logs:\n{text}");
    assert!(
        !text.contains(&crate::fake::credential("dingtalk", "app_secret")),
        "secret in logs:\n{text}"
    );
}
