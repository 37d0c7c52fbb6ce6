//! Documentation type names (`String`, `Number`, `Integer`, `int`,
//! `OapiBlackboardVo[]`, `Array of String`, `Map<String, Object>`,
//! `department_i18n_name`, `jsonarray`, `Sting`, …) read as spec types.

use super::model::Note;
use crate::suggest::edit_distance;

/// The innermost type of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Base {
    /// Text.
    String,
    /// A 32-bit integer (`Integer`, `int`).
    Int32,
    /// A 64-bit integer (`Long`, `Number`, `int64`).
    Int64,
    /// A decimal number (`Double`, `float`).
    Number,
    /// `true`/`false`.
    Boolean,
    /// An object whose fields are listed (or to be listed).
    Object,
    /// Any JSON.
    Json,
}

impl Base {
    /// The spec's name.
    pub fn name(self) -> &'static str {
        match self {
            Base::String => "string",
            Base::Int32 => "int32",
            Base::Int64 => "int64",
            Base::Number => "number",
            Base::Boolean => "boolean",
            Base::Object => "object",
            Base::Json => "json",
        }
    }

    /// An integer of either width.
    pub fn is_integer(self) -> bool {
        matches!(self, Base::Int32 | Base::Int64)
    }
}

/// A spec type: a base in lists and maps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A base type.
    Scalar(Base),
    /// `T[]`.
    List(Box<Ty>),
    /// `map<string, T>`.
    Map(Box<Ty>),
}

impl Ty {
    /// The spec text: `int32[]`, `map<string, object>`.
    pub fn spec(&self) -> String {
        match self {
            Ty::Scalar(base) => base.name().to_owned(),
            Ty::List(inner) => format!("{}[]", inner.spec()),
            Ty::Map(inner) => format!("map<string, {}>", inner.spec()),
        }
    }

    /// The innermost base.
    pub fn base(&self) -> Base {
        match self {
            Ty::Scalar(base) => *base,
            Ty::List(inner) | Ty::Map(inner) => inner.base(),
        }
    }

    /// The same shape around another base.
    pub fn with_base(&self, base: Base) -> Ty {
        match self {
            Ty::Scalar(_) => Ty::Scalar(base),
            Ty::List(inner) => Ty::List(Box::new(inner.with_base(base))),
            Ty::Map(inner) => Ty::Map(Box::new(inner.with_base(base))),
        }
    }

    /// List levels outside any map.
    pub fn lists(&self) -> usize {
        match self {
            Ty::List(inner) => 1 + inner.lists(),
            _ => 0,
        }
    }

    /// Whether it is a map (possibly in lists).
    pub fn is_map(&self) -> bool {
        match self {
            Ty::Map(_) => true,
            Ty::List(inner) => inner.is_map(),
            Ty::Scalar(_) => false,
        }
    }

    /// Wrapped in `n` lists.
    pub fn listed(self, n: usize) -> Ty {
        (0..n).fold(self, |ty, _| Ty::List(Box::new(ty)))
    }
}

/// A documentation type read as a spec type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kind {
    /// The type.
    pub ty: Ty,
    /// The documented name (`Number`, `OapiBlackboardVo`, …), trimmed.
    pub documented: String,
    /// Documented as `Number` (integer unless decimals are meant).
    pub from_number: bool,
    /// Documented as `Date`.
    pub date: bool,
    /// The name does not say what the items or values are (`Array`,
    /// `list`, `Map`, `-`, nothing): the example or nested rows settle it.
    pub vague: bool,
    /// Why the reading is a guess, if it is.
    pub note: Option<Note>,
}

impl Kind {
    /// Whether the rows after this one may be its fields (an object, a
    /// map of objects, or a vague list).
    pub fn is_object(&self) -> bool {
        self.ty.base() == Base::Object
    }

    /// The spec type text, e.g. `object[]`.
    pub fn spec(&self) -> String {
        self.ty.spec()
    }

    fn of(ty: Ty, documented: &str) -> Kind {
        Kind {
            ty,
            documented: documented.to_owned(),
            from_number: false,
            date: false,
            vague: false,
            note: None,
        }
    }

    fn scalar(base: Base, documented: &str) -> Kind {
        Kind::of(Ty::Scalar(base), documented)
    }
}

/// Names of scalar types and what they mean.
const SCALARS: &[(&str, Base)] = &[
    ("string", Base::String),
    ("str", Base::String),
    ("char", Base::String),
    ("text", Base::String),
    ("number", Base::Int64),
    ("long", Base::Int64),
    ("int64", Base::Int64),
    ("bigint", Base::Int64),
    ("integer", Base::Int32),
    ("int", Base::Int32),
    ("int32", Base::Int32),
    ("short", Base::Int32),
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
    let mut kind = read(documented, 0);
    kind.documented = documented.to_owned();
    kind
}

fn read(text: &str, depth: usize) -> Kind {
    let text = text.trim();
    if depth > 4 {
        return Kind::scalar(Base::Json, text);
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("array of ") {
        let mut inner = read(&text["array of ".len()..], depth + 1);
        inner.ty = Ty::List(Box::new(inner.ty));
        return inner;
    }
    if let Some(rest) = text.strip_suffix("[]") {
        let mut inner = read(rest, depth + 1);
        inner.ty = Ty::List(Box::new(inner.ty));
        return inner;
    }
    if let Some((outer, args)) = generic(text) {
        let outer = outer.to_ascii_lowercase();
        if matches!(outer.as_str(), "list" | "array" | "arraylist" | "set") {
            if let [item] = args.as_slice() {
                let mut inner = read(item, depth + 1);
                inner.ty = Ty::List(Box::new(inner.ty));
                return inner;
            }
        }
        if matches!(outer.as_str(), "map" | "hashmap" | "dict") {
            if let [_, value] = args.as_slice() {
                let mut inner = read(value, depth + 1);
                inner.ty = Ty::Map(Box::new(inner.ty));
                return inner;
            }
        }
    }
    base(text)
}

/// `Map<String, Object>` → (`Map`, [`String`, `Object`]).
fn generic(text: &str) -> Option<(&str, Vec<&str>)> {
    let open = text.find('<')?;
    let inner = text.strip_suffix('>')?.get(open + 1..)?;
    let mut args = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (at, c) in inner.char_indices() {
        match c {
            '<' => depth += 1,
            '>' => depth -= 1,
            ',' if depth == 0 => {
                args.push(inner[start..at].trim());
                start = at + 1;
            }
            _ => {}
        }
    }
    args.push(inner[start..].trim());
    Some((text[..open].trim(), args))
}

fn base(name: &str) -> Kind {
    let lower = name.to_ascii_lowercase();
    if name.is_empty() || name == "-" {
        let mut kind = Kind::scalar(Base::Json, name);
        kind.vague = true;
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
        "object" | "jsonobject" | "struct" => {
            return Kind::scalar(Base::Object, name);
        }
        "jsonstring" => {
            // An object sent as a JSON text (its fields are listed after it).
            let mut kind = Kind::scalar(Base::Object, name);
            kind.note = Some(Note::todo(
                "`jsonstring`: an object sent as a JSON text? (`encoding: json`) check",
            ));
            return kind;
        }
        "map" | "hashmap" | "dict" => {
            let mut kind = Kind::of(Ty::Map(Box::new(Ty::Scalar(Base::Json))), name);
            kind.vague = true;
            return kind;
        }
        "json" | "any" => return Kind::scalar(Base::Json, name),
        "array" | "list" | "jsonarray" | "arraylist" => {
            let mut kind = Kind::of(Ty::List(Box::new(Ty::Scalar(Base::Json))), name);
            kind.vague = true;
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
        // A class name (`OapiBlackboardVo`, `PageResult`, `department_status`):
        // an object whose fields are the rows after it.
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
    fn reads_scalars_lists_maps_and_classes() {
        assert_eq!(spec("String"), "string");
        assert_eq!(spec("Number"), "int64");
        assert!(parse("Number").from_number);
        assert_eq!(spec("Long"), "int64");
        assert_eq!(spec("Integer"), "int32");
        assert_eq!(spec("int"), "int32");
        assert_eq!(spec("int[]"), "int32[]");
        assert_eq!(spec("Boolean"), "boolean");
        assert_eq!(spec("Double"), "number");
        assert_eq!(spec("String[]"), "string[]");
        assert_eq!(spec("Number[]"), "int64[]");
        assert_eq!(spec("Array of String"), "string[]");
        assert_eq!(spec("List<Long>"), "int64[]");
        assert_eq!(spec("Object"), "object");
        assert_eq!(spec("Object[]"), "object[]");
        assert_eq!(spec("OapiBlackboardVo"), "object");
        assert_eq!(spec("BlackboardCategoryVo[]"), "object[]");
        assert_eq!(spec("Position []"), "object[]");
        assert_eq!(spec("department_i18n_name"), "object");
        assert_eq!(spec("JsonObject[]"), "object[]");
        assert_eq!(spec("Map<String, String>"), "map<string, string>");
        assert_eq!(spec("Map<String, Object>"), "map<string, object>");
        assert_eq!(spec("Map<String, List<Long>>"), "map<string, int64[]>");
        assert_eq!(spec("Map"), "map<string, json>");
        assert!(parse("Map").vague);
        assert!(parse("Object").is_object());
        assert!(parse("Map<String, Object>").is_object());
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
        let empty = parse("");
        assert_eq!(empty.spec(), "json");
        assert!(empty.note.is_some() && empty.vague);
        assert!(parse("-").vague);
        let odd = parse("数组");
        assert_eq!(odd.spec(), "json");
        assert!(odd.note.is_some());
        assert_eq!(spec("Array"), "json[]");
        assert_eq!(spec("jsonarray"), "json[]");
        assert!(spec("[][][][][][][]").starts_with("json"));
        assert_eq!(spec("Map<String"), "json");
    }
}
