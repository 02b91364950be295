//! The cross-source comparison of one story: what a careful analyst writes
//! after reading every report of it.
//!
//! Input is a story's articles, each with its text, outlet, date, language
//! annotations, coded events and the independent origin the copy lineage
//! put it in. Output is a [`Comparison`]:
//!
//! - **facts**: events from different articles that say the same thing
//!   (same kind of action, a shared actor and target, compatible dates),
//!   each mention labelled against the others (same, attributed, more or
//!   less specific, conflicting);
//! - **support** of each fact: its outlets grouped by independent origin,
//!   with a verdict ("corroborated" by two origins or more, "one-party state
//!   media", "single origin");
//! - **contradictions**, typed (date, count, attribute), with the words of
//!   each side and a qualifier where one explains the difference;
//! - **naming**: the variant each outlet uses of contested names, from a
//!   shipped table; **framing**: loaded terms from a shipped lexicon, scare
//!   quotes, attribution verbs and hedges, each with its span;
//! - **omissions**: facts that two or more other independent origins report
//!   and an article leaves out; and a **timeline**, background apart.
//!
//! Every judgement points at its evidence: the document (an index into
//! [`Comparison::documents`]) and a byte span of its text. The types
//! serialise to the JSON the CLI writes (`parallax report --format json`),
//! documented in `docs/report-json.md`.
//!
//! ```
//! use parallax_compare::{compare, Source};
//! use parallax_core::Annotations;
//! let annotations = Annotations::default();
//! let source = Source {
//!     id: "a", label: "a", outlet: None, date: None, origin: 0, captions: &[],
//!     text: "The Kiev regime said so.", annotations: &annotations, events: &[],
//! };
//! let comparison = compare(&[source]);
//! let terms: Vec<&str> = comparison.framing[0].loaded.iter().map(|t| t.term.as_str()).collect();
//! assert_eq!(terms, ["regime"]);
//! assert_eq!(comparison.naming[0].uses[0].form, "Kiev");
//! ```

mod contradictions;
mod facts;
mod framing;
mod lexicon;
mod roles;
mod statements;

pub use roles::RoleResolution;

use parallax_core::{Annotations, Event, Outlet, PartialDate, TextRange};
use serde::Serialize;

pub use lexicon::{LoadedTerm, NameConcept, loaded_terms, name_concepts};

/// One article of the story, as the comparison reads it.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Its document id.
    pub id: &'a str,
    /// A short name for tables (a file stem or a short id).
    pub label: &'a str,
    /// Its outlet, when known.
    pub outlet: Option<&'a Outlet>,
    /// Its text: every span points into it.
    pub text: &'a str,
    /// Its photo captions (kept apart from the text by extraction).
    pub captions: &'a [String],
    /// Its date (own or borrowed).
    pub date: Option<PartialDate>,
    /// Its language annotations.
    pub annotations: &'a Annotations,
    /// Its coded events.
    pub events: &'a [Event],
    /// The index of its independent origin in the story (articles that copy
    /// one another, carry the same wire or cite the same source share one).
    pub origin: usize,
}

/// A byte range `[start, end)` in a document's text.
pub type Span = [u32; 2];

fn span(range: TextRange) -> Span {
    [range.start(), range.end()]
}

/// The comparison of a story's articles.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    /// The articles, in the order given; every `doc` below indexes this.
    pub documents: Vec<Document>,
    /// Facts, most widely supported first.
    pub facts: Vec<Fact>,
    /// Statements outside every fact that two or more articles share
    /// (aligned by their content words), most widely supported first.
    pub statements: Vec<Statement>,
    /// Where the articles disagree.
    pub contradictions: Vec<Contradiction>,
    /// Contested names and the variant each article uses.
    pub naming: Vec<Naming>,
    /// Per article: loaded terms, scare quotes, attribution verbs, hedges.
    pub framing: Vec<Framing>,
    /// Facts an article leaves out that other independent origins report.
    pub omissions: Vec<Omission>,
    /// The facts in date order.
    pub timeline: Timeline,
    /// People one article names only by their role, resolved to the person
    /// another article names with that role.
    pub roles: Vec<RoleResolution>,
}

/// An article of the story.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// Its document id.
    pub id: String,
    /// Its short name.
    pub label: String,
    /// Its outlet's name.
    pub outlet: Option<String>,
    /// Its outlet's kind (`state`, `wire`, `commercial`, ... or `unknown`).
    pub outlet_kind: String,
    /// Its outlet's country (ISO 3166 alpha-2).
    pub outlet_country: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// Its independent origin.
    pub origin: usize,
}

/// An entity as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EntityRef {
    /// Its canonical id (`PRK`, `person:choe-son-hui`).
    pub id: String,
    /// Its canonical name.
    pub name: String,
}

/// Something that happened, as one or more articles report it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Fact {
    /// `F1`, `F2`, ... in the order of [`Comparison::facts`].
    pub id: String,
    /// The PLOVER event type.
    pub kind: String,
    /// The CAMEO code most mentions give.
    pub cameo: String,
    /// One line: "North Korea: grant diplomatic recognition → Donetsk
    /// People's Republic, Luhansk People's Republic".
    pub summary: String,
    /// Who acts.
    pub actors: Vec<EntityRef>,
    /// Who is acted on.
    pub targets: Vec<EntityRef>,
    /// When, as the articles that date it themselves say (`2022-07-13` or
    /// `2022-07-11/2022-07-17`); else the dates inferred from articles.
    pub date: Option<String>,
    /// Told as background: before the story's days.
    pub background: bool,
    /// Each place an article reports it.
    pub mentions: Vec<FactMention>,
    /// Who reports it, by independent origin.
    pub support: Support,
}

/// A statement several articles make outside any coded event.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Statement {
    /// `S1`, `S2`, ...
    pub id: String,
    /// The content words every mention has (at most 12).
    pub shared_words: Vec<String>,
    /// Each article's sentence.
    pub mentions: Vec<StatementMention>,
    /// Who makes it, by independent origin.
    pub support: Support,
}

/// One article's sentence of a statement.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatementMention {
    /// The document.
    pub doc: usize,
    /// The sentence.
    pub sentence: Span,
    /// Its text (at most 400 bytes).
    pub text: String,
    /// Inside a quote or reported speech: someone's claim, not the writer's.
    pub attributed: bool,
}

/// One article's report of a fact.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FactMention {
    /// The document.
    pub doc: usize,
    /// The sentence.
    pub sentence: Span,
    /// The words naming the action.
    pub trigger: Span,
    /// The sentence's text (at most 400 bytes).
    pub text: String,
    /// The CAMEO code of this mention.
    pub cameo: String,
    /// The days it gives.
    pub date: Option<String>,
    /// The date is the article's, not the sentence's.
    pub date_inferred: bool,
    /// The time expression that gives the date, when the sentence has one.
    pub date_words: Option<Span>,
    /// How the date bounds the fact: it happened on it, was reported on it
    /// (so happened then or before), or happened after or before it.
    pub date_relation: DateRelation,
    /// Whom the article attributes it to, when it is reported speech.
    pub attributed_to: Option<String>,
    /// How it stands to the fact's other mentions.
    pub relation: Relation,
    /// The coding rule.
    pub rule: String,
}

/// How a mention's date bounds its fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateRelation {
    /// "On Wednesday, Ukraine cut ties": it happened then.
    On,
    /// "..., state media reported Thursday": it was reported then, so it
    /// happened then or before.
    ReportedBy,
    /// "cut them off after Thursday's announcement": it happened later.
    After,
    /// "before the vote": it happened earlier.
    Before,
}

/// How a mention of a fact stands to the others (claim alignment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// Says what the others say, in the writer's voice.
    Same,
    /// Says it, but as someone's claim ("X said ...").
    Attributed,
    /// Says more: a finer code or a finer date than the fact's.
    MoreSpecific,
    /// Says less: a coarser code or date.
    LessSpecific,
    /// Gives a date the others contradict.
    Conflicting,
}

/// A fact's support.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Support {
    /// The documents reporting it.
    pub documents: Vec<usize>,
    /// Their outlets (names; `unknown` when not known), one each.
    pub outlets: Vec<String>,
    /// How many independent origins they come from.
    pub origins: usize,
    /// What that amounts to.
    pub verdict: Verdict,
    /// The verdict in words.
    pub note: String,
}

/// What a fact's support amounts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Two independent origins or more, not all state media of one party.
    Corroborated,
    /// Only state media of one country report it.
    OnePartyStateMedia,
    /// One origin (however many articles carry it).
    SingleOrigin,
}

/// Where articles disagree.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contradiction {
    /// What sort of disagreement.
    pub kind: ContradictionKind,
    /// What it is about.
    pub about: String,
    /// The fact it concerns, if one.
    pub fact: Option<String>,
    /// Each side, with its words.
    pub claims: Vec<Claim>,
    /// What explains the difference, when something does ("counting UN
    /// member states only").
    pub qualifier: Option<String>,
}

/// The kinds of contradiction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContradictionKind {
    /// The dates given for one fact do not overlap.
    Date,
    /// A count or rank ("the third country") against the actors reported.
    Count,
    /// An attribute of one entity (a person's gender from pronouns).
    Attribute,
    /// Different numbers of one thing for one fact ("12 people" against
    /// "15 people"); a later report of a larger toll is an update, not one.
    Number,
}

/// One side of a contradiction.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Claim {
    /// The document.
    pub doc: usize,
    /// What it says, in a few words.
    pub says: String,
    /// The words that say it.
    pub span: Span,
}

/// A contested name and the variants the articles use.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Naming {
    /// The place or entity ("Kyiv (capital of Ukraine)").
    pub concept: String,
    /// One row per (document, variant).
    pub uses: Vec<NameUse>,
}

/// One article's use of one variant.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NameUse {
    /// The document.
    pub doc: usize,
    /// The variant, as the table spells it.
    pub form: String,
    /// What the variant usually aligns with.
    pub note: String,
    /// How many times, in the writer's voice (outside direct quotes).
    pub count: usize,
    /// How many times inside quotation marks (others' words, or the
    /// writer's scare quotes).
    pub quoted: usize,
    /// How many times in photo captions (often an agency's words).
    pub captions: usize,
    /// The first use in the text (`[0, 0]` when only captions use it).
    pub first: Span,
}

/// How one article frames the story.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Framing {
    /// The document.
    pub doc: usize,
    /// Loaded terms, in text order.
    pub loaded: Vec<TermUse>,
    /// Words in quotation marks no one is reported as saying.
    pub scare_quotes: Vec<ScareQuoteUse>,
    /// The attribution verbs, with their stance, most used first.
    pub cues: Vec<CueUse>,
    /// Hedges, in text order.
    pub hedges: Vec<TermUse>,
}

/// A loaded term or hedge in an article.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TermUse {
    /// The lexicon's term.
    pub term: String,
    /// Its kind (`delegitimising`, `pejorative`, `label`, ...).
    pub kind: String,
    /// The lexicon's note.
    pub note: String,
    /// The phrase it sits in ("Kiev regime", "puppet of Washington").
    pub phrase: String,
    /// The phrase's span.
    pub span: Span,
    /// Whose voice: `own` (the writer's), `indirect` (inside reported
    /// speech without quotation marks) or `quoted` (inside quotation
    /// marks).
    pub voice: String,
}

/// A scare quote.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScareQuoteUse {
    /// The quoted words.
    pub text: String,
    /// Their span.
    pub span: Span,
    /// The rule that found it.
    pub rule: String,
}

/// An attribution verb's uses in one article.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CueUse {
    /// The verb, lower case ("said", "claimed").
    pub verb: String,
    /// Its stance (`neutral`, `endorsing`, `distancing`, `loaded`).
    pub stance: String,
    /// How many times.
    pub count: usize,
    /// The first use.
    pub first: Span,
}

/// A fact an article leaves out.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Omission {
    /// The article that leaves it out.
    pub doc: usize,
    /// The fact (`F2`).
    pub fact: String,
    /// The fact's summary.
    pub summary: String,
    /// How many other independent origins report it.
    pub origins: usize,
}

/// The facts in date order.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// The story's days (from its articles' dates), first and last.
    pub days: Option<[String; 2]>,
    /// Facts on or near the story's days.
    pub story: Vec<TimelineEntry>,
    /// Facts from before: what the articles give as background.
    pub background: Vec<TimelineEntry>,
}

/// One fact on the timeline.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimelineEntry {
    /// The fact.
    pub fact: String,
    /// Its date.
    pub date: String,
    /// Its summary.
    pub summary: String,
}

/// What a CAMEO code means in words ("grant diplomatic recognition" for
/// 054), for facts' summaries; the event coder's table in practice
/// (`parallax_events::cameo_label`), which this crate may not depend on.
pub type CameoLabels = fn(&str) -> Option<&'static str>;

/// Compares a story's articles; facts are summarised with their CAMEO codes
/// (see [`compare_with`] for words).
pub fn compare(sources: &[Source<'_>]) -> Comparison {
    compare_with(sources, |_| None)
}

/// Compares a story's articles, summarising facts with `labels`.
pub fn compare_with(sources: &[Source<'_>], labels: CameoLabels) -> Comparison {
    let documents = sources.iter().map(document).collect();
    let roles = roles::resolve(sources);
    let facts = facts::align(sources, &roles, labels);
    let omissions = facts::omissions(sources, &facts);
    let statements = statements::align(sources, &facts);
    let timeline = facts::timeline(sources, &facts);
    let mut contradictions = facts::date_contradictions(sources, &facts);
    contradictions.extend(contradictions::counts(sources, &facts));
    contradictions.extend(contradictions::numbers(sources, &facts));
    contradictions.extend(contradictions::statement_numbers(sources, &statements));
    contradictions.extend(contradictions::genders(sources));
    Comparison {
        documents,
        facts,
        statements,
        contradictions,
        naming: framing::naming(sources),
        framing: sources
            .iter()
            .enumerate()
            .map(|(i, s)| framing::framing(i, s))
            .collect(),
        omissions,
        timeline,
        roles: roles.list,
    }
}

fn document(source: &Source<'_>) -> Document {
    Document {
        id: source.id.to_string(),
        label: source.label.to_string(),
        outlet: source.outlet.map(|o| o.name.clone()),
        outlet_kind: source
            .outlet
            .map_or("unknown", |o| o.kind.as_str())
            .to_string(),
        outlet_country: source.outlet.and_then(|o| o.country.clone()),
        date: source.date.map(|d| d.to_string()),
        origin: source.origin,
    }
}

/// At most `max` bytes of `text`, cut at a char boundary, with "…" when cut.
fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", text[..end].trim_end())
}
