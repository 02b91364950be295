//! Contradictions beyond dates: a count or rank against the actors the
//! articles report, and a person's gender across articles.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use parallax_core::{EntityKind, Gender, MentionForm, TextRange};
use regex::Regex;

use crate::{Claim, Contradiction, ContradictionKind, Fact, Source, clip, span};

/// "the third country", "the world's third nation", "the only states",
/// "the second UN member state".
static RANK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bthe\s+(?:world(?:'|’)s\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|only)\s+((?:UN\s+|U\.N\.\s+)?member\s+)?(?:countries|country|states|state|nations|nation)\b",
    )
    .ok()
});

fn ordinal(word: &str) -> Option<usize> {
    let n = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ]
    .iter()
    .position(|w| w.eq_ignore_ascii_case(word))?;
    Some(n + 1)
}

/// A rank or count one article gives for the actors of a fact.
struct RankClaim {
    doc: usize,
    fact: usize,
    /// How many actors it says there are (at that point).
    count: usize,
    /// It names states ("country", "state", "nation").
    words: TextRange,
    says: String,
}

/// The fact an article reports in the sentence at `sentence`, or in the
/// one or two before it.
fn fact_near(facts: &[Fact], doc: usize, sentence: TextRange) -> Option<usize> {
    let mut best: Option<(usize, u32)> = None;
    for (f, fact) in facts.iter().enumerate() {
        for m in fact.mentions.iter().filter(|m| m.doc == doc) {
            if m.sentence[0] > sentence.start() {
                continue;
            }
            let distance = sentence.start() - m.sentence[0];
            if best.is_none_or(|(_, d)| distance < d) {
                best = Some((f, distance));
            }
        }
    }
    best.filter(|&(_, d)| d <= 600).map(|(f, _)| f)
}

fn rank_claims(sources: &[Source<'_>], facts: &[Fact]) -> Vec<RankClaim> {
    let Some(rank) = RANK.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (doc, s) in sources.iter().enumerate() {
        for &sentence in &s.annotations.sentences {
            let text = sentence.slice(s.text);
            for m in rank.captures_iter(text) {
                let (Some(all), Some(word)) = (m.get(0), m.get(1)) else {
                    continue;
                };
                let Some(fact) = fact_near(facts, doc, sentence) else {
                    continue;
                };
                let at = TextRange::from_usize(
                    sentence.start() as usize + all.start(),
                    sentence.start() as usize + all.end(),
                );
                let count = match ordinal(word.as_str()) {
                    Some(n) => n,
                    // "X, Y and Z are the only states": the states named
                    // before the words.
                    None => s
                        .annotations
                        .mentions
                        .iter()
                        .filter(|x| sentence.contains_range(x.range) && x.range.end() <= at.start())
                        .filter(|x| {
                            s.annotations
                                .entities
                                .get(x.entity)
                                .is_some_and(|e| e.kind == EntityKind::State)
                        })
                        .map(|x| x.entity)
                        .collect::<BTreeSet<_>>()
                        .len(),
                };
                if count == 0 {
                    continue;
                }
                out.push(RankClaim {
                    doc,
                    fact,
                    count,
                    words: at,
                    says: clip(text, 240),
                });
            }
        }
    }
    out
}

/// The entity kind of an id, as the first article naming it has it.
fn kind_of(sources: &[Source<'_>], id: &str) -> Option<EntityKind> {
    sources
        .iter()
        .flat_map(|s| &s.annotations.entities)
        .find(|e| e.id == id)
        .map(|e| e.kind)
}

/// A rank ("the third country") or count ("the only states") set against
/// the actors every article reports doing the same to the same targets.
/// When the rank holds for states alone, the difference is shown as a
/// qualifier: the others are territories of limited recognition.
pub(crate) fn counts(sources: &[Source<'_>], facts: &[Fact]) -> Vec<Contradiction> {
    let claims = rank_claims(sources, facts);
    // Claims about facts of one action on shared targets are one question
    // ("who recognises the republics"): grouped by the set of such facts.
    let mut by_peers: BTreeMap<Vec<usize>, Vec<&RankClaim>> = BTreeMap::new();
    for c in &claims {
        let fact = &facts[c.fact];
        let targets: BTreeSet<&str> = fact.targets.iter().map(|t| t.id.as_str()).collect();
        let peers: Vec<usize> = facts
            .iter()
            .enumerate()
            .filter(|(_, g)| g.cameo == fact.cameo)
            .filter(|(_, g)| g.targets.iter().any(|t| targets.contains(t.id.as_str())))
            .map(|(i, _)| i)
            .collect();
        by_peers.entry(peers).or_default().push(c);
    }
    let mut out = Vec::new();
    for (peers, ranked) in by_peers {
        let Some(&first) = peers.first() else {
            continue;
        };
        let fact = &facts[first];
        // Who does it: states and territories (a person acting for a state,
        // "the Foreign Minister sent letters", is not one more).
        let mut actors: BTreeMap<&str, (&str, Option<&Fact>)> = BTreeMap::new();
        for g in peers.iter().map(|&i| &facts[i]) {
            for a in &g.actors {
                if matches!(
                    kind_of(sources, &a.id),
                    Some(EntityKind::State | EntityKind::Territory)
                ) {
                    actors
                        .entry(a.id.as_str())
                        .or_insert((a.name.as_str(), Some(g)));
                }
            }
        }
        let states: Vec<&str> = actors
            .iter()
            .filter(|(id, _)| kind_of(sources, id) == Some(EntityKind::State))
            .map(|(_, (name, _))| *name)
            .collect();
        let others: Vec<(&str, Option<&Fact>)> = actors
            .iter()
            .filter(|(id, _)| kind_of(sources, id) != Some(EntityKind::State))
            .map(|(_, v)| *v)
            .collect();
        let all = actors.len();
        if ranked.iter().all(|c| c.count == all) {
            continue;
        }
        let mut claims_out: Vec<Claim> = ranked
            .iter()
            .map(|c| Claim {
                doc: c.doc,
                says: c.says.clone(),
                span: span(c.words),
            })
            .collect();
        for (name, g) in &others {
            let Some(g) = g else { continue };
            for m in &g.mentions {
                if claims_out
                    .iter()
                    .any(|c| c.doc == m.doc && c.span == m.sentence)
                {
                    continue;
                }
                claims_out.push(Claim {
                    doc: m.doc,
                    says: format!(
                        "also reports {name}{}: {}",
                        g.date
                            .as_deref()
                            .map(|d| format!(" ({d})"))
                            .unwrap_or_default(),
                        clip(&m.text, 200)
                    ),
                    span: m.sentence,
                });
            }
        }
        let qualifier = (ranked.iter().all(|c| c.count == states.len()) && !others.is_empty())
            .then(|| {
                format!(
                    "the count holds for UN member states ({}); the articles also report {} — {} of limited recognition",
                    states.join(", "),
                    others.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "),
                    if others.len() == 1 { "a territory" } else { "territories" },
                )
            });
        out.push(Contradiction {
            kind: ContradictionKind::Count,
            about: format!(
                "how many: {} ({all} actors reported: {})",
                fact.summary,
                actors
                    .values()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            fact: Some(fact.id.clone()),
            claims: claims_out,
            qualifier,
        });
    }
    out
}

/// One article's pronouns for one person: how many of each gender (0
/// female, 1 male), and the first of each.
#[derive(Default)]
struct Pronouns {
    counts: [usize; 2],
    first: [Option<TextRange>; 2],
}

impl Pronouns {
    /// The gender most of the article's pronouns for the person give, if
    /// most do (a stray "her" beside ten "his" is a resolution slip, not
    /// the article's reading).
    fn reading(&self) -> Option<usize> {
        match self.counts {
            [f, m] if f > m => Some(0),
            [f, m] if m > f => Some(1),
            _ => None,
        }
    }
}

/// People whom some articles call "she" and others "he": per article, the
/// gender most of the pronouns linked to the person give; a contradiction
/// when two articles read the person differently.
pub(crate) fn genders(sources: &[Source<'_>]) -> Vec<Contradiction> {
    // person id → doc → its pronouns for them
    let mut seen: BTreeMap<&str, BTreeMap<usize, Pronouns>> = BTreeMap::new();
    // person id → its name, and the gender each article's entity has (from
    // the gazetteer or a title, else from its pronouns' majority)
    let mut names: BTreeMap<&str, (&str, Vec<Option<Gender>>)> = BTreeMap::new();
    for (doc, s) in sources.iter().enumerate() {
        for m in &s.annotations.mentions {
            let (MentionForm::Pronoun, Some(g)) = (m.form, m.gender) else {
                continue;
            };
            let Some(e) = s.annotations.entities.get(m.entity) else {
                continue;
            };
            if e.kind != EntityKind::Person {
                continue;
            }
            let known = &mut names
                .entry(e.id.as_str())
                .or_insert((e.name.as_str(), Vec::new()))
                .1;
            if !known.contains(&e.gender) {
                known.push(e.gender);
            }
            let key = usize::from(g == Gender::Male);
            let p = seen
                .entry(e.id.as_str())
                .or_default()
                .entry(doc)
                .or_default();
            p.counts[key] += 1;
            p.first[key].get_or_insert(m.range);
        }
    }
    let mut out = Vec::new();
    for (id, docs) in seen {
        let readings: Vec<(usize, usize, TextRange)> = docs
            .iter()
            .filter_map(|(&doc, p)| {
                let g = p.reading()?;
                Some((doc, g, p.first[g]?))
            })
            .collect();
        if !(readings.iter().any(|r| r.1 == 0) && readings.iter().any(|r| r.1 == 1)) {
            continue;
        }
        let (name, genders) = names.get(id).cloned().unwrap_or((id, Vec::new()));
        // A qualifier only when every article's record of the person gives
        // the same gender (a gazetteer entry or a title does; a pronoun
        // majority that differs between articles does not).
        let known = match genders[..] {
            [Some(g)] => Some(g),
            _ => None,
        };
        let claims = readings
            .iter()
            .map(|&(doc, g, range)| Claim {
                doc,
                says: format!(
                    "{} ({} of {} pronouns)",
                    words_from(sources[doc].text, range, 4),
                    docs[&doc].counts[g],
                    docs[&doc].counts[0] + docs[&doc].counts[1]
                ),
                span: span(range),
            })
            .collect();
        out.push(Contradiction {
            kind: ContradictionKind::Attribute,
            about: format!("the gender of {name}"),
            fact: None,
            claims,
            qualifier: known.map(|g| {
                format!(
                    "every article's record of {name} (gazetteer, title) gives {}",
                    if g == Gender::Female {
                        "a woman"
                    } else {
                        "a man"
                    }
                )
            }),
        });
    }
    out
}

/// The pronoun at `range` and up to `n` words after it.
fn words_from(text: &str, range: TextRange, n: usize) -> String {
    let rest = text.get(range.start() as usize..).unwrap_or("");
    rest.split_whitespace()
        .take(n + 1)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Number words a report writes out.
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// Units that measure time: a different number of them says when, not how
/// many, and is left to the date checks.
const TIME_UNITS: &[&str] = &[
    "year", "month", "week", "day", "hour", "minute", "second", "decade", "century",
];

/// The quantities a sentence gives: (unit, value, byte range of the number
/// and its unit), for "12 people", "three soldiers", "1,200 troops".
fn quantities(text: &str, sentence: TextRange) -> Vec<(String, u64, TextRange)> {
    let body = sentence.slice(text);
    let base = sentence.start() as usize;
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for (i, c) in body.char_indices() {
        let part = c.is_alphanumeric() || c == ',' || c == '-';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push((s, &body[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &body[s..]));
    }
    let mut out = Vec::new();
    for (k, &(at, number)) in words.iter().enumerate() {
        let Some(&(mut unit_at, mut unit)) = words.get(k + 1) else {
            continue;
        };
        // "12 Somali civilians": the unit is the noun after a name-like
        // modifier.
        let demonym = ["an", "ese", "i", "ish", "ch"]
            .iter()
            .any(|e| unit.ends_with(e));
        if unit.starts_with(char::is_uppercase)
            && demonym
            && let Some(&(next_at, next)) = words.get(k + 2)
            && next.starts_with(char::is_lowercase)
        {
            (unit_at, unit) = (next_at, next);
        }
        let (at, unit_at) = (&at, &unit_at);
        let number = number.trim_end_matches(',');
        let value = if number.chars().all(|c| c.is_ascii_digit() || c == ',')
            && number.chars().next().is_some_and(|c| c.is_ascii_digit())
        {
            number.replace(',', "").parse::<u64>().ok()
        } else {
            NUMBER_WORDS
                .iter()
                .position(|w| w.eq_ignore_ascii_case(number))
                .map(|n| n as u64 + 1)
        };
        let Some(value) = value else {
            continue;
        };
        let unit = unit.trim_end_matches(',').to_lowercase();
        let singular = unit.strip_suffix('s').unwrap_or(&unit).to_string();
        // A unit is a lower-case word: not a year ("in 2014 Russia"), a
        // name, or another number.
        if !unit.chars().all(|c| c.is_alphabetic() || c == '-')
            || !body[*unit_at..].starts_with(char::is_lowercase)
            || TIME_UNITS.contains(&singular.as_str())
            || (1900..=2100).contains(&value) && number.len() == 4
        {
            continue;
        }
        let end = unit_at + unit.len();
        out.push((
            singular,
            value,
            TextRange::from_usize(base + at, base + end),
        ));
    }
    out
}

/// Tolls and counts that only grow: a later report with a larger number is
/// an update, not a contradiction (so are the casualties of any attack).
const GROWING: &[&str] = &[
    "dead",
    "death",
    "killed",
    "people",
    "victim",
    "casualtie",
    "injured",
    "wounded",
    "missing",
    "arrest",
    "case",
    "refugee",
    "displaced",
    "evacuee",
];

/// Different numbers for one fact's same unit ("12 people" and "15
/// people" killed) in articles of the same day, or a later article with a
/// smaller number; a later article with a larger toll is an update.
pub(crate) fn numbers(sources: &[Source<'_>], facts: &[Fact]) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for fact in facts {
        // unit → (doc, value, range)
        let mut by_unit: BTreeMap<String, Vec<(usize, u64, TextRange)>> = BTreeMap::new();
        for m in &fact.mentions {
            let sentence = TextRange::new(m.sentence[0], m.sentence[1]);
            for (unit, value, range) in quantities(sources[m.doc].text, sentence) {
                let list = by_unit.entry(unit).or_default();
                if !list.iter().any(|(d, v, _)| *d == m.doc && *v == value) {
                    list.push((m.doc, value, range));
                }
            }
        }
        for (unit, list) in by_unit {
            let day = |d: usize| {
                sources[d]
                    .date
                    .and_then(parallax_core::PartialDate::to_days)
            };
            // Casualties of an attack, and tolls, grow as reports come in.
            let growing = matches!(fact.kind.as_str(), "ASSAULT" | "COERCE")
                || GROWING.iter().any(|g| unit.starts_with(g));
            let conflict = list.iter().any(|a| {
                list.iter().any(|b| {
                    a.0 != b.0
                        && a.1 < b.1
                        // b says more: an update when b is later and tolls grow.
                        && !(growing && matches!((day(a.0), day(b.0)), (Some(x), Some(y)) if y > x))
                })
            });
            if !conflict {
                continue;
            }
            out.push(Contradiction {
                kind: ContradictionKind::Number,
                about: format!("how many {unit}s: {}", fact.summary),
                fact: Some(fact.id.clone()),
                claims: list
                    .iter()
                    .map(|&(doc, _, range)| Claim {
                        doc,
                        says: range.slice(sources[doc].text).to_string(),
                        span: span(range),
                    })
                    .collect(),
                qualifier: None,
            });
        }
    }
    out
}

/// The numbers of a sentence with the word before each: ("since", 2002),
/// ("killed", 12). Years count here: "since 2002" and "since 2003" are two
/// claims about one thing.
fn numbers_after_words(text: &str) -> Vec<(String, String, TextRange)> {
    let mut out = Vec::new();
    let mut previous: Option<&str> = None;
    let mut offset = 0;
    for word in text.split_whitespace() {
        let at = text[offset..].find(word).map_or(offset, |i| offset + i);
        offset = at + word.len();
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if !bare.is_empty()
            && bare.chars().all(|c| c.is_ascii_digit() || c == ',')
            && let Some(p) = previous
        {
            let start = at + word.find(bare).unwrap_or(0);
            out.push((
                p.to_lowercase(),
                bare.replace(',', ""),
                TextRange::from_usize(start, start + bare.len()),
            ));
        }
        previous = (!bare.is_empty()).then_some(bare);
    }
    out
}

/// Two articles making one statement with different numbers after the same
/// word ("Pelosi has led House Democrats since 2002" / "since 2003").
pub(crate) fn statement_numbers(
    sources: &[Source<'_>],
    statements: &[crate::Statement],
) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for st in statements {
        // word before → (doc, number, range in the document)
        let mut by_word: BTreeMap<String, Vec<(usize, String, TextRange)>> = BTreeMap::new();
        for m in &st.mentions {
            let sentence = TextRange::new(m.sentence[0], m.sentence[1]);
            let text = sentence.slice(sources[m.doc].text);
            for (word, number, range) in numbers_after_words(text) {
                let range = TextRange::new(
                    sentence.start() + range.start(),
                    sentence.start() + range.end(),
                );
                by_word
                    .entry(word)
                    .or_default()
                    .push((m.doc, number, range));
            }
        }
        for (word, list) in by_word {
            let differ = list
                .iter()
                .any(|a| list.iter().any(|b| a.0 != b.0 && a.1 != b.1));
            if !differ {
                continue;
            }
            out.push(Contradiction {
                kind: ContradictionKind::Number,
                about: format!("the number after \"{word}\" in statement {}", st.id),
                fact: None,
                claims: list
                    .iter()
                    .map(|(doc, number, range)| Claim {
                        doc: *doc,
                        says: format!("{word} {number}"),
                        span: span(*range),
                    })
                    .collect(),
                qualifier: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{numbers_after_words, quantities};

    #[test]
    fn numbers_with_the_word_before() {
        let found: Vec<(String, String)> =
            numbers_after_words("Pelosi has led them since 2002, and 1,200 more.")
                .into_iter()
                .map(|(w, n, _)| (w, n))
                .collect();
        assert_eq!(
            found,
            [
                ("since".into(), "2002".into()),
                ("and".into(), "1200".into())
            ]
        );
    }
    use parallax_core::TextRange;

    fn found(text: &str) -> Vec<(String, u64)> {
        quantities(text, TextRange::from_usize(0, text.len()))
            .into_iter()
            .map(|(u, v, _)| (u, v))
            .collect()
    }

    #[test]
    fn quantities_with_their_units() {
        assert_eq!(
            found("Troops killed 12 Somali civilians and three soldiers; 1,200 troops stayed."),
            [
                ("civilian".into(), 12),
                ("soldier".into(), 3),
                ("troop".into(), 1200)
            ]
        );
        // Years, times and names are not counts.
        assert!(found("In 2014 Russia acted; two days later, 3 Kenyans left.").is_empty());
        assert!(found("In 2014 Russia acted").is_empty());
    }
}
