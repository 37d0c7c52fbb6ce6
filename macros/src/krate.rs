//! `#[oapi(crate = "path")]`: the path the derives' impls name the runtime
//! by, as serde's `#[serde(crate = "...")]`. The default, `::oapi_client`,
//! is what `oapi-client` and its generated code use; code generated into a
//! user's crate that depends on `oapi-runtime` alone says
//! `#[oapi(crate = "::oapi_runtime")]` (both crates' roots have the same items).

use proc_macro2::{Group, TokenStream, TokenTree};
use syn::{Attribute, LitStr};

/// The runtime path of the item, `::oapi_client` unless its attributes say otherwise.
pub(crate) fn path(attrs: &[Attribute]) -> syn::Result<Option<TokenStream>> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("oapi")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("crate") {
                let lit: LitStr = meta.value()?.parse()?;
                let path: syn::Path = lit.parse()?;
                found = Some(quote::quote!(#path));
                Ok(())
            } else {
                Err(meta.error("unknown `oapi` key: the only one is `crate = \"path\"`"))
            }
        })?;
    }
    Ok(found)
}

/// `tokens` with every `::oapi_client` path root replaced by `krate`.
pub(crate) fn replace(tokens: TokenStream, krate: &TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut index = 0;
    while index < trees.len() {
        let root = matches!(
            (&trees[index], trees.get(index + 1), trees.get(index + 2)),
            (TokenTree::Punct(a), Some(TokenTree::Punct(b)), Some(TokenTree::Ident(name)))
                if a.as_char() == ':' && b.as_char() == ':' && name == "oapi_client"
        );
        if root {
            out.extend(krate.clone());
            index += 3;
            continue;
        }
        match &trees[index] {
            TokenTree::Group(group) => {
                let mut replaced = Group::new(group.delimiter(), replace(group.stream(), krate));
                replaced.set_span(group.span());
                out.push(TokenTree::Group(replaced));
            }
            other => out.push(other.clone()),
        }
        index += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn every_root_is_replaced_and_nothing_else() {
        let tokens = quote!(impl ::oapi_client::Validate for X { fn f(p: &::oapi_client::FieldPath) { oapi_client::x(); } });
        let out = replace(tokens, &quote!(::oapi_runtime));
        let text = out.to_string();
        assert!(text.contains(":: oapi_runtime :: Validate"), "{text}");
        assert!(text.contains(":: oapi_runtime :: FieldPath"), "{text}");
        assert!(!text.contains(":: oapi_client"), "{text}");
        // A relative `oapi_client` (not a `::` root) is left alone.
        assert!(text.contains("oapi_client :: x"), "{text}");
    }

    #[test]
    fn the_attribute_is_read_and_checked() {
        let attrs: Vec<Attribute> = vec![syn::parse_quote!(#[oapi(crate = "::my::rt")])];
        assert_eq!(path(&attrs).unwrap().unwrap().to_string(), ":: my :: rt");
        let wrong: Vec<Attribute> = vec![syn::parse_quote!(#[oapi(krate = "x")])];
        assert!(path(&wrong).is_err());
        assert!(path(&[]).unwrap().is_none());
    }
}
