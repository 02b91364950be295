//! `parallax bench report`: the whole report, from files to rendered text,
//! on 1,000 articles from 50 stories.
//!
//! The articles are built from BASIL's first 50 triplets (Fox News, the New
//! York Times and HuffPost on one story each, read from ../shared/data):
//! each story has its three real reports and 17 rewrites of them, each a
//! real report with every fourth (fifth, sixth...) sentence left out, under
//! another outlet's name, dated up to two days later: what a story looks
//! like when wires, aggregators and re-writers pick it up. They are written
//! to a JSONL file in a temporary folder and reported on with a fresh SQLite
//! store, as `parallax report FILE` would.

use std::io::Write as _;
use std::path::Path;
use std::time::Instant;

use parallax_pipeline::Pipeline;

use parallax_eval::BasilArticle as Real;

/// BASIL's first `triplets` complete triplets, in the order of their uuids.
fn basil(data: &Path, triplets: usize) -> anyhow::Result<Vec<Vec<Real>>> {
    let mut by_triplet: std::collections::BTreeMap<String, Vec<Real>> = Default::default();
    for article in parallax_eval::basil_articles(data)? {
        by_triplet
            .entry(article.triplet.clone())
            .or_default()
            .push(article);
    }
    Ok(by_triplet
        .into_values()
        .filter(|t| t.len() == 3)
        .take(triplets)
        .collect())
}

/// The day `days` after a date, as ISO text (empty when there is none).
fn later(date: Option<parallax_core::PartialDate>, days: i64) -> String {
    date.and_then(|d| d.add_days(days))
        .map_or_else(String::new, |d| d.to_string())
}

/// Writes the 1,000 articles; returns how many.
fn write_jsonl(stories: &[Vec<Real>], path: &Path, per_story: usize) -> anyhow::Result<usize> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut n = 0;
    for (s, reals) in stories.iter().enumerate() {
        for k in 0..per_story {
            let real = &reals[k % reals.len()];
            let skip = 4 + k / reals.len();
            let text: Vec<String> = real
                .paragraphs
                .iter()
                .enumerate()
                .map(|(p, sentences)| {
                    sentences
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| k < reals.len() || (p * 7 + i + 1) % skip != 0)
                        .map(|(_, x)| x.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .filter(|p| !p.is_empty())
                .collect();
            let record = serde_json::json!({
                "url": format!("https://bench.example/{s}/{k}"),
                "title": real.title,
                "published": later(real.date, (k % 3) as i64),
                "outlet": format!("Outlet {k}"),
                // A credit line, as a re-writer puts it: no two texts alike.
                "text": format!("{}\n\n(Outlet {k}) {}", real.title, text.join("\n\n")),
            });
            writeln!(file, "{record}")?;
            n += 1;
        }
    }
    file.flush()?;
    Ok(n)
}

/// Writes `per_story` articles for each of BASIL's first `triplets`
/// triplets to `path` as JSONL; returns how many.
pub(crate) fn write_basil_jsonl(
    data: &Path,
    triplets: usize,
    per_story: usize,
    path: &Path,
) -> anyhow::Result<usize> {
    let stories = basil(data, triplets)?;
    anyhow::ensure!(
        stories.len() == triplets,
        "BASIL under {} has {} triplets, not {triplets}",
        data.display(),
        stories.len()
    );
    write_jsonl(&stories, path, per_story)
}

pub(crate) fn bench(pipeline: &Pipeline, data: &Path) -> std::io::Result<parallax_eval::Table> {
    run(pipeline, data).map_err(|e| std::io::Error::other(format!("{e:#}")))
}

fn run(pipeline: &Pipeline, data: &Path) -> anyhow::Result<parallax_eval::Table> {
    let dir = std::env::temp_dir().join(format!("parallax-bench-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let input = dir.join("articles.jsonl");
    let n = write_basil_jsonl(data, 50, 20, &input)?;
    let db = dir.join("bench.db");
    let _ = std::fs::remove_file(&db);
    let mut store = parallax_store::SqliteStore::open(&db)?;
    let started = Instant::now();
    let (report, rendered) = crate::run_report(
        pipeline,
        &[input.display().to_string()],
        &mut store,
        None,
        crate::Format::Text,
        true,
        false,
    )?;
    let seconds = started.elapsed().as_secs_f64();
    let found = rendered
        .lines()
        .filter(|l| l.starts_with("Story s-"))
        .count();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(parallax_eval::Table {
        title: "The report from files to text (1,000 articles, 50 stories)".into(),
        header: vec![
            "articles".into(),
            "stories found".into(),
            "seconds".into(),
            "articles/s".into(),
            "peak RSS MiB".into(),
        ],
        rows: vec![vec![
            format!("{n} ({} stored)", report.n_stored),
            found.to_string(),
            format!("{seconds:.1}"),
            format!("{:.0}", n as f64 / seconds.max(1e-9)),
            parallax_eval::bench::peak_rss_kb()
                .map_or("?".into(), |kb| format!("{:.0}", kb as f64 / 1024.0)),
        ]],
        notes: vec![
            "Ingest (JSONL), extraction, SQLite store, language layer, event coding, stories, copy lineage, the comparison of every story and the text rendering, as `parallax report FILE` runs them; words alone (no embedding model). Issue 6's bound is 30 s.".into(),
            "Articles: BASIL's first 50 triplets, each story its three real reports and 17 rewrites of them (sentences left out, another outlet's name, up to two days later).".into(),
        ],
    })
}
