//! Security schemes: the token gateways become `apiKey` schemes; the signed
//! envelope has none (its credential is a signature inside the body).

use serde_json::{Map, Value, json};

use super::{Site, names};
use crate::ir::{Api, AuthKind, Platform};

/// The spec's name of an auth scheme.
pub fn auth_name(auth: AuthKind) -> &'static str {
    match auth {
        AuthKind::None => "none",
        AuthKind::QueryToken => "query_token",
        AuthKind::HeaderToken => "header_token",
        AuthKind::SignedEnvelope => "signed_envelope",
    }
}

/// `components.securitySchemes`: one `apiKey` scheme per token gateway.
pub fn schemes(api: &Api) -> Map<String, Value> {
    let mut schemes = Map::new();
    for platform in &api.platforms {
        let source = token_source(platform);
        for gateway in &platform.gateways {
            let (location, name) = match gateway.auth {
                AuthKind::QueryToken => ("query", "access_token"),
                AuthKind::HeaderToken => ("header", "x-acs-dingtalk-access-token"),
                AuthKind::None | AuthKind::SignedEnvelope => continue,
            };
            let carrier = if location == "query" {
                "query parameter"
            } else {
                "header"
            };
            let description = format!(
                "{} access token, sent as the `{name}` {carrier}. {source}",
                platform.doc
            );
            schemes.insert(
                names::security_scheme(platform, gateway),
                json!({
                    "type": "apiKey",
                    "in": location,
                    "name": name,
                    "description": description,
                }),
            );
        }
    }
    schemes
}

/// Where a platform's token comes from, in words.
fn token_source(platform: &Platform) -> String {
    let Some((gateway, path)) = &platform.token else {
        return "The caller supplies it.".into();
    };
    let endpoint = platform
        .groups
        .iter()
        .flat_map(|g| &g.endpoints)
        .find(|e| &e.gateway == gateway && &e.path == path);
    match endpoint {
        Some(endpoint) => format!(
            "Obtained from operation `{}.{}` ({}{}); the generated client fetches, caches \
             and refreshes it.",
            platform.module, endpoint.op_name, endpoint.base_url, endpoint.path
        ),
        None => format!(
            "Obtained from `{path}`; the generated client fetches, caches and refreshes it."
        ),
    }
}

/// The operation's `security`: the gateway's token scheme, or `[]` for
/// `auth: none` endpoints and signed-envelope gateways.
pub fn requirement(site: &Site<'_>) -> Value {
    let Some(gateway) = site.gateway() else {
        return json!([]);
    };
    match gateway.auth {
        AuthKind::QueryToken | AuthKind::HeaderToken if !site.endpoint.auth_none => {
            json!([{ names::security_scheme(site.platform, gateway): [] }])
        }
        _ => json!([]),
    }
}
