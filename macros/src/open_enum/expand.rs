//! Serialize, a Deserialize through the runtime's shared visitor
//! (`runtime::open_enum`), `value()`, `From`, `Display` and `ParamValue`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;
use syn::ext::IdentExt;

use super::{Kind, Model};

/// The impl(s) for a checked model.
pub(super) fn expand(model: &Model<'_>) -> TokenStream {
    let ident = &model.input.ident;
    let other = model.other;
    let names: Vec<&Ident> = model.known.iter().map(|(name, _)| *name).collect();
    let values: Vec<TokenStream> = model
        .known
        .iter()
        .map(|(_, value)| value.literal())
        .collect();
    let name = ident.unraw().to_string();

    let (value_fn, from, serialize, deserialize) = match model.kind {
        Kind::Integer => (
            quote! {
                /// The value as sent on the wire.
                #[inline]
                pub fn value(&self) -> i64 {
                    match self {
                        #(Self::#names => #values,)*
                        Self::#other(value) => *value,
                    }
                }
            },
            quote! {
                #[automatically_derived]
                impl ::core::convert::From<i64> for #ident {
                    #[inline]
                    fn from(value: i64) -> Self {
                        match value {
                            #(#values => Self::#names,)*
                            other => Self::#other(other),
                        }
                    }
                }
            },
            quote!(serializer.serialize_i64(self.value())),
            quote!(deserialize_int),
        ),
        Kind::String => (
            quote! {
                /// The value as sent on the wire.
                #[inline]
                pub fn value(&self) -> &str {
                    match self {
                        #(Self::#names => #values,)*
                        Self::#other(value) => value.as_str(),
                    }
                }
            },
            quote! {
                #[automatically_derived]
                impl ::core::convert::From<&str> for #ident {
                    #[inline]
                    fn from(value: &str) -> Self {
                        match value {
                            #(#values => Self::#names,)*
                            other => Self::#other(::std::string::String::from(other)),
                        }
                    }
                }
                #[automatically_derived]
                impl ::core::convert::From<::std::string::String> for #ident {
                    #[inline]
                    fn from(value: ::std::string::String) -> Self {
                        match value.as_str() {
                            #(#values => Self::#names,)*
                            _ => Self::#other(value),
                        }
                    }
                }
            },
            quote!(serializer.serialize_str(self.value())),
            quote!(deserialize_str),
        ),
    };

    quote! {
        #[automatically_derived]
        impl #ident {
            #value_fn
        }

        #from

        #[automatically_derived]
        impl ::core::fmt::Display for #ident {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Display::fmt(&self.value(), f)
            }
        }

        #[automatically_derived]
        impl ::serde::Serialize for #ident {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                #serialize
            }
        }

        #[automatically_derived]
        impl<'de> ::serde::Deserialize<'de> for #ident {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                ::oapi_client::runtime::open_enum::#deserialize(deserializer, #name)
            }
        }

        #[automatically_derived]
        impl ::oapi_client::ParamValue for #ident {
            #[inline]
            fn to_param(&self) -> ::core::option::Option<::std::string::String> {
                ::core::option::Option::Some(::std::string::ToString::to_string(&self.value()))
            }
        }
    }
}
