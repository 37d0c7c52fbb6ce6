//! The field type grammar, shared by the check and lower stages so both read
//! a type the same way:
//!
//! ```text
//! type := base | type "[]" | "map<string," type ">"
//! base := string | integer | int64 | int32 | number | boolean | object | json
//! ```
//! `integer` and `int64` are `i64`, `int32` is `i32`, `number` is `f64`.

/// A scalar or object type named in the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// `string`
    String,
    /// `integer` / `int64`
    Integer,
    /// `number`
    Number,
    /// `boolean`
    Boolean,
    /// `object` (with `fields`)
    Object,
    /// `json` (any value)
    Json,
    /// `int32`
    Int32,
}

impl Base {
    /// The name as written in a spec.
    pub fn name(self) -> &'static str {
        match self {
            Base::String => "string",
            Base::Integer => "integer",
            Base::Number => "number",
            Base::Boolean => "boolean",
            Base::Object => "object",
            Base::Json => "json",
            Base::Int32 => "int32",
        }
    }

    /// An integer of either width.
    pub fn is_integer(self) -> bool {
        matches!(self, Base::Integer | Base::Int32)
    }

    /// A number of any kind.
    pub fn is_numeric(self) -> bool {
        matches!(self, Base::Integer | Base::Int32 | Base::Number)
    }
}

/// Nesting of lists and maps beyond this is refused: no documented API goes
/// past two levels, and each level is a generic type rustc must nest.
pub const MAX_TYPE_DEPTH: usize = 4;

/// A parsed type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// A scalar, object or JSON value.
    Base(Base),
    /// `T[]`.
    List(Box<TypeExpr>),
    /// `map<string, T>`.
    Map(Box<TypeExpr>),
}

impl TypeExpr {
    /// The innermost base type.
    pub fn base(&self) -> Base {
        match self {
            TypeExpr::Base(base) => *base,
            TypeExpr::List(inner) | TypeExpr::Map(inner) => inner.base(),
        }
    }

    /// How many list levels wrap the outside (`string[][]`: 2; `map<string, string[]>`: 0).
    pub fn lists(&self) -> usize {
        match self {
            TypeExpr::List(inner) => 1 + inner.lists(),
            _ => 0,
        }
    }

    /// A bare scalar (no list, no map).
    pub fn is_scalar(&self) -> bool {
        matches!(self, TypeExpr::Base(base) if !matches!(base, Base::Object | Base::Json))
    }

    /// A list of scalars, one level.
    pub fn is_scalar_list(&self) -> bool {
        matches!(self, TypeExpr::List(inner) if inner.is_scalar())
    }

    /// Whether a map appears anywhere in it.
    pub fn has_map(&self) -> bool {
        match self {
            TypeExpr::Base(_) => false,
            TypeExpr::Map(_) => true,
            TypeExpr::List(inner) => inner.has_map(),
        }
    }

    /// Lists and maps nested.
    pub fn depth(&self) -> usize {
        match self {
            TypeExpr::Base(_) => 0,
            TypeExpr::List(inner) | TypeExpr::Map(inner) => 1 + inner.depth(),
        }
    }
}

impl std::fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeExpr::Base(base) => f.write_str(base.name()),
            TypeExpr::List(inner) => write!(f, "{inner}[]"),
            TypeExpr::Map(inner) => write!(f, "map<string, {inner}>"),
        }
    }
}

/// Every base name, for messages.
pub const BASE_NAMES: &[&str] = &[
    "string", "integer", "int32", "int64", "number", "boolean", "object", "json",
];

/// Why a type does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeError {
    /// Not a type of the grammar.
    Unknown,
    /// Lists and maps nested beyond [`MAX_TYPE_DEPTH`].
    TooDeep,
    /// `map<K, V>` with a key that is not `string`.
    MapKey(String),
}

/// Parses a type, or `None` when it is not one.
pub fn parse(text: &str) -> Option<TypeExpr> {
    parse_checked(text).ok()
}

/// Parses a type, saying why not.
pub fn parse_checked(text: &str) -> Result<TypeExpr, TypeError> {
    let parsed = parse_at(text.trim(), 0)?;
    if parsed.depth() > MAX_TYPE_DEPTH {
        return Err(TypeError::TooDeep);
    }
    Ok(parsed)
}

fn parse_at(text: &str, depth: usize) -> Result<TypeExpr, TypeError> {
    // Bounded before recursing, so `map<string, map<…` a thousand deep costs nothing.
    if depth > MAX_TYPE_DEPTH {
        return Err(TypeError::TooDeep);
    }
    if let Some(inner) = text.strip_suffix("[]") {
        let inner = parse_at(inner.trim_end(), depth + 1)?;
        return Ok(TypeExpr::List(Box::new(inner)));
    }
    if let Some(args) = text
        .strip_prefix("map<")
        .and_then(|rest| rest.strip_suffix('>'))
    {
        let Some((key, value)) = args.split_once(',') else {
            return Err(TypeError::Unknown);
        };
        if key.trim() != "string" {
            return Err(TypeError::MapKey(key.trim().to_owned()));
        }
        let value = parse_at(value.trim(), depth + 1)?;
        return Ok(TypeExpr::Map(Box::new(value)));
    }
    let base = match text {
        "string" => Base::String,
        "integer" | "int64" => Base::Integer,
        "int32" => Base::Int32,
        "number" => Base::Number,
        "boolean" => Base::Boolean,
        "object" => Base::Object,
        "json" => Base::Json,
        _ => return Err(TypeError::Unknown),
    };
    Ok(TypeExpr::Base(base))
}

/// What a documentation type name (`Long`, `Array of String`, `Map<String,
/// String>`) or a typo (`Sting`) most likely means in the spec's grammar.
pub fn suggestion(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if let Some(inner) = trimmed.strip_prefix("Array of ") {
        return suggestion(inner).map(|s| format!("{s}[]"));
    }
    let lower = trimmed.to_lowercase();
    if lower.starts_with("map<") || lower == "map" {
        let value = lower
            .strip_prefix("map<")
            .and_then(|rest| rest.strip_suffix('>'))
            .and_then(|args| args.split_once(','))
            .and_then(|(_, value)| suggestion(value))
            .unwrap_or_else(|| "string".into());
        return Some(format!("map<string, {value}>"));
    }
    let (base, suffix) = match trimmed.find("[]") {
        Some(at) => (&trimmed[..at], &trimmed[at..]),
        None => (trimmed, ""),
    };
    let alias = match base.to_lowercase().as_str() {
        "long" | "int64" => Some("int64"),
        "int" | "int32" | "integer" | "short" => Some("int32"),
        "number" => Some("integer"),
        "double" | "float" | "decimal" | "bigdecimal" => Some("number"),
        "bool" | "boolean" => Some("boolean"),
        "date" | "datetime" | "str" | "string" | "char" => Some("string"),
        "jsonobject" | "object" => Some("object"),
        _ => None,
    };
    let base = alias.or_else(|| crate::suggest::closest(base, BASE_NAMES))?;
    if base.ends_with("object") && suffix.is_empty() && trimmed.ends_with("Vo") {
        return Some("object".into());
    }
    Some(format!("{base}{suffix}"))
}

/// The Rust name of a nested type: `type_name` if given, else the field's
/// name in PascalCase (a `_list` suffix dropped for lists).
pub fn nested_type_name(field: &str, type_name: Option<&str>, lists: usize) -> String {
    match type_name {
        Some(name) => crate::names::pascal_ident(name),
        None => crate::names::nested_type_name(field, lists > 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(inner: TypeExpr) -> TypeExpr {
        TypeExpr::List(Box::new(inner))
    }

    #[test]
    fn parses_lists_maps_and_widths() {
        assert_eq!(parse("string"), Some(TypeExpr::Base(Base::String)));
        assert_eq!(parse("object[]"), Some(list(TypeExpr::Base(Base::Object))));
        assert_eq!(
            parse("integer[][]"),
            Some(list(list(TypeExpr::Base(Base::Integer))))
        );
        assert_eq!(parse("int64"), Some(TypeExpr::Base(Base::Integer)));
        assert_eq!(
            parse("int32[]").map(|t| t.to_string()).as_deref(),
            Some("int32[]")
        );
        assert_eq!(
            parse("map<string, string[]>"),
            Some(TypeExpr::Map(Box::new(list(TypeExpr::Base(Base::String)))))
        );
        assert_eq!(
            parse("map<string,object>[]")
                .map(|t| t.to_string())
                .as_deref(),
            Some("map<string, object>[]")
        );
        assert_eq!(parse("Sting"), None);
        assert_eq!(parse("String"), None);
        assert_eq!(
            parse_checked("map<integer, string>"),
            Err(TypeError::MapKey("integer".into()))
        );
    }

    #[test]
    fn nesting_is_bounded_whatever_the_input() {
        assert!(parse("string[][][][]").is_some());
        assert_eq!(parse_checked("string[][][][][]"), Err(TypeError::TooDeep));
        let deep = format!("string{}", "[]".repeat(100_000));
        assert_eq!(parse_checked(&deep), Err(TypeError::TooDeep));
        let maps = format!(
            "{}string{}",
            "map<string, ".repeat(10_000),
            ">".repeat(10_000)
        );
        assert_eq!(parse_checked(&maps), Err(TypeError::TooDeep));
    }

    #[test]
    fn suggests_from_documentation_names_and_typos() {
        assert_eq!(suggestion("Sting").as_deref(), Some("string"));
        assert_eq!(suggestion("String[]").as_deref(), Some("string[]"));
        assert_eq!(suggestion("Number").as_deref(), Some("integer"));
        assert_eq!(suggestion("Long").as_deref(), Some("int64"));
        assert_eq!(suggestion("Integer").as_deref(), Some("int32"));
        assert_eq!(suggestion("Array of String").as_deref(), Some("string[]"));
        assert_eq!(suggestion("Map").as_deref(), Some("map<string, string>"));
        assert_eq!(
            suggestion("Map<String, Object>").as_deref(),
            Some("map<string, object>")
        );
        assert_eq!(suggestion("Boolean").as_deref(), Some("boolean"));
        assert_eq!(suggestion("qqqqqqqq"), None);
    }
}
