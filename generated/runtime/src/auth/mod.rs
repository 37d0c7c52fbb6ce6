//! How requests prove who sends them: access tokens (obtained, cached and
//! refreshed as the spec declares) and signatures (computed by its rules).

pub mod sign;
pub mod token;
