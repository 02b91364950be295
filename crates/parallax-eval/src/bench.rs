//! `parallax bench extract`: pages per second and peak memory of the whole
//! HTML extraction (main text and metadata), single thread, on the
//! readability test pages, beside the peer run on the same pages.

use std::path::Path;
use std::time::Instant;

use parallax_extract::Extractor;

use crate::Table;
use crate::extract::{Page, readability_pages, run_parallax};
use crate::peer::Peer;

/// An annotator under test: text in, number of annotations out.
type Annotator<'a> = dyn Fn(&str) -> usize + 'a;

/// Runs the annotators (time expressions, quotes, both) over the sentences of the readability pages'
/// extracted text for at least `min_seconds`; reports sentences per second.
pub fn bench_annotate(
    data: &Path,
    extractor: &Extractor,
    min_seconds: f64,
) -> std::io::Result<Table> {
    let loaded = readability_pages(data)?;
    let texts: Vec<String> = loaded
        .iter()
        .map(|(page, _, _)| run_parallax(extractor, page).text)
        .filter(|t| !t.is_empty())
        .collect();
    let n_sentences: usize = texts.iter().map(|t| count_sentences(t)).sum();
    let bytes: usize = texts.iter().map(String::len).sum();
    // The anchor is fixed: resolution costs the same whatever the date.
    let anchor = parallax_core::PartialDate::ymd(2022, 7, 14);
    let times = |text: &str| parallax_annotate::annotate_times(text, anchor).len();
    let quotes = |text: &str| parallax_annotate::annotate_quotes(text).len();
    let annotator = parallax_annotate::AnnotateOptions::default().build();
    let context = parallax_annotate::AnnotateContext { date: anchor };
    let all = |text: &str| {
        let found = annotator.annotate(text, &context);
        found.dates.len() + found.quotes.len() + found.mentions.len()
    };
    let coder = parallax_events::EventOptions::default().build();
    let with_events = |text: &str| {
        let found = annotator.annotate(text, &context);
        coder.code(text, &found, anchor).len() + found.mentions.len()
    };
    let annotators: [(&str, &Annotator<'_>); 4] = [
        ("time expressions", &times),
        ("quotes", &quotes),
        ("all three: entities, quotes with speakers, times", &all),
        ("language layer and event coder", &with_events),
    ];
    let mut rows = Vec::new();
    for (name, annotate) in annotators {
        let start = Instant::now();
        let mut rounds = 0;
        let mut n_found = 0;
        while rounds == 0 || start.elapsed().as_secs_f64() < min_seconds {
            for text in &texts {
                n_found += std::hint::black_box(annotate(text));
            }
            rounds += 1;
        }
        let seconds = start.elapsed().as_secs_f64();
        rows.push(vec![
            name.to_string(),
            (n_sentences * rounds).to_string(),
            format!("{:.0}", (n_sentences * rounds) as f64 / seconds),
            format!("{:.1}", (bytes * rounds) as f64 / seconds / 1e6),
            (n_found / rounds.max(1)).to_string(),
        ]);
    }
    Ok(Table {
        title: format!(
            "Annotation throughput: {} texts, {n_sentences} sentences ({:.1} MB), single thread",
            texts.len(),
            bytes as f64 / 1e6
        ),
        header: vec!["annotator".into(), "sentences".into(), "sentences/s".into(), "MB/s".into(), "found per round".into()],
        rows,
        notes: vec!["Texts are the main text parallax extracts from the 130 readability test pages; sentences are counted at . ! ? followed by a space, and at line ends.".into()],
    })
}

fn count_sentences(text: &str) -> usize {
    let bytes = text.as_bytes();
    let ends = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| {
            (matches!(b, b'.' | b'!' | b'?')
                && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace))
                || b == b'\n'
        })
        .count();
    ends + 1
}

/// Peak resident set size of this process so far, in KiB (Linux `VmHWM`).
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs the benchmark for at least `min_seconds` (whole rounds over the pages).
pub fn bench_extract(
    data: &Path,
    extractor: &Extractor,
    min_seconds: f64,
    peers: bool,
) -> std::io::Result<Table> {
    let loaded = readability_pages(data)?;
    let pages: Vec<&Page> = loaded.iter().map(|(page, _, _)| page).collect();
    let bytes: usize = pages.iter().map(|p| p.html.len()).sum();
    // One warm-up round, then timed rounds.
    for page in &pages {
        run_parallax(extractor, page);
    }
    let start = Instant::now();
    let mut rounds = 0;
    while rounds == 0 || start.elapsed().as_secs_f64() < min_seconds {
        for page in &pages {
            std::hint::black_box(run_parallax(extractor, page));
        }
        rounds += 1;
    }
    let seconds = start.elapsed().as_secs_f64();
    let n_pages = pages.len() * rounds;
    let mut rows = vec![vec![
        "parallax (Rust, 1 thread)".to_string(),
        n_pages.to_string(),
        format!("{:.1}", n_pages as f64 / seconds),
        format!("{:.1}", bytes as f64 * rounds as f64 / seconds / 1e6),
        peak_rss_kb().map_or("?".into(), |kb| format!("{:.0}", kb as f64 / 1024.0)),
    ]];
    if peers && let Some(peer) = Peer::find() {
        let peer_rounds = 1;
        let timing = peer.time(&pages, peer_rounds)?;
        let n = pages.len() * peer_rounds;
        rows.push(vec![
            peer.name.clone(),
            n.to_string(),
            format!("{:.1}", n as f64 / timing.seconds.max(1e-9)),
            format!(
                "{:.1}",
                bytes as f64 * peer_rounds as f64 / timing.seconds.max(1e-9) / 1e6
            ),
            format!("{:.0}", timing.peak_rss_kb as f64 / 1024.0),
        ]);
    }
    Ok(Table {
        title: format!("HTML extraction throughput: {} readability test pages ({:.1} MB), single thread", pages.len(), bytes as f64 / 1e6),
        header: vec!["tool".into(), "pages".into(), "pages/s".into(), "MB/s".into(), "peak RSS MiB".into()],
        rows,
        notes: vec!["Pages are read into memory first; only extraction is timed. Peak RSS is the whole process, pages included.".into()],
    })
}

/// The note on how time grows with size: the log-log slope from the first
/// size to the last (`timings` as (size, seconds)) and 1M extrapolated at
/// that slope (at least linear).
pub(crate) fn scaling_note(timings: &[(f64, f64)], unit: &str) -> String {
    let slope = match (timings.first(), timings.last()) {
        (Some(&(n0, t0)), Some(&(n1, t1))) if t0 > 0.0 && t1 > 0.0 && n1 > n0 => {
            (t1 / t0).ln() / (n1 / n0).ln()
        }
        _ => f64::NAN,
    };
    let million = timings
        .last()
        .map_or(f64::NAN, |&(n, t)| t * (1e6 / n).powf(slope.max(1.0)));
    let range = |n: f64| format!("{}k", n / 1000.0);
    let (from, to) = (
        timings.first().map_or("?".into(), |t| range(t.0)),
        timings.last().map_or("?".into(), |t| range(t.0)),
    );
    format!(
        "Log-log slope of time against size, {from} to {to}: {slope:.2} (1 is linear, 2 quadratic); at that slope (at least 1), 1M {unit} would take about {million:.0} s on this machine."
    )
}

/// The first cells of a row of a scaling benchmark: size, seconds, items
/// per second, and the process's peak RSS in MiB so far.
pub(crate) fn size_cells(n: usize, seconds: f64) -> Vec<String> {
    vec![
        n.to_string(),
        format!("{seconds:.2}"),
        format!("{:.0}", n as f64 / seconds.max(1e-9)),
        peak_rss_kb().map_or("?".into(), |kb| format!("{:.0}", kb as f64 / 1024.0)),
    ]
}
