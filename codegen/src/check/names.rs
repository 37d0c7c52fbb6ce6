//! Names that would collide with items the generator writes beside them:
//! a spec that passes must never fail to compile for a name.

use super::{Checker, join, key};
use std::collections::HashMap;

use crate::load::{At, Seg};
use crate::names::{const_ident, snake_ident};
use crate::raw::{Entries, RawEndpoint};

/// Type names every endpoint module defines or uses itself (its two types,
/// the prelude it imports and the std prelude names its fields are written with).
pub const RESERVED_TYPES: &[&str] = &[
    "Request",
    "Response",
    "Option",
    "String",
    "Vec",
    "Secret",
    "Serialize",
    "Deserialize",
    "Validate",
    "Builder",
    "Endpoint",
    "Encode",
    "Decode",
    "OpenEnum",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "Paged",
    "ApiResult",
    "PageStream",
    "ItemStream",
];

/// Module names a platform may not take: `oapi_client`'s own modules and
/// the crates generated code names.
pub const RESERVED_PLATFORMS: &[&str] = &[
    "prelude",
    "runtime",
    "fake",
    "core",
    "std",
    "alloc",
    "serde",
    "serde_json",
    "oapi_client",
    "oapi_runtime",
    "oapi_macros",
];

/// Group names the platform's `Client` already uses as methods.
const RESERVED_GROUPS: &[&str] = &["builder", "from", "into", "clone", "fmt"];

/// Gateway constant names the platform module already defines.
const RESERVED_GATEWAYS: &[&str] = &["PLATFORM"];

impl Checker<'_> {
    pub(super) fn platform_name(&mut self, name: &str) {
        let path = [key("platform")];
        if name.is_empty() {
            return;
        }
        if snake_ident(name) != name {
            let fixed = snake_ident(name);
            self.error(
                &path,
                At::Value,
                format!("platform name `{name}` is not a snake_case identifier"),
                Some(if fixed.is_empty() {
                    "name it with ASCII letters, digits and `_`".into()
                } else {
                    format!("write `{}`", fixed.trim_start_matches("r#"))
                }),
            );
        } else if RESERVED_PLATFORMS.contains(&name) || name.starts_with("__") {
            self.error(
                &path,
                At::Value,
                format!("platform name `{name}` is taken by the generated crate"),
                Some(format!("reserved: {}", RESERVED_PLATFORMS.join(", "))),
            );
        }
        self.module_name(&path, name, "platform");
    }

    pub(super) fn group_name(&mut self, path: &[Seg], name: &str) {
        let rust = snake_ident(name);
        let bare = rust.trim_start_matches("r#");
        if RESERVED_GROUPS.contains(&bare) || bare.starts_with("__") {
            self.error(
                path,
                At::Key,
                format!("group `{name}` would be `client.{bare}()`, which the client already has"),
                Some("rename the group (the name is the Rust accessor, not sent anywhere)".into()),
            );
        }
    }

    pub(super) fn gateway_name(&mut self, path: &[Seg], name: &str) {
        if !self.module_name(path, name, "gateway") {
            return;
        }
        let constant = const_ident(name);
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            self.error(
                path,
                At::Key,
                format!("gateway name `{name}` must start with an ASCII letter: it becomes the constant `{constant}`"),
                Some("rename the gateway, e.g. `open`, `api`".into()),
            );
        } else if RESERVED_GATEWAYS.contains(&constant.as_str()) || constant.starts_with('_') {
            self.error(
                path,
                At::Key,
                format!("gateway `{name}` would be the constant `{constant}`, which the platform module already defines"),
                Some("rename the gateway".into()),
            );
        }
    }

    /// A paged endpoint `x` also has `x_pages` and `x_items` methods: no
    /// other endpoint of its group may be named so.
    pub(super) fn stream_names(&mut self, path: &[Seg], endpoints: &[(&str, &RawEndpoint)]) {
        let methods: Vec<(String, &str)> = endpoints
            .iter()
            .map(|(name, _)| (snake_ident(name).trim_start_matches("r#").to_owned(), *name))
            .collect();
        for (name, endpoint) in endpoints {
            if endpoint.paging.is_none() {
                continue;
            }
            let bare = snake_ident(name).trim_start_matches("r#").to_owned();
            for suffix in ["_pages", "_items"] {
                let stream = format!("{bare}{suffix}");
                if let Some((_, other)) = methods.iter().find(|(method, _)| *method == stream) {
                    let first = self.first_at(&join(path, key(name)));
                    self.error(
                        &join(path, key(other)),
                        At::Key,
                        format!("endpoint `{other}` has the name of the `{stream}` stream of the paged endpoint `{name}`"),
                        Some(format!("{first}; rename one of them")),
                    );
                }
            }
        }
    }
}

impl Checker<'_> {
    /// Tokens, envelopes and signing rules become constants
    /// (`TOKEN_<NAME>`, …) of the platform's hidden `__spec` module: each
    /// name needs an ASCII letter or digit, and no two may make one constant.
    pub(super) fn constant_names<T>(
        &mut self,
        section: &str,
        entries: &Entries<T>,
        what: &str,
        constant_of: fn(&str) -> String,
    ) {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for (name, _) in &entries.0 {
            let path = [key(section), key(name)];
            if !crate::names::has_ident(name) {
                self.error(
                    &path,
                    At::Key,
                    format!(
                        "{what} name `{name}` has no ASCII letter or digit to make a Rust name of"
                    ),
                    Some("name it with ASCII letters, digits and `_`".into()),
                );
                continue;
            }
            let constant = constant_of(name);
            match seen.get(&constant) {
                Some(first) => {
                    let first_at = self.first_at(&[key(section), key(first)]);
                    self.error(
                        &path,
                        At::Key,
                        format!("{what} `{name}` and `{first}` both become the Rust constant `{constant}`"),
                        Some(format!("{first_at}; rename one of them")),
                    );
                }
                None => {
                    seen.insert(constant, name);
                }
            }
        }
    }
}
