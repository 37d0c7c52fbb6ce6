//! Spec bytes → load → check → lower → emit → format, as `build.rs` and
//! `include_spec!` run them. Must never panic; every diagnostic must carry a
//! line and column inside the file; every spec that passes must emit files
//! that parse as Rust (what prettyplease formats), in both layouts.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use oapi_codegen::{Diagnostic, emit, format, load, lower};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.yaml");
    let loaded = match load::load_bytes(path, data) {
        Ok(loaded) => loaded,
        Err(found) => return assert_located(&found, data),
    };
    let mut found = loaded.problems.clone();
    found.extend(oapi_codegen::check::check(&loaded));
    if !found.is_empty() {
        return assert_located(&found, data);
    }
    let api = lower::lower(&[loaded]);
    for job in emit::file_jobs(&api) {
        let file = job.emit();
        if let Err(error) = format::format(&file.tokens, &file.path) {
            panic!("{}: {error}", file.path);
        }
    }
    for platform in &api.platforms {
        let tokens = emit::inline(&emit::platform_module(platform, false));
        if let Err(error) = syn::parse2::<syn::File>(tokens) {
            panic!("the inline module does not parse: {error}");
        }
    }
});

/// Every diagnostic is at a line and column of the file (the column may be
/// one past the end of its line, where something is missing).
fn assert_located(found: &[Diagnostic], data: &[u8]) {
    assert!(!found.is_empty());
    let lines = data.iter().filter(|b| matches!(b, b'\n' | b'\r')).count() + 1;
    for diagnostic in found {
        let location = &diagnostic.location;
        assert!(
            location.line >= 1 && location.column >= 1 && location.line <= lines,
            "unlocated: {diagnostic} ({lines} lines)"
        );
    }
}
