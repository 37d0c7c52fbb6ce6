//! Spec bytes to text: the encoding named when it is not UTF-8, characters
//! YAML forbids located, line ends normalised.

use super::Pos;

/// A problem in the file's bytes or characters, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextError {
    /// Where.
    pub at: Pos,
    /// What.
    pub message: String,
    /// What would be right.
    pub help: Option<String>,
    /// The earlier place this one repeats (a duplicate key's first occurrence).
    pub first: Option<Pos>,
}

/// The file as text: UTF-8 checked (UTF-16 and UTF-32 named), a UTF-8 BOM
/// dropped, `\r\n` and lone `\r` (old Mac files) made `\n`, so lines are
/// counted as editors count them.
pub fn decode(bytes: &[u8]) -> Result<String, TextError> {
    let at_start = Pos { line: 1, column: 1 };
    let wide = |name: &str| TextError {
        at: at_start,
        message: format!("the file is {name}, not UTF-8"),
        help: Some("save it as UTF-8 (most editors: File > Save with encoding)".into()),
        first: None,
    };
    match bytes {
        [0xFF, 0xFE, 0, 0, ..] | [0, 0, 0xFE, 0xFF, ..] => return Err(wide("UTF-32")),
        [0xFF, 0xFE, ..] => return Err(wide("UTF-16 (little-endian)")),
        [0xFE, 0xFF, ..] => return Err(wide("UTF-16 (big-endian)")),
        // No BOM, but ASCII interleaved with NULs: UTF-16 all the same.
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => return Err(wide("UTF-16 (little-endian)")),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => return Err(wide("UTF-16 (big-endian)")),
        _ => {}
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &bytes[..error.valid_up_to()];
            // ok: `valid_up_to` is the length of a valid UTF-8 prefix.
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            return Err(TextError {
                at: end_of(&valid.replace("\r\n", "\n").replace('\r', "\n")),
                message: format!(
                    "the file is not valid UTF-8 (byte 0x{:02X} at offset {})",
                    bytes[error.valid_up_to()],
                    error.valid_up_to()
                ),
                help: Some("save it as UTF-8 (GBK/GB2312 files must be converted)".into()),
                first: None,
            });
        }
    };
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// The position just after `text`.
pub(super) fn end_of(text: &str) -> Pos {
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos {
        line: line as u32,
        column: column as u32,
    }
}

/// Characters YAML forbids in a stream (C0 controls but tab and newline,
/// DEL, C1 controls but NEL, the non-characters U+FFFE/U+FFFF), each
/// located: a NUL or an ESC pasted from a terminal is found where it is.
pub fn forbidden_characters(text: &str) -> Vec<TextError> {
    let mut found = Vec::new();
    let (mut line, mut column) = (1u32, 1u32);
    for c in text.chars() {
        let forbidden = (c.is_control() && !matches!(c, '\t' | '\n' | '\u{85}'))
            || matches!(c, '\u{FFFE}' | '\u{FFFF}');
        if forbidden {
            found.push(TextError {
                at: Pos { line, column },
                message: format!(
                    "control character U+{:04X} is not allowed in a YAML file",
                    u32::from(c)
                ),
                help: Some("delete it (it is invisible in most editors)".into()),
                first: None,
            });
        }
        if c == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn encodings_are_named() {
        let utf16: Vec<u8> = "platform: x"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let error = decode(&utf16).unwrap_err();
        assert!(error.message.contains("UTF-16"), "{error:?}");
        let with_bom = [&[0xFF, 0xFE][..], &utf16].concat();
        assert!(
            decode(&with_bom)
                .unwrap_err()
                .message
                .contains("UTF-16 (little-endian)")
        );
        let gbk = b"platform: x\ndoc: \xC4\xE3\n";
        let error = decode(gbk).unwrap_err();
        assert_eq!(error.at, at(2, 6));
        assert!(error.message.contains("0xC4"), "{error:?}");
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1").unwrap(), "a: 1");
    }

    #[test]
    fn line_ends_are_normalised() {
        assert_eq!(decode(b"a: 1\r\nb: 2\rc: 3").unwrap(), "a: 1\nb: 2\nc: 3");
    }

    #[test]
    fn control_characters_are_located() {
        let found = forbidden_characters("a: 1\nb: x\u{0}y\u{1b}\n\tc: ok");
        let places: Vec<Pos> = found.iter().map(|e| e.at).collect();
        assert_eq!(places, [at(2, 5), at(2, 7)]);
        assert!(found[0].message.contains("U+0000"));
    }
}
