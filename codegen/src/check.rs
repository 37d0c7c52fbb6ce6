//! Stage 2: every problem in a spec, each with `file:line:column`, what is
//! wrong and what would be right. Several are collected per run.

use std::collections::{BTreeMap, HashMap};

use serde_json::{Number, Value};

use crate::diagnostic::Diagnostic;
use crate::load::{At, Loaded, Seg, SourceFile};
use crate::names::{self, snake_ident};
use crate::raw::*;
use crate::suggest::closest as suggest;
use crate::types::{self, Base, TypeExpr};

const SPEC_KEYS: &[&str] = &["platform", "doc", "gateways", "token", "defaults", "groups"];
const GATEWAY_KEYS: &[&str] = &["base_url", "auth", "envelope", "version"];
const TOKEN_KEYS: &[&str] = &["gateway", "path"];
const DEFAULTS_KEYS: &[&str] = &["gateway", "method", "paging"];
const GROUP_KEYS: &[&str] = &["doc", "endpoints"];
const ENDPOINT_KEYS: &[&str] = &[
    "doc",
    "description",
    "see",
    "method",
    "gateway",
    "auth",
    "path",
    "idempotent",
    "query",
    "headers",
    "body",
    "rules",
    "response",
    "paging",
    "example",
];
const FIELD_KEYS: &[&str] = &[
    "type",
    "required",
    "doc",
    "example",
    "default",
    "min",
    "max",
    "min_items",
    "max_items",
    "min_length",
    "max_length",
    "enum",
    "fields",
    "type_name",
    "encoding",
    "secret",
];
const ENUM_KEYS: &[&str] = &["value", "name", "doc"];
const RULE_KEYS: &[&str] = &["window"];
const WINDOW_KEYS: &[&str] = &["start", "end", "max_days"];
const PAGING_KEYS: &[&str] = &[
    "style", "cursor", "size", "page", "next", "has_more", "items", "item_id", "pages", "total",
];
const EXAMPLE_KEYS: &[&str] = &["request", "response"];
const AUTHS: &[&str] = &["none", "query_token", "header_token", "signed_envelope"];
const ENVELOPES: &[&str] = &["errcode", "http_status", "code_result"];
const METHODS: &[&str] = &["GET", "POST"];
/// Paging styles the runtime can follow.
pub const PAGING_STYLES: &[&str] = &["offset", "cursor", "token", "page", "page_num", "last_id"];
/// Type names every endpoint module defines or uses itself (its two types,
/// the prelude it imports and the std prelude names its fields are written with).
pub const RESERVED_TYPES: &[&str] = &[
    "Request",
    "Response",
    "Option",
    "String",
    "Vec",
    "Secret",
    "Serialize",
    "Deserialize",
    "Validate",
    "Builder",
    "Endpoint",
    "OpenEnum",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Paged",
    "ApiResult",
    "PageStream",
    "ItemStream",
];

/// Checks one loaded spec file.
pub fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut checker = Checker {
        source: &loaded.source,
        out: Vec::new(),
    };
    checker.spec(&loaded.spec);
    checker.out
}

/// Checks several files: each alone, then that no two define the same platform.
pub fn check_all(loaded: &[Loaded]) -> Vec<Diagnostic> {
    let mut out: Vec<Diagnostic> = loaded.iter().flat_map(check).collect();
    let mut seen: BTreeMap<String, &Loaded> = BTreeMap::new();
    for file in loaded {
        let Some(name) = &file.spec.platform else {
            continue;
        };
        let module = snake_ident(name);
        if let Some(first) = seen.get(&module) {
            let here = file.source.locate(&[key("platform")], At::Value);
            let there = first.source.locate(&[key("platform")], At::Value);
            out.push(Diagnostic {
                location: here,
                message: format!("platform `{name}` is already defined"),
                help: Some(format!(
                    "first defined at {there}; use one file per platform"
                )),
            });
        } else {
            seen.insert(module, file);
        }
    }
    out
}

fn key(name: &str) -> Seg {
    Seg::Key(name.to_owned(), 0)
}

fn join(path: &[Seg], seg: Seg) -> Vec<Seg> {
    let mut joined = path.to_vec();
    joined.push(seg);
    joined
}

/// Which way a field travels: decides what `required` and limits mean.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

/// What the endpoint-level checks need to know about the platform.
struct PlatformFacts<'a> {
    gateways: Vec<&'a str>,
    default_gateway: Option<&'a str>,
    default_method: Option<&'a str>,
}

struct Checker<'a> {
    source: &'a SourceFile,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, path: &[Seg], at: At, message: impl Into<String>, help: Option<String>) {
        self.out.push(Diagnostic {
            location: self.source.locate(path, at),
            message: message.into(),
            help,
        });
    }

    fn unknown_keys(&mut self, path: &[Seg], unknown: &Unknown, valid: &[&str]) {
        for name in unknown.keys() {
            let help = match suggest(name, valid) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("valid keys here: {}", valid.join(", ")),
            };
            self.error(
                &join(path, key(name)),
                At::Key,
                format!("unknown key `{name}`"),
                Some(help),
            );
        }
    }

    fn required_text(&mut self, path: &[Seg], name: &str, value: &Option<String>, what: &str) {
        match value {
            None => self.error(path, At::Value, format!("missing `{name}`: {what}"), None),
            Some(text) if text.trim().is_empty() => self.error(
                &join(path, key(name)),
                At::Value,
                format!("`{name}` is empty: {what}"),
                None,
            ),
            Some(_) => {}
        }
    }

    /// Reports keys that map to the same Rust name (the loader reported
    /// repeated keys); returns the entries kept.
    fn unique<'e, T>(
        &mut self,
        path: &[Seg],
        entries: &'e Entries<T>,
        what: &str,
    ) -> Vec<(&'e str, &'e T)> {
        let mut kept = Vec::new();
        let mut rust_names: HashMap<String, &str> = HashMap::new();
        for (name, value) in &entries.0 {
            let rust = snake_ident(name);
            if let Some(other) = rust_names.get(&rust) {
                let here = join(path, key(name));
                self.error(
                    &here,
                    At::Key,
                    format!("{what} `{name}` and `{other}` both map to the Rust name `{rust}`"),
                    Some("rename one of them".into()),
                );
                continue;
            }
            rust_names.insert(rust, name);
            kept.push((name.as_str(), value));
        }
        kept
    }

    fn spec(&mut self, spec: &RawSpec) {
        self.unknown_keys(&[], &spec.unknown, SPEC_KEYS);
        self.required_text(
            &[],
            "platform",
            &spec.platform,
            "the platform's module name, e.g. `dingtalk`",
        );
        if let Some(name) = &spec.platform {
            if !name.is_empty() && snake_ident(name) != *name {
                self.error(
                    &[key("platform")],
                    At::Value,
                    format!("platform name `{name}` is not a snake_case identifier"),
                    Some(format!(
                        "write `{}`",
                        snake_ident(name).trim_start_matches("r#")
                    )),
                );
            }
        }
        let gateways_path = [key("gateways")];
        if spec.gateways.0.is_empty() {
            self.error(
                &[],
                At::Value,
                "missing `gateways`: at least one host",
                None,
            );
        }
        let gateways = self.unique(&gateways_path, &spec.gateways, "gateway");
        for (name, gateway) in &gateways {
            self.gateway(&join(&gateways_path, key(name)), gateway);
        }
        let names: Vec<&str> = gateways.iter().map(|(name, _)| *name).collect();
        if let Some(token) = &spec.token {
            let path = [key("token")];
            self.unknown_keys(&path, &token.unknown, TOKEN_KEYS);
            self.gateway_ref(&path, &token.gateway, &names, true);
            self.http_path(&path, &token.path);
        }
        let mut facts = PlatformFacts {
            gateways: names,
            default_gateway: None,
            default_method: None,
        };
        if let Some(defaults) = &spec.defaults {
            let path = [key("defaults")];
            self.unknown_keys(&path, &defaults.unknown, DEFAULTS_KEYS);
            self.gateway_ref(&path, &defaults.gateway, &facts.gateways, false);
            self.method(&path, &defaults.method);
            if let Some(paging) = &defaults.paging {
                self.paging_shape(&join(&path, key("paging")), paging);
            }
            facts.default_gateway = defaults.gateway.as_deref();
            facts.default_method = defaults.method.as_deref();
        }
        let groups_path = [key("groups")];
        for (name, group) in self.unique(&groups_path, &spec.groups, "group") {
            let path = join(&groups_path, key(name));
            self.unknown_keys(&path, &group.unknown, GROUP_KEYS);
            self.required_text(&path, "doc", &group.doc, "what the group is about");
            let endpoints_path = join(&path, key("endpoints"));
            if group.endpoints.0.is_empty() {
                self.error(
                    &path,
                    At::Value,
                    format!("group `{name}` has no `endpoints`"),
                    None,
                );
            }
            for (name, endpoint) in self.unique(&endpoints_path, &group.endpoints, "endpoint") {
                self.endpoint(&join(&endpoints_path, key(name)), endpoint, &facts);
            }
        }
    }

    fn gateway(&mut self, path: &[Seg], gateway: &RawGateway) {
        self.unknown_keys(path, &gateway.unknown, GATEWAY_KEYS);
        match &gateway.base_url {
            None => self.error(path, At::Value, "missing `base_url`, e.g. `https://oapi.dingtalk.com`", None),
            Some(url) if !(url.starts_with("https://") || url.starts_with("http://")) || url.ends_with('/') => self.error(
                &join(path, key("base_url")),
                At::Value,
                format!("`{url}` is not a base URL"),
                Some("write scheme and host without a trailing slash, e.g. `https://oapi.dingtalk.com`".into()),
            ),
            Some(_) => {}
        }
        self.one_of(path, "auth", &gateway.auth, AUTHS, true);
        self.one_of(path, "envelope", &gateway.envelope, ENVELOPES, true);
        if gateway.auth.as_deref() == Some("signed_envelope") && gateway.version.is_none() {
            self.error(
                path,
                At::Value,
                "a `signed_envelope` gateway needs `version` (the envelope's version field)",
                None,
            );
        }
    }

    fn one_of(
        &mut self,
        path: &[Seg],
        name: &str,
        value: &Option<String>,
        allowed: &[&str],
        required: bool,
    ) {
        match value {
            None if required => self.error(
                path,
                At::Value,
                format!("missing `{name}`"),
                Some(format!("one of: {}", allowed.join(", "))),
            ),
            Some(v) if !allowed.contains(&v.as_str()) => {
                let help = match suggest(v, allowed) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!("one of: {}", allowed.join(", ")),
                };
                self.error(
                    &join(path, key(name)),
                    At::Value,
                    format!("unknown {name} `{v}`"),
                    Some(help),
                );
            }
            _ => {}
        }
    }

    fn gateway_ref(
        &mut self,
        path: &[Seg],
        value: &Option<String>,
        gateways: &[&str],
        required: bool,
    ) {
        match value {
            None if required => self.error(
                path,
                At::Value,
                "missing `gateway`",
                Some(format!("one of: {}", gateways.join(", "))),
            ),
            Some(name) if !gateways.contains(&name.as_str()) => self.error(
                &join(path, key("gateway")),
                At::Value,
                format!("unknown gateway `{name}`"),
                Some(format!("gateways defined: {}", gateways.join(", "))),
            ),
            _ => {}
        }
    }

    fn method(&mut self, path: &[Seg], value: &Option<String>) {
        if let Some(method) = value {
            if !METHODS.contains(&method.as_str()) {
                let help = if METHODS.contains(&method.to_uppercase().as_str()) {
                    format!("write `{}`", method.to_uppercase())
                } else {
                    "GET or POST".into()
                };
                self.error(
                    &join(path, key("method")),
                    At::Value,
                    format!("unsupported method `{method}`"),
                    Some(help),
                );
            }
        }
    }

    fn http_path(&mut self, path: &[Seg], value: &Option<String>) {
        match value {
            None => self.error(path, At::Value, "missing `path`, e.g. `/topapi/blackboard/create`", None),
            Some(p) if !p.starts_with('/') || p.contains(char::is_whitespace) || p.contains('?') => self.error(
                &join(path, key("path")),
                At::Value,
                format!("`{p}` is not a request path"),
                Some("start with `/`, no spaces, no query string (query parameters go under `query`)".into()),
            ),
            Some(_) => {}
        }
    }

    fn endpoint(&mut self, path: &[Seg], endpoint: &RawEndpoint, facts: &PlatformFacts<'_>) {
        self.unknown_keys(path, &endpoint.unknown, ENDPOINT_KEYS);
        self.required_text(
            path,
            "doc",
            &endpoint.doc,
            "the one-line summary from the documentation",
        );
        self.method(path, &endpoint.method);
        self.http_path(path, &endpoint.path);
        self.gateway_ref(path, &endpoint.gateway, &facts.gateways, false);
        if endpoint.gateway.is_none() && facts.default_gateway.is_none() {
            self.error(
                path,
                At::Value,
                "missing `gateway` (and no `defaults.gateway`)",
                None,
            );
        }
        if endpoint.method.is_none() && facts.default_method.is_none() {
            self.error(
                path,
                At::Value,
                "missing `method` (and no `defaults.method`)",
                None,
            );
        }
        if let Some(auth) = &endpoint.auth {
            if auth != "none" {
                self.error(
                    &join(path, key("auth")),
                    At::Value,
                    format!("an endpoint can only override auth with `none`, not `{auth}`"),
                    Some("the auth scheme is the gateway's: set it under `gateways`".into()),
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
        let mut top: BTreeMap<String, (Vec<Seg>, &RawField)> = BTreeMap::new();
        for place in ["query", "headers", "body"] {
            let fields = match place {
                "query" => &endpoint.query,
                "headers" => &endpoint.headers,
                _ => &endpoint.body,
            };
            let place_path = join(path, key(place));
            for (name, field) in self.unique(&place_path, fields, "field") {
                let field_path = join(&place_path, key(name));
                if let Some((first, _)) = top.get(&snake_ident(name)) {
                    let first = self.source.locate(first, At::Key);
                    self.error(
                        &field_path,
                        At::Key,
                        format!("field `{name}` is defined twice"),
                        Some(format!("first at {first}")),
                    );
                    continue;
                }
                self.field(&field_path, name, field, Side::Request, &mut types);
                top.insert(snake_ident(name), (field_path, field));
            }
        }
        for (index, rule) in endpoint.rules.iter().enumerate() {
            self.rule(
                &join(&join(path, key("rules")), Seg::Index(index)),
                rule,
                &top,
            );
        }
        let response_path = join(path, key("response"));
        for (name, field) in self.unique(&response_path, &endpoint.response, "field") {
            self.field(
                &join(&response_path, key(name)),
                name,
                field,
                Side::Response,
                &mut types,
            );
        }
        for (name, places) in types.seen {
            if places.len() > 1 || RESERVED_TYPES.contains(&name.as_str()) {
                let (last, what) = places.last().cloned().unwrap_or_default();
                let reason = if RESERVED_TYPES.contains(&name.as_str()) {
                    format!(
                        "the nested type name `{name}` is reserved: every endpoint module defines or imports it"
                    )
                } else {
                    format!("two nested types map to the Rust name `{name}` ({what} and another)")
                };
                self.error(
                    &last,
                    At::Key,
                    reason,
                    Some("set `type_name` on one of them".into()),
                );
            }
        }
        if let Some(paging) = &endpoint.paging {
            self.paging(&join(path, key("paging")), paging, endpoint);
        }
        if let Some(example) = &endpoint.example {
            let example_path = join(path, key("example"));
            self.unknown_keys(&example_path, &example.unknown, EXAMPLE_KEYS);
            for (name, text) in [
                ("request", &example.request),
                ("response", &example.response),
            ] {
                if let Some(text) = text {
                    if let Err(err) = serde_json::from_str::<Value>(text) {
                        self.error(
                            &join(&example_path, key(name)),
                            At::Value,
                            format!("the {name} example is not valid JSON: {err} (line {} of the example)", err.line()),
                            Some("fix the JSON (the documentation's examples sometimes are not) and say so in a comment".into()),
                        );
                    }
                }
            }
        }
    }

    fn field(
        &mut self,
        path: &[Seg],
        name: &str,
        field: &RawField,
        side: Side,
        types: &mut TypeNames,
    ) {
        self.unknown_keys(path, &field.unknown, FIELD_KEYS);
        let Some(type_text) = &field.ty else {
            self.error(
                path,
                At::Value,
                format!("field `{name}` has no `type`"),
                Some(format!("one of: {}", types::BASE_NAMES.join(", "))),
            );
            return;
        };
        let Some(ty) = types::parse(type_text) else {
            let help = match types::suggestion(type_text) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!(
                    "one of: {} (add `[]` for a list)",
                    types::BASE_NAMES.join(", ")
                ),
            };
            self.error(
                &join(path, key("type")),
                At::Value,
                format!("unknown type `{type_text}`"),
                Some(help),
            );
            return;
        };
        if side == Side::Response && field.required.is_some() {
            self.error(
                &join(path, key("required")),
                At::Key,
                "`required` applies to request fields only",
                Some(
                    "response fields are always optional in Rust: platforms omit and null them"
                        .into(),
                ),
            );
        }
        self.limits(path, field, ty);
        if let Some(values) = &field.enumeration {
            self.enumeration(&join(path, key("enum")), values, ty);
        }
        let nested = ty.base == Base::Object || field.enumeration.is_some();
        match (&field.fields, ty.base) {
            (Some(fields), Base::Object) => {
                let fields_path = join(path, key("fields"));
                if fields.0.is_empty() {
                    self.error(
                        &fields_path,
                        At::Value,
                        "an object needs at least one field",
                        Some("use `type: json` for free-form objects".into()),
                    );
                }
                for (child, value) in self.unique(&fields_path, fields, "field") {
                    self.field(&join(&fields_path, key(child)), child, value, side, types);
                }
            }
            (None, Base::Object) => self.error(
                path,
                At::Value,
                format!("object field `{name}` has no `fields`"),
                Some("list its fields, or use `type: json` for free-form objects".into()),
            ),
            (Some(_), _) => self.error(
                &join(path, key("fields")),
                At::Key,
                format!("`fields` on a `{type_text}` field"),
                Some("only `object` and `object[]` have fields".into()),
            ),
            (None, _) => {}
        }
        if nested {
            let type_name = types::nested_type_name(name, field.type_name.as_deref(), ty.lists);
            types
                .seen
                .entry(type_name)
                .or_default()
                .push((path.to_vec(), name.to_owned()));
        } else if field.type_name.is_some() {
            self.error(
                &join(path, key("type_name")),
                At::Key,
                "`type_name` names the type of an object or enum field only",
                None,
            );
        }
        if let Some(encoding) = &field.encoding {
            if encoding != "comma" {
                self.error(
                    &join(path, key("encoding")),
                    At::Value,
                    format!("unknown encoding `{encoding}`"),
                    Some("the only encoding is `comma`".into()),
                );
            } else if ty.lists != 1 || matches!(ty.base, Base::Object | Base::Json) {
                self.error(
                    &join(path, key("encoding")),
                    At::Key,
                    "`encoding: comma` applies to lists of scalars",
                    Some("e.g. `type: \"string[]\"`".into()),
                );
            }
        }
        if field.secret == Some(true) && (ty.base != Base::String || ty.lists > 0) {
            self.error(
                &join(path, key("secret")),
                At::Key,
                "`secret` applies to `string` fields",
                None,
            );
        }
    }

    fn limits(&mut self, path: &[Seg], field: &RawField, ty: TypeExpr) {
        let numeric = ty.lists == 0 && matches!(ty.base, Base::Integer | Base::Number);
        for (name, bound) in [("min", &field.min), ("max", &field.max)] {
            let Some(bound) = bound else { continue };
            if !numeric {
                let help = if ty.lists > 0 {
                    format!("for the number of items use `{name}_items`")
                } else if ty.base == Base::String {
                    format!("for the text length use `{name}_length`")
                } else {
                    "only `integer` and `number` fields have bounds".into()
                };
                self.error(
                    &join(path, key(name)),
                    At::Key,
                    format!("`{name}` applies to numbers, not to `{}`", type_label(ty)),
                    Some(help),
                );
            } else if ty.base == Base::Integer && bound.as_i64().is_none() {
                self.error(
                    &join(path, key(name)),
                    At::Value,
                    format!("`{name}: {bound}` is not an integer, but the field is an `integer`"),
                    None,
                );
            }
        }
        if numeric {
            if let (Some(min), Some(max)) = (as_f64(&field.min), as_f64(&field.max)) {
                if min > max {
                    self.error(
                        &join(path, key("max")),
                        At::Value,
                        format!("min ({min}) is greater than max ({max})"),
                        Some("swap them, or fix the one that was mistyped".into()),
                    );
                }
            }
        }
        for (suffix, applies, what) in [
            ("items", ty.lists > 0, "lists"),
            (
                "length",
                ty.lists == 0 && ty.base == Base::String,
                "`string` fields",
            ),
        ] {
            let low_name = format!("min_{suffix}");
            let high_name = format!("max_{suffix}");
            let (low, high) = if suffix == "items" {
                (&field.min_items, &field.max_items)
            } else {
                (&field.min_length, &field.max_length)
            };
            for (name, value) in [(&low_name, low), (&high_name, high)] {
                let Some(value) = value else { continue };
                if !applies {
                    self.error(
                        &join(path, key(name)),
                        At::Key,
                        format!("`{name}` applies to {what}, not to `{}`", type_label(ty)),
                        None,
                    );
                } else if value.as_u64().is_none() {
                    self.error(
                        &join(path, key(name)),
                        At::Value,
                        format!("`{name}: {value}` must be a non-negative integer"),
                        None,
                    );
                }
            }
            if let (Some(low), Some(high)) = (
                low.as_ref().and_then(Number::as_u64),
                high.as_ref().and_then(Number::as_u64),
            ) {
                if low > high {
                    self.error(
                        &join(path, key(&high_name)),
                        At::Value,
                        format!("{low_name} ({low}) is greater than {high_name} ({high})"),
                        None,
                    );
                }
            }
        }
    }

    fn enumeration(&mut self, path: &[Seg], values: &[RawEnumValue], ty: TypeExpr) {
        let integer = match ty.base {
            Base::Integer => true,
            Base::String => false,
            _ => {
                self.error(
                    path,
                    At::Key,
                    format!(
                        "`enum` applies to `integer` and `string` fields, not to `{}`",
                        type_label(ty)
                    ),
                    None,
                );
                return;
            }
        };
        if values.is_empty() {
            self.error(path, At::Value, "`enum` lists no values", None);
        }
        let mut seen_values: BTreeMap<String, usize> = BTreeMap::new();
        let mut seen_names: BTreeMap<String, usize> = BTreeMap::new();
        for (index, item) in values.iter().enumerate() {
            let item_path = join(path, Seg::Index(index));
            self.unknown_keys(&item_path, &item.unknown, ENUM_KEYS);
            match &item.value {
                None => self.error(&item_path, At::Value, "enum item has no `value`", None),
                Some(value) => {
                    let right_type = if integer {
                        value.is_i64()
                    } else {
                        value.is_string()
                    };
                    if !right_type {
                        let expected = if integer { "an integer" } else { "a string" };
                        self.error(
                            &join(&item_path, key("value")),
                            At::Value,
                            format!(
                                "enum value {value} is not {expected}, but the field is `{}`",
                                type_label(ty)
                            ),
                            Some(if integer {
                                "write the number without quotes".into()
                            } else {
                                format!("quote it: \"{}\"", value.to_string().trim_matches('"'))
                            }),
                        );
                    }
                    let text = value.to_string();
                    if let Some(first) = seen_values.insert(text.clone(), index) {
                        let first = self.source.locate(
                            &join(&join(path, Seg::Index(first)), key("value")),
                            At::Value,
                        );
                        self.error(
                            &join(&item_path, key("value")),
                            At::Value,
                            format!("duplicate enum value {text}"),
                            Some(format!("first at {first}")),
                        );
                    }
                }
            }
            match &item.name {
                None => self.error(
                    &item_path,
                    At::Value,
                    "enum item has no `name`",
                    Some("a snake_case name for the Rust variant, e.g. `name: normal`".into()),
                ),
                Some(name) => {
                    let variant = names::pascal_ident(name);
                    if variant == "Other" {
                        self.error(
                            &join(&item_path, key("name")),
                            At::Value,
                            "`other` is reserved for values the documentation does not list",
                            None,
                        );
                    }
                    if let Some(first) = seen_names.insert(variant.clone(), index) {
                        let first = self.source.locate(
                            &join(&join(path, Seg::Index(first)), key("name")),
                            At::Value,
                        );
                        self.error(
                            &join(&item_path, key("name")),
                            At::Value,
                            format!("enum name `{name}` maps to the variant `{variant}` twice"),
                            Some(format!("first at {first}")),
                        );
                    }
                }
            }
        }
    }

    fn rule(
        &mut self,
        path: &[Seg],
        rule: &RawRule,
        top: &BTreeMap<String, (Vec<Seg>, &RawField)>,
    ) {
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
        for (name, value) in [("start", &window.start), ("end", &window.end)] {
            match value {
                None => self.error(
                    &path,
                    At::Value,
                    format!("window needs `{name}`: a request field name"),
                    None,
                ),
                Some(field) => match top.get(&snake_ident(field)) {
                    None => self.error(
                        &join(&path, key(name)),
                        At::Value,
                        format!("window {name} `{field}` is not a top-level request field"),
                        suggest(
                            field,
                            &top.values()
                                .filter_map(|(p, _)| match p.last() {
                                    Some(Seg::Key(k, _)) => Some(k.as_str()),
                                    _ => None,
                                })
                                .collect::<Vec<_>>(),
                        )
                        .map(|s| format!("did you mean `{s}`?")),
                    ),
                    Some((_, f))
                        if f.ty.as_deref().and_then(types::parse)
                            != Some(TypeExpr {
                                base: Base::Integer,
                                lists: 0,
                            }) =>
                    {
                        self.error(
                            &join(&path, key(name)),
                            At::Value,
                            format!(
                                "window {name} `{field}` must be an `integer` (epoch milliseconds)"
                            ),
                            None,
                        )
                    }
                    Some(_) => {}
                },
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
    }

    fn paging_shape(&mut self, path: &[Seg], paging: &RawPaging) {
        self.unknown_keys(path, &paging.unknown, PAGING_KEYS);
        self.one_of(path, "style", &paging.style, PAGING_STYLES, true);
    }

    fn paging(&mut self, path: &[Seg], paging: &RawPaging, endpoint: &RawEndpoint) {
        self.paging_shape(path, paging);
        let request = [&endpoint.query, &endpoint.body, &endpoint.headers];
        for (name, value) in [
            ("cursor", &paging.cursor),
            ("size", &paging.size),
            ("page", &paging.page),
        ] {
            if let Some(dotted) = value {
                if !request
                    .iter()
                    .any(|fields| resolve(fields, dotted).is_some())
                {
                    self.error(
                        &join(path, key(name)),
                        At::Value,
                        format!("paging {name} `{dotted}` is not a request field"),
                        Some("a dotted path of wire names, e.g. `query_request.page`".into()),
                    );
                }
            }
        }
        for (name, value) in [
            ("next", &paging.next),
            ("has_more", &paging.has_more),
            ("items", &paging.items),
            ("pages", &paging.pages),
            ("total", &paging.total),
        ] {
            if let Some(dotted) = value {
                if resolve(&endpoint.response, dotted).is_none() {
                    self.error(
                        &join(path, key(name)),
                        At::Value,
                        format!("paging {name} `{dotted}` is not a response field"),
                        Some("a dotted path of wire names, e.g. `result.next_cursor`".into()),
                    );
                }
            }
        }
        if paging.items.is_none() {
            self.error(
                path,
                At::Value,
                "paging needs `items`: the response list",
                None,
            );
        }
    }
}

/// Nested type names seen in one endpoint, with where each was defined.
#[derive(Default)]
struct TypeNames {
    seen: BTreeMap<String, Vec<(Vec<Seg>, String)>>,
}

/// The field at a dotted path of wire names.
pub fn resolve<'a>(fields: &'a Entries<RawField>, dotted: &str) -> Option<&'a RawField> {
    let mut current = fields;
    let mut found = None;
    for part in dotted.split('.') {
        let field = current
            .0
            .iter()
            .find(|(name, _)| name == part)
            .map(|(_, f)| f)?;
        found = Some(field);
        if let Some(children) = &field.fields {
            current = children;
        }
    }
    found
}

fn type_label(ty: TypeExpr) -> String {
    let base = ty.base.name();
    format!("{base}{}", "[]".repeat(ty.lists))
}

fn as_f64(value: &Option<Number>) -> Option<f64> {
    value.as_ref().and_then(Number::as_f64)
}
