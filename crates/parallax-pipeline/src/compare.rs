//! A story of a run, compared across its articles (see `parallax-compare`).

use parallax_compare::{Comparison, Source};

use crate::{Annotated, Extracted, RunStory};

/// A short name for an article in tables: its file's name without the
/// extension for a file holding one document, else its short id.
pub fn article_label(article: &Extracted) -> String {
    if article.origin.record.is_some() || article.origin.path == "-" {
        return article.article.doc.short().to_string();
    }
    let name = article
        .origin
        .path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(&article.origin.path);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    if stem.is_empty() {
        article.article.doc.short().to_string()
    } else {
        stem.to_string()
    }
}

/// Compares the members of `story` (indexes into `articles` and
/// `annotated`): facts, support by independent origin, contradictions,
/// framing, omissions and timeline. The comparison's documents are the
/// story's members in the story's order.
pub fn compare_story(
    articles: &[Extracted],
    annotated: &[Annotated],
    story: &RunStory,
) -> Comparison {
    let labels: Vec<String> = story
        .members
        .iter()
        .map(|&i| article_label(&articles[i]))
        .collect();
    let sources: Vec<Source<'_>> = story
        .members
        .iter()
        .zip(&labels)
        .map(|(&i, label)| {
            let article = &articles[i].article;
            let id = article.doc.as_str();
            let origin = story
                .origins
                .iter()
                .position(|(docs, _)| docs.iter().any(|d| d == id))
                .unwrap_or(story.origins.len() + i);
            Source {
                id,
                label,
                outlet: article.meta.outlet.as_ref(),
                text: &article.text,
                captions: &article.captions,
                date: annotated[i].date,
                annotations: &annotated[i].annotations,
                events: &annotated[i].events,
                origin,
            }
        })
        .collect();
    parallax_compare::compare_with(&sources, parallax_events::cameo_label)
}
