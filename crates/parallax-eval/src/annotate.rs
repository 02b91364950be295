//! `parallax eval annotate`: attribution (quotes and their speakers) against
//! PolNeAR's dev split, beside the published peer figure.

use std::path::Path;

use parallax_core::TextRange;

use crate::Table;
use crate::data::sorted_entries;
use crate::metrics::Prf;

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

/// PolNeAR `dev`: `text/NAME.txt` and `attributions/NAME_xxxx.ann` (brat).
fn polnear_dev(data: &Path) -> std::io::Result<Vec<GoldDoc>> {
    let dir = data.join("polnear/dev");
    let mut docs = Vec::new();
    for ann in sorted_entries(&dir.join("attributions"))? {
        let Ok(text) = std::fs::read_to_string(polnear_text_path(&ann)) else {
            continue;
        };
        // brat offsets count characters; our ranges count bytes.
        let mut byte_at: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        byte_at.push(text.len());
        let to_byte = |chars: usize| byte_at.get(chars).copied().unwrap_or(text.len());
        let mut doc = GoldDoc {
            text: text.clone(),
            sources: Vec::new(),
            cues: Vec::new(),
            contents: Vec::new(),
        };
        for line in std::fs::read_to_string(&ann)?.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            let [id, spec, ..] = fields[..] else { continue };
            if !id.starts_with('T') {
                continue;
            }
            let mut parts = spec.split(' ');
            let label = parts.next().unwrap_or("");
            // Discontinuous spans ("12 20;25 30") count from first start to last end.
            let offsets: Vec<usize> = spec[label.len()..]
                .split([' ', ';'])
                .filter_map(|n| n.parse().ok())
                .collect();
            let (Some(&start), Some(&end)) = (offsets.first(), offsets.last()) else {
                continue;
            };
            let (start, end) = (to_byte(start), to_byte(end));
            match label {
                "Source" => doc.sources.push((start, end)),
                "Cue" => doc.cues.push((start, end)),
                "Content" => doc.contents.push((start, end)),
                _ => {}
            }
        }
        docs.push(doc);
    }
    Ok(docs)
}

/// Counts one-to-one matches between predicted and gold spans.
fn matches(pred: &[(usize, usize)], gold: &[(usize, usize)], exact: bool) -> usize {
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

/// Runs the quote annotator over PolNeAR dev and scores sources, cues and contents.
pub fn evaluate(data: &Path) -> std::io::Result<Vec<Table>> {
    let docs = polnear_dev(data)?;
    let mut totals = [(0usize, 0usize, 0usize); 4]; // (matched, predicted, gold) for source exact, source overlap, cue, content
    for doc in &docs {
        let quotes = parallax_annotate::annotate_quotes(&doc.text);
        let span = |r: TextRange| (r.start() as usize, r.end() as usize);
        let sources: Vec<_> = quotes.iter().filter_map(|q| q.source.map(span)).collect();
        let cues: Vec<_> = quotes.iter().map(|q| span(q.cue)).collect();
        let contents: Vec<_> = quotes.iter().map(|q| span(q.content)).collect();
        for (slot, (pred, gold, exact)) in [
            (&sources, &doc.sources, true),
            (&sources, &doc.sources, false),
            (&cues, &doc.cues, false),
            (&contents, &doc.contents, false),
        ]
        .into_iter()
        .enumerate()
        {
            totals[slot].0 += matches(pred, gold, exact);
            totals[slot].1 += pred.len();
            totals[slot].2 += gold.len();
        }
    }
    let row = |name: &str, (matched, predicted, gold): (usize, usize, usize)| {
        let prf = Prf::from_counts(matched, predicted - matched, gold - matched);
        vec![
            name.to_string(),
            gold.to_string(),
            predicted.to_string(),
            format!("{:.3}", prf.precision),
            format!("{:.3}", prf.recall),
            format!("{:.3}", prf.f1),
        ]
    };
    let mut rows = vec![
        row("parallax source (exact span)", totals[0]),
        row("parallax source (overlap)", totals[1]),
        row("parallax cue (overlap)", totals[2]),
        row("parallax content (overlap)", totals[3]),
    ];
    rows.push(vec![
        "Citron, source F1 on PARC3 (published)".into(),
        "-".into(),
        "-".into(),
        "-".into(),
        "-".into(),
        "0.82".into(),
    ]);
    Ok(vec![Table {
        title: format!("PolNeAR dev ({} articles): attribution sources, cues and contents", docs.len()),
        header: vec!["what".into(), "gold".into(), "predicted".into(), "P".into(), "R".into(), "F1".into()],
        rows,
        notes: vec![
            "One-to-one matching; 'overlap' counts a prediction right when it shares a character with an unmatched gold span.".into(),
            "Rules only (no model); one attribution per sentence at most. The Citron figure is on another corpus (PARC3).".into(),
        ],
    }])
}
