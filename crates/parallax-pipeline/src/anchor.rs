//! The date an article is read against. A page without a publication date
//! (seed 002 is one) still says "on Wednesday"; it is read against the date of
//! the earliest dated article in the run that names the same actors and is
//! not older than the latest date the undated article itself reports.
//!
//! A weekday names a day of the story's own week: read against a lender that
//! is too early, "on Friday" falls a week before anything the lenders report
//! (seed 002's Friday statement would become the Friday before the
//! recognition it answers). So the lenders are tried in date order, and the
//! first under which no weekday of the undated article falls before the
//! lenders' earliest recent day (a day they date within a week of their own
//! publication) is kept; when none fits, the earliest.
//!
//! This stands in until stories exist (issue 5): it is a cheap, explained
//! guess, and every borrowed date names the article it came from.

use std::collections::{HashMap, HashSet};

use parallax_core::{Annotations, DocId, EntityKind, Granularity, PartialDate, TimeRelation};

use crate::Extracted;

/// Where the date an article was annotated against came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateAnchor {
    /// Its own publication date.
    Published,
    /// The publication date of another article of the run.
    Borrowed {
        /// The article lent its date.
        from: DocId,
        /// How many actors the two name in common.
        shared: usize,
    },
    /// No date: relative expressions stay unresolved.
    Unknown,
}

/// Actors shared with an article before its date can be borrowed.
const MIN_SHARED: usize = 3;
/// ... and as a share of the actors either names.
const MIN_JACCARD: f64 = 0.25;
/// Actors named by more dated articles than this are too common to link two.
const MAX_POSTINGS: usize = 5_000;

fn actors(annotations: &Annotations) -> HashSet<&str> {
    annotations
        .entities
        .iter()
        .filter(|e| !matches!(e.kind, EntityKind::Place) && !e.id.starts_with("role:"))
        .map(|e| e.id.as_str())
        .collect()
}

/// The latest day the article reports by an absolute date.
fn latest_reported(annotations: &Annotations) -> Option<i64> {
    annotations
        .dates
        .iter()
        .filter(|d| d.relation == TimeRelation::Absolute)
        .filter_map(|d| d.value?.end.to_days())
        .max()
}

/// Lenders tried for one undated article, at most.
pub(crate) const MAX_LENDERS: usize = 4;
/// A lender's dates this many days before its publication or fewer are
/// "recent": the days of the story it tells.
const RECENT_DAYS: i64 = 7;

/// The dates an article may be read against, best first: its own, or the
/// dates of up to [`MAX_LENDERS`] lenders in date order.
pub(crate) struct Candidates {
    pub(crate) anchors: Vec<(Option<PartialDate>, DateAnchor)>,
    /// The earliest recent day the lenders report (days since the epoch).
    pub(crate) story_start: Option<i64>,
}

/// The earliest day an article dates within [`RECENT_DAYS`] before its
/// publication.
fn earliest_recent(annotations: &Annotations, published: i64) -> Option<i64> {
    annotations
        .dates
        .iter()
        .filter(|d| d.granularity == Granularity::Day)
        .filter_map(|d| d.value?.start.to_days())
        .filter(|&day| day <= published && published - day <= RECENT_DAYS)
        .min()
}

/// Whether no weekday of `annotations` falls before `story_start`.
pub(crate) fn weekdays_fit(annotations: &Annotations, story_start: Option<i64>) -> bool {
    let Some(start) = story_start else {
        return true;
    };
    annotations
        .dates
        .iter()
        .filter(|d| d.rule == "weekday")
        .filter_map(|d| d.value?.end.to_days())
        .all(|day| day >= start)
}

pub(crate) fn anchors(articles: &[Extracted], annotations: &[Annotations]) -> Vec<Candidates> {
    let dates: Vec<Option<PartialDate>> = articles
        .iter()
        .map(|e| e.article.meta.published.as_ref().map(|p| p.date))
        .collect();
    let sets: Vec<HashSet<&str>> = annotations.iter().map(actors).collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, set) in sets.iter().enumerate() {
        if dates[i].and_then(|d| d.to_days()).is_some() {
            for &id in set {
                postings.entry(id).or_default().push(i);
            }
        }
    }
    (0..articles.len())
        .map(|i| {
            if let Some(date) = dates[i] {
                return Candidates {
                    anchors: vec![(Some(date), DateAnchor::Published)],
                    story_start: None,
                };
            }
            let floor = latest_reported(&annotations[i]);
            let mut shared: HashMap<usize, usize> = HashMap::new();
            for id in &sets[i] {
                let Some(list) = postings.get(id) else {
                    continue;
                };
                if list.len() > MAX_POSTINGS {
                    continue;
                }
                for &j in list {
                    *shared.entry(j).or_default() += 1;
                }
            }
            let mut lenders: Vec<(i64, usize, usize)> = shared
                .into_iter()
                .filter(|&(j, n)| {
                    let union = sets[i].len() + sets[j].len() - n;
                    n >= MIN_SHARED && n as f64 / union.max(1) as f64 >= MIN_JACCARD
                })
                .filter_map(|(j, n)| Some((dates[j]?.to_days()?, j, n)))
                .filter(|&(day, _, _)| floor.is_none_or(|f| day >= f))
                .collect();
            lenders.sort_unstable();
            lenders.truncate(MAX_LENDERS);
            if lenders.is_empty() {
                return Candidates {
                    anchors: vec![(None, DateAnchor::Unknown)],
                    story_start: None,
                };
            }
            let story_start = lenders
                .iter()
                .filter_map(|&(day, j, _)| earliest_recent(&annotations[j], day))
                .min();
            Candidates {
                anchors: lenders
                    .into_iter()
                    .map(|(_, j, n)| {
                        (
                            dates[j],
                            DateAnchor::Borrowed {
                                from: articles[j].article.doc.clone(),
                                shared: n,
                            },
                        )
                    })
                    .collect(),
                story_start,
            }
        })
        .collect()
}
