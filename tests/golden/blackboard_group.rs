#[allow(unused_imports)]
use ::oapi_client::prelude::*;
/// The `blackboard` endpoints: `client.blackboard()`.
#[derive(Clone, Copy, Debug)]
pub struct Api<'a>(pub &'a __rt::Client);
/// Types of [`Api::create`].
pub mod create {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/create.rs"));
}
/// Types of [`Api::update`].
pub mod update {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/update.rs"));
}
/// Types of [`Api::delete`].
pub mod delete {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/delete.rs"));
}
/// Types of [`Api::get`].
pub mod get {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/get.rs"));
}
/// Types of [`Api::listids`].
pub mod listids {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/listids.rs"));
}
/// Types of [`Api::category_list`].
pub mod category_list {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/category_list.rs"));
}
/// Types of [`Api::listtopten`].
pub mod listtopten {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/listtopten.rs"));
}
