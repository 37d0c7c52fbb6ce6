//! Syntactic type inspection (a derive sees tokens, not resolved types).

use syn::{GenericArgument, Path, PathArguments, Type};

/// `T` if `ty` is written `Option<T>`, `core::option::Option<T>` or
/// `std::option::Option<T>` (with or without a leading `::`).
///
/// A type alias of `Option` is not recognised: the field is then required,
/// which is the safe reading.
pub(crate) fn option_inner(ty: &Type) -> Option<&Type> {
    let path = match peel(ty) {
        Type::Path(path) if path.qself.is_none() => &path.path,
        _ => return None,
    };
    let names = segment_names(path);
    if !spells_option(&names, path)
        || path
            .segments
            .iter()
            .rev()
            .skip(1)
            .any(|s| !s.arguments.is_none())
    {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &path.segments.last()?.arguments else {
        return None;
    };
    match args.args.iter().collect::<Vec<_>>().as_slice() {
        [GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}

/// Whether `path` is `Option::is_none`, spelled as [`option_inner`] accepts
/// `Option` (the `skip_serializing_if` that the runtime serialises cheaply).
pub(crate) fn is_option_is_none(path: &Path) -> bool {
    let names = segment_names(path);
    match names.split_last() {
        Some((last, option)) => last == "is_none" && spells_option(option, path),
        None => false,
    }
}

/// Whether the text types (`String`, `Secret<..>`) are named, by the last
/// path segment (a derive sees no resolved types).
pub(crate) fn is_text(ty: &Type) -> bool {
    match peel(ty) {
        Type::Path(path) if path.qself.is_none() => path.path.segments.last().is_some_and(|last| {
            (last.ident == "String" && last.arguments.is_none()) || last.ident == "Secret"
        }),
        _ => false,
    }
}

/// Whether a primitive number type is named (`i64`, `f64`…), whose literal
/// arguments must not go through `impl Into<_>` (they would be inferred `i32`).
pub(crate) fn is_number(ty: &Type) -> bool {
    const NUMBERS: &[&str] = &[
        "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize",
        "f32", "f64",
    ];
    match peel(ty) {
        Type::Path(path) if path.qself.is_none() => path
            .path
            .get_ident()
            .is_some_and(|ident| NUMBERS.iter().any(|n| ident == n)),
        _ => false,
    }
}

fn segment_names(path: &Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// Whether `names` (the leading segments of `path`) spell `Option`,
/// `core::option::Option` or `std::option::Option` (with or without `::`).
fn spells_option(names: &[String], path: &Path) -> bool {
    match names {
        [option] => option == "Option" && path.leading_colon.is_none(),
        [krate, module, option] => {
            (krate == "core" || krate == "std") && module == "option" && option == "Option"
        }
        _ => false,
    }
}

/// `ty` without the invisible groups `macro_rules!` wraps around `$t:ty`
/// fragments and without redundant parentheses.
pub(crate) fn peel(mut ty: &Type) -> &Type {
    loop {
        match ty {
            Type::Group(group) => ty = &group.elem,
            Type::Paren(paren) => ty = &paren.elem,
            _ => return ty,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;
    use syn::parse_quote;

    fn inner(ty: Type) -> Option<String> {
        option_inner(&ty).map(|t| t.to_token_stream().to_string())
    }

    #[test]
    fn recognises_the_spellings_of_option() {
        assert_eq!(inner(parse_quote!(Option<i64>)).as_deref(), Some("i64"));
        assert_eq!(
            inner(parse_quote!(Option<Vec<String>>)).as_deref(),
            Some("Vec < String >")
        );
        assert_eq!(
            inner(parse_quote!(::core::option::Option<u8>)).as_deref(),
            Some("u8")
        );
        assert_eq!(
            inner(parse_quote!(std::option::Option<u8>)).as_deref(),
            Some("u8")
        );
        assert_eq!(inner(parse_quote!((Option<u8>))).as_deref(), Some("u8"));
    }

    #[test]
    fn other_types_are_required() {
        assert_eq!(inner(parse_quote!(i64)), None);
        assert_eq!(inner(parse_quote!(Vec<Option<i64>>)), None);
        assert_eq!(inner(parse_quote!(my::Option<i64>)), None);
        assert_eq!(inner(parse_quote!(::Option<i64>)), None);
        assert_eq!(inner(parse_quote!(std::option::Option)), None);
        assert_eq!(inner(parse_quote!(Option<'a>)), None);
        assert_eq!(inner(parse_quote!(Option<A, B>)), None);
        assert_eq!(inner(parse_quote!(&Option<i64>)), None);
        assert_eq!(inner(parse_quote!(<T as X>::Option<i64>)), None);
    }

    #[test]
    fn recognises_option_is_none() {
        let is_none = |path: Path| is_option_is_none(&path);
        assert!(is_none(parse_quote!(Option::is_none)));
        assert!(is_none(parse_quote!(::core::option::Option::is_none)));
        assert!(is_none(parse_quote!(std::option::Option::is_none)));
        assert!(!is_none(parse_quote!(Option::is_some)));
        assert!(!is_none(parse_quote!(my::Option::is_none)));
        assert!(!is_none(parse_quote!(::Option::is_none)));
        assert!(!is_none(parse_quote!(is_none)));
    }

    #[test]
    fn recognises_text_types() {
        assert!(is_text(&parse_quote!(String)));
        assert!(is_text(&parse_quote!(std::string::String)));
        assert!(is_text(&parse_quote!(Secret<String>)));
        assert!(!is_text(&parse_quote!(i64)));
        assert!(!is_text(&parse_quote!(Vec<String>)));
        assert!(!is_text(&parse_quote!(&str)));
    }

    #[test]
    fn sees_through_macro_groups() {
        let ty = Type::Group(syn::TypeGroup {
            group_token: Default::default(),
            elem: Box::new(parse_quote!(Option<bool>)),
        });
        assert_eq!(inner(ty).as_deref(), Some("bool"));
    }
}
