//! Keeps credentials out of error messages and logs, and keeps what a server
//! sends from forging log lines or flooding them.
//!
//! Every text quoted from the network (a platform's message, a body snippet,
//! a transport error) goes through [`quote`] or [`snippet`] before it is put
//! in an [`Error`](crate::error::Error):
//!
//! 1. values of credential-like names are replaced by `***`, in query strings
//!    (`access_token=…`), JSON (`"appSecret": "…"`), headers
//!    (`x-token: …`) and `Bearer …`; a name is credential-like when it
//!    contains `token`, `secret`, `passw`, `credential`, `signkey`/`sign_key`,
//!    `appkey`/`app_key`, `apikey`/`api_key` or `private_key`, in any case;
//! 2. control characters (newlines, ESC…), bidirectional controls and line
//!    separators are escaped as `\u{…}`, so a message stays one inert line;
//! 3. the result is bounded to [`SNIPPET_CHARS`] characters (`…` when cut).
//!
//! The client also replaces every secret value it knows (its credentials and
//! the tokens it holds) wherever it appears, with [`Redactor`].

use std::borrow::Cow;

/// Longest quoted text, in characters: enough to see what went wrong,
/// short enough for a log line.
pub const SNIPPET_CHARS: usize = 512;

/// Text is cut to this many characters before it is searched, so a huge
/// message costs no more than a short one; a secret straddling this cut is
/// beyond what [`SNIPPET_CHARS`] keeps.
const SCAN_CHARS: usize = 4 * SNIPPET_CHARS;

/// Fragments that make a name credential-like (compared lower-cased).
const SECRET_FRAGMENTS: &[&str] = &[
    "token",
    "secret",
    "passw",
    "credential",
    "signkey",
    "sign_key",
    "appkey",
    "app_key",
    "apikey",
    "api_key",
    "private_key",
];

/// Whether values of `name` are credentials (see the module docs).
pub fn is_secret_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    SECRET_FRAGMENTS.iter().any(|f| lower.contains(f))
}

/// A network-quoted text made safe to keep in an error: redacted, escaped,
/// bounded (see the module docs).
pub fn quote(text: &str) -> String {
    let head = cut(text, SCAN_CHARS);
    let redacted = redact(head.0);
    bound(&escape(&redacted), SNIPPET_CHARS, head.1)
}

/// The start of a body as [`quote`]d text (lossily decoded).
pub fn snippet(body: &[u8]) -> String {
    // Decode no more than could be kept (4 bytes per character at most).
    let end = body.len().min(SCAN_CHARS * 4);
    let text = String::from_utf8_lossy(&body[..end]);
    let mut quoted = quote(&text);
    if end < body.len() && !quoted.ends_with('…') {
        quoted.push('…');
    }
    quoted
}

/// The first `max` characters of `text`, and whether it was longer.
fn cut(text: &str, max: usize) -> (&str, bool) {
    match text.char_indices().nth(max) {
        Some((at, _)) => (&text[..at], true),
        None => (text, false),
    }
}

/// `text` bounded to `max` characters, `…` when cut (here or before).
fn bound(text: &str, max: usize, already_cut: bool) -> String {
    let (head, cut_here) = cut(text, max);
    let mut out = head.to_owned();
    if cut_here || already_cut {
        out.push('…');
    }
    out
}

/// Whether `c` must not reach a log line as itself.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}'
        )
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Control, bidirectional and separator characters as `\u{…}`.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Replaces the value of every credential-like name (see the module docs)
/// with `***`. Not bounded: use [`quote`] for network text.
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // `text[..copied]` is in `out`; separators are searched from `from`.
    let mut copied = 0;
    let mut from = 0;
    while let Some(offset) = text[from..].find(['=', ':', ' ']) {
        let at = from + offset;
        let name = trailing_name(&text[..at]);
        let after = &text[at + 1..];
        let value = match text.as_bytes()[at] {
            b'=' if is_secret_name(name) => value_end(after, b"&#\"' \t\r\n,;)"),
            b':' if is_secret_name(name) => json_or_header_value(after),
            b' ' if name.eq_ignore_ascii_case("bearer") => value_end(after, b"\"' \t\r\n,;"),
            _ => None,
        };
        match value {
            Some((start, end)) if end > start => {
                out.push_str(&text[copied..at + 1 + start]);
                out.push_str("***");
                copied = at + 1 + end;
                from = copied;
            }
            _ => from = at + 1,
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The name just before a separator: `a-b_c.d` characters, spaces and the
/// closing quote of a JSON key skipped.
fn trailing_name(before: &str) -> &str {
    let trimmed = before.trim_end_matches([' ', '\t']);
    let trimmed = trimmed.strip_suffix('"').unwrap_or(trimmed);
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .last()
        .map_or(trimmed.len(), |(i, _)| i);
    &trimmed[start..]
}

/// `(start, end)` of a value running until one of `stops`.
fn value_end(text: &str, stops: &[u8]) -> Option<(usize, usize)> {
    let end = text
        .bytes()
        .position(|b| stops.contains(&b))
        .unwrap_or(text.len());
    Some((0, end))
}

/// After `name:`: a JSON string value (`"…"`, escapes honoured), or a header
/// value running to the end of the line.
fn json_or_header_value(text: &str) -> Option<(usize, usize)> {
    let lead = text.len() - text.trim_start_matches([' ', '\t']).len();
    let value = &text[lead..];
    if let Some(inner) = value.strip_prefix('"') {
        let close = closing_quote(inner).unwrap_or(inner.len());
        return Some((lead + 1, lead + 1 + close));
    }
    if value.starts_with(['{', '[']) || value.starts_with(|c: char| c.is_ascii_digit()) {
        // A JSON object, list or number: not a credential's text.
        return None;
    }
    let (start, end) = value_end(value, b"\r\n\",;")?;
    Some((lead + start, lead + end))
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

/// Secret values a client knows (credentials, tokens it holds), replaced by
/// `***` wherever they appear in a text.
#[derive(Default)]
pub struct Redactor {
    values: std::sync::RwLock<Vec<String>>,
}

/// Values shorter than this are not searched for (they would match
/// ordinary text); credentials and tokens are longer.
const MIN_SECRET_CHARS: usize = 6;

/// Tokens remembered besides the credentials (the newest kept).
const MAX_VALUES: usize = 16;

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Redactor(***)")
    }
}

impl Redactor {
    /// Remembers `value` (ignored when shorter than 6 characters).
    pub fn remember(&self, value: &str) {
        if value.chars().count() < MIN_SECRET_CHARS {
            return;
        }
        let mut values = self
            .values
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if values.iter().any(|v| v == value) {
            return;
        }
        if values.len() >= MAX_VALUES {
            values.remove(0);
        }
        values.push(value.to_owned());
    }

    /// `text` with every remembered value replaced by `***`.
    pub fn scrub(&self, text: &mut String) {
        let values = self
            .values
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for value in values.iter() {
            if text.contains(value.as_str()) {
                *text = text.replace(value.as_str(), "***");
            }
        }
    }
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
        let out = redact("GET /auth/token?appkey=k1&appsecret=S3CR3T HTTP/1.1");
        assert!(out.contains("appsecret=*** HTTP"), "{out}");
    }

    #[test]
    fn json_tokens_are_redacted() {
        let text = r#"{"code":0,"access_token" : "tok\"en-1","expires_in":7200}"#;
        let out = redact(text);
        assert_eq!(
            out,
            r#"{"code":0,"access_token" : "***","expires_in":7200}"#
        );
        let out = redact(r#"{"tenantAccessToken":"t-123456","appSecret":"abc"}"#);
        assert!(!out.contains("t-123456") && !out.contains("abc"), "{out}");
    }

    #[test]
    fn header_and_bearer_values_are_redacted() {
        let out = redact("x-api-access-token: tok-98765\nnext line");
        assert_eq!(out, "x-api-access-token: ***\nnext line");
        let out = redact("Authorization: Bearer u-7f1bcd13fc57 rejected");
        assert!(!out.contains("u-7f1bcd13fc57"), "{out}");
        // Ordinary JSON and text keep their values.
        let out = redact(r#"{"code":4014,"message":"不合法的access_token","size":3}"#);
        assert_eq!(
            out,
            r#"{"code":4014,"message":"不合法的access_token","size":3}"#
        );
    }

    #[test]
    fn truncated_json_token_is_redacted() {
        let out = redact(r#"{"access_token":"abcdef"#);
        assert!(!out.contains("abcdef"), "{out}");
    }

    #[test]
    fn control_and_bidi_characters_are_escaped() {
        let out = quote("line1\n\u{1b}[31mFAKE LOG LINE\u{202E}txt.exe\r");
        assert!(!out.contains('\n') && !out.contains('\u{1b}') && !out.contains('\u{202E}'));
        assert_eq!(
            out,
            "line1\\u{a}\\u{1b}[31mFAKE LOG LINE\\u{202e}txt.exe\\u{d}"
        );
    }

    #[test]
    fn quotes_are_bounded_whatever_the_input() {
        let huge = "x".repeat(48 * 1024 * 1024);
        let out = quote(&huge);
        assert_eq!(out.chars().count(), SNIPPET_CHARS + 1);
        assert!(out.ends_with('…'));
        let out = snippet(huge.as_bytes());
        assert_eq!(out.chars().count(), SNIPPET_CHARS + 1);
        assert_eq!(snippet("短".as_bytes()), "短");
    }

    #[test]
    fn known_values_are_scrubbed() {
        let redactor = Redactor::default();
        redactor.remember("abc");
        redactor.remember("s3cr3t-value");
        let mut text = "the secret s3cr3t-value and abc".to_owned();
        redactor.scrub(&mut text);
        assert_eq!(text, "the secret *** and abc");
        assert_eq!(format!("{redactor:?}"), "Redactor(***)");
    }
}
