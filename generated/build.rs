//! Generates the client from `spec/*.yaml` into `OUT_DIR`, one file per
//! endpoint, rewriting only files whose content changed so that rustc's
//! incremental cache keeps every untouched endpoint. Cargo reruns this only
//! when a spec file (or the spec directory's listing) changes.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let spec_dir =
        std::env::var_os("OAPI_SPEC_DIR").map_or_else(|| manifest.join("../spec"), PathBuf::from);
    let Some(out_dir) = std::env::var_os("OUT_DIR").map(PathBuf::from) else {
        eprintln!("OUT_DIR is not set: run through cargo");
        return ExitCode::FAILURE;
    };
    println!("cargo:rerun-if-env-changed=OAPI_SPEC_DIR");
    // The crate's group features describe `spec/`; another spec's groups
    // have none, so all of them are generated.
    let own_spec = std::env::var_os("OAPI_SPEC_DIR").is_none();
    // The directory itself too: a spec file added or removed reruns this.
    let generated = oapi_codegen::Builder::new()
        .spec(&spec_dir)
        .out_dir(&out_dir)
        .root_file("generated.rs")
        .runtime_crate("::oapi_client")
        .doc_root("oapi_client")
        .roundtrip_feature("roundtrip")
        .group_features(own_spec)
        .endpoint_table(true)
        .generate();
    if let Err(error) = generated {
        eprintln!("{error}");
        return ExitCode::FAILURE;
    }
    let files = match oapi_codegen::spec_files(std::slice::from_ref(&spec_dir)) {
        Ok(files) => files,
        Err(diagnostics) => return fail(&diagnostics),
    };
    match write_spec_sources(&out_dir, &spec_dir, &files) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!(
                "cannot write generated code to {}: {err}",
                out_dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// `spec_sources.rs`: the spec files' text, embedded for the fake platform
/// (feature `fake-server`) so that it serves exactly what was generated.
fn write_spec_sources(
    out_dir: &std::path::Path,
    spec_dir: &std::path::Path,
    files: &[PathBuf],
) -> std::io::Result<()> {
    let mut text =
        String::from("/// The spec files this crate was generated from: (name, text).\n");
    text.push_str("pub static SPEC_SOURCES: &[(&str, &str)] = &[\n");
    for file in files {
        let name = file.strip_prefix(spec_dir).unwrap_or(file);
        text.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            name.display().to_string(),
            file.display().to_string()
        ));
    }
    text.push_str("];\n");
    let path = out_dir.join("spec_sources.rs");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(path, text)?;
    }
    Ok(())
}

/// Spec errors are printed as `file:line:column: message` and fail the build.
fn fail(diagnostics: &oapi_codegen::Diagnostics) -> ExitCode {
    eprintln!("{diagnostics}");
    ExitCode::FAILURE
}
