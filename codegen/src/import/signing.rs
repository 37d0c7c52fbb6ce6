//! A signature rule, when a page spells it out: the digest (`md5`,
//! `sha256`, `HmacSHA256`), and the text signed as a template of
//! `name={0}&name={1}` pairs (分贝通's
//! `"timestamp={0}&data={1}&sign_key={2}"`), whose last name, a key or
//! secret, is joined like a parameter and not sent.

use super::text::Line;

/// A signature rule read from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signing {
    /// `md5`, `sha1`, `sha256`, `hmac-sha256`, `hmac-md5`.
    pub digest: &'static str,
    /// The signed parameters, in order.
    pub params: Vec<String>,
    /// The secret's name, joined as the last parameter.
    pub secret: String,
}

/// The rule a page states, if it states one whole.
pub fn read(lines: &[Line]) -> Option<Signing> {
    let text: String = lines
        .iter()
        .map(|l| l.raw.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let lower = text.to_ascii_lowercase();
    let digest = if lower.contains("hmacsha256") || lower.contains("hmac-sha256") {
        "hmac-sha256"
    } else if lower.contains("sha256") {
        "sha256"
    } else if lower.contains("md5") {
        "md5"
    } else {
        return None;
    };
    let names = lines.iter().find_map(|l| template(&l.raw))?;
    let (secret, params) = names.split_last()?;
    let secret_like = ["key", "secret"]
        .iter()
        .any(|w| secret.to_ascii_lowercase().contains(w));
    secret_like.then(|| Signing {
        digest,
        params: params.to_vec(),
        secret: secret.clone(),
    })
}

/// The names of a quoted `a={0}&b={1}&c={2}` template on a line.
fn template(line: &str) -> Option<Vec<String>> {
    for quoted in line.split('"').skip(1).step_by(2) {
        let pairs: Vec<&str> = quoted.split('&').collect();
        let names: Option<Vec<String>> = pairs
            .iter()
            .enumerate()
            .map(|(i, pair)| {
                let (name, value) = pair.split_once('=')?;
                (value == format!("{{{i}}}") && super::text::is_field_name(name))
                    .then(|| name.to_owned())
            })
            .collect();
        if let Some(names) = names.filter(|n| n.len() >= 2) {
            return Some(names);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    #[test]
    fn fenbeitong_rule() {
        let page = lines(
            "采用DigestUtils.md5Hex(param)加密\n1.String signStr = StrUtils.formatString(\"timestamp={0}&data={1}&sign_key={2}\", timestamp, jsonData, signKey);",
        );
        assert_eq!(
            read(&page),
            Some(Signing {
                digest: "md5",
                params: vec!["timestamp".into(), "data".into()],
                secret: "sign_key".into(),
            })
        );
        assert_eq!(read(&lines("md5 of \"a={0}&b={1}\"")), None, "no secret");
        assert_eq!(read(&lines("\"timestamp={0}&key={1}\"")), None, "no digest");
    }
}
