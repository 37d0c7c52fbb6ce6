//! `oapi-codegen import FILE [--platform NAME] [--out FILE.yaml]`.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::{ImportOptions, import};

/// Usage of the command.
pub const USAGE: &str = "usage:\n  oapi-codegen import FILE [--platform NAME] [--out FILE.yaml]\n  (FILE `-` reads stdin; the spec goes to stdout unless --out is given)";

/// The parsed command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// The pasted page (`-`: stdin).
    pub input: PathBuf,
    /// `--platform`.
    pub platform: Option<String>,
    /// `--out`; `None`: stdout.
    pub out: Option<PathBuf>,
}

impl Args {
    /// Parses the arguments after `import`.
    pub fn parse(args: &[String]) -> Result<Args, String> {
        let mut input = None;
        let mut platform = None;
        let mut out = None;
        let mut iter = args.iter();
        while let Some(arg) = iter.next() {
            match arg.as_str() {
                "--platform" => match iter.next() {
                    Some(name) => platform = Some(name.clone()),
                    None => return Err("`--platform` needs a name".into()),
                },
                "--out" => match iter.next() {
                    Some(file) => out = Some(PathBuf::from(file)),
                    None => return Err("`--out` needs a file name".into()),
                },
                flag if flag.starts_with("--") => return Err(format!("unknown option `{flag}`")),
                file if input.is_none() => input = Some(PathBuf::from(file)),
                extra => return Err(format!("one page at a time (`{extra}` is a second file)")),
            }
        }
        let input = input.ok_or("no page file given")?;
        Ok(Args {
            input,
            platform,
            out,
        })
    }
}

/// Runs the command: the spec to `--out` or stdout, the summary to stderr.
pub fn run(args: &[String]) -> ExitCode {
    let args = match Args::parse(args) {
        Ok(args) => args,
        Err(message) => {
            eprintln!("oapi-codegen import: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut bytes = Vec::new();
    let read = if args.input.as_os_str() == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(&args.input).map(|b| bytes = b)
    };
    if let Err(err) = read {
        eprintln!("cannot read {}: {err}", args.input.display());
        return ExitCode::FAILURE;
    }
    let page = String::from_utf8_lossy(&bytes);
    let options = ImportOptions {
        platform: args.platform.clone(),
        source: Some(args.input.display().to_string()),
    };
    let imported = import(&page, &options);
    let written = match &args.out {
        Some(out) => std::fs::write(out, &imported.yaml),
        None => std::io::stdout().write_all(imported.yaml.as_bytes()),
    };
    if let Err(err) = written {
        let target = args
            .out
            .as_ref()
            .map_or("stdout".to_owned(), |o| o.display().to_string());
        eprintln!("cannot write {target}: {err}");
        return ExitCode::FAILURE;
    }
    eprintln!("{}", imported.summary());
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Args, String> {
        Args::parse(&args.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn arguments() {
        assert_eq!(
            parse(&["page.txt", "--platform", "dingtalk", "--out", "x.yaml"]),
            Ok(Args {
                input: "page.txt".into(),
                platform: Some("dingtalk".into()),
                out: Some("x.yaml".into()),
            })
        );
        assert!(parse(&[]).is_err());
        assert!(parse(&["a", "b"]).is_err());
        assert!(parse(&["a", "--platform"]).is_err());
        assert!(parse(&["a", "--nope"]).is_err());
    }
}
