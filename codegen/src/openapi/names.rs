//! Names in the exported document: operation ids, tags, component names.

use heck::ToPascalCase;

use super::Site;
use crate::ir::{Gateway, Group, Platform};

/// `<platform>.<group>.<endpoint>`, e.g. `dingtalk.blackboard.create`.
pub fn operation_id(site: &Site<'_>) -> String {
    format!("{}.{}", site.platform.module, site.endpoint.op_name)
}

/// The tag of a group: `<platform>.<group>`, e.g. `dingtalk.blackboard`
/// (the platform keeps two platforms' groups of the same name apart).
pub fn tag(platform: &Platform, group: &Group) -> String {
    format!("{}.{}", platform.module, group.module)
}

/// The component name of an endpoint's nested type before deduplication:
/// `<Platform><Group><Endpoint><Type>`, e.g. `DingtalkBlackboardCreateCreateRequest`.
pub fn component_name(site: &Site<'_>, type_name: &str) -> String {
    format!(
        "{}{}{}{}",
        pascal(&site.platform.module),
        pascal(&site.group.module),
        pascal(&site.endpoint.module),
        pascal(type_name)
    )
}

/// The name of a gateway's token security scheme: `<platform>.<gateway>.token`.
pub fn security_scheme(platform: &Platform, gateway: &Gateway) -> String {
    format!("{}.{}.token", platform.module, gateway.key)
}

/// What a server entry says about its gateway.
pub fn server_description(platform: &Platform, gateway: &Gateway) -> String {
    format!(
        "{} (`{}`), gateway `{}`",
        platform.doc, platform.module, gateway.key
    )
}

/// PascalCase of a module or type name, keeping only characters component
/// names allow (`^[a-zA-Z0-9._-]+$`).
fn pascal(name: &str) -> String {
    name.trim_start_matches("r#")
        .to_pascal_case()
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::pascal;

    #[test]
    fn pascal_names_are_component_safe() {
        assert_eq!(pascal("category_list"), "CategoryList");
        assert_eq!(pascal("r#type"), "Type");
        assert_eq!(pascal("CreateRequest"), "CreateRequest");
        assert_eq!(pascal("dingtalk"), "Dingtalk");
    }
}
