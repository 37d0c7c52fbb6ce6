//! What generated code (and a hand-written endpoint) needs in scope:
//! `use oapi_runtime::prelude::*;` (or `oapi_client::prelude::*`) brings the
//! derives and their traits, and `__rt`, the path generated code reaches the
//! runtime's other items by.

pub use crate::endpoint::Endpoint;
pub use crate::paging::Paged;
pub use crate::paging::{ItemStream, PageStream};
pub use crate::secret::Secret;
pub use crate::validation::Validate;
pub use crate::{ApiResult, Result};
pub use oapi_macros::{Builder, Decode, Encode, Endpoint, OpenEnum, Paged, Validate};
pub use serde::{Deserialize, Serialize};

/// The runtime, as generated code names it (`__rt::runtime::spec::Gateway`):
/// one path whichever crate the code lands in.
#[doc(hidden)]
pub use crate as __rt;
