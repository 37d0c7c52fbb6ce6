//! Serialize, a hand-written Deserialize visitor, `value()`, `From`,
//! `Display` and `ParamValue`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

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
    let expecting = match model.kind {
        Kind::Integer => format!("an integer or a numeric string (`{ident}`)"),
        Kind::String => format!("a string or a number (`{ident}`)"),
    };

    let (value_fn, from, serialize, visit) = match model.kind {
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
            quote! {
                fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> ::core::result::Result<#ident, E> {
                    ::core::result::Result::Ok(#ident::from(value))
                }
                fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> ::core::result::Result<#ident, E> {
                    match i64::try_from(value) {
                        ::core::result::Result::Ok(value) => self.visit_i64(value),
                        ::core::result::Result::Err(_) => ::core::result::Result::Err(E::invalid_value(
                            ::serde::de::Unexpected::Unsigned(value), &self,
                        )),
                    }
                }
                fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> ::core::result::Result<#ident, E> {
                    // `2.0` is the integer 2; anything fractional is not a value of this enum.
                    if value.fract() == 0.0 && value >= i64::MIN as f64 && value < i64::MAX as f64 {
                        self.visit_i64(value as i64)
                    } else {
                        ::core::result::Result::Err(E::invalid_value(::serde::de::Unexpected::Float(value), &self))
                    }
                }
                fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::core::result::Result<#ident, E> {
                    match value.trim().parse::<i64>() {
                        ::core::result::Result::Ok(value) => self.visit_i64(value),
                        ::core::result::Result::Err(_) => ::core::result::Result::Err(E::invalid_value(
                            ::serde::de::Unexpected::Str(value), &self,
                        )),
                    }
                }
            },
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
            quote! {
                fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::core::result::Result<#ident, E> {
                    ::core::result::Result::Ok(#ident::from(value))
                }
                fn visit_string<E: ::serde::de::Error>(self, value: ::std::string::String) -> ::core::result::Result<#ident, E> {
                    ::core::result::Result::Ok(#ident::from(value))
                }
                fn visit_i64<E: ::serde::de::Error>(self, value: i64) -> ::core::result::Result<#ident, E> {
                    ::core::result::Result::Ok(#ident::from(::std::string::ToString::to_string(&value)))
                }
                fn visit_u64<E: ::serde::de::Error>(self, value: u64) -> ::core::result::Result<#ident, E> {
                    ::core::result::Result::Ok(#ident::from(::std::string::ToString::to_string(&value)))
                }
                fn visit_f64<E: ::serde::de::Error>(self, value: f64) -> ::core::result::Result<#ident, E> {
                    ::core::result::Result::Ok(#ident::from(::std::string::ToString::to_string(&value)))
                }
            },
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
                struct ValueVisitor;
                impl<'de> ::serde::de::Visitor<'de> for ValueVisitor {
                    type Value = #ident;
                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(#expecting)
                    }
                    #visit
                }
                deserializer.deserialize_any(ValueVisitor)
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
