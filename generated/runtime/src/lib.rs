//! The hand-written runtime generated oapi clients call: validation, endpoint
//! binding, secrets, HTTP client, auth, rate limits, errors, retries, paging.
//!
//! Use it through `oapi-client`, which re-exports it as `oapi_client::runtime`
//! (and its main items at its root), or directly from a crate that generates
//! its own client in its build script (`oapi_codegen::Builder`). It is a
//! crate of its own because it does not depend on the spec: built once, it
//! is never recompiled when a spec changes, and the generated crate holds the
//! generated code alone.
//!
//! Its root has the same items as `oapi-client`'s, and `runtime` names the
//! crate itself, so generated code reads the same whichever crate it calls
//! (`<crate>::runtime::spec::Gateway`, `<crate>::Client`).

#![warn(missing_docs)]

pub mod auth;
pub mod builder;
pub mod client;
pub mod comma;
pub mod decode;
pub mod encode;
pub mod endpoint;
pub mod envelope;
pub mod error;
pub mod json_string;
pub mod lenient;
pub mod open_enum;
pub mod paging;
pub mod rate;
pub mod redact;
mod request;
pub mod retry;
pub mod secret;
pub mod spec;
mod transport;
mod urls;
pub mod validation;

pub mod prelude;

/// This crate, under the name generated code uses for the runtime
/// (`oapi_client::runtime` in `oapi-client`).
#[doc(hidden)]
pub use crate as runtime;
/// The JSON library of `json` fields (`serde_json::Value`): generated code
/// names it through the runtime, so a crate of generated code needs no
/// dependency of its own on it.
pub use serde_json;

pub use auth::sign::Signer;
pub use auth::token::{CachedToken, MemoryTokenStore, RefreshLock, TokenStore};
pub use builder::{ClientBuilder, Redirects};
pub use client::Client;
pub use endpoint::{Endpoint, EndpointInfo, Method, ParamValue, Params};
pub use error::{CodeClass, Error};
pub use oapi_macros::{Builder, Decode, Encode, Endpoint, OpenEnum, Paged, Validate};
pub use paging::{ItemStream, PageStream, Paged};
pub use rate::{LocalLimiter, RateLimiter};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use spec::{Gateway, Platform};
pub use validation::{FieldPath, Rule, Validate, ValidationError, Violation};

/// What every call returns.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The same as [`Result`], under a name generated modules can use even where
/// the spec names a type `Result` (as many platforms' responses do).
pub type ApiResult<T> = std::result::Result<T, Error>;
