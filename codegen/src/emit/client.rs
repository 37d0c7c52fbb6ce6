//! The client surface: gateway constants, the platform `Client`, and one
//! `Api` per group with a method per endpoint (`client.blackboard().create(&req)`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::doc_attrs;
use super::ident;
use super::options::Options;
use super::spec_items;
use crate::ir::{Endpoint, Group, Platform};

/// Platform-wide items: one `Gateway` const per host, the hidden `__spec`
/// module with tokens, envelopes and signing rules, `PLATFORM`, `Client`.
pub fn platform_items(platform: &Platform, opts: &Options) -> TokenStream {
    let gateways = platform.gateways.iter().map(spec_items::gateway);
    let refs = platform
        .gateways
        .iter()
        .map(|g| format_ident!("{}", g.const_name));
    let spec = spec_items::spec_module(platform);
    let credentials = platform.credentials.iter().map(|c| {
        let (name, secret) = (&c.name, c.secret);
        quote!(__rt::runtime::spec::Credential { name: #name, secret: #secret })
    });
    let tokens = platform.tokens.iter().map(|t| {
        let name = format_ident!("{}", t.const_name);
        quote!(&__spec::#name)
    });
    let limits = spec_items::rate_limits(&platform.rate_limits);
    let name = &platform.module;
    let lenient = platform.lenient;
    let accessors = platform.groups.iter().map(|group| {
        let module = ident(&group.module);
        let doc = super::docs::doc_or(&group.doc, || format!("The `{}` endpoints.", group.module));
        let gate = group_gate(opts, platform, group);
        let disabled = opts
            .group_features
            .then(|| disabled_accessor(platform, group));
        quote! {
            #doc
            #gate
            pub fn #module(&self) -> #module::Api<'_> { #module::Api(&self.0) }
            #disabled
        }
    });
    let feature_traits = opts.group_features.then(|| feature_traits(platform));
    let prelude = prelude(opts);
    let client_doc = doc_attrs(&format!(
        "Client of {}: build it with [`Client::builder`], then call `client.<group>().<endpoint>(&request)`.",
        platform.doc
    ));
    let credential_names: Vec<String> = platform
        .credentials
        .iter()
        .map(|c| format!("`{}`", c.name))
        .collect();
    let builder_doc = doc_attrs(&format!(
        "Starts a client for this platform (credentials {}, hosts, timeouts, retries).",
        credential_names.join(", ")
    ));
    quote! {
        #prelude
        #(#gateways)*
        #spec
        #feature_traits
        /// Platform-wide facts: hosts, credentials, tokens.
        pub const PLATFORM: __rt::Platform = __rt::Platform {
            name: #name, gateways: &[#(&#refs),*], credentials: &[#(#credentials),*],
            tokens: &[#(#tokens),*], rate_limits: #limits, lenient: #lenient,
        };
        #client_doc
        #[derive(Clone, Debug)]
        pub struct Client(pub __rt::Client);
        impl ::core::convert::From<__rt::Client> for Client {
            fn from(inner: __rt::Client) -> Self { Client(inner) }
        }
        impl Client {
            #builder_doc
            pub fn builder() -> __rt::ClientBuilder<Self> { __rt::ClientBuilder::new(&PLATFORM) }
            #(#accessors)*
        }
    }
}

/// A group's `Api` handle; each endpoint module adds its methods to it.
pub fn group_api(group: &Group, opts: &Options) -> TokenStream {
    let prelude = prelude(opts);
    let doc = format!(
        " The `{}` endpoints: `client.{}()`.",
        group.module,
        group.module.trim_start_matches("r#")
    );
    quote! {
        #prelude
        #[doc = #doc]
        #[derive(Clone, Copy, Debug)]
        pub struct Api<'a>(pub &'a __rt::Client);
    }
}

/// `use <runtime>::prelude::*;`: the derives, their traits and `__rt`, the
/// path generated code names the runtime's other items by. Generated
/// modules do not see outer imports: each brings its own.
pub fn prelude(opts: &Options) -> TokenStream {
    let runtime = opts.runtime_path();
    quote!(#[allow(unused_imports)] use #runtime::prelude::*;)
}

/// The accessor of a group whose feature is off: calling it is a compile
/// error naming the feature (a bound no type meets, checked at the call:
/// it has a lifetime, so it is not a trivially false bound).
fn disabled_accessor(platform: &Platform, group: &Group) -> TokenStream {
    let module = ident(&group.module);
    let feature = super::options::group_feature(&platform.module, &group.module);
    let marker = format_ident!(
        "{}",
        heck::ToUpperCamelCase::to_upper_camel_case(group.module.trim_start_matches("r#"))
    );
    quote! {
        #[cfg(not(feature = #feature))]
        #[doc(hidden)]
        pub fn #module<'a>(&'a self) -> ::core::convert::Infallible
        where
            &'a Self: __features::#marker,
        {
            // ok: unreachable, no type implements the bound.
            unreachable!()
        }
    }
}

/// One trait per group behind a feature, never implemented, whose message
/// names the feature (see [`disabled_accessor`]).
fn feature_traits(platform: &Platform) -> TokenStream {
    let traits = platform.groups.iter().map(|group| {
        let feature = super::options::group_feature(&platform.module, &group.module);
        let marker = format_ident!(
            "{}",
            heck::ToUpperCamelCase::to_upper_camel_case(group.module.trim_start_matches("r#"))
        );
        let message = format!(
            "the `{}` group of `{}` is not compiled: enable the cargo feature `{feature}`",
            group.module.trim_start_matches("r#"),
            platform.module
        );
        let label = format!("needs the `{feature}` feature");
        quote! {
            #[cfg(not(feature = #feature))]
            #[diagnostic::on_unimplemented(message = #message, label = #label)]
            pub trait #marker {}
        }
    });
    quote! {
        /// Markers of the groups whose feature is off.
        #[doc(hidden)]
        pub mod __features { #(#traits)* }
    }
}

/// `#[cfg(feature = "<platform>-<group>")]` where groups are features.
pub fn group_gate(opts: &Options, platform: &Platform, group: &Group) -> Option<TokenStream> {
    opts.group_features.then(|| {
        let feature = super::options::group_feature(&platform.module, &group.module);
        quote!(#[cfg(feature = #feature)])
    })
}

/// The endpoint's methods on its group's `Api`, emitted in the endpoint's own
/// module so that one endpoint's code lives (and changes) in one file.
pub fn endpoint_methods(endpoint: &Endpoint, example: Option<&str>) -> TokenStream {
    let name = ident(&endpoint.module);
    let doc = match example {
        Some(example) => doc_attrs(&format!("{}\n\n{example}", method_doc(endpoint))),
        None => doc_attrs(&method_doc(endpoint)),
    };
    let streams = endpoint.request.paged.then(|| {
        let bare = endpoint.module.trim_start_matches("r#");
        let (pages, items) = (format_ident!("{bare}_pages"), format_ident!("{bare}_items"));
        let pages_doc = format!(
            " Every page of [`Self::{bare}`], following the cursor from `request` to the end."
        );
        let items_doc = format!(
            " Every item of [`Self::{bare}`], page after page; one page in memory at a time."
        );
        quote! {
            #[doc = #pages_doc]
            #[inline]
            pub fn #pages(&self, request: Request) -> PageStream<'a, Request> {
                self.0.pages(request)
            }
            #[doc = #items_doc]
            #[inline]
            pub fn #items(&self, request: Request) -> ItemStream<'a, Request> {
                self.0.items(request)
            }
        }
    });
    // `#[inline]`: the call path (serde, validation, the runtime's generic
    // steps) is then compiled in the crate that calls the method, for the
    // endpoints it calls, not for every endpoint in oapi-client (BENCHMARKS.md §2).
    // Not an `async fn`: it returns the runtime's future as it is, so no
    // state machine per endpoint is type-checked, borrow-checked and lowered
    // here. `use<'a, 'r>`: the future borrows the client and the request, not
    // the `Api` value, so `client.hrm().x(&request)` can be stored, collected
    // and joined; the same in editions 2021 and 2024.
    quote! {
        impl<'a> super::Api<'a> {
            #doc
            #[inline]
            pub fn #name<'r>(&self, request: &'r Request) -> impl ::core::future::Future<Output = ApiResult<Response>> + use<'a, 'r> {
                self.0.call(request)
            }
            #streams
        }
    }
}

/// Summary, HTTP line, retry rule and doc link of an endpoint method.
pub fn method_doc(endpoint: &Endpoint) -> String {
    let method = endpoint.method.as_str();
    let retry = if endpoint.idempotent {
        "idempotent: retried on throttling, 5xx and transport errors"
    } else {
        "not idempotent: retried only when it cannot have reached the platform"
    };
    let mut doc = format!(
        "{}\n\n`{method} {}{}` ({retry}).",
        endpoint.doc, endpoint.base_url, endpoint.path
    );
    if !endpoint.rate_limits.is_empty() {
        let limits: Vec<String> = endpoint
            .rate_limits
            .iter()
            .map(|l| {
                let scope = match l.per.as_str() {
                    "app" => "app",
                    "app_gateway" => "app and gateway",
                    _ => "app and endpoint",
                };
                format!("{} per {} ms per {scope}", l.limit, l.window_ms)
            })
            .collect();
        doc.push_str(&format!(
            " Rate limits, kept before sending: {}.",
            limits.join(", ")
        ));
    }
    if let Some(description) = &endpoint.description {
        doc.push_str(&format!("\n\n{description}"));
    }
    if let Some(see) = &endpoint.see {
        doc.push_str(&format!("\n\nDocumentation: <{see}>"));
    }
    doc
}
