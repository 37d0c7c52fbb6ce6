//! One page endpoint into a spec endpoint: method and URL, the tables by
//! location, auth and envelope rows taken out (noting what they say about
//! the gateway), the signed envelope and SDK wrappers unwrapped, examples
//! read, fields converted, window rules found.

use super::field::{self, Side};
use super::json::{self, Json, Parsed};
use super::limits;
use super::model::{Endpoint, Field, Method, Note, Window};
use super::naming;
use super::nest::{self, Context, Node, PAGE_SIZES};
use super::page::{PageEndpoint, Section};
use super::table::{Row, type_like};
use super::text::{is_field_name, short};

/// What the endpoint's rows say about its gateway.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// `access_token` in the query.
    pub query_token: bool,
    /// `x-acs-dingtalk-access-token` header.
    pub header_token: bool,
    /// `appId`/`sign`/`paramContent` envelope.
    pub signed: bool,
    /// `errcode`/`errmsg` in the response.
    pub errcode: bool,
    /// `code`/`msg`/`result` response.
    pub code_result: bool,
}

impl Evidence {
    /// Whether the endpoint sends any token.
    pub fn any_auth(&self) -> bool {
        self.query_token || self.header_token || self.signed
    }
}

/// A built endpoint, before names and gateways are given out.
#[derive(Debug, Clone)]
pub struct Built {
    /// The endpoint (no name or gateway yet; `doc` may be empty).
    pub endpoint: Endpoint,
    /// `https`.
    pub scheme: String,
    /// Host, if the page gives one.
    pub host: Option<String>,
    /// Auth and envelope seen.
    pub evidence: Evidence,
    /// Whether the page gave a URL (else the path is a placeholder).
    pub path_known: bool,
}

/// A URL taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Url {
    scheme: String,
    host: Option<String>,
    path: String,
    query: Vec<(String, String)>,
}

fn parse_url(url: &str) -> Option<Url> {
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '_'));
    if !host_ok {
        return None;
    }
    let mut target = target(&rest[end..]);
    target.scheme = scheme;
    target.host = Some(host.trim_end_matches('.').to_ascii_lowercase());
    Some(target)
}

/// `/path?a=1&b=2` (no host).
fn target(text: &str) -> Url {
    let text = text.split('#').next().unwrap_or_default();
    let (path, query) = text.split_once('?').unwrap_or((text, ""));
    let query = query
        .split('&')
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            is_field_name(name).then(|| (name.to_owned(), value.to_owned()))
        })
        .collect();
    Url {
        scheme: "https".to_owned(),
        host: None,
        path: clean_path(path),
        query,
    }
}

/// A path the spec accepts: starts with `/`, no spaces, no `?`, no trailing `/`.
fn clean_path(path: &str) -> String {
    let path: String = path
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '?')
        .collect();
    let path = path.trim_end_matches('/');
    format!("/{}", path.trim_start_matches('/'))
}

/// `dingtalk.oapi.a.b.c` → `https://oapi.dingtalk.com/topapi/a/b/c`.
fn top_url(name: &str) -> Option<Url> {
    let rest = name.strip_prefix("dingtalk.oapi.")?;
    Some(Url {
        scheme: "https".to_owned(),
        host: Some("oapi.dingtalk.com".to_owned()),
        path: clean_path(&format!("/topapi/{}", rest.replace('.', "/"))),
        query: Vec::new(),
    })
}

fn take(nodes: &mut Vec<Node>, name: &str) -> Option<Node> {
    let at = nodes.iter().position(|n| n.name() == name)?;
    Some(nodes.remove(at))
}

fn has(nodes: &[Node], name: &str) -> bool {
    nodes.iter().any(|n| n.name() == name)
}

/// Replaces the node at `at` by its children.
fn splice(nodes: &mut Vec<Node>, at: usize) {
    if at < nodes.len() {
        let node = nodes.remove(at);
        for (offset, child) in node.children.into_iter().enumerate() {
            nodes.insert(at + offset, child);
        }
    }
}

/// Reads an example, noting when it had to be repaired or left out.
fn read_example(
    example: Option<&(String, usize)>,
    what: &str,
    notes: &mut Vec<Note>,
) -> Option<Json> {
    let (text, line) = example?;
    match json::parse(text) {
        Parsed::Valid(json) => Some(json),
        Parsed::Repaired(json) => {
            notes.push(Note::todo(format!(
                "the page's {what} example (line {line}) is not valid JSON (trailing commas): repaired"
            )));
            Some(json)
        }
        Parsed::Invalid(err) => {
            notes.push(Note::todo(format!(
                "the page's {what} example (line {line}) is not valid JSON ({}): left out",
                short(&err, 80)
            )));
            None
        }
    }
}

/// Builds one endpoint; `index` numbers placeholder paths.
pub fn endpoint(page: &PageEndpoint, index: usize) -> Built {
    let mut notes = page.notes.clone();
    let mut evidence = Evidence {
        header_token: page.header_token,
        query_token: page.java_token,
        ..Evidence::default()
    };
    let method = page
        .method
        .or(page.request_line.as_ref().map(|(m, _)| *m))
        .or(page.top_name.as_ref().map(|_| Method::Post))
        .or(page.example_line.as_ref().map(|(m, _)| *m));
    let method = method.unwrap_or_else(|| {
        notes.push(Note::todo("the page gives no method: POST assumed"));
        Method::Post
    });
    let from_top = page.top_name.as_deref().and_then(top_url);
    let url = page
        .url
        .as_deref()
        .and_then(parse_url)
        .or_else(|| page.java_url.as_deref().and_then(parse_url))
        .or_else(|| {
            page.request_line.as_ref().map(|(_, t)| {
                let mut url = target(t);
                url.host = page.host.clone();
                url
            })
        })
        .or_else(|| page.example_line.as_ref().and_then(|(_, u)| parse_url(u)))
        .or_else(|| {
            let url = from_top.clone()?;
            notes.push(Note::info("URL derived from the TOP API name"));
            Some(url)
        });
    if let (Some(top), Some(url)) = (&from_top, &url) {
        if top.path != url.path {
            notes.push(Note::todo(format!(
                "the API name maps to {}, the page's URL says {}: the URL was taken",
                top.path, url.path
            )));
        }
    }
    let path_known = url.is_some();
    let url = url.unwrap_or_else(|| {
        notes.push(Note::todo(
            "the page gives no URL: write the method and path (and the host under `gateways`)",
        ));
        Url {
            scheme: "https".to_owned(),
            host: None,
            path: format!("/todo/endpoint_{index}"),
            query: Vec::new(),
        }
    });
    if path_known && url.host.is_none() {
        notes.push(Note::todo("the page gives no host for this endpoint"));
    }

    // Tables by location.
    let mut query: Vec<Node> = Vec::new();
    let mut headers: Vec<Node> = Vec::new();
    let mut body: Vec<Node> = Vec::new();
    let mut response: Vec<Node> = Vec::new();
    let mut unlabelled = 0;
    let mut response_tables = Vec::new();
    for table in &page.tables {
        let target = match table.section {
            Section::Query => &mut query,
            Section::Header => &mut headers,
            Section::Body => &mut body,
            Section::Request if method == Method::Get => &mut query,
            Section::Request => &mut body,
            Section::Response => {
                response_tables.push(table);
                continue;
            }
            Section::Unlabelled => {
                unlabelled += 1;
                match unlabelled {
                    1 if method == Method::Get => &mut query,
                    1 => &mut body,
                    2 => {
                        response_tables.push(table);
                        continue;
                    }
                    _ => continue,
                }
            }
        };
        let (nodes, table_notes) = nest_rows(table.rows.clone(), table.tree, &Context::default());
        target.extend(nodes);
        notes.extend(table_notes);
    }
    let page_sizes: Vec<String> = query
        .iter()
        .chain(&body)
        .flat_map(|n| std::iter::once(n).chain(&n.children))
        .map(|n| n.name().to_owned())
        .filter(|name| PAGE_SIZES.contains(&name.as_str()))
        .collect();
    let context = Context {
        response: true,
        page_sizes,
    };
    for table in response_tables {
        let (nodes, table_notes) = nest_rows(table.rows.clone(), table.tree, &context);
        response.extend(nodes);
        notes.extend(table_notes);
    }

    // Auth rows are the gateway's.
    for nodes in [&mut query, &mut headers, &mut body] {
        if take(nodes, "access_token").is_some() {
            evidence.query_token = true;
        }
        if take(nodes, "x-acs-dingtalk-access-token").is_some() {
            evidence.header_token = true;
        }
    }
    if url.query.iter().any(|(name, _)| name == "access_token") {
        evidence.query_token = true;
    }
    for nodes in [&mut body, &mut query] {
        let signed = has(nodes, "sign")
            && (has(nodes, "appId") || has(nodes, "appKey") || has(nodes, "paramContent"));
        if !signed {
            continue;
        }
        evidence.signed = true;
        for name in [
            "appId",
            "appKey",
            "sign",
            "version",
            "timestamp",
            "signType",
            "nonce",
        ] {
            take(nodes, name);
        }
        if let Some(at) = nodes.iter().position(|n| n.name() == "paramContent") {
            splice(nodes, at);
        }
        notes.push(Note::info(
            "appId/sign/version/timestamp/paramContent are the signed envelope (the runtime's): the fields under paramContent are the body",
        ));
    }
    if method == Method::Get && !body.is_empty() {
        notes.push(Note::todo(
            "a GET endpoint with body parameters: moved to `query`",
        ));
        query.append(&mut body);
    }
    for (name, value) in &url.query {
        let listed = [&query, &headers, &body]
            .iter()
            .any(|nodes| has(nodes, name));
        if name == "access_token" || listed {
            continue;
        }
        let ty = if type_like(value) {
            value.clone()
        } else {
            "String".to_owned()
        };
        let mut node = Node::new(Row {
            name: name.clone(),
            ty,
            line: page.line,
            ..Row::default()
        });
        node.notes.push(Note::todo(
            "listed only in the request URL, not in a table: check its type and doc",
        ));
        query.push(node);
    }

    // The response's wrappers and envelope.
    if let Some(at) = response
        .iter()
        .position(|n| n.kind.documented == "DingOpenResult")
    {
        splice(&mut response, at);
        notes.push(Note::info(
            "`DingOpenResult` is the Java SDK's wrapper of the HTTP body: its fields are the response's",
        ));
    }
    let envelope_names = ["code", "msg", "message", "traceId", "trace_id"];
    if has(&response, "result") && envelope_names.iter().any(|n| has(&response, n)) {
        evidence.code_result = true;
        let result = take(&mut response, "result");
        response = result.map(|r| r.children).unwrap_or_default();
        notes.push(Note::info(
            "`code`/`msg`/`result` is the envelope: the fields under `result` are the response",
        ));
    }
    for name in nest::ENVELOPE {
        if take(&mut response, name).is_some() && name.starts_with("err") {
            evidence.errcode = true;
        }
    }

    // Examples.
    let mut example_notes = Vec::new();
    let request_json = read_example(page.request_example.as_ref(), "request", &mut example_notes);
    let response_json = read_example(
        page.response_example.as_ref(),
        "response",
        &mut example_notes,
    );
    let request_root = request_json.as_ref().map(|j| match j.get("paramContent") {
        Some(inner) if evidence.signed => inner.clone(),
        _ => j.clone(),
    });
    let response_body = response_json.as_ref().map(|j| match j {
        Json::Object(entries) if entries.len() == 1 && j.get("result").is_some_and(|r| r.has("errcode")) => {
            example_notes.push(Note::info(
                "the example's outer `result` is the Java SDK's wrapper: the HTTP body is what it holds",
            ));
            j.get("result").cloned().unwrap_or(Json::Null)
        }
        _ => j.clone(),
    });
    let code_result = evidence.signed
        || evidence.code_result
        || response_body.as_ref().is_some_and(|b| {
            b.has("result") && (b.has("code") || b.has("msg") || b.has("traceId"))
        });
    if response_body.as_ref().is_some_and(|b| b.has("errcode")) {
        evidence.errcode = true;
    }
    let response_root = match &response_body {
        Some(body) if code_result && body.has("result") => body.get("result").cloned(),
        other => other.clone(),
    };

    let mut endpoint = Endpoint {
        doc: page.title.clone().unwrap_or_default(),
        method,
        path: url.path.clone(),
        query: field::fields(&query, None, Side::Request),
        headers: field::fields(&headers, None, Side::Request),
        body: field::fields(&body, request_root.as_ref(), Side::Request),
        response: field::fields(&response, response_root.as_ref(), Side::Response),
        request_example: request_root.as_ref().map(Json::pretty),
        response_example: if code_result {
            response_root.as_ref()
        } else {
            response_body.as_ref()
        }
        .map(Json::pretty),
        example_notes,
        ..Endpoint::default()
    };
    dedupe(&mut endpoint, &mut notes);
    windows(&mut endpoint);
    naming::type_names([
        &mut endpoint.query,
        &mut endpoint.headers,
        &mut endpoint.body,
        &mut endpoint.response,
    ]);
    if method == Method::Post {
        if let Some(word) = naming::reads_only(&endpoint.path) {
            endpoint.idempotent = Some(true);
            notes.push(Note::todo(format!(
                "read-only by its name (`{word}`): marked idempotent, so it is retried; confirm"
            )));
        }
    }
    endpoint.notes = notes;
    Built {
        endpoint,
        scheme: url.scheme,
        host: url.host,
        evidence,
        path_known,
    }
}

fn nest_rows(rows: Vec<Row>, tree: bool, context: &Context) -> (Vec<Node>, Vec<Note>) {
    if tree {
        nest::tree(rows)
    } else {
        nest::flat(rows, context)
    }
}

/// `window` rules from `最多相隔N天` on top-level request fields.
fn windows(endpoint: &mut Endpoint) {
    let top: Vec<(String, String, String)> = endpoint
        .query
        .iter()
        .chain(&endpoint.body)
        .map(|f| (f.name.clone(), f.ty.clone(), f.doc.clone()))
        .collect();
    let integer = |name: &str| top.iter().any(|(n, ty, _)| n == name && ty == "integer");
    for (name, _, doc) in &top {
        let Some(days) = limits::read(doc).window_days.filter(|d| *d > 0) else {
            continue;
        };
        let mentioned: Vec<&str> = top
            .iter()
            .map(|(n, _, _)| n.as_str())
            .filter(|n| doc.contains(n))
            .collect();
        let lower = |n: &str| n.to_ascii_lowercase();
        let start = mentioned
            .iter()
            .find(|n| lower(n).contains("start") || lower(n).contains("begin"))
            .map(|n| (*n).to_owned())
            .or_else(|| lower(name).contains("start").then(|| name.clone()))
            .or_else(|| {
                lower(name)
                    .contains("end")
                    .then(|| name.replace("end", "start"))
            });
        let end = mentioned
            .iter()
            .find(|n| lower(n).contains("end"))
            .map(|n| (*n).to_owned())
            .or_else(|| lower(name).contains("end").then(|| name.clone()))
            .or_else(|| {
                lower(name)
                    .contains("start")
                    .then(|| name.replace("start", "end"))
            });
        match (start, end) {
            (Some(start), Some(end)) if start != end && integer(&start) && integer(&end) => {
                let window = Window {
                    start,
                    end,
                    max_days: days,
                };
                if !endpoint.windows.contains(&window) {
                    endpoint.windows.push(window);
                }
            }
            _ => {
                let note = Note::todo(format!(
                    "`{name}` says 最多相隔{days}天, but no top-level integer start/end pair was found: write the rule"
                ));
                if !endpoint.rule_notes.contains(&note) {
                    endpoint.rule_notes.push(note);
                }
            }
        }
    }
}

/// Drops fields that map to a Rust name already used at the same level (or,
/// at the top of the request, in another location).
fn dedupe(endpoint: &mut Endpoint, notes: &mut Vec<Note>) {
    let mut seen: Vec<String> = Vec::new();
    for fields in [
        &mut endpoint.query,
        &mut endpoint.headers,
        &mut endpoint.body,
    ] {
        dedupe_level(fields, &mut seen, notes);
    }
    dedupe_level(&mut endpoint.response, &mut Vec::new(), notes);
}

fn dedupe_level(fields: &mut Vec<Field>, seen: &mut Vec<String>, notes: &mut Vec<Note>) {
    fields.retain(|f| {
        let rust = crate::names::snake_ident(&f.name);
        if seen.contains(&rust) {
            notes.push(Note::todo(format!(
                "`{}` is listed twice (or maps to the same Rust name as another field): the second one was left out",
                f.name
            )));
            false
        } else {
            seen.push(rust);
            true
        }
    });
    for field in fields.iter_mut() {
        dedupe_level(&mut field.fields, &mut Vec::new(), notes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let url = parse_url("https://oapi.dingtalk.com/topapi/x/?access_token=T#frag");
        assert_eq!(
            url,
            Some(Url {
                scheme: "https".into(),
                host: Some("oapi.dingtalk.com".into()),
                path: "/topapi/x".into(),
                query: vec![("access_token".into(), "T".into())],
            })
        );
        assert_eq!(parse_url("ftp://x/y"), None);
        assert_eq!(parse_url("https:///y"), None);
        assert_eq!(parse_url("https://a b/"), None);
        assert_eq!(parse_url("https://h").map(|u| u.path), Some("/".to_owned()));
        assert_eq!(
            target("/v1.0/a?nextToken=Long&maxResults=Integer")
                .query
                .len(),
            2
        );
        assert_eq!(clean_path("a b//"), "/ab");
        assert_eq!(
            top_url("dingtalk.oapi.attendance.group.positions.query").map(|u| u.path),
            Some("/topapi/attendance/group/positions/query".to_owned())
        );
        assert_eq!(top_url("taobao.x.y"), None);
    }
}
