//! Generator library: turns open-platform YAML specs into a typed Rust client.
//!
//! One direction of flow, one module per stage:
//! [`load`] (YAML → raw model, with locations) → [`check`] (every error with
//! `file:line:column`) → [`lower`] (→ the small [`ir`]) → [`emit`] (IR →
//! tokens with `quote`) → [`format`](mod@format) (`prettyplease`).
//! Emission never reads YAML; loading never builds tokens.

mod builder;
pub mod check;
pub mod dates;
pub mod diagnostic;
pub mod emit;
pub mod features;
pub mod format;
#[cfg(feature = "cli")]
pub mod import;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
#[cfg(feature = "cli")]
pub mod openapi;
mod parallel;
pub mod raw;
pub mod suggest;
pub mod types;
mod write;

pub use builder::{BuildError, Builder, enabled_groups};
pub use diagnostic::{Diagnostic, Diagnostics, Location};
pub use write::{WriteReport, write_files};

use std::path::{Path, PathBuf};

/// A formatted generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the output directory, e.g. `dingtalk/blackboard/create.rs`.
    pub path: String,
    /// Formatted Rust source.
    pub contents: String,
}

/// The spec files named by `inputs`: files as given, directories expanded to
/// their `*.yaml`/`*.yml` files in name order.
pub fn spec_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostics> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|err| io_error(input, &err))?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

fn io_error(path: &Path, err: &std::io::Error) -> Diagnostics {
    Diagnostics(vec![Diagnostic {
        location: Location {
            file: path.to_path_buf(),
            line: 0,
            column: 0,
        },
        message: format!("cannot read: {err}"),
        help: None,
    }])
}

/// Loads and checks spec files, reporting every problem found in all of them.
pub fn check_files(files: &[PathBuf]) -> Result<Vec<load::Loaded>, Diagnostics> {
    check_loaded(files.iter().map(|file| load::load_file(file)))
}

/// Load → check → lower specs given as text (`path` names each in
/// locations), e.g. specs embedded in a binary.
pub fn compile_sources(sources: &[(PathBuf, String)]) -> Result<ir::Api, Diagnostics> {
    let loaded = check_loaded(
        sources
            .iter()
            .map(|(path, text)| load::load_bytes(path, text.as_bytes())),
    )?;
    Ok(lower::lower(&loaded))
}

fn check_loaded(
    results: impl Iterator<Item = Result<load::Loaded, Vec<Diagnostic>>>,
) -> Result<Vec<load::Loaded>, Diagnostics> {
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(mut spec) => {
                problems.append(&mut spec.problems);
                loaded.push(spec);
            }
            Err(mut found) => problems.append(&mut found),
        }
    }
    problems.extend(check::check_all(&loaded));
    problems.sort_by(|a, b| {
        (&a.location.file, a.location.line, a.location.column).cmp(&(
            &b.location.file,
            b.location.line,
            b.location.column,
        ))
    });
    if problems.is_empty() {
        Ok(loaded)
    } else {
        Err(Diagnostics(problems))
    }
}

/// Load → check → lower.
pub fn compile(inputs: &[PathBuf]) -> Result<ir::Api, Diagnostics> {
    let files = spec_files(inputs)?;
    let loaded = check_files(&files)?;
    Ok(lower::lower(&loaded))
}

/// The whole pipeline into formatted files, one per endpoint, group and platform,
/// plus `generated.rs` declaring the platforms, shaped for `oapi-client`.
pub fn generate_files(inputs: &[PathBuf]) -> Result<Vec<GeneratedFile>, Diagnostics> {
    generate_files_with(inputs, &emit::Options::oapi_client())
}

/// [`generate_files`] shaped by `opts` (another crate, features, groups).
pub fn generate_files_with(
    inputs: &[PathBuf],
    opts: &emit::Options,
) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let api = compile(inputs)?;
    emit_files(&api, opts)
}

/// Emits and formats the files of `api` (on both cores).
pub fn emit_files(api: &ir::Api, opts: &emit::Options) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let jobs = emit::file_jobs(api, opts);
    parallel::map(&jobs, |job| {
        let file = job.emit(opts);
        let contents = format::format(&file.tokens, &file.path)?;
        Ok(GeneratedFile {
            path: file.path,
            contents,
        })
    })
    .into_iter()
    .collect::<Result<_, Diagnostic>>()
    .map_err(|d| Diagnostics(vec![d]))
}

/// Generates the API module for one spec file as a single token stream, for
/// `oapi_macros::include_spec!` (`pub mod <platform> { … }`).
pub fn generate_inline(spec: &Path) -> Result<proc_macro2::TokenStream, Diagnostics> {
    let api = compile(&[spec.to_path_buf()])?;
    Ok(api
        .platforms
        .iter()
        .map(|platform| emit::inline(&emit::platform_module(platform, &emit::Options::inline())))
        .collect())
}
