//! The shipped attribution tagger inside the annotator: what it adds to the
//! rules' quotes, and how an attitude differs from reported words. The
//! sentences are invented.

use parallax_annotate::{AnnotateOptions, attribution};
use parallax_core::QuoteKind;

#[test]
fn the_shipped_model_reads() {
    assert!(
        attribution::shipped().is_some(),
        "data/attribution.model must read back"
    );
}

#[test]
fn a_belief_the_rules_miss_is_added_as_an_attitude() {
    let text = "Local farmers worry that the drought will last another year.";
    let rules = parallax_annotate::annotate_quotes(text);
    assert!(
        rules.is_empty(),
        "the rules hold no belief verbs: {rules:?}"
    );
    let quotes = AnnotateOptions::default().build().quotes(text);
    let q = quotes.first().expect("the tagger finds the attribution");
    assert_eq!(q.rule, "learned-attribution");
    assert_eq!(q.kind, QuoteKind::Attitude);
    assert!(q.source.expect("a source").slice(text).contains("farmers"));
    assert_eq!(q.cue.slice(text), "worry");
    assert!(q.content.slice(text).contains("the drought will last"));
}

#[test]
fn rules_only_keeps_the_rules_quotes() {
    let text = "Local farmers worry that the drought will last another year. \
                The mayor said on Monday that the work had stopped.";
    let options = AnnotateOptions {
        rules_only_quotes: true,
        ..Default::default()
    };
    let quotes = options.build().quotes(text);
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].cue.slice(text), "said");
    // With the tagger, the rule's quote is still there beside the belief.
    let both = AnnotateOptions::default().build().quotes(text);
    assert!(
        both.iter()
            .any(|q| q.cue.slice(text) == "said" && q.kind == QuoteKind::Indirect)
    );
    assert!(both.iter().any(|q| q.kind == QuoteKind::Attitude));
}
