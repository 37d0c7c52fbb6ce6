//! What the spec format can hold, in one place: the writer ([`super::yaml`])
//! asks here how to write what the importer read, so a change of the
//! format (docs/spec-format.md, notes/spec-v2.md) is made here. What the
//! format cannot hold is written as a comment, never dropped silently.

use super::model::{Field, Note};

/// A field's type as written in a location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The type text.
    pub ty: String,
    /// Whether the nested fields, limits and format are written.
    pub whole: bool,
    /// What could not be written as read.
    pub notes: Vec<Note>,
}

/// How to write `field`'s type in `location` (`query`, `headers`,
/// `path_params`, `body`, `response`): a query, header or path value is
/// text, so a type that cannot travel as text is written `string` with a
/// TODO.
pub fn ty(field: &Field, location: &str) -> Written {
    let text = crate::types::parse(&field.ty).is_some_and(|t| t.is_scalar() || t.is_scalar_list());
    if matches!(location, "query" | "headers" | "path_params") && !text {
        return Written {
            ty: "string".to_owned(),
            whole: false,
            notes: vec![Note::todo(format!(
                "documented as `{}`, but a {location} value is text: written `string`; check the page",
                field.ty
            ))],
        };
    }
    Written {
        ty: field.ty.clone(),
        whole: true,
        notes: Vec::new(),
    }
}

/// The envelope declaration of an envelope kind the importer tells apart.
pub fn envelope(kind: &str) -> &'static [&'static str] {
    match kind {
        "errcode" => &["code: errcode", "ok: [0]", "message: errmsg"],
        "http_status" => &["success: http", "code: code", "message: message"],
        "code_msg" => &["code: code", "ok: [0]", "message: msg", "data: data"],
        _ => &["code: code", "ok: [0]", "message: msg", "data: result"],
    }
}

/// Where an envelope kind puts an answer's code and data, and whether its
/// success code is a number: an example that disagrees is not written.
pub fn envelope_keys(kind: &str) -> (Option<&'static str>, Option<&'static str>, bool) {
    match kind {
        "errcode" => (Some("errcode"), None, true),
        "http_status" => (None, None, true),
        "code_msg" => (Some("code"), Some("data"), true),
        _ => (Some("code"), Some("result"), true),
    }
}

/// What a gateway of this auth kind adds to every request (a flow mapping
/// under `request:`), if anything.
pub fn request(auth: &str) -> Option<&'static str> {
    match auth {
        "query_token" => Some("{query: {access_token: {token: app}}}"),
        "header_token" => Some("{headers: {x-acs-dingtalk-access-token: {token: app}}}"),
        "bearer" => Some("{headers: {Authorization: {token: app, prefix: \"Bearer \"}}}"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(ty: &str) -> Field {
        Field {
            name: "x".into(),
            ty: ty.into(),
            ..Field::default()
        }
    }

    #[test]
    fn text_locations() {
        assert_eq!(ty(&field("int32[]"), "query").ty, "int32[]");
        let map = ty(&field("map<string, string>"), "query");
        assert_eq!((map.ty.as_str(), map.whole), ("string", false));
        assert!(map.notes.iter().any(|n| n.todo));
        assert_eq!(
            ty(&field("map<string, object>"), "body").ty,
            "map<string, object>"
        );
        assert_eq!(envelope("errcode")[0], "code: errcode");
        assert!(request("bearer").is_some_and(|r| r.contains("Bearer ")));
        assert_eq!(request("none"), None);
    }
}
