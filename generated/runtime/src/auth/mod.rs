//! How requests prove who sends them: DingTalk access tokens, 食亨 signatures.

pub mod sign;
pub mod token;
