//! The spec skeleton written as YAML text in the layout of the hand-written
//! specs: one line per simple field (`name: {type: string, …}`), blocks for
//! objects and enums, comments above what they are about.

use serde_json::Value;

use super::dialect::Dialect;
use super::json::{needs_escape, quote};
use super::model::{Endpoint, Field, Note, Spec, Window};

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
    dialect: Dialect,
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

/// Writes the spec in `dialect`; returns the text and every TODO in it.
pub fn write(spec: &Spec, dialect: Dialect) -> (String, Vec<Todo>) {
    let mut w = Writer {
        out: String::new(),
        todos: Vec::new(),
        dialect,
    };
    for line in &spec.header {
        w.line(0, &format!("# {line}"));
    }
    w.notes(0, &spec.notes, "platform");
    w.line(0, &format!("platform: {}", scalar(&spec.platform)));
    w.line(0, &format!("doc: {}", scalar(&spec.doc)));
    w.line(0, "");
    match dialect {
        Dialect::V1 => platform_v1(&mut w, spec),
        Dialect::V2 => platform_v2(&mut w, spec),
    }
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

/// The platform part of the v1 format: gateways with an auth scheme and an
/// envelope by name, and the token endpoint.
fn platform_v1(w: &mut Writer, spec: &Spec) {
    w.line(0, "gateways:");
    for gateway in &spec.gateways {
        let at = format!("gateways.{}", gateway.key);
        let (auth, envelope, said) = w.dialect.gateway(gateway.auth, gateway.envelope);
        let mut notes = gateway.notes.clone();
        notes.extend(said);
        let signed = auth == "signed_envelope";
        if signed {
            // The v1 signed envelope is 食亨's: appId, sign, version, timestamp, paramContent.
            notes.push(Note::todo(if gateway.signed_rows.iter().any(|r| r == "version") {
                "the page names the envelope's `version` field but not its value: \"1.0\" assumed"
                    .to_owned()
            } else {
                format!(
                    "the page's signed envelope is {}: `signed_envelope` (appId, sign, version, timestamp, paramContent) assumed; check",
                    gateway.signed_rows.join(", ")
                )
            }));
        }
        w.notes(2, &notes, &at);
        w.line(2, &format!("{}:", scalar(&gateway.key)));
        w.line(4, &format!("base_url: {}", block_scalar(&gateway.base_url)));
        w.line(4, &format!("auth: {auth}"));
        w.line(4, &format!("envelope: {envelope}"));
        if signed {
            w.line(4, &format!("version: {}", quote("1.0")));
        }
    }
    w.line(0, "");
    w.notes(0, &spec.token_notes, "token");
    if let Some((gateway, path)) = &spec.token {
        w.line(0, "token:");
        w.line(2, &format!("gateway: {}", scalar(gateway)));
        w.line(2, &format!("path: {}", block_scalar(path)));
        w.line(0, "");
    }
}

/// The token endpoint of the page, if it documents one.
fn token_endpoint(spec: &Spec) -> Option<&Endpoint> {
    spec.groups
        .iter()
        .flat_map(|g| &g.endpoints)
        .find(|e| e.auth_none)
}

/// The dotted path of the first field named like an access token (or an
/// expiry) in an answer.
fn find_path(fields: &[Field], names: &[&str], prefix: &str) -> Option<String> {
    for field in fields {
        let path = if prefix.is_empty() {
            field.name.clone()
        } else {
            format!("{prefix}.{}", field.name)
        };
        if names.contains(&field.name.as_str()) {
            return Some(path);
        }
        if let Some(found) = find_path(&field.fields, names, &path) {
            return Some(found);
        }
    }
    None
}

/// The platform part of the v2 format (notes/spec-v2.md): credentials,
/// tokens, envelopes, signing and gateways with what each request carries;
/// what the page does not state is a TODO.
fn platform_v2(w: &mut Writer, spec: &Spec) {
    let token = token_endpoint(spec);
    let token_gateway = spec.default_gateway.clone();
    // Credentials: what the token endpoint takes.
    let params: Vec<&Field> = token
        .map(|t| t.query.iter().chain(&t.body).collect())
        .unwrap_or_default();
    let any_secret = params
        .iter()
        .any(|p| p.name.to_ascii_lowercase().contains("secret"));
    let secret = |name: &str| {
        let lower = name.to_ascii_lowercase();
        lower.contains("secret") || (!any_secret && lower.contains("key"))
    };
    let needs_token = spec.gateways.iter().any(|g| {
        matches!(
            g.auth,
            "query_token" | "header_token" | "bearer" | "signed_envelope"
        )
    });
    match (token, needs_token) {
        (Some(t), _) => {
            w.line(0, "credentials:");
            for p in params.iter().filter(|p| p.required || secret(&p.name)) {
                let doc = if p.doc.is_empty() {
                    String::new()
                } else {
                    format!(", doc: {}", scalar(&p.doc))
                };
                let secrecy = if secret(&p.name) {
                    "secret: true"
                } else {
                    "secret: false"
                };
                w.line(2, &format!("{}: {{{secrecy}{doc}}}", scalar(&p.name)));
            }
            if let Some(signing) = &spec.signing {
                w.line(2, &format!("{}: {{secret: true}}", scalar(&signing.secret)));
            }
            w.line(0, "tokens:");
            w.line(2, "main:");
            w.line(4, &format!("gateway: {}", scalar(&token_gateway)));
            w.line(4, &format!("method: {}", t.method.as_str()));
            w.line(4, &format!("path: {}", block_scalar(&t.path)));
            let send = if t.method.as_str() == "GET" || !t.query.is_empty() {
                "query"
            } else {
                w.notes(
                    4,
                    &[Note::todo(
                        "json assumed: check whether the token endpoint takes a form",
                    )],
                    "tokens.main",
                );
                "json"
            };
            w.line(4, &format!("send: {send}"));
            w.line(4, "params:");
            for p in &params {
                if p.required || secret(&p.name) {
                    w.line(
                        6,
                        &format!("{}: {{credential: {}}}", scalar(&p.name), scalar(&p.name)),
                    );
                }
            }
            let names = [
                "access_token",
                "accessToken",
                "tenant_access_token",
                "token",
            ];
            match find_path(&t.response, &names, "") {
                Some(path) => w.line(4, &format!("token: {}", scalar(&path))),
                None => {
                    w.notes(4, &[Note::todo("the token endpoint's answer is not documented: write where the token is")], "tokens.main");
                    w.line(4, "token: access_token");
                }
            }
            match find_path(&t.response, &["expires_in", "expire", "expiresIn"], "") {
                Some(path) => w.line(4, &format!("expires_in: {}", scalar(&path))),
                None => {
                    w.notes(
                        4,
                        &[Note::todo(
                            "the page does not give the token's lifetime: 7200 s assumed",
                        )],
                        "tokens.main",
                    );
                    w.line(4, "lifetime: 7200");
                }
            }
            w.line(0, "");
        }
        (None, true) => {
            w.notes(
                0,
                &[Note::todo(
                    "the page does not document how the access token is obtained: write `credentials` and `tokens`",
                )],
                "tokens",
            );
            w.line(0, "tokens:");
            w.line(2, "main:");
            w.line(4, &format!("gateway: {}", scalar(&token_gateway)));
            w.line(4, "path: /todo/token");
            w.line(4, "token: access_token");
            w.line(4, "lifetime: 7200");
            w.line(0, "");
        }
        (None, false) => {}
    }
    // Envelopes: one per kind the gateways use.
    let mut kinds: Vec<&'static str> = spec.gateways.iter().map(|g| g.envelope).collect();
    kinds.dedup();
    w.line(0, "envelopes:");
    for kind in &kinds {
        w.line(2, &format!("{kind}:"));
        let lines: &[&str] = match *kind {
            "errcode" => &["code: errcode", "ok: [0]", "message: errmsg"],
            "http_status" => &["success: http", "code: code", "message: message"],
            "code_msg" => &["code: code", "ok: [0]", "message: msg", "data: data"],
            _ => &["code: code", "ok: [0]", "message: msg", "data: result"],
        };
        for line in lines {
            w.line(4, line);
        }
    }
    w.line(0, "");
    if let Some(signing) = &spec.signing {
        w.line(0, "signing:");
        w.line(2, "sign:");
        w.line(4, &format!("digest: {}", signing.digest));
        w.line(4, "encoding: hex");
        let params: Vec<String> = signing.params.iter().map(|p| scalar(p)).collect();
        w.line(4, &format!("params: [{}]", params.join(", ")));
        w.line(4, "order: listed");
        w.line(4, "join: query");
        w.line(
            4,
            &format!(
                "secret: {{credential: {0}, at: param, name: {0}}}",
                scalar(&signing.secret)
            ),
        );
        w.line(0, "");
    }
    w.line(0, "gateways:");
    for gateway in &spec.gateways {
        let at = format!("gateways.{}", gateway.key);
        w.notes(2, &gateway.notes, &at);
        w.line(2, &format!("{}:", scalar(&gateway.key)));
        w.line(4, &format!("base_url: {}", block_scalar(&gateway.base_url)));
        w.line(4, &format!("envelope: {}", gateway.envelope));
        match gateway.auth {
            "query_token" => {
                w.line(4, "request:");
                w.line(6, "query: {access_token: {token: main}}");
            }
            "header_token" => {
                w.line(4, "request:");
                w.line(6, "headers: {x-acs-dingtalk-access-token: {token: main}}");
            }
            "bearer" => {
                w.line(4, "request:");
                w.line(
                    6,
                    "headers: {Authorization: {token: main, prefix: \"Bearer \"}}",
                );
            }
            "signed_envelope" => signed_body(w, spec),
            _ => {}
        }
    }
    w.line(0, "");
}

/// A signed envelope's body, in the page's rows: signature inputs, the
/// token, other common rows (as credentials, with a TODO) and the wrapper
/// of the endpoint's parameters.
fn signed_body(w: &mut Writer, spec: &Spec) {
    let mut rows: Vec<&super::model::PlatformRow> = Vec::new();
    for e in spec.groups.iter().flat_map(|g| &g.endpoints) {
        for row in &e.platform {
            if !rows.iter().any(|r| r.name == row.name) && row.kind != super::model::Platform::Fixed
            {
                rows.push(row);
            }
        }
    }
    let mut common = Vec::new();
    w.line(4, "request:");
    w.line(6, "body:");
    for row in &rows {
        let lower = row.name.to_ascii_lowercase();
        let value = match row.kind {
            super::model::Platform::Sign if lower.contains("sign") => {
                "{signature: sign}".to_owned()
            }
            super::model::Platform::Sign => "{timestamp: ms}".to_owned(),
            super::model::Platform::Auth if lower.contains("token") => "{token: main}".to_owned(),
            super::model::Platform::Auth => format!("{{credential: {}}}", scalar(&row.name)),
            _ if [
                "data",
                "paramContent",
                "biz_content",
                "bizContent",
                "params",
                "param",
            ]
            .contains(&row.name.as_str()) =>
            {
                "{params: object}".to_owned()
            }
            _ => {
                common.push(row.name.clone());
                format!("{{credential: {}}}", scalar(&row.name))
            }
        };
        w.line(8, &format!("{}: {value}", scalar(&row.name)));
    }
    if !common.is_empty() {
        w.notes(
            6,
            &[Note::todo(format!(
                "{} sent with every request: written as credentials; check whether a call sets them",
                common.join(", ")
            ))],
            "gateways body",
        );
    }
}

fn write_endpoint(w: &mut Writer, group: &str, e: &Endpoint, default_gateway: &str) {
    let at = format!("{group}.{}", e.name);
    let (method, method_note) = w.dialect.method(e.method);
    let mut notes = e.notes.clone();
    notes.extend(method_note);
    if !w.dialect.path_params() {
        for param in &e.path_params {
            notes.push(Note::todo(format!(
                "path parameter `{{{}}}` ({}{}): this spec format has no path_params",
                param.name,
                param.ty,
                if param.doc.is_empty() {
                    String::new()
                } else {
                    format!(", {}", super::text::short(&param.doc, 40))
                }
            )));
        }
    }
    w.notes(6, &notes, &at);
    w.line(6, &format!("{}:", scalar(&e.name)));
    w.line(8, &format!("doc: {}", block_scalar(&e.doc)));
    if method != "POST" {
        w.line(8, &format!("method: {method}"));
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
    let path_params: &[Field] = if w.dialect.path_params() {
        &e.path_params
    } else {
        &[]
    };
    for (key, fields) in [
        ("path_params", path_params),
        ("query", &e.query),
        ("headers", &e.headers),
        ("body", &e.body),
    ] {
        if !fields.is_empty() {
            w.line(8, &format!("{key}:"));
            for field in fields {
                write_field(w, 10, field, &format!("{at} {key}"));
            }
        }
    }
    let mut rule_notes = e.rule_notes.clone();
    let windows: Vec<&Window> = e
        .windows
        .iter()
        .filter(|rule| {
            let held = !rule.dated || w.dialect.string_rules();
            if !held {
                rule_notes.push(Note::todo(format!(
                    "{} and {} are at most {} days apart: this spec format has windows between epoch integers only",
                    rule.start, rule.end, rule.max_days
                )));
            }
            held
        })
        .collect();
    w.notes(8, &rule_notes, &format!("{at} rules"));
    if !windows.is_empty() {
        w.line(8, "rules:");
        for rule in windows {
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
    if let Some(paging) = &e.paging {
        match w.dialect.paging(paging) {
            Ok(written) => {
                let keys: Vec<String> = written
                    .keys
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", scalar(v)))
                    .collect();
                w.line(
                    8,
                    &format!("paging: {{style: {}, {}}}", written.style, keys.join(", ")),
                );
            }
            Err(note) => w.notes(8, &[note], &format!("{at} paging")),
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

fn props(f: &Field, ty: &str, dialect: Dialect) -> Vec<String> {
    let mut props = vec![format!("type: {}", scalar(ty))];
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
    if dialect.string_rules() {
        if let Some(n) = f.max_bytes {
            props.push(format!("max_bytes: {n}"));
        }
        if let Some(format) = &f.format {
            props.push(format!("format: {}", scalar(format)));
        }
        if let Some(pattern) = &f.pattern {
            props.push(format!("pattern: {}", scalar(pattern)));
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
    let written = w.dialect.ty(f);
    let mut notes = written.notes.clone();
    notes.extend(f.notes.iter().cloned());
    if !w.dialect.string_rules() {
        let rules: Vec<String> = [
            f.max_bytes.map(|n| format!("max_bytes: {n}")),
            f.format.as_ref().map(|s| format!("format: {s}")),
            f.pattern.as_ref().map(|s| format!("pattern: {s}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !rules.is_empty() {
            notes.push(Note::info(format!(
                "the page states {} (not in this spec format)",
                rules.join(", ")
            )));
        }
    }
    w.notes(indent, &notes, &here);
    let key = scalar(&f.name);
    let nested = written.fields && !f.fields.is_empty();
    let props = props(f, &written.ty, w.dialect);
    if !nested && f.enumeration.is_empty() {
        w.line(indent, &format!("{key}: {{{}}}", props.join(", ")));
        return;
    }
    w.line(indent, &format!("{key}:"));
    for prop in props {
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
    if nested {
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
