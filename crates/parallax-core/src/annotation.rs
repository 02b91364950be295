//! Annotations on an article: spans of `Article::text` with what they mean.
//! Time expressions come first; entities and quotes join them.

use crate::{PartialDate, TextRange};

/// Everything the language layer found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    /// Time expressions, in text order.
    pub dates: Vec<DateMention>,
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
