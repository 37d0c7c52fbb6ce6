//! Request, response and nested types: declarative structs whose behaviour
//! comes from the `oapi-macros` derives.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};

use super::docs::{doc_attrs, doc_or, field_doc};
use super::ident;
use super::options::{Options, SerdeDirections};
use crate::ir::{
    Bound, Encoding, Endpoint, Enum, Field, Format, Paging, Place, Side, Struct, Ty, TypeDef,
};

/// The Rust type of a field, `Option` added for optional and response fields.
pub fn field_type(field: &Field) -> TokenStream {
    let ty = rust_type(&field.ty);
    if field.required {
        ty
    } else {
        quote!(Option<#ty>)
    }
}

fn rust_type(ty: &Ty) -> TokenStream {
    match ty {
        Ty::String => quote!(String),
        Ty::Integer => quote!(i64),
        Ty::Int32 => quote!(i32),
        Ty::Number => quote!(f64),
        Ty::Boolean => quote!(bool),
        // Through the runtime: the crate of generated code may not depend on it.
        Ty::Json => quote!(__rt::serde_json::Value),
        Ty::Secret(inner) => {
            let inner = rust_type(inner);
            quote!(Secret<#inner>)
        }
        Ty::Named { name, .. } => {
            let name = format_ident!("{}", name);
            quote!(#name)
        }
        Ty::List(inner) => {
            let inner = rust_type(inner);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = rust_type(inner);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
    }
}

/// The endpoint's request struct, bound to its method, path and gateway.
pub fn request(endpoint: &Endpoint, opts: &Options) -> TokenStream {
    let method = format_ident!("{}", endpoint.method.as_str());
    let path = &endpoint.path;
    let gateway = format_ident!("{}", endpoint.gateway);
    let name = &endpoint.op_name;
    let idempotent = endpoint.idempotent;
    let auth = endpoint.auth_none.then(|| quote!(auth = none));
    let windows = endpoint.windows.iter().map(|w| {
        let (start, end, days) = (
            ident(&w.start),
            ident(&w.end),
            Literal::u32_unsuffixed(w.max_days),
        );
        let when = w.when.as_ref().map(|(field, count)| {
            let (field, count) = (ident(field), Literal::u64_unsuffixed(*count));
            quote!(, when(field = #field, min_items = #count))
        });
        quote!(#[validate(window(start = #start, end = #end, max_days = #days #when))])
    });
    let paging = endpoint.paging.as_ref().and_then(paging_attr);
    let mut keys = vec![
        quote!(method = #method),
        quote!(path = #path),
        quote!(gateway = super::super::#gateway),
        quote!(response = Response),
        quote!(name = #name),
        quote!(idempotent = #idempotent),
    ];
    keys.extend(auth);
    keys.extend(endpoint.rate_limits.iter().map(|limit| {
        let per = format_ident!("{}", limit.per);
        let count = Literal::u64_unsuffixed(limit.limit);
        let window = window_text(limit.window_ms);
        quote!(rate_limit(per = #per, limit = #count, window = #window))
    }));
    let endpoint_attrs = packed("endpoint", keys);
    let binding = quote! {
        #endpoint_attrs
        #(#windows)*
        #paging
    };
    structure(&endpoint.request, binding, opts)
}

/// A window in milliseconds as the spec writes it: `1s`, `1m`, `1h`, `1d`, `500ms`.
fn window_text(ms: u64) -> String {
    match ms {
        0 => "0ms".to_owned(),
        ms if ms % 86_400_000 == 0 => format!("{}d", ms / 86_400_000),
        ms if ms % 3_600_000 == 0 => format!("{}h", ms / 3_600_000),
        ms if ms % 60_000 == 0 => format!("{}m", ms / 60_000),
        ms if ms % 1_000 == 0 => format!("{}s", ms / 1_000),
        ms => format!("{ms}ms"),
    }
}

/// `#[paging(...)]` with Rust field paths, for `#[derive(Paged)]`.
fn paging_attr(paging: &Paging) -> Option<TokenStream> {
    let rust = paging.rust.as_ref()?;
    let item = rust_type(rust.item.as_ref()?);
    let style = format_ident!("{}", paging.style);
    let path = |idents: &[String]| {
        let idents = idents.iter().map(|i| ident(i));
        quote!(#(#idents).*)
    };
    let mut keys = vec![quote!(style = #style)];
    let page_style = paging.style == "page";
    for (key, idents) in [
        (if page_style { "page" } else { "cursor" }, &rust.cursor),
        ("size", &rust.size),
        ("next", &rust.next),
        ("has_more", &rust.has_more),
        ("items", &rust.items),
        ("item_id", &rust.item_id),
        ("pages", &rust.pages),
        ("total", &rust.total),
    ] {
        if !idents.is_empty() {
            let key = format_ident!("{}", key);
            let value = path(idents);
            keys.push(quote!(#key = #value));
        }
    }
    keys.push(quote!(item = #item));
    Some(packed("paging", keys))
}

/// `#[name(k1, k2)] #[name(k3)]…`: arguments packed into attributes short
/// enough for one line each (the derives merge repeated attributes), so the
/// formatted code stays compact and readable.
pub fn packed(name: &str, keys: Vec<TokenStream>) -> TokenStream {
    const WIDTH: usize = 88;
    let name = format_ident!("{}", name);
    let mut groups: Vec<Vec<TokenStream>> = Vec::new();
    let mut width = WIDTH;
    for key in keys {
        let len = key
            .to_string()
            .replace(" . ", ".")
            .replace(" :: ", "::")
            .len()
            + 2;
        if width + len > WIDTH {
            groups.push(Vec::new());
            width = name.to_string().len() + 5;
        }
        width += len;
        if let Some(group) = groups.last_mut() {
            group.push(key);
        }
    }
    quote! { #(#[#name(#(#groups),*)])* }
}

/// Any struct: request-side ones validate and build, response-side ones
/// accept whatever the platform omits or nulls.
pub fn structure(def: &Struct, binding: TokenStream, opts: &Options) -> TokenStream {
    let doc = doc_or(&def.doc, || format!("`{}`.", def.name));
    let name = format_ident!("{}", def.name);
    // One `rename_all` instead of a rename per field, where every field agrees.
    let camel = def.fields.iter().any(needs_rename)
        && def.fields.iter().all(|f| serde_camel(&f.ident) == f.wire);
    let fields = def.fields.iter().map(|f| field(f, def.side, camel));
    let rename_all = camel.then(|| quote!(#[serde(rename_all = "camelCase")]));
    // Responses decode with the lean `Decode` (a `Deserialize` that starts
    // from `Default`), requests encode with the lean `Encode` (a `Serialize`
    // of one call per field): a fraction of serde_derive's code to compile.
    let (needed, other) = match def.side {
        Side::Request => ("Encode", "Deserialize"),
        Side::Response => ("Decode", "Serialize"),
    };
    let mut derives = ["Debug", "Clone", needed].to_vec();
    // `PartialEq` on structs is ~9 % of rustc's memory for a large spec
    // (BENCHMARKS.md §2.9): in `oapi-client` it comes with the test-suite
    // feature, whose round trips are what compare whole values.
    let roundtrip = match &opts.serde {
        SerdeDirections::Both => {
            derives.extend(["PartialEq", other]);
            None
        }
        SerdeDirections::Needed => None,
        SerdeDirections::NeededPlusFeature(feature) => {
            let other = format_ident!("{}", other);
            Some(quote!(#[cfg_attr(feature = #feature, derive(#other, PartialEq))]))
        }
    };
    let krate = opts.crate_attr();
    derives.extend(match (def.side, binding.is_empty()) {
        (Side::Request, false) if def.paged => {
            ["Validate", "Builder", "Endpoint", "Paged"].as_slice()
        }
        (Side::Request, false) => &["Validate", "Builder", "Endpoint"],
        (Side::Request, true) => &["Validate", "Builder"],
        (Side::Response, _) => &["Default"],
    });
    let derives = packed(
        "derive",
        derives
            .into_iter()
            .map(|d| format_ident!("{}", d).into_token_stream())
            .collect(),
    );
    quote! {
        #doc
        #derives
        #krate
        #roundtrip
        #rename_all
        #binding
        pub struct #name { #(#fields)* }
    }
}

/// Whether the wire name differs from the Rust name.
fn needs_rename(field: &Field) -> bool {
    field.ident.trim_start_matches("r#") != field.wire
}

/// What serde's `rename_all = "camelCase"` makes of a Rust field name.
fn serde_camel(ident: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for ch in ident.trim_start_matches("r#").chars() {
        if ch == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.push(ch.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

fn field(field: &Field, side: Side, camel: bool) -> TokenStream {
    let doc = doc_attrs(&field_doc(field));
    let ident = ident(&field.ident);
    let ty = field_type(field);
    let mut serde = Vec::new();
    if needs_rename(field) && !camel {
        let wire = &field.wire;
        serde.push(quote!(rename = #wire));
    }
    if field.place != Place::Body {
        serde.push(quote!(skip_serializing));
    }
    let with = match field.encoding {
        Encoding::Plain => None,
        Encoding::Comma => Some("comma"),
        Encoding::Json => Some("json_string"),
    };
    if let Some(module) = with {
        let optional = if side == Side::Response || !field.required {
            "::option"
        } else {
            ""
        };
        // `__rt`: the runtime, in scope through the prelude whichever crate this lands in.
        let with = format!("__rt::runtime::{module}{optional}");
        serde.push(quote!(with = #with));
    }
    if side == Side::Request && !field.required {
        serde.push(quote!(skip_serializing_if = "Option::is_none"));
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    let json = (field.encoding == Encoding::Json).then(|| quote!(, json));
    let param = match field.place {
        Place::Body => None,
        Place::Query => Some(quote!(#[param(query #json)])),
        Place::Header => Some(quote!(#[param(header #json)])),
        Place::Path => Some(quote!(#[param(path #json)])),
    };
    let decode = match (side, field.lenient) {
        (Side::Response, Some(lenient)) => Some(quote!(#[decode(lenient = #lenient)])),
        _ => None,
    };
    let validate = (side == Side::Request)
        .then(|| validate_attr(field))
        .flatten();
    quote! { #doc #serde #param #decode #validate pub #ident: #ty, }
}

fn validate_attr(field: &Field) -> Option<TokenStream> {
    let limits = &field.limits;
    let mut rules = Vec::new();
    if field.ty.is_validated() {
        rules.push(quote!(nested));
    }
    let float = matches!(field.ty, Ty::Number);
    match &field.format {
        Some(Format::DateTime(pattern)) => rules.push(quote!(date_time = #pattern)),
        Some(Format::Date(pattern)) => rules.push(quote!(date = #pattern)),
        Some(Format::Rfc3339) => rules.push(quote!(rfc3339)),
        Some(Format::UnixMs) => rules.push(quote!(unix_ms)),
        Some(Format::UnixS) => rules.push(quote!(unix_s)),
        None => {}
    }
    if let Some(pattern) = &field.pattern {
        rules.push(quote!(pattern = #pattern));
    }
    for (key, value) in [("min", &limits.min), ("max", &limits.max)] {
        if let Some(value) = value {
            let key = format_ident!("{}", key);
            let literal = bound_literal(value, float);
            rules.push(quote!(#key = #literal));
        }
    }
    // `max_bytes` counts the UTF-8 bytes of text, and of the compact JSON
    // of anything else (objects, maps, lists, json values).
    let text = match &field.ty {
        Ty::String => true,
        Ty::Secret(inner) => **inner == Ty::String,
        _ => false,
    };
    let bytes = if text { "max_bytes" } else { "max_json_bytes" };
    for (key, value) in [
        ("min_items", limits.min_items),
        ("max_items", limits.max_items),
        ("min_length", limits.min_length),
        ("max_length", limits.max_length),
        (bytes, limits.max_bytes),
    ] {
        if let Some(value) = value {
            let key = format_ident!("{}", key);
            let literal = Literal::u64_unsuffixed(value);
            rules.push(quote!(#key = #literal));
        }
    }
    (!rules.is_empty()).then(|| quote!(#[validate(#(#rules),*)]))
}

fn bound_literal(bound: &Bound, float: bool) -> Literal {
    match bound {
        Bound::Int(n) if float => Literal::f64_unsuffixed(*n as f64),
        Bound::Int(n) => Literal::i64_unsuffixed(*n),
        Bound::Float(f) => Literal::f64_unsuffixed(*f),
    }
}

/// A nested type of an endpoint.
pub fn type_def(def: &TypeDef, opts: &Options) -> TokenStream {
    match def {
        TypeDef::Struct(def) => structure(def, TokenStream::new(), opts),
        TypeDef::Enum(def) => open_enum(def, opts),
    }
}

fn open_enum(def: &Enum, opts: &Options) -> TokenStream {
    let krate = opts.crate_attr();
    let doc = doc_or(&def.doc, || format!("`{}`.", def.name));
    let name = format_ident!("{}", def.name);
    let variants = def.variants.iter().map(|v| {
        let doc = doc_or(&v.doc, || format!("`{}`.", v.value));
        let ident = format_ident!("{}", v.ident);
        let value = match &v.value {
            serde_json::Value::String(text) => Literal::string(text),
            other => Literal::i64_unsuffixed(other.as_i64().unwrap_or_default()),
        };
        quote! { #doc #[value(#value)] #ident, }
    });
    let other = if def.integer {
        quote!(i64)
    } else {
        quote!(String)
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, OpenEnum)]
        #krate
        pub enum #name {
            #(#variants)*
            /// A value the documentation does not list, kept as received.
            Other(#other),
        }
    }
}
