//! How an endpoint pages, from the names of its fields: a request cursor
//! (`cursor`, `nextToken`, `page_token`), offset (`offset`) or page number
//! (`page`, `pageNumber`, `page_index`) with a page size (`size`,
//! `maxResults`, `page_size`, `limit`), and in the answer the next cursor
//! (`next_cursor`, `nextToken`, `new_next_cursor`), `has_more`, `total`,
//! `pages` and the list of items beside them. A style is written only when
//! every key it needs was found; otherwise a TODO says what is missing.

use super::align::loose;
use super::model::{Field, Note, Paging};

const CURSORS: &[&str] = &["cursor", "nexttoken", "pagetoken", "newcursor", "scrollid"];
const OFFSETS: &[&str] = &["offset"];
const PAGES: &[&str] = &[
    "page",
    "pageno",
    "pagenum",
    "pagenumber",
    "pageindex",
    "currentpage",
    "current",
];
const SIZES: &[&str] = &[
    "size",
    "pagesize",
    "maxresults",
    "limit",
    "count",
    "pagelimit",
    "perpage",
    "rows",
];
const NEXTS: &[&str] = &[
    "nextcursor",
    "nexttoken",
    "pagetoken",
    "newnextcursor",
    "nextpagetoken",
    "cursor",
];
const HAS_MORE: &[&str] = &["hasmore"];
const TOTALS: &[&str] = &["total", "totalcount", "totalsize", "totalnum"];
const PAGE_COUNTS: &[&str] = &["pages", "totalpage", "totalpages", "pagecount"];

/// The first top-level request field whose name is one of `names`.
fn request<'a>(fields: &[&'a Field], names: &[&str]) -> Option<&'a Field> {
    fields
        .iter()
        .find(|f| names.contains(&loose(&f.name).as_str()))
        .copied()
}

/// An object level of the answer: its dotted path and fields.
struct Level<'a> {
    path: String,
    fields: &'a [Field],
}

/// The answer's object levels, outermost first, through objects (not lists), two deep.
fn levels(response: &[Field]) -> Vec<Level<'_>> {
    let mut out = vec![Level {
        path: String::new(),
        fields: response,
    }];
    let mut index = 0;
    while let Some(level) = out.get(index) {
        let (path, fields) = (level.path.clone(), level.fields);
        index += 1;
        if path.matches('.').count() >= 1 && !path.is_empty() {
            continue;
        }
        for field in fields {
            if field.ty == "object" && !field.fields.is_empty() {
                out.push(Level {
                    path: join(&path, &field.name),
                    fields: &field.fields,
                });
            }
        }
    }
    out
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn find<'a>(level: &Level<'a>, names: &[&str], types: &[&str]) -> Option<&'a Field> {
    level
        .fields
        .iter()
        .find(|f| names.contains(&loose(&f.name).as_str()) && types.contains(&f.ty.as_str()))
}

/// The types each bookkeeping field may have.
const TEXT_OR_NUMBER: &[&str] = &["string", "int32", "int64"];
const NUMBER: &[&str] = &["int32", "int64"];
const BOOLEAN: &[&str] = &["boolean"];

/// Reads the paging of an endpoint; the notes say what could not be settled.
pub fn detect(query: &[Field], body: &[Field], response: &[Field]) -> (Option<Paging>, Vec<Note>) {
    let top: Vec<&Field> = query.iter().chain(body).collect();
    let cursor = request(&top, CURSORS);
    let offset = request(&top, OFFSETS);
    let page = request(&top, PAGES);
    let size = request(&top, SIZES).filter(|s| matches!(s.ty.as_str(), "int32" | "int64"));
    if cursor.is_none() && offset.is_none() && page.is_none() {
        return (None, Vec::new());
    }
    // The answer's level holding the page's bookkeeping, and its items.
    let levels = levels(response);
    let level = levels.iter().rev().find(|l| {
        find(l, NEXTS, TEXT_OR_NUMBER).is_some()
            || find(l, HAS_MORE, BOOLEAN).is_some()
            || find(l, TOTALS, NUMBER).is_some()
            || find(l, PAGE_COUNTS, NUMBER).is_some()
    });
    let path = |field: Option<&Field>| field.and_then(|f| level.map(|l| join(&l.path, &f.name)));
    let next = level.and_then(|l| find(l, NEXTS, TEXT_OR_NUMBER));
    let has_more = level.and_then(|l| find(l, HAS_MORE, BOOLEAN));
    let total = level.and_then(|l| find(l, TOTALS, NUMBER));
    let pages = level.and_then(|l| find(l, PAGE_COUNTS, NUMBER));
    // The items: a list beside the bookkeeping, else the first list of the answer.
    let list_in = |l: &Level<'_>| {
        l.fields
            .iter()
            .find(|f| f.ty.ends_with("[]"))
            .map(|f| join(&l.path, &f.name))
    };
    let items = level
        .and_then(list_in)
        .or_else(|| levels.iter().find_map(list_in));
    let mut keys: Vec<(&'static str, String)> = Vec::new();
    let mut missing: Vec<&str> = Vec::new();
    let mut need = |key: &'static str,
                    value: Option<String>,
                    keys: &mut Vec<(&'static str, String)>| match value {
        Some(value) => keys.push((key, value)),
        None => missing.push(key),
    };
    let style = if let (Some(c), true) = (cursor.or(offset), next.is_some()) {
        need("cursor", Some(c.name.clone()), &mut keys);
        need("size", size.map(|s| s.name.clone()), &mut keys);
        need("next", path(next), &mut keys);
        if has_more.is_some() {
            keys.push(("has_more", path(has_more).unwrap_or_default()));
        }
        need("items", items, &mut keys);
        if cursor.is_some() { "cursor" } else { "offset" }
    } else if let Some(o) = offset.filter(|_| has_more.is_some()) {
        need("cursor", Some(o.name.clone()), &mut keys);
        need("size", size.map(|s| s.name.clone()), &mut keys);
        keys.push(("has_more", path(has_more).unwrap_or_default()));
        need("items", items, &mut keys);
        "offset_count"
    } else if let Some(p) = page {
        need("page", Some(p.name.clone()), &mut keys);
        need("size", size.map(|s| s.name.clone()), &mut keys);
        for (key, value) in [
            ("pages", path(pages)),
            ("total", path(total)),
            ("has_more", path(has_more)),
        ] {
            if let Some(value) = value {
                keys.push((key, value));
            }
        }
        need("items", items, &mut keys);
        "page"
    } else {
        let what = cursor.or(offset).map_or("", |f| f.name.as_str());
        return (
            None,
            vec![Note::todo(format!(
                "paging: the request has `{what}` but the answer shows no next cursor or has_more: write `paging` if it pages"
            ))],
        );
    };
    if !missing.is_empty() {
        return (
            None,
            vec![Note::todo(format!(
                "paging ({style}): the page does not show {}: complete `paging`",
                missing.join(", ")
            ))],
        );
    }
    (Some(Paging { style, keys }), Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(name: &str, ty: &str) -> Field {
        Field {
            name: name.into(),
            ty: ty.into(),
            ..Field::default()
        }
    }

    fn object(name: &str, fields: Vec<Field>) -> Field {
        Field {
            fields,
            ..f(name, "object")
        }
    }

    fn keys(paging: &Option<Paging>) -> String {
        paging.as_ref().map_or(String::new(), |p| {
            let keys: Vec<String> = p.keys.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("{} {}", p.style, keys.join(" "))
        })
    }

    #[test]
    fn styles() {
        let (p, _) = detect(
            &[],
            &[f("cursor", "int64"), f("size", "int64")],
            &[object(
                "result",
                vec![
                    f("has_more", "boolean"),
                    f("next_cursor", "int64"),
                    f("list", "object[]"),
                ],
            )],
        );
        assert_eq!(
            keys(&p),
            "cursor cursor=cursor size=size next=result.next_cursor has_more=result.has_more items=result.list"
        );
        let (p, _) = detect(
            &[],
            &[f("offset", "int64"), f("size", "int64")],
            &[object(
                "result",
                vec![f("has_more", "boolean"), f("leave_quotas", "object[]")],
            )],
        );
        assert_eq!(
            keys(&p),
            "offset_count cursor=offset size=size has_more=result.has_more items=result.leave_quotas"
        );
        let (p, _) = detect(
            &[f("pageSize", "int32"), f("pageNumber", "int32")],
            &[],
            &[
                f("totalCount", "int64"),
                f("pageNumber", "int64"),
                f("data", "object[]"),
            ],
        );
        assert_eq!(
            keys(&p),
            "page page=pageNumber size=pageSize total=totalCount items=data"
        );
        let (p, notes) = detect(&[f("nextToken", "string")], &[], &[f("x", "string")]);
        assert!(p.is_none() && notes.iter().any(|n| n.todo));
        let (p, notes) = detect(
            &[f("cursor", "string")],
            &[],
            &[f("next_cursor", "string"), f("list", "object[]")],
        );
        assert!(p.is_none());
        assert!(notes[0].text.contains("size"));
        assert_eq!(detect(&[f("a", "string")], &[], &[]), (None, Vec::new()));
    }
}
