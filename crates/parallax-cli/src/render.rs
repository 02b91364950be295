//! Rendering runs and articles as terminal text, Markdown, JSON and HTML.
//!
//! The JSON written here is the CLI's export format: its field names are ours
//! to keep stable, so they are spelled out here rather than derived from core
//! types. Everything put into HTML is escaped.

use std::fmt::Write;

use parallax_core::{Article, DateStamp, Outlet};
use parallax_pipeline::{Extracted, RunReport};
use parallax_store::StoredArticle;

pub(crate) fn run_summary(report: &RunReport) -> String {
    format!(
        "{} documents read, {} articles extracted, {} stored, {} already stored, {} failed",
        report.n_documents,
        report.articles.len(),
        report.n_stored,
        report.n_duplicates,
        report.n_failed
    )
}

pub(crate) fn outlet_label(outlet: Option<&Outlet>) -> String {
    match outlet {
        Some(o) => {
            let country = o
                .country
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default();
            format!("{} ({}{country})", o.name, o.kind.as_str())
        }
        None => "unknown".into(),
    }
}

pub(crate) fn date_label(stamp: Option<&DateStamp>) -> String {
    match stamp {
        Some(s) => {
            let time = s
                .time
                .map(|(h, m)| format!(" {h:02}:{m:02}"))
                .unwrap_or_default();
            format!("{}{time}", s.date)
        }
        None => "none stated".into(),
    }
}

pub(crate) fn excerpt(text: &str, max_chars: usize) -> String {
    let first = text.split("\n\n").next().unwrap_or("");
    if first.chars().count() <= max_chars {
        return first.to_string();
    }
    let cut: String = first.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

pub(crate) fn article_table(stored: &[StoredArticle]) -> String {
    let mut out = format!(
        "{:<12}  {:<10}  {:<28}  {:<24}  {}\n",
        "id", "published", "outlet", "file", "title"
    );
    for item in stored {
        let meta = &item.article.meta;
        let _ = writeln!(
            out,
            "{:<12}  {:<10}  {:<28}  {:<24}  {}",
            item.article.doc.short(),
            meta.published
                .as_ref()
                .map_or("-".into(), |p| p.date.to_string()),
            truncate(&outlet_label(meta.outlet.as_ref()), 28),
            truncate(file_name(&item.origin.location()), 24),
            meta.title.as_deref().unwrap_or("(no title)")
        );
    }
    let _ = writeln!(out, "{} articles", stored.len());
    out
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

/// Metadata lines shared by `show` and the text report.
fn meta_lines(article: &Article) -> Vec<(&'static str, String)> {
    let meta = &article.meta;
    let mut lines = vec![(
        "title",
        meta.title.clone().unwrap_or_else(|| "(none)".into()),
    )];
    if let Some(standfirst) = &meta.standfirst {
        lines.push(("standfirst", standfirst.clone()));
    }
    let outlet = match &meta.outlet {
        Some(o) => format!(
            "{} [from {}: {:?}]",
            outlet_label(Some(o)),
            o.evidence.as_str(),
            o.evidence_text
        ),
        None => "unknown (nothing on the page names it)".into(),
    };
    lines.push(("outlet", outlet));
    let published = match &meta.published {
        Some(p) => format!(
            "{} ({} precision) [from {}: {:?}]",
            date_label(Some(p)),
            p.precision().as_str(),
            p.source.as_str(),
            p.evidence
        ),
        None => "none stated".into(),
    };
    lines.push(("published", published));
    if let Some(modified) = &meta.modified {
        lines.push((
            "modified",
            format!(
                "{} [from {}: {:?}]",
                date_label(Some(modified)),
                modified.source.as_str(),
                modified.evidence
            ),
        ));
    }
    for (label, value) in [
        ("byline", &meta.byline),
        ("wire", &meta.wire),
        ("dateline", &meta.dateline),
        ("url", &meta.url),
        ("language", &meta.language),
    ] {
        if let Some(value) = value {
            lines.push((label, value.clone()));
        }
    }
    let words = article.text.split_whitespace().count();
    lines.push((
        "body",
        format!(
            "{} paragraphs, {words} words, {} captions, {} boilerplate pieces removed",
            article.paragraphs.len(),
            article.captions.len(),
            article.removed.len()
        ),
    ));
    lines
}

pub(crate) fn show_article(stored: &StoredArticle) -> String {
    let article = &stored.article;
    let mut out = format!(
        "document {}\nsource   {} ({})\n",
        article.doc,
        stored.origin.location(),
        stored.media
    );
    for (label, value) in meta_lines(article) {
        let _ = writeln!(out, "{label:<10} {value}");
    }
    out.push_str("\n--- body\n");
    for paragraph in article.paragraph_texts() {
        let _ = writeln!(out, "{paragraph}\n");
    }
    if !article.captions.is_empty() {
        out.push_str("--- captions\n");
        for caption in &article.captions {
            let _ = writeln!(out, "{caption}");
        }
        out.push('\n');
    }
    if !article.removed.is_empty() {
        out.push_str("--- removed\n");
        for removed in &article.removed {
            let _ = writeln!(
                out,
                "[{}] {}",
                removed.kind.as_str(),
                truncate(&removed.text, 120)
            );
        }
    }
    out
}

pub(crate) fn failed_lines(report: &RunReport) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity >= parallax_core::Severity::Warning)
        .map(ToString::to_string)
        .collect()
}

fn stamp_json(stamp: Option<&DateStamp>) -> serde_json::Value {
    match stamp {
        Some(s) => serde_json::json!({
            "date": s.date.to_string(),
            "time": s.time.map(|(h, m)| format!("{h:02}:{m:02}")),
            "precision": s.precision().as_str(),
            "source": s.source.as_str(),
            "evidence": s.evidence,
        }),
        None => serde_json::Value::Null,
    }
}

pub(crate) fn article_json(item: &Extracted) -> serde_json::Value {
    let article = &item.article;
    let meta = &article.meta;
    serde_json::json!({
        "id": article.doc.as_str(),
        "source": { "path": item.origin.path, "record": item.origin.record, "url": item.origin.url, "media": item.media },
        "title": meta.title,
        "standfirst": meta.standfirst,
        "byline": meta.byline,
        "wire": meta.wire,
        "dateline": meta.dateline,
        "published": stamp_json(meta.published.as_ref()),
        "modified": stamp_json(meta.modified.as_ref()),
        "outlet": meta.outlet.as_ref().map(|o| serde_json::json!({
            "name": o.name, "domain": o.domain, "country": o.country, "kind": o.kind.as_str(),
            "evidence": o.evidence.as_str(), "evidence_text": o.evidence_text,
        })),
        "url": meta.url,
        "language": meta.language,
        "text": article.text,
        "paragraphs": article.paragraphs.iter().map(|r| [r.start(), r.end()]).collect::<Vec<_>>(),
        "captions": article.captions,
        "removed": article.removed.iter().map(|r| serde_json::json!({"kind": r.kind.as_str(), "text": r.text})).collect::<Vec<_>>(),
    })
}

pub(crate) use parallax_core::escape_html;
