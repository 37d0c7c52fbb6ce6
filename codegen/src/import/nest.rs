//! Rows into a tree of fields.
//!
//! Tables with tree glyphs (`├`/`└`) give the depth. Flat tables (the
//! DingTalk ones) do not: there an object-typed row (`XxxVo`, `Object`,
//! `Object[]`, `PageResult`, …) takes the rows after it as its fields, and
//! a level ends
//! - at an envelope row (`errcode`, `errmsg`, `success`, `request_id`):
//!   back to the top;
//! - at a paging row (`next_cursor`, `has_more`, `total`, the request's
//!   page size…) inside a list: back to the page object holding the list;
//! - at an object row inside a nested object that already has fields: the
//!   new object is its sibling;
//! - at a row repeating a name the level already has.
//!
//! Where a nested object's fields end is then a guess, and says so.

use super::kind::{self, Kind};
use super::model::Note;
use super::table::Row;
use super::text::short;

/// A row with the rows nested under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The row.
    pub row: Row,
    /// Its type, read.
    pub kind: Kind,
    /// Nested rows.
    pub children: Vec<Node>,
    /// Doubts about its place or fields.
    pub notes: Vec<Note>,
}

impl Node {
    /// A node for `row`.
    pub fn new(row: Row) -> Node {
        Node {
            kind: kind::parse(&row.ty),
            row,
            children: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// The wire name.
    pub fn name(&self) -> &str {
        &self.row.name
    }
}

/// Response rows that belong to the gateway's envelope.
pub const ENVELOPE: &[&str] = &["errcode", "errmsg", "success", "request_id"];

/// Response rows that describe the page rather than its items.
const PAGING: &[&str] = &[
    "next_cursor",
    "nextCursor",
    "has_more",
    "hasMore",
    "nextToken",
    "next_token",
    "total",
    "totalCount",
    "total_count",
    "pages",
];

/// Request names that are page sizes: a response row of the same name is
/// the page's, not an item's.
pub const PAGE_SIZES: &[&str] = &[
    "size",
    "page_size",
    "pageSize",
    "maxResults",
    "max_results",
    "limit",
];

/// What nesting needs to know about the table.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// A response table (envelope rows end nesting).
    pub response: bool,
    /// Page-size names the request has.
    pub page_sizes: Vec<String>,
}

/// The children list at `path` (indexes from the roots).
fn at<'a>(nodes: &'a mut Vec<Node>, path: &[usize]) -> &'a mut Vec<Node> {
    match path.split_first() {
        Some((first, rest)) if *first < nodes.len() => at(&mut nodes[*first].children, rest),
        _ => nodes,
    }
}

/// The node at `path`.
fn node_at<'a>(nodes: &'a mut Vec<Node>, path: &[usize]) -> Option<&'a mut Node> {
    let (last, parent) = path.split_last()?;
    at(nodes, parent).get_mut(*last)
}

/// Rows whose depth is given by tree glyphs.
pub fn tree(rows: Vec<Row>) -> (Vec<Node>, Vec<Note>) {
    let mut roots: Vec<Node> = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    let mut notes = Vec::new();
    for row in rows {
        let mut node = Node::new(row);
        let mut depth = node.row.depth;
        if depth > path.len() {
            node.notes.push(Note::todo(format!(
                "page line {}: nested deeper than the row before it; read as one level below it",
                node.row.line
            )));
            depth = path.len();
        }
        path.truncate(depth);
        let siblings = at(&mut roots, &path);
        if siblings.iter().any(|s| s.name() == node.name()) {
            notes.push(Note::todo(format!(
                "page line {}: `{}` is listed twice at the same level: the second one was left out",
                node.row.line,
                node.name()
            )));
            continue;
        }
        siblings.push(node);
        path.push(siblings.len() - 1);
    }
    (roots, notes)
}

/// One open object level of a flat table.
struct Level {
    name: String,
    list: bool,
    taken: Vec<String>,
}

/// Rows of a flat table, nested by type.
pub fn flat(rows: Vec<Row>, context: &Context) -> (Vec<Node>, Vec<Note>) {
    let mut roots: Vec<Node> = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    let mut levels: Vec<Level> = Vec::new();
    let mut notes = Vec::new();
    'rows: for row in rows {
        let node = Node::new(row);
        let name = node.name().to_owned();
        let is_paging = PAGING.contains(&name.as_str())
            || (context.response && context.page_sizes.contains(&name));
        if context.response && ENVELOPE.contains(&name.as_str()) {
            close(
                &mut roots,
                &mut path,
                &mut levels,
                0,
                &format!("`{name}` is an envelope field"),
            );
        } else if is_paging && levels.last().is_some_and(|l| l.list) {
            let keep = levels.iter().rposition(|l| !l.list).map_or(0, |i| i + 1);
            let parent = keep
                .checked_sub(1)
                .and_then(|i| levels.get(i))
                .map_or("the response".to_owned(), |l| format!("`{}`", l.name));
            close(
                &mut roots,
                &mut path,
                &mut levels,
                keep,
                &format!("`{name}` is a paging field, read as a field of {parent}"),
            );
        } else if levels.len() >= 2
            && node.kind.is_object()
            && levels.last().is_some_and(|l| !l.taken.is_empty())
        {
            let keep = levels.len() - 1;
            close(
                &mut roots,
                &mut path,
                &mut levels,
                keep,
                &format!("the next row `{name}` is an object, read as its sibling"),
            );
        }
        while at(&mut roots, &path).iter().any(|s| s.name() == name) {
            if levels.is_empty() {
                notes.push(Note::todo(format!(
                    "page line {}: `{name}` is listed twice: the second one was left out",
                    node.row.line
                )));
                continue 'rows;
            }
            let keep = levels.len() - 1;
            close(
                &mut roots,
                &mut path,
                &mut levels,
                keep,
                &format!("`{name}` repeats one of its fields"),
            );
        }
        if let Some(level) = levels.last_mut() {
            level.taken.push(name.clone());
        }
        let object = node.kind.is_object();
        let list = node.kind.lists > 0;
        let siblings = at(&mut roots, &path);
        siblings.push(node);
        if object {
            path.push(siblings.len() - 1);
            levels.push(Level {
                name,
                list,
                taken: Vec::new(),
            });
        }
    }
    close(
        &mut roots,
        &mut path,
        &mut levels,
        0,
        "the table ends there",
    );
    (roots, notes)
}

/// Closes levels down to `keep` open ones; a nested level (depth 2 or
/// more) that took rows gets a TODO saying its end is a guess.
fn close(
    roots: &mut Vec<Node>,
    path: &mut Vec<usize>,
    levels: &mut Vec<Level>,
    keep: usize,
    reason: &str,
) {
    while levels.len() > keep {
        let Some(level) = levels.pop() else { break };
        if !levels.is_empty() && !level.taken.is_empty() {
            let taken = if level.taken.len() > 6 {
                format!(
                    "{}, … {} ({} rows)",
                    level.taken[..3].join(", "),
                    level.taken[level.taken.len() - 1],
                    level.taken.len()
                )
            } else {
                level.taken.join(", ")
            };
            if let Some(node) = node_at(roots, path) {
                node.notes.push(Note::todo(format!(
                    "the table is flat: where `{}`'s fields end is a guess: took {}; {}",
                    level.name,
                    short(&taken, 160),
                    reason
                )));
            }
        }
        path.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, ty: &str) -> Row {
        Row {
            name: name.to_owned(),
            ty: ty.to_owned(),
            ..Row::default()
        }
    }

    fn tree_row(name: &str, ty: &str, depth: usize) -> Row {
        Row {
            depth,
            ..row(name, ty)
        }
    }

    /// `name(child, child(grandchild))` rendering of a tree.
    fn show(nodes: &[Node]) -> String {
        nodes
            .iter()
            .map(|n| {
                if n.children.is_empty() {
                    n.name().to_owned()
                } else {
                    format!("{}({})", n.name(), show(&n.children))
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn response() -> Context {
        Context {
            response: true,
            page_sizes: vec!["size".to_owned()],
        }
    }

    #[test]
    fn objects_take_the_rows_after_them() {
        let rows = vec![
            row("result", "BlackboardCategoryVo[]"),
            row("id", "String"),
            row("name", "String"),
            row("success", "Boolean"),
            row("errcode", "Number"),
        ];
        let (nodes, notes) = flat(rows, &response());
        assert_eq!(show(&nodes), "result(id, name), success, errcode");
        assert!(notes.is_empty());
        assert!(
            nodes[0].notes.is_empty(),
            "a top-level object ending at the envelope is no guess"
        );
    }

    #[test]
    fn an_object_row_after_a_nested_objects_fields_is_its_sibling() {
        let rows = vec![
            row("result", "Object"),
            row("id", "String"),
            row("user_list", "Object[]"),
            row("staff_id", "String"),
            row("name", "String"),
            row("deptList", "Object[]"),
            row("dept_id", "String"),
            row("name", "String"),
            row("errcode", "Number"),
        ];
        let (nodes, _) = flat(rows, &response());
        assert_eq!(
            show(&nodes),
            "result(id, user_list(staff_id, name), deptList(dept_id, name)), errcode"
        );
        let user_list = &nodes[0].children[1];
        assert!(
            user_list
                .notes
                .iter()
                .any(|n| n.todo && n.text.contains("deptList"))
        );
    }

    #[test]
    fn paging_rows_leave_lists() {
        let rows = vec![
            row("result", "PageVo"),
            row("data_list", "ReportOapiVo[]"),
            row("contents", "JsonObject[]"),
            row("key", "String"),
            row("remark", "String"),
            row("size", "Number"),
            row("next_cursor", "Number"),
            row("has_more", "Boolean"),
            row("errcode", "Number"),
        ];
        let (nodes, _) = flat(rows, &response());
        assert_eq!(
            show(&nodes),
            "result(data_list(contents(key, remark)), size, next_cursor, has_more), errcode"
        );
    }

    #[test]
    fn request_wrappers_take_everything() {
        let rows = vec![
            row("update_request", "OapiUpdateBlackboardVo"),
            row("author", "String"),
            row("title", "String"),
        ];
        let (nodes, _) = flat(rows, &Context::default());
        assert_eq!(show(&nodes), "update_request(author, title)");
    }

    #[test]
    fn repeated_names_close_a_level_or_are_dropped() {
        let rows = vec![
            row("a", "Object"),
            row("b", "Object"),
            row("x", "String"),
            row("x", "String"),
            row("y", "String"),
        ];
        let (nodes, notes) = flat(rows, &Context::default());
        assert_eq!(show(&nodes), "a(b(x), x, y)");
        assert!(notes.is_empty());
        let (nodes, notes) = flat(
            vec![row("x", "String"), row("x", "Number")],
            &Context::default(),
        );
        assert_eq!(show(&nodes), "x");
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn trees_follow_their_glyphs() {
        let rows = vec![
            tree_row("appId", "string", 0),
            tree_row("paramContent", "object", 0),
            tree_row("pageNum", "integer", 1),
            tree_row("pageSize", "integer", 1),
            tree_row("deep", "integer", 3),
            tree_row("pageSize", "integer", 1),
            tree_row("timestamp", "integer", 0),
        ];
        let (nodes, notes) = tree(rows);
        assert_eq!(
            show(&nodes),
            "appId, paramContent(pageNum, pageSize(deep)), timestamp"
        );
        assert_eq!(notes.len(), 1);
        assert!(
            nodes[1].children[1].children[0]
                .notes
                .iter()
                .any(|n| n.todo)
        );
    }

    #[test]
    fn empty_input() {
        assert!(flat(Vec::new(), &Context::default()).0.is_empty());
        assert!(tree(Vec::new()).0.is_empty());
    }
}
