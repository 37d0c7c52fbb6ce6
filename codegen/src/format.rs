//! Stage 5: tokens → readable Rust (`prettyplease`), for files a person reviews.

use proc_macro2::TokenStream;

use crate::diagnostic::{Diagnostic, Location};

/// Formats a token stream as a source file.
pub fn format(tokens: &TokenStream, file: &str) -> Result<String, Diagnostic> {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(parsed) => Ok(prettyplease::unparse(&parsed)),
        // Emission produced something that is not Rust: a generator bug, reported, not a panic.
        Err(err) => Err(Diagnostic {
            location: Location {
                file: file.into(),
                line: 0,
                column: 0,
            },
            message: format!("internal error: generated code does not parse: {err}"),
            help: Some("please report this with the spec that caused it".into()),
        }),
    }
}
