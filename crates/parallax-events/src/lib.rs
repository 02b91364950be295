//! Event coding: annotated articles → who did what to whom, when, in PLOVER
//! and CAMEO terms, each event pointing at its sentence and trigger.
//!
//! The verb and noun patterns (`data/verbs.txt`) and the CAMEO-to-PLOVER
//! table (`data/codes.txt`) are data written for parallax. Actors and
//! targets come from the entity mentions of the language layer; the date
//! from the sentence's time expression, else the article's date (marked as
//! inferred).
//!
//! ```
//! use parallax_core::{Annotations, Entity, EntityKind, EntityMention, MentionForm, TextRange};
//! use parallax_events::EventOptions;
//! let text = "North Korea recognized the Donetsk People's Republic.";
//! let entity = |id: &str, kind| Entity {
//!     id: id.into(), name: id.into(), kind, country: None, gender: None, role: None,
//!     gender_conflicts: vec![],
//! };
//! let mention = |start, end, entity| EntityMention {
//!     range: TextRange::from_usize(start, end), entity, form: MentionForm::Name,
//!     sector: None, gender: None, rule: "test",
//! };
//! let annotations = Annotations {
//!     sentences: vec![TextRange::from_usize(0, text.len())],
//!     entities: vec![entity("PRK", EntityKind::State), entity("DPR", EntityKind::Territory)],
//!     mentions: vec![mention(0, 11, 0), mention(27, 52, 1)],
//!     ..Annotations::default()
//! };
//! let events = EventOptions::default().build().code(text, &annotations, None);
//! assert_eq!(events[0].cameo, "054");
//! assert_eq!(annotations.entities[events[0].actors[0].entity].id, "PRK");
//! ```

mod dictionary;
mod patterns;
mod reactions;

pub use dictionary::VerbDictionary;
pub use patterns::cameo_label;

use parallax_core::{
    Annotations, DateInterval, EntityKind, EntityMention, Event, MentionForm, Modality,
    PartialDate, Participant, TextRange,
};
use regex::Regex;

use patterns::{Pattern, load_patterns};

/// Settings of the event coder.
#[derive(Debug, Clone)]
pub struct EventOptions {
    /// Verb dictionaries in the PETRARCH/TABARI format, read at run time
    /// ([`VerbDictionary::parse`]); their patterns compete with parallax's
    /// own, the longest match first.
    pub dictionaries: Vec<VerbDictionary>,
    /// Whether parallax's own patterns (`data/verbs.txt`) code too; `false`
    /// codes with the dictionaries alone.
    pub builtin: bool,
}

impl Default for EventOptions {
    fn default() -> EventOptions {
        EventOptions {
            dictionaries: Vec::new(),
            builtin: true,
        }
    }
}

impl EventOptions {
    /// Compiles the patterns.
    pub fn build(self) -> Coder {
        let mut patterns = if self.builtin {
            load_patterns()
        } else {
            Vec::new()
        };
        let always = patterns.len();
        // A dictionary pattern is tried only in sentences holding one of its
        // verb forms: an Aho-Corasick pass finds them.
        let mut forms: Vec<String> = Vec::new();
        let mut form_patterns: Vec<Vec<usize>> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = Default::default();
        for dictionary in &self.dictionaries {
            for (pattern, verbs) in dictionary.patterns() {
                let at = patterns.len();
                patterns.push(pattern);
                for verb in verbs {
                    let slot = *index.entry(verb.clone()).or_insert_with(|| {
                        forms.push(verb);
                        form_patterns.push(Vec::new());
                        form_patterns.len() - 1
                    });
                    form_patterns[slot].push(at);
                }
            }
        }
        let prefilter = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&forms)
            .ok()
            .map(|ac| (ac, form_patterns));
        Coder {
            patterns,
            always,
            prefilter,
            negation: Regex::new(r#"(?i)(?:\b(?:not|never|no longer|n't|refused to|declined to|failed to|did not|has not|have not)\s+(?:\w+\s+){0,2}|\bno (?:right|business|basis)\b[^.]{0,40}?\bto\s+)$"#)
                .expect("valid regex"),
            intent: Regex::new(r"(?i)\b(?:will|shall|would|plans? to|planning to|intends? to|intending to|considering|considers|consider|ready to|prepared to|willing to|agreed to|agrees to|offered to|offers to|expected to|(?:desire|willingness|readiness|intention|wish) to|must|should|ought to|is to|are to|wants? to|seeks? to|seeking to|hopes? to|aims? to|going to|vowed to|pledged to|promised to|threatened to|might|may|could)\s+(?:\w+\s+){0,3}$")
                .expect("valid regex"),
            declared: Regex::new(r"(?i)\b(?:announced|declared|decided|stated)\b(?:\s+\S+){0,6}?\s+that\s+(?:\S+\s+){1,3}?would\s+(?:\w+\s+){0,2}$")
                .expect("valid regex"),
            request: Regex::new(concat!(
                r"(?i)(?:\b(?P<ask>urg(?:e|es|ed|ing)|call(?:s|ed|ing)? (?:on|upon)|demand(?:s|ed|ing)?|ask(?:s|ed|ing)?|appeal(?:s|ed|ing)? to|press(?:es|ed|ing)?|pressur(?:e|es|ed|ing)|request(?:s|ed|ing)?|implor(?:e|es|ed|ing)|remind(?:s|ed|ing)?|reminder)\b(?:\s+[^\s]+){0,8}?\s+(?:to|that)",
                r"|\b(?P<tell>tell|tells|telling|told)\b(?:\s+[^\s]+){0,6}?\s+to",
                r"|\b(?P<say>said|says|declared|announced|insisted|concluded|warned|stressed|reminder|reminded|told)\s+(?:[^\s]+\s+){0,10}?(?:must|should)",
                r")\s+(?:[^\s]+\s+){0,3}$"
            ))
            .expect("valid regex"),
            hypothetical: Regex::new(r"(?i)(?:^|\b)(?:if|unless|whether)\b").expect("valid regex"),
            passive: Regex::new(r"(?i)\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$")
                .expect("valid regex"),
            hedge: Regex::new(r"(?i)\b(?:might|may|could)\s+(?:\w+\s+){0,3}$").expect("valid regex"),
            modal: vec![
                (
                    Regex::new(r"(?i)\bmust\b").expect("valid regex"),
                    (parallax_core::EventType::Request, None, "100", "said-that-X-must"),
                ),
                (
                    Regex::new(r"(?i)\b(?:was|is|were|are|has been|have been)\s+(?:attempting|trying|seeking|working|plotting|scheming)\s+to\s+[“\x22]?(?:undermine|destroy|violate|interfere|subvert|destabili[sz]e|sabotage|weaken|split|divide)")
                        .expect("valid regex"),
                    (parallax_core::EventType::Accuse, Some("disapprove"), "112", "said-that-X-is-trying-to-harm"),
                ),
                (
                    Regex::new(r#"(?i)\b(?:has|have|had)\s+["“']?no (?:right|business|basis|legitimacy)\b"#).expect("valid regex"),
                    (parallax_core::EventType::Reject, None, "120", "said-that-X-has-no-right"),
                ),
            ],
            speech: Regex::new(r"(?i)\b(?:said|says|declared|insisted|concluded|stressed|warned|reminded|told|issued|demanded|urged|reiterated|announced|added|argued|repeated)\b")
                .expect("valid regex"),
        }
    }
}

/// The event coder, ready to run.
pub struct Coder {
    patterns: Vec<Pattern>,
    /// The first `always` patterns are tried in every sentence; the others
    /// (from dictionaries) where the prefilter finds one of their verbs.
    always: usize,
    prefilter: Option<(aho_corasick::AhoCorasick, Vec<Vec<usize>>)>,
    negation: Regex,
    intent: Regex,
    /// "announced (back in 2014) that it would": a declaration in the past
    /// of what the speaker does by declaring it.
    declared: Regex,
    /// "urged X to", "demanded that X", "said X must": the act is asked for.
    request: Regex,
    hypothetical: Regex,
    passive: Regex,
    hedge: Regex,
    /// Constructions that report a demand or a rejection by the speaker on
    /// the one named just before them: "X said Y must ...", "Y has no right
    /// to ...".
    modal: Vec<(Regex, ModalCode)>,
    speech: Regex,
}

/// "followed suit", "did the same": the event told just before, again.
static ELLIPSIS: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:followed suit|follow suit|follows suit|did (?:so|the same|likewise|as well)|(?:has|have) done (?:so|the same|likewise))\b")
        .expect("valid regex")
});

/// Words that open a noun phrase: a verb form right after one is a noun
/// ("the demands"), and a verb with one right after it has an object
/// ("demonstrated a lack of").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "of", "these", "those", "this", "that",
    "any", "no",
];

/// Verbs of the patterns that are as often nouns: "support", "rally",
/// "attack", "cut", ... (their -s forms too).
const NOUN_VERBS: &[&str] = &[
    "support", "rally", "rallie", "attack", "cut", "shoot", "abuse", "bargain", "protest", "visit",
    "release", "demand", "call", "offer", "appeal", "aid", "host", "block", "fire", "strike",
    "ban", "march", "marche", "raid", "storm", "bomb", "shell", "probe", "charge", "pressure",
    "boycott", "return", "order", "blast", "threat", "plan", "deal", "walk", "sanction", "veto",
    "vetoe", "purge", "clash", "clashe", "hold", "press", "request", "pledge", "vow", "promise",
    "welcome", "praise", "warning", "rebuff", "push",
];

/// Words after which a verb can stand: pronouns, "to", modals, auxiliaries.
const VERBAL_CONTEXT: &[&str] = &[
    "i",
    "we",
    "you",
    "he",
    "she",
    "it",
    "they",
    "who",
    "which",
    "that",
    "to",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "not",
    "never",
    "also",
    "did",
    "does",
    "do",
    "has",
    "have",
    "had",
    "and",
    "or",
    "then",
    "both",
    "jointly",
    "again",
    "repeatedly",
    "publicly",
    "today",
    "yesterday",
    "n't",
];

/// A verb of speech that opens a reported clause.
static SPEECH_VERB: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"\b(?:said|says|told|stated|declared|announced|insisted|argued|claimed|added|stressed)\b(?:\s+that\b)?")
        .expect("valid regex")
});

/// ", which ... ," and ", who ... ,": a relative clause; ", a separatist
/// region in Georgia where ... ,": an appositive.
static RELATIVE_CLAUSE: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r",\s*(?:which|who|whose|that|where|when|a|an|the|another|one of)\b[^,]{1,160},")
        .expect("valid regex")
});

/// "are the only states that", "is one of the few countries that": a
/// predicate noun and a relative "that" at the end of the words before a
/// verb.
static PREDICATE_THAT: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:is|are|was|were|remains?|remained|became|becomes?)\s+(?:the|one of the|among the|one of only|the only)\s+(?:[\w-]+\s+){0,3}that\s*$")
        .expect("valid regex")
});

/// PLOVER type, mode, CAMEO code and rule name of a modal construction.
type ModalCode = (
    parallax_core::EventType,
    Option<&'static str>,
    &'static str,
    &'static str,
);

/// Events dated more than this many days before the article are background.
const BACKGROUND_DAYS: i64 = 45;

/// Words that, just before a mention, show it is not the actor: it is a place
/// or a complement ("in Moscow", "with Russia").
const PREPOSITIONS: &[&str] = &[
    "of",
    "to",
    "with",
    "from",
    "in",
    "at",
    "on",
    "by",
    "for",
    "against",
    "between",
    "into",
    "toward",
    "towards",
    "over",
    "about",
    "than",
    "like",
    "including",
];

impl Coder {
    /// The indexes of the patterns to try on `body`, in file order.
    fn candidates(&self, body: &str) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.always).collect();
        if let Some((ac, form_patterns)) = &self.prefilter {
            let mut extra: Vec<usize> = ac
                .find_overlapping_iter(body)
                .flat_map(|m| form_patterns[m.pattern().as_usize()].iter().copied())
                .collect();
            extra.sort_unstable();
            extra.dedup();
            out.extend(extra);
        }
        out
    }

    /// The code (with its PLOVER reading) of a CAMEO code the patterns use.
    fn code_for(&self, cameo: &str) -> Option<patterns::Code> {
        self.patterns
            .iter()
            .find(|p| p.code.cameo == cameo)
            .map(|p| p.code)
    }

    /// The CAMEO codes the patterns can give.
    pub fn cameo_codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.patterns.iter().map(|p| p.code.cameo).chain(["100"])
    }

    /// Codes the events of one annotated text. `date` is the article's date.
    pub fn code(
        &self,
        text: &str,
        annotations: &Annotations,
        date: Option<PartialDate>,
    ) -> Vec<Event> {
        let mut events = Vec::new();
        for &sentence in &annotations.sentences {
            let (s0, s1) = (sentence.start() as usize, sentence.end() as usize);
            let Some(body) = text.get(s0..s1) else {
                continue;
            };
            // "Denver (AP) -": a credit or gloss in parentheses does not act.
            let in_sentence = |m: &&EntityMention| {
                let (a, b) = (m.range.start() as usize, m.range.end() as usize);
                a >= s0 && b <= s1 && !(text[..a].ends_with('(') && text[b..].starts_with(')'))
            };
            // Mentions are in text order: only this sentence's are read.
            let here = starting_in(&annotations.mentions, sentence, |m| m.range.start());
            let mentions: Vec<&EntityMention> = here
                .iter()
                .filter(in_sentence)
                .filter(|m| is_actor(annotations, m))
                .collect();
            // Visits go to places: "arrived in Amman" targets Jordan.
            let with_places: Vec<&EntityMention> = here
                .iter()
                .filter(in_sentence)
                .filter(|m| is_actor(annotations, m) || m.form == MentionForm::Place)
                .collect();
            // A region can be recognised ("recognised Russia-annexed
            // Crimea"), though it never acts; "in Crimea" is only a place.
            let recognisable: Vec<&EntityMention> = with_places
                .iter()
                .copied()
                .filter(|m| {
                    m.form != MentionForm::Place
                        || !matches!(
                            word_before(text, m.range.start() as usize).as_str(),
                            "in" | "at"
                                | "from"
                                | "near"
                                | "into"
                                | "across"
                                | "around"
                                | "outside"
                                | "inside"
                                | "to"
                                | "through"
                                | "via"
                                | "over"
                        )
                })
                .collect();
            if mentions.is_empty() {
                continue;
            }
            let first_of_sentence = events.len();
            let mut taken: Vec<(usize, usize)> = Vec::new();
            // Every pattern's matches, the longest first (then in the order
            // of the file): "lift sanctions" is an easing, not "sanctions".
            // Each match: its span and where its verb starts (a dictionary
            // pattern may hold words before the verb: "NEITHER * [081]" in
            // "Neither X nor Y boycotted"; the actor is looked for before
            // the verb).
            let mut found: Vec<(&Pattern, usize, usize, usize)> = self
                .candidates(body)
                .into_iter()
                .map(|i| &self.patterns[i])
                .flat_map(|pattern| {
                    pattern.regex.captures_iter(body).filter_map(move |c| {
                        let m = c.get(0)?;
                        let verb = c.name("verb").map_or(m.start(), |v| v.start());
                        Some((pattern, s0 + m.start(), s0 + m.end(), s0 + verb))
                    })
                })
                .collect();
            found.sort_by_key(|&(_, t0, t1, _)| std::cmp::Reverse(t1 - t0));
            for (pattern, start, t1, t0) in found {
                if taken.iter().any(|&(a, b)| a < t1 && start < b) {
                    continue;
                }
                let pool = match pattern.code.cameo {
                    "042" | "043" => &with_places,
                    "054" => &recognisable,
                    _ => &mentions,
                };
                let Some(mut event) =
                    self.event(text, annotations, sentence, pool, pattern, (t0, t1), date)
                else {
                    continue;
                };
                event.trigger = TextRange::from_usize(start, t1);
                taken.push((start, t1));
                if pattern.compound && event.actors.len() >= 2 {
                    // "The Philippines and France agree": each with the
                    // others.
                    for (i, actor) in event.actors.iter().enumerate() {
                        let mut one = event.clone();
                        one.actors = vec![actor.clone()];
                        one.targets = event
                            .actors
                            .iter()
                            .enumerate()
                            .filter(|&(j, _)| j != i)
                            .map(|(_, p)| p.clone())
                            .collect();
                        events.push(one);
                    }
                } else {
                    events.push(event);
                }
            }
            if let Some(event) =
                self.must_demand(text, annotations, sentence, &mentions, &taken, date)
            {
                events.push(event);
            }
            self.ellipsis(text, annotations, sentence, &mentions, date, &mut events);
            shared_subject(text, &mut events[first_of_sentence..]);
        }
        self.reactions(text, annotations, date, &mut events);
        events.sort_by_key(|e| (e.trigger.start(), e.trigger.end()));
        narrative_dates(text, annotations, date, &mut events);
        events
    }

    /// Praise a speaker's own words give the doer of an act done for them
    /// ("This is another diplomatic victory for us"; see [`reactions`]).
    fn reactions(
        &self,
        text: &str,
        annotations: &Annotations,
        date: Option<PartialDate>,
        events: &mut Vec<Event>,
    ) {
        let Some(code) = self.code_for("051") else {
            return;
        };
        let (kind, mode, context) = code.plover;
        for r in reactions::reactions(text, annotations, events) {
            if events.iter().any(|e| {
                e.cameo == code.cameo
                    && e.sentence == r.sentence
                    && e.actors.iter().any(|a| a.entity == r.actor.entity)
            }) {
                continue;
            }
            let t0 = r.trigger.start() as usize;
            let (event_date, inferred) = event_date(text, annotations, r.sentence, t0, date);
            events.push(Event {
                kind,
                mode,
                context,
                cameo: code.cameo,
                actors: vec![r.actor],
                targets: r.targets,
                trigger: r.trigger,
                sentence: r.sentence,
                date: event_date,
                date_inferred: inferred,
                modality: Modality::Asserted,
                reported_by: None,
                rule: "reaction-appraisal",
                confidence: 50,
            });
        }
    }

    /// "Abkhazia followed suit later that month and Syria did as well in late
    /// June": each repeats the event told just before (in this sentence or
    /// the two before it), with its own actor and date.
    fn ellipsis(
        &self,
        text: &str,
        annotations: &Annotations,
        sentence: TextRange,
        mentions: &[&EntityMention],
        date: Option<PartialDate>,
        events: &mut Vec<Event>,
    ) {
        let s0 = sentence.start() as usize;
        let window = two_sentences_before(annotations, sentence);
        let matches: Vec<(usize, usize)> = ELLIPSIS
            .find_iter(sentence.slice(text))
            .map(|m| (s0 + m.start(), s0 + m.end()))
            .collect();
        for (k, &(t0, t1)) in matches.iter().enumerate() {
            // Its own date: a time expression after it, before the next one.
            let clause_end = matches
                .get(k + 1)
                .map_or(sentence.end() as usize, |&(next, _)| next);
            let Some(antecedent) = events
                .iter()
                .filter(|e| e.trigger.start() >= window && (e.trigger.end() as usize) <= t0)
                .filter(|e| e.rule != "ellipsis")
                .max_by_key(|e| e.trigger.start())
                .cloned()
            else {
                continue;
            };
            let actors = subject(text, mentions, t0);
            if actors.is_empty()
                || actors
                    .iter()
                    .any(|a| antecedent.actors.iter().any(|b| b.entity == a.entity))
            {
                continue;
            }
            let event_date = annotations
                .dates
                .iter()
                .find(|d| {
                    (d.range.start() as usize) >= t1 && (d.range.end() as usize) <= clause_end
                })
                .and_then(|d| d.value);
            let modality =
                self.modality(text, sentence, t0, event_date, event_date.is_none(), date);
            events.push(Event {
                actors,
                trigger: TextRange::from_usize(t0, t1),
                sentence,
                date: event_date,
                date_inferred: false,
                modality,
                reported_by: None,
                rule: "ellipsis",
                confidence: 50,
                ..antecedent
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        text: &str,
        annotations: &Annotations,
        sentence: TextRange,
        mentions: &[&EntityMention],
        pattern: &Pattern,
        (t0, t1): (usize, usize),
        date: Option<PartialDate>,
    ) -> Option<Event> {
        let s0 = sentence.start() as usize;
        let before_words = &text[s0..t0];
        // "its long-threatened invasion": part of a compound word.
        if text[..t0].ends_with('-') || text[t1..].starts_with('-') {
            return None;
        }
        // "the demands", "its protests", "Fox's attacks", "a reasonable
        // offer": a noun, not the verb.
        let previous = word_before(text, t0);
        let before_trimmed = text[..t0].trim_end();
        let after_possessive = before_trimmed.ends_with("'s") || before_trimmed.ends_with("’s");
        // Suffixes that make adjectives, not nouns ("official", "activist",
        // "representative" are nouns that act).
        let adjective = ["ous", "ful", "able", "ible"]
            .iter()
            .any(|suffix| previous.len() > suffix.len() + 2 && previous.ends_with(suffix));
        // "that" after a predicate noun opens a relative clause whose actor
        // is the copula's subject ("X and Y are the only states that
        // recognize Z"), before a verb that is never a noun; elsewhere it
        // opens a noun phrase ("that attack") or a clause whose actor is
        // not known ("condemned the states that recognize").
        // The trigger's first word, in lower case.
        let first_word = text[t0..t1]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        let relative_that = previous == "that"
            && PREDICATE_THAT.is_match(before_words)
            && !NOUN_VERBS.contains(&first_word.as_str())
            && !NOUN_VERBS.contains(&first_word.trim_end_matches('s'));
        // "the internationally recognised borders": an adverb between a
        // determiner and a participle makes an adjective.
        let adverb_adjective = previous.len() > 4
            && previous.ends_with("ly")
            && DETERMINERS.contains(&word_before(text, start_of_word_before(text, t0)).as_str())
            && first_word.ends_with("ed");
        if pattern.is_verb && adverb_adjective {
            return None;
        }
        let determiner = (DETERMINERS.contains(&previous.as_str()) && !relative_that)
            || matches!(previous.as_str(), "new" | "first" | "every");
        // "Ukrainian protests", "Russian attacks": after a demonym, a noun;
        // in the plural, an event the demonym's state carried out.
        let demonym = mentions.iter().find(|m| {
            m.form == MentionForm::Adjective
                && text
                    .get(m.range.end() as usize..t0)
                    .is_some_and(|gap| gap.trim().is_empty())
                && !m.range.slice(text).ends_with('s')
        });
        let demonym_noun = demonym.filter(|_| {
            pattern.is_verb
                && !determiner
                && text[t0..t1].split_whitespace().count() == 1
                && text[t0..t1].ends_with('s')
                && !text[t0..t1].ends_with("ss")
        });
        if pattern.is_verb
            && demonym_noun.is_none()
            && (determiner || after_possessive || adjective || demonym.is_some())
        {
            return None;
        }
        // "a Wisconsin rally", "tax cuts", "in support of", "a GQ shoot":
        // a word that is both noun and verb, in its base or -s form, is
        // read as a verb only where a verb can stand: after its subject (a
        // mention or a pronoun), "to", a modal or auxiliary, an adverb, or
        // "not".
        if pattern.is_verb
            && demonym_noun.is_none()
            && !first_word.ends_with("ed")
            && !first_word.ends_with("ing")
            && NOUN_VERBS.contains(&first_word.trim_end_matches('s'))
        {
            let after_mention = mentions.iter().any(|m| {
                text.get(m.range.end() as usize..t0).is_some_and(|gap| {
                    gap.trim().is_empty() || matches!(gap.trim(), "," | "'s" | "’s")
                })
            });
            let verbal = VERBAL_CONTEXT.contains(&previous.as_str())
                || (previous.len() > 3 && previous.ends_with("ly"));
            if !after_mention && !verbal {
                return None;
            }
        }
        // "cut them off": "them" must be the relations the sentence named.
        if pattern.relations_before {
            let before = text[s0..t0].to_lowercase();
            let named = before
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| matches!(w, "relations" | "ties"));
            if !named {
                return None;
            }
        }
        // "demonstrated a lack of", "walked out of the courthouse".
        if pattern.intransitive {
            let next = text[t1..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            if DETERMINERS.contains(&next.as_str()) || matches!(next.as_str(), "support" | "some") {
                return None;
            }
        }
        // "in March": a capitalised word inside a sentence is a name.
        let sentence_start = text[s0..t0].trim().is_empty();
        if pattern.is_verb && !sentence_start && text[t0..t1].starts_with(char::is_uppercase) {
            return None;
        }
        // A passive needs a participle: "was recognized", not "was severing".
        let participle = first_word.ends_with("ed")
            || first_word.ends_with("en")
            || matches!(
                first_word.as_str(),
                "cut" | "met" | "sent" | "held" | "struck" | "shot" | "hit"
            );
        let passive = pattern.is_verb && participle && self.passive.is_match(before_words);
        // "the territories temporarily occupied by the Russian Federation",
        // "Crimea, annexed by Russia": a participle with its agent and no
        // auxiliary is a reduced relative clause; what it is done to is the
        // mention just before it, if any.
        let reduced_agents = if pattern.is_verb
            && participle
            && !passive
            && first_word.ends_with("ed")
            && text[t1..].trim_start().starts_with("by ")
        {
            after_by(text, mentions, t1)
        } else {
            Vec::new()
        };
        let (mut actors, mut targets);
        if !reduced_agents.is_empty() {
            actors = reduced_agents;
            targets = mentions
                .iter()
                .rev()
                .find(|m| {
                    let end = m.range.end() as usize;
                    end <= t0 && {
                        let gap = text[end..t0].trim().trim_start_matches(',');
                        gap.split_whitespace().all(|w| w.ends_with("ly"))
                            && gap.split_whitespace().count() <= 1
                    }
                })
                .map(|m| vec![participant(m)])
                .unwrap_or_default();
        } else if let Some(by) = demonym_noun {
            actors = vec![participant(by)];
            targets = object(text, mentions, t1, pattern.code.cameo == "054");
        } else if pattern.is_verb && passive {
            // "was recognized by Russia": the agent follows "by".
            targets = subject(text, mentions, t0);
            actors = after_by(text, mentions, t1);
        } else if pattern.is_verb || !pattern.is_nominal {
            // Verbs, and event nouns ("a hunger strike"): the subject acts.
            actors = subject(text, mentions, t0);
            targets = object(text, mentions, t1, pattern.code.cameo == "054");
        } else {
            // "Pyongyang's recognition of the DPR", "recognition of X by Y".
            actors = possessor(text, mentions, t0);
            if actors.is_empty() {
                actors = after_by(text, mentions, t1);
            }
            // No possessor and no agent: "international condemnation of X"
            // names no actor, and the sentence's subject is not one.
            targets = object(text, mentions, t1, pattern.code.cameo == "054");
        }
        // Someone acting on themselves is read as no target ("Papandreou
        // demanded elections after a court cleared him").
        targets.retain(|t| !actors.iter().any(|a| a.entity == t.entity));
        // The possessor was the actor itself ("dismissed Ukrainian protests
        // following Pyongyang's recognition"): read the other way round.
        // Mentions of the actor itself are passed over ("investigating war
        // crimes by Croatian extremists against Serb civilians").
        if targets.is_empty() && !passive && (pattern.is_verb || !pattern.is_nominal) {
            let others: Vec<&EntityMention> = mentions
                .iter()
                .copied()
                .filter(|m| !actors.iter().any(|a| a.entity == m.entity))
                .collect();
            targets = object(text, &others, t1, pattern.code.cameo != "054");
            targets.retain(|t| !actors.iter().any(|a| a.entity == t.entity));
        }
        // Places are recognised, they do not act.
        actors.retain(|a| mention_of(annotations, a).is_none_or(|m| m.form != MentionForm::Place));
        // "recognize the Donbass separatists", "Ukraine's separatists": the
        // territories of the article that lie in that region or state.
        if pattern.code.cameo == "054"
            && let Some(regional) = separatists_of(text, annotations, sentence, t1)
        {
            targets = regional;
        }
        // "recognized the separatists": the separatists are the territories
        // named last, in this sentence or the two before.
        if pattern.code.cameo == "054"
            && !targets.is_empty()
            && targets.iter().all(|t| {
                annotations.entities[t.entity].kind == EntityKind::Collective
                    && mention_of(annotations, t)
                        .is_some_and(|m| m.sector == Some(parallax_core::Sector::Rebels))
            })
        {
            targets = antecedent_territories(annotations, sentence, t0, true, &actors);
        }
        // "backed their independence": the possessive pronoun stands for the
        // territories named last, in this sentence or the two before.
        if targets.is_empty() && pattern.code.cameo == "054" {
            let words = text[t0..t1].to_lowercase();
            if words.contains(" their ") || words.contains(" its ") {
                targets = antecedent_territories(
                    annotations,
                    sentence,
                    t0,
                    words.contains(" their "),
                    &actors,
                );
            }
        }
        // "Three soldiers were killed", "was accused of": a passive act of
        // accusation, coercion or force (CAMEO 11, 17-20) without its agent is coded with no actor, for whom
        // it was done to is known. ("Clinton was asked", "was provided to
        // the Times" are not.)
        let agentless = passive
            && !targets.is_empty()
            && matches!(
                pattern.code.cameo.get(..2),
                Some("11" | "17" | "18" | "19" | "20")
            );
        if (actors.is_empty() && !agentless) || (pattern.needs_target && targets.is_empty()) {
            return None;
        }
        targets.dedup_by_key(|t| t.entity);
        let (event_date, inferred) = event_date(text, annotations, sentence, t0, date);
        let mut modality = self.modality(text, sentence, t0, event_date, inferred, date);
        // Recognition is performative: "South Ossetia announced in 2014
        // that it would consider them sovereign states" is the recognition
        // done (by the announcement), not an intention.
        if modality == Modality::Intended
            && pattern.code.cameo == "054"
            && self.declared.is_match(&text[s0..t0])
        {
            modality = self.modality_past(event_date, inferred, date);
        }
        // "France urged Russia to withdraw": the one asked acts, the first
        // mention after the demand.
        if modality == Modality::Requested
            && let Some(caps) = self.request.captures(&text[s0..t0])
            && let Some(asked) = caps
                .name("ask")
                .or_else(|| caps.name("tell"))
                .or_else(|| caps.name("say"))
            && let Some(first) = mentions.iter().position(|m| {
                m.range.start() as usize >= s0 + asked.end() && (m.range.end() as usize) <= t0
            })
        {
            actors = coordinated(text, mentions, first, true)
                .into_iter()
                .filter(|&i| (mentions[i].range.end() as usize) <= t0)
                .map(|i| participant(mentions[i]))
                .collect();
            targets.retain(|t| !actors.iter().any(|a| a.entity == t.entity));
        }
        let reported_by = annotations
            .quotes
            .iter()
            .filter(|q| q.kind.is_speech())
            .find(|q| q.content.start() as usize <= t0 && t1 <= q.content.end() as usize)
            .and_then(|q| q.speaker);
        // "Coulter attacked Trump": attacking a person in words is criticism
        // (CAMEO 111), not military force.
        let verbal = pattern.code.cameo == "190"
            && text[t0..t1].to_lowercase().starts_with("attack")
            && targets
                .iter()
                .all(|t| annotations.entities[t.entity].kind == parallax_core::EntityKind::Person);
        // "Russian aircraft killed 46 civilians": killing by armed forces is
        // conventional military force (CAMEO 19), not unconventional
        // violence (18).
        let military = pattern.code.cameo == "180"
            && text[t0..t1].to_lowercase().starts_with("kill")
            && actors.iter().any(|a| {
                mention_of(annotations, a)
                    .is_some_and(|m| m.sector == Some(parallax_core::Sector::Military))
            });
        // "Ukrainian protests", "China protested the visit": a government's
        // protest is diplomatic disapproval (CAMEO 110), not a street
        // demonstration (141).
        // "Nigerians protested" are people: a demonym acts as its government
        // only before the event noun ("Ukrainian protests").
        let governmental = pattern.code.cameo == "141"
            && text[t0..t1].to_lowercase().starts_with("protest")
            && !actors.is_empty()
            && actors.iter().all(|a| {
                let kind = annotations.entities[a.entity].kind;
                let mention = mention_of(annotations, a);
                if mention.is_some_and(|m| m.form == MentionForm::Adjective)
                    && demonym_noun.is_none()
                {
                    return false;
                }
                let sector = mention.and_then(|m| m.sector);
                matches!(
                    kind,
                    EntityKind::State | EntityKind::Territory | EntityKind::Organisation
                ) && matches!(
                    sector,
                    None | Some(parallax_core::Sector::Government | parallax_core::Sector::Foreign)
                )
            });
        let code = match (verbal, military, governmental) {
            (true, _, _) => self.code_for("111").unwrap_or(pattern.code),
            (_, true, _) => self.code_for("190").unwrap_or(pattern.code),
            (_, _, true) => self.code_for("110").unwrap_or(pattern.code),
            _ => pattern.code,
        };
        let (kind, mode, context) = code.plover;
        Some(Event {
            kind,
            mode,
            context,
            cameo: code.cameo,
            actors,
            targets,
            trigger: TextRange::from_usize(t0, t1),
            sentence,
            date: event_date,
            date_inferred: inferred,
            modality,
            reported_by,
            rule: pattern.rule,
            confidence: if passive || !pattern.is_verb { 60 } else { 75 },
        })
    }

    /// "Russia said that Sudan must return the helicopter" is a demand (CAMEO
    /// 10), "North Korea said Ukraine has no right to oppose" a rejection
    /// (CAMEO 12), by the speaker on the one named just before.
    fn must_demand(
        &self,
        text: &str,
        annotations: &Annotations,
        sentence: TextRange,
        mentions: &[&EntityMention],
        taken: &[(usize, usize)],
        date: Option<PartialDate>,
    ) -> Option<Event> {
        let s0 = sentence.start() as usize;
        let (m, (kind, mode, cameo, rule)) = self
            .modal
            .iter()
            .find_map(|(regex, code)| regex.find(sentence.slice(text)).map(|m| (m, *code)))?;
        let (t0, t1) = (s0 + m.start(), s0 + m.end());
        if taken.iter().any(|&(a, b)| a < t1 && t0 < b) {
            return None;
        }
        // The one who must: a mention right before the construction.
        let target = mentions.iter().rev().find(|m| {
            let end = m.range.end() as usize;
            end <= t0 && text[end..t0].split_whitespace().count() <= 1
        })?;
        // The one who demands: the sentence's subject, before a speech verb;
        // else the speaker of a quote of this sentence whose cue follows the
        // construction ("Ukraine has no right to “...,” the diplomats
        // charged").
        let before = &text[s0..target.range.start() as usize];
        let actors = match self.speech.find(before) {
            Some(verb) => subject(text, mentions, s0 + verb.start()),
            None => annotations
                .quotes
                .iter()
                .filter(|q| q.kind.is_speech())
                .find(|q| {
                    q.cue.start() >= t1 as u32
                        && q.cue.end() <= sentence.end()
                        && q.content.start() >= sentence.start()
                })
                .and_then(|q| q.speaker)
                .and_then(|speaker| {
                    annotations
                        .mentions
                        .iter()
                        .rev()
                        .find(|m| m.entity == speaker && (m.range.end() as usize) <= t1)
                })
                .map(|m| vec![participant(m)])
                .unwrap_or_default(),
        };
        let actors: Vec<Participant> = actors
            .into_iter()
            .filter(|a| a.entity != target.entity)
            .collect();
        if actors.is_empty() {
            return None;
        }
        let (event_date, inferred) = event_date(text, annotations, sentence, t0, date);
        Some(Event {
            kind,
            mode,
            context: None,
            cameo,
            actors,
            targets: vec![participant(target)],
            trigger: TextRange::from_usize(t0, t1),
            sentence,
            date: event_date,
            date_inferred: inferred,
            modality: Modality::Asserted,
            reported_by: None,
            rule,
            confidence: 60,
        })
    }

    fn modality(
        &self,
        text: &str,
        sentence: TextRange,
        t0: usize,
        event_date: Option<DateInterval>,
        inferred: bool,
        article_date: Option<PartialDate>,
    ) -> Modality {
        let before = &text[sentence.start() as usize..t0];
        if self.negation.is_match(before) {
            return Modality::Negated;
        }
        if self.request.is_match(before) {
            return Modality::Requested;
        }
        if self.intent.is_match(before) {
            let hedge = self.hedge.is_match(before);
            return if hedge {
                Modality::Hypothetical
            } else {
                Modality::Intended
            };
        }
        if self.hypothetical.is_match(before) {
            return Modality::Hypothetical;
        }
        self.modality_past(event_date, inferred, article_date)
    }

    /// An event told as done: background when its own date is well before
    /// the article's, else asserted.
    fn modality_past(
        &self,
        event_date: Option<DateInterval>,
        inferred: bool,
        article_date: Option<PartialDate>,
    ) -> Modality {
        if !inferred
            && let (Some(event), Some(article)) = (event_date, article_date)
            && let (Some(end), Some(day)) = (event.end.to_days(), article.to_days())
            && day - end > BACKGROUND_DAYS
        {
            return Modality::Background;
        }
        Modality::Asserted
    }
}

/// "The DPRK decided to recognise A and B, and expressed its desire to ...":
/// a verb right after "and" shares the subject of the clause before it. The
/// nearest mention before such a verb is the earlier event's target, which
/// the subject rule took for the actor; the earlier event's actors replace it.
fn shared_subject(text: &str, events: &mut [Event]) {
    events.sort_by_key(|e| e.trigger.start());
    for k in 1..events.len() {
        let t0 = events[k].trigger.start() as usize;
        let before = text[..t0].trim_end();
        if !(before.ends_with(" and") || before.ends_with(",and")) {
            continue;
        }
        let Some(earlier) = events[..k].iter().rev().find(|e| {
            (e.trigger.end() as usize) <= t0
                && !e.actors.is_empty()
                && events[k]
                    .actors
                    .iter()
                    .all(|a| e.targets.iter().any(|t| t.entity == a.entity))
        }) else {
            continue;
        };
        let actors = earlier.actors.clone();
        let event = &mut events[k];
        event
            .targets
            .retain(|t| !actors.iter().any(|a| a.entity == t.entity));
        event.actors = actors;
    }
}

/// The mention a participant was read from (mentions are in text order).
fn mention_of<'a>(annotations: &'a Annotations, p: &Participant) -> Option<&'a EntityMention> {
    starting_in(&annotations.mentions, p.range, |m| m.range.start())
        .iter()
        .find(|m| m.range == p.range)
}

fn is_actor(annotations: &Annotations, mention: &EntityMention) -> bool {
    let entity = &annotations.entities[mention.entity];
    mention.form != MentionForm::Place
        && matches!(
            entity.kind,
            EntityKind::State
                | EntityKind::Territory
                | EntityKind::Organisation
                | EntityKind::Ngo
                | EntityKind::Group
                | EntityKind::Party
                | EntityKind::Agency
                | EntityKind::Person
                | EntityKind::Collective
        )
}

fn word_before(text: &str, at: usize) -> String {
    text[..at]
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase()
}

/// Where the word before `at` starts (on a char boundary).
/// Where the words before `at` start, past an article right before it
/// ("by the U.N.", "of the DPRK"): `at` itself when there is none.
fn past_article(text: &str, at: usize) -> usize {
    if matches!(word_before(text, at).as_str(), "the" | "a" | "an") {
        start_of_word_before(text, at)
    } else {
        at
    }
}

fn start_of_word_before(text: &str, at: usize) -> usize {
    let before = text[..at].trim_end();
    before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn participant(m: &EntityMention) -> Participant {
    Participant {
        entity: m.entity,
        range: m.range,
    }
}

/// The mentions joined to `first` by "and" or commas ("Russia and Syria",
/// "Donetsk and Luhansk"), in `direction` (forward or backward).
fn coordinated(text: &str, mentions: &[&EntityMention], first: usize, forward: bool) -> Vec<usize> {
    let mut out = vec![first];
    // Mentions joined by a comma alone count only if an "and" closes the
    // list: "Mordor, Rohan, Fornost and Bree".
    let mut pending: Vec<usize> = Vec::new();
    let mut current = first;
    loop {
        let next = if forward {
            current + 1
        } else {
            current.wrapping_sub(1)
        };
        let Some(m) = mentions.get(next) else { break };
        let (a, b) = if forward {
            (
                mentions[current].range.end() as usize,
                m.range.start() as usize,
            )
        } else {
            (
                m.range.end() as usize,
                mentions[current].range.start() as usize,
            )
        };
        let Some(gap) = text.get(a..b) else { break };
        match join(gap.trim()) {
            Join::And => {
                out.append(&mut pending);
                out.push(next);
            }
            Join::Comma => pending.push(next),
            // "Bashar al-Assad's Syria": the possessor is not in the list;
            // the list goes on past it.
            Join::Possessive => {}
            Join::None => break,
        }
        current = next;
    }
    // Backwards, the "and" comes first: "Mordor, Rohan, Fornost and Bree"
    // read from Bree joins Fornost by "and", then the commas.
    if !forward && out.len() > 1 {
        out.append(&mut pending);
    }
    out
}

/// How two mentions are joined.
enum Join {
    And,
    Comma,
    Possessive,
    None,
}

/// The gap between two coordinated mentions: "and", ", and", "or", "as well
/// as", "and the evil awful" (lower-case modifiers), "and the government of";
/// a comma alone, with modifiers ("Evil Mordor, the awful Fornost").
fn join(gap: &str) -> Join {
    if matches!(gap, "'s" | "’s") {
        return Join::Possessive;
    }
    let words: Vec<&str> = gap
        .split_whitespace()
        .flat_map(|w| match w.strip_prefix(',') {
            Some(rest) if !rest.is_empty() => vec![",", rest],
            Some(_) => vec![","],
            None => vec![w],
        })
        .collect();
    let conjunction = words
        .iter()
        .take_while(|w| matches!(**w, "and" | "," | "or" | "nor" | "&" | "as" | "well"))
        .count();
    let (head, rest) = words.split_at(conjunction);
    let modifier = |(i, w): (usize, &&str)| {
        (i == 0 && matches!(*w, "the" | "its" | "their"))
            || (!w.is_empty()
                && w.chars().all(|c| c.is_lowercase() || c == '-')
                && !PREPOSITIONS.contains(w))
    };
    let body_of = rest.len() >= 2
        && rest.last() == Some(&"of")
        && matches!(
            rest[rest.len() - 2],
            "government"
                | "people"
                | "president"
                | "leaders"
                | "leader"
                | "army"
                | "forces"
                | "ministry"
                | "parliament"
        )
        && rest.len() <= 3;
    let modifiers = rest.len() <= 3 && rest.iter().enumerate().all(modifier);
    if head.is_empty() || !(modifiers || body_of) {
        return Join::None;
    }
    if head
        .iter()
        .any(|w| matches!(*w, "and" | "or" | "nor" | "&"))
    {
        Join::And
    } else if head == [","] {
        Join::Comma
    } else {
        Join::None
    }
}

/// Nouns for groups that act for a place: "Rebels in the Ivory Coast",
/// "Students from Belgrade".
const GROUPS: &[&str] = &[
    "rebels",
    "protesters",
    "protestors",
    "demonstrators",
    "students",
    "workers",
    "police",
    "troops",
    "soldiers",
    "militants",
    "guerrillas",
    "insurgents",
    "fighters",
    "forces",
    "army",
    "opposition",
    "officials",
    "authorities",
    "leaders",
    "residents",
    "refugees",
    "supporters",
    "activists",
    "members",
    "lawmakers",
    "villagers",
    "farmers",
    "unions",
    "elders",
    "settlers",
    "groups",
    "parties",
    "inhabitants",
    "youths",
    "civilians",
    "strikers",
    "militiamen",
    "gunmen",
    "dissidents",
    "marchers",
    "crowds",
    "peasants",
    "citizens",
    "people",
    "prisoners",
    "separatists",
    "extremists",
    "fundamentalists",
    "islamists",
    "hardliners",
    "servicemen",
    "policemen",
];

/// "Rebels in the Ivory Coast blocked ...": a group noun opening the clause,
/// then "in", "of" or "from" and the mention at `start`.
fn group_of(text: &str, start: usize) -> bool {
    let mut at = start_of_word_before(text, start);
    let mut word = word_before(text, start);
    if matches!(word.as_str(), "the" | "a" | "an") {
        word = word_before(text, at);
        at = start_of_word_before(text, at);
    }
    if !matches!(word.as_str(), "in" | "of" | "from") {
        return false;
    }
    let group = word_before(text, at);
    let group_start = start_of_word_before(text, at);
    // The group opens its clause: nothing but an article or adjectives
    // before it since the last punctuation.
    let clause = text[..group_start].trim_end();
    GROUPS.contains(&group.as_str())
        && clause
            .rsplit(['.', ',', ';', ':', '\n'])
            .next()
            .is_some_and(|words| words.split_whitespace().count() <= 3)
}

/// "the Ministry of Foreign Affairs of Ukraine", "the President of Russia":
/// the mention after "of" stands for the body before it.
fn names_a_body(text: &str, start: usize) -> bool {
    // "of Ukraine", "of the Syrian parliament".
    let mut before = text[..start].trim_end();
    for article in [" the", " a", " an"] {
        if let Some(rest) = before.strip_suffix(article) {
            before = rest;
        }
    }
    let before_of = before.strip_suffix(" of").unwrap_or("");
    let word = word_before(text, before_of.trim_end().len());
    matches!(
        word.as_str(),
        "ministry"
            | "affairs"
            | "government"
            | "president"
            | "minister"
            | "leader"
            | "head"
            | "army"
            | "forces"
            | "people"
            | "parliament"
            | "embassy"
            | "mission"
            | "office"
            | "council"
            | "administration"
            | "authorities"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "leadership"
            | "cabinet"
            | "republic"
            | "chairman"
            | "member"
            | "members"
            | "delegation"
            | "representative"
            | "representatives"
    )
}

/// The actor before a trigger: the nearest mention that is not the
/// complement of a preposition, with those coordinated with it.
fn subject(text: &str, mentions: &[&EntityMention], t0: usize) -> Vec<Participant> {
    // "Russia, which helped attack the Tbilisi government in 2008,
    // recognized ...": a relative clause between subject and verb is skipped.
    let clause_start = mentions.first().map_or(t0, |m| {
        text[..m.range.start() as usize]
            .rfind(['.', '\n'])
            .map_or(0, |i| i + 1)
    });
    let relative: Vec<(usize, usize)> = RELATIVE_CLAUSE
        .find_iter(&text[clause_start.min(t0)..t0])
        .map(|m| (clause_start + m.start(), clause_start + m.end()))
        .collect();
    let mut candidates: Vec<usize> = (0..mentions.len())
        .filter(|&i| (mentions[i].range.end() as usize) <= t0)
        .filter(|&i| {
            let start = mentions[i].range.start() as usize;
            !relative.iter().any(|&(a, b)| a <= start && start < b)
        })
        // "Romney added his voice after ... senators urged": a possessive
        // or object pronoun is never the subject.
        .filter(|&i| {
            mentions[i].form != MentionForm::Pronoun
                || !matches!(
                    mentions[i].range.slice(text).to_lowercase().as_str(),
                    "his"
                        | "her"
                        | "hers"
                        | "him"
                        | "its"
                        | "their"
                        | "them"
                        | "himself"
                        | "herself"
                )
        })
        .collect();
    // "North Korea is the third country ... to recognise", "X decided to
    // recognise": an infinitive's actor is the clause's subject, the first
    // mention of the sentence.
    if word_before(text, t0) == "to" && !candidates.is_empty() {
        // "the DPRK's decision to recognise": the possessor of the noun
        // before "to".
        let to = start_of_word_before(text, t0);
        let noun = start_of_word_before(text, to);
        if let Some(&owner) = candidates.iter().rev().find(|&&i| {
            let end = mentions[i].range.end() as usize;
            end <= noun && matches!(text[end..noun].trim(), "'s" | "’s")
        }) {
            return vec![participant(mentions[owner])];
        }
        // "the decision of the DPRK to recognize": the mention right before
        // "to", after "of" and a noun of deciding or trying.
        if let Some(&owner) = candidates.iter().rev().find(|&&i| {
            let m = mentions[i];
            let (start, end) = (m.range.start() as usize, m.range.end() as usize);
            text[end..to].trim().is_empty() && {
                let at = past_article(text, start);
                word_before(text, at) == "of"
                    && DECISION_NOUNS
                        .contains(&word_before(text, start_of_word_before(text, at)).as_str())
            }
        }) {
            return vec![participant(mentions[owner])];
        }
        // "North Korea said Ukraine has no right to oppose": past a speech
        // verb, the reported clause's subject.
        let reported = SPEECH_VERB
            .find_iter(&text[clause_start.min(t0)..t0])
            .last()
            .map_or(0, |m| clause_start + m.end());
        let not_in_phrase = |i: &usize| {
            !PREPOSITIONS.contains(&word_before(text, mentions[*i].range.start() as usize).as_str())
        };
        let first = candidates
            .iter()
            .copied()
            .filter(|&i| mentions[i].range.start() as usize >= reported)
            .find(not_in_phrase)
            .or_else(|| candidates.iter().copied().find(not_in_phrase));
        if let Some(first) = first {
            candidates.truncate(
                candidates
                    .iter()
                    .position(|&i| i == first)
                    .map_or(0, |p| p + 1),
            );
        }
    }
    let Some(&i) = candidates.iter().rev().find(|&&i| {
        let start = mentions[i].range.start() as usize;
        // "of the Russian Federation": look past an article.
        let mut word = word_before(text, start);
        if matches!(word.as_str(), "the" | "a" | "an") {
            word = word_before(text, start_of_word_before(text, start));
        }
        // "of southern Serbia": a preposition one adjective back counts too.
        let lowercase_adjective = word.chars().all(char::is_lowercase)
            && !word.is_empty()
            && !matches!(word.as_str(), "the" | "a" | "an");
        let two_back = word_before(text, start_of_word_before(text, start));
        let in_phrase = PREPOSITIONS.contains(&word.as_str())
            || (lowercase_adjective && PREPOSITIONS.contains(&two_back.as_str()));
        // "Thousands of Iraqi Kurds demonstrated": a count of them acts.
        // "Tens of thousands of university students", "A group of refugees".
        let count_word = |w: &str| {
            matches!(
                w,
                "thousands" | "hundreds" | "dozens" | "scores" | "millions" | "tens" | "group"
            )
        };
        let three_back = word_before(
            text,
            start_of_word_before(text, start_of_word_before(text, start)),
        );
        let counted = (word == "of" && count_word(&two_back))
            || (lowercase_adjective && two_back == "of" && count_word(&three_back));
        !in_phrase
            || counted
            || (word == "of" && names_a_body(text, start))
            || group_of(text, start)
    }) else {
        return Vec::new();
    };
    let mut ids = coordinated(text, mentions, i, false);
    ids.sort_unstable();
    ids.into_iter().map(|i| participant(mentions[i])).collect()
}

/// A mention that modifies another noun rather than naming the participant:
/// "the Ukrainian breakaway territories", "Ukraine's two separatist sides",
/// "pro-Russian".
/// A possessor counts as a modifier only where the act is about the thing
/// possessed: recognising "Ukraine's two separatist sides" recognises the
/// sides, but condemning "Pyongyang's recognition" condemns Pyongyang.
fn is_modifier(text: &str, m: &EntityMention, skip_possessors: bool) -> bool {
    let (start, end) = (m.range.start() as usize, m.range.end() as usize);
    m.form == MentionForm::Adjective
        || (skip_possessors && (text[end..].starts_with("'s") || text[end..].starts_with("’s")))
        || text[..start].ends_with("pro-")
        || text[..start].ends_with("anti-")
        || hyphen_compound(text, m)
}

/// "Russian-backed", "Russia-annexed", "US-led": a name that opens a
/// hyphenated compound modifies the noun after it; it is not a participant.
fn hyphen_compound(text: &str, m: &EntityMention) -> bool {
    let rest = &text[m.range.end() as usize..];
    rest.strip_prefix('-')
        .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()))
}

/// Words that do not count in the distance from a verb to its object:
/// "recognised the independence of the ... territories of Donetsk".
const TRANSPARENT: &[&str] = &[
    "the",
    "a",
    "an",
    "of",
    "independence",
    "sovereignty",
    "statehood",
];

/// The target after a trigger: the first mention after it (skipping one
/// preposition and articles) that is not a modifier, with those coordinated
/// with it.
fn object(
    text: &str,
    mentions: &[&EntityMention],
    t1: usize,
    skip_possessors: bool,
) -> Vec<Participant> {
    let near = |i: usize| {
        let start = mentions[i].range.start() as usize;
        start >= t1 && {
            let gap = &text[t1..start];
            // The object comes soon after the verb, unless its own noun
            // phrase intervenes ("defended its decision ... Ukraine").
            let words = gap
                .split_whitespace()
                .filter(|w| {
                    let w = w
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase();
                    !TRANSPARENT.contains(&w.as_str())
                })
                .count();
            // "defended its decision to recognise the independence of
            // Donetsk": the mention belongs to the noun's own complement.
            let own = gap
                .split_whitespace()
                .next()
                .is_some_and(|w| matches!(w, "its" | "their" | "his" | "her" | "our"))
                && gap.split_whitespace().any(|w| w == "to");
            // "was recognized by Russia" is the agent, "condemned an attack
            // by Osgiliath soldiers" the one condemned.
            let agent = word_before(text, start) == "by" && {
                let before_by = text[..start].trim_end().strip_suffix("by").unwrap_or("");
                text.get(t1..before_by.len())
                    .is_none_or(|g| g.trim().is_empty())
            };
            // "the territories occupied by the Russian Federation": the
            // agent of another participle.
            let participle_agent = {
                let at = past_article(text, start);
                word_before(text, at) == "by" && {
                    let by = start_of_word_before(text, at);
                    let verb = word_before(text, by);
                    by > t1 && verb.len() > 3 && verb.ends_with("ed")
                }
            };
            !(words > 8 || agent || participle_agent || (own && words > 2))
        }
    };
    let Some(i) = (0..mentions.len())
        .find(|&i| near(i) && !is_modifier(text, mentions[i], skip_possessors))
        // A recognition's object is never a modifier ("recognition of ...
        // announced, many Russian media").
        .or_else(|| {
            (0..mentions.len())
                .find(|&i| near(i) && !skip_possessors && !hyphen_compound(text, mentions[i]))
        })
    else {
        return Vec::new();
    };
    // "to the DPR's ambassador to Russia, Olga Makayeva": the one the role
    // names, in apposition.
    let end = mentions[i].range.end() as usize;
    let i = (i + 1..mentions.len())
        .take_while(|&j| (mentions[j].range.start() as usize) < end + 80)
        .find(|&j| {
            text.get(end..mentions[j].range.start() as usize)
                .is_some_and(|gap| APPOSITION.is_match(gap))
        })
        .unwrap_or(i);
    coordinated(text, mentions, i, true)
        .into_iter()
        .map(|i| participant(mentions[i]))
        .collect()
}

/// Between a possessor and the name its role noun stands for: "'s (DPR)
/// ambassador to Russia, ", "'s foreign minister, ".
static APPOSITION: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
    Regex::new(r"^['’]s\s+(?:\([^)]{1,20}\)\s+)?(?:[\p{Ll}-]+\s+){0,3}[\p{Ll}-]+(?:\s+(?:to|in|at|for)\s+(?:the\s+)?\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,2})?\s*,\s*$")
        .expect("valid regex")
});

/// The territories a possessive pronoun before `t0` refers to: the last one
/// (for "its") or the last coordinated pair (for "their") named in the
/// sentence or the two before it.
fn antecedent_territories(
    annotations: &Annotations,
    sentence: TextRange,
    t0: usize,
    plural: bool,
    actors: &[Participant],
) -> Vec<Participant> {
    let from = two_sentences_before(annotations, sentence);
    let window = TextRange::from_usize(from as usize, t0);
    let territories: Vec<&EntityMention> =
        starting_in(&annotations.mentions, window, |m| m.range.start())
            .iter()
            .filter(|m| (m.range.end() as usize) <= t0)
            .filter(|m| annotations.entities[m.entity].kind == EntityKind::Territory)
            // "South Ossetia ... recognized the separatists": not itself.
            .filter(|m| !actors.iter().any(|a| a.entity == m.entity))
            .collect();
    let Some(last) = territories.len().checked_sub(1) else {
        return Vec::new();
    };
    let mut chosen = vec![participant(territories[last])];
    if plural {
        // The one before it, when it is another territory close by.
        if let Some(previous) = last.checked_sub(1).map(|i| territories[i])
            && previous.entity != territories[last].entity
            && territories[last]
                .range
                .start()
                .saturating_sub(previous.range.end())
                < 80
        {
            chosen.insert(0, participant(previous));
        }
    }
    chosen
}

/// "... by X" after a passive verb or a noun.
fn after_by(text: &str, mentions: &[&EntityMention], t1: usize) -> Vec<Participant> {
    let Some(i) = (0..mentions.len()).find(|&i| {
        let start = mentions[i].range.start() as usize;
        // "by the U.N.": past an article.
        let mut word = word_before(text, start);
        if matches!(word.as_str(), "the" | "a" | "an") {
            word = word_before(text, start_of_word_before(text, start));
        }
        start >= t1 && start - t1 < 80 && word == "by"
    }) else {
        return Vec::new();
    };
    coordinated(text, mentions, i, true)
        .into_iter()
        .map(|i| participant(mentions[i]))
        .collect()
}

/// "Pyongyang's recognition": the mention just before a noun trigger, with a
/// possessive.
fn possessor(text: &str, mentions: &[&EntityMention], t0: usize) -> Vec<Participant> {
    mentions
        .iter()
        .filter(|m| {
            let end = m.range.end() as usize;
            end <= t0 && matches!(text[end..t0].trim(), "'s" | "’s" | "s'" | "'" | "’")
        })
        .map(|m| participant(m))
        .collect()
}

/// The date the sentence gives the event: the time expression nearest the
/// trigger, if it has a value.
/// The event's date: the sentence's, else the article's (then `true`, the
/// date is inferred).
fn event_date(
    text: &str,
    annotations: &Annotations,
    sentence: TextRange,
    t0: usize,
    article: Option<PartialDate>,
) -> (Option<DateInterval>, bool) {
    match sentence_date(text, annotations, sentence, t0) {
        Some(d) => (Some(d), false),
        None => (article.map(|d| DateInterval { start: d, end: d }), true),
    }
}

/// Nouns whose "of X to V" makes X the one who does V ("the decision of the
/// DPRK to recognize", "an attempt by" is the "by" rule's).
const DECISION_NOUNS: &[&str] = &[
    "decision",
    "decisions",
    "attempt",
    "attempts",
    "move",
    "plan",
    "plans",
    "bid",
    "refusal",
    "readiness",
    "willingness",
    "intention",
    "resolve",
    "choice",
    "effort",
    "efforts",
];

/// How many sentences back a narrative's reference day still holds.
const NARRATIVE_SENTENCES: usize = 10;

/// Words before a past form that make it something else: a perfect ("have
/// already backed", told from today), a future or a present passive.
const NOT_SIMPLE_PAST: &[&str] = &[
    "has", "have", "had", "'s", "’s", "will", "would", "be", "been", "being", "is", "are", "am",
    "to", "may", "might", "can", "could", "shall", "should", "must", "s",
];

/// Common irregular past forms (the regular ones end in "-ed").
const IRREGULAR_PAST: &[&str] = &[
    "sent",
    "met",
    "held",
    "said",
    "told",
    "gave",
    "took",
    "made",
    "broke",
    "struck",
    "fought",
    "led",
    "won",
    "lost",
    "began",
    "spoke",
    "wrote",
    "threw",
    "shot",
    "left",
    "came",
    "went",
    "saw",
    "sought",
    "brought",
    "withdrew",
    "rose",
    "fell",
    "drew",
    "flew",
    "knew",
    "thought",
    "found",
    "stood",
    "paid",
    "kept",
    "sold",
    "swore",
    "tore",
    "forbade",
    "overthrew",
    "froze",
    "stole",
    "hung",
    "fled",
    "bound",
    "slew",
    "undertook",
    "upheld",
    "withheld",
    "oversaw",
];

/// Whether the word at `at` is a simple past form.
fn simple_past(text: &str, at: usize) -> bool {
    if !past_form(&word_at(text, at)) {
        return false;
    }
    // Past the adverbs: "have already backed", "was also recognised".
    let mut at = at;
    for _ in 0..3 {
        let before = word_before(text, at);
        if NOT_SIMPLE_PAST.contains(&before.as_str()) {
            return false;
        }
        if !(before.ends_with("ly") || ADVERBS.contains(&before.as_str())) || before.is_empty() {
            return true;
        }
        at = start_of_word_before(text, at);
    }
    true
}

/// Adverbs that stand between an auxiliary and its verb.
const ADVERBS: &[&str] = &[
    "already", "also", "just", "since", "now", "never", "not", "yet", "even", "still", "once",
    "long", "then", "ever", "further", "again", "first",
];

/// The word that starts at `at`, in lower case.
fn word_at(text: &str, at: usize) -> String {
    text[at..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A regular or irregular past form (or participle).
fn past_form(word: &str) -> bool {
    (word.len() > 3 && word.ends_with("ed")) || IRREGULAR_PAST.contains(&word)
}

/// Speech verbs in the past, for reported demands and rejections.
const SPEECH_PAST: &[&str] = &[
    "said",
    "told",
    "charged",
    "insisted",
    "declared",
    "added",
    "argued",
    "stated",
    "warned",
    "claimed",
    "stressed",
    "noted",
    "announced",
    "wrote",
    "asserted",
    "maintained",
];

/// Whether the event is told in the simple past: its trigger is a simple
/// past form; or the trigger is a participle or noun and the nearest past
/// form before it in the sentence is a simple past ("presented a document
/// recognising ..."); or it is a reported demand or rejection whose speech
/// verb is past ("Ukraine has no right to ..., the diplomats charged"). A
/// perfect trigger ("has signed") is not.
fn told_in_past(text: &str, e: &Event) -> bool {
    let (s0, t0) = (e.sentence.start() as usize, e.trigger.start() as usize);
    let trigger = word_at(text, t0);
    let starts = |from: usize, to: usize| -> Vec<usize> {
        let Some(part) = text.get(from..to) else {
            return Vec::new();
        };
        part.char_indices()
            .filter(|&(i, c)| {
                c.is_alphabetic()
                    && (i == 0 || !part[..i].ends_with(|p: char| p.is_alphabetic() || p == '-'))
            })
            .map(|(i, _)| from + i)
            .collect()
    };
    if e.rule.starts_with("said-that-") {
        return starts(s0, e.sentence.end() as usize)
            .into_iter()
            .any(|at| SPEECH_PAST.contains(&word_at(text, at).as_str()) && simple_past(text, at));
    }
    if past_form(&trigger) {
        return simple_past(text, t0);
    }
    if trigger.ends_with('s') && !trigger.ends_with("ss") {
        return false;
    }
    starts(s0, t0)
        .into_iter()
        .rev()
        .find(|&at| past_form(&word_at(text, at)))
        .is_some_and(|at| simple_past(text, at))
}

/// Narrative time: "On Wednesday, North Korea recognised ... Its ambassador
/// presented a document ... In response, Ukraine condemned ...". An event
/// told in the simple past whose sentence gives no date happened on the day
/// the narrative last named, when that day is the latest time expression
/// before it, at most [`NARRATIVE_SENTENCES`] back, and is not background.
/// Its date stays marked inferred. A perfect ("have already backed"), a
/// present or a future keeps the article's date.
fn narrative_dates(
    text: &str,
    annotations: &Annotations,
    article: Option<PartialDate>,
    events: &mut [Event],
) {
    let article_day = article.and_then(|d| d.to_days());
    for e in events.iter_mut() {
        if !e.date_inferred || e.modality != Modality::Asserted || !told_in_past(text, e) {
            continue;
        }
        let s0 = e.sentence.start();
        // Time expressions are in text order: the last one that ends
        // before the sentence.
        let before = annotations.dates.partition_point(|d| d.range.start() < s0);
        let Some(last) = annotations.dates[..before]
            .iter()
            .rev()
            .find(|d| d.range.end() <= s0 && d.value.is_some())
        else {
            continue;
        };
        let Some(value) = last.value else {
            continue;
        };
        let (Some(first_day), Some(last_day)) = (value.start.to_days(), value.end.to_days()) else {
            continue;
        };
        let index = annotations.sentences.partition_point(|s| s.start() < s0);
        let told = annotations
            .sentences
            .partition_point(|s| s.end() <= last.range.start());
        let recent = article_day.is_none_or(|a| a >= last_day && a - last_day <= BACKGROUND_DAYS);
        if first_day == last_day && index - told <= NARRATIVE_SENTENCES && recent {
            e.date = Some(value);
        }
    }
}

/// Words that make a phrase name separatist entities rather than the state
/// or region named in it.
const SEPARATIST_WORDS: &[&str] = &["separatist", "breakaway", "republics", "rebel"];

/// "recognize the Donbass separatists", "two pro-Russian separatist regions
/// in Ukraine", "the republics in Donbas": when the object phrase (up to the
/// next comma or clause) says separatists, republics or breakaway and names
/// a region or state, and no territory, the object is the territories of the
/// article that belong to that region's or state's country, each at the
/// mention that names the region here. `None` when the phrase is no such
/// phrase or the article names no such territory.
fn separatists_of(
    text: &str,
    annotations: &Annotations,
    sentence: TextRange,
    t1: usize,
) -> Option<Vec<Participant>> {
    let rest = text.get(t1..sentence.end() as usize)?;
    let mut end = rest
        .find([',', ';', ':', '(', '.'])
        .unwrap_or(rest.len())
        .min(120);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let phrase = rest[..end].to_lowercase();
    if !SEPARATIST_WORDS.iter().any(|w| phrase.contains(w)) {
        return None;
    }
    let window = TextRange::from_usize(t1, t1 + end);
    let named = starting_in(&annotations.mentions, window, |m| m.range.start());
    // A territory named in the phrase is the object itself.
    if named
        .iter()
        .any(|m| annotations.entities[m.entity].kind == EntityKind::Territory)
    {
        return None;
    }
    let (region, country) = named
        .iter()
        .filter(|m| {
            // "pro-Russian separatists" are not Russia's.
            let start = m.range.start() as usize;
            !(text[..start].ends_with("pro-")
                || text[..start].ends_with("anti-")
                || hyphen_compound(text, m))
        })
        .find_map(|m| {
            let entity = &annotations.entities[m.entity];
            let country = match entity.kind {
                EntityKind::State => Some(entity.id.as_str()),
                EntityKind::Place => entity.country.as_deref(),
                _ => None,
            }?;
            Some((m, country))
        })?;
    let found: Vec<Participant> = annotations
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Territory && e.country.as_deref() == Some(country))
        .map(|(i, _)| Participant {
            entity: i,
            range: region.range,
        })
        .collect();
    (!found.is_empty()).then_some(found)
}

/// Where the sentence two before `sentence` starts: the window in which a
/// pronoun or an ellipsis looks back.
fn two_sentences_before(annotations: &Annotations, sentence: TextRange) -> u32 {
    let index = annotations
        .sentences
        .partition_point(|s| s.start() < sentence.start());
    annotations
        .sentences
        .get(index.saturating_sub(2))
        .map_or(sentence.start(), |s| s.start())
}

/// The items of a list in text order whose range starts inside `range`.
fn starting_in<T>(items: &[T], range: TextRange, start: impl Fn(&T) -> u32) -> &[T] {
    let first = items.partition_point(|i| start(i) < range.start());
    let last = items.partition_point(|i| start(i) < range.end());
    &items[first..last.max(first)]
}

fn sentence_date(
    text: &str,
    annotations: &Annotations,
    sentence: TextRange,
    t0: usize,
) -> Option<DateInterval> {
    // A date inside a relative clause or appositive dates that clause.
    let s0 = sentence.start() as usize;
    let clauses: Vec<(usize, usize)> = RELATIVE_CLAUSE
        .find_iter(sentence.slice(text))
        .map(|m| (s0 + m.start(), s0 + m.end()))
        .filter(|&(_, end)| end <= t0)
        .collect();
    starting_in(&annotations.dates, sentence, |d| d.range.start())
        .iter()
        .filter(|d| d.range.end() <= sentence.end())
        .filter(|d| {
            let at = d.range.start() as usize;
            !clauses.iter().any(|&(a, b)| a <= at && at < b)
        })
        .filter_map(|d| Some((d.range.start().abs_diff(t0 as u32), d.value?)))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, value)| value)
}
