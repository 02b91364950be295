//! Actor dictionaries in the PETRARCH/TABARI format, read at run time: a
//! researcher's own actors (with their CAMEO codes) beside the shipped
//! gazetteer.

/// "MINAS_TIRITH" → "Minas Tirith": the dictionary's upper-case names in the
/// case a sentence writes them.
fn title_case(name: &str) -> String {
    name.trim_matches('_')
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Reads an actor dictionary in the PETRARCH/TABARI format (`NAME [CODE]`
/// lines, `+SYNONYM` lines under them, `#` and `<!-- -->` comments): the
/// (name, three-letter code) of every actor and synonym, for
/// [`AnnotateOptions::extra_actors`]. A code's first three letters are the
/// state or group ("PSEREBHMS" → PSE); names are matched in title case
/// ("MINAS_TIRITH" → "Minas Tirith"). Lines it cannot read are passed over.
pub fn read_actor_dictionary(dictionary: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_comment = false;
    for raw in dictionary.lines() {
        let line = raw.trim();
        if line.starts_with("<!--") {
            in_comment = !line.contains("-->");
            continue;
        }
        if in_comment {
            in_comment = !line.contains("-->");
            continue;
        }
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('<') {
            continue;
        }
        if let Some(synonym) = line.strip_prefix('+') {
            if let Some(code) = &current {
                out.push((title_case(synonym.trim()), code.clone()));
            }
            continue;
        }
        let (name, code) = match line.split_once('[') {
            Some((name, rest)) => (name.trim(), rest.split(']').next().unwrap_or("")),
            None => (line, ""),
        };
        let code: String = code.chars().take(3).collect::<String>().to_uppercase();
        if code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()) {
            current = Some(code.clone());
            out.push((title_case(name), code));
        } else {
            current = None;
        }
    }
    out
}
