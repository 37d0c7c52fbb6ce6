//! Reads `#[endpoint(...)]` and `#[param(...)]`, every error collected.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, DeriveInput, Expr, Field, LitBool, LitStr, Type};

use crate::attr;
use crate::errors::Errors;
use crate::serde_attrs::{self, SerdeField};
use crate::suggest;

use super::{Method, Model, Param, ParamKind, RateLimit};

const KEYS: &[&str] = &[
    "method",
    "path",
    "gateway",
    "response",
    "name",
    "idempotent",
    "auth",
    "rate_limit",
];
const SCOPES: &[&str] = &["app", "app_gateway", "app_endpoint"];
const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE"];
const PARAM_KINDS: &[&str] = &["query", "header", "path"];

/// `#[endpoint(...)]` as written: each key at most once, none required yet.
#[derive(Default)]
struct EndpointAttr {
    seen: Vec<String>,
    method: Option<Method>,
    path: Option<LitStr>,
    gateway: Option<syn::Path>,
    response: Option<Type>,
    name: Option<LitStr>,
    idempotent: Option<bool>,
    auth_none: bool,
    rate_limits: Vec<RateLimit>,
}

/// Reads and checks the input: the model, or every error found.
pub(super) fn parse(input: &DeriveInput) -> syn::Result<Model<'_>> {
    let mut errors = Errors::default();
    let fields = attr::named_fields(input, "Endpoint")?;
    attr::reject_misplaced(
        &input.attrs,
        "param",
        "it marks a field: put #[param(query)] or #[param(header)] on the field",
        &mut errors,
    );

    let endpoint_attrs: Vec<&Attribute> = input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("endpoint"))
        .collect();
    let mut found = EndpointAttr::default();
    // After a syntax error the keys past it were not read: "missing" would be noise.
    let mut malformed = false;
    for attr in &endpoint_attrs {
        let result = attr.parse_nested_meta(|meta| found.key(&meta, &mut errors));
        malformed |= errors.ok(result).is_none();
    }

    let rename_all = serde_attrs::rename_all(&input.attrs);
    let mut params = Vec::new();
    let mut body_fields = Vec::new();
    for field in fields {
        attr::reject_misplaced(
            &field.attrs,
            "endpoint",
            "it describes the whole request: put it on the struct",
            &mut errors,
        );
        let Some(ident) = &field.ident else { continue };
        match param_kind(field, &mut errors) {
            Some((kind, json)) => {
                if !SerdeField::of(field).skip {
                    let place = match kind {
                        ParamKind::Query => "in the query string",
                        ParamKind::Header => "as an HTTP header",
                        ParamKind::Path => "in the path",
                    };
                    errors.at(
                        ident.span(),
                        format!(
                            "`{}` is sent {place}, so it must stay out of the JSON body: \
                             add #[serde(skip)]",
                            ident.unraw()
                        ),
                    );
                }
                params.push(Param {
                    ident,
                    ty: &field.ty,
                    wire: serde_attrs::wire_name(field, rename_all),
                    kind,
                    json,
                });
            }
            None if !SerdeField::of(field).skip => body_fields.push(ident),
            None => {}
        }
    }

    let Some(first) = endpoint_attrs.first() else {
        errors.at(
            input.ident.span(),
            format!(
                "#[derive(Endpoint)] needs #[endpoint(method = POST, path = \"/...\", \
                 gateway = ..., response = ...)] on `{}`",
                input.ident
            ),
        );
        return Err(
            errors.into_error(|| syn::Error::new(input.ident.span(), "missing #[endpoint]"))
        );
    };
    let missing = [
        (
            "method",
            found.method.is_none(),
            "`method = GET` (or POST, PUT, PATCH, DELETE)",
        ),
        (
            "path",
            found.path.is_none(),
            "`path = \"/...\"`, the path below the gateway's base URL",
        ),
        (
            "gateway",
            found.gateway.is_none(),
            "`gateway = ...`, the `Gateway` constant of the host (e.g. `gateway = OAPI`)",
        ),
        (
            "response",
            found.response.is_none(),
            "`response = ...`, the response type",
        ),
    ];
    for (key, is_missing, what) in missing {
        // A key written with a bad value was reported where it is written.
        if is_missing && !malformed && !found.seen.iter().any(|seen| seen == key) {
            errors.spanned(first, format!("#[endpoint(...)] is missing {what}"));
        }
    }
    if found.method == Some(Method::Get) {
        for ident in &body_fields {
            errors.at(
                ident.span(),
                format!(
                    "GET requests have no body: mark `{0}` with #[param(query)] \
                     (and #[serde(skip)]), or make the endpoint `method = POST`",
                    ident.unraw()
                ),
            );
        }
    }
    if let Some(path) = &found.path {
        path_params(path, &params, &mut errors);
    }
    let (Some(method), Some(path), Some(gateway), Some(response)) =
        (found.method, found.path, found.gateway, found.response)
    else {
        // Each missing or invalid key was recorded above.
        return Err(errors.into_error(|| syn::Error::new(first.span(), "incomplete #[endpoint]")));
    };
    errors.finish()?;
    Ok(Model {
        input,
        method,
        name: match found.name {
            Some(name) => name.value(),
            None => input.ident.unraw().to_string(),
        },
        path,
        gateway,
        response,
        idempotent: found
            .idempotent
            .unwrap_or(matches!(method, Method::Get | Method::Put | Method::Delete)),
        auth_none: found.auth_none,
        rate_limits: found.rate_limits,
        has_body: !body_fields.is_empty(),
        params,
    })
}

impl EndpointAttr {
    fn key(&mut self, meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<()> {
        let key = attr::key_name(&meta.path);
        if !KEYS.contains(&key.as_str()) {
            errors.spanned(
                &meta.path,
                suggest::unknown_key(&key, "#[endpoint(...)]", KEYS),
            );
            return attr::skip_value(meta);
        }
        if key == "rate_limit" {
            // The one key written once per limit.
            if attr::parenthesized(
                meta,
                "rate_limit(per = app_endpoint, limit = 40, window = \"1s\")",
                errors,
            )? {
                if let Some(limit) = rate_limit(meta, errors)? {
                    self.rate_limits.push(limit);
                }
            }
            return Ok(());
        }
        if self.seen.contains(&key) {
            errors.spanned(&meta.path, format!("duplicate `{key}` in #[endpoint(...)]"));
            return attr::skip_value(meta);
        }
        self.seen.push(key.clone());
        match key.as_str() {
            "idempotent" if !attr::has_value(meta) => self.idempotent = Some(true),
            "idempotent" => {
                if let Some(expr) = attr::value(meta, "idempotent = true", errors)? {
                    self.idempotent = boolean(&expr, errors);
                }
            }
            "response" => {
                if meta.input.peek(syn::Token![=]) {
                    self.response = Some(meta.value()?.parse()?);
                } else {
                    attr::value(meta, "response = <type>", errors)?;
                }
            }
            "method" => {
                if let Some(expr) = attr::value(meta, "method = POST", errors)? {
                    self.method = method(&expr, errors);
                }
            }
            "path" => {
                if let Some(expr) = attr::value(meta, "path = \"/...\"", errors)? {
                    self.path = path(&expr, errors);
                }
            }
            "gateway" => {
                if let Some(expr) = attr::value(meta, "gateway = <constant>", errors)? {
                    self.gateway = gateway(expr, errors);
                }
            }
            "name" => {
                if let Some(expr) = attr::value(meta, "name = \"group.endpoint\"", errors)? {
                    self.name = attr::string(&expr).cloned();
                    if self.name.is_none() {
                        errors.spanned(
                            &expr,
                            "expected a string, like `name = \"blackboard.create\"`",
                        );
                    }
                }
            }
            _ => {
                // `auth`, the last of `KEYS`.
                if let Some(expr) = attr::value(meta, "auth = none", errors)? {
                    self.auth_none = auth_none(&expr, errors);
                }
            }
        }
        Ok(())
    }
}

/// `rate_limit(per = <scope>, limit = <n>, window = "<n><unit>")`, every key
/// required once.
fn rate_limit(meta: &ParseNestedMeta<'_>, errors: &mut Errors) -> syn::Result<Option<RateLimit>> {
    let (mut per, mut limit, mut window) = (None, None, None);
    let mut bad = false;
    meta.parse_nested_meta(|inner| {
        let key = attr::key_name(&inner.path);
        let Some(expr) = attr::value(&inner, &format!("{key} = ..."), errors)? else {
            bad = true;
            return Ok(());
        };
        match key.as_str() {
            "per" => match attr::bare_ident(&expr).map(ToString::to_string) {
                Some(scope) if SCOPES.contains(&scope.as_str()) => per = Some(scope),
                _ => {
                    bad = true;
                    errors.spanned(
                        &expr,
                        format!("expected a scope: {}", suggest::one_of(SCOPES)),
                    );
                }
            },
            "limit" => match attr::unsigned::<u64>(&expr) {
                Ok(n) if n.value > 0 => limit = Some(n.value),
                _ => {
                    bad = true;
                    errors.spanned(&expr, "expected a positive number of calls, like `limit = 40`");
                }
            },
            "window" => {
                match attr::string(&expr).and_then(|lit| oapi_codegen::lower::window_ms(&lit.value())) {
                    Some(ms) => window = Some(ms),
                    None => {
                        bad = true;
                        errors.spanned(
                            &expr,
                            "expected a window like `window = \"1s\"` (a positive number with `ms`, `s`, `m`, `h` or `d`)",
                        );
                    }
                }
            }
            _ => {
                bad = true;
                errors.spanned(
                    &inner.path,
                    suggest::unknown_key(&key, "rate_limit(...)", &["per", "limit", "window"]),
                );
            }
        }
        Ok(())
    })?;
    match (per, limit, window) {
        (Some(per), Some(limit), Some(window_ms)) => Ok(Some(RateLimit {
            per,
            limit,
            window_ms,
        })),
        _ => {
            if !bad {
                errors.spanned(
                    &meta.path,
                    "rate_limit(...) needs `per`, `limit` and `window`, like \
                     rate_limit(per = app_endpoint, limit = 40, window = \"1s\")",
                );
            }
            Ok(None)
        }
    }
}

fn method(expr: &Expr, errors: &mut Errors) -> Option<Method> {
    let Some(ident) = attr::bare_ident(expr) else {
        let message = match attr::string(expr) {
            Some(lit) => format!(
                "write the method without quotes: `method = {}`",
                lit.value()
            ),
            None => format!("expected {}", suggest::one_of(METHODS)),
        };
        errors.spanned(expr, message);
        return None;
    };
    let name = ident.to_string();
    match Method::ALL.iter().find(|(text, _)| *text == name) {
        Some((_, method)) => Some(*method),
        None => {
            let hint = suggest::did_you_mean(&name, METHODS);
            errors.at(
                ident.span(),
                format!(
                    "unsupported method `{name}`{hint} (expected {})",
                    suggest::one_of(METHODS)
                ),
            );
            None
        }
    }
}

/// Every `{name}` of the path has a `#[param(path)]` field of that wire
/// name, and every such field has its `{name}`.
fn path_params(path: &LitStr, params: &[Param<'_>], errors: &mut Errors) {
    let value = path.value();
    let placeholders: Vec<&str> = value
        .split('/')
        .filter_map(|segment| segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect();
    for name in &placeholders {
        if !params
            .iter()
            .any(|p| p.kind == ParamKind::Path && p.wire == *name)
        {
            errors.spanned(
                path,
                format!("`{{{name}}}` in the path has no field: add one with #[param(path)] (and #[serde(skip)])"),
            );
        }
    }
    for param in params.iter().filter(|p| p.kind == ParamKind::Path) {
        if !placeholders.contains(&param.wire.as_str()) {
            errors.at(
                param.ident.span(),
                format!(
                    "`{}` is #[param(path)] but the path has no `{{{}}}`",
                    param.ident.unraw(),
                    param.wire
                ),
            );
        }
    }
}

fn path(expr: &Expr, errors: &mut Errors) -> Option<LitStr> {
    let Some(lit) = attr::string(expr) else {
        errors.spanned(
            expr,
            "expected a string, like `path = \"/topapi/blackboard/create\"`",
        );
        return None;
    };
    let value = lit.value();
    if !value.starts_with('/') {
        errors.spanned(
            lit,
            format!("the path must start with `/`: write \"/{value}\""),
        );
        return None;
    }
    Some(lit.clone())
}

fn gateway(expr: Expr, errors: &mut Errors) -> Option<syn::Path> {
    match expr {
        Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => Some(path.path),
        other => {
            errors.spanned(
                &other,
                "expected the path of a `Gateway` constant, like `gateway = OAPI` or `gateway = crate::dingtalk::OAPI`",
            );
            None
        }
    }
}

fn boolean(expr: &Expr, errors: &mut Errors) -> Option<bool> {
    match expr {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Bool(LitBool { value, .. }),
            ..
        }) => Some(*value),
        _ => {
            errors.spanned(expr, "expected `true` or `false`");
            None
        }
    }
}

fn auth_none(expr: &Expr, errors: &mut Errors) -> bool {
    if let Some(ident) = attr::bare_ident(expr) {
        if ident == "none" {
            return true;
        }
        errors.at(
            ident.span(),
            format!(
                "unsupported auth `{ident}`: an endpoint can only opt out of its \
                 gateway's auth, with `auth = none` (e.g. the token endpoint)"
            ),
        );
    } else {
        errors.spanned(expr, "expected `auth = none`");
    }
    false
}

/// The kind from `#[param(query)]`/`#[param(header)]`, if the field has
/// one, and whether it travels as its JSON text (`#[param(query, json)]`).
fn param_kind(field: &Field, errors: &mut Errors) -> Option<(ParamKind, bool)> {
    let mut kind: Option<(ParamKind, Span)> = None;
    let mut json: Option<Span> = None;
    for attr in field
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident("param"))
    {
        let mut in_this_attr = false;
        let result = attr.parse_nested_meta(|meta| {
            in_this_attr = true;
            let key = attr::key_name(&meta.path);
            if key == "json" {
                if attr::has_value(&meta) {
                    errors.spanned(&meta.path, "`json` takes no value: write #[param(query, json)]");
                    attr::skip_value(&meta)?;
                }
                json = Some(meta.path.span());
                return Ok(());
            }
            let this = match key.as_str() {
                "query" => ParamKind::Query,
                "header" => ParamKind::Header,
                "path" => ParamKind::Path,
                _ => {
                    let hint = suggest::did_you_mean(&key, PARAM_KINDS);
                    errors.spanned(
                        &meta.path,
                        format!(
                            "unknown param kind `{key}`{hint} (expected `query`, `header` or `path`; \
                             fields without #[param] go in the JSON body)"
                        ),
                    );
                    return attr::skip_value(&meta);
                }
            };
            if attr::has_value(&meta) {
                errors.spanned(
                    &meta.path,
                    format!("`{key}` takes no value: write #[param({key})]"),
                );
                attr::skip_value(&meta)?;
            }
            match kind {
                Some((previous, _)) => errors.spanned(
                    &meta.path,
                    format!(
                        "a field travels in one place only: this one is already #[param({})]",
                        previous.key()
                    ),
                ),
                None => kind = Some((this, meta.path.span())),
            }
            Ok(())
        });
        if errors.ok(result).is_some() && !in_this_attr {
            errors.spanned(
                attr,
                "expected #[param(query)], #[param(header)] or #[param(path)]",
            );
        }
    }
    if let (None, Some(span)) = (kind, json) {
        errors.at(
            span,
            "`json` says how a parameter travels: name where too, #[param(query, json)]",
        );
    }
    kind.map(|(kind, _)| (kind, json.is_some()))
}
