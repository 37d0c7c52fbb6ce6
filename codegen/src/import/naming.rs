//! Names from paths, and Rust type names that do not clash.
//!
//! The naming rule: drop the path's family prefixes (`topapi`, `api`,
//! `openapi`, `open-apis`, `open`, `cgi-bin`, `rest`, and `smartwork`,
//! DingTalk's family of 智能人事 APIs), version segments such as `v1.0`
//! and parameters (`{userId}`); the first segment left is the group, the
//! rest joined by `_` the endpoint:
//! `/topapi/blackboard/category/list` → `blackboard.category_list`,
//! `/topapi/smartwork/hrm/employee/querypreentry` →
//! `hrm.employee_querypreentry`, `/v1.0/hrm/employees/dismissions` →
//! `hrm.employees_dismissions`. A one-segment path is in group `auth` when
//! it is the token endpoint (`/gettoken` → `auth.gettoken`), else in
//! `common`. Names are snake_case ASCII.

use super::model::Field;
use crate::names::{pascal_ident, snake_ident};

/// Leading path segments that name an API family, not a group.
const PREFIXES: &[&str] = &[
    "topapi",
    "api",
    "openapi",
    "open-api",
    "open-apis",
    "open",
    "cgi-bin",
    "rest",
    "smartwork",
];

/// Type names every endpoint module defines or imports (the check stage's list).
use crate::check::RESERVED_TYPES as RESERVED;

fn is_version(segment: &str) -> bool {
    let rest = segment.strip_prefix(['v', 'V']).unwrap_or("");
    !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// A snake_case ASCII name (never empty, never a keyword, not starting with a digit).
pub fn snake(text: &str) -> String {
    let ascii: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !ascii.chars().any(|c| c.is_ascii_alphanumeric()) {
        return "x".to_owned();
    }
    let ident = snake_ident(&ascii);
    let ident = match ident.strip_prefix("r#") {
        Some(keyword) => format!("{keyword}_"),
        None => ident,
    };
    let ident = ident.trim_start_matches('_').to_owned();
    let ident = if ident.is_empty() {
        "x".to_owned()
    } else {
        ident
    };
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("n{ident}")
    } else {
        ident
    }
}

/// Group and endpoint names for a path.
pub fn names(path: &str, token_endpoint: bool) -> (String, String) {
    // Path parameters (`{userId}`) name nothing.
    let segments: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty() && !s.starts_with('{'))
        .collect();
    let start = segments
        .iter()
        .position(|s| !(PREFIXES.contains(&s.to_ascii_lowercase().as_str()) || is_version(s)))
        .unwrap_or(segments.len());
    let rest = &segments[start..];
    match rest {
        [] => (
            "api".to_owned(),
            segments.last().map_or("root".to_owned(), |s| snake(s)),
        ),
        [only] if token_endpoint => ("auth".to_owned(), snake(only)),
        [only] => ("common".to_owned(), snake(only)),
        [group, more @ ..] => {
            let parts: Vec<String> = more
                .iter()
                .filter(|s| !is_version(s))
                .map(|s| snake(s))
                .collect();
            (snake(group), parts.join("_"))
        }
    }
}

/// Whether a POST endpoint reads only, by its last path segment
/// (`get…`, `list…`, `query…`, `…list`, …).
pub fn reads_only(path: &str) -> Option<String> {
    let last = path
        .rsplit('/')
        .find(|s| !s.is_empty())?
        .to_ascii_lowercase();
    let starts = [
        "get", "list", "query", "search", "count", "check", "batchget", "find",
    ];
    let ends = ["list", "get", "query", "info", "detail", "count"];
    (starts.iter().any(|p| last.starts_with(p)) || ends.iter().any(|p| last.ends_with(p)))
        .then_some(last)
}

/// Gives `type_name` to nested object and enum fields whose default Rust
/// name is taken in the endpoint (or reserved), in the order the check
/// stage sees them.
pub fn type_names(groups: [&mut Vec<Field>; 4]) {
    let mut taken: Vec<String> = RESERVED.iter().map(|s| (*s).to_owned()).collect();
    for fields in groups {
        for field in fields.iter_mut() {
            name_types(field, &mut taken);
        }
    }
}

fn name_types(field: &mut Field, taken: &mut Vec<String>) {
    let parsed = crate::types::parse(&field.ty);
    let nested = parsed
        .as_ref()
        .is_some_and(|t| t.base() == crate::types::Base::Object)
        || !field.enumeration.is_empty();
    if nested {
        let lists = parsed.map_or(0, |t| t.lists());
        let natural = crate::types::nested_type_name(&field.name, None, lists);
        if taken.contains(&natural) {
            let mut n = 2;
            let mut candidate = format!("{natural}{n}");
            while taken.contains(&pascal_ident(&candidate)) {
                n += 1;
                candidate = format!("{natural}{n}");
            }
            taken.push(pascal_ident(&candidate));
            field.type_name = Some(candidate);
        } else {
            taken.push(natural);
        }
    }
    for child in &mut field.fields {
        name_types(child, taken);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(path: &str) -> (String, String) {
        names(path, false)
    }

    fn pair(g: &str, e: &str) -> (String, String) {
        (g.to_owned(), e.to_owned())
    }

    #[test]
    fn the_naming_rule() {
        assert_eq!(n("/topapi/blackboard/create"), pair("blackboard", "create"));
        assert_eq!(
            n("/topapi/blackboard/category/list"),
            pair("blackboard", "category_list")
        );
        assert_eq!(
            n("/topapi/report/template/getbyname"),
            pair("report", "template_getbyname")
        );
        assert_eq!(
            n("/topapi/smartwork/hrm/employee/querypreentry"),
            pair("hrm", "employee_querypreentry")
        );
        assert_eq!(
            n("/v1.0/hrm/employees/dismissions"),
            pair("hrm", "employees_dismissions")
        );
        assert_eq!(
            n("/topapi/checkin/record/get"),
            pair("checkin", "record_get")
        );
        assert_eq!(
            n("/topapi/attendance/group/positions/query"),
            pair("attendance", "group_positions_query")
        );
        assert_eq!(names("/gettoken", true), pair("auth", "gettoken"));
        assert_eq!(n("/getuserinfo"), pair("common", "getuserinfo"));
        assert_eq!(n("/"), pair("api", "root"));
        assert_eq!(n("/v1.0"), pair("api", "v1_0"));
        assert_eq!(
            n("/api/wecom/employee/list"),
            pair("wecom", "employee_list")
        );
        assert_eq!(n("/a/getUserInfo/type"), pair("a", "get_user_info_type_"));
        assert_eq!(n("/1x/用户"), pair("n1x", "x"));
        assert_eq!(
            n("/open-apis/contact/v3/departments/{department_id}/children"),
            pair("contact", "departments_children")
        );
        assert_eq!(n("/cgi-bin/user/get"), pair("user", "get"));
        assert_eq!(
            n("/open/api/third/budget/create"),
            pair("third", "budget_create")
        );
    }

    #[test]
    fn snake_names() {
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("Hello-World"), "hello_world");
        assert_eq!(snake("__"), "x");
        assert_eq!(snake("9"), "n9");
    }

    #[test]
    fn read_only_names() {
        assert!(reads_only("/topapi/blackboard/listtopten").is_some());
        assert!(reads_only("/topapi/report/getunreadcount").is_some());
        assert!(reads_only("/topapi/checkin/record/get").is_some());
        assert!(reads_only("/topapi/smartwork/hrm/employee/queryonjob").is_some());
        assert!(reads_only("/topapi/blackboard/create").is_none());
        assert!(reads_only("/topapi/blackboard/delete").is_none());
        assert!(reads_only("/").is_none());
    }

    #[test]
    fn clashing_type_names_get_a_suffix() {
        let object = |name: &str, fields: Vec<Field>| Field {
            name: name.into(),
            ty: "object".into(),
            fields,
            ..Field::default()
        };
        let leaf = Field {
            name: "x".into(),
            ty: "string".into(),
            ..Field::default()
        };
        let mut body = vec![object("request", vec![leaf.clone()])];
        let mut response = vec![object("result", vec![object("result", vec![leaf])])];
        type_names([&mut Vec::new(), &mut Vec::new(), &mut body, &mut response]);
        assert_eq!(body[0].type_name.as_deref(), Some("Request2"));
        assert_eq!(response[0].type_name, None);
        assert_eq!(response[0].fields[0].type_name.as_deref(), Some("Result2"));
    }
}
