//! The outlet registry: general facts about news outlets, read from
//! `data/outlets.tsv`, and the matching of domains and names against it.
//!
//! An outlet is recognised only from what identifies a publisher: the page's
//! domain, its site name, its masthead, copyright and footer lines, and "Source:"
//! lines. Names mentioned in the body ("TASS reported") never make an outlet.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use parallax_core::{Outlet, OutletEvidence, OutletKind};

const REGISTRY_TSV: &str = include_str!("../data/outlets.tsv");

/// Names of government bodies that say which outlet they are only together with
/// a country ("Ministry of Foreign Affairs"). They resolve when another cue on
/// the page names the country.
const GENERIC_BODIES: &[(&str, &str)] = &[
    ("Ministry of Foreign Affairs", "Ministry of Foreign Affairs"),
    ("Foreign Ministry", "Ministry of Foreign Affairs"),
    (
        "Ministry for Foreign Affairs",
        "Ministry of Foreign Affairs",
    ),
];

/// One row of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletEntry {
    /// Main domain.
    pub domain: String,
    /// Usual name.
    pub name: String,
    /// ISO 3166 alpha-2, or `None` for international outlets.
    pub country: Option<String>,
    /// Kind of organisation.
    pub kind: OutletKind,
}

/// The registry, with its matchers built once.
#[derive(Debug)]
pub struct OutletRegistry {
    entries: Vec<OutletEntry>,
    by_domain: HashMap<String, usize>,
    /// Every name and alias, lowercased, to the entry it names.
    by_name: HashMap<String, usize>,
    names: Vec<(String, usize)>,
    name_matcher: AhoCorasick,
}

/// Shortest name that may be matched inside a longer line. Shorter aliases
/// ("AP", "PA", "DR") are matched only when they are the whole credit.
const MIN_EMBEDDED_NAME: usize = 4;

impl OutletRegistry {
    /// Parses the shipped registry.
    ///
    /// # Panics
    /// Panics if the shipped data file is malformed; a unit test guards it.
    pub fn shipped() -> OutletRegistry {
        OutletRegistry::parse(REGISTRY_TSV).expect("the shipped outlet registry parses")
    }

    /// Parses a registry in the TSV format of `data/outlets.tsv`.
    pub fn parse(tsv: &str) -> Result<OutletRegistry, String> {
        let mut entries = Vec::new();
        let mut by_domain = HashMap::new();
        let mut by_name = HashMap::new();
        let mut names: Vec<(String, usize)> = Vec::new();
        for (line_no, line) in tsv.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [domain, name, country, kind, rest @ ..] = fields.as_slice() else {
                return Err(format!(
                    "line {}: expected at least 4 tab-separated fields",
                    line_no + 1
                ));
            };
            let kind = OutletKind::from_name(kind)
                .ok_or_else(|| format!("line {}: unknown kind {kind:?}", line_no + 1))?;
            let country = (*country != "-").then(|| country.to_string());
            let index = entries.len();
            entries.push(OutletEntry {
                domain: domain.to_string(),
                name: name.to_string(),
                country,
                kind,
            });
            by_domain.insert(domain.to_ascii_lowercase(), index);
            let aliases = rest
                .first()
                .map(|field| field.split('|').collect::<Vec<_>>())
                .unwrap_or_default();
            for alias in std::iter::once(*name).chain(aliases) {
                let alias = alias.trim();
                let is_new = !alias.is_empty() && !by_name.contains_key(&alias.to_lowercase());
                if is_new {
                    by_name.insert(alias.to_lowercase(), index);
                    if alias.chars().count() >= MIN_EMBEDDED_NAME {
                        // Matched as written (ASCII case aside), so Cyrillic
                        // and CJK names match as they are spelled.
                        names.push((alias.to_string(), index));
                    }
                }
            }
        }
        let name_matcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(names.iter().map(|(name, _)| name.as_str()))
            .map_err(|error| error.to_string())?;
        Ok(OutletRegistry {
            entries,
            by_domain,
            by_name,
            names,
            name_matcher,
        })
    }

    /// Number of distinct outlet names.
    pub fn n_outlets(&self) -> usize {
        let mut names: Vec<&str> = self.entries.iter().map(|e| e.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    }

    /// All rows.
    pub fn entries(&self) -> &[OutletEntry] {
        &self.entries
    }

    /// The outlet of a host name, matching the registered domain or any parent
    /// of the host ("www.koreaherald.com", "m.koreaherald.com").
    pub fn by_host(&self, host: &str) -> Option<&OutletEntry> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut candidate = host.as_str();
        loop {
            if let Some(&index) = self.by_domain.get(candidate) {
                return Some(&self.entries[index]);
            }
            let (_, parent) = candidate.split_once('.')?;
            if !parent.contains('.') {
                return None;
            }
            candidate = parent;
        }
    }

    /// The outlet whose name or alias is exactly `name` (case-insensitive,
    /// ignoring a leading "the" and surrounding punctuation).
    pub fn by_exact_name(&self, name: &str) -> Option<&OutletEntry> {
        let cleaned = name
            .trim()
            .trim_matches(|c: char| !c.is_alphanumeric() && c != '!')
            .trim();
        let lower = cleaned.to_lowercase();
        let index = self
            .by_name
            .get(&lower)
            .or_else(|| self.by_name.get(lower.strip_prefix("the ")?))?;
        Some(&self.entries[*index])
    }

    /// Registry names that occur in `text` as whole words, in order of position.
    /// A match must keep the capitals the registry gives it, so the common word
    /// "time" does not name Time magazine.
    ///
    /// A name that is also a common word ("Time", "Metro", "Express",
    /// "Independent": one word of up to 12 letters, not an acronym) counts only
    /// where the line is about the publisher: a copyright line, or a line of at
    /// most three words.
    pub fn names_in<'a>(&'a self, text: &str) -> Vec<&'a OutletEntry> {
        let publisher_line = text.split_whitespace().count() <= 3
            || text.contains('©')
            || text.to_ascii_lowercase().contains("copyright")
            || text.to_ascii_lowercase().contains("all rights reserved");
        let mut found = Vec::new();
        for m in self.name_matcher.find_iter(text) {
            let (start, end) = (m.start(), m.end());
            let before_ok = text[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            let matched = &text[start..end];
            let starts_upper = matched.chars().next().is_some_and(|c| !c.is_lowercase());
            let (name, index) = &self.names[m.pattern().as_usize()];
            if before_ok
                && after_ok
                && starts_upper
                && (publisher_line || !is_common_word_name(name))
            {
                found.push(&self.entries[*index]);
            }
        }
        found
    }

    /// Resolves a generic government body ("Ministry of Foreign Affairs") to the
    /// registered body of `country`.
    pub fn generic_body(&self, text: &str, country: &str) -> Option<&OutletEntry> {
        let (_, canonical) = GENERIC_BODIES
            .iter()
            .find(|(generic, _)| text.contains(generic))?;
        self.entries.iter().find(|entry| {
            entry.country.as_deref() == Some(country)
                && entry.kind == OutletKind::State
                && entry.name.contains(canonical)
        })
    }
}

/// One word of letters, not all capitals: "Time", "Metro", "Reuters".
fn is_common_word_name(name: &str) -> bool {
    let letters = name.chars().count();
    !name.contains(char::is_whitespace)
        && letters <= 12
        && name.chars().all(char::is_alphabetic)
        && !name.chars().all(|c| c.is_uppercase())
}

impl OutletEntry {
    /// The entry as an [`Outlet`], with how it was recognised.
    pub fn to_outlet(&self, evidence: OutletEvidence, evidence_text: &str) -> Outlet {
        Outlet {
            name: self.name.clone(),
            domain: Some(self.domain.clone()),
            country: self.country.clone(),
            kind: self.kind,
            evidence,
            evidence_text: evidence_text.trim().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_registry_is_large_and_consistent() {
        let registry = OutletRegistry::shipped();
        assert!(
            registry.n_outlets() >= 300,
            "{} outlets",
            registry.n_outlets()
        );
        for entry in registry.entries() {
            assert!(entry.domain.contains('.'), "{entry:?}");
            if let Some(country) = &entry.country {
                assert!(
                    country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase()),
                    "{entry:?}"
                );
            }
        }
        let must_have = [
            "KCNA",
            "Rodong Sinmun",
            "RT",
            "TASS",
            "Sputnik",
            "RIA Novosti",
            "Xinhua",
            "CGTN",
            "Global Times",
            "Press TV",
            "IRNA",
            "AP",
            "Reuters",
            "AFP",
            "Yonhap",
            "Kyodo",
            "dpa",
            "EFE",
            "ANSA",
            "PTI",
            "Anadolu",
            "Ukrinform",
            "Interfax",
        ];
        for name in must_have {
            assert!(registry.by_exact_name(name).is_some(), "{name} missing");
        }
    }

    #[test]
    fn hosts_and_names() {
        let registry = OutletRegistry::shipped();
        assert_eq!(
            registry.by_host("www.koreaherald.com").unwrap().name,
            "The Korea Herald"
        );
        assert_eq!(registry.by_host("m.yna.co.kr").unwrap().name, "Yonhap");
        assert!(registry.by_host("example.com").is_none());
        assert!(registry.by_host("co.uk").is_none());
        assert_eq!(
            registry.by_exact_name("Associated press").unwrap().name,
            "Associated Press"
        );
        assert_eq!(registry.by_exact_name("(Yonhap)").unwrap().name, "Yonhap");
        let names: Vec<_> = registry
            .names_in("The Korea Herald by Herald Corporation")
            .iter()
            .map(|e| e.name.clone())
            .collect();
        assert_eq!(names, ["The Korea Herald"]);
        assert!(registry.names_in("it was time to act").is_empty());
        assert!(
            registry
                .names_in("Time to act on the Independent Press Standards code")
                .is_empty()
        );
        assert_eq!(registry.names_in("© 2022 Time").len(), 1);
        assert_eq!(
            registry.names_in("По данным ТАСС, переговоры завершились")[0].name,
            "TASS"
        );
        assert_eq!(
            registry
                .generic_body("Source: Ministry of Foreign Affairs (EN)", "KP")
                .unwrap()
                .domain,
            "mfa.gov.kp"
        );
        assert!(
            registry
                .generic_body("Ministry of Foreign Affairs", "ZZ")
                .is_none()
        );
    }
}
