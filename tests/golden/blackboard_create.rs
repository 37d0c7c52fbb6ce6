#[allow(unused_imports)]
use ::oapi_client::prelude::*;
impl<'a> super::Api<'a> {
    /// 创建公告
    ///
    /// `POST https://oapi.dingtalk.com/topapi/blackboard/create` (not idempotent: retried only when it cannot have reached the platform).
    ///
    /// Documentation: <https://open.dingtalk.com/document/orgapp/create-an-announcement>
    ///
    /// ```no_run
    /// # async fn example(client: oapi_client::dingtalk::Client) -> Result<(), Box<dyn std::error::Error>> {
    /// use oapi_client::dingtalk::blackboard::create::*;
    /// let response = client.blackboard().create(&Request::new(CreateRequest::new("manager01", BlackboardReceiver::new(), "入职须知", "欢迎加入我们的大家庭"))).await?;
    /// # Ok(()) }
    /// ```
    #[inline]
    pub fn create<'r>(
        &self,
        request: &'r Request,
    ) -> impl ::core::future::Future<Output = ApiResult<Response>> + use<'a, 'r> {
        self.0.call(request)
    }
}
/// Request of 创建公告
#[derive(Debug, Clone, Encode, Validate, Builder, Endpoint)]
#[cfg_attr(feature = "roundtrip", derive(Deserialize, PartialEq))]
#[endpoint(method = POST, path = "/topapi/blackboard/create")]
#[endpoint(gateway = super::super::OAPI, response = Response)]
#[endpoint(name = "blackboard.create", idempotent = false)]
pub struct Request {
    /// 请求对象。
    #[validate(nested)]
    pub create_request: CreateRequest,
}
/// Response of 创建公告
#[derive(Debug, Clone, Decode, Default)]
#[cfg_attr(feature = "roundtrip", derive(Serialize, PartialEq))]
pub struct Response {
    /// 是否创建成功。
    pub result: Option<bool>,
}
/// 请求对象。
#[derive(Debug, Clone, Encode, Validate, Builder)]
#[cfg_attr(feature = "roundtrip", derive(Deserialize, PartialEq))]
pub struct CreateRequest {
    /// 操作人的userId，必须是公告管理员。
    pub operation_userid: String,
    /// 公告作者。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// 保密等级。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private_level: Option<PrivateLevel>,
    /// 是否发送应用内钉提醒：true 发送，false 不发送。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ding: Option<bool>,
    /// 公告接收人。
    #[validate(nested)]
    pub blackboard_receiver: BlackboardReceiver,
    /// 公告标题。
    pub title: String,
    /// 公告是否置顶：true 置顶，false 不置顶。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub push_top: Option<bool>,
    /// 公告内容。
    pub content: String,
    /// 公告分类ID。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category_id: Option<String>,
    /// 封面图，格式为@mediaId。可以通过上传媒体文件接口上传图片，获取media_id参数值。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverpic_mediaid: Option<String>,
    /// 附件是否可下载，默认true。 Default: `true`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub downloadable: Option<bool>,
    /// 公告附件列表。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attachments: Option<Vec<Attachment>>,
}
/// 保密等级。
#[derive(Debug, Clone, PartialEq, Eq, Hash, OpenEnum)]
pub enum PrivateLevel {
    /// 普通公告
    #[value(0)]
    Normal,
    /// 保密公告
    #[value(20)]
    Confidential,
    /// A value the documentation does not list, kept as received.
    Other(i64),
}
/// 公告接收人。
#[derive(Debug, Clone, Encode, Validate, Builder)]
#[cfg_attr(feature = "roundtrip", derive(Deserialize, PartialEq))]
pub struct BlackboardReceiver {
    /// 接收部门ID列表，最大的列表长度为20。 Limits: at most 20 items.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(max_items = 20)]
    pub deptid_list: Option<Vec<i64>>,
    /// 接收人userId列表，最大的列表长度为1000。 Limits: at most 1000 items.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[validate(max_items = 1000)]
    pub userid_list: Option<Vec<String>>,
}
/// 公告附件列表。
#[derive(Debug, Clone, Encode, Validate, Builder)]
#[cfg_attr(feature = "roundtrip", derive(Deserialize, PartialEq))]
#[serde(rename_all = "camelCase")]
pub struct Attachment {
    /// 钉盘文件ID。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_id: Option<String>,
    /// 文件类型。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file_type: Option<String>,
    /// 文件名。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// 文件大小，单位字节。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<i64>,
    /// 钉盘空间ID。
    #[serde(skip_serializing_if = "Option::is_none")]
    pub space_id: Option<String>,
}
