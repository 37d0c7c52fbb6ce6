//! Rows that are the platform's, not the endpoint's: the token a request
//! carries (`access_token`, `x-acs-dingtalk-access-token`, `Authorization`),
//! a fixed header (`Content-Type`), a signed request envelope (`sign`,
//! `timestamp`, `appId`, … around `data`/`paramContent`, whose fields are
//! the endpoint's body), and an answer's envelope (`errcode`/`errmsg`;
//! `code`/`msg` around `data`/`result`, whose fields are the response).
//! Each is taken out of the endpoint's fields and recorded as a
//! [`PlatformRow`], and what it says about the gateway is kept as
//! [`Evidence`].

use super::model::{Platform, PlatformRow};
use super::nest::Node;

/// What an endpoint's rows say about its gateway.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// `access_token` in the query.
    pub query_token: bool,
    /// `x-acs-dingtalk-access-token` header.
    pub header_token: bool,
    /// `Authorization: Bearer …` header.
    pub bearer: bool,
    /// A signed request envelope.
    pub signed: bool,
    /// `errcode`/`errmsg` in the response.
    pub errcode: bool,
    /// `code`/`msg` (with `result` or `data`) in the response.
    pub code_result: bool,
    /// Errors documented as HTTP statuses.
    pub http_status: bool,
    /// A `code`/`msg` answer holds its fields under `result` (食亨), not `data`.
    pub under_result: bool,
}

impl Evidence {
    /// Whether the endpoint sends any token.
    pub fn any_auth(&self) -> bool {
        self.query_token || self.header_token || self.bearer || self.signed
    }

    /// Whether the page shows how errors come back.
    pub fn any_envelope(&self) -> bool {
        self.errcode || self.code_result || self.http_status
    }
}

/// Names of a signed envelope's wrapper of the business parameters.
const WRAPPERS: &[&str] = &[
    "paramContent",
    "data",
    "biz_content",
    "bizContent",
    "params",
    "param",
];

/// Signature inputs of a signed envelope.
const SIGNATURE: &[&str] = &[
    "sign",
    "signature",
    "signType",
    "sign_type",
    "timestamp",
    "nonce",
    "ts",
];

/// Credentials of a signed envelope.
const CREDENTIALS: &[&str] = &[
    "appId",
    "appKey",
    "app_id",
    "app_key",
    "access_token",
    "token",
];

fn position(nodes: &[Node], name: &str) -> Option<usize> {
    nodes.iter().position(|n| n.name() == name)
}

/// Takes the row `name` out of `nodes` as a platform row.
fn take(nodes: &mut Vec<Node>, name: &str, kind: Platform, out: &mut Vec<PlatformRow>) -> bool {
    match position(nodes, name) {
        Some(at) => {
            let node = nodes.remove(at);
            out.push(PlatformRow {
                kind,
                name: node.row.name,
            });
            true
        }
        None => false,
    }
}

/// Replaces the node at `at` by its children.
pub fn splice(nodes: &mut Vec<Node>, at: usize) {
    if at < nodes.len() {
        let node = nodes.remove(at);
        for (offset, child) in node.children.into_iter().enumerate() {
            nodes.insert(at + offset, child);
        }
    }
}

/// The request's platform rows, taken out of its locations.
pub fn request(
    query: &mut Vec<Node>,
    headers: &mut Vec<Node>,
    body: &mut Vec<Node>,
    evidence: &mut Evidence,
) -> Vec<PlatformRow> {
    let mut out = Vec::new();
    for name in [
        "x-acs-dingtalk-access-token",
        "Authorization",
        "authorization",
    ] {
        if take(headers, name, Platform::Auth, &mut out) {
            if name.starts_with("x-acs") {
                evidence.header_token = true;
            } else {
                evidence.bearer = true;
            }
        }
    }
    for name in ["Content-Type", "content-type", "Accept"] {
        take(headers, name, Platform::Fixed, &mut out);
    }
    if take(
        query,
        "x-acs-dingtalk-access-token",
        Platform::Auth,
        &mut out,
    ) {
        evidence.header_token = true;
    }
    for nodes in [&mut *body, &mut *query] {
        let signed = ["sign", "signature"]
            .iter()
            .any(|s| position(nodes, s).is_some());
        if !signed {
            continue;
        }
        evidence.signed = true;
        let wrapper = WRAPPERS
            .iter()
            .copied()
            .find(|w| position(nodes, w).is_some_and(|at| !nodes[at].children.is_empty()));
        // In page order: the signature's inputs, credentials, and (beside a
        // wrapper of the business parameters) every other row.
        let names: Vec<String> = nodes.iter().map(|n| n.name().to_owned()).collect();
        for name in names {
            let kind = if SIGNATURE.contains(&name.as_str()) {
                Platform::Sign
            } else if CREDENTIALS.contains(&name.as_str()) {
                Platform::Auth
            } else if wrapper.is_some() {
                Platform::Envelope
            } else {
                continue;
            };
            if Some(name.as_str()) == wrapper {
                out.push(PlatformRow {
                    kind,
                    name: name.clone(),
                });
                if let Some(at) = position(nodes, &name) {
                    splice(nodes, at);
                }
            } else {
                take(nodes, &name, kind, &mut out);
            }
        }
    }
    if take(query, "access_token", Platform::Auth, &mut out) {
        evidence.query_token = true;
    }
    if take(body, "access_token", Platform::Auth, &mut out) {
        evidence.query_token = true;
    }
    out
}

/// The response's platform rows, taken out of its fields: the SDK wrapper
/// (`DingOpenResult`), `errcode`/`errmsg`, and a `code`/`msg` envelope
/// around `data` or `result`.
pub fn response(response: &mut Vec<Node>, evidence: &mut Evidence) -> Vec<PlatformRow> {
    let mut out = Vec::new();
    if let Some(at) = response
        .iter()
        .position(|n| n.kind.documented == "DingOpenResult")
    {
        splice(response, at);
    }
    if position(response, "errcode").is_some() || position(response, "errmsg").is_some() {
        evidence.errcode = true;
        for name in [
            "errcode",
            "errmsg",
            "success",
            "request_id",
            "sub_code",
            "sub_msg",
        ] {
            take(response, name, Platform::Envelope, &mut out);
        }
    }
    let coded = position(response, "code").is_some()
        && ["msg", "message", "traceId", "trace_id"]
            .iter()
            .any(|n| position(response, n).is_some());
    if coded {
        evidence.code_result = true;
        for name in [
            "code",
            "msg",
            "message",
            "request_id",
            "requestId",
            "traceId",
            "trace_id",
            "sub_code",
            "sub_msg",
        ] {
            take(response, name, Platform::Envelope, &mut out);
        }
        if let Some(at) = ["data", "result"]
            .iter()
            .find_map(|w| position(response, w))
        {
            out.push(PlatformRow {
                kind: Platform::Envelope,
                name: response[at].name().to_owned(),
            });
            splice(response, at);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::Row;

    fn node(name: &str, children: &[&str]) -> Node {
        let mut node = Node::new(Row {
            name: name.to_owned(),
            ty: if children.is_empty() {
                "String"
            } else {
                "Object"
            }
            .to_owned(),
            ..Row::default()
        });
        node.children = children.iter().map(|c| node_leaf(c)).collect();
        node
    }

    fn node_leaf(name: &str) -> Node {
        node(name, &[])
    }

    fn names(nodes: &[Node]) -> Vec<&str> {
        nodes.iter().map(Node::name).collect()
    }

    fn kinds(rows: &[PlatformRow]) -> Vec<(&str, &str)> {
        rows.iter()
            .map(|r| (r.kind.as_str(), r.name.as_str()))
            .collect()
    }

    #[test]
    fn tokens_headers_and_signed_envelopes() {
        let mut evidence = Evidence::default();
        let mut query = vec![node_leaf("access_token"), node_leaf("operatorId")];
        let mut headers = vec![node_leaf("Authorization"), node_leaf("Content-Type")];
        let mut body = vec![
            node_leaf("timestamp"),
            node_leaf("sign"),
            node_leaf("access_token"),
            node_leaf("employee_id"),
            node("data", &["budget_type", "itemList"]),
        ];
        let rows = request(&mut query, &mut headers, &mut body, &mut evidence);
        assert_eq!(names(&query), ["operatorId"]);
        assert!(headers.is_empty());
        assert_eq!(names(&body), ["budget_type", "itemList"]);
        assert_eq!(
            kinds(&rows),
            [
                ("auth", "Authorization"),
                ("fixed", "Content-Type"),
                ("sign", "timestamp"),
                ("sign", "sign"),
                ("auth", "access_token"),
                ("envelope", "employee_id"),
                ("envelope", "data"),
                ("auth", "access_token"),
            ]
        );
        assert!(evidence.signed && evidence.bearer && evidence.query_token);
    }

    #[test]
    fn answer_envelopes() {
        let mut evidence = Evidence::default();
        let mut feishu = vec![
            node_leaf("code"),
            node_leaf("msg"),
            node("data", &["has_more", "items"]),
        ];
        let rows = response(&mut feishu, &mut evidence);
        assert_eq!(names(&feishu), ["has_more", "items"]);
        assert_eq!(
            kinds(&rows),
            [
                ("envelope", "code"),
                ("envelope", "msg"),
                ("envelope", "data")
            ]
        );
        let mut dingtalk = vec![
            node_leaf("request_id"),
            node_leaf("errcode"),
            node("result", &["dept_id"]),
            node_leaf("success"),
        ];
        let rows = response(&mut dingtalk, &mut evidence);
        assert_eq!(names(&dingtalk), ["result"]);
        assert_eq!(rows.len(), 3);
        let mut v1 = vec![node("result", &["list"]), node_leaf("success")];
        assert!(response(&mut v1, &mut Evidence::default()).is_empty());
        assert_eq!(names(&v1), ["result", "success"]);
    }
}
