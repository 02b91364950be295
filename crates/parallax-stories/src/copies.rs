//! Copy lineage inside a story: which articles copy each other (verbatim or
//! edited), which carry a wire's copy, which re-publish another outlet's
//! text, and which cite an agency, each edge with its evidence. Independent
//! origins are the connected components of these edges.
//!
//! Texts that share a passage are found by MinHash LSH over overlapping
//! passages of word 5-gram shingles, so the cost stays near linear
//! in the number of texts, whether one story or a whole store is given; no
//! all-pairs scan. Each candidate pair is then measured exactly: the
//! containment of shingles, the share of the shorter article's shingles
//! that the longer one holds, and the longest passage they share word for
//! word, which the edge points at.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::LazyLock;

use parallax_core::PartialDate;

/// What the copy stage reads of an article.
#[derive(Debug, Clone)]
pub struct CopyDoc<'a> {
    /// The article's id.
    pub id: &'a str,
    /// Its main text.
    pub text: &'a str,
    /// The wire it credits ("Yonhap"), as extraction found it.
    pub wire: Option<&'a str>,
    /// What extraction removed from the page (credit lines such as
    /// "Source: Breitbart" are there).
    pub removed: &'a str,
    /// Its publication date, for the direction of a copy.
    pub date: Option<PartialDate>,
}

/// Where a copied text comes from: another article of the story, or a
/// source outside it (a wire, an agency, an outlet).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// An article of the story, by id.
    Article(String),
    /// A wire, agency or outlet, by its usual name ("KCNA", "Breitbart").
    Source(String),
}

/// How one text depends on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CopyKind {
    /// Nearly the same text (containment ≥ 0.9).
    Verbatim,
    /// Much of the same text, edited (containment ≥ 0.4).
    Edited,
    /// The same sentences in the same order in other words: a rewrite or
    /// a re-translation (most sentences share most of their words, too few
    /// word sequences for an edited copy).
    Reworded,
    /// The article carries a wire's copy (its credit).
    Wire,
    /// The article re-publishes another outlet's text ("Source: X").
    Republished,
    /// The article cites an agency for what it reports ("according to KCNA").
    Citation,
}

impl CopyKind {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            CopyKind::Verbatim => "verbatim",
            CopyKind::Edited => "edited",
            CopyKind::Reworded => "reworded",
            CopyKind::Wire => "wire",
            CopyKind::Republished => "republished",
            CopyKind::Citation => "citation",
        }
    }
}

/// One dependency, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyEdge {
    /// Where the text comes from.
    pub from: Origin,
    /// The article that depends on it.
    pub to: String,
    /// How.
    pub kind: CopyKind,
    /// The words that show it: a byte range in the article's text (or in
    /// its removed text for a credit line), and a note.
    pub span: Option<(usize, usize)>,
    /// What the evidence is ("containment 0.93 of 412 shingles", "(Yonhap)").
    pub note: String,
}

/// News agencies and their other names, as the text writes them.
const AGENCIES: &[(&str, &[&str])] = &[
    ("KCNA", &["KCNA", "Korean Central News Agency"]),
    ("Yonhap", &["Yonhap"]),
    ("TASS", &["TASS", "ITAR-TASS"]),
    ("RIA Novosti", &["RIA Novosti", "RIA"]),
    ("Interfax", &["Interfax"]),
    ("Xinhua", &["Xinhua"]),
    ("Kyodo", &["Kyodo"]),
    ("AP", &["AP", "Associated Press"]),
    ("Reuters", &["Reuters"]),
    ("AFP", &["AFP", "Agence France-Presse"]),
    ("dpa", &["dpa"]),
    ("EFE", &["EFE"]),
    ("ANSA", &["ANSA"]),
    ("Anadolu", &["Anadolu", "Anadolu Agency"]),
    ("IRNA", &["IRNA"]),
    ("SANA", &["SANA"]),
    ("Ukrinform", &["Ukrinform"]),
    ("UNIAN", &["UNIAN"]),
    ("Rodong Sinmun", &["Rodong Sinmun"]),
    ("PTI", &["PTI", "Press Trust of India"]),
    ("Bernama", &["Bernama"]),
    ("Antara", &["Antara"]),
    ("UPI", &["UPI", "United Press International"]),
];

/// "according to KCNA", "KCNA reported", "the Korean Central News Agency
/// (KCNA) said", "state news agency KCNA".
static CITATION: LazyLock<regex::Regex> = LazyLock::new(|| {
    let names: Vec<String> = AGENCIES
        .iter()
        .flat_map(|(_, names)| names.iter().map(|n| regex::escape(n)))
        .collect();
    let names = names.join("|");
    regex::Regex::new(&format!(
        r"(?:\b(?:according to|cited by|quoted by|reported by|told|via|carried by|published by)\s+(?:the\s+)?(?:(?:state|official|state-run|state-owned)\s+)?(?:news\s+agency\s+)?(?P<a>{names})\b|\b(?:news agency|agency)\s+(?P<b>{names})\b|\b(?P<c>{names})(?:\s+\([A-Z]{{2,6}}\))?\s+(?:news agency\s+)?(?:reported|said|quoted|cited|announced|carried))"
    ))
    .expect("valid regex")
});

/// "(Yonhap)", "(AP) —": a wire's credit in the text.
static WIRE_CREDIT: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"\((?P<w>[A-Z][A-Za-z\-]{1,20})\)").expect("valid regex"));

/// "Source: Breitbart": a re-publication credit line.
static SOURCE_LINE: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"(?m)^\s*(?:Source|Originally published (?:by|on|in)|This article (?:first |originally )?appeared (?:on|in))\s*:?\s*(?P<s>[^\n|]{2,60}?)\s*$")
        .expect("valid regex")
});

/// The usual name of an agency named in any of its forms.
fn agency(name: &str) -> Option<&'static str> {
    AGENCIES
        .iter()
        .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(name)))
        .map(|(canonical, _)| *canonical)
}

/// Words per shingle.
const SHINGLE: usize = 5;
/// Shingles per LSH passage, and the step between passages: a passage
/// shared by two texts at any offset overlaps one of the other's passages
/// by at least three quarters of the step.
const PASSAGE: usize = 40;
const STEP: usize = 20;
/// MinHash bands × rows: 32 × 3 hashes make a passage pair with Jaccard
/// 0.5 a candidate with probability 0.986, 0.3 with 0.58, 0.1 with 0.03.
const BANDS: usize = 32;
const ROWS: usize = 3;
/// A passage found in more texts than this (a wire story a hundred outlets
/// carry, page furniture the extractor kept) is paired only with the first
/// of them: the texts still meet, through those, in a star rather than in
/// every pair, and the cost stays linear.
const CROWD: usize = 32;
/// The same for a sentence alike in many texts (a stock phrase).
const SENTENCE_CROWD: usize = 8;

/// A text's word 5-gram shingles in text order, hashed, with the byte
/// range of each word: what copy detection compares.
pub struct Shingles {
    /// The shingle starting at each word (the last four words start none).
    sequence: Vec<u64>,
    set: HashSet<u64>,
    words: Vec<(usize, usize)>,
}

impl Shingles {
    /// Shingles the text (words: runs of non-space characters, lowercased,
    /// punctuation dropped).
    pub fn new(text: &str) -> Shingles {
        let mut words = Vec::new();
        let mut normal = Vec::new();
        for piece in text.split_whitespace() {
            // split_whitespace yields sub-slices of `text`.
            let start = piece.as_ptr() as usize - text.as_ptr() as usize;
            let end = start + piece.len();
            let word: String = piece
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            if !word.is_empty() {
                words.push((start, end));
                normal.push(word);
            }
        }
        let sequence: Vec<u64> = normal
            .windows(SHINGLE)
            .map(|window| {
                use std::hash::{Hash, Hasher};
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                window.hash(&mut hasher);
                hasher.finish()
            })
            .collect();
        let set = sequence.iter().copied().collect();
        Shingles {
            sequence,
            set,
            words,
        }
    }

    /// The share of the smaller text's shingles that the other holds:
    /// 1.0 for a text copied whole into the other.
    pub fn containment(&self, other: &Shingles) -> f64 {
        let (small, large) = if self.set.len() <= other.set.len() {
            (self, other)
        } else {
            (other, self)
        };
        if small.set.is_empty() {
            return 0.0;
        }
        small.set.intersection(&large.set).count() as f64 / small.set.len() as f64
    }

    /// How many distinct shingles the text has.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// Whether the text has no shingle (fewer than five words).
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// The overlapping passages the LSH index holds.
    fn passages(&self) -> impl Iterator<Item = &[u64]> {
        let n = self.sequence.len();
        let starts = if n <= PASSAGE {
            0..1
        } else {
            0..(n - PASSAGE).div_ceil(STEP) + 1
        };
        starts.map(move |k| {
            let a = (k * STEP).min(n.saturating_sub(PASSAGE));
            &self.sequence[a..(a + PASSAGE).min(n)]
        })
    }

    /// The longest run of this text's shingles that `other` holds too, as
    /// a byte range of this text and its length in words.
    fn longest_shared(&self, other: &Shingles) -> Option<((usize, usize), usize)> {
        let mut best: Option<(usize, usize)> = None;
        let mut run_start = None;
        for (i, h) in self.sequence.iter().enumerate() {
            if other.set.contains(h) {
                let start = *run_start.get_or_insert(i);
                if best.is_none_or(|(a, b)| i - start > b - a) {
                    best = Some((start, i));
                }
            } else {
                run_start = None;
            }
        }
        let (first, last) = best?;
        let end_word = last + SHINGLE - 1;
        let span = (self.words[first].0, self.words[end_word].1);
        Some((span, end_word - first + 1))
    }
}

/// Pairs of texts that share a passage, found by MinHash LSH over their
/// passages (near linear in the number of texts; no all-pairs scan), in
/// order, each pair once.
fn candidate_pairs(texts: &[Shingles]) -> Vec<(usize, usize)> {
    let mut owner: Vec<usize> = Vec::new();
    let mut items: Vec<&[u64]> = Vec::new();
    for (doc, text) in texts.iter().enumerate() {
        if text.sequence.len() < 10 {
            continue;
        }
        for passage in text.passages() {
            items.push(passage);
            owner.push(doc);
        }
    }
    let mut pairs: Vec<(usize, usize)> = lsh_pairs(&items, BANDS, ROWS, CROWD)
        .into_iter()
        .map(|(a, b)| (owner[a as usize], owner[b as usize]))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| (a.min(b), a.max(b)))
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The MinHash signature of a set of hashed features: per hash function,
/// the least image of the items, high 32 bits. Function k maps x to
/// `a_k · x + b_k` (mod 2^64, `a_k` odd: a bijection; the items are
/// already SipHash values, so this stands for a random permutation), with
/// `a_k`, `b_k` from a fixed SplitMix64 sequence: the same signatures on
/// every run. (Written here rather than taken from gaoya, whose only part
/// we used was this, and which brings rand 0.3 and 0.4 along.)
fn minhash(items: &[u64], functions: &[(u64, u64)], out: &mut Vec<u32>) {
    out.clear();
    out.extend(functions.iter().map(|&(a, b)| {
        let least = items
            .iter()
            .map(|&x| a.wrapping_mul(x).wrapping_add(b))
            .min()
            .unwrap_or(0);
        (least >> 32) as u32
    }));
}

/// `n` hash functions for [`minhash`].
fn minhash_functions(n: usize) -> Vec<(u64, u64)> {
    let mut state: u64 = 0x5eed_0fc0_91e5;
    let mut next = || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    (0..n).map(|_| (next() | 1, next())).collect()
}

/// Pairs of items (sets of hashed features) that agree on every MinHash
/// value of at least one band of `rows`, each pair once, `(lower,
/// higher)`. Each band's keys are sorted and runs of equal keys paired, so
/// the cost is `n log n`; a run longer than `cap` pairs each member only
/// with its first `cap` (a star: they stay connected).
fn lsh_pairs(items: &[&[u64]], bands: usize, rows: usize, cap: usize) -> Vec<(u32, u32)> {
    use std::hash::{Hash, Hasher};
    let functions = minhash_functions(bands * rows);
    // Band keys, item by item: one u32 per band is enough to bucket by
    // (a chance collision only adds a pair that is then measured).
    let mut keys: Vec<u32> = Vec::with_capacity(items.len() * bands);
    let mut signature = Vec::with_capacity(functions.len());
    for item in items {
        minhash(item, &functions, &mut signature);
        for band in signature.chunks(rows) {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            band.hash(&mut h);
            keys.push(h.finish() as u32);
        }
    }
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut column: Vec<(u32, u32)> = Vec::with_capacity(items.len());
    for band in 0..bands {
        column.clear();
        column.extend((0..items.len()).map(|i| (keys[i * bands + band], i as u32)));
        column.sort_unstable();
        for run in column.chunk_by(|a, b| a.0 == b.0) {
            let heads = &run[..run.len().min(cap)];
            for (k, &(_, member)) in run.iter().enumerate() {
                for &(_, head) in &heads[..k.min(heads.len())] {
                    pairs.push((head.min(member), head.max(member)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Words common in any English text, left out of a sentence's words so that
/// two sentences are alike by what they say.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "as", "that", "this", "these", "those", "it", "its", "is", "are", "was", "were", "be",
    "been", "has", "have", "had", "will", "would", "can", "could", "not", "no", "he", "she",
    "they", "his", "her", "their", "we", "our", "you", "i", "which", "who", "whom", "what",
    "there", "also", "than", "then", "so", "if", "into", "about", "after", "over",
];

/// Sentences of at least this many distinct words count in a rewording.
const SENTENCE_WORDS: usize = 6;
/// Two sentences are one reworded when this share of their words (Jaccard)
/// is common.
const ALIKE: f64 = 0.5;
/// A rewording: at least this many alike sentences in the same order, and
/// at least this share of the shorter text's sentences.
const REWORDED_SENTENCES: usize = 4;
const REWORDED_SHARE: f64 = 0.5;
/// Pairs of texts with more alike sentences than this are not searched
/// for a rewording.
const MAX_ALIKE: usize = 2_000;

/// A sentence's byte range and its words (hashed, sorted, each once).
type SentenceWords = ((usize, usize), Vec<u64>);
/// Two alike sentences: the first text's sentence, the second's, and how
/// alike they are.
type Alike = (usize, usize, f64);

/// A text's sentences as sets of their words (hashed, function words
/// left out), with their byte ranges; short sentences are left out.
fn sentence_words(text: &str) -> Vec<SentenceWords> {
    use std::hash::{Hash, Hasher};
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end_of_sentence = match b {
            b'.' | b'!' | b'?' => bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
            b'\n' => true,
            _ => false,
        } || i + 1 == bytes.len();
        if !end_of_sentence {
            continue;
        }
        let sentence = &text[start..=i];
        let mut words: Vec<u64> = sentence
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .filter(|w| !FUNCTION_WORDS.contains(&w.as_str()))
            .map(|w| {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                w.hash(&mut hasher);
                hasher.finish()
            })
            .collect();
        words.sort_unstable();
        words.dedup();
        if words.len() >= SENTENCE_WORDS {
            out.push(((start, i + 1), words));
        }
        start = i + 1;
    }
    out
}

/// Weighted Jaccard similarity of two sorted, deduplicated word lists:
/// the weight of the words they share over the weight of all their words.
fn jaccard(a: &[u64], b: &[u64], weight: impl Fn(u64) -> f64) -> f64 {
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut union) = (0.0, 0.0);
    while i < a.len() || j < b.len() {
        let next = match (a.get(i), b.get(j)) {
            (Some(&x), Some(&y)) if x == y => {
                shared += weight(x);
                i += 1;
                j += 1;
                x
            }
            (Some(&x), Some(&y)) if x < y => {
                i += 1;
                x
            }
            (Some(&x), None) => {
                i += 1;
                x
            }
            (_, Some(&y)) => {
                j += 1;
                y
            }
            (None, None) => break,
        };
        union += weight(next);
    }
    if union > 0.0 { shared / union } else { 0.0 }
}

/// Alike sentences across texts, found by MinHash LSH over each sentence's
/// words and then measured exactly: per pair of texts, the pairs of
/// sentence indices with their similarity.
fn alike_sentences(sentences: &[Vec<SentenceWords>]) -> BTreeMap<(usize, usize), Vec<Alike>> {
    let mut owner: Vec<(usize, usize)> = Vec::new();
    let mut items: Vec<&[u64]> = Vec::new();
    for (doc, list) in sentences.iter().enumerate() {
        for (k, (_, words)) in list.iter().enumerate() {
            items.push(words);
            owner.push((doc, k));
        }
    }
    // A word weighs by how few of the sentences hold it (inverse document
    // frequency over these texts' sentences): the words every sentence of
    // a story or a template shares make no two sentences alike.
    let mut frequency: HashMap<u64, usize> = HashMap::new();
    for words in &items {
        for &w in *words {
            *frequency.entry(w).or_default() += 1;
        }
    }
    let total = owner.len() as f64 + 1.0;
    let weight = |w: u64| (total / frequency.get(&w).copied().unwrap_or(1) as f64).ln();
    let mut out: BTreeMap<(usize, usize), Vec<Alike>> = BTreeMap::new();
    // 16 bands × 3 rows: a sentence pair with word Jaccard 0.8 (one word
    // in eight changed) is a candidate with probability 1.00, 0.5 with
    // 0.88, 0.2 with 0.12.
    for (a, b) in lsh_pairs(&items, 16, 3, SENTENCE_CROWD) {
        let ((doc, k), (other_doc, other_k)) = (owner[a as usize], owner[b as usize]);
        if doc == other_doc {
            continue;
        }
        let similarity = jaccard(items[a as usize], items[b as usize], weight);
        if similarity >= ALIKE {
            // Ids follow text order: `doc` < `other_doc`.
            out.entry((doc, other_doc))
                .or_default()
                .push((k, other_k, similarity));
        }
    }
    out
}

/// The longest chain of alike sentence pairs in the same order in both
/// texts (longest increasing subsequence; pairs sorted by the first text's
/// sentence, then the second's).
fn in_order(mut alike: Vec<Alike>) -> Vec<Alike> {
    alike.sort_by_key(|a| (a.0, a.1));
    // best[k]: the longest chain ending at pair k; back links rebuild it.
    let mut best = vec![1usize; alike.len()];
    let mut back = vec![usize::MAX; alike.len()];
    for k in 0..alike.len() {
        for j in 0..k {
            if alike[j].0 < alike[k].0 && alike[j].1 < alike[k].1 && best[j] + 1 > best[k] {
                best[k] = best[j] + 1;
                back[k] = j;
            }
        }
    }
    let Some(mut k) = (0..alike.len()).max_by_key(|&k| (best[k], usize::MAX - k)) else {
        return Vec::new();
    };
    let mut chain = vec![alike[k]];
    while back[k] != usize::MAX {
        k = back[k];
        chain.push(alike[k]);
    }
    chain.reverse();
    chain
}

/// The dependencies among a story's articles and on outside sources.
pub fn copy_edges(docs: &[CopyDoc<'_>]) -> Vec<CopyEdge> {
    let mut edges = Vec::new();
    for doc in docs {
        if let Some(wire) = doc.wire {
            let canonical = agency(wire).unwrap_or(wire);
            let span = WIRE_CREDIT
                .captures_iter(doc.text)
                .filter(|c| {
                    c.name("w")
                        .is_some_and(|w| agency(w.as_str()) == Some(canonical))
                })
                .last()
                .and_then(|c| c.get(0))
                .map(|m| (m.start(), m.end()));
            edges.push(CopyEdge {
                from: Origin::Source(canonical.to_string()),
                to: doc.id.to_string(),
                kind: CopyKind::Wire,
                span,
                note: format!("credits the {canonical} wire"),
            });
        }
        for c in SOURCE_LINE.captures_iter(doc.removed) {
            let Some(source) = c.name("s") else { continue };
            let name = source.as_str().trim().trim_end_matches('.');
            // A wire named as the source is a wire credit, not an outlet.
            if agency(name).is_some() && doc.wire.is_some() {
                continue;
            }
            edges.push(CopyEdge {
                from: Origin::Source(agency(name).unwrap_or(name).to_string()),
                to: doc.id.to_string(),
                kind: CopyKind::Republished,
                span: Some((source.start(), source.end())),
                note: format!(
                    "credit line in the removed text: {:?}",
                    c.get(0).map_or("", |m| m.as_str().trim())
                ),
            });
        }
        let mut cited: BTreeSet<&str> = BTreeSet::new();
        for c in CITATION.captures_iter(doc.text) {
            let Some(name) = c.name("a").or_else(|| c.name("b")).or_else(|| c.name("c")) else {
                continue;
            };
            let Some(canonical) = agency(name.as_str()) else {
                continue;
            };
            if doc.wire.and_then(agency) == Some(canonical) || !cited.insert(canonical) {
                continue;
            }
            let whole = c
                .get(0)
                .map_or((name.start(), name.end()), |m| (m.start(), m.end()));
            edges.push(CopyEdge {
                from: Origin::Source(canonical.to_string()),
                to: doc.id.to_string(),
                kind: CopyKind::Citation,
                span: Some(whole),
                note: format!("cites {canonical}"),
            });
        }
    }
    // Text shared between articles, the older (or shorter) one the origin.
    let texts: Vec<Shingles> = docs.iter().map(|d| Shingles::new(d.text)).collect();
    for (i, j) in candidate_pairs(&texts) {
        let (a, b) = (&texts[i].set, &texts[j].set);
        let smaller = a.len().min(b.len());
        if smaller < 10 {
            continue;
        }
        let containment = texts[i].containment(&texts[j]);
        let kind = if containment >= 0.9 {
            CopyKind::Verbatim
        } else if containment >= 0.4 {
            CopyKind::Edited
        } else {
            continue;
        };
        let day = |k: usize| docs[k].date.and_then(|d| d.to_days());
        // The origin: the earlier article; undated, the one that holds
        // the other (the shorter text is contained in the longer copy).
        let (from, to) = match (day(i), day(j)) {
            (Some(x), Some(y)) if x < y => (i, j),
            (Some(x), Some(y)) if y < x => (j, i),
            _ if a.len() <= b.len() => (i, j),
            _ => (j, i),
        };
        // The evidence: the longest passage of the copy that the origin
        // holds word for word.
        let passage = texts[to].longest_shared(&texts[from]);
        edges.push(CopyEdge {
            from: Origin::Article(docs[from].id.to_string()),
            to: docs[to].id.to_string(),
            kind,
            span: passage.map(|(span, _)| span),
            note: format!(
                "containment {containment:.2} of {smaller} shingles{}",
                passage.map_or(String::new(), |(_, words)| format!(
                    "; longest shared passage {words} words"
                ))
            ),
        });
    }
    // Rewordings: most sentences alike, in the same order, where too few
    // word sequences are shared for an edited copy.
    let position: BTreeMap<&str, usize> = docs.iter().enumerate().map(|(k, d)| (d.id, k)).collect();
    let joined: BTreeSet<(usize, usize)> = edges
        .iter()
        .filter_map(|e| match &e.from {
            Origin::Article(from) => {
                let a = *position.get(from.as_str())?;
                let b = *position.get(e.to.as_str())?;
                Some((a.min(b), a.max(b)))
            }
            Origin::Source(_) => None,
        })
        .collect();
    let sentences: Vec<_> = docs.iter().map(|d| sentence_words(d.text)).collect();
    for ((i, j), alike) in alike_sentences(&sentences) {
        // (A pair with thousands of alike sentences is page furniture
        // repeated, not prose: the chain search is quadratic in them.)
        if joined.contains(&(i, j)) || !(REWORDED_SENTENCES..=MAX_ALIKE).contains(&alike.len()) {
            continue;
        }
        let chain = in_order(alike);
        let fewer = sentences[i].len().min(sentences[j].len());
        if chain.len() < REWORDED_SENTENCES || (chain.len() as f64) < REWORDED_SHARE * fewer as f64
        {
            continue;
        }
        let day = |k: usize| docs[k].date.and_then(|d| d.to_days());
        // The origin: the earlier article; undated, the one with more
        // sentences (a rewrite trims more often than it adds).
        let i_first = match (day(i), day(j)) {
            (Some(x), Some(y)) if x != y => x < y,
            _ => sentences[i].len() >= sentences[j].len(),
        };
        let (from, to) = if i_first { (i, j) } else { (j, i) };
        let at = |k: usize, pair: &Alike| if k == i { pair.0 } else { pair.1 };
        let (first, last) = (&chain[0], &chain[chain.len() - 1]);
        let span = (
            sentences[to][at(to, first)].0.0,
            sentences[to][at(to, last)].0.1,
        );
        let mean = chain.iter().map(|p| p.2).sum::<f64>() / chain.len() as f64;
        edges.push(CopyEdge {
            from: Origin::Article(docs[from].id.to_string()),
            to: docs[to].id.to_string(),
            kind: CopyKind::Reworded,
            span: Some(span),
            note: format!(
                "{} of {fewer} sentences alike in the same order (mean word overlap {mean:.2})",
                chain.len()
            ),
        });
    }
    edges
}

/// The story's independent origins: groups of articles joined by copy,
/// wire, re-publication or citation edges (articles citing one agency
/// share its origin). Each group lists its articles and the outside
/// sources it rests on; an article with no edge is an origin of its own.
pub fn independent_origins(
    docs: &[CopyDoc<'_>],
    edges: &[CopyEdge],
) -> Vec<(Vec<String>, Vec<String>)> {
    // Union-find over articles and sources.
    let mut index: BTreeMap<Origin, usize> = BTreeMap::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut node = |o: Origin, parent: &mut Vec<usize>| {
        *index.entry(o).or_insert_with(|| {
            parent.push(parent.len());
            parent.len() - 1
        })
    };
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for doc in docs {
        node(Origin::Article(doc.id.to_string()), &mut parent);
    }
    for edge in edges {
        let a = node(edge.from.clone(), &mut parent);
        let b = node(Origin::Article(edge.to.clone()), &mut parent);
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent[ra] = rb;
    }
    let mut groups: BTreeMap<usize, (Vec<String>, Vec<String>)> = BTreeMap::new();
    let nodes: Vec<(Origin, usize)> = index.iter().map(|(o, &i)| (o.clone(), i)).collect();
    for (origin, i) in nodes {
        let root = find(&mut parent, i);
        let group = groups.entry(root).or_default();
        match origin {
            Origin::Article(id) => group.0.push(id),
            Origin::Source(name) => group.1.push(name),
        }
    }
    groups
        .into_values()
        .filter(|(articles, _)| !articles.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(id: &'a str, text: &'a str) -> CopyDoc<'a> {
        CopyDoc {
            id,
            text,
            wire: None,
            removed: "",
            date: None,
        }
    }

    const STORY: &str = "North Korea has formally recognized the independence of two separatist regions in eastern Ukraine, becoming the third nation to do so after Russia and Syria, its state media said on Thursday, drawing a sharp protest from Kyiv which cut diplomatic ties.";

    #[test]
    fn copies_wires_credits_and_citations() {
        let edited =
            format!("{STORY} The foreign ministry in Kyiv called the move a gross violation.");
        let wired = format!("{STORY} (Yonhap)");
        let cited = "Pyongyang recognised the two republics, according to the Korean Central News Agency, and Kyiv cut ties.";
        let docs = [
            CopyDoc {
                date: PartialDate::ymd(2022, 7, 14),
                wire: Some("Yonhap"),
                ..doc("a", &wired)
            },
            CopyDoc {
                date: PartialDate::ymd(2022, 7, 15),
                removed: "- Advertisement -\nSource: Breitbart\n",
                ..doc("b", &edited)
            },
            doc("c", cited),
            doc(
                "d",
                "The central bank raised rates by half a point, citing inflation, and markets fell.",
            ),
        ];
        let edges = copy_edges(&docs);
        let has = |from: Origin, to: &str, kind: CopyKind| {
            edges
                .iter()
                .any(|e| e.from == from && e.to == to && e.kind == kind)
        };
        assert!(
            has(Origin::Source("Yonhap".into()), "a", CopyKind::Wire),
            "{edges:#?}"
        );
        assert!(has(
            Origin::Source("Breitbart".into()),
            "b",
            CopyKind::Republished
        ));
        assert!(has(Origin::Source("KCNA".into()), "c", CopyKind::Citation));
        // b holds a's text and came a day later.
        assert!(
            has(Origin::Article("a".into()), "b", CopyKind::Verbatim)
                || has(Origin::Article("a".into()), "b", CopyKind::Edited)
        );
        // The wire's credit is pointed at.
        let wire = edges
            .iter()
            .find(|e| e.kind == CopyKind::Wire)
            .expect("wire edge");
        assert_eq!(
            wire.span.map(|(s, e)| &docs[0].text[s..e]),
            Some("(Yonhap)")
        );
        let origins = independent_origins(&docs, &edges);
        // a and b are one origin; c (KCNA) and d stand alone.
        assert_eq!(origins.len(), 3, "{origins:?}");
    }

    /// A text of `n` distinct invented sentences, numbered from `seed`.
    fn filler(seed: usize, n: usize) -> String {
        (seed..seed + n)
            .map(|k| {
                format!(
                    "Report {k} notes that district {} counted {} ballots by noon on day {}.",
                    k * 7 % 31,
                    k * 13 + 5,
                    k % 28
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_passage_copied_into_a_longer_text_is_found_and_pointed_at() {
        // b holds a's whole text in the middle of four times as much of its
        // own: a small share of b, all of a.
        let a = filler(0, 12);
        let b = format!("{} {a} {}", filler(100, 24), filler(200, 24));
        let c = filler(300, 30);
        let docs = [doc("a", &a), doc("b", &b), doc("c", &c)];
        let edges = copy_edges(&docs);
        assert_eq!(edges.len(), 1, "{edges:#?}");
        let edge = &edges[0];
        // Undated: the shorter text is the origin; b is the copy.
        assert_eq!(
            (&edge.from, edge.to.as_str(), edge.kind),
            (&Origin::Article("a".into()), "b", CopyKind::Verbatim)
        );
        let (start, end) = edge.span.expect("the shared passage");
        assert_eq!(&b[start..end], a.as_str());
        assert!(
            edge.note.contains("longest shared passage"),
            "{}",
            edge.note
        );
    }

    #[test]
    fn many_texts_meet_their_copies_through_the_index() {
        // 300 texts, three of them copies of others: exactly those three
        // edges come out.
        let texts: Vec<String> = (0..300).map(|k| filler(k * 50, 6)).collect();
        let mut all: Vec<String> = texts.clone();
        all.push(format!("{} Extra closing words here.", texts[10]));
        all.push(texts[20].replace("ballots", "votes"));
        all.push(format!("Opening words. {}", texts[250]));
        let ids: Vec<String> = (0..all.len()).map(|k| format!("d{k}")).collect();
        let docs: Vec<CopyDoc<'_>> = all.iter().zip(&ids).map(|(t, id)| doc(id, t)).collect();
        let mut found: Vec<(String, String)> = copy_edges(&docs)
            .into_iter()
            .map(|e| match e.from {
                Origin::Article(from) => (from, e.to),
                Origin::Source(s) => (s, e.to),
            })
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![
                ("d10".to_string(), "d300".to_string()),
                ("d20".to_string(), "d301".to_string()),
                ("d250".to_string(), "d302".to_string()),
            ]
        );
    }

    /// Invented prose: sentences of distinct words, numbered from `seed`.
    fn prose(seed: usize, n: usize) -> Vec<String> {
        let words = [
            "harbour", "council", "ferry", "budget", "minister", "strike", "bridge", "court",
            "river", "election", "village", "tariff", "museum", "airport", "treaty", "festival",
        ];
        (seed..seed + n)
            .map(|k| {
                let pick = |j: usize| words[(k * 7 + j * 5) % words.len()];
                format!(
                    "The {} of Vel{k} met the {} on {} while the {} and the {} waited near {}.",
                    pick(0),
                    pick(1),
                    pick(2),
                    pick(3),
                    pick(4),
                    pick(5)
                )
            })
            .collect()
    }

    #[test]
    fn a_rewording_is_found_by_its_sentences_in_order() {
        let original = prose(0, 8).join(" ");
        // Every sentence kept in order with one word in six changed: no
        // five-word run survives often enough for an edited copy.
        let reworded: Vec<String> = prose(0, 8)
            .iter()
            .map(|s| {
                s.split(' ')
                    .enumerate()
                    .map(|(k, w)| if k % 6 == 3 { "quietly" } else { w })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let reworded = reworded.join(" ");
        let other = filler(300, 8);
        let docs = [
            CopyDoc {
                date: PartialDate::ymd(2022, 7, 14),
                ..doc("a", &original)
            },
            CopyDoc {
                date: PartialDate::ymd(2022, 7, 15),
                ..doc("b", &reworded)
            },
            doc("c", &other),
        ];
        let edges = copy_edges(&docs);
        assert_eq!(edges.len(), 1, "{edges:#?}");
        let edge = &edges[0];
        assert_eq!(
            (&edge.from, edge.to.as_str(), edge.kind),
            (&Origin::Article("a".into()), "b", CopyKind::Reworded)
        );
        // The evidence runs from the first alike sentence to the last.
        assert_eq!(edge.span, Some((0, reworded.len())));
        assert!(edge.note.starts_with("8 of 8 sentences"), "{}", edge.note);
        // The same sentences shuffled are not a rewording of one text.
        let mut shuffled = prose(0, 8);
        shuffled.reverse();
        let shuffled = shuffled.join(" ");
        let docs = [doc("a", &original), doc("b", &shuffled)];
        assert!(
            copy_edges(&docs)
                .iter()
                .all(|e| e.kind != CopyKind::Reworded),
        );
    }

    #[test]
    fn different_articles_are_not_copies() {
        let docs = [
            doc("a", STORY),
            doc(
                "b",
                "Ukraine severed diplomatic relations with North Korea after Pyongyang recognised the breakaway republics, the ministry in Kyiv announced in a statement on Wednesday evening.",
            ),
        ];
        assert!(copy_edges(&docs).is_empty());
    }
}
