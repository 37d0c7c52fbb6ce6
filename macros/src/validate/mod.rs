//! `#[derive(Validate)]`: each documented limit becomes one call of a check in
//! `oapi_client::runtime::validation`. The checks are generic over small
//! traits (`Bounded`, `Counted`, `Measured`), so the derive needs no knowledge
//! of field types; each call is spanned at its key, so a rule put on a field of
//! the wrong type is reported at that key.

mod expand;
mod parse;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{DeriveInput, Ident};

use crate::attr::{Number, Unsigned};

/// Expands the derive; on errors, also emits an empty impl so that code using
/// the type (e.g. `Endpoint`, whose supertrait is `Validate`) adds no noise.
pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    match parse::parse(input) {
        Ok(model) => expand::expand(&model),
        Err(error) => {
            let error = error.into_compile_error();
            let fallback = expand::expand_impl(input, &TokenStream::new());
            quote!(#error #fallback)
        }
    }
}

/// A struct's rules, checked and ready to expand.
struct Model<'a> {
    input: &'a DeriveInput,
    fields: Vec<FieldRules<'a>>,
    windows: Vec<Window>,
}

/// The rules of one field, in the order written.
struct FieldRules<'a> {
    ident: &'a Ident,
    /// Rust name without `r#`, for messages and window lookup.
    name: String,
    wire: String,
    /// `#[serde(flatten)]`: a nested value's fields sit at this level.
    flatten: bool,
    rules: Vec<Rule>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Check {
    Min,
    Max,
    MinItems,
    MaxItems,
    MinLength,
    MaxLength,
    MaxBytes,
    MaxJsonBytes,
    DateTime,
    Date,
    Rfc3339,
    UnixMs,
    UnixS,
    Pattern,
    Nested,
}

impl Check {
    /// The key, which is also the runtime function's name.
    fn key(self) -> &'static str {
        match self {
            Check::Min => "min",
            Check::Max => "max",
            Check::MinItems => "min_items",
            Check::MaxItems => "max_items",
            Check::MinLength => "min_length",
            Check::MaxLength => "max_length",
            Check::MaxBytes => "max_bytes",
            Check::MaxJsonBytes => "max_json_bytes",
            Check::DateTime => "date_time",
            Check::Date => "date",
            Check::Rfc3339 => "rfc3339",
            Check::UnixMs => "unix_ms",
            Check::UnixS => "unix_s",
            Check::Pattern => "pattern",
            Check::Nested => "nested",
        }
    }
}

struct Rule {
    check: Check,
    /// The key as written (`max_items`, or `max` inside `length(...)`).
    key: Span,
    limit: Limit,
}

enum Limit {
    Number(Number),
    Count(Unsigned<usize>),
    Text(syn::LitStr),
    None,
}

/// `window(start = a, end = b, max_days = N)`, its fields resolved to
/// indices into [`Model::fields`].
struct Window {
    key: Span,
    start: usize,
    end: usize,
    max_days: Unsigned<u32>,
    /// `when(field = …, min_items = …)`: the list field's index and the count.
    when: Option<(usize, Unsigned<usize>)>,
}
