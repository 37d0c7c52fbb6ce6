//! The `oapi-fake` command: serves the spec files of a directory until
//! interrupted, printing each gateway's base URL and the credentials to
//! give the client, then one line per request with its verdict.

use std::path::PathBuf;
use std::process::ExitCode;

use super::{FakePlatform, Verdict, credential};

const USAGE: &str = "usage: oapi-fake [--port PORT] [--items N] <spec file or directory>...";

/// Runs the command with `args` (without the program name).
pub fn main(args: impl IntoIterator<Item = String>) -> ExitCode {
    let mut port = 0u16;
    let mut items = None;
    let mut specs = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--port" => match args.next().and_then(|p| p.parse().ok()) {
                Some(p) => port = p,
                None => return usage("--port takes a port number"),
            },
            "--items" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => items = Some(n),
                None => return usage("--items takes a count"),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') => return usage(&format!("unknown option `{flag}`")),
            path => specs.push(PathBuf::from(path)),
        }
    }
    if specs.is_empty() {
        return usage("name the spec files or directory to serve");
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("oapi-fake: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(serve(specs, port, items))
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("oapi-fake: {problem}\n{USAGE}");
    ExitCode::from(2)
}

async fn serve(specs: Vec<PathBuf>, port: u16, items: Option<usize>) -> ExitCode {
    let api = match oapi_codegen::compile(&specs) {
        Ok(api) => api,
        Err(diagnostics) => {
            eprintln!("{diagnostics}");
            return ExitCode::FAILURE;
        }
    };
    let fake = match FakePlatform::start_on(api, port).await {
        Ok(fake) => fake,
        Err(e) => {
            eprintln!("oapi-fake: cannot serve on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(items) = items {
        for endpoint in fake.api().platforms.iter().flat_map(|p| {
            p.groups
                .iter()
                .flat_map(|g| &g.endpoints)
                .filter(|e| e.paging.is_some())
                .map(move |e| format!("{}.{}", p.module, e.op_name))
        }) {
            fake.set_items(&endpoint, items);
        }
    }
    println!("{}", banner(&fake));
    fake.on_verdict(|v: &Verdict| println!("{}", line(v)));
    match tokio::signal::ctrl_c().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("oapi-fake: cannot wait for Ctrl-C: {e}");
            ExitCode::FAILURE
        }
    }
}

/// What a user needs to point a client here.
pub fn banner(fake: &FakePlatform) -> String {
    let mut text = format!("oapi-fake serving on {}\n", fake.base_url());
    for platform in &fake.api().platforms {
        text.push_str(&format!("\n{}:\n", platform.module));
        for gateway in &platform.gateways {
            text.push_str(&format!(
                "  gateway {:<12} {}\n",
                gateway.key,
                fake.gateway_url(&platform.module, &gateway.key)
            ));
        }
        for declared in &platform.credentials {
            text.push_str(&format!(
                "  credential {:<9} {}\n",
                declared.name,
                credential(&platform.module, &declared.name)
            ));
        }
        let endpoints: usize = platform.groups.iter().map(|g| g.endpoints.len()).sum();
        text.push_str(&format!("  {endpoints} endpoints\n"));
    }
    text
}

/// One request's log line.
pub fn line(verdict: &Verdict) -> String {
    format!(
        "{} {} {} -> {} {}",
        verdict.method, verdict.path, verdict.endpoint, verdict.status, verdict.verdict
    )
}
