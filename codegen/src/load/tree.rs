//! YAML text to a tree of located nodes, in one pass over the parser's
//! events: every key and value keeps its line and column, so any problem
//! found later is located without parsing again.
//!
//! The tree is bounded whatever the input: nesting depth, and the nodes
//! aliases may copy (an "alias bomb" expands exponentially). Duplicate keys,
//! keys that are not scalars and a second document are reported at their
//! place; the first occurrence of a duplicate key is the one kept.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::Pos;
use super::text::TextError;

/// Deepest nesting of mappings and sequences accepted: far beyond any spec
/// (an endpoint's fields nest a few levels), far below a stack overflow.
pub const MAX_DEPTH: usize = 64;

/// Most nodes a file may expand to through aliases (plus its own size).
pub const ALIAS_BUDGET: usize = 100_000;

/// A value with its place.
#[derive(Debug, Clone)]
pub struct Node {
    /// Where the value starts.
    pub at: Pos,
    /// What it is.
    pub kind: Kind,
}

/// The kinds of YAML values.
#[derive(Debug, Clone)]
pub enum Kind {
    /// A scalar as written; `plain` scalars are resolved (null, booleans,
    /// numbers) when a type is asked of them, quoted ones are text.
    Scalar {
        /// The text.
        text: String,
        /// Written without quotes or block markers.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, keys in file order, duplicates included (see
    /// [`Map::first`]).
    Map(Map),
}

/// A mapping's entries with an index by key.
#[derive(Debug, Clone, Default)]
pub struct Map {
    /// Every entry in file order.
    pub entries: Vec<Entry>,
    /// Entry indices per key, in file order.
    index: HashMap<String, Vec<usize>>,
}

/// One `key: value`.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The key's text.
    pub key: String,
    /// Where the key is.
    pub key_at: Pos,
    /// The value.
    pub value: Node,
    /// Whether an earlier entry has the same key (reported; not deserialised).
    pub duplicate: bool,
}

impl Map {
    /// The `occurrence`-th entry (0 = first) with `key`.
    pub fn get(&self, key: &str, occurrence: usize) -> Option<&Entry> {
        let index = *self.index.get(key)?.get(occurrence)?;
        self.entries.get(index)
    }

    fn push(&mut self, entry: Entry) -> Option<Pos> {
        let indices = self.index.entry(entry.key.clone()).or_default();
        let first = indices
            .first()
            .and_then(|i| self.entries.get(*i))
            .map(|e| e.key_at);
        indices.push(self.entries.len());
        self.entries.push(Entry {
            duplicate: first.is_some(),
            ..entry
        });
        first
    }
}

impl Node {
    /// The scalar's text, if it is one.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Whether the node is `null`, `~` or empty.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true } if is_null_text(text))
    }

    /// How many nodes this subtree holds.
    fn size(&self) -> usize {
        match &self.kind {
            Kind::Scalar { .. } => 1,
            Kind::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Kind::Map(map) => {
                1 + map
                    .entries
                    .iter()
                    .map(|e| 1 + e.value.size())
                    .sum::<usize>()
            }
        }
    }
}

/// YAML 1.2's null forms.
pub fn is_null_text(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

fn pos(mark: &Marker) -> Pos {
    Pos {
        line: mark.line() as u32,
        column: mark.col() as u32 + 1,
    }
}

/// A collection being filled.
enum Open {
    Seq {
        at: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        at: Pos,
        anchor: usize,
        map: Map,
        /// A key read, waiting for its value.
        key: Option<(String, Pos)>,
        /// The first key's place: where a block mapping starts.
        first_key: Option<Pos>,
    },
}

/// Builds the tree; problems that do not stop it are collected.
struct Builder {
    stack: Vec<Open>,
    anchors: HashMap<usize, Node>,
    expanded: usize,
    root: Option<Node>,
    problems: Vec<TextError>,
}

/// Parses `text` into its root node (`None` for an empty file) and the
/// problems found. A syntax error, a budget or depth exceeded, or a second
/// document ends the parse; duplicate and non-scalar keys do not.
pub fn parse(text: &str) -> (Option<Node>, Vec<TextError>) {
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        expanded: 0,
        root: None,
        problems: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    let mut documents = 0;
    // At the end of a file without a final newline the scanner places what
    // it finds there (an error, an empty value) on the line after the last:
    // every place is kept within the file.
    let end = super::text::end_of(text);
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(next) => next,
            Err(error) => {
                builder.problems.push(TextError {
                    at: pos(error.marker()).min(end),
                    message: format!("invalid YAML: {}", error.info()),
                    help: None,
                    first: None,
                });
                break;
            }
        };
        let at = pos(&mark).min(end);
        let outcome = match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    Err(TextError {
                        at,
                        message: "a second YAML document (`---`): a spec file holds one".into(),
                        help: Some("put each platform in a file of its own".into()),
                        first: None,
                    })
                } else {
                    Ok(())
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                let plain = style == TScalarStyle::Plain
                    && tag.is_none_or(|t| t.suffix != "str" || t.handle != "tag:yaml.org,2002:");
                builder.value(
                    Node {
                        at,
                        kind: Kind::Scalar { text, plain },
                    },
                    anchor,
                )
            }
            Event::SequenceStart(anchor, _) => builder.open(Open::Seq {
                at,
                anchor,
                items: Vec::new(),
            }),
            Event::MappingStart(anchor, _) => builder.open(Open::Map {
                at,
                anchor,
                map: Map::default(),
                key: None,
                first_key: None,
            }),
            Event::SequenceEnd | Event::MappingEnd => builder.close(),
            Event::Alias(id) => builder.alias(id, at),
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => Ok(()),
        };
        if let Err(problem) = outcome {
            builder.problems.push(problem);
            break;
        }
    }
    (builder.root, builder.problems)
}

impl Builder {
    fn open(&mut self, collection: Open) -> Result<(), TextError> {
        if self.stack.len() >= MAX_DEPTH {
            let at = match &collection {
                Open::Seq { at, .. } | Open::Map { at, .. } => *at,
            };
            return Err(TextError {
                at,
                message: format!("nested more than {MAX_DEPTH} levels deep"),
                help: Some("a spec's fields nest a few levels; flatten this".into()),
                first: None,
            });
        }
        self.stack.push(collection);
        Ok(())
    }

    fn close(&mut self) -> Result<(), TextError> {
        let node = match self.stack.pop() {
            Some(Open::Seq { at, anchor, items }) => (
                Node {
                    at,
                    kind: Kind::Seq(items),
                },
                anchor,
            ),
            Some(Open::Map {
                at,
                anchor,
                map,
                first_key,
                ..
            }) => (
                Node {
                    at: first_key.unwrap_or(at),
                    kind: Kind::Map(map),
                },
                anchor,
            ),
            None => return Ok(()),
        };
        self.value(node.0, node.1)
    }

    fn alias(&mut self, id: usize, at: Pos) -> Result<(), TextError> {
        let Some(target) = self.anchors.get(&id) else {
            return Err(TextError {
                at,
                message: "an alias to an unknown anchor".into(),
                help: None,
                first: None,
            });
        };
        self.expanded += target.size();
        if self.expanded > ALIAS_BUDGET {
            return Err(TextError {
                at,
                message: format!(
                    "aliases expand to more than {ALIAS_BUDGET} values (an \"alias bomb\")"
                ),
                help: Some("write the values out, or alias less".into()),
                first: None,
            });
        }
        let mut copy = target.clone();
        copy.at = at;
        self.value(copy, 0)
    }

    /// A finished value: a key, a map value, a sequence item or the root.
    fn value(&mut self, node: Node, anchor: usize) -> Result<(), TextError> {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map {
                map,
                key,
                first_key,
                ..
            }) => match key.take() {
                None => {
                    let text = match &node.kind {
                        Kind::Scalar { text, .. } => text.clone(),
                        _ => {
                            self.problems.push(TextError {
                                at: node.at,
                                message: "a mapping key must be plain text".into(),
                                help: None,
                                first: None,
                            });
                            // Kept under an impossible name, so its value is
                            // still consumed in order.
                            "\u{0}".into()
                        }
                    };
                    first_key.get_or_insert(node.at);
                    *key = Some((text, node.at));
                }
                Some((text, key_at)) => {
                    if let Some(first) = map.push(Entry {
                        key: text.clone(),
                        key_at,
                        value: node,
                        duplicate: false,
                    }) {
                        self.problems.push(TextError {
                            at: key_at,
                            message: format!("duplicate key `{text}`"),
                            help: None,
                            first: Some(first),
                        });
                    }
                }
            },
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    fn map(node: &Node) -> &Map {
        match &node.kind {
            Kind::Map(map) => map,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keys_and_values_are_located() {
        let (root, problems) = parse("a: 1\nb:\n  c: [x, y]\n  d: 'q'\n");
        assert!(problems.is_empty(), "{problems:?}");
        let root = root.unwrap();
        let b = map(&root).get("b", 0).unwrap();
        assert_eq!(b.key_at, at(2, 1));
        assert_eq!(b.value.at, at(3, 3));
        let d = map(&b.value).get("d", 0).unwrap();
        assert_eq!((d.key_at, d.value.at), (at(4, 3), at(4, 6)));
        assert!(matches!(&d.value.kind, Kind::Scalar { plain: false, .. }));
    }

    #[test]
    fn duplicates_are_reported_at_the_duplicate() {
        let (root, problems) = parse("a:\n  type: x\n  doc: y\n  type: z\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].at, at(4, 3));
        assert_eq!(problems[0].first, Some(at(2, 3)));
        let a = map(&root.unwrap()).get("a", 0).unwrap().value.clone();
        assert_eq!(map(&a).get("type", 0).unwrap().value.as_scalar(), Some("x"));
        assert!(map(&a).get("type", 1).unwrap().duplicate);
    }

    #[test]
    fn alias_bombs_are_stopped_at_the_alias() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..10 {
            let prev = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let (_, problems) = parse(&text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("alias bomb"));
        assert!(problems[0].at.line >= 4, "{:?}", problems[0].at);
    }

    #[test]
    fn depth_and_documents_are_bounded() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let (_, problems) = parse(&deep);
        assert!(
            problems[0].message.contains("nested more than"),
            "{problems:?}"
        );
        let (_, problems) = parse("a: 1\n---\nb: 2\n");
        assert_eq!(problems[0].at, at(2, 1));
        assert!(problems[0].message.contains("second YAML document"));
    }

    #[test]
    fn syntax_errors_are_located() {
        let (_, problems) = parse("a: [1, 2\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].at.line, 2);
    }
}
