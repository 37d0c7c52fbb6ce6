//! What the spec format can hold, in one place: the writer ([`super::yaml`])
//! asks here how to write each thing the importer read. The format is being
//! redesigned (notes/spec-v2.md): [`Dialect::V1`] is the format `check`
//! reads today; [`Dialect::V2`] writes what the new one adds (path
//! parameters, PUT/PATCH/DELETE, `map<string, T>`, `int32`/`int64`,
//! `format`/`pattern`, `max_bytes`). What a dialect cannot hold is written
//! as a comment, never dropped silently.

use super::model::{Field, Method, Note, Paging};

/// A version of the spec format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Dialect {
    /// The format of docs/spec-format.md.
    #[default]
    V1,
    /// The format of the v2 contract.
    V2,
}

/// A field's type as a dialect writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The type text.
    pub ty: String,
    /// Whether the nested fields are written (`false` where a map became `json`).
    pub fields: bool,
    /// What could not be written as read.
    pub notes: Vec<Note>,
}

impl Dialect {
    /// How to write `field`'s type.
    pub fn ty(self, field: &Field) -> Written {
        match self {
            Dialect::V2 => Written {
                ty: field.ty.clone(),
                fields: true,
                notes: Vec::new(),
            },
            Dialect::V1 => {
                let (ty, map) = v1_type(&field.ty);
                let mut notes = Vec::new();
                if map {
                    notes.push(Note::todo(format!(
                        "the page documents `{}`: written `{ty}`, as this spec format has no maps",
                        field.ty
                    )));
                }
                Written {
                    ty,
                    fields: !map,
                    notes,
                }
            }
        }
    }

    /// The method as written, and a note when the dialect cannot hold it.
    pub fn method(self, method: Method) -> (&'static str, Option<Note>) {
        match (self, method) {
            (Dialect::V1, Method::Put | Method::Patch | Method::Delete) => (
                "POST",
                Some(Note::todo(format!(
                    "the page says {}: this spec format has only GET and POST",
                    method.as_str()
                ))),
            ),
            _ => (method.as_str(), None),
        }
    }

    /// The gateway's `auth` and `envelope` as written, and what the dialect
    /// cannot say.
    pub fn gateway(
        self,
        auth: &'static str,
        envelope: &'static str,
    ) -> (&'static str, &'static str, Vec<Note>) {
        let mut notes = Vec::new();
        let auth = match (self, auth) {
            (Dialect::V1, "bearer") => {
                notes.push(Note::todo(
                    "the page sends `Authorization: Bearer <token>`: this spec format has no such auth",
                ));
                "none"
            }
            (_, auth) => auth,
        };
        let envelope = match (self, envelope) {
            (Dialect::V1, "code_msg") => {
                notes.push(Note::todo(
                    "the answers are `{code, msg, data}` (code 0 is success): this spec format has no such envelope",
                ));
                "code_result"
            }
            (_, envelope) => envelope,
        };
        (auth, envelope, notes)
    }

    /// Whether path parameters have a `path_params` section.
    pub fn path_params(self) -> bool {
        self == Dialect::V2
    }

    /// Whether `max_bytes`, `pattern` and `format` are field keys.
    pub fn string_rules(self) -> bool {
        self == Dialect::V2
    }

    /// The paging style and keys as written, or why they cannot be.
    pub fn paging(self, paging: &Paging) -> Result<Paging, Note> {
        let keep = |names: &[&str]| -> Vec<(&'static str, String)> {
            paging
                .keys
                .iter()
                .filter(|(k, _)| names.contains(k))
                .cloned()
                .collect()
        };
        let has = |key: &str| paging.keys.iter().any(|(k, _)| *k == key);
        match (self, paging.style) {
            (Dialect::V2, _) => Ok(paging.clone()),
            (Dialect::V1, "cursor") => Ok(Paging {
                style: "cursor",
                keys: keep(&["cursor", "size", "next", "has_more", "items"]),
            }),
            (Dialect::V1, "offset") => Ok(Paging {
                style: "offset",
                keys: keep(&["cursor", "size", "next", "items"]),
            }),
            (Dialect::V1, "page") if has("pages") => Ok(Paging {
                style: "page_num",
                keys: keep(&["page", "size", "pages", "total", "items"]),
            }),
            (Dialect::V1, "page") => Ok(Paging {
                style: "page",
                keys: keep(&["page", "size", "items"]),
            }),
            (Dialect::V1, style) => Err(Note::todo(format!(
                "paging `{style}` ({}): this spec format has no such style",
                paging
                    .keys
                    .iter()
                    .map(|(k, v)| format!("{k}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}

/// A v1 type for a read type: integers of either width are `integer`, a
/// map is `json` (and says so).
fn v1_type(ty: &str) -> (String, bool) {
    if ty.contains("map<") {
        let lists = ty.matches("[]").count() - inner_lists(ty);
        return (format!("json{}", "[]".repeat(lists)), true);
    }
    let written = ty.replace("int32", "integer").replace("int64", "integer");
    (written, false)
}

/// The `[]`s inside a map's value type (`map<string, int64[]>[]` → 1).
fn inner_lists(ty: &str) -> usize {
    let inner_start = ty.find('<').unwrap_or(ty.len());
    let inner_end = ty.rfind('>').unwrap_or(inner_start);
    ty.get(inner_start..inner_end)
        .map_or(0, |inner| inner.matches("[]").count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(ty: &str) -> Field {
        Field {
            name: "x".into(),
            ty: ty.into(),
            ..Field::default()
        }
    }

    #[test]
    fn v1_writes_what_it_can_and_says_the_rest() {
        let v1 = Dialect::V1;
        assert_eq!(v1.ty(&field("int32[]")).ty, "integer[]");
        assert_eq!(v1.ty(&field("int64")).ty, "integer");
        let map = v1.ty(&field("map<string, object>"));
        assert_eq!((map.ty.as_str(), map.fields), ("json", false));
        assert!(map.notes.iter().any(|n| n.todo));
        assert_eq!(v1.ty(&field("map<string, int64[]>[]")).ty, "json[]");
        assert_eq!(v1.method(Method::Delete).0, "POST");
        assert!(v1.method(Method::Delete).1.is_some());
        assert_eq!(v1.method(Method::Get), ("GET", None));
        assert!(!v1.path_params());
        let v2 = Dialect::V2;
        assert_eq!(
            v2.ty(&field("map<string, string>")).ty,
            "map<string, string>"
        );
        assert_eq!(v2.method(Method::Patch).0, "PATCH");
        assert!(v2.path_params() && v2.string_rules());
    }
}
