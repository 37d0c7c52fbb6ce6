//! Stage 4: IR → token streams (`quote`), arranged as a module tree that is
//! either nested inline (for `include_spec!`) or split into one file per
//! endpoint (for `build.rs`), so that editing one endpoint leaves every other
//! generated file byte-identical.

mod client;
mod docs;
mod example;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Api, Endpoint, Platform};

pub use client::method_doc;
pub use docs::describe_limits;

/// A generated module: its own items and its child modules.
#[derive(Debug, Clone)]
pub struct Module {
    /// Module name (a Rust identifier, possibly raw).
    pub name: String,
    /// Doc text shown on the `mod` item.
    pub doc: String,
    /// Items of the module itself.
    pub items: TokenStream,
    /// Child modules.
    pub children: Vec<Module>,
}

/// An identifier, raw (`r#type`) where the name needs it.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// The module tree of one platform. `examples`: put a usage example in each
/// endpoint method's rustdoc (they name `oapi_client::<platform>`, so only
/// for the `oapi-client` crate itself, not for `include_spec!` in other crates).
pub fn platform_module(platform: &Platform, examples: bool) -> Module {
    let groups = platform
        .groups
        .iter()
        .map(|group| Module {
            name: group.module.clone(),
            doc: group.doc.clone(),
            items: client::group_api(group),
            children: group
                .endpoints
                .iter()
                .map(|e| endpoint_module(examples.then_some((&platform.module, &group.module)), e))
                .collect(),
        })
        .collect();
    Module {
        name: platform.module.clone(),
        doc: platform.doc.clone(),
        items: client::platform_items(platform),
        children: groups,
    }
}

fn endpoint_module(example_path: Option<(&str, &str)>, endpoint: &Endpoint) -> Module {
    // Examples are only emitted for the `oapi-client` crate itself, which is
    // also the only crate whose `roundtrip` feature generated code may name.
    let serde = match example_path {
        Some(_) => types::SerdeDirections::NeededPlusRoundtripFeature,
        None => types::SerdeDirections::Both,
    };
    let request = types::request(endpoint, serde);
    let response = types::structure(&endpoint.response, TokenStream::new(), serde);
    let nested = endpoint.types.iter().map(|t| types::type_def(t, serde));
    let example =
        example_path.map(|(platform, group)| example::method_example(platform, group, endpoint));
    let methods = client::endpoint_methods(endpoint, example.as_deref());
    Module {
        name: endpoint.module.clone(),
        // Not the endpoint's own doc text: this line sits in the group's
        // file, which must not change when one endpoint's doc is edited.
        doc: format!(
            "Types of [`Api::{}`].",
            endpoint.module.trim_start_matches("r#")
        ),
        // Generated modules do not see outer imports: each brings its own.
        items: quote! { use ::oapi_client::prelude::*; #methods #request #response #(#nested)* },
        children: Vec::new(),
    }
}

/// The whole tree nested in one token stream.
pub fn inline(module: &Module) -> TokenStream {
    let name = ident(&module.name);
    let doc = docs::doc_attrs(&module.doc);
    let items = &module.items;
    let children = module.children.iter().map(inline);
    quote! { #doc pub mod #name { #items #(#children)* } }
}

/// One generated source file: path relative to the output directory, tokens.
#[derive(Debug, Clone)]
pub struct FileTokens {
    /// e.g. `dingtalk/blackboard/create.rs`.
    pub path: String,
    /// The file's items.
    pub tokens: TokenStream,
}

/// The tree split into one file per module, children pulled in with
/// `include!` from `OUT_DIR`; `root` declares the platform modules.
pub fn files(api: &Api) -> Vec<FileTokens> {
    let mut out = Vec::new();
    let mut root = TokenStream::new();
    for platform in &api.platforms {
        let module = platform_module(platform, true);
        root.extend(declare(&module, ""));
        split(&module, "", &mut out);
    }
    root.extend(endpoint_table(api));
    out.push(FileTokens {
        path: "generated.rs".into(),
        tokens: root,
    });
    out
}

fn module_path(parent: &str, name: &str) -> String {
    let name = name.trim_start_matches("r#");
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}/{name}")
    }
}

fn declare(module: &Module, parent: &str) -> TokenStream {
    let name = ident(&module.name);
    let doc = docs::doc_attrs(&module.doc);
    let file = format!("/{}.rs", module_path(parent, &module.name));
    // Doc text is the platform's prose (bare URLs, `[1~50]`, `<br>`), not rustdoc markup.
    let lints = parent.is_empty().then(|| {
        quote!(#[allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)])
    });
    quote! { #doc #lints pub mod #name { include!(concat!(env!("OUT_DIR"), #file)); } }
}

fn split(module: &Module, parent: &str, out: &mut Vec<FileTokens>) {
    let here = module_path(parent, &module.name);
    let mut tokens = module.items.clone();
    for child in &module.children {
        tokens.extend(declare(child, &here));
        split(child, &here, out);
    }
    out.push(FileTokens {
        path: format!("{here}.rs"),
        tokens,
    });
}

/// `for_each_endpoint!(callback)`: calls `callback! { (platform, group, endpoint, "op.name") … }`
/// so tests and tools can visit every generated endpoint type.
fn endpoint_table(api: &Api) -> TokenStream {
    let rows = api.platforms.iter().flat_map(|p| {
        let platform = ident(&p.module);
        p.groups.iter().flat_map(move |g| {
            let platform = platform.clone();
            let group = ident(&g.module);
            g.endpoints.iter().map(move |e| {
                let endpoint = ident(&e.module);
                let name = format!("{}.{}", p.module, e.op_name);
                quote!((#platform, #group, #endpoint, #name))
            })
        })
    });
    quote! {
        /// Calls `$callback! { (platform, group, endpoint, "platform.group.endpoint") … }`
        /// with every generated endpoint, for tests and tools that visit them all.
        #[macro_export]
        macro_rules! for_each_endpoint {
            ($callback:ident) => { $callback! { #(#rows)* } };
        }
    }
}
