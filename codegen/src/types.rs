//! The field type grammar (`string`, `integer[]`, `object`, …), shared by the
//! check and lower stages so both read a type the same way.

/// A scalar or object type named in the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// `string`
    String,
    /// `integer`
    Integer,
    /// `number`
    Number,
    /// `boolean`
    Boolean,
    /// `object` (with `fields`)
    Object,
    /// `json` (any value)
    Json,
}

impl Base {
    /// The name written in a spec's `type`.
    pub fn name(self) -> &'static str {
        BASE_NAMES[self as usize]
    }
}

/// A parsed `type`: a base and how many list levels wrap it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeExpr {
    /// The innermost type.
    pub base: Base,
    /// `[]` suffixes.
    pub lists: usize,
}

/// The names accepted in `type`.
pub const BASE_NAMES: &[&str] = &["string", "integer", "number", "boolean", "object", "json"];

/// Parses a `type` value.
pub fn parse(text: &str) -> Option<TypeExpr> {
    let mut base = text.trim();
    let mut lists = 0;
    while let Some(inner) = base.strip_suffix("[]") {
        base = inner.trim_end();
        lists += 1;
    }
    let base = match base {
        "string" => Base::String,
        "integer" => Base::Integer,
        "number" => Base::Number,
        "boolean" => Base::Boolean,
        "object" => Base::Object,
        "json" => Base::Json,
        _ => return None,
    };
    Some(TypeExpr { base, lists })
}

/// What to write instead of a documentation type name (`String`, `Number`,
/// `Long`, `Array of String`, …) or a typo (`Sting`).
pub fn suggestion(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if let Some(inner) = trimmed.strip_prefix("Array of ") {
        return suggestion(inner).map(|s| format!("{s}[]"));
    }
    let (base, suffix) = match trimmed.find("[]") {
        Some(at) => (&trimmed[..at], &trimmed[at..]),
        None => (trimmed, ""),
    };
    let alias = match base.to_lowercase().as_str() {
        "number" | "long" | "int" | "integer" | "int64" | "int32" => Some("integer"),
        "double" | "float" | "decimal" => Some("number"),
        "bool" | "boolean" => Some("boolean"),
        "date" | "datetime" | "str" | "string" => Some("string"),
        "jsonobject" | "map" => Some("object"),
        _ => None,
    };
    let base = alias.or_else(|| crate::suggest::closest(base, BASE_NAMES))?;
    if base.ends_with("object") && suffix.is_empty() && trimmed.ends_with("Vo") {
        return Some("object".into());
    }
    Some(format!("{base}{suffix}"))
}

/// The Rust name of the type generated for a nested object or enum field:
/// `type_name` if given, else the field name in PascalCase with a `_list`
/// suffix dropped for lists.
pub fn nested_type_name(field: &str, type_name: Option<&str>, lists: usize) -> String {
    match type_name {
        Some(name) => crate::names::pascal_ident(name),
        None => crate::names::nested_type_name(field, lists > 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lists_of_any_depth() {
        assert_eq!(
            parse("string"),
            Some(TypeExpr {
                base: Base::String,
                lists: 0
            })
        );
        assert_eq!(
            parse("object[]"),
            Some(TypeExpr {
                base: Base::Object,
                lists: 1
            })
        );
        assert_eq!(
            parse("integer[][]"),
            Some(TypeExpr {
                base: Base::Integer,
                lists: 2
            })
        );
        assert_eq!(parse("Sting"), None);
        assert_eq!(parse("String"), None);
    }

    #[test]
    fn suggests_from_documentation_names_and_typos() {
        assert_eq!(suggestion("Sting").as_deref(), Some("string"));
        assert_eq!(suggestion("String[]").as_deref(), Some("string[]"));
        assert_eq!(suggestion("Number").as_deref(), Some("integer"));
        assert_eq!(suggestion("Array of String").as_deref(), Some("string[]"));
        assert_eq!(suggestion("Boolean").as_deref(), Some("boolean"));
        assert_eq!(suggestion("qqqqqqqq"), None);
    }
}
