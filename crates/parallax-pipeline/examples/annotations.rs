//! Prints the language layer's output for the inputs given: each entity with
//! its mentions, each quote with its speaker, each time expression.
//!
//! `cargo run -p parallax-pipeline --example annotations -- ../shared/seeds`

#![allow(clippy::print_stdout)]

fn main() {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    let pipeline = parallax_pipeline::PipelineOptions::default().build();
    let run = pipeline.extract_all(&inputs, &mut |_| {});
    let annotated = pipeline.annotate_all(&run.articles);
    for (e, a) in run.articles.iter().zip(&annotated) {
        let text = &e.article.text;
        println!(
            "== {} date {:?} anchor {:?}",
            e.origin.location(),
            a.date.map(|d| d.to_string()),
            a.anchor
        );
        for (i, entity) in a.annotations.entities.iter().enumerate() {
            let forms: Vec<String> = a
                .annotations
                .mentions
                .iter()
                .filter(|m| m.entity == i)
                .map(|m| {
                    let sector = m
                        .sector
                        .map(|s| format!("/{}", s.code()))
                        .unwrap_or_default();
                    format!("{}[{}{}]", m.range.slice(text), m.form.as_str(), sector)
                })
                .collect();
            println!(
                "  {} ({}, {:?}, {:?}, role {:?}) conflicts {:?}: {}",
                entity.id,
                entity.kind.as_str(),
                entity.country,
                entity.gender,
                entity.role,
                entity.gender_conflicts,
                forms.join(" | ")
            );
        }
        for q in &a.annotations.quotes {
            let speaker = q.speaker.map(|s| a.annotations.entities[s].id.clone());
            println!(
                "  QUOTE {} [{}] src={:?} speaker={:?}: {}",
                q.kind.as_str(),
                q.cue.slice(text),
                q.source.map(|s| s.slice(text)),
                speaker,
                q.content.slice(text).chars().take(90).collect::<String>()
            );
        }
        for q in &a.annotations.scare_quotes {
            println!("  SCARE {:?} ({})", q.range.slice(text), q.rule);
        }
        for ev in &a.events {
            let names = |ps: &[parallax_core::Participant]| {
                ps.iter()
                    .map(|p| {
                        format!(
                            "{}({})",
                            a.annotations.entities[p.entity].id,
                            p.range.slice(text)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("+")
            };
            println!(
                "  EVENT {} {} {} -> {} [{}] date {:?}{} {} by {:?}",
                ev.kind.as_str(),
                ev.cameo,
                names(&ev.actors),
                names(&ev.targets),
                ev.trigger.slice(text),
                ev.date.map(|d| format!("{}..{}", d.start, d.end)),
                if ev.date_inferred { " (inferred)" } else { "" },
                ev.modality.as_str(),
                ev.reported_by.map(|i| a.annotations.entities[i].id.clone()),
            );
        }
        for d in &a.annotations.dates {
            println!(
                "  DATE {:?} {:?} {}",
                d.range.slice(text),
                d.value.map(|v| format!("{}..{}", v.start, v.end)),
                d.rule
            );
        }
    }
}
