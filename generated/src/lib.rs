//! Typed clients for DingTalk (钉钉) and 食亨 open-platform APIs.
//!
//! Everything under [`dingtalk`] and [`shiheng`] is generated at build time
//! from `spec/*.yaml` by `oapi-codegen`; [`runtime`] is the hand-written part
//! the generated code calls.

// Generated code names this crate `::oapi_client`, also from inside it.
extern crate self as oapi_client;

pub mod prelude;
pub mod runtime;

#[cfg(feature = "fake-server")]
pub mod fake;

pub use oapi_macros::{Builder, Endpoint, OpenEnum, Validate, include_spec};
pub use runtime::auth::sign::{Signer, TopMd5Signer};
pub use runtime::auth::token::{CachedToken, MemoryTokenStore, TokenStore};
pub use runtime::builder::ClientBuilder;
pub use runtime::client::Client;
pub use runtime::endpoint::{
    Auth, Endpoint, EndpointInfo, Envelope, Gateway, Method, ParamValue, Params, Platform,
    TokenEndpoint,
};
pub use runtime::error::Error;

/// What every call returns.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The same as [`Result`], under a name generated modules can use even where
/// the spec names a type `Result` (as many DingTalk responses do).
pub type ApiResult<T> = std::result::Result<T, Error>;

pub use runtime::paging::{ItemStream, PageStream, Paged};
pub use runtime::retry::RetryPolicy;
pub use runtime::secret::Secret;
pub use runtime::validation::{FieldPath, Rule, Validate, ValidationError, Violation};

include!(concat!(env!("OUT_DIR"), "/generated.rs"));
