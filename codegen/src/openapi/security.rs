//! Security schemes, from where each gateway puts its access token: a query
//! parameter or a header becomes an `apiKey` scheme, `Authorization: Bearer`
//! an `http` bearer scheme; a token or signature inside the body has no
//! OpenAPI scheme (the body schema describes it).

use serde_json::{Map, Value, json};

use super::{Site, names};
use crate::ir::{Api, Gateway, Platform, Value as Carried};

/// Where a gateway's token travels, if in the query or a header.
fn token_place(gateway: &Gateway) -> Option<(&'static str, &str, &str)> {
    let query = gateway.request.query.iter().map(|(n, v)| ("query", n, v));
    let headers = gateway
        .request
        .headers
        .iter()
        .map(|(n, v)| ("header", n, v));
    query
        .chain(headers)
        .find_map(|(place, name, value)| match value {
            Carried::Token { prefix, .. } => Some((place, name.as_str(), prefix.as_str())),
            _ => None,
        })
}

/// `components.securitySchemes`: one scheme per gateway that sends a token.
pub fn schemes(api: &Api) -> Map<String, Value> {
    let mut schemes = Map::new();
    for platform in &api.platforms {
        let source = token_source(platform);
        for gateway in &platform.gateways {
            let Some((place, name, prefix)) = token_place(gateway) else {
                continue;
            };
            let scheme = if place == "header"
                && name.eq_ignore_ascii_case("authorization")
                && prefix.trim().eq_ignore_ascii_case("bearer")
            {
                json!({
                    "type": "http",
                    "scheme": "bearer",
                    "description": format!("{} access token, as `Authorization: Bearer …`. {source}", platform.doc),
                })
            } else {
                let carrier = if place == "query" {
                    "query parameter"
                } else {
                    "header"
                };
                json!({
                    "type": "apiKey",
                    "in": place,
                    "name": name,
                    "description": format!("{} access token, sent as the `{name}` {carrier}{}. {source}",
                        platform.doc,
                        if prefix.is_empty() { String::new() } else { format!(" after `{prefix}`") }),
                })
            };
            schemes.insert(names::security_scheme(platform, gateway), scheme);
        }
    }
    schemes
}

/// Where a platform's tokens come from, in words.
fn token_source(platform: &Platform) -> String {
    if platform.tokens.is_empty() {
        return "The caller supplies it.".into();
    }
    let sources: Vec<String> = platform
        .tokens
        .iter()
        .map(|t| {
            format!(
                "`{} {}` on gateway `{}`",
                t.method.as_str(),
                t.path,
                t.gateway
            )
        })
        .collect();
    format!(
        "Obtained from {}; the generated client fetches, caches and refreshes it.",
        sources.join(", ")
    )
}

/// The operation's `security`: its gateway's token scheme, or `[]` for
/// `auth: none` endpoints and gateways that send no token in the query or a header.
pub fn requirement(site: &Site<'_>) -> Value {
    match site.gateway() {
        Some(gateway) if !site.endpoint.auth_none && token_place(gateway).is_some() => {
            json!([{ names::security_scheme(site.platform, gateway): [] }])
        }
        _ => json!([]),
    }
}
