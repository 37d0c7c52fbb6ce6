//! `synth-spec N OUT_DIR [SPEC_DIR]`: writes a synthetic spec set of `N`
//! endpoints into `OUT_DIR`, cycling the endpoints of `SPEC_DIR` (default:
//! the repository's `spec/`). Files are rewritten only when they change.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: synth-spec N OUT_DIR [SPEC_DIR]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("N must be a number of endpoints\n{USAGE}");
        return ExitCode::from(2);
    };
    let spec_dir = args.get(2).map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec"),
        PathBuf::from,
    );
    let out = PathBuf::from(out);
    let result = oapi_benches::read_sources(&spec_dir).and_then(|sources| {
        let files = oapi_benches::synthesize(&sources, n)?;
        oapi_benches::write_dir(&out, &files)?;
        Ok(files)
    });
    match result {
        Ok(files) => {
            for file in &files {
                println!(
                    "{}: {} endpoints, {} lines",
                    out.join(&file.file_name).display(),
                    file.endpoints,
                    file.text.lines().count()
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("synth-spec: {err}");
            ExitCode::FAILURE
        }
    }
}
