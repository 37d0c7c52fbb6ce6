//! The hand-written runtime the generated code calls: validation, endpoint
//! binding, secrets, HTTP client, auth, errors, retries.

pub mod comma;
pub mod endpoint;
pub mod secret;
pub mod validation;
