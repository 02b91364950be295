//! Spelling variants of one name resolve to one identity, and different
//! identities stay apart. The cases are data: `test_data/spelling_variants.tsv`.

use parallax_annotate::{Gazetteer, name_key};

#[test]
fn spelling_variants_resolve_to_one_identity() {
    let cases = include_str!("../test_data/spelling_variants.tsv");
    let gazetteer = Gazetteer::builtin();
    let mut failures = Vec::new();
    let mut pairs = 0;
    for line in cases
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let fields: Vec<&str> = line.split('\t').collect();
        let [first, second, id] = fields[..] else {
            panic!("malformed line: {line:?}");
        };
        let ok = match id {
            "-" => name_key(first) == name_key(second),
            "distinct" => name_key(first) != name_key(second),
            _ => {
                pairs += 1;
                gazetteer.resolve(first) == Some(id) && gazetteer.resolve(second) == Some(id)
            }
        };
        if id == "-" {
            pairs += 1;
        }
        if !ok {
            failures.push(format!(
                "{first:?} ({:?}, {:?}) / {second:?} ({:?}, {:?}): want {id}",
                gazetteer.resolve(first),
                name_key(first),
                gazetteer.resolve(second),
                name_key(second)
            ));
        }
    }
    assert!(pairs >= 100, "only {pairs} variant pairs");
    assert!(
        failures.is_empty(),
        "{} of {pairs}:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
