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
    for story in stories {
        let outlets: std::collections::BTreeSet<String> = story
            .members
            .iter()
            .map(|&i| outlet_label(articles[i].article.meta.outlet.as_ref()))
            .collect();
        let _ = writeln!(
            out,
            "Story {}: {} articles, {} outlets, {} independent origins",
            story.id,
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
            dot_string(&format!("Story {}", story.id))
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

/// Text for SVG: the HTML escaping serves XML too (it drops the control
/// characters XML forbids).
fn xml(text: &str) -> String {
    crate::render::escape_html(text)
}

/// Colours of the edge kinds (colour-blind safe, Okabe-Ito).
fn edge_colour(kind: CopyKind) -> &'static str {
    match kind {
        CopyKind::Verbatim => "#D55E00",
        CopyKind::Edited => "#E69F00",
        CopyKind::Reworded => "#56B4E9",
        CopyKind::Wire => "#0072B2",
        CopyKind::Republished => "#CC79A7",
        CopyKind::Citation => "#009E73",
    }
}

/// One story's copy graph as a self-contained SVG picture: the outside
/// sources (wires, agencies, outlets) in a column on the left, the articles
/// in date order on the right, one arrow per edge coloured by its kind, and
/// each article's independent origin as a number beside it. Every text is
/// escaped.
pub(crate) fn svg(articles: &[Extracted], story: &RunStory) -> String {
    let mut sources: Vec<&str> = story
        .edges
        .iter()
        .filter_map(|e| match &e.from {
            Origin::Source(name) => Some(name.as_str()),
            Origin::Article(_) => None,
        })
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let mut members = story.members.clone();
    members.sort_by_key(|&i| {
        (
            articles[i]
                .article
                .meta
                .published
                .as_ref()
                .and_then(|p| p.date.to_days()),
            articles[i].article.doc.as_str().to_string(),
        )
    });
    let origin_of = |id: &str| {
        story
            .origins
            .iter()
            .position(|(ids, _)| ids.iter().any(|x| x == id))
            .map_or(0, |k| k + 1)
    };
    let (row, top, box_h) = (82.0_f64, 90.0_f64, 64.0_f64);
    let (source_x, article_x, box_w) = (30.0_f64, 420.0_f64, 360.0_f64);
    let rows = members.len().max(sources.len()).max(1) as f64;
    let height = top + rows * row + 60.0;
    let width = article_x + box_w + 80.0;
    let article_y = |k: usize| top + k as f64 * row;
    let source_y = |k: usize| top + k as f64 * row;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" font-family=\"sans-serif\" font-size=\"13\">"
    );
    let _ = writeln!(
        out,
        "<title>{}</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>",
        xml(&format!("Copy graph of story {}", story.id))
    );
    let _ = writeln!(
        out,
        "<text x=\"{source_x}\" y=\"30\" font-size=\"16\" font-weight=\"bold\">{}</text>",
        xml(&format!(
            "Story {}: {} articles, {} independent origins",
            story.id,
            story.members.len(),
            story.origins.len()
        ))
    );
    // Legend.
    let mut x = source_x;
    for kind in [
        CopyKind::Verbatim,
        CopyKind::Edited,
        CopyKind::Reworded,
        CopyKind::Wire,
        CopyKind::Republished,
        CopyKind::Citation,
    ] {
        let _ = writeln!(
            out,
            "<line x1=\"{x}\" y1=\"52\" x2=\"{}\" y2=\"52\" stroke=\"{}\" stroke-width=\"3\"/><text x=\"{}\" y=\"56\">{}</text>",
            x + 24.0,
            edge_colour(kind),
            x + 30.0,
            kind.as_str()
        );
        x += 40.0 + 8.0 * kind.as_str().len() as f64;
    }
    let _ = writeln!(
        out,
        "<defs>{}</defs>",
        [
            CopyKind::Verbatim,
            CopyKind::Edited,
            CopyKind::Wire,
            CopyKind::Republished,
            CopyKind::Citation
        ]
        .iter()
        .map(|&k| format!(
            "<marker id=\"arrow-{}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{}\"/></marker>",
            k.as_str(),
            edge_colour(k)
        ))
        .collect::<String>()
    );
    // Edges first, under the boxes.
    let article_row = |id: &str| {
        members
            .iter()
            .position(|&i| articles[i].article.doc.as_str() == id)
    };
    for edge in &story.edges {
        let Some(to) = article_row(&edge.to) else {
            continue;
        };
        let (x2, y2) = (article_x, article_y(to) + box_h / 2.0);
        let (x1, y1, bend) = match &edge.from {
            Origin::Source(name) => {
                let k = sources.iter().position(|s| s == name).unwrap_or(0);
                (source_x + 200.0, source_y(k) + box_h / 2.0, 0.0)
            }
            Origin::Article(id) => {
                let Some(from) = article_row(id) else {
                    continue;
                };
                // Between two articles: an arc on the right side.
                (article_x + box_w, article_y(from) + box_h / 2.0, 60.0)
            }
        };
        let colour = edge_colour(edge.kind);
        let label = xml(&edge.note);
        if bend > 0.0 {
            let x2 = article_x + box_w;
            let cx = x2 + bend;
            let _ = writeln!(
                out,
                "<path d=\"M{x1:.1},{y1:.1} C{cx:.1},{y1:.1} {cx:.1},{y2:.1} {x2:.1},{y2:.1}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2.5\" marker-end=\"url(#arrow-{})\"><title>{label}</title></path>",
                edge.kind.as_str()
            );
        } else {
            let _ = writeln!(
                out,
                "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{colour}\" stroke-width=\"2.5\" marker-end=\"url(#arrow-{})\"><title>{label}</title></line>",
                edge.kind.as_str()
            );
        }
    }
    for (k, name) in sources.iter().enumerate() {
        let y = source_y(k);
        let _ = writeln!(
            out,
            "<rect x=\"{source_x}\" y=\"{y}\" width=\"200\" height=\"{box_h}\" rx=\"24\" fill=\"#f2f2f2\" stroke=\"#555555\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            source_x + 100.0,
            y + box_h / 2.0 + 5.0,
            xml(&excerpt(name, 26))
        );
    }
    for (k, &i) in members.iter().enumerate() {
        let a = &articles[i].article;
        let y = article_y(k);
        let _ = writeln!(
            out,
            "<rect x=\"{article_x}\" y=\"{y}\" width=\"{box_w}\" height=\"{box_h}\" rx=\"4\" fill=\"#ffffff\" stroke=\"#222222\"/>"
        );
        let lines = [
            (
                "font-weight=\"bold\"",
                excerpt(&outlet_label(a.meta.outlet.as_ref()), 44),
            ),
            (
                "font-size=\"11\" fill=\"#444444\"",
                format!(
                    "{} · {}",
                    a.doc.short(),
                    date_label(a.meta.published.as_ref())
                ),
            ),
            (
                "fill=\"#222222\"",
                excerpt(a.meta.title.as_deref().unwrap_or("(no title)"), 46),
            ),
        ];
        for (n, (style, line)) in lines.iter().enumerate() {
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" {style}>{}</text>",
                article_x + 8.0,
                y + 18.0 + 18.0 * n as f64,
                xml(line)
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#444444\">{}</text>",
            article_x + box_w + 8.0,
            y + box_h / 2.0 + 4.0,
            xml(&format!("origin {}", origin_of(a.doc.as_str())))
        );
    }
    out.push_str("</svg>\n");
    out
}
