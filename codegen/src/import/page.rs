//! A pasted page split into endpoints, and each endpoint into what the
//! importer reads: where it is ([`super::address`]), parameter tables by
//! section, JSON examples.
//!
//! Endpoints start at numbered titles (`1、获取…`, numbered in sequence), and
//! at a second declaration of a method and URL after an endpoint's tables
//! (a 分贝通 page followed by its token page); else a page is one endpoint.
//! Sections start at headings, with or without `##`/`**`/a colon:
//! DingTalk's current layout (`请求头`, `路径参数`, `查询参数`, `请求体`,
//! `响应体`), its legacy and v1.0 ones (`Header参数`, `Path参数`,
//! `Query参数`, `Body参数`, `返回参数`), Feishu's (the same words), WeCom's
//! (`参数说明` after `请求示例` or `返回结果`), TOP's (`请求参数`); a table
//! without a heading is the request, the next one the response.

use super::address::{self, Found};
use super::json::Brackets;
use super::model::{Method, Note};
use super::table::{self, Row, bullets, header, space_header, space_row, texts};
use super::text::{Line, has_cjk, is_field_name};

/// Where a table's parameters travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `Query参数`, `查询参数`.
    Query,
    /// `Body参数`, `请求体`.
    Body,
    /// `Header参数`, `请求头`.
    Header,
    /// `Path参数`, `路径参数`.
    Path,
    /// `请求参数` (TOP, WeCom): body for POST, query for GET.
    Request,
    /// `返回参数`/`响应体`/….
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
    /// The documented method.
    pub method: Option<Method>,
    /// The documented URL (absolute, or a path).
    pub url: Option<String>,
    /// The URL of a Java SDK example (`new DefaultDingTalkClient("…")`).
    pub java_url: Option<String>,
    /// `GET /v1.0/… HTTP/1.1`: method and target.
    pub request_line: Option<(Method, String)>,
    /// `Host:` line.
    pub host: Option<String>,
    /// An example request line with an absolute URL (`POST https://…`).
    pub example_line: Option<(Method, String)>,
    /// The production base URL the page's environment table gives.
    pub base_url: Option<String>,
    /// An `x-acs-dingtalk-access-token:` header line in the request block.
    pub header_token: bool,
    /// The SDK example passes `access_token`.
    pub java_token: bool,
    /// An error table keyed by HTTP status (`HttpCode`, `HTTP状态码`): errors
    /// come back as HTTP statuses.
    pub http_errors: bool,
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

/// Which half of an endpoint the page is describing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Heading {
    /// Parameters of this section follow.
    Params(Section),
    /// `参数说明`: the parameters of the side being described.
    SideParams,
    /// `请求` / `响应`: the page turns to that side.
    Side(Side),
    /// An example follows.
    Example(Example),
    /// An information heading: a table under it is unlabelled.
    Info,
    /// A heading whose tables are not the endpoint's (errors, permissions).
    Skip,
}

/// The heading a line is, unless it is a table row of two or more cells
/// (`参数 | 说明` is a header, not the heading `参数说明`).
fn line_heading(line: &Line) -> Option<Heading> {
    let cells = line
        .cells
        .as_ref()
        .map_or(0, |c| c.iter().filter(|c| !c.text.is_empty()).count());
    if cells >= 2 {
        return None;
    }
    heading(&line.text)
}

fn heading(text: &str) -> Option<Heading> {
    let compact: String = text
        .trim_start_matches('#')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect();
    let compact = compact.trim_end_matches([':', '：']);
    let lower = compact.to_lowercase();
    let params = match lower.as_str() {
        "query参数" | "请求query参数" | "query" | "查询参数" => Some(Section::Query),
        "body参数" | "请求body参数" | "请求体" | "body" | "请求体参数" => {
            Some(Section::Body)
        }
        "header参数" | "请求header参数" | "请求头" | "header" | "请求头参数" => {
            Some(Section::Header)
        }
        "path参数" | "路径参数" | "path" | "请求路径参数" => Some(Section::Path),
        "请求参数" | "入参" | "业务参数" | "请求参数说明" => Some(Section::Request),
        "返回参数" | "响应参数" | "返回结果" | "响应结果" | "出参" | "返回值" | "返回字段"
        | "响应体" | "返回参数说明" | "响应参数说明" => Some(Section::Response),
        _ => None,
    };
    if let Some(section) = params {
        return Some(Heading::Params(section));
    }
    match lower.as_str() {
        "参数说明" | "参数" => return Some(Heading::SideParams),
        "请求" => return Some(Heading::Side(Side::Request)),
        "响应" | "返回" => return Some(Heading::Side(Side::Response)),
        _ => {}
    }
    let example = if lower.starts_with("请求示例")
        || lower.starts_with("请求正文")
        || lower.starts_with("请求body示例")
        || lower.starts_with("请求体示例")
        || (lower.ends_with("请求示例") && lower.chars().count() <= 16)
    {
        Some(Example::Request)
    } else if lower.starts_with("返回示例")
        || lower.starts_with("响应示例")
        || lower.starts_with("响应体示例")
        || lower.starts_with("返回结果示例")
        || lower.starts_with("响应数据")
        || lower.starts_with("返回数据")
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
    let skip = [
        "公共参数",
        "权限",
        "权限说明",
        "权限要求",
        "接口详见",
        "错误码",
        "错误码解释",
        "错误说明",
        "状态码",
        "api工具",
        "如何获得此api",
        "faq",
        "相关链接",
    ];
    if skip.contains(&lower.as_str()) {
        return Some(Heading::Skip);
    }
    let info = [
        "基本信息",
        "请求方法",
        "请求说明",
        "接口说明",
        "接口调用说明",
        "顶部",
        "说明",
        "调用说明",
        "注意事项",
    ];
    info.contains(&lower.as_str()).then_some(Heading::Info)
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

/// A line that reads as a page or section title: short, with Chinese, not
/// a heading the importer knows, not a table row or a sentence.
fn title_like(line: &Line) -> bool {
    let text = title_text(line);
    line.cells.is_none()
        && !text.is_empty()
        && text.chars().count() <= 40
        && has_cjk(text)
        && heading(text).is_none()
        && !text.ends_with(['。', '：', ':', '，'])
        && !text.starts_with(['-', '•', '>', '*'])
}

/// A line's text without markdown heading marks.
fn title_text(line: &Line) -> &str {
    line.text.trim_start_matches('#').trim()
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
    let base_url = lines.iter().enumerate().find_map(|(i, line)| {
        match address::read(line, i.checked_sub(1).and_then(|p| lines.get(p))) {
            Some(Found::BaseUrl(url)) => Some(url),
            _ => None,
        }
    });
    let mut endpoints = Vec::new();
    for (start, end, title) in chunks {
        let Some(chunk) = lines.get(start..end) else {
            continue;
        };
        let scanned = scan(chunk);
        let numbered = title.is_some();
        for (n, mut endpoint) in scanned.into_iter().enumerate() {
            if n == 0 && numbered {
                endpoint.title = title.clone();
                endpoint.line = endpoint.line.saturating_sub(1);
            }
            if endpoint.base_url.is_none() {
                endpoint.base_url = base_url.clone();
            }
            if endpoint.has_api() {
                endpoints.push(endpoint);
            }
        }
    }
    endpoints
}

/// The scanner's place in the page.
struct State {
    section: Option<Heading>,
    example: Option<Example>,
    side: Side,
    in_request_block: bool,
    last_title: Option<String>,
}

impl State {
    fn new() -> State {
        State {
            section: None,
            example: None,
            side: Side::Request,
            in_request_block: false,
            last_title: None,
        }
    }

    /// The section a table read now belongs to, if any.
    fn table_section(&self) -> Option<Section> {
        if self.example.is_some() {
            return None;
        }
        match self.section {
            None | Some(Heading::Info) => Some(Section::Unlabelled),
            Some(Heading::Params(s)) => Some(s),
            Some(Heading::SideParams) | Some(Heading::Side(_)) => Some(match self.side {
                Side::Request => Section::Request,
                Side::Response => Section::Response,
            }),
            Some(Heading::Skip) | Some(Heading::Example(_)) => None,
        }
    }
}

/// Reads a chunk's lines into one endpoint, or more when the chunk
/// declares a second method and URL after the first one's tables.
fn scan(lines: &[Line]) -> Vec<PageEndpoint> {
    let mut done: Vec<PageEndpoint> = Vec::new();
    let mut endpoint = PageEndpoint {
        line: lines.first().map_or(0, |l| l.no),
        ..PageEndpoint::default()
    };
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
        } else if title_like(first) {
            endpoint.title = Some(title_text(first).to_owned());
        }
    }
    let mut state = State::new();
    let stop = |text: &str| heading(text).is_some();
    let mut previous: Option<&Line> = None;
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        let text = line.text.as_str();
        index += 1;
        if let Some(h) = line_heading(line) {
            match h {
                Heading::Example(kind) => state.example = Some(kind),
                Heading::Side(side) => {
                    state.side = side;
                    state.section = Some(h);
                    state.example = None;
                }
                Heading::Params(section) => {
                    if section == Section::Response {
                        state.side = Side::Response;
                    }
                    state.section = Some(h);
                    state.example = None;
                }
                _ => {
                    state.section = Some(h);
                    state.example = None;
                }
            }
            state.in_request_block = false;
            continue;
        }
        if text.is_empty() {
            state.in_request_block = false;
            continue;
        }
        let before = previous;
        if !table::is_separator(&line.raw) {
            previous = Some(line);
        }
        if let Some(found) = address::read(line, before) {
            let declares = matches!(
                found,
                Found::Method(_) | Found::Url(_) | Found::MethodUrl(..)
            );
            let declared = endpoint.url.is_some() || endpoint.request_line.is_some();
            if declares && declared && !endpoint.tables.is_empty() {
                // A second endpoint on the page.
                let next = PageEndpoint {
                    line: line.no,
                    title: state.last_title.take(),
                    ..PageEndpoint::default()
                };
                done.push(std::mem::replace(&mut endpoint, next));
                state = State::new();
            }
            match found {
                Found::Method(m) => {
                    endpoint.method.get_or_insert(m);
                }
                Found::Url(url) => {
                    endpoint.url.get_or_insert(url);
                }
                Found::MethodUrl(m, url) => {
                    endpoint.method.get_or_insert(m);
                    endpoint.url.get_or_insert(url);
                }
                Found::RequestLine(m, target) => {
                    endpoint.request_line.get_or_insert((m, target));
                    state.in_request_block = true;
                }
                Found::ExampleLine(m, url) => {
                    endpoint.example_line.get_or_insert((m, url));
                }
                Found::Host(host) => {
                    endpoint.host.get_or_insert(host);
                }
                Found::BaseUrl(url) => {
                    endpoint.base_url.get_or_insert(url);
                }
            }
            continue;
        }
        let first_cell = line
            .cells
            .as_ref()
            .and_then(|c| c.first())
            .map(|c| c.text.to_ascii_lowercase().replace(' ', ""));
        if matches!(
            first_cell.as_deref(),
            Some("httpcode" | "http状态码" | "httpstatus")
        ) {
            endpoint.http_errors = true;
            continue;
        }
        if state.in_request_block
            && text
                .to_ascii_lowercase()
                .starts_with("x-acs-dingtalk-access-token")
        {
            endpoint.header_token = true;
            continue;
        }
        if text.contains("DefaultDingTalkClient(") {
            if let Some(url) = address::find_url(text) {
                endpoint.java_url.get_or_insert(url);
            }
            continue;
        }
        if text.contains(".execute(") && text.contains("access_token") {
            endpoint.java_token = true;
            continue;
        }
        if let Some(next) = example(lines, index - 1, &state, &mut endpoint) {
            index = next;
            continue;
        }
        if let Some(columns) = texts(line).and_then(|t| header(&t)) {
            let read = table::read(lines, index - 1, &columns, &stop);
            index = read.next.max(index);
            if let Some(section) = state.table_section() {
                endpoint.notes.extend(read.notes);
                endpoint.tables.push(Table {
                    section,
                    rows: read.rows,
                    line: line.no,
                });
            }
            continue;
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
            if let Some(section) = state.table_section() {
                endpoint.tables.push(Table {
                    section,
                    rows,
                    line: line.no,
                });
            }
            continue;
        }
        if state.in_request_block && text.contains(':') {
            let name = text.split(':').next().unwrap_or_default().trim();
            if !is_field_name(name) {
                state.in_request_block = false;
            }
        }
        if title_like(line) || numbered_section(title_text(line)) {
            state.last_title = Some(title_text(line).to_owned());
        }
    }
    done.push(endpoint);
    for endpoint in &mut done {
        let unlabelled = endpoint
            .tables
            .iter()
            .filter(|t| t.section == Section::Unlabelled)
            .count();
        if unlabelled > 2 {
            endpoint.notes.push(Note::todo(format!(
                "more than two parameter tables without headings: only the first two were read (request, response) near page line {}",
                endpoint.line
            )));
        }
    }
    done
}

/// `2.1 API 鉴权接口` / `2.12.1 新增预算接口`: a numbered section title.
fn numbered_section(text: &str) -> bool {
    let number: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.contains('.')
        && number.chars().next().is_some_and(|c| c.is_ascii_digit())
        && text[number.len()..].starts_with(' ')
        && has_cjk(text)
}

/// A JSON example starting at `lines[at]`, stored on the endpoint by the
/// example heading before it; returns the index after it.
fn example(lines: &[Line], at: usize, state: &State, endpoint: &mut PageEndpoint) -> Option<usize> {
    let line = lines.get(at)?;
    let raw = line.raw.trim_start();
    let allowed = match state.example {
        Some(Example::Error) => false,
        Some(_) => true,
        None => {
            matches!(
                state.table_section(),
                Some(Section::Unlabelled | Section::Response)
            ) && !endpoint.tables.is_empty()
        }
    };
    let braced = raw.starts_with('{') || raw.starts_with('[');
    // `"key": value,` lines without outer braces (分贝通's examples).
    let braceless = state.example.is_some() && starts_member(raw);
    if !allowed || !(braced || braceless) {
        return None;
    }
    let (block, next) = json_block(lines, at, braceless);
    let slot = match state.example {
        Some(Example::Request) => &mut endpoint.request_example,
        _ => &mut endpoint.response_example,
    };
    if slot.is_none() {
        *slot = Some((block, line.no));
    }
    Some(next)
}

/// `"name": …`: an object member.
fn starts_member(raw: &str) -> bool {
    let Some(rest) = raw.strip_prefix('"') else {
        return false;
    };
    rest.split_once('"')
        .is_some_and(|(name, after)| is_field_name(name) && after.trim_start().starts_with(':'))
}

/// The JSON block starting at `lines[start]`: its raw text and the index
/// after it (brackets balanced, at most 2,000 lines). A block without outer
/// braces ends at a blank line outside any bracket.
fn json_block(lines: &[Line], start: usize, braceless: bool) -> (String, usize) {
    let mut brackets = Brackets::default();
    let floor = usize::from(braceless);
    if braceless {
        brackets.feed("{");
    }
    let mut text = String::new();
    let mut index = start;
    while let Some(line) = lines.get(index) {
        if index - start > 2000 {
            break;
        }
        if braceless
            && brackets.depth() <= floor
            && (line.text.is_empty() || heading(&line.text).is_some())
        {
            break;
        }
        text.push_str(&line.raw);
        text.push('\n');
        brackets.feed(&line.raw);
        index += 1;
        if !braceless && brackets.depth() == 0 {
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
            heading("### **查询参数**"),
            Some(Heading::Params(Section::Query))
        );
        assert_eq!(heading("请求头"), Some(Heading::Params(Section::Header)));
        assert_eq!(heading("路径参数"), Some(Heading::Params(Section::Path)));
        assert_eq!(heading("Path参数"), Some(Heading::Params(Section::Path)));
        assert_eq!(heading("请求体"), Some(Heading::Params(Section::Body)));
        assert_eq!(heading("响应体"), Some(Heading::Params(Section::Response)));
        assert_eq!(heading("请求参数"), Some(Heading::Params(Section::Request)));
        assert_eq!(
            heading("返回参数"),
            Some(Heading::Params(Section::Response))
        );
        assert_eq!(heading("参数说明："), Some(Heading::SideParams));
        assert_eq!(heading("响应"), Some(Heading::Side(Side::Response)));
        assert_eq!(
            heading("请求示例（HTTP）"),
            Some(Heading::Example(Example::Request))
        );
        assert_eq!(
            heading("Go 请求示例"),
            Some(Heading::Example(Example::Request))
        );
        assert_eq!(
            heading("响应体示例"),
            Some(Heading::Example(Example::Response))
        );
        assert_eq!(
            heading("响应数据："),
            Some(Heading::Example(Example::Response))
        );
        assert_eq!(heading("异常示例"), Some(Heading::Example(Example::Error)));
        assert_eq!(heading("## 基本信息"), Some(Heading::Info));
        assert_eq!(heading("错误码"), Some(Heading::Skip));
        assert_eq!(heading("公告ID。"), None);
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
    fn current_layout_and_a_second_endpoint() {
        let page = lines(
            "获取部门\n\n基本信息\t\nHTTP URL\thttps://oapi.dingtalk.com/topapi/x\nHTTP Method\tPOST\n\n请求体\n\n名称\t类型\t是否必填\t描述\nsize\tNumber\t是\t最大100。\n\n响应体\n\n名称\t类型\t描述\nresult\tObject\t结果。\n\n2.1 颁发Token\n\n请求方式\t请求地址\nPOST\t/auth/dispense\n\n字段\t名称\t类型\t必填\t描述\napp_id\t企业ID\tstring\tY\t\n",
        );
        let endpoints = split(&page);
        assert_eq!(endpoints.len(), 2);
        let (a, b) = (&endpoints[0], &endpoints[1]);
        assert_eq!(a.title.as_deref(), Some("获取部门"));
        assert_eq!(a.url.as_deref(), Some("https://oapi.dingtalk.com/topapi/x"));
        assert_eq!(a.method, Some(Method::Post));
        let sections: Vec<Section> = a.tables.iter().map(|t| t.section).collect();
        assert_eq!(sections, [Section::Body, Section::Response]);
        assert_eq!(b.title.as_deref(), Some("2.1 颁发Token"));
        assert_eq!(b.url.as_deref(), Some("/auth/dispense"));
        assert_eq!(b.tables.len(), 1);
        assert_eq!(b.tables[0].section, Section::Unlabelled);
        assert_eq!(b.tables[0].rows[0].name, "app_id");
    }

    #[test]
    fn wecom_sides_and_examples() {
        let page = lines(
            "请求方式：POST（HTTPS）\n请求地址：https://qyapi.weixin.qq.com/cgi-bin/a?access_token=ACCESS_TOKEN\n\n请求示例：\n\n{\n\t\"limit\":100\n}\n\n参数说明：\n\n参数\t必须\t说明\nlimit\t否\t最大值100\n\n返回结果：\n\n{\n \"errcode\": 0\n}\n\n参数说明：\n\n参数\t说明\nnext_cursor\t分页游标\n",
        );
        let endpoints = split(&page);
        let e = &endpoints[0];
        let sections: Vec<Section> = e.tables.iter().map(|t| t.section).collect();
        assert_eq!(sections, [Section::Request, Section::Response]);
        assert!(
            e.request_example
                .as_ref()
                .is_some_and(|(t, _)| t.contains("limit"))
        );
        assert!(
            e.response_example
                .as_ref()
                .is_some_and(|(t, _)| t.contains("errcode"))
        );
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
        let braceless = lines(
            "请求方式：POST\n请求示例：\n\n\"a\":1,\n\"data\":{\n\n  \"b\": 2,\n}\n\n响应数据：\n{\"code\": 0}",
        );
        let e = &split(&braceless)[0];
        assert_eq!(
            e.request_example.as_ref().map(|(t, _)| t.trim()),
            Some("\"a\":1,\n\"data\":{\n\n  \"b\": 2,\n}")
        );
        assert!(e.response_example.is_some());
    }

    #[test]
    fn chunks_without_api_are_dropped() {
        assert!(split(&lines("hello\n1、intro\nnothing here")).is_empty());
        assert!(split(&[]).is_empty());
    }
}
