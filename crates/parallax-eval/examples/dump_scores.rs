//! Developer tool: writes each readability test page's visible text to a folder
//! as a text dump and prints, per page, the text-dump mode's body F1 and the
//! title it chose beside the gold title. For tuning the line classifier.
//!
//! `cargo run --release -p parallax-eval --example dump_scores -- ../shared/data /tmp/dumps`

#![allow(clippy::print_stdout)]

use parallax_eval::extract::{readability_pages, run_parallax_dump};
use parallax_eval::token_f1;
use parallax_extract::ExtractOptions;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let data = std::path::PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".into()));
    let out = std::path::PathBuf::from(args.next().unwrap_or_else(|| "/tmp/dumps".into()));
    std::fs::create_dir_all(&out)?;
    let extractor = ExtractOptions::default().build();
    if let Some(set) = args.next() {
        // A CleanEval-style folder under the data folder, e.g. cleaneval/dev.
        for (page, gold) in parallax_eval::extract::cleaneval_pages(&data.join(set))? {
            std::fs::write(
                out.join(format!("{}.txt", page.name)),
                parallax_extract::page_text(&page.html),
            )?;
            let got = run_parallax_dump(&extractor, &page);
            let prf = token_f1(&got.text, &gold);
            println!(
                "{:.2} P{:.2} R{:.2} {}",
                prf.f1, prf.precision, prf.recall, page.name
            );
        }
        return Ok(());
    }
    for (page, gold, meta) in readability_pages(&data)? {
        std::fs::write(
            out.join(format!("{}.txt", page.name)),
            parallax_extract::page_text(&page.html),
        )?;
        let got = run_parallax_dump(&extractor, &page);
        let prf = token_f1(&got.text, &gold);
        println!(
            "{:.2} P{:.2} R{:.2} {:<40} title={:?} gold={:?}",
            prf.f1,
            prf.precision,
            prf.recall,
            page.name,
            got.title.unwrap_or_default(),
            meta["title"].as_str().unwrap_or_default()
        );
    }
    Ok(())
}
