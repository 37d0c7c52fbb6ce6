//! Window rules: a description saying two request times may be at most N
//! days apart (`start_time参数和end_time参数最多相隔180天`, `时间跨度不能超过30天`)
//! names a start and an end field; they are found among the top-level
//! request fields by the names the description mentions, else by the
//! field's own name and its counterpart (`start`/`end`, `begin`/`end`,
//! `from`/`to`, as whole words: `endTime` → `startTime`, `to` → `from`).
//! Both must be integers (epoch times) or dated strings.

use super::limits;
use super::model::{Endpoint, Note, Window};

/// Word pairs naming a span's two ends.
const PAIRS: &[(&str, &str)] = &[("start", "end"), ("begin", "end"), ("from", "to")];

/// The words of a name (`startTime` → `start`, `Time`; `end_time` → `end`, `time`).
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c == '_' || c == '-' {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if c.is_ascii_uppercase() && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// `name` with its word `from` (any case) replaced by `to`, in the same
/// spelling (`endTime` → `startTime`, `EndTime` → `StartTime`).
fn swap(name: &str, from: &str, to: &str) -> Option<String> {
    let parts = words(name);
    let at = parts.iter().position(|w| w.eq_ignore_ascii_case(from))?;
    let word = &parts[at];
    let replaced = if word.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
        let mut chars = to.chars();
        chars
            .next()
            .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
            .unwrap_or_default()
    } else {
        to.to_owned()
    };
    let mut offset = 0;
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        let found = name[offset..]
            .find(part.as_str())
            .map_or(offset, |f| offset + f);
        out.push_str(&name[offset..found]);
        out.push_str(if i == at { &replaced } else { part });
        offset = found + part.len();
    }
    out.push_str(&name[offset..]);
    Some(out)
}

/// Whether a word of `name` is `word`.
fn has_word(name: &str, word: &str) -> bool {
    words(name).iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Adds `window` rules from the request fields' descriptions.
pub fn windows(endpoint: &mut Endpoint) {
    let top: Vec<(String, String, String, bool)> = endpoint
        .query
        .iter()
        .chain(&endpoint.body)
        .map(|f| {
            let dated = f.ty == "string"
                && matches!(f.format.as_deref(), Some("date" | "date-time" | "rfc3339"));
            (f.name.clone(), f.ty.clone(), f.doc.clone(), dated)
        })
        .collect();
    let timed = |name: &str| {
        top.iter().find(|(n, ty, _, dated)| {
            n == name && (matches!(ty.as_str(), "int32" | "int64") || *dated)
        })
    };
    for (name, _, doc, _) in &top {
        let Some(days) = limits::read(doc).window_days.filter(|d| *d > 0) else {
            continue;
        };
        let mentioned: Vec<&str> = top
            .iter()
            .map(|(n, _, _, _)| n.as_str())
            .filter(|n| doc.contains(n))
            .collect();
        let mut pair = None;
        for (s, e) in PAIRS {
            let start = mentioned
                .iter()
                .find(|n| has_word(n, s))
                .map(|n| (*n).to_owned())
                .or_else(|| has_word(name, s).then(|| name.clone()))
                .or_else(|| swap(name, e, s));
            let end = mentioned
                .iter()
                .find(|n| has_word(n, e))
                .map(|n| (*n).to_owned())
                .or_else(|| has_word(name, e).then(|| name.clone()))
                .or_else(|| swap(name, s, e));
            if let (Some(start), Some(end)) = (start, end) {
                if start != end && timed(&start).is_some() && timed(&end).is_some() {
                    pair = Some((start, end));
                    break;
                }
            }
        }
        match pair {
            Some((start, end)) => {
                let dated = timed(&start).is_some_and(|t| t.3);
                let window = Window {
                    start,
                    end,
                    max_days: days,
                    dated,
                };
                if !endpoint.windows.contains(&window) {
                    endpoint.windows.push(window);
                }
            }
            None => {
                let note = Note::todo(format!(
                    "`{name}` says the span is at most {days} days, but no top-level start/end pair of times was found: write the rule"
                ));
                if !endpoint.rule_notes.contains(&note) {
                    endpoint.rule_notes.push(note);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::model::Field;

    fn field(name: &str, ty: &str, doc: &str, format: Option<&str>) -> Field {
        Field {
            name: name.into(),
            ty: ty.into(),
            doc: doc.into(),
            format: format.map(str::to_owned),
            ..Field::default()
        }
    }

    #[test]
    fn pairs_by_words() {
        assert_eq!(
            swap("endTime", "end", "start").as_deref(),
            Some("startTime")
        );
        assert_eq!(
            swap("end_time", "end", "start").as_deref(),
            Some("start_time")
        );
        assert_eq!(swap("to", "to", "from").as_deref(), Some("from"));
        assert_eq!(swap("total", "to", "from"), None);
        let mut e = Endpoint {
            query: vec![
                field("from", "int32", "记录开始时间，单位秒", None),
                field(
                    "to",
                    "int32",
                    "记录结束时间，单位秒， 时间跨度不能超过30天",
                    None,
                ),
            ],
            ..Endpoint::default()
        };
        windows(&mut e);
        assert_eq!(
            e.windows,
            [Window {
                start: "from".into(),
                end: "to".into(),
                max_days: 30,
                dated: false
            }]
        );
        let mut e = Endpoint {
            query: vec![
                field("startTime", "string", "开始时间", Some("rfc3339")),
                field(
                    "endTime",
                    "string",
                    "开始时间和结束时间跨度不能超过365天。",
                    Some("rfc3339"),
                ),
            ],
            ..Endpoint::default()
        };
        windows(&mut e);
        assert_eq!(e.windows.len(), 1);
        assert!(e.windows[0].dated);
        let mut e = Endpoint {
            query: vec![field("total", "int32", "最多相隔3天", None)],
            ..Endpoint::default()
        };
        windows(&mut e);
        assert!(e.windows.is_empty() && e.rule_notes.iter().any(|n| n.todo));
    }
}
