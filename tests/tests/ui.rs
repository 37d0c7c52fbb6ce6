//! Compile-time behaviour of the `oapi-macros` derives: every error each macro
//! can emit (with its span, in `ui/<macro>/fail/*.stderr`) and expansions that
//! compile and behave (`ui/<macro>/pass/*.rs` run their own assertions).
//! `ui/generated/` does the same for the generated client's types.
//!
//! Regenerate the `.stderr` files with `TRYBUILD=overwrite`, then read them.

use std::path::{Path, PathBuf};

const MACROS: &[&str] = &[
    "validate",
    "endpoint",
    "builder",
    "decode",
    "encode",
    "open_enum",
    "include_spec",
    "paged",
    "generated",
];

#[test]
fn ui() {
    place_fixtures();
    let t = trybuild::TestCases::new();
    for name in MACROS {
        t.compile_fail(format!("ui/{name}/fail/*.rs"));
        t.pass(format!("ui/{name}/pass/*.rs"));
    }
}

/// `include_spec!` resolves its path against the Cargo.toml of the crate it is
/// used in, which for these cases is trybuild's scratch crate. Its place
/// depends on the target directory (inside the clone, elsewhere, at any
/// depth), so the fixtures are copied into it and the cases name them as a
/// user would: `include_spec!("fixtures/demo.yaml")`.
fn place_fixtures() {
    let scratch = trybuild_project_dir().join("fixtures");
    std::fs::create_dir_all(&scratch).expect("create the scratch crate's fixtures dir");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/include_spec/fixtures");
    for entry in std::fs::read_dir(&source).expect("read the fixtures") {
        let path = entry.expect("a fixture").path();
        let name = path.file_name().expect("a file name");
        std::fs::copy(&path, scratch.join(name)).expect("copy a fixture");
    }
}

/// Where trybuild builds: `<target dir>/tests/trybuild/<crate>`, with the
/// target directory from `cargo metadata`, exactly as trybuild finds it.
fn trybuild_project_dir() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args(["metadata", "--format-version=1", "--no-deps"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(output.status.success(), "cargo metadata failed");
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let target = metadata["target_directory"]
        .as_str()
        .expect("cargo metadata names the target directory");
    Path::new(target)
        .join("tests/trybuild")
        .join(env!("CARGO_PKG_NAME"))
}

/// The guard against #21 coming back: no UI case may reach a file through the
/// target directory's place (`"../../…"`), which only resolves when the target
/// directory sits at one depth inside the clone.
#[test]
fn no_case_names_a_path_through_the_target_dir() {
    let mut offenders = Vec::new();
    let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let mut dirs = vec![ui];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read a ui dir") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read a case");
                if text.contains("\"../") {
                    offenders.push(path);
                }
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "these UI cases name a path relative to trybuild's scratch crate, which moves \
         with the target directory; copy the file in `place_fixtures` instead: {offenders:?}"
    );
}
