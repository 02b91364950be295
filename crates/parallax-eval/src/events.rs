//! `parallax eval events`: the event coder against the PLOVER gold standard
//! records (sentences from the CAMEO manual, coded by hand): event-type
//! accuracy and actor and target F1, plus spurious events per sentence on
//! news that holds no diplomatic events.

use std::collections::BTreeSet;
use std::path::Path;

use parallax_annotate::{AnnotateContext, AnnotateOptions};
use parallax_core::{Annotations, EntityKind, Event, EventType, Modality, PartialDate};
use parallax_events::{EventOptions, VerbDictionary};

use crate::Table;
use crate::metrics::counts_row;

/// The label the gold standard (PLOVER 0.5b1) uses for one of our events:
/// it predates REQUEST, ACCUSE and the merged ASSAULT.
pub fn gsr_label(event: &Event) -> &'static str {
    // CAMEO 10: an act asked of someone is coded as the demand for it.
    if event.modality == Modality::Requested {
        return "DEMAND";
    }
    // CAMEO 03 and 13: an intent to cooperate is AGREE, an intent to harm is
    // THREATEN; the coder keeps the type and marks the modality.
    // An act of protest or force that may come is a threat of it (CAMEO
    // 133-138).
    let hostile = matches!(
        event.kind,
        EventType::Sanction
            | EventType::Coerce
            | EventType::Assault
            | EventType::Mobilize
            | EventType::Threaten
            | EventType::Protest
    );
    if matches!(event.modality, Modality::Intended | Modality::Hypothetical) && hostile {
        return "THREATEN";
    }
    if event.modality == Modality::Intended {
        return match event.kind {
            EventType::Reject | EventType::Accuse | EventType::Request => event.kind.as_str(),
            _ => "AGREE",
        };
    }
    // CAMEO 12: refusing to cooperate is a rejection.
    if event.modality == Modality::Negated
        && matches!(
            event.kind,
            EventType::Agree
                | EventType::Consult
                | EventType::Support
                | EventType::Cooperate
                | EventType::Aid
                | EventType::Concede
                | EventType::Retreat
        )
    {
        return "REJECT";
    }
    if event.cameo == "163" {
        // Sanctions were SANCTION before PLOVER 2021 moved them to COERCE.
        return "SANCTION";
    }
    match (event.kind, event.mode, event.context) {
        (EventType::Accuse, Some("investigate"), _) => "INVESTIGATE",
        (EventType::Accuse, _, _) => "DISAPPROVE",
        (EventType::Request, _, _) => "DEMAND",
        (EventType::Reject, _, _) if event.modality == Modality::Negated => "REJECT",
        (EventType::Assault, _, Some("military")) => "FIGHT",
        (kind, _, _) => kind.as_str(),
    }
}

/// The gold standard's actor code for one of our participants: ISO alpha-3
/// for states (and for people and agencies, their state), IGO, NGO, IMG.
fn actor_code(annotations: &Annotations, entity: usize) -> Option<String> {
    let e = &annotations.entities[entity];
    match e.kind {
        EntityKind::State | EntityKind::Territory => Some(e.id.clone()),
        EntityKind::Organisation => Some("IGO".into()),
        EntityKind::Ngo => Some("NGO".into()),
        EntityKind::Group => Some(e.country.clone().unwrap_or_else(|| "IMG".into())),
        _ => e.country.clone(),
    }
}

/// The CAMEO codes the gold standard writes for a few states.
fn normalise(code: &str) -> String {
    match code {
        "JAP" => "JPN".into(),
        "ITL" => "ITA".into(),
        other => other.to_string(),
    }
}

fn codes(value: &serde_json::Value) -> BTreeSet<String> {
    value
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|a| a.get("code")?.as_str())
                .map(normalise)
                .collect()
        })
        .unwrap_or_default()
}

/// Scores the coder on `plover-gsr`, and counts its events on plain news.
pub fn evaluate(data: &Path) -> std::io::Result<Vec<Table>> {
    let path = data.join("plover-gsr/gold_standard_records/PLOVER_GSR_CAMEO.txt");
    let records: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    let annotator = AnnotateOptions::default().build();
    let coder = EventOptions::default().build();
    let (mut n, mut coded, mut right) = (0usize, 0usize, 0usize);
    let mut roles = [(0usize, 0usize, 0usize); 2]; // (tp, fp, fn) for actors, targets
    for record in records.as_array().into_iter().flatten() {
        let gold = record["event"].as_str().unwrap_or("");
        let Some(text) = record["text"].as_str().filter(|_| gold != "DOCUMENT") else {
            continue;
        };
        n += 1;
        let date = record["date"].as_str().and_then(PartialDate::parse_iso);
        let annotations = annotator.annotate(text, &AnnotateContext { date });
        let events = coder.code(text, &annotations, date);
        // The sentence's first event is its coding.
        let event = events.first();
        if event.is_some() {
            coded += 1;
        }
        if event.is_some_and(|e| gsr_label(e) == gold) {
            right += 1;
        }
        for (slot, field) in [(0, "source"), (1, "target")] {
            let want = codes(&record[field]);
            let got: BTreeSet<String> = event
                .map(|e| if slot == 0 { &e.actors } else { &e.targets })
                .into_iter()
                .flatten()
                .filter_map(|p| actor_code(&annotations, p.entity))
                .collect();
            roles[slot].0 += got.intersection(&want).count();
            roles[slot].1 += got.difference(&want).count();
            roles[slot].2 += want.difference(&got).count();
        }
    }
    let f3 = |x: f64| format!("{x:.3}");
    // The same records coded with Phoenix's CAMEO verb dictionary (the one
    // PETRARCH2 ships), read from ../shared/data at run time: alone, and
    // beside parallax's own patterns.
    let phoenix =
        std::fs::read_to_string(data.join("petrarch-unit-tests/dictionaries/CAMEO.2.0.txt"))
            .map(|text| VerbDictionary::parse(&text))
            .ok();
    let mut phoenix_rows = Vec::new();
    for (label, builtin) in [
        ("event type accuracy, Phoenix CAMEO.2.0 verbs alone", false),
        ("event type accuracy, parallax + Phoenix verbs", true),
    ] {
        let Some(dictionary) = &phoenix else { break };
        let coder = EventOptions {
            dictionaries: vec![dictionary.clone()],
            builtin,
        }
        .build();
        let mut right = 0usize;
        for record in records.as_array().into_iter().flatten() {
            let gold = record["event"].as_str().unwrap_or("");
            let Some(text) = record["text"].as_str().filter(|_| gold != "DOCUMENT") else {
                continue;
            };
            let date = record["date"].as_str().and_then(PartialDate::parse_iso);
            let annotations = annotator.annotate(text, &AnnotateContext { date });
            let events = coder.code(text, &annotations, date);
            right += usize::from(events.first().is_some_and(|e| gsr_label(e) == gold));
        }
        phoenix_rows.push(vec![
            label.to_string(),
            n.to_string(),
            right.to_string(),
            f3(right as f64 / n.max(1) as f64),
            "-".into(),
            "-".into(),
        ]);
    }
    let mut rows = vec![
        vec![
            "event type accuracy".into(),
            n.to_string(),
            right.to_string(),
            f3(right as f64 / n.max(1) as f64),
            "-".into(),
            "-".into(),
        ],
        vec![
            "sentences with an event".into(),
            n.to_string(),
            coded.to_string(),
            f3(coded as f64 / n.max(1) as f64),
            "-".into(),
            "-".into(),
        ],
        counts_row(
            "actor (source) codes",
            roles[0].0 + roles[0].2,
            roles[0].0 + roles[0].1,
            roles[0].0,
        ),
        counts_row(
            "target codes",
            roles[1].0 + roles[1].2,
            roles[1].0 + roles[1].1,
            roles[1].0,
        ),
    ];
    rows.extend(phoenix_rows);
    Ok(vec![
        Table {
            title: format!("PLOVER gold standard records ({n} sentences): event coding"),
            header: vec!["what".into(), "gold".into(), "parallax".into(), "P / acc".into(), "R".into(), "F1".into()],
            rows,
            notes: vec![
                "The first event parallax codes in a sentence is compared with the sentence's gold coding; PLOVER 0.5b1 labels (DEMAND, DISAPPROVE, FIGHT, INVESTIGATE) are read from our PLOVER 2021 type and mode. Actor codes: ISO alpha-3, IGO, NGO, IMG; a person counts as their state.".into(),
                "No published coder reports on these records (the README says so); issue 4's target is type accuracy 0.75. The Phoenix rows code with PETRARCH2's own CAMEO verb dictionary (petrarch-unit-tests/dictionaries/CAMEO.2.0.txt, read at run time) through parallax's engine: the nearest stand-in for a peer figure.".into(),
            ],
        },
        crate::petrarch::evaluate(data)?,
        spurious(data, &annotator, &coder)?,
    ])
}

/// Events per sentence on 200 sentences of ordinary news (CleanEval's
/// gold texts): nearly all of them should code nothing.
fn spurious(
    data: &Path,
    annotator: &parallax_annotate::Annotator,
    coder: &parallax_events::Coder,
) -> std::io::Result<Table> {
    let mut sentences = 0usize;
    let mut events = 0usize;
    let mut examples = Vec::new();
    'pages: for (_, expected, _) in crate::extract::readability_pages(data)? {
        let text = crate::data::html_text(&expected);
        let annotations = annotator.annotate(&text, &AnnotateContext { date: None });
        // Coded once, as a run codes an article; counted per sentence.
        let coded = coder.code(&text, &annotations, None);
        for &sentence in &annotations.sentences {
            if sentence.slice(&text).split_whitespace().count() < 6 {
                continue;
            }
            let found = coded.iter().filter(|e| e.sentence == sentence);
            if let Some(e) = found.clone().next()
                && examples.len() < 5
            {
                examples.push(format!(
                    "{:?} in {:?}",
                    e.trigger.slice(&text),
                    sentence.slice(&text).chars().take(100).collect::<String>()
                ));
            }
            events += found.count();
            sentences += 1;
            if sentences >= 200 {
                break 'pages;
            }
        }
    }
    let mut notes = vec!["The first 200 sentences of six words or more from the readability test pages' expected text (blogs, documentation, general news): events there are mostly spurious. Issue 4's bound is 0.05 per sentence.".to_string()];
    notes.extend(examples.into_iter().map(|e| format!("example: {e}")));
    Ok(Table {
        title: "Spurious events on non-diplomatic text".into(),
        header: vec![
            "sentences".into(),
            "events".into(),
            "events per sentence".into(),
        ],
        rows: vec![vec![
            sentences.to_string(),
            events.to_string(),
            format!("{:.3}", events as f64 / sentences.max(1) as f64),
        ]],
        notes,
    })
}
