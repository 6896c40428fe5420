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

/// The spans among `spans` that overlap `start..end`. `spans` must be in text order
/// and not overlap each other (what [`leftmost_longest`] returns), so that both their
/// starts and ends ascend: two binary searches, not a scan, whatever the text's size.
pub fn overlapping<T>(spans: &[T], bounds: impl Fn(&T) -> (usize, usize), start: usize, end: usize) -> &[T] {
    let first = spans.partition_point(|s| bounds(s).1 <= start);
    let stop = spans.partition_point(|s| bounds(s).0 < end).max(first);
    &spans[first..stop]
}

#[cfg(test)]
mod tests {
    use super::{leftmost_longest, overlapping};

    #[test]
    fn overlapping_finds_the_spans_across_a_range() {
        let spans = [(0, 3), (4, 6), (8, 12), (15, 20)];
        let b = |s: &(usize, usize)| *s;
        assert_eq!(overlapping(&spans, b, 5, 9), [(4, 6), (8, 12)]);
        assert_eq!(overlapping(&spans, b, 6, 8), []);
        assert_eq!(overlapping(&spans, b, 0, 100).len(), 4);
        assert_eq!(overlapping(&spans, b, 13, 14), []);
    }

    #[test]
    fn leftmost_then_longest_then_first_listed() {
        let spans =
            vec![(4, 9, 0, "b"), (0, 5, 1, "a-long"), (0, 3, 0, "a-short"), (6, 9, 1, "c"), (6, 9, 0, "c-first")];
        assert_eq!(leftmost_longest(spans), ["a-long", "c-first"]);
    }
}
