//! `parallax eval report`: the report's framing signals (loaded terms and
//! scare quotes, `parallax-compare`) against BASIL's lexical-bias spans.
//!
//! BASIL annotates, in 300 Fox / NYT / HuffPost articles, the words that
//! carry bias: lexical bias (a loaded word or phrase: "fierce", "slammed")
//! and informational bias (facts chosen to sway). parallax's lexicon holds
//! political labels and evaluative words; this measures how much of what
//! annotators call lexical bias it finds, and how often what it finds is
//! annotated bias, per sentence and per span.

use std::path::Path;

use parallax_annotate::{AnnotateContext, AnnotateOptions};
use parallax_compare::Source;

use crate::Table;

/// One article: its text (title, then paragraphs of sentences) and each
/// sentence's byte range, and its gold spans (byte ranges, lexical?,
/// inside a quote?).
struct Article {
    text: String,
    sentences: Vec<(usize, usize)>,
    gold: Vec<(usize, usize, bool, bool)>,
}

fn read(data: &Path) -> std::io::Result<Vec<Article>> {
    let dir = data.join("basil");
    let mut out = Vec::new();
    for year in crate::data::sorted_entries(&dir.join("articles"))? {
        for file in crate::data::sorted_entries(&year)? {
            let Ok(json) =
                serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&file)?)
            else {
                continue;
            };
            let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let year_name = year.file_name().and_then(|s| s.to_str()).unwrap_or("");
            let ann_path = dir
                .join("annotations")
                .join(year_name)
                .join(format!("{stem}_ann.json"));
            let Ok(ann) = std::fs::read_to_string(&ann_path) else {
                continue;
            };
            let Ok(ann) = serde_json::from_str::<serde_json::Value>(&ann) else {
                continue;
            };
            let mut text = json["title"].as_str().unwrap_or("").to_string();
            let mut sentences = Vec::new();
            for paragraph in json["body-paragraphs"].as_array().into_iter().flatten() {
                text.push_str("\n\n");
                for (i, s) in paragraph
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|s| s.as_str())
                    .enumerate()
                {
                    if i > 0 {
                        text.push(' ');
                    }
                    sentences.push((text.len(), text.len() + s.len()));
                    text.push_str(s);
                }
            }
            // Gold spans: the annotated words, found in the first sentence
            // holding them (BASIL's offsets are within a sentence it does
            // not name).
            let mut gold = Vec::new();
            for span in ann["phrase-level-annotations"]
                .as_array()
                .into_iter()
                .flatten()
            {
                let words = span["txt"].as_str().unwrap_or("");
                if words.trim().is_empty() {
                    continue;
                }
                let Some(&(s, e)) = sentences.iter().find(|(s, e)| text[*s..*e].contains(words))
                else {
                    continue;
                };
                let at = s + text[s..e].find(words).unwrap_or(0);
                gold.push((
                    at,
                    at + words.len(),
                    span["bias"].as_str() == Some("lex"),
                    span["quote"].as_str() == Some("yes"),
                ));
            }
            out.push(Article {
                text,
                sentences,
                gold,
            });
        }
    }
    Ok(out)
}

/// Precision `hit_p / all_p`, recall `hit_r / all_r`, and their F1.
fn prf(hit_p: usize, all_p: usize, hit_r: usize, all_r: usize) -> (f64, f64, f64) {
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let (p, r) = (ratio(hit_p, all_p), ratio(hit_r, all_r));
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Sentence-level and span-level precision, recall and F1 of loaded terms
/// and scare quotes against BASIL's lexical-bias spans.
pub fn evaluate(data: &Path) -> std::io::Result<Table> {
    let articles = read(data)?;
    let annotator = AnnotateOptions::default().build();
    // Sentences: (predicted, gold) counts, writer's voice and all.
    let (mut s_tp, mut s_pred, mut s_gold) = (0, 0, 0);
    // Spans: gold lexical spans overlapped; predicted spans overlapping any
    // gold bias span (lexical or informational).
    let (mut g_found, mut g_all, mut p_hit, mut p_all) = (0, 0, 0, 0);
    for a in &articles {
        let annotations = annotator.annotate(&a.text, &AnnotateContext { date: None });
        let source = Source {
            id: "",
            label: "",
            outlet: None,
            text: &a.text,
            captions: &[],
            date: None,
            annotations: &annotations,
            events: &[],
            origin: 0,
        };
        let comparison = parallax_compare::compare(std::slice::from_ref(&source));
        let framing = &comparison.framing[0];
        let found: Vec<(usize, usize)> = framing
            .loaded
            .iter()
            .filter(|t| t.voice != "quoted")
            .map(|t| (t.span[0] as usize, t.span[1] as usize))
            .chain(
                framing
                    .scare_quotes
                    .iter()
                    .map(|q| (q.span[0] as usize, q.span[1] as usize)),
            )
            .collect();
        let overlaps = |x: (usize, usize), y: (usize, usize)| x.0 < y.1 && y.0 < x.1;
        let lexical: Vec<(usize, usize)> = a
            .gold
            .iter()
            .filter(|g| g.2 && !g.3)
            .map(|g| (g.0, g.1))
            .collect();
        for &sentence in &a.sentences {
            let pred = found.iter().any(|&f| overlaps(f, sentence));
            let gold = lexical.iter().any(|&g| overlaps(g, sentence));
            s_pred += usize::from(pred);
            s_gold += usize::from(gold);
            s_tp += usize::from(pred && gold);
        }
        g_all += lexical.len();
        g_found += lexical
            .iter()
            .filter(|&&g| found.iter().any(|&f| overlaps(f, g)))
            .count();
        p_all += found.len();
        p_hit += found
            .iter()
            .filter(|&&f| a.gold.iter().any(|g| overlaps(f, (g.0, g.1))))
            .count();
    }
    let f3 = |x: f64| format!("{x:.3}");
    let (sp, sr, sf) = prf(s_tp, s_pred, s_tp, s_gold);
    let (span_p, span_r, span_f) = prf(p_hit, p_all, g_found, g_all);
    Ok(Table {
        title: "Framing: loaded terms and scare quotes against BASIL's lexical bias".into(),
        header: vec!["what".into(), "gold".into(), "parallax".into(), "P".into(), "R".into(), "F1".into()],
        rows: vec![
            vec![
                format!("sentences with lexical bias ({} articles)", articles.len()),
                s_gold.to_string(),
                s_pred.to_string(),
                f3(sp),
                f3(sr),
                f3(sf),
            ],
            vec![
                "spans: lexical-bias spans found (R); parallax's spans inside any annotated bias span (P)".into(),
                g_all.to_string(),
                p_all.to_string(),
                f3(span_p),
                f3(span_r),
                f3(span_f),
            ],
        ],
        notes: vec![
            "Gold: BASIL's lexical-bias spans outside quotes (the writer's own words); parallax: loaded terms in the writer's voice or in reported speech, and scare quotes. A sentence counts when a span overlaps it.".into(),
            "Peers: Fan et al. (EMNLP 2019) report BERT baselines for sentence-level lexical-bias detection on BASIL (figures not re-verified here). parallax's lexicon is written for political labels (regime, separatist, so-called ...), not for BASIL's evaluative verbs and adjectives (fierce, slammed): low recall here is expected, and precision says how often what the report shows is bias annotators also saw.".into(),
        ],
    })
}
