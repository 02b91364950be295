//! Any text: the annotators never panic, and every span they give lies inside
//! the text on char boundaries.

use parallax_annotate::{AnnotateContext, AnnotateOptions, annotate_quotes, annotate_times};
use parallax_core::{PartialDate, TextRange};
use proptest::prelude::*;

fn valid(text: &str, range: TextRange) -> bool {
    let (start, end) = (range.start() as usize, range.end() as usize);
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

/// Mentions lie in the text, in order, and point at entities that exist;
/// conflicts and speakers point at mentions and entities that exist.
fn entities_are_consistent(text: &str, date: Option<PartialDate>) -> Result<(), TestCaseError> {
    let found = AnnotateOptions::default()
        .build()
        .annotate(text, &AnnotateContext { date });
    for pair in found.mentions.windows(2) {
        prop_assert!(pair[0].range.start() <= pair[1].range.start());
    }
    for mention in &found.mentions {
        prop_assert!(valid(text, mention.range));
        prop_assert!(mention.entity < found.entities.len());
    }
    for entity in &found.entities {
        prop_assert!(
            entity
                .gender_conflicts
                .iter()
                .all(|&i| i < found.mentions.len())
        );
    }
    for quote in &found.quotes {
        prop_assert!(quote.speaker.is_none_or(|s| s < found.entities.len()));
    }
    Ok(())
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
        entities_are_consistent(&text, anchor)?;
    }

    #[test]
    fn news_like_sentences(words in proptest::collection::vec(prop_oneof![
        Just("said"), Just("According to"), Just("the minister"), Just("\u{a0}"), Just("“"), Just("”"), Just("\""),
        Just(","), Just("."), Just("Mr."), Just("on Wednesday"), Just("last week"), Just("July 13"), Just("he"),
        Just("claimed"), Just("Kim Jong Un"), Just("North Korea's"), Just("Foreign Minister"), Just("she"),
        Just("Pyongyang"), Just("Kiev"), Just("Lugansk People's Republics"), Just("ambassador to"), Just("Sin Hong-chol"),
        Just("which"), Just("It"), Just("the North"), Just("Ukraine’s"), Just("Putin"), Just("the previous day"), Just("2014"), Just("\n"),
    ], 0..40)) {
        let text = words.join(" ");
        entities_are_consistent(&text, PartialDate::ymd(2022, 7, 14))?;
        for quote in annotate_quotes(&text) {
            prop_assert!(valid(&text, quote.content) && valid(&text, quote.cue));
        }
        for mention in annotate_times(&text, PartialDate::ymd(2022, 7, 14)) {
            prop_assert!(valid(&text, mention.range));
        }
    }
}

#[test]
fn extra_actors_with_odd_names_never_split_a_character() {
    // A user's actor dictionary may hold empty or odd names.
    let annotator = AnnotateOptions {
        extra_actors: vec![
            (String::new(), "XXX".into()),
            ("   ".into(), "YYY".into()),
            ("Arnor".into(), "ARN".into()),
            ("’s".into(), "APO".into()),
        ],
        ..Default::default()
    }
    .build();
    let text = "Arnor’s envoy met the two nations’ leaders in Gondor — «déjà vu» 北朝鮮.";
    let found = annotator.annotate(text, &AnnotateContext { date: None });
    assert!(found.entities.iter().any(|e| e.id == "ARN"));
    assert!(found.mentions.iter().all(|m| valid(text, m.range)));
}
