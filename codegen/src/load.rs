//! Stage 1: read spec files into the raw model, and find where things are.
//!
//! This is the only module that knows the YAML library (serde_yaml, which is
//! unmaintained upstream: replacing it touches this file alone).
//! Locations of values and keys are found on demand by re-reading the file
//! with a probe that stops at a given path: the YAML library then reports the
//! exact line and column, so the raw model needs no span bookkeeping.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::{Diagnostic, Location};
use crate::raw::RawSpec;

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

/// A spec file's text, kept to locate problems in it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The file as given.
    pub path: PathBuf,
    text: String,
}

/// A loaded spec: its text and its raw model.
#[derive(Debug)]
pub struct Loaded {
    /// Where it came from.
    pub source: SourceFile,
    /// What it says.
    pub spec: RawSpec,
}

/// Reads and parses one spec file.
pub fn load_file(path: &Path) -> Result<Loaded, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|err| Diagnostic {
        location: Location {
            file: path.to_path_buf(),
            line: 0,
            column: 0,
        },
        message: format!("cannot read spec: {err}"),
        help: None,
    })?;
    load_str(path, text)
}

/// Parses spec text (`path` is used in locations only).
pub fn load_str(path: &Path, text: String) -> Result<Loaded, Diagnostic> {
    let source = SourceFile {
        path: path.to_path_buf(),
        text,
    };
    match serde_yaml::from_str::<RawSpec>(&source.text) {
        Ok(spec) => Ok(Loaded { source, spec }),
        Err(err) => {
            let (line, column) = err
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((0, 0));
            Err(Diagnostic {
                location: Location {
                    file: source.path.clone(),
                    line,
                    column,
                },
                message: clean_yaml_message(&err.to_string()),
                help: None,
            })
        }
    }
}

/// serde_yaml writes " at line L column C" into its messages; the location
/// is printed apart, so every such phrase is dropped.
fn clean_yaml_message(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + " at line ".len()..];
        let digits = |s: &str| s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let after_line = &tail[digits(tail)..];
        rest = match after_line.strip_prefix(" column ") {
            Some(col) => &col[digits(col)..],
            None => after_line,
        };
    }
    out.push_str(rest);
    out
}

impl SourceFile {
    /// The location of the key or value at `path`; the nearest enclosing
    /// node when the path does not exist (e.g. a missing key).
    pub fn locate(&self, path: &[Seg], at: At) -> Location {
        for len in (0..=path.len()).rev() {
            if let Some((line, column)) = self.probe(&path[..len]) {
                let (line, column) = match (at, path.get(len.wrapping_sub(1))) {
                    (At::Key, Some(Seg::Key(key, _))) if len == path.len() => {
                        self.key_before(key, line, column).unwrap_or((line, column))
                    }
                    _ => (line, column),
                };
                return Location {
                    file: self.path.clone(),
                    line,
                    column,
                };
            }
        }
        Location {
            file: self.path.clone(),
            line: 1,
            column: 1,
        }
    }

    /// A key is written just before its value: search back from the value.
    fn key_before(&self, key: &str, line: usize, column: usize) -> Option<(usize, usize)> {
        let line_start: usize = self
            .text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum();
        let rest = self.text.get(line_start..)?;
        let value_offset = line_start
            + rest
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(rest.len(), |(i, _)| i);
        let key_offset = self.text.get(..value_offset)?.rfind(key)?;
        let before = &self.text[..key_offset];
        let key_line = before.matches('\n').count() + 1;
        let key_column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some((key_line, key_column))
    }

    fn probe(&self, path: &[Seg]) -> Option<(usize, usize)> {
        let probe = Probe { path };
        match probe.deserialize(serde_yaml::Deserializer::from_str(&self.text)) {
            Err(err) if err.to_string().contains(FOUND) => {
                err.location().map(|l| (l.line(), l.column()))
            }
            _ => None,
        }
    }
}

/// The marker error a probe raises where it arrives.
const FOUND: &str = "__oapi_probe_found__";

struct Probe<'a> {
    path: &'a [Seg],
}

impl<'de> DeserializeSeed<'de> for Probe<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Probe<'_> {
    fn arrived<E: de::Error>(&self) -> Result<(), E> {
        if self.path.is_empty() {
            Err(E::custom(FOUND))
        } else {
            Ok(())
        }
    }
}

/// Compares a mapping key with the wanted one, counting occurrences.
struct KeySeed<'a> {
    wanted: &'a str,
    occurrence: usize,
    seen: &'a mut usize,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = bool;
    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        let key = String::deserialize_key(deserializer)?;
        if key != self.wanted {
            return Ok(false);
        }
        *self.seen += 1;
        Ok(*self.seen - 1 == self.occurrence)
    }
}

/// Deserializes any scalar key as text (YAML keys may be numbers).
trait KeyText: Sized {
    fn deserialize_key<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

impl KeyText for String {
    fn deserialize_key<'de, D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl Visitor<'_> for Text {
            type Value = String;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
                Ok(v.to_owned())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
                Ok(v.to_string())
            }
            fn visit_unit<E: de::Error>(self) -> Result<String, E> {
                Ok(String::new())
            }
        }
        deserializer.deserialize_any(Text)
    }
}

impl<'de> Visitor<'de> for Probe<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.arrived()?;
        let Seg::Key(wanted, occurrence) = &self.path[0] else {
            return Ok(());
        };
        let mut seen = 0;
        loop {
            let seed = KeySeed {
                wanted,
                occurrence: *occurrence,
                seen: &mut seen,
            };
            match map.next_key_seed(seed)? {
                None => return Ok(()),
                Some(true) => {
                    return map.next_value_seed(Probe {
                        path: &self.path[1..],
                    });
                }
                Some(false) => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.arrived()?;
        let Seg::Index(wanted) = self.path[0] else {
            return Ok(());
        };
        let mut index = 0;
        while index < wanted {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
            index += 1;
        }
        seq.next_element_seed(Probe {
            path: &self.path[1..],
        })
        .map(|_| ())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.arrived()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.arrived()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.arrived()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.arrived()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.arrived()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.arrived()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.arrived()
    }
}

/// Writes a JSON value as YAML (the `openapi --format yaml` output); kept
/// here so that the YAML library stays confined to this module.
pub fn to_yaml(value: &serde_json::Value) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|err| err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> SourceFile {
        SourceFile {
            path: PathBuf::from("t.yaml"),
            text: text.to_owned(),
        }
    }

    fn key(name: &str) -> Seg {
        Seg::Key(name.to_owned(), 0)
    }

    #[test]
    fn locates_values_keys_and_repeated_keys() {
        let file = source("a:\n  b: {type: Sting, max: 3}\n  c:\n    d: 1\n    d: 2\n");
        let at = |path: &[Seg], at| {
            let l = file.locate(path, at);
            (l.line, l.column)
        };
        assert_eq!(at(&[key("a"), key("b"), key("type")], At::Value), (2, 13));
        assert_eq!(at(&[key("a"), key("b"), key("type")], At::Key), (2, 7));
        assert_eq!(at(&[key("a"), key("c"), key("d")], At::Key), (4, 5));
        assert_eq!(
            at(&[key("a"), key("c"), Seg::Key("d".into(), 1)], At::Key),
            (5, 5)
        );
    }

    #[test]
    fn missing_path_falls_back_to_the_nearest_parent() {
        let file = source("a:\n  b: 1\n");
        let l = file.locate(&[key("a"), key("zz")], At::Key);
        assert_eq!((l.line, l.column), (2, 3));
    }

    #[test]
    fn locates_sequence_items() {
        let file = source("rules:\n  - x: 1\n  - y: 2\n");
        let l = file.locate(&[key("rules"), Seg::Index(1), key("y")], At::Key);
        assert_eq!((l.line, l.column), (3, 5));
    }

    #[test]
    fn malformed_yaml_is_a_located_diagnostic() {
        let err = load_str(Path::new("bad.yaml"), "platform: [unclosed\n".into()).unwrap_err();
        assert_eq!(err.location.file, PathBuf::from("bad.yaml"));
        assert!(err.location.line >= 1, "{err}");
        assert!(!err.message.contains(" at line "), "{err}");
    }
}
