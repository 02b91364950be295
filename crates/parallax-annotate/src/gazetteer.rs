//! The shipped gazetteer: states, territories, places, organisations, office
//! holders and titles, read once from `data/*.txt` (general facts written for
//! parallax), with the matchers built over them.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use parallax_core::{EntityKind, Gender, PartialDate, Sector};

const COUNTRIES: &str = include_str!("../data/countries.txt");
const ENTITIES: &str = include_str!("../data/entities.txt");
const OFFICEHOLDERS: &str = include_str!("../data/officeholders.txt");
const TITLES: &str = include_str!("../data/titles.txt");

/// One identity in the gazetteer.
#[derive(Debug)]
pub(crate) struct Record {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) kind: EntityKind,
    pub(crate) country: Option<String>,
    pub(crate) gender: Option<Gender>,
}

/// How a gazetteer form names its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FormKind {
    Name,
    Short,
    Adjective,
    Capital,
    Institution,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Form {
    pub(crate) record: usize,
    pub(crate) kind: FormKind,
    pub(crate) sector: Option<Sector>,
}

/// An office held by a person over a period.
#[derive(Debug)]
pub(crate) struct Term {
    pub(crate) holder: usize,
    /// The state, territory or organisation id the office belongs to.
    pub(crate) of: String,
    pub(crate) office: String,
    pub(crate) start: Option<PartialDate>,
    pub(crate) end: Option<PartialDate>,
}

/// A title that designates a person ("foreign minister", "Mrs").
#[derive(Debug, Clone)]
pub(crate) struct Title {
    pub(crate) sector: Option<Sector>,
    pub(crate) office: Option<String>,
    pub(crate) gender: Option<Gender>,
}

/// The gazetteer and its matchers.
pub struct Gazetteer {
    pub(crate) records: Vec<Record>,
    /// Parallel to the patterns of `names`.
    pub(crate) forms: Vec<Form>,
    pub(crate) names: AhoCorasick,
    pub(crate) terms: Vec<Term>,
    /// Parallel to the patterns of `titles_matcher`.
    pub(crate) titles: Vec<Title>,
    pub(crate) titles_matcher: AhoCorasick,
    by_folded: HashMap<String, Option<usize>>,
    by_key: HashMap<String, Option<usize>>,
    by_id: HashMap<String, usize>,
}

static BUILTIN: LazyLock<Arc<Gazetteer>> = LazyLock::new(|| Arc::new(Gazetteer::with_extra(&[])));

impl Gazetteer {
    /// The gazetteer shipped with parallax.
    pub fn builtin() -> &'static Gazetteer {
        &BUILTIN
    }

    /// The shipped gazetteer, shared.
    pub(crate) fn builtin_shared() -> Arc<Gazetteer> {
        Arc::clone(&BUILTIN)
    }

    /// The id a name resolves to ("Kiev" → "UKR", "Choe Sun Hui" →
    /// "person:choe-son-hui"): first the exact spelling, then the spelling
    /// folded for case and diacritics, then its [`name_key`], when that key
    /// belongs to one identity only.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        self.lookup(name).map(|i| self.records[i].id.as_str())
    }

    pub(crate) fn lookup(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        if let Some(&found) = self.by_folded.get(&fold(name)) {
            return found;
        }
        self.by_key.get(&name_key(name)).copied().flatten()
    }

    pub(crate) fn by_id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    pub(crate) fn record(&self, i: usize) -> &Record {
        &self.records[i]
    }

    /// Who held `office` of `of` on `date`.
    pub(crate) fn holder(&self, of: &str, office: &str, date: PartialDate) -> Option<usize> {
        let day = date.to_days()?;
        self.terms
            .iter()
            .find(|t| {
                t.of == of
                    && t.office == office
                    && t.start.and_then(|s| s.to_days()).is_none_or(|s| s <= day)
                    && t.end.and_then(|e| e.to_days()).is_none_or(|e| day <= e)
            })
            .map(|t| t.holder)
    }

    /// The shipped gazetteer plus `extra` (name, id) actors.
    pub fn with_extra(extra: &[(String, String)]) -> Gazetteer {
        let mut builder = Builder::default();
        for fields in rows(COUNTRIES) {
            let [code, names, adjectives, capitals] = fields[..] else {
                continue;
            };
            let id = code.split_whitespace().next().unwrap_or(code);
            let names = list(names);
            let Some(&canonical) = names.first() else {
                continue;
            };
            let record = builder.record(id, canonical, EntityKind::State, Some(id), None);
            for name in names {
                builder.form(name, record, name_form(name), None);
            }
            for adjective in list(adjectives) {
                builder.form(adjective, record, FormKind::Adjective, None);
            }
            for capital in list(capitals) {
                builder.form(capital, record, FormKind::Capital, None);
            }
        }
        for fields in rows(ENTITIES) {
            let [id, kind, country, sector, names] = fields[..] else {
                continue;
            };
            let names = list(names);
            let Some(&canonical) = names.first() else {
                continue;
            };
            let sector = Sector::from_code(sector);
            let country = (country != "-").then_some(country);
            if kind == "institution" {
                if let Some(&record) = builder.ids.get(id) {
                    for name in names {
                        builder.form(name, record, FormKind::Institution, sector);
                    }
                }
                continue;
            }
            let kind = match kind {
                "territory" => EntityKind::Territory,
                "region" | "city" => EntityKind::Place,
                "igo" => EntityKind::Organisation,
                "ngo" => EntityKind::Ngo,
                "group" => EntityKind::Group,
                "party" => EntityKind::Party,
                "agency" => EntityKind::Agency,
                _ => continue,
            };
            let record = builder.record(id, canonical, kind, country, None);
            for name in names {
                builder.form(name, record, name_form(name), sector);
            }
        }
        for fields in rows(OFFICEHOLDERS) {
            let [id, gender, of, office, start, end, names] = fields[..] else {
                continue;
            };
            let names = list(names);
            let Some(&canonical) = names.first() else {
                continue;
            };
            let gender = match gender {
                "f" => Some(Gender::Female),
                "m" => Some(Gender::Male),
                _ => None,
            };
            let country = (!of.contains(':')).then_some(of);
            let record = builder.record(id, canonical, EntityKind::Person, country, gender);
            for name in names {
                builder.form(name, record, FormKind::Name, None);
            }
            if office != "OFF" {
                builder.terms.push(Term {
                    holder: record,
                    of: of.to_string(),
                    office: office.to_string(),
                    start: parse_day(start),
                    end: parse_day(end),
                });
            }
        }
        // The user's actors come first among names of the same length: their
        // dictionary decides what its names mean.
        let shipped = builder.patterns.len();
        for (name, id) in extra
            .iter()
            .filter(|(name, id)| !name.trim().is_empty() && !id.is_empty())
        {
            let record = builder.record(id, name, EntityKind::State, Some(id), None);
            builder.form(name, record, name_form(name), None);
        }
        let added = builder.patterns.len() - shipped;
        builder.patterns.rotate_right(added);
        builder.forms.rotate_right(added);
        let mut titles = Vec::new();
        let mut title_patterns = Vec::new();
        for fields in rows(TITLES) {
            let [title, sector, office, gender] = fields[..] else {
                continue;
            };
            titles.push(Title {
                sector: Sector::from_code(sector),
                office: (office != "-").then(|| office.to_string()),
                gender: match gender {
                    "f" => Some(Gender::Female),
                    "m" => Some(Gender::Male),
                    _ => None,
                },
            });
            title_patterns.push(title.to_string());
        }
        let names = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Both)
            .build(&builder.patterns)
            .expect("the gazetteer's patterns build");
        let titles_matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&title_patterns)
            .expect("the titles build");
        Gazetteer {
            records: builder.records,
            forms: builder.forms,
            names,
            terms: builder.terms,
            titles,
            titles_matcher,
            by_folded: builder.by_folded,
            by_key: builder.by_key,
            by_id: builder.ids,
        }
    }
}

#[derive(Default)]
struct Builder {
    records: Vec<Record>,
    ids: HashMap<String, usize>,
    patterns: Vec<String>,
    forms: Vec<Form>,
    terms: Vec<Term>,
    by_folded: HashMap<String, Option<usize>>,
    by_key: HashMap<String, Option<usize>>,
}

impl Builder {
    fn record(
        &mut self,
        id: &str,
        name: &str,
        kind: EntityKind,
        country: Option<&str>,
        gender: Option<Gender>,
    ) -> usize {
        if let Some(&i) = self.ids.get(id) {
            return i;
        }
        self.records.push(Record {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            country: country.map(str::to_string),
            gender,
        });
        self.ids.insert(id.to_string(), self.records.len() - 1);
        self.records.len() - 1
    }

    fn form(&mut self, name: &str, record: usize, kind: FormKind, sector: Option<Sector>) {
        // An empty name would match between any two bytes, even inside a
        // character.
        if name.trim().is_empty() {
            return;
        }
        // Both apostrophes: outlets write "People's" and "People’s".
        let mut spellings = vec![name.to_string()];
        if name.contains('\'') {
            spellings.push(name.replace('\'', "’"));
        }
        for spelling in spellings {
            self.patterns.push(spelling);
            self.forms.push(Form {
                record,
                kind,
                sector,
            });
        }
        // Adjectives ("US") and capitals are not names to resolve on their
        // own, but they still point at one identity.
        let index = |map: &mut HashMap<String, Option<usize>>, key: String| {
            if key.is_empty() {
                return;
            }
            let entry = map.entry(key).or_insert(Some(record));
            if *entry != Some(record) {
                *entry = None;
            }
        };
        index(&mut self.by_folded, fold(name));
        if kind != FormKind::Short {
            index(&mut self.by_key, name_key(name));
        }
    }
}

fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split(" | ").map(str::trim).collect())
}

fn list(field: &str) -> Vec<&str> {
    field
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-")
        .collect()
}

fn name_form(name: &str) -> FormKind {
    let has_lower = name.chars().any(char::is_lowercase);
    if !has_lower || name.starts_with("N. ") || name.starts_with("S. ") {
        FormKind::Short
    } else {
        FormKind::Name
    }
}

fn parse_day(field: &str) -> Option<PartialDate> {
    PartialDate::parse_iso(field)
}

/// Lowercase, without diacritics, apostrophes unified, spaces collapsed.
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '’' | '`' | 'ʼ' => out.push('\''),
            c => out.extend(ascii_fold(c).to_lowercase()),
        }
    }
    out
}

/// A key under which spelling variants of one name meet: transliterations
/// (Choe Son Hui / Choe Sun Hui, Kyiv / Kiev, Luhansk / Lugansk, Kharkiv /
/// Kharkov, Zelensky / Zelenskyy), hyphenation (Son-hui / Son Hui) and
/// doubled letters (Odesa / Odessa, Donbas / Donbass). Each word keeps its
/// first letter and its consonants, with `kh` and `g` read as `h`, `w` as
/// `v`, `ph` as `f` and `x` as `ks`, doubled letters once.
///
/// ```
/// use parallax_annotate::name_key;
/// assert_eq!(name_key("Choe Son-hui"), name_key("Choe Sun Hui"));
/// assert_eq!(name_key("Lugansk"), name_key("Luhansk"));
/// assert_ne!(name_key("Kim Jong Un"), name_key("Kim Jong Il"));
/// ```
pub fn name_key(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    for word in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        // German and Polish transliterations: "Dmitrij", "Klitschko".
        let word = match word.strip_suffix("ij") {
            Some(stem) => format!("{stem}i"),
            None => word.to_string(),
        };
        let word = word
            .replace("tsch", "ch")
            .replace("kh", "h")
            .replace("ph", "f")
            .replace('g', "h")
            .replace('w', "v")
            .replace('x', "ks");
        if !out.is_empty() {
            out.push(' ');
        }
        let mut last = None;
        for (i, c) in word.chars().enumerate() {
            let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
            if (i > 0 && vowel) || last == Some(c) {
                continue;
            }
            out.push(c);
            last = Some(c);
        }
    }
    out
}

fn ascii_fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'U',
        'ý' | 'ÿ' => 'y',
        'ğ' => 'g',
        'ş' | 'ś' | 'š' | 'ș' => 's',
        'Ş' | 'Ś' | 'Š' | 'Ș' => 'S',
        'ł' => 'l',
        'Ł' => 'L',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        'ř' => 'r',
        'ț' => 't',
        c => c,
    }
}
