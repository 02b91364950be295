//! The language layer: annotations that point into `Article::text` by byte
//! range, each with the rule that made it.
//!
//! - entities and their mentions, from a shipped gazetteer of states,
//!   territories, organisations and office holders, plus people found by
//!   title and name shape, surname back-references and pronouns;
//! - attributed statements with their speaker and cue verb;
//! - time expressions, resolved against the article's date to intervals of
//!   days with a granularity.
//!
//! [`AnnotateOptions::build`] reads the gazetteer once and returns an
//! [`Annotator`]:
//!
//! ```
//! use parallax_annotate::{AnnotateContext, AnnotateOptions};
//! use parallax_core::PartialDate;
//! let annotator = AnnotateOptions::default().build();
//! let text = "Ukraine's Foreign Ministry said on Wednesday that it had cut ties with Pyongyang.";
//! let context = AnnotateContext { date: PartialDate::ymd(2022, 7, 15) };
//! let found = annotator.annotate(text, &context);
//! assert_eq!(found.dates[0].value.unwrap().start.to_string(), "2022-07-13");
//! let speaker = found.quotes[0].speaker.unwrap();
//! assert_eq!(found.entities[speaker].id, "UKR");
//! ```

pub mod attribution;
mod dictionary;
mod entities;
mod gazetteer;
mod quotes;
mod text;
mod time;

use std::sync::Arc;

use parallax_core::{Annotations, Entity, EntityKind, EntityMention, PartialDate, TextRange};

pub use dictionary::read_actor_dictionary;
pub use gazetteer::{Gazetteer, name_key};
pub use quotes::{annotate_quotes, annotate_scare_quotes};
pub use time::annotate_times;

/// Options of the language layer; unset fields take the documented defaults.
#[derive(Debug, Clone, Default)]
pub struct AnnotateOptions {
    /// More actors for the gazetteer, as (name, id) pairs: a user's own
    /// actor dictionary, or an evaluation's. Each becomes a state-like
    /// entity with that id. Default: none.
    pub extra_actors: Vec<(String, String)>,
    /// Quotes from the rules only, without the learned attribution tagger's
    /// additions. Default: false (the tagger adds what the rules miss).
    pub rules_only_quotes: bool,
}

impl AnnotateOptions {
    /// Reads the gazetteer (and any extra actors) and builds the matchers.
    pub fn build(self) -> Annotator {
        let gazetteer = if self.extra_actors.is_empty() {
            Gazetteer::builtin_shared()
        } else {
            Arc::new(Gazetteer::with_extra(&self.extra_actors))
        };
        let tagger = if self.rules_only_quotes {
            None
        } else {
            attribution::shipped()
        };
        Annotator { gazetteer, tagger }
    }
}

/// What the annotator knows about one article besides its text.
#[derive(Debug, Clone, Copy)]
pub struct AnnotateContext {
    /// The article's date (its publication date, or one borrowed from the
    /// story it belongs to): relative dates and roles resolve against it.
    pub date: Option<PartialDate>,
}

/// The language layer, ready to run.
#[derive(Clone)]
pub struct Annotator {
    gazetteer: Arc<Gazetteer>,
    tagger: Option<&'static attribution::Tagger>,
}

impl Annotator {
    /// The gazetteer it resolves names with.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// Attributed statements of `text` without speakers: the rules', then
    /// the learned tagger's where the rules found none, in text order.
    pub fn quotes(&self, text: &str) -> Vec<parallax_core::Quote> {
        let quotes = annotate_quotes(text);
        match self.tagger {
            Some(tagger) => tagger.merge(text, quotes),
            None => quotes,
        }
    }

    /// Entities, quotes with their speakers, and time expressions of `text`.
    pub fn annotate(&self, text: &str, context: &AnnotateContext) -> Annotations {
        let (entities, mentions) = entities::annotate_entities(text, &self.gazetteer, context.date);
        let mut quotes = self.quotes(text);
        // The last speaker and where its quote ended: "It added" and "They
        // said" continue the organisation quoted just before.
        let mut last: Option<(usize, u32)> = None;
        for quote in &mut quotes {
            let Some(source) = quote.source else { continue };
            let is_it = matches!(source.slice(text), "it" | "It" | "they" | "They")
                || OFFICIALS.is_match(source.slice(text));
            quote.speaker = speaker(text, source, &entities, &mentions).or_else(|| {
                let (entity, end) = last?;
                let close = source.start().saturating_sub(end) < 600;
                (is_it && close && entities[entity].kind != EntityKind::Person).then_some(entity)
            });
            // A reported attitude ("Russia and Syria have already backed
            // …") is no speaker that a later "it said" continues.
            if let Some(entity) = quote.speaker
                && quote.kind.is_speech()
            {
                last = Some((entity, quote.cue.end().max(quote.content.end())));
            }
        }
        Annotations {
            sentences: text::sentences(text)
                .into_iter()
                .map(|(start, end)| TextRange::from_usize(start, end))
                .collect(),
            dates: annotate_times(text, context.date),
            scare_quotes: annotate_scare_quotes(text, &quotes),
            quotes,
            entities,
            mentions,
        }
    }
}

/// "the diplomats charged", "The officials insisted", "the country's Foreign
/// Ministry argued": a definite description of officials that names no one
/// continues the organisation or state quoted just before, like "it".
static OFFICIALS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^the (?:(?:country|nation|government|state|ministry|regime)(?:'s|’s) )?(?:(?:foreign|defen[cs]e|interior) )?(?:officials?|diplomats?|ministry|government|authorities|spokes(?:man|woman|person)|statement|embassy|mission|regime|leadership|representatives?)$",
    )
    .expect("valid regex")
});

/// The entity a quote's source names: a person named in it, else the first
/// entity it names ("Ukraine's Foreign Ministry" is UKR). A relative pronoun
/// ("a message on his Telegram channel, which said") stands for the nearest
/// person named before it in the sentence.
fn speaker(
    text: &str,
    source: TextRange,
    entities: &[Entity],
    mentions: &[EntityMention],
) -> Option<usize> {
    // Mentions are in text order: read only those that start in `from..to`.
    let between = |from: u32, to: u32| {
        let first = mentions.partition_point(|m| m.range.start() < from);
        let last = mentions.partition_point(|m| m.range.start() < to);
        mentions[first..last.max(first)].iter()
    };
    let inside =
        || between(source.start(), source.end()).filter(move |m| m.range.end() <= source.end());
    let is_person = |m: &&EntityMention| entities[m.entity].kind == EntityKind::Person;
    if let Some(m) = inside().find(is_person).or_else(|| inside().next()) {
        return Some(m.entity);
    }
    if !matches!(source.slice(text).to_lowercase().as_str(), "which" | "who") {
        return None;
    }
    let sentence_start = text[..source.start() as usize]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |i| i + 1) as u32;
    let before =
        || between(sentence_start, source.start()).filter(move |m| m.range.end() <= source.start());
    before()
        .rfind(is_person)
        .or_else(|| before().next_back())
        .map(|m| m.entity)
}
