//! Rust names for spec names: every wire name becomes a valid identifier
//! (`deptList` → `dept_list`, `x-acs-…` → `x_acs_…`, `type` → `r#type`).

use heck::{ToPascalCase, ToShoutySnakeCase, ToSnakeCase};

/// Keywords that can be raw identifiers (`r#type`).
const RAW_OK: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false",
    "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref",
    "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where", "while",
    "abstract", "become", "box", "do", "final", "gen", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// Keywords that cannot be raw identifiers: suffixed with `_` instead.
const NEVER_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A snake_case identifier for a field, module or method name.
pub fn snake_ident(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let mut snake = cleaned.to_snake_case();
    if snake.is_empty() {
        snake = "field".into();
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, '_');
    }
    keyword_safe(snake)
}

/// A PascalCase type or variant name.
pub fn pascal_ident(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let mut pascal = cleaned.to_pascal_case();
    if pascal.is_empty() || pascal.starts_with(|c: char| c.is_ascii_digit()) {
        pascal.insert(0, 'V');
    }
    keyword_safe(pascal)
}

/// A SHOUTY_SNAKE const name.
pub fn const_ident(name: &str) -> String {
    let shouty = snake_ident(name)
        .trim_start_matches("r#")
        .to_shouty_snake_case();
    if shouty.is_empty() {
        "GATEWAY".into()
    } else {
        shouty
    }
}

/// The default name of a nested object type: the field name in PascalCase,
/// a `_list` suffix dropped (`position_list` → `Position`).
pub fn nested_type_name(field: &str, is_list: bool) -> String {
    let snake = field.to_snake_case();
    let base = if is_list {
        snake
            .strip_suffix("_list")
            .filter(|s| !s.is_empty())
            .unwrap_or(&snake)
    } else {
        &snake
    };
    pascal_ident(base)
}

fn keyword_safe(ident: String) -> String {
    if NEVER_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if RAW_OK.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// Whether `name` is already a plain snake_case identifier (no rename needed).
pub fn is_plain_snake(name: &str) -> bool {
    snake_ident(name) == name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_become_identifiers() {
        assert_eq!(snake_ident("deptList"), "dept_list");
        assert_eq!(
            snake_ident("x-acs-dingtalk-access-token"),
            "x_acs_dingtalk_access_token"
        );
        assert_eq!(snake_ident("type"), "r#type");
        assert_eq!(snake_ident("self"), "self_");
        assert_eq!(snake_ident("userIdList"), "user_id_list");
        assert_eq!(snake_ident("2fa"), "_2fa");
        assert_eq!(pascal_ident("blackboard_receiver"), "BlackboardReceiver");
        assert_eq!(pascal_ident("-1"), "V1");
        assert_eq!(const_ident("oapi"), "OAPI");
        assert!(is_plain_snake("operation_userid"));
        assert!(!is_plain_snake("pageNum"));
    }

    #[test]
    fn nested_names_drop_list_suffix() {
        assert_eq!(nested_type_name("position_list", true), "Position");
        assert_eq!(nested_type_name("deptList", true), "Dept");
        assert_eq!(nested_type_name("create_request", false), "CreateRequest");
        assert_eq!(nested_type_name("list", true), "List");
    }
}
