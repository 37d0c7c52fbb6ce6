//! URLs taken apart: scheme, host, path (parameters written `{name}`
//! whichever way the page writes them: `{id}`, `:id`, `<id>`), query.

use super::text::is_field_name;

/// A URL taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// `https`.
    pub scheme: String,
    /// The host, when the URL has one.
    pub host: Option<String>,
    /// The path, starting with `/`, parameters as `{name}`.
    pub path: String,
    /// Query pairs, in order.
    pub query: Vec<(String, String)>,
}

impl Url {
    /// The path parameters' names, in path order.
    pub fn params(&self) -> Vec<String> {
        self.path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(str::to_owned)
            .collect()
    }
}

/// An absolute `http(s)://host/path?query` URL, or a path (`/a/b?c=d`).
pub fn parse(url: &str) -> Option<Url> {
    if url.starts_with('/') {
        return Some(target(url));
    }
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
pub fn target(text: &str) -> Url {
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

/// A path the spec accepts: starts with `/`, no spaces, no `?`, no
/// trailing `/`; `:name` and `<name>` segments written `{name}`.
pub fn clean_path(path: &str) -> String {
    let path: String = path
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '?')
        .collect();
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|segment| {
            let name = segment
                .strip_prefix(':')
                .or_else(|| segment.strip_prefix('<').and_then(|s| s.strip_suffix('>')));
            match name {
                Some(name) if is_field_name(name) => format!("{{{name}}}"),
                _ => segment.to_owned(),
            }
        })
        .collect();
    format!("/{}", segments.join("/"))
}

/// `dingtalk.oapi.a.b.c` → `https://oapi.dingtalk.com/topapi/a/b/c`.
pub fn top(name: &str) -> Option<Url> {
    let rest = name.strip_prefix("dingtalk.oapi.")?;
    Some(Url {
        scheme: "https".to_owned(),
        host: Some("oapi.dingtalk.com".to_owned()),
        path: clean_path(&format!("/topapi/{}", rest.replace('.', "/"))),
        query: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let url = parse("https://oapi.dingtalk.com/topapi/x/?access_token=T#frag");
        assert_eq!(
            url,
            Some(Url {
                scheme: "https".into(),
                host: Some("oapi.dingtalk.com".into()),
                path: "/topapi/x".into(),
                query: vec![("access_token".into(), "T".into())],
            })
        );
        assert_eq!(parse("ftp://x/y"), None);
        assert_eq!(parse("https:///y"), None);
        assert_eq!(parse("https://a b/"), None);
        assert_eq!(parse("https://h").map(|u| u.path), Some("/".to_owned()));
        assert_eq!(
            parse("/open/api/x").map(|u| (u.host, u.path)),
            Some((None, "/open/api/x".to_owned()))
        );
        assert_eq!(
            target("/v1.0/a?nextToken=Long&maxResults=Integer")
                .query
                .len(),
            2
        );
        assert_eq!(clean_path("a b//"), "/ab");
        assert_eq!(
            clean_path("/open-apis/contact/v3/departments/:department_id/children"),
            "/open-apis/contact/v3/departments/{department_id}/children"
        );
        assert_eq!(
            clean_path("/v1.0/drive/spaces/<spaceId>/files"),
            "/v1.0/drive/spaces/{spaceId}/files"
        );
        assert_eq!(
            parse("https://h/v1.0/a/{corpId}/{userId}").map(|u| u.params()),
            Some(vec!["corpId".to_owned(), "userId".to_owned()])
        );
        assert_eq!(
            top("dingtalk.oapi.attendance.group.positions.query").map(|u| u.path),
            Some("/topapi/attendance/group/positions/query".to_owned())
        );
        assert_eq!(top("taobao.x.y"), None);
    }
}
