//! The spec corpus (`codegen/tests/specs/`) through real cargo builds, the
//! two ways users meet the generator:
//!
//! - `build.rs`: a copy of the `oapi-client` package (its own `build.rs`
//!   and `src/lib.rs`, under another package name so that building it never
//!   disturbs `oapi-client`'s artifacts) built with `OAPI_SPEC_DIR` on the
//!   malformed specs fails with every expected `file:line:column`, and on the
//!   hostile valid specs compiles their generated code;
//! - `include_spec!`: a crate embedding every malformed spec fails with
//!   every expected diagnostic as a compile error, and one embedding every
//!   hostile valid spec compiles.
//!
//! One cargo build per corpus and entry point, sharing trybuild's target
//! directory (the dependencies are those the UI and new-user tests build).

#[path = "../../codegen/tests/specs/cases.rs"]
mod cases;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A scratch crate: `Cargo.toml` and `src/lib.rs` written afresh.
fn scratch(name: &str, manifest: &str, lib: Option<&str>) -> PathBuf {
    let dir = workspace().join("target/tests/spec-corpus").join(name);
    std::fs::create_dir_all(dir.join("src")).expect("create the scratch crate");
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write Cargo.toml");
    if let Some(lib) = lib {
        std::fs::write(dir.join("src/lib.rs"), lib).expect("write src/lib.rs");
    }
    dir
}

fn cargo_build(dir: &Path, spec_dir: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO"));
    command
        .args(["build", "--quiet", "--color", "never"])
        .current_dir(dir)
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/tests/trybuild"),
        )
        .env_remove("CARGO_MAKEFLAGS")
        .env_remove("OAPI_SPEC_DIR");
    if let Some(spec_dir) = spec_dir {
        command.env("OAPI_SPEC_DIR", spec_dir);
    }
    command.output().expect("run cargo build")
}

/// Every expected diagnostic of every malformed case, as a line of
/// `stderr` with its place and message; no panic anywhere.
fn assert_every_diagnostic(stderr: &str, place_of: impl Fn(&cases::Case) -> String) {
    assert!(!stderr.contains("panicked"), "{stderr}");
    let mut missing = Vec::new();
    for case in cases::malformed() {
        let file = place_of(&case);
        for expected in &case.expected {
            let place = format!("{file}:{}:{}: ", expected.line, expected.column);
            let found = stderr
                .lines()
                .any(|line| line.contains(&place) && line.contains(&expected.fragment));
            if !found {
                missing.push(format!("{place}{}", expected.fragment));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} expected diagnostic(s) missing:\n{}\n\nstderr:\n{stderr}",
        missing.len(),
        missing.join("\n")
    );
}

/// `oapi-client`'s manifest, renamed: the real `build.rs` and `src/lib.rs`.
fn client_copy() -> PathBuf {
    let generated = workspace()
        .join("generated")
        .canonicalize()
        .expect("generated/");
    let runtime = generated.join("runtime");
    let macros = workspace().join("macros").canonicalize().expect("macros/");
    let codegen = workspace()
        .join("codegen")
        .canonicalize()
        .expect("codegen/");
    let manifest = format!(
        "[package]\nname = \"oapi-client-spec-corpus\"\nedition = \"2024\"\nversion = \"0.0.0\"\npublish = false\n\
         build = {build:?}\n\n[lib]\nname = \"oapi_client\"\npath = {lib:?}\n\n[workspace]\n\n\
         [features]\nroundtrip = []\nfake-server = []\n\n\
         [dependencies]\noapi-runtime = {{ path = {runtime:?} }}\noapi-macros = {{ path = {macros:?} }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = {{ version = \"1\", features = [\"raw_value\"] }}\n\n\
         [build-dependencies]\noapi-codegen = {{ path = {codegen:?} }}\n",
        build = generated.join("build.rs"),
        lib = generated.join("src/lib.rs"),
    );
    scratch("client-copy", &manifest, None)
}

#[test]
fn build_rs_refuses_every_malformed_spec_and_compiles_every_hostile_one() {
    let dir = client_copy();
    let root = cases::root();
    let output = cargo_build(&dir, Some(&root.join("malformed")));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the malformed specs built");
    assert_every_diagnostic(&stderr, |case| case.path.display().to_string());

    let output = cargo_build(&dir, Some(&root.join("accepted")));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the hostile specs' generated code does not compile:\n{stderr}"
    );
    assert_every_endpoint_generated(&root.join("accepted"));
}

/// Every endpoint of the specs in `dir` has its file in the build's
/// `OUT_DIR`: the build compiled them all (none left out by a group feature).
fn assert_every_endpoint_generated(dir: &Path) {
    let api = oapi_codegen::compile(&[dir.to_path_buf()]).expect("the accepted specs check");
    let build = workspace().join("target/tests/trybuild/debug/build");
    let out = std::fs::read_dir(&build)
        .expect("the build directory")
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("oapi-client-spec-corpus-")
        })
        .map(|e| e.path().join("out"))
        .filter_map(|out| {
            let modified = std::fs::metadata(out.join("generated.rs"))
                .ok()?
                .modified()
                .ok()?;
            Some((modified, out))
        })
        .max()
        .map(|(_, out)| out)
        .expect("an OUT_DIR with generated.rs");
    let mut missing = Vec::new();
    let mut endpoints = 0;
    for platform in &api.platforms {
        for group in &platform.groups {
            for endpoint in &group.endpoints {
                endpoints += 1;
                // Files are named without a raw identifier's `r#`.
                let name = |module: &str| module.trim_start_matches("r#").to_owned();
                let file = out
                    .join(name(&platform.module))
                    .join(name(&group.module))
                    .join(format!("{}.rs", name(&endpoint.module)));
                if !file.is_file() {
                    missing.push(file.display().to_string());
                }
            }
        }
    }
    assert!(endpoints > 0, "no endpoints in {}", dir.display());
    assert!(missing.is_empty(), "not generated:\n{}", missing.join("\n"));
}

/// A crate that embeds each spec in a module of its own.
fn embedding(name: &str, specs: &[PathBuf]) -> PathBuf {
    let client = workspace()
        .join("generated")
        .canonicalize()
        .expect("generated/");
    let manifest = format!(
        "[package]\nname = \"{name}\"\nedition = \"2021\"\nversion = \"0.0.0\"\npublish = false\n\n[workspace]\n\n\
         [dependencies]\noapi-client = {{ path = {client:?} }}\nserde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n"
    );
    let lib: String = specs
        .iter()
        .enumerate()
        .map(|(index, spec)| {
            format!(
                "mod spec_{index} {{ oapi_client::include_spec!({:?}); }}\n",
                spec.display().to_string()
            )
        })
        .collect();
    scratch(
        name,
        &manifest,
        Some(&format!("#![allow(dead_code)]\n{lib}")),
    )
}

#[test]
fn include_spec_refuses_every_malformed_spec_and_compiles_every_hostile_one() {
    let malformed: Vec<PathBuf> = cases::malformed().into_iter().map(|c| c.path).collect();
    let output = cargo_build(&embedding("oapi_corpus_malformed", &malformed), None);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "the malformed specs compiled");
    // `include_spec!` quotes the path as written, here the absolute one.
    assert_every_diagnostic(&stderr, |case| format!("error: {}", case.path.display()));
    assert!(
        !stderr.contains("error["),
        "an error other than the specs' own (a generated item that does not compile):\n{stderr}"
    );

    let output = cargo_build(&embedding("oapi_corpus_hostile", &cases::accepted()), None);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the hostile specs' generated code does not compile:\n{stderr}"
    );
}
