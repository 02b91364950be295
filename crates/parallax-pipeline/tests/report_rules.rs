//! The comparison's rules end to end, on articles invented here: the
//! pipeline reads them, groups them, and the comparison is checked.

use parallax_compare::{Comparison, ContradictionKind};
use parallax_pipeline::{PipelineOptions, compare_story, parallax_compare, stories};

/// Reports of one story: (outlet, date, body).
fn compare(reports: &[(&str, &str, &str)]) -> Comparison {
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("reports.jsonl");
    let lines: Vec<String> = reports
        .iter()
        .enumerate()
        .map(|(i, (outlet, date, body))| {
            serde_json::json!({
                "url": format!("https://example.org/{i}"),
                "title": "Troops kill civilians in Mogadishu",
                "published": date,
                "outlet": outlet,
                "text": body,
            })
            .to_string()
        })
        .collect();
    std::fs::write(&path, lines.join("\n")).expect("written");
    let pipeline = PipelineOptions::default().build();
    let run = pipeline.extract_all(&[path.display().to_string()], &mut |_| {});
    let annotated = pipeline.annotate_all(&run.articles);
    let found = stories(&run.articles, &annotated);
    assert_eq!(found.len(), 1, "one story");
    compare_story(&run.articles, &annotated, &found[0])
}

const BODY: &str = "Kenyan troops killed {N} Somali civilians in Mogadishu on Tuesday, witnesses and local officials said. The army said it was investigating the shooting near the port, and the government of Somalia called for calm in the capital.";

fn body(n: &str) -> String {
    BODY.replace("{N}", n)
}

#[test]
fn different_tolls_on_one_day_contradict() {
    let (a, b) = (body("12"), body("15"));
    let c = compare(&[
        ("Outlet A", "2024-03-05", &a),
        ("Outlet B", "2024-03-05", &b),
    ]);
    let numbers: Vec<_> = c
        .contradictions
        .iter()
        .filter(|x| x.kind == ContradictionKind::Number)
        .collect();
    assert_eq!(numbers.len(), 1, "{:#?}", c.contradictions);
    let says: Vec<&str> = numbers[0]
        .claims
        .iter()
        .map(|cl| cl.says.as_str())
        .collect();
    assert_eq!(says, ["12 Somali civilians", "15 Somali civilians"]);
}

#[test]
fn a_toll_rising_in_a_later_report_is_an_update() {
    let (a, b) = (body("12"), body("15"));
    let c = compare(&[
        ("Outlet A", "2024-03-05", &a),
        ("Outlet B", "2024-03-07", &b),
    ]);
    assert!(
        c.contradictions
            .iter()
            .all(|x| x.kind != ContradictionKind::Number),
        "{:#?}",
        c.contradictions
    );
    // The same toll falling later is still a contradiction.
    let c = compare(&[
        ("Outlet A", "2024-03-05", &b),
        ("Outlet B", "2024-03-07", &a),
    ]);
    assert!(
        c.contradictions
            .iter()
            .any(|x| x.kind == ContradictionKind::Number)
    );
}

/// A sentence no event holds, said by two outlets in other words, is one
/// statement with both as support; an unrelated sentence is not.
#[test]
fn statements_outside_events_align_by_their_words() {
    let a = format!(
        "{} The port authority expects container traffic through the damaged northern pier to resume within three weeks after divers finish inspections.",
        body("12")
    );
    let b = format!(
        "{} Container traffic through the damaged northern pier should resume within three weeks once divers finish their inspections, the port authority expects.",
        body("12")
    );
    let c = compare(&[
        ("Outlet A", "2024-03-05", &a),
        ("Outlet B", "2024-03-05", &b),
    ]);
    let pier: Vec<_> = c
        .statements
        .iter()
        .filter(|s| s.shared_words.iter().any(|w| w == "pier"))
        .collect();
    assert_eq!(pier.len(), 1, "{:#?}", c.statements);
    let docs: Vec<usize> = pier[0].mentions.iter().map(|m| m.doc).collect();
    assert_eq!(docs, [0, 1]);
    // The two share the rest of their text word for word: copy lineage
    // makes them one origin, and the statement's support says so.
    assert_eq!(pier[0].support.origins, 1);
    // The killing is a fact; its sentence is no statement.
    assert!(
        c.statements
            .iter()
            .flat_map(|s| &s.mentions)
            .all(|m| !m.text.contains("killed")),
        "{:#?}",
        c.statements
    );
}

/// One statement with different numbers after the same word is a number
/// contradiction ("since 1962" against "since 1964").
#[test]
fn a_statement_with_different_years_contradicts() {
    let a = format!(
        "{} The damaged northern pier has handled container traffic for the port authority since 1962, according to its records.",
        body("12")
    );
    let b = format!(
        "{} According to port authority records, the damaged northern pier has handled container traffic since 1964.",
        body("12")
    );
    let c = compare(&[
        ("Outlet A", "2024-03-05", &a),
        ("Outlet B", "2024-03-05", &b),
    ]);
    let years: Vec<Vec<&str>> = c
        .contradictions
        .iter()
        .filter(|x| x.kind == ContradictionKind::Number && x.fact.is_none())
        .map(|x| x.claims.iter().map(|cl| cl.says.as_str()).collect())
        .collect();
    assert_eq!(
        years,
        [vec!["since 1962", "since 1964"]],
        "{:#?}",
        c.contradictions
    );
}

/// Two reports of one meeting: one names the envoy, the other only his role.
fn envoy_reports(second_envoy: &str) -> Comparison {
    let named = format!(
        "Kenya's ambassador to Somalia, Peter Mwangi, met with Somali President Hassan Sheikh Mohamud in Mogadishu on Tuesday, officials said. The talks covered the port and border security. {second_envoy}"
    );
    let role = "The Kenyan ambassador met with Somali President Hassan Sheikh Mohamud in Mogadishu on Tuesday, officials said. The talks covered the port and border security.";
    compare(&[
        ("Outlet A", "2024-03-05", &named),
        ("Outlet B", "2024-03-05", role),
    ])
}

#[test]
fn a_role_resolves_to_the_one_person_another_report_names_so() {
    let c = envoy_reports("");
    assert_eq!(c.roles.len(), 1, "{:#?}", c.roles);
    let r = &c.roles[0];
    assert_eq!((r.doc, r.by_doc), (1, 0));
    assert_eq!(r.person.id, "person:peter-mwangi");
    assert_eq!(r.described.to_lowercase(), "ambassador to somalia");
    // The meeting is one fact that both reports support.
    let meeting = c
        .facts
        .iter()
        .find(|f| f.actors.iter().any(|a| a.id == "person:peter-mwangi"))
        .expect("the envoy's fact");
    assert_eq!(meeting.support.documents, [0, 1], "{meeting:#?}");
}

#[test]
fn a_role_two_people_fit_stays_unresolved() {
    let c = envoy_reports(
        "Kenya's ambassador to Ethiopia, John Otieno, joined the talks by telephone.",
    );
    assert!(c.roles.is_empty(), "{:#?}", c.roles);
}
