//! `parallax stories`: the run's stories, each with its articles, copy
//! lineage and independent origins, as text or as a Graphviz DOT graph.

use std::fmt::Write as _;

use parallax_pipeline::parallax_stories::{CopyKind, Origin};
use parallax_pipeline::{Extracted, RunStory};

use crate::render::{date_label, excerpt, outlet_label};

/// The evidence an edge points at, as written.
fn evidence(
    articles: &[Extracted],
    story: &RunStory,
    edge: &parallax_pipeline::parallax_stories::CopyEdge,
) -> String {
    let Some(&i) = story
        .members
        .iter()
        .find(|&&i| articles[i].article.doc.as_str() == edge.to)
    else {
        return edge.note.clone();
    };
    let article = &articles[i].article;
    let text = match edge.kind {
        CopyKind::Republished => article
            .removed
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => article.text.clone(),
    };
    match edge.span.and_then(|(s, e)| text.get(s..e)) {
        Some(words) => format!("{}: \"{}\"", edge.note, excerpt(words, 80)),
        None => edge.note.clone(),
    }
}

fn short(articles: &[Extracted], id: &str) -> String {
    articles
        .iter()
        .find(|a| a.article.doc.as_str() == id)
        .map_or_else(
            || id.chars().take(12).collect(),
            |a| a.article.doc.short().to_string(),
        )
}

/// The stories as text.
pub(crate) fn text(articles: &[Extracted], stories: &[RunStory]) -> String {
    let mut out = String::new();
    for (n, story) in stories.iter().enumerate() {
        let outlets: std::collections::BTreeSet<String> = story
            .members
            .iter()
            .map(|&i| outlet_label(articles[i].article.meta.outlet.as_ref()))
            .collect();
        let _ = writeln!(
            out,
            "Story {}: {} articles, {} outlets, {} independent origins",
            n + 1,
            story.members.len(),
            outlets.len(),
            story.origins.len()
        );
        let why = &story.why;
        let mut reasons = Vec::new();
        if !why.shared.is_empty() {
            reasons.push(format!(
                "they name {}",
                why.shared
                    .iter()
                    .map(|(name, n)| format!("{name} ({n})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some((event, n)) = &why.event {
            reasons.push(format!("{n} report {event}"));
        }
        if let Some((first, last)) = why.dates {
            reasons.push(if first == last {
                format!("dated {first}")
            } else {
                format!("dated {first} to {last}")
            });
        }
        if !reasons.is_empty() {
            let _ = writeln!(out, "  why one story: {}", reasons.join("; "));
        }
        for &i in &story.members {
            let meta = &articles[i].article.meta;
            let _ = writeln!(
                out,
                "  {}  {:<10}  {:<30}  {}",
                articles[i].article.doc.short(),
                date_label(meta.published.as_ref()),
                excerpt(&outlet_label(meta.outlet.as_ref()), 30),
                excerpt(meta.title.as_deref().unwrap_or("(no title)"), 70)
            );
        }
        if !story.edges.is_empty() {
            let _ = writeln!(out, "  copy lineage:");
            for edge in &story.edges {
                let from = match &edge.from {
                    Origin::Article(id) => short(articles, id),
                    Origin::Source(name) => name.clone(),
                };
                let _ = writeln!(
                    out,
                    "    {from} --{}--> {}  ({})",
                    edge.kind.as_str(),
                    short(articles, &edge.to),
                    evidence(articles, story, edge)
                );
            }
        }
        let _ = writeln!(out, "  independent origins:");
        for (k, (ids, sources)) in story.origins.iter().enumerate() {
            let ids: Vec<String> = ids.iter().map(|id| short(articles, id)).collect();
            let _ = writeln!(
                out,
                "    {}. {}{}",
                k + 1,
                ids.join(", "),
                if sources.is_empty() {
                    String::new()
                } else {
                    format!("  <- {}", sources.join(", "))
                }
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{} stories", stories.len());
    out
}

/// A DOT string literal.
fn dot_string(text: &str) -> String {
    let escaped: String = text
        .chars()
        .flat_map(|c| match c {
            '"' => vec!['\\', '"'],
            '\\' => vec!['\\', '\\'],
            '\n' | '\r' => vec![' '],
            c => vec![c],
        })
        .collect();
    format!("\"{escaped}\"")
}

/// The copy graphs of all stories, one cluster each, as Graphviz DOT.
pub(crate) fn dot(articles: &[Extracted], stories: &[RunStory]) -> String {
    let mut out = String::from(
        "digraph copies {\n  rankdir=LR;\n  node [shape=box, fontname=\"sans-serif\"];\n",
    );
    for (n, story) in stories.iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph cluster_{n} {{\n    label={};",
            dot_string(&format!("Story {}", n + 1))
        );
        for &i in &story.members {
            let a = &articles[i].article;
            let label = format!(
                "{}\n{}\n{}",
                a.doc.short(),
                outlet_label(a.meta.outlet.as_ref()),
                date_label(a.meta.published.as_ref())
            );
            let _ = writeln!(
                out,
                "    {} [label={}];",
                dot_string(a.doc.as_str()),
                dot_string(&label)
            );
        }
        for edge in &story.edges {
            let from = match &edge.from {
                Origin::Article(id) => dot_string(id),
                Origin::Source(name) => dot_string(&format!("source:{name}")),
            };
            if let Origin::Source(name) = &edge.from {
                let _ = writeln!(
                    out,
                    "    {from} [label={}, shape=ellipse];",
                    dot_string(name)
                );
            }
            let _ = writeln!(
                out,
                "    {from} -> {} [label={}];",
                dot_string(&edge.to),
                dot_string(edge.kind.as_str())
            );
        }
        out.push_str("  }\n");
    }
    out.push_str("}\n");
    out
}
