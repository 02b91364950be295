//! Issue 6 on the seeds: the report's story, timeline, coverage matrix,
//! contradictions, naming, loaded terms and omissions against GOLD.toml
//! (read from GOLD.toml itself; nothing is copied here), and a snapshot of
//! the comparison's JSON with every piece of article text replaced by its
//! length (the repository holds no third-party text).
//!
//! `GAPS` lists what does not hold yet; the test fails when one of them
//! starts to hold (so the list shrinks) or when anything else breaks.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use parallax_compare::{Comparison, ContradictionKind, Fact};
use parallax_core::PartialDate;
use parallax_pipeline::{PipelineOptions, compare_story, parallax_compare, stories};
use serde::Deserialize;

#[derive(Deserialize)]
struct Gold {
    event: Vec<GoldEvent>,
    framing: Vec<GoldFraming>,
}

#[derive(Deserialize)]
struct GoldEvent {
    id: String,
    actor: String,
    action: String,
    target: Vec<String>,
    reported_by: Vec<String>,
    date: Option<String>,
}

#[derive(Deserialize)]
struct GoldFraming {
    doc: String,
    names: BTreeMap<String, String>,
    loaded: Vec<String>,
    #[serde(default)]
    omits: Vec<String>,
}

/// GOLD's action names in CAMEO codes, as in `seeds_events.rs`.
fn cameo(action: &str) -> &'static [&'static str] {
    match action {
        "grant diplomatic recognition" | "hand over recognition document" => &["054"],
        "break diplomatic relations" => &["161"],
        "criticize or denounce" => &["111", "110", "112"],
        "reject" => &["120"],
        "praise or endorse" => &["051"],
        _ => &[],
    }
}

/// What does not hold yet.
/// - `001 Donbas`: GOLD gives 001 the spelling "Donbas", but 001's only
///   spelling of the region is "Donbass", inside Pushilin's quoted words
///   (the report shows it as quoted). The report cannot find a spelling the
///   text does not have.
const GAPS: &[&str] = &["001 Donbas"];

fn shared() -> PathBuf {
    std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

/// GOLD's three-digit document name ("000") of a comparison's document.
fn gold_doc(c: &Comparison, doc: usize) -> String {
    c.documents[doc].label.chars().take(3).collect()
}

fn fact_docs(c: &Comparison, f: &Fact) -> BTreeSet<String> {
    f.support
        .documents
        .iter()
        .map(|&d| gold_doc(c, d))
        .collect()
}

/// The fact a GOLD event is: same action, GOLD's actor among its actors, a
/// target GOLD names; of several, the most widely reported.
fn fact_of<'a>(c: &'a Comparison, want: &GoldEvent) -> Option<&'a Fact> {
    let names = |id: &str, name: &str, gold: &str| {
        id == gold
            || name == gold
            // GOLD describes some targets in words ("Crimea annexation").
            || (gold.contains(' ') && gold.split_whitespace().any(|w| w == name))
    };
    c.facts
        .iter()
        .filter(|f| {
            let codes = cameo(&want.action);
            (codes.contains(&f.cameo.as_str())
                || f.mentions.iter().any(|m| codes.contains(&m.cameo.as_str())))
                && f.actors.iter().any(|a| names(&a.id, &a.name, &want.actor))
                && f.targets
                    .iter()
                    .any(|t| want.target.iter().any(|g| names(&t.id, &t.name, g)))
        })
        .max_by_key(|f| f.support.documents.len())
}

/// Whether a fact's date lies within GOLD's, at GOLD's granularity.
fn within(got: &str, gold: &str) -> bool {
    let Some(want) = PartialDate::parse_iso(gold) else {
        return false;
    };
    let (a, b) = got.split_once('/').unwrap_or((got, got));
    [a, b].iter().all(|d| {
        PartialDate::parse_iso(d).is_some_and(|d| {
            d.year == want.year
                && want.month.is_none_or(|m| d.month == Some(m))
                && want.day.is_none_or(|day| d.day == Some(day))
        })
    })
}

/// The last day of a GOLD date ("2022-06" → 2022-06-30).
fn last_day(gold: &str) -> Option<i64> {
    let d = PartialDate::parse_iso(gold)?;
    let month = d.month.unwrap_or(12);
    let full = PartialDate::ym(d.year, month)?;
    let day = d.day.unwrap_or(full.days_in_month()?);
    PartialDate::ymd(d.year, month, day)?.to_days()
}

/// `text` with typographic quotes and apostrophes made straight, and, per
/// byte of the result, the byte of `text` it comes from.
fn straightened(text: &str) -> (String, Vec<usize>) {
    let mut out = String::new();
    let mut at = Vec::new();
    for (i, c) in text.char_indices() {
        let c = match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        };
        for _ in 0..c.len_utf8() {
            at.push(i);
        }
        out.push(c);
    }
    (out, at)
}

fn comparison() -> (Comparison, Vec<String>) {
    let seeds = shared().join("seeds");
    let pipeline = PipelineOptions::default().build();
    let run = pipeline.extract_all(&[seeds.display().to_string()], &mut |_| {});
    let annotated = pipeline.annotate_all(&run.articles);
    let found = stories(&run.articles, &annotated);
    assert_eq!(found.len(), 1, "the seeds are one story");
    let texts = found[0]
        .members
        .iter()
        .map(|&i| run.articles[i].article.text.clone())
        .collect();
    (compare_story(&run.articles, &annotated, &found[0]), texts)
}

#[test]
fn seeds_report_against_gold() {
    let gold: Gold = toml::from_str(
        &std::fs::read_to_string(shared().join("seeds/GOLD.toml")).expect("GOLD.toml"),
    )
    .expect("GOLD.toml parses");
    let (c, texts) = comparison();
    let mut wrong: Vec<String> = Vec::new();
    let mut holds: BTreeSet<String> = BTreeSet::new();
    let on_timeline: BTreeMap<&str, bool> = c
        .timeline
        .story
        .iter()
        .map(|t| (t.fact.as_str(), false))
        .chain(
            c.timeline
                .background
                .iter()
                .map(|t| (t.fact.as_str(), true)),
        )
        .collect();
    let story_first = c
        .timeline
        .days
        .as_ref()
        .map(|d| d[0].clone())
        .unwrap_or_default();
    let mut fact_ids: BTreeMap<&str, &str> = BTreeMap::new();
    // Events: a fact each, on the timeline, dated as GOLD dates it (at
    // GOLD's granularity), background when before the story's days; the
    // coverage matrix row exactly GOLD's reported_by, but for the cells
    // GAPS lists.
    for want in &gold.event {
        let Some(f) = fact_of(&c, want) else {
            wrong.push(format!("{}: no fact", want.id));
            continue;
        };
        fact_ids.insert(&want.id, &f.id);
        let docs = fact_docs(&c, f);
        let expected: BTreeSet<String> = want.reported_by.iter().cloned().collect();
        if !docs.is_subset(&expected) {
            wrong.push(format!(
                "{}: reported by {docs:?}, GOLD {expected:?}",
                want.id
            ));
        }
        for doc in &expected {
            let key = format!("{} {doc}", want.id);
            if docs.contains(doc) {
                holds.insert(key);
            } else if !GAPS.contains(&key.as_str()) {
                wrong.push(format!(
                    "{key}: not in the coverage row (GOLD {expected:?})"
                ));
            }
        }
        let Some(background) = on_timeline.get(f.id.as_str()) else {
            wrong.push(format!("{}: {} not on the timeline", want.id, f.id));
            continue;
        };
        if let Some(date) = &want.date {
            let got = f.date.as_deref().unwrap_or("");
            if !within(got, date) {
                wrong.push(format!("{}: dated {got}, GOLD {date}", want.id));
            }
            // Background: GOLD's days end more than a week before the story's
            // first article (2014, February and June 2022 here).
            let before = last_day(date)
                .zip(PartialDate::parse_iso(&story_first).and_then(PartialDate::to_days))
                .is_some_and(|(last, first)| last < first - 7);
            if *background != before {
                wrong.push(format!(
                    "{}: background {background}, GOLD date {date}",
                    want.id
                ));
            }
        }
    }
    // Contradictions.
    let docs_of = |k: ContradictionKind| -> Vec<BTreeSet<String>> {
        c.contradictions
            .iter()
            .filter(|x| x.kind == k)
            .map(|x| x.claims.iter().map(|cl| gold_doc(&c, cl.doc)).collect())
            .collect()
    };
    let has = |k: ContradictionKind, want: &[&str]| {
        docs_of(k)
            .iter()
            .any(|d| want.iter().all(|w| d.contains(*w)))
    };
    if !has(ContradictionKind::Attribute, &["003", "004"]) {
        wrong.push("the foreign minister's gender: no contradiction between 003 and 004".into());
    }
    let counted = c.contradictions.iter().any(|x| {
        x.kind == ContradictionKind::Count
            && x.qualifier
                .as_deref()
                .is_some_and(|q| q.contains("UN member states"))
            && ["001", "002", "004"]
                .iter()
                .all(|d| x.claims.iter().any(|cl| gold_doc(&c, cl.doc) == *d))
    });
    if !counted {
        wrong.push(
            "who recognises: no count contradiction of 001, 002, 004 with its qualifier".into(),
        );
    }
    // When Ukraine cut ties: 002's "On Wednesday" against 004's "after
    // Thursday's announcement".
    let e2 = fact_ids.get("E2").copied().unwrap_or("");
    if !c.contradictions.iter().any(|x| {
        x.kind == ContradictionKind::Date
            && x.fact.as_deref() == Some(e2)
            && ["002", "004"]
                .iter()
                .all(|d| x.claims.iter().any(|cl| gold_doc(&c, cl.doc) == *d))
    }) {
        wrong.push("when Ukraine cut ties: no date contradiction of 002 and 004".into());
    }
    // Framing: every naming choice, and at least 80% of the loaded terms.
    for want in &gold.framing {
        let Some(doc) = (0..c.documents.len()).find(|&d| gold_doc(&c, d) == want.doc) else {
            wrong.push(format!("{}: not in the story", want.doc));
            continue;
        };
        for form in want.names.values() {
            let used =
                c.naming.iter().flat_map(|n| &n.uses).any(|u| {
                    u.doc == doc && &u.form == form && u.count + u.quoted + u.captions > 0
                });
            let key = format!("{} {form}", want.doc);
            if used {
                holds.insert(key);
            } else if !GAPS.contains(&key.as_str()) {
                wrong.push(format!("{key}: naming not found"));
            }
        }
        let (text, at) = straightened(&texts[doc]);
        let framing = &c.framing[doc];
        let spans: Vec<[u32; 2]> = framing
            .loaded
            .iter()
            .map(|t| t.span)
            .chain(framing.scare_quotes.iter().map(|s| s.span))
            .collect();
        let found = want
            .loaded
            .iter()
            .filter(|term| {
                let Some(start) = text.find(term.as_str()) else {
                    return false;
                };
                let (s, e) = (at[start] as u32, at[start + term.len() - 1] as u32 + 1);
                spans.iter().any(|sp| sp[0] < e && s < sp[1])
            })
            .count();
        if found * 5 < want.loaded.len() * 4 {
            wrong.push(format!(
                "{}: {found} of {} loaded terms",
                want.doc,
                want.loaded.len()
            ));
        }
        // Omissions GOLD lists.
        for event in &want.omits {
            let Some(fact) = fact_ids.get(event.as_str()) else {
                continue;
            };
            if !c.omissions.iter().any(|o| o.doc == doc && o.fact == *fact) {
                wrong.push(format!("{}: omission of {event} not shown", want.doc));
            }
        }
    }
    for gap in GAPS {
        if holds.contains(*gap) {
            wrong.push(format!("{gap} holds now: take it off GAPS"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Replaces every string that carries article text by its length.
fn redact(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if matches!(key.as_str(), "text" | "says" | "phrase") {
                    if let serde_json::Value::String(s) = v {
                        *v = serde_json::Value::String(format!("<{} bytes>", s.len()));
                    }
                } else {
                    redact(v);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

#[test]
fn seeds_report_json_snapshot() {
    let (c, _) = comparison();
    let mut value = serde_json::to_value(&c).expect("serialises");
    redact(&mut value);
    insta::assert_json_snapshot!(value);
}
