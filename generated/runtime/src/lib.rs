//! The hand-written runtime generated oapi clients call: validation, endpoint
//! binding, secrets, HTTP client, auth, errors, retries, paging.
//!
//! Use it through `oapi-client`, which re-exports it as `oapi_client::runtime`
//! (and its main items at its root). It is a crate of its own because it does
//! not depend on the spec: built once, it is never recompiled when a spec
//! changes, and the generated crate holds the generated code alone.

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
