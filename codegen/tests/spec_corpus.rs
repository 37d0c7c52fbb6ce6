//! The malformed-spec corpus (`specs/malformed/`) through the generator
//! library: every case is refused with exactly its expected diagnostics,
//! each at its `file:line:column`, and nothing panics on the way; every
//! accepted hostile spec (`specs/accepted/`) generates files that parse as
//! Rust (that they compile is tests/tests/spec_corpus_build.rs's job). Also:
//! checking stays linear in the size of the spec.

#[path = "specs/cases.rs"]
mod cases;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::{Duration, Instant};

use oapi_codegen::Diagnostics;

/// The generator's three entry points on one spec, none of which may panic.
fn every_entry_point(path: &Path) -> [Result<(), Diagnostics>; 3] {
    let run = |what: &str, f: &dyn Fn() -> Result<(), Diagnostics>| {
        catch_unwind(AssertUnwindSafe(f))
            .unwrap_or_else(|_| panic!("{what} panicked on {}", path.display()))
    };
    let inputs = [path.to_path_buf()];
    [
        run("compile", &|| oapi_codegen::compile(&inputs).map(drop)),
        run("generate_files", &|| {
            oapi_codegen::generate_files(&inputs).map(drop)
        }),
        run("generate_inline", &|| {
            oapi_codegen::generate_inline(path).map(drop)
        }),
    ]
}

#[test]
fn every_malformed_spec_is_refused_with_its_located_diagnostics() {
    let cases = cases::malformed();
    assert!(cases.len() >= 60, "the corpus has {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let [compiled, files, inline] = every_entry_point(&case.path);
        let Err(found) = compiled else {
            failures.push(format!("{}: accepted", case.name()));
            continue;
        };
        assert_eq!(Err(&found), files.as_ref(), "{}", case.name());
        assert_eq!(Err(&found), inline.as_ref(), "{}", case.name());
        let mut unmatched: Vec<_> = found.iter().collect();
        for expected in &case.expected {
            let hit = unmatched.iter().position(|d| {
                d.location.file == case.path
                    && (d.location.line, d.location.column) == (expected.line, expected.column)
                    && d.message.contains(&expected.fragment)
            });
            match hit {
                Some(index) => {
                    unmatched.remove(index);
                }
                None => failures.push(format!(
                    "{}: no diagnostic at {}:{} containing {:?}",
                    case.name(),
                    expected.line,
                    expected.column,
                    expected.fragment
                )),
            }
        }
        for extra in unmatched {
            failures.push(format!("{}: unexpected diagnostic {extra}", case.name()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problem(s):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_accepted_hostile_spec_generates_rust() {
    let specs = cases::accepted();
    assert!(!specs.is_empty());
    for spec in &specs {
        let [compiled, _, _] = every_entry_point(spec);
        compiled.unwrap_or_else(|d| panic!("{} refused:\n{d}", spec.display()));
        // Each file went through prettyplease, which parses it with syn.
        let files = oapi_codegen::generate_files(std::slice::from_ref(spec))
            .unwrap_or_else(|d| panic!("{d}"));
        assert!(files.iter().any(|f| f.path.ends_with(".rs")));
        let inline = oapi_codegen::generate_inline(spec).unwrap_or_else(|d| panic!("{d}"));
        syn::parse2::<syn::File>(inline).unwrap_or_else(|e| {
            panic!("{}: the inline module does not parse: {e}", spec.display())
        });
    }
}

const HEAD: &str = "platform: demo
envelopes: {errcode: {code: errcode, ok: [0], message: errmsg}}
gateways:
  main: {base_url: https://demo.invalid, envelope: errcode}
defaults: {gateway: main, method: POST}
groups:
  g:
    doc: group
    endpoints:
";

fn timed_check(text: &str) -> (usize, Duration) {
    let start = Instant::now();
    let found = oapi_codegen::compile_sources(&[("t.yaml".into(), text.to_owned())])
        .err()
        .map_or(0, |d| d.0.len());
    (found, start.elapsed())
}

/// Each diagnostic is located by walking the tree once read, not by parsing
/// the file again: 5,000 endpoints with an error each are checked in a
/// fraction of a second (about 0.4 s in a debug build; the limit leaves
/// room for a busy machine, not for a quadratic regression, which took minutes).
#[test]
fn checking_is_linear_in_the_number_of_errors() {
    let mut text = HEAD.to_owned();
    for i in 0..5_000 {
        text.push_str(&format!(
            "      e{i}:\n        doc: d\n        path: /e{i}\n        body:\n          a: {{type: Sting}}\n"
        ));
    }
    let (found, took) = timed_check(&text);
    assert_eq!(found, 5_000);
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

/// Fields of one body are told apart in linear time: 20,000 fields
/// (100,000 took five minutes when each was compared with every other).
#[test]
fn checking_is_linear_in_the_number_of_fields() {
    let mut text = format!("{HEAD}      e:\n        doc: d\n        path: /e\n        body:\n");
    for i in 0..20_000 {
        text.push_str(&format!("          f{i}: {{type: string}}\n"));
    }
    text.push_str("          F0: {type: string}\n");
    let (found, took) = timed_check(&text);
    assert_eq!(found, 1, "F0 and f0 are one Rust name");
    assert!(took < Duration::from_secs(3), "took {took:?}");
}
