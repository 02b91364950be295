//! A learned attribution tagger: an averaged perceptron that reads each word
//! of an article, left to right, as the start or continuation of an
//! attribution's source, cue or content, or as none of them.
//!
//! The reporting-verb rules in `quotes.rs` find speech ("X said that
//! …"); attribution in news is wider: beliefs, wishes and stances ("most
//! voters have no idea", "if you like your candidate"). No lexicon holds
//! those, so the tagger learns them from an annotated corpus (PolNeAR's train
//! split, whose tags are one label per word), with the rules' own output as
//! some of its features. What ships is a table of feature weights over
//! hashed features: numbers, no text of the corpus.
//!
//! The tagger is greedy (each word's tag from its features and the two tags
//! before it) and needs no parser. Features are hashed into a fixed table,
//! so a model is a plain array of weights.

use parallax_core::{Quote, QuoteKind, TextRange};

use crate::quotes::{annotate_quotes, cue_is_speech, cue_lemma, cue_stance, cue_verb, quotations};
use crate::text::{Token, sentences, tokens};

/// The labels a word can take: outside, or the beginning or inside of a
/// source, cue or content span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Tag {
    /// Not part of an attribution.
    Outside = 0,
    /// First word of a source.
    SourceBegin = 1,
    /// A later word of a source.
    SourceInside = 2,
    /// First word of a cue.
    CueBegin = 3,
    /// A later word of a cue.
    CueInside = 4,
    /// First word of content.
    ContentBegin = 5,
    /// A later word of content.
    ContentInside = 6,
}

/// The number of tags.
pub const TAGS: usize = 7;

const ALL_TAGS: [Tag; TAGS] = [
    Tag::Outside,
    Tag::SourceBegin,
    Tag::SourceInside,
    Tag::CueBegin,
    Tag::CueInside,
    Tag::ContentBegin,
    Tag::ContentInside,
];

/// A span of an article with its part, as byte offsets.
pub type Span = (Part, usize, usize);

/// An annotated article: its text and its gold spans.
pub type Annotated<'a> = (&'a str, &'a [Span]);

/// Which part of an attribution a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Who is reported.
    Source,
    /// The reporting or attitude words.
    Cue,
    /// What is reported.
    Content,
}

impl Part {
    fn begin(self) -> Tag {
        match self {
            Part::Source => Tag::SourceBegin,
            Part::Cue => Tag::CueBegin,
            Part::Content => Tag::ContentBegin,
        }
    }

    fn inside(self) -> Tag {
        match self {
            Part::Source => Tag::SourceInside,
            Part::Cue => Tag::CueInside,
            Part::Content => Tag::ContentInside,
        }
    }
}

impl Tag {
    fn from_index(i: usize) -> Tag {
        ALL_TAGS[i]
    }

    fn part(self) -> Option<Part> {
        match self {
            Tag::Outside => None,
            Tag::SourceBegin | Tag::SourceInside => Some(Part::Source),
            Tag::CueBegin | Tag::CueInside => Some(Part::Cue),
            Tag::ContentBegin | Tag::ContentInside => Some(Part::Content),
        }
    }

    /// An inside tag may only follow its own part.
    fn may_follow(self, previous: Tag) -> bool {
        match self {
            Tag::SourceInside | Tag::CueInside | Tag::ContentInside => {
                previous.part() == self.part()
            }
            _ => true,
        }
    }
}

/// log2 of the number of hashed feature slots.
const BITS: u32 = 18;
const SLOTS: usize = 1 << BITS;

/// One article read for tagging: its words and the features that do not
/// depend on the tags.
pub struct Prepared {
    tokens: Vec<Token>,
    /// Hashed tag-independent features per word.
    features: Vec<Vec<u32>>,
    /// Keys combined with the previous tag (hash seeds, not yet slots).
    keys: Vec<[u64; 3]>,
    /// Whether each word begins a sentence.
    sentence_first: Vec<bool>,
}

impl Prepared {
    /// The number of words.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the article has no words.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
}

fn fnv(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed ^ 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn slot(h: u64) -> u32 {
    // Fold the high bits in: FNV's low bits alone mix poorly.
    ((h ^ (h >> 29) ^ (h >> 47)) & (SLOTS as u64 - 1)) as u32
}

fn shape(word: &str) -> &'static str {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => {
            if word.chars().all(|c| !c.is_lowercase()) && word.chars().count() > 1 {
                "XX"
            } else {
                "Xx"
            }
        }
        Some(c) if c.is_lowercase() => "x",
        Some(c) if c.is_numeric() => "d",
        Some(_) => "p",
        None => "",
    }
}

/// The last `n` characters of a word.
fn last_chars(word: &str, n: usize) -> &str {
    let start = word
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &word[start..]
}

/// The first `n` characters of a word.
fn first_chars(word: &str, n: usize) -> &str {
    let end = word.char_indices().nth(n).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

const POSITIONS: [&str; 7] = ["0", "1", "2", "3", "4", "5", "6"];

/// One hashed feature: a template number and its parts, hashed without
/// building a string.
fn feature(template: u8, parts: &[&str]) -> u32 {
    let mut h = fnv(0, &[template]);
    for part in parts {
        h = fnv(h, part.as_bytes());
        h = fnv(h, &[0xff]);
    }
    slot(h)
}

const PRONOUNS: &[&str] = &[
    "i", "you", "he", "she", "it", "we", "they", "who", "which", "that", "this", "these", "those",
];

/// A crude stem: the word without a common inflection.
fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(s) = word.strip_suffix(suffix)
            && s.len() >= 3
        {
            return s;
        }
    }
    word
}

/// For each word, how many words back and ahead the nearest marked word of
/// its sentence lies (`first` marks each sentence's first word).
fn nearest(marks: &[bool], first: &[bool]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let n = marks.len();
    let mut before = vec![None; n];
    let mut after = vec![None; n];
    let mut last: Option<usize> = None;
    for i in 0..n {
        if first[i] {
            last = None;
        }
        before[i] = last.map(|l| i - l);
        if marks[i] {
            last = Some(i);
        }
    }
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        if marks[i] {
            next = Some(i);
        }
        after[i] = next.map(|x| x - i);
        if first[i] {
            next = None;
        }
    }
    (before, after)
}

/// Verbs and nouns of belief, wish, stance and judgement: what people are
/// reported to think or want as well as to say. General English, written
/// for parallax; a word counts in any common inflection.
const ATTITUDES: &[&str] = &[
    "believe",
    "think",
    "hope",
    "fear",
    "want",
    "wish",
    "expect",
    "doubt",
    "suspect",
    "assume",
    "suppose",
    "feel",
    "know",
    "understand",
    "realize",
    "realise",
    "recognize",
    "consider",
    "regard",
    "view",
    "predict",
    "anticipate",
    "worry",
    "like",
    "love",
    "hate",
    "dislike",
    "prefer",
    "favor",
    "favour",
    "support",
    "oppose",
    "back",
    "endorse",
    "reject",
    "accept",
    "welcome",
    "praise",
    "blame",
    "criticize",
    "criticise",
    "condemn",
    "denounce",
    "applaud",
    "celebrate",
    "accuse",
    "attack",
    "slam",
    "mock",
    "defend",
    "question",
    "challenge",
    "dispute",
    "deny",
    "dismiss",
    "insist",
    "argue",
    "contend",
    "maintain",
    "urge",
    "demand",
    "plan",
    "intend",
    "seek",
    "aim",
    "vow",
    "pledge",
    "promise",
    "threaten",
    "refuse",
    "decide",
    "agree",
    "disagree",
    "approve",
    "disapprove",
    "concede",
    "admit",
    "acknowledge",
    "complain",
    "protest",
    "warn",
    "caution",
    "suggest",
    "propose",
    "recommend",
    "advise",
    "note",
    "observe",
    "show",
    "indicate",
    "reveal",
    "find",
    "conclude",
    "estimate",
    "poll",
    "survey",
    "blast",
    "hail",
    "tout",
    "push",
    "lobby",
    "campaign",
    "call",
    "ask",
    "tell",
    "say",
    "claim",
    "describe",
    "label",
    "dub",
    "brand",
    "opinion",
    "belief",
    "position",
    "stance",
    "argument",
    "contention",
    "assertion",
    "concern",
    "desire",
    "proposal",
    "threat",
    "warning",
    "criticism",
    "opposition",
    "endorsement",
    "approval",
    "view",
    "sentiment",
    "frustration",
    "anger",
    "outrage",
    "excited",
    "angry",
    "upset",
    "pleased",
    "happy",
    "proud",
    "worried",
    "concerned",
    "confident",
    "sure",
    "convinced",
    "skeptical",
    "sceptical",
    "critical",
    "supportive",
    "eager",
    "reluctant",
];

static ATTITUDE_FORMS: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        let mut forms = std::collections::HashSet::new();
        for &word in ATTITUDES {
            let stem = word.strip_suffix('e').unwrap_or(word);
            forms.insert(word.to_string());
            forms.insert(format!("{word}s"));
            forms.insert(format!("{stem}ed"));
            forms.insert(format!("{stem}ing"));
            if let Some(base) = word.strip_suffix('y') {
                forms.insert(format!("{base}ies"));
                forms.insert(format!("{base}ied"));
            }
            // "slam" -> "slammed", "admit" -> "admitted".
            if let Some(last) = word
                .chars()
                .last()
                .filter(|c| matches!(c, 'm' | 't' | 'g' | 'p' | 'n'))
            {
                forms.insert(format!("{word}{last}ed"));
                forms.insert(format!("{word}{last}ing"));
            }
        }
        for form in [
            "thought",
            "felt",
            "knew",
            "known",
            "understood",
            "saw",
            "seen",
            "found",
            "sought",
            "told",
            "said",
            "says",
            "agreed",
            "disagreed",
            "feared",
            "hoped",
        ] {
            forms.insert(form.to_string());
        }
        forms
    });

fn is_attitude(word: &str) -> bool {
    ATTITUDE_FORMS.contains(word)
}

/// Distance in words to the nearest reporting-verb form on one side, binned.
fn bin(distance: Option<usize>) -> &'static str {
    match distance {
        None => "none",
        Some(0) => "0",
        Some(1) => "1",
        Some(2) => "2",
        Some(3..=4) => "3-4",
        Some(5..=8) => "5-8",
        Some(_) => "9+",
    }
}

/// The words (indices into `toks`, in text order) that share a byte with
/// `a..b`.
fn overlapping(toks: &[Token], a: usize, b: usize) -> std::ops::Range<usize> {
    let first = toks.partition_point(|t| t.end <= a);
    first..toks.partition_point(|t| t.start < b).max(first)
}

/// Word index ranges of the sentences, from the marks of their first words.
fn sentence_ranges(first: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=first.len() {
        if i == first.len() || first[i] {
            out.push((start, i));
            start = i;
        }
    }
    out
}

/// Reads an article's words and computes their tag-independent features.
pub fn prepare(text: &str) -> Prepared {
    prepare_with(text, &annotate_quotes(text))
}

/// [`prepare`] with the rules' quotes of the text already found.
fn prepare_with(text: &str, quotes: &[Quote]) -> Prepared {
    let mut toks = Vec::new();
    let mut sentence_of = Vec::new();
    let sentence_spans = sentences(text);
    for (n, &(start, end)) in sentence_spans.iter().enumerate() {
        for t in tokens(text, start, end) {
            toks.push(t);
            sentence_of.push(n);
        }
    }
    let lower: Vec<String> = toks
        .iter()
        .map(|t| text[t.start..t.end].to_lowercase())
        .collect();
    let cue: Vec<Option<&'static str>> = lower.iter().map(|w| cue_lemma(w)).collect();
    // The rules' reading, as a feature: which part of a rule-found quote
    // each word is in.
    let mut rule = vec!["o"; toks.len()];
    for q in quotes {
        let spans = [(Some(q.content), "t"), (q.source, "s"), (Some(q.cue), "c")];
        for (span, label) in spans {
            let Some(span) = span else { continue };
            let (a, b) = (span.start() as usize, span.end() as usize);
            rule[overlapping(&toks, a, b)].fill(label);
        }
    }
    // Inside quotation marks, per sentence.
    let mut quoted = vec![false; toks.len()];
    for &(start, end) in &sentence_spans {
        for (a, b) in quotations(text, start, end) {
            quoted[overlapping(&toks, a, b)].fill(true);
        }
    }
    let n = toks.len();
    let word = |i: isize| -> &str {
        if i < 0 || i as usize >= n {
            "<>"
        } else {
            &lower[i as usize]
        }
    };
    let first: Vec<bool> = (0..n)
        .map(|i| i == 0 || sentence_of[i] != sentence_of[i - 1])
        .collect();
    // Nearest reporting-verb form, and nearest attitude word, before and
    // after each word within its sentence.
    let (cue_before, cue_after) =
        nearest(&cue.iter().map(Option::is_some).collect::<Vec<_>>(), &first);
    let attitude: Vec<bool> = lower.iter().map(|w| is_attitude(w)).collect();
    let (att_before, att_after) = nearest(&attitude, &first);
    // Sentence-wide: a title-case headline, a quotation, a rule quote.
    let mut headline = vec![false; n];
    let mut has_quote = vec![false; n];
    let mut has_rule = vec![false; n];
    for (i, j) in sentence_ranges(&first) {
        let words: Vec<usize> = (i..j)
            .filter(|&k| shape(&text[toks[k].start..toks[k].end]) != "p")
            .collect();
        let capitalised = words
            .iter()
            .filter(|&&k| matches!(shape(&text[toks[k].start..toks[k].end]), "Xx" | "XX"))
            .count();
        let is_headline = words.len() >= 4 && capitalised * 10 >= words.len() * 7;
        let quote = quoted[i..j].iter().any(|&q| q);
        let rule_quote = rule[i..j].iter().any(|&r| r != "o");
        headline[i..j].fill(is_headline);
        has_quote[i..j].fill(quote);
        has_rule[i..j].fill(rule_quote);
    }
    let mut features = Vec::with_capacity(n);
    let mut keys = Vec::with_capacity(n);
    let mut sentence_start = 0;
    for i in 0..n {
        let at = i as isize;
        let w = word(at);
        let first_in_sentence = i == 0 || sentence_of[i] != sentence_of[i - 1];
        if first_in_sentence {
            sentence_start = i;
        }
        let position = i - sentence_start;
        let original = &text[toks[i].start..toks[i].end];
        let rule_prev = if i > 0 { rule[i - 1] } else { "<>" };
        let rule_next = if i + 1 < n { rule[i + 1] } else { "<>" };
        let shape_at = |k: isize| {
            if k < 0 || k as usize >= n {
                "<>"
            } else {
                shape(&text[toks[k as usize].start..toks[k as usize].end])
            }
        };
        let near_cue = |d: Option<usize>, ahead: bool| match d {
            Some(d @ 1..=3) => cue[if ahead { i + d } else { i - d }].unwrap_or("-"),
            _ => "-",
        };
        let yes = |b: bool| if b { "1" } else { "0" };
        let (w1, w_1, w2, w_2) = (word(at + 1), word(at - 1), word(at + 2), word(at - 2));
        let (suf2, suf3, suf4) = (last_chars(w, 2), last_chars(w, 3), last_chars(w, 4));
        let (ca, cb) = (bin(cue_after[i]), bin(cue_before[i]));
        let (aa, ab) = (bin(att_after[i]), bin(att_before[i]));
        let templates: [&[&str]; 45] = [
            &[],
            &[w],
            &[w_1],
            &[w1],
            &[w_2],
            &[w2],
            &[w_1, w],
            &[w, w1],
            &[suf3],
            &[shape(original)],
            &[shape_at(at - 1), w],
            &[cue[i].unwrap_or("-")],
            &[cb],
            &[ca],
            &[cb, ca],
            &[ca, w],
            &[rule[i]],
            &[rule_prev, rule[i], rule_next],
            &[rule[i], w],
            &[yes(quoted[i])],
            &[yes(first_in_sentence)],
            &[POSITIONS[position.min(6)]],
            &[stem(w)],
            &[yes(attitude[i])],
            &[ab],
            &[aa],
            &[ab, aa],
            &[aa, shape(original)],
            &[yes(headline[i]), yes(has_quote[i]), yes(has_rule[i])],
            &[yes(headline[i]), w],
            &[word(at - 3)],
            &[word(at + 3)],
            &[w_2, w_1],
            &[w1, w2],
            &[suf2],
            &[suf4],
            &[first_chars(w, 3)],
            &[w_1, suf2],
            &[shape_at(at - 1), suf2],
            &[w_1, w1],
            &[yes(PRONOUNS.contains(&w))],
            &[shape_at(at + 1)],
            &[near_cue(cue_after[i], true)],
            &[near_cue(cue_before[i], false)],
            &[yes(cue[i].is_some()), yes(attitude[i]), rule[i]],
        ];
        features.push(
            templates
                .iter()
                .enumerate()
                .map(|(t, parts)| feature(t as u8, parts))
                .collect(),
        );
        keys.push([
            fnv(1, w.as_bytes()),
            fnv(2, rule[i].as_bytes()),
            fnv(
                fnv(3, bin(cue_after[i]).as_bytes()),
                yes(quoted[i]).as_bytes(),
            ),
        ]);
    }
    Prepared {
        tokens: toks,
        features,
        keys,
        sentence_first: first,
    }
}

impl Prepared {
    /// Word index ranges of the sentences.
    fn sentence_ranges(&self) -> Vec<(usize, usize)> {
        sentence_ranges(&self.sentence_first)
    }

    /// Adds the first stage's tags as features for the second: each word's
    /// own tag and its neighbours', and how far the nearest cue the first
    /// stage found lies before and after it in its sentence.
    pub fn add_hints(&mut self, hints: &[Tag]) {
        let n = self.tokens.len();
        let cues: Vec<bool> = hints.iter().map(|&t| t == Tag::CueBegin).collect();
        let (before, after) = nearest(&cues, &self.sentence_first);
        let tag = |i: isize| -> u8 {
            if i < 0 || i as usize >= n {
                9
            } else {
                hints[i as usize] as u8
            }
        };
        for i in 0..n {
            let at = i as isize;
            let h = [tag(at - 1), tag(at), tag(at + 1)];
            let extra = [
                fnv(20, &[h[1]]),
                fnv(21, &h),
                fnv(22, bin(after[i]).as_bytes()),
                fnv(23, bin(before[i]).as_bytes()),
                fnv(
                    24,
                    format!("{}|{}", bin(before[i]), bin(after[i])).as_bytes(),
                ),
                fnv(self.keys[i][0] ^ 25, bin(after[i]).as_bytes()),
                fnv(self.keys[i][0] ^ 26, &[h[1]]),
            ];
            self.features[i].extend(extra.into_iter().map(slot));
        }
    }
}

/// The features that depend on the tag before a word.
fn tag_features(prepared: &Prepared, i: usize, previous: Tag, out: &mut Vec<u32>) {
    out.clear();
    let p = previous as u8;
    out.push(slot(fnv(10, &[p])));
    for (k, key) in prepared.keys[i].iter().enumerate() {
        out.push(slot(fnv(*key, &[p, k as u8])));
    }
}

/// Feature weights: one row of `TAGS` weights per hashed slot.
#[derive(Clone)]
pub struct Model {
    weights: Vec<[f32; TAGS]>,
}

impl Model {
    fn empty() -> Model {
        Model {
            weights: vec![[0.0; TAGS]; SLOTS],
        }
    }

    fn scores(&self, statics: &[u32], dynamics: &[u32]) -> [f32; TAGS] {
        let mut s = [0.0f32; TAGS];
        for &f in statics.iter().chain(dynamics) {
            let row = &self.weights[f as usize];
            for t in 0..TAGS {
                s[t] += row[t];
            }
        }
        s
    }

    /// The best tag sequence of each sentence (Viterbi over the previous tag).
    pub fn tag(&self, prepared: &Prepared) -> Vec<Tag> {
        let mut tags = Vec::with_capacity(prepared.len());
        for (a, b) in prepared.sentence_ranges() {
            tags.extend(self.viterbi(prepared, a, b));
        }
        tags
    }

    fn viterbi(&self, prepared: &Prepared, a: usize, b: usize) -> Vec<Tag> {
        let n = b - a;
        if n == 0 {
            return Vec::new();
        }
        let mut score = vec![[f32::NEG_INFINITY; TAGS]; n];
        let mut back = vec![[0u8; TAGS]; n];
        let mut dynamics = Vec::new();
        for k in 0..n {
            let i = a + k;
            let statics = self.scores(&prepared.features[i], &[]);
            for p in 0..TAGS {
                let before = if k == 0 {
                    if p != 0 {
                        continue;
                    }
                    0.0
                } else {
                    score[k - 1][p]
                };
                if before == f32::NEG_INFINITY {
                    continue;
                }
                let previous = Tag::from_index(p);
                tag_features(prepared, i, previous, &mut dynamics);
                let d = self.scores(&[], &dynamics);
                for t in 0..TAGS {
                    if !Tag::from_index(t).may_follow(previous) {
                        continue;
                    }
                    let s = before + statics[t] + d[t];
                    if s > score[k][t] {
                        score[k][t] = s;
                        back[k][t] = p as u8;
                    }
                }
            }
        }
        let mut t = (0..TAGS)
            .max_by(|&x, &y| score[n - 1][x].total_cmp(&score[n - 1][y]))
            .unwrap_or(0);
        let mut out = vec![Tag::Outside; n];
        for k in (0..n).rev() {
            out[k] = Tag::from_index(t);
            t = back[k][t] as usize;
        }
        out
    }

    /// The model as bytes: a header (`PXAT2`, the slot bits, the scale as
    /// an f32), then every slot's `TAGS` weights as i16 multiples of the
    /// scale, little-endian. The scale maps the largest weight to 32767:
    /// averaged perceptron weights are small, so a fixed unit would round
    /// most of them to zero.
    pub fn to_bytes(&self) -> Vec<u8> {
        let largest = self
            .weights
            .iter()
            .flatten()
            .fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if largest > 0.0 {
            largest / 32767.0
        } else {
            1.0
        };
        let mut out = b"PXAT2".to_vec();
        out.extend_from_slice(&BITS.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for w in self.weights.iter().flatten() {
            let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
            out.extend_from_slice(&q.to_le_bytes());
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Option<Model> {
        let rest = bytes.strip_prefix(b"PXAT2")?;
        let bits = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
        let scale = f32::from_le_bytes(rest.get(4..8)?.try_into().ok()?);
        let body = rest.get(8..)?;
        if bits != BITS || !scale.is_finite() || body.len() != SLOTS * TAGS * 2 {
            return None;
        }
        let mut model = Model::empty();
        for (w, pair) in model.weights.iter_mut().flatten().zip(body.chunks_exact(2)) {
            *w = f32::from(i16::from_le_bytes([pair[0], pair[1]])) * scale;
        }
        Some(model)
    }
}

/// One training article: its prepared words and their gold tags.
pub struct Example {
    /// The article read for tagging.
    pub prepared: Prepared,
    /// One gold tag per word.
    pub tags: Vec<Tag>,
}

impl Example {
    /// Gold tags from annotated byte spans: a word belongs to a span when it
    /// lies inside it; the first such word of each span begins it.
    pub fn new(text: &str, spans: &[Span]) -> Example {
        let prepared = prepare(text);
        let mut tags = vec![Tag::Outside; prepared.len()];
        for &(part, a, b) in spans {
            let mut first = true;
            for (i, t) in prepared.tokens.iter().enumerate() {
                if t.start >= a && t.end <= b {
                    tags[i] = if first { part.begin() } else { part.inside() };
                    first = false;
                }
            }
        }
        Example { prepared, tags }
    }
}

/// Trains a model with the structured averaged perceptron, reading the
/// sentences in an order shuffled per epoch by a seeded generator (the same
/// data gives the same model, byte for byte).
pub fn train(examples: &[Example], epochs: usize) -> Model {
    train_refs(&examples.iter().collect::<Vec<_>>(), epochs)
}

/// Each sentence is decoded with Viterbi, and the weights move toward the
/// gold sequence where the two differ.
fn train_refs(examples: &[&Example], epochs: usize) -> Model {
    let mut model = Model::empty();
    let mut totals = vec![[0.0f64; TAGS]; SLOTS];
    let mut stamps = vec![[0u64; TAGS]; SLOTS];
    let mut clock: u64 = 1;
    let mut units: Vec<(usize, usize, usize)> = Vec::new();
    for (e, example) in examples.iter().enumerate() {
        for (a, b) in example.prepared.sentence_ranges() {
            units.push((e, a, b));
        }
    }
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut dynamics = Vec::new();
    let mut update = |model: &mut Model, f: u32, t: usize, delta: f32, clock: u64| {
        let f = f as usize;
        let w = model.weights[f][t];
        totals[f][t] += f64::from(w) * (clock - stamps[f][t]) as f64;
        stamps[f][t] = clock;
        model.weights[f][t] = w + delta;
    };
    for _ in 0..epochs {
        for i in (1..units.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            units.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &(e, a, b) in &units {
            let example = examples[e];
            let p = &example.prepared;
            let guess = model.viterbi(p, a, b);
            let gold = &example.tags[a..b];
            if guess.as_slice() != gold {
                for k in 0..(b - a) {
                    let (g, y) = (gold[k], guess[k]);
                    let gp = if k > 0 { gold[k - 1] } else { Tag::Outside };
                    let yp = if k > 0 { guess[k - 1] } else { Tag::Outside };
                    if g == y && gp == yp {
                        continue;
                    }
                    if g != y {
                        for &f in &p.features[a + k] {
                            update(&mut model, f, g as usize, 1.0, clock);
                            update(&mut model, f, y as usize, -1.0, clock);
                        }
                    }
                    tag_features(p, a + k, gp, &mut dynamics);
                    for &f in &dynamics {
                        update(&mut model, f, g as usize, 1.0, clock);
                    }
                    tag_features(p, a + k, yp, &mut dynamics);
                    for &f in &dynamics {
                        update(&mut model, f, y as usize, -1.0, clock);
                    }
                }
            }
            clock += 1;
        }
    }
    for (f, row) in model.weights.iter_mut().enumerate() {
        for (t, w) in row.iter_mut().enumerate() {
            let total = totals[f][t] + f64::from(*w) * (clock - stamps[f][t]) as f64;
            *w = (total / clock as f64) as f32;
        }
    }
    model
}

/// Two models: the first tags from the words and the rules; the second
/// reads the first's tags too (stacking), so a cue the first learned to see
/// ("liked", "voiced his disapproval") tells the second where a source is.
#[derive(Clone)]
pub struct Tagger {
    first: Model,
    second: Model,
}

impl Tagger {
    /// Tags an article's words.
    pub fn tag(&self, text: &str) -> (Prepared, Vec<Tag>) {
        self.tag_with(text, &annotate_quotes(text))
    }

    /// [`Tagger::tag`] with the rules' quotes of the text already found.
    fn tag_with(&self, text: &str, rules: &[Quote]) -> (Prepared, Vec<Tag>) {
        let mut prepared = prepare_with(text, rules);
        let hints = self.first.tag(&prepared);
        prepared.add_hints(&hints);
        let tags = self.second.tag(&prepared);
        (prepared, tags)
    }

    /// Both models as bytes, first then second, each with its length.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for model in [&self.first, &self.second] {
            let bytes = model.to_bytes();
            out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            out.extend_from_slice(&bytes);
        }
        out
    }

    /// Reads a tagger written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Option<Tagger> {
        let mut models = Vec::new();
        let mut rest = bytes;
        for _ in 0..2 {
            let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
            models.push(Model::from_bytes(rest.get(4..4 + len)?)?);
            rest = &rest[4 + len..];
        }
        let second = models.pop()?;
        let first = models.pop()?;
        Some(Tagger { first, second })
    }
}

/// The tagger parallax ships, trained on PolNeAR's train split by
/// `crates/parallax-eval/examples/train_attribution.rs` (deterministic; `parallax
/// eval annotate` checks it against a retraining).
pub fn shipped() -> Option<&'static Tagger> {
    static SHIPPED: std::sync::LazyLock<Option<Tagger>> =
        std::sync::LazyLock::new(|| Tagger::from_bytes(SHIPPED_BYTES));
    SHIPPED.as_ref()
}

/// The bytes of the shipped model.
pub fn shipped_bytes() -> &'static [u8] {
    SHIPPED_BYTES
}

static SHIPPED_BYTES: &[u8] = include_bytes!("../data/attribution.model");

impl Tagger {
    /// The quotes of `text`: the rules' quotes, then the tagger's
    /// attributions whose source and cue touch none of the rules' spans.
    ///
    /// 5-fold cross-validation on PolNeAR train (source F1): the rules alone
    /// 0.658, this 0.704, the tagger's quotes alone 0.738, the tagger's
    /// first and then the rule quotes it agrees with 0.736. The rules are
    /// kept first anyway: they are the speech reading the report and the
    /// event coder were built and tested on (the seeds' quotes and
    /// speakers), and the tagger's reading of those same sentences differs
    /// in ways not yet checked one by one.
    pub fn merge(&self, text: &str, rules: Vec<Quote>) -> Vec<Quote> {
        let (prepared, tags) = self.tag_with(text, &rules);
        let found = spans(&prepared, &tags);
        let taken: Vec<TextRange> = rules
            .iter()
            .flat_map(|q| [Some(q.cue), q.source, Some(q.content)])
            .flatten()
            .collect();
        let free = |r: TextRange| {
            !taken
                .iter()
                .any(|t| t.start() < r.end() && r.start() < t.end())
        };
        let mut out = rules;
        out.extend(
            Tagger::quotes_from(text, &found)
                .into_iter()
                .filter(|q| free(q.cue) && q.source.is_none_or(free)),
        );
        out.sort_by_key(|q| q.cue.start());
        out
    }

    /// Quotes from tagged spans: each source with its cue (the nearest
    /// after it in its sentence, else one right before it), and each cue
    /// left over with the source of the cue before it in the sentence ("X
    /// warned that …, saying …"); the content is the nearest after the cue,
    /// else before it, else the next sentence's, else the rest of the
    /// sentence.
    fn quotes_from(text: &str, found: &[Span]) -> Vec<Quote> {
        let sentences = sentences(text);
        let sentence_of = |at: usize| sentences.partition_point(|&(_, end)| end <= at);
        // Spans come in text order: each sentence's are one run of `found`,
        // split by part. All searches below are binary, so a huge sentence
        // costs n log n, not n².
        let mut by_sentence: Vec<[Vec<Span>; 3]> = vec![Default::default(); sentences.len() + 1];
        for &span in found {
            let here = sentence_of(span.1).min(sentences.len());
            let k = match span.0 {
                Part::Source => 0,
                Part::Cue => 1,
                Part::Content => 2,
            };
            by_sentence[here][k].push(span);
        }
        let mut pairs: Vec<(Span, Span)> = Vec::new();
        for [sources, cues, _] in &by_sentence {
            let mut sources_of: Vec<Vec<Span>> = vec![Vec::new(); cues.len()];
            for source in sources {
                let after = cues.partition_point(|c| c.1 < source.2);
                let right_before = after.checked_sub(1).filter(|&i| {
                    let c = cues[i];
                    c.2 <= source.1
                        && text[c.2..source.1]
                            .chars()
                            .all(|ch| ch.is_whitespace() || ch == ',')
                });
                // "…," said X: a cue with nothing but spaces before its
                // source is the inverted order and wins over any cue later
                // on ("was announced, many media …" is not).
                let inverted = right_before
                    .filter(|&i| text[cues[i].2..source.1].chars().all(char::is_whitespace));
                let Some(i) = inverted
                    .or((after < cues.len()).then_some(after))
                    .or(right_before)
                else {
                    continue;
                };
                sources_of[i].push(*source);
            }
            // A cue no source chose takes the last source of the cue before.
            let mut last: Option<Span> = None;
            for (cue, sources) in cues.iter().zip(&sources_of) {
                if sources.is_empty() {
                    if let Some(source) = last {
                        pairs.push((source, *cue));
                    }
                    continue;
                }
                pairs.extend(sources.iter().map(|&source| (source, *cue)));
                last = sources.last().copied();
            }
        }
        let mut out = Vec::new();
        for (source, cue) in pairs {
            let here = sentence_of(cue.1);
            let Some(&(sentence_start, sentence_end)) = sentences.get(here) else {
                continue;
            };
            let contents = &by_sentence[here][2];
            let after = contents.partition_point(|c| c.1 < cue.2);
            let rest = text[cue.2..sentence_end].trim_end_matches(['.', ' ', '\n']);
            let rest_start = cue.2 + (rest.len() - rest.trim_start().len());
            let before = after
                .checked_sub(1)
                .map(|i| &contents[i])
                .filter(|c| c.2 <= cue.1);
            // "“…,” said X": the inverted order's words come before the cue.
            let inverted = source.1 >= cue.2;
            let content = before
                .filter(|_| inverted)
                .or_else(|| contents.get(after))
                .or(before)
                .or_else(|| by_sentence.get(here + 1).and_then(|s| s[2].first()))
                .copied()
                .or_else(|| {
                    (rest.trim().len() > 1).then_some((
                        Part::Content,
                        rest_start,
                        cue.2 + rest.len(),
                    ))
                });
            let Some(content) = content else { continue };
            let inside_marks = quotations(text, sentence_start, sentence_end)
                .iter()
                .any(|&(a, b)| a <= content.1 + 1 && content.2 <= b + 1);
            // The cue as the report lists it: its reporting verb when it has
            // one ("has recently stressed" → "stressed").
            let cue = narrow_cue(text, cue);
            let cue_text = &text[cue.1..cue.2];
            out.push(Quote {
                content: TextRange::from_usize(content.1, content.2),
                cue: TextRange::from_usize(cue.1, cue.2),
                source: Some(TextRange::from_usize(source.1, source.2)),
                speaker: None,
                // A cue with no reporting verb ("decided", "prefer", "is
                // confident") reports an attitude, not words.
                kind: if cue_text.eq_ignore_ascii_case("according to") {
                    QuoteKind::AccordingTo
                } else if !cue_is_speech(cue_text) {
                    QuoteKind::Attitude
                } else if inside_marks {
                    QuoteKind::Direct
                } else {
                    QuoteKind::Indirect
                },
                stance: cue_stance(cue_text),
                rule: "learned-attribution",
            });
        }
        out
    }
}

/// The first reporting-verb form inside a cue span, else the span.
fn narrow_cue(text: &str, cue: Span) -> Span {
    cue_verb(&text[cue.1..cue.2]).map_or(cue, |(a, b, _)| (cue.0, cue.1 + a, cue.1 + b))
}

/// Trains both stages. The second stage learns from first-stage tags that
/// were made by models which did not see the article (`folds`-fold
/// jackknife), as they will be on new text.
pub fn train_tagger(texts: &[Annotated<'_>], epochs: usize, folds: usize) -> Tagger {
    let mut examples: Vec<Example> = texts.iter().map(|(t, s)| Example::new(t, s)).collect();
    let first = train(&examples, epochs);
    let folds = folds.max(2);
    let mut hints: Vec<Vec<Tag>> = vec![Vec::new(); examples.len()];
    for fold in 0..folds {
        let (held, kept): (Vec<usize>, Vec<usize>) =
            (0..examples.len()).partition(|i| i % folds == fold);
        let kept_examples: Vec<&Example> = kept.iter().map(|&i| &examples[i]).collect();
        let model = train_refs(&kept_examples, epochs);
        for i in held {
            hints[i] = model.tag(&examples[i].prepared);
        }
    }
    for (example, hint) in examples.iter_mut().zip(&hints) {
        example.prepared.add_hints(hint);
    }
    let second = train(&examples, epochs);
    Tagger { first, second }
}

/// Spans of consecutive words with one part, from a tag sequence.
pub fn spans(prepared: &Prepared, tags: &[Tag]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for (t, &tag) in prepared.tokens.iter().zip(tags) {
        let Some(part) = tag.part() else { continue };
        match out.last_mut() {
            Some(last) if tag == part.inside() && last.0 == part => last.2 = t.end,
            _ => out.push((part, t.start, t.end)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Invented sentences: who believes, says or wants what. Each gives its
    /// text and the (part, phrase) spans in order of appearance.
    fn corpus() -> Vec<(String, Vec<Span>)> {
        let names = [
            "Ana Ruiz",
            "Tom Bell",
            "The mayor",
            "Several voters",
            "She",
            "Lee Park",
        ];
        let cues = ["said", "believes", "argued", "fears", "hopes"];
        let contents = [
            "the bridge will open in May",
            "taxes are too high",
            "the council ignored the report",
            "prices will fall",
        ];
        let mut out = Vec::new();
        for (n, name) in names.iter().enumerate() {
            let mut text = String::new();
            let mut spans = Vec::new();
            for (c, cue) in cues.iter().enumerate() {
                let content = contents[(n + c) % contents.len()];
                let start = text.len();
                text.push_str(name);
                spans.push((Part::Source, start, text.len()));
                text.push(' ');
                let cue_start = text.len();
                text.push_str(cue);
                spans.push((Part::Cue, cue_start, text.len()));
                text.push_str(" that ");
                let content_start = text.len();
                text.push_str(content);
                spans.push((Part::Content, content_start, text.len()));
                text.push_str(". The weather was mild. ");
            }
            out.push((text, spans));
        }
        out
    }

    fn trained() -> Tagger {
        let corpus = corpus();
        let texts: Vec<Annotated<'_>> = corpus
            .iter()
            .map(|(t, s)| (t.as_str(), s.as_slice()))
            .collect();
        train_tagger(&texts, 5, 3)
    }

    fn parts(text: &str, tagger: &Tagger) -> Vec<(Part, String)> {
        let (prepared, tags) = tagger.tag(text);
        spans(&prepared, &tags)
            .into_iter()
            .map(|(part, a, b)| (part, text[a..b].to_string()))
            .collect()
    }

    #[test]
    fn learns_sources_cues_and_contents_of_unseen_names() {
        let tagger = trained();
        let found = parts(
            "Mia Chen believes that the ferry will close. The weather was mild.",
            &tagger,
        );
        assert_eq!(
            found,
            vec![
                (Part::Source, "Mia Chen".to_string()),
                (Part::Cue, "believes".to_string()),
                (Part::Content, "the ferry will close".to_string()),
            ]
        );
        // A sentence with no attribution stays untagged.
        assert!(parts("The weather was mild.", &tagger).is_empty());
    }

    #[test]
    fn a_model_read_back_from_bytes_tags_alike() {
        let tagger = trained();
        let bytes = tagger.to_bytes();
        let read = Tagger::from_bytes(&bytes).expect("model reads back");
        let text = "Tom Bell fears that the council ignored the report.";
        assert_eq!(parts(text, &tagger), parts(text, &read));
        // Training is deterministic: the same data, the same bytes.
        assert_eq!(trained().to_bytes(), bytes);
        // Truncated or foreign bytes are refused, not misread.
        assert!(Tagger::from_bytes(&bytes[..bytes.len() / 2]).is_none());
        assert!(Tagger::from_bytes(b"not a model").is_none());
    }

    /// The tagged spans of `words` in `text`, each with its part.
    fn spans_of(text: &str, words: &[(Part, &str)]) -> Vec<Span> {
        words
            .iter()
            .map(|&(part, w)| {
                let at = text.find(w).expect("word in text");
                (part, at, at + w.len())
            })
            .collect()
    }

    fn quotes_read(text: &str, words: &[(Part, &str)]) -> Vec<(String, String, String)> {
        Tagger::quotes_from(text, &spans_of(text, words))
            .iter()
            .map(|q| {
                let source = q.source.map_or("", |s| s.slice(text)).to_string();
                (
                    source,
                    q.cue.slice(text).to_string(),
                    q.content.slice(text).to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn inverted_order_takes_the_cue_and_words_before_the_source() {
        let text = "\u{201c}The plan will fail,\u{201d} said Jane Roe when asked about it.";
        let found = quotes_read(
            text,
            &[
                (Part::Content, "\u{201c}The plan will fail,\u{201d}"),
                (Part::Cue, "said"),
                (Part::Source, "Jane Roe"),
                (Part::Cue, "asked about"),
                (Part::Content, "it"),
            ],
        );
        let quote = |s: &str, c: &str, t: &str| (s.to_string(), c.to_string(), t.to_string());
        assert_eq!(
            found[0],
            quote("Jane Roe", "said", "\u{201c}The plan will fail,\u{201d}")
        );
        // A comma before the source is not the inverted order: the source
        // keeps the cue after it.
        let text = "When the news was announced, many outlets reported the vote.";
        let found = quotes_read(
            text,
            &[
                (Part::Cue, "announced"),
                (Part::Source, "many outlets"),
                (Part::Cue, "reported"),
                (Part::Content, "the vote"),
            ],
        );
        assert_eq!(found, vec![quote("many outlets", "reported", "the vote")]);
    }

    #[test]
    fn inside_tags_only_continue_their_own_part() {
        assert!(Tag::SourceInside.may_follow(Tag::SourceBegin));
        assert!(!Tag::SourceInside.may_follow(Tag::CueBegin));
        assert!(!Tag::ContentInside.may_follow(Tag::Outside));
        assert!(Tag::CueBegin.may_follow(Tag::SourceInside));
    }
}
