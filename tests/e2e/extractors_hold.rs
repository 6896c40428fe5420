//! Property tests: every extractor, on any text, returns without panicking and with
//! offsets that hold (`text[start:end]` in code points equals the mention's text).
//! Texts are drawn from news-like words, numbers, signs and non-ASCII letters, so that
//! the rule grammars are exercised at odd boundaries, not only on random bytes.

use gleaner::Rules;
use gleaner::extract::extractors;
use gleaner::record::Record;
use proptest::prelude::*;

/// Pieces texts are made of: words the rules know, numbers, signs, non-ASCII letters.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("more than".to_string()),
        Just("47 cities".to_string()),
        Just("$4.69 billion".to_string()),
        Just("forty-seven".to_string()),
        Just("Norwegian Embassy in China".to_string()),
        Just("Sino-".to_string()),
        Just("industries such as".to_string()),
        Just("wine,".to_string()),
        Just("and".to_string()),
        Just("Côte d’Ivoire".to_string()),
        Just("中国".to_string()),
        Just("US$".to_string()),
        Just("(WHO)".to_string()),
        Just("'s".to_string()),
        Just("10-15".to_string()),
        Just("%".to_string()),
        Just("\n\n".to_string()),
        "[A-Za-z]{1,8}",
        "[0-9]{1,5}([.,][0-9]{1,3})?",
        "[\\p{L}\\p{N}\\p{P}\\p{S} ]{1,6}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.join(" "))
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end.saturating_sub(start)).collect()
}

proptest! {
    // 300 cases in the suite; PROPTEST_CASES=N for a longer run by hand.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(300)
    ))]

    #[test]
    fn extractors_never_panic_and_offsets_hold(text in text()) {
        let rules = Rules::embedded();
        let mut record = Record { text: text.clone(), ..Record::default() };
        for extractor in extractors(&rules) {
            extractor.extract(&mut record);
        }
        for c in &record.counts {
            prop_assert_eq!(slice(&text, c.start, c.end), c.text.clone());
        }
        let mentions = record.countries.iter().flat_map(|c| &c.mentions)
            .chain(record.regions.iter().flat_map(|r| &r.mentions))
            .chain(record.organizations.iter().flat_map(|o| &o.mentions))
            .chain(record.industries.iter().flat_map(|i| &i.mentions));
        for m in mentions {
            prop_assert_eq!(slice(&text, m.start, m.end), m.text.clone());
        }
    }
}

/// Texts that repeat one construction many times: an extractor whose work grows with
/// the square of the text would take minutes here (the suite would show it), a linear
/// one takes milliseconds. Each must also keep its offsets.
#[test]
fn repetitive_hostile_texts_are_read_in_one_pass() {
    let rules = Rules::embedded();
    let extractors = extractors(&rules);
    let texts = [
        "Alpha Beta and ".repeat(20_000),
        "Ministry of ".to_string() + &"Alpha of ".repeat(20_000),
        "industries such as wine, ".repeat(10_000),
        "The World Health Organization (WHO) said WHO ".repeat(5_000),
        "more than 3,300 projects and forty-seven delegates up to $4.69 billion ".repeat(3_000),
        "Norwegian wine industry and China steel companies, Sino-Norway Center for Research. ".repeat(3_000),
    ];
    for text in texts {
        let mut record = Record { text: text.clone(), ..Record::default() };
        for extractor in &extractors {
            extractor.extract(&mut record);
        }
        let last = record.organizations.iter().flat_map(|o| &o.mentions).last();
        if let Some(m) = last {
            assert_eq!(slice(&text, m.start, m.end), m.text);
        }
    }
}
