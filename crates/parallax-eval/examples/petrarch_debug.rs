//! Developer tool: prints each applicable PETRARCH2 unit-test record with the
//! expected coding and what parallax coded, for error analysis.
//!
//! `cargo run --release -p parallax-eval --example petrarch_debug -- ../shared/data [own] [SENTENCE]`
//!
//! `own` shows the run with the records' own verb dictionary; a sentence
//! after it is coded alone with the records' dictionaries, verbosely.

#![allow(clippy::print_stdout)]

use parallax_annotate::{AnnotateContext, AnnotateOptions, read_actor_dictionary};
use parallax_events::{EventOptions, VerbDictionary};

fn main() -> std::io::Result<()> {
    let data = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".into()),
    );
    let own = std::env::args().nth(2).is_some_and(|a| a == "own");
    if let Some(text) = std::env::args().nth(3) {
        let dir = data.join("petrarch-unit-tests/dictionaries");
        let actors = std::fs::read_to_string(dir.join("PETR.Validate.actors.txt"))?;
        let verbs = std::fs::read_to_string(dir.join("PETR.Validate.verbs.txt"))?;
        let annotator = AnnotateOptions {
            extra_actors: read_actor_dictionary(&actors),
            ..Default::default()
        }
        .build();
        let coder = EventOptions {
            dictionaries: vec![VerbDictionary::parse(&verbs)],
            builtin: false,
        }
        .build();
        let annotations = annotator.annotate(&text, &AnnotateContext { date: None });
        for m in &annotations.mentions {
            println!(
                "mention {:?} {} {:?} {:?}",
                m.range.slice(&text),
                annotations.entities[m.entity].id,
                m.form,
                m.sector
            );
        }
        for e in coder.code(&text, &annotations, None) {
            println!(
                "{} [{}] rule {:?} actors {:?} targets {:?} {}",
                e.cameo,
                e.trigger.slice(&text),
                e.rule,
                e.actors
                    .iter()
                    .map(|p| p.range.slice(&text))
                    .collect::<Vec<_>>(),
                e.targets
                    .iter()
                    .map(|p| p.range.slice(&text))
                    .collect::<Vec<_>>(),
                e.modality.as_str()
            );
        }
        return Ok(());
    }
    let table =
        parallax_eval::petrarch::evaluate_with(&data, |with_own, text, expected, coded| {
            if with_own != own {
                return;
            }
            let pass = coded.iter().any(|(s, t, c)| {
                *s == expected.0 && *t == expected.1 && c.get(..2) == expected.2.get(..2)
            });
            println!("{} {text}", if pass { "PASS" } else { "FAIL" });
            println!("     expected {expected:?}");
            println!("     coded    {coded:?}");
        })?;
    print!("{}", table.to_text());
    Ok(())
}
