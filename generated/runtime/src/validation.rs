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
    /// `window(start, end, max_days)`: `end` must not be before `start`
    /// (epoch milliseconds) nor more than `max_days` days after it.
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

const MILLIS_PER_DAY: i64 = 86_400_000;

/// Struct-level `#[validate(window(start = a, end = b, max_days = N))]` on
/// epoch-millisecond fields; checked only when both are present.
/// The violation is reported at the `end` field.
#[allow(clippy::too_many_arguments)] // ok: one call per generated rule, all arguments are data
pub fn window<A, B>(
    start: &A,
    end: &B,
    start_name: &'static str,
    end_name: &'static str,
    max_days: u32,
    path: &FieldPath<'_>,
    out: &mut Vec<Violation>,
) where
    A: Bounded<Scalar = i64>,
    B: Bounded<Scalar = i64>,
{
    let (Some(s), Some(e)) = (start.scalar(), end.scalar()) else {
        return;
    };
    let span = i128::from(e) - i128::from(s);
    if span < 0 || span > i128::from(max_days) * i128::from(MILLIS_PER_DAY) {
        let rule = Rule::Window {
            start: start_name,
            end: end_name,
            max_days,
        };
        let days = span as f64 / MILLIS_PER_DAY as f64;
        out.push(violation(
            &path.field(end_name),
            rule,
            format!("{e} ({days:.1} days after {s})"),
        ));
    }
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
