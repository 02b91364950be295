//! Issue 5 on the seeds: the five reports are one story; no two are
//! verbatim copies; 003 carries Yonhap's wire, 004 re-publishes Breitbart's
//! text; the articles that cite KCNA share that origin.

use std::path::PathBuf;

use parallax_pipeline::PipelineOptions;
use parallax_stories::{CopyDoc, CopyKind, Origin, StoryDoc, StoryOptions, copy_edges};

#[test]
fn the_seeds_are_one_story_with_their_copy_lineage() {
    let shared = std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let pipeline = PipelineOptions::default().build();
    let run = pipeline.extract_all(&[shared.join("seeds").display().to_string()], &mut |_| {});
    let annotated = pipeline.annotate_all(&run.articles);
    let short = |path: &str| path.rsplit('/').next().unwrap_or("")[..3].to_string();
    let docs: Vec<StoryDoc> = run
        .articles
        .iter()
        .zip(&annotated)
        .map(|(a, n)| StoryDoc {
            id: short(&a.origin.path),
            text: a.article.text.clone(),
            entities: n
                .annotations
                .entities
                .iter()
                .map(|e| e.id.clone())
                .collect(),
            date: n.date,
        })
        .collect();
    assert_eq!(docs.len(), 5);
    let mut stories = StoryOptions::default().build(docs.iter());
    let found: Vec<usize> = docs.iter().map(|d| stories.add(d)).collect();
    assert!(found.iter().all(|&s| s == found[0]), "one story: {found:?}");

    let removed: Vec<String> = run
        .articles
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
    let copy_docs: Vec<CopyDoc<'_>> = run
        .articles
        .iter()
        .zip(&docs)
        .zip(&removed)
        .map(|((a, d), removed)| CopyDoc {
            id: &d.id,
            text: &a.article.text,
            wire: a.article.meta.wire.as_deref(),
            removed,
            date: d.date,
        })
        .collect();
    let edges = copy_edges(&copy_docs);
    let has = |from: &str, to: &str, kind: CopyKind| {
        edges
            .iter()
            .any(|e| e.from == Origin::Source(from.into()) && e.to == to && e.kind == kind)
    };
    assert!(
        !edges.iter().any(|e| e.kind == CopyKind::Verbatim),
        "no verbatim copies: {edges:#?}"
    );
    assert!(has("Yonhap", "003", CopyKind::Wire), "{edges:#?}");
    assert!(has("Breitbart", "004", CopyKind::Republished), "{edges:#?}");
    // The articles that name KCNA as their source.
    let kcna: Vec<&str> = edges
        .iter()
        .filter(|e| e.from == Origin::Source("KCNA".into()))
        .map(|e| e.to.as_str())
        .collect();
    assert!(kcna.contains(&"001") && kcna.contains(&"004"), "{kcna:?}");
}
