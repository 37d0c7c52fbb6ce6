/// The `blackboard` endpoints: `client.blackboard()`.
#[derive(Clone, Copy, Debug)]
pub struct Api<'a>(pub &'a ::oapi_client::Client);
impl<'a> Api<'a> {
    /// 创建公告
    ///
    /// `POST https://oapi.dingtalk.com/topapi/blackboard/create`
    ///
    /// Not idempotent: retried only when the request cannot have reached the platform.
    ///
    /// Documentation: <https://open.dingtalk.com/document/orgapp/create-an-announcement>
    pub async fn create(
        &self,
        request: &create::Request,
    ) -> ::core::result::Result<create::Response, ::oapi_client::Error> {
        self.0.call(request).await
    }
    /// 更新公告
    ///
    /// `POST https://oapi.dingtalk.com/topapi/blackboard/update`
    ///
    /// Not idempotent: retried only when the request cannot have reached the platform.
    pub async fn update(
        &self,
        request: &update::Request,
    ) -> ::core::result::Result<update::Response, ::oapi_client::Error> {
        self.0.call(request).await
    }
    /// 删除公告
    ///
    /// `POST https://oapi.dingtalk.com/topapi/blackboard/delete`
    ///
    /// Not idempotent: retried only when the request cannot have reached the platform.
    pub async fn delete(
        &self,
        request: &delete::Request,
    ) -> ::core::result::Result<delete::Response, ::oapi_client::Error> {
        self.0.call(request).await
    }
    /// 获取公告详情
    ///
    /// `POST https://oapi.dingtalk.com/topapi/blackboard/get`
    ///
    /// Idempotent: retried on throttling, 5xx and transport errors.
    pub async fn get(
        &self,
        request: &get::Request,
    ) -> ::core::result::Result<get::Response, ::oapi_client::Error> {
        self.0.call(request).await
    }
    /// 获取公告ID列表
    ///
    /// `POST https://oapi.dingtalk.com/topapi/blackboard/listids`
    ///
    /// Idempotent: retried on throttling, 5xx and transport errors.
    pub async fn listids(
        &self,
        request: &listids::Request,
    ) -> ::core::result::Result<listids::Response, ::oapi_client::Error> {
        self.0.call(request).await
    }
    /// Every page of [`Self::listids`], following the cursor from `request` to the end.
    pub fn listids_pages(
        &self,
        request: listids::Request,
    ) -> ::oapi_client::PageStream<'a, listids::Request> {
        self.0.pages(request)
    }
    /// Every item of [`Self::listids`], page after page; one page in memory at a time.
    pub fn listids_items(
        &self,
        request: listids::Request,
    ) -> ::oapi_client::ItemStream<'a, listids::Request> {
        self.0.items(request)
    }
    /// 获取公告分类列表
    ///
    /// `POST https://oapi.dingtalk.com/topapi/blackboard/category/list`
    ///
    /// Idempotent: retried on throttling, 5xx and transport errors.
    pub async fn category_list(
        &self,
        request: &category_list::Request,
    ) -> ::core::result::Result<category_list::Response, ::oapi_client::Error> {
        self.0.call(request).await
    }
    /// 获取用户可查看的公告
    ///
    /// `POST https://oapi.dingtalk.com/topapi/blackboard/listtopten`
    ///
    /// Idempotent: retried on throttling, 5xx and transport errors.
    pub async fn listtopten(
        &self,
        request: &listtopten::Request,
    ) -> ::core::result::Result<listtopten::Response, ::oapi_client::Error> {
        self.0.call(request).await
    }
}
/// 创建公告
///
/// `POST https://oapi.dingtalk.com/topapi/blackboard/create`
///
/// Not idempotent: retried only when the request cannot have reached the platform.
///
/// Documentation: <https://open.dingtalk.com/document/orgapp/create-an-announcement>
pub mod create {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/create.rs"));
}
/// 更新公告
///
/// `POST https://oapi.dingtalk.com/topapi/blackboard/update`
///
/// Not idempotent: retried only when the request cannot have reached the platform.
pub mod update {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/update.rs"));
}
/// 删除公告
///
/// `POST https://oapi.dingtalk.com/topapi/blackboard/delete`
///
/// Not idempotent: retried only when the request cannot have reached the platform.
pub mod delete {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/delete.rs"));
}
/// 获取公告详情
///
/// `POST https://oapi.dingtalk.com/topapi/blackboard/get`
///
/// Idempotent: retried on throttling, 5xx and transport errors.
pub mod get {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/get.rs"));
}
/// 获取公告ID列表
///
/// `POST https://oapi.dingtalk.com/topapi/blackboard/listids`
///
/// Idempotent: retried on throttling, 5xx and transport errors.
pub mod listids {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/listids.rs"));
}
/// 获取公告分类列表
///
/// `POST https://oapi.dingtalk.com/topapi/blackboard/category/list`
///
/// Idempotent: retried on throttling, 5xx and transport errors.
pub mod category_list {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/category_list.rs"));
}
/// 获取用户可查看的公告
///
/// `POST https://oapi.dingtalk.com/topapi/blackboard/listtopten`
///
/// Idempotent: retried on throttling, 5xx and transport errors.
pub mod listtopten {
    include!(concat!(env!("OUT_DIR"), "/dingtalk/blackboard/listtopten.rs"));
}
