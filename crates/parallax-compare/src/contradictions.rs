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
