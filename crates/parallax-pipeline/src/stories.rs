//! Stories of a run: the articles grouped by the event they report, each
//! story with its copy lineage and its independent origins.

use std::collections::{BTreeMap, BTreeSet};

use parallax_core::{Modality, PartialDate};
use parallax_stories::{
    CopyDoc, CopyEdge, StoryDoc, StoryOptions, copy_edges, independent_origins,
};

use crate::{Annotated, Extracted};

/// One story of a run.
#[derive(Debug, Clone)]
pub struct RunStory {
    /// A stable id: `s-` and the short id of the article that opened it.
    pub id: String,
    /// Indexes into the run's articles, in the order they joined.
    pub members: Vec<usize>,
    /// The copy, wire, re-publication and citation edges among them (article
    /// ids are document ids).
    pub edges: Vec<CopyEdge>,
    /// The independent origins: each group's document ids and the outside
    /// sources it rests on.
    pub origins: Vec<(Vec<String>, Vec<String>)>,
    /// Why these articles are one story.
    pub why: Explanation,
}

/// Why articles are one story: what they share.
#[derive(Debug, Clone, Default)]
pub struct Explanation {
    /// Entities named by at least two members (and at least half of them):
    /// (name, how many members name it), most shared first, at most five.
    pub shared: Vec<(String, usize)>,
    /// The event most members report as done: a description ("SUPPORT 054
    /// PRK → DPR, LPR") and how many members report it.
    pub event: Option<(String, usize)>,
    /// The first and last of the members' dates.
    pub dates: Option<(PartialDate, PartialDate)>,
}

/// An event as a story's members report it: the members, its targets (with
/// the members naming each) and the sum of its first positions.
type Reported = (BTreeSet<usize>, BTreeMap<String, BTreeSet<usize>>, f64);

/// What a story's members share.
fn explain(members: &[usize], annotated: &[Annotated]) -> Explanation {
    let mut named: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    // (type, code, actors) → members reporting it, their targets, and how
    // early in each member it first comes (a share of the text).
    let mut events: BTreeMap<String, Reported> = BTreeMap::new();
    for &i in members {
        let a = &annotated[i].annotations;
        for e in a
            .entities
            .iter()
            .filter(|e| !e.id.starts_with("collective:"))
        {
            named.entry(e.name.clone()).or_default().insert(i);
        }
        for e in annotated[i]
            .events
            .iter()
            .filter(|e| e.modality == Modality::Asserted)
        {
            if e.actors.is_empty() {
                continue;
            }
            let actors: BTreeSet<&str> = e
                .actors
                .iter()
                .map(|p| a.entities[p.entity].id.as_str())
                .collect();
            let key = format!(
                "{} {} {}",
                e.kind.as_str(),
                e.cameo,
                actors.into_iter().collect::<Vec<_>>().join(", ")
            );
            let entry = events.entry(key).or_default();
            if entry.0.insert(i) {
                let length = annotated[i]
                    .annotations
                    .sentences
                    .last()
                    .map_or(1, |s| s.end().max(1));
                entry.2 += f64::from(e.trigger.start()) / f64::from(length);
            }
            for t in &e.targets {
                entry
                    .1
                    .entry(a.entities[t.entity].id.clone())
                    .or_default()
                    .insert(i);
            }
        }
    }
    let least = 2.max(members.len().div_ceil(2));
    let mut shared: Vec<(String, usize)> = named
        .into_iter()
        .map(|(name, docs)| (name, docs.len()))
        .filter(|&(_, n)| n >= least)
        .collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    shared.truncate(5);
    // The most reported; of equals, the one told earliest in its articles.
    let event = events
        .into_iter()
        .filter(|(_, (docs, _, _))| docs.len() >= 2)
        .map(|(key, (docs, targets, position))| {
            let n = docs.len();
            let targets: Vec<String> = targets
                .into_iter()
                .filter(|(_, with)| with.len() * 2 >= n)
                .map(|(id, _)| id)
                .collect();
            (
                format!("{key} → {}", targets.join(", ")),
                n,
                position / n as f64,
            )
        })
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)))
        .map(|(description, n, _)| (description, n));
    let mut days: Vec<PartialDate> = members.iter().filter_map(|&i| annotated[i].date).collect();
    days.sort_by_key(|d| d.to_days());
    let dates = days.first().copied().zip(days.last().copied());
    Explanation {
        shared,
        event,
        dates,
    }
}

/// Groups a run's articles into stories, with each story's copy lineage.
/// Document frequencies come from the run itself (with the clustering's
/// background prior).
pub fn stories(articles: &[Extracted], annotated: &[Annotated]) -> Vec<RunStory> {
    stories_with(articles, annotated, &[], None)
}

/// Like [`stories`], with a grouping decided before (stored `(article,
/// story id)` pairs in joining order): those articles stay in their stories,
/// which are rebuilt first; the others join them or open new ones. Pairs
/// naming an article not among `articles` are skipped. With an `embedder`,
/// each article's headline and lead are embedded and the similarity mixes
/// text and embedding ([`StoryOptions::with_embeddings`]); if embedding
/// fails, the text alone decides.
pub fn stories_with(
    articles: &[Extracted],
    annotated: &[Annotated],
    known: &[(parallax_core::DocId, String)],
    embedder: Option<&dyn parallax_core::SentenceEmbedder>,
) -> Vec<RunStory> {
    let docs: Vec<StoryDoc> = articles
        .iter()
        .zip(annotated)
        .map(|(a, n)| StoryDoc {
            id: a.article.doc.as_str().to_string(),
            text: a.article.text.clone(),
            entities: n
                .annotations
                .entities
                .iter()
                .filter(|e| !e.id.starts_with("collective:"))
                .map(|e| e.id.clone())
                .collect(),
            date: n.date,
            embedding: None,
        })
        .collect();
    let mut docs = docs;
    let leads: Vec<String> = articles
        .iter()
        .map(|a| {
            let title = a.article.meta.title.as_deref().unwrap_or("");
            parallax_stories::lead(&format!("{title}\n\n{}", a.article.text))
        })
        .collect();
    let embedded =
        embedder.and_then(|e| e.embed_texts(&leads.iter().map(String::as_str).collect::<Vec<_>>()));
    let options = match embedded {
        Some(vectors) => {
            for (d, v) in docs.iter_mut().zip(vectors) {
                d.embedding = Some(v);
            }
            StoryOptions::with_embeddings()
        }
        None => StoryOptions::default(),
    };
    let mut clusterer = options.build(docs.iter());
    let mut members: Vec<Vec<usize>> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    let position: BTreeMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut placed = vec![false; docs.len()];
    for (doc, story_id) in known {
        let Some(&i) = position.get(doc.as_str()) else {
            continue;
        };
        if placed[i] {
            continue;
        }
        let story = ids.iter().position(|s| s == story_id).unwrap_or_else(|| {
            ids.push(story_id.clone());
            ids.len() - 1
        });
        clusterer.assign(&docs[i], story);
        if members.len() <= story {
            members.resize(story + 1, Vec::new());
        }
        members[story].push(i);
        placed[i] = true;
    }
    for (i, doc) in docs.iter().enumerate() {
        if placed[i] {
            continue;
        }
        let story = clusterer.add(doc);
        if ids.len() <= story {
            ids.push(format!("s-{}", articles[i].article.doc.short()));
        }
        if members.len() <= story {
            members.resize(story + 1, Vec::new());
        }
        members[story].push(i);
    }
    // Articles of this run that opened a story alone may join one that grew
    // after them; stored articles stay where they are.
    let stored: std::collections::BTreeSet<&str> = known.iter().map(|(d, _)| d.as_str()).collect();
    for (doc, from, to) in clusterer.settle(|id| !stored.contains(id)) {
        let Some(&i) = position.get(doc.as_str()) else {
            continue;
        };
        members[from].retain(|&m| m != i);
        if members.len() <= to {
            members.resize(to + 1, Vec::new());
        }
        members[to].push(i);
    }
    let removed: Vec<String> = articles
        .iter()
        .map(|a| {
            a.article
                .removed
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect();
    members
        .into_iter()
        .zip(ids)
        .filter(|(m, _)| !m.is_empty())
        .map(|(members, id)| {
            let copy_docs: Vec<CopyDoc<'_>> = members
                .iter()
                .map(|&i| CopyDoc {
                    id: &docs[i].id,
                    text: &articles[i].article.text,
                    wire: articles[i].article.meta.wire.as_deref(),
                    removed: &removed[i],
                    date: docs[i].date,
                })
                .collect();
            let edges = copy_edges(&copy_docs);
            let origins = independent_origins(&copy_docs, &edges);
            let why = explain(&members, annotated);
            RunStory {
                id,
                members,
                edges,
                origins,
                why,
            }
        })
        .collect()
}
