//! Developer tool: prints the quote annotator's output for PolNeAR
//! annotation files as TSV (file, source, cue, content as character offsets,
//! rule), for error analysis against the gold spans.
//!
//! `cargo run --release -p parallax-eval --example quote_dump -- ../shared/data/polnear/train/attributions/*.ann`

#![allow(clippy::print_stdout)]

fn main() -> std::io::Result<()> {
    for ann in std::env::args().skip(1) {
        let ann = std::path::PathBuf::from(ann);
        let Ok(text) = std::fs::read_to_string(parallax_eval::annotate::polnear_text_path(&ann))
        else {
            continue;
        };
        let chars = |byte: u32| text[..byte as usize].chars().count();
        for quote in parallax_annotate::annotate_quotes(&text) {
            let (s0, s1) = quote
                .source
                .map_or((0, 0), |s| (chars(s.start()), chars(s.end())));
            println!(
                "{}\t{s0}\t{s1}\t{}\t{}\t{}\t{}\t{}",
                ann.display(),
                chars(quote.cue.start()),
                chars(quote.cue.end()),
                chars(quote.content.start()),
                chars(quote.content.end()),
                quote.rule
            );
        }
    }
    Ok(())
}
