//! Any text: the annotators never panic, and every span they give lies inside
//! the text on char boundaries.

use parallax_annotate::{annotate_quotes, annotate_times};
use parallax_core::{PartialDate, TextRange};
use proptest::prelude::*;

fn valid(text: &str, range: TextRange) -> bool {
    let (start, end) = (range.start() as usize, range.end() as usize);
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn spans_stay_in_the_text(text in "[\\p{L}\\p{N}\\p{Z} ,.;:!?\"“”'’()\\n-]{0,300}", day in 1u8..=28) {
        let anchor = PartialDate::ymd(2022, 7, day);
        for mention in annotate_times(&text, anchor) {
            prop_assert!(valid(&text, mention.range));
        }
        for quote in annotate_quotes(&text) {
            prop_assert!(valid(&text, quote.content) && valid(&text, quote.cue));
            prop_assert!(quote.source.is_none_or(|s| valid(&text, s)));
        }
    }

    #[test]
    fn news_like_sentences(words in proptest::collection::vec(prop_oneof![
        Just("said"), Just("According to"), Just("the minister"), Just("\u{a0}"), Just("“"), Just("”"), Just("\""),
        Just(","), Just("."), Just("Mr."), Just("on Wednesday"), Just("last week"), Just("July 13"), Just("he"),
        Just("claimed"), Just("Kim Jong Un"), Just("the previous day"), Just("2014"), Just("\n"),
    ], 0..40)) {
        let text = words.join(" ");
        for quote in annotate_quotes(&text) {
            prop_assert!(valid(&text, quote.content) && valid(&text, quote.cue));
        }
        for mention in annotate_times(&text, PartialDate::ymd(2022, 7, 14)) {
            prop_assert!(valid(&text, mention.range));
        }
    }
}
