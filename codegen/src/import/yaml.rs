//! The spec skeleton written as YAML text in the layout of the hand-written
//! specs: one line per simple field (`name: {type: string, …}`), blocks for
//! objects and enums, comments above what they are about.

use serde_json::Value;

use super::dialect;
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
    // ` -` then the end of a flow item: some YAML readers take it as an indicator.
    if !block
        && (text.ends_with(['-', '?'])
            || ["-,", "-]", "-}", "-[", "-{", "?,", "?}"]
                .iter()
                .any(|s| text.contains(s)))
    {
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
    platform(&mut w, spec);
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
            write_endpoint(&mut w, &group.name, endpoint, spec);
        }
        w.line(0, "");
    }
    (w.out, w.todos)
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

/// What a signed envelope's body carries, in the page's order: each row's
/// value, the credentials it needs beyond the app's key and secret, and
/// notes.
fn signed_values(spec: &Spec) -> (Vec<(String, String)>, Vec<String>, Vec<Note>) {
    use super::model::Platform;
    let mut rows: Vec<&super::model::PlatformRow> = Vec::new();
    for e in spec.groups.iter().flat_map(|g| &g.endpoints) {
        for row in &e.platform {
            if !rows.iter().any(|r| r.name == row.name) && row.kind != Platform::Fixed {
                rows.push(row);
            }
        }
    }
    let wrappers = [
        "data",
        "paramContent",
        "biz_content",
        "bizContent",
        "params",
        "param",
    ];
    let mut values = Vec::new();
    let mut extra = Vec::new();
    let mut notes = Vec::new();
    for row in rows {
        let lower = row.name.to_ascii_lowercase();
        let value = match row.kind {
            Platform::Sign if lower.contains("sign") && !lower.contains("type") => {
                "{signature: sign}".to_owned()
            }
            Platform::Sign if lower.contains("nonce") => "{nonce: 16}".to_owned(),
            Platform::Sign if lower.contains("time") || lower == "ts" => {
                "{timestamp: ms}".to_owned()
            }
            Platform::Auth if lower.contains("token") => "{token: app}".to_owned(),
            Platform::Auth => "{credential: app_key}".to_owned(),
            _ if wrappers.contains(&row.name.as_str()) => "{params: object}".to_owned(),
            Platform::Envelope if lower == "version" => {
                notes.push(Note::todo(
                    "the page names the envelope's `version` but not its value: \"1.0\" assumed",
                ));
                "{value: \"1.0\"}".to_owned()
            }
            _ => {
                // A credential is named like a Rust identifier, whatever the
                // row's wire name (`data.third_cost_id` → `data_third_cost_id`).
                let credential = super::naming::snake(&row.name);
                let value = format!("{{credential: {}}}", scalar(&credential));
                extra.push((row.name.clone(), credential));
                value
            }
        };
        values.push((row.name.clone(), value));
    }
    if !extra.is_empty() {
        let wire: Vec<&str> = extra.iter().map(|(wire, _)| wire.as_str()).collect();
        notes.push(Note::todo(format!(
            "{} sent with every request: written as credentials; check whether a call sets them",
            wire.join(", ")
        )));
    }
    let credentials = extra
        .into_iter()
        .map(|(_, credential)| credential)
        .collect();
    (values, credentials, notes)
}

/// The platform part (notes/spec-v2.md): credentials, tokens, envelopes,
/// signing and gateways with what each request carries; what the page does
/// not state is a TODO.
fn platform(w: &mut Writer, spec: &Spec) {
    let token = token_endpoint(spec);
    let token_gateway = spec.default_gateway.clone();
    let signed = spec.gateways.iter().any(|g| g.auth == "signed_envelope");
    let (body, extra, body_notes) = if signed {
        signed_values(spec)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    // Credentials: what the token endpoint takes, else the app's key and
    // secret; the envelope's other rows; the signing secret.
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
    let taken: Vec<&Field> = params
        .iter()
        .copied()
        .filter(|p| p.required || secret(&p.name))
        .collect();
    let mut credentials: Vec<(String, bool, String)> = if token.is_some() {
        taken
            .iter()
            .map(|p| (p.name.clone(), secret(&p.name), p.doc.clone()))
            .collect()
    } else {
        vec![
            ("app_key".to_owned(), false, String::new()),
            ("app_secret".to_owned(), true, String::new()),
        ]
    };
    if body.iter().any(|(_, v)| v == "{credential: app_key}")
        && !credentials.iter().any(|(n, _, _)| n == "app_key")
    {
        credentials.push(("app_key".to_owned(), false, String::new()));
    }
    for name in &extra {
        credentials.push((name.clone(), false, String::new()));
    }
    let rule_secret = spec
        .signing
        .as_ref()
        .filter(|rule| signed && rule.params.iter().all(|p| body.iter().any(|(n, _)| n == p)));
    if let Some(signing) = rule_secret {
        credentials.push((signing.secret.clone(), true, String::new()));
    } else if signed && !credentials.iter().any(|(n, _, _)| n == "app_secret") {
        credentials.push(("app_secret".to_owned(), true, String::new()));
    }
    if token.is_some() || !extra.is_empty() || rule_secret.is_some() {
        w.line(0, "credentials:");
        for (name, secret, doc) in &credentials {
            let doc = if doc.is_empty() {
                String::new()
            } else {
                format!(", doc: {}", scalar(doc))
            };
            w.line(2, &format!("{}: {{secret: {secret}{doc}}}", scalar(name)));
        }
        w.line(0, "");
    }
    let needs_token = spec.gateways.iter().any(|g| {
        matches!(g.auth, "query_token" | "header_token" | "bearer")
            || (g.auth == "signed_envelope" && body.iter().any(|(_, v)| v == "{token: app}"))
    });
    match (token, needs_token) {
        (Some(t), _) => {
            w.line(0, "tokens:");
            w.line(2, "app:");
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
                    "tokens.app",
                );
                "json"
            };
            w.line(4, &format!("send: {send}"));
            let pairs: Vec<String> = taken
                .iter()
                .map(|p| format!("{}: {{credential: {}}}", scalar(&p.name), scalar(&p.name)))
                .collect();
            w.line(4, &format!("params: {{{}}}", pairs.join(", ")));
            let names = [
                "access_token",
                "accessToken",
                "tenant_access_token",
                "token",
            ];
            match find_path(&t.response, &names, "") {
                Some(path) => w.line(4, &format!("token: {}", scalar(&path))),
                None => {
                    w.notes(
                        4,
                        &[Note::todo(
                            "the token endpoint's answer is not documented: write where the token is",
                        )],
                        "tokens.app",
                    );
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
                        "tokens.app",
                    );
                    w.line(4, "lifetime: 7200");
                }
            }
            w.line(0, "");
        }
        (None, true) => {
            let dingtalk = spec.platform == "dingtalk";
            w.notes(
                0,
                &[Note::todo(if dingtalk {
                    "the page does not say where tokens come from: this is DingTalk's `/gettoken` on https://oapi.dingtalk.com"
                } else {
                    "the page does not document how the access token is obtained: write `credentials` and `tokens`"
                })],
                "tokens",
            );
            w.line(0, "tokens:");
            w.line(2, "app:");
            w.line(4, &format!("gateway: {}", scalar(&token_gateway)));
            if dingtalk {
                w.line(4, "method: GET");
                w.line(4, "path: /gettoken");
                w.line(4, "send: query");
                w.line(
                    4,
                    "params: {appkey: {credential: app_key}, appsecret: {credential: app_secret}}",
                );
                w.line(4, "token: access_token");
                w.line(4, "expires_in: expires_in");
            } else {
                w.line(4, "method: POST");
                w.line(4, "path: /todo/token");
                w.line(4, "send: json");
                w.line(
                    4,
                    "params: {app_key: {credential: app_key}, app_secret: {credential: app_secret}}",
                );
                w.line(4, "token: access_token");
                w.line(4, "lifetime: 7200");
            }
            w.line(0, "");
        }
        (None, false) => {}
    }
    // Envelopes: one per kind the gateways use.
    let mut kinds: Vec<&'static str> = spec.gateways.iter().map(|g| g.envelope).collect();
    kinds.sort_unstable();
    kinds.dedup();
    w.line(0, "envelopes:");
    for kind in &kinds {
        w.line(2, &format!("{kind}:"));
        for line in dialect::envelope(kind) {
            w.line(4, line);
        }
    }
    w.line(0, "");
    let (body, body_notes) = if signed && !body.iter().any(|(_, v)| v.starts_with("{params:")) {
        let mut body = body;
        let mut notes = body_notes;
        notes.push(Note::todo(
            "the page shows no wrapper of the endpoint's parameters: merged into the body; check",
        ));
        body.push(("params".to_owned(), "{params: merge}".to_owned()));
        (body, notes)
    } else {
        (body, body_notes)
    };
    // A stated rule holds when it signs rows the envelope has.
    let stated = spec.signing.as_ref().filter(|rule| {
        rule.params
            .iter()
            .all(|p| body.iter().any(|(name, _)| name == p))
    });
    if signed {
        w.line(0, "signing:");
        w.line(2, "sign:");
        match stated {
            Some(signing) => {
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
            }
            None => {
                w.notes(
                    4,
                    &[Note::todo(
                        "the page does not state the signature rule: TOP-style md5 of all parameters, the secret at both ends, assumed",
                    )],
                    "signing.sign",
                );
                w.line(4, "digest: md5");
                w.line(4, "encoding: hex_upper");
                w.line(4, "params: all");
                w.line(4, "join: name_value");
                w.line(4, "secret: {credential: app_secret, at: both}");
            }
        }
        w.line(0, "");
    }
    w.line(0, "gateways:");
    for gateway in &spec.gateways {
        let at = format!("gateways.{}", gateway.key);
        w.notes(2, &gateway.notes, &at);
        w.line(2, &format!("{}:", scalar(&gateway.key)));
        w.line(4, &format!("base_url: {}", block_scalar(&gateway.base_url)));
        w.line(4, &format!("envelope: {}", gateway.envelope));
        if gateway.auth == "signed_envelope" {
            w.notes(4, &body_notes, &format!("{at} request"));
            w.line(4, "request:");
            w.line(6, "body:");
            for (name, value) in &body {
                w.line(8, &format!("{}: {value}", scalar(name)));
            }
        } else if let Some(request) = dialect::request(gateway.auth) {
            w.line(4, &format!("request: {request}"));
        }
    }
    w.line(0, "");
}

fn write_endpoint(w: &mut Writer, group: &str, e: &Endpoint, spec: &Spec) {
    let default_gateway = spec.default_gateway.as_str();
    let at = format!("{group}.{}", e.name);
    let method = e.method.as_str();
    let notes = e.notes.clone();
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
    for (key, fields) in [
        ("path_params", &e.path_params),
        ("query", &e.query),
        ("headers", &e.headers),
        ("body", &e.body),
    ] {
        if !fields.is_empty() {
            w.line(8, &format!("{key}:"));
            for field in fields {
                write_field(w, 10, field, key, &format!("{at} {key}"));
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
    if let Some(paging) = &e.paging {
        let keys: Vec<String> = paging
            .keys
            .iter()
            .map(|(k, v)| format!("{k}: {}", scalar(v)))
            .collect();
        w.line(
            8,
            &format!("paging: {{style: {}, {}}}", paging.style, keys.join(", ")),
        );
    }
    if !e.response.is_empty() {
        w.line(8, "response:");
        for field in &e.response {
            write_field(w, 10, field, "response", &format!("{at} response"));
        }
    }
    // An answer that disagrees with its gateway's envelope is not written.
    let mut example_notes = e.example_notes.clone();
    let envelope = spec
        .gateways
        .iter()
        .find(|g| g.key == e.gateway)
        .map_or("errcode", |g| g.envelope);
    let response_example = e.response_example.as_ref().filter(|text| {
        let Ok(answer) = serde_json::from_str::<Value>(text) else {
            return true;
        };
        let (code, data, numeric) = dialect::envelope_keys(envelope);
        let wrong_code = code
            .and_then(|c| answer.get(c))
            .is_some_and(|c| c.is_number() != numeric);
        let no_data = data.is_some_and(|d| answer.get(d).is_none());
        if wrong_code || no_data {
            example_notes.push(Note::todo(if no_data {
                "the documented answer has no data where the envelope puts it: not written as the example; check the envelope"
            } else {
                "the documented answer's code is not of the envelope's type (\"0\" for 0): not written as the example; check the envelope"
            }));
        }
        !(wrong_code || no_data)
    });
    w.notes(8, &example_notes, &format!("{at} example"));
    if e.request_example.is_some() || response_example.is_some() {
        w.line(8, "example:");
        for (key, text) in [
            ("request", &e.request_example),
            ("response", &response_example.cloned()),
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

fn props(f: &Field, ty: &str) -> Vec<String> {
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
    {
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

fn write_field(w: &mut Writer, indent: usize, f: &Field, location: &str, at: &str) {
    let here = format!("{at}.{}", f.name);
    let written = dialect::ty(f, location);
    let mut notes = written.notes.clone();
    notes.extend(f.notes.iter().cloned());
    let stripped;
    let f = if written.whole {
        f
    } else {
        stripped = Field {
            name: f.name.clone(),
            required: f.required,
            doc: f.doc.clone(),
            secret: f.secret,
            ..Field::default()
        };
        &stripped
    };
    w.notes(indent, &notes, &here);
    let key = scalar(&f.name);
    let nested = !f.fields.is_empty();
    let props = props(f, &written.ty);
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
            write_field(w, indent + 4, child, location, &here);
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
            "是否同意 -",
            "a -,b",
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
