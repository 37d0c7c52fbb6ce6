//! Rows into a tree of fields, from what the page shows, in this order:
//!
//! 1. **indentation**: tree glyphs (`├`, `└`) and indentation (non-breaking
//!    or em spaces) in the name cell; each distinct indentation is a level;
//! 2. **dotted names**: `data.page_size` is `page_size` under `data`;
//!    `typeList.biz_type` under the latest row whose path ends in
//!    `typeList`; a parent no row lists is implied;
//! 3. **the example** ([`super::align`]): a flat table whose rows the JSON
//!    example shows is nested as the example is;
//! 4. **types** ([`super::flat`]): an object row takes the rows after it,
//!    each place it guesses marked TODO.
//!
//! Which one was used is said in a note.

use super::kind::{self, Kind};
use super::model::Note;
use super::table::Row;
use super::{align, flat};
use crate::import::json::Json;

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

/// How a table's nesting was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The rows are all at one level.
    None,
    /// Tree glyphs and indentation.
    Indentation,
    /// Dotted names.
    Dotted,
    /// The JSON example.
    Example,
    /// Object types (a flat table, no usable example).
    Types,
}

impl Method {
    /// For notes: `from indentation`.
    pub fn says(self) -> &'static str {
        match self {
            Method::None => "none (one level)",
            Method::Indentation => "from the indentation of the names",
            Method::Dotted => "from the dotted names",
            Method::Example => "from the JSON example (the table is flat)",
            Method::Types => "guessed from object types (flat table, no usable example)",
        }
    }
}

/// Nested rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Nested {
    /// The top-level nodes.
    pub nodes: Vec<Node>,
    /// Doubts (rows left out).
    pub notes: Vec<Note>,
    /// How.
    pub method: Method,
}

/// What nesting needs to know about the table.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// A response table (envelope rows end nesting).
    pub response: bool,
    /// Page-size names the request has.
    pub page_sizes: Vec<String>,
}

/// Response rows that belong to the gateway's envelope.
pub const ENVELOPE: &[&str] = &["errcode", "errmsg", "success", "request_id"];

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

/// Nests a table's rows; `example` is the JSON example of the same side.
pub fn nest(rows: Vec<Row>, example: Option<&Json>, context: &Context) -> Nested {
    if rows.iter().any(|r| r.depth > 0 || r.indent > 0) {
        let (nodes, notes) = tree(ranked(rows));
        return Nested {
            nodes,
            notes,
            method: Method::Indentation,
        };
    }
    if rows.iter().any(|r| r.name.contains('.')) {
        let (nodes, notes) = dotted(rows, example);
        return Nested {
            nodes,
            notes,
            method: Method::Dotted,
        };
    }
    let objects = rows.iter().any(|r| {
        let kind = kind::parse(&r.ty);
        kind.is_object() || kind.vague
    });
    if !objects {
        let (nodes, notes) = flat::flat(rows, context);
        return Nested {
            nodes,
            notes,
            method: Method::None,
        };
    }
    if let Some(example) = example {
        if let Some((nodes, notes)) = align::align(&rows, example) {
            return Nested {
                nodes,
                notes,
                method: Method::Example,
            };
        }
    }
    let (nodes, notes) = flat::flat(rows, context);
    Nested {
        nodes,
        notes,
        method: Method::Types,
    }
}

/// The children list at `path` (indexes from the roots).
pub fn at<'a>(nodes: &'a mut Vec<Node>, path: &[usize]) -> &'a mut Vec<Node> {
    match path.split_first() {
        Some((first, rest)) if *first < nodes.len() => at(&mut nodes[*first].children, rest),
        _ => nodes,
    }
}

/// The node at `path`.
pub fn node_at<'a>(nodes: &'a mut Vec<Node>, path: &[usize]) -> Option<&'a mut Node> {
    let (last, parent) = path.split_last()?;
    at(nodes, parent).get_mut(*last)
}

/// Depths from glyphs and indentation: each distinct (indentation, glyph
/// count) pair of the table, in order, is one level.
fn ranked(rows: Vec<Row>) -> Vec<Row> {
    let mut keys: Vec<(usize, usize)> = rows.iter().map(|r| (r.indent, r.depth)).collect();
    keys.sort_unstable();
    keys.dedup();
    rows.into_iter()
        .map(|mut row| {
            row.depth = keys
                .iter()
                .position(|k| *k == (row.indent, row.depth))
                .unwrap_or(0);
            row
        })
        .collect()
}

/// Rows whose depth is given.
pub fn tree(rows: Vec<Row>) -> (Vec<Node>, Vec<Note>) {
    let mut roots: Vec<Node> = Vec::new();
    let mut path: Vec<usize> = Vec::new();
    let mut notes = Vec::new();
    for row in rows {
        if row.name.is_empty() {
            continue;
        }
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
        let Some(index) = add_sibling(siblings, node, &mut notes) else {
            continue;
        };
        path.push(index);
    }
    (roots, notes)
}

/// Rows nested by dotted names. `a.b.c` goes under the latest placed row
/// whose path ends in `a.b` (pages drop leading parents:
/// `itemList.typeList` under `data.itemList`); parents no row lists are
/// implied, typed from the example when it shows them.
fn dotted(rows: Vec<Row>, example: Option<&Json>) -> (Vec<Node>, Vec<Note>) {
    let mut roots: Vec<Node> = Vec::new();
    // Paths of placed nodes (names) and their index paths, latest last.
    let mut placed: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    let mut notes = Vec::new();
    for mut row in rows {
        if row.name.is_empty() {
            continue;
        }
        let parts: Vec<String> = row.name.split('.').map(str::to_owned).collect();
        let Some((leaf, prefix)) = parts.split_last() else {
            continue;
        };
        let mut parent: Vec<usize> = Vec::new();
        let mut parent_names: Vec<String> = Vec::new();
        if !prefix.is_empty() {
            let found = placed
                .iter()
                .rev()
                .find(|(names, _)| names.ends_with(prefix))
                .cloned();
            match found {
                Some((names, index)) => {
                    parent = index;
                    parent_names = names;
                }
                None => {
                    // Implied parents, from the top.
                    for part in prefix {
                        parent_names.push(part.clone());
                        let siblings = at(&mut roots, &parent);
                        let existing = siblings.iter().position(|s| s.name() == part);
                        let at_index = match existing {
                            Some(i) => i,
                            None => {
                                let value = example.and_then(|e| follow(e, &parent_names));
                                let ty = match value {
                                    Some(Json::Array(_)) => "Object[]",
                                    _ => "Object",
                                };
                                let mut node = Node::new(Row {
                                    name: part.clone(),
                                    ty: ty.to_owned(),
                                    line: row.line,
                                    ..Row::default()
                                });
                                node.notes.push(Note::todo(format!(
                                    "implied by the dotted name `{}`: no row lists `{part}`{}",
                                    row.name,
                                    if value.is_some() {
                                        ", typed from the example"
                                    } else {
                                        ": check its type"
                                    }
                                )));
                                siblings.push(node);
                                siblings.len() - 1
                            }
                        };
                        parent.push(at_index);
                        placed.push((parent_names.clone(), parent.clone()));
                    }
                }
            }
        }
        row.name = leaf.clone();
        let node = Node::new(row);
        let siblings = at(&mut roots, &parent);
        let Some(position) = add_sibling(siblings, node, &mut notes) else {
            continue;
        };
        let mut index = parent.clone();
        index.push(position);
        let mut names = parent_names;
        names.push(leaf.clone());
        placed.push((names, index));
    }
    (roots, notes)
}

/// The example value at a path of names (through lists and maps).
fn follow<'a>(json: &'a Json, names: &[String]) -> Option<&'a Json> {
    let mut here = json;
    for name in names {
        here = match here {
            Json::Array(items) => items.iter().find_map(|i| i.get(name))?,
            other => other.get(name)?,
        };
    }
    Some(here)
}

/// Adds `node` to `siblings` unless one of them has its name (a TODO says
/// the second was left out); its position.
fn add_sibling(siblings: &mut Vec<Node>, node: Node, notes: &mut Vec<Note>) -> Option<usize> {
    if siblings.iter().any(|s| s.name() == node.name()) {
        notes.push(Note::todo(format!(
            "page line {}: `{}` is listed twice at the same level: the second one was left out",
            node.row.line,
            node.name()
        )));
        return None;
    }
    siblings.push(node);
    Some(siblings.len() - 1)
}

/// Helpers of the importer's unit tests.
#[cfg(test)]
pub(crate) mod test_util {
    use super::*;

    /// A row of a parameter table.
    pub fn row(name: &str, ty: &str) -> Row {
        Row {
            name: name.to_owned(),
            ty: ty.to_owned(),
            ..Row::default()
        }
    }

    /// `name(child, child(grandchild))` rendering of a tree.
    pub fn show(nodes: &[Node]) -> String {
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
}

#[cfg(test)]
mod tests {
    use super::test_util::{row, show};
    use super::*;

    fn marked(name: &str, ty: &str, indent: usize, depth: usize) -> Row {
        Row {
            indent,
            depth,
            ..row(name, ty)
        }
    }

    #[test]
    fn trees_follow_their_glyphs_and_indentation() {
        let rows = vec![
            marked("code", "int", 0, 0),
            marked("data", "-", 0, 0),
            marked("has_more", "boolean", 2, 1),
            marked("items", "department[]", 2, 1),
            marked("i18n_name", "x", 4, 1),
            marked("zh_cn", "string", 6, 1),
            marked("name", "string", 4, 1),
            marked("page_token", "string", 2, 1),
        ];
        let nested = nest(rows, None, &Context::default());
        assert_eq!(nested.method, Method::Indentation);
        assert_eq!(
            show(&nested.nodes),
            "code, data(has_more, items(i18n_name(zh_cn), name), page_token)"
        );
        let rows = vec![
            marked("appId", "string", 0, 0),
            marked("paramContent", "object", 0, 0),
            marked("pageNum", "integer", 0, 1),
            marked("pageSize", "integer", 0, 1),
            marked("deep", "integer", 0, 3),
            marked("pageSize", "integer", 0, 1),
            marked("timestamp", "integer", 0, 0),
        ];
        let (nodes, notes) = tree(ranked(rows));
        assert_eq!(
            show(&nodes),
            "appId, paramContent(pageNum, pageSize(deep)), timestamp"
        );
        assert_eq!(notes.len(), 1, "the second pageSize is left out");
    }

    #[test]
    fn dotted_names_find_their_parents() {
        let rows = vec![
            row("sign", "string"),
            row("data", "jsonobject"),
            row("data.budget_type", "integer"),
            row("data.itemList", "list"),
            row("itemList.amount_limit", "integer"),
            row("itemList.typeList", "list"),
            row("typeList.biz_type", "integer"),
            row("typeList.sort", "integer"),
            row("itemList.sort", "integer"),
        ];
        let nested = nest(rows, None, &Context::default());
        assert_eq!(nested.method, Method::Dotted);
        assert_eq!(
            show(&nested.nodes),
            "sign, data(budget_type, itemList(amount_limit, typeList(biz_type, sort), sort))"
        );
        let example =
            crate::import::json::parse("{\"list\": [{\"a\": {\"b\": 1}}], \"next\": \"x\"}");
        let crate::import::json::Parsed::Valid(example) = example else {
            panic!("example");
        };
        let rows = vec![
            row("list.a", "object"),
            row("next", "string"),
            row("other.x", "string"),
        ];
        let (nodes, _) = dotted(rows, Some(&example));
        assert_eq!(show(&nodes), "list(a), next, other(x)");
        assert_eq!(nodes[0].kind.spec(), "object[]");
        assert!(nodes[0].notes.iter().any(|n| n.todo));
        assert_eq!(nodes[2].kind.spec(), "object");
    }

    #[test]
    fn empty_input() {
        assert!(nest(Vec::new(), None, &Context::default()).nodes.is_empty());
        assert!(tree(Vec::new()).0.is_empty());
    }
}
