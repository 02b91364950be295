//! `parallax serve`: the stored stories, compared once, handed to the web
//! app (`parallax-server`) as a snapshot.

use std::collections::BTreeSet;

use parallax_pipeline::{Extracted, RunReport, RunStory};
use parallax_server::{ArticleEntry, Snapshot, StoryEntry};

use crate::report::{self, StoryReport};

/// Every story with its comparison, summary, JSON and page; every article
/// of them with its text and what extraction removed.
pub(crate) fn snapshot(
    articles: &[Extracted],
    annotated: &[parallax_pipeline::Annotated],
    stories: &[RunStory],
) -> Snapshot {
    let empty = RunReport::default();
    let mut entries: Vec<StoryEntry> = stories
        .iter()
        .filter(|s| !s.members.is_empty())
        .map(|story| {
            let reported = StoryReport {
                story,
                comparison: parallax_pipeline::compare_story(articles, annotated, story),
            };
            let one = std::slice::from_ref(&reported);
            let members: Vec<&parallax_core::Article> = story
                .members
                .iter()
                .map(|&i| &articles[i].article)
                .collect();
            let days: BTreeSet<String> = members
                .iter()
                .filter_map(|a| a.meta.published.as_ref())
                .filter(|p| p.date.day.is_some())
                .map(|p| p.date.to_string())
                .collect();
            let set = |f: &dyn Fn(&parallax_core::Article) -> Option<String>| -> Vec<String> {
                members
                    .iter()
                    .filter_map(|a| f(a))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect()
            };
            StoryEntry {
                id: story.id.clone(),
                title: members
                    .iter()
                    .find_map(|a| a.meta.title.clone())
                    .unwrap_or_else(|| "(no title)".into()),
                counts: report::counts(articles, story),
                first_day: days.first().cloned(),
                last_day: days.last().cloned(),
                outlets: set(&|a| a.meta.outlet.as_ref().map(|o| o.name.clone())),
                outlet_kinds: set(&|a| a.meta.outlet.as_ref().map(|o| o.kind.as_str().to_string())),
                countries: set(&|a| a.meta.outlet.as_ref().and_then(|o| o.country.clone())),
                languages: set(&|a| a.meta.language.clone()),
                articles: members.iter().map(|a| a.doc.as_str().to_string()).collect(),
                detail: report::json(&empty, articles, one)["stories"][0].clone(),
                page: report::html(&empty, articles, one),
            }
        })
        .collect();
    // Newest first; undated last.
    entries.sort_by(|a, b| b.last_day.cmp(&a.last_day).then_with(|| a.id.cmp(&b.id)));
    let mut out_articles = Vec::new();
    for story in stories {
        for &i in &story.members {
            let a = &articles[i].article;
            out_articles.push(ArticleEntry {
                id: a.doc.as_str().to_string(),
                title: a.meta.title.clone().unwrap_or_else(|| "(no title)".into()),
                outlet: a
                    .meta
                    .outlet
                    .as_ref()
                    .map_or_else(|| "unknown".into(), |o| o.name.clone()),
                date: a.meta.published.as_ref().map(|p| p.date.to_string()),
                url: a.meta.url.clone(),
                language: a.meta.language.clone(),
                text: a.text.clone(),
                removed: a
                    .removed
                    .iter()
                    .map(|r| (r.kind.as_str().to_string(), r.text.clone()))
                    .collect(),
                story: Some(story.id.clone()),
            });
        }
    }
    Snapshot {
        stories: entries,
        articles: out_articles,
    }
}
