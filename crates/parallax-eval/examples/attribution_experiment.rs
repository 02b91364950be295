//! Development only: k-fold cross-validation of the attribution tagger on
//! PolNeAR's train split (never reads dev), pooled over the folds. With
//! `UNION=1`, the rules' quotes are kept and the tagger only adds spans the
//! rules did not touch.
//!
//! `cargo run --release -p parallax-eval --example attribution_experiment -- ../shared/data 7 5`
#![allow(clippy::print_stdout)]
use parallax_annotate::attribution::{Part, spans, train_tagger};
use parallax_eval::annotate::{matches, polnear_split};
use std::path::Path;

type Counts = (usize, usize, usize);

fn add(total: &mut Counts, pred: &[(usize, usize)], gold: &[(usize, usize)]) {
    total.0 += matches(pred, gold, false);
    total.1 += pred.len();
    total.2 += gold.len();
}

fn of(spans: &[(Part, usize, usize)], part: Part) -> Vec<(usize, usize)> {
    spans
        .iter()
        .filter(|s| s.0 == part)
        .map(|&(_, a, b)| (a, b))
        .collect()
}

fn main() {
    let arg = |n: usize| std::env::args().nth(n);
    let data = arg(1).unwrap_or_else(|| "../shared/data".into());
    let epochs: usize = arg(2).and_then(|s| s.parse().ok()).unwrap_or(7);
    let folds: usize = arg(3).and_then(|s| s.parse().ok()).unwrap_or(5).max(2);
    let union = std::env::var("UNION").is_ok();
    let docs = polnear_split(Path::new(&data), "train").expect("PolNeAR train");
    // An article annotated by several annotators stays in one fold.
    let fold_of = |text: &str| {
        (text.len() * 7919 + text.bytes().take(64).map(usize::from).sum::<usize>()) % folds
    };
    let mut rules = (0, 0, 0);
    for d in &docs {
        let q = parallax_annotate::annotate_quotes(&d.text);
        let pred: Vec<_> = q
            .iter()
            .filter_map(|q| q.source)
            .map(|r| (r.start() as usize, r.end() as usize))
            .collect();
        add(&mut rules, &pred, &of(&d.whole, Part::Source));
    }
    let mut totals = [(0, 0, 0); 3];
    for fold in 0..folds {
        let texts: Vec<parallax_annotate::attribution::Annotated<'_>> = docs
            .iter()
            .filter(|d| fold_of(&d.text) != fold)
            .map(|d| (d.text.as_str(), d.fragments.as_slice()))
            .collect();
        let tagger = train_tagger(&texts, epochs, 5);
        for d in docs.iter().filter(|d| fold_of(&d.text) == fold) {
            let (prepared, tags) = tagger.tag(&d.text);
            let mut found = spans(&prepared, &tags);
            if std::env::var("MERGE").is_ok() {
                let rules = if std::env::var("MERGE").as_deref() == Ok("2") {
                    Vec::new()
                } else {
                    parallax_annotate::annotate_quotes(&d.text)
                };
                let quotes = tagger.merge(&d.text, rules);
                found = quotes
                    .iter()
                    .flat_map(|q| {
                        [
                            (Part::Source, q.source),
                            (Part::Cue, Some(q.cue)),
                            (Part::Content, Some(q.content)),
                        ]
                        .into_iter()
                        .filter_map(|(p, r)| r.map(|r| (p, r.start() as usize, r.end() as usize)))
                    })
                    .collect();
            }
            if union {
                let quotes = parallax_annotate::annotate_quotes(&d.text);
                let ranges: Vec<(Part, usize, usize)> = quotes
                    .iter()
                    .flat_map(|q| {
                        [
                            (Part::Source, q.source),
                            (Part::Cue, Some(q.cue)),
                            (Part::Content, Some(q.content)),
                        ]
                        .into_iter()
                        .filter_map(|(p, r)| r.map(|r| (p, r.start() as usize, r.end() as usize)))
                    })
                    .collect();
                found.retain(|&(_, a, b)| !ranges.iter().any(|r| r.1 < b && a < r.2));
                found.extend(ranges);
            }
            for (k, part) in [Part::Source, Part::Cue, Part::Content]
                .into_iter()
                .enumerate()
            {
                add(&mut totals[k], &of(&found, part), &of(&d.whole, part));
            }
        }
    }
    let prf = |(m, p, g): Counts| {
        let (pr, r) = (m as f64 / p.max(1) as f64, m as f64 / g.max(1) as f64);
        format!(
            "P {pr:.3} R {r:.3} F1 {:.3}",
            2.0 * pr * r / (pr + r).max(1e-9)
        )
    };
    println!(
        "{} train articles, {folds} folds, {epochs} epochs{}",
        docs.len(),
        if union { ", union with rules" } else { "" }
    );
    println!("rules   source  {}", prf(rules));
    println!("tagger  source  {}", prf(totals[0]));
    println!("tagger  cue     {}", prf(totals[1]));
    println!("tagger  content {}", prf(totals[2]));
}
