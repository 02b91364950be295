//! `parallax eval annotate`: attribution (quotes and their speakers) against
//! PolNeAR's dev split, beside the published peer figure, and the quotes with
//! speakers that BASIL marks.

use std::path::Path;

use parallax_annotate::attribution::{Part, Span};
use parallax_core::TextRange;

use crate::Table;
use crate::data::sorted_entries;
use crate::metrics::counts_row;

/// Gold spans of one document: (source, cue, content) per attribution.
struct GoldDoc {
    text: String,
    sources: Vec<(usize, usize)>,
    cues: Vec<(usize, usize)>,
    contents: Vec<(usize, usize)>,
}

/// The text file of a PolNeAR annotation file: `attributions/NAME_xxxx.ann`
/// annotates `text/NAME.txt`.
pub fn polnear_text_path(ann: &Path) -> std::path::PathBuf {
    let name = ann
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.trim_end_matches(".ann");
    let stem = stem.rsplit_once('_').map_or(stem, |(s, _)| s);
    let folder = ann.parent().and_then(Path::parent).unwrap_or(Path::new(""));
    folder.join("text").join(format!("{stem}.txt"))
}

/// One PolNeAR article: its text and every annotated fragment, as byte
/// spans with their part (source, cue or content) and the whole span of
/// each annotation (a discontinuous one runs from its first start to its
/// last end).
pub struct PolnearDoc {
    /// The article text.
    pub text: String,
    /// Each continuous fragment of each annotation.
    pub fragments: Vec<Span>,
    /// Each annotation from its first start to its last end.
    pub whole: Vec<Span>,
}

/// A PolNeAR split (`train` or `dev`): `text/NAME.txt` and
/// `attributions/NAME_xxxx.ann` (brat).
pub fn polnear_split(data: &Path, split: &str) -> std::io::Result<Vec<PolnearDoc>> {
    let dir = data.join("polnear").join(split);
    let mut docs = Vec::new();
    for ann in sorted_entries(&dir.join("attributions"))? {
        let Ok(text) = std::fs::read_to_string(polnear_text_path(&ann)) else {
            continue;
        };
        // brat offsets count characters; our ranges count bytes.
        let mut byte_at: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        byte_at.push(text.len());
        let to_byte = |chars: usize| byte_at.get(chars).copied().unwrap_or(text.len());
        let mut doc = PolnearDoc {
            text: String::new(),
            fragments: Vec::new(),
            whole: Vec::new(),
        };
        for line in std::fs::read_to_string(&ann)?.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            let [id, spec, ..] = fields[..] else { continue };
            if !id.starts_with('T') {
                continue;
            }
            let label = spec.split(' ').next().unwrap_or("");
            let part = match label {
                "Source" => Part::Source,
                "Cue" => Part::Cue,
                "Content" => Part::Content,
                _ => continue,
            };
            // "12 20;25 30": fragments separated by ';'.
            let mut first_last: Option<(usize, usize)> = None;
            for fragment in spec[label.len()..].split(';') {
                let offsets: Vec<usize> =
                    fragment.split(' ').filter_map(|n| n.parse().ok()).collect();
                let [start, end] = offsets[..] else { continue };
                let (start, end) = (to_byte(start), to_byte(end));
                doc.fragments.push((part, start, end));
                first_last = Some(first_last.map_or((start, end), |(s, _)| (s, end)));
            }
            if let Some((start, end)) = first_last {
                doc.whole.push((part, start, end));
            }
        }
        doc.text = text;
        docs.push(doc);
    }
    Ok(docs)
}

/// PolNeAR `dev`, as whole spans per part.
fn polnear_dev(data: &Path) -> std::io::Result<Vec<GoldDoc>> {
    Ok(polnear_split(data, "dev")?
        .into_iter()
        .map(|doc| GoldDoc {
            sources: part_spans(&doc.whole, Part::Source),
            cues: part_spans(&doc.whole, Part::Cue),
            contents: part_spans(&doc.whole, Part::Content),
            text: doc.text,
        })
        .collect())
}

/// The spans of one part, as (start, end).
pub fn part_spans(spans: &[Span], part: Part) -> Vec<(usize, usize)> {
    spans
        .iter()
        .filter(|s| s.0 == part)
        .map(|&(_, a, b)| (a, b))
        .collect()
}

/// Each quote's source (when it has one), cue and content, with its part.
pub fn quote_spans(quotes: &[parallax_core::Quote]) -> Vec<Span> {
    let span = |part: Part, r: TextRange| (part, r.start() as usize, r.end() as usize);
    quotes
        .iter()
        .flat_map(|q| {
            [
                q.source.map(|r| span(Part::Source, r)),
                Some(span(Part::Cue, q.cue)),
                Some(span(Part::Content, q.content)),
            ]
        })
        .flatten()
        .collect()
}

/// Adds one document's one-to-one matches, predictions and gold spans to
/// `total` (matched, predicted, gold).
pub fn tally(
    total: &mut (usize, usize, usize),
    pred: &[(usize, usize)],
    gold: &[(usize, usize)],
    exact: bool,
) {
    total.0 += matches(pred, gold, exact);
    total.1 += pred.len();
    total.2 += gold.len();
}

/// Counts one-to-one matches between predicted and gold spans.
pub fn matches(pred: &[(usize, usize)], gold: &[(usize, usize)], exact: bool) -> usize {
    let mut used = vec![false; gold.len()];
    let mut n = 0;
    for &(ps, pe) in pred {
        let hit = gold.iter().enumerate().position(|(i, &(gs, ge))| {
            !used[i]
                && if exact {
                    ps == gs && pe == ge
                } else {
                    ps < ge && gs < pe
                }
        });
        if let Some(i) = hit {
            used[i] = true;
            n += 1;
        }
    }
    n
}

/// Scores one way of finding quotes over PolNeAR dev: (matched, predicted,
/// gold) for source exact, source overlap, cue and content.
fn score_quotes(
    docs: &[GoldDoc],
    quotes_of: impl Fn(&str) -> Vec<parallax_core::Quote>,
) -> [(usize, usize, usize); 4] {
    let mut totals = [(0usize, 0usize, 0usize); 4];
    for doc in docs {
        let found = quote_spans(&quotes_of(&doc.text));
        let sources = part_spans(&found, Part::Source);
        let cues = part_spans(&found, Part::Cue);
        let contents = part_spans(&found, Part::Content);
        for (slot, (pred, gold, exact)) in [
            (&sources, &doc.sources, true),
            (&sources, &doc.sources, false),
            (&cues, &doc.cues, false),
            (&contents, &doc.contents, false),
        ]
        .into_iter()
        .enumerate()
        {
            tally(&mut totals[slot], pred, gold, exact);
        }
    }
    totals
}

/// Runs the quote annotator over PolNeAR dev and scores sources, cues and
/// contents: the rules alone, the annotator as shipped (rules, then the
/// learned tagger where they found nothing), and the tagger alone. Also
/// retrains the tagger on PolNeAR train and says whether it is the model
/// that ships.
pub fn evaluate(data: &Path) -> std::io::Result<Vec<Table>> {
    let docs = polnear_dev(data)?;
    let annotator = parallax_annotate::AnnotateOptions::default().build();
    let rules = score_quotes(&docs, parallax_annotate::annotate_quotes);
    let shipped = score_quotes(&docs, |text| annotator.quotes(text));
    let retrained = train_shipped_tagger(data)?.to_bytes();
    let same = retrained == parallax_annotate::attribution::shipped_bytes();
    // Score the model as it ships (weights rounded to 1/256).
    let tagger = parallax_annotate::attribution::Tagger::from_bytes(&retrained)
        .ok_or_else(|| std::io::Error::other("retrained model does not read back"))?;
    let learned = learned_tagger(&tagger, data)?;
    let row = |name: &str, (matched, predicted, gold): (usize, usize, usize)| {
        counts_row(name, gold, predicted, matched)
    };
    let rows = vec![
        row("parallax speaker = source span (exact)", shipped[0]),
        row("parallax speaker = source span (overlap)", shipped[1]),
        row("parallax cue (overlap)", shipped[2]),
        row("parallax quote span = content (overlap)", shipped[3]),
        row("rules alone: source span (exact)", rules[0]),
        row("rules alone: source span (overlap)", rules[1]),
        row("rules alone: cue (overlap)", rules[2]),
        row("rules alone: content (overlap)", rules[3]),
        row("learned tagger alone: source span (overlap)", learned[0]),
        row("learned tagger alone: cue (overlap)", learned[1]),
        row("learned tagger alone: content (overlap)", learned[2]),
        vec![
            "Citron, source F1 on PARC3 (published)".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            "-".into(),
            "0.82".into(),
        ],
    ];
    Ok(vec![Table {
        title: format!("PolNeAR dev ({} articles): attribution sources, cues and contents", docs.len()),
        header: vec!["what".into(), "gold".into(), "predicted".into(), "P".into(), "R".into(), "F1".into()],
        rows,
        notes: vec![
            "One-to-one matching; 'overlap' counts a prediction right when it shares a character with an unmatched gold span.".into(),
            "'parallax' rows: the annotator as shipped, the quote rules and then the learned attribution tagger (parallax_annotate::attribution) where the rules found nothing. 'learned tagger alone': its own spans, retrained in this run on PolNeAR train and scored on dev.".into(),
            format!(
                "Shipped model (crates/parallax-annotate/data/attribution.model): {}.",
                if same {
                    "identical to this run's retraining on PolNeAR train"
                } else {
                    "DIFFERS from this run's retraining on PolNeAR train (rerun examples/train_attribution.rs)"
                }
            ),
            "The Citron figure is on another corpus (PARC3).".into(),
        ],
    }, basil(data)?])
}

/// Epochs and jackknife folds of the shipped tagger, chosen by 5-fold
/// cross-validation on PolNeAR train (`examples/attribution_experiment.rs`).
const TAGGER_EPOCHS: usize = 7;
const TAGGER_FOLDS: usize = 5;

/// Trains the attribution tagger as shipped: on all of PolNeAR train.
pub fn train_shipped_tagger(
    data: &Path,
) -> std::io::Result<parallax_annotate::attribution::Tagger> {
    let train = polnear_split(data, "train")?;
    let texts: Vec<parallax_annotate::attribution::Annotated<'_>> = train
        .iter()
        .map(|d| (d.text.as_str(), d.fragments.as_slice()))
        .collect();
    Ok(parallax_annotate::attribution::train_tagger(
        &texts,
        TAGGER_EPOCHS,
        TAGGER_FOLDS,
    ))
}

/// Scores the learned tagger alone on dev: (matched, predicted, gold) for
/// source, cue and content spans.
fn learned_tagger(
    tagger: &parallax_annotate::attribution::Tagger,
    data: &Path,
) -> std::io::Result<[(usize, usize, usize); 3]> {
    let mut totals = [(0, 0, 0); 3];
    for doc in polnear_split(data, "dev")? {
        let (prepared, tags) = tagger.tag(&doc.text);
        let found = parallax_annotate::attribution::spans(&prepared, &tags);
        for (k, part) in [Part::Source, Part::Cue, Part::Content]
            .into_iter()
            .enumerate()
        {
            let pred = part_spans(&found, part);
            tally(&mut totals[k], &pred, &part_spans(&doc.whole, part), false);
        }
    }
    Ok(totals)
}

/// A label that names one person ("Joe_Arpaio"), not a group
/// ("Senate_Republicans", "Obama_campaign", "plaintiffs"): two or more
/// capitalised words, the last not a plural.
fn names_one_person(label: &str) -> bool {
    let words: Vec<&str> = label.split('_').collect();
    words.len() >= 2
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
        && !words.last().is_some_and(|w| w.ends_with('s'))
}

/// The last word of a speaker label ("Donald_Trump" → "trump").
fn surname(label: &str) -> String {
    label.rsplit(['_', ' ']).next().unwrap_or("").to_lowercase()
}

/// BASIL's quoted bias spans: is each inside a quote parallax finds, and is
/// the speaker the one BASIL names?
fn basil(data: &Path) -> std::io::Result<Table> {
    let dir = data.join("basil");
    let annotator = parallax_annotate::AnnotateOptions::default().build();
    let (mut total, mut located, mut found) = (0usize, 0usize, 0usize);
    // [all named labels, labels that name one person]: (gold, predicted, correct)
    let mut speakers = [(0usize, 0usize, 0usize); 2];
    for year in sorted_entries(&dir.join("annotations"))? {
        for ann in sorted_entries(&year)? {
            let Some(name) = ann.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
                continue;
            };
            // "<triplet>_<k>_ann.json" annotates "articles/<year>/<triplet>_<k>.json".
            let Some(stem) = name.strip_suffix("_ann.json") else {
                continue;
            };
            let article_path = dir
                .join("articles")
                .join(year.file_name().unwrap_or_default())
                .join(format!("{stem}.json"));
            let (Ok(article), Ok(annotations)) = (
                std::fs::read_to_string(&article_path),
                std::fs::read_to_string(&ann),
            ) else {
                continue;
            };
            let (Ok(article), Ok(annotations)) = (
                serde_json::from_str::<serde_json::Value>(&article),
                serde_json::from_str::<serde_json::Value>(&annotations),
            ) else {
                continue;
            };
            let paragraphs = article["body-paragraphs"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let text = paragraphs
                .iter()
                .map(|p| {
                    p.as_array()
                        .map(|sentences| {
                            sentences
                                .iter()
                                .filter_map(|s| s.as_str())
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join("\n");
            let date = article["date"]
                .as_str()
                .and_then(parallax_core::PartialDate::parse_iso);
            let found_here =
                annotator.annotate(&text, &parallax_annotate::AnnotateContext { date });
            let phrases = annotations["phrase-level-annotations"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for phrase in phrases.iter().filter(|p| p["quote"] == "yes") {
                total += 1;
                let words = phrase["txt"]
                    .as_str()
                    .unwrap_or("")
                    .trim_matches(|c: char| {
                        matches!(c, '“' | '”' | '"' | ',' | '.' | ' ' | '‘' | '’' | '\'')
                    });
                let Some(start) = (!words.is_empty()).then(|| text.find(words)).flatten() else {
                    continue;
                };
                located += 1;
                let end = start + words.len();
                let quote = found_here.quotes.iter().find(|q| {
                    (q.content.start() as usize) < end && start < q.content.end() as usize
                });
                let label = phrase["speaker"].as_str().unwrap_or("");
                let is_named = !label.is_empty() && !label.starts_with("other");
                let is_person = is_named && names_one_person(label);
                for (slot, applies) in [(0, is_named), (1, is_person)] {
                    if applies {
                        speakers[slot].0 += 1;
                    }
                }
                let Some(quote) = quote else { continue };
                found += 1;
                if !is_named {
                    continue;
                }
                let speaker = match quote.speaker {
                    Some(i) => found_here.entities[i].name.clone(),
                    None => quote
                        .source
                        .map(|r| r.slice(&text).to_string())
                        .unwrap_or_default(),
                };
                if speaker.is_empty() {
                    continue;
                }
                let right = speaker.to_lowercase().contains(&surname(label));
                for (slot, applies) in [(0, true), (1, is_person)] {
                    if applies {
                        speakers[slot].1 += 1;
                        speakers[slot].2 += usize::from(right);
                    }
                }
            }
        }
    }
    let speaker_row = |what: &str, (gold, predicted, correct): (usize, usize, usize)| {
        counts_row(what, gold, predicted, correct)
    };
    let rows = vec![
        vec![
            "quote span found (recall)".into(),
            located.to_string(),
            found.to_string(),
            "-".into(),
            format!("{:.3}", found as f64 / located.max(1) as f64),
            "-".into(),
        ],
        speaker_row("speaker, every named label", speakers[0]),
        speaker_row("speaker, labels naming one person", speakers[1]),
    ];
    Ok(Table {
        title: format!("BASIL ({total} quoted bias spans, {located} located in the article text): quotes and speakers"),
        header: vec!["what".into(), "gold".into(), "predicted".into(), "P".into(), "R".into(), "F1".into()],
        rows,
        notes: vec![
            "BASIL marks only the quotes that carry bias, so quote precision cannot be measured; a span counts as found when a parallax quote's content overlaps it.".into(),
            "Speakers: BASIL labels like Donald_Trump; 'other_*' labels (unnamed sources) are left out. Right when the speaker parallax resolves (entity name, else the source text) contains the label's last word. No published peer figure.".into(),
        ],
    })
}
