//! Development only: k-fold cross-validation of the attribution tagger on
//! PolNeAR's train split (never reads dev), pooled over the folds. Scores
//! the tagger's own spans; with `MERGE=1`, the quotes `Tagger::merge` makes
//! of them and the rules' quotes (as the annotator ships); with `MERGE=2`,
//! the tagger's quotes alone; with `UNION=1`, the tagger's spans with the
//! rules' spans put over them.
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
            if let Ok(mode) = std::env::var("MERGE") {
                let rules = if mode == "2" {
                    Vec::new()
                } else {
                    parallax_annotate::annotate_quotes(&d.text)
                };
                found = quote_spans(&tagger.merge(&d.text, rules));
            }
            if union {
                let ranges = quote_spans(&parallax_annotate::annotate_quotes(&d.text));
                found.retain(|&(_, a, b)| !ranges.iter().any(|r| r.1 < b && a < r.2));
                found.extend(ranges);
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
    println!("rules   source  {}", prf(rules));
    println!("tagger  source  {}", prf(totals[0]));
    println!("tagger  cue     {}", prf(totals[1]));
    println!("tagger  content {}", prf(totals[2]));
}
