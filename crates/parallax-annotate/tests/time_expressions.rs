//! Table-driven test of time expressions: `test_data/time_expressions.tsv`
//! holds real-world phrasings with an anchor (the article's date), the
//! expression marked with `[[...]]`, and the days a careful reader gives it.
//! The test reports the accuracy and lists every miss.

use parallax_annotate::annotate_times;
use parallax_core::PartialDate;

struct Case {
    anchor: Option<PartialDate>,
    text: String,
    start: usize,
    end: usize,
    want: String,
}

fn cases() -> Vec<Case> {
    let data = include_str!("../test_data/time_expressions.tsv");
    data.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [anchor, marked, first, last, granularity] = fields[..] else {
                panic!("bad row: {line}")
            };
            let start = marked.find("[[").expect("[[ in row");
            let end = marked.find("]]").expect("]] in row") - 2;
            let text = marked.replace("[[", "").replace("]]", "");
            Case {
                anchor: PartialDate::parse_iso(anchor),
                text,
                start,
                end,
                want: format!("{first}..{last} {granularity}"),
            }
        })
        .collect()
}

#[test]
fn time_expressions_resolve() {
    let cases = cases();
    assert!(cases.len() >= 150, "only {} cases", cases.len());
    let mut misses = Vec::new();
    for case in &cases {
        let mentions = annotate_times(&case.text, case.anchor);
        let found = mentions
            .iter()
            .find(|m| m.range.start() as usize == case.start && m.range.end() as usize == case.end);
        let got = match found {
            Some(m) => {
                let (first, last) = m.value.map_or(("-".to_string(), "-".to_string()), |v| {
                    (v.start.to_string(), v.end.to_string())
                });
                format!("{first}..{last} {}", m.granularity.as_str())
            }
            None => {
                let spans: Vec<&str> = mentions.iter().map(|m| m.range.slice(&case.text)).collect();
                format!("not found (found {spans:?})")
            }
        };
        if got != case.want {
            misses.push(format!(
                "{:?} | {} | want {} | got {got}",
                case.anchor.map(|a| a.to_string()),
                case.text,
                case.want
            ));
        }
    }
    let accuracy = 1.0 - misses.len() as f64 / cases.len() as f64;
    eprintln!(
        "time expressions: {} of {} right (accuracy {accuracy:.3})",
        cases.len() - misses.len(),
        cases.len()
    );
    assert!(
        misses.is_empty(),
        "{} misses:\n{}",
        misses.len(),
        misses.join("\n")
    );
}
