//! Facts: events from different articles aligned as one, with their
//! support, the omissions they reveal and the timeline they make.

use std::collections::{BTreeMap, BTreeSet};

use parallax_core::{DateInterval, Event, Modality, PartialDate};

use crate::roles::Roles;
use crate::{
    Claim, Contradiction, ContradictionKind, DateRelation, EntityRef, Fact, FactMention, Omission,
    Relation, Source, Support, Timeline, TimelineEntry, Verdict, clip, span,
};

/// Reports of one fact further apart than this many days are two facts
/// (the same action done twice); closer, a date contradiction.
const SAME_FACT_DAYS: i64 = 7;

/// A fact whose days end this long before the story's first day is
/// background.
const BACKGROUND_DAYS: i64 = 7;

/// One event of one article, ready to align.
struct Item<'a> {
    doc: usize,
    event: &'a Event,
    actors: BTreeSet<&'a str>,
    targets: BTreeSet<&'a str>,
    /// The targets and the states of the people among them: "to his DPR
    /// counterpart" and "to Olga Makayeva" (of the DPR) can be one target.
    target_scope: BTreeSet<&'a str>,
    /// First and last day, when dated.
    days: Option<(i64, i64)>,
    /// Dated by its own sentence (not the article's date).
    explicit: bool,
    /// The time expression that gives that date, when explicit.
    date_words: Option<parallax_core::TextRange>,
    /// How that date bounds the event (`On` when there are no such words).
    relation: DateRelation,
}

fn days(interval: Option<DateInterval>) -> Option<(i64, i64)> {
    let i = interval?;
    Some((i.start.to_days()?, i.end.to_days()?))
}

fn day_label((start, end): (i64, i64)) -> String {
    let show = |d: i64| PartialDate::from_days(d).map_or_else(|| d.to_string(), |p| p.to_string());
    if start == end {
        show(start)
    } else {
        format!("{}/{}", show(start), show(end))
    }
}

/// Days between two intervals (0 when they overlap).
fn gap(a: (i64, i64), b: (i64, i64)) -> i64 {
    (b.0 - a.1).max(a.0 - b.1).max(0)
}

/// CAMEO codes that report one action: equal, or two manners of one
/// conflictual action (110 disapprove and 111 criticise share root 11).
/// Cooperative roots (01-09) hold different actions (051 praise, 054
/// recognise) and must be equal.
fn codes_match(a: &str, b: &str) -> bool {
    a == b || (a.get(..2) == b.get(..2) && a.get(..2).is_some_and(|r| r >= "10"))
}

fn items<'a>(sources: &[Source<'a>], roles: &Roles<'a>) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    for (doc, s) in sources.iter().enumerate() {
        // A role another article names resolves to its person.
        let ids = |ps: &[parallax_core::Participant]| -> BTreeSet<&'a str> {
            ps.iter()
                .filter_map(|p| s.annotations.entities.get(p.entity))
                .map(|e| roles.id(e.id.as_str()))
                .collect()
        };
        for event in s.events {
            if !matches!(event.modality, Modality::Asserted | Modality::Background)
                || event.actors.is_empty()
            {
                continue;
            }
            let explicit = !event.date_inferred && event.date.is_some();
            let event_days = days(event.date);
            let date_words = explicit
                .then(|| date_words(s, event.sentence, event_days))
                .flatten();
            let relation =
                date_words.map_or(DateRelation::On, |w| bound(s.text, event.sentence, w));
            // "Russia and Syria recognised them": each actor did it, and
            // each is a fact of its own (they may have done it on
            // different days).
            let targets = ids(&event.targets);
            let target_scope = targets
                .iter()
                .copied()
                .chain(
                    targets
                        .iter()
                        .filter(|t| t.starts_with("person:") || t.starts_with("role:"))
                        .filter_map(|t| roles.country(t)),
                )
                .collect::<BTreeSet<_>>();
            for actor in ids(&event.actors) {
                out.push(Item {
                    doc,
                    event,
                    actors: BTreeSet::from([actor]),
                    targets: targets.clone(),
                    target_scope: target_scope.clone(),
                    days: event_days,
                    explicit,
                    date_words,
                    relation,
                });
            }
        }
    }
    out
}

/// Whether two items can report one fact.
fn compatible(a: &Item<'_>, b: &Item<'_>) -> bool {
    if !codes_match(a.event.cameo, b.event.cameo) || a.actors.is_disjoint(&b.actors) {
        return false;
    }
    let targets_fit = match (a.targets.is_empty(), b.targets.is_empty()) {
        (false, false) => !a.target_scope.is_disjoint(&b.target_scope),
        (true, true) => true,
        _ => a.event.cameo == b.event.cameo,
    };
    let dates_fit = match (a.explicit, b.explicit, a.days, b.days) {
        (true, true, Some(x), Some(y)) => gap(x, y) <= SAME_FACT_DAYS,
        _ => true,
    };
    targets_fit && dates_fit
}

/// The story's first and last day, from its articles' dates.
fn story_days(sources: &[Source<'_>]) -> Option<(i64, i64)> {
    let days: Vec<i64> = sources
        .iter()
        .filter_map(|s| s.date.and_then(PartialDate::to_days))
        .collect();
    Some((*days.iter().min()?, *days.iter().max()?))
}

/// Groups the articles' events into facts, most widely supported first.
pub(crate) fn align<'a>(
    sources: &[Source<'a>],
    roles: &Roles<'a>,
    labels: crate::CameoLabels,
) -> Vec<Fact> {
    let mut items = items(sources, roles);
    // Self-dated reports first, so that a fact's dates come from them and
    // an article-dated report joins the fact its dates allow.
    items.sort_by_key(|i| (!i.explicit, i.days.map(|d| d.0)));
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let home = groups.iter().position(|g| {
            g.iter().any(|&m| compatible(&items[m], item))
                && g.iter()
                    .filter(|&&m| items[m].explicit)
                    .all(|&m| compatible(&items[m], item))
        });
        match home {
            Some(g) => groups[g].push(n),
            None => groups.push(vec![n]),
        }
    }
    let story = story_days(sources);
    let mut facts: Vec<Fact> = groups
        .iter()
        .map(|g| fact(sources, &items, g, story, labels))
        .collect();
    facts.sort_by(|a, b| {
        b.support
            .origins
            .cmp(&a.support.origins)
            .then(b.support.documents.len().cmp(&a.support.documents.len()))
            .then(a.background.cmp(&b.background))
            .then(a.date.cmp(&b.date))
            .then(a.summary.cmp(&b.summary))
    });
    for (n, f) in facts.iter_mut().enumerate() {
        f.id = format!("F{}", n + 1);
    }
    facts
}

/// The most common of `values` (the first of equals in order).
fn most_common<T: Ord + Clone>(values: impl IntoIterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    let mut order = Vec::new();
    for v in values {
        let c = counts.entry(v.clone()).or_default();
        if *c == 0 {
            order.push(v);
        }
        *c += 1;
    }
    order
        .into_iter()
        .max_by(|a, b| counts[a].cmp(&counts[b]).then(b.cmp(a)))
}

fn entity_refs<'a, 'b>(
    sources: &[Source<'_>],
    items: &'b [Item<'a>],
    group: &[usize],
    pick: impl Fn(&'b Item<'a>) -> &'b BTreeSet<&'a str>,
) -> Vec<EntityRef> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut names: BTreeMap<&str, String> = BTreeMap::new();
    let with = group
        .iter()
        .filter(|&&m| !pick(&items[m]).is_empty())
        .count();
    for &m in group {
        for id in pick(&items[m]) {
            *counts.entry(id).or_default() += 1;
            // The name the reporting article gives, else (a role resolved
            // to a person another article names) the first article's.
            names.entry(id).or_insert_with(|| {
                let here = &sources[items[m].doc];
                std::iter::once(here)
                    .chain(sources)
                    .flat_map(|s| &s.annotations.entities)
                    .find(|e| e.id == *id)
                    .map_or_else(|| id.to_string(), |e| e.name.clone())
            });
        }
    }
    let top = counts.values().copied().max().unwrap_or(0);
    let mut kept: Vec<(&str, usize)> = counts
        .into_iter()
        .filter(|&(_, c)| c * 2 >= with || c == top)
        .collect();
    kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    kept.into_iter()
        .map(|(id, _)| EntityRef {
            id: id.to_string(),
            name: names.remove(id).unwrap_or_default(),
        })
        .collect()
}

fn fact(
    sources: &[Source<'_>],
    items: &[Item<'_>],
    group: &[usize],
    story: Option<(i64, i64)>,
    labels: crate::CameoLabels,
) -> Fact {
    let cameo = most_common(group.iter().map(|&m| items[m].event.cameo)).unwrap_or("");
    let kind = group
        .iter()
        .map(|&m| items[m].event)
        .find(|e| e.cameo == cameo)
        .map_or("", |e| e.kind.as_str());
    let actors = entity_refs(sources, items, group, |i| &i.actors);
    let targets = entity_refs(sources, items, group, |i| &i.targets);
    // The date the self-dated reports give: the narrowest, of equals the
    // most common; without any, the most common article date.
    // Dates the sentences give as the day it happened come first; dates of
    // a report ("state media reported Thursday") or bounds only when no
    // sentence gives one.
    let on: Vec<(i64, i64)> = group
        .iter()
        .filter(|&&m| items[m].explicit && items[m].relation == DateRelation::On)
        .filter_map(|&m| items[m].days)
        .collect();
    let explicit: Vec<(i64, i64)> = if on.is_empty() {
        group
            .iter()
            .filter(|&&m| items[m].explicit)
            .filter_map(|&m| items[m].days)
            .collect()
    } else {
        on
    };
    let date = if explicit.is_empty() {
        most_common(group.iter().filter_map(|&m| items[m].days))
    } else {
        let narrowest = explicit.iter().map(|d| d.1 - d.0).min().unwrap_or(0);
        most_common(explicit.iter().copied().filter(|d| d.1 - d.0 == narrowest))
    };
    let background = group
        .iter()
        .all(|&m| items[m].event.modality == Modality::Background)
        || matches!((date, story), (Some(d), Some(s)) if d.1 < s.0 - BACKGROUND_DAYS);
    let summary = summary(&actors, labels(cameo).unwrap_or(cameo), &targets);
    let mentions = group
        .iter()
        .map(|&m| mention(sources, &items[m], cameo, date))
        .collect::<Vec<_>>();
    let support = support(sources, &mentions);
    Fact {
        id: String::new(),
        kind: kind.to_string(),
        cameo: cameo.to_string(),
        summary,
        actors,
        targets,
        date: date.map(day_label),
        background,
        mentions,
        support,
    }
}

fn summary(actors: &[EntityRef], action: &str, targets: &[EntityRef]) -> String {
    let names = |refs: &[EntityRef]| {
        refs.iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if targets.is_empty() {
        format!("{}: {action}", names(actors))
    } else {
        format!("{}: {action} → {}", names(actors), names(targets))
    }
}

fn mention(
    sources: &[Source<'_>],
    item: &Item<'_>,
    fact_cameo: &str,
    fact_date: Option<(i64, i64)>,
) -> FactMention {
    let s = &sources[item.doc];
    let e = item.event;
    let attributed_to = e
        .reported_by
        .and_then(|i| s.annotations.entities.get(i))
        .map(|x| x.name.clone());
    let (words, date_relation) = (item.date_words, item.relation);
    let relation = if attributed_to.is_some() {
        Relation::Attributed
    } else if let (true, Some(mine), Some(theirs)) = (item.explicit, item.days, fact_date)
        && mine != theirs
        && conflicts((mine, date_relation), (theirs, DateRelation::On))
    {
        Relation::Conflicting
    } else if e.cameo != fact_cameo && fact_cameo.ends_with('0') {
        Relation::MoreSpecific
    } else if e.cameo != fact_cameo && e.cameo.ends_with('0') {
        Relation::LessSpecific
    } else if let (true, Some(mine), Some(theirs)) = (item.explicit, item.days, fact_date)
        && mine.1 - mine.0 > theirs.1 - theirs.0
    {
        Relation::LessSpecific
    } else {
        Relation::Same
    };
    FactMention {
        doc: item.doc,
        sentence: span(e.sentence),
        trigger: span(e.trigger),
        text: clip(e.sentence.slice(s.text), 400),
        cameo: e.cameo.to_string(),
        date: item.days.map(day_label),
        date_inferred: !item.explicit,
        date_words: words.map(span),
        date_relation,
        attributed_to,
        relation,
        rule: e.rule.to_string(),
    }
}

fn outlet_name(s: &Source<'_>) -> String {
    s.outlet
        .map_or_else(|| "unknown".to_string(), |o| o.name.clone())
}

fn support(sources: &[Source<'_>], mentions: &[FactMention]) -> Support {
    support_of(sources, mentions.iter().map(|m| m.doc))
}

/// The support of something the documents `docs` report.
pub(crate) fn support_of(sources: &[Source<'_>], docs: impl Iterator<Item = usize>) -> Support {
    let documents: Vec<usize> = docs.collect::<BTreeSet<_>>().into_iter().collect();
    let outlets: Vec<String> = documents
        .iter()
        .map(|&d| outlet_name(&sources[d]))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let origins = documents
        .iter()
        .map(|&d| sources[d].origin)
        .collect::<BTreeSet<_>>()
        .len();
    let state_of: BTreeSet<Option<&str>> = documents
        .iter()
        .map(|&d| {
            sources[d]
                .outlet
                .filter(|o| o.kind == parallax_core::OutletKind::State)
                .and_then(|o| o.country.as_deref())
        })
        .collect();
    let one_party = match state_of.iter().next() {
        Some(Some(country)) if state_of.len() == 1 => Some(*country),
        _ => None,
    };
    let (verdict, note) = match (one_party, origins) {
        (Some(country), _) => (
            Verdict::OnePartyStateMedia,
            format!("reported only by state media of {country}"),
        ),
        (None, n) if n >= 2 => (
            Verdict::Corroborated,
            format!("confirmed by {n} independent origins"),
        ),
        _ => (
            Verdict::SingleOrigin,
            if documents.len() > 1 {
                format!(
                    "single origin ({} articles from one source)",
                    documents.len()
                )
            } else {
                "single source".to_string()
            },
        ),
    };
    Support {
        documents,
        outlets,
        origins,
        verdict,
        note,
    }
}

/// Facts of the story's days that two or more independent origins other
/// than an article's own report, and the article does not.
pub(crate) fn omissions(sources: &[Source<'_>], facts: &[Fact]) -> Vec<Omission> {
    let mut out = Vec::new();
    for (doc, s) in sources.iter().enumerate() {
        for f in facts.iter().filter(|f| !f.background) {
            if f.support.documents.contains(&doc) {
                continue;
            }
            let others = f
                .support
                .documents
                .iter()
                .map(|&d| sources[d].origin)
                .filter(|&o| o != s.origin)
                .collect::<BTreeSet<_>>()
                .len();
            if others >= 2 {
                out.push(Omission {
                    doc,
                    fact: f.id.clone(),
                    summary: f.summary.clone(),
                    origins: others,
                });
            }
        }
    }
    out
}

/// The facts in date order, background apart.
pub(crate) fn timeline(sources: &[Source<'_>], facts: &[Fact]) -> Timeline {
    let mut story = Vec::new();
    let mut background = Vec::new();
    for f in facts {
        let Some(date) = &f.date else {
            continue;
        };
        let entry = TimelineEntry {
            fact: f.id.clone(),
            date: date.clone(),
            summary: f.summary.clone(),
        };
        if f.background {
            background.push(entry);
        } else {
            story.push(entry);
        }
    }
    story.sort_by(|a, b| a.date.cmp(&b.date).then(a.fact.cmp(&b.fact)));
    background.sort_by(|a, b| a.date.cmp(&b.date).then(a.fact.cmp(&b.fact)));
    Timeline {
        days: story_days(sources).map(|(a, b)| {
            let d = |x| PartialDate::from_days(x).map_or_else(String::new, |p| p.to_string());
            [d(a), d(b)]
        }),
        story,
        background,
    }
}

/// Words before a time expression that make it the date of a report
/// ("state media reported Thursday", "announced on Thursday, via its state
/// news agency, that it recognizes").
const REPORTING: &[&str] = &[
    "reported",
    "reports",
    "announced",
    "announces",
    "said",
    "says",
    "according",
    "media",
    "agency",
    "told",
    "stated",
    "statement",
    "confirmed",
    "published",
    "quoted",
];

/// How the time expression at `words` bounds the event of `sentence`.
fn bound(
    text: &str,
    sentence: parallax_core::TextRange,
    words: parallax_core::TextRange,
) -> DateRelation {
    let before = text
        .get(sentence.start() as usize..words.start() as usize)
        .unwrap_or("")
        .to_lowercase();
    let last: Vec<&str> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(5)
        .collect();
    let near = |n: usize| last.iter().take(n).copied().collect::<Vec<_>>();
    let closest = near(2);
    if closest
        .iter()
        .any(|w| matches!(*w, "after" | "following" | "since"))
    {
        DateRelation::After
    } else if closest.iter().any(|w| matches!(*w, "before" | "ahead")) {
        DateRelation::Before
    } else if near(5).iter().any(|w| REPORTING.contains(w)) {
        DateRelation::ReportedBy
    } else {
        DateRelation::On
    }
}

/// Whether two dated reports of one fact cannot both be right.
fn conflicts(a: ((i64, i64), DateRelation), b: ((i64, i64), DateRelation)) -> bool {
    use DateRelation::{After, Before, On, ReportedBy};
    let one_way =
        |(x, rx): ((i64, i64), DateRelation), (y, ry): ((i64, i64), DateRelation)| match (rx, ry) {
            (On, On) => gap(x, y) > 0,
            // It happened on x, but was reported on y, before x.
            (On, ReportedBy) => x.0 > y.1,
            // It happened on x, but after y, which is later.
            (On, After) => x.1 < y.0,
            (On, Before) => x.0 >= y.0,
            _ => false,
        };
    one_way(a, b) || one_way(b, a)
}

/// Self-dated reports of one fact that cannot all be right: days that do
/// not overlap, a day after the day it was reported, a day before the
/// event it is said to follow.
pub(crate) fn date_contradictions(sources: &[Source<'_>], facts: &[Fact]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for f in facts {
        let dated: Vec<(&FactMention, (i64, i64))> = f
            .mentions
            .iter()
            .filter(|m| !m.date_inferred)
            .filter_map(|m| Some((m, parse_days(m.date.as_deref()?)?)))
            .collect();
        let against = |m: &FactMention, x: (i64, i64)| {
            dated.iter().any(|(n, y)| {
                n.doc != m.doc && conflicts((x, m.date_relation), (*y, n.date_relation))
            })
        };
        if !dated.iter().any(|(m, x)| against(m, *x)) {
            continue;
        }
        let mut seen = BTreeSet::new();
        let claims = dated
            .iter()
            // Every self-dated report, consistent ones too: the reader sees
            // the whole picture, not only the two ends.
            .filter(|(m, x)| seen.insert((m.doc, *x)))
            .map(|(m, d)| {
                let s = &sources[m.doc];
                let at = m.date_words.unwrap_or(m.trigger);
                let words = parallax_core::TextRange::new(at[0], at[1]).slice(s.text);
                let how = match m.date_relation {
                    DateRelation::On => "on",
                    DateRelation::ReportedBy => "reported on",
                    DateRelation::After => "after",
                    DateRelation::Before => "before",
                };
                Claim {
                    doc: m.doc,
                    says: format!("\"{words}\": {how} {}", day_label(*d)),
                    span: at,
                }
            })
            .collect();
        out.push(Contradiction {
            kind: ContradictionKind::Date,
            about: format!("when: {}", f.summary),
            fact: Some(f.id.clone()),
            claims,
            qualifier: None,
        });
    }
    out
}

fn parse_days(label: &str) -> Option<(i64, i64)> {
    let (a, b) = label.split_once('/').unwrap_or((label, label));
    Some((
        PartialDate::parse_iso(a)?.to_days()?,
        PartialDate::parse_iso(b)?.to_days()?,
    ))
}

/// The time expression in `sentence` that gives the days `want`.
fn date_words(
    source: &Source<'_>,
    sentence: parallax_core::TextRange,
    want: Option<(i64, i64)>,
) -> Option<parallax_core::TextRange> {
    source
        .annotations
        .dates
        .iter()
        .filter(|d| sentence.contains_range(d.range))
        .find(|d| days(d.value) == want)
        .map(|d| d.range)
}
