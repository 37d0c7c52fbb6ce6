//! How generated code is shaped for the crate it lands in: which crate it
//! calls, whether rustdoc examples can name it, which serde directions its
//! types derive, whether groups sit behind cargo features.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

/// The runtime path `oapi-client` and its derives use by default.
pub const DEFAULT_RUNTIME: &str = "::oapi_client";

/// Options of one emission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The crate generated code calls: `::oapi_client`, or `::oapi_runtime`
    /// in a crate that depends on the runtime alone (any path whose root has
    /// the runtime's items and `prelude`).
    pub runtime: String,
    /// How users name the generated platform modules, for the rustdoc
    /// example of each method (`oapi_client`: `oapi_client::dingtalk::…`);
    /// `None`: no examples (the path is not known).
    pub doc_root: Option<String>,
    /// Which serde directions types derive.
    pub serde: SerdeDirections,
    /// Put each group behind the cargo feature `<platform>-<group>`.
    pub group_features: bool,
    /// Emit the groups' and endpoints' files of these `(platform, group)`
    /// pairs only (`None`: all); the others are declared, feature-gated.
    pub enabled_groups: Option<BTreeSet<(String, String)>>,
    /// Emit `for_each_endpoint!`/`for_each_paged_endpoint!` (exported macros).
    pub endpoint_table: bool,
    /// The root file's name, e.g. `generated.rs`.
    pub root_file: String,
}

/// Which serde directions a type derives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SerdeDirections {
    /// Both, always, and `PartialEq`.
    Both,
    /// The one the client needs (requests serialise, responses
    /// deserialise): the least code to compile.
    Needed,
    /// The one needed, and the other with `PartialEq` when the crate's
    /// cargo feature of this name is on (`oapi-client`'s `roundtrip`), for
    /// fixtures and test suites.
    NeededPlusFeature(String),
}

impl Options {
    /// `oapi-client`'s own build: examples, the `roundtrip` feature, group
    /// features, the endpoint table.
    pub fn oapi_client() -> Options {
        Options {
            runtime: DEFAULT_RUNTIME.into(),
            doc_root: Some("oapi_client".into()),
            serde: SerdeDirections::NeededPlusFeature("roundtrip".into()),
            group_features: true,
            enabled_groups: None,
            endpoint_table: true,
            root_file: "generated.rs".into(),
        }
    }

    /// `include_spec!` in any crate: every direction (the crate's features
    /// cannot be named), no examples, no features.
    pub fn inline() -> Options {
        Options {
            runtime: DEFAULT_RUNTIME.into(),
            doc_root: None,
            serde: SerdeDirections::Both,
            group_features: false,
            enabled_groups: None,
            endpoint_table: false,
            root_file: "generated.rs".into(),
        }
    }

    /// The runtime path as tokens (a path the builder checked).
    pub(crate) fn runtime_path(&self) -> TokenStream {
        self.runtime
            .parse()
            .unwrap_or_else(|_| quote!(::oapi_client))
    }

    /// `#[oapi(crate = "…")]` for derived items, where the runtime is not the default.
    pub(crate) fn crate_attr(&self) -> Option<TokenStream> {
        (self.runtime != DEFAULT_RUNTIME).then(|| {
            let path = &self.runtime;
            quote!(#[oapi(crate = #path)])
        })
    }

    /// Whether the files of `platform`'s `group` are emitted.
    pub fn enabled(&self, platform: &str, group: &str) -> bool {
        self.enabled_groups
            .as_ref()
            .is_none_or(|set| set.contains(&(platform.to_owned(), group.to_owned())))
    }
}

/// The cargo feature of a group: `<platform>-<group>` (raw prefixes
/// dropped, `_` kept: `dingtalk-blackboard`, `dingtalk-category_list`).
pub fn group_feature(platform: &str, group: &str) -> String {
    format!(
        "{}-{}",
        platform.trim_start_matches("r#"),
        group.trim_start_matches("r#")
    )
}
