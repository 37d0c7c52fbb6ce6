//! `include_spec!("spec/x.yaml")`: runs the generator on a spec at compile
//! time and expands to the generated module.

use std::path::{Component, Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

/// The macro input: one string literal, optionally followed by a comma.
struct Input {
    path: LitStr,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "expected the spec's path relative to the crate's Cargo.toml, \
                 like include_spec!(\"spec/dingtalk.yaml\")",
            ));
        }
        let path = if input.peek(LitStr) {
            input.parse::<LitStr>()?
        } else {
            let found: proc_macro2::TokenTree = input.parse()?;
            return Err(syn::Error::new(
                found.span(),
                "expected a string literal: the spec's path relative to the crate's \
                 Cargo.toml, like include_spec!(\"spec/dingtalk.yaml\")",
            ));
        };
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        }
        if !input.is_empty() {
            let rest: TokenStream = input.parse()?;
            return Err(syn::Error::new_spanned(
                rest,
                "unexpected tokens: include_spec! takes one path",
            ));
        }
        Ok(Input { path })
    }
}

/// Expands the macro, or returns the input error.
pub(crate) fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let Input { path: lit } = syn::parse2(input)?;
    let spec = resolve(
        &lit,
        std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from),
    )?;
    let Some(spec_text) = spec.to_str() else {
        return Err(syn::Error::new(
            lit.span(),
            "the spec's path is not valid UTF-8",
        ));
    };
    // Makes the spec a dependency of the crate: cargo rebuilds when it changes.
    let track = quote!(
        const _: &[u8] = ::core::include_bytes!(#spec_text);
    );
    match oapi_codegen::generate_inline(&spec) {
        Ok(tokens) => Ok(quote!(#tokens #track)),
        Err(diagnostics) => {
            let diagnostics = as_written(diagnostics, &spec, &lit.value());
            let error = spec_errors(&diagnostics, lit.span());
            let error = error.into_compile_error();
            Ok(quote!(#error #track))
        }
    }
}

/// The absolute path of the spec, which must be an existing file.
fn resolve(lit: &LitStr, manifest_dir: Option<PathBuf>) -> syn::Result<PathBuf> {
    let relative = lit.value();
    if relative.is_empty() {
        return Err(syn::Error::new(lit.span(), "the spec's path is empty"));
    }
    let Some(manifest_dir) = manifest_dir else {
        return Err(syn::Error::new(
            lit.span(),
            "CARGO_MANIFEST_DIR is not set: build with cargo, which sets it to the \
             directory the path is relative to",
        ));
    };
    let spec = manifest_dir.join(Path::new(&relative));
    if spec.is_file() {
        Ok(tidy(spec))
    } else {
        let what = if spec.is_dir() {
            "is a directory, not a file"
        } else {
            "does not exist"
        };
        Err(syn::Error::new(
            lit.span(),
            format!(
                "spec file `{relative}` {what} (the path is relative to the directory \
                 of this crate's Cargo.toml)"
            ),
        ))
    }
}

/// `spec` without `.` and `..` components, so diagnostics quote
/// `/ws/spec/x.yaml` rather than `/ws/app/../spec/x.yaml`; unchanged unless
/// both name the same file (a `..` after a symlink goes elsewhere).
fn tidy(spec: PathBuf) -> PathBuf {
    let mut clean = PathBuf::new();
    for component in spec.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(clean.components().next_back(), Some(Component::Normal(_))) =>
            {
                clean.pop();
            }
            other => clean.push(other),
        }
    }
    let same_file = match (std::fs::canonicalize(&clean), std::fs::canonicalize(&spec)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same_file { clean } else { spec }
}

/// The diagnostics with the spec's path as the user wrote it in the macro
/// (relative to their Cargo.toml), not the absolute path it was read from:
/// shorter, and the same on every machine and target directory.
fn as_written(
    mut diagnostics: oapi_codegen::Diagnostics,
    spec: &Path,
    written: &str,
) -> oapi_codegen::Diagnostics {
    for diagnostic in &mut diagnostics.0 {
        if diagnostic.location.file == spec {
            diagnostic.location.file = PathBuf::from(written);
        }
    }
    diagnostics
}

/// One `compile_error!` per diagnostic (`file:line:column: message`, then any
/// help), all at the path literal: the YAML has no spans in Rust's view.
fn spec_errors(diagnostics: &oapi_codegen::Diagnostics, span: Span) -> syn::Error {
    let mut errors = diagnostics
        .iter()
        .map(|diagnostic| syn::Error::new(span, diagnostic.to_string()));
    let Some(mut combined) = errors.next() else {
        return syn::Error::new(span, "the spec generator failed without saying why");
    };
    for error in errors {
        combined.combine(error);
    }
    combined
}

#[cfg(test)]
mod tests {
    use super::*;
    use oapi_codegen::{Diagnostic, Diagnostics, Location};

    #[test]
    fn input_is_one_string_literal() {
        assert!(syn::parse2::<Input>(quote!("a.yaml")).is_ok());
        assert!(syn::parse2::<Input>(quote!("a.yaml",)).is_ok());
        assert!(syn::parse2::<Input>(quote!()).is_err());
        assert!(syn::parse2::<Input>(quote!(a)).is_err());
        assert!(syn::parse2::<Input>(quote!("a.yaml" "b.yaml")).is_err());
    }

    #[test]
    fn resolves_against_the_manifest_dir() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let found = resolve(&syn::parse_quote!("Cargo.toml"), Some(dir.clone()));
        assert_eq!(found.ok(), Some(dir.join("Cargo.toml")));
        for (path, dir) in [
            ("missing.yaml", Some(dir.clone())),
            ("src", Some(dir)),
            ("x", None),
        ] {
            let lit: LitStr = syn::parse_str(&format!("{path:?}")).expect("a string literal");
            assert!(resolve(&lit, dir).is_err(), "{path}");
        }
    }

    #[test]
    fn resolved_paths_are_tidy() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let lit: LitStr = syn::parse_quote!("./src/../Cargo.toml");
        assert_eq!(
            resolve(&lit, Some(dir.clone())).ok(),
            Some(dir.join("Cargo.toml"))
        );
        let missing = dir.join("no/such/../file");
        assert_eq!(
            tidy(missing.clone()),
            missing,
            "kept unless it names the same file"
        );
    }

    #[test]
    fn diagnostics_name_the_spec_as_written() {
        let diagnostic = |file: &str| Diagnostic {
            location: Location {
                file: file.into(),
                line: 1,
                column: 1,
            },
            message: "m".into(),
            help: None,
        };
        let found = as_written(
            Diagnostics(vec![
                diagnostic("/abs/spec/x.yaml"),
                diagnostic("/other.yaml"),
            ]),
            Path::new("/abs/spec/x.yaml"),
            "spec/x.yaml",
        );
        let files: Vec<_> = found.iter().map(|d| d.location.file.clone()).collect();
        assert_eq!(
            files,
            [PathBuf::from("spec/x.yaml"), PathBuf::from("/other.yaml")]
        );
    }

    #[test]
    fn one_error_per_diagnostic() {
        let diagnostic = |line, message: &str| Diagnostic {
            location: Location {
                file: "spec/x.yaml".into(),
                line,
                column: 3,
            },
            message: message.into(),
            help: Some("did you mean `string`?".into()),
        };
        let diagnostics = Diagnostics(vec![diagnostic(4, "unknown type"), diagnostic(9, "bad")]);
        let messages: Vec<String> = spec_errors(&diagnostics, Span::call_site())
            .into_iter()
            .map(|error| error.to_string())
            .collect();
        assert_eq!(
            messages,
            [
                "spec/x.yaml:4:3: unknown type\n  help: did you mean `string`?",
                "spec/x.yaml:9:3: bad\n  help: did you mean `string`?",
            ]
        );
        let none = spec_errors(&Diagnostics(Vec::new()), Span::call_site()).to_string();
        assert_eq!(none, "the spec generator failed without saying why");
    }
}
