//! Any text: the language layer and the event coder never panic, and every
//! event points inside the text at entities that exist, with an actor (or,
//! for a passive without its agent, a target).

use parallax_annotate::{AnnotateContext, AnnotateOptions};
use parallax_core::{PartialDate, TextRange};
use parallax_events::EventOptions;
use proptest::prelude::*;

static CODER: std::sync::LazyLock<parallax_events::Coder> =
    std::sync::LazyLock::new(|| EventOptions::default().build());

fn valid(text: &str, range: TextRange) -> bool {
    let (start, end) = (range.start() as usize, range.end() as usize);
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn events_point_into_the_text(words in proptest::collection::vec(prop_oneof![
        Just("North Korea"), Just("recognized"), Just("Ukraine"), Just("severed ties with"), Just("was"),
        Just("by"), Just("Russia and Syria"), Just("İstanbul"), Just("of southern"), Just("condemnation of"),
        Just("’s"), Just("will"), Just("not"), Just("on Wednesday"), Just("."), Just(","), Just("“"), Just("”"),
        Just("the Ministry of Foreign Affairs of"), Just("to recognise"), Just("ÄÖÜ"), Just("\n"), Just("said"),
    ], 0..40)) {
        let text = words.join(" ");
        let day = PartialDate::ymd(2022, 7, 14);
        let annotations = AnnotateOptions::default().build().annotate(&text, &AnnotateContext { date: day });
        for event in CODER.code(&text, &annotations, day) {
            prop_assert!(valid(&text, event.trigger) && valid(&text, event.sentence));
            // An actor, or for an agentless passive, a target.
            prop_assert!(!event.actors.is_empty() || !event.targets.is_empty());
            for p in event.actors.iter().chain(&event.targets) {
                prop_assert!(p.entity < annotations.entities.len());
                prop_assert!(valid(&text, p.range));
            }
        }
    }
}
