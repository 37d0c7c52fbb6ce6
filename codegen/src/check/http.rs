//! What travels in the HTTP request line and headers: request paths, base
//! URLs, header names and literal header values. A spec that passes sends
//! what it says (a header name with a space, or a path with a backslash,
//! would fail or change on every call, far from the YAML that caused it).

use super::{Checker, join, key};
use crate::load::{At, Seg};

/// Characters no URL part of a spec may hold: whitespace and controls
/// (invisible), `"<>\^`{|}` (not URL characters; a URL parser turns `\`
/// into `/`), and bidirectional controls (they hide what the text says).
fn unsafe_in_url(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '|')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}')
}

/// A character HTTP allows in a header name (RFC 9110 `tchar`).
fn tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

impl Checker<'_> {
    /// An endpoint's or token's `path`: from `/`, URL characters, no query.
    pub(super) fn http_path(&mut self, path: &[Seg], value: &Option<String>) {
        let Some(p) = value else {
            self.error(
                path,
                At::Value,
                "missing `path`, e.g. `/topapi/blackboard/create`",
                None,
            );
            return;
        };
        let bad = p
            .chars()
            .find(|c| unsafe_in_url(*c) || matches!(c, '?' | '#'));
        if !p.starts_with('/') || bad.is_some() {
            let why = match bad {
                Some(c) if matches!(c, '?' | '#') => format!("`{c}` starts a query or fragment"),
                Some(c) => format!("{} is not allowed in a URL path", shown(c)),
                None => "it does not start with `/`".to_owned(),
            };
            self.error(
                &join(path, key("path")),
                At::Value,
                format!("`{}` is not a request path: {why}", p.escape_debug()),
                Some("start with `/`, no spaces, no query string (query parameters go under `query`)".into()),
            );
        }
    }

    /// A gateway's `base_url`: `http(s)://host`, URL characters, no trailing `/`.
    pub(super) fn base_url(&mut self, path: &[Seg], value: &Option<String>) {
        let Some(url) = value else {
            self.error(
                path,
                At::Value,
                "missing `base_url`, e.g. `https://oapi.dingtalk.com`",
                None,
            );
            return;
        };
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        let host_empty = rest.is_none_or(|r| r.is_empty() || r.starts_with(['/', ':']));
        let bad = url
            .chars()
            .find(|c| unsafe_in_url(*c) || matches!(c, '?' | '#' | '@'));
        if rest.is_none() || host_empty || bad.is_some() || url.ends_with('/') {
            let why = match (rest, bad) {
                (None, _) => "it does not start with `https://` or `http://`".to_owned(),
                (_, Some(c)) => format!("{} is not allowed in a base URL", shown(c)),
                _ if host_empty => "it names no host".to_owned(),
                _ => "it ends with `/`".to_owned(),
            };
            self.error(
                &join(path, key("base_url")),
                At::Value,
                format!("`{}` is not a base URL: {why}", url.escape_debug()),
                Some("write scheme and host without a trailing slash, e.g. `https://oapi.dingtalk.com`".into()),
            );
        }
    }

    /// A header name: an HTTP token (letters, digits, `-` and a few marks).
    pub(super) fn header_name(&mut self, path: &[Seg], name: &str) {
        if name.is_empty() || !name.chars().all(tchar) {
            let why = match name.chars().find(|c| !tchar(*c)) {
                Some(c) => format!("{} is not allowed in one", shown(c)),
                None => "it is empty".to_owned(),
            };
            self.error(
                path,
                At::Key,
                format!("`{}` is not an HTTP header name: {why}", name.escape_debug()),
                Some("header names are ASCII letters, digits and `-` (e.g. `x-acs-dingtalk-access-token`)".into()),
            );
        }
    }

    /// Literal header text (a value, a token prefix): visible ASCII, spaces and tabs.
    pub(super) fn header_text(&mut self, path: &[Seg], what: &str, text: &str) {
        if let Some(c) = text.chars().find(|c| !(matches!(c, ' '..='~' | '\t'))) {
            self.error(
                path,
                At::Value,
                format!("a header {what} is visible ASCII text: {} is not", shown(c)),
                Some(
                    "HTTP header values cannot carry line breaks, controls or non-ASCII text"
                        .into(),
                ),
            );
        }
    }
}

/// A character as a reader can see it: itself, or its code point.
fn shown(c: char) -> String {
    if c.is_control() || c.is_whitespace() || (unsafe_in_url(c) && !c.is_ascii_graphic()) {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}
