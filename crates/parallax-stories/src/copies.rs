//! Copy lineage inside a story: which articles copy each other (verbatim or
//! edited), which carry a wire's copy, which re-publish another outlet's
//! text, and which cite an agency, each edge with its evidence. Independent
//! origins are the connected components of these edges.
//!
//! Articles are compared pairwise only within one story (stories are small;
//! the story stage keeps the whole run near linear). Text similarity is the
//! containment of word 5-gram shingles: the share of the shorter article's
//! shingles that the longer one holds.

use std::collections::{BTreeMap, BTreeSet, HashSet};
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

/// Word 5-gram shingles of a text, hashed.
fn shingles(text: &str) -> HashSet<u64> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    words
        .windows(5)
        .map(|window| {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            window.hash(&mut hasher);
            hasher.finish()
        })
        .collect()
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
    let sets: Vec<HashSet<u64>> = docs.iter().map(|d| shingles(d.text)).collect();
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            let (a, b) = (&sets[i], &sets[j]);
            let smaller = a.len().min(b.len());
            if smaller < 10 {
                continue;
            }
            let shared = a.intersection(b).count();
            let containment = shared as f64 / smaller as f64;
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
            edges.push(CopyEdge {
                from: Origin::Article(docs[from].id.to_string()),
                to: docs[to].id.to_string(),
                kind,
                span: None,
                note: format!("containment {containment:.2} of {smaller} shingles"),
            });
        }
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
