//! Cleaning pasted text and recognising small shapes in it (names, CJK,
//! numbers). Every function takes any input and never panics.

/// One line of the page: its number, the cleaned text, the raw text (kept
/// for JSON examples, whose characters matter) and its table cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// 1-based line number in the page.
    pub no: usize,
    /// Cleaned: HTML and markdown emphasis removed, trimmed.
    pub text: String,
    /// Only characters YAML cannot carry removed.
    pub raw: String,
    /// The cells of a table row: TAB-separated (pasted text) or between
    /// pipes (markdown); `None` for a line with neither.
    pub cells: Option<Vec<Cell>>,
}

/// One table cell: its cleaned text and how far it is indented.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cell {
    /// Cleaned text.
    pub text: String,
    /// Leading indentation: non-breaking, em, en and ideographic spaces
    /// (or their HTML entities), the only spaces a rendered table keeps.
    pub indent: usize,
}

/// Splits a page into cleaned lines.
pub fn lines(page: &str) -> Vec<Line> {
    page.lines()
        .enumerate()
        .map(|(index, source)| {
            let raw = printable(source);
            Line {
                no: index + 1,
                text: clean(&raw),
                cells: cells(source),
                raw,
            }
        })
        .collect()
}

/// The cells of a table row: split at the pipes of a markdown row (`\\|` is
/// a literal pipe; TABs inside are text), else at TABs (a pasted table).
pub fn cells(source: &str) -> Option<Vec<Cell>> {
    let trimmed = source.trim();
    let piped = trimmed.len() > 1 && trimmed.starts_with('|') && trimmed.ends_with('|');
    let parts: Vec<String> = if source.contains('\t') && !piped {
        source.split('\t').map(str::to_owned).collect()
    } else if source.contains('|') {
        let trimmed = source.trim();
        let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        let mut parts = vec![String::new()];
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek() == Some(&'|') => {
                    chars.next();
                    if let Some(part) = parts.last_mut() {
                        part.push('|');
                    }
                }
                '|' => parts.push(String::new()),
                c => {
                    if let Some(part) = parts.last_mut() {
                        part.push(c);
                    }
                }
            }
        }
        parts
    } else {
        return None;
    };
    Some(
        parts
            .iter()
            .map(|part| {
                let (indent, rest) = indentation(part.trim_matches([' ', '\r']));
                Cell {
                    text: clean(&printable(rest)),
                    indent,
                }
            })
            .collect(),
    )
}

/// Counts the leading non-breaking, em, en and ideographic spaces (and
/// `&nbsp;`/`&emsp;`/`&ensp;`) of a cell; returns the count and the rest.
fn indentation(text: &str) -> (usize, &str) {
    let mut count = 0;
    let mut rest = text;
    loop {
        if let Some(after) = ["&nbsp;", "&emsp;", "&ensp;", "&#160;"]
            .iter()
            .find_map(|e| rest.strip_prefix(e))
        {
            rest = after;
        } else if let Some(c) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{3000}'))
        {
            rest = &rest[c.len_utf8()..];
        } else if rest.starts_with(' ') && count > 0 {
            // Spaces between indentation marks (`&nbsp; &nbsp;`).
            rest = &rest[1..];
            continue;
        } else {
            break;
        }
        count += 1;
    }
    (count, rest)
}

/// Drops the characters a YAML file cannot hold (C0/C1 controls, BOM,
/// non-characters) and turns the ones it reads as line breaks and odd
/// spaces into plain spaces.
pub fn printable(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\u{a0}' | '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{3000}' => Some(' '),
            '\u{feff}' | '\u{fffe}' | '\u{ffff}' => None,
            c if c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c) => None,
            c => Some(c),
        })
        .collect()
}

/// Characters a markdown backslash escape stands for, resolved wherever
/// they are (`access\_token`, `department\[\]`); regex escapes such as
/// `\-`, `\.` and `\d` are not in the list and stay.
const ESCAPED: &str = "_[]()*#`|<>";

/// Removes HTML tags and entities, markdown links, escapes, emphasis and
/// code marks; collapses runs of spaces; trims.
pub fn clean(text: &str) -> String {
    let text = strip_tags(text);
    let text = text
        .replace("&nbsp;", " ")
        .replace("&emsp;", " ")
        .replace("&ensp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let text = strip_links(&text);
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(|n| ESCAPED.contains(*n)) {
            if let Some(next) = chars.next() {
                out.push(next);
                last_space = false;
            }
            continue;
        }
        if c == '*' || c == '`' {
            continue;
        }
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    let out = out.trim();
    // A Feishu code span of only `\-`.
    if out == "\\-" {
        return "-".to_owned();
    }
    out.to_owned()
}

/// HTML tags pages carry (anything else in angle brackets is text:
/// `Map<String, Object>`, `List<Long>`).
const TAGS: &[&str] = &[
    "a",
    "b",
    "br",
    "blockquote",
    "button",
    "center",
    "code",
    "del",
    "div",
    "em",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "label",
    "li",
    "ol",
    "p",
    "path",
    "pre",
    "s",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "use",
];

/// `<span …>x</span>` → `x`: a known tag name (or `<!…>`) after `<` or
/// `</`, up to the next `>` on the line, is a tag.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        let after = &rest[at + 1..];
        let name: String = after
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let starts_tag = after.starts_with('!') || TAGS.contains(&name.as_str());
        match (starts_tag, after.find('>')) {
            (true, Some(end)) => {
                out.push_str(&rest[..at]);
                rest = &after[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=at]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `[text](http…)` → `text`.
fn strip_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("](") {
        let Some(open) = rest[..at].rfind('[') else {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            continue;
        };
        let target = &rest[at + 2..];
        match target.find(')') {
            Some(close) if !target[..close].contains(' ') => {
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..at]);
                rest = &target[close + 1..];
            }
            _ => {
                out.push_str(&rest[..at + 2]);
                rest = target;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Chinese characters and full-width punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}' | '\u{ff00}'..='\u{ffef}')
}

/// Whether the text holds any Chinese.
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(is_cjk)
}

/// A wire name as documentation tables write them: ASCII letters, digits,
/// `_`, `-` and `$`, not starting with a digit or `-`.
pub fn is_field_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '$'))
        && text.len() <= 80
}

/// Strips the tree glyphs (`├`, `└`, `│`, `─`) before a name and counts the
/// levels they mark.
pub fn strip_tree(text: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = text.trim_start();
    while let Some(c) = rest.chars().next() {
        match c {
            '├' | '└' | '│' | '┝' | '┕' | '┃' | '┗' | '┣' => depth += 1,
            '─' | '━' | ' ' => {}
            _ => break,
        }
        rest = &rest[c.len_utf8()..];
    }
    (depth, rest.trim())
}

/// Full-width digits and punctuation to ASCII, so phrases read the same
/// whichever the page used.
pub fn halfwidth(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '：' => ':',
            '，' => ',',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            '［' | '【' => '[',
            '］' | '】' => ']',
            '～' | '〜' => '~',
            '＝' => '=',
            '＞' => '>',
            '＜' => '<',
            '－' => '-',
            '、' => ',',
            c => c,
        })
        .collect()
}

/// Parses `"12"`, `"-1"`, `"1.5"` as a JSON number (integers stay integers).
pub fn number(text: &str) -> Option<serde_json::Number> {
    let text = text.trim();
    if let Ok(int) = text.parse::<i64>() {
        return Some(int.into());
    }
    let looks_decimal = text.contains('.')
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-');
    if looks_decimal {
        return text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64);
    }
    None
}

/// Cuts a text to at most `max` characters (for quoting page text in notes).
pub fn short(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_html_markdown_and_odd_characters() {
        assert_eq!(
            clean(
                "**请求地址** ：`https://oapi.dingtalk.com/a<span role=\"img\"><svg><use xlink:href=\"#i\"></use></svg></span>`"
            ),
            "请求地址 ：https://oapi.dingtalk.com/a"
        );
        assert_eq!(
            clean("通过[获取token](https://open.dingtalk.com/x#)接口获取"),
            "通过获取token接口获取"
        );
        assert_eq!(clean("a < b and c>d"), "a < b and c>d");
        assert_eq!(clean("Map<String, Object>"), "Map<String, Object>");
        assert_eq!(clean("a<br>b</br>"), "ab");
        assert_eq!(
            clean("`access\\_token` | `department\\[\\]`"),
            "access_token | department[]"
        );
        assert_eq!(clean("^[a-z_\\-@.]{0,63}$"), "^[a-z_\\-@.]{0,63}$");
        assert_eq!(clean("`\\-`"), "-");
        assert_eq!(printable("a\u{0}b\u{85}c\u{feff}\td"), "ab c d");
        assert_eq!(clean("  x    y  "), "x y");
    }

    #[test]
    fn cells_of_pasted_and_markdown_rows() {
        let tab = cells("\u{a0}\u{a0}└ has_more\tboolean\t是否还有更多项").unwrap_or_default();
        assert_eq!(tab.len(), 3);
        assert_eq!((tab[0].indent, tab[0].text.as_str()), (2, "└ has_more"));
        let pipe = cells("| &nbsp;&nbsp;└ `has_more` | `boolean` | a \\| b |").unwrap_or_default();
        assert_eq!(pipe.len(), 3);
        assert_eq!((pipe[0].indent, pipe[0].text.as_str()), (2, "└ has_more"));
        assert_eq!(pipe[2].text, "a | b");
        let piped = cells("| a | x\ty |").unwrap_or_default();
        assert_eq!(piped.len(), 2);
        let shifted = cells("\tsign\t签名").unwrap_or_default();
        assert_eq!(shifted[0].text, "");
        assert_eq!(cells("no cells here"), None);
        assert_eq!(
            cells("\u{3000}\u{3000}name\tString").map(|c| c[0].indent),
            Some(2)
        );
    }

    #[test]
    fn recognises_names_and_trees() {
        assert!(is_field_name("x-acs-dingtalk-access-token"));
        assert!(is_field_name("deptList"));
        assert!(!is_field_name("名称"));
        assert!(!is_field_name("2fa"));
        assert!(!is_field_name(""));
        assert_eq!(strip_tree("├ pageNum"), (1, "pageNum"));
        assert_eq!(strip_tree("│ └─ x"), (2, "x"));
        assert_eq!(strip_tree("name"), (0, "name"));
        assert_eq!(strip_tree("└"), (1, ""));
    }

    #[test]
    fn reads_numbers() {
        assert_eq!(number("50"), Some(50.into()));
        assert_eq!(number("-1"), Some((-1).into()));
        assert_eq!(number("30.123").and_then(|n| n.as_f64()), Some(30.123));
        assert_eq!(number("1e5"), None);
        assert_eq!(number("abc"), None);
        assert_eq!(halfwidth("最大值：５０，"), "最大值:50,");
        assert_eq!(short("abcdef", 3), "abc…");
    }
}
