//! One module per API group; each exposes `routes()`.

pub(crate) mod api;
pub(crate) mod attendance;
pub(crate) mod blackboard;
pub(crate) mod hrm;
pub(crate) mod report;
pub(crate) mod shiheng;
pub(crate) mod token;
