//! Developer tool: prints PolNeAR gold attributions beside the quote
//! annotator's, sentence by sentence, for tuning.
//!
//! `cargo run --release -p parallax-eval --example quote_debug -- ../shared/data/polnear/dev/attributions/FILE.ann`

#![allow(clippy::print_stdout)]

fn main() -> std::io::Result<()> {
    let ann = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or_default());
    let text_path = parallax_eval::annotate::polnear_text_path(&ann);
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
