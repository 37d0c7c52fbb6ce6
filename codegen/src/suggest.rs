//! "Did you mean" hints, shared by the spec checker and the macros, so a
//! misspelt YAML key and a misspelt attribute key get the same suggestion.

/// Optimal-string-alignment distance: Levenshtein plus swapping two adjacent
/// characters, so the common typo `mxa` is one edit from `max`, not two.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j] = distance between a[..i] and b[..j].
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// The candidate closest to `input`: within one edit per three characters
/// (at least one, at most two, as rustc does: `PUT` is not a misspelt `GET`),
/// else a longer or shorter spelling of it. A pure case mismatch always matches.
pub fn closest<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = candidates.iter().find(|c| c.eq_ignore_ascii_case(input)) {
        return Some(same);
    }
    let limit = (input.chars().count() / 3).clamp(1, 2);
    let near = candidates
        .iter()
        .map(|candidate| {
            (
                edit_distance(&input.to_lowercase(), &candidate.to_lowercase()),
                *candidate,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate);
    near.or_else(|| longer_or_shorter(input, candidates))
}

/// A candidate that is a longer or shorter spelling of `input` (`minimum` for
/// `min`, `len` for `length`), both at least three characters long.
fn longer_or_shorter<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let long_enough = |text: &str| text.chars().count() >= 3;
    if !long_enough(input) {
        return None;
    }
    let shorter = candidates
        .iter()
        .filter(|c| {
            // `minimum` is a longer `min`; `maximum_items` is not a longer `max`.
            long_enough(c)
                && input
                    .strip_prefix(**c)
                    .is_some_and(|rest| !rest.contains(['_', '-']))
        })
        .max_by_key(|c| c.len());
    let longer = || {
        candidates
            .iter()
            .filter(|c| c.starts_with(input))
            .min_by_key(|c| c.len())
    };
    shorter.or_else(longer).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits_and_swaps() {
        assert_eq!(edit_distance("", ""), 0);
        assert_eq!(edit_distance("max", "max"), 0);
        assert_eq!(edit_distance("max_item", "max_items"), 1);
        assert_eq!(edit_distance("mxa", "max"), 1);
        assert_eq!(edit_distance("min", "max"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("长度", "长"), 1);
    }

    #[test]
    fn closest_within_two_edits() {
        let keys = ["min", "max", "min_items", "max_items", "nested"];
        assert_eq!(closest("max_item", &keys), Some("max_items"));
        assert_eq!(closest("maxitems", &keys), Some("max_items"));
        assert_eq!(closest("nsted", &keys), Some("nested"));
        assert_eq!(closest("MAX", &keys), Some("max"));
        assert_eq!(closest("maximum_items", &keys), None);
        assert_eq!(closest("minimum", &keys), Some("min"));
        assert_eq!(closest("nest", &keys), Some("nested"));
        assert_eq!(closest("len", &["length", "max_length"]), Some("length"));
        assert_eq!(closest("mi", &keys), Some("min"));
        assert_eq!(closest("qq", &keys), None);
        assert_eq!(closest("ab", &["auth"]), None);
        assert_eq!(closest("x", &["max"]), None);
        assert_eq!(closest("PUT", &["GET", "POST"]), None);
        assert_eq!(closest("min_lenght", &["min_length"]), Some("min_length"));
        assert_eq!(closest("mxa_itmes", &["max_items"]), Some("max_items"));
    }

    #[test]
    fn spec_names_match_whatever_their_case() {
        let types = ["string", "integer", "number", "boolean", "object", "json"];
        assert_eq!(closest("Sting", &types), Some("string"));
        assert_eq!(closest("Boolean", &types), Some("boolean"));
        assert_eq!(closest("zzzzzz", &types), None);
    }
}
