//! `parallax eval extract`: main text, title, byline and dates against the
//! public sets, beside a peer run on the same pages where one is installed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use parallax_core::{Media, Origin, fold_for_compare};
use parallax_extract::Extractor;

use crate::data::{html_text, read_maybe_gz, sorted_entries};
use crate::metrics::{Prf, token_f1};
use crate::{Table, peer};

/// One page of an evaluation set.
#[derive(Debug, Clone)]
pub struct Page {
    /// A name for the page (its folder or file).
    pub name: String,
    /// The page file.
    pub path: PathBuf,
    /// The page's URL, when the set gives one.
    pub url: Option<String>,
    /// The raw page bytes.
    pub html: Vec<u8>,
}

/// What an extractor said about one page.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// Main text.
    pub text: String,
    /// Title.
    pub title: Option<String>,
    /// Byline.
    pub byline: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
}

/// Runs our extractor on the page's visible text, as a plain-text dump: the
/// line classifier alone, on real page layouts. Dates are not scored this way.
pub fn run_parallax_dump(extractor: &Extractor, page: &Page) -> Output {
    let dump = parallax_extract::page_text(&page.html);
    let origin = Origin::file(page.path.display().to_string());
    Output {
        date: None,
        ..output_of(
            extractor,
            parallax_ingest::raw_doc(origin, Media::Text, dump.into_bytes()),
        )
    }
}

/// Runs our extractor on a page.
pub fn run_parallax(extractor: &Extractor, page: &Page) -> Output {
    let origin = Origin {
        url: page.url.clone(),
        ..Origin::file(page.path.display().to_string())
    };
    output_of(
        extractor,
        parallax_ingest::raw_doc(origin, Media::Html, page.html.clone()),
    )
}

/// What the extractor says about one document; empty when it finds no article.
fn output_of(extractor: &Extractor, raw: parallax_core::RawDoc) -> Output {
    let Some(article) = extractor.extract(&raw).article else {
        return Output::default();
    };
    let date = article
        .meta
        .published
        .as_ref()
        .filter(|p| p.date.day.is_some())
        .map(|p| p.date.to_string());
    Output {
        text: article.text,
        title: article.meta.title,
        byline: article.meta.byline,
        date,
    }
}

/// The readability test pages: page, expected text, expected metadata.
pub fn readability_pages(data: &Path) -> std::io::Result<Vec<(Page, String, serde_json::Value)>> {
    let mut pages = Vec::new();
    for dir in sorted_entries(&data.join("readability-testpages/test-pages"))? {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let html = read_maybe_gz(&dir.join("source.html.gz"))?;
        let expected =
            String::from_utf8_lossy(&read_maybe_gz(&dir.join("expected.html.gz"))?).into_owned();
        let metadata: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("expected-metadata.json"))?)
                .unwrap_or_default();
        pages.push((
            Page {
                name,
                path: dir.join("source.html.gz"),
                url: None,
                html,
            },
            html_text(&expected),
            metadata,
        ));
    }
    Ok(pages)
}

fn same_text(got: Option<&str>, want: Option<&str>) -> bool {
    let norm = |s: Option<&str>| {
        s.map(|s| {
            let folded = fold_for_compare(s).to_lowercase();
            folded
                .strip_prefix("by ")
                .map(str::to_string)
                .unwrap_or(folded)
        })
        .filter(|s| !s.is_empty())
    };
    norm(got) == norm(want)
}

/// Title accuracy, byline accuracy and body token F1 on the readability pages.
fn score_readability(
    pages: &[(Page, String, serde_json::Value)],
    outputs: &[Output],
) -> [String; 4] {
    let n = pages.len().max(1) as f64;
    let mut titles = 0;
    let mut bylines = 0;
    let mut f1 = 0.0;
    for ((_, want_text, meta), got) in pages.iter().zip(outputs) {
        titles += usize::from(same_text(got.title.as_deref(), meta["title"].as_str()));
        bylines += usize::from(same_text(got.byline.as_deref(), meta["byline"].as_str()));
        f1 += token_f1(&got.text, want_text).f1;
    }
    [
        format!("{}", pages.len()),
        format!("{:.3}", titles as f64 / n),
        format!("{:.3}", bylines as f64 / n),
        format!("{:.3}", f1 / n),
    ]
}

/// CleanEval-style sets: `input/NAME.html.gz` and `GoldStandard/NAME.txt`.
pub fn cleaneval_pages(dir: &Path) -> std::io::Result<Vec<(Page, String)>> {
    let mut pages = Vec::new();
    for input in sorted_entries(&dir.join("input"))? {
        let file = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let stem = file
            .trim_end_matches(".gz")
            .trim_end_matches(".html")
            .trim_end_matches(".htm")
            .to_string();
        let gold_path = dir.join("GoldStandard").join(format!("{stem}.txt"));
        let Ok(gold) = std::fs::read(&gold_path) else {
            continue;
        };
        let html = read_maybe_gz(&input)?;
        pages.push((
            Page {
                name: stem,
                path: input,
                url: None,
                html,
            },
            cleaneval_gold_text(&String::from_utf8_lossy(&gold)),
        ));
    }
    Ok(pages)
}

/// Gold files open with a `URL:` line and mark blocks with `<p>`, `<h>`, `<l>`.
fn cleaneval_gold_text(gold: &str) -> String {
    gold.lines()
        .filter(|line| !line.starts_with("URL:"))
        .map(html_text)
        .collect::<Vec<_>>()
        .join("\n")
}

fn mean_f1(golds: &[&str], outputs: &[Output]) -> Prf {
    let n = golds.len().max(1) as f64;
    let mut sum = Prf::default();
    for (gold, got) in golds.iter().zip(outputs) {
        let prf = token_f1(&got.text, gold);
        sum.precision += prf.precision;
        sum.recall += prf.recall;
        sum.f1 += prf.f1;
    }
    Prf {
        precision: sum.precision / n,
        recall: sum.recall / n,
        f1: sum.f1 / n,
    }
}

/// The Media Cloud 2020 date set: page and gold day.
pub fn date_pages(data: &Path) -> std::io::Result<Vec<(Page, String)>> {
    let dir = data.join("htmldate-mediacloud");
    // The file is Python's JSON dialect: pages without a gold date carry `NaN`.
    let raw =
        std::fs::read_to_string(dir.join("eval_mediacloud_2020.json"))?.replace(": NaN", ": null");
    let index: serde_json::Value = serde_json::from_str(&raw).map_err(std::io::Error::other)?;
    let mut pages = Vec::new();
    let Some(entries) = index.as_object() else {
        return Ok(pages);
    };
    let mut entries: Vec<_> = entries.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    for (url, entry) in entries {
        let (Some(file), Some(date)) = (entry["file"].as_str(), entry["date"].as_str()) else {
            continue;
        };
        let path = dir.join("test_set").join(format!("{file}.gz"));
        let Ok(html) = read_maybe_gz(&path) else {
            continue;
        };
        pages.push((
            Page {
                name: file.to_string(),
                path,
                url: Some(url.clone()),
                html,
            },
            date.to_string(),
        ));
    }
    Ok(pages)
}

/// htmldate's scoring: right date = TP, wrong date = FP, no date = FN.
fn score_dates(golds: &[&str], outputs: &[Output]) -> (Prf, f64) {
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (gold, got) in golds.iter().zip(outputs) {
        match &got.date {
            Some(date) if date == gold => tp += 1,
            Some(_) => fp += 1,
            None => fn_ += 1,
        }
    }
    (
        Prf::from_counts(tp, fp, fn_),
        tp as f64 / golds.len().max(1) as f64,
    )
}

fn run_all(extractor: &Extractor, pages: &[&Page]) -> Vec<Output> {
    pages
        .iter()
        .map(|page| run_parallax(extractor, page))
        .collect()
}

/// Runs every extraction evaluation. With `peers`, trafilatura (when its
/// Python package is installed) is run on the same pages and scored alike.
pub fn evaluate(data: &Path, extractor: &Extractor, peers: bool) -> std::io::Result<Vec<Table>> {
    let peer = if peers { peer::Peer::find() } else { None };
    let mut tables = Vec::new();

    let readability = readability_pages(data)?;
    let pages: Vec<&Page> = readability.iter().map(|(p, _, _)| p).collect();
    let dumps: Vec<Output> = pages
        .iter()
        .map(|page| run_parallax_dump(extractor, page))
        .collect();
    let mut rows = vec![
        row(
            "parallax",
            score_readability(&readability, &run_all(extractor, &pages)),
        ),
        row(
            "parallax, text-dump mode",
            score_readability(&readability, &dumps),
        ),
    ];
    if let Some(peer) = &peer {
        rows.push(row(
            &peer.name,
            score_readability(&readability, &peer.run(&pages)?),
        ));
    }
    tables.push(Table {
        title: "readability-testpages (130 pages; gold = reviewed Readability.js output)".into(),
        header: vec!["tool".into(), "pages".into(), "title acc".into(), "byline acc".into(), "body token F1".into()],
        rows,
        notes: vec![
            "peer: Readability.js scores 1.0 by construction (the gold is its output); no cross-tool figures are published.".into(),
            "text-dump mode: each page's visible text (one line per block, no markup) through the line classifier alone.".into(),
        ],
    });

    let mut rows = Vec::new();
    for (set, dir) in [
        ("cleaneval dev", "cleaneval/dev"),
        ("cleanportaleval", "cleaneval/cleanportaleval"),
    ] {
        let pages = cleaneval_pages(&data.join(dir))?;
        let refs: Vec<&Page> = pages.iter().map(|(p, _)| p).collect();
        let golds: Vec<&str> = pages.iter().map(|(_, g)| g.as_str()).collect();
        rows.push(prf_row(
            &format!("parallax / {set}"),
            pages.len(),
            mean_f1(&golds, &run_all(extractor, &refs)),
        ));
        let dumps: Vec<Output> = refs
            .iter()
            .map(|page| run_parallax_dump(extractor, page))
            .collect();
        rows.push(prf_row(
            &format!("parallax text-dump mode / {set}"),
            pages.len(),
            mean_f1(&golds, &dumps),
        ));
        if let Some(peer) = &peer {
            rows.push(prf_row(
                &format!("{} / {set}", peer.name),
                pages.len(),
                mean_f1(&golds, &peer.run(&refs)?),
            ));
        }
    }
    tables.push(Table {
        title: "CleanEval (token bag P/R/F1, mean over pages)".into(),
        header: vec!["tool / set".into(), "pages".into(), "P".into(), "R".into(), "F1".into()],
        rows,
        notes: vec!["CleanEval pages are general web pages, not only news; trafilatura's published CleanEval F1 is about 0.80 on the full set.".into()],
    });

    let dated = date_pages(data)?;
    let refs: Vec<&Page> = dated.iter().map(|(p, _)| p).collect();
    let golds: Vec<&str> = dated.iter().map(|(_, g)| g.as_str()).collect();
    let (prf, acc) = score_dates(&golds, &run_all(extractor, &refs));
    let mut rows = vec![date_row("parallax", dated.len(), prf, acc)];
    if let Some(peer) = &peer {
        let (prf, acc) = score_dates(&golds, &peer.run(&refs)?);
        rows.push(date_row(&peer.name, dated.len(), prf, acc));
    }
    for (name, p, r, a, f) in PUBLISHED_DATE_PEERS {
        rows.push(vec![
            format!("{name} (published, 1,000 pages)"),
            "1000".into(),
            p.to_string(),
            r.to_string(),
            a.to_string(),
            f.to_string(),
        ]);
    }
    tables.push(Table {
        title: "htmldate-mediacloud (200 news pages, day-level publication date)".into(),
        header: vec!["tool".into(), "pages".into(), "P".into(), "R".into(), "accuracy".into(), "F1".into()],
        rows,
        notes: vec![
            "5 of the 200 pages have no gold date (NaN in the file) and are left out.".into(),
            "published rows: htmldate docs/evaluation.rst, over the 1,000-page set that includes these 200.".into(),
        ],
    });
    Ok(tables)
}

const PUBLISHED_DATE_PEERS: &[(&str, &str, &str, &str, &str)] = &[
    (
        "htmldate 1.10 extensive",
        "0.908",
        "0.993",
        "0.903",
        "0.949",
    ),
    ("htmldate 1.10 fast", "0.924", "0.927", "0.861", "0.925"),
    ("newspaper4k 0.9.5", "0.912", "0.728", "0.680", "0.810"),
    ("news-please 1.6.16", "0.845", "0.777", "0.680", "0.810"),
];

fn row(tool: &str, cells: [String; 4]) -> Vec<String> {
    std::iter::once(tool.to_string()).chain(cells).collect()
}

fn prf_row(label: &str, n: usize, prf: Prf) -> Vec<String> {
    vec![
        label.into(),
        n.to_string(),
        format!("{:.3}", prf.precision),
        format!("{:.3}", prf.recall),
        format!("{:.3}", prf.f1),
    ]
}

fn date_row(tool: &str, n: usize, prf: Prf, acc: f64) -> Vec<String> {
    vec![
        tool.into(),
        n.to_string(),
        format!("{:.3}", prf.precision),
        format!("{:.3}", prf.recall),
        format!("{acc:.3}"),
        format!("{:.3}", prf.f1),
    ]
}

/// Pages whose date we got wrong or missed, for debugging.
pub fn date_misses(
    data: &Path,
    extractor: &Extractor,
) -> std::io::Result<Vec<(String, String, Option<String>)>> {
    let dated = date_pages(data)?;
    let mut misses = Vec::new();
    let mut seen: HashMap<String, ()> = HashMap::new();
    for (page, gold) in &dated {
        let got = run_parallax(extractor, page).date;
        if got.as_deref() != Some(gold.as_str()) && seen.insert(page.name.clone(), ()).is_none() {
            misses.push((page.url.clone().unwrap_or_default(), gold.clone(), got));
        }
    }
    Ok(misses)
}
