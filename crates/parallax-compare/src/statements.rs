//! Statements: sentences outside every coded event that several articles
//! share in substance ("The move makes North Korea the third country to
//! ..."), aligned by the content words they share. Event frames align what
//! the coder reads; this aligns what it does not.

use std::collections::{BTreeMap, BTreeSet};

use parallax_core::{QuoteKind, STOPWORDS, TextRange};

use crate::{Fact, Source, Statement, StatementMention, clip, span};

/// Words that say nothing about what a sentence claims, besides the
/// shared stop words: the verbs of attribution.
const REPORTING: &[&str] = &["added", "noted", "stated", "statement"];

/// Sentences with fewer content words than this are not compared (too
/// little to tell a shared claim from a shared phrase).
const MIN_WORDS: usize = 6;

/// Two sentences state the same when they share at least this many
/// content words, and this share of the shorter one's.
const MIN_SHARED: usize = 5;
const MIN_OVERLAP: f64 = 0.6;

fn content_words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| {
            w.chars().count() >= 3 || w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty()
        })
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()) && !REPORTING.contains(&w.as_str()))
        .collect()
}

/// One sentence to compare: its document, range and words.
struct Candidate {
    doc: usize,
    range: TextRange,
    words: BTreeSet<String>,
}

/// Statements two or more documents share, outside the sentences any fact
/// already holds; most widely supported first.
pub(crate) fn align(sources: &[Source<'_>], facts: &[Fact]) -> Vec<Statement> {
    let in_facts: BTreeSet<(usize, u32)> = facts
        .iter()
        .flat_map(|f| &f.mentions)
        .map(|m| (m.doc, m.sentence[0]))
        .collect();
    let mut candidates = Vec::new();
    for (doc, s) in sources.iter().enumerate() {
        for &range in &s.annotations.sentences {
            if in_facts.contains(&(doc, range.start())) {
                continue;
            }
            let words = content_words(range.slice(s.text));
            if words.len() >= MIN_WORDS {
                candidates.push(Candidate { doc, range, words });
            }
        }
    }
    // Pairs through an index of words: only sentences sharing words meet.
    let mut index: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        for w in &c.words {
            index.entry(w.as_str()).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..candidates.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, c) in candidates.iter().enumerate() {
        let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
        for w in &c.words {
            let Some(list) = index.get(w.as_str()) else {
                continue;
            };
            // A word in many sentences says little; it is not a way in.
            if list.len() > 50 {
                continue;
            }
            for &j in list
                .iter()
                .filter(|&&j| j > i && candidates[j].doc != c.doc)
            {
                *shared.entry(j).or_default() += 1;
            }
        }
        for (j, n) in shared {
            let shorter = c.words.len().min(candidates[j].words.len());
            if n >= MIN_SHARED && n as f64 >= MIN_OVERLAP * shorter as f64 {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..candidates.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Statement> = groups
        .into_values()
        .filter(|g| {
            g.iter()
                .map(|&i| candidates[i].doc)
                .collect::<BTreeSet<_>>()
                .len()
                >= 2
        })
        .map(|g| statement(sources, &candidates, &g))
        .collect();
    out.sort_by(|a, b| {
        b.support
            .origins
            .cmp(&a.support.origins)
            .then(b.support.documents.len().cmp(&a.support.documents.len()))
            .then(a.mentions[0].doc.cmp(&b.mentions[0].doc))
            .then(a.mentions[0].sentence.cmp(&b.mentions[0].sentence))
    });
    for (n, s) in out.iter_mut().enumerate() {
        s.id = format!("S{}", n + 1);
    }
    out
}

fn statement(sources: &[Source<'_>], candidates: &[Candidate], group: &[usize]) -> Statement {
    let mentions: Vec<StatementMention> = group
        .iter()
        .map(|&i| {
            let c = &candidates[i];
            let s = &sources[c.doc];
            let text = c.range.slice(s.text).trim_start();
            let attributed = text.starts_with(['"', '\u{201c}'])
                || s.annotations
                    .quotes
                    .iter()
                    .filter(|q| q.kind.is_speech())
                    .any(|q| {
                        q.content.contains_range(c.range)
                            || (q.kind == QuoteKind::Indirect && c.range.contains_range(q.content))
                    });
            StatementMention {
                doc: c.doc,
                sentence: span(c.range),
                text: clip(c.range.slice(s.text), 400),
                attributed,
            }
        })
        .collect();
    // The words every mention has: what they agree on.
    let mut common: Option<BTreeSet<String>> = None;
    for &i in group {
        let words = &candidates[i].words;
        common = Some(match common {
            None => words.clone(),
            Some(c) => c.intersection(words).cloned().collect(),
        });
    }
    let support = crate::facts::support_of(sources, mentions.iter().map(|m| m.doc));
    Statement {
        id: String::new(),
        shared_words: common.unwrap_or_default().into_iter().take(12).collect(),
        mentions,
        support,
    }
}

#[cfg(test)]
mod tests {
    use super::content_words;

    #[test]
    fn content_words_leave_out_function_words() {
        let words = content_words("The move makes North Korea the third country, after Russia.");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(
            words,
            [
                "country", "korea", "makes", "move", "north", "russia", "third"
            ]
        );
    }
}
