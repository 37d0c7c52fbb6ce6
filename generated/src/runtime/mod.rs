//! The hand-written runtime the generated code calls: validation, endpoint
//! binding, secrets, HTTP client, auth, errors, retries.

pub mod auth;
pub mod builder;
pub mod client;
pub mod comma;
pub mod decode;
pub mod endpoint;
pub mod envelope;
pub mod error;
pub mod paging;
pub mod redact;
pub mod retry;
pub mod secret;
mod transport;
mod urls;
pub mod validation;
