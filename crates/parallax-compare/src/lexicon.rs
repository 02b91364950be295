//! The shipped tables: contested names (`data/names.txt`) and loaded terms
//! (`data/loaded.txt`), both written for parallax as general facts, and
//! their matchers.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

const NAMES: &str = include_str!("../data/names.txt");
const LOADED: &str = include_str!("../data/loaded.txt");

/// A place or entity with contested names.
#[derive(Debug, Clone)]
pub struct NameConcept {
    /// What it is ("Kyiv (capital of Ukraine)").
    pub concept: &'static str,
    /// Its variants and what each usually aligns with.
    pub variants: Vec<(&'static str, &'static str)>,
}

/// A loaded term or hedge.
#[derive(Debug, Clone)]
pub struct LoadedTerm {
    /// The term as the lexicon writes it (`colonis*`).
    pub term: &'static str,
    /// Its kind (`pejorative`, `hedge`, ...).
    pub kind: &'static str,
    /// What it does.
    pub note: &'static str,
    /// It matches any ending (the lexicon's trailing `*`).
    pub prefix: bool,
}

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split(" | ").map(str::trim).collect())
}

/// Every contested name in the shipped table.
pub fn name_concepts() -> &'static [NameConcept] {
    static CONCEPTS: LazyLock<Vec<NameConcept>> = LazyLock::new(|| {
        rows(NAMES)
            .filter_map(|f| {
                let [concept, variants] = f[..] else {
                    return None;
                };
                let variants = variants
                    .split("; ")
                    .filter_map(|v| v.split_once(" = "))
                    .map(|(form, note)| (form.trim(), note.trim()))
                    .collect();
                Some(NameConcept { concept, variants })
            })
            .collect()
    });
    &CONCEPTS
}

/// Every term in the shipped lexicon.
pub fn loaded_terms() -> &'static [LoadedTerm] {
    static TERMS: LazyLock<Vec<LoadedTerm>> = LazyLock::new(|| {
        rows(LOADED)
            .filter_map(|f| {
                let [term, kind, note] = f[..] else {
                    return None;
                };
                let prefix = term.ends_with('*');
                Some(LoadedTerm {
                    term: term.trim_end_matches('*'),
                    kind,
                    note,
                    prefix,
                })
            })
            .collect()
    });
    &TERMS
}

/// A name found in a text: (concept, variant, byte range).
pub(crate) type NameHit = (usize, usize, (usize, usize));

/// The names' matcher and, per pattern, its (concept, variant).
type NameMatcher = (Option<AhoCorasick>, Vec<(usize, usize)>);

/// The contested names in `text`, whole words, case as written.
pub(crate) fn find_names(text: &str) -> Vec<NameHit> {
    // Each pattern is a variant as written, and again with a typographic
    // apostrophe where it has a straight one.
    static MATCHER: LazyLock<NameMatcher> = LazyLock::new(|| {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (c, concept) in name_concepts().iter().enumerate() {
            for (v, (form, _)) in concept.variants.iter().enumerate() {
                patterns.push(form.to_string());
                owners.push((c, v));
                if form.contains('\'') {
                    patterns.push(form.replace('\'', "\u{2019}"));
                    owners.push((c, v));
                }
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        (matcher, owners)
    });
    let (Some(matcher), owners) = &*MATCHER else {
        return Vec::new();
    };
    matcher
        .find_iter(text)
        .filter(|m| starts_word(text, m.start()) && ends_word(text, m.end()))
        .map(|m| {
            let (c, v) = owners[m.pattern().as_usize()];
            (c, v, (m.start(), m.end()))
        })
        .collect()
}

/// The loaded terms and hedges in `text`: (term index, byte range of the
/// word or words matched, a prefix term running to its word's end).
pub(crate) fn find_loaded(text: &str) -> Vec<(usize, (usize, usize))> {
    static MATCHER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(loaded_terms().iter().map(|t| t.term))
            .ok()
    });
    let Some(matcher) = &*MATCHER else {
        return Vec::new();
    };
    let terms = loaded_terms();
    matcher
        .find_iter(text)
        .filter(|m| starts_word(text, m.start()))
        .filter_map(|m| {
            let t = m.pattern().as_usize();
            let end = if terms[t].prefix {
                word_end(text, m.end())
            } else if ends_word(text, m.end()) {
                m.end()
            } else {
                return None;
            };
            Some((t, (m.start(), end)))
        })
        .collect()
}

fn starts_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric())
}

fn ends_word(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
}

/// The end of the word running on from `at` (letters, digits, hyphens
/// between letters).
fn word_end(text: &str, at: usize) -> usize {
    let mut end = at;
    let mut chars = text[at..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let joins = c == '-' && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if !(c.is_alphanumeric() || joins) {
            break;
        }
        end = at + i + c.len_utf8();
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_parse() {
        assert!(name_concepts().len() >= 40);
        assert!(name_concepts().iter().all(|c| c.variants.len() >= 2));
        assert!(loaded_terms().len() >= 100);
        let kinds = [
            "delegitimising",
            "pejorative",
            "label",
            "distancing",
            "euphemism",
            "intensifier",
            "approving",
            "hedge",
        ];
        for t in loaded_terms() {
            assert!(kinds.contains(&t.kind), "{} has kind {}", t.term, t.kind);
        }
    }

    #[test]
    fn names_are_whole_words() {
        let text =
            "Kievan Rus; Kiev’s mayor; the DPRK and the Democratic People’s Republic of Korea.";
        let forms: Vec<&str> = find_names(text)
            .into_iter()
            .map(|(_, _, (s, e))| &text[s..e])
            .collect();
        assert_eq!(
            forms,
            ["Kiev", "DPRK", "Democratic People’s Republic of Korea"]
        );
    }

    #[test]
    fn prefix_terms_run_to_the_word_end() {
        let text = "It was forcibly colonized by separatists, not Separatism-minded regimes.";
        let found: Vec<&str> = find_loaded(text)
            .into_iter()
            .map(|(_, (s, e))| &text[s..e])
            .collect();
        assert_eq!(found, ["forcibly", "colonized", "separatists", "regimes"]);
    }
}
