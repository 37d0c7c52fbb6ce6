//! What generated code (and a hand-written endpoint) needs in scope:
//! `use oapi_client::prelude::*;` brings the derives and their traits (the
//! runtime's prelude).

pub use oapi_runtime::prelude::*;
