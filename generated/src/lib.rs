//! Typed clients for DingTalk (钉钉) and 食亨 open-platform APIs.
//!
//! Everything under [`dingtalk`] and [`shiheng`] is generated at build time
//! from `spec/*.yaml` by `oapi-codegen`: one module per API group, one per
//! endpoint with its `Request`, `Response` and nested types, and one method
//! per endpoint on the group's `Api` (`client.blackboard().create(&request)`),
//! plus `<endpoint>_pages`/`<endpoint>_items` streams for paged endpoints.
//! [`runtime`] is the hand-written part the generated code calls: HTTP,
//! tokens, signing, errors, retries, paging.
//!
//! # Quickstart
//!
//! ```
//! # #[cfg(feature = "fake-server")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let fake = oapi_client::fake::start().await?;
//! # let (app_key, app_secret) = (oapi_client::fake::credential("dingtalk", "app_key"), oapi_client::fake::credential("dingtalk", "app_secret"));
//! use futures::TryStreamExt;
//! use oapi_client::dingtalk::{self, hrm::querypreentry};
//!
//! // One client per app: cheap to clone; tokens are fetched and cached for you.
//! let client = dingtalk::Client::builder()
//!     .credentials(app_key, app_secret)
//! #   .base_url("oapi", fake.gateway_url("dingtalk", "oapi"))
//!     .build()?;
//!
//! // One page: required fields are `new` arguments, limits are checked before sending.
//! let page = client.hrm().querypreentry(&querypreentry::Request::new(0, 50)).await?;
//! let first = page.result.and_then(|r| r.data_list).unwrap_or_default();
//!
//! // Every item, following the documented cursor to the end.
//! let all: Vec<String> = client.hrm().querypreentry_items(querypreentry::Request::new(0, 50)).try_collect().await?;
//! assert!(all.len() >= first.len());
//!
//! // A documented limit broken: an error naming the field, rule and value; nothing sent.
//! let err = client.hrm().querypreentry(&querypreentry::Request::new(0, 51)).await.unwrap_err();
//! assert!(err.to_string().contains("`size` must be at most 50 (max = 50), got 51"));
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "fake-server"))]
//! # fn main() {}
//! ```
//!
//! See the repository README for the spec format, configuration, errors and retries.

#![warn(missing_docs)]

// Generated code names this crate `::oapi_client`, also from inside it.
extern crate self as oapi_client;

pub mod prelude;
// The hand-written runtime: its own crate, `oapi-runtime`, so that it is not
// recompiled when a spec changes; documented here as this crate's module.
#[doc(inline)]
pub use oapi_runtime as runtime;

#[cfg(feature = "fake-server")]
pub mod fake;

pub use oapi_macros::include_spec;
pub use oapi_runtime::serde_json;
// The runtime's root items, as this crate's.
pub use oapi_runtime::{
    ApiResult, Builder, CachedToken, Client, ClientBuilder, CodeClass, Decode, Encode, Endpoint,
    EndpointInfo, Error, FieldPath, Gateway, ItemStream, LocalLimiter, MemoryTokenStore, Method,
    OpenEnum, PageStream, Paged, ParamValue, Params, Platform, RateLimiter, Redirects, RefreshLock,
    Result, RetryPolicy, Rule, Secret, Signer, TokenStore, Validate, ValidationError, Violation,
};

include!(concat!(env!("OUT_DIR"), "/generated.rs"));

#[cfg(all(test, feature = "fake-server"))]
mod client_logs_test;
