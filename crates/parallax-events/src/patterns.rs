//! The verb and noun patterns of `data/verbs.txt`, compiled to regexes, and
//! the CAMEO-to-PLOVER table of `data/codes.txt`.

use parallax_core::EventType;
use regex::Regex;

const CODES: &str = include_str!("../data/codes.txt");
const VERBS: &str = include_str!("../data/verbs.txt");

/// A CAMEO code with its PLOVER reading.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Code {
    pub(crate) cameo: &'static str,
    pub(crate) plover: (EventType, Option<&'static str>, Option<&'static str>),
}

/// One compiled pattern.
#[derive(Debug)]
pub(crate) struct Pattern {
    pub(crate) regex: Regex,
    pub(crate) code: Code,
    /// A verb (with a subject, and a passive form), not a noun.
    pub(crate) is_verb: bool,
    /// A nominalisation ("recognition of"): its actor is a possessor or a
    /// "by" agent, never the sentence's subject.
    pub(crate) is_nominal: bool,
    pub(crate) needs_target: bool,
    /// Codes only when no object follows ("demonstrated", not "demonstrated
    /// a lack of").
    pub(crate) intransitive: bool,
    /// Its object is a pronoun for relations named before it in the
    /// sentence ("which maintained diplomatic relations with X, cut them
    /// off"): codes only when the sentence names ties or relations first.
    pub(crate) relations_before: bool,
    /// A compound subject acts on each other: "X and Y agree" is X with Y
    /// and Y with X.
    pub(crate) compound: bool,
    pub(crate) rule: &'static str,
}

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split(" | ").map(str::trim).collect())
}

pub(crate) fn codes() -> Vec<Code> {
    rows(CODES)
        .filter_map(|f| {
            let [cameo, kind, mode, context, _] = f[..] else {
                return None;
            };
            let opt = |s: &'static str| (s != "-").then_some(s);
            Some(Code {
                cameo,
                plover: (EventType::from_name(kind)?, opt(mode), opt(context)),
            })
        })
        .collect()
}

/// What a CAMEO code codes, in the CAMEO manual's words ("grant diplomatic
/// recognition" for 054), for the codes parallax uses.
pub fn cameo_label(cameo: &str) -> Option<&'static str> {
    rows(CODES).find_map(|f| match f[..] {
        [code, _, _, _, label] if code == cameo => Some(label),
        _ => None,
    })
}

/// Irregular verbs: lemma, then its other forms.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("break", &["breaks", "broke", "broken", "breaking"]),
    ("cut", &["cuts", "cutting"]),
    ("meet", &["meets", "met", "meeting"]),
    ("send", &["sends", "sent", "sending"]),
    ("hold", &["holds", "held", "holding"]),
    (
        "withdraw",
        &["withdraws", "withdrew", "withdrawn", "withdrawing"],
    ),
    ("slam", &["slams", "slammed", "slamming"]),
    ("ban", &["bans", "banned", "banning"]),
    ("annex", &["annexes", "annexed", "annexing"]),
    ("carry", &["carries", "carried", "carrying"]),
    ("deny", &["denies", "denied", "denying"]),
    ("decry", &["decries", "decried", "decrying"]),
    ("occupy", &["occupies", "occupied", "occupying"]),
    ("supply", &["supplies", "supplied", "supplying"]),
    ("rally", &["rallies", "rallied", "rallying"]),
    ("slap", &["slaps", "slapped", "slapping"]),
    ("kidnap", &["kidnaps", "kidnapped", "kidnapping"]),
    ("confer", &["confers", "conferred", "conferring"]),
    ("veto", &["vetoes", "vetoed", "vetoing"]),
    ("sever", &["severs", "severed", "severing"]),
    ("shell", &["shells", "shelled", "shelling"]),
    ("fire", &["fires", "fired", "firing"]),
    ("bomb", &["bombs", "bombed", "bombing"]),
    ("leave", &["leaves", "left", "leaving"]),
    ("give", &["gives", "gave", "given", "giving"]),
    ("go", &["goes", "went", "gone", "going"]),
    ("throw", &["throws", "threw", "thrown", "throwing"]),
    ("shoot", &["shoots", "shot", "shooting"]),
    ("swear", &["swears", "swore", "sworn", "swearing"]),
    ("seek", &["seeks", "sought", "seeking"]),
    ("set", &["sets", "setting"]),
    ("put", &["puts", "putting"]),
    ("forgive", &["forgives", "forgave", "forgiven", "forgiving"]),
    ("strike", &["strikes", "struck", "striking"]),
    ("hit", &["hits", "hitting"]),
    ("fly", &["flies", "flew", "flown", "flying"]),
    ("drive", &["drives", "drove", "driven", "driving"]),
    ("take", &["takes", "took", "taken", "taking"]),
    ("freeze", &["freezes", "froze", "frozen", "freezing"]),
    ("beat", &["beats", "beaten", "beating"]),
    ("shut", &["shuts", "shutting"]),
    ("begin", &["begins", "began", "begun", "beginning"]),
    ("find", &["finds", "found", "finding"]),
    ("make", &["makes", "made", "making"]),
    ("pay", &["pays", "paid", "paying"]),
    ("let", &["lets", "letting"]),
    ("stand", &["stands", "stood", "standing"]),
    ("overrun", &["overruns", "overran", "overrunning"]),
    ("withhold", &["withholds", "withheld", "withholding"]),
    ("lob", &["lobs", "lobbed", "lobbing"]),
    ("stab", &["stabs", "stabbed", "stabbing"]),
    ("ship", &["ships", "shipped", "shipping"]),
    ("sentence", &["sentences", "sentenced", "sentencing"]),
];

/// Verbs that double their last consonant ("expelled", "stopped"); for
/// "-el" verbs the American single form is kept too ("canceled").
const DOUBLING: &[&str] = &[
    "expel", "cancel", "compel", "patrol", "control", "label", "signal", "stop", "drop", "step",
    "plan", "ship", "stab", "rob", "grab", "plot", "commit", "admit", "submit", "permit", "omit",
    "occur", "refer", "prefer", "transfer", "deter", "regret", "rebel", "equip", "trap", "tap",
    "spot", "jab", "dispel", "propel", "quit", "fit", "rig", "bar", "scrap", "swap",
];

/// Every inflection of a regular or listed verb.
pub(crate) fn inflect(lemma: &str) -> Vec<String> {
    if let Some((_, forms)) = IRREGULAR.iter().find(|(l, _)| *l == lemma) {
        let mut all = vec![lemma.to_string()];
        all.extend(forms.iter().map(|f| f.to_string()));
        return all;
    }
    if DOUBLING.contains(&lemma)
        && let Some(last) = lemma.chars().last()
    {
        return vec![
            lemma.to_string(),
            format!("{lemma}s"),
            format!("{lemma}{last}ed"),
            format!("{lemma}{last}ing"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        ];
    }
    let mut forms = vec![lemma.to_string()];
    if let Some(stem) = lemma.strip_suffix('e') {
        forms.extend([
            format!("{lemma}s"),
            format!("{lemma}d"),
            format!("{stem}ing"),
        ]);
    } else if let Some(stem) = lemma
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        forms.extend([
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{lemma}ing"),
        ]);
    } else if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("sh") || lemma.ends_with("ch") {
        forms.extend([
            format!("{lemma}es"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        ]);
    } else {
        forms.extend([
            format!("{lemma}s"),
            format!("{lemma}ed"),
            format!("{lemma}ing"),
        ]);
    }
    forms
}

/// One piece of a pattern as a regex, and whether it is optional.
fn piece(word: &str) -> (String, bool, bool) {
    let alternatives = |inner: &str| {
        inner
            .split('|')
            .map(|alternative| {
                // "appeal* to": each word of an alternative may inflect.
                alternative
                    .split(' ')
                    .map(|w| match w.strip_suffix('*') {
                        Some(lemma) => format!(
                            "(?:{})",
                            inflect(lemma)
                                .iter()
                                .map(|f| regex::escape(f))
                                .collect::<Vec<_>>()
                                .join("|")
                        ),
                        None => regex::escape(w),
                    })
                    .collect::<Vec<_>>()
                    .join(r"\s+")
            })
            .collect::<Vec<_>>()
            .join("|")
    };
    if word == "_" {
        return (r"(?:[^\s]+\s+){0,3}?".to_string(), true, true);
    }
    if word == "__" {
        return (r"(?:[^\s]+\s+){0,6}?".to_string(), true, true);
    }
    if let Some(inner) = word.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
        return (format!("(?:{})", alternatives(inner)), true, false);
    }
    let inner = word
        .strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
        .unwrap_or(word);
    (format!("(?:{})", alternatives(inner)), false, false)
}

/// Splits a pattern into words, keeping "(a|b c)" groups whole.
fn words(pattern: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut depth = 0;
    for c in pattern.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        if c == ' ' && depth == 0 {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn compile(pattern: &str) -> Option<Regex> {
    let pieces: Vec<(String, bool, bool)> = words(pattern).iter().map(|w| piece(w)).collect();
    // ASCII word boundaries keep the regex on its DFA over non-ASCII text.
    let mut regex = String::from(r"(?i)(?-u:\b)");
    for (i, (re, optional, gap)) in pieces.iter().enumerate() {
        let last = i + 1 == pieces.len();
        if *gap {
            regex.push_str(re);
        } else if *optional {
            regex.push_str(&format!(r"(?:{re}\s+)?"));
        } else if last {
            regex.push_str(re);
        } else {
            regex.push_str(re);
            regex.push_str(r"\s+");
        }
    }
    regex.push_str(r"(?-u:\b)");
    Regex::new(&regex).ok()
}

pub(crate) fn load_patterns() -> Vec<Pattern> {
    let codes = codes();
    rows(VERBS)
        .filter_map(|f| {
            let [cameo, pattern, needs] = f[..] else {
                return None;
            };
            let code = *codes.iter().find(|c| c.cameo == cameo)?;
            let first = words(pattern).into_iter().next().unwrap_or_default();
            Some(Pattern {
                regex: compile(pattern)?,
                code,
                is_verb: first.contains('*'),
                is_nominal: !first.contains('*') && pattern.ends_with(" of"),
                needs_target: needs == "target",
                intransitive: needs == "intransitive",
                relations_before: needs == "relations-before",
                compound: false,
                rule: pattern,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles_and_every_code_is_known() {
        let n = rows(VERBS).count();
        assert_eq!(
            load_patterns().len(),
            n,
            "a pattern failed to compile or names an unknown code"
        );
    }

    #[test]
    fn patterns_match_inflections_and_options() {
        let patterns = load_patterns();
        let matches = |text: &str, cameo: &str| {
            patterns
                .iter()
                .any(|p| p.code.cameo == cameo && p.regex.is_match(text))
        };
        assert!(matches("Ukraine severed diplomatic ties with", "161"));
        assert!(matches(
            "it was cutting off all diplomatic relations",
            "161"
        ));
        assert!(matches("Kyiv broke off relations", "161"));
        assert!(matches("the severance of diplomatic relations", "161"));
        assert!(matches("North Korea recognised", "054"));
        assert!(matches("Russia has recognized", "054"));
        assert!(matches("they signed a new trade agreement", "057"));
        assert!(!matches("the recognizable face", "054"));
        assert!(matches("it had expelled two diplomats", "166"));
        assert!(matches("Moscow cancelled the visit", "166"));
    }
}
