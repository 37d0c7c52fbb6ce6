//! Date patterns as documentation pages write them (Java's
//! `SimpleDateFormat`: `yyyy-MM-dd HH:mm:ss`), turned into the strftime
//! patterns the runtime parses and formats with (chrono's `%Y-%m-%d %H:%M:%S`).

/// The strftime form of a Java date pattern, or what is wrong with it.
pub fn strftime(java: &str) -> Result<String, String> {
    let mut out = String::new();
    let chars: Vec<char> = java.chars().collect();
    let mut i = 0;
    let mut fields = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // A quoted literal: 'T'; '' is a quote.
            let end = chars[i + 1..]
                .iter()
                .position(|&q| q == '\'')
                .map(|p| i + 1 + p)
                .ok_or_else(|| "an unclosed quote `'`".to_owned())?;
            if end == i + 1 {
                out.push('\'');
            }
            for &literal in &chars[i + 1..end] {
                push_literal(&mut out, literal);
            }
            i = end + 1;
            continue;
        }
        if !c.is_ascii_alphabetic() {
            push_literal(&mut out, c);
            i += 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        let spec = match (c, run) {
            ('y', 4) => "%Y",
            ('y', 2) => "%y",
            ('M', 2) => "%m",
            ('M', 1) => "%-m",
            ('d', 2) => "%d",
            ('d', 1) => "%-d",
            ('H', 2) => "%H",
            ('H', 1) => "%-H",
            ('h', 2) => "%I",
            ('h', 1) => "%-I",
            ('m', 2) => "%M",
            ('m', 1) => "%-M",
            ('s', 2) => "%S",
            ('s', 1) => "%-S",
            ('S', 3) => "%3f",
            ('a', 1) => "%p",
            ('E', 3) => "%a",
            ('X', 3) => "%:z",
            ('Z', 1) | ('X', 2) => "%z",
            _ => {
                return Err(format!(
                    "`{}` is not a supported date field",
                    c.to_string().repeat(run)
                ));
            }
        };
        out.push_str(spec);
        fields += 1;
        i += run;
    }
    if fields == 0 {
        return Err("it has no date field (yyyy, MM, dd, HH, mm, ss…)".into());
    }
    Ok(out)
}

fn push_literal(out: &mut String, c: char) {
    if c == '%' {
        out.push_str("%%");
    } else {
        out.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_patterns_become_strftime() {
        assert_eq!(
            strftime("yyyy-MM-dd HH:mm:ss").unwrap(),
            "%Y-%m-%d %H:%M:%S"
        );
        assert_eq!(strftime("yyyy-MM-dd").unwrap(), "%Y-%m-%d");
        assert_eq!(
            strftime("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").unwrap(),
            "%Y-%m-%dT%H:%M:%S.%3f%:z"
        );
        assert_eq!(strftime("yyyyMMdd").unwrap(), "%Y%m%d");
        assert!(strftime("yyy-MM").is_err());
        assert!(strftime("'unclosed").is_err());
        assert!(strftime("---").is_err());
        assert_eq!(strftime("yyyy%MM").unwrap(), "%Y%%%m");
    }
}
