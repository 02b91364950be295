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

/// The spellings a sentence may use for a dictionary name: title case, and
/// for words of up to three letters (not "the", "of") or with dots, the upper case too ("THE_AU" →
/// "The Au", "The AU"; "K.U." → "K.u.", "K.U.").
fn spellings(name: &str) -> Vec<String> {
    let title = title_case(name);
    let words: Vec<&str> = name
        .trim_matches('_')
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = vec![title.clone()];
    let acronym = |w: &str| {
        w.contains('.')
            || (w.len() <= 3
                && !matches!(
                    w.to_uppercase().as_str(),
                    "THE"
                        | "OF"
                        | "AND"
                        | "FOR"
                        | "NEW"
                        | "DE"
                        | "EL"
                        | "AL"
                        | "LA"
                        | "LE"
                        | "DU"
                        | "VAN"
                        | "VON"
                ))
    };
    if words.iter().any(|w| acronym(w)) {
        let mixed = words
            .iter()
            .map(|w| {
                if acronym(w) {
                    w.to_uppercase()
                } else {
                    title_case(w)
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
        if mixed != title {
            out.push(mixed);
        }
    }
    out
}

/// The three-letter code in a `[CODE ...]` block, if it has one: `[HOB <
/// 950601]` → HOB, `[PSEREBHMS]` → PSE. Whether it carries a date
/// restriction is the second value.
fn code_block(block: &str) -> Option<(String, bool)> {
    let inside = block.split('[').nth(1)?.split(']').next()?.trim();
    let code: String = inside.chars().take(3).collect::<String>().to_uppercase();
    let dated = inside
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '<' | '>' | '-'));
    (code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic())).then_some((code, dated))
}

/// One actor of the dictionary: its names, and its code blocks (code,
/// whether it is date-restricted).
type Entry = (Vec<String>, Vec<(String, bool)>);

/// Reads an actor dictionary in the PETRARCH/TABARI format: `NAME [CODE]`
/// lines, `+SYNONYM` lines under them, code blocks on lines of their own
/// (`[HOB < 950601]`, `[ZBW]`), `#` and `<!-- -->` comments. Returns the
/// (name, three-letter code) of every actor and synonym, for
/// [`AnnotateOptions::extra_actors`](crate::AnnotateOptions::extra_actors).
/// A code's first three letters are the state or group ("PSEREBHMS" → PSE).
/// Of date-restricted codes, the unrestricted one is taken, else the last
/// (parallax does not yet date actor codes). Names are matched in title
/// case ("MINAS_TIRITH" → "Minas Tirith"), short words also in upper case.
/// Lines it cannot read are passed over.
pub fn read_actor_dictionary(dictionary: &str) -> Vec<(String, String)> {
    let mut entries: Vec<Entry> = Vec::new();
    let mut in_comment = false;
    for raw in dictionary.lines() {
        let mut line = raw.trim().to_string();
        if in_comment {
            match line.find("-->") {
                Some(end) => {
                    line = line[end + 3..].to_string();
                    in_comment = false;
                }
                None => continue,
            }
        }
        if let Some(start) = line.find("<!--").or_else(|| line.find("<!")) {
            in_comment = !line[start..].contains('>');
            line.truncate(start);
        }
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('[') {
            if let (Some(block), Some(entry)) = (code_block(line), entries.last_mut()) {
                entry.1.push(block);
            }
            continue;
        }
        if let Some(synonym) = line.strip_prefix('+') {
            if let Some(entry) = entries.last_mut() {
                entry
                    .0
                    .push(synonym.split('[').next().unwrap_or("").trim().to_string());
            }
            continue;
        }
        let name = line.split('[').next().unwrap_or("").trim().to_string();
        let blocks = code_block(line).into_iter().collect();
        entries.push((vec![name], blocks));
    }
    let mut out = Vec::new();
    for (names, blocks) in entries {
        let Some((code, _)) = blocks
            .iter()
            .find(|(_, dated)| !dated)
            .or_else(|| blocks.last())
        else {
            continue;
        };
        for name in names.iter().filter(|n| !n.is_empty()) {
            for spelling in spellings(name) {
                out.push((spelling, code.clone()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_synonyms_and_code_blocks() {
        let text = "<!-- head -->\nARNOR_  [ARN]\n+ARNORIAN\nGOLLUM # note\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBREB > 990816]\nZIMBABWE\n\t[RHO <790606]\n\t[ZBW]\nTHE_AU [IGOAFR]\nNOCODE\n";
        let got = read_actor_dictionary(text);
        let has = |name: &str, code: &str| got.iter().any(|(n, c)| n == name && c == code);
        assert!(has("Arnor", "ARN") && has("Arnorian", "ARN"));
        assert!(has("Smeagol", "HOB") && has("Gollum", "HOB"));
        assert!(has("Zimbabwe", "ZBW"));
        assert!(has("The AU", "IGO") && has("The Au", "IGO"));
        assert!(!got.iter().any(|(n, _)| n == "Nocode"));
    }
}
