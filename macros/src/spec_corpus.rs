//! The spec corpus (`codegen/tests/specs/`) through `include_spec!`'s own
//! expansion: every malformed spec expands to one `compile_error!` per
//! expected diagnostic, quoting its `file:line:column`, and never panics
//! (a panicking proc-macro gives the user "proc macro panicked" and no
//! place); every accepted hostile spec expands to a module without errors.
//! (tests/tests/spec_corpus_build.rs compiles both with rustc.)

#[path = "../../codegen/tests/specs/cases.rs"]
mod cases;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

/// The expansion of `include_spec!("<path>")`, which must not panic.
fn expand(path: &Path) -> TokenStream {
    let literal = path.display().to_string();
    let input = quote!(#literal);
    catch_unwind(AssertUnwindSafe(|| crate::include_spec::expand(input)))
        .unwrap_or_else(|_| panic!("include_spec! panicked on {}", path.display()))
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The messages of the `compile_error!`s in `tokens`.
fn compile_errors(tokens: TokenStream) -> Vec<String> {
    let mut found = Vec::new();
    let mut previous_is_compile_error = false;
    for tree in tokens {
        match &tree {
            TokenTree::Group(group) if previous_is_compile_error => {
                if let Ok(message) = syn::parse2::<syn::LitStr>(group.stream()) {
                    found.push(message.value());
                }
            }
            TokenTree::Group(group) => found.extend(compile_errors(group.stream())),
            _ => {}
        }
        previous_is_compile_error = matches!(&tree, TokenTree::Ident(i) if i == "compile_error")
            || (previous_is_compile_error
                && matches!(&tree, TokenTree::Punct(p) if p.as_char() == '!'));
    }
    found
}

#[test]
fn every_malformed_spec_is_one_compile_error_per_diagnostic() {
    let cases = cases::malformed();
    assert!(cases.len() >= 60);
    let mut failures = Vec::new();
    for case in &cases {
        let mut errors = compile_errors(expand(&case.path));
        for expected in &case.expected {
            let place = format!(
                "{}:{}:{}: ",
                case.path.display(),
                expected.line,
                expected.column
            );
            let hit = errors
                .iter()
                .position(|e| e.starts_with(&place) && e.contains(&expected.fragment));
            match hit {
                Some(index) => {
                    errors.remove(index);
                }
                None => failures.push(format!(
                    "{}: no compile_error! at {place}{:?}",
                    case.name(),
                    expected.fragment
                )),
            }
        }
        failures.extend(
            errors
                .iter()
                .map(|e| format!("{}: unexpected compile_error! {e:?}", case.name())),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_accepted_hostile_spec_expands_without_errors() {
    for spec in cases::accepted() {
        let tokens = expand(&spec);
        let errors = compile_errors(tokens.clone());
        assert!(errors.is_empty(), "{}: {errors:?}", spec.display());
        syn::parse2::<syn::File>(tokens).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
    }
}
