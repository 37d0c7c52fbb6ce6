//! The `oapi-codegen` binary as a user runs it: exit codes, located errors,
//! and `generate` rewriting only what changed.

use std::path::PathBuf;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_oapi-codegen"))
        .args(args)
        .output()
        .unwrap()
}

fn spec_dir() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../spec")
        .display()
        .to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("oapi-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn check_accepts_the_real_spec() {
    let out = run(&["check", &spec_dir()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let api = oapi_codegen::compile(&[spec_dir().into()]).expect("the spec compiles");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "ok: {} platform(s), {} endpoint(s)\n",
            api.platforms.len(),
            api.endpoints().count()
        )
    );
}

#[test]
fn check_reports_every_problem_with_its_location_and_exits_1() {
    let dir = scratch("bad");
    let spec = dir.join("bad.yaml");
    std::fs::write(
        &spec,
        "platform: demo\ndoc: d\nenvelopes:\n  errcode: {code: errcode, ok: [0], message: errmsg}\ngateways:\n  oapi: {base_url: https://x.example.com, envelope: errcode}\n\
         defaults: {gateway: oapi, method: POST}\ngroups:\n  g:\n    doc: g\n    endpoints:\n      e:\n        doc: d\n        path: /e\n        body:\n          id: {type: Sting}\n          size: {type: integer, min: 9, max: 1}\n",
    )
    .unwrap();
    let out = run(&["check", spec.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let file = spec.display();
    assert!(
        stderr.contains(&format!(
            "{file}:16:22: unknown type `Sting`\n  help: did you mean `string`?"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{file}:17:46: min (9) is greater than max (1)")),
        "{stderr}"
    );
    assert!(stderr.ends_with("2 errors in spec\n"), "{stderr}");
}

#[test]
fn generate_writes_formatted_files_and_rewrites_nothing_the_second_time() {
    let out_dir = scratch("gen");
    let first = run(&["generate", &spec_dir(), "--out", out_dir.to_str().unwrap()]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let created = std::fs::read_to_string(out_dir.join("dingtalk/blackboard/create.rs")).unwrap();
    assert!(
        created.contains(
            ") -> impl ::core::future::Future<Output = ApiResult<Response>> + use<'a, 'r> {"
        ),
        "{created}"
    );
    let second = run(&["generate", &spec_dir(), "--out", out_dir.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&second.stdout);
    assert!(stdout.starts_with("0 file(s) written, "), "{stdout}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        run(&["generate", &spec_dir()]).status.code(),
        Some(2),
        "generate needs --out"
    );
    let help = run(&["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for command in ["check", "generate", "import", "openapi"] {
        assert!(text.contains(&format!("oapi-codegen {command}")), "{text}");
    }
}
