//! The build-script API, in the style of `prost-build`: a crate keeps its
//! own spec files and generates its client into `OUT_DIR` at build time.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), oapi_codegen::BuildError> {
//!     oapi_codegen::Builder::new().spec("spec").generate()?;
//!     Ok(())
//! }
//! ```
//! ```ignore
//! // src/lib.rs
//! include!(concat!(env!("OUT_DIR"), "/api.rs"));
//! ```
//!
//! One file per endpoint, written only when its content changed (an edit
//! rebuilds what it touched); `cargo:rerun-if-changed` on the spec files;
//! spec errors printed as `file:line:column` and failing the build. The
//! generated code calls `oapi-runtime` (depend on it and `serde`), not
//! `oapi-client`: a crate's own platform compiles nothing of ours.

use std::collections::BTreeSet;
use std::fmt;
use std::path::PathBuf;

use crate::emit::{Options, SerdeDirections, group_feature};
use crate::{Diagnostics, WriteReport};

/// Generates a client from spec files in a build script.
#[derive(Debug, Clone)]
pub struct Builder {
    specs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    options: Options,
    features_from_env: bool,
}

/// Why generation failed. Its `Debug` is its `Display` (one
/// `file:line:column: message` per problem), so `fn main() -> Result<(),
/// BuildError>` in a build script prints the problems as they are.
pub enum BuildError {
    /// The specs have errors.
    Spec(Diagnostics),
    /// `OUT_DIR` is not set (not run by cargo) and no `out_dir` was given.
    NoOutDir,
    /// Writing the generated files failed.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Spec(diagnostics) => write!(f, "{diagnostics}"),
            BuildError::NoOutDir => write!(
                f,
                "OUT_DIR is not set: run from a build script or set `out_dir`"
            ),
            BuildError::Io(dir, error) => write!(
                f,
                "cannot write generated code to {}: {error}",
                dir.display()
            ),
        }
    }
}

impl fmt::Debug for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for BuildError {}

impl Default for Builder {
    fn default() -> Self {
        Builder::new()
    }
}

impl Builder {
    /// A builder for a crate of its own: the code calls `::oapi_runtime`,
    /// the root file is `api.rs`, types derive the serde direction the client
    /// needs, no rustdoc examples (their path is not known), no features.
    pub fn new() -> Builder {
        Builder {
            specs: Vec::new(),
            out_dir: None,
            options: Options {
                runtime: "::oapi_runtime".into(),
                doc_root: None,
                serde: SerdeDirections::Needed,
                group_features: false,
                enabled_groups: None,
                endpoint_table: false,
                root_file: "api.rs".into(),
            },
            features_from_env: false,
        }
    }

    /// A spec file, or a directory of them (`*.yaml`, in name order).
    pub fn spec(mut self, path: impl Into<PathBuf>) -> Builder {
        self.specs.push(path.into());
        self
    }

    /// Where the files go (default: cargo's `OUT_DIR`).
    pub fn out_dir(mut self, dir: impl Into<PathBuf>) -> Builder {
        self.out_dir = Some(dir.into());
        self
    }

    /// The root file's name (default `api.rs`): `include!(concat!(env!("OUT_DIR"), "/api.rs"))`.
    pub fn root_file(mut self, name: impl Into<String>) -> Builder {
        self.options.root_file = name.into();
        self
    }

    /// The path generated code names the runtime by (default
    /// `::oapi_runtime`; `::oapi_client` where the crate depends on
    /// `oapi-client`; any path whose root re-exports `oapi_runtime`'s).
    pub fn runtime_crate(mut self, path: impl Into<String>) -> Builder {
        self.options.runtime = path.into();
        self
    }

    /// How users name the generated platform modules (`my_crate::api`):
    /// each endpoint method's rustdoc then shows a call, compiled by
    /// `cargo test --doc`.
    pub fn doc_root(mut self, path: impl Into<String>) -> Builder {
        self.options.doc_root = Some(path.into());
        self
    }

    /// Requests also derive `Deserialize`, responses `Serialize`, both
    /// `PartialEq`, when the crate's cargo feature `feature` is on (for
    /// fixtures and test suites).
    pub fn roundtrip_feature(mut self, feature: impl Into<String>) -> Builder {
        self.options.serde = SerdeDirections::NeededPlusFeature(feature.into());
        self
    }

    /// Every API group behind the cargo feature `<platform>-<group>`, which
    /// the crate declares (`oapi-codegen features` writes them): only the
    /// enabled groups are generated and compiled, and a call to another is
    /// a compile error naming its feature.
    pub fn group_features(mut self, on: bool) -> Builder {
        self.options.group_features = on;
        self.features_from_env = on;
        self
    }

    /// Also emit `for_each_endpoint!`/`for_each_paged_endpoint!`
    /// (`#[macro_export]`ed by the crate), for tests visiting every endpoint.
    pub fn endpoint_table(mut self, on: bool) -> Builder {
        self.options.endpoint_table = on;
        self
    }

    /// The options as set (for tools that emit with them).
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Checks the specs and writes the files that changed; prints
    /// `cargo:rerun-if-changed` lines for the specs.
    pub fn generate(self) -> Result<WriteReport, BuildError> {
        let out_dir = match self.out_dir.clone() {
            Some(dir) => dir,
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or(BuildError::NoOutDir)?,
        };
        for spec in &self.specs {
            println!("cargo:rerun-if-changed={}", spec.display());
        }
        let files = crate::spec_files(&self.specs).map_err(BuildError::Spec)?;
        for file in &files {
            println!("cargo:rerun-if-changed={}", file.display());
        }
        let api = crate::compile(&files).map_err(BuildError::Spec)?;
        let mut options = self.options;
        if self.features_from_env {
            options.enabled_groups = Some(enabled_groups(&api));
        }
        let generated = crate::emit_files(&api, &options).map_err(BuildError::Spec)?;
        crate::write_files(&out_dir, &generated).map_err(|e| BuildError::Io(out_dir, e))
    }
}

/// The groups whose cargo feature is on in this build (`CARGO_FEATURE_…`).
pub fn enabled_groups(api: &crate::ir::Api) -> BTreeSet<(String, String)> {
    let mut enabled = BTreeSet::new();
    for platform in &api.platforms {
        for group in &platform.groups {
            let feature = group_feature(&platform.module, &group.module);
            let var = format!("CARGO_FEATURE_{}", feature.to_uppercase().replace('-', "_"));
            if std::env::var_os(&var).is_some() {
                enabled.insert((platform.module.clone(), group.module.clone()));
            }
        }
    }
    enabled
}
