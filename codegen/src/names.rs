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
    let mut snake = ascii_words(name).to_snake_case();
    if snake.is_empty() {
        return snake;
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake.insert(0, '_');
    }
    keyword_safe(snake)
}

/// The name with every character that is not an ASCII letter or digit
/// turned into a word break: Rust identifiers here are ASCII (`next²`,
/// `１st`, `名称` would be invalid or trip lints in users' crates).
fn ascii_words(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// Whether `name` yields a Rust identifier (it has an ASCII letter or digit).
pub fn has_ident(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_alphanumeric())
}

/// Upper camel case, e.g. `blackboard_receiver` → `BlackboardReceiver`.
pub fn pascal_ident(name: &str) -> String {
    let mut pascal = ascii_words(name).to_pascal_case();
    if pascal.is_empty() || pascal.starts_with(|c: char| c.is_ascii_digit()) {
        pascal.insert(0, 'V');
    }
    keyword_safe(pascal)
}

/// A SHOUTY_SNAKE_CASE constant name, e.g. `oapi` → `OAPI`.
pub fn const_ident(name: &str) -> String {
    let shouty = snake_ident(name)
        .trim_start_matches("r#")
        .to_shouty_snake_case();
    if shouty.is_empty() {
        "GATEWAY".into()
    } else if shouty.starts_with(|c: char| c.is_ascii_digit()) {
        // An identifier cannot start with a digit (`check` refuses such
        // gateway names; this keeps the name an identifier regardless).
        format!("_{shouty}")
    } else {
        shouty
    }
}

/// The default name of a nested object type: the field name in PascalCase,
/// a `_list` suffix dropped (`position_list` → `Position`).
pub fn nested_type_name(field: &str, is_list: bool) -> String {
    let snake = ascii_words(field).to_snake_case();
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

/// The Rust field names of an endpoint's request fields, given each one's
/// place, wire name and `rust_name`: the snake_case of the wire name, except
/// that a path, query or header field whose name another field of the
/// request also has takes its place as a suffix (`timestamp_header` beside a
/// body `timestamp`). An empty name: the wire name yields none (`check`
/// reports it).
pub fn request_idents(fields: &[(crate::ir::Place, &str, Option<&str>)]) -> Vec<String> {
    use crate::ir::Place;
    let plain: Vec<String> = fields
        .iter()
        .map(|(_, wire, rust)| rust.map_or_else(|| snake_ident(wire), str::to_owned))
        .collect();
    let mut uses: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for ident in &plain {
        *uses.entry(ident.as_str()).or_default() += 1;
    }
    fields
        .iter()
        .zip(&plain)
        .map(|((place, _, rust), ident)| {
            let shared = uses.get(ident.as_str()).is_some_and(|n| *n > 1);
            let suffix = match place {
                Place::Body => None,
                Place::Path => Some("path"),
                Place::Query => Some("query"),
                Place::Header => Some("header"),
            };
            match suffix {
                Some(suffix) if shared && rust.is_none() && !ident.is_empty() => {
                    format!("{}_{suffix}", ident.trim_start_matches("r#"))
                }
                _ => ident.clone(),
            }
        })
        .collect()
}

/// The `{name}` placeholders of a path, in order; an error for a `{` or `}`
/// that does not enclose a name, or a placeholder that is not a whole segment.
pub fn placeholders(path: &str) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    for segment in path.split('/') {
        let open = segment.matches('{').count();
        let close = segment.matches('}').count();
        if open == 0 && close == 0 {
            continue;
        }
        let name = segment
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
            .filter(|name| !name.is_empty() && !name.contains(['{', '}']));
        match name {
            Some(name) => {
                if found.iter().any(|f| f == name) {
                    return Err(format!("`{{{name}}}` appears twice"));
                }
                found.push(name.to_owned());
            }
            None => {
                return Err(format!(
                    "`{segment}` is not a placeholder: write a whole segment as `{{name}}`"
                ));
            }
        }
    }
    Ok(found)
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
        assert_eq!(snake_ident("next²"), "next");
        assert_eq!(snake_ident("１st"), "st");
        assert_eq!(snake_ident("名称"), "");
        assert!(!has_ident("名称") && has_ident("a名"));
        assert_eq!(pascal_ident("blackboard_receiver"), "BlackboardReceiver");
        assert_eq!(pascal_ident("-1"), "V1");
        assert_eq!(const_ident("oapi"), "OAPI");
        assert_eq!(const_ident("1"), "_1");
        assert_eq!(const_ident("2fa"), "_2FA");
        assert!(is_plain_snake("operation_userid"));
        assert!(!is_plain_snake("pageNum"));
    }

    #[test]
    fn request_fields_sharing_a_name_are_told_apart_by_place() {
        use crate::ir::Place;
        let idents = request_idents(&[
            (Place::Header, "timestamp", None),
            (Place::Body, "timestamp", None),
            (Place::Query, "userId", None),
            (Place::Path, "unionId", None),
            (Place::Body, "union_id", Some("union")),
        ]);
        assert_eq!(
            idents,
            [
                "timestamp_header",
                "timestamp",
                "user_id",
                "union_id",
                "union"
            ]
        );
    }

    #[test]
    fn placeholders_are_whole_segments() {
        assert_eq!(
            placeholders("/v1.0/users/{unionId}/tasks/{taskId}").unwrap(),
            ["unionId", "taskId"]
        );
        assert!(placeholders("/a/{x}/{x}").is_err());
        assert!(placeholders("/a/x{y}").is_err());
        assert!(placeholders("/a/{}").is_err());
        assert!(placeholders("/a/{y").is_err());
        assert!(placeholders("/plain/path").unwrap().is_empty());
    }

    #[test]
    fn nested_names_drop_list_suffix() {
        assert_eq!(nested_type_name("position_list", true), "Position");
        assert_eq!(nested_type_name("deptList", true), "Dept");
        assert_eq!(nested_type_name("create_request", false), "CreateRequest");
        assert_eq!(nested_type_name("list", true), "List");
    }
}
