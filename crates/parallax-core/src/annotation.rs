//! Annotations on an article: spans of `Article::text` with what they mean.
//! Time expressions come first; entities and quotes join them.

use crate::{PartialDate, TextRange};

/// Everything the language layer found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    /// Time expressions, in text order.
    pub dates: Vec<DateMention>,
    /// Attributed statements, in text order.
    pub quotes: Vec<Quote>,
}

/// How a statement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Words in quotation marks.
    Direct,
    /// Reported speech: "X said that ...".
    Indirect,
    /// "According to X, ...".
    AccordingTo,
}

impl QuoteKind {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::AccordingTo => "according-to",
        }
    }
}

/// What the reporting verb says about the reporter's stance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueStance {
    /// "said", "told", "added".
    Neutral,
    /// "noted", "explained", "confirmed": the reporter takes the words as true.
    Endorsing,
    /// "claimed", "alleged", "insisted": the reporter keeps a distance.
    Distancing,
    /// "admitted", "boasted", "conceded", "slammed": the verb judges.
    Loaded,
}

impl CueStance {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            CueStance::Neutral => "neutral",
            CueStance::Endorsing => "endorsing",
            CueStance::Distancing => "distancing",
            CueStance::Loaded => "loaded",
        }
    }
}

/// An attributed statement: who said what, with which verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The words reported.
    pub content: TextRange,
    /// The reporting verb or phrase ("said", "according to").
    pub cue: TextRange,
    /// Who is reported, as written ("Foreign Minister Dmytro Kuleba", "he").
    pub source: Option<TextRange>,
    /// How it is reported.
    pub kind: QuoteKind,
    /// What the cue says about the reporter's stance.
    pub stance: CueStance,
    /// The rule that found it.
    pub rule: &'static str,
}

/// How exact a resolved time expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    /// One day ("on Wednesday", "July 13").
    Day,
    /// A week ("last week").
    Week,
    /// A part of a month ("late June").
    PartOfMonth,
    /// A month ("June 2022", "last month").
    Month,
    /// A quarter, half or part of a year ("early 2023", "Q1").
    PartOfYear,
    /// A year ("in 2014").
    Year,
    /// A decade ("the 1990s").
    Decade,
}

impl Granularity {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::PartOfMonth => "part-of-month",
            Granularity::Month => "month",
            Granularity::PartOfYear => "part-of-year",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
        }
    }
}

/// What a time expression was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeRelation {
    /// It names its date itself ("July 13, 2022").
    Absolute,
    /// Relative to the article's date ("on Wednesday", "last week", "July 13").
    Deictic,
    /// Relative to the date mentioned before it ("the previous day").
    Anaphoric,
}

impl TimeRelation {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeRelation::Absolute => "absolute",
            TimeRelation::Deictic => "deictic",
            TimeRelation::Anaphoric => "anaphoric",
        }
    }
}

/// An interval of whole days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateInterval {
    /// The first day.
    pub start: PartialDate,
    /// The last day.
    pub end: PartialDate,
}

/// A time expression in the text and the days it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Where it is in `Article::text`.
    pub range: TextRange,
    /// The days it means; `None` when it is relative and nothing anchors it.
    pub value: Option<DateInterval>,
    /// How exact it is.
    pub granularity: Granularity,
    /// What it was resolved against.
    pub relation: TimeRelation,
    /// The rule that found it, for explanations and debugging.
    pub rule: &'static str,
}
