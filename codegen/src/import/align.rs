//! Nesting a flat table from its JSON example. The rows are read in order
//! beside the example: a row's name is looked up in the object being
//! filled, then in the objects around it (innermost first), and the row is
//! placed where it is found; an object row found in the example opens its
//! value (a list's items, a map's values) for the rows after it. A row the
//! example does not show stays in the object being filled, unless that
//! object's members are all listed already: then it goes out to the first
//! one with members left. Those placements are guesses and say so.
//!
//! [`anchor`] finds where in an example a table's rows are (分贝通 lists a
//! response's items while the example nests them under `data.results`).

use super::json::Json;
use super::model::Note;
use super::nest::{Node, at};
use super::table::Row;

/// A name compared loosely: `itemList` and `item_list` are the same.
pub fn loose(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The members of an object, of a list's object items (merged, first value
/// of each name), or, for a map, of its values.
pub fn members(value: &Json, map: bool) -> Option<Vec<(&str, &Json)>> {
    let mut out: Vec<(&str, &Json)> = Vec::new();
    collect(value, map, &mut out, 0);
    (!out.is_empty()).then_some(out)
}

fn collect<'a>(value: &'a Json, map: bool, out: &mut Vec<(&'a str, &'a Json)>, depth: usize) {
    if depth > 8 {
        return;
    }
    let add = |entries: &'a [(String, Json)], out: &mut Vec<(&'a str, &'a Json)>| {
        for (key, value) in entries {
            if !out.iter().any(|(k, _)| *k == key) {
                out.push((key.as_str(), value));
            }
        }
    };
    match value {
        Json::Object(entries) if map => {
            for (_, inner) in entries {
                collect(inner, false, out, depth + 1);
            }
        }
        Json::Object(entries) => add(entries, out),
        Json::Array(items) => {
            for item in items {
                match item {
                    Json::Object(entries) => add(entries, out),
                    Json::Array(_) => collect(item, map, out, depth + 1),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// Every member name in an example, loosely compared.
fn all_names(value: &Json, out: &mut Vec<String>, depth: usize) {
    if depth > 32 {
        return;
    }
    match value {
        Json::Object(entries) => {
            for (key, value) in entries {
                out.push(loose(key));
                all_names(value, out, depth + 1);
            }
        }
        Json::Array(items) => {
            for item in items {
                all_names(item, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// One open object while reading.
struct Frame<'a> {
    /// Index path of the node whose fields these are (empty: the top).
    path: Vec<usize>,
    /// Its name, for notes.
    name: String,
    /// Its members in the example; `None` when the example does not show it.
    members: Option<Vec<(&'a str, &'a Json)>>,
    /// Members already given to a row.
    taken: Vec<String>,
}

impl<'a> Frame<'a> {
    /// The member for `name` not yet taken: exact, else loosely equal
    /// (with the example's spelling).
    fn find(&self, name: &str) -> Option<(&'a str, &'a Json)> {
        let members = self.members.as_ref()?;
        let free = |key: &str| !self.taken.iter().any(|t| t == key);
        members
            .iter()
            .find(|(key, _)| *key == name && free(key))
            .or_else(|| {
                members
                    .iter()
                    .find(|(key, _)| loose(key) == loose(name) && free(key))
            })
            .copied()
    }

    /// Whether every member is taken.
    fn done(&self) -> bool {
        self.members
            .as_ref()
            .is_some_and(|m| m.iter().all(|(key, _)| self.taken.iter().any(|t| t == key)))
    }
}

/// Whether rows after `node` may be its fields, given its example value.
fn opens(node: &Node, value: Option<&Json>) -> bool {
    let holds_objects = value.is_some_and(|v| members(v, false).is_some());
    node.kind.is_object() || ((node.kind.vague || node.kind.date) && holds_objects)
}

/// Nests `rows` as `example` shows them; `None` when the example shows
/// fewer than half of the rows (it is not this table's).
pub fn align(rows: &[Row], example: &Json) -> Option<(Vec<Node>, Vec<Note>)> {
    let mut names = Vec::new();
    all_names(example, &mut names, 0);
    let named: Vec<&Row> = rows.iter().filter(|r| !r.name.is_empty()).collect();
    let shown = named
        .iter()
        .filter(|r| names.contains(&loose(&r.name)))
        .count();
    if named.is_empty() || shown * 2 < named.len() {
        return None;
    }
    let mut roots: Vec<Node> = Vec::new();
    let mut notes = Vec::new();
    let mut frames: Vec<Frame> = vec![Frame {
        path: Vec::new(),
        name: String::new(),
        members: members(example, false),
        taken: Vec::new(),
    }];
    let mut previous: Option<String> = None;
    for row in rows {
        if row.name.is_empty() {
            // The value row of a map: the map's fields follow.
            continue;
        }
        let mut node = Node::new(row.clone());
        let found = (0..frames.len())
            .rev()
            .find_map(|i| frames[i].find(&row.name).map(|m| (i, m)));
        let value = match found {
            Some((i, (key, value))) => {
                frames.truncate(i + 1);
                if key != row.name {
                    node.notes.push(Note::todo(format!(
                        "the example spells it `{key}`: check the wire name"
                    )));
                }
                if let Some(frame) = frames.last_mut() {
                    frame.taken.push(key.to_owned());
                }
                Some(value)
            }
            None => {
                let mut keep = frames.len();
                while keep > 1 && frames[keep - 1].done() {
                    keep -= 1;
                }
                // Unless the outer level already has that name (no object
                // lists a name twice): then it stays beside the row above.
                if keep < frames.len() {
                    let outer = frames[keep - 1].path.clone();
                    if at(&mut roots, &outer)
                        .iter()
                        .any(|s| s.name() == node.name())
                    {
                        keep = frames.len();
                    }
                }
                frames.truncate(keep);
                let here = frames.last().map_or("", |f| f.name.as_str());
                node.notes.push(Note::todo(format!(
                    "not in the example: placed {}{}; check",
                    if here.is_empty() {
                        "at the top level".to_owned()
                    } else {
                        format!("under `{here}`")
                    },
                    previous
                        .as_ref()
                        .map(|p| format!(" after `{p}`"))
                        .unwrap_or_default()
                )));
                None
            }
        };
        let Some(frame) = frames.last() else {
            break;
        };
        let parent = frame.path.clone();
        let siblings = at(&mut roots, &parent);
        if siblings.iter().any(|s| s.name() == node.name()) {
            notes.push(Note::todo(format!(
                "page line {}: `{}` is listed twice at the same level: the second one was left out",
                row.line,
                node.name()
            )));
            continue;
        }
        let open = opens(&node, value);
        let map = node.kind.ty.is_map();
        let name = node.name().to_owned();
        siblings.push(node);
        previous = Some(name.clone());
        if open {
            let mut path = parent;
            path.push(siblings.len() - 1);
            frames.push(Frame {
                path,
                name,
                members: value.and_then(|v| members(v, map)),
                taken: Vec::new(),
            });
        }
    }
    Some((roots, notes))
}

/// Where in `example` the members `names` are: the path of member names
/// (each with whether it is a list) to the object holding most of them,
/// when that is not the example's top and holds more of them than the top.
pub fn anchor(names: &[&str], example: &Json) -> Option<Vec<(String, bool)>> {
    let count = |value: &Json| {
        members(value, false).map_or(0, |m| {
            names
                .iter()
                .filter(|n| m.iter().any(|(k, _)| loose(k) == loose(n)))
                .count()
        })
    };
    let top = count(example);
    let mut best: Option<(usize, Vec<(String, bool)>)> = None;
    let mut stack: Vec<(Vec<(String, bool)>, &Json)> = vec![(Vec::new(), example)];
    while let Some((path, value)) = stack.pop() {
        if path.len() > 6 {
            continue;
        }
        if !path.is_empty() {
            let here = count(value);
            if best.as_ref().is_none_or(|(n, _)| here > *n) {
                best = Some((here, path.clone()));
            }
        }
        for (key, inner) in members(value, false).unwrap_or_default() {
            if members(inner, false).is_some() {
                let mut next = path.clone();
                next.push((key.to_owned(), matches!(inner, Json::Array(_))));
                stack.push((next, inner));
            }
        }
    }
    let (found, path) = best?;
    (found > top && found * 5 >= names.len() * 3).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::super::nest::test_util::{row, show};
    use super::*;
    use crate::import::json::{Parsed, parse};

    fn json(text: &str) -> Json {
        match parse(text) {
            Parsed::Valid(j) | Parsed::Repaired(j, _) => j,
            Parsed::Invalid(e) => panic!("{e}"),
        }
    }

    #[test]
    fn rows_go_where_the_example_has_them() {
        let example = json(
            r#"{"result": {"title": "t", "records": [{"userId": "u", "files": [{"name": "n"}], "cc": ["x"]}],
                "tasks": [{"taskId": 1, "userId": "u"}], "createTime": "c"}, "success": true}"#,
        );
        let rows = vec![
            row("result", "Object"),
            row("title", "String"),
            row("records", "Array"),
            row("userId", "String"),
            row("files", "Array"),
            row("name", "String"),
            row("cc", "Array of String"),
            row("tasks", "Array"),
            row("taskId", "Long"),
            row("userId", "String"),
            row("createTime", "String"),
            row("success", "String"),
        ];
        let (nodes, notes) = align(&rows, &example).unwrap_or_default();
        assert_eq!(
            show(&nodes),
            "result(title, records(userId, files(name), cc), tasks(taskId, userId), createTime), success"
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn rows_the_example_lacks_and_maps() {
        let example = json(
            r#"{"a": {"x": 1, "y": 2}, "m": {"k1": {"p": {"k": "v"}}}, "b": {"only": 1}, "z": 0}"#,
        );
        let rows = vec![
            row("a", "Object"),
            row("x", "Long"),
            row("extra", "String"),
            row("y", "Long"),
            row("m", "Map<String, Object>"),
            row("", "Object"),
            row("p", "Map<String, String>"),
            row("b", "Object"),
            row("only", "Long"),
            row("late", "Map"),
            row("z", "Long"),
            row("itemList", "String"),
        ];
        let (nodes, _) = align(&rows, &json(r#"{"a": {"x": 1, "y": 2}, "m": {"k1": {"p": {"k": "v"}}}, "b": {"only": 1}, "z": 0, "item_list": "s"}"#)).unwrap_or_default();
        assert_eq!(
            show(&nodes),
            "a(x, extra, y), m(p), b(only), late, z, itemList"
        );
        assert!(nodes[0].children[1].notes.iter().any(|n| n.todo));
        assert!(nodes[3].notes.iter().any(|n| n.text.contains("top level")));
        assert!(nodes[5].notes.iter().any(|n| n.text.contains("item_list")));
        // An example that is not the table's.
        assert!(align(&rows[..4], &json(r#"{"q": 1}"#)).is_none());
        let _ = example;
    }

    #[test]
    fn anchors_of_listed_items() {
        let example = json(
            r#"{"code": 0, "data": {"results": [{"order_id": "1", "status": {"key": 1}}, {"order_id": "2", "total": 3}]}}"#,
        );
        assert_eq!(
            anchor(&["order_id", "status", "total"], &example),
            Some(vec![
                ("data".to_owned(), false),
                ("results".to_owned(), true)
            ])
        );
        assert_eq!(anchor(&["code", "data"], &example), None);
    }
}
