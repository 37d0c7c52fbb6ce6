//! Nesting a flat table by its types, when nothing else on the page shows
//! it: an object-typed row (`XxxVo`, `Object`, `Object[]`, `Array`,
//! `PageResult`, …) takes the rows after it as its fields, and a level ends
//! - at an envelope row (`errcode`, `errmsg`, `success`, `request_id`):
//!   back to the top;
//! - at a paging row (`next_cursor`, `has_more`, `total`, the request's
//!   page size…) inside a list: back to the page object holding the list;
//! - at an object row inside a nested object that already has fields: the
//!   new object is its sibling;
//! - at a row repeating a name the level already has.
//!
//! Below the first level every placement is a guess: the rows placed there,
//! and the first row after a level the guess closed, carry a TODO.

use super::model::Note;
use super::nest::{Context, ENVELOPE, Node, at, node_at};
use super::table::Row;
use super::text::short;

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

/// One open object level of a flat table.
struct Level {
    name: String,
    list: bool,
    taken: Vec<String>,
}

/// Whether rows after `node` may be its fields.
fn opens(node: &Node) -> bool {
    node.kind.is_object() || (node.kind.vague && node.kind.ty.lists() > 0)
}

/// Rows of a flat table, nested by type.
pub fn flat(rows: Vec<Row>, context: &Context) -> (Vec<Node>, Vec<Note>) {
    let mut roots: Vec<Node> = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    let mut levels: Vec<Level> = Vec::new();
    let mut notes = Vec::new();
    let mut after_guess: Option<String> = None;
    'rows: for row in rows {
        if row.name.is_empty() {
            // The value row of a map: the map's rows follow.
            continue;
        }
        let mut node = Node::new(row);
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
            after_guess = close(
                &mut roots,
                &mut path,
                &mut levels,
                keep,
                &format!("`{name}` is a paging field, read as a field of {parent}"),
            );
        } else if levels.len() >= 2
            && opens(&node)
            && levels.last().is_some_and(|l| !l.taken.is_empty())
        {
            let keep = levels.len() - 1;
            after_guess = close(
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
            after_guess = close(
                &mut roots,
                &mut path,
                &mut levels,
                keep,
                &format!("`{name}` repeats one of its fields"),
            );
        }
        if let Some(closed) = after_guess.take() {
            node.notes.push(Note::todo(format!(
                "the table is flat: read as following `{closed}`, not as one of its fields (a guess from the types)"
            )));
        } else if levels.len() >= 2 {
            if let Some(level) = levels.last() {
                node.notes.push(Note::todo(format!(
                    "the table is flat: read as a field of `{}` (a guess from the types)",
                    level.name
                )));
            }
        }
        if let Some(level) = levels.last_mut() {
            level.taken.push(name.clone());
        }
        let object = opens(&node);
        let list = node.kind.ty.lists() > 0;
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
/// more) that took rows gets a TODO saying its end is a guess. Returns the
/// name of the innermost level closed by a guess, if any.
fn close(
    roots: &mut Vec<Node>,
    path: &mut Vec<usize>,
    levels: &mut Vec<Level>,
    keep: usize,
    reason: &str,
) -> Option<String> {
    let mut guessed = None;
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
            guessed.get_or_insert(level.name.clone());
        }
        path.pop();
    }
    guessed
}

#[cfg(test)]
mod tests {
    use super::super::nest::test_util::{row, show};
    use super::*;

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
        // Every guessed place is marked on the row itself.
        assert!(
            user_list
                .children
                .iter()
                .all(|c| c.notes.iter().any(|n| n.todo))
        );
        assert!(nodes[0].children[2].notes.iter().any(|n| n.todo));
        assert!(nodes[0].children[0].notes.is_empty());
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
    fn empty_input() {
        assert!(flat(Vec::new(), &Context::default()).0.is_empty());
    }
}
