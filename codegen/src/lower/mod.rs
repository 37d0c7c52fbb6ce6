//! Stage 3: a checked raw spec becomes the IR. Rust names are decided here,
//! defaults applied, nested objects and enums turned into named types.
//! Input has passed `check`; anything still odd falls back to a safe default
//! rather than panicking.

mod field;
mod platform;

use crate::ir::*;
use crate::load::Loaded;
use crate::names::{const_ident, snake_ident};
use crate::raw::*;

pub use platform::{envelope_const, signing_const, token_const, window_ms};

/// Lowers checked spec files.
pub fn lower(loaded: &[Loaded]) -> Api {
    Api {
        platforms: loaded.iter().map(lower_platform).collect(),
    }
}

fn lower_platform(loaded: &Loaded) -> Platform {
    let spec = &loaded.spec;
    let sections = platform::sections(spec);
    let defaults = spec.defaults.as_ref();
    let default_gateway = defaults
        .and_then(|d| d.gateway.clone())
        .or_else(|| sections.gateways.first().map(|g| g.key.clone()))
        .unwrap_or_default();
    let default_method = defaults.and_then(|d| d.method.as_deref()).unwrap_or("POST");
    let groups = spec
        .groups
        .0
        .iter()
        .map(|(name, group)| Group {
            module: snake_ident(name),
            doc: group.doc.clone().unwrap_or_default(),
            endpoints: group
                .endpoints
                .0
                .iter()
                .map(|(op, raw)| {
                    let context = EndpointContext {
                        group: name,
                        gateways: &sections.gateways,
                        default_gateway: &default_gateway,
                        default_method,
                    };
                    endpoint(op, raw, &context)
                })
                .collect(),
        })
        .collect();
    Platform {
        module: snake_ident(spec.platform.as_deref().unwrap_or("platform")),
        doc: spec.doc.clone().unwrap_or_default(),
        source: loaded.source.path.clone(),
        credentials: sections.credentials,
        tokens: sections.tokens,
        envelopes: sections.envelopes,
        signing: sections.signing,
        gateways: sections.gateways,
        rate_limits: sections.rate_limits,
        lenient: defaults.and_then(|d| d.lenient).unwrap_or(true),
        groups,
    }
}

struct EndpointContext<'a> {
    group: &'a str,
    gateways: &'a [Gateway],
    default_gateway: &'a str,
    default_method: &'a str,
}

fn endpoint(op: &str, raw: &RawEndpoint, context: &EndpointContext<'_>) -> Endpoint {
    let method = HttpMethod::parse(raw.method.as_deref().unwrap_or(context.default_method))
        .unwrap_or_default();
    let gateway_key = raw.gateway.as_deref().unwrap_or(context.default_gateway);
    let gateway = context.gateways.iter().find(|g| g.key == gateway_key);
    let doc = raw.doc.clone().unwrap_or_default();
    let mut types = Vec::new();
    let places = [
        (Place::Path, &raw.path_params),
        (Place::Query, &raw.query),
        (Place::Header, &raw.headers),
        (Place::Body, &raw.body),
    ];
    let wires: Vec<(Place, &str, Option<&str>)> = places
        .iter()
        .flat_map(|(place, fields)| {
            fields
                .0
                .iter()
                .map(move |(name, f)| (*place, name.as_str(), f.rust_name.as_deref()))
        })
        .collect();
    let idents = crate::names::request_idents(&wires);
    let mut request_fields = Vec::new();
    for (place, fields) in places {
        for (name, raw_field) in &fields.0 {
            let mut lowered = field::lower_field(name, raw_field, place, Side::Request, &mut types);
            if let Some(ident) = idents.get(request_fields.len()).filter(|i| !i.is_empty()) {
                lowered.ident = ident.clone();
            }
            if place == Place::Path {
                lowered.required = true;
            }
            request_fields.push(lowered);
        }
    }
    let response_fields = raw
        .response
        .0
        .iter()
        .map(|(name, f)| field::lower_field(name, f, Place::Body, Side::Response, &mut types))
        .collect();
    let ident_of = |wire: &str| {
        request_fields
            .iter()
            .find(|f: &&Field| f.wire == wire)
            .map_or_else(|| snake_ident(wire), |f| f.ident.clone())
    };
    let windows = raw
        .rules
        .iter()
        .filter_map(|rule| rule.window.as_ref())
        .map(|w| Window {
            start: ident_of(w.start.as_deref().unwrap_or_default()),
            end: ident_of(w.end.as_deref().unwrap_or_default()),
            max_days: w
                .max_days
                .as_ref()
                .and_then(serde_json::Value::as_u64)
                .and_then(|d| u32::try_from(d).ok())
                .unwrap_or(u32::MAX),
            when: w.when.as_ref().map(|when| {
                (
                    ident_of(when.field.as_deref().unwrap_or_default()),
                    when.min_items
                        .as_ref()
                        .and_then(serde_json::Value::as_u64)
                        .unwrap_or(1),
                )
            }),
        })
        .collect();
    let mut endpoint = Endpoint {
        module: snake_ident(op),
        op_name: format!("{}.{}", context.group, op),
        description: raw.description.clone(),
        see: raw.see.clone(),
        method,
        path: raw.path.clone().unwrap_or_default(),
        gateway: const_ident(gateway_key),
        base_url: gateway.map(|g| g.base_url.clone()).unwrap_or_default(),
        auth_none: raw.auth.as_deref() == Some("none"),
        idempotent: raw.idempotent.unwrap_or(matches!(
            method,
            HttpMethod::Get | HttpMethod::Put | HttpMethod::Delete
        )),
        request: Struct {
            name: "Request".into(),
            doc: format!("Request of {doc}"),
            fields: request_fields,
            side: Side::Request,
            paged: false,
        },
        response: Struct {
            name: "Response".into(),
            doc: format!("Response of {doc}"),
            fields: response_fields,
            side: Side::Response,
            paged: false,
        },
        doc,
        types,
        windows,
        paging: None,
        request_example: raw.example.as_ref().and_then(|e| e.request.clone()),
        response_example: raw.example.as_ref().and_then(|e| e.response.clone()),
        rate_limits: platform::rate_limits(raw.rate_limits.as_deref()),
        fake: raw.fake.as_ref().map(|f| FakeStore {
            store: f.store.clone().unwrap_or_default(),
            op: f.op.clone().unwrap_or_default(),
            record: f.record.clone().unwrap_or_default(),
            id: f.id.clone().unwrap_or_else(|| "id".into()),
            result: f.result.clone().unwrap_or_default(),
        }),
    };
    endpoint.paging = raw.paging.as_ref().map(|p| paging(p, &endpoint));
    endpoint.request.paged = endpoint
        .paging
        .as_ref()
        .and_then(|p| p.rust.as_ref())
        .is_some_and(|r| r.item.is_some());
    endpoint
}

fn paging(p: &RawPaging, endpoint: &Endpoint) -> Paging {
    let request = |path: &Option<String>| {
        rust_path(&endpoint.request.fields, &endpoint.types, path.as_deref())
    };
    let response = |path: &Option<String>| {
        rust_path(&endpoint.response.fields, &endpoint.types, path.as_deref())
    };
    let cursor = p.cursor.clone().or_else(|| p.page.clone());
    let items = response(&p.items);
    let item = items.as_ref().and_then(|(_, ty)| match ty {
        Ty::List(inner) => Some((**inner).clone()),
        _ => None,
    });
    let item_fields: &[Field] = match &item {
        Some(Ty::Named { name, .. }) => struct_fields(&endpoint.types, name),
        _ => &[],
    };
    let idents = |found: Option<(Vec<String>, Ty)>| found.map(|(path, _)| path).unwrap_or_default();
    let rust = RustPaging {
        cursor: idents(request(&cursor)),
        size: idents(request(&p.size)),
        next: idents(response(&p.next)),
        has_more: idents(response(&p.has_more)),
        items: idents(items.clone()),
        item_id: idents(rust_path(
            item_fields,
            &endpoint.types,
            p.item_id.as_deref(),
        )),
        pages: idents(response(&p.pages)),
        total: idents(response(&p.total)),
        item,
    };
    let style = p
        .style
        .as_deref()
        .and_then(crate::check::canonical_style)
        .unwrap_or("cursor");
    Paging {
        style: style.to_owned(),
        cursor,
        size: p.size.clone(),
        next: p.next.clone(),
        has_more: p.has_more.clone(),
        items: p.items.clone(),
        item_id: p.item_id.clone(),
        pages: p.pages.clone(),
        total: p.total.clone(),
        rust: Some(rust),
    }
}

fn struct_fields<'a>(types: &'a [TypeDef], name: &str) -> &'a [Field] {
    types
        .iter()
        .find_map(|t| match t {
            TypeDef::Struct(s) if s.name == name => Some(s.fields.as_slice()),
            _ => None,
        })
        .unwrap_or(&[])
}

/// The Rust identifiers and type of the field at a dotted wire-name path.
fn rust_path(
    fields: &[Field],
    types: &[TypeDef],
    dotted: Option<&str>,
) -> Option<(Vec<String>, Ty)> {
    let mut current = fields;
    let mut idents = Vec::new();
    let mut found = None;
    for part in dotted?.split('.') {
        let field = current.iter().find(|f| f.wire == part)?;
        idents.push(field.ident.clone());
        found = Some(field.ty.clone());
        if let Ty::Named { name, .. } = &field.ty {
            current = struct_fields(types, name);
        }
    }
    found.map(|ty| (idents, ty))
}
