//! Issue 5 on the seeds: the five reports are one story; no two are
//! verbatim copies; 003 carries Yonhap's wire, 004 re-publishes Breitbart's
//! text; the articles that cite KCNA share that origin; the story says why
//! it is one.

use std::path::PathBuf;

use parallax_pipeline::PipelineOptions;
use parallax_pipeline::parallax_stories::{CopyKind, Origin};

#[test]
fn the_seeds_are_one_story_with_their_copy_lineage() {
    let shared = std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let pipeline = PipelineOptions::default().build();
    let run = pipeline.extract_all(&[shared.join("seeds").display().to_string()], &mut |_| {});
    let annotated = pipeline.annotate_all(&run.articles);
    assert_eq!(run.articles.len(), 5);
    let stories = parallax_pipeline::stories(&run.articles, &annotated);
    assert_eq!(
        stories.len(),
        1,
        "one story: {:?}",
        stories.iter().map(|s| &s.members).collect::<Vec<_>>()
    );
    let story = &stories[0];
    // Seed names by document id: "003" for 003_....txt.
    let seed = |doc: &str| {
        run.articles
            .iter()
            .find(|a| a.article.doc.as_str() == doc)
            .map(|a| a.origin.path.rsplit('/').next().unwrap_or("")[..3].to_string())
            .unwrap_or_default()
    };
    let has = |from: &str, to: &str, kind: CopyKind| {
        story
            .edges
            .iter()
            .any(|e| e.from == Origin::Source(from.into()) && seed(&e.to) == to && e.kind == kind)
    };
    assert!(
        !story.edges.iter().any(|e| e.kind == CopyKind::Verbatim),
        "no verbatim copies: {:#?}",
        story.edges
    );
    assert!(has("Yonhap", "003", CopyKind::Wire), "{:#?}", story.edges);
    assert!(
        has("Breitbart", "004", CopyKind::Republished),
        "{:#?}",
        story.edges
    );
    // The articles that name KCNA as their source.
    let kcna: Vec<String> = story
        .edges
        .iter()
        .filter(|e| e.from == Origin::Source("KCNA".into()))
        .map(|e| seed(&e.to))
        .collect();
    assert!(
        kcna.contains(&"001".to_string()) && kcna.contains(&"004".to_string()),
        "{kcna:?}"
    );
    // Why it is one story: the event all five report, North Korea
    // recognising the two republics.
    let (event, n) = story.why.event.clone().expect("a shared event");
    assert_eq!((event.as_str(), n), ("SUPPORT 054 PRK → DPR, LPR", 5));
}
