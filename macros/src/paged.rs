//! `#[derive(Paged)]`: binds a request to its paging style so the client can
//! stream every page or item.
//!
//! ```text
//! #[paging(style = offset, cursor = offset, next = result.next_cursor,
//!          items = result.data_list, item = String)]
//! ```
//! Request-side paths (`cursor`, `page`, `size`) are Rust field paths into the
//! request; response-side paths (`next`, `has_more`, `items`, `pages`) are
//! field paths into the response, whose fields are all `Option`s; `item_id`
//! is a field of the item (`last_id` style).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::{DeriveInput, Expr, Ident, Type};

use crate::attr;
use crate::errors::Errors;
use crate::suggest;

const KEYS: &[&str] = &[
    "style", "cursor", "page", "size", "next", "has_more", "items", "item", "item_id", "pages",
    "total",
];
const STYLES: &[&str] = &["cursor", "offset", "offset_count", "page", "last_id"];

/// What `#[paging(...)]` says.
#[derive(Default)]
struct Paging {
    style: Option<Ident>,
    /// A `style` was written (possibly wrong, already reported): no "missing" error.
    style_written: bool,
    cursor: Option<Vec<Ident>>,
    page: Option<Vec<Ident>>,
    size: Option<Vec<Ident>>,
    next: Option<Vec<Ident>>,
    has_more: Option<Vec<Ident>>,
    items: Option<Vec<Ident>>,
    item: Option<Type>,
    item_id: Option<Vec<Ident>>,
    pages: Option<Vec<Ident>>,
    total: Option<Vec<Ident>>,
}

/// Expands the derive.
pub(crate) fn derive(input: &DeriveInput) -> syn::Result<TokenStream> {
    let mut errors = Errors::default();
    // Several #[paging(...)] attributes merge (keeps each short); a key may appear once.
    let attributes: Vec<&syn::Attribute> = input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("paging"))
        .collect();
    let Some(attribute) = attributes.first().copied() else {
        return Err(syn::Error::new(
            input.ident.span(),
            "#[derive(Paged)] needs #[paging(style = ..., items = ..., item = ...)]",
        ));
    };
    let mut paging = Paging::default();
    for attribute in &attributes {
        let result = attribute.parse_nested_meta(|meta| paging.key(&meta, &mut errors));
        errors.ok(result);
    }
    let expansion = expand(input, &paging, attribute, &mut errors);
    errors.finish()?;
    Ok(expansion)
}

impl Paging {
    fn key(
        &mut self,
        meta: &syn::meta::ParseNestedMeta<'_>,
        errors: &mut Errors,
    ) -> syn::Result<()> {
        let key = attr::key_name(&meta.path);
        if key == "item" && meta.input.peek(syn::Token![=]) {
            // A type, not an expression: `item = Vec<Row>` does not parse as one.
            let item: Type = meta.value()?.parse()?;
            if self.item.replace(item).is_some() {
                errors.spanned(&meta.path, "duplicate key `item`");
            }
            return Ok(());
        }
        let Some(expr) = attr::value(meta, &format!("{key} = ..."), errors)? else {
            return Ok(());
        };
        match key.as_str() {
            "style" => match attr::bare_ident(&expr) {
                _ if std::mem::replace(&mut self.style_written, true) => {
                    errors.spanned(&meta.path, "duplicate key `style`")
                }
                Some(style) if STYLES.contains(&style.to_string().as_str()) => {
                    self.style = Some(style.clone())
                }
                _ => errors.spanned(
                    &expr,
                    format!(
                        "unknown paging style{} (expected {})",
                        suggest::did_you_mean(&quote!(#expr).to_string(), STYLES),
                        suggest::one_of(STYLES)
                    ),
                ),
            },
            _ => {
                let slot = match key.as_str() {
                    "cursor" => &mut self.cursor,
                    "page" => &mut self.page,
                    "size" => &mut self.size,
                    "next" => &mut self.next,
                    "has_more" => &mut self.has_more,
                    "items" => &mut self.items,
                    "item_id" => &mut self.item_id,
                    "pages" => &mut self.pages,
                    "total" => &mut self.total,
                    _ => {
                        errors.spanned(
                            &meta.path,
                            suggest::unknown_key(&key, "#[paging(...)]", KEYS),
                        );
                        return Ok(());
                    }
                };
                let Some(path) = field_path(&expr, errors) else {
                    return Ok(());
                };
                if slot.replace(path).is_some() {
                    errors.spanned(&meta.path, format!("duplicate key `{key}`"));
                }
            }
        }
        Ok(())
    }
}

/// `a.b.c` (or `a`) as its identifiers.
fn field_path(expr: &Expr, errors: &mut Errors) -> Option<Vec<Ident>> {
    let mut parts = Vec::new();
    let mut current = expr;
    loop {
        match current {
            Expr::Field(field) => {
                match &field.member {
                    syn::Member::Named(ident) => parts.push(ident.clone()),
                    syn::Member::Unnamed(_) => break,
                }
                current = &field.base;
            }
            Expr::Path(path) if path.qself.is_none() => match path.path.get_ident() {
                Some(ident) => {
                    parts.push(ident.clone());
                    parts.reverse();
                    return Some(parts);
                }
                None => break,
            },
            _ => break,
        }
    }
    errors.spanned(expr, "expected a field path like `result.next_cursor`");
    None
}

fn expand(
    input: &DeriveInput,
    paging: &Paging,
    attribute: &syn::Attribute,
    errors: &mut Errors,
) -> TokenStream {
    let name = &input.ident;
    let mut require = |value: Option<&Vec<Ident>>, key: &str, style: &str| -> Vec<Ident> {
        match value {
            Some(path) => path.clone(),
            None => {
                errors.spanned(
                    attribute,
                    format!("paging style `{style}` needs `{key} = ...`"),
                );
                vec![Ident::new("missing", Span::call_site())]
            }
        }
    };
    let Some(style) = &paging.style else {
        if paging.style_written {
            return TokenStream::new();
        }
        errors.spanned(
            attribute,
            format!(
                "#[paging(...)] needs `style = ...`: one of {}",
                suggest::one_of(STYLES)
            ),
        );
        return TokenStream::new();
    };
    let style_name = style.to_string();
    let items = require(paging.items.as_ref(), "items", &style_name);
    let Some(item) = &paging.item else {
        errors.spanned(
            attribute,
            "#[paging(...)] needs `item = Type`: the type of one item",
        );
        return TokenStream::new();
    };
    let rt = quote!(::oapi_client::runtime::paging);
    let borrowed_items = response_chain(&items, Access::Slice);
    let owned_items = response_chain(&items, Access::Owned);
    let has_more = match &paging.has_more {
        Some(path) => response_chain(path, Access::Copy),
        None => quote!(::core::option::Option::None),
    };
    // Counts (`pages`, `total`) as i64, whichever integer type they are.
    let optional = |path: Option<&Vec<Ident>>| match path {
        Some(path) => {
            let count = response_chain(path, Access::Copy);
            quote!(::core::option::Option::map(#count, ::core::convert::Into::<i64>::into))
        }
        None => quote!(::core::option::Option::None),
    };
    let (variant, step) = match style_name.as_str() {
        "offset" | "cursor" | "last_id" => {
            let cursor = require(paging.cursor.as_ref(), "cursor", &style_name);
            let next = if style_name == "last_id" {
                let id = require(paging.item_id.as_ref(), "item_id", &style_name);
                quote! {
                    match <Self as #rt::Paged>::items(response).last() {
                        ::core::option::Option::Some(item) => ::core::clone::Clone::clone(&item.#(#id).*),
                        ::core::option::Option::None => ::core::option::Option::None,
                    }
                }
            } else {
                response_chain(
                    &require(paging.next.as_ref(), "next", &style_name),
                    Access::Clone,
                )
            };
            let step = quote! {
                match #rt::follow_cursor(&self.#(#cursor).*, #next, #has_more) {
                    ::core::result::Result::Ok(::core::option::Option::Some(value)) => {
                        let mut request = ::core::clone::Clone::clone(self);
                        #rt::CursorSlot::set(&mut request.#(#cursor).*, value);
                        ::core::result::Result::Ok(::core::option::Option::Some(request))
                    }
                    ::core::result::Result::Ok(::core::option::Option::None) => {
                        ::core::result::Result::Ok(::core::option::Option::None)
                    }
                    ::core::result::Result::Err(error) => ::core::result::Result::Err(error),
                }
            };
            let variant = match style_name.as_str() {
                "offset" => quote!(Offset),
                "cursor" => quote!(Cursor),
                _ => quote!(LastId),
            };
            (variant, step)
        }
        _ => {
            let slot = if style_name == "page" {
                require(paging.page.as_ref(), "page", &style_name)
            } else {
                require(paging.cursor.as_ref(), "cursor", &style_name)
            };
            let size = require(paging.size.as_ref(), "size", &style_name);
            let pages = optional(paging.pages.as_ref());
            let total = optional(paging.total.as_ref());
            let function = if style_name == "page" {
                quote!(next_page_number)
            } else {
                quote!(next_offset)
            };
            let step = quote! {
                match #rt::#function(
                    #rt::PageNumber::number(&self.#(#slot).*),
                    #rt::PageNumber::number(&self.#(#size).*),
                    #rt::PageEnd {
                        items: <Self as #rt::Paged>::items(response).len(),
                        has_more: #has_more,
                        pages: #pages,
                        total: #total,
                    },
                ) {
                    ::core::option::Option::Some(value) => {
                        let mut request = ::core::clone::Clone::clone(self);
                        #rt::CursorSlot::set(&mut request.#(#slot).*, ::core::convert::TryFrom::try_from(value).unwrap_or_default());
                        ::core::result::Result::Ok(::core::option::Option::Some(request))
                    }
                    ::core::option::Option::None => ::core::result::Result::Ok(::core::option::Option::None),
                }
            };
            let variant = if style_name == "page" {
                quote!(Page)
            } else {
                quote!(OffsetCount)
            };
            (variant, step)
        }
    };
    let (impl_generics, type_generics, where_clause) = input.generics.split_for_impl();
    quote! {
        impl #impl_generics #rt::Paged for #name #type_generics #where_clause {
            type Item = #item;
            const STYLE: #rt::PagingStyle = #rt::PagingStyle::#variant;
            #[inline]
            fn items(response: &<Self as ::oapi_client::Endpoint>::Response) -> &[#item] {
                #borrowed_items
            }
            #[inline]
            fn into_items(response: <Self as ::oapi_client::Endpoint>::Response) -> ::std::vec::Vec<#item> {
                #owned_items
            }
            #[inline]
            fn next_page(
                &self,
                response: &<Self as ::oapi_client::Endpoint>::Response,
            ) -> ::core::result::Result<::core::option::Option<Self>, #rt::PagingError> {
                #step
            }
        }
    }
}

/// How the last field of a response path is read.
#[derive(Clone, Copy, PartialEq)]
enum Access {
    /// `&[T]` of an `Option<Vec<T>>`, empty when absent.
    Slice,
    /// `Vec<T>` moved out, empty when absent.
    Owned,
    /// `Option<T>` cloned.
    Clone,
    /// `Option<T>` copied (flags, counts).
    Copy,
}

/// Reads a path of `Option` fields from `response` with nested `match`es
/// (no closures: each would be one more body for rustc to check per endpoint).
fn response_chain(path: &[Ident], access: Access) -> TokenStream {
    let Some((last, parents)) = path.split_last() else {
        return quote!(::core::option::Option::None);
    };
    let none = match access {
        Access::Slice => quote!(&[]),
        Access::Owned => quote!(::std::vec::Vec::new()),
        Access::Clone | Access::Copy => quote!(::core::option::Option::None),
    };
    let holder = |depth: usize| {
        if depth == 0 {
            quote!(response)
        } else {
            quote!(value)
        }
    };
    let owner = holder(parents.len());
    let mut expr = match access {
        Access::Slice => quote! {
            match &#owner.#last {
                ::core::option::Option::Some(items) => items.as_slice(),
                ::core::option::Option::None => #none,
            }
        },
        Access::Owned => quote! {
            match #owner.#last {
                ::core::option::Option::Some(items) => items,
                ::core::option::Option::None => #none,
            }
        },
        Access::Clone => quote!(::core::clone::Clone::clone(&#owner.#last)),
        Access::Copy => quote!(#owner.#last),
    };
    for (depth, field) in parents.iter().enumerate().rev() {
        let parent = holder(depth);
        let place = if access == Access::Owned {
            quote!(#parent.#field)
        } else {
            quote!(&#parent.#field)
        };
        expr = quote! {
            match #place {
                ::core::option::Option::Some(value) => #expr,
                ::core::option::Option::None => #none,
            }
        };
    }
    expr
}
