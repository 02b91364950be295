//! Time expressions on the seeds, against the acceptance points of issue 3
//! that extraction and the time annotator can meet on their own.

use std::path::PathBuf;

use parallax_annotate::annotate_times;
use parallax_pipeline::PipelineOptions;

fn seeds() -> String {
    let shared = std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    shared.join("seeds").display().to_string()
}

#[test]
fn the_previous_day_in_the_yonhap_copy_is_july_13() {
    let run = PipelineOptions::default()
        .build()
        .extract_all(&[seeds()], &mut |_| {});
    let yonhap = run
        .articles
        .iter()
        .find(|a| a.article.meta.wire.as_deref() == Some("Yonhap"))
        .expect("the Yonhap copy");
    let anchor = yonhap.article.meta.published.as_ref().map(|p| p.date);
    let mentions = annotate_times(&yonhap.article.text, anchor);
    let previous_day = mentions
        .iter()
        .find(|m| m.range.slice(&yonhap.article.text) == "the previous day")
        .expect("'the previous day' is found");
    let value = previous_day
        .value
        .expect("resolved against the publication date");
    assert_eq!(
        (value.start.to_string(), value.end.to_string()),
        ("2022-07-13".into(), "2022-07-13".into())
    );
}

#[test]
fn weekdays_without_an_anchor_stay_unresolved() {
    // The seed without a publication date: "On Wednesday" has no anchor yet.
    // FIXME(issue 3): resolve it from the range the article's own dates allow
    // and the story's other reports (GOLD: 2022-07-13).
    let run = PipelineOptions::default()
        .build()
        .extract_all(&[seeds()], &mut |_| {});
    let undated = run
        .articles
        .iter()
        .find(|a| a.article.meta.published.is_none() && a.article.meta.title.is_none())
        .expect("the undated seed");
    let mentions = annotate_times(&undated.article.text, None);
    let wednesday = mentions
        .iter()
        .find(|m| m.range.slice(&undated.article.text) == "Wednesday")
        .expect("'Wednesday' is found");
    assert_eq!(wednesday.value, None);
}
