//! Stories of a run: the articles grouped by the event they report, each
//! story with its copy lineage and its independent origins.

use parallax_stories::{
    CopyDoc, CopyEdge, StoryDoc, StoryOptions, copy_edges, independent_origins,
};

use crate::{Annotated, Extracted};

/// One story of a run.
#[derive(Debug, Clone)]
pub struct RunStory {
    /// Indexes into the run's articles, in the order they joined.
    pub members: Vec<usize>,
    /// The copy, wire, re-publication and citation edges among them (article
    /// ids are document ids).
    pub edges: Vec<CopyEdge>,
    /// The independent origins: each group's document ids and the outside
    /// sources it rests on.
    pub origins: Vec<(Vec<String>, Vec<String>)>,
}

/// Groups a run's articles into stories, with each story's copy lineage.
/// Document frequencies come from the run itself (with the clustering's
/// background prior).
pub fn stories(articles: &[Extracted], annotated: &[Annotated]) -> Vec<RunStory> {
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
        })
        .collect();
    let mut clusterer = StoryOptions::default().build(docs.iter());
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        let story = clusterer.add(doc);
        if members.len() <= story {
            members.resize(story + 1, Vec::new());
        }
        members[story].push(i);
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
        .filter(|m| !m.is_empty())
        .map(|members| {
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
            RunStory {
                members,
                edges,
                origins,
            }
        })
        .collect()
}
