//! What a description says about a value's format: dates (`yyyy-MM-dd`,
//! `yyyy-MM-dd HH:mm:ss`, ISO 8601 / RFC 3339 date-times) on strings,
//! epoch times (`Unix时间戳，单位毫秒`, `13位时间戳`, `单位秒`) on integers.
//! Only a clear statement is read.

/// A format and, for a date-time, its pattern (Java style).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Format {
    /// `date-time`, `date`, `rfc3339`, `unix-ms`, `unix-s`.
    pub name: &'static str,
    /// The date pattern of a `date-time`.
    pub pattern: Option<String>,
}

/// The format `description` states for a field of base `integer` or not.
pub fn read(description: &str, integer: bool, string: bool) -> Option<Format> {
    let lower = description.to_ascii_lowercase();
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| lower.contains(w) || description.contains(w))
    };
    let format = |name| {
        Some(Format {
            name,
            pattern: None,
        })
    };
    if integer {
        let epoch = has(&["时间戳", "timestamp", "unix"]);
        if has(&["13位时间戳", "毫秒"]) && (epoch || has(&["单位毫秒"])) {
            return format("unix-ms");
        }
        if epoch && has(&["10位时间戳", "单位秒", "秒级", "单位为秒"]) {
            return format("unix-s");
        }
        return None;
    }
    if !string {
        return None;
    }
    if has(&[
        "iso-8601",
        "iso 8601",
        "iso8601",
        "rfc 3339",
        "rfc3339",
        "yyyy-mm-ddthh",
    ]) {
        return format("rfc3339");
    }
    if lower.contains("yyyy-mm-dd hh:mm:ss") {
        return Some(Format {
            name: "date-time",
            pattern: Some("yyyy-MM-dd HH:mm:ss".to_owned()),
        });
    }
    if lower.contains("yyyy-mm-dd") {
        return format("date");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str, integer: bool) -> Option<&'static str> {
        read(text, integer, !integer).map(|f| f.name)
    }

    #[test]
    fn formats() {
        assert_eq!(
            name("审批实例开始时间，Unix时间戳，单位毫秒。", true),
            Some("unix-ms")
        );
        assert_eq!(name("13位时间戳", true), Some("unix-ms"));
        assert_eq!(name("时间戳，单位为秒。", true), Some("unix-s"));
        assert_eq!(name("记录开始时间，单位秒", true), None);
        assert_eq!(
            name("日程开始日期，格式：yyyy-MM-dd。", false),
            Some("date")
        );
        assert_eq!(
            name("格式为ISO-8601的date-time格式", false),
            Some("rfc3339")
        );
        assert_eq!(
            read("格式 yyyy-MM-dd HH:mm:ss", false, true).and_then(|f| f.pattern),
            Some("yyyy-MM-dd HH:mm:ss".to_owned())
        );
        assert_eq!(name("部门名称", false), None);
        assert_eq!(name("yyyy-MM-dd", true), None);
    }
}
