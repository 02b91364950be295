//! How each article frames the story: the contested names it uses, loaded
//! terms, scare quotes, attribution verbs and hedges.

use std::collections::BTreeMap;

use parallax_core::{QuoteKind, TextRange};

use crate::lexicon::{find_loaded, find_names, loaded_terms, name_concepts};
use crate::{CueUse, Framing, NameUse, Naming, ScareQuoteUse, Source, TermUse, span};

/// The spans between quotation marks (typographic pairs, or straight
/// double quotes paired within a paragraph).
fn quoted_spans(text: &str) -> Vec<TextRange> {
    let mut out = Vec::new();
    let mut open_curly: Option<usize> = None;
    let mut open_straight: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '\u{201c}' | '\u{201e}' => open_curly = Some(i + c.len_utf8()),
            '\u{201d}' => {
                if let Some(start) = open_curly.take() {
                    out.push(TextRange::from_usize(start, i));
                }
            }
            '"' => match open_straight.take() {
                Some(start) => out.push(TextRange::from_usize(start, i)),
                None => open_straight = Some(i + 1),
            },
            '\n' => {
                open_curly = None;
                open_straight = None;
            }
            _ => {}
        }
    }
    out
}

/// "assailing the investigation as an illegitimate ...", "branded them
/// terrorists", "described it as a regime": the words after the verb are
/// the subject's characterisation, not the writer's.
static CHARACTERISED: std::sync::LazyLock<Option<regex::Regex>> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)\b(?:call|brand|label|describ|assail|denounc|dismiss|portray|paint|depict|characteri[sz]|decr[iy]|condemn|accus)\w*\b[^.;:!?]{0,100}?\bas\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    )
    .ok()
});

/// Whether the words at `range` follow a characterising verb and "as" in
/// their sentence.
fn characterised(source: &Source<'_>, range: TextRange) -> bool {
    let Some(re) = CHARACTERISED.as_ref() else {
        return false;
    };
    let Some(sentence) = source
        .annotations
        .sentences
        .iter()
        .find(|s| s.contains_range(range))
    else {
        return false;
    };
    source
        .text
        .get(sentence.start() as usize..range.start() as usize)
        .is_some_and(|before| re.is_match(before))
}

/// Whose voice the words at `range` are in: inside quotation marks (a
/// direct quote, or a partial one the quote annotator did not attribute),
/// inside reported speech without quotation marks (or a characterisation:
/// "denounced X as Y"), or the writer's own.
fn voice(source: &Source<'_>, quoted: &[TextRange], range: TextRange) -> &'static str {
    let inside = |kind: QuoteKind| {
        source
            .annotations
            .quotes
            .iter()
            .any(|q| q.kind == kind && q.content.contains_range(range))
    };
    if inside(QuoteKind::Direct) || quoted.iter().any(|q| q.contains_range(range)) {
        "quoted"
    } else if inside(QuoteKind::Indirect) || characterised(source, range) {
        "indirect"
    } else {
        "own"
    }
}

/// Per concept, per (document, variant): uses in the writer's voice, inside
/// quotation marks, in captions, and the first use in the text.
type Found = BTreeMap<usize, BTreeMap<(usize, usize), (usize, usize, usize, Option<TextRange>)>>;

/// The contested names the articles use, per concept; concepts used by the
/// most articles first.
pub(crate) fn naming(sources: &[Source<'_>]) -> Vec<Naming> {
    let concepts = name_concepts();
    // concept → (doc, variant) → (own, quoted, in captions, first)
    let mut found: Found = BTreeMap::new();
    for (doc, source) in sources.iter().enumerate() {
        let marks = quoted_spans(source.text);
        for (c, v, (start, end)) in find_names(source.text) {
            let range = TextRange::from_usize(start, end);
            let quoted = voice(source, &marks, range) == "quoted";
            let slot =
                found
                    .entry(c)
                    .or_default()
                    .entry((doc, v))
                    .or_insert((0, 0, 0, Some(range)));
            slot.3.get_or_insert(range);
            if quoted {
                slot.1 += 1;
            } else {
                slot.0 += 1;
            }
        }
        for caption in source.captions {
            for (c, v, _) in find_names(caption) {
                let slot = found
                    .entry(c)
                    .or_default()
                    .entry((doc, v))
                    .or_insert((0, 0, 0, None));
                slot.2 += 1;
            }
        }
    }
    let mut out: Vec<Naming> = found
        .into_iter()
        .map(|(c, uses)| Naming {
            concept: concepts[c].concept.to_string(),
            uses: uses
                .into_iter()
                .map(|((doc, v), (count, quoted, captions, first))| NameUse {
                    doc,
                    form: concepts[c].variants[v].0.to_string(),
                    note: concepts[c].variants[v].1.to_string(),
                    count,
                    quoted,
                    captions,
                    first: first.map_or([0, 0], span),
                })
                .collect(),
        })
        .collect();
    let docs = |n: &Naming| {
        let mut d: Vec<usize> = n.uses.iter().map(|u| u.doc).collect();
        d.dedup();
        d.len()
    };
    out.sort_by(|a, b| docs(b).cmp(&docs(a)).then(a.concept.cmp(&b.concept)));
    out
}

/// One article's loaded terms, scare quotes, attribution verbs and hedges.
pub(crate) fn framing(doc: usize, source: &Source<'_>) -> Framing {
    let terms = loaded_terms();
    let mut loaded = Vec::new();
    let mut hedges = Vec::new();
    let marks = quoted_spans(source.text);
    for (t, (start, end)) in find_loaded(source.text) {
        let term = &terms[t];
        let (phrase_start, phrase_end) = phrase(source.text, start, end);
        let range = TextRange::from_usize(phrase_start, phrase_end);
        let found = TermUse {
            term: source.text[start..end].to_lowercase(),
            kind: term.kind.to_string(),
            note: term.note.to_string(),
            phrase: source.text[phrase_start..phrase_end].to_string(),
            span: span(range),
            voice: voice(source, &marks, TextRange::from_usize(start, end)).to_string(),
        };
        if term.kind == "hedge" {
            hedges.push(found);
        } else {
            loaded.push(found);
        }
    }
    let scare_quotes = source
        .annotations
        .scare_quotes
        .iter()
        .map(|q| ScareQuoteUse {
            text: q.range.slice(source.text).to_string(),
            span: span(q.range),
            rule: q.rule.to_string(),
        })
        .collect();
    Framing {
        doc,
        loaded,
        scare_quotes,
        cues: cues(source),
        hedges,
    }
}

/// The attribution verbs of an article's quotes, most used first.
fn cues(source: &Source<'_>) -> Vec<CueUse> {
    let mut by_verb: BTreeMap<String, CueUse> = BTreeMap::new();
    for q in source
        .annotations
        .quotes
        .iter()
        .filter(|q| q.kind.is_speech())
    {
        let verb = q.cue.slice(source.text).to_lowercase();
        if verb.is_empty() {
            continue;
        }
        by_verb
            .entry(verb.clone())
            .and_modify(|c| c.count += 1)
            .or_insert(CueUse {
                verb,
                stance: q.stance.as_str().to_string(),
                count: 1,
                first: span(q.cue),
            });
    }
    let mut out: Vec<CueUse> = by_verb.into_values().collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.verb.cmp(&b.verb)));
    out
}

/// Words that end a phrase rather than extend it.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "is", "are", "was", "were", "be", "been", "that", "which", "who", "its", "their",
    "his", "her", "it", "they", "this", "these", "those", "has", "have", "had", "not",
];

/// The phrase a term sits in, for display: a capitalised word before it
/// ("Kiev regime", "American hegemony"), the noun after a modifier
/// ("breakaway territories", "neo-Nazi government"), and an "of" phrase
/// naming someone ("puppet of Washington", "invasion of Ukraine").
fn phrase(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut first = start;
    let mut last = end;
    if let Some((s, word)) = word_before(text, start)
        && word.chars().next().is_some_and(char::is_uppercase)
        && !FUNCTION_WORDS.contains(&word.to_lowercase().as_str())
        && !sentence_starts_at(text, s)
    {
        first = s;
    }
    let term = &text[start..end].to_lowercase();
    let modifier = term.ends_with("ist")
        || term.ends_with("ed")
        || term.ends_with("ic")
        || term.ends_with("ive")
        || term.ends_with("al")
        || term.ends_with("ous")
        || term.contains('-')
        || matches!(
            term.as_str(),
            "breakaway" | "communist" | "rightful" | "brutal"
        );
    if let Some((e, word)) = word_after(text, end) {
        let lower = word.to_lowercase();
        if lower == "of" {
            if let Some((e2, next)) = word_after(text, e)
                && next.chars().next().is_some_and(char::is_uppercase)
            {
                last = e2;
            }
        } else if modifier
            && !term.ends_with('s')
            && word.starts_with(char::is_lowercase)
            && !FUNCTION_WORDS.contains(&lower.as_str())
        {
            last = e;
        }
    }
    (first, last)
}

/// The word just before `at` (one space or hyphen between), with its start.
fn word_before(text: &str, at: usize) -> Option<(usize, &str)> {
    let before = &text[..at];
    let trimmed = before.strip_suffix(' ')?;
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric() || *c == '-' || *c == '\'' || *c == '\u{2019}')
        .last()
        .map(|(i, _)| i)?;
    let word = trimmed[start..].trim_end_matches(['\'', '\u{2019}', 's']);
    (!word.is_empty()).then_some((start, &trimmed[start..]))
}

/// The word just after `at` (one space between), with its end.
fn word_after(text: &str, at: usize) -> Option<(usize, &str)> {
    let rest = text[at..].strip_prefix(' ')?;
    let len: usize = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .map(char::len_utf8)
        .sum();
    (len > 0).then(|| (at + 1 + len, &rest[..len]))
}

/// Whether a sentence starts at `at` (a capital there says nothing).
fn sentence_starts_at(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '"', '\u{201c}']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n'])
}

#[cfg(test)]
mod tests {
    use super::phrase;

    fn shown(text: &str, term: &str) -> String {
        let start = text.find(term).unwrap_or(0);
        let (s, e) = phrase(text, start, start + term.len());
        text[s..e].to_string()
    }

    fn voices(text: &str) -> Vec<(String, String)> {
        let annotations = parallax_core::Annotations {
            sentences: vec![parallax_core::TextRange::from_usize(0, text.len())],
            ..Default::default()
        };
        let source = crate::Source {
            id: "a",
            label: "a",
            outlet: None,
            text,
            captions: &[],
            date: None,
            annotations: &annotations,
            events: &[],
            origin: 0,
        };
        super::framing(0, &source)
            .loaded
            .into_iter()
            .map(|t| (t.term, t.voice))
            .collect()
    }

    #[test]
    fn characterisations_are_not_the_writers_voice() {
        assert_eq!(
            voices("His allies assailed the inquiry as an illegitimate witch hunt."),
            [("illegitimate".to_string(), "indirect".to_string())]
        );
        assert_eq!(
            voices("The regime fell as an illegitimate order collapsed."),
            [
                ("regime".to_string(), "own".to_string()),
                ("illegitimate".to_string(), "own".to_string())
            ]
        );
    }

    #[test]
    fn phrases_take_their_head_and_owner() {
        assert_eq!(
            shown("against the Kiev regime today", "regime"),
            "Kiev regime"
        );
        assert_eq!(
            shown("a puppet of Washington, it said", "puppet"),
            "puppet of Washington"
        );
        assert_eq!(
            shown("the breakaway territories of", "breakaway"),
            "breakaway territories"
        );
        assert_eq!(shown("Regime change was sought", "Regime"), "Regime");
        assert_eq!(shown("It is a regime of fear", "regime"), "regime");
        assert_eq!(
            shown("a hard-line White House aide", "hard-line"),
            "hard-line"
        );
        assert_eq!(shown("hard-liners like him", "hard-liners"), "hard-liners");
    }
}
