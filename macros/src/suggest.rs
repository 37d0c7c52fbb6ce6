//! "Did you mean" hints for misspelt keys and values.

pub(crate) use oapi_codegen::suggest::closest;

/// `" did you mean `max_items`?"` or nothing.
pub(crate) fn did_you_mean(input: &str, candidates: &[&str]) -> String {
    match closest(input, candidates) {
        Some(candidate) => format!("; did you mean `{candidate}`?"),
        None => String::new(),
    }
}

/// "`a`, `b` or `c`".
pub(crate) fn one_of(candidates: &[&str]) -> String {
    let quoted: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
    match quoted.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// The message for a key that `context` (e.g. `#[validate(...)]`) does not know.
pub(crate) fn unknown_key(key: &str, context: &str, candidates: &[&str]) -> String {
    format!(
        "unknown key `{key}` in {context}{} (expected {})",
        did_you_mean(key, candidates),
        one_of(candidates)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(
            unknown_key("mx", "#[x(...)]", &["max", "min"]),
            "unknown key `mx` in #[x(...)]; did you mean `max`? (expected `max` or `min`)"
        );
        assert_eq!(did_you_mean("zzz", &["max"]), "");
    }
}
