/// The `blackboard` endpoints: `client.blackboard()`.
#[derive(Clone, Copy, Debug)]
pub struct Api<'a>(pub &'a ::oapi_client::Client);
/// 创建公告: types of [`Api::create`].
pub mod create {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/create.rs"));
}
/// 更新公告: types of [`Api::update`].
pub mod update {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/update.rs"));
}
/// 删除公告: types of [`Api::delete`].
pub mod delete {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/delete.rs"));
}
/// 获取公告详情: types of [`Api::get`].
pub mod get {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/get.rs"));
}
/// 获取公告ID列表: types of [`Api::listids`].
pub mod listids {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/listids.rs"));
}
/// 获取公告分类列表: types of [`Api::category_list`].
pub mod category_list {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/category_list.rs"));
}
/// 获取用户可查看的公告: types of [`Api::listtopten`].
pub mod listtopten {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/listtopten.rs"));
}
