//! Stage 2: every problem in a spec, each with `file:line:column`, what is
//! wrong and what would be right. Several are collected per run; a spec
//! that passes generates code that compiles (no spec mistake may surface as
//! a compile error inside generated code).
//!
//! One file per part of the format: [`platform`] (credentials, tokens,
//! envelopes, signing, gateways, rate limits), [`endpoint`] (method, path,
//! parameters, rules, paging, examples), [`field`] (types, limits, formats,
//! enums), [`names`] (collisions with each other and with generated items),
//! [`http`] (paths, base URLs, header names and values).

mod endpoint;
mod field;
mod http;
mod names;
mod paging;
mod platform;

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::Diagnostic;
use crate::load::{At, Loaded, Seg, SourceFile};
use crate::names::snake_ident;
use crate::raw::*;
use crate::suggest::closest as suggest;

pub use field::resolve;
pub use names::{RESERVED_PLATFORMS, RESERVED_TYPES};
pub use paging::{PAGING_STYLES, canonical_style, style_keys};

const SPEC_KEYS: &[&str] = &[
    "platform",
    "doc",
    "credentials",
    "tokens",
    "envelopes",
    "signing",
    "gateways",
    "defaults",
    "rate_limits",
    "groups",
];
const DEFAULTS_KEYS: &[&str] = &["gateway", "method", "paging", "lenient"];
const GROUP_KEYS: &[&str] = &["doc", "endpoints"];
/// The HTTP methods an endpoint may use.
pub const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];
/// Longest platform, group and endpoint name: each becomes a file name.
pub const MAX_NAME_CHARS: usize = 64;

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
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Side {
    Request,
    Response,
}

/// What the endpoint-level checks need to know about the platform.
struct PlatformFacts<'a> {
    gateways: Vec<&'a str>,
    /// Each gateway's envelope, by gateway name.
    envelopes: HashMap<&'a str, &'a RawEnvelope>,
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

    /// "first at FILE:LINE:COL" for the key at `path`.
    fn first_at(&self, path: &[Seg]) -> String {
        format!("first at {}", self.source.locate(path, At::Key))
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
        self.unique_by(path, entries, what, |name, _| snake_ident(name))
    }

    /// Fields: their Rust name is their `rust_name` when they have one.
    fn unique_fields<'e>(
        &mut self,
        path: &[Seg],
        entries: &'e Entries<RawField>,
    ) -> Vec<(&'e str, &'e RawField)> {
        self.unique_by(path, entries, "field", |name, field| {
            field.rust_name.clone().unwrap_or_else(|| snake_ident(name))
        })
    }

    /// [`Self::unique`] with the Rust name given by `rust_of`. A name that
    /// makes no Rust name is reported where it is defined, not as a collision.
    fn unique_by<'e, T>(
        &mut self,
        path: &[Seg],
        entries: &'e Entries<T>,
        what: &str,
        rust_of: impl Fn(&str, &T) -> String,
    ) -> Vec<(&'e str, &'e T)> {
        let mut kept = Vec::new();
        let mut rust_names: HashMap<String, &str> = HashMap::new();
        for (name, value) in &entries.0 {
            let rust = rust_of(name, value);
            if rust.is_empty() {
                kept.push((name.as_str(), value));
                continue;
            }
            if let Some(other) = rust_names.get(&rust) {
                let first = self.first_at(&join(path, key(other)));
                let help = if what == "field" {
                    "give one a `rust_name`"
                } else {
                    "rename one of them"
                };
                self.error(
                    &join(path, key(name)),
                    At::Key,
                    format!("{what} `{name}` and `{other}` both map to the Rust name `{rust}`"),
                    Some(format!("{first}; {help}")),
                );
                continue;
            }
            rust_names.insert(rust, name);
            kept.push((name.as_str(), value));
        }
        kept
    }

    /// A name that becomes a module or file: a Rust identifier of bounded length.
    fn module_name(&mut self, path: &[Seg], name: &str, what: &str) -> bool {
        if !crate::names::has_ident(name) {
            self.error(
                path,
                At::Key,
                format!("{what} name `{name}` has no ASCII letter or digit to make a Rust name of"),
                Some("name it with ASCII letters, digits and `_`".into()),
            );
            return false;
        }
        if name.chars().count() > MAX_NAME_CHARS {
            self.error(
                path,
                At::Key,
                format!(
                    "{what} name is {} characters long; at most {MAX_NAME_CHARS} (it becomes a file name)",
                    name.chars().count()
                ),
                None,
            );
            return false;
        }
        true
    }

    /// A value from a fixed list of keywords (`send: json`).
    fn one_of(
        &mut self,
        path: &[Seg],
        name: &str,
        value: &Option<String>,
        allowed: &[&str],
        required: bool,
    ) {
        self.choice(path, name, value, allowed, required, Among::Keywords);
    }

    /// A reference to a name defined elsewhere in the file (`gateway: oapi`).
    fn reference(
        &mut self,
        path: &[Seg],
        name: &str,
        value: &Option<String>,
        defined: &[&str],
        required: bool,
    ) {
        self.choice(path, name, value, defined, required, Among::Defined);
    }

    fn choice(
        &mut self,
        path: &[Seg],
        name: &str,
        value: &Option<String>,
        allowed: &[&str],
        required: bool,
        among: Among,
    ) {
        let listing = |missing: bool| match among {
            Among::Keywords => format!("one of: {}", allowed.join(", ")),
            Among::Defined if allowed.is_empty() && missing => format!("no {name} is defined"),
            Among::Defined if allowed.is_empty() => format!("no {name} is defined in this file"),
            Among::Defined if missing => format!("one of: {}", allowed.join(", ")),
            Among::Defined => format!("defined: {}", allowed.join(", ")),
        };
        match value {
            None if required => self.error(
                path,
                At::Value,
                format!("missing `{name}`"),
                Some(listing(true)),
            ),
            Some(found) if !allowed.contains(&found.as_str()) => {
                let help = suggest(found, allowed).map_or_else(
                    || listing(false),
                    |close| format!("did you mean `{close}`?"),
                );
                self.error(
                    &join(path, key(name)),
                    At::Value,
                    format!("unknown {name} `{found}`"),
                    Some(help),
                );
            }
            _ => {}
        }
    }

    fn method(&mut self, path: &[Seg], value: &Option<String>, allowed: &[&str]) {
        if let Some(method) = value {
            if !allowed.contains(&method.as_str()) {
                let help = if allowed.contains(&method.to_uppercase().as_str()) {
                    format!("write `{}`", method.to_uppercase())
                } else {
                    format!("one of: {}", allowed.join(", "))
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

    fn spec(&mut self, spec: &RawSpec) {
        self.unknown_keys(&[], &spec.unknown, SPEC_KEYS);
        self.required_text(
            &[],
            "platform",
            &spec.platform,
            "the platform's module name, e.g. `dingtalk`",
        );
        if let Some(name) = &spec.platform {
            self.platform_name(name);
        }
        let facts = self.platform(spec);
        let mut facts = facts;
        if let Some(defaults) = &spec.defaults {
            let path = [key("defaults")];
            self.unknown_keys(&path, &defaults.unknown, DEFAULTS_KEYS);
            self.reference(&path, "gateway", &defaults.gateway, &facts.gateways, false);
            self.method(&path, &defaults.method, METHODS);
            if let Some(paging) = &defaults.paging {
                self.paging_shape(&join(&path, key("paging")), paging);
            }
            facts.default_gateway = defaults.gateway.as_deref();
            facts.default_method = defaults.method.as_deref();
        }
        // A platform with one host needs no default to name it.
        if let ([only], None) = (facts.gateways.as_slice(), facts.default_gateway) {
            facts.default_gateway = Some(*only);
        }
        let groups_path = [key("groups")];
        for (name, group) in self.unique(&groups_path, &spec.groups, "group") {
            let path = join(&groups_path, key(name));
            self.module_name(&path, name, "group");
            self.group_name(&path, name);
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
            let endpoints = self.unique(&endpoints_path, &group.endpoints, "endpoint");
            self.stream_names(&endpoints_path, &endpoints);
            for (name, endpoint) in endpoints {
                let endpoint_path = join(&endpoints_path, key(name));
                self.module_name(&endpoint_path, name, "endpoint");
                self.endpoint(&endpoint_path, endpoint, &facts, spec);
            }
        }
    }
}

/// Where a value must come from: fixed keywords, or names the file defines
/// (the help lists them differently).
#[derive(Clone, Copy)]
enum Among {
    Keywords,
    Defined,
}
