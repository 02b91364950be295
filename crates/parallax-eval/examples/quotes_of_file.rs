//! Developer tool: the quotes the rules find in a text file, and the ones
//! the annotator keeps and adds with the learned tagger.
//!
//! `cargo run --release -p parallax-eval --example quotes_of_file -- FILE`
#![allow(clippy::print_stdout)]

fn main() -> std::io::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path)?;
    let show = |label: &str, quotes: &[parallax_core::Quote]| {
        for q in quotes {
            let source = q.source.map_or("-", |s| s.slice(&text));
            let content: String = q.content.slice(&text).chars().take(70).collect();
            println!(
                "{label} {:>5} {:<18} [{source}] <{}> {content}",
                q.cue.start(),
                q.rule,
                q.cue.slice(&text)
            );
        }
    };
    show("rules ", &parallax_annotate::annotate_quotes(&text));
    let annotator = parallax_annotate::AnnotateOptions::default().build();
    show("merged", &annotator.quotes(&text));
    // SPANS=1: the tagger's own spans too.
    if std::env::var("SPANS").is_ok()
        && let Some(tagger) = parallax_annotate::attribution::shipped()
    {
        let (prepared, tags) = tagger.tag(&text);
        for (part, a, b) in parallax_annotate::attribution::spans(&prepared, &tags) {
            println!("span {part:?} {a}..{b} {}", &text[a..b]);
        }
    }
    Ok(())
}
