//! `oapi-codegen`: check specs, generate readable Rust from them, import
//! pasted documentation pages, export OpenAPI 3.1.
//!
//! ```text
//! oapi-codegen check <spec files or dirs>...
//! oapi-codegen generate <spec files or dirs>... --out DIR
//! oapi-codegen features <spec files or dirs>... --cargo Cargo.toml [--check]
//! oapi-codegen import FILE [--platform NAME] [--out FILE.yaml]
//! oapi-codegen openapi <spec files or dirs>... [--format json|yaml] [--out FILE]
//! ```
//!
//! Exit codes: 0 success, 1 problems in the input (printed as
//! `file:line:column: message`), 2 usage errors.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  oapi-codegen check <spec files or dirs>...
  oapi-codegen generate <spec files or dirs>... --out DIR
  oapi-codegen features <spec files or dirs>... --cargo Cargo.toml [--check]
  oapi-codegen import FILE [--platform NAME] [--out FILE.yaml]
  oapi-codegen openapi <spec files or dirs>... [--format json|yaml] [--out FILE]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.split_first() {
        Some((command, rest)) if command == "check" && !rest.is_empty() => check(rest),
        Some((command, rest)) if command == "generate" => generate(rest),
        Some((command, rest)) if command == "features" => features(rest),
        Some((command, rest)) if command == "openapi" => oapi_codegen::openapi::cli::run(rest),
        Some((command, rest)) if command == "import" => oapi_codegen::import::cli::run(rest),
        Some((flag, _)) if flag == "--help" || flag == "-h" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check(inputs: &[String]) -> ExitCode {
    let inputs: Vec<PathBuf> = inputs.iter().map(PathBuf::from).collect();
    match oapi_codegen::compile(&inputs) {
        Ok(api) => {
            let endpoints: usize = api.endpoints().count();
            println!(
                "ok: {} platform(s), {endpoints} endpoint(s)",
                api.platforms.len()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            ExitCode::FAILURE
        }
    }
}

fn generate(args: &[String]) -> ExitCode {
    let mut inputs = Vec::new();
    let mut out = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if arg == "--out" {
            out = iter.next().map(PathBuf::from);
        } else {
            inputs.push(PathBuf::from(arg));
        }
    }
    let (Some(out), false) = (out, inputs.is_empty()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let files = match oapi_codegen::generate_files(&inputs) {
        Ok(files) => files,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    match oapi_codegen::write_files(&out, &files) {
        Ok(report) => {
            println!(
                "{} file(s) written, {} unchanged, {} removed in {}",
                report.written.len(),
                report.unchanged,
                report.removed.len(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot write to {}: {err}", out.display());
            ExitCode::FAILURE
        }
    }
}

/// Writes (or with `--check`, compares) the feature block of a Cargo.toml.
fn features(args: &[String]) -> ExitCode {
    let mut inputs = Vec::new();
    let mut cargo = None;
    let mut check_only = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        match arg.as_str() {
            "--cargo" => cargo = iter.next().map(PathBuf::from),
            "--check" => check_only = true,
            _ => inputs.push(PathBuf::from(arg)),
        }
    }
    let (Some(cargo), false) = (cargo, inputs.is_empty()) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let api = match oapi_codegen::compile(&inputs) {
        Ok(api) => api,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    let current = match std::fs::read_to_string(&cargo) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("cannot read {}: {err}", cargo.display());
            return ExitCode::FAILURE;
        }
    };
    let updated = oapi_codegen::features::update(&current, &oapi_codegen::features::block(&api));
    if updated == current {
        println!("{}: the features match the specs", cargo.display());
        return ExitCode::SUCCESS;
    }
    if check_only {
        eprintln!(
            "{}: the features differ from the specs; run `cargo run -p oapi-codegen -- features {} --cargo {}`",
            cargo.display(),
            inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            cargo.display()
        );
        return ExitCode::FAILURE;
    }
    match std::fs::write(&cargo, updated) {
        Ok(()) => {
            println!("{}: features rewritten from the specs", cargo.display());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("cannot write {}: {err}", cargo.display());
            ExitCode::FAILURE
        }
    }
}
