//! `#[derive(OpenEnum)]`: a documented set of values that never fails on a
//! value the documentation did not list (platforms add values without
//! notice): unknown values land in the last variant, `Other(i64)` or
//! `Other(String)`, and serialise back unchanged.

mod expand;
mod parse;

use proc_macro2::{Literal, Span, TokenStream};
use quote::{ToTokens, quote_spanned};
use syn::{DeriveInput, Ident, LitStr};

/// Expands the derive, or returns every error found.
pub(crate) fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let model = parse::parse(input)?;
    Ok(expand::expand(&model))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Integer,
    String,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Integer => "an integer",
            Kind::String => "a string",
        }
    }

    /// How the catch-all variant is written for this kind.
    fn other(self) -> &'static str {
        match self {
            Kind::Integer => "Other(i64)",
            Kind::String => "Other(String)",
        }
    }
}

#[derive(Clone)]
enum Value {
    Integer(i64, Span),
    String(LitStr),
}

impl Value {
    fn kind(&self) -> Kind {
        match self {
            Value::Integer(..) => Kind::Integer,
            Value::String(_) => Kind::String,
        }
    }

    fn span(&self) -> Span {
        match self {
            Value::Integer(_, span) => *span,
            Value::String(lit) => lit.span(),
        }
    }

    /// The value as a literal token carrying the span it was written at.
    fn literal(&self) -> TokenStream {
        match self {
            Value::Integer(value, span) => {
                // Written as `-` and the magnitude, so `i64::MIN` needs no special case.
                let mut magnitude = Literal::u64_unsuffixed(value.unsigned_abs());
                magnitude.set_span(*span);
                if *value < 0 {
                    quote_spanned!(*span=> -#magnitude)
                } else {
                    magnitude.into_token_stream()
                }
            }
            Value::String(lit) => lit.to_token_stream(),
        }
    }
}

struct Model<'a> {
    input: &'a DeriveInput,
    kind: Kind,
    known: Vec<(&'a Ident, Value)>,
    other: &'a Ident,
}
