//! Verb dictionaries in the PETRARCH/TABARI format, read at run time: a
//! researcher who codes with a CAMEO verb dictionary of their own (Phoenix's
//! `CAMEO.2.0.txt`, a project's variant of it) gets their codes out of
//! parallax's engine (actors, passives, modality, evidence).
//!
//! The format, as far as parallax reads it:
//!
//! - `&NAME` opens a synset; its `+WORD` lines are its members (a member may
//!   be another `&NAME`).
//! - `--- VERB [code] ---` opens a verb block with its default code (`---`
//!   for none). The lines that follow name the verbs (`VERB {FORMS}` with
//!   irregular forms, `+MULTI_WORD` for a multi-word verb, an optional
//!   `[code]` of its own), then the patterns: `- PRE * POST [code]`, where
//!   `*` is the verb, `_` joins words that must be adjacent, `^` skips one
//!   word, `$`, `+` and `%` mark the source, target and compound (read as a
//!   short gap: parallax finds actors and targets itself), `&NAME` is any
//!   member of the synset, and `(...)` and `{...}` group phrases.
//! - `#` starts a comment, `<!-- ... -->` is a comment.
//!
//! A code with letters after its digits ("075A") is read as its digits; a
//! code parallax's CAMEO-to-PLOVER table does not hold is read as the
//! longest prefix it holds, else as its root ("17" → 170). Root 01 (public
//! statements) has no PLOVER type and is skipped.

use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex};

use regex::Regex;

use crate::patterns::{Code, Pattern, codes, inflect};

/// A verb dictionary, parsed; [`EventOptions::dictionaries`] takes it.
///
/// [`EventOptions::dictionaries`]: crate::EventOptions::dictionaries
#[derive(Debug, Clone, Default)]
pub struct VerbDictionary {
    pub(crate) rules: Vec<Rule>,
    /// Lines that could not be read (a pattern without a usable code, an
    /// unknown synset, an empty pattern), with their line number and why.
    pub skipped: Vec<(usize, String)>,
}

/// One pattern of a dictionary: its regex source, the verb forms that must
/// occur for it to match, and its code.
#[derive(Debug, Clone)]
pub(crate) struct Rule {
    pub(crate) regex: String,
    pub(crate) verbs: Vec<String>,
    pub(crate) cameo: String,
    pub(crate) text: String,
    /// The pattern has a `%`: a compound subject acts on each other ("X and
    /// Y agree").
    pub(crate) compound: bool,
}

impl VerbDictionary {
    /// The number of patterns read.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether no pattern was read.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Reads a dictionary. Never fails: what cannot be read is listed in
    /// [`VerbDictionary::skipped`].
    pub fn parse(text: &str) -> VerbDictionary {
        let lines = uncommented(text);
        let synsets = synsets(&lines);
        let mut out = VerbDictionary::default();
        let mut block: Option<Block> = None;
        for (number, line) in &lines {
            let line = line.trim();
            if let Some(header) = line.strip_prefix("---") {
                if let Some(done) = block.take() {
                    done.finish(&mut out);
                }
                let header = header.trim_end_matches('-').trim();
                block = Some(Block {
                    default: code_in(header).unwrap_or_default(),
                    verbs: Vec::new(),
                    patterns: Vec::new(),
                });
                continue;
            }
            let Some(current) = block.as_mut() else {
                continue;
            };
            if line.is_empty() || line.starts_with('&') {
                // A synset between blocks ends the block's verb list but not
                // the block; synset members were read by `synsets`.
                continue;
            }
            if let Some(pattern) = line.strip_prefix('-') {
                current.patterns.push((*number, pattern.trim().to_string()));
            } else if !line.starts_with('+') || current.patterns.is_empty() {
                current.verbs.push(verb_forms(line));
            }
        }
        if let Some(done) = block.take() {
            done.finish(&mut out);
        }
        // Patterns are compiled now, so that a bad one is reported here.
        let known = known_codes();
        let mut kept = Vec::with_capacity(out.rules.len());
        for rule in std::mem::take(&mut out.rules) {
            let Some(cameo) = resolve_code(&rule.cameo, &known) else {
                out.skipped
                    .push((0, format!("no PLOVER type for code {}", rule.cameo)));
                continue;
            };
            match expand(&rule.regex, &synsets) {
                Ok(regex) => kept.push(Rule {
                    regex,
                    cameo,
                    ..rule
                }),
                Err(why) => out.skipped.push((0, format!("{}: {why}", rule.text))),
            }
        }
        out.rules = kept;
        out
    }

    /// Compiles the dictionary's patterns for the coder.
    pub(crate) fn patterns(&self) -> Vec<(Pattern, Vec<String>)> {
        let table = codes();
        self.rules
            .iter()
            .filter_map(|rule| {
                let code = *table.iter().find(|c| c.cameo == rule.cameo)?;
                let regex = Regex::new(&rule.regex).ok()?;
                Some((
                    Pattern {
                        regex,
                        code,
                        is_verb: true,
                        is_nominal: false,
                        needs_target: false,
                        intransitive: false,
                        relations_before: false,
                        compound: rule.compound,
                        rule: intern(&rule.text),
                    },
                    rule.verbs.clone(),
                ))
            })
            .collect()
    }
}

/// A verb block being read.
struct Block {
    default: String,
    /// Each verb: its forms and its own code, if it has one.
    verbs: Vec<(Vec<String>, Option<String>)>,
    patterns: Vec<(usize, String)>,
}

impl Block {
    fn finish(self, out: &mut VerbDictionary) {
        let all_forms: Vec<String> = self.verbs.iter().flat_map(|(f, _)| f.clone()).collect();
        if all_forms.is_empty() {
            return;
        }
        // Patterns before the verbs alone: of two matches of one length,
        // the pattern's code wins.
        for (number, pattern) in self.patterns {
            let Some(code) = code_in(&pattern) else {
                out.skipped
                    .push((number, format!("no code in {pattern:?}")));
                continue;
            };
            let words = pattern.split('[').next().unwrap_or("").trim();
            match pattern_regex(words, &all_forms) {
                Some(regex) => out.rules.push(Rule {
                    regex,
                    verbs: all_forms.clone(),
                    cameo: code,
                    text: format!("{} {words}", all_forms[0]),
                    compound: words.contains('%'),
                }),
                None => out
                    .skipped
                    .push((number, format!("no verb position in {pattern:?}"))),
            }
        }
        // Each verb alone, with its own code or the block's.
        for (forms, code) in &self.verbs {
            let code = code.clone().unwrap_or_else(|| self.default.clone());
            if code.is_empty() || forms.is_empty() {
                continue;
            }
            out.rules.push(Rule {
                regex: format!(r"(?i)(?-u:\b){}(?-u:\b)", alternatives(forms)),
                verbs: forms.clone(),
                cameo: code,
                text: forms[0].clone(),
                compound: false,
            });
        }
    }
}

/// The lines outside `<!-- -->` comments, with `#` comments cut, numbered
/// from 1.
fn uncommented(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut in_comment = false;
    for (i, raw) in text.lines().enumerate() {
        let mut line = raw.to_string();
        if in_comment {
            match line.find("-->") {
                Some(end) => {
                    line = line[end + 3..].to_string();
                    in_comment = false;
                }
                None => continue,
            }
        }
        while let Some(start) = line.find("<!--") {
            match line[start..].find("-->") {
                Some(end) => line.replace_range(start..start + end + 3, ""),
                None => {
                    line.truncate(start);
                    in_comment = true;
                }
            }
        }
        let line = line.split('#').next().unwrap_or("").trim_end().to_string();
        out.push((i + 1, line));
    }
    out
}

/// Every synset: name → members (as written, `_` for spaces).
fn synsets(lines: &[(usize, String)]) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut current: Option<String> = None;
    for (_, line) in lines {
        let line = line.trim();
        if let Some(name) = line.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or("").to_uppercase();
            out.entry(name.clone()).or_default();
            current = Some(name);
        } else if let (Some(member), Some(name)) = (line.strip_prefix('+'), &current) {
            let member = member.split_whitespace().collect::<Vec<_>>().join("_");
            if !member.is_empty() {
                out.entry(name.clone()).or_default().push(member);
            }
        } else if !line.is_empty() {
            current = None;
        }
    }
    out
}

/// The code in brackets: `[064]` → "064", `[013:012]` → "013" (the source
/// side), `[:173]` → "173" (the target side when the source has none),
/// `[075A]` → "075"; none for `[---]` or a code without digits.
fn code_in(text: &str) -> Option<String> {
    let inside = text.split('[').nth(1)?.split(']').next()?;
    inside.split(':').find_map(|side| {
        let digits: String = side
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        (digits.len() >= 2).then_some(digits)
    })
}

/// A verb line: its forms ("RESTORE" → restore, restores, restored,
/// restoring; "HURRY {HURRIES HURRYING HURRIED}" as listed;
/// "+BREAK_DOWN" → break down, breaks down, ...) and its own code.
fn verb_forms(line: &str) -> (Vec<String>, Option<String>) {
    let code = code_in(line);
    let line = line.split('[').next().unwrap_or("");
    let (head, listed) = match line.split_once('{') {
        Some((head, rest)) => (head, Some(rest.split('}').next().unwrap_or(""))),
        None => (line, None),
    };
    let head = head.trim().trim_start_matches('+');
    let words: Vec<String> = head
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    if words.is_empty() {
        return (Vec::new(), code);
    }
    // The conjugated word: the one marked '+', else the first.
    let marked = head
        .split(['_', ' '])
        .filter(|w| !w.is_empty())
        .position(|w| w.starts_with('+'))
        .unwrap_or(0);
    let clean: Vec<String> = words
        .iter()
        .map(|w| w.trim_start_matches('+').to_string())
        .collect();
    let mut forms = Vec::new();
    let join = |verb: &str| {
        let mut w = clean.clone();
        w[marked] = verb.to_string();
        w.join(" ")
    };
    forms.push(clean.join(" "));
    match listed {
        Some(list) => forms.extend(
            list.split_whitespace()
                .map(|f| f.trim_start_matches('+').replace('_', " ").to_lowercase()),
        ),
        None => forms.extend(inflect(&clean[marked]).iter().skip(1).map(|f| join(f))),
    }
    forms.dedup();
    (forms, code)
}

/// Alternatives of literal phrases as one regex group.
fn alternatives(forms: &[String]) -> String {
    let mut forms: Vec<&String> = forms.iter().collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.len()));
    format!(
        "(?:{})",
        forms
            .iter()
            .map(|f| f
                .split(' ')
                .map(regex::escape)
                .collect::<Vec<_>>()
                .join(r"\s+"))
            .collect::<Vec<_>>()
            .join("|")
    )
}

/// A gap of up to three words between words a space separates.
const GAP: &str = r"\s+(?:[^\s]+\s+){0,3}?";

/// The regex of a pattern's words, synsets left as `&NAME` markers for
/// [`expand`]; `None` when it has no `*`.
fn pattern_regex(words: &str, verbs: &[String]) -> Option<String> {
    let cleaned = words.replace(['(', ')', '{', '}'], " ");
    // Markers of where the source, target or compound stand mean nothing to
    // the regex at either end: parallax finds actors before the match and
    // targets after it.
    let mut tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let marker = |t: &&str| matches!(*t, "$" | "+" | "%" | "^");
    while tokens.first().is_some_and(marker) {
        tokens.remove(0);
    }
    while tokens.last().is_some_and(marker) {
        tokens.pop();
    }
    let mut pieces: Vec<(String, bool)> = Vec::new(); // (regex, adjacent to the next)
    let mut has_verb = false;
    for token in tokens {
        let parts: Vec<&str> = token.split('_').collect();
        for (i, part) in parts.iter().enumerate() {
            let adjacent = i + 1 < parts.len() && !parts[i + 1].is_empty();
            let piece = match *part {
                "" => continue,
                "*" if !has_verb => {
                    has_verb = true;
                    format!("(?P<verb>{})", alternatives(verbs))
                }
                "*" => alternatives(verbs),
                "$" | "+" | "%" => r"(?:[^\s]+\s+){0,4}?[^\s]+".to_string(),
                "^" => r"[^\s]+".to_string(),
                p if p.starts_with('&') => {
                    format!("&{}&", p.trim_start_matches('&').to_uppercase())
                }
                p => {
                    let word = regex::escape(&p.to_lowercase());
                    format!("{word}(?:s|es)?")
                }
            };
            pieces.push((piece, adjacent));
        }
    }
    if !has_verb {
        return None;
    }
    let mut regex = String::from(r"(?i)(?-u:\b)");
    for (i, (piece, adjacent)) in pieces.iter().enumerate() {
        regex.push_str(piece);
        if i + 1 < pieces.len() {
            regex.push_str(if *adjacent { r"\s+" } else { GAP });
        }
    }
    regex.push_str(r"(?-u:\b)");
    Some(regex)
}

/// Replaces `&NAME&` markers with the synset's members (synsets may hold
/// synsets, at most four deep).
fn expand(regex: &str, synsets: &HashMap<String, Vec<String>>) -> Result<String, String> {
    let mut out = regex.to_string();
    for _ in 0..4 {
        let Some(start) = out.find('&') else {
            return Ok(out);
        };
        let end = out[start + 1..]
            .find('&')
            .map(|e| start + 1 + e)
            .ok_or("unclosed synset marker")?;
        let name = out[start + 1..end].to_string();
        let members = synsets
            .get(&name)
            .ok_or_else(|| format!("unknown synset &{name}"))?;
        let alternatives: Vec<String> = members
            .iter()
            .map(|m| match m.strip_prefix('&') {
                Some(inner) => format!("&{}&", inner.to_uppercase()),
                None => m
                    .trim_end_matches('_')
                    .split('_')
                    .map(|w| regex::escape(&w.to_lowercase()))
                    .collect::<Vec<_>>()
                    .join(r"\s+"),
            })
            .collect();
        out.replace_range(start..=end, &format!("(?:{})", alternatives.join("|")));
    }
    if out.contains('&') {
        Err("synsets nested too deep".into())
    } else {
        Ok(out)
    }
}

/// The CAMEO codes parallax's table holds.
fn known_codes() -> HashSet<&'static str> {
    codes().into_iter().map(|c: Code| c.cameo).collect()
}

/// A dictionary code as one the table holds: itself, its longest prefix
/// in the table, else its root's general code ("17" → "170").
fn resolve_code(code: &str, known: &HashSet<&'static str>) -> Option<String> {
    if code.starts_with("01") {
        return None;
    }
    (2..=code.len())
        .rev()
        .map(|n| &code[..n])
        .find(|prefix| known.contains(prefix))
        .map(str::to_string)
        .or_else(|| {
            let root = format!("{}0", code.get(..2)?);
            known.contains(root.as_str()).then_some(root)
        })
}

/// Rule names of run-time dictionaries live as long as the process: each
/// distinct text is stored once.
fn intern(text: &str) -> &'static str {
    static SEEN: LazyLock<Mutex<HashSet<&'static str>>> =
        LazyLock::new(|| Mutex::new(HashSet::new()));
    let mut seen = SEEN.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(&s) = seen.get(text) {
        return s;
    }
    let s: &'static str = Box::leak(text.to_string().into_boxed_str());
    seen.insert(s);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
<!-- a comment -->
&TIES
+DIPLOMATIC_TIES
+RELATIONS

--- RESTORE  [064]  ---
RESTORE    # a comment
- * &TIES [064]
- SAID * AID [070]
- * NOTHING [---]

--- HURRY [---] ---
HURRY {HURRIES HURRYING HURRIED}
- * AID [070]
";

    #[test]
    fn reads_verbs_patterns_and_synsets() {
        let d = VerbDictionary::parse(SAMPLE);
        let texts: Vec<(&str, &str)> = d
            .rules
            .iter()
            .map(|r| (r.text.as_str(), r.cameo.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                ("restore * &TIES", "064"),
                ("restore SAID * AID", "070"),
                ("restore", "064"),
                ("hurry * AID", "070"),
            ]
        );
        assert_eq!(d.skipped.len(), 1, "{:?}", d.skipped);
        let re = Regex::new(&d.rules[0].regex).expect("valid");
        assert!(re.is_match("Arnor restored full diplomatic ties with Gondor"));
        assert!(!re.is_match("Arnor restored the old church"));
        let re = Regex::new(&d.rules[3].regex).expect("valid");
        assert!(re.is_match("they hurried aid to the region"));
    }

    #[test]
    fn codes_resolve_to_the_table() {
        let known = known_codes();
        assert_eq!(resolve_code("075A", &known).as_deref(), Some("075"));
        assert_eq!(resolve_code("1711", &known).as_deref(), Some("171"));
        assert_eq!(resolve_code("013", &known), None);
        assert_eq!(code_in("[013:012]").as_deref(), Some("013"));
        assert_eq!(code_in("[:173]").as_deref(), Some("173"));
        assert_eq!(code_in("[---]"), None);
        assert_eq!(code_in("[def]"), None);
    }

    #[test]
    fn any_bytes_parse_without_panic() {
        for text in [
            "",
            "---",
            "- * [",
            "&",
            "+",
            "--- X [12] ---\n- * &NOPE [120]",
            "<!--",
        ] {
            let _ = VerbDictionary::parse(text);
        }
    }
}
