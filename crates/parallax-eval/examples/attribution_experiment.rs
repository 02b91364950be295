//! Development only: k-fold cross-validation of the attribution tagger on
//! PolNeAR's train split (never reads dev), pooled over the folds. Scores
//! the tagger's own spans; with `MERGE=1`, the quotes `Tagger::merge` makes
//! of them and the rules' quotes (as the annotator ships); with `MERGE=2`,
//! the tagger's quotes alone; with `UNION=1`, the tagger's spans with the
//! rules' spans put over them. `MISSES=1` runs the first fold only and
//! lists the gold cues and sources missed and the sources wrongly found
//! (with `CTX=1`, each wrong source and each missed "said" in context);
//! `TOP=1` drops merged quotes whose cue lies inside another's content
//! (PolNeAR annotates no attribution nested in another; measured
//! 2026-12-04 on the first fold: source F1 0.691 → 0.692, so not adopted).
//!
//! `cargo run --release -p parallax-eval --example attribution_experiment -- ../shared/data 7 5`
#![allow(clippy::print_stdout)]
use parallax_annotate::attribution::{Part, spans, train_tagger};
use parallax_eval::Prf;
use parallax_eval::annotate::{part_spans, polnear_split, quote_spans, tally};
use std::path::Path;

type Counts = (usize, usize, usize);

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
        let found = quote_spans(&parallax_annotate::annotate_quotes(&d.text));
        let gold = part_spans(&d.whole, Part::Source);
        tally(&mut rules, &part_spans(&found, Part::Source), &gold, false);
    }
    let misses = std::env::var("MISSES").is_ok();
    let mut missed: std::collections::BTreeMap<String, usize> = Default::default();
    let mut totals = [(0, 0, 0); 3];
    for fold in 0..folds {
        if misses && fold > 0 {
            break;
        }
        let texts: Vec<parallax_annotate::attribution::Annotated<'_>> = docs
            .iter()
            .filter(|d| fold_of(&d.text) != fold)
            .map(|d| (d.text.as_str(), d.fragments.as_slice()))
            .collect();
        let tagger = train_tagger(&texts, epochs, 5);
        for d in docs.iter().filter(|d| fold_of(&d.text) == fold) {
            let (prepared, tags) = tagger.tag(&d.text);
            let mut found = spans(&prepared, &tags);
            if let Ok(mode) = std::env::var("MERGE") {
                let rules = if mode == "2" {
                    Vec::new()
                } else {
                    parallax_annotate::annotate_quotes(&d.text)
                };
                let mut quotes = tagger.merge(&d.text, rules);
                if std::env::var("TOP").is_ok() {
                    let inside = |q: &parallax_core::Quote, o: &parallax_core::Quote| {
                        q.cue.start() >= o.content.start() && q.cue.end() <= o.content.end()
                    };
                    let keep: Vec<bool> = quotes
                        .iter()
                        .enumerate()
                        .map(|(i, q)| {
                            !quotes
                                .iter()
                                .enumerate()
                                .any(|(j, o)| i != j && inside(q, o))
                        })
                        .collect();
                    let mut k = keep.iter();
                    quotes.retain(|_| *k.next().unwrap());
                }
                found = quote_spans(&quotes);
            }
            if union {
                let ranges = quote_spans(&parallax_annotate::annotate_quotes(&d.text));
                found.retain(|&(_, a, b)| !ranges.iter().any(|r| r.1 < b && a < r.2));
                found.extend(ranges);
            }
            if misses {
                let cues = part_spans(&found, Part::Cue);
                for &(a, b) in &part_spans(&d.whole, Part::Cue) {
                    if !cues.iter().any(|&(x, y)| x < b && a < y) {
                        let w = d.text[a..b].to_lowercase();
                        if w == "said" && std::env::var("CTX").is_ok() {
                            let lo = d.text.floor_char_boundary(a.saturating_sub(150));
                            let hi = d.text.ceil_char_boundary((b + 100).min(d.text.len()));
                            let near: Vec<_> = found
                                .iter()
                                .filter(|s| s.1 < hi && lo < s.2)
                                .map(|s| format!("{:?}:{}", s.0, &d.text[s.1..s.2]))
                                .collect();
                            println!(
                                "MISS-SAID ...{}[[{}]]{}...\n   found: {:?}",
                                &d.text[lo..a],
                                &d.text[a..b],
                                &d.text[b..hi],
                                near
                            );
                        }
                        *missed.entry(w).or_default() += 1;
                    }
                }
                let srcs = part_spans(&found, Part::Source);
                for &(a, b) in &part_spans(&d.whole, Part::Source) {
                    if !srcs.iter().any(|&(x, y)| x < b && a < y) {
                        *missed
                            .entry(format!("SRC {}", &d.text[a..b].to_lowercase()))
                            .or_default() += 1;
                    }
                }
                for &(a, b) in &srcs {
                    let gold = part_spans(&d.whole, Part::Source);
                    if !gold.iter().any(|&(x, y)| x < b && a < y) {
                        *missed
                            .entry(format!("FP {}", &d.text[a..b].to_lowercase()))
                            .or_default() += 1;
                        if std::env::var("CTX").is_ok() {
                            let lo = d.text.floor_char_boundary(a.saturating_sub(100));
                            let hi = d.text.ceil_char_boundary((b + 100).min(d.text.len()));
                            let gold: Vec<_> = d
                                .whole
                                .iter()
                                .filter(|s| s.1 < hi && lo < s.2)
                                .map(|s| {
                                    format!(
                                        "{:?}:{}",
                                        s.0,
                                        &d.text[s.1..s.2].chars().take(50).collect::<String>()
                                    )
                                })
                                .collect();
                            println!(
                                "FPCTX ...{}[[{}]]{}...\n   gold: {:?}",
                                &d.text[lo..a].replace('\n', " "),
                                &d.text[a..b],
                                &d.text[b..hi].replace('\n', " "),
                                gold
                            );
                        }
                    }
                }
            }
            for (k, part) in [Part::Source, Part::Cue, Part::Content]
                .into_iter()
                .enumerate()
            {
                let gold = part_spans(&d.whole, part);
                tally(&mut totals[k], &part_spans(&found, part), &gold, false);
            }
        }
    }
    let prf = |(m, p, g): Counts| {
        let prf = Prf::from_counts(m, p - m, g - m);
        format!(
            "P {:.3} R {:.3} F1 {:.3}",
            prf.precision, prf.recall, prf.f1
        )
    };
    println!(
        "{} train articles, {folds} folds, {epochs} epochs{}",
        docs.len(),
        if union { ", union with rules" } else { "" }
    );
    if misses {
        let mut v: Vec<_> = missed.into_iter().collect();
        v.sort_by_key(|b| std::cmp::Reverse(b.1));
        for (w, n) in v.iter().take(400) {
            println!("{n}\t{w}");
        }
    }
    println!("rules   source  {}", prf(rules));
    println!("tagger  source  {}", prf(totals[0]));
    println!("tagger  cue     {}", prf(totals[1]));
    println!("tagger  content {}", prf(totals[2]));
}
