//! The spec skeleton written as YAML text in the layout of the hand-written
//! specs: one line per simple field (`name: {type: string, …}`), blocks for
//! objects and enums, comments above what they are about.

use serde_json::Value;

use super::json::{needs_escape, quote};
use super::model::{Endpoint, Field, Note, Spec};

/// A TODO written into the file: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    /// The item, e.g. `blackboard.create body.create_request`.
    pub at: String,
    /// The comment text.
    pub text: String,
}

struct Writer {
    out: String,
    todos: Vec<Todo>,
}

impl Writer {
    fn line(&mut self, indent: usize, text: &str) {
        self.out.push_str(&" ".repeat(indent));
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn notes(&mut self, indent: usize, notes: &[Note], at: &str) {
        for note in notes {
            let text: String = note
                .text
                .chars()
                .map(|c| {
                    if c == '\n' || c == '\r' || needs_escape(c) {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            if note.todo {
                self.line(indent, &format!("# TODO: {text}"));
                self.todos.push(Todo {
                    at: at.to_owned(),
                    text,
                });
            } else {
                self.line(indent, &format!("# {text}"));
            }
        }
    }
}

/// A scalar as YAML: plain when that reads back as the same string in a
/// flow mapping, else double-quoted.
pub fn scalar(text: &str) -> String {
    if plain(text, false) {
        text.to_owned()
    } else {
        quote(text)
    }
}

/// A scalar as the value of a block mapping (`path: /a/b`, `base_url:
/// https://…`): `:` not followed by a space and `,[]{}` may stay plain.
pub fn block_scalar(text: &str) -> String {
    if plain(text, true) {
        text.to_owned()
    } else {
        quote(text)
    }
}

fn plain(text: &str, block: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if text.trim() != text || text.len() > 400 {
        return false;
    }
    let indicator = "-?:,[]{}#&*!|>'\"%@`.+~<=\\";
    if indicator.contains(first) || first.is_ascii_digit() {
        return false;
    }
    if text.ends_with(':') || text.contains(": ") || text.contains(" #") {
        return false;
    }
    let special = if block { "\"'\\" } else { ":#,[]{}\"'\\" };
    if text.chars().any(|c| special.contains(c) || needs_escape(c)) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    !matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "nan" | "inf"
    )
}

/// A JSON value as YAML flow text.
pub fn value(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar(s),
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(value).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", scalar(k), value(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The envelope declarations of the envelope kinds the importer tells apart.
fn envelope_lines(kind: &str) -> &'static [&'static str] {
    match kind {
        "http_status" => &[
            "success: http",
            "code: code",
            "message: message",
            "request_id: requestid",
        ],
        "code_result" => &[
            "code: code",
            "ok: [\"0\"]",
            "message: msg",
            "request_id: traceId",
            "data: result",
        ],
        _ => &[
            "code: errcode",
            "ok: [0]",
            "message: errmsg",
            "request_id: request_id",
            "sub_code: sub_code",
            "sub_message: sub_msg",
        ],
    }
}

/// Tokens, envelopes, signing and gateways, from the auth scheme and
/// envelope the importer recognised on the page.
fn platform_sections(w: &mut Writer, spec: &Spec) {
    let mut kinds: Vec<&str> = spec.gateways.iter().map(|g| g.envelope).collect();
    kinds.sort_unstable();
    kinds.dedup();
    w.line(0, "envelopes:");
    for kind in &kinds {
        w.line(2, &format!("{kind}:"));
        for line in envelope_lines(kind) {
            w.line(4, line);
        }
    }
    w.line(0, "");
    w.notes(0, &spec.token_notes, "token");
    let needs_token = spec
        .gateways
        .iter()
        .any(|g| matches!(g.auth, "query_token" | "header_token"));
    let guessed;
    let token = match (&spec.token, spec.gateways.first()) {
        (Some(token), _) => Some(token),
        (None, Some(first)) if needs_token => {
            w.notes(
                0,
                &[Note::todo(
                    "the page does not say where tokens come from: this is DingTalk's `/gettoken`",
                )],
                "token",
            );
            guessed = (first.key.clone(), "/gettoken".to_owned());
            Some(&guessed)
        }
        _ => None,
    };
    if let Some((gateway, path)) = token {
        w.line(0, "tokens:");
        w.line(2, "app:");
        w.line(4, &format!("gateway: {}", scalar(gateway)));
        w.line(4, "method: GET");
        w.line(4, &format!("path: {}", block_scalar(path)));
        w.line(4, "send: query");
        w.line(
            4,
            "params: {appkey: {credential: app_key}, appsecret: {credential: app_secret}}",
        );
        w.line(4, "token: access_token");
        w.line(4, "expires_in: expires_in");
        w.line(0, "");
    }
    if spec.gateways.iter().any(|g| g.auth == "signed_envelope") {
        w.line(0, "signing:");
        w.line(2, "sign:");
        w.line(4, "digest: md5");
        w.line(4, "encoding: hex_upper");
        w.line(4, "params: all");
        w.line(4, "join: name_value");
        w.line(4, "secret: {credential: app_secret, at: both}");
        w.line(0, "");
    }
    w.line(0, "gateways:");
    for gateway in &spec.gateways {
        let at = format!("gateways.{}", gateway.key);
        w.notes(2, &gateway.notes, &at);
        w.line(2, &format!("{}:", scalar(&gateway.key)));
        w.line(4, &format!("base_url: {}", block_scalar(&gateway.base_url)));
        w.line(4, &format!("envelope: {}", gateway.envelope));
        let token = needs_token || spec.token.is_some();
        match gateway.auth {
            "query_token" if token => {
                w.line(4, "request: {query: {access_token: {token: app}}}");
            }
            "header_token" if token => {
                w.line(
                    4,
                    "request: {headers: {x-acs-dingtalk-access-token: {token: app}}}",
                );
            }
            "signed_envelope" => {
                let version = gateway.version.as_deref().unwrap_or("1.0");
                w.line(4, "request:");
                w.line(6, "body:");
                w.line(8, "appId: {credential: app_key}");
                w.line(8, "sign: {signature: sign}");
                w.line(8, &format!("version: {{value: {}}}", quote(version)));
                w.line(8, "timestamp: {timestamp: ms}");
                w.line(8, "paramContent: {params: object, omit_empty: true}");
            }
            _ => {}
        }
    }
    w.line(0, "");
}

/// Writes the spec; returns the text and every TODO in it.
pub fn write(spec: &Spec) -> (String, Vec<Todo>) {
    let mut w = Writer {
        out: String::new(),
        todos: Vec::new(),
    };
    for line in &spec.header {
        w.line(0, &format!("# {line}"));
    }
    w.notes(0, &spec.notes, "platform");
    w.line(0, &format!("platform: {}", scalar(&spec.platform)));
    w.line(0, &format!("doc: {}", scalar(&spec.doc)));
    w.line(0, "");
    platform_sections(&mut w, spec);
    w.line(0, "defaults:");
    w.line(2, &format!("gateway: {}", scalar(&spec.default_gateway)));
    w.line(2, "method: POST");
    w.line(0, "");
    if spec.groups.is_empty() {
        w.line(0, "groups: {}");
    } else {
        w.line(0, "groups:");
    }
    for group in &spec.groups {
        w.notes(2, &group.notes, &group.name);
        w.line(2, &format!("{}:", scalar(&group.name)));
        w.line(4, &format!("doc: {}", scalar(&group.doc)));
        w.line(4, "endpoints:");
        for endpoint in &group.endpoints {
            write_endpoint(&mut w, &group.name, endpoint, &spec.default_gateway);
        }
        w.line(0, "");
    }
    (w.out, w.todos)
}

fn write_endpoint(w: &mut Writer, group: &str, e: &Endpoint, default_gateway: &str) {
    let at = format!("{group}.{}", e.name);
    w.notes(6, &e.notes, &at);
    w.line(6, &format!("{}:", scalar(&e.name)));
    w.line(8, &format!("doc: {}", block_scalar(&e.doc)));
    if e.method.as_str() != "POST" {
        w.line(8, &format!("method: {}", e.method.as_str()));
    }
    if e.gateway != default_gateway {
        w.line(8, &format!("gateway: {}", scalar(&e.gateway)));
    }
    if e.auth_none {
        w.line(8, "auth: none");
    }
    w.line(8, &format!("path: {}", block_scalar(&e.path)));
    if let Some(idempotent) = e.idempotent {
        w.line(8, &format!("idempotent: {idempotent}"));
    }
    for (key, fields) in [
        ("query", &e.query),
        ("headers", &e.headers),
        ("body", &e.body),
    ] {
        if !fields.is_empty() {
            w.line(8, &format!("{key}:"));
            for field in fields {
                if key != "body" && !is_text_type(&field.ty) {
                    // A query or header value is text: say so rather than
                    // write a type that cannot travel there.
                    let mut field = field.clone();
                    field.notes.push(Note::todo(format!(
                        "documented as `{}`, but a {key} value is text: check the page",
                        field.ty
                    )));
                    field.ty = "string".to_owned();
                    field.fields.clear();
                    field.type_name = None;
                    (field.min, field.max, field.min_items, field.max_items) =
                        (None, None, None, None);
                    write_field(w, 10, &field, &format!("{at} {key}"));
                    continue;
                }
                write_field(w, 10, field, &format!("{at} {key}"));
            }
        }
    }
    w.notes(8, &e.rule_notes, &format!("{at} rules"));
    if !e.windows.is_empty() {
        w.line(8, "rules:");
        for rule in &e.windows {
            w.line(
                10,
                &format!(
                    "- window: {{start: {}, end: {}, max_days: {}}}",
                    scalar(&rule.start),
                    scalar(&rule.end),
                    rule.max_days
                ),
            );
        }
    }
    if !e.response.is_empty() {
        w.line(8, "response:");
        for field in &e.response {
            write_field(w, 10, field, &format!("{at} response"));
        }
    }
    w.notes(8, &e.example_notes, &format!("{at} example"));
    if e.request_example.is_some() || e.response_example.is_some() {
        w.line(8, "example:");
        for (key, text) in [
            ("request", &e.request_example),
            ("response", &e.response_example),
        ] {
            if let Some(text) = text {
                w.line(10, &format!("{key}: |"));
                for line in text.lines() {
                    w.line(12, line);
                }
            }
        }
    }
}

/// Whether a query or header value of this type can travel as text.
fn is_text_type(ty: &str) -> bool {
    crate::types::parse(ty).is_some_and(|t| t.is_scalar() || t.is_scalar_list())
}

fn props(f: &Field) -> Vec<String> {
    let mut props = vec![format!("type: {}", scalar(&f.ty))];
    if f.required {
        props.push("required: true".to_owned());
    }
    if let Some(name) = &f.type_name {
        props.push(format!("type_name: {}", scalar(name)));
    }
    if f.comma {
        props.push("encoding: comma".to_owned());
    }
    if f.secret {
        props.push("secret: true".to_owned());
    }
    for (key, number) in [("min", &f.min), ("max", &f.max)] {
        if let Some(n) = number {
            props.push(format!("{key}: {n}"));
        }
    }
    for (key, count) in [
        ("min_items", f.min_items),
        ("max_items", f.max_items),
        ("min_length", f.min_length),
        ("max_length", f.max_length),
    ] {
        if let Some(n) = count {
            props.push(format!("{key}: {n}"));
        }
    }
    if let Some(default) = &f.default {
        props.push(format!("default: {}", value(default)));
    }
    if let Some(example) = &f.example {
        props.push(format!("example: {}", value(example)));
    }
    if !f.doc.is_empty() {
        props.push(format!("doc: {}", scalar(&f.doc)));
    }
    props
}

fn write_field(w: &mut Writer, indent: usize, f: &Field, at: &str) {
    let here = format!("{at}.{}", f.name);
    w.notes(indent, &f.notes, &here);
    let key = scalar(&f.name);
    if f.fields.is_empty() && f.enumeration.is_empty() {
        w.line(indent, &format!("{key}: {{{}}}", props(f).join(", ")));
        return;
    }
    w.line(indent, &format!("{key}:"));
    for prop in props(f) {
        w.line(indent + 2, &prop);
    }
    if !f.enumeration.is_empty() {
        w.line(indent + 2, "enum:");
        for item in &f.enumeration {
            let doc = if item.doc.is_empty() {
                String::new()
            } else {
                format!(", doc: {}", scalar(&item.doc))
            };
            w.line(
                indent + 4,
                &format!(
                    "- {{value: {}, name: {}{doc}}}",
                    value(&item.value),
                    scalar(&item.name)
                ),
            );
        }
    }
    if !f.fields.is_empty() {
        w.line(indent + 2, "fields:");
        for child in &f.fields {
            write_field(w, indent + 4, child, &here);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_written() {
        let samples = [
            "manager01",
            "杨xx",
            "@lADPDeC2ufXOeRzMqM0BLA",
            "12345",
            "0151E0223B1EDDDF00DD6B7F72A1A917E876",
            "2019-10-22 14:43:07",
            "https://gw.alicdn.com/x.png",
            "是否发送应用内钉提醒:",
            "true",
            "No",
            "null",
            "a, b",
            "[1]",
            "x # y",
            "-1",
            "",
            " lead",
            "tab\there",
            "quote \"and\" back\\slash",
            "日志 > 模板管理",
            "string[]",
            "%x",
            "<<",
            "~",
            "a\u{85}b\u{2028}c\u{feff}",
            "!tag",
            "*alias",
            "&anchor",
            "? key",
            "| pipe",
            "1e3",
            "0x1F",
            ".5",
            "=",
        ];
        for sample in samples.iter().chain(&[
            "/topapi/a/b",
            "https://oapi.dingtalk.com",
            "a:b",
            "a #b",
            "x,y[z]",
        ]) {
            let doc = format!(
                "k: {{v: {}}}\nb: {}\n",
                scalar(sample),
                block_scalar(sample)
            );
            let read: serde_yaml::Value =
                serde_yaml::from_str(&doc).unwrap_or(serde_yaml::Value::Null);
            let back = read
                .get("k")
                .and_then(|k| k.get("v"))
                .and_then(|v| v.as_str());
            assert_eq!(back, Some(*sample), "{doc}");
            assert_eq!(
                read.get("b").and_then(|v| v.as_str()),
                Some(*sample),
                "{doc}"
            );
        }
        assert_eq!(block_scalar("/topapi/a"), "/topapi/a");
        assert_eq!(
            block_scalar("https://oapi.dingtalk.com"),
            "https://oapi.dingtalk.com"
        );
    }

    #[test]
    fn values_as_flow() {
        let v = serde_json::json!({"a": [1, "x y", true, null], "b:": 1.5});
        assert_eq!(value(&v), "{a: [1, x y, true, null], \"b:\": 1.5}");
    }
}
