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
