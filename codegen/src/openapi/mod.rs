//! Export of the IR as one OpenAPI 3.1.0 document (`oapi-codegen openapi`).
//!
//! Reads only the [`ir`](crate::ir), like emission. One small file per job:
//! `names` (operation ids, tags, component names), `schema` (field types
//! and limits → JSON Schema), `envelope` (the wire shapes the gateways wrap
//! around requests and responses), `security` (security schemes),
//! `extensions` (`x-oapi-*` facts OpenAPI has no keyword for),
//! `operation` (one endpoint → one Operation Object) and [`cli`] (the
//! command). The mapping is documented in `docs/openapi.md`.

pub mod cli;
mod envelope;
mod extensions;
mod names;
mod operation;
mod schema;
mod security;

use serde_json::{Map, Value, json};

use crate::ir::{Api, Endpoint, Group, HttpMethod, Platform};

/// The OpenAPI version written.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// One endpoint with everything around it that its export needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Site<'a> {
    /// Its platform.
    pub platform: &'a Platform,
    /// Its group.
    pub group: &'a Group,
    /// The endpoint.
    pub endpoint: &'a Endpoint,
}

impl Site<'_> {
    /// The gateway the endpoint is sent to, if the platform declares it.
    pub fn gateway(&self) -> Option<&crate::ir::Gateway> {
        self.platform
            .gateways
            .iter()
            .find(|g| g.const_name == self.endpoint.gateway)
    }
}

/// Every endpoint of `api` in spec order.
pub(crate) fn sites(api: &Api) -> impl Iterator<Item = Site<'_>> {
    api.platforms.iter().flat_map(|platform| {
        platform.groups.iter().flat_map(move |group| {
            group.endpoints.iter().map(move |endpoint| Site {
                platform,
                group,
                endpoint,
            })
        })
    })
}

/// The OpenAPI 3.1 document describing every endpoint of `api`.
pub fn export(api: &Api) -> Value {
    let mut components = schema::Components::default();
    let mut paths = Map::new();
    for site in sites(api) {
        let types = components.register(&site);
        let operation = operation::operation(&site, &types);
        insert_operation(&mut paths, &site, operation);
    }
    let schemes = security::schemes(api);
    let mut component_object = Map::new();
    if !components.schemas.is_empty() {
        component_object.insert("schemas".into(), Value::Object(components.schemas));
    }
    if !schemes.is_empty() {
        component_object.insert("securitySchemes".into(), Value::Object(schemes));
    }
    let mut document = Map::new();
    document.insert("openapi".into(), json!(OPENAPI_VERSION));
    document.insert("info".into(), info(api));
    document.insert("servers".into(), Value::Array(servers(api)));
    document.insert("tags".into(), Value::Array(tags(api)));
    document.insert("paths".into(), Value::Object(paths));
    document.insert("components".into(), Value::Object(component_object));
    Value::Object(document)
}

/// Puts `operation` under its path and method. Two endpoints on different
/// hosts may share path and method, which one Paths Object cannot hold: the
/// later one is keyed `<path>#<operationId>` and carries the real path in
/// `x-oapi-path` (see docs/openapi.md).
fn insert_operation(paths: &mut Map<String, Value>, site: &Site<'_>, mut operation: Value) {
    let method = match site.endpoint.method {
        HttpMethod::Get => "get",
        HttpMethod::Post => "post",
        HttpMethod::Put => "put",
        HttpMethod::Patch => "patch",
        HttpMethod::Delete => "delete",
    };
    let path = &site.endpoint.path;
    let taken = paths.get(path).and_then(|item| item.get(method)).is_some();
    let key = if taken {
        if let Value::Object(object) = &mut operation {
            object.insert("x-oapi-path".into(), json!(path));
        }
        format!("{path}#{}", names::operation_id(site))
    } else {
        path.clone()
    };
    let item = paths
        .entry(key)
        .or_insert_with(|| Value::Object(Map::new()));
    if let Value::Object(item) = item {
        item.insert(method.into(), operation);
    }
}

fn info(api: &Api) -> Value {
    let title = if api.platforms.is_empty() {
        "Open platform APIs".to_owned()
    } else {
        api.platforms
            .iter()
            .map(|p| p.doc.as_str())
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let mut description = String::from(
        "Exported by `oapi-codegen openapi` from the YAML specs the typed Rust client is \
         generated from.\n\nPlatforms:\n",
    );
    for platform in &api.platforms {
        description.push_str(&format!("\n- {} (`{}`):", platform.doc, platform.module));
        for gateway in &platform.gateways {
            let envelope = platform
                .envelopes
                .iter()
                .find(|e| e.const_name == gateway.envelope)
                .map_or("", |e| e.name.as_str());
            description.push_str(&format!(
                " gateway `{}` {} (envelope `{envelope}`);",
                gateway.key, gateway.base_url
            ));
        }
    }
    description.push_str(
        "\n\nThe platforms live on different hosts, so every operation names its own \
         `servers` entry; the top-level `servers` list them all. Facts OpenAPI has no \
         keyword for are `x-oapi-*` extensions (see docs/openapi.md in the repository).",
    );
    json!({
        "title": title,
        "version": env!("CARGO_PKG_VERSION"),
        "description": description,
    })
}

/// One server per distinct gateway base URL.
fn servers(api: &Api) -> Vec<Value> {
    let mut seen: Vec<&str> = Vec::new();
    let mut servers = Vec::new();
    for platform in &api.platforms {
        for gateway in &platform.gateways {
            if seen.contains(&gateway.base_url.as_str()) {
                continue;
            }
            seen.push(&gateway.base_url);
            servers.push(json!({
                "url": gateway.base_url,
                "description": names::server_description(platform, gateway),
            }));
        }
    }
    servers
}

fn tags(api: &Api) -> Vec<Value> {
    api.platforms
        .iter()
        .flat_map(|platform| {
            platform.groups.iter().map(move |group| {
                json!({
                    "name": names::tag(platform, group),
                    "description": format!("{} — {}", platform.doc, group.doc),
                })
            })
        })
        .collect()
}
