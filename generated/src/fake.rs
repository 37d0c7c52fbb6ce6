//! The embedded fake platform (feature `fake-server`): [`oapi_fake`]
//! serving the very spec files this crate was generated from, for the tour
//! example, the end-to-end tests and users' own tests.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use oapi_client::dingtalk;
//! use oapi_client::fake::{self, Fault};
//! let fake = fake::start().await?;
//! let client = fake.configure(dingtalk::Client::builder()).build()?;
//! fake.inject("dingtalk.report.list", Fault::code("90018"), 1);
//! # Ok(()) }
//! ```

pub use oapi_fake::*;

mod sources {
    include!(concat!(env!("OUT_DIR"), "/spec_sources.rs"));
}

/// Serves the specs this crate was generated from on `127.0.0.1` (an
/// ephemeral port).
pub async fn start() -> Result<FakePlatform, StartError> {
    FakePlatform::from_sources(&sources()).await
}

/// The spec files this crate was generated from, as `(name, text)`.
pub fn sources() -> Vec<(std::path::PathBuf, String)> {
    sources::SPEC_SOURCES
        .iter()
        .map(|(name, text)| (std::path::PathBuf::from(name), (*text).to_owned()))
        .collect()
}
