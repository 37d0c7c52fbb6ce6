//! Documentation type names (`String`, `Number`, `OapiBlackboardVo[]`,
//! `Array of String`, `Sting`, …) read as spec types.

use super::model::Note;
use crate::suggest::edit_distance;

pub use crate::types::Base;

/// A documentation type read as a spec type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// Innermost type.
    pub base: Base,
    /// List levels.
    pub lists: usize,
    /// The documented name (`Number`, `OapiBlackboardVo`, …), trimmed.
    pub documented: String,
    /// Documented as `Number` (integer unless decimals are meant).
    pub from_number: bool,
    /// Documented as `Date`.
    pub date: bool,
    /// Why the reading is a guess, if it is.
    pub note: Option<Note>,
}

impl Kind {
    /// Whether the rows after this one may be its fields.
    pub fn is_object(&self) -> bool {
        self.base == Base::Object
    }

    /// The spec type text, e.g. `object[]`.
    pub fn spec(&self) -> String {
        format!("{}{}", self.base.name(), "[]".repeat(self.lists))
    }

    fn scalar(base: Base, documented: &str) -> Kind {
        Kind {
            base,
            lists: 0,
            documented: documented.to_owned(),
            from_number: false,
            date: false,
            note: None,
        }
    }
}

/// Names of scalar types and what they mean.
const SCALARS: &[(&str, Base)] = &[
    ("string", Base::String),
    ("str", Base::String),
    ("char", Base::String),
    ("text", Base::String),
    ("number", Base::Integer),
    ("long", Base::Integer),
    ("integer", Base::Integer),
    ("int", Base::Integer),
    ("int32", Base::Integer),
    ("int64", Base::Integer),
    ("short", Base::Integer),
    ("bigint", Base::Integer),
    ("double", Base::Number),
    ("float", Base::Number),
    ("decimal", Base::Number),
    ("bigdecimal", Base::Number),
    ("boolean", Base::Boolean),
    ("bool", Base::Boolean),
];

/// Scalar names a typo is compared with.
const TYPO_TARGETS: &[&str] = &["string", "number", "boolean", "integer", "long", "double"];

/// Reads a documentation type name.
pub fn parse(text: &str) -> Kind {
    let documented = text.trim();
    let mut inner = documented;
    let mut lists = 0;
    loop {
        if lists > 4 {
            break;
        }
        let lower = inner.to_ascii_lowercase();
        if lower.starts_with("array of ") {
            inner = inner["array of ".len()..].trim();
            lists += 1;
        } else if let Some(rest) = inner.strip_suffix("[]") {
            inner = rest.trim_end();
            lists += 1;
        } else if (lower.starts_with("list<") || lower.starts_with("array<"))
            && inner.ends_with('>')
        {
            let open = inner.find('<').map_or(0, |at| at + 1);
            inner = inner[open..inner.len() - 1].trim();
            lists += 1;
        } else {
            break;
        }
    }
    let mut kind = base(inner);
    kind.lists += lists;
    kind.documented = documented.to_owned();
    kind
}

fn base(name: &str) -> Kind {
    let lower = name.to_ascii_lowercase();
    if name.is_empty() {
        let mut kind = Kind::scalar(Base::Json, name);
        kind.note = Some(Note::todo("no type documented: `json` until it is known"));
        return kind;
    }
    if let Some((_, base)) = SCALARS.iter().find(|(n, _)| *n == lower) {
        let mut kind = Kind::scalar(*base, name);
        kind.from_number = lower == "number";
        return kind;
    }
    match lower.as_str() {
        "date" | "datetime" => {
            let mut kind = Kind::scalar(Base::String, name);
            kind.date = true;
            return kind;
        }
        "object" | "map" | "jsonobject" | "dict" | "struct" => {
            return Kind::scalar(Base::Object, name);
        }
        "json" | "any" => return Kind::scalar(Base::Json, name),
        "array" | "list" | "jsonarray" => {
            let mut kind = Kind::scalar(Base::Json, name);
            kind.lists = 1;
            kind.note = Some(Note::todo(format!(
                "`{name}` does not say what the items are: `json[]` until it is known"
            )));
            return kind;
        }
        _ => {}
    }
    if let Some(target) = typo_of(&lower) {
        let mut kind = base(target);
        kind.note = Some(Note::todo(format!(
            "the page types this `{name}`, read as a typo for `{target}`"
        )));
        return kind;
    }
    let class_like = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
    if class_like {
        // A class name (`OapiBlackboardVo`, `PageResult`): an object whose
        // fields are the rows after it.
        return Kind::scalar(Base::Object, name);
    }
    let mut kind = Kind::scalar(Base::Json, name);
    kind.note = Some(Note::todo(format!(
        "unknown type `{}`: `json` until it is known",
        super::text::short(name, 40)
    )));
    kind
}

/// The scalar name `word` is a typo of: one edit away (two for long words),
/// or the same letters in another order.
fn typo_of(word: &str) -> Option<&'static str> {
    if word.len() < 4 || !word.is_ascii() {
        return None;
    }
    let sorted = |s: &str| {
        let mut chars: Vec<char> = s.chars().collect();
        chars.sort_unstable();
        chars
    };
    TYPO_TARGETS.iter().copied().find(|target| {
        let distance = edit_distance(word, target);
        distance == 1
            || (distance == 2 && word.len() >= 7)
            || (word.len() == target.len() && sorted(word) == sorted(target))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str) -> String {
        parse(text).spec()
    }

    #[test]
    fn reads_scalars_lists_and_classes() {
        assert_eq!(spec("String"), "string");
        assert_eq!(spec("Number"), "integer");
        assert!(parse("Number").from_number);
        assert_eq!(spec("Long"), "integer");
        assert_eq!(spec("Integer"), "integer");
        assert_eq!(spec("Boolean"), "boolean");
        assert_eq!(spec("Double"), "number");
        assert_eq!(spec("String[]"), "string[]");
        assert_eq!(spec("Number[]"), "integer[]");
        assert_eq!(spec("Array of String"), "string[]");
        assert_eq!(spec("List<Long>"), "integer[]");
        assert_eq!(spec("Object"), "object");
        assert_eq!(spec("Object[]"), "object[]");
        assert_eq!(spec("OapiBlackboardVo"), "object");
        assert_eq!(spec("BlackboardCategoryVo[]"), "object[]");
        assert_eq!(spec("Position []"), "object[]");
        assert_eq!(spec("PageResult"), "object");
        assert_eq!(spec("JsonObject[]"), "object[]");
        assert_eq!(spec("string"), "string");
        assert_eq!(spec("object[]"), "object[]");
        assert!(parse("Object").is_object());
        assert!(!parse("String[]").is_object());
    }

    #[test]
    fn dates_typos_and_unknowns_are_marked() {
        let date = parse("Date");
        assert_eq!(date.spec(), "string");
        assert!(date.date && date.note.is_none());
        let typo = parse("Sting");
        assert_eq!(typo.spec(), "string");
        assert!(
            typo.note
                .as_ref()
                .is_some_and(|n| n.todo && n.text.contains("Sting"))
        );
        assert_eq!(spec("Stirng"), "string");
        assert_eq!(spec("Boolaen"), "boolean");
        assert_eq!(spec("Result"), "object");
        assert_eq!(spec("Fields[]"), "object[]");
        let empty = parse("");
        assert_eq!(empty.spec(), "json");
        assert!(empty.note.is_some());
        let odd = parse("数组");
        assert_eq!(odd.spec(), "json");
        assert!(odd.note.is_some());
        assert_eq!(spec("Array"), "json[]");
        assert!(spec("[][][][][][][]").starts_with("json[]"));
    }
}
