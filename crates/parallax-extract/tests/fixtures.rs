//! Golden snapshots of extraction, one per file under `test_data/{text,html}/{ok,err}`.
//!
//! Each snapshot shows the article's metadata with its evidence, the body, the
//! captions and what was removed (with its kind), then the diagnostics. Files
//! in `ok/` must give an article and no error; files in `err/` must give an
//! error. Before snapshotting, the invariants are checked: paragraph ranges lie
//! inside the text, in order, on char boundaries.

// Tests read their fixture files; the stage itself does no I/O (clippy.toml).
#![allow(clippy::disallowed_methods)]

use std::fmt::Write;
use std::path::Path;

use parallax_core::{Article, DocId, Media, Origin, RawDoc, Severity};
use parallax_extract::{ExtractOptions, Extracted};

fn render(extracted: &Extracted) -> String {
    let mut out = String::new();
    if let Some(article) = &extracted.article {
        check_invariants(article);
        render_article(article, &mut out);
    }
    out.push_str("## Diagnostics\n");
    for diagnostic in &extracted.diagnostics {
        let _ = writeln!(
            out,
            "{}: {}",
            diagnostic.severity.as_str(),
            diagnostic.message
        );
    }
    out
}

fn render_article(article: &Article, out: &mut String) {
    let meta = &article.meta;
    out.push_str("## Article\n");
    let field = |out: &mut String, name: &str, value: Option<String>| {
        if let Some(value) = value {
            let _ = writeln!(out, "{name}: {value}");
        }
    };
    field(out, "title", meta.title.clone());
    field(out, "standfirst", meta.standfirst.clone());
    field(out, "byline", meta.byline.clone());
    field(out, "wire", meta.wire.clone());
    field(out, "dateline", meta.dateline.clone());
    let stamp = |s: &parallax_core::DateStamp| {
        format!(
            "{} ({}, from {}: {:?})",
            s.date,
            s.precision().as_str(),
            s.source.as_str(),
            s.evidence
        )
    };
    field(out, "published", meta.published.as_ref().map(stamp));
    field(out, "modified", meta.modified.as_ref().map(stamp));
    let outlet = meta.outlet.as_ref().map(|o| {
        format!(
            "{} ({}, {}) from {}: {:?}",
            o.name,
            o.kind.as_str(),
            o.country.as_deref().unwrap_or("-"),
            o.evidence.as_str(),
            o.evidence_text
        )
    });
    let _ = writeln!(
        out,
        "outlet: {}",
        outlet.unwrap_or_else(|| "unknown".into())
    );
    field(out, "language", meta.language.clone());
    out.push_str("## Body\n");
    for paragraph in article.paragraph_texts() {
        let _ = writeln!(out, "{paragraph}");
    }
    out.push_str("## Captions\n");
    for caption in &article.captions {
        let _ = writeln!(out, "{caption}");
    }
    out.push_str("## Removed\n");
    for removed in &article.removed {
        let _ = writeln!(out, "[{}] {}", removed.kind.as_str(), removed.text);
    }
}

fn check_invariants(article: &Article) {
    let mut previous_end = 0;
    for range in &article.paragraphs {
        let (start, end) = (range.start() as usize, range.end() as usize);
        assert!(
            start >= previous_end && end <= article.text.len(),
            "range {start}..{end} out of order or bounds"
        );
        assert!(
            article.text.is_char_boundary(start) && article.text.is_char_boundary(end),
            "range {start}..{end} splits a char"
        );
        assert!(
            !range.slice(&article.text).trim().is_empty(),
            "empty paragraph"
        );
        previous_end = end;
    }
}

fn run_dir(dir: &Path, media: Media, expect_ok: bool) {
    let extractor = ExtractOptions::default().build();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let raw = RawDoc {
            id: DocId::from_hex(name.clone()),
            origin: Origin::file(name.clone()),
            media,
            bytes: std::fs::read(&file).unwrap(),
        };
        let extracted = extractor.extract(&raw);
        let has_error = extracted
            .diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error);
        assert_eq!(!has_error, expect_ok, "{name}: {:?}", extracted.diagnostics);
        let kind = if expect_ok { "ok" } else { "err" };
        insta::assert_snapshot!(
            format!("{}_{kind}_{name}", media.as_str()),
            render(&extracted)
        );
    }
}

fn test_data() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data")
}

#[test]
fn text_ok() {
    run_dir(&test_data().join("text/ok"), Media::Text, true);
}

#[test]
fn text_err() {
    run_dir(&test_data().join("text/err"), Media::Text, false);
}

#[test]
fn html_ok() {
    run_dir(&test_data().join("html/ok"), Media::Html, true);
}
