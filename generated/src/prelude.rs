//! What generated code (and a hand-written endpoint) needs in scope:
//! `use oapi_client::prelude::*;` brings the derives and their traits.

pub use crate::runtime::endpoint::Endpoint;
pub use crate::runtime::paging::Paged;
pub use crate::runtime::paging::{ItemStream, PageStream};
pub use crate::runtime::secret::Secret;
pub use crate::runtime::validation::Validate;
pub use crate::{ApiResult, Result};
pub use oapi_macros::{Builder, Decode, Encode, Endpoint, OpenEnum, Paged, Validate};
pub use serde::{Deserialize, Serialize};
