//! Developer tool: prints, for each PLOVER gold record, the gold coding and
//! the events parallax codes, for error analysis.
//!
//! `cargo run --release -p parallax-eval --example events_debug -- ../shared/data`

#![allow(clippy::print_stdout)]

use parallax_annotate::{AnnotateContext, AnnotateOptions};
use parallax_events::EventOptions;

fn main() -> std::io::Result<()> {
    let data = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".into()),
    );
    let records: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(
        data.join("plover-gsr/gold_standard_records/PLOVER_GSR_CAMEO.txt"),
    )?)
    .map_err(std::io::Error::other)?;
    let annotator = AnnotateOptions::default().build();
    let coder = EventOptions::default().build();
    // A sentence given after the data folder is coded alone, verbosely.
    if let Some(text) = std::env::args().nth(2) {
        let annotations = annotator.annotate(&text, &AnnotateContext { date: None });
        for m in &annotations.mentions {
            println!(
                "mention {:?} {} {:?}",
                m.range.slice(&text),
                annotations.entities[m.entity].id,
                m.form
            );
        }
        for s in &annotations.sentences {
            println!("sentence {:?}", s.slice(&text));
        }
        for e in coder.code(&text, &annotations, None) {
            println!("{e:?}");
        }
        return Ok(());
    }
    for record in records.as_array().into_iter().flatten() {
        let (Some(text), Some(gold)) = (record["text"].as_str(), record["event"].as_str()) else {
            continue;
        };
        let annotations = annotator.annotate(text, &AnnotateContext { date: None });
        let events = coder.code(text, &annotations, None);
        let got: Vec<String> = events
            .iter()
            .map(|e| {
                format!(
                    "{}/{}[{}]",
                    parallax_eval::events::gsr_label(e),
                    e.modality.as_str(),
                    e.trigger.slice(text)
                )
            })
            .collect();
        let entities: Vec<&str> = annotations.entities.iter().map(|e| e.id.as_str()).collect();
        println!(
            "{gold}\t{}\t{got:?}\t{entities:?}\t{text}",
            record["eventText"].as_str().unwrap_or("")
        );
    }
    Ok(())
}
