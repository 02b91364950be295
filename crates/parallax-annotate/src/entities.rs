//! Entities and their mentions: gazetteer names, capitals read as metonym or
//! place, people found by title and name shape, roles resolved to office
//! holders on the article's date, surname back-references and pronouns.
//!
//! Each rule adds draft mentions; overlapping drafts keep the first and
//! longest; the drafts are then grouped into entities by id.

use std::collections::HashMap;
use std::sync::LazyLock;

use parallax_core::{
    Entity, EntityKind, EntityMention, Gender, MentionForm, PartialDate, Sector, TextRange,
};
use regex::Regex;

use crate::gazetteer::{FormKind, Gazetteer, fold, name_key};
use crate::text::sentences;

/// What a draft mention points at, before entities get their indexes.
#[derive(Debug, Clone)]
enum Target {
    Record(usize),
    /// A person not in the gazetteer, by the name as written.
    Person {
        name: String,
    },
    /// A person known only by a role: "role:PRK:foreign-minister".
    Role {
        id: String,
        name: String,
    },
    /// People described by what they are: "collective:demonstrators".
    Collective {
        id: String,
        name: String,
    },
}

#[derive(Debug, Clone)]
struct Draft {
    start: usize,
    end: usize,
    target: Target,
    form: MentionForm,
    sector: Option<Sector>,
    /// A title's or pronoun's gender.
    gender: Option<Gender>,
    /// For people: the role the text gives them.
    role: Option<String>,
    /// For people: the state their title ties them to ("Iraqi President").
    country: Option<String>,
    rule: &'static str,
}

/// Words that start a capitalised run but are not names.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "On",
    "In",
    "At",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "And",
    "But",
    "Or",
    "As",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "If",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "President",
    "Minister",
    "Foreign",
    "Prime",
    "Deputy",
    "Vice",
    "Ambassador",
    "General",
    "Secretary",
    "State",
    "Ministry",
    "Government",
    "Republic",
    "People's",
    "People’s",
    "Democratic",
    "Council",
    "Party",
    "News",
    "Agency",
    "Committee",
    "Office",
    "Department",
    "Embassy",
    "Region",
    "Oblast",
    "City",
    "North",
    "South",
    "East",
    "West",
    "Central",
    "National",
    "International",
    "Union",
    "United",
];

/// Speech verbs after which a capitalised run is a person.
static NAME_BEFORE_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{L}'’-]*){1,2})(?:,\s[^,]{3,60},)?\s+(?:said|says|told|added|noted|stated|wrote|posted|announced|claimed|stressed|insisted|argued|explained|warned|tweeted|declared|replied|recalled|urged)\b",
    )
    .expect("valid regex")
});

/// A country mention followed by a body that speaks for it: "Ukraine's
/// Foreign Ministry", "North Korean diplomats", "the Kiev regime".
static BODY_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:['’]s)?\s+(?i:(foreign ministry|ministry of foreign affairs|foreign affairs ministry|foreign office|diplomats?|diplomatic mission|embassy|mission|envoys?)|(defen[cs]e ministry|ministry of defen[cs]e|army|military|armed forces|forces|troops|soldiers|navy|air force)|(government|regime|authorities|administration|cabinet|leadership|presidency|officials)|(parliament|legislature|lawmakers)|(police)|(state media|state news agency|state television|state-run media|media)|(intelligence|security services?))\b",
    )
    .expect("valid regex")
});

/// What may stand between a country and the title it qualifies:
/// "DPRK [North Korea] The Foreign Minister", "Ukraine's former".
static TITLE_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:\s+|['’]s\b|[\]\)]|\[[^\]\n]{0,40}\]|\([^)\n]{0,40}\)|(?i:the|former|ex-|then-|then|acting|new|current|top)\b)*$",
    )
    .expect("valid regex")
});

static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:([Hh]e|[Hh]im|[Hh]is|[Hh]imself)|([Ss]he|[Hh]er|[Hh]ers|[Hh]erself))\b")
        .expect("valid regex")
});

static THE_NORTH_SOUTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b[Tt]he (North|South)\b").expect("valid regex"));

/// Prepositions after which a capital is a place, not its government.
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "to",
    "from",
    "at",
    "into",
    "near",
    "visit",
    "visited",
    "visiting",
    "outside",
    "across",
    "around",
    "via",
    "between",
    "toward",
    "towards",
    "inside",
    "throughout",
    "of",
    "over",
    "on",
];

/// Finds the entities `text` names. `date` is the article's date, for
/// resolving roles ("the Foreign Minister") to the office holder of the day.
pub(crate) fn annotate_entities(
    text: &str,
    gazetteer: &Gazetteer,
    date: Option<PartialDate>,
) -> (Vec<Entity>, Vec<EntityMention>) {
    let mut drafts = gazetteer_drafts(text, gazetteer);
    korea_shorthand(text, gazetteer, &mut drafts);
    drafts.sort_by_key(|d| d.start);
    let mut titled = title_drafts(text, gazetteer, &drafts, date);
    drafts.append(&mut titled);
    drafts.sort_by_key(|d| d.start);
    let mut named = name_before_verb(text, gazetteer, &drafts);
    drafts.append(&mut named);
    let mut drafts = without_overlaps(drafts);
    bodies(text, &mut drafts);
    collectives(text, &mut drafts);
    back_references(text, gazetteer, &mut drafts);
    let drafts = without_overlaps(drafts);
    let (mut entities, mut mentions) = group(gazetteer, &drafts);
    pronouns(text, &mut entities, &mut mentions);
    (entities, mentions)
}

/// The longest gazetteer name, in bytes: a draft that overlaps `from..`
/// starts at most this far before it.
const LONGEST_NAME: usize = 120;

/// The drafts (sorted by start) that may overlap `from..to`.
fn near(drafts: &[Draft], from: usize, to: usize) -> &[Draft] {
    let first = drafts.partition_point(|d| d.start + LONGEST_NAME < from);
    let last = drafts.partition_point(|d| d.start < to);
    &drafts[first..last.max(first)]
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `start..end` is a whole word run in `text`.
fn bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let ends_with_dot = text[..end].ends_with('.');
    before.is_none_or(|c| !is_word_char(c))
        && (ends_with_dot || after.is_none_or(|c| !is_word_char(c)))
}

fn previous_word(text: &str, at: usize) -> &str {
    let before = text[..at].trim_end();
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric() && c != '-')
        .map_or(0, |(i, c)| i + c.len_utf8());
    &before[start..]
}

fn next_word_is_capitalised(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let trimmed = rest.trim_start_matches([' ', '\t']);
    // Only a space apart: "Washington Post", not "Washington. The".
    trimmed.len() < rest.len() && trimmed.chars().next().is_some_and(char::is_uppercase)
}

fn gazetteer_drafts(text: &str, gazetteer: &Gazetteer) -> Vec<Draft> {
    let mut drafts = Vec::new();
    let mut at = 0;
    while let Some(m) = gazetteer
        .names
        .find(aho_corasick::Input::new(text).span(at..text.len()))
    {
        let (start, mut end) = (m.start(), m.end());
        // A rejected match does not hide names that start inside it ("The
        // Ku" in "The Kuwait government"): the search goes on from the next
        // character.
        at = start + text[start..].chars().next().map_or(1, char::len_utf8);
        if start == end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        let mut pattern = m.pattern();
        if !bounded(text, start, end) {
            // "Lugansk People's Republics": the longest name does not end on
            // a word boundary; a shorter one at the same place may.
            match shorter_match(text, gazetteer, start, end) {
                Some((e, p)) => (end, pattern) = (e, p),
                None => continue,
            }
        }
        at = end;
        let form = gazetteer.forms[pattern.as_usize()];
        let record = gazetteer.record(form.record);
        // "New Jersey", "New Mexico": part of a longer name.
        if text[..start].ends_with("New ") {
            continue;
        }
        let mention_form = match form.kind {
            FormKind::Name if record.kind == EntityKind::Place => MentionForm::Place,
            FormKind::Name => MentionForm::Name,
            FormKind::Short => MentionForm::Short,
            FormKind::Adjective => MentionForm::Adjective,
            FormKind::Institution => MentionForm::Institution,
            FormKind::Capital => {
                // "Washington Post", "Moscow Region": part of another name.
                if next_word_is_capitalised(text, end) {
                    continue;
                }
                let previous = previous_word(text, start).to_lowercase();
                if PLACE_PREPOSITIONS.contains(&previous.as_str()) {
                    MentionForm::Place
                } else {
                    MentionForm::Metonym
                }
            }
        };
        let sector = form.sector.or(match form.kind {
            FormKind::Capital if mention_form == MentionForm::Metonym => Some(Sector::Government),
            _ => None,
        });
        drafts.push(Draft {
            start,
            end,
            target: Target::Record(form.record),
            form: mention_form,
            sector,
            gender: None,
            role: None,
            country: None,
            rule: match form.kind {
                FormKind::Capital => "gazetteer-capital",
                FormKind::Adjective => "gazetteer-adjective",
                FormKind::Institution => "gazetteer-institution",
                _ => "gazetteer-name",
            },
        });
    }
    drafts
}

/// The longest gazetteer name that starts at `start`, ends before `end` and
/// ends on a word boundary.
fn shorter_match(
    text: &str,
    gazetteer: &Gazetteer,
    start: usize,
    end: usize,
) -> Option<(usize, aho_corasick::PatternID)> {
    let mut limit = end;
    while let Some(space) = text[start..limit].rfind(|c: char| !c.is_alphanumeric()) {
        limit = start + space;
        if limit == start {
            break;
        }
        let input = aho_corasick::Input::new(&text[..limit])
            .range(start..limit)
            .anchored(aho_corasick::Anchored::Yes);
        if let Some(m) = gazetteer.names.find(input)
            && bounded(text, m.start(), m.end())
        {
            return Some((m.end(), m.pattern()));
        }
    }
    None
}

/// "the North" and "the South" stand for the two Koreas in a text about Korea.
fn korea_shorthand(text: &str, gazetteer: &Gazetteer, drafts: &mut Vec<Draft>) {
    let (Some(north), Some(south)) = (gazetteer.by_id("PRK"), gazetteer.by_id("KOR")) else {
        return;
    };
    let about_korea = drafts
        .iter()
        .any(|d| matches!(d.target, Target::Record(r) if r == north || r == south));
    if !about_korea {
        return;
    }
    for caps in THE_NORTH_SOUTH.captures_iter(text) {
        let (Some(all), Some(side)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        // "the North Atlantic": a longer name.
        if next_word_is_capitalised(text, all.end()) {
            continue;
        }
        drafts.push(Draft {
            start: all.start(),
            end: all.end(),
            target: Target::Record(if side.as_str() == "North" {
                north
            } else {
                south
            }),
            form: MentionForm::Short,
            sector: None,
            gender: None,
            role: None,
            country: None,
            rule: "korea-shorthand",
        });
    }
}

/// A state, territory or organisation named just before `at`, with only
/// articles, possessives and brackets between: "Ukraine's", "DPRK [North
/// Korea] The".
fn country_before<'d>(
    text: &str,
    drafts: &'d [Draft],
    gazetteer: &Gazetteer,
    at: usize,
) -> Option<&'d Draft> {
    near(drafts, at.saturating_sub(60), at)
        .iter()
        .filter(|d| d.end <= at && at - d.end <= 60 && is_polity(gazetteer, d))
        .max_by_key(|d| d.end)
        .filter(|d| TITLE_GAP.is_match(&text[d.end..at]))
}

/// A state, territory or organisation, by any form ("ambassador to Moscow").
fn names_polity(gazetteer: &Gazetteer, draft: &Draft) -> bool {
    matches!(draft.target, Target::Record(r) if matches!(
        gazetteer.record(r).kind,
        EntityKind::State | EntityKind::Territory | EntityKind::Organisation
    ))
}

fn is_polity(gazetteer: &Gazetteer, draft: &Draft) -> bool {
    let Target::Record(r) = draft.target else {
        return false;
    };
    draft.form != MentionForm::Place
        && matches!(
            gazetteer.record(r).kind,
            EntityKind::State | EntityKind::Territory | EntityKind::Organisation
        )
}

/// A person's name starting at `at`: one to four capitalised words, not a
/// gazetteer place or organisation.
fn name_at(
    text: &str,
    at: usize,
    drafts: &[Draft],
    gazetteer: &Gazetteer,
) -> Option<(usize, usize)> {
    // A gazetteer person starts here.
    if let Some(d) = near(drafts, at, at + 1).iter().find(|d| {
        d.start == at
            && matches!(d.target, Target::Record(r) if gazetteer.record(r).kind == EntityKind::Person)
    }) {
        return Some((d.start, d.end));
    }
    let mut end = at;
    let mut words = 0;
    let mut rest = &text[at..];
    loop {
        let word_len = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.')))
            .map_or(rest.len(), |(i, _)| i);
        let word = rest[..word_len].trim_end_matches(['.', '\'', '’']);
        let particle = matches!(
            word,
            "al" | "bin" | "ibn" | "von" | "van" | "der" | "de" | "da" | "di" | "le" | "la" | "el"
        );
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let word_start = text.len() - rest.len();
        let word_end = word_start + word.len();
        let overlaps_place = near(drafts, word_start, word_end).iter().any(|d| {
            d.start < word_end && word_start < d.end && matches!(d.target, Target::Record(r) if gazetteer.record(r).kind != EntityKind::Person)
        });
        if word.is_empty()
            || !(capitalised || particle && words > 0)
            || NOT_NAMES.contains(&word)
            || overlaps_place
            || word.chars().filter(|c| c.is_alphabetic()).count() < 2 && !word.ends_with('.')
        {
            break;
        }
        // An initial ("Joseph R. Biden") keeps its dot.
        let keep = if rest[word.len()..].starts_with('.') && word.len() == 1 {
            word.len() + 1
        } else {
            word.len()
        };
        end = word_start + keep;
        words += 1;
        rest = &rest[keep..];
        let Some(next) = rest.strip_prefix(' ') else {
            break;
        };
        if words == 4 {
            break;
        }
        rest = next;
    }
    // Trailing particles are not part of the name.
    while words > 1 {
        let Some(space) = text[at..end].rfind(' ') else {
            break;
        };
        if !text[at + space + 1..end].starts_with(char::is_lowercase) {
            break;
        }
        end = at + space;
        words -= 1;
    }
    (words > 0 && end > at).then_some((at, end))
}

fn slug(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn title_drafts(
    text: &str,
    gazetteer: &Gazetteer,
    drafts: &[Draft],
    date: Option<PartialDate>,
) -> Vec<Draft> {
    let mut out = Vec::new();
    for m in gazetteer.titles_matcher.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if !bounded(text, start, end)
            || near(drafts, start, end)
                .iter()
                .any(|d| d.start < end && start < d.end)
        {
            continue;
        }
        let title = &gazetteer.titles[m.pattern().as_usize()];
        let title_text = &text[start..end];
        let is_honorific = title.sector.is_none();
        let before = previous_word(text, start).to_lowercase();
        let former = matches!(
            before.as_str(),
            "former" | "ex" | "then" | "outgoing" | "late"
        ) || text[..start].ends_with("ex-")
            || text[..start].ends_with("then-");
        let mut country =
            country_before(text, drafts, gazetteer, start).map(|d| (d.target.clone(), d.end));
        let mut after = end;
        // "head of the DPR", "foreign minister of Ukraine"
        let rest = &text[end..];
        let of = [" of the ", " of "]
            .iter()
            .find_map(|p| rest.strip_prefix(p).map(|r| rest.len() - r.len()));
        if let Some(skip) = of
            && let Some(d) = near(drafts, end + skip, end + skip + 1)
                .iter()
                .find(|d| d.start == end + skip && is_polity(gazetteer, d))
        {
            if country.is_none() {
                country = Some((d.target.clone(), d.end));
            }
            after = d.end;
        }
        // "ambassador to Russia": the host, kept in the role text.
        let to = [" to the ", " to "]
            .iter()
            .find_map(|p| text[after..].strip_prefix(p).map(|r| text.len() - r.len()));
        if let Some(at) = to
            && let Some(d) = near(drafts, at, at + 1)
                .iter()
                .find(|d| d.start == at && names_polity(gazetteer, d))
            && title.office.is_none()
        {
            after = d.end;
        }
        let role_text = text[start..after].trim().to_string();
        let country_id = country.as_ref().and_then(|(t, _)| match t {
            Target::Record(r) => Some(gazetteer.record(*r).id.clone()),
            _ => None,
        });
        let role = match &country_id {
            Some(id) if after == end => Some(format!("{} ({id})", role_text)),
            _ => Some(role_text.clone()),
        };
        // The name: right after the title, or after "of X," / a comma.
        let mut name_start = after;
        let between = &text[after..];
        let skip = between.len() - between.trim_start_matches([' ', ',']).len();
        if skip > 0 && between[..skip].contains(',') == (after != end || skip > 1) {
            name_start = after + skip;
        } else if skip == 1 {
            name_start = after + 1;
        }
        let name = name_at(text, name_start, drafts, gazetteer);
        if let Some((a, b)) = name {
            let target = match near(drafts, a, a + 1)
                .iter()
                .find(|d| d.start == a && d.end == b)
            {
                Some(d) => d.target.clone(),
                None => person_target(gazetteer, &text[a..b]),
            };
            out.push(Draft {
                start: a,
                end: b,
                target,
                form: MentionForm::Name,
                sector: title.sector,
                gender: title.gender,
                role: (!is_honorific).then_some(role.unwrap_or_default()),
                country: country_id.clone(),
                rule: "title-name",
            });
            continue;
        }
        // A role alone: "the Foreign Minister" of a named state.
        let Some(country_id) = country_id else {
            continue;
        };
        if is_honorific {
            continue;
        }
        let holder = title
            .office
            .as_ref()
            .filter(|_| !former)
            .zip(date)
            .and_then(|(office, day)| {
                gazetteer.holder(&country_id, office, day).or_else(|| {
                    (office == "LEAD")
                        .then(|| gazetteer.holder(&country_id, "HOS", day))
                        .flatten()
                })
            });
        let target = match holder {
            Some(h) => Target::Record(h),
            None => Target::Role {
                id: format!("role:{country_id}:{}", slug(title_text)),
                name: role_text.clone(),
            },
        };
        out.push(Draft {
            start,
            end,
            target,
            form: MentionForm::Role,
            sector: title.sector,
            gender: title.gender,
            role: Some(role_text),
            country: None,
            rule: if holder.is_some() {
                "role-office-holder"
            } else {
                "role"
            },
        });
    }
    out
}

fn person_target(gazetteer: &Gazetteer, name: &str) -> Target {
    match gazetteer.lookup(name) {
        Some(r) if gazetteer.record(r).kind == EntityKind::Person => Target::Record(r),
        _ => Target::Person {
            name: name.to_string(),
        },
    }
}

/// "Denis Pushilin said": a capitalised run before a speech verb.
fn name_before_verb(text: &str, gazetteer: &Gazetteer, drafts: &[Draft]) -> Vec<Draft> {
    let mut out = Vec::new();
    for caps in NAME_BEFORE_VERB.captures_iter(text) {
        let Some(m) = caps.get(1) else { continue };
        let Some((a, b)) = name_at(text, m.start(), drafts, gazetteer) else {
            continue;
        };
        // Two words at least: a single capitalised word is too often a place.
        if !text[a..b].contains(' ') || near(drafts, a, b).iter().any(|d| d.start < b && a < d.end)
        {
            continue;
        }
        out.push(Draft {
            start: a,
            end: b,
            target: person_target(gazetteer, &text[a..b]),
            form: MentionForm::Name,
            sector: None,
            gender: None,
            role: None,
            country: None,
            rule: "name-before-verb",
        });
    }
    out
}

fn without_overlaps(mut drafts: Vec<Draft>) -> Vec<Draft> {
    drafts.sort_by_key(|d| (d.start, std::cmp::Reverse(d.end)));
    let mut kept: Vec<Draft> = Vec::with_capacity(drafts.len());
    for draft in drafts {
        if kept.last().is_none_or(|k| draft.start >= k.end) {
            kept.push(draft);
        }
    }
    kept
}

/// A sector from the body after a country: "Ukraine's Foreign Ministry" is
/// UKR speaking as FM.
fn bodies(text: &str, drafts: &mut [Draft]) {
    for draft in drafts.iter_mut() {
        if !matches!(draft.target, Target::Record(_)) || draft.form == MentionForm::Place {
            continue;
        }
        let Some(caps) = BODY_AFTER.captures(&text[draft.end..]) else {
            continue;
        };
        let sectors = [
            Sector::Foreign,
            Sector::Military,
            Sector::Government,
            Sector::Legislature,
            Sector::Police,
            Sector::Media,
            Sector::Intelligence,
        ];
        if let Some(sector) = (1..=sectors.len())
            .find(|&i| caps.get(i).is_some())
            .map(|i| sectors[i - 1])
        {
            draft.sector = Some(sector);
        }
    }
}

/// People described by what they are, with the sector they act in. The
/// flag says whether the word names actors alone ("demonstrators blocked")
/// or only after a state ("Israeli tanks fired").
const COLLECTIVES: &[(&str, Sector, bool)] = &[
    ("demonstrators", Sector::Civilians, true),
    ("protesters", Sector::Civilians, true),
    ("protestors", Sector::Civilians, true),
    ("marchers", Sector::Civilians, true),
    ("rioters", Sector::Civilians, true),
    ("crowds", Sector::Civilians, true),
    ("mob", Sector::Civilians, true),
    ("mobs", Sector::Civilians, true),
    ("youths", Sector::Civilians, true),
    ("villagers", Sector::Civilians, true),
    ("residents", Sector::Civilians, true),
    ("civilians", Sector::Civilians, true),
    ("settlers", Sector::Civilians, true),
    ("farmers", Sector::Civilians, true),
    ("peasants", Sector::Civilians, true),
    ("inhabitants", Sector::Civilians, true),
    ("citizens", Sector::Civilians, false),
    ("people", Sector::Civilians, false),
    ("hackers", Sector::Civilians, true),
    ("prisoners", Sector::Civilians, true),
    ("elders", Sector::Civilians, true),
    ("inmates", Sector::Civilians, true),
    ("detainees", Sector::Civilians, true),
    ("workers", Sector::Labour, true),
    ("strikers", Sector::Labour, true),
    ("miners", Sector::Labour, true),
    ("trade unions", Sector::Labour, true),
    ("unions", Sector::Labour, false),
    ("students", Sector::Education, true),
    ("opposition", Sector::Opposition, true),
    ("opposition groups", Sector::Opposition, true),
    ("opposition parties", Sector::Opposition, true),
    ("dissidents", Sector::Opposition, true),
    ("activists", Sector::Opposition, true),
    ("rights groups", Sector::Ngo, true),
    ("rebels", Sector::Rebels, true),
    ("insurgents", Sector::Rebels, true),
    ("guerrillas", Sector::Rebels, true),
    ("guerillas", Sector::Rebels, true),
    ("militants", Sector::Rebels, true),
    ("gunmen", Sector::Rebels, true),
    ("militiamen", Sector::Rebels, true),
    ("militias", Sector::Rebels, true),
    ("fighters", Sector::Rebels, true),
    ("separatists", Sector::Rebels, true),
    ("fundamentalists", Sector::Radicals, true),
    ("extremists", Sector::Radicals, true),
    ("islamists", Sector::Radicals, true),
    ("jihadists", Sector::Radicals, true),
    ("hardliners", Sector::Radicals, true),
    ("refugees", Sector::Refugees, true),
    ("asylum seekers", Sector::Refugees, true),
    ("soldiers", Sector::Military, true),
    ("troops", Sector::Military, true),
    ("servicemen", Sector::Military, true),
    ("security forces", Sector::Military, true),
    ("forces", Sector::Military, false),
    ("tanks", Sector::Military, false),
    ("warplanes", Sector::Military, false),
    ("warships", Sector::Military, false),
    ("jets", Sector::Military, false),
    ("helicopters", Sector::Military, false),
    ("aircraft", Sector::Military, false),
    ("gunships", Sector::Military, false),
    ("drones", Sector::Military, false),
    ("planes", Sector::Military, false),
    ("gunboats", Sector::Military, false),
    ("artillery", Sector::Military, false),
    ("senators", Sector::Legislature, true),
    ("lawmakers", Sector::Legislature, true),
    ("legislators", Sector::Legislature, true),
    ("congressmen", Sector::Legislature, true),
    ("parliamentarians", Sector::Legislature, true),
    ("diplomats", Sector::Foreign, false),
    ("police", Sector::Police, true),
    ("policemen", Sector::Police, true),
    ("riot police", Sector::Police, true),
    ("police officers", Sector::Police, true),
];

static COLLECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    let mut words: Vec<&str> = COLLECTIVES.iter().map(|c| c.0).collect();
    // Longest first: "opposition groups" before "opposition".
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    // ASCII word boundaries keep the regex on its DFA over non-ASCII text.
    Regex::new(&format!(r"(?i-u:\b)(?i:{})(?-u:\b)", words.join("|"))).expect("valid regex")
});

/// What may stand between a state and the people it qualifies: "Israeli
/// security forces", "Gondor's striking workers", "Palestinian youths".
static STATE_TO_COLLECTIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:['’]s)?\s+(?:[\p{Ll}-]+\s+){0,2}$").expect("valid regex"));

/// Words after which a collective noun is a modifier, not the actor:
/// "opposition leader Maulana", "police station", "refugees camp".
static COLLECTIVE_AS_MODIFIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?i:leaders?|chiefs?|party|parties|coalition|newspapers?|stations?|spokes(?:man|woman|person)|officials?|camps?|figures?|candidates?|members?|commanders?|headquarters|unit|units|vehicles?|academy|custody|reports?|sources?)\b").expect("valid regex")
});

/// People described by what they are: after a state ("Palestinian youths",
/// "Israeli tanks") the state's mention takes their sector; alone
/// ("Demonstrators in Baghdad blocked a road") they are a collective entity.
fn collectives(text: &str, drafts: &mut Vec<Draft>) {
    let mut added = Vec::new();
    for m in COLLECTIVE.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        let lower = m.as_str().to_lowercase();
        let Some(&(word, sector, alone)) = COLLECTIVES.iter().find(|c| c.0 == lower) else {
            continue;
        };
        if COLLECTIVE_AS_MODIFIER.is_match(&text[end..]) {
            continue;
        }
        let nearby = near(drafts, start, end);
        if nearby.iter().any(|d| d.start < end && start < d.end) {
            continue;
        }
        // Drafts are sorted by start and do not overlap: the closest one
        // before it, if only modifiers lie between.
        let next = drafts.partition_point(|d| d.start < end);
        let before = next
            .checked_sub(1)
            .filter(|&i| drafts[i].end <= start)
            .filter(|&i| STATE_TO_COLLECTIVE.is_match(&text[drafts[i].end..start]));
        if let Some(i) = before {
            let d = &mut drafts[i];
            if matches!(d.target, Target::Record(_)) && d.form != MentionForm::Place {
                d.sector.get_or_insert(sector);
                continue;
            }
        }
        // "Activists in Arnor", "students from Serbia": the state they are
        // of takes their sector.
        if let Some(after) = drafts.get_mut(next).filter(|d| {
            d.start - end < 16
                && COLLECTIVE_OF_STATE.is_match(&text[end..d.start])
                && matches!(d.target, Target::Record(_))
                && d.form != MentionForm::Place
        }) {
            after.sector.get_or_insert(sector);
            continue;
        }
        // "people" and "forces" act alone only when counted: "thousands of
        // people".
        let mut from = start.saturating_sub(60);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let counted = COUNTED.is_match(&text[from..start]);
        if !alone && !counted {
            continue;
        }
        added.push(Draft {
            start,
            end,
            target: Target::Collective {
                id: format!("collective:{}", word.replace(' ', "-")),
                name: word.to_string(),
            },
            form: MentionForm::Role,
            sector: Some(sector),
            gender: None,
            role: None,
            country: None,
            rule: "collective",
        });
    }
    drafts.append(&mut added);
    drafts.sort_by_key(|d| d.start);
}

/// "in", "from the", "of": what joins a collective to its state after it.
static COLLECTIVE_OF_STATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+(?:in|from|of)\s+(?:the\s+)?$").expect("valid regex"));

/// "thousands of", "hundreds of Palestinian": a count before a collective.
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:thousands|hundreds|dozens|scores|millions|tens)\s+of\s+(?:[\p{L}-]+\s+){0,2}$",
    )
    .expect("valid regex")
});

/// The word of a person's name that the text repeats alone: the family name,
/// first for Korean, Chinese and Vietnamese names, last otherwise.
fn surname(name: &str, country: Option<&str>) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let family_first = matches!(country, Some("PRK" | "KOR" | "CHN" | "TWN" | "VNM"))
        || words.last().is_some_and(|w| {
            w.contains('-') && w.chars().any(char::is_lowercase) && words.len() == 2
        });
    let word = if family_first {
        words[0]
    } else {
        words[words.len() - 1]
    };
    (word.chars().count() > 1).then(|| word.trim_end_matches(['.', ',']).to_string())
}

/// Later mentions of people already named: the full name again, or the
/// surname alone ("Pushilin", "Choe").
fn back_references(text: &str, gazetteer: &Gazetteer, drafts: &mut Vec<Draft>) {
    let mut people: Vec<(String, Target, Option<String>)> = Vec::new();
    for d in drafts.iter() {
        let (name, country) = match &d.target {
            Target::Record(r) if gazetteer.record(*r).kind == EntityKind::Person => (
                text[d.start..d.end].to_string(),
                gazetteer.record(*r).country.clone(),
            ),
            Target::Person { name } => (name.clone(), None),
            _ => continue,
        };
        if d.form != MentionForm::Name {
            continue;
        }
        if !people.iter().any(|(n, _, _)| *n == name) {
            people.push((name, d.target.clone(), country));
        }
    }
    let mut found = Vec::new();
    for (name, target, country) in &people {
        for (at, _) in text.match_indices(name.as_str()) {
            if bounded(text, at, at + name.len()) {
                found.push(Draft {
                    start: at,
                    end: at + name.len(),
                    target: target.clone(),
                    form: MentionForm::Name,
                    sector: None,
                    gender: None,
                    role: None,
                    country: None,
                    rule: "name-repeated",
                });
            }
        }
        let Some(surname) = surname(name, country.as_deref()) else {
            continue;
        };
        // Two people with one surname: a bare surname is ambiguous.
        let shared = people
            .iter()
            .filter(|(n, _, c)| surname_matches(n, c.as_deref(), &surname))
            .count();
        if shared > 1 {
            continue;
        }
        for (at, _) in text.match_indices(surname.as_str()) {
            let end = at + surname.len();
            if bounded(text, at, end) && !next_word_is_capitalised(text, end) {
                found.push(Draft {
                    start: at,
                    end,
                    target: target.clone(),
                    form: MentionForm::Surname,
                    sector: None,
                    gender: None,
                    role: None,
                    country: None,
                    rule: "surname",
                });
            }
        }
    }
    drafts.extend(found);
}

fn surname_matches(name: &str, country: Option<&str>, wanted: &str) -> bool {
    surname(name, country).is_some_and(|s| s == wanted)
}

/// Groups drafts into entities by id, in order of first mention.
fn group(gazetteer: &Gazetteer, drafts: &[Draft]) -> (Vec<Entity>, Vec<EntityMention>) {
    let mut entities: Vec<Entity> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    // People not in the gazetteer meet under their name key.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut mentions = Vec::with_capacity(drafts.len());
    for d in drafts {
        let index = match &d.target {
            Target::Record(r) => {
                let record = gazetteer.record(*r);
                *by_id.entry(record.id.clone()).or_insert_with(|| {
                    entities.push(Entity {
                        id: record.id.clone(),
                        name: record.name.clone(),
                        kind: record.kind,
                        country: record.country.clone(),
                        gender: record.gender,
                        role: None,
                        gender_conflicts: Vec::new(),
                    });
                    entities.len() - 1
                })
            }
            Target::Person { name } => {
                let key = name_key(name);
                let found = by_key.get(&key).copied().or_else(|| {
                    // "Pushilin" alone after "Denis Pushilin": the same person.
                    entities.iter().position(|e| {
                        e.kind == EntityKind::Person
                            && e.id.starts_with("person:")
                            && name_key(&e.name).ends_with(&format!(" {key}"))
                    })
                });
                match found {
                    Some(i) => i,
                    None => {
                        entities.push(Entity {
                            id: format!("person:{}", slug(name)),
                            name: name.clone(),
                            kind: EntityKind::Person,
                            country: None,
                            gender: None,
                            role: None,
                            gender_conflicts: Vec::new(),
                        });
                        by_key.insert(key, entities.len() - 1);
                        entities.len() - 1
                    }
                }
            }
            Target::Collective { id, name } => *by_id.entry(id.clone()).or_insert_with(|| {
                entities.push(Entity {
                    id: id.clone(),
                    name: name.clone(),
                    kind: EntityKind::Collective,
                    country: None,
                    gender: None,
                    role: None,
                    gender_conflicts: Vec::new(),
                });
                entities.len() - 1
            }),
            Target::Role { id, name } => *by_id.entry(id.clone()).or_insert_with(|| {
                let country = id.split(':').nth(1).map(str::to_string);
                entities.push(Entity {
                    id: id.clone(),
                    name: name.clone(),
                    kind: EntityKind::Person,
                    country,
                    gender: None,
                    role: Some(name.clone()),
                    gender_conflicts: Vec::new(),
                });
                entities.len() - 1
            }),
        };
        let entity = &mut entities[index];
        if entity.role.is_none() {
            entity.role.clone_from(&d.role);
        }
        if entity.gender.is_none() && d.form != MentionForm::Pronoun {
            entity.gender = d.gender;
        }
        if entity.country.is_none() {
            entity.country.clone_from(&d.country);
        }
        mentions.push(EntityMention {
            range: TextRange::from_usize(d.start, d.end),
            entity: index,
            form: d.form,
            sector: d.sector,
            gender: None,
            rule: d.rule,
        });
    }
    (entities, mentions)
}

/// Links each personal pronoun to the nearest person mentioned in its own
/// sentence or the two before whose gender agrees; when only people of the
/// other gender are there, links to the nearest and records the conflict on
/// the entity. A person without a known gender takes the gender most of
/// their pronouns give.
fn pronouns(text: &str, entities: &mut [Entity], mentions: &mut Vec<EntityMention>) {
    let sentence_spans = sentences(text);
    let mut added = Vec::new();
    let mut votes: HashMap<usize, Vec<(usize, Gender)>> = HashMap::new();
    for caps in PRONOUN.captures_iter(text) {
        let Some(all) = caps.get(0) else { continue };
        let gender = if caps.get(1).is_some() {
            Gender::Male
        } else {
            Gender::Female
        };
        let at = all.start();
        let sentence = sentence_spans.iter().position(|&(s, e)| s <= at && at < e);
        // This sentence and the two before it.
        let window_start = match sentence {
            Some(i) => sentence_spans[i.saturating_sub(2)].0,
            None => at.saturating_sub(400),
        };
        // (end, entity) of each person mentioned in the window.
        // Both lists are in text order.
        let in_window = |list: &[EntityMention]| -> std::ops::Range<usize> {
            list.partition_point(|m| (m.range.start() as usize) < window_start)
                ..list.partition_point(|m| (m.range.start() as usize) < at)
        };
        let candidates: Vec<(u32, usize)> = mentions[in_window(mentions)]
            .iter()
            .chain(added[in_window(&added)].iter())
            .filter(|m| {
                (m.range.start() as usize) >= window_start
                    && (m.range.end() as usize) <= at
                    && entities[m.entity].kind == EntityKind::Person
            })
            .map(|m| (m.range.end(), m.entity))
            .collect();
        let compatible = candidates
            .iter()
            .filter(|(_, e)| entities[*e].gender.is_none_or(|g| g == gender))
            .max_by_key(|(end, _)| *end);
        let (entity, conflict) = match compatible {
            Some(&(_, e)) => (e, false),
            None => match candidates.iter().max_by_key(|(end, _)| *end) {
                Some(&(_, e)) => (e, true),
                None => continue,
            },
        };
        let index = mentions.len() + added.len();
        if conflict {
            entities[entity].gender_conflicts.push(index);
        }
        votes.entry(entity).or_default().push((index, gender));
        added.push(EntityMention {
            range: TextRange::from_usize(at, all.end()),
            entity,
            form: MentionForm::Pronoun,
            sector: None,
            gender: Some(gender),
            rule: if conflict {
                "pronoun-gender-conflict"
            } else {
                "pronoun"
            },
        });
    }
    // People without a known gender: the majority of their pronouns decides,
    // and the minority are conflicts.
    for (entity, list) in votes {
        if entities[entity].gender.is_some() {
            continue;
        }
        let female = list.iter().filter(|(_, g)| *g == Gender::Female).count();
        let male = list.len() - female;
        if female == male {
            continue;
        }
        let majority = if female > male {
            Gender::Female
        } else {
            Gender::Male
        };
        entities[entity].gender = Some(majority);
        entities[entity].gender_conflicts = list
            .iter()
            .filter(|(_, g)| *g != majority)
            .map(|(i, _)| *i)
            .collect();
    }
    // Mentions stay in text order; conflict indexes follow them.
    mentions.extend(added);
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| (mentions[i].range.start(), mentions[i].range.end()));
    let mut new_index = vec![0; mentions.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let sorted: Vec<EntityMention> = order.iter().map(|&i| mentions[i].clone()).collect();
    *mentions = sorted;
    for entity in entities.iter_mut() {
        for c in &mut entity.gender_conflicts {
            *c = new_index[*c];
        }
    }
}
