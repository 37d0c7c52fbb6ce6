//! 食亨's signed request envelope.
//!
//! 食亨 does not publish its signature algorithm. [`TopMd5Signer`] follows
//! the convention most Chinese open platforms share, as the Taobao TOP
//! platform documents it: every envelope parameter except `sign`, sorted by
//! name, concatenated as name+value (`paramContent` as its compact JSON text),
//! wrapped with the secret on both ends, MD5, upper-case hex. **This is an
//! assumption to confirm with 食亨**; plug another [`Signer`] into the
//! client builder if theirs differs.

use md5::{Digest, Md5};

use crate::secret::Secret;

/// Computes the `sign` of an envelope.
pub trait Signer: Send + Sync + 'static {
    /// `params` holds every envelope parameter except `sign`, in envelope
    /// order, as (name, text); `paramContent`'s text is the compact JSON sent.
    fn sign(&self, params: &[(&str, &str)], secret: &Secret<String>) -> String;
}

/// `MD5(secret + name1 + value1 + name2 + value2 … + secret)`, names sorted,
/// upper-case hex: the TOP convention (see the module docs).
#[derive(Debug, Clone, Copy, Default)]
pub struct TopMd5Signer;

impl Signer for TopMd5Signer {
    fn sign(&self, params: &[(&str, &str)], secret: &Secret<String>) -> String {
        let mut sorted = params.to_vec();
        sorted.sort_by(|a, b| a.0.cmp(b.0));
        let mut md5 = Md5::new();
        md5.update(secret.expose().as_bytes());
        for (name, value) in sorted {
            md5.update(name.as_bytes());
            md5.update(value.as_bytes());
        }
        md5.update(secret.expose().as_bytes());
        md5.finalize().iter().map(|b| format!("{b:02X}")).collect()
    }
}

/// The envelope's parts besides `sign`.
#[derive(Debug, Clone, Copy)]
pub struct EnvelopeParts<'a> {
    /// `appId`.
    pub app_id: &'a str,
    /// `version`, the gateway's.
    pub version: &'a str,
    /// `timestamp`, epoch milliseconds.
    pub timestamp_ms: u64,
    /// `paramContent`: the request's compact JSON, `None` when it has no
    /// parameters (then it is neither sent nor signed).
    pub param_content: Option<&'a [u8]>,
}

/// The request body: `{"appId","sign","version","timestamp","paramContent"}`.
/// `paramContent` is embedded as JSON (the docs type it `object`), byte for
/// byte as serialised once for all attempts; only `timestamp` and `sign`
/// change between attempts.
pub fn signed_body(
    parts: EnvelopeParts<'_>,
    signer: &dyn Signer,
    secret: &Secret<String>,
) -> Vec<u8> {
    let timestamp = parts.timestamp_ms.to_string();
    let content = parts
        .param_content
        .map(|bytes| String::from_utf8_lossy(bytes));
    let mut params: Vec<(&str, &str)> = vec![
        ("appId", parts.app_id),
        ("version", parts.version),
        ("timestamp", &timestamp),
    ];
    if let Some(content) = &content {
        params.push(("paramContent", content));
    }
    let sign = signer.sign(&params, secret);
    let mut body = Vec::with_capacity(128 + content.as_ref().map_or(0, |c| c.len()));
    body.extend_from_slice(b"{\"appId\":");
    body.extend_from_slice(json_string(parts.app_id).as_bytes());
    body.extend_from_slice(b",\"sign\":");
    body.extend_from_slice(json_string(&sign).as_bytes());
    body.extend_from_slice(b",\"version\":");
    body.extend_from_slice(json_string(parts.version).as_bytes());
    body.extend_from_slice(b",\"timestamp\":");
    body.extend_from_slice(timestamp.as_bytes());
    if let Some(content) = &content {
        body.extend_from_slice(b",\"paramContent\":");
        body.extend_from_slice(content.as_bytes());
    }
    body.push(b'}');
    body
}

fn json_string(text: &str) -> String {
    // ok: serialising a &str to JSON cannot fail.
    serde_json::to_string(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn envelope_byte_for_byte() {
        // Expected sign computed by hand:
        //   printf '%s' 'sk-123appIdapp-1paramContent{"pageNum":1,"pageSize":20}timestamp1700000000000version1.0sk-123' \
        //     | md5sum | tr a-f A-F
        let secret = Secret::new("sk-123".to_owned());
        let body = signed_body(
            EnvelopeParts {
                app_id: "app-1",
                version: "1.0",
                timestamp_ms: 1_700_000_000_000,
                param_content: Some(br#"{"pageNum":1,"pageSize":20}"#),
            },
            &TopMd5Signer,
            &secret,
        );
        assert_eq!(
            String::from_utf8(body).unwrap(),
            concat!(
                r#"{"appId":"app-1","sign":"43920A9E220DEACF4F0D7BF279BE6DB7","version":"1.0","#,
                r#""timestamp":1700000000000,"paramContent":{"pageNum":1,"pageSize":20}}"#
            )
        );
    }

    #[test]
    fn no_param_content_is_neither_sent_nor_signed() {
        // printf '%s' 'sk-123appIdapp-1timestamp1700000000000version1.0sk-123' | md5sum
        let secret = Secret::new("sk-123".to_owned());
        let parts = EnvelopeParts {
            app_id: "app-1",
            version: "1.0",
            timestamp_ms: 1_700_000_000_000,
            param_content: None,
        };
        let body = String::from_utf8(signed_body(parts, &TopMd5Signer, &secret)).unwrap();
        assert_eq!(
            body,
            r#"{"appId":"app-1","sign":"7E97D7708CE868C51C2D5AF1DAC4D244","version":"1.0","timestamp":1700000000000}"#
        );
    }
}
