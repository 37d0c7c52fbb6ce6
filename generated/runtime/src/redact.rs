//! Keeps credentials out of error messages and logs.
//!
//! Response bodies and transport messages are quoted in errors; they can hold
//! an `access_token` (the token endpoint's answer, a URL echoed by a proxy), so
//! every quoted text goes through [`redact`] and is bounded by [`snippet`].

/// Longest quoted body, in characters: enough to see what went wrong,
/// short enough for a log line.
pub const SNIPPET_CHARS: usize = 512;

/// Names whose values are credentials, in query strings (`name=value`) and
/// JSON (`"name":"value"`).
const SECRET_NAMES: &[&str] = &[
    "access_token",
    "accessToken",
    "appsecret",
    "appSecret",
    "app_secret",
    "secret",
    "x-acs-dingtalk-access-token",
];

/// Replaces the value of every credential-named query parameter or JSON
/// string field with `***`.
pub fn redact(text: &str) -> String {
    let mut out = text.to_owned();
    for name in SECRET_NAMES {
        out = redact_query(&out, name);
        out = redact_json(&out, name);
    }
    out
}

/// `name=value` up to the next `&`, whitespace, quote or `#`.
fn redact_query(text: &str, name: &str) -> String {
    let needle = format!("{name}=");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&needle) {
        let value_start = at + needle.len();
        out.push_str(&rest[..value_start]);
        out.push_str("***");
        let value = &rest[value_start..];
        let end = value
            .find(|c: char| c == '&' || c == '#' || c == '"' || c == '\'' || c.is_whitespace())
            .unwrap_or(value.len());
        rest = &value[end..];
    }
    out.push_str(rest);
    out
}

/// `"name": "value"` (string values only; escaped quotes are skipped).
fn redact_json(text: &str, name: &str) -> String {
    let needle = format!("\"{name}\"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&needle) {
        let after_name = at + needle.len();
        out.push_str(&rest[..after_name]);
        let tail = &rest[after_name..];
        let trimmed = tail.trim_start();
        let Some(after_colon) = trimmed.strip_prefix(':') else {
            rest = tail;
            continue;
        };
        let value = after_colon.trim_start();
        let Some(inner) = value.strip_prefix('"') else {
            rest = tail;
            continue;
        };
        out.push_str(":\"***\"");
        rest = match closing_quote(inner) {
            Some(end) => &inner[end + 1..],
            // A truncated body: the value runs to the end.
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// Byte index of the first unescaped `"`.
fn closing_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    for (index, c) in text.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(index),
            _ => escaped = false,
        }
    }
    None
}

/// The first [`SNIPPET_CHARS`] characters of a body, redacted, lossily
/// decoded, with `…` when cut.
pub fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let redacted = redact(&text);
    let mut chars = redacted.chars();
    let mut out: String = chars.by_ref().take(SNIPPET_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_tokens_are_redacted() {
        let text = "error sending request for url (http://h/x?a=1&access_token=SECRET123&b=2)";
        let out = redact(text);
        assert!(!out.contains("SECRET123"), "{out}");
        assert!(out.contains("access_token=***&b=2"), "{out}");
    }

    #[test]
    fn json_tokens_are_redacted() {
        let text = r#"{"errcode":0,"access_token" : "tok\"en-1","expires_in":7200}"#;
        let out = redact(text);
        assert_eq!(
            out,
            r#"{"errcode":0,"access_token":"***","expires_in":7200}"#
        );
    }

    #[test]
    fn truncated_json_token_is_redacted() {
        let out = redact(r#"{"access_token":"abcdef"#);
        assert!(!out.contains("abcdef"), "{out}");
    }

    #[test]
    fn snippets_are_bounded() {
        let long = "x".repeat(2_000);
        let out = snippet(long.as_bytes());
        assert_eq!(out.chars().count(), SNIPPET_CHARS + 1);
        assert!(out.ends_with('…'));
        assert_eq!(snippet("短".as_bytes()), "短");
    }
}
