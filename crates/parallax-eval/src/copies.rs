//! Copy detection measured on BASIL with copies derived from it.
//!
//! No public set marks which news articles copy which, so this evaluation
//! makes the truth: BASIL's 300 articles (three outlets' own reports of each
//! of 100 stories) are the independent texts, and copies of known kinds are
//! derived from some of them (a page with other furniture, a trimmed and
//! edited copy, an excerpt framed by new text, a reworded copy). The copy
//! stage then runs over all of them at once, as over a store, and every
//! derived copy should be found with its original as the origin, while
//! BASIL's own triplets, written independently, mostly should not. Edges
//! between two BASIL articles have no gold: they are counted and the first
//! are listed for reading. The LSH candidate search is also compared with an
//! exhaustive comparison of every pair.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use parallax_stories::{CopyDoc, CopyKind, Origin, Shingles, copy_edges};

use crate::data::{BasilArticle, basil_articles};
use crate::stories::Mix;
use crate::{Prf, Table};

/// How a derived copy is made from its original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Derived {
    /// The same text in other page furniture (advertisement and share
    /// lines, a "read more" link).
    Furniture,
    /// Every third paragraph dropped, "said" made "stated", a paragraph of
    /// its own added.
    Trimmed,
    /// The first two fifths of the paragraphs, between two paragraphs of
    /// new text.
    Excerpt,
    /// One word in eight replaced: a light rewording, the kind a content
    /// farm's rewriter makes.
    Reworded,
}

const KINDS: [Derived; 4] = [
    Derived::Furniture,
    Derived::Trimmed,
    Derived::Excerpt,
    Derived::Reworded,
];

impl Derived {
    fn name(self) -> &'static str {
        match self {
            Derived::Furniture => "same text, other page furniture",
            Derived::Trimmed => "trimmed and edited copy",
            Derived::Excerpt => "excerpt inside new text",
            Derived::Reworded => "reworded copy (1 word in 8)",
        }
    }
}

/// `n` invented words in sentences of nine: text no article holds.
fn invented(rng: &mut Mix, n: usize) -> String {
    const SYLLABLES: [&str; 12] = [
        "ka", "ro", "vin", "tal", "mer", "sud", "eno", "bar", "lix", "ot", "gra", "pel",
    ];
    let mut out = String::new();
    for k in 0..n {
        let word: String = (0..2 + rng.below(3))
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        if k % 9 == 0 {
            if k > 0 {
                out.push_str(". ");
            }
            let mut chars = word.chars();
            out.extend(chars.next().map(|c| c.to_ascii_uppercase()));
            out.push_str(chars.as_str());
        } else {
            out.push(' ');
            out.push_str(&word);
        }
    }
    out.push('.');
    out
}

fn derive(kind: Derived, article: &BasilArticle, rng: &mut Mix) -> String {
    let paragraphs: Vec<String> = article.paragraphs.iter().map(|p| p.join(" ")).collect();
    match kind {
        Derived::Furniture => format!(
            "Advertisement\n\n{}\n\nShare this article\n\nRead more: {}",
            article.text(),
            invented(rng, 6)
        ),
        Derived::Trimmed => {
            let mut text = article.title.clone();
            for (k, p) in paragraphs.iter().enumerate() {
                if k % 3 != 2 {
                    text.push_str("\n\n");
                    text.push_str(&p.replace(" said ", " stated "));
                }
            }
            format!("{text}\n\n{}", invented(rng, 40))
        }
        Derived::Excerpt => {
            let keep = (paragraphs.len() * 2).div_ceil(5).max(2);
            format!(
                "{}\n\n{}\n\n{}",
                invented(rng, 80),
                paragraphs[..keep.min(paragraphs.len())].join("\n\n"),
                invented(rng, 80)
            )
        }
        Derived::Reworded => {
            let mut words: Vec<String> = article.text().split(' ').map(str::to_string).collect();
            for (k, w) in words.iter_mut().enumerate() {
                if k % 8 == 7 {
                    *w = invented(rng, 1).trim_end_matches('.').to_lowercase();
                }
            }
            words.join(" ")
        }
    }
}

/// The unordered pair of two indices.
fn pair(a: usize, b: usize) -> (usize, usize) {
    (a.min(b), a.max(b))
}

/// Runs the copy stage over BASIL and copies derived from it, and scores
/// the copies found, their direction, and the LSH search against an
/// exhaustive one.
pub fn evaluate(data: &Path) -> std::io::Result<Table> {
    let articles = basil_articles(data)?;
    if articles.is_empty() {
        return Err(std::io::Error::other("no BASIL articles"));
    }
    let mut rng = Mix(2026);
    let mut texts: Vec<String> = articles.iter().map(BasilArticle::text).collect();
    let mut dates: Vec<Option<parallax_core::PartialDate>> =
        articles.iter().map(|a| a.date).collect();
    // Copies of every second article long enough to copy (four paragraphs,
    // 150 words), the kinds in turn, each dated a day after its original.
    let mut derived: Vec<(usize, Derived)> = Vec::new();
    let long_enough = articles
        .iter()
        .enumerate()
        .filter(|(_, a)| a.paragraphs.len() >= 4 && a.text().split_whitespace().count() >= 150);
    for (n, (original, article)) in long_enough.step_by(2).take(160).enumerate() {
        let kind = KINDS[n % KINDS.len()];
        texts.push(derive(kind, article, &mut rng));
        dates.push(article.date.and_then(|d| d.add_days(1)));
        derived.push((original, kind));
    }
    let originals = articles.len();
    let ids: Vec<String> = (0..texts.len()).map(|k| format!("{k}")).collect();
    let docs: Vec<CopyDoc<'_>> = texts
        .iter()
        .zip(&ids)
        .zip(&dates)
        .map(|((text, id), &date)| CopyDoc {
            id,
            text,
            wire: None,
            removed: "",
            date,
        })
        .collect();
    let started = std::time::Instant::now();
    let edges = copy_edges(&docs);
    let lsh_seconds = started.elapsed().as_secs_f64();
    // Text edges as (origin, copy) indices.
    let found: Vec<(usize, usize, CopyKind, &str)> = edges
        .iter()
        .filter_map(|e| match &e.from {
            Origin::Article(from) => Some((
                from.parse().ok()?,
                e.to.parse().ok()?,
                e.kind,
                e.note.as_str(),
            )),
            Origin::Source(_) => None,
        })
        .collect();
    let found_pairs: BTreeSet<(usize, usize)> = found.iter().map(|e| pair(e.0, e.1)).collect();
    // What each text stands for: a derived copy its original, an original
    // itself; originals joined by an edge stand for one another.
    let between_originals: BTreeSet<(usize, usize)> = found_pairs
        .iter()
        .copied()
        .filter(|&(a, b)| a < originals && b < originals)
        .collect();
    let root = |k: usize| {
        if k < originals {
            k
        } else {
            derived[k - originals].0
        }
    };
    let related = |a: usize, b: usize| {
        root(a) == root(b) || between_originals.contains(&pair(root(a), root(b)))
    };
    let mut rows = Vec::new();
    let mut all = (0, 0, 0, 0);
    for kind in KINDS {
        let copies: Vec<usize> = (0..derived.len())
            .filter(|&k| derived[k].1 == kind)
            .map(|k| originals + k)
            .collect();
        let hit = copies
            .iter()
            .filter(|&&c| found_pairs.contains(&pair(root(c), c)))
            .count();
        let directed = copies
            .iter()
            .filter(|&&c| found.iter().any(|e| e.0 == root(c) && e.1 == c))
            .count();
        let predicted: Vec<&(usize, usize, CopyKind, &str)> = found
            .iter()
            .filter(|e| copies.contains(&e.0) || copies.contains(&e.1))
            .collect();
        let wrong = predicted.iter().filter(|e| !related(e.0, e.1)).count();
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for &c in &copies {
            if let Some(e) = found.iter().find(|e| pair(e.0, e.1) == pair(root(c), c)) {
                *kinds.entry(e.2.as_str()).or_default() += 1;
            }
        }
        let prf = Prf::from_counts(hit, wrong, copies.len() - hit);
        rows.push(vec![
            kind.name().to_string(),
            copies.len().to_string(),
            hit.to_string(),
            format!("{:.3}", prf.precision),
            format!("{:.3}", prf.recall),
            format!("{:.3}", prf.f1),
            format!("{directed}/{hit}"),
            kinds
                .iter()
                .map(|(kind, n)| format!("{n} {kind}"))
                .collect::<Vec<_>>()
                .join(", "),
        ]);
        all.0 += copies.len();
        all.1 += hit;
        all.2 += wrong;
        all.3 += directed;
    }
    let prf = Prf::from_counts(all.1, all.2, all.0 - all.1);
    rows.push(vec![
        "all derived copies".into(),
        all.0.to_string(),
        all.1.to_string(),
        format!("{:.3}", prf.precision),
        format!("{:.3}", prf.recall),
        format!("{:.3}", prf.f1),
        format!("{}/{}", all.3, all.1),
        "-".into(),
    ]);
    // The exhaustive reference: every pair's containment, at the stage's
    // threshold for a text edge (0.4 of the smaller text, 10 shingles).
    let started = std::time::Instant::now();
    let shingles: Vec<Shingles> = texts.iter().map(|t| Shingles::new(t)).collect();
    let mut exhaustive = BTreeSet::new();
    for i in 0..shingles.len() {
        for j in i + 1..shingles.len() {
            if shingles[i].len().min(shingles[j].len()) >= 10
                && shingles[i].containment(&shingles[j]) >= 0.4
            {
                exhaustive.insert((i, j));
            }
        }
    }
    let exhaustive_seconds = started.elapsed().as_secs_f64();
    // Only the stage's shingle edges (verbatim, edited) answer to it.
    let shingle_pairs: BTreeSet<(usize, usize)> = found
        .iter()
        .filter(|e| matches!(e.2, CopyKind::Verbatim | CopyKind::Edited))
        .map(|e| pair(e.0, e.1))
        .collect();
    let kept = exhaustive.intersection(&shingle_pairs).count();
    rows.push(vec![
        "LSH search against every pair compared".into(),
        exhaustive.len().to_string(),
        kept.to_string(),
        format!("{:.3}", kept as f64 / shingle_pairs.len().max(1) as f64),
        format!("{:.3}", kept as f64 / exhaustive.len().max(1) as f64),
        "-".into(),
        "-".into(),
        "-".into(),
    ]);
    let mut by_triplet: BTreeMap<&str, usize> = BTreeMap::new();
    for &(a, b) in &between_originals {
        let same = articles[a].triplet == articles[b].triplet;
        *by_triplet
            .entry(if same {
                "one story"
            } else {
                "different stories"
            })
            .or_default() += 1;
    }
    let mut notes = vec![
        format!(
            "{} texts: BASIL's {originals} articles and {} copies derived from {} of them (every second article with at least 4 paragraphs and 150 words, the four kinds in turn, each dated a day after its original). Gold: each copy's original is its origin. A found edge is wrong when it joins a copy to a text its original has no edge with.",
            texts.len(),
            derived.len(),
            derived.len()
        ),
        format!(
            "Copy stage over all {} texts at once: {lsh_seconds:.2} s; the exhaustive comparison of all {} pairs: {exhaustive_seconds:.2} s. 'LSH' row: gold = pairs the exhaustive comparison puts at containment >= 0.4, found = those the LSH search also found; P = share of the stage's verbatim and edited edges that the exhaustive comparison has.",
            texts.len(),
            texts.len() * (texts.len() - 1) / 2
        ),
        format!(
            "Edges between two BASIL articles (no gold; independently written reports should rarely share text): {}{}.",
            between_originals.len(),
            if by_triplet.is_empty() {
                String::new()
            } else {
                format!(
                    " ({})",
                    by_triplet
                        .iter()
                        .map(|(what, n)| format!("{n} within {what}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        ),
    ];
    for &(a, b) in between_originals.iter().take(5) {
        let note = found
            .iter()
            .find(|e| pair(e.0, e.1) == (a, b))
            .map_or("", |e| e.3);
        notes.push(format!(
            "  {} / {}: {note}",
            articles[a].path.display(),
            articles[b].path.display()
        ));
    }
    Ok(Table {
        title: "Copy detection: BASIL and copies derived from it".into(),
        header: vec![
            "what".into(),
            "gold".into(),
            "found".into(),
            "P".into(),
            "R".into(),
            "F1".into(),
            "origin right".into(),
            "kind".into(),
        ],
        rows,
        notes,
    })
}

/// Copy detection at scale: `copy_edges` over 10k, 30k and 100k synthetic
/// articles (eight sentences each: real ECB+ sentences drawn at random,
/// three words in four replaced by invented ones), one
/// in ten of them a trimmed copy of an earlier one. Reports the time, the
/// peak memory, the planted copies found and the slope of time against
/// size.
pub fn bench(data: &Path) -> std::io::Result<Table> {
    let pool = crate::stories::sentence_pool(data)?;
    if pool.is_empty() {
        return Err(std::io::Error::other(
            "no ECB+ sentences to build articles from",
        ));
    }
    let mut rows = Vec::new();
    let mut timings = Vec::new();
    let sizes: Vec<usize> = std::env::var("PARALLAX_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 30_000, 100_000]);
    for n in sizes {
        let mut rng = Mix(n as u64);
        // Each article as its sentences; joined once all are made.
        let mut articles: Vec<Vec<String>> = Vec::with_capacity(n);
        let mut planted = BTreeSet::new();
        for k in 0..n {
            if k % 10 == 9 {
                // A trimmed copy of an earlier article: its sentences but
                // the first, and a closing line of its own.
                let from = rng.below(k);
                let mut copy = articles[from][1..].to_vec();
                copy.push(invented(&mut rng, 12));
                articles.push(copy);
                planted.insert((from, k));
            } else {
                // An invented opening, then real sentences with three words
                // in four replaced by invented ones: no sentence repeats by
                // the draw, as in a real archive.
                let mut sentences = vec![invented(&mut rng, 9)];
                sentences.extend((0..8).map(|_| {
                    pool[rng.below(pool.len())]
                        .split(' ')
                        .map(|w| {
                            if rng.below(4) == 0 {
                                w.to_string()
                            } else {
                                invented(&mut rng, 1).trim_end_matches('.').to_lowercase()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                }));
                articles.push(sentences);
            }
        }
        let texts: Vec<String> = articles.iter().map(|a| a.join(" ")).collect();
        drop(articles);
        let ids: Vec<String> = (0..n).map(|k| k.to_string()).collect();
        let docs: Vec<CopyDoc<'_>> = texts
            .iter()
            .zip(&ids)
            .map(|(text, id)| CopyDoc {
                id,
                text,
                wire: None,
                removed: "",
                date: None,
            })
            .collect();
        let started = std::time::Instant::now();
        let edges = copy_edges(&docs);
        let seconds = started.elapsed().as_secs_f64();
        timings.push((n as f64, seconds));
        let found: BTreeSet<(usize, usize)> = edges
            .iter()
            .filter_map(|e| match &e.from {
                Origin::Article(from) => Some(pair(from.parse().ok()?, e.to.parse().ok()?)),
                Origin::Source(_) => None,
            })
            .collect();
        let hit = planted.intersection(&found).count();
        let mut row = crate::bench::size_cells(n, seconds);
        row.extend([
            format!("{hit}/{}", planted.len()),
            (found.len() - hit).to_string(),
        ]);
        rows.push(row);
    }
    let scaling = crate::bench::scaling_note(&timings, "articles");
    Ok(Table {
        title: "Copy detection at scale (MinHash LSH over passages)".into(),
        header: vec![
            "articles".into(),
            "seconds".into(),
            "articles/s".into(),
            "peak RSS MiB".into(),
            "planted copies found".into(),
            "other edges".into(),
        ],
        rows,
        notes: vec![
            scaling,
            "Articles: an invented opening sentence and eight real ECB+ sentences drawn at random, three words in four replaced by invented ones (no sentence repeats by the draw, as in a real archive); one in ten is a copy of an earlier article without its first sentence, with a closing line of its own. 'Other edges': pairs that share enough text by chance of the draw (the same sentences drawn, with enough words kept), a copy and the copy of a copy, or two copies of one article. Sizes: PARALLAX_BENCH_SIZES=10000,30000 picks others. Peak RSS is the process's high-water mark so far.".into(),
        ],
    })
}
