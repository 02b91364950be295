//! Developer tool: prints PolNeAR gold attributions beside the quote
//! annotator's, sentence by sentence, for tuning.
//!
//! `cargo run --release -p parallax-eval --example quote_debug -- ../shared/data/polnear/dev/attributions/FILE.ann`

#![allow(clippy::print_stdout)]

fn main() -> std::io::Result<()> {
    let ann = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_default());
    let name = ann
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name.trim_end_matches(".ann");
    let stem = stem.rsplit_once('_').map_or(stem, |(s, _)| s);
    let text_path = ann
        .parent()
        .and_then(|p| p.parent())
        .map(|p| p.join("text").join(format!("{stem}.txt")))
        .unwrap_or_default();
    let text = std::fs::read_to_string(text_path)?;
    for line in std::fs::read_to_string(&ann)?.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() >= 3 && (fields[1].starts_with("Source") || fields[1].starts_with("Cue")) {
            println!("gold {:<40} {}", fields[1], fields[2]);
        }
    }
    for quote in parallax_annotate::annotate_quotes(&text) {
        let source = quote.source.map(|s| s.slice(&text)).unwrap_or("-");
        println!(
            "ours source {:?} cue {:?} ({}) at {}",
            source,
            quote.cue.slice(&text),
            quote.rule,
            quote.cue.start()
        );
    }
    Ok(())
}
