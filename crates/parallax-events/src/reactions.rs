//! Reactions: a speaker's own words appraising, as good, what another has
//! just done for them are praise of the doer (CAMEO 051).
//!
//! News reports a decision and then the beneficiary's reaction: "North
//! Korea recognised the republic. 'This is another diplomatic victory for
//! us,' its leader said." No verb says "praise", yet an analyst codes the
//! leader endorsing North Korea. The rule is narrow: the speaker's words
//! (direct or reported speech, not an attitude) hold an appraisal from
//! [`APPRAISALS`], not negated; a cooperative act (CAMEO roots 01-08) is
//! reported as done in the same sentence or the three before; the speaker,
//! or the state the speaker belongs to, is among its targets; and the
//! speaker is not among its doers; the words before the appraisal name no
//! one else (else they say whom they appraise). An announcement without
//! appraisal ("his message said North Korea has recognised the republic")
//! is no praise.

use parallax_core::{Annotations, Event, Modality, Participant, TextRange};

/// Words that appraise an outcome as good for the speaker. Lower case;
/// matched as whole words.
pub(crate) const APPRAISALS: &[&str] = &[
    "victory",
    "triumph",
    "historic",
    "milestone",
    "breakthrough",
    "landmark",
    "grateful",
    "gratitude",
    "thankful",
    "thank",
    "thanks",
    "welcome",
    "welcomes",
    "great support",
    "good news",
    "important step",
    "significant step",
    "important decision",
    "courageous decision",
    "wise decision",
    "appreciate",
    "appreciated",
];

/// Words that turn an appraisal round when just before it.
const NEGATIONS: &[&str] = &["not", "no", "never", "hardly", "nor", "without"];

/// Sentences before the reaction's own in which the act may be told.
const WINDOW: usize = 3;

/// Where the first appraisal in `content` lies (absolute bytes), if any is
/// there and not negated by one of the two words before it.
pub(crate) fn appraisal(text: &str, content: TextRange) -> Option<(usize, usize)> {
    let (c0, c1) = (content.start() as usize, content.end() as usize);
    let words = text.get(c0..c1)?;
    let lower = words.to_lowercase();
    // Lower-casing may change byte lengths outside ASCII: only read
    // positions when it did not.
    if lower.len() != words.len() {
        return None;
    }
    let bytes = lower.as_bytes();
    let starts_word = |a: usize| a == 0 || !bytes[a - 1].is_ascii_alphanumeric();
    let ends_word = |b: usize| b >= bytes.len() || !bytes[b].is_ascii_alphanumeric();
    let mut best: Option<(usize, usize)> = None;
    for term in APPRAISALS {
        let mut from = 0;
        while let Some(found) = lower[from..].find(term) {
            let (a, b) = (from + found, from + found + term.len());
            from = b;
            if !starts_word(a) || !ends_word(b) {
                continue;
            }
            let before: Vec<&str> = lower[..a]
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty())
                .rev()
                .take(2)
                .collect();
            if before
                .iter()
                .any(|w| NEGATIONS.contains(w) || w.ends_with("n't"))
            {
                continue;
            }
            if best.is_none_or(|(x, _)| a < x) {
                best = Some((a, b));
            }
        }
    }
    best.map(|(a, b)| (c0 + a, c0 + b))
}

/// The index of the sentence holding byte `at` (sentences are in text
/// order).
fn sentence_of(annotations: &Annotations, at: usize) -> Option<usize> {
    let i = annotations
        .sentences
        .partition_point(|s| (s.end() as usize) <= at);
    annotations
        .sentences
        .get(i)
        .is_some_and(|s| s.start() as usize <= at)
        .then_some(i)
}

/// A reaction of a quote's speaker, built on `act` (the act it appraises):
/// the speaker as actor, the act's doers as targets, the appraisal as
/// trigger, in the sentence that holds it.
pub(crate) struct Reaction {
    /// The speaker, as written (the source, else the appraisal).
    pub actor: Participant,
    /// The act's doers.
    pub targets: Vec<Participant>,
    /// The appraising words.
    pub trigger: TextRange,
    /// Its sentence.
    pub sentence: TextRange,
}

/// Every reaction the quotes of one article make to the acts in `events`.
pub(crate) fn reactions(text: &str, annotations: &Annotations, events: &[Event]) -> Vec<Reaction> {
    let mut out: Vec<Reaction> = Vec::new();
    for q in annotations.quotes.iter().filter(|q| q.kind.is_speech()) {
        let Some(speaker) = q.speaker else { continue };
        let Some(who) = annotations.entities.get(speaker) else {
            continue;
        };
        let Some((a, b)) = appraisal(text, q.content) else {
            continue;
        };
        let Some(here) = sentence_of(annotations, a) else {
            continue;
        };
        let window = annotations.sentences[here.saturating_sub(WINDOW)].start() as usize;
        // The speaker, or the state the speaker belongs to.
        let speakers_side = |entity: usize| {
            entity == speaker
                || who
                    .country
                    .as_deref()
                    .is_some_and(|c| annotations.entities.get(entity).is_some_and(|e| e.id == c))
        };
        let is_speaker = |p: &Participant| speakers_side(p.entity);
        // The nearest act before the appraisal done for the speaker's side.
        let act = events
            .iter()
            .filter(|e| {
                let t = e.trigger.start() as usize;
                t >= window && (e.trigger.end() as usize) <= a
            })
            .filter(|e| {
                e.modality == Modality::Asserted
                    && e.cameo.get(..2).is_some_and(|r| ("01"..="08").contains(&r))
            })
            .filter(|e| e.targets.iter().any(is_speaker) && !e.actors.iter().any(is_speaker))
            .max_by_key(|e| e.trigger.start());
        let Some(act) = act else { continue };
        // "Obama said he is determined to stop Iran, and I appreciate
        // that": the quote names whom it appraises, and it is not the act's
        // doer. Only words about no one else, or about the doer, react to
        // the act.
        let before = TextRange::from_usize(q.content.start() as usize, a);
        let names_another = crate::starting_in(&annotations.mentions, before, |m| m.range.start())
            .iter()
            .any(|m| {
                m.range.end() as usize <= a
                    && !speakers_side(m.entity)
                    && !act.actors.iter().any(|x| x.entity == m.entity)
            });
        if names_another {
            continue;
        }
        let trigger = TextRange::from_usize(a, b);
        if out.iter().any(|r| r.trigger == trigger) {
            continue;
        }
        out.push(Reaction {
            actor: Participant {
                entity: speaker,
                range: q.source.unwrap_or(trigger),
            },
            targets: act.actors.clone(),
            trigger,
            sentence: annotations.sentences[here],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Option<&str> {
        appraisal(text, TextRange::from_usize(0, text.len())).map(|(a, b)| &text[a..b])
    }

    #[test]
    fn appraisals_are_whole_words_and_not_negated() {
        assert_eq!(
            found("This is another diplomatic victory for us"),
            Some("victory")
        );
        assert_eq!(found("a historic day"), Some("historic"));
        assert_eq!(found("This is not a victory"), None);
        assert_eq!(found("it isn't a victory"), None);
        assert_eq!(found("the victorious army"), None);
        assert_eq!(found("the Republic has recognised us"), None);
        assert_eq!(found("We thank our friends"), Some("thank"));
    }
}
