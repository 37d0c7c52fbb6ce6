//! Stage 3: a checked raw spec becomes the IR. Rust names are decided here,
//! defaults applied, nested objects and enums turned into named types.
//! Input has passed `check`; anything still odd falls back to a safe default
//! rather than panicking.

use crate::ir::*;
use crate::load::Loaded;
use crate::names::{const_ident, pascal_ident, snake_ident};
use crate::raw::*;
use crate::types::{self, Base};

/// Lowers checked spec files.
pub fn lower(loaded: &[Loaded]) -> Api {
    Api {
        platforms: loaded.iter().map(platform).collect(),
    }
}

fn platform(loaded: &Loaded) -> Platform {
    let spec = &loaded.spec;
    let gateways: Vec<Gateway> = spec
        .gateways
        .0
        .iter()
        .map(|(key, raw)| gateway(key, raw))
        .collect();
    let defaults = spec.defaults.as_ref();
    let default_gateway = defaults
        .and_then(|d| d.gateway.clone())
        .or_else(|| gateways.first().map(|g| g.key.clone()))
        .unwrap_or_default();
    let default_method = defaults.and_then(|d| d.method.as_deref()).unwrap_or("POST");
    let token = spec.token.as_ref().map(|t| {
        (
            const_ident(t.gateway.as_deref().unwrap_or(&default_gateway)),
            t.path.clone().unwrap_or_default(),
        )
    });
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
                        gateways: &gateways,
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
        gateways,
        token,
        groups,
    }
}

fn gateway(key: &str, raw: &RawGateway) -> Gateway {
    Gateway {
        key: key.to_owned(),
        const_name: const_ident(key),
        base_url: raw.base_url.clone().unwrap_or_default(),
        auth: match raw.auth.as_deref() {
            Some("query_token") => AuthKind::QueryToken,
            Some("header_token") => AuthKind::HeaderToken,
            Some("signed_envelope") => AuthKind::SignedEnvelope,
            _ => AuthKind::None,
        },
        envelope: match raw.envelope.as_deref() {
            Some("http_status") => EnvelopeKind::HttpStatus,
            Some("code_result") => EnvelopeKind::CodeResult,
            _ => EnvelopeKind::ErrCode,
        },
        version: raw.version.clone().unwrap_or_default(),
    }
}

struct EndpointContext<'a> {
    group: &'a str,
    gateways: &'a [Gateway],
    default_gateway: &'a str,
    default_method: &'a str,
}

fn endpoint(op: &str, raw: &RawEndpoint, context: &EndpointContext<'_>) -> Endpoint {
    let method = match raw.method.as_deref().unwrap_or(context.default_method) {
        "GET" => HttpMethod::Get,
        _ => HttpMethod::Post,
    };
    let gateway_key = raw.gateway.as_deref().unwrap_or(context.default_gateway);
    let gateway = context.gateways.iter().find(|g| g.key == gateway_key);
    let doc = raw.doc.clone().unwrap_or_default();
    let mut types = Vec::new();
    let mut request_fields = Vec::new();
    for (place, fields) in [
        (Place::Query, &raw.query),
        (Place::Header, &raw.headers),
        (Place::Body, &raw.body),
    ] {
        for (name, field) in &fields.0 {
            request_fields.push(lower_field(name, field, place, Side::Request, &mut types));
        }
    }
    let response_fields = raw
        .response
        .0
        .iter()
        .map(|(name, field)| lower_field(name, field, Place::Body, Side::Response, &mut types))
        .collect();
    let ident_of = |wire: &Option<String>| snake_ident(wire.as_deref().unwrap_or_default());
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
        idempotent: raw.idempotent.unwrap_or(method == HttpMethod::Get),
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
        windows: raw
            .rules
            .iter()
            .filter_map(|rule| rule.window.as_ref())
            .map(|w| Window {
                start: ident_of(&w.start),
                end: ident_of(&w.end),
                max_days: w
                    .max_days
                    .as_ref()
                    .and_then(|d| d.as_u64())
                    .and_then(|d| u32::try_from(d).ok())
                    .unwrap_or(u32::MAX),
            })
            .collect(),
        paging: None,
        request_example: raw.example.as_ref().and_then(|e| e.request.clone()),
        response_example: raw.example.as_ref().and_then(|e| e.response.clone()),
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
        Some(Ty::Named { name, .. }) => endpoint
            .types
            .iter()
            .find_map(|t| match t {
                TypeDef::Struct(s) if s.name == *name => Some(s.fields.as_slice()),
                _ => None,
            })
            .unwrap_or(&[]),
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
        item,
    };
    Paging {
        style: p.style.clone().unwrap_or_default(),
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
            current = types
                .iter()
                .find_map(|t| match t {
                    TypeDef::Struct(s) if s.name == *name => Some(s.fields.as_slice()),
                    _ => None,
                })
                .unwrap_or(&[]);
        }
    }
    found.map(|ty| (idents, ty))
}

fn lower_field(
    name: &str,
    raw: &RawField,
    place: Place,
    side: Side,
    types: &mut Vec<TypeDef>,
) -> Field {
    let expr = raw
        .ty
        .as_deref()
        .and_then(types::parse)
        .unwrap_or(types::TypeExpr {
            base: Base::Json,
            lists: 0,
        });
    let nested_name = types::nested_type_name(name, raw.type_name.as_deref(), expr.lists);
    let mut ty = match expr.base {
        Base::String if raw.secret == Some(true) => Ty::Secret(Box::new(Ty::String)),
        _ if raw.enumeration.is_some() => {
            types.push(TypeDef::Enum(lower_enum(
                &nested_name,
                raw,
                expr.base == Base::Integer,
            )));
            Ty::Named {
                name: nested_name,
                validated: false,
            }
        }
        Base::String => Ty::String,
        Base::Integer => Ty::Integer,
        Base::Number => Ty::Number,
        Base::Boolean => Ty::Boolean,
        Base::Json => Ty::Json,
        Base::Object => {
            let index = types.len();
            types.push(TypeDef::Struct(Struct {
                name: nested_name.clone(),
                doc: String::new(),
                fields: Vec::new(),
                side,
                paged: false,
            }));
            let fields: Vec<Field> = raw
                .fields
                .iter()
                .flat_map(|f| f.0.iter())
                .map(|(child, field)| lower_field(child, field, Place::Body, side, types))
                .collect();
            let validated = side == Side::Request
                && fields.iter().any(|f| f.limits.any() || f.ty.is_validated());
            if let Some(TypeDef::Struct(def)) = types.get_mut(index) {
                def.doc = raw.doc.clone().unwrap_or_default();
                def.fields = fields;
            }
            Ty::Named {
                name: nested_name,
                validated,
            }
        }
    };
    for _ in 0..expr.lists {
        ty = Ty::List(Box::new(ty));
    }
    Field {
        ident: snake_ident(name),
        wire: name.to_owned(),
        doc: raw.doc.clone().unwrap_or_default(),
        ty,
        required: side == Side::Request && raw.required == Some(true),
        place,
        limits: Limits {
            min: bound(&raw.min),
            max: bound(&raw.max),
            min_items: raw.min_items.as_ref().and_then(|n| n.as_u64()),
            max_items: raw.max_items.as_ref().and_then(|n| n.as_u64()),
            min_length: raw.min_length.as_ref().and_then(|n| n.as_u64()),
            max_length: raw.max_length.as_ref().and_then(|n| n.as_u64()),
        },
        comma: raw.encoding.as_deref() == Some("comma"),
        example: raw.example.clone(),
        default: raw.default.clone(),
    }
}

fn lower_enum(name: &str, raw: &RawField, integer: bool) -> Enum {
    Enum {
        name: name.to_owned(),
        doc: raw.doc.clone().unwrap_or_default(),
        integer,
        variants: raw
            .enumeration
            .iter()
            .flatten()
            .map(|item| Variant {
                ident: pascal_ident(item.name.as_deref().unwrap_or("value")),
                value: item.value.clone().unwrap_or_default(),
                doc: item.doc.clone().unwrap_or_default(),
            })
            .collect(),
    }
}

fn bound(value: &Option<serde_json::Number>) -> Option<Bound> {
    let value = value.as_ref()?;
    match value.as_i64() {
        Some(int) => Some(Bound::Int(int)),
        None => value.as_f64().map(Bound::Float),
    }
}
