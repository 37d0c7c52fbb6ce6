//! Paging: the style, the keys it needs (each missing one is a located
//! error, never a compile error in generated code), the fields they name and
//! their types.

use super::{Checker, join, key};
use crate::load::{At, Seg};
use crate::raw::*;
use crate::types::{self, Base, TypeExpr};

const PAGING_KEYS: &[&str] = &[
    "style", "cursor", "size", "page", "next", "has_more", "items", "item_id", "pages", "total",
];

/// Paging styles, with the aliases the README documents.
pub const PAGING_STYLES: &[&str] = &[
    "cursor",
    "offset",
    "offset_count",
    "page",
    "last_id",
    "token",
    "page_token",
    "page_num",
];

/// A style's keys: required, then optional.
pub fn style_keys(style: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match canonical_style(style)? {
        "cursor" | "offset" => (&["cursor", "next", "items"], &["size", "has_more"]),
        "offset_count" => (&["cursor", "size", "items"], &["has_more"]),
        "page" => (&["page", "size", "items"], &["pages", "total", "has_more"]),
        _ => (&["cursor", "items", "item_id", "has_more"], &["size"]),
    })
}

/// The style an alias stands for.
pub fn canonical_style(style: &str) -> Option<&'static str> {
    Some(match style {
        "cursor" | "token" | "page_token" => "cursor",
        "offset" => "offset",
        "offset_count" => "offset_count",
        "page" | "page_num" => "page",
        "last_id" => "last_id",
        _ => return None,
    })
}

/// What a key's field must be.
#[derive(Clone, Copy)]
enum Want {
    Cursor,
    Integer,
    Boolean,
    List,
}

impl Want {
    fn accepts(self, ty: &TypeExpr) -> bool {
        match self {
            Want::Cursor => matches!(
                ty,
                TypeExpr::Base(Base::String | Base::Integer | Base::Int32)
            ),
            Want::Integer => matches!(ty, TypeExpr::Base(base) if base.is_integer()),
            Want::Boolean => ty == &TypeExpr::Base(Base::Boolean),
            Want::List => ty.lists() > 0,
        }
    }

    fn what(self) -> &'static str {
        match self {
            Want::Cursor => "a `string` or an integer",
            Want::Integer => "an integer",
            Want::Boolean => "a `boolean`",
            Want::List => "a list",
        }
    }
}

impl Checker<'_> {
    pub(super) fn paging_shape(&mut self, path: &[Seg], paging: &RawPaging) {
        self.unknown_keys(path, &paging.unknown, PAGING_KEYS);
        self.one_of(path, "style", &paging.style, PAGING_STYLES, true);
    }

    pub(super) fn paging(&mut self, path: &[Seg], paging: &RawPaging, endpoint: &RawEndpoint) {
        self.paging_shape(path, paging);
        let Some((required, optional)) = paging.style.as_deref().and_then(style_keys) else {
            return;
        };
        let style = paging.style.as_deref().unwrap_or_default();
        for (name, value) in keys(paging) {
            let needed = required.contains(&name) || optional.contains(&name);
            match value {
                None if required.contains(&name) => self.error(
                    path,
                    At::Value,
                    format!("paging style `{style}` needs `{name}`"),
                    Some(format!(
                        "style `{style}` takes {}{}",
                        required.join(", "),
                        if optional.is_empty() {
                            String::new()
                        } else {
                            format!(" (and optionally {})", optional.join(", "))
                        }
                    )),
                ),
                Some(_) if !needed => self.error(
                    &join(path, key(name)),
                    At::Key,
                    format!("`{name}` is not used by paging style `{style}`"),
                    Some(format!(
                        "style `{style}` takes {}",
                        required
                            .iter()
                            .chain(optional)
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                ),
                Some(dotted) => self.paging_field(path, name, dotted, endpoint),
                None => {}
            }
        }
    }

    fn paging_field(&mut self, path: &[Seg], name: &str, dotted: &str, endpoint: &RawEndpoint) {
        let (request_side, want) = match name {
            "cursor" | "page" => (true, Want::Cursor),
            "size" => (true, Want::Integer),
            "next" | "item_id" => (false, Want::Cursor),
            "has_more" => (false, Want::Boolean),
            "pages" | "total" => (false, Want::Integer),
            _ => (false, Want::List),
        };
        let at = join(path, key(name));
        let found = if request_side {
            [&endpoint.query, &endpoint.body, &endpoint.headers]
                .into_iter()
                .map(|fields| follow(fields, dotted, true))
                .reduce(|found, other| match found {
                    Err(Step::Missing) => other,
                    found => found,
                })
                .unwrap_or(Err(Step::Missing))
        } else if name == "item_id" {
            item_field(endpoint, dotted)
        } else {
            follow(&endpoint.response, dotted, false)
        };
        let field = match found {
            Ok(field) => field,
            Err(Step::Missing) => {
                let (message, help) = match (request_side, name) {
                    (true, _) => (
                        format!("paging {name} `{dotted}` is not a request field"),
                        "a dotted path of wire names, e.g. `query_request.page`",
                    ),
                    (false, "item_id") => (
                        format!("paging item_id `{dotted}` is not a field of the listed items"),
                        "a field of the objects in `items`, e.g. `position_key`",
                    ),
                    _ => (
                        format!("paging {name} `{dotted}` is not a response field"),
                        "a dotted path of wire names, e.g. `result.next_cursor`",
                    ),
                };
                self.error(&at, At::Value, message, Some(help.into()));
                return;
            }
            Err(Step::Through(part, ty)) => {
                self.error(
                    &at,
                    At::Value,
                    format!("paging {name} `{dotted}` goes through `{part}`, which is `{ty}`: paging follows objects, one value at each step"),
                    Some("name a field reached through `object` fields only".into()),
                );
                return;
            }
            Err(Step::Optional(part)) => {
                self.error(
                    &at,
                    At::Value,
                    format!("paging {name} `{dotted}` goes through `{part}`, which is optional: the next page's request could not be written"),
                    Some(format!("make `{part}` `required: true`")),
                );
                return;
            }
            Err(Step::Nested) => {
                self.error(
                    &at,
                    At::Value,
                    format!("paging item_id `{dotted}` is nested: it must be a field of the items themselves"),
                    None,
                );
                return;
            }
            Err(Step::NotObjects(ty)) => {
                self.error(
                    &at,
                    At::Value,
                    format!("paging item_id needs `items` to list objects, but it is `{ty}`"),
                    Some("`items` names an `object[]` field".into()),
                );
                return;
            }
        };
        let Some(ty) = field.ty.as_deref().and_then(types::parse) else {
            return; // reported with the field
        };
        if !want.accepts(&ty) {
            self.error(
                &at,
                At::Value,
                format!(
                    "paging {name} `{dotted}` is `{ty}`, but must be {}",
                    want.what()
                ),
                None,
            );
        } else if matches!(want, Want::Cursor | Want::Integer) && field.enumeration.is_some() {
            self.error(
                &at,
                At::Value,
                format!("paging {name} `{dotted}` is an enum field; it must be a plain value"),
                Some("drop the field's `enum`, or page by another field".into()),
            );
        } else if field.secret == Some(true) {
            self.error(
                &at,
                At::Value,
                format!("paging {name} `{dotted}` is `secret`; a paging value is copied from answer to request, so it cannot be one"),
                None,
            );
        }
    }
}

/// Why a paging path does not lead to a usable field.
enum Step {
    /// No field at some step.
    Missing,
    /// A step that is a list or a map (its name and type).
    Through(String, TypeExpr),
    /// A request-side step that is optional (its name).
    Optional(String),
    /// An `item_id` with dots.
    Nested,
    /// `items` does not list objects (its type).
    NotObjects(TypeExpr),
}

/// The field at a dotted path of wire names, reached through objects only
/// (a list or a map holds many values, not one to page by); on the request
/// side through required objects (the next page's request is written there).
fn follow<'a>(
    fields: &'a Entries<RawField>,
    dotted: &str,
    request_side: bool,
) -> Result<&'a RawField, Step> {
    let mut current = fields;
    let mut parts = dotted.split('.').peekable();
    while let Some(part) = parts.next() {
        let field = current
            .0
            .iter()
            .find(|(name, _)| name == part)
            .map(|(_, f)| f)
            .ok_or(Step::Missing)?;
        if parts.peek().is_none() {
            return Ok(field);
        }
        let Some(ty) = field.ty.as_deref().and_then(types::parse) else {
            return Err(Step::Missing);
        };
        if ty != TypeExpr::Base(Base::Object) {
            return Err(Step::Through(part.to_owned(), ty));
        }
        if request_side && field.required != Some(true) {
            return Err(Step::Optional(part.to_owned()));
        }
        current = field.fields.as_ref().ok_or(Step::Missing)?;
    }
    Err(Step::Missing)
}

fn keys(paging: &RawPaging) -> [(&'static str, Option<&str>); 9] {
    [
        ("cursor", paging.cursor.as_deref()),
        ("page", paging.page.as_deref()),
        ("size", paging.size.as_deref()),
        ("next", paging.next.as_deref()),
        ("has_more", paging.has_more.as_deref()),
        ("items", paging.items.as_deref()),
        ("item_id", paging.item_id.as_deref()),
        ("pages", paging.pages.as_deref()),
        ("total", paging.total.as_deref()),
    ]
}

/// The field `dotted` of the objects the paging's `items` lists: `items`
/// is a list of objects, and the field one of theirs (not nested).
fn item_field<'a>(endpoint: &'a RawEndpoint, dotted: &str) -> Result<&'a RawField, Step> {
    let items = endpoint
        .paging
        .as_ref()
        .and_then(|p| p.items.as_deref())
        .ok_or(Step::Missing)?;
    let items = follow(&endpoint.response, items, false).map_err(|_| Step::Missing)?;
    let ty = items
        .ty
        .as_deref()
        .and_then(types::parse)
        .ok_or(Step::Missing)?;
    if ty != TypeExpr::List(Box::new(TypeExpr::Base(Base::Object))) {
        return Err(Step::NotObjects(ty));
    }
    if dotted.contains('.') {
        return Err(Step::Nested);
    }
    follow(items.fields.as_ref().ok_or(Step::Missing)?, dotted, false)
}
