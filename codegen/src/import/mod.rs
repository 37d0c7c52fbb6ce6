//! `oapi-codegen import`: a pasted documentation page (DingTalk 钉钉, TOP,
//! 食亨 forms) into a YAML spec skeleton in our format, with a `# TODO:`
//! comment wherever the importer guessed or found a gap.
//!
//! One job per module: [`text`] cleans lines, [`page`] splits the page into
//! endpoints and sections, [`table`] reads the table forms, [`kind`] the
//! type names, [`limits`] and [`enums`] the description phrases, [`nest`]
//! rebuilds nesting, [`field`] makes fields, [`build`] endpoints,
//! [`naming`] names, and [`yaml`] writes the text. See docs/import.md.

pub mod address;
pub mod align;
pub mod build;
pub mod cli;
pub mod dialect;
pub mod enums;
pub mod envelope;
pub mod field;
pub mod flat;
pub mod format;
pub mod json;
pub mod kind;
pub mod limits;
pub mod model;
pub mod naming;
pub mod nest;
pub mod page;
pub mod paging;
pub mod rules;
pub mod signing;
pub mod table;
pub mod text;
pub mod url;
pub mod yaml;

use build::Built;
use model::{Endpoint, Gateway, Group, Note, Spec};
pub use yaml::Todo;

/// Options of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// `--platform`: the platform's module name (else inferred from hosts).
    pub platform: Option<String>,
    /// Where the page came from, for the header comment.
    pub source: Option<String>,
}

/// The result of an import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The spec text.
    pub yaml: String,
    /// Every `# TODO:` in it.
    pub todos: Vec<Todo>,
    /// Endpoints found.
    pub endpoints: usize,
    /// Fields written (nested ones included).
    pub fields: usize,
}

impl Imported {
    /// `N endpoints, M fields, K TODOs`.
    pub fn summary(&self) -> String {
        format!(
            "{} endpoints, {} fields, {} TODOs",
            self.endpoints,
            self.fields,
            self.todos.len()
        )
    }
}

/// Reads one pasted page into the spec model (what [`import`] writes out).
pub fn analyse(page_text: &str, options: &ImportOptions) -> Spec {
    let lines = text::lines(page_text);
    let built: Vec<Built> = page::split(&lines)
        .iter()
        .enumerate()
        .map(|(index, endpoint)| build::endpoint(endpoint, index + 1))
        .collect();
    let mut spec = assemble(built, options, page_text.contains("食亨"));
    spec.signing = signing::read(&lines);
    spec
}

/// Imports one pasted page.
pub fn import(page_text: &str, options: &ImportOptions) -> Imported {
    let spec = analyse(page_text, options);
    let (yaml, todos) = yaml::write(&spec);
    let endpoints = spec.groups.iter().map(|g| g.endpoints.len()).sum();
    let fields = spec
        .groups
        .iter()
        .flat_map(|g| &g.endpoints)
        .flat_map(|e| {
            e.query
                .iter()
                .chain(&e.headers)
                .chain(&e.body)
                .chain(&e.response)
        })
        .map(model::Field::count)
        .sum();
    Imported {
        yaml,
        todos,
        endpoints,
        fields,
    }
}

/// Gateways, platform, names and token from the built endpoints.
fn assemble(built: Vec<Built>, options: &ImportOptions, shiheng: bool) -> Spec {
    let mut spec = Spec {
        header: vec![
            format!(
                "Imported by `oapi-codegen import`{}: a skeleton in the spec format (docs/spec-format.md).",
                options
                    .source
                    .as_deref()
                    .map(|s| format!(" from {}", text::short(&text::printable(s), 120)))
                    .unwrap_or_default()
            ),
            "Comments marked TODO are guesses or gaps: resolve each, then delete the comment."
                .to_owned(),
        ],
        ..Spec::default()
    };
    // One gateway per host, in first-seen order; endpoints without a host share one.
    let mut hosts: Vec<(Option<String>, String)> = Vec::new();
    for b in &built {
        if !hosts.iter().any(|(h, _)| *h == b.host) {
            hosts.push((b.host.clone(), b.scheme.clone()));
        }
    }
    if hosts.is_empty() {
        hosts.push((None, "https".to_owned()));
    }
    let mut counts = vec![0usize; hosts.len()];
    for (index, (host, scheme)) in hosts.iter().enumerate() {
        let on_it: Vec<&Built> = built.iter().filter(|b| b.host == *host).collect();
        counts[index] = on_it.len();
        spec.gateways
            .push(gateway(host.as_deref(), scheme, &on_it, &spec.gateways));
    }
    spec.default_gateway = counts
        .iter()
        .enumerate()
        .max_by_key(|(index, count)| (**count, usize::MAX - index))
        .and_then(|(index, _)| spec.gateways.get(index))
        .map(|g| g.key.clone())
        .unwrap_or_default();
    platform(&mut spec, options, shiheng);

    // Endpoints into groups.
    let mut token: Option<(String, String)> = None;
    for (b, host_index) in built
        .iter()
        .map(|b| (b, hosts.iter().position(|(h, _)| *h == b.host).unwrap_or(0)))
    {
        let Some(gateway) = spec.gateways.get(host_index) else {
            continue;
        };
        let mut endpoint: Endpoint = b.endpoint.clone();
        endpoint.gateway = gateway.key.clone();
        let token_gateway = matches!(
            gateway.auth,
            "query_token" | "header_token" | "signed_envelope"
        );
        let token_like = b.token_title
            || endpoint
                .path
                .to_ascii_lowercase()
                .rsplit('/')
                .next()
                .is_some_and(|s| s.contains("token"));
        if token_gateway && !b.evidence.any_auth() {
            if token_like {
                endpoint.auth_none = true;
                endpoint
                    .notes
                    .push(Note::info("the token endpoint: called without a token"));
                if token.is_none() {
                    token = Some((gateway.key.clone(), endpoint.path.clone()));
                }
            } else if b.path_known {
                endpoint.notes.push(Note::todo(format!(
                    "the page lists no token parameter for this endpoint, but its gateway uses {}: check",
                    gateway.auth
                )));
            }
        }
        let mut unsaid = Vec::new();
        if !endpoint.auth_none && !b.evidence.any_auth() {
            unsaid.push("auth (how the token is sent)");
        }
        if !b.evidence.any_envelope() {
            unsaid.push("envelope (how an error is answered)");
        }
        if b.paging_unsettled {
            unsaid.push("paging (how the next page is asked for)");
        }
        if !unsaid.is_empty() {
            endpoint.notes.push(Note::todo(format!(
                "the page does not say {}: check the platform's general documentation",
                unsaid.join(", ")
            )));
        }
        let (group_name, mut name) = if b.path_known {
            naming::names(&endpoint.path, endpoint.auth_none)
        } else {
            (
                "api".to_owned(),
                endpoint
                    .path
                    .rsplit('/')
                    .next()
                    .map(naming::snake)
                    .unwrap_or_default(),
            )
        };
        if endpoint.doc.trim().is_empty() {
            endpoint.notes.push(Note::todo(
                "the page gives no title: write the one-line summary",
            ));
            endpoint.doc = format!("{group_name}.{name}");
        }
        let group = match spec.groups.iter().position(|g| g.name == group_name) {
            Some(at) => &mut spec.groups[at],
            None => {
                spec.groups.push(Group {
                    name: group_name.clone(),
                    doc: group_name.clone(),
                    notes: vec![Note::todo(
                        "describe the group (a short summary, Chinese kept)",
                    )],
                    endpoints: Vec::new(),
                });
                let last = spec.groups.len() - 1;
                &mut spec.groups[last]
            }
        };
        if group.endpoints.iter().any(|e| e.name == name) {
            let mut n = 2;
            while group
                .endpoints
                .iter()
                .any(|e| e.name == format!("{name}_{n}"))
            {
                n += 1;
            }
            endpoint.notes.push(Note::todo(format!(
                "`{group_name}.{name}` is taken by an earlier endpoint: named `{name}_{n}`; rename one"
            )));
            name = format!("{name}_{n}");
        }
        endpoint.name = name;
        group.endpoints.push(endpoint);
    }
    let needs_token = spec
        .gateways
        .iter()
        .any(|g| matches!(g.auth, "query_token" | "header_token"));
    match token {
        Some(token) => spec.token = Some(token),
        None if needs_token => spec.token_notes.push(Note::todo(format!(
            "the page does not document the token endpoint: add `token: {{gateway: …, path: …}}`{}",
            if spec.platform == "dingtalk" {
                " (DingTalk: `{gateway: oapi, path: /gettoken}` on https://oapi.dingtalk.com)"
            } else {
                ""
            }
        ))),
        None => {}
    }
    if built.is_empty() {
        spec.notes.push(Note::todo(
            "no endpoint found in the page: see docs/import.md for the forms the importer reads",
        ));
    }
    spec
}

/// A gateway for `host` from what its endpoints show.
fn gateway(
    host: Option<&str>,
    scheme: &str,
    endpoints: &[&Built],
    existing: &[Gateway],
) -> Gateway {
    let any = |f: fn(&envelope::Evidence) -> bool| endpoints.iter().any(|b| f(&b.evidence));
    let signed = any(|e| e.signed);
    let header = any(|e| e.header_token);
    let bearer = any(|e| e.bearer);
    let query = any(|e| e.query_token);
    let errcode = any(|e| e.errcode);
    let mut notes = Vec::new();
    let base_key = match host {
        Some(host) => {
            let labels: Vec<&str> = host.split('.').collect();
            let first = labels.first().copied().unwrap_or("main");
            let label = if first == "www" && labels.len() > 2 {
                labels[1]
            } else {
                first
            };
            naming::snake(label)
        }
        None => if signed { "open" } else { "main" }.to_owned(),
    };
    let mut key = base_key.clone();
    let mut n = 2;
    while existing.iter().any(|g| g.key == key) {
        key = format!("{base_key}{n}");
        n += 1;
    }
    let base_url = match host {
        Some(host) => format!("{scheme}://{host}"),
        None => {
            notes.push(Note::todo("the page gives no host: write the base URL"));
            "https://todo.invalid".to_owned()
        }
    };
    let dingtalk_oapi = host == Some("oapi.dingtalk.com");
    let dingtalk_api = host == Some("api.dingtalk.com");
    if [signed, header, query].iter().filter(|x| **x).count() > 1 {
        notes.push(Note::todo(
            "endpoints on this host show different auth schemes: the first of signed, header, query was taken",
        ));
    }
    let under_result = any(|e| e.under_result);
    let (auth, envelope) = if signed {
        (
            "signed_envelope",
            if under_result {
                "code_result"
            } else {
                "code_msg"
            },
        )
    } else if header {
        ("header_token", "http_status")
    } else if query {
        ("query_token", "errcode")
    } else if bearer {
        ("bearer", "code_msg")
    } else if dingtalk_oapi {
        notes.push(Note::todo(
            "the page shows no token: oapi.dingtalk.com takes `?access_token=`",
        ));
        ("query_token", "errcode")
    } else if dingtalk_api {
        notes.push(Note::todo(
            "the page shows no token: api.dingtalk.com takes the x-acs-dingtalk-access-token header",
        ));
        ("header_token", "http_status")
    } else {
        notes.push(Note::todo(
            "the page shows no auth: `none` until it is known",
        ));
        ("none", "errcode")
    };
    let coded = any(|e| e.code_result);
    let envelope = if envelope == "errcode" && coded && !errcode {
        "code_msg"
    } else {
        envelope
    };
    if envelope == "errcode" && !errcode && !signed {
        notes.push(Note::todo(
            "no errcode/errmsg rows seen: check the envelope",
        ));
    }
    // The signed envelope's own rows, as the page lists them.
    let mut rows: Vec<String> = Vec::new();
    for b in endpoints {
        for row in &b.endpoint.platform {
            if row.kind != model::Platform::Fixed && !rows.contains(&row.name) {
                rows.push(row.name.clone());
            }
        }
    }
    Gateway {
        key,
        base_url,
        auth,
        envelope,
        signed_rows: if signed { rows } else { Vec::new() },
        notes,
    }
}

/// Platform name and doc: `--platform`, else from the hosts or the page.
fn platform(spec: &mut Spec, options: &ImportOptions, shiheng: bool) {
    let from_hosts = spec.gateways.iter().find_map(|g| {
        let host = g.base_url.split("://").nth(1)?;
        if host.ends_with("dingtalk.com") {
            return Some("dingtalk".to_owned());
        }
        let labels: Vec<&str> = host.split('.').collect();
        (labels.len() >= 2 && host != "todo.invalid")
            .then(|| naming::snake(labels[labels.len() - 2]))
    });
    let name = match &options.platform {
        Some(given) => {
            let name = naming::snake(given);
            if name != *given {
                spec.notes.push(Note::todo(format!(
                    "`--platform {}` is not a snake_case name: written as `{name}`",
                    text::short(&text::printable(given), 40)
                )));
            }
            name
        }
        None => match from_hosts {
            Some(name) => name,
            None if shiheng => "shiheng".to_owned(),
            None => {
                spec.notes
                    .push(Note::todo("no platform name found: pass `--platform NAME`"));
                "imported".to_owned()
            }
        },
    };
    spec.doc = match name.as_str() {
        "dingtalk" => "钉钉开放平台".to_owned(),
        "shiheng" => "食亨开放平台".to_owned(),
        _ => {
            spec.notes.push(Note::todo("describe the platform (`doc`)"));
            name.clone()
        }
    };
    spec.platform = name;
}
