//! A pasted page split into endpoints, and each endpoint into what the
//! importer reads: method and URL lines, parameter tables by section,
//! JSON examples.
//!
//! Endpoints start at numbered titles (`1、获取…`, numbered in sequence);
//! a page without them is one endpoint. Sections start at headings
//! (`Query参数`, `Body参数`, `Header参数`, `请求参数`, `返回参数`,
//! `响应参数`, `请求示例`, `返回示例`, …, with or without `##`/`**`).

use super::json::depth_change;
use super::model::{Method, Note};
use super::table::{Row, bullets, header, read_pipe_table, space_header, space_row, split_pipes};
use super::text::{Line, is_field_name};

/// Where a table's parameters travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `Query参数`.
    Query,
    /// `Body参数`.
    Body,
    /// `Header参数`.
    Header,
    /// `请求参数` (TOP): body for POST, query for GET.
    Request,
    /// `返回参数`/`响应参数`.
    Response,
    /// No heading: the first such table is the request, the next the response.
    Unlabelled,
}

/// One parameter table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Its section.
    pub section: Section,
    /// Rows in page order.
    pub rows: Vec<Row>,
    /// Depth is given by tree glyphs.
    pub tree: bool,
    /// Page line of the header.
    pub line: usize,
}

/// What the page says about one endpoint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageEndpoint {
    /// Page line where it starts.
    pub line: usize,
    /// Its title (`获取公告详情`).
    pub title: Option<String>,
    /// TOP API name (`dingtalk.oapi.attendance.group.positions.query`).
    pub top_name: Option<String>,
    /// `请求方式`.
    pub method: Option<Method>,
    /// `请求地址`.
    pub url: Option<String>,
    /// The URL of a Java SDK example (`new DefaultDingTalkClient("…")`).
    pub java_url: Option<String>,
    /// `GET /v1.0/… HTTP/1.1`: method and target.
    pub request_line: Option<(Method, String)>,
    /// `Host:` line.
    pub host: Option<String>,
    /// An example request line with an absolute URL (`POST https://…`).
    pub example_line: Option<(Method, String)>,
    /// An `x-acs-dingtalk-access-token:` header line in the request block.
    pub header_token: bool,
    /// The SDK example passes `access_token`.
    pub java_token: bool,
    /// Parameter tables.
    pub tables: Vec<Table>,
    /// Request example text and its line.
    pub request_example: Option<(String, usize)>,
    /// Response example text and its line.
    pub response_example: Option<(String, usize)>,
    /// Doubts found while reading.
    pub notes: Vec<Note>,
}

impl PageEndpoint {
    /// Whether the chunk documents an API at all.
    fn has_api(&self) -> bool {
        self.method.is_some()
            || self.url.is_some()
            || self.java_url.is_some()
            || self.request_line.is_some()
            || self.top_name.is_some()
            || !self.tables.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Example {
    Request,
    Response,
    Error,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heading {
    Params(Section),
    Example(Example),
    Other,
}

fn heading(text: &str) -> Option<Heading> {
    let compact: String = text
        .trim_start_matches('#')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let compact = compact.trim_end_matches([':', '：']);
    let lower = compact.to_lowercase();
    let params = match lower.as_str() {
        "query参数" | "请求query参数" | "query" => Some(Section::Query),
        "body参数" | "请求body参数" | "请求体" | "body" => Some(Section::Body),
        "header参数" | "请求header参数" | "请求头" | "header" => Some(Section::Header),
        "请求参数" | "入参" | "业务参数" => Some(Section::Request),
        "返回参数" | "响应参数" | "返回结果" | "响应结果" | "出参" | "返回值" | "返回字段" => {
            Some(Section::Response)
        }
        _ => None,
    };
    if let Some(section) = params {
        return Some(Heading::Params(section));
    }
    let example = if lower.starts_with("请求示例")
        || lower.starts_with("请求正文")
        || lower.starts_with("请求body示例")
    {
        Some(Example::Request)
    } else if lower.starts_with("返回示例")
        || lower.starts_with("响应示例")
        || lower.starts_with("返回结果示例")
    {
        Some(Example::Response)
    } else if lower.starts_with("异常示例")
        || lower.starts_with("错误示例")
        || lower.starts_with("异常返回示例")
    {
        Some(Example::Error)
    } else if lower == "示例" || lower == "示例代码" {
        Some(Example::Unknown)
    } else {
        None
    };
    if let Some(example) = example {
        return Some(Heading::Example(example));
    }
    let other = [
        "基本信息",
        "请求方法",
        "请求说明",
        "公共参数",
        "权限",
        "接口详见",
        "错误码",
        "错误码解释",
        "api工具",
        "如何获得此api",
        "faq",
        "返回",
        "顶部",
        "说明",
        "调用说明",
        "接口说明",
    ];
    other.contains(&lower.as_str()).then_some(Heading::Other)
}

/// `请求方式：POST` → `POST` (key with `:` or `：`, spaces ignored).
fn value_of<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(key)?.trim_start();
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
    Some(rest.trim())
}

fn method(word: &str) -> Option<Method> {
    Method::parse(word)
}

/// The first `http(s)://…` in `text`, up to a space, quote, tag or bracket.
pub fn find_url(text: &str) -> Option<String> {
    let at = text.find("https://").or_else(|| text.find("http://"))?;
    let url: String = text[at..]
        .chars()
        .take_while(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '"' | '\'' | '<' | '>' | '`' | ')' | '(' | '，' | '）' | '】'
                )
        })
        .collect();
    Some(url)
}

/// `N、title` lines numbered in sequence: their line indexes and titles.
fn numbered_titles(lines: &[Line]) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut expected: Option<u32> = None;
    for (index, line) in lines.iter().enumerate() {
        let text = line.text.as_str();
        let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || digits.len() > 3 || text.contains('|') {
            continue;
        }
        let Some(title) = text[digits.len()..].strip_prefix('、') else {
            continue;
        };
        let title = title.trim();
        let Ok(number) = digits.parse::<u32>() else {
            continue;
        };
        if title.is_empty() || title.chars().count() > 60 || expected.is_some_and(|e| e != number) {
            continue;
        }
        expected = Some(number + 1);
        found.push((index, title.to_owned()));
    }
    found
}

/// A TOP API name title: `dingtalk.oapi.attendance.group.positions.query (考勤组下批量查询position)`.
fn top_title(text: &str) -> Option<(String, Option<String>)> {
    let (name, rest) = match text.find(['(', '（']) {
        Some(at) => (text[..at].trim(), Some(&text[at..])),
        None => (text.trim(), None),
    };
    let parts: Vec<&str> = name.split('.').collect();
    let valid = parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        });
    if !valid {
        return None;
    }
    let title = rest.map(|r| {
        r.trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）'])
            .trim()
            .to_owned()
    });
    Some((name.to_owned(), title.filter(|t| !t.is_empty())))
}

/// Splits the page into endpoints.
pub fn split(lines: &[Line]) -> Vec<PageEndpoint> {
    let titles = numbered_titles(lines);
    let mut chunks: Vec<(usize, usize, Option<String>)> = Vec::new();
    let first = titles.first().map_or(lines.len(), |(index, _)| *index);
    chunks.push((0, first, None));
    for (n, (index, title)) in titles.iter().enumerate() {
        let end = titles.get(n + 1).map_or(lines.len(), |(next, _)| *next);
        chunks.push((index + 1, end, Some(title.clone())));
    }
    let mut endpoints = Vec::new();
    for (start, end, title) in chunks {
        let Some(chunk) = lines.get(start..end) else {
            continue;
        };
        let mut endpoint = scan(chunk);
        endpoint.line = chunk.first().map_or(0, |l| l.no);
        if title.is_some() {
            endpoint.title = title;
            endpoint.line = endpoint.line.saturating_sub(1);
        }
        if endpoint.has_api() {
            endpoints.push(endpoint);
        }
    }
    endpoints
}

/// Reads one endpoint's lines.
fn scan(lines: &[Line]) -> PageEndpoint {
    let mut endpoint = PageEndpoint::default();
    if let Some(first) = lines.iter().find(|l| !l.text.is_empty()) {
        if let Some((name, title)) = top_title(&first.text) {
            endpoint.top_name = Some(name);
            endpoint.title = title.or_else(|| {
                lines
                    .iter()
                    .skip_while(|l| l.no <= first.no)
                    .find(|l| !l.text.is_empty())
                    .map(|l| l.text.clone())
            });
        }
    }
    let mut section: Option<Heading> = None;
    let mut example: Option<Example> = None;
    let mut in_request_block = false;
    let stop = |text: &str| heading(text).is_some();
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        let text = line.text.as_str();
        index += 1;
        if let Some(h) = heading(text) {
            match h {
                Heading::Example(kind) => example = Some(kind),
                _ => {
                    section = Some(h);
                    example = None;
                }
            }
            in_request_block = false;
            continue;
        }
        if text.is_empty() {
            in_request_block = false;
            continue;
        }
        if let Some(value) = value_of(text, "请求方式").or_else(|| value_of(text, "请求方法"))
        {
            if let Some(m) = method(value) {
                endpoint.method.get_or_insert(m);
                continue;
            }
        }
        if let Some(value) = value_of(text, "请求地址")
            .or_else(|| value_of(text, "请求URL"))
            .or_else(|| value_of(text, "接口地址"))
        {
            if let Some(url) = find_url(value) {
                endpoint.url.get_or_insert(url);
            }
            continue;
        }
        let words: Vec<&str> = text.split_whitespace().collect();
        if let [verb, target, rest @ ..] = words.as_slice() {
            if let Some(m) = method(verb) {
                if target.starts_with('/') && rest.first().is_some_and(|h| h.starts_with("HTTP/")) {
                    endpoint
                        .request_line
                        .get_or_insert((m, (*target).to_owned()));
                    in_request_block = true;
                    continue;
                }
                if target.starts_with("http://") || target.starts_with("https://") {
                    endpoint
                        .example_line
                        .get_or_insert((m, (*target).to_owned()));
                    continue;
                }
            }
        }
        if let Some(host) = value_of(text, "Host").or_else(|| value_of(text, "host")) {
            if !host.is_empty() && !host.contains(' ') {
                endpoint.host.get_or_insert(host.to_owned());
            }
            continue;
        }
        if in_request_block
            && text
                .to_ascii_lowercase()
                .starts_with("x-acs-dingtalk-access-token")
        {
            endpoint.header_token = true;
            continue;
        }
        if text.contains("DefaultDingTalkClient(") {
            if let Some(url) = find_url(text) {
                endpoint.java_url.get_or_insert(url);
            }
            continue;
        }
        if text.contains(".execute(") && text.contains("access_token") {
            endpoint.java_token = true;
            continue;
        }
        let raw = line.raw.trim_start();
        let json_allowed = match example {
            Some(Example::Error) => false,
            Some(_) => true,
            None => {
                matches!(section, None | Some(Heading::Params(Section::Response)))
                    && !endpoint.tables.is_empty()
            }
        };
        if json_allowed && (raw.starts_with('{') || raw.starts_with('[')) {
            let (block, next) = json_block(lines, index - 1);
            index = next;
            let kind = example.unwrap_or(Example::Response);
            let slot = match kind {
                Example::Request => &mut endpoint.request_example,
                _ => &mut endpoint.response_example,
            };
            if slot.is_none() {
                *slot = Some((block, line.no));
            }
            continue;
        }
        let table_section = match section {
            None => Some(Section::Unlabelled),
            Some(Heading::Params(s)) if example.is_none() => Some(s),
            _ => None,
        };
        if text.contains('|') {
            if let Some(columns) = header(&split_pipes(text)) {
                let read = read_pipe_table(lines, index - 1, &columns, &stop);
                index = read.next.max(index);
                if let Some(section) = table_section {
                    endpoint.notes.extend(read.notes);
                    endpoint.tables.push(Table {
                        section,
                        rows: read.rows,
                        tree: read.tree,
                        line: line.no,
                    });
                }
                continue;
            }
        }
        if let Some(columns) = space_header(text) {
            let mut rows = Vec::new();
            while let Some(next) = lines.get(index) {
                match space_row(&next.text, &columns, next.no) {
                    Some(row) if !stop(&next.text) => {
                        rows.push(row);
                        index += 1;
                    }
                    _ => break,
                }
            }
            let mut items = Vec::new();
            while let Some(next) = lines.get(index) {
                let Some(item) = next
                    .text
                    .strip_prefix('•')
                    .or_else(|| next.text.strip_prefix('·'))
                else {
                    break;
                };
                items.push((item.trim().to_owned(), next.no));
                index += 1;
            }
            rows.extend(bullets(&items));
            if let Some(section) = table_section {
                endpoint.tables.push(Table {
                    section,
                    rows,
                    tree: false,
                    line: line.no,
                });
            }
            continue;
        }
        if in_request_block && text.contains(':') {
            let name = text.split(':').next().unwrap_or_default().trim();
            if !is_field_name(name) {
                in_request_block = false;
            }
        }
    }
    if endpoint
        .tables
        .iter()
        .filter(|t| t.section == Section::Unlabelled)
        .count()
        > 2
    {
        endpoint.notes.push(Note::todo(format!(
            "more than two parameter tables without headings: only the first two were read (request, response) near page line {}",
            lines.first().map_or(0, |l| l.no)
        )));
    }
    endpoint
}

/// The JSON block starting at `lines[start]`: its raw text and the index
/// after it (brackets balanced, at most 2,000 lines).
fn json_block(lines: &[Line], start: usize) -> (String, usize) {
    let mut depth = 0i64;
    let mut in_string = false;
    let mut text = String::new();
    let mut index = start;
    while let Some(line) = lines.get(index) {
        if index - start > 2000 {
            break;
        }
        text.push_str(&line.raw);
        text.push('\n');
        depth += depth_change(&line.raw, &mut in_string);
        index += 1;
        if depth <= 0 {
            break;
        }
    }
    (text, index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    #[test]
    fn headings_in_their_forms() {
        assert_eq!(
            heading("## Query参数"),
            Some(Heading::Params(Section::Query))
        );
        assert_eq!(heading("Body参数"), Some(Heading::Params(Section::Body)));
        assert_eq!(
            heading("Header参数"),
            Some(Heading::Params(Section::Header))
        );
        assert_eq!(heading("请求参数"), Some(Heading::Params(Section::Request)));
        assert_eq!(
            heading("返回参数"),
            Some(Heading::Params(Section::Response))
        );
        assert_eq!(
            heading("响应参数"),
            Some(Heading::Params(Section::Response))
        );
        assert_eq!(
            heading("请求示例（HTTP）"),
            Some(Heading::Example(Example::Request))
        );
        assert_eq!(
            heading("返回示例"),
            Some(Heading::Example(Example::Response))
        );
        assert_eq!(heading("异常示例"), Some(Heading::Example(Example::Error)));
        assert_eq!(heading("## 基本信息"), Some(Heading::Other));
        assert_eq!(heading("公告ID。"), None);
    }

    #[test]
    fn method_and_url_lines() {
        assert_eq!(value_of("请求方式 ：POST", "请求方式"), Some("POST"));
        assert_eq!(value_of("请求方式:GET", "请求方式"), Some("GET"));
        assert_eq!(
            find_url("请求地址 ：https://oapi.dingtalk.com/topapi/x`"),
            Some("https://oapi.dingtalk.com/topapi/x".to_owned())
        );
        assert_eq!(
            find_url(
                "DingTalkClient client = new DefaultDingTalkClient(\"https://oapi.dingtalk.com/topapi/a/b\");"
            ),
            Some("https://oapi.dingtalk.com/topapi/a/b".to_owned())
        );
        assert_eq!(find_url("no url"), None);
    }

    #[test]
    fn numbered_sections_must_follow_each_other() {
        let page = lines(
            "intro\n1、获取token\nx\n2、创建公告\n1、not a title\n3、更新公告\n5、skipped\n4、删除",
        );
        let titles: Vec<String> = numbered_titles(&page).into_iter().map(|(_, t)| t).collect();
        assert_eq!(titles, ["获取token", "创建公告", "更新公告", "删除"]);
    }

    #[test]
    fn top_titles() {
        assert_eq!(
            top_title("dingtalk.oapi.attendance.group.positions.query (考勤组下批量查询position)"),
            Some((
                "dingtalk.oapi.attendance.group.positions.query".to_owned(),
                Some("考勤组下批量查询position".to_owned())
            ))
        );
        assert_eq!(top_title("上一小节我们完成了"), None);
        assert_eq!(top_title("a.b"), None);
    }

    #[test]
    fn v1_request_block() {
        let page = lines(
            "1、获取离职员工列表\n请求方法\nGET /v1.0/hrm/employees/dismissions?nextToken=Long&maxResults=Integer HTTP/1.1\nHost:api.dingtalk.com\nx-acs-dingtalk-access-token:String\nContent-Type:application/json\nQuery参数\n名称 | 类型 | 是否必填 | 描述 |\nnextToken | Long | 否 | 分页查询的游标。\n|\n返回参数\n名称 | 类型 | 描述 |\nhasMore | Boolean | 是否还有更多数据。 |",
        );
        let endpoints = split(&page);
        assert_eq!(endpoints.len(), 1);
        let e = &endpoints[0];
        assert_eq!(e.title.as_deref(), Some("获取离职员工列表"));
        assert_eq!(
            e.request_line,
            Some((
                Method::Get,
                "/v1.0/hrm/employees/dismissions?nextToken=Long&maxResults=Integer".to_owned()
            ))
        );
        assert_eq!(e.host.as_deref(), Some("api.dingtalk.com"));
        assert!(e.header_token);
        assert_eq!(e.tables.len(), 2);
        assert_eq!(e.tables[0].section, Section::Query);
        assert_eq!(e.tables[1].section, Section::Response);
        assert_eq!(e.tables[1].rows[0].name, "hasMore");
    }

    #[test]
    fn examples_are_collected_by_heading() {
        let page = lines(
            "请求方式：POST\n请求示例\n请求正文\n{\n \"a\": 1\n}\n返回示例\n{\"b\": [\n1]}\n异常示例\n{\"errcode\": 88}",
        );
        let endpoints = split(&page);
        let e = &endpoints[0];
        assert_eq!(
            e.request_example.as_ref().map(|(t, _)| t.trim()),
            Some("{\n \"a\": 1\n}")
        );
        assert_eq!(
            e.response_example.as_ref().map(|(t, _)| t.trim()),
            Some("{\"b\": [\n1]}")
        );
    }

    #[test]
    fn chunks_without_api_are_dropped() {
        assert!(split(&lines("hello\n1、intro\nnothing here")).is_empty());
        assert!(split(&[]).is_empty());
    }
}
