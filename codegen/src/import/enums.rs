//! Enumerations read from description text: `0-未知 1=已激活,2=已禁用`,
//! `0表示未定义，1表示男性，2表示女性`, `0:普通;20:保密`.

use super::text::halfwidth;

/// One documented value: as written, and its meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Documented {
    /// The value as written (`0`, `-1`).
    pub value: String,
    /// Its meaning (`未知`).
    pub label: String,
}

/// Separators between a value and its meaning.
const SEPARATORS: &[&str] = &["表示", "代表", "-", "=", ":"];

/// Characters that end a meaning.
fn ends_label(c: char) -> bool {
    matches!(
        c,
        ' ' | ',' | ';' | '。' | '.' | ')' | '(' | '|' | '/' | ']' | '[' | '、' | '!' | '?'
    )
}

/// The `value → meaning` pairs of a description; empty unless there are at
/// least two distinct values.
pub fn from_description(text: &str) -> Vec<Documented> {
    let chars: Vec<char> = halfwidth(text).chars().collect();
    let mut found: Vec<Documented> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match pair_at(&chars, i) {
            Some((pair, end)) => {
                if !found.iter().any(|f| f.value == pair.value) {
                    found.push(pair);
                }
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    if found.len() >= 2 { found } else { Vec::new() }
}

/// A `value separator meaning` pair starting at `at`.
fn pair_at(chars: &[char], at: usize) -> Option<(Documented, usize)> {
    if let Some(before) = at.checked_sub(1).and_then(|b| chars.get(b)) {
        if before.is_ascii_alphanumeric()
            || matches!(before, '-' | '.' | '_' | '~' | '[' | '>' | '<' | '=')
        {
            return None;
        }
    }
    let (value, end) = integer_at(chars, at)?;
    let rest: String = chars.iter().skip(end).take(2).collect();
    let separator = SEPARATORS.iter().find(|s| rest.starts_with(**s))?;
    let start = end + separator.chars().count();
    let first = *chars.get(start)?;
    if first.is_ascii_digit() || first == '-' || ends_label(first) || first.is_ascii_punctuation() {
        return None;
    }
    let mut stop = start;
    while stop < chars.len() && stop - start < 24 {
        if ends_label(chars[stop]) || (stop > start && integer_pair_follows(chars, stop)) {
            break;
        }
        stop += 1;
    }
    let label: String = chars[start..stop].iter().collect();
    let label = label.trim().to_owned();
    if label.is_empty() {
        return None;
    }
    Some((Documented { value, label }, stop))
}

/// Whether a new `value separator` pair begins at `at` (a meaning ends there).
fn integer_pair_follows(chars: &[char], at: usize) -> bool {
    let Some((_, end)) = integer_at(chars, at) else {
        return false;
    };
    let rest: String = chars.iter().skip(end).take(2).collect();
    SEPARATORS.iter().any(|s| rest.starts_with(s))
        && chars.get(end + 1).is_some_and(|c| !c.is_ascii_digit())
}

/// An integer (optional `-`, up to 9 digits) at `at`.
fn integer_at(chars: &[char], at: usize) -> Option<(String, usize)> {
    let mut end = at;
    if chars.get(end) == Some(&'-') {
        end += 1;
    }
    let digits = end;
    while chars.get(end).is_some_and(char::is_ascii_digit) && end - digits < 9 {
        end += 1;
    }
    if end == digits || chars.get(end).is_some_and(char::is_ascii_digit) {
        return None;
    }
    Some((chars[at..end].iter().collect(), end))
}

/// The values of a comma-separated example (`2,3,5,-1`), if they are all
/// integers and there are at least two.
pub fn from_example(example: &str) -> Vec<i64> {
    let values: Vec<Option<i64>> = example
        .split([',', '，'])
        .map(|v| v.trim().parse::<i64>().ok())
        .collect();
    if values.len() >= 2 && values.iter().all(Option::is_some) {
        values.into_iter().flatten().collect()
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        from_description(text)
            .into_iter()
            .map(|d| (d.value, d.label))
            .collect()
    }

    fn p(value: &str, label: &str) -> (String, String) {
        (value.to_owned(), label.to_owned())
    }

    #[test]
    fn dash_equals_and_comma_forms() {
        assert_eq!(
            pairs("员工状态 0-未知 1=已激活,2=已禁用,4=未激活,5=退出企业"),
            vec![
                p("0", "未知"),
                p("1", "已激活"),
                p("2", "已禁用"),
                p("4", "未激活"),
                p("5", "退出企业")
            ]
        );
        assert_eq!(
            pairs("是否拥有客户联系权限 0-否 1-是"),
            vec![p("0", "否"), p("1", "是")]
        );
        assert_eq!(
            pairs("0:普通公告;20:保密公告"),
            vec![p("0", "普通公告"), p("20", "保密公告")]
        );
    }

    #[test]
    fn biaoshi_form() {
        assert_eq!(
            pairs(
                "性别。0表示未定义，1表示男性，2表示女性。仅在用户同意snsapi_privateinfo授权时返回真实值，否则返回0."
            ),
            vec![p("0", "未定义"), p("1", "男性"), p("2", "女性")]
        );
    }

    #[test]
    fn no_false_enums() {
        assert!(pairs("公告创建时间 2019-10-22 14:43:07").is_empty());
        assert!(pairs("每页条数 [1~50]").is_empty());
        assert!(pairs("取值范围1-100").is_empty());
        assert!(pairs("纬度(支持6位小数)").is_empty());
        assert!(pairs("每页条目数,默认值30,最大值50。").is_empty());
        assert!(pairs("x-acs-dingtalk-access-token").is_empty());
        assert!(pairs("0-未知").is_empty());
        assert!(pairs("").is_empty());
        assert!(pairs("-").is_empty());
        assert!(pairs("1-").is_empty());
    }

    #[test]
    fn example_lists() {
        assert_eq!(from_example("2,3,5,-1"), vec![2, 3, 5, -1]);
        assert!(from_example("manager4220").is_empty());
        assert!(from_example("1").is_empty());
        assert!(from_example("1,a").is_empty());
    }
}
