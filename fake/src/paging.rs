//! Pages over a list of items as the endpoint's paging description says:
//! the position read from the request (cursor, offset, page number or last
//! id), the page's items, and the next position, has-more flag, total and
//! page count put where the response declares them. Items are numbered
//! from 1 and carry their number, so a client that loses or repeats one is
//! caught.

use oapi_codegen::ir::{Bound, Endpoint, Paging, Ty};
use serde_json::{Value, json};

use super::answer::put;
use super::synth;

/// Page size when the request names none and the spec documents no default.
const DEFAULT_SIZE: usize = 20;

/// Where the items come from.
pub(crate) enum Items {
    /// `count` synthesised items.
    Synthetic(usize),
    /// Records of a store.
    Stored(Vec<Value>),
}

impl Items {
    fn len(&self) -> usize {
        match self {
            Items::Synthetic(count) => *count,
            Items::Stored(records) => records.len(),
        }
    }
}

/// Fills `business` with the page the request asks for. `request` reads a
/// dotted request path as received; `repeat` answers the cursor received as
/// the next one (a fault).
pub(crate) fn fill(
    endpoint: &Endpoint,
    paging: &Paging,
    request: &dyn Fn(&str) -> Option<Value>,
    items: &Items,
    repeat: bool,
    business: &mut Value,
) {
    let count = items.len();
    let size = paging
        .size
        .as_deref()
        .and_then(|path| request(path).and_then(|v| number(&v)))
        .filter(|n| *n > 0)
        .map_or_else(|| documented_size(endpoint, paging), |n| n as usize);
    let received = paging.cursor.as_deref().and_then(request);
    let position = received.as_ref().and_then(number).unwrap_or(0);
    let start = match paging.style.as_str() {
        "page" => {
            let base = page_base(endpoint, paging);
            let page = received.as_ref().and_then(number).unwrap_or(base);
            (page.saturating_sub(base) as usize).saturating_mul(size)
        }
        _ => position as usize,
    }
    .min(count);
    let end = start.saturating_add(size).min(count);
    let has_more = end < count || repeat;
    let page: Vec<Value> = (start..end)
        .map(|index| item(endpoint, paging, items, index))
        .collect();
    if let Some(path) = &paging.items {
        put(business, path, Value::Array(page));
    }
    if let Some(path) = &paging.has_more {
        put(business, path, json!(has_more));
    }
    if let Some(path) = &paging.total {
        put(business, path, typed(endpoint, path, count as u64));
    }
    if let Some(path) = &paging.pages {
        put(
            business,
            path,
            typed(endpoint, path, count.div_ceil(size) as u64),
        );
    }
    if let Some(path) = &paging.next {
        match (repeat, received.as_ref()) {
            (true, Some(cursor)) => {
                let text = match cursor {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                put(business, path, typed_text(endpoint, path, &text));
            }
            _ if has_more => put(business, path, typed(endpoint, path, end as u64)),
            _ => remove(business, path),
        }
    }
}

/// Item `index` (0-based) of the list.
fn item(endpoint: &Endpoint, paging: &Paging, items: &Items, index: usize) -> Value {
    match items {
        Items::Stored(records) => records.get(index).cloned().unwrap_or(Value::Null),
        Items::Synthetic(_) => {
            let ordinal = index as u64 + 1;
            let list = paging
                .items
                .as_deref()
                .and_then(|path| synth::field_at(endpoint, &endpoint.response.fields, path));
            match list {
                Some(field) => match &field.ty {
                    Ty::List(inner) => match synth::named_struct(endpoint, inner) {
                        Some(s) => synth::object(endpoint, s, Some(ordinal), 1),
                        None => synth::scalar(endpoint, inner, field, ordinal),
                    },
                    _ => json!(ordinal),
                },
                None => json!(ordinal),
            }
        }
    }
}

/// The first page number: 0 where the page field's documented minimum or
/// default is 0, else 1.
fn page_base(endpoint: &Endpoint, paging: &Paging) -> u64 {
    let field = paging
        .cursor
        .as_deref()
        .and_then(|path| synth::field_at(endpoint, &endpoint.request.fields, path));
    let zero = field.is_some_and(|f| {
        matches!(f.limits.min, Some(Bound::Int(0)))
            || f.default.as_ref().and_then(Value::as_i64) == Some(0)
    });
    if zero { 0 } else { 1 }
}

/// The page size documented for the size field: its default, else its maximum.
fn documented_size(endpoint: &Endpoint, paging: &Paging) -> usize {
    let field = paging
        .size
        .as_deref()
        .and_then(|path| synth::field_at(endpoint, &endpoint.request.fields, path));
    let default = field
        .and_then(|f| f.default.as_ref())
        .and_then(Value::as_u64);
    let max = field.and_then(|f| match f.limits.max {
        Some(Bound::Int(n)) if n > 0 => Some(n as u64),
        _ => None,
    });
    default.or(max).map_or(DEFAULT_SIZE, |n| n.max(1) as usize)
}

/// A position as a number: a JSON number, or the digits a text ends with
/// (`"20"`, `"item-20"`).
pub(crate) fn number(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(text) => {
            let digits: String = text
                .chars()
                .rev()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.chars().rev().collect::<String>().parse().ok()
        }
        _ => None,
    }
}

/// `n` as the response field at `path` is typed: a number or text.
fn typed(endpoint: &Endpoint, path: &str, n: u64) -> Value {
    typed_text(endpoint, path, &n.to_string())
}

fn typed_text(endpoint: &Endpoint, path: &str, text: &str) -> Value {
    let field = synth::field_at(endpoint, &endpoint.response.fields, path);
    match field.map(|f| &f.ty) {
        Some(Ty::Integer | Ty::Int32 | Ty::Number) => match text.parse::<u64>() {
            Ok(n) => json!(n),
            Err(_) => json!(text),
        },
        _ => json!(text),
    }
}

/// Removes the value at a dotted path (a finished cursor is absent).
fn remove(root: &mut Value, path: &str) {
    let (parent, last) = match path.rsplit_once('.') {
        Some((parent, last)) => (parent, last),
        None => ("", path),
    };
    let parent = if parent.is_empty() {
        Some(root)
    } else {
        parent.split('.').try_fold(root, |v, part| v.get_mut(part))
    };
    if let Some(Value::Object(object)) = parent {
        object.remove(last);
    }
}
