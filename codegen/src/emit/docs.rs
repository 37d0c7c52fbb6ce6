//! Rustdoc attributes from spec text: every generated item is documented
//! with the platform's own words, plus the limits and HTTP facts.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::{Bound, Encoding, Field, Format, Limits};

/// `#[doc = "…"]` lines for a block of text (one attribute per line).
///
/// The text is the platform's, so it is made safe for a doc comment
/// (prettyplease writes these attributes as `///` lines): characters rustc
/// refuses there (a bare carriage return, bidirectional overrides) and other
/// controls are shown as `\u{…}` text instead.
/// `text`, or `fallback` where the spec says nothing (an empty doc comment
/// is a lint error, a missing one a `missing_docs` warning).
pub fn doc_or(text: &str, fallback: impl FnOnce() -> String) -> TokenStream {
    if text.trim().is_empty() {
        doc_attrs(&fallback())
    } else {
        doc_attrs(text)
    }
}

pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = text
        .split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'])
        .map(|line| str_literal(&format!(" {}", visible(line.trim_end()))));
    quote! { #(#[doc = #lines])* }
}

/// Characters rustc refuses in source text or that would hide what a line
/// says: controls (but tab), the bidirectional marks, embeddings, overrides
/// and isolates (lint `text_direction_codepoint_in_literal`, denied by
/// default), and the byte-order mark.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{FEFF}')
        || ('\u{202A}'..='\u{202E}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Control and bidirectional-override characters as `\u{…}` text.
fn visible(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(line);
    }
    std::borrow::Cow::Owned(
        line.chars()
            .map(|c| {
                if hidden(c) {
                    format!("\\u{{{:x}}}", u32::from(c))
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// A string literal for `text`, escaping only what a Rust string literal
/// cannot hold as is (quotes, backslashes, control characters) or rustc
/// refuses in one (bidirectional controls).
/// `quote!`'s own escaping (`Literal::string`) runs `char::escape_debug`,
/// whose Unicode tables made it the costliest step of emitting Chinese docs.
pub fn str_literal(text: &str) -> Literal {
    let mut repr = String::with_capacity(text.len() + 2);
    repr.push('"');
    for c in text.chars() {
        match c {
            '"' => repr.push_str("\\\""),
            '\\' => repr.push_str("\\\\"),
            // An escape keeps the value and keeps bidirectional controls out
            // of the source text, where rustc refuses them.
            c if c.is_control() || hidden(c) => {
                repr.push_str(&format!("\\u{{{:x}}}", u32::from(c)))
            }
            c => repr.push(c),
        }
    }
    repr.push('"');
    // ok: the text above always lexes as one string literal; the fallback only
    // guards against a lexer that disagrees.
    repr.parse().unwrap_or_else(|_| Literal::string(text))
}

/// The doc line of a field: its text, then limits and documented default.
pub fn field_doc(field: &Field) -> String {
    // An undocumented field is still named as the platform names it.
    let mut doc = match field.doc.trim() {
        "" => format!("`{}`.", field.wire),
        text => text.to_owned(),
    };
    let limits = describe_limits(&field.limits);
    if !limits.is_empty() {
        doc.push_str(&format!(" Limits: {limits}."));
    }
    match field.encoding {
        Encoding::Comma => doc.push_str(" Sent as one comma-separated string."),
        Encoding::Json => doc.push_str(" Sent as a string holding its JSON."),
        Encoding::Plain => {}
    }
    match &field.format {
        Some(Format::DateTime(pattern) | Format::Date(pattern)) => {
            doc.push_str(&format!(" Format: `{pattern}` (strftime)."));
        }
        Some(Format::Rfc3339) => doc.push_str(" Format: RFC 3339."),
        Some(Format::UnixMs) => doc.push_str(" Epoch milliseconds."),
        Some(Format::UnixS) => doc.push_str(" Epoch seconds."),
        None => {}
    }
    if let Some(pattern) = &field.pattern {
        doc.push_str(&format!(" Pattern: `{pattern}`."));
    }
    if let Some(default) = &field.default {
        doc.push_str(&format!(" Default: `{default}`."));
    }
    doc
}

/// `1 ≤ value ≤ 30`, `at most 1000 items`, … in words a reader checks against the docs.
pub fn describe_limits(limits: &Limits) -> String {
    let mut parts = Vec::new();
    match (&limits.min, &limits.max) {
        (Some(min), Some(max)) => parts.push(format!("`{} ≤ value ≤ {}`", bound(min), bound(max))),
        (Some(min), None) => parts.push(format!("`value ≥ {}`", bound(min))),
        (None, Some(max)) => parts.push(format!("`value ≤ {}`", bound(max))),
        (None, None) => {}
    }
    for (value, what) in [
        (limits.min_items, "at least {} items"),
        (limits.max_items, "at most {} items"),
        (limits.min_length, "at least {} characters"),
        (limits.max_length, "at most {} characters"),
        (limits.max_bytes, "at most {} bytes"),
    ] {
        if let Some(n) = value {
            parts.push(what.replace("{}", &n.to_string()));
        }
    }
    parts.join(", ")
}

fn bound(bound: &Bound) -> String {
    match bound {
        Bound::Int(n) => n.to_string(),
        Bound::Float(f) => f.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_keep_their_value() {
        for text in [
            "",
            "公告 \"标题\" \\ path",
            "tab\there\r\u{7f}\u{1b}",
            "emoji 🎉 é",
            "bidi \u{202e}\u{2067}\u{200f} \u{feff}",
        ] {
            let literal = str_literal(text);
            assert!(!literal.to_string().contains(['\u{202e}', '\u{2067}']));
            let parsed: syn::LitStr = syn::parse2(quote!(#literal)).unwrap();
            assert_eq!(parsed.value(), text);
            assert_eq!(
                parsed.value(),
                syn::LitStr::new(text, parsed.span()).value()
            );
        }
    }
}
