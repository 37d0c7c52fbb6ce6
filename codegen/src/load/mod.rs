//! Stage 1: read spec files into the raw model, with every place known.
//!
//! This is the only module that knows YAML. The file is parsed once into a
//! tree of located nodes ([`tree`], on yaml-rust2's event parser, which
//! reports where every key and value is) and the raw model is filled from
//! that tree through serde ([`de`]). serde_yaml, which parses without
//! exposing places and stops at the first error, remains only the writer of
//! the `openapi --format yaml` export. So any problem, found here or by the
//! check stage, is located by walking the tree (no second parse), and every
//! problem of a file is reported in one run, in time linear in its size.
//!
//! Found here, each at its place: bytes that are not UTF-8 (UTF-16/32
//! named), forbidden control characters, YAML syntax, a second document,
//! duplicate keys (at the duplicate), nesting beyond [`tree::MAX_DEPTH`],
//! aliases expanding beyond [`tree::ALIAS_BUDGET`], values of the wrong type.

mod de;
mod text;
pub mod tree;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Location};
use crate::raw::RawSpec;

pub use tree::Node;

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

/// One step of a path into a spec document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    /// The value of mapping key `.0`, its `.1`-th occurrence (0 = first).
    Key(String, usize),
    /// Item `.0` of a sequence.
    Index(usize),
}

/// Whether a location is wanted for a mapping key or for its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The key itself (e.g. an unknown or duplicate key).
    Key,
    /// The value under the path.
    Value,
}

/// A spec file's located tree, kept to place problems in it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The file as given.
    pub path: PathBuf,
    root: Option<Node>,
}

/// A loaded spec: its tree, its raw model, and the problems loading found.
#[derive(Debug)]
pub struct Loaded {
    /// Where it came from.
    pub source: SourceFile,
    /// What it says (neutral values where it said something of the wrong type).
    pub spec: RawSpec,
    /// Problems found while loading (the file is not usable if any).
    pub problems: Vec<Diagnostic>,
}

/// Reads and parses one spec file. `Err` when nothing could be read at all
/// (unreadable, not text, not YAML); otherwise the model and its problems.
pub fn load_file(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let bytes = std::fs::read(path).map_err(|err| {
        vec![Diagnostic {
            location: Location {
                file: path.to_path_buf(),
                line: 0,
                column: 0,
            },
            message: format!("cannot read spec: {err}"),
            help: None,
        }]
    })?;
    load_bytes(path, &bytes)
}

/// Parses spec bytes (`path` is used in locations only).
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    let at = |pos: Pos| Location {
        file: path.to_path_buf(),
        line: pos.line as usize,
        column: pos.column as usize,
    };
    let located = |error: text::TextError| Diagnostic {
        location: at(error.at),
        message: error.message,
        help: match (error.first, error.help) {
            (Some(first), Some(help)) => Some(format!("first defined at {}; {help}", at(first))),
            (Some(first), None) => Some(format!("first defined at {}", at(first))),
            (None, help) => help,
        },
    };
    let text = text::decode(bytes).map_err(|error| vec![located(error)])?;
    load_text(path, &text, &located)
}

/// Parses spec text (`path` is used in locations only).
pub fn load_str(path: &Path, text: String) -> Result<Loaded, Vec<Diagnostic>> {
    load_bytes(path, text.as_bytes())
}

fn load_text(
    path: &Path,
    text: &str,
    located: &dyn Fn(text::TextError) -> Diagnostic,
) -> Result<Loaded, Vec<Diagnostic>> {
    let forbidden = text::forbidden_characters(text);
    if !forbidden.is_empty() {
        // The YAML parser would stop at the first: report them all instead.
        return Err(forbidden.into_iter().map(located).collect());
    }
    let (root, problems) = tree::parse(text);
    let mut problems: Vec<Diagnostic> = problems.into_iter().map(located).collect();
    let Some(root) = root else {
        if problems.is_empty() {
            problems.push(located(text::TextError {
                at: Pos { line: 1, column: 1 },
                message: "the file is empty".into(),
                help: Some("a spec starts with `platform: <name>`".into()),
                first: None,
            }));
        }
        return Err(problems);
    };
    let found = de::Problems::default();
    let spec = RawSpec::deserialize(de::De {
        node: &root,
        problems: &found,
    });
    problems.extend(found.into_inner().into_iter().map(located));
    match spec {
        Ok(spec) => Ok(Loaded {
            source: SourceFile {
                path: path.to_path_buf(),
                root: Some(root),
            },
            spec,
            problems,
        }),
        Err(_) => Err(problems),
    }
}

impl SourceFile {
    /// The location of the key or value at `path`; the nearest enclosing
    /// node when the path does not exist (e.g. a missing key).
    pub fn locate(&self, path: &[Seg], at: At) -> Location {
        let pos = self.find(path, at);
        Location {
            file: self.path.clone(),
            line: pos.line as usize,
            column: pos.column as usize,
        }
    }

    /// The node at `path`, if it exists.
    pub fn node(&self, path: &[Seg]) -> Option<&Node> {
        let mut node = self.root.as_ref()?;
        for seg in path {
            node = match (seg, &node.kind) {
                (Seg::Key(key, n), tree::Kind::Map(map)) => &map.get(key, *n)?.value,
                (Seg::Index(i), tree::Kind::Seq(items)) => items.get(*i)?,
                _ => return None,
            };
        }
        Some(node)
    }

    fn find(&self, path: &[Seg], at: At) -> Pos {
        let start = Pos { line: 1, column: 1 };
        let Some(mut node) = self.root.as_ref() else {
            return start;
        };
        let mut pos = node.at;
        for (index, seg) in path.iter().enumerate() {
            let last = index + 1 == path.len();
            match (seg, &node.kind) {
                (Seg::Key(key, n), tree::Kind::Map(map)) => match map.get(key, *n) {
                    Some(entry) => {
                        pos = if last && at == At::Key {
                            entry.key_at
                        } else {
                            entry.value.at
                        };
                        node = &entry.value;
                    }
                    None => return pos,
                },
                (Seg::Index(i), tree::Kind::Seq(items)) => match items.get(*i) {
                    Some(item) => {
                        pos = item.at;
                        node = item;
                    }
                    None => return pos,
                },
                _ => return pos,
            }
        }
        pos
    }
}

/// Writes a JSON value as YAML (the `openapi --format yaml` output); kept
/// here so that the YAML library stays confined to this module.
#[cfg(feature = "cli")]
pub fn to_yaml(value: &serde_json::Value) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
        load_str(Path::new("t.yaml"), text.to_owned())
    }

    fn key(name: &str) -> Seg {
        Seg::Key(name.to_owned(), 0)
    }

    #[test]
    fn locates_values_keys_and_repeated_keys() {
        let loaded =
            load("platform: x\na:\n  b: {type: Sting, max: 3}\n  c:\n    d: 1\n    d: 2\n")
                .unwrap();
        let at = |path: &[Seg], at| {
            let l = loaded.source.locate(path, at);
            (l.line, l.column)
        };
        assert_eq!(at(&[key("a"), key("b"), key("type")], At::Value), (3, 13));
        assert_eq!(at(&[key("a"), key("b"), key("type")], At::Key), (3, 7));
        assert_eq!(at(&[key("a"), key("c"), key("d")], At::Key), (5, 5));
        assert_eq!(
            at(&[key("a"), key("c"), Seg::Key("d".into(), 1)], At::Key),
            (6, 5)
        );
        assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
        assert_eq!(loaded.problems[0].location.line, 6);
    }

    #[test]
    fn missing_path_falls_back_to_the_nearest_parent() {
        let loaded = load("a:\n  b: 1\n").unwrap();
        let l = loaded.source.locate(&[key("a"), key("zz")], At::Key);
        assert_eq!((l.line, l.column), (2, 3));
    }

    #[test]
    fn locates_sequence_items() {
        let loaded = load("rules:\n  - x: 1\n  - y: 2\n").unwrap();
        let l = loaded
            .source
            .locate(&[key("rules"), Seg::Index(1), key("y")], At::Key);
        assert_eq!((l.line, l.column), (3, 5));
    }

    #[test]
    fn malformed_yaml_is_a_located_diagnostic() {
        let err = load("platform: [unclosed\n").unwrap_err();
        assert_eq!(err[0].location.file, PathBuf::from("t.yaml"));
        assert!(err[0].location.line >= 1, "{}", err[0]);
    }

    #[test]
    fn an_error_at_the_end_of_a_file_without_a_final_newline_stays_in_it() {
        let err = load("platform: x\ndoc: {a: 1,").unwrap_err();
        let at = (err[0].location.line, err[0].location.column);
        assert_eq!(at, (2, 12), "{}", err[0]);
        // An empty value at the very end.
        let loaded = load("platform: x\ngroups:\n  g: ").unwrap();
        let l = loaded.source.locate(&[key("groups"), key("g")], At::Value);
        assert_eq!((l.line, l.column), (3, 6));
    }

    #[test]
    fn every_problem_of_the_bytes_is_located() {
        let err = load("platform: x\ndoc: a\u{0}b\u{1b}\n").unwrap_err();
        let places: Vec<(usize, usize)> = err
            .iter()
            .map(|d| (d.location.line, d.location.column))
            .collect();
        assert_eq!(places, [(2, 7), (2, 9)]);
        let err = load_bytes(Path::new("t.yaml"), b"\xFF\xFEp\0").unwrap_err();
        assert!(err[0].message.contains("UTF-16"), "{}", err[0]);
        let err = load("").unwrap_err();
        assert!(err[0].message.contains("empty"));
    }
}
