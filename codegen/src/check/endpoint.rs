//! One endpoint: method, path and its parameters, the fields of each place,
//! cross-field rules, the response, examples.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::field::{FieldPlace, TypeNames};
use super::{Checker, METHODS, PlatformFacts, Side, join, key};
use crate::load::{At, Seg};
use crate::raw::*;
use crate::types::{Base, TypeExpr};

const ENDPOINT_KEYS: &[&str] = &[
    "doc",
    "description",
    "see",
    "method",
    "gateway",
    "auth",
    "path",
    "idempotent",
    "path_params",
    "query",
    "headers",
    "body",
    "rules",
    "response",
    "paging",
    "rate_limits",
    "example",
    "fake",
];
const FAKE_KEYS: &[&str] = &["store", "op", "record", "id", "result"];
/// What a stateful fake endpoint does with its store.
pub const FAKE_OPS: &[&str] = &["create", "get", "list", "update", "delete"];
const RULE_KEYS: &[&str] = &["window"];
const WINDOW_KEYS: &[&str] = &["start", "end", "max_days", "when"];
const WHEN_KEYS: &[&str] = &["field", "min_items"];
const EXAMPLE_KEYS: &[&str] = &["request", "response"];

/// A top-level request field, where it travels and where it is written.
struct RequestField<'a> {
    place: FieldPlace,
    wire: &'a str,
    path: Vec<Seg>,
    field: &'a RawField,
}

/// A top-level request field as the rules see it.
struct TopField<'a> {
    path: Vec<Seg>,
    field: &'a RawField,
    ty: Option<TypeExpr>,
}

impl Checker<'_> {
    pub(super) fn endpoint(
        &mut self,
        path: &[Seg],
        endpoint: &RawEndpoint,
        facts: &PlatformFacts<'_>,
        spec: &RawSpec,
    ) {
        self.unknown_keys(path, &endpoint.unknown, ENDPOINT_KEYS);
        self.required_text(
            path,
            "doc",
            &endpoint.doc,
            "the one-line summary from the documentation",
        );
        self.method(path, &endpoint.method, METHODS);
        self.http_path(path, &endpoint.path);
        self.reference(path, "gateway", &endpoint.gateway, &facts.gateways, false);
        if endpoint.gateway.is_none() && facts.default_gateway.is_none() {
            self.error(
                path,
                At::Value,
                "missing `gateway` (and no `defaults.gateway`)",
                Some("name one of the platform's `gateways`, or set `defaults.gateway` for every endpoint".into()),
            );
        }
        // No method and no default: POST, as most open-platform endpoints are.
        if let Some(auth) = &endpoint.auth {
            if auth != "none" {
                self.error(
                    &join(path, key("auth")),
                    At::Value,
                    format!("an endpoint can only opt out of its gateway's request additions with `auth: none`, not `{auth}`"),
                    Some("the token, signature and envelope are the gateway's: set them under `gateways`".into()),
                );
            }
        }
        let method = endpoint
            .method
            .as_deref()
            .or(facts.default_method)
            .unwrap_or("POST");
        if method == "GET" && !endpoint.body.0.is_empty() {
            self.error(
                &join(path, key("body")),
                At::Key,
                "a GET endpoint has no body",
                Some("move these fields under `query`".into()),
            );
        }
        let mut types = TypeNames::default();
        let mut top: BTreeMap<String, TopField<'_>> = BTreeMap::new();
        let mut all: Vec<RequestField<'_>> = Vec::new();
        for (place, name, fields) in [
            (FieldPlace::Path, "path_params", &endpoint.path_params),
            (FieldPlace::Query, "query", &endpoint.query),
            (FieldPlace::Header, "headers", &endpoint.headers),
            (FieldPlace::Body, "body", &endpoint.body),
        ] {
            let place_path = join(path, key(name));
            for (wire, field) in self.unique_fields(&place_path, fields) {
                let field_path = join(&place_path, key(wire));
                if place == FieldPlace::Header {
                    self.header_name(&field_path, wire);
                }
                let ty = self.field(&field_path, wire, field, Side::Request, place, &mut types);
                all.push(RequestField {
                    place,
                    wire,
                    path: field_path.clone(),
                    field,
                });
                top.entry(wire.to_owned()).or_insert(TopField {
                    path: field_path,
                    field,
                    ty,
                });
            }
        }
        self.request_idents(&all);
        self.path_params(path, endpoint);
        for (index, rule) in endpoint.rules.iter().enumerate() {
            self.rule(
                &join(&join(path, key("rules")), Seg::Index(index)),
                rule,
                &top,
            );
        }
        let response_path = join(path, key("response"));
        for (name, field) in self.unique_fields(&response_path, &endpoint.response) {
            self.field(
                &join(&response_path, key(name)),
                name,
                field,
                Side::Response,
                FieldPlace::Body,
                &mut types,
            );
        }
        self.type_names(types);
        if let Some(paging) = &endpoint.paging {
            self.paging(&join(path, key("paging")), paging, endpoint);
        }
        if let Some(limits) = &endpoint.rate_limits {
            self.rate_limits(&join(path, key("rate_limits")), limits);
        }
        let gateway = endpoint.gateway.as_deref().or(facts.default_gateway);
        let envelope = gateway.and_then(|g| facts.envelopes.get(g)).copied();
        self.examples(path, endpoint, envelope, spec);
        if let Some(fake) = &endpoint.fake {
            self.fake(&join(path, key("fake")), fake, endpoint);
        }
    }

    /// The fake platform's store declaration: names that resolve.
    fn fake(&mut self, path: &[Seg], fake: &RawFake, endpoint: &RawEndpoint) {
        self.unknown_keys(path, &fake.unknown, FAKE_KEYS);
        self.required_text(
            path,
            "store",
            &fake.store,
            "the name of the records' collection",
        );
        self.one_of(path, "op", &fake.op, FAKE_OPS, true);
        let op = fake.op.as_deref().unwrap_or_default();
        let request = [&endpoint.query, &endpoint.body, &endpoint.path_params];
        let in_request = |dotted: &str| request.iter().any(|f| super::resolve(f, dotted).is_some());
        if let Some(record) = fake.record.as_deref().filter(|r| !r.is_empty()) {
            if !in_request(record) {
                self.error(
                    &join(path, key("record")),
                    At::Value,
                    format!("`{record}` is not a request field"),
                    None,
                );
            }
        }
        if matches!(op, "get" | "update" | "delete") {
            match fake.id.as_deref() {
                None => self.error(
                    path,
                    At::Value,
                    format!("`op: {op}` needs `id`: the request field holding the record's id"),
                    None,
                ),
                Some(id) if !in_request(id) => self.error(
                    &join(path, key("id")),
                    At::Value,
                    format!("`{id}` is not a request field"),
                    None,
                ),
                Some(_) => {}
            }
        }
        if let Some(result) = fake.result.as_deref().filter(|r| !r.is_empty()) {
            if super::resolve(&endpoint.response, result).is_none() {
                self.error(
                    &join(path, key("result")),
                    At::Value,
                    format!("`{result}` is not a response field"),
                    None,
                );
            }
        }
    }

    /// Request fields become one struct: their Rust names must differ. A
    /// path, query or header field named like a body field takes its place
    /// as a suffix (`timestamp_header`); what still collides is an error.
    fn request_idents(&mut self, all: &[RequestField<'_>]) {
        let wires: Vec<(crate::ir::Place, &str, Option<&str>)> = all
            .iter()
            .map(|f| (ir_place(f.place), f.wire, f.field.rust_name.as_deref()))
            .collect();
        let idents = crate::names::request_idents(&wires);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (index, ident) in idents.iter().enumerate() {
            if ident.is_empty() {
                continue;
            }
            match seen.get(ident.as_str()) {
                Some(first) => {
                    let first_at = self.first_at(&all[*first].path);
                    self.error(
                        &all[index].path,
                        At::Key,
                        format!(
                            "field `{}` and `{}` both become the Rust field `{ident}`",
                            all[index].wire, all[*first].wire
                        ),
                        Some(format!("{first_at}; give one a `rust_name`")),
                    );
                }
                None => {
                    seen.insert(ident, index);
                }
            }
        }
        for (found, ident) in all.iter().zip(&idents) {
            let optional = found.place != FieldPlace::Path && found.field.required != Some(true);
            if optional && ident == "new" {
                self.error(
                    &found.path,
                    At::Key,
                    "an optional field named `new` would need a setter `new`, which is the constructor",
                    Some("add `rust_name: <another name>` (the wire name stays `new`)".into()),
                );
            }
        }
    }

    /// Every `{name}` of the path is a path parameter, and every path
    /// parameter is in the path.
    fn path_params(&mut self, path: &[Seg], endpoint: &RawEndpoint) {
        let Some(template) = &endpoint.path else {
            return;
        };
        let placeholders = match crate::names::placeholders(template) {
            Ok(found) => found,
            Err(problem) => {
                self.error(
                    &join(path, key("path")),
                    At::Value,
                    format!("`{template}`: {problem}"),
                    None,
                );
                return;
            }
        };
        for name in &placeholders {
            if !endpoint
                .path_params
                .0
                .iter()
                .any(|(param, _)| param == name)
            {
                self.error(
                    &join(path, key("path")),
                    At::Value,
                    format!("`{{{name}}}` in the path has no path parameter"),
                    Some(format!(
                        "add `path_params: {{{name}: {{type: string, doc: …}}}}`"
                    )),
                );
            }
        }
        for (name, _) in &endpoint.path_params.0 {
            if !placeholders.iter().any(|p| p == name) {
                self.error(
                    &join(&join(path, key("path_params")), key(name)),
                    At::Key,
                    format!("path parameter `{name}` is not in the path"),
                    Some(format!("write `{{{name}}}` where it goes in `path`")),
                );
            }
        }
    }

    fn rule(&mut self, path: &[Seg], rule: &RawRule, top: &BTreeMap<String, TopField<'_>>) {
        self.unknown_keys(path, &rule.unknown, RULE_KEYS);
        let Some(window) = &rule.window else {
            self.error(
                path,
                At::Value,
                "empty rule",
                Some("e.g. `window: {start: start_time, end: end_time, max_days: 180}`".into()),
            );
            return;
        };
        let path = join(path, key("window"));
        self.unknown_keys(&path, &window.unknown, WINDOW_KEYS);
        let names: Vec<&str> = top.keys().map(String::as_str).collect();
        for (name, value) in [("start", &window.start), ("end", &window.end)] {
            let Some(wire) = value else {
                self.error(
                    &path,
                    At::Value,
                    format!("window needs `{name}`: a request field name"),
                    None,
                );
                continue;
            };
            match top.get(wire) {
                None => self.error(
                    &join(&path, key(name)),
                    At::Value,
                    format!("window {name} `{wire}` is not a top-level request field"),
                    super::suggest(wire, &names).map(|s| format!("did you mean `{s}`?")),
                ),
                Some(found) if !is_instant(found) => {
                    let first = self.first_at(&found.path);
                    self.error(
                        &join(&path, key(name)),
                        At::Value,
                        format!("window {name} `{wire}` is not a time: an `integer` (epoch ms), or a field with a date `format`"),
                        Some(format!("the field: {first}")),
                    );
                }
                Some(_) => {}
            }
        }
        match &window.max_days {
            None => self.error(&path, At::Value, "window needs `max_days`", None),
            Some(days)
                if days
                    .as_u64()
                    .is_none_or(|d| d == 0 || d > u64::from(u32::MAX)) =>
            {
                self.error(
                    &join(&path, key("max_days")),
                    At::Value,
                    format!("`max_days: {days}` must be a positive integer"),
                    None,
                )
            }
            Some(_) => {}
        }
        if let Some(when) = &window.when {
            let when_path = join(&path, key("when"));
            self.unknown_keys(&when_path, &when.unknown, WHEN_KEYS);
            match when.field.as_deref().map(|wire| (wire, top.get(wire))) {
                None => self.error(
                    &when_path,
                    At::Value,
                    "`when` needs `field`: a list field",
                    None,
                ),
                Some((wire, None)) => self.error(
                    &join(&when_path, key("field")),
                    At::Value,
                    format!("`{wire}` is not a top-level request field"),
                    None,
                ),
                Some((wire, Some(found))) if found.ty.as_ref().is_none_or(|t| t.lists() == 0) => {
                    self.error(
                        &join(&when_path, key("field")),
                        At::Value,
                        format!("`when` counts the items of a list, and `{wire}` is not one"),
                        None,
                    )
                }
                Some(_) => {}
            }
            if when
                .min_items
                .as_ref()
                .and_then(Value::as_u64)
                .is_none_or(|n| n == 0)
            {
                let at = match when.min_items {
                    Some(_) => join(&when_path, key("min_items")),
                    None => when_path.clone(),
                };
                self.error(
                    &at,
                    At::Value,
                    "`when` needs `min_items`: a positive count",
                    Some("e.g. `when: {field: userid_list, min_items: 2}`".into()),
                );
            }
        }
    }

    fn examples(
        &mut self,
        path: &[Seg],
        endpoint: &RawEndpoint,
        envelope: Option<&RawEnvelope>,
        spec: &RawSpec,
    ) {
        let Some(example) = &endpoint.example else {
            return;
        };
        let example_path = join(path, key("example"));
        self.unknown_keys(&example_path, &example.unknown, EXAMPLE_KEYS);
        for (name, text) in [
            ("request", &example.request),
            ("response", &example.response),
        ] {
            let Some(text) = text else { continue };
            let parsed = match serde_json::from_str::<Value>(text) {
                Ok(parsed) => parsed,
                Err(err) => {
                    self.error(
                        &join(&example_path, key(name)),
                        At::Value,
                        format!("the {name} example is not valid JSON: {err} (line {} of the example)", err.line()),
                        Some("fix the JSON (the documentation's examples sometimes are not) and say so in a comment".into()),
                    );
                    continue;
                }
            };
            if name == "response" {
                if let Some(envelope) = envelope {
                    self.example_envelope(&join(&example_path, key(name)), &parsed, envelope, spec);
                }
            }
        }
    }

    /// The documented answer has the envelope's data where it says, and its
    /// code has the type of the success values.
    fn example_envelope(
        &mut self,
        path: &[Seg],
        answer: &Value,
        envelope: &RawEnvelope,
        spec: &RawSpec,
    ) {
        let nested = envelope.nested.as_deref().and_then(|n| answer.get(n));
        let level = match (&envelope.code, nested) {
            (Some(code), Some(inner))
                if lookup(answer, code).is_none() && lookup(inner, code).is_some() =>
            {
                inner
            }
            _ => answer,
        };
        if let Some(data) = envelope.data.as_deref().filter(|d| *d != ".") {
            if lookup(level, data).is_none() {
                self.error(
                    path,
                    At::Value,
                    format!("the documented answer has no `{data}`, where the envelope says the data is"),
                    Some("store the whole answer as documented (envelope included), or fix the envelope's `data`".into()),
                );
            }
        }
        let (Some(code), Some(ok)) = (&envelope.code, &envelope.ok) else {
            return;
        };
        let (Some(found), Some(first)) = (lookup(level, code), ok.first()) else {
            return;
        };
        if found.is_string() != first.is_string() && (found.is_string() || found.is_number()) {
            let envelope_name = spec
                .envelopes
                .0
                .iter()
                .find(|(_, e)| std::ptr::eq(e, envelope))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            self.error(
                &[key("envelopes"), key(&envelope_name), key("ok"), Seg::Index(0)],
                At::Value,
                format!(
                    "success value {first} is of the wrong type: the documented answer at {} has `{code}: {found}`",
                    self.source.locate(path, At::Value)
                ),
                Some(if found.is_string() {
                    format!("write `ok: [\"{}\"]`", first.to_string().trim_matches('"'))
                } else {
                    format!("write `ok: [{}]`", first.to_string().trim_matches('"'))
                }),
            );
        }
    }
}

/// A dotted path in a JSON value.
pub(super) fn lookup<'v>(value: &'v Value, dotted: &str) -> Option<&'v Value> {
    dotted
        .split('.')
        .try_fold(value, |current, part| current.get(part))
}

fn is_instant(field: &TopField<'_>) -> bool {
    if field.field.enumeration.is_some() {
        return false;
    }
    match &field.ty {
        Some(TypeExpr::Base(base)) if base.is_integer() => true,
        Some(TypeExpr::Base(Base::String)) => {
            matches!(
                field.field.format.as_deref(),
                Some("date-time" | "date" | "rfc3339")
            )
        }
        _ => false,
    }
}

fn ir_place(place: FieldPlace) -> crate::ir::Place {
    match place {
        FieldPlace::Path => crate::ir::Place::Path,
        FieldPlace::Query => crate::ir::Place::Query,
        FieldPlace::Header => crate::ir::Place::Header,
        FieldPlace::Body => crate::ir::Place::Body,
    }
}
