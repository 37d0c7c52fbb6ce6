//! Limits read from description text: `最大50`, `最大值为20`, `最大可设置成100`,
//! `最多传100`, `最大列表长度为20`, `从1开始不超过30`, `从0开始`, `[1~50]`,
//! `[>= 1]`, `默认值为100`, `最多相隔180天`, …
//!
//! Phrases are matched on the text with spaces removed and full-width
//! characters made ASCII. What a bound applies to (a number, a list's
//! length, a text's length) is decided later by the field's type.

use serde_json::{Number, Value};

use super::model::Note;
use super::text::halfwidth;

/// What a description says about a field's limits.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Read {
    /// Smallest value (or item count, for lists).
    pub min: Option<Number>,
    /// The minimum is only where a value starts (`从0开始`, `首次传0`): a
    /// bound for a number, nothing for a text or a list.
    pub min_is_start: bool,
    /// Largest value (or item count, for lists).
    pub max: Option<Number>,
    /// Most items, said of a list (`最大列表长度为20`).
    pub max_items: Option<u64>,
    /// Most characters (`最多50个字符`).
    pub max_length: Option<u64>,
    /// Fewest characters (`长度限制为1~64个字符`).
    pub min_length: Option<u64>,
    /// Most UTF-8 bytes (`长度限制为1024个字节`).
    pub max_bytes: Option<u64>,
    /// A regex (`正则校验：^[a-z]+$`).
    pub pattern: Option<String>,
    /// Documented default.
    pub default: Option<Value>,
    /// `最多相隔N天`: the longest span between a start and an end field.
    pub window_days: Option<u32>,
    /// The bounds come from an interval (`[0, 2^32)`): they bound values,
    /// never an item count.
    pub values_only: bool,
    /// Conflicts and other doubts.
    pub notes: Vec<Note>,
}

impl Read {
    /// Whether anything was read.
    pub fn any(&self) -> bool {
        self.min.is_some()
            || self.max.is_some()
            || self.max_items.is_some()
            || self.max_length.is_some()
            || self.min_length.is_some()
            || self.max_bytes.is_some()
            || self.pattern.is_some()
            || self.default.is_some()
            || self.window_days.is_some()
    }
}

/// Words between a limit keyword and its number (`最大可设置成100`).
const FILLERS: &[&str] = &[
    "可以设置成",
    "可以设置为",
    "可设置成",
    "可设置为",
    "设置成",
    "设置为",
    "可设为",
    "值为",
    "值是",
    "可以传",
    "可传",
    "传入",
    "支持",
    "可以",
    "只能",
    "值",
    "为",
    "是",
    "传",
    "能",
    "限制为",
    "限制",
    "有",
    "人数为",
    "人数",
    "数量为",
    "数量",
    ":",
    "=",
];

/// What follows a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    None,
    Days,
    Time,
    Chars,
    Bytes(u64),
}

/// Reads every limit phrase in `text`.
pub fn read(text: &str) -> Read {
    let chars: Vec<char> = halfwidth(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut read = Read::default();
    let mut maxes: Vec<Number> = Vec::new();
    let mut mins: Vec<Number> = Vec::new();
    let mut starts: Vec<Number> = Vec::new();

    for keyword in ["相隔", "跨度", "间隔"] {
        for at in find_all(&chars, keyword) {
            let fillers = [
                "最多",
                "最大",
                "不超过",
                "不能超过",
                "不得超过",
                "不大于",
                "为",
                "是",
                ":",
            ];
            let at = skip(&chars, at, &fillers);
            if let Some((n, end)) = read_number(&chars, at) {
                if unit(&chars, end) == Unit::Days {
                    read.window_days = n.as_u64().and_then(|d| u32::try_from(d).ok());
                }
            }
        }
    }
    for keyword in ["列表长度", "列表最大长度", "数组长度", "列表大小"] {
        for at in find_all(&chars, keyword) {
            let fillers = [
                "最大为",
                "最大",
                "不超过",
                "不能超过",
                "最多",
                "为",
                "是",
                ":",
            ];
            let at = skip(&chars, at, &fillers);
            if let Some((n, _)) = read_number(&chars, at) {
                read.max_items = n.as_u64().or(read.max_items);
            }
        }
    }
    for keyword in [
        "最大值",
        "最大",
        "最多",
        "最长",
        "不超过",
        "不能超过",
        "不得超过",
        "不大于",
        "上限",
        "小于等于",
    ] {
        for keyword_at in find_all(&chars, keyword) {
            if advice(&chars, keyword_at - keyword.chars().count()) {
                if !read.notes.iter().any(|n| n.text.contains("recommend")) {
                    read.notes.push(Note::todo(
                        "the description recommends a limit (建议…): not written as one; check",
                    ));
                }
                continue;
            }
            let at = skip(&chars, keyword_at, FILLERS);
            if let Some((n, end)) = read_number(&chars, at) {
                match unit(&chars, end) {
                    Unit::None => maxes.push(n),
                    Unit::Chars => read.max_length = n.as_u64(),
                    Unit::Bytes(scale) => {
                        read.max_bytes = n.as_u64().map(|n| n.saturating_mul(scale));
                    }
                    Unit::Days | Unit::Time => {}
                }
            }
        }
    }
    for keyword in [
        "最大长度",
        "长度不超过",
        "长度最大",
        "长度限制",
        "长度范围",
        "长度为",
    ] {
        for at in find_all(&chars, keyword) {
            let at = skip(&chars, at, FILLERS);
            let Some((low, high, end)) = read_range(&chars, at) else {
                continue;
            };
            match unit(&chars, end) {
                Unit::None | Unit::Chars => {
                    if let Some(high) = high {
                        read.min_length = low.as_u64();
                        read.max_length = high.as_u64();
                    } else {
                        read.max_length = low.as_u64();
                    }
                }
                Unit::Bytes(scale) => {
                    // At least one byte is at least one character.
                    if high.is_some() && low.as_u64() == Some(1) && scale == 1 {
                        read.min_length = Some(1);
                    }
                    read.max_bytes = high
                        .unwrap_or(low)
                        .as_u64()
                        .map(|n| n.saturating_mul(scale));
                }
                Unit::Days | Unit::Time => {}
            }
        }
    }
    for keyword in ["最小值", "最小", "至少", "不小于", "大于等于"] {
        for at in find_all(&chars, keyword) {
            let at = skip(&chars, at, FILLERS);
            if let Some((n, end)) = read_number(&chars, at) {
                if unit(&chars, end) == Unit::None {
                    mins.push(n);
                }
            }
        }
    }
    // 从1开始: the first value.
    for at in find_all(&chars, "从") {
        if let Some((n, end)) = read_number(&chars, at) {
            if starts_with(&chars, end, "开始") {
                starts.push(n);
            }
        }
    }
    // 首次调用，该参数传0: where a cursor starts.
    for at in find_all(&chars, "首次") {
        let window: String = chars.iter().skip(at).take(12).collect();
        if let Some(offset) = window.find('传').map(|b| window[..b].chars().count() + 1) {
            if let Some((n, end)) = read_number(&chars, at + offset) {
                if unit(&chars, end) == Unit::None {
                    starts.push(n);
                }
            }
        }
    }
    // 最开始传0 / 初始传入0: where a cursor starts, so its smallest value.
    for keyword in ["最开始", "初始"] {
        for at in find_all(&chars, keyword) {
            let at = skip(&chars, at, FILLERS);
            if let Some((n, end)) = read_number(&chars, at) {
                if unit(&chars, end) == Unit::None {
                    starts.push(n);
                }
            }
        }
    }
    if mins.is_empty() {
        if contains(&chars, "非负整数") || contains(&chars, "非负数") {
            mins.push(0.into());
        } else if contains(&chars, "正整数") {
            mins.push(1.into());
        }
    }
    read.values_only = ranges(&chars, &mut mins, &mut maxes, &mut read.notes);
    for at in find_all(&chars, "默认") {
        let at = skip(&chars, at, FILLERS);
        if let Some((n, end)) = read_number(&chars, at) {
            if unit(&chars, end) == Unit::None && read.default.is_none() {
                read.default = Some(Value::Number(n));
            }
        } else if starts_with(&chars, at, "true") {
            read.default = Some(Value::Bool(true));
        } else if starts_with(&chars, at, "false") {
            read.default = Some(Value::Bool(false));
        }
    }
    read.max = pick(&maxes, false, "maximum", &mut read.notes);
    read.min_is_start = mins.is_empty() && !starts.is_empty();
    mins.extend(starts);
    read.min = pick(&mins, true, "minimum", &mut read.notes);
    read.pattern = pattern(text);
    read
}

/// `正则校验：^[a-z]+$` (Feishu's 数据校验规则): the regex, up to a space.
fn pattern(text: &str) -> Option<String> {
    let (_, rest) = text
        .split_once("正则校验")
        .or_else(|| text.split_once("正则表达式"))?;
    let rest = rest.trim_start_matches([':', '：', ' ', '为']);
    let regex: String = rest.chars().take_while(|c| !c.is_whitespace()).collect();
    (regex.len() >= 2 && regex.len() <= 400).then_some(regex)
}

/// Whether the phrase at `at` is advice (`建议不超过100人`), not a rule.
fn advice(chars: &[char], at: usize) -> bool {
    let from = at.saturating_sub(3);
    chars
        .get(from..at)
        .is_some_and(|before| before.iter().collect::<String>().contains("建议"))
}

/// `1~64`, `1-64`, `64` at `at`: low, high and where it ends.
fn read_range(chars: &[char], at: usize) -> Option<(Number, Option<Number>, usize)> {
    let (low, end) = read_number(chars, at)?;
    let next = match chars.get(end) {
        Some('~' | '-' | '至' | '到') => end + 1,
        _ => return Some((low, None, end)),
    };
    match read_number(chars, next) {
        Some((high, end)) => Some((low, Some(high), end)),
        None => Some((low, None, end)),
    }
}

/// One value from several readings: the one they agree on, else the
/// strictest with a TODO.
fn pick(values: &[Number], largest: bool, what: &str, notes: &mut Vec<Note>) -> Option<Number> {
    let first = values.first()?.clone();
    let as_f64 = |n: &Number| n.as_f64().unwrap_or(0.0);
    if values.iter().all(|v| as_f64(v) == as_f64(&first)) {
        return Some(first);
    }
    let strictest = values.iter().cloned().fold(first, |best, v| {
        let better = if largest {
            as_f64(&v) > as_f64(&best)
        } else {
            as_f64(&v) < as_f64(&best)
        };
        if better { v } else { best }
    });
    let listed: Vec<String> = values.iter().map(ToString::to_string).collect();
    notes.push(Note::todo(format!(
        "the description gives several {what}s ({}): took {strictest}",
        listed.join(", ")
    )));
    Some(strictest)
}

/// `[1~50]`, `[>=1]`, `[<=100]`, `[1,50]`, `[1-50]`, `范围1~50`.
/// Whether one was an interval with an open end or an exponent (`[0, 2^32)`).
fn ranges(
    chars: &[char],
    mins: &mut Vec<Number>,
    maxes: &mut Vec<Number>,
    notes: &mut Vec<Note>,
) -> bool {
    let mut interval = false;
    let mut starts: Vec<usize> = chars
        .iter()
        .enumerate()
        .filter(|(_, c)| **c == '[')
        .map(|(i, _)| i + 1)
        .collect();
    for keyword in ["取值范围", "范围"] {
        for at in find_all(chars, keyword) {
            starts.push(skip(chars, at, &[":", "是", "为", "在"]));
        }
    }
    for start in starts {
        // `的值为[1,2]`, `例如[3,4]`: a list value quoted in the text, no range.
        if chars.get(start.wrapping_sub(1)) == Some(&'[') && quotes_a_value(chars, start - 1) {
            continue;
        }
        if starts_with(chars, start, ">=") {
            if let Some((n, _)) = read_number(chars, start + 2) {
                mins.push(n);
            }
        } else if starts_with(chars, start, "<=") {
            if let Some((n, _)) = read_number(chars, start + 2) {
                maxes.push(n);
            }
        } else if starts_with(chars, start, ">") || starts_with(chars, start, "<") {
            if read_number(chars, start + 1).is_some() {
                notes.push(Note::todo(
                    "an exclusive bound (`>`/`<`) is documented: write the inclusive min/max",
                ));
            }
        } else if let Some((low, end)) = read_number(chars, start) {
            let separator = chars.get(end).copied();
            let next = match separator {
                Some('~' | ',' | '-') => end + 1,
                _ if starts_with(chars, end, "到") || starts_with(chars, end, "至") => end + 1,
                _ => continue,
            };
            let next = skip_spaces(chars, next);
            if let Some((high, end)) = read_number(chars, next) {
                // `[0, 2^32)`: a power of two and an open end, on integers.
                match half_open_high(chars, &low, &high, end) {
                    Some(Some(high)) => {
                        interval = true;
                        mins.push(low);
                        maxes.push(high);
                    }
                    Some(None) => notes.push(Note::todo(
                        "a value range with an exponent or an open end is documented: write the bounds",
                    )),
                    None => {
                        mins.push(low);
                        maxes.push(high);
                    }
                }
            }
        }
    }
    interval
}

/// Whether the `[` at `at` follows words that quote a value (`值为`, `例如`,
/// `示例`), not a range (`范围`).
fn quotes_a_value(chars: &[char], at: usize) -> bool {
    let before: String = chars[at.saturating_sub(4)..at].iter().collect();
    !before.contains("范围")
        && ["值为", "例如", "示例", "值是"]
            .iter()
            .any(|w| before.contains(w))
}

fn skip_spaces(chars: &[char], mut at: usize) -> usize {
    while chars.get(at).is_some_and(|c| *c == ' ') {
        at += 1;
    }
    at
}

/// The inclusive high end of `[low, high^exp)` / `[low, high)` / `[low, high^exp]`
/// read at `end` (after `high`): `None` when there is neither an exponent nor
/// an open end (a plain range), `Some(None)` when it cannot be computed.
fn half_open_high(
    chars: &[char],
    low: &Number,
    high: &Number,
    end: usize,
) -> Option<Option<Number>> {
    let (value, end) = if chars.get(end) == Some(&'^') {
        let value = read_number(chars, end + 1).and_then(|(exp, end)| {
            let (base, exp) = (high.as_u64()?, u32::try_from(exp.as_u64()?).ok()?);
            Some((base.checked_pow(exp)?, end))
        });
        match value {
            Some(v) => v,
            None => return Some(None),
        }
    } else if chars.get(end) == Some(&')') {
        match high.as_u64() {
            Some(v) => (v, end),
            None => return Some(None),
        }
    } else {
        return None;
    };
    let value = match chars.get(end) {
        Some(')') if low.as_i64().is_some() => value.checked_sub(1),
        Some(']') => Some(value),
        _ => None,
    };
    Some(value.map(Number::from))
}

fn find_all(chars: &[char], pattern: &str) -> Vec<usize> {
    let pattern: Vec<char> = pattern.chars().collect();
    if pattern.is_empty() || pattern.len() > chars.len() {
        return Vec::new();
    }
    (0..=chars.len() - pattern.len())
        .filter(|&i| chars[i..i + pattern.len()] == pattern[..])
        .map(|i| i + pattern.len())
        .collect()
}

fn starts_with(chars: &[char], at: usize, pattern: &str) -> bool {
    pattern
        .chars()
        .enumerate()
        .all(|(offset, p)| chars.get(at + offset) == Some(&p))
}

fn contains(chars: &[char], pattern: &str) -> bool {
    !find_all(chars, pattern).is_empty()
}

/// Skips any run of `fillers` at `at`.
fn skip(chars: &[char], mut at: usize, fillers: &[&str]) -> usize {
    'outer: for _ in 0..8 {
        for filler in fillers {
            if starts_with(chars, at, filler) {
                at += filler.chars().count();
                continue 'outer;
            }
        }
        break;
    }
    at
}

/// `-12`, `50`, `1.5` at `at`: the number and where it ends.
fn read_number(chars: &[char], at: usize) -> Option<(Number, usize)> {
    let mut end = at;
    if chars.get(end) == Some(&'-') {
        end += 1;
    }
    let digits_start = end;
    while chars.get(end).is_some_and(char::is_ascii_digit) {
        end += 1;
    }
    if end == digits_start || end - digits_start > 15 {
        return None;
    }
    if chars.get(end) == Some(&'.') && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
        end += 1;
        while chars.get(end).is_some_and(char::is_ascii_digit) {
            end += 1;
        }
    }
    let text: String = chars.get(at..end)?.iter().collect();
    super::text::number(&text).map(|n| (n, end))
}

fn unit(chars: &[char], at: usize) -> Unit {
    let is = |p: &str| starts_with(chars, at, p);
    if is("天") || is("日") {
        Unit::Days
    } else if ["小时", "分钟", "秒", "个月", "月", "年", "周", "ms", "毫秒"]
        .iter()
        .any(|p| is(p))
    {
        Unit::Time
    } else if ["个字节", "字节"].iter().any(|p| is(p)) {
        Unit::Bytes(1)
    } else if ["个字符", "字符", "个字", "字", "位"].iter().any(|p| is(p)) {
        Unit::Chars
    } else if ["KB", "kb", "K", "k"].iter().any(|p| is(p)) {
        Unit::Bytes(1024)
    } else if ["MB", "mb", "M"].iter().any(|p| is(p)) {
        Unit::Bytes(1024 * 1024)
    } else if ["GB", "G"].iter().any(|p| is(p)) {
        Unit::Bytes(1024 * 1024 * 1024)
    } else if ["B", "b"].iter().any(|p| is(p)) {
        Unit::Bytes(1)
    } else {
        Unit::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn max(text: &str) -> Option<i64> {
        read(text).max.and_then(|n| n.as_i64())
    }

    fn min(text: &str) -> Option<i64> {
        read(text).min.and_then(|n| n.as_i64())
    }

    #[test]
    fn maximum_phrases() {
        assert_eq!(max("分页大小，最大50。"), Some(50));
        assert_eq!(max("分页大小,最大50。"), Some(50));
        assert_eq!(max("每页数据量，最大值为20。"), Some(20));
        assert_eq!(max("每页数据量,最大为20。"), Some(20));
        assert_eq!(max("分页大小，最大可设置成100。"), Some(100));
        assert_eq!(
            max("分页参数，每页大小，最多传100，默认值为100。"),
            Some(100)
        );
        assert_eq!(max("每页条目数,默认值30,最大值50。"), Some(50));
        assert_eq!(max("不超过30"), Some(30));
        assert_eq!(max("分页大小"), None);
        assert_eq!(max("start_time参数和end_time参数最多相隔180天。"), None);
    }

    #[test]
    fn list_length_phrases() {
        let read_items = |text: &str| read(text).max_items;
        assert_eq!(read_items("接收部门ID列表，最大的列表长度为20。"), Some(20));
        assert_eq!(
            read_items("接收人userId列表,最大的列表长度为1000。"),
            Some(1000)
        );
        assert_eq!(
            read_items("需要查询的用户列表，最大列表长度为10。"),
            Some(10)
        );
        assert_eq!(max("需要查询的用户列表，最大列表长度为10。"), None);
    }

    #[test]
    fn minimum_phrases() {
        assert_eq!(min("分页大小，从1开始不超过30，且必须为正整数。"), Some(1));
        assert_eq!(max("分页大小，从1开始不超过30，且必须为正整数。"), Some(30));
        assert_eq!(min("页码，从1开始且必须为正整数。"), Some(1));
        assert_eq!(min("分页游标，从0开始。"), Some(0));
        assert_eq!(
            min("分页查询的游标，最开始传0，后续传返回参数中的next_cursor值"),
            Some(0)
        );
        assert_eq!(
            min("查询游标，初始传入0，后续从上一次的返回值中获取。"),
            Some(0)
        );
        assert_eq!(min("分页查询的游标，最开始可以传0。"), Some(0));
        assert_eq!(min("必须为正整数"), Some(1));
        assert_eq!(min("分页大小"), None);
    }

    #[test]
    fn bracket_ranges() {
        assert_eq!(min("每页条数 [1~50]"), Some(1));
        assert_eq!(max("每页条数 [1~50]"), Some(50));
        assert_eq!(min("页码 [>= 1]"), Some(1));
        assert_eq!(max("页码 [>= 1]"), None);
        assert_eq!(max("[<= 100]"), Some(100));
        assert_eq!(max("取值范围：1-100"), Some(100));
        assert_eq!(min("取值范围：1-100"), Some(1));
        assert_eq!(min("［１～５０］"), Some(1));
        assert!(read("[> 0]").notes.iter().any(|n| n.todo));
    }

    #[test]
    fn defaults_and_windows() {
        let r = read("分页参数，每页大小，最多传100，默认值为100。");
        assert_eq!(r.default, Some(Value::from(100)));
        assert_eq!(
            read("每页条目数,默认值30,最大值50。").default,
            Some(Value::from(30))
        );
        assert_eq!(read("上一批次的最后一个id,默认空").default, None);
        assert_eq!(read("默认为true").default, Some(Value::Bool(true)));
        assert_eq!(
            read("说明 start_time参数和end_time参数最多相隔180天。").window_days,
            Some(180)
        );
        assert_eq!(read("时间跨度不超过7天").window_days, Some(7));
        assert_eq!(max("时间跨度不超过7天"), None);
    }

    #[test]
    fn units_and_conflicts() {
        assert_eq!(read("标题，最多50个字符").max_length, Some(50));
        assert_eq!(max("标题，最多50个字符"), None);
        assert_eq!(max("文件最大10MB"), None);
        assert_eq!(read("名称，最大长度为64").max_length, Some(64));
        let r = read("最大50，最大值为20");
        assert_eq!(r.max.and_then(|n| n.as_i64()), Some(20));
        assert!(r.notes.iter().any(|n| n.todo));
        assert!(!read("公告标题。").any());
        assert_eq!(max("最大1.5"), None);
        assert_eq!(read("最大1.5").max.and_then(|n| n.as_f64()), Some(1.5));
    }

    #[test]
    fn lengths_bytes_patterns_and_advice() {
        let r = read("部门名称。长度限制为1~64个字符，不允许包含字符");
        assert_eq!((r.min_length, r.max_length), (Some(1), Some(64)));
        assert_eq!(read("该字段长度限制为1024个字节").max_bytes, Some(1024));
        assert_eq!(read("字段唯一标识，最大长度1024字节").max_bytes, Some(1024));
        assert_eq!(read("参数值（最长不超过1KB）").max_bytes, Some(1024));
        assert_eq!(read("待办标题，最大长度1024。").max_length, Some(1024));
        assert_eq!(
            read("- 最大限制200个字符，超过存储截断200。").max_length,
            Some(200)
        );
        let r = read("数据校验规则： - 长度范围：1 ～ 64 字符");
        assert_eq!((r.min_length, r.max_length), (Some(1), Some(64)));
        assert_eq!(read("数据校验规则： - 最大长度：10").max_length, Some(10));
        let r = read(
            "示例值：\"D096\" 数据校验规则： - 最大长度：64 字符 - 正则校验：^[a-zA-Z0-9][a-zA-Z0-9_\\-@.]{0,63}$",
        );
        assert_eq!(r.max_length, Some(64));
        assert_eq!(
            r.pattern.as_deref(),
            Some("^[a-zA-Z0-9][a-zA-Z0-9_\\-@.]{0,63}$")
        );
        let r = read("执行者的unionId，建议不超过100人。");
        assert_eq!(r.max, None);
        assert!(r.notes.iter().any(|n| n.todo));
        assert_eq!(
            max("日程参与者，参与者最大人数为100，包括组织者。"),
            Some(100)
        );
        assert_eq!(
            max("群成员列表，每次最多支持40人，群人数上限为1000。"),
            Some(40)
        );
        assert_eq!(max("数据校验规则： - 最大值：50"), Some(50));
        assert_eq!(
            max("一次请求拉取审批单数量，默认值为100，上限值为100。"),
            Some(100)
        );
        assert_eq!(
            min("分页游标。 - 如果是首次调用，该参数传0。 - 如果是非首次调用"),
            Some(0)
        );
        assert_eq!(min("分页偏移，从0开始的非负整数。"), Some(0));
        assert!(read("首次查询，该参数传0。").min_is_start);
        assert!(!read("分页偏移，从0开始的非负整数。").min_is_start);
        let r = read("不区分大小写，长度为1~64个字节");
        assert_eq!((r.min_length, r.max_bytes), (Some(1), Some(64)));
        assert_eq!(max("最多有1个直属上级"), Some(1));
        // A half-open interval with a power of two: value bounds, the open
        // end one below.
        let r = read("数值越大排序越前面。值范围是[0, 2^32)。");
        assert_eq!(
            (r.min.clone(), r.max.clone()),
            (Some(0.into()), Some(4_294_967_295_u64.into()))
        );
        assert_eq!(r.max_items, None);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "",
            "最大",
            "从",
            "[",
            "[1~",
            "默认",
            "最大-",
            "最大99999999999999999999",
            "从-开始",
            "[~]",
            "正则校验",
            "首次传",
            "长度限制为1~",
        ] {
            let _ = read(text);
        }
    }
}
