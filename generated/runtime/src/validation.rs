//! Checks of documented limits, run by `Validate::validate` before any I/O.
//!
//! `#[derive(Validate)]` (from `oapi-macros`) expands each `#[validate(...)]`
//! attribute into one call of the functions below. They are generic over small
//! traits so that `Option<T>` fields are checked only when present, and so the
//! derive needs no knowledge of field types.

use std::fmt;

/// A value that can be checked: a request type, or a container of them.
pub trait Validate {
    /// Appends every violation found in `self` (located at `path`) to `out`.
    fn validate_into(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>);

    /// Checks every documented limit; all violations are reported at once.
    fn validate(&self) -> Result<(), ValidationError> {
        let mut violations = Vec::new();
        self.validate_into(&FieldPath::Root, &mut violations);
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations })
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
        if let Some(value) = self {
            value.validate_into(path, out);
        }
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate_into(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
        (**self).validate_into(path, out);
    }
}

impl<T: Validate> Validate for std::collections::BTreeMap<String, T> {
    fn validate_into(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
        for (key, item) in self {
            item.validate_into(&FieldPath::Key(path, key), out);
        }
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
        for (index, item) in self.iter().enumerate() {
            item.validate_into(&FieldPath::Index(path, index), out);
        }
    }
}

/// Where a value sits inside a request, built on the stack while validating
/// and rendered (`create_request.contents[2].key`) only when a check fails.
#[derive(Clone, Copy)]
pub enum FieldPath<'a> {
    /// The request itself.
    Root,
    /// A named field (its wire name) of the parent.
    Field(&'a FieldPath<'a>, &'static str),
    /// An element of the parent list.
    Index(&'a FieldPath<'a>, usize),
    /// A value of the parent map, by key.
    Key(&'a FieldPath<'a>, &'a str),
}

impl<'a> FieldPath<'a> {
    /// The path of field `name` (its wire name) below `self`.
    pub fn field(&'a self, name: &'static str) -> FieldPath<'a> {
        FieldPath::Field(self, name)
    }
}

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Root => Ok(()),
            FieldPath::Field(FieldPath::Root, name) => f.write_str(name),
            FieldPath::Field(parent, name) => write!(f, "{parent}.{name}"),
            FieldPath::Index(parent, index) => write!(f, "{parent}[{index}]"),
            FieldPath::Key(parent, key) => write!(f, "{parent}[{key:?}]"),
        }
    }
}

/// The documented rule a value broke.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// `min = N`: the number must be at least N.
    Min(String),
    /// `max = N`: the number must be at most N.
    Max(String),
    /// `min_items = N`: the list must hold at least N items.
    MinItems(usize),
    /// `max_items = N`: the list must hold at most N items.
    MaxItems(usize),
    /// `min_length = N`: the text must have at least N characters.
    MinLength(usize),
    /// `max_length = N`: the text must have at most N characters.
    MaxLength(usize),
    /// `max_bytes = N`: at most N bytes (UTF-8 text, or the value's JSON).
    MaxBytes(usize),
    /// `date_time = "%Y-%m-%d %H:%M:%S"`: a date-time in this (strftime) pattern.
    DateTime(&'static str),
    /// `date = "%Y-%m-%d"`: a date in this (strftime) pattern.
    Date(&'static str),
    /// `rfc3339`: an RFC 3339 / ISO-8601 date-time.
    Rfc3339,
    /// `unix_ms` / `unix_s`: an epoch time between 1970 and 9999.
    Epoch(&'static str),
    /// `pattern = "regex"`: the text must match it.
    Pattern(&'static str),
    /// `window(start, end, max_days)`: `end` must not be before `start`
    /// nor more than `max_days` days after it.
    Window {
        /// Wire name of the start field.
        start: &'static str,
        /// Wire name of the end field.
        end: &'static str,
        /// The longest documented span.
        max_days: u32,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Min(n) => write!(f, "must be at least {n} (min = {n})"),
            Rule::Max(n) => write!(f, "must be at most {n} (max = {n})"),
            Rule::MinItems(n) => write!(f, "must hold at least {n} items (min_items = {n})"),
            Rule::MaxItems(n) => write!(f, "must hold at most {n} items (max_items = {n})"),
            Rule::MinLength(n) => {
                write!(f, "must have at least {n} characters (min_length = {n})")
            }
            Rule::MaxLength(n) => {
                write!(f, "must have at most {n} characters (max_length = {n})")
            }
            Rule::MaxBytes(n) => write!(f, "must take at most {n} bytes (max_bytes = {n})"),
            Rule::DateTime(pattern) => {
                write!(
                    f,
                    "must be a date-time like `{pattern}` (date_time = \"{pattern}\")"
                )
            }
            Rule::Date(pattern) => {
                write!(f, "must be a date like `{pattern}` (date = \"{pattern}\")")
            }
            Rule::Rfc3339 => write!(f, "must be an RFC 3339 date-time (rfc3339)"),
            Rule::Epoch(unit) => write!(f, "must be an epoch time in {unit} between 1970 and 9999"),
            Rule::Pattern(pattern) => write!(f, "must match `{pattern}` (pattern)"),
            Rule::Window {
                start,
                end,
                max_days,
            } => write!(
                f,
                "must not be before `{start}` nor more than {max_days} days after it \
                 (window: {start}..{end} <= {max_days} days)"
            ),
        }
    }
}

/// One broken rule: which field, which rule, and the offending value.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// Wire-name path of the field, e.g. `create_request.blackboard_receiver.userid_list`.
    pub path: String,
    /// The documented rule.
    pub rule: Rule,
    /// The offending value as sent (a list is described by its length).
    pub actual: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}, got {}", self.path, self.rule, self.actual)
    }
}

/// Every violation found in one request; the request was not sent.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidationError {
    /// All violations, in field order.
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.violations.len();
        write!(
            f,
            "{count} invalid field{}: ",
            if count == 1 { "" } else { "s" }
        )?;
        for (index, violation) in self.violations.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// A number field that `min`/`max` can check (`Option` is checked when present).
pub trait Bounded {
    /// The scalar type of limits written for this field.
    type Scalar: PartialOrd + fmt::Display + Copy;
    /// The value, if present.
    fn scalar(&self) -> Option<Self::Scalar>;
}

macro_rules! bounded_scalar {
    ($($ty:ty),*) => {$(
        impl Bounded for $ty {
            type Scalar = $ty;
            fn scalar(&self) -> Option<$ty> {
                Some(*self)
            }
        }
    )*};
}
bounded_scalar!(i8, i16, i32, i64, isize, u8, u16, u32, u64, usize, f32, f64);

impl<T: Bounded> Bounded for Option<T> {
    type Scalar = T::Scalar;
    fn scalar(&self) -> Option<T::Scalar> {
        self.as_ref().and_then(Bounded::scalar)
    }
}

/// A list field that `min_items`/`max_items` can check.
pub trait Counted {
    /// Number of items, if present.
    fn count(&self) -> Option<usize>;
}

impl<T> Counted for Vec<T> {
    fn count(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<T: Counted> Counted for Option<T> {
    fn count(&self) -> Option<usize> {
        self.as_ref().and_then(Counted::count)
    }
}

/// A text field that `min_length`/`max_length` can check (in characters).
pub trait Measured {
    /// Number of characters, if present.
    fn length(&self) -> Option<usize>;
}

impl Measured for String {
    fn length(&self) -> Option<usize> {
        Some(self.chars().count())
    }
}

/// The length of a secret is no secret; its characters are never read out.
impl<T: Measured> Measured for super::secret::Secret<T> {
    fn length(&self) -> Option<usize> {
        self.expose().length()
    }
}

impl<T: Measured> Measured for Option<T> {
    fn length(&self) -> Option<usize> {
        self.as_ref().and_then(Measured::length)
    }
}

fn violation(path: &FieldPath<'_>, rule: Rule, actual: String) -> Violation {
    Violation {
        path: path.to_string(),
        rule,
        actual,
    }
}

/// `#[validate(min = N)]`.
pub fn min<T: Bounded>(
    value: &T,
    limit: T::Scalar,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    if let Some(v) = value.scalar().filter(|v| *v < limit) {
        out.push(violation(path, Rule::Min(limit.to_string()), v.to_string()));
    }
}

/// `#[validate(max = N)]`.
pub fn max<T: Bounded>(
    value: &T,
    limit: T::Scalar,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    if let Some(v) = value.scalar().filter(|v| *v > limit) {
        out.push(violation(path, Rule::Max(limit.to_string()), v.to_string()));
    }
}

/// `#[validate(min_items = N)]`.
pub fn min_items<T: Counted>(
    value: &T,
    limit: usize,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    if let Some(n) = value.count().filter(|n| *n < limit) {
        out.push(violation(path, Rule::MinItems(limit), format!("{n} items")));
    }
}

/// `#[validate(max_items = N)]`.
pub fn max_items<T: Counted>(
    value: &T,
    limit: usize,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    if let Some(n) = value.count().filter(|n| *n > limit) {
        out.push(violation(path, Rule::MaxItems(limit), format!("{n} items")));
    }
}

/// `#[validate(min_length = N)]`.
pub fn min_length<T: Measured>(
    value: &T,
    limit: usize,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    if let Some(n) = value.length().filter(|n| *n < limit) {
        out.push(violation(
            path,
            Rule::MinLength(limit),
            format!("{n} characters"),
        ));
    }
}

/// `#[validate(max_length = N)]`.
pub fn max_length<T: Measured>(
    value: &T,
    limit: usize,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    if let Some(n) = value.length().filter(|n| *n > limit) {
        out.push(violation(
            path,
            Rule::MaxLength(limit),
            format!("{n} characters"),
        ));
    }
}

/// A text value the format and byte checks read (`Option` checked when present).
pub trait Textual {
    /// The text, if present.
    fn text(&self) -> Option<&str>;
}

impl Textual for String {
    fn text(&self) -> Option<&str> {
        Some(self)
    }
}

impl<T: Textual> Textual for Option<T> {
    fn text(&self) -> Option<&str> {
        self.as_ref().and_then(Textual::text)
    }
}

/// The bytes of a secret are counted, never shown.
impl<T: Textual> Textual for super::secret::Secret<T> {
    fn text(&self) -> Option<&str> {
        self.expose().text()
    }
}

/// Quoted and bounded, for a violation's message.
fn shown(text: &str) -> String {
    format!("{:?}", super::redact::quote(text))
}

/// `#[validate(max_bytes = N)]` on text: its UTF-8 length.
pub fn max_bytes<T: Textual>(
    value: &T,
    limit: usize,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    if let Some(n) = value.text().map(str::len).filter(|n| *n > limit) {
        out.push(violation(path, Rule::MaxBytes(limit), format!("{n} bytes")));
    }
}

/// `#[validate(max_json_bytes = N)]` on a value sent as JSON (an object, a
/// map, a list): the length of its compact JSON.
pub fn max_json_bytes<T: serde::Serialize>(
    value: &T,
    limit: usize,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    let length = serde_json::to_vec(value).map_or(0, |bytes| bytes.len());
    if length > limit && !matches!(serde_json::to_value(value), Ok(serde_json::Value::Null)) {
        out.push(violation(
            path,
            Rule::MaxBytes(limit),
            format!("{length} bytes"),
        ));
    }
}

/// `#[validate(date_time = "%Y-%m-%d %H:%M:%S")]`.
pub fn date_time<T: Textual>(
    value: &T,
    pattern: &'static str,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    if let Some(text) = value.text() {
        if chrono::NaiveDateTime::parse_from_str(text, pattern).is_err() {
            out.push(violation(path, Rule::DateTime(pattern), shown(text)));
        }
    }
}

/// `#[validate(date = "%Y-%m-%d")]`.
pub fn date<T: Textual>(
    value: &T,
    pattern: &'static str,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    if let Some(text) = value.text() {
        if chrono::NaiveDate::parse_from_str(text, pattern).is_err() {
            out.push(violation(path, Rule::Date(pattern), shown(text)));
        }
    }
}

/// `#[validate(rfc3339)]`.
pub fn rfc3339<T: Textual>(value: &T, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
    if let Some(text) = value.text() {
        if chrono::DateTime::parse_from_rfc3339(text).is_err() {
            out.push(violation(path, Rule::Rfc3339, shown(text)));
        }
    }
}

/// The last epoch millisecond of year 9999.
const MAX_EPOCH_MS: i64 = 253_402_300_799_999;

/// `#[validate(unix_ms)]`.
pub fn unix_ms<T: Bounded>(value: &T, path: &FieldPath<'_>, out: &mut Vec<Violation>)
where
    T::Scalar: Into<i64>,
{
    if let Some(v) = value.scalar().map(Into::into) {
        if !(0..=MAX_EPOCH_MS).contains(&v) {
            out.push(violation(path, Rule::Epoch("milliseconds"), v.to_string()));
        }
    }
}

/// `#[validate(unix_s)]`.
pub fn unix_s<T: Bounded>(value: &T, path: &FieldPath<'_>, out: &mut Vec<Violation>)
where
    T::Scalar: Into<i64>,
{
    if let Some(v) = value.scalar().map(Into::into) {
        if !(0..=MAX_EPOCH_MS / 1000).contains(&v) {
            out.push(violation(path, Rule::Epoch("seconds"), v.to_string()));
        }
    }
}

/// `#[validate(pattern = "regex")]`: compiled once per pattern and process.
pub fn pattern<T: Textual>(
    value: &T,
    pattern: &'static str,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    let Some(text) = value.text() else { return };
    // A pattern that does not compile was refused by `check`; a hand-written
    // one that does not is reported as broken by every value.
    if !regex(pattern).is_some_and(|re| re.is_match(text)) {
        out.push(violation(path, Rule::Pattern(pattern), shown(text)));
    }
}

fn regex(pattern: &'static str) -> Option<regex_lite::Regex> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock, PoisonError};
    static COMPILED: OnceLock<Mutex<HashMap<&'static str, Option<regex_lite::Regex>>>> =
        OnceLock::new();
    let cache = COMPILED.get_or_init(Mutex::default);
    let mut cache = cache.lock().unwrap_or_else(PoisonError::into_inner);
    cache
        .entry(pattern)
        .or_insert_with(|| regex_lite::Regex::new(pattern).ok())
        .clone()
}

const MILLIS_PER_DAY: i64 = 86_400_000;

/// How a window's field holds a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// Epoch milliseconds (an integer field without a format).
    Millis,
    /// Epoch seconds.
    Seconds,
    /// A date-time text in this strftime pattern, in UTC+8.
    DateTime(&'static str),
    /// A date text in this strftime pattern, at midnight UTC+8.
    Date(&'static str),
    /// An RFC 3339 text.
    Rfc3339,
}

/// Offset of the naive date-times platforms document (China Standard Time).
const UTC8_MS: i64 = 8 * 3_600_000;

/// A field a window reads a time from.
pub trait TimeValue {
    /// The time in epoch milliseconds, if present and readable as `kind`.
    fn epoch_ms(&self, kind: TimeKind) -> Option<i64>;
}

impl TimeValue for i64 {
    fn epoch_ms(&self, kind: TimeKind) -> Option<i64> {
        match kind {
            TimeKind::Seconds => self.checked_mul(1000),
            _ => Some(*self),
        }
    }
}

impl TimeValue for i32 {
    fn epoch_ms(&self, kind: TimeKind) -> Option<i64> {
        i64::from(*self).epoch_ms(kind)
    }
}

impl TimeValue for String {
    fn epoch_ms(&self, kind: TimeKind) -> Option<i64> {
        match kind {
            TimeKind::DateTime(pattern) => chrono::NaiveDateTime::parse_from_str(self, pattern)
                .ok()
                .map(|t| t.and_utc().timestamp_millis() - UTC8_MS),
            TimeKind::Date(pattern) => chrono::NaiveDate::parse_from_str(self, pattern)
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc().timestamp_millis() - UTC8_MS),
            TimeKind::Rfc3339 => chrono::DateTime::parse_from_rfc3339(self)
                .ok()
                .map(|t| t.timestamp_millis()),
            TimeKind::Millis | TimeKind::Seconds => self.parse::<i64>().ok()?.epoch_ms(kind),
        }
    }
}

impl<T: TimeValue> TimeValue for Option<T> {
    fn epoch_ms(&self, kind: TimeKind) -> Option<i64> {
        self.as_ref().and_then(|v| v.epoch_ms(kind))
    }
}

/// One side of a window: the field, how it holds a time, its wire name.
pub struct WindowEnd<'a, T> {
    /// The field.
    pub value: &'a T,
    /// How it holds a time.
    pub kind: TimeKind,
    /// Its wire name.
    pub name: &'static str,
}

/// Struct-level `#[validate(window(start = a, end = b, max_days = N))]`:
/// checked only when both times are present and readable (a malformed text
/// is its own field's violation), and, with `when(field = f, min_items = n)`,
/// only when that list holds at least `n` items (`applies`). Reported at `end`.
pub fn window<A: TimeValue, B: TimeValue>(
    start: WindowEnd<'_, A>,
    end: WindowEnd<'_, B>,
    max_days: u32,
    applies: bool,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) {
    if !applies {
        return;
    }
    let (Some(s), Some(e)) = (
        start.value.epoch_ms(start.kind),
        end.value.epoch_ms(end.kind),
    ) else {
        return;
    };
    let span = i128::from(e) - i128::from(s);
    if span < 0 || span > i128::from(max_days) * i128::from(MILLIS_PER_DAY) {
        let rule = Rule::Window {
            start: start.name,
            end: end.name,
            max_days,
        };
        let actual = if span < 0 {
            format!("{} ms before `{}`", -span, start.name)
        } else {
            let days = span as f64 / MILLIS_PER_DAY as f64;
            format!("{days:.3} days after `{}`", start.name)
        };
        out.push(violation(&path.field(end.name), rule, actual));
    }
}

/// Whether a `when(field = f, min_items = n)` condition holds.
pub fn at_least<T: Counted>(value: &T, min_items: usize) -> bool {
    value.count().is_some_and(|n| n >= min_items)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secret::Secret;

    struct Inner {
        size: usize,
        key: Secret<String>,
    }

    impl Validate for Inner {
        fn validate_into(&self, path: &FieldPath<'_>, out: &mut Vec<Violation>) {
            max(&self.size, 3, &path.field("size"), out);
            max_length(&self.key, 4, &path.field("key"), out);
        }
    }

    #[test]
    fn boxes_secrets_and_sizes_are_checked_without_printing_secrets() {
        let boxed = Box::new(Inner {
            size: 4,
            key: Secret::new("hunter2".to_string()),
        });
        let err = boxed.validate().unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("`size` must be at most 3 (max = 3), got 4"),
            "{text}"
        );
        assert!(
            text.contains(
                "`key` must have at most 4 characters (max_length = 4), got 7 characters"
            ),
            "{text}"
        );
        assert!(!text.contains("hunter2"), "{text}");
    }
}
