//! `oapi-codegen openapi <spec files or dirs>… [--format json|yaml] [--out FILE]`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::Value;

/// Usage of the command.
pub const USAGE: &str =
    "usage:\n  oapi-codegen openapi <spec files or dirs>... [--format json|yaml] [--out FILE]";

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Pretty-printed JSON.
    Json,
    /// YAML.
    Yaml,
}

/// The parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// Spec files or directories.
    pub inputs: Vec<PathBuf>,
    /// `--format`; `None`: from the `--out` extension (`.yaml`/`.yml`), else JSON.
    pub format: Option<Format>,
    /// `--out`; `None`: stdout.
    pub out: Option<PathBuf>,
}

impl Args {
    /// Parses the arguments after `openapi`.
    pub fn parse(args: &[String]) -> Result<Args, String> {
        let mut parsed = Args {
            inputs: Vec::new(),
            format: None,
            out: None,
        };
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--format" => {
                    parsed.format = Some(match iter.next().map(String::as_str) {
                        Some("json") => Format::Json,
                        Some("yaml" | "yml") => Format::Yaml,
                        Some(other) => {
                            return Err(format!("unknown format `{other}` (json or yaml)"));
                        }
                        None => return Err("`--format` needs a value (json or yaml)".into()),
                    });
                }
                "--out" => match iter.next() {
                    Some(out) => parsed.out = Some(PathBuf::from(out)),
                    None => return Err("`--out` needs a file name".into()),
                },
                flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
                input => parsed.inputs.push(PathBuf::from(input)),
            }
        }
        if parsed.inputs.is_empty() {
            return Err("no spec files or directories given".into());
        }
        Ok(parsed)
    }

    /// The format to write: `--format`, else the `--out` extension, else JSON.
    pub fn effective_format(&self) -> Format {
        self.format.unwrap_or_else(|| {
            let yaml = self
                .out
                .as_ref()
                .and_then(|out| out.extension())
                .is_some_and(|ext| ext == "yaml" || ext == "yml");
            if yaml { Format::Yaml } else { Format::Json }
        })
    }
}

/// The document as text in `format`, ending with a newline.
pub fn render(document: &Value, format: Format) -> Result<String, String> {
    match format {
        Format::Json => serde_json::to_string_pretty(document)
            .map(|text| text + "\n")
            .map_err(|err| err.to_string()),
        Format::Yaml => crate::load::to_yaml(document),
    }
}

/// Runs the command: compile the specs, export, write. Exit code 2 for
/// usage errors, 1 for spec errors or failed writes.
pub fn run(args: &[String]) -> ExitCode {
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let args = match Args::parse(args) {
        Ok(args) => args,
        Err(problem) => {
            eprintln!("{problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let api = match crate::compile(&args.inputs) {
        Ok(api) => api,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    let text = match render(&super::export(&api), args.effective_format()) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("cannot render the document: {err}");
            return ExitCode::FAILURE;
        }
    };
    let written = match &args.out {
        Some(out) => std::fs::write(out, &text)
            .map_err(|err| format!("cannot write {}: {err}", out.display())),
        None => std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .map_err(|err| format!("cannot write to stdout: {err}")),
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("{problem}");
            ExitCode::FAILURE
        }
    }
}
