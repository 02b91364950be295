//! Attributed statements: who said what, with which verb.
//!
//! Rules, in the order they are tried in each sentence:
//!
//! - `according-to`: "According to X, ..." and "..., according to X".
//! - `source-cue`: a noun phrase, then a reporting verb ("Foreign Minister
//!   Dmytro Kuleba warned that ...", "sources said"), auxiliaries allowed
//!   between ("has said", "had told").
//! - `cue-source`: an inverted cue after a quotation or a comma
//!   ("..., said Pushilin").
//!
//! The content is the quoted words when the sentence holds a quotation, else
//! the clause the verb introduces. The source is the phrase as written; linking
//! it to an entity is the entity layer's work.
//!
//! Not found yet: quotes whose speaker is named in an earlier sentence only
//! ("'...,' he added" is found; a bare quotation paragraph is not), and scare
//! quotes.

use std::collections::HashMap;
use std::sync::LazyLock;

use parallax_core::{CueStance, Quote, QuoteKind, ScareQuote, TextRange};

use crate::text::{Token, is_capitalized, is_punct, lower, sentences, tokens};

/// Reporting verbs by lemma, with their stance. General English usage.
const CUES: &[(&str, CueStance)] = &[
    ("say", CueStance::Neutral),
    ("tell", CueStance::Neutral),
    ("decline", CueStance::Neutral),
    ("add", CueStance::Neutral),
    ("state", CueStance::Neutral),
    ("report", CueStance::Neutral),
    ("announce", CueStance::Neutral),
    ("write", CueStance::Neutral),
    ("tweet", CueStance::Neutral),
    ("post", CueStance::Neutral),
    ("ask", CueStance::Neutral),
    ("reply", CueStance::Neutral),
    ("respond", CueStance::Neutral),
    ("comment", CueStance::Neutral),
    ("continue", CueStance::Neutral),
    ("predict", CueStance::Neutral),
    ("estimate", CueStance::Neutral),
    ("describe", CueStance::Neutral),
    ("call", CueStance::Neutral),
    ("urge", CueStance::Neutral),
    ("warn", CueStance::Neutral),
    ("believe", CueStance::Neutral),
    ("think", CueStance::Neutral),
    ("argue", CueStance::Neutral),
    ("suggest", CueStance::Neutral),
    ("recall", CueStance::Neutral),
    ("learn", CueStance::Neutral),
    ("find", CueStance::Neutral),
    ("show", CueStance::Neutral),
    ("note", CueStance::Endorsing),
    ("explain", CueStance::Endorsing),
    ("confirm", CueStance::Endorsing),
    ("point out", CueStance::Endorsing),
    ("acknowledge", CueStance::Endorsing),
    ("reveal", CueStance::Endorsing),
    ("observe", CueStance::Endorsing),
    ("claim", CueStance::Distancing),
    ("allege", CueStance::Distancing),
    ("insist", CueStance::Distancing),
    ("maintain", CueStance::Distancing),
    ("contend", CueStance::Distancing),
    ("purport", CueStance::Distancing),
    ("assert", CueStance::Distancing),
    ("deny", CueStance::Distancing),
    ("admit", CueStance::Loaded),
    ("concede", CueStance::Loaded),
    ("boast", CueStance::Loaded),
    ("brag", CueStance::Loaded),
    ("slam", CueStance::Loaded),
    ("blast", CueStance::Loaded),
    ("rant", CueStance::Loaded),
    ("scoff", CueStance::Loaded),
    ("gush", CueStance::Loaded),
    ("lament", CueStance::Loaded),
    ("complain", CueStance::Loaded),
    ("charge", CueStance::Loaded),
    ("accuse", CueStance::Loaded),
    ("condemn", CueStance::Loaded),
    ("mock", CueStance::Loaded),
    ("stress", CueStance::Neutral),
    ("emphasize", CueStance::Neutral),
    ("emphasise", CueStance::Neutral),
    ("declare", CueStance::Neutral),
    ("indicate", CueStance::Neutral),
    ("signal", CueStance::Neutral),
    ("reiterate", CueStance::Neutral),
    ("repeat", CueStance::Neutral),
    ("mention", CueStance::Neutral),
    ("promise", CueStance::Neutral),
    ("pledge", CueStance::Neutral),
    ("vow", CueStance::Neutral),
    ("threaten", CueStance::Neutral),
    ("hope", CueStance::Neutral),
    ("fear", CueStance::Neutral),
    ("expect", CueStance::Neutral),
    ("want", CueStance::Neutral),
    ("feel", CueStance::Neutral),
    ("know", CueStance::Neutral),
    ("agree", CueStance::Neutral),
    ("disagree", CueStance::Neutral),
    ("propose", CueStance::Neutral),
    ("demand", CueStance::Neutral),
    ("recommend", CueStance::Neutral),
    ("testify", CueStance::Neutral),
    ("conclude", CueStance::Neutral),
    ("question", CueStance::Neutral),
    ("wonder", CueStance::Neutral),
    ("doubt", CueStance::Neutral),
    ("speculate", CueStance::Neutral),
    ("quip", CueStance::Loaded),
    ("joke", CueStance::Loaded),
    ("shout", CueStance::Loaded),
    ("criticize", CueStance::Loaded),
    ("criticise", CueStance::Loaded),
    ("praise", CueStance::Neutral),
    ("welcome", CueStance::Neutral),
    ("dismiss", CueStance::Neutral),
    ("reject", CueStance::Neutral),
];

/// Irregular forms of the verbs above.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("thought", "think"),
    ("found", "find"),
    ("shown", "show"),
    ("denied", "deny"),
    ("denies", "deny"),
    ("replied", "reply"),
    ("replies", "reply"),
    ("knew", "know"),
    ("known", "know"),
    ("felt", "feel"),
    ("testified", "testify"),
    ("testifies", "testify"),
    ("criticized", "criticize"),
    ("criticised", "criticise"),
];

/// Every inflected form to its lemma and stance.
static FORMS: LazyLock<HashMap<String, (&'static str, CueStance)>> = LazyLock::new(|| {
    let mut forms = HashMap::new();
    for &(lemma, stance) in CUES {
        if lemma.contains(' ') {
            continue;
        }
        let stem = lemma.strip_suffix('e').unwrap_or(lemma);
        for form in [
            lemma.to_string(),
            format!("{lemma}s"),
            format!("{stem}ed"),
            format!("{stem}ing"),
        ] {
            forms.insert(form, (lemma, stance));
        }
        // "slam" -> "slammed"; "admit" -> "admitted".
        if let Some(last) = lemma
            .chars()
            .last()
            .filter(|c| matches!(c, 'm' | 't' | 'g' | 'p'))
        {
            forms.insert(format!("{lemma}{last}ed"), (lemma, stance));
        }
    }
    for &(form, lemma) in IRREGULAR {
        if let Some(&(_, stance)) = CUES.iter().find(|(l, _)| *l == lemma) {
            forms.insert(form.to_string(), (lemma, stance));
        }
    }
    for form in AMBIGUOUS_FORMS {
        forms.remove(*form);
    }
    forms
});

/// The reporting verb a word form is a form of, if any.
pub(crate) fn cue_lemma(form: &str) -> Option<&'static str> {
    FORMS.get(form).map(|&(lemma, _)| lemma)
}

/// The first reporting-verb form in a cue phrase ("has recently stressed"):
/// its byte range in the phrase and its stance.
pub(crate) fn cue_verb(cue: &str) -> Option<(usize, usize, CueStance)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let mut at = 0;
    for word in cue.split(|c: char| !is_word(c)) {
        if let Some(&(_, stance)) = FORMS.get(&word.to_lowercase()) {
            return Some((at, at + word.len(), stance));
        }
        // The word and the one-character separator after it.
        at += word.len()
            + cue[at + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    None
}

/// True when a cue phrase holds a reporting-verb form ("later clarified",
/// "went on to call"), or is punctuation standing for one ("Name: …").
pub(crate) fn cue_is_speech(cue: &str) -> bool {
    cue_verb(cue).is_some()
        || !cue
            .chars()
            .any(|c| c.is_alphanumeric() || c == '\'' || c == '’')
}

/// The stance of a cue phrase: that of the first reporting-verb form in it
/// ("later clarified", "went on to claim"), else neutral.
pub(crate) fn cue_stance(cue: &str) -> CueStance {
    cue_verb(cue).map_or(CueStance::Neutral, |(_, _, stance)| stance)
}

/// Forms of cue lemmas that are more often something else (a noun: "his home
/// state", "criminal charges"; a belief or wish: "I think", "they want") than
/// a report of speech. Measured on PolNeAR's train split (never on dev):
/// each was right less than 30% of the time, with 10 wrong hits or more.
const AMBIGUOUS_FORMS: &[&str] = &[
    "state",
    "states",
    "want",
    "think",
    "know",
    "questions",
    "known",
    "call",
    "find",
    "continue",
    "continues",
    "comments",
    "thought",
    "question",
    "felt",
    "charges",
    "believed",
    "expected",
    "tweet",
    "tell",
    "reporting",
    "knew",
    "thinking",
    "fears",
    "maintained",
    "feels",
    "expects",
    "continuing",
    "posts",
    "written",
    "welcome",
    "post",
    "learn",
    "charge",
    "adding",
    "add",
    "tweets",
    "stress",
    "finding",
    "shouting",
    "promise",
    "pledge",
    "maintains",
    "estimate",
    "doubts",
    "welcoming",
    "mocking",
    "knowing",
    "wanting",
];

/// Words that may stand between a source and its verb.
const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "also",
    "later",
    "earlier",
    "previously",
    "then",
    "again",
    "repeatedly",
    "recently",
    "publicly",
    "privately",
    "reportedly",
    "once",
    "has",
    "did",
    "does",
    "may",
    "might",
    "could",
    "can",
    "should",
    "not",
    "never",
    "already",
    "further",
    "separately",
];

/// Words that end a noun phrase when read backwards from a verb.
const NP_STOPS: &[&str] = &[
    "and", "or", "but", "that", "which", "who", "whom", "when", "while", "after", "before",
    "because", "if", "as", "than", "so", "yet", "where", "what", "how", "why", "to", "on", "in",
    "at", "for", "with", "by", "from", "about", "into", "over", "since", "until", "not", "is",
    "was", "were", "are", "be", "been", "it's",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who"];

/// The quoted spans of a sentence (straight or typographic double quotes).
pub(crate) fn quotations(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut skip = 0;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if at < skip {
            continue;
        }
        // Newspaper style: two apostrophes or backticks for a double quote.
        let doubled = text[at..end].starts_with("''") || text[at..end].starts_with("``");
        let (mark, width) = if doubled { ('"', 2) } else { (c, c.len_utf8()) };
        if doubled {
            skip = at + 2;
        }
        match (mark, open) {
            ('“', _) => open = Some(at + width),
            ('”', Some(o)) => {
                out.push((o, at));
                open = None;
            }
            ('"', None) => open = Some(at + width),
            ('"', Some(o)) => {
                out.push((o, at));
                open = None;
            }
            _ => {}
        }
    }
    out.into_iter().filter(|(a, b)| b > a).collect()
}

/// Words that may stand between a source and its verb: auxiliaries and
/// adverbs ("he proudly states", "officials have repeatedly said").
fn is_transparent(word: &str) -> bool {
    AUXILIARIES.contains(&word)
        || [
            "just", "still", "even", "only", "now", "often", "first", "finally", "simply",
        ]
        .contains(&word)
        || (word.len() > 4 && word.ends_with("ly"))
}

/// `is_transparent` for a token: a capitalised "Kelly" or "Jolly" is a
/// name, not an adverb.
fn is_transparent_token(text: &str, token: Token) -> bool {
    !is_capitalized(text, token) && is_transparent(&lower(text, token))
}

/// "the questions", "Editor's note", "was warned": the cue word is a noun or a
/// passive participle here, not someone reporting.
fn reads_as_noun_or_passive(text: &str, previous: Token, cue: Token) -> bool {
    let before = lower(text, previous);
    let determiner = [
        "the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those", "my",
        "our", "your", "no", "any",
    ]
    .contains(&before.as_str());
    // "Jones' statement"; a closing '' is a quotation mark, not a possessive.
    let possessive = before.ends_with("'s")
        || (before.ends_with('\'') && before.chars().any(char::is_alphabetic));
    let cue_word = lower(text, cue);
    let participle = cue_word.ends_with("ed")
        || [
            "told", "written", "known", "shown", "said", "thought", "found",
        ]
        .contains(&cue_word.as_str());
    let passive = participle
        && [
            "being", "been", "was", "were", "is", "are", "be", "get", "got",
        ]
        .contains(&before.as_str());
    determiner || possessive || passive
}

/// A source names someone when it holds a pronoun, a capitalised word or a
/// noun-like word; "still" or "will willingly" do not.
fn names_someone(text: &str, (start, end): (usize, usize)) -> bool {
    text[start..end].split_whitespace().any(|word| {
        let lower = word.to_lowercase();
        PRONOUNS.contains(&lower.as_str())
            || lower == "which"
            || word.starts_with(char::is_uppercase)
            || (word.len() >= 4 && !is_transparent(&lower) && !NP_STOPS.contains(&lower.as_str()))
    })
}

/// The noun phrase that ends just before token `end` (exclusive), read backwards.
fn source_before(text: &str, toks: &[Token], end: usize) -> Option<(usize, usize)> {
    // "a message, which said ...", "Pushilin, who said ...": the relative
    // pronoun stands for the source; the speaker is resolved from it later.
    if let Some(&last) = end.checked_sub(1).and_then(|i| toks.get(i))
        && matches!(lower(text, last).as_str(), "which" | "who")
    {
        return Some((last.start, last.end));
    }
    // "Scot Ross, executive director of One Wisconsin Now, said": skip the
    // appositive back to the name before it.
    if end >= 2 && lower(text, toks[end - 1]) == "," {
        let close = end - 1;
        let mut at = close;
        if at > 0 && lower(text, toks[at - 1]) == ")" {
            at -= 1;
            while at > 0 && lower(text, toks[at - 1]) != "(" && close - at < 12 {
                at -= 1;
            }
            at = at.saturating_sub(1);
            if let Some((name_start, _)) = plain_np_before(text, toks, at) {
                return Some((name_start, toks[close - 1].end));
            }
            return None;
        }
        let comma = (close.saturating_sub(30)..close)
            .rev()
            .find(|&k| lower(text, toks[k]) == ",")?;
        if comma + 1 >= close {
            return None;
        }
        let (name_start, _) = plain_np_before(text, toks, comma)?;
        return Some((name_start, toks[close - 1].end));
    }
    plain_np_before(text, toks, end)
}

/// The noun phrase that ends just before token `end`, without appositives.
fn plain_np_before(text: &str, toks: &[Token], end: usize) -> Option<(usize, usize)> {
    // "the Kentucky Republican on Tuesday dismissed": a time phrase between
    // the source and the cue is skipped.
    let mut end = end;
    if end >= 2
        && is_time_word(&lower(text, toks[end - 1]))
        && matches!(
            lower(text, toks[end - 2]).as_str(),
            "on" | "last" | "this" | "late" | "early"
        )
    {
        end -= 2;
    }
    let mut first = end;
    while first > 0 && end - first < 8 {
        let token = toks[first - 1];
        let word = lower(text, token);
        let verb = FORMS.contains_key(&word) && !is_capitalized(text, token);
        if is_punct(text, token) || NP_STOPS.contains(&word.as_str()) || verb {
            break;
        }
        first -= 1;
        if PRONOUNS.contains(&word.as_str()) {
            break;
        }
    }
    (first < end).then(|| (toks[first].start, toks[end - 1].end))
}

fn is_time_word(word: &str) -> bool {
    matches!(
        word,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "week"
            | "month"
            | "year"
            | "night"
            | "morning"
            | "evening"
            | "afternoon"
            | "weekend"
    )
}

/// The noun phrase that starts at token `start`, read forwards ("said Denis Pushilin, the head ...").
fn source_after(text: &str, toks: &[Token], start: usize) -> Option<(usize, usize)> {
    let mut last = start;
    while last < toks.len() && last - start < 8 {
        let token = toks[last];
        let word = lower(text, token);
        if is_punct(text, token) || (NP_STOPS.contains(&word.as_str()) && word != "of") {
            break;
        }
        last += 1;
    }
    (last > start
        && (is_capitalized(text, toks[start])
            || ["the", "a", "an", "his", "her", "its", "their"]
                .contains(&lower(text, toks[start]).as_str())))
    .then(|| (toks[start].start, toks[last - 1].end))
}

/// The start of the sentence up to the source: "Turnout was low, officials
/// said."
/// Words that open a line with a colon but do not name a speaker.
const NOT_SPEAKERS: &[&str] = &[
    "update",
    "updated",
    "note",
    "editor",
    "editor's",
    "related",
    "photo",
    "photos",
    "video",
    "watch",
    "read",
    "source",
    "sources",
    "credit",
    "image",
    "tags",
    "share",
    "topics",
    "correction",
    "disclosure",
    "warning",
    "breaking",
    "exclusive",
    "live",
    "opinion",
    "analysis",
    "also",
    "subscribe",
    "follow",
    "advertisement",
    "sign",
    "email",
    "contact",
    "posted",
    "published",
    "copyright",
    "the",
    "this",
    "that",
    "here",
    "why",
    "how",
    "what",
    "when",
    "where",
    "who",
    "bottom",
    "background",
    "location",
    "date",
    "time",
    "category",
];

/// A speaker at the start of a sentence followed by a colon: "Insiders:
/// Trump will rebound", "FALLIN: I think", "Q: ...".
fn colon_cue(text: &str, toks: &[Token], end: usize) -> Option<Quote> {
    let colon = toks
        .iter()
        .take(8)
        .position(|&t| &text[t.start..t.end] == ":")?;
    if colon == 0 || colon + 1 >= toks.len() {
        return None;
    }
    let name = &toks[..colon];
    let first = lower(text, name[0]);
    let joins = |t: Token| {
        matches!(
            lower(text, t).as_str(),
            "of" | "at" | "the" | "and" | "'s" | "’s"
        )
    };
    // "Q:" asks; the question is not an attribution.
    if NOT_SPEAKERS.contains(&first.as_str())
        || first == "q"
        || !name.iter().all(|&t| is_capitalized(text, t) || joins(t))
        || name.iter().any(|&t| is_punct(text, t))
    {
        return None;
    }
    let content_start = toks[colon + 1].start;
    let content_end = text[..end].trim_end().len();
    (content_end > content_start).then(|| Quote {
        content: range((content_start, content_end)),
        cue: range((toks[colon].start, toks[colon].end)),
        source: Some(range((name[0].start, name[colon - 1].end))),
        speaker: None,
        kind: QuoteKind::Direct,
        stance: CueStance::Neutral,
        rule: "colon-cue",
    })
}

fn content_before(text: &str, start: usize, source_start: usize) -> Option<(usize, usize)> {
    let before = &text[start..source_start];
    let trimmed_start = before.len() - before.trim_start().len();
    let end = start
        + before
            .trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, ',' | '"' | '”' | '\'' | '’' | '—' | '-')
            })
            .len();
    let begin = start + trimmed_start;
    (end > begin + 2).then_some((begin, end))
}

/// Capitalised sentence adverbs that open a sentence before its subject.
const SENTENCE_ADVERBS: &[&str] = &[
    "instead",
    "however",
    "meanwhile",
    "still",
    "yet",
    "later",
    "earlier",
    "now",
    "then",
    "also",
    "indeed",
    "moreover",
    "separately",
    "privately",
    "publicly",
    "today",
    "yesterday",
];

/// Frequent irregular past-tense verbs, which end a subject ("the senator
/// spoke").
const PAST_VERBS: &[&str] = &[
    "was", "were", "had", "spoke", "went", "made", "took", "gave", "came", "met", "told", "said",
    "got", "won", "lost", "left", "ran", "saw", "held", "stood", "sat", "became", "began",
    "brought", "thought", "wrote", "did", "has", "is", "are", "will", "would", "could", "can",
];

/// The subject at the start of a sentence: "Clinton attacked Trump, saying
/// ..." gives "Clinton", "The Wisconsin Republican did ..., saying" gives
/// "The Wisconsin Republican". A leading conjunction is skipped, and so is an
/// introductory phrase up to its comma ("On Sunday morning, ...").
fn sentence_subject(text: &str, toks: &[Token]) -> Option<(usize, usize)> {
    const CONJUNCTIONS: &[&str] = &["but", "and", "so", "yet", "still", "then", "also", "now"];
    const INTRODUCERS: &[&str] = &[
        "in", "on", "at", "after", "before", "during", "for", "with", "by", "from", "since",
        "when", "while", "as", "although", "though", "if", "because", "despite", "until",
    ];
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "his", "her", "its", "their", "our", "this", "that", "these", "those",
    ];
    let mut first = toks.iter().position(|&t| !is_punct(text, t))?;
    if CONJUNCTIONS.contains(&lower(text, toks[first]).as_str()) {
        first += 1;
    }
    // "Instead, ...", "Meanwhile, ...", "Tuesday, ...": a sentence adverb.
    if toks
        .get(first + 1)
        .is_some_and(|&t| &text[t.start..t.end] == ",")
        && toks.get(first).is_some_and(|&t| {
            !is_capitalized(text, t)
                || SENTENCE_ADVERBS.contains(&lower(text, t).as_str())
                || is_time_word(&lower(text, t))
        })
    {
        first += 2;
    }
    // "Speaking at a rally, Trump ...", "Having announced ..., the judge ...".
    let opener = lower(text, *toks.get(first)?);
    if INTRODUCERS.contains(&opener.as_str()) || (opener.ends_with("ing") && opener.len() > 5) {
        let comma = (first..toks.len().min(first + 12))
            .find(|&k| &text[toks[k].start..toks[k].end] == ",")?;
        first = comma + 1;
    }
    let mut last = first;
    let mut named = false;
    let mut lowercase_run = 0;
    // Lowercase words join only after a determiner: "the senator", not
    // "Clinton attacked".
    let mut after_determiner = false;
    while last < toks.len() && last - first < 8 {
        let token = toks[last];
        let word = lower(text, token);
        let is_cap = is_capitalized(text, token);
        let is_det = DETERMINERS.contains(&word.as_str());
        if is_cap && !is_det && !(last > first && FORMS.contains_key(&word)) {
            named = true;
            lowercase_run = 0;
            after_determiner = false;
        } else if is_det
            || matches!(word.as_str(), "of" | "'s" | "’s")
            || word.chars().any(|c| c.is_ascii_digit())
        {
            lowercase_run = 0;
            after_determiner = is_det || after_determiner;
        } else if after_determiner
            && lowercase_run < 2
            && !word.ends_with("ed")
            && !PAST_VERBS.contains(&word.as_str())
            && word.chars().all(char::is_alphabetic)
            && !FORMS.contains_key(&word)
            && !is_transparent(&word)
            && !NP_STOPS.contains(&word.as_str())
        {
            // "The star", "the senator": a noun after a determiner.
            named = true;
            lowercase_run += 1;
        } else {
            break;
        }
        last += 1;
    }
    // No trailing "of the".
    while last > first
        && matches!(
            lower(text, toks[last - 1]).as_str(),
            "of" | "the" | "a" | "an"
        )
    {
        last -= 1;
    }
    (named && last > first).then(|| (toks[first].start, toks[last - 1].end))
}

fn content_after(
    text: &str,
    toks: &[Token],
    after: usize,
    sentence_end: usize,
) -> Option<(usize, usize)> {
    let mut at = after;
    while at < toks.len() && (lower(text, toks[at]) == "that" || is_punct(text, toks[at])) {
        at += 1;
    }
    let start = toks.get(at)?.start;
    let end = text[..sentence_end]
        .trim_end_matches(['.', '!', '?', '"', '”', ' ', '\n'])
        .len();
    (end > start).then_some((start, end))
}

/// Direct when the sentence holds a quotation, else reported speech.
fn kind_of(quoted_span: Option<(usize, usize)>) -> QuoteKind {
    if quoted_span.is_some() {
        QuoteKind::Direct
    } else {
        QuoteKind::Indirect
    }
}

fn range(span: (usize, usize)) -> TextRange {
    TextRange::from_usize(span.0, span.1)
}

/// A line that ends in a dash and a name: "... we need change. ― Carla Sanchez".
static DASH_SIGNATURE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?m)^(.{20,}?)\s*([―—–])\s*(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,5})\s*(?:,[^\n]{0,80})?\s*$")
        .expect("valid regex")
});

/// Words that name a status or a claim an outlet may refuse to grant:
/// quoted, they keep a distance ("the “People’s Republics”", "“elections”").
const STATUS_WORDS: &[&str] = &[
    "republic",
    "republics",
    "independence",
    "independent",
    "sovereignty",
    "sovereign",
    "referendum",
    "referendums",
    "election",
    "elections",
    "government",
    "authorities",
    "president",
    "parliament",
    "state",
    "states",
    "peace",
    "liberation",
    "liberated",
    "denazification",
    "annexation",
    "reunification",
    "genocide",
    "terrorists",
    "democracy",
    "ceasefire",
    "truce",
    "humanitarian",
    "volunteers",
    "militia",
    "army",
    "court",
    "trial",
    "experts",
    "journalists",
    "news",
    "reforms",
];

/// Quotations of one to three words that are not someone's reported words:
/// after "so-called", naming a status ("independence", "republics"), a
/// quoted name ("the “People’s Republics”"), or in a sentence that reports
/// no one. Quoted words inside an attributed sentence are partial quotes,
/// not scare quotes.
pub fn annotate_scare_quotes(text: &str, quotes: &[Quote]) -> Vec<ScareQuote> {
    let mut out = Vec::new();
    for (start, end) in sentences(text) {
        let attributed = quotes.iter().any(|q| {
            (q.cue.start() as usize) >= start && (q.cue.end() as usize) <= end && q.source.is_some()
        });
        for (a, b) in quotations(text, start, end) {
            let words: Vec<&str> = text[a..b].split_whitespace().collect();
            let inner = text[a..b].trim_end();
            if words.is_empty()
                || words.len() > 3
                || inner.ends_with(['.', ',', '!', '?', ';', ':'])
            {
                continue;
            }
            let before = text[start..a]
                .trim_end_matches(['“', '"', '\'', '‘', '`'])
                .trim_end()
                .to_lowercase();
            // `said “Yes.”`, `: “...`: the start of reported words.
            if before.ends_with(':') || before.ends_with(',') && attributed {
                continue;
            }
            let lowered: Vec<String> = words
                .iter()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                        .replace('’', "'")
                })
                .collect();
            let rule = if [
                "so-called",
                "so called",
                "self-proclaimed",
                "self-styled",
                "alleged",
                "supposed",
            ]
            .iter()
            .any(|w| before.ends_with(w))
            {
                "so-called"
            } else if lowered.iter().any(|w| STATUS_WORDS.contains(&w.as_str())) {
                "status-word"
            } else if words.len() >= 2
                && words
                    .first()
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
                && words
                    .last()
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
            {
                "quoted-name"
            } else if !attributed {
                "unattributed"
            } else {
                continue;
            };
            out.push(ScareQuote {
                range: range((a, b)),
                rule,
            });
        }
    }
    out
}

/// Finds attributed statements in `text`.
pub fn annotate_quotes(text: &str) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = DASH_SIGNATURE
        .captures_iter(text)
        .filter_map(|caps| {
            let (content, dash, name) = (caps.get(1)?, caps.get(2)?, caps.get(3)?);
            Some(Quote {
                content: range((content.start(), content.end())),
                cue: range((dash.start(), dash.end())),
                source: Some(range((name.start(), name.end()))),
                speaker: None,
                kind: QuoteKind::Direct,
                stance: CueStance::Neutral,
                rule: "dash-signature",
            })
        })
        .collect();
    for (start, end) in sentences(text) {
        quotes.extend(sentence_quotes(text, start, end));
    }
    quotes
}

/// Every attribution of one sentence: an "according to", then each reporting
/// verb with a source.
fn sentence_quotes(text: &str, start: usize, end: usize) -> Vec<Quote> {
    let mut found: Vec<Quote> = Vec::new();
    let mut from = start;
    // Each pass takes the first attribution at or after `from`.
    while let Some(quote) = sentence_quote(text, from, end) {
        from = quote.cue.end() as usize;
        let before = found.last().map(|q| q.cue.end());
        found.push(quote);
        if before.is_some_and(|b| b >= from as u32) || from >= end {
            break;
        }
    }
    found
}

fn sentence_quote(text: &str, start: usize, end: usize) -> Option<Quote> {
    let toks = tokens(text, start, end);
    let quoted = quotations(text, start, end);
    // Reported words in marks: a quotation of four words or more, or one
    // that ends a clause. A shorter one ("the “People’s Republics”") is a
    // partial or scare quote inside content that the cue governs.
    let spoken: Vec<&(usize, usize)> = quoted
        .iter()
        .filter(|&&(a, b)| {
            text[a..b].split_whitespace().count() >= 4
                || text[a..b].trim_end().ends_with(['.', ',', '!', '?'])
        })
        .collect();
    let quoted_span = spoken
        .first()
        .map(|&&(a, _)| a)
        .zip(spoken.last().map(|&&(_, b)| b));
    let inside_quote = |token: Token| {
        quoted
            .iter()
            .any(|&(a, b)| token.start >= a && token.end <= b)
    };
    // "Insiders: Trump will rebound", "Q: You open your book ..."
    if let Some(quote) = colon_cue(text, &toks, end) {
        return Some(quote);
    }
    let words = toks.iter().filter(|&&t| !is_punct(text, t)).count();
    let capitalised = toks
        .iter()
        .filter(|&&t| !is_punct(text, t) && is_capitalized(text, t))
        .count();
    let headline =
        words >= 4 && capitalised * 10 >= words * 8 && !text[start..end].trim_end().ends_with('.');
    for (i, &token) in toks.iter().enumerate() {
        if inside_quote(token) {
            continue;
        }
        // A capitalised "Post" or "Says" is a name, not the verb, except in
        // a title-case headline ("Bellwether County Says Trump Should Win").
        if is_capitalized(text, token) && !(headline && i > 0) {
            continue;
        }
        let Some(&(lemma, stance)) = FORMS.get(&lower(text, token)) else {
            continue;
        };
        // "declined to comment", not "sales declined".
        if lemma == "decline" && toks.get(i + 1).is_none_or(|&t| lower(text, t) != "to") {
            continue;
        }
        if i > 0 && reads_as_noun_or_passive(text, toks[i - 1], token) {
            continue;
        }
        // Inverted: `"...," said X` or `..., said X.`
        let after_comma_or_quote = i > 0
            && matches!(
                &text[toks[i - 1].start..toks[i - 1].end],
                "," | "\"" | "”" | "''" | "’’" | ",''" | ",’’"
            );
        let inverted = source_after(text, &toks, i + 1).filter(|&(_, np_end)| {
            // The source ends the clause: `", said X."`, not "posted a message on ...".
            toks.iter()
                .find(|t| t.start >= np_end)
                .is_none_or(|&t| is_punct(text, t))
        });
        if after_comma_or_quote && let Some(source) = inverted {
            let content = quoted_span.unwrap_or((
                start,
                text[..toks[i - 1].start]
                    .trim_end_matches([',', ' ', '"', '”'])
                    .len(),
            ));
            return Some(Quote {
                content: range(content),
                cue: range((token.start, token.end)),
                source: Some(range(source)),
                speaker: None,
                kind: kind_of(quoted_span),
                stance,
                rule: "cue-source",
            });
        }
        // ", saying ...": the subject of the sentence speaks.
        let word = lower(text, token);
        let coordinated = i > 0
            && (word.ends_with("ing") && text[toks[i - 1].start..toks[i - 1].end] == *","
                || matches!(lower(text, toks[i - 1]).as_str(), "and" | "then" | "but"));
        if coordinated
            && let Some(source) = sentence_subject(text, &toks[..i - 1])
            && let Some(content) = quoted_span.or_else(|| content_after(text, &toks, i + 1, end))
        {
            return Some(Quote {
                content: range(content),
                cue: range((token.start, token.end)),
                source: Some(range(source)),
                speaker: None,
                kind: kind_of(quoted_span),
                stance,
                rule: "participle-subject",
            });
        }
        // Source, then cue, auxiliaries allowed between.
        let mut np_end = i;
        while np_end > 0 && is_transparent_token(text, toks[np_end - 1]) {
            np_end -= 1;
        }
        let Some(source) = source_before(text, &toks, np_end) else {
            continue;
        };
        if !names_someone(text, source) {
            continue;
        }
        // "..., officials said.": the content comes before the source.
        let content = quoted_span
            .or_else(|| content_after(text, &toks, i + 1, end))
            .or_else(|| content_before(text, start, source.0));
        let Some(content) = content else { continue };
        return Some(Quote {
            content: range(content),
            cue: range((token.start, token.end)),
            source: Some(range(source)),
            speaker: None,
            kind: kind_of(quoted_span),
            stance,
            rule: "source-cue",
        });
    }
    // "according to X", when no reporting verb has a source.
    for i in 0..toks.len().saturating_sub(1) {
        if lower(text, toks[i]) == "according"
            && lower(text, toks[i + 1]) == "to"
            && !inside_quote(toks[i])
        {
            let source = source_after(text, &toks, i + 2).or_else(|| {
                let last = toks[i + 2..]
                    .iter()
                    .position(|&t| is_punct(text, t))
                    .map_or(toks.len(), |p| i + 2 + p);
                (last > i + 2).then(|| (toks[i + 2].start, toks[last - 1].end))
            })?;
            let content = quoted_span.or_else(|| {
                if toks[i].start > start + 2 {
                    Some((
                        start,
                        text[..toks[i].start].trim_end_matches([',', ' ']).len(),
                    ))
                } else {
                    let after = toks
                        .iter()
                        .position(|t| t.start >= source.1)
                        .unwrap_or(toks.len());
                    content_after(text, &toks, after, end)
                }
            })?;
            return Some(Quote {
                content: range(content),
                cue: range((toks[i].start, toks[i + 1].end)),
                source: Some(range(source)),
                speaker: None,
                kind: QuoteKind::AccordingTo,
                stance: CueStance::Neutral,
                rule: "according-to",
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, source: &str, cue: &str, stance: CueStance) {
        let quotes = annotate_quotes(text);
        let quote = quotes
            .first()
            .unwrap_or_else(|| panic!("no quote in {text:?}"));
        assert_eq!(quote.source.map(|s| s.slice(text)), Some(source), "{text}");
        assert_eq!(quote.cue.slice(text), cue, "{text}");
        assert_eq!(quote.stance, stance, "{text}");
    }

    #[test]
    fn newspaper_marks_appositives_participles_and_colons() {
        let neutral = CueStance::Neutral;
        check(
            "''The market is not there yet,'' said Mr. Morris.",
            "Mr. Morris",
            "said",
            neutral,
        );
        check(
            "\"Elections matter,\" Kelly said.",
            "Kelly",
            "said",
            neutral,
        );
        check(
            "Scot Ross, executive director of One Wisconsin Now, said the numbers were higher.",
            "Scot Ross, executive director of One Wisconsin Now",
            "said",
            neutral,
        );
        check(
            "Gov. John Kasich (R-OH), said the race was open.",
            "Gov. John Kasich (R-OH)",
            "said",
            neutral,
        );
        check(
            "Clinton attacked Trump on Friday, saying he would appoint bad judges.",
            "Clinton",
            "saying",
            neutral,
        );
        check(
            "On Sunday morning, the senator spoke to reporters and said the bill was dead.",
            "the senator",
            "said",
            neutral,
        );
        check(
            "Turnout was low across the state, officials said.",
            "officials",
            "said",
            neutral,
        );
        check(
            "Insiders: Trump will rebound in New Hampshire.",
            "Insiders",
            ":",
            neutral,
        );
        check(
            "Cook declined to say whether it was a violation.",
            "Cook",
            "declined",
            neutral,
        );
        check(
            "Bellwether County Says Trump Should Win GOP Nomination",
            "Bellwether County",
            "Says",
            neutral,
        );
        // Not attributions: a noun, a belief, a decline in numbers.
        assert!(annotate_quotes("He also won contests in his home state of Vermont.").is_empty());
        assert!(annotate_quotes("Sales declined sharply in the third quarter.").is_empty());
        assert!(annotate_quotes("Q: How did things go for you?").is_empty());
    }

    #[track_caller]
    fn scare(text: &str, want: &[(&str, &str)]) {
        let quotes = annotate_quotes(text);
        let got: Vec<(&str, &str)> = annotate_scare_quotes(text, &quotes)
            .iter()
            .map(|q| (q.range.slice(text), q.rule))
            .collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn scare_quotes_are_not_partial_quotes() {
        scare(
            "Pyongyang recognised the “People’s Republics” of Donetsk and Luhansk.",
            &[("People’s Republics", "status-word")],
        );
        scare(
            "The ministry condemned the so-called “independence” of the territories.",
            &[("independence", "so-called")],
        );
        scare(
            "Russia recognised them as “independent” states.",
            &[("independent", "status-word")],
        );
        scare(
            "The plan was, in short, a “masterpiece” of timing.",
            &[("masterpiece", "unattributed")],
        );
        scare(
            "The “Crossroads of America” welcomed him.",
            &[("Crossroads of America", "quoted-name")],
        );
        // The speaker's own words, quoted in part: not scare quotes.
        scare(
            "Pushilin said that Donetsk’s “international status” would grow.",
            &[],
        );
        scare("He said: “We will win.”", &[]);
    }

    #[test]
    fn attributions() {
        check(
            "Foreign Minister Dmytro Kuleba warned that Russia would soon be isolated.",
            "Foreign Minister Dmytro Kuleba",
            "warned",
            CueStance::Neutral,
        );
        check(
            "\"This is another diplomatic victory for us,\" said Denis Pushilin.",
            "Denis Pushilin",
            "said",
            CueStance::Neutral,
        );
        check(
            "According to the Korean Central News Agency, the minister sent letters.",
            "the Korean Central News Agency",
            "According to",
            CueStance::Neutral,
        );
        check(
            "The ministry claimed the vote was rigged.",
            "The ministry",
            "claimed",
            CueStance::Distancing,
        );
        check(
            "Officials have admitted that the figures were wrong.",
            "Officials",
            "admitted",
            CueStance::Loaded,
        );
        check(
            "The Post has learned that the escort was dropped.",
            "The Post",
            "learned",
            CueStance::Neutral,
        );
        check(
            "\"We will win,\" he added.",
            "he",
            "added",
            CueStance::Neutral,
        );
        check(
            "We need a leader who listens to all of us. ― Carla Sanchez",
            "Carla Sanchez",
            "―",
            CueStance::Neutral,
        );
    }

    #[test]
    fn no_quote_without_a_cue() {
        assert!(annotate_quotes("The harbour reopened on Tuesday after the storm.").is_empty());
    }
}
