//! Where an endpoint is, in every form pages write it: the method and URL
//! of a `基本信息` table (`HTTP URL | https://…`, `HTTP Method | POST`),
//! `请求方式：POST（HTTPS）` / `请求地址：https://…` lines, a `请求方式 | 请求地址`
//! table (`POST | /open/api/…`), a raw request block
//! (`GET /v1.0/… HTTP/1.1`, `Host:api.dingtalk.com`), an example line
//! (`POST https://…?access_token=…`), and the production host of an
//! environment table (`生产环境 | https://open.fenbeitong.com`).

use super::model::Method;
use super::text::Line;

/// What one line says about where an endpoint is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// The documented method.
    Method(Method),
    /// The documented URL (absolute, or a path).
    Url(String),
    /// Both, from one table row.
    MethodUrl(Method, String),
    /// A raw request line `GET /v1.0/… HTTP/1.1`: method and target.
    RequestLine(Method, String),
    /// An example request line with an absolute URL.
    ExampleLine(Method, String),
    /// A `Host:` line.
    Host(String),
    /// The production base URL of an environment table.
    BaseUrl(String),
}

/// Keys of a URL (`请求地址：…`, `HTTP URL | …`).
const URL_KEYS: &[&str] = &[
    "请求地址",
    "请求URL",
    "请求url",
    "接口地址",
    "HTTP URL",
    "http url",
    "请求路径",
    "接口URL",
];

/// Keys of a method (`请求方式：POST`, `HTTP Method | GET`).
const METHOD_KEYS: &[&str] = &[
    "请求方式",
    "请求方法",
    "HTTP Method",
    "http method",
    "请求类型",
];

/// `请求方式：POST` → `POST` (key with `:` or `：`, spaces ignored).
pub fn value_of<'a>(text: &'a str, key: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(key)?.trim_start();
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
    Some(rest.trim())
}

/// The method a value starts with (`POST（HTTPS）`, `GET`).
fn method_of(value: &str) -> Option<Method> {
    let word: String = value
        .trim()
        .chars()
        .take_while(char::is_ascii_alphabetic)
        .collect();
    Method::parse_loose(&word)
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
                    '"' | '\'' | '<' | '>' | '`' | ')' | '(' | '，' | '）' | '】' | '|'
                )
        })
        .collect();
    Some(url)
}

/// A URL or a path (`/open/api/…`) in a value.
fn url_or_path(value: &str) -> Option<String> {
    if let Some(url) = find_url(value) {
        return Some(url);
    }
    let value = value.trim().trim_matches('`');
    (value.starts_with('/') && value.len() > 1 && !value.contains(' ')).then(|| value.to_owned())
}

/// What `line` says; `previous` is the line before it that had text.
pub fn read(line: &Line, previous: Option<&Line>) -> Option<Found> {
    let text = line.text.as_str();
    if let Some(cells) = &line.cells {
        let cell = |i: usize| cells.get(i).map_or("", |c| c.text.as_str());
        let first = cell(0);
        if URL_KEYS.contains(&first) {
            if let Some(url) = url_or_path(cell(1)) {
                return Some(Found::Url(url));
            }
        }
        if METHOD_KEYS.contains(&first) {
            if let Some(method) = method_of(cell(1)) {
                return Some(Found::Method(method));
            }
        }
        // A `请求方式 | 请求地址` table's row.
        let headed = previous.and_then(|p| p.cells.as_ref()).is_some_and(|p| {
            p.len() >= 2
                && METHOD_KEYS.contains(&p[0].text.as_str())
                && URL_KEYS.contains(&p[1].text.as_str())
        });
        if headed {
            if let (Some(method), Some(url)) = (Method::parse_loose(first), url_or_path(cell(1))) {
                return Some(Found::MethodUrl(method, url));
            }
        }
        if cells.len() >= 2 && first.contains("生产") {
            if let Some(url) = cells.iter().skip(1).find_map(|c| find_url(&c.text)) {
                return Some(Found::BaseUrl(url));
            }
        }
    }
    for key in METHOD_KEYS {
        if let Some(method) = value_of(text, key).and_then(method_of) {
            return Some(Found::Method(method));
        }
    }
    for key in URL_KEYS {
        if let Some(url) = value_of(text, key).and_then(url_or_path) {
            return Some(Found::Url(url));
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    if let [verb, target, rest @ ..] = words.as_slice() {
        if let Some(method) =
            Method::parse_loose(verb).filter(|_| verb.chars().all(|c| c.is_ascii_uppercase()))
        {
            if target.starts_with('/') && rest.first().is_some_and(|h| h.starts_with("HTTP/")) {
                return Some(Found::RequestLine(method, (*target).to_owned()));
            }
            if target.starts_with("http://") || target.starts_with("https://") {
                return Some(Found::ExampleLine(method, (*target).to_owned()));
            }
        }
    }
    let host = value_of(text, "Host").or_else(|| value_of(text, "host"));
    if let Some(host) = host.filter(|h| !h.is_empty() && !h.contains(' ')) {
        return Some(Found::Host(host.to_owned()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    fn found(text: &str) -> Vec<Option<Found>> {
        let page = lines(text);
        (0..page.len())
            .map(|i| read(&page[i], i.checked_sub(1).and_then(|p| page.get(p))))
            .collect()
    }

    #[test]
    fn every_form() {
        assert_eq!(
            found("HTTP URL\thttps://api.dingtalk.com/v1.0/a/{id}\nHTTP Method\tPOST"),
            [
                Some(Found::Url("https://api.dingtalk.com/v1.0/a/{id}".into())),
                Some(Found::Method(Method::Post))
            ]
        );
        assert_eq!(
            found("| HTTP URL | https://oapi.dingtalk.com/topapi/x |"),
            [Some(Found::Url(
                "https://oapi.dingtalk.com/topapi/x".into()
            ))]
        );
        assert_eq!(
            found(
                "请求方式：POST（HTTPS）\n请求地址：https://qyapi.weixin.qq.com/cgi-bin/a?access_token=ACCESS_TOKEN"
            ),
            [
                Some(Found::Method(Method::Post)),
                Some(Found::Url(
                    "https://qyapi.weixin.qq.com/cgi-bin/a?access_token=ACCESS_TOKEN".into()
                ))
            ]
        );
        assert_eq!(
            found("请求方式\t请求地址\nPOST\t/open/api/third/budget/create")[1],
            Some(Found::MethodUrl(
                Method::Post,
                "/open/api/third/budget/create".into()
            ))
        );
        assert_eq!(
            found(
                "GET /v1.0/a/{b}?c=String HTTP/1.1\nHost:api.dingtalk.com\nPOST https://h/x?access_token=T"
            ),
            [
                Some(Found::RequestLine(
                    Method::Get,
                    "/v1.0/a/{b}?c=String".into()
                )),
                Some(Found::Host("api.dingtalk.com".into())),
                Some(Found::ExampleLine(
                    Method::Post,
                    "https://h/x?access_token=T".into()
                ))
            ]
        );
        assert_eq!(
            found("| 生产环境 |https://open.fenbeitong.com|"),
            [Some(Found::BaseUrl("https://open.fenbeitong.com".into()))]
        );
        assert_eq!(found("get the list of users"), [None]);
    }
}
