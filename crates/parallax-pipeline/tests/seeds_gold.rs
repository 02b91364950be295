//! Acceptance: extraction on `../shared/seeds` agrees with `GOLD.toml`.
//!
//! The expectations are read from GOLD.toml itself; none is copied here.
//! Text is compared after folding quotes and white space, as GOLD.toml says.

use std::path::PathBuf;

use parallax_core::{OutletKind, fold_for_compare};
use parallax_pipeline::{Extracted, PipelineOptions};
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    article: Vec<GoldArticle>,
}

#[derive(Deserialize)]
struct GoldArticle {
    file: String,
    outlet: String,
    outlet_kind: String,
    country: String,
    title: String,
    published: String,
    language: String,
    body_first: String,
    body_last: String,
    note_body_last: Option<String>,
    wire: Option<String>,
    byline: Option<String>,
    not_body: Vec<String>,
    captions: Vec<String>,
}

fn shared_dir() -> PathBuf {
    std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn strip_by(text: &str) -> String {
    let folded = fold_for_compare(text);
    folded
        .strip_prefix("By ")
        .map(str::to_string)
        .unwrap_or(folded)
}

fn check_article(gold: &GoldArticle, got: &Extracted) -> Vec<String> {
    let mut errors = Vec::new();
    let meta = &got.article.meta;
    let mut expect = |what: &str, want: String, have: String| {
        if want != have {
            errors.push(format!("{what}: want {want:?}, have {have:?}"));
        }
    };
    expect(
        "title",
        fold_for_compare(&gold.title),
        fold_for_compare(meta.title.as_deref().unwrap_or("")),
    );
    expect(
        "published",
        gold.published.clone(),
        meta.published
            .as_ref()
            .map(|p| p.date.to_string())
            .unwrap_or_default(),
    );
    expect(
        "outlet",
        gold.outlet.clone(),
        meta.outlet
            .as_ref()
            .map(|o| o.name.clone())
            .unwrap_or_default(),
    );
    let kind = meta.outlet.as_ref().map_or(OutletKind::Unknown, |o| o.kind);
    expect(
        "outlet_kind",
        gold.outlet_kind.clone(),
        kind.as_str().to_string(),
    );
    expect(
        "country",
        gold.country.clone(),
        meta.outlet
            .as_ref()
            .and_then(|o| o.country.clone())
            .unwrap_or_default(),
    );
    expect(
        "language",
        gold.language.clone(),
        meta.language.clone().unwrap_or_default(),
    );
    if let Some(wire) = &gold.wire {
        expect("wire", wire.clone(), meta.wire.clone().unwrap_or_default());
    }
    if let Some(byline) = &gold.byline {
        expect(
            "byline",
            strip_by(byline),
            strip_by(meta.byline.as_deref().unwrap_or("")),
        );
    }
    let body = fold_for_compare(&got.article.text);
    if !body.starts_with(&fold_for_compare(&gold.body_first)) {
        errors.push(format!(
            "body_first: body starts {:?}",
            body.chars().take(80).collect::<String>()
        ));
    }
    let last = fold_for_compare(&gold.body_last);
    let ends_right =
        body.ends_with(&last) || (gold.note_body_last.is_some() && body.contains(&last));
    if !ends_right {
        let tail: String = body
            .chars()
            .rev()
            .take(80)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        errors.push(format!("body_last: body ends {tail:?}"));
    }
    for line in &gold.not_body {
        if body.contains(&fold_for_compare(line)) {
            errors.push(format!("not_body line in body: {line:?}"));
        }
    }
    for caption in &gold.captions {
        let caption = fold_for_compare(caption);
        if body.contains(&caption) {
            errors.push(format!("caption in body: {caption:?}"));
        }
        if !got
            .article
            .captions
            .iter()
            .any(|c| fold_for_compare(c).starts_with(&caption))
        {
            errors.push(format!("caption not kept: {caption:?}"));
        }
    }
    errors
}

#[test]
fn seeds_match_gold() {
    let seeds = shared_dir().join("seeds");
    let gold: Gold = toml::from_str(
        &std::fs::read_to_string(seeds.join("GOLD.toml")).expect("GOLD.toml is readable"),
    )
    .expect("GOLD.toml parses");
    let pipeline = PipelineOptions::default().build();
    let run = pipeline.extract_all(&[seeds.display().to_string()], &mut |_| {});
    assert_eq!(
        run.articles.len(),
        gold.article.len(),
        "diagnostics: {:?}",
        run.diagnostics
    );
    let mut failures = Vec::new();
    for gold_article in &gold.article {
        let got = run
            .articles
            .iter()
            .find(|a| a.origin.path.ends_with(&gold_article.file));
        let Some(got) = got else {
            failures.push(format!("{}: no article", gold_article.file));
            continue;
        };
        for error in check_article(gold_article, got) {
            failures.push(format!("{}: {error}", gold_article.file));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn sequential_and_parallel_runs_agree() {
    let seeds = shared_dir().join("seeds").display().to_string();
    let run = |threads| {
        let pipeline = PipelineOptions {
            threads: Some(threads),
            batch_size: Some(2),
            ..PipelineOptions::default()
        }
        .build();
        let report = pipeline.extract_all(std::slice::from_ref(&seeds), &mut |_| {});
        report
            .articles
            .into_iter()
            .map(|e| e.article)
            .collect::<Vec<_>>()
    };
    assert_eq!(run(1), run(4));
}
