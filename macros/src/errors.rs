//! Collects every error a macro finds so that one build reports them all
//! (like serde_derive's `Ctxt`), instead of stopping at the first.

use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;

/// Errors found so far, combined into one `syn::Error` (which renders as one
/// `compile_error!` per message, each at its own span).
#[derive(Default)]
pub(crate) struct Errors {
    combined: Option<syn::Error>,
}

impl Errors {
    /// Records `error`.
    pub(crate) fn push(&mut self, error: syn::Error) {
        match &mut self.combined {
            Some(combined) => combined.combine(error),
            None => self.combined = Some(error),
        }
    }

    /// Records `message` at `span`.
    pub(crate) fn at(&mut self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// Records `message` spanning all of `tokens` (e.g. a whole attribute).
    pub(crate) fn spanned(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// The value of `result`, or `None` after recording its error.
    pub(crate) fn ok<T>(&mut self, result: syn::Result<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(error);
                None
            }
        }
    }

    /// Everything recorded, for a caller that cannot go on because of an error
    /// it recorded. `otherwise` is only used if nothing was (a bug in the
    /// caller), so the macro still fails instead of panicking.
    pub(crate) fn into_error(self, otherwise: impl FnOnce() -> syn::Error) -> syn::Error {
        self.combined.unwrap_or_else(otherwise)
    }

    /// `Err` with everything recorded, or `Ok` if nothing was.
    pub(crate) fn finish(self) -> syn::Result<()> {
        match self.combined {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}
