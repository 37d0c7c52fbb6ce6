//! Stage 4: IR → token streams (`quote`), arranged as a module tree that is
//! either nested inline (for `include_spec!`) or split into one file per
//! endpoint (for `build.rs`), so that editing one endpoint leaves every other
//! generated file byte-identical.

mod client;
mod docs;
mod example;
mod options;
mod spec_items;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Api, Endpoint, Group, Platform};

pub use client::method_doc;
pub use docs::describe_limits;
pub use options::{DEFAULT_RUNTIME, Options, SerdeDirections, group_feature};

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

/// The module tree of one platform, nested (for `include_spec!`).
pub fn platform_module(platform: &Platform, opts: &Options) -> Module {
    let groups = platform
        .groups
        .iter()
        .map(|group| Module {
            name: group.module.clone(),
            doc: group.doc.clone(),
            items: client::group_api(group, opts),
            children: group
                .endpoints
                .iter()
                .map(|e| Module {
                    name: e.module.clone(),
                    doc: endpoint_module_doc(e),
                    items: endpoint_items(opts, platform, group, e),
                    children: Vec::new(),
                })
                .collect(),
        })
        .collect();
    Module {
        name: platform.module.clone(),
        doc: platform.doc.clone(),
        items: client::platform_items(platform, opts),
        children: groups,
    }
}

/// The doc of an endpoint's module: not the endpoint's own doc text, since
/// this line sits in the group's file, which must not change when one
/// endpoint's doc is edited.
fn endpoint_module_doc(endpoint: &Endpoint) -> String {
    format!(
        "Types of [`Api::{}`].",
        endpoint.module.trim_start_matches("r#")
    )
}

fn endpoint_items(
    opts: &Options,
    platform: &Platform,
    group: &Group,
    endpoint: &Endpoint,
) -> TokenStream {
    let request = types::request(endpoint, opts);
    let response = types::structure(&endpoint.response, TokenStream::new(), opts);
    let nested = endpoint.types.iter().map(|t| types::type_def(t, opts));
    let example = opts.doc_root.as_deref().map(|root| {
        example::method_example(
            root,
            &opts.runtime,
            &platform.module,
            &group.module,
            endpoint,
        )
    });
    let methods = client::endpoint_methods(endpoint, example.as_deref());
    let prelude = client::prelude(opts);
    quote! { #prelude #methods #request #response #(#nested)* }
}

/// The whole tree nested in one token stream.
pub fn inline(module: &Module) -> TokenStream {
    let name = ident(&module.name);
    let doc = docs::doc_or(&module.doc, || format!("`{}`.", module.name));
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

/// One file of the split layout, not emitted yet. Each is emitted from the
/// IR alone, so files can be emitted and formatted on several threads
/// (token streams cannot cross threads; the IR can).
#[derive(Debug, Clone, Copy)]
pub enum FileJob<'a> {
    /// `generated.rs`: declares the platform modules, `for_each_endpoint!`.
    Root(&'a Api),
    /// `<platform>.rs`: gateways, the client type; declares the groups.
    Platform(&'a Platform),
    /// `<platform>/<group>.rs`: the group's `Api`; declares its endpoints.
    Group(&'a Platform, &'a Group),
    /// `<platform>/<group>/<endpoint>.rs`: methods and types of one endpoint.
    Endpoint(&'a Platform, &'a Group, &'a Endpoint),
}

/// Every file of the split layout: one per endpoint, group and platform,
/// children pulled in with `include!` from `OUT_DIR`, plus the root file;
/// the groups `opts` leaves out have no files (their declarations are
/// feature-gated).
pub fn file_jobs<'a>(api: &'a Api, opts: &Options) -> Vec<FileJob<'a>> {
    let mut jobs = vec![FileJob::Root(api)];
    for platform in &api.platforms {
        jobs.push(FileJob::Platform(platform));
        for group in &platform.groups {
            if !opts.enabled(&platform.module, &group.module) {
                continue;
            }
            jobs.push(FileJob::Group(platform, group));
            jobs.extend(
                group
                    .endpoints
                    .iter()
                    .map(|e| FileJob::Endpoint(platform, group, e)),
            );
        }
    }
    jobs
}

impl FileJob<'_> {
    /// Path relative to the output directory.
    pub fn path(&self, opts: &Options) -> String {
        match self {
            FileJob::Root(_) => opts.root_file.clone(),
            FileJob::Platform(p) => format!("{}.rs", module_path(&[&p.module])),
            FileJob::Group(p, g) => format!("{}.rs", module_path(&[&p.module, &g.module])),
            FileJob::Endpoint(p, g, e) => {
                format!("{}.rs", module_path(&[&p.module, &g.module, &e.module]))
            }
        }
    }

    /// The file's tokens.
    pub fn emit(&self, opts: &Options) -> FileTokens {
        let tokens = match *self {
            FileJob::Root(api) => {
                let mut tokens: TokenStream = api
                    .platforms
                    .iter()
                    .map(|p| declare(&p.module, &p.doc, &[], None))
                    .collect();
                if opts.endpoint_table {
                    tokens.extend(endpoint_table(api, opts));
                }
                tokens
            }
            FileJob::Platform(p) => {
                let mut tokens = client::platform_items(p, opts);
                tokens.extend(p.groups.iter().map(|g| {
                    declare(
                        &g.module,
                        &g.doc,
                        &[&p.module],
                        client::group_gate(opts, p, g),
                    )
                }));
                tokens
            }
            FileJob::Group(p, g) => {
                let mut tokens = client::group_api(g, opts);
                tokens.extend(g.endpoints.iter().map(|e| {
                    declare(
                        &e.module,
                        &endpoint_module_doc(e),
                        &[&p.module, &g.module],
                        None,
                    )
                }));
                tokens
            }
            FileJob::Endpoint(p, g, e) => endpoint_items(opts, p, g, e),
        };
        FileTokens {
            path: self.path(opts),
            tokens,
        }
    }
}

/// Every file of the split layout, emitted in order (see [`file_jobs`]).
pub fn files(api: &Api, opts: &Options) -> Vec<FileTokens> {
    file_jobs(api, opts)
        .iter()
        .map(|job| job.emit(opts))
        .collect()
}

/// `a/b/c` from module names (raw prefixes dropped).
fn module_path(names: &[&str]) -> String {
    names
        .iter()
        .map(|name| name.trim_start_matches("r#"))
        .collect::<Vec<_>>()
        .join("/")
}

/// `pub mod name { include!(…/parents/name.rs) }`, behind `gate` if any.
fn declare(name: &str, doc: &str, parents: &[&str], gate: Option<TokenStream>) -> TokenStream {
    let doc = docs::doc_attrs(doc);
    let mut path: Vec<&str> = parents.to_vec();
    path.push(name);
    let file = format!("/{}.rs", module_path(&path));
    // Doc text is the platform's prose (bare URLs, `[1~50]`, `<br>`), not rustdoc markup.
    let lints = parents.is_empty().then(|| {
        quote!(#[allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)])
    });
    let name = ident(name);
    quote! { #doc #lints #gate pub mod #name { include!(concat!(env!("OUT_DIR"), #file)); } }
}

/// `for_each_endpoint!(callback)`: calls `callback! { (platform, group, endpoint, "op.name") … }`
/// so tests and tools can visit every generated endpoint type.
fn endpoint_table(api: &Api, opts: &Options) -> TokenStream {
    let rows = |paged_only: bool| {
        let rows = api.platforms.iter().flat_map(move |p| {
            let platform = ident(&p.module);
            let enabled = p
                .groups
                .iter()
                .filter(move |g| opts.enabled(&p.module, &g.module));
            enabled.flat_map(move |g| {
                let platform = platform.clone();
                let group = ident(&g.module);
                g.endpoints
                    .iter()
                    .filter(move |e| !paged_only || e.request.paged)
                    .map(move |e| {
                        let endpoint = ident(&e.module);
                        let name = format!("{}.{}", p.module, e.op_name);
                        quote!((#platform, #group, #endpoint, #name))
                    })
            })
        });
        rows.collect::<Vec<_>>()
    };
    let (all, paged) = (rows(false), rows(true));
    quote! {
        /// Calls `$callback! { (platform, group, endpoint, "platform.group.endpoint") … }`
        /// with every generated endpoint, for tests and tools that visit them all.
        #[macro_export]
        macro_rules! for_each_endpoint {
            ($callback:ident) => { $callback! { #(#all)* } };
        }
        /// [`for_each_endpoint!`] for the endpoints that page (their
        /// requests implement `Paged`).
        #[macro_export]
        macro_rules! for_each_paged_endpoint {
            ($callback:ident) => { $callback! { #(#paged)* } };
        }
    }
}
