//! The platform's declared facts as runtime data: gateway constants and the
//! hidden `__spec` module (tokens, envelopes, signing rules), all
//! `runtime::spec` values the runtime interprets. Nothing about
//! a platform is coded into the runtime; it is all here, from the YAML.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::docs::str_literal;
use crate::ir::*;

/// `runtime::spec::…`.
fn spec_path(name: &str) -> TokenStream {
    let name = format_ident!("{}", name);
    quote!(__rt::runtime::spec::#name)
}

/// `pub const OAPI: Gateway = …;`
pub fn gateway(gateway: &Gateway) -> TokenStream {
    let name = format_ident!("{}", gateway.const_name);
    let key = &gateway.key;
    let url = &gateway.base_url;
    let envelope = format_ident!("{}", gateway.envelope);
    let request = request_shape(&gateway.request);
    let limits = rate_limits(&gateway.rate_limits);
    let doc = super::docs::doc_attrs(&format!("Host `{key}`: <{url}>."));
    let ty = spec_path("Gateway");
    quote! {
        #doc
        pub const #name: #ty = #ty {
            name: #key, base_url: #url, envelope: &__spec::#envelope,
            request: #request, rate_limits: #limits,
        };
    }
}

/// The hidden module of tokens, envelopes and signing rules.
pub fn spec_module(platform: &Platform) -> TokenStream {
    let tokens = platform.tokens.iter().map(token);
    let envelopes = platform.envelopes.iter().map(envelope);
    let signing = platform.signing.iter().map(signing);
    quote! {
        /// The platform's tokens, envelopes and signing rules, as declared in its spec.
        #[doc(hidden)]
        #[allow(dead_code)]
        pub mod __spec {
            #[allow(unused_imports)]
            use super::__rt;
            #(#tokens)*
            #(#envelopes)*
            #(#signing)*
        }
    }
}

fn strs(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn token(token: &Token) -> TokenStream {
    let name = format_ident!("{}", token.const_name);
    let ty = spec_path("Token");
    let (spec_name, gateway, path, token_path) = (
        &token.name,
        token_gateway(token),
        &token.path,
        &token.token_path,
    );
    let method = format_ident!("{}", token.method.variant());
    let send = format_ident!(
        "{}",
        match token.send {
            Send::Query => "Query",
            Send::Form => "Form",
            Send::Json => "Json",
        }
    );
    let send_ty = spec_path("Send");
    let params = values(&token.params);
    let lifetime_ty = spec_path("Lifetime");
    let lifetime = match &token.lifetime {
        Lifetime::Path { path, millis } => {
            quote!(#lifetime_ty::Path { path: #path, millis: #millis })
        }
        Lifetime::Fixed(seconds) => quote!(#lifetime_ty::Fixed(#seconds)),
    };
    let refresh = token.refresh_before;
    let envelope = format_ident!("{}", token.envelope);
    quote! {
        pub const #name: #ty = #ty {
            name: #spec_name, gateway: #gateway, method: __rt::Method::#method, path: #path,
            send: #send_ty::#send, params: #params, token: #token_path, lifetime: #lifetime,
            refresh_before_secs: #refresh, envelope: &#envelope,
        };
    }
}

/// A token's gateway, by name (a const cannot point back at the gateway that points at it).
fn token_gateway(token: &Token) -> &str {
    &token.gateway
}

fn envelope(envelope: &Envelope) -> TokenStream {
    let name = format_ident!("{}", envelope.const_name);
    let ty = spec_path("Envelope");
    let success_ty = spec_path("Success");
    let success = match envelope.success {
        Success::Code => quote!(#success_ty::Code),
        Success::Http => quote!(#success_ty::Http),
    };
    let (code, message, request_id, sub_code, sub_message, data, nested) = (
        &envelope.code,
        &envelope.message,
        &envelope.request_id,
        &envelope.sub_code,
        &envelope.sub_message,
        &envelope.data,
        &envelope.nested,
    );
    let ok = strs(&envelope.ok);
    let token_codes = strs(&envelope.token_codes);
    let throttled = strs(&envelope.throttled_codes);
    let busy = strs(&envelope.busy_codes);
    let invalid = strs(&envelope.invalid_codes);
    let denied = strs(&envelope.denied_codes);
    let banned = envelope.html_banned;
    quote! {
        pub const #name: #ty = #ty {
            success: #success, code: #code, ok: #ok, message: #message, request_id: #request_id,
            sub_code: #sub_code, sub_message: #sub_message, data: #data, nested: #nested,
            token_codes: #token_codes, throttled_codes: #throttled, busy_codes: #busy,
            invalid_codes: #invalid, denied_codes: #denied,
            html_banned: #banned,
        };
    }
}

fn signing(signing: &Signing) -> TokenStream {
    let name = format_ident!("{}", signing.const_name);
    let ty = spec_path("Signing");
    let spec_name = &signing.name;
    let digest = format_ident!(
        "{}",
        match signing.digest {
            Digest::Md5 => "Md5",
            Digest::Sha1 => "Sha1",
            Digest::Sha256 => "Sha256",
            Digest::HmacSha256 => "HmacSha256",
            Digest::HmacMd5 => "HmacMd5",
        }
    );
    let encoding = format_ident!(
        "{}",
        match signing.encoding {
            DigestEncoding::Hex => "Hex",
            DigestEncoding::HexUpper => "HexUpper",
            DigestEncoding::Base64 => "Base64",
        }
    );
    let join = format_ident!(
        "{}",
        match signing.join {
            Join::NameValue => "NameValue",
            Join::Query => "Query",
            Join::Values => "Values",
        }
    );
    let params = match &signing.params {
        Some(names) => {
            let names = strs(names);
            quote!(::core::option::Option::Some(#names))
        }
        None => quote!(::core::option::Option::None),
    };
    let sorted = signing.sorted;
    let secret = &signing.secret;
    let at_ty = spec_path("SecretAt");
    let at = match &signing.secret_at {
        SecretAt::Prefix => quote!(#at_ty::Prefix),
        SecretAt::Suffix => quote!(#at_ty::Suffix),
        SecretAt::Both => quote!(#at_ty::Both),
        SecretAt::Param(param) => quote!(#at_ty::Param(#param)),
        SecretAt::Key => quote!(#at_ty::Key),
    };
    let (digest_ty, encoding_ty, join_ty) = (
        spec_path("Digest"),
        spec_path("DigestEncoding"),
        spec_path("Join"),
    );
    quote! {
        pub const #name: #ty = #ty {
            name: #spec_name, digest: #digest_ty::#digest, encoding: #encoding_ty::#encoding,
            params: #params, sorted: #sorted, join: #join_ty::#join, secret: #secret, secret_at: #at,
        };
    }
}

fn request_shape(shape: &RequestShape) -> TokenStream {
    let ty = spec_path("RequestShape");
    let format = match shape.format {
        BodyFormat::Json => quote!(__rt::runtime::spec::BodyFormat::Json),
        BodyFormat::Form => quote!(__rt::runtime::spec::BodyFormat::Form),
    };
    let query = values(&shape.query);
    let headers = values(&shape.headers);
    let body = match &shape.body {
        Some(body) => {
            let body = values(body);
            quote!(::core::option::Option::Some(#body))
        }
        None => quote!(::core::option::Option::None),
    };
    quote!(#ty { format: #format, query: #query, headers: #headers, body: #body })
}

/// `&[("name", Value::…), …]`.
fn values(values: &[(String, Value)]) -> TokenStream {
    let items = values.iter().map(|(name, v)| {
        let value = value(v);
        quote!((#name, #value))
    });
    quote!(&[#(#items),*])
}

fn value(value: &Value) -> TokenStream {
    let ty = spec_path("Value");
    match value {
        Value::Credential(name) => quote!(#ty::Credential(#name)),
        Value::Literal(text) => {
            let text = str_literal(text);
            quote!(#ty::Literal(#text))
        }
        Value::Token { token, prefix } => {
            let token = format_ident!("{}", token);
            quote!(#ty::Token { token: &__spec::#token, prefix: #prefix })
        }
        Value::Timestamp(format) => {
            let format_ty = spec_path("TimeFormat");
            let format = match format {
                TimeFormat::Millis => quote!(#format_ty::Millis),
                TimeFormat::Seconds => quote!(#format_ty::Seconds),
                TimeFormat::Pattern(pattern) => quote!(#format_ty::Pattern(#pattern)),
            };
            quote!(#ty::Timestamp(#format))
        }
        Value::Nonce(length) => quote!(#ty::Nonce(#length)),
        Value::Signature(name) => {
            let name = format_ident!("{}", name);
            quote!(#ty::Signature(&__spec::#name))
        }
        Value::Params { how, omit_empty } => {
            let as_ty = spec_path("ParamsAs");
            let how = match how {
                ParamsAs::Object => quote!(#as_ty::Object),
                ParamsAs::String => quote!(#as_ty::String),
                ParamsAs::Merge => quote!(#as_ty::Merge),
            };
            quote!(#ty::Params { how: #how, omit_empty: #omit_empty })
        }
    }
}

/// `&[RateLimit { … }, …]`.
pub fn rate_limits(limits: &[RateLimit]) -> TokenStream {
    let ty = spec_path("RateLimit");
    let scope = spec_path("Scope");
    let items = limits.iter().map(|limit| {
        let per = format_ident!(
            "{}",
            match limit.per.as_str() {
                "app_gateway" => "AppGateway",
                "app_endpoint" => "AppEndpoint",
                _ => "App",
            }
        );
        let (count, window) = (limit.limit, limit.window_ms);
        quote!(#ty { per: #scope::#per, limit: #count, window_ms: #window })
    });
    quote!(&[#(#items),*])
}
