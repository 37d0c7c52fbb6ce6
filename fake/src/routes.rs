//! Which declared endpoint (or token endpoint) a request is for: its method
//! and its path, `{name}` segments matching anything and captured.

use oapi_codegen::ir::{Api, Endpoint, Gateway, HttpMethod, Platform, Token};

/// What a route serves.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// A declared token endpoint (index into the platform's tokens).
    Token(usize),
    /// An endpoint (group and endpoint indices).
    Endpoint(usize, usize),
}

/// One servable method and path.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    pub(crate) platform: usize,
    pub(crate) gateway: usize,
    pub(crate) kind: Kind,
    pub(crate) method: HttpMethod,
    /// The spec's path (`/v1.0/users/{unionId}`), also the counters' key.
    pub(crate) template: String,
    segments: Vec<Segment>,
}

#[derive(Debug, Clone)]
enum Segment {
    Literal(String),
    Param(String),
}

/// A matched route and the path parameters it captured.
pub(crate) struct Matched<'a> {
    pub(crate) route: &'a Route,
    pub(crate) path_params: Vec<(String, String)>,
}

impl Route {
    pub(crate) fn platform<'a>(&self, api: &'a Api) -> &'a Platform {
        &api.platforms[self.platform]
    }

    pub(crate) fn gateway<'a>(&self, api: &'a Api) -> &'a Gateway {
        &self.platform(api).gateways[self.gateway]
    }

    /// The endpoint, for endpoint routes.
    pub(crate) fn endpoint<'a>(&self, api: &'a Api) -> Option<&'a Endpoint> {
        match self.kind {
            Kind::Endpoint(group, endpoint) => {
                Some(&self.platform(api).groups[group].endpoints[endpoint])
            }
            Kind::Token(_) => None,
        }
    }

    /// The token rule, for token routes.
    pub(crate) fn token<'a>(&self, api: &'a Api) -> Option<&'a Token> {
        match self.kind {
            Kind::Token(token) => Some(&self.platform(api).tokens[token]),
            Kind::Endpoint(..) => None,
        }
    }

    /// `dingtalk.hrm.querypreentry` or `dingtalk.token.app`.
    pub(crate) fn name(&self, api: &Api) -> String {
        let platform = &self.platform(api).module;
        match (self.endpoint(api), self.token(api)) {
            (Some(e), _) => format!("{platform}.{}", e.op_name),
            (_, Some(t)) => format!("{platform}.token.{}", t.name),
            _ => platform.clone(),
        }
    }

    fn matches(&self, method: &str, segments: &[String]) -> Option<Vec<(String, String)>> {
        if !self.method.as_str().eq_ignore_ascii_case(method)
            || segments.len() != self.segments.len()
        {
            return None;
        }
        let mut params = Vec::new();
        for (want, got) in self.segments.iter().zip(segments) {
            match want {
                Segment::Literal(text) if text == got => {}
                Segment::Literal(_) => return None,
                Segment::Param(name) => params.push((name.clone(), got.clone())),
            }
        }
        Some(params)
    }
}

fn segments(template: &str) -> Vec<Segment> {
    template
        .split('/')
        .filter(|s| !s.is_empty())
        .map(
            |s| match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => Segment::Param(name.to_owned()),
                None => Segment::Literal(s.to_owned()),
            },
        )
        .collect()
}

/// Every route of `api`: token endpoints first, then endpoints, in spec order.
pub(crate) fn routes(api: &Api) -> Vec<Route> {
    let mut routes = Vec::new();
    for (p, platform) in api.platforms.iter().enumerate() {
        let gateway_index = |name: &str| {
            platform
                .gateways
                .iter()
                .position(|g| g.key == name || g.const_name == name)
                .unwrap_or(0)
        };
        for (t, token) in platform.tokens.iter().enumerate() {
            routes.push(Route {
                platform: p,
                gateway: gateway_index(&token.gateway),
                kind: Kind::Token(t),
                method: token.method,
                template: token.path.clone(),
                segments: segments(&token.path),
            });
        }
        for (g, group) in platform.groups.iter().enumerate() {
            for (e, endpoint) in group.endpoints.iter().enumerate() {
                // The token endpoint declared as an endpoint too is served as the token endpoint.
                let is_token = platform.tokens.iter().any(|t| {
                    t.path == endpoint.path
                        && t.method == endpoint.method
                        && gateway_index(&t.gateway) == gateway_index(&endpoint.gateway)
                });
                if is_token {
                    continue;
                }
                routes.push(Route {
                    platform: p,
                    gateway: gateway_index(&endpoint.gateway),
                    kind: Kind::Endpoint(g, e),
                    method: endpoint.method,
                    template: endpoint.path.clone(),
                    segments: segments(&endpoint.path),
                });
            }
        }
    }
    routes
}

/// The route for `method` and `path`; a path starting with
/// `/<platform>/<gateway>` looks in that gateway only.
pub(crate) fn find<'a>(
    api: &Api,
    routes: &'a [Route],
    method: &str,
    path: &str,
) -> Option<Matched<'a>> {
    let decoded: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    if decoded.len() >= 2 {
        let scoped: Vec<&Route> = routes
            .iter()
            .filter(|r| r.platform(api).module == decoded[0] && r.gateway(api).key == decoded[1])
            .collect();
        if !scoped.is_empty() {
            let rest = &decoded[2..];
            return scoped.into_iter().find_map(|route| {
                route
                    .matches(method, rest)
                    .map(|path_params| Matched { route, path_params })
            });
        }
    }
    routes.iter().find_map(|route| {
        route
            .matches(method, &decoded)
            .map(|path_params| Matched { route, path_params })
    })
}

/// `%XX` sequences decoded (a path parameter holding `/` arrives as `%2F`).
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
