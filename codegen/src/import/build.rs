//! One page endpoint into a spec endpoint: method and URL, the tables by
//! location nested ([`super::nest`]), the platform's rows taken out
//! ([`super::envelope`]), examples read, fields converted, path
//! parameters matched with the path, window rules found.

use super::align;
use super::envelope::{self, Evidence};
use super::field::{self, Side};
use super::json::{self, Json, Parsed};
use super::model::{Endpoint, Field, Method, Note};
use super::naming;
use super::nest::{self, Context, Method as Nesting, Node, PAGE_SIZES};
use super::page::{PageEndpoint, Section};
use super::table::{Row, type_like};
use super::text::short;
use super::url::{self, Url};

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
    /// The request pages but the page does not show how far enough to write it.
    pub paging_unsettled: bool,
    /// The page's title reads as a token endpoint's (`颁发Token`, `获取access_token`).
    pub token_title: bool,
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
        Parsed::Repaired(json, how) => {
            notes.push(Note::todo(format!(
                "the page's {what} example (line {line}) is not valid JSON ({how}): repaired"
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

/// The endpoint's URL from what the page gives, best first.
fn locate(page: &PageEndpoint, notes: &mut Vec<Note>) -> Option<Url> {
    let from_top = page.top_name.as_deref().and_then(url::top);
    let url = page
        .url
        .as_deref()
        .and_then(url::parse)
        .or_else(|| page.java_url.as_deref().and_then(url::parse))
        .or_else(|| page.request_line.as_ref().map(|(_, t)| url::target(t)))
        .or_else(|| page.example_line.as_ref().and_then(|(_, u)| url::parse(u)))
        .or_else(|| {
            let url = from_top.clone()?;
            notes.push(Note::info("URL derived from the TOP API name"));
            Some(url)
        });
    let mut url = url?;
    if url.host.is_none() {
        url.host = page.host.clone();
    }
    if url.host.is_none() {
        if let Some(base) = page.base_url.as_deref().and_then(url::parse) {
            url.host = base.host;
            url.scheme = base.scheme;
            notes.push(Note::info(
                "the host is the production one of the page's environment table",
            ));
        }
    }
    if let (Some(top), true) = (&from_top, page.url.is_some() || page.java_url.is_some()) {
        if top.path != url.path {
            notes.push(Note::todo(format!(
                "the API name maps to {}, the page's URL says {}: the URL was taken",
                top.path, url.path
            )));
        }
    }
    Some(url)
}

/// Where an answer's fields are in its example: under `data`/`result` when
/// the example has a `code`/`msg` envelope, else the whole body; and
/// whether it has that envelope.
fn answer_root(body: &Json) -> (&Json, bool) {
    let coded = body.has("code") && (body.has("msg") || body.has("message"));
    if coded {
        if let Some(inner) = body.get("data").or_else(|| body.get("result")) {
            return (inner, true);
        }
    }
    (body, coded)
}

/// Builds one endpoint; `index` numbers placeholder paths.
pub fn endpoint(page: &PageEndpoint, index: usize) -> Built {
    let mut notes = page.notes.clone();
    let mut evidence = Evidence {
        header_token: page.header_token,
        query_token: page.java_token,
        http_status: page.http_errors,
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
    let url = locate(page, &mut notes);
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

    // Examples first: they nest flat tables.
    let mut example_notes = Vec::new();
    let request_json = read_example(page.request_example.as_ref(), "request", &mut example_notes);
    let response_json = read_example(
        page.response_example.as_ref(),
        "response",
        &mut example_notes,
    );
    let response_body = response_json.as_ref().map(|j| match (j, j.get("result")) {
        (Json::Object(entries), Some(Json::Object(inner)))
            if !j.has("errcode") && j.get("result").is_some_and(|r| r.has("errcode")) =>
        {
            example_notes.push(Note::info(
                "the example's outer `result` is the Java SDK's wrapper: the HTTP body is what it holds",
            ));
            let mut body = inner.clone();
            body.extend(entries.iter().filter(|(k, _)| k != "result").cloned());
            Json::Object(body)
        }
        _ => j.clone(),
    });
    // The shapes the examples show (list items merged), for nesting and fields.
    let request_shape = request_json.as_ref().map(Json::merged);
    let response_shape = response_body.as_ref().map(Json::merged);

    // Tables by location.
    let mut path_params: Vec<Node> = Vec::new();
    let mut query: Vec<Node> = Vec::new();
    let mut headers: Vec<Node> = Vec::new();
    let mut body: Vec<Node> = Vec::new();
    let mut response: Vec<Node> = Vec::new();
    let mut unlabelled = 0;
    let mut response_rows: Vec<Row> = Vec::new();
    let mut nestings: Vec<(&str, Nesting)> = Vec::new();
    for table in &page.tables {
        let (target, example, what) = match table.section {
            Section::Query => (&mut query, None, "query"),
            Section::Header => (&mut headers, None, "headers"),
            Section::Path => (&mut path_params, None, "path"),
            Section::Body => (&mut body, request_shape.as_ref(), "body"),
            Section::Request if method == Method::Get => (&mut query, None, "query"),
            Section::Request => (&mut body, request_shape.as_ref(), "body"),
            Section::Response => {
                response_rows.extend(table.rows.iter().cloned());
                continue;
            }
            Section::Unlabelled => {
                unlabelled += 1;
                match unlabelled {
                    1 if method == Method::Get => (&mut query, None, "query"),
                    1 => (&mut body, request_shape.as_ref(), "body"),
                    2 => {
                        response_rows.extend(table.rows.iter().cloned());
                        continue;
                    }
                    _ => continue,
                }
            }
        };
        let nested = nest::nest(table.rows.clone(), example, &Context::default());
        if nested.method != Nesting::None {
            nestings.push((what, nested.method));
        }
        target.extend(nested.nodes);
        notes.extend(nested.notes);
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
    if let Some(at) = response_rows
        .iter()
        .position(|r| r.ty.trim() == "DingOpenResult")
    {
        // The Java SDK's wrapper of the HTTP body: the rows after it are the body's.
        response_rows.remove(at);
        notes.push(Note::info(
            "`DingOpenResult` is the Java SDK's wrapper of the HTTP body: its fields are the response's",
        ));
    }
    if !response_rows.is_empty() {
        let nested = nest::nest(response_rows, response_shape.as_ref(), &context);
        if nested.method != Nesting::None {
            nestings.push(("response", nested.method));
        }
        response = nested.nodes;
        notes.extend(nested.notes);
    }
    for (what, how) in nestings {
        notes.push(Note::info(format!("{what}: nesting {}", how.says())));
    }

    // The platform's rows.
    let mut platform = envelope::request(&mut query, &mut headers, &mut body, &mut evidence);
    platform.extend(envelope::response(&mut response, &mut evidence));
    if url.query.iter().any(|(name, _)| name == "access_token") {
        evidence.query_token = true;
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
            .any(|nodes| nodes.iter().any(|n| n.name() == name));
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

    // Where the examples hold the fields.
    let inside = |j: &Json| -> Json {
        let wrapper = platform
            .iter()
            .find(|p| p.kind == super::model::Platform::Envelope && j.get(&p.name).is_some());
        match wrapper {
            Some(w) if evidence.signed => j.get(&w.name).cloned().unwrap_or(Json::Null),
            _ => j.clone(),
        }
    };
    let request_root = request_json.as_ref().map(inside);
    let request_shape = request_shape.as_ref().map(inside);
    let coded = response_body
        .as_ref()
        .is_some_and(|body| answer_root(body).1);
    let response_shape = response_shape
        .as_ref()
        .map(|body| answer_root(body).0.clone());
    if coded && !evidence.errcode {
        evidence.code_result = true;
    }
    if response_body
        .as_ref()
        .is_some_and(|b| b.has("result") && !b.has("data") && b.has("code"))
        || platform
            .iter()
            .any(|p| p.kind == super::model::Platform::Envelope && p.name == "result")
    {
        evidence.under_result = true;
    }
    if response_body.as_ref().is_some_and(|b| b.has("errcode")) {
        evidence.errcode = true;
    }
    if let Some(root) = &response_shape {
        let names: Vec<&str> = response.iter().map(Node::name).collect();
        if let Some(path) = (!names.is_empty())
            .then(|| align::anchor(&names, root))
            .flatten()
        {
            response = wrap(response, &path);
        }
    }
    let envelope_names = [
        "errcode",
        "errmsg",
        "success",
        "request_id",
        "code",
        "msg",
        "message",
        "data",
    ];
    // Once the example is read inside its envelope's data, a `code` or `msg`
    // there is the business object's own field, not the envelope's.
    let unwrapped = response_body
        .as_ref()
        .is_some_and(|body| !std::ptr::eq(answer_root(body).0, body));
    let skip: &[&str] = if unwrapped { &[] } else { &envelope_names };
    let response_fields =
        if response.is_empty() && page.tables.iter().all(|t| t.section != Section::Response) {
            // No response table: the example's members, all marked.
            field::from_example(response_shape.as_ref(), Side::Response, skip)
        } else {
            field::fields(&response, response_shape.as_ref(), Side::Response, skip)
        };

    let mut endpoint = Endpoint {
        doc: page.title.clone().unwrap_or_default(),
        method,
        path: url.path.clone(),
        path_params: path_fields(&path_params, &url, &mut notes),
        query: field::fields(&query, None, Side::Request, &[]),
        headers: field::fields(&headers, None, Side::Request, &[]),
        body: field::fields(&body, request_shape.as_ref(), Side::Request, &[]),
        response: response_fields,
        platform,
        request_example: request_root.as_ref().map(Json::pretty),
        // The whole answer, envelope included.
        response_example: response_body.as_ref().map(Json::pretty),
        example_notes,
        ..Endpoint::default()
    };
    dedupe(&mut endpoint, &mut notes);
    super::rules::windows(&mut endpoint);
    let (paging, paging_notes) =
        super::paging::detect(&endpoint.query, &endpoint.body, &endpoint.response);
    endpoint.paging = paging;
    let paging_unsettled = !paging_notes.is_empty();
    notes.extend(paging_notes);
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
    let token_title = page.title.as_deref().is_some_and(|t| {
        let lower = t.to_ascii_lowercase();
        lower.contains("token") && (t.contains("获取") || t.contains("颁发") || t.contains("鉴权"))
    });
    Built {
        endpoint,
        scheme: url.scheme,
        host: url.host,
        evidence,
        path_known,
        paging_unsettled,
        token_title,
    }
}

/// The response nodes wrapped in the members of `path` (the table lists
/// the items of `data.results`): each wrapper a TODO.
fn wrap(nodes: Vec<Node>, path: &[(String, bool)]) -> Vec<Node> {
    let mut inner = nodes;
    for (depth, (name, list)) in path.iter().enumerate().rev() {
        let mut node = Node::new(Row {
            name: name.clone(),
            ty: if *list { "Object[]" } else { "Object" }.to_owned(),
            ..Row::default()
        });
        node.children = inner;
        let shown: Vec<&str> = path[..=depth].iter().map(|(n, _)| n.as_str()).collect();
        node.notes.push(Note::todo(format!(
            "the table lists its rows at the top, the example under `{}`: nested there",
            shown.join(".")
        )));
        inner = vec![node];
    }
    inner
}

/// Path parameters: the table's rows matched with the path's `{name}`s
/// (always required); a placeholder without a row is a string with a TODO.
fn path_fields(nodes: &[Node], url: &Url, notes: &mut Vec<Note>) -> Vec<Field> {
    let mut fields = field::fields(nodes, None, Side::Request, &[]);
    let in_path = url.params();
    fields.retain(|field| {
        let there = in_path.contains(&field.name);
        if !there {
            notes.push(Note::todo(format!(
                "the page lists the path parameter `{}` ({}), but the path has no `{{{}}}`: write it into the path",
                field.name, field.ty, field.name
            )));
        }
        there
    });
    for field in &mut fields {
        field.required = true;
    }
    for name in in_path {
        if !fields.iter().any(|f| f.name == name) {
            fields.push(Field {
                name: name.clone(),
                ty: "string".to_owned(),
                required: true,
                notes: vec![Note::todo(
                    "in the path, but the page lists no parameter for it: check its type",
                )],
                ..Field::default()
            });
        }
    }
    fields
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
    fn answers_and_wrappers() {
        let body = match json::parse("{\"code\": 0, \"msg\": \"ok\", \"data\": {\"a\": 1}}") {
            Parsed::Valid(j) => j,
            _ => Json::Null,
        };
        let (root, coded) = answer_root(&body);
        assert!(coded && root.has("a"));
        let nodes = vec![Node::new(Row {
            name: "order_id".into(),
            ty: "string".into(),
            ..Row::default()
        })];
        let wrapped = wrap(nodes, &[("results".to_owned(), true)]);
        assert_eq!(wrapped[0].name(), "results");
        assert_eq!(wrapped[0].kind.spec(), "object[]");
        assert_eq!(wrapped[0].children[0].name(), "order_id");
        assert!(wrapped[0].notes.iter().any(|n| n.todo));
    }
}
