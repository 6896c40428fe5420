//! Choosing among overlapping matches: the leftmost, then the longest, then the one
//! listed first in its rule file. Gazetteer extractors find every match (Aho-Corasick
//! overlapping search, so a failed word-boundary check on a long match cannot hide a
//! good shorter one), then keep this selection.

/// Spans as (start, end, priority, item); returns the chosen items in text order,
/// none overlapping. A lower priority wins a tie of equal spans.
pub fn leftmost_longest<T>(mut spans: Vec<(usize, usize, usize, T)>) -> Vec<T> {
    spans.sort_by_key(|&(start, end, priority, _)| (start, std::cmp::Reverse(end), priority));
    let mut chosen = Vec::new();
    let mut taken_to = 0;
    for (start, end, _, item) in spans {
        if chosen.is_empty() || start >= taken_to {
            chosen.push(item);
            taken_to = end;
        }
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::leftmost_longest;

    #[test]
    fn leftmost_then_longest_then_first_listed() {
        let spans =
            vec![(4, 9, 0, "b"), (0, 5, 1, "a-long"), (0, 3, 0, "a-short"), (6, 9, 1, "c"), (6, 9, 0, "c-first")];
        assert_eq!(leftmost_longest(spans), ["a-long", "c-first"]);
    }
}
