// `new` takes the required fields (anything `Into` them), setters fill the
// optional ones (text as anything `Into` it, other types as they are); every
// spelling of `Option` counts; generics pass through.
#![deny(warnings)]
#![deny(missing_docs)]
//! A crate that documents everything: the generated methods are documented too.

use oapi_client::{Builder, Secret};

/// A request.
#[derive(Debug, PartialEq, Builder)]
pub struct CreateRequest {
    /// Title, required.
    pub title: String,
    /// Receivers, required.
    pub userid_list: Vec<String>,
    /// Author shown in the list.
    /// Defaults to the operator.
    pub author: Option<String>,
    /// Whether to push.
    pub push_top: ::core::option::Option<bool>,
    /// Category.
    pub r#type: std::option::Option<i64>,
    /// A credential.
    pub secret: Option<Secret>,
    /// Undocumented fields get a generated doc.
    pub extra: Option<u8>,
}

/// Only optional fields: `new()` takes nothing.
#[derive(Debug, Default, PartialEq, Builder)]
pub struct Filter {
    /// Cursor.
    pub cursor: Option<i64>,
}

/// Generic.
#[derive(Debug, PartialEq, Builder)]
pub struct Page<T> {
    /// Items.
    pub items: Vec<T>,
    /// Next.
    pub next: Option<T>,
}

fn main() {
    let request = CreateRequest::new("公告", vec!["u1".to_owned()])
        .author("张三")
        .push_top(true)
        .r#type(2)
        .secret("s3cret");
    assert_eq!(
        request,
        CreateRequest {
            title: "公告".into(),
            userid_list: vec!["u1".into()],
            author: Some("张三".into()),
            push_top: Some(true),
            r#type: Some(2),
            secret: Some(Secret::new("s3cret".into())),
            extra: None,
        }
    );
    assert_eq!(Filter::new(), Filter::default());
    assert_eq!(Filter::new().cursor(5).cursor, Some(5));
    assert_eq!(
        Page::new(vec![1u8]).next(2u8),
        Page {
            items: vec![1],
            next: Some(2)
        }
    );
}
