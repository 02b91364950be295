//! People one article names only by their role ("the North Korean
//! ambassador had handed over ..."), resolved across the story to the one
//! person the other articles describe by that role ("North Korea's
//! Ambassador to Moscow, Sin Hong Chol").
//!
//! An analyst reading the reports side by side does this without thinking;
//! without it the role's report is a fact of its own and the person's
//! coverage misses an article. The rule is strict: the role's state must be
//! the person's (as any article gives it, and no article gives another), the
//! person's role in some article must be that title ("ambassador",
//! "ambassador to Russia"; not "deputy ambassador"), and exactly one person
//! of the story may fit. Every resolution is listed with its evidence on
//! both sides.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::{EntityRef, Source, Span, span};

/// A role in one article resolved to a person another article names.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleResolution {
    /// The article that names only the role.
    pub doc: usize,
    /// The role's words there.
    pub span: Span,
    /// The role as the article gives it ("ambassador of PRK").
    pub role: String,
    /// The person it resolves to.
    pub person: EntityRef,
    /// An article that names the person with that role.
    pub by_doc: usize,
    /// The person's name there.
    pub by_span: Span,
    /// The person's role as that article gives it ("Ambassador to Moscow").
    pub described: String,
}

/// What the story knows of its people, and the roles it resolves.
pub(crate) struct Roles<'a> {
    /// Role id → person id.
    resolved: BTreeMap<&'a str, &'a str>,
    /// Entity id → its state, where every article that gives one agrees.
    country: BTreeMap<&'a str, &'a str>,
    /// Each resolution with its evidence, in document order.
    pub(crate) list: Vec<RoleResolution>,
}

impl<'a> Roles<'a> {
    /// The id an entity stands for in the story: a resolved role's person,
    /// else itself.
    pub(crate) fn id(&self, id: &'a str) -> &'a str {
        self.resolved.get(id).copied().unwrap_or(id)
    }

    /// The state a person or role belongs to, as the story gives it.
    pub(crate) fn country(&self, id: &str) -> Option<&'a str> {
        self.country.get(id).copied()
    }
}

/// "role:PRK:foreign-minister" → ("PRK", "foreign-minister").
fn role_parts(id: &str) -> Option<(&str, &str)> {
    let rest = id.strip_prefix("role:")?;
    let (country, title) = rest.split_once(':')?;
    (!country.is_empty() && !title.is_empty()).then_some((country, title))
}

/// Lower-case words joined by '-', as entity ids write titles.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Whether a person's role text is the title: "ambassador" or
/// "ambassador to Russia" for `ambassador`, not "deputy ambassador" nor
/// "ambassadorial aide".
fn holds_title(role: &str, title: &str) -> bool {
    let role = slug(role);
    role == title
        || role.strip_prefix(title).is_some_and(|rest| {
            ["-to-", "-of-", "-in-", "-at-", "-for-"]
                .iter()
                .any(|p| rest.starts_with(p))
        })
}

/// (doc, entity index, role text, state there): a person as one article
/// gives their role.
type RoleGiven<'a> = (usize, usize, &'a str, Option<&'a str>);

/// Resolves the story's roles.
pub(crate) fn resolve<'a>(sources: &[Source<'a>]) -> Roles<'a> {
    // Each person's roles, article by article (their states are in
    // `countries`, with every other entity's).
    let mut people: BTreeMap<&'a str, Vec<RoleGiven<'a>>> = BTreeMap::new();
    let mut countries: BTreeMap<&'a str, BTreeSet<&'a str>> = BTreeMap::new();
    for (doc, s) in sources.iter().enumerate() {
        for (i, e) in s.annotations.entities.iter().enumerate() {
            let id = e.id.as_str();
            if let Some(c) = e.country.as_deref() {
                countries.entry(id).or_default().insert(c);
            }
            if let Some((c, _)) = role_parts(id) {
                countries.entry(id).or_default().insert(c);
            }
            if !id.starts_with("person:") {
                continue;
            }
            let roles = people.entry(id).or_default();
            if let Some(role) = e.role.as_deref().filter(|r| !r.is_empty()) {
                roles.push((doc, i, role, e.country.as_deref()));
            }
        }
    }
    let first_mention = |doc: usize, entity: usize| -> Option<Span> {
        sources[doc]
            .annotations
            .mentions
            .iter()
            .find(|m| m.entity == entity)
            .map(|m| span(m.range))
    };
    let mut resolved = BTreeMap::new();
    let mut list = Vec::new();
    for (doc, s) in sources.iter().enumerate() {
        for (i, e) in s.annotations.entities.iter().enumerate() {
            let Some((country, title)) = role_parts(&e.id) else {
                continue;
            };
            let fits: Vec<(&str, (usize, usize, &str))> = people
                .iter()
                .filter(|(id, _)| {
                    countries
                        .get(*id)
                        .is_some_and(|cs| cs.len() == 1 && cs.contains(country))
                })
                .filter_map(|(id, roles)| {
                    // Best the article that gives both the title and the
                    // state.
                    let mut held = roles.iter().filter(|r| holds_title(r.2, title));
                    let first = held.clone().next()?;
                    let by = held.find(|r| r.3 == Some(country)).unwrap_or(first);
                    Some((*id, (by.0, by.1, by.2)))
                })
                .collect();
            let [(person, (by_doc, by_entity, described))] = fits[..] else {
                continue;
            };
            let (Some(at), Some(by_span)) =
                (first_mention(doc, i), first_mention(by_doc, by_entity))
            else {
                continue;
            };
            resolved.insert(e.id.as_str(), person);
            list.push(RoleResolution {
                doc,
                span: at,
                role: format!("{} of {country}", e.name),
                person: EntityRef {
                    id: person.to_string(),
                    name: sources[by_doc].annotations.entities[by_entity].name.clone(),
                },
                by_doc,
                by_span,
                described: described.to_string(),
            });
        }
    }
    let country = countries
        .into_iter()
        .filter_map(|(id, cs)| {
            let mut it = cs.into_iter();
            let first = it.next()?;
            it.next().is_none().then_some((id, first))
        })
        .collect();
    Roles {
        resolved,
        country,
        list,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_held_with_its_host_but_not_as_part_of_another() {
        assert!(holds_title("ambassador", "ambassador"));
        assert!(holds_title("Ambassador to Moscow", "ambassador"));
        assert!(holds_title("foreign minister of PRK", "foreign-minister"));
        assert!(!holds_title("deputy ambassador", "ambassador"));
        assert!(!holds_title("ambassadorial aide", "ambassador"));
        assert!(!holds_title("vice foreign minister", "foreign-minister"));
    }

    #[test]
    fn role_ids_split_into_state_and_title() {
        assert_eq!(
            role_parts("role:PRK:foreign-minister"),
            Some(("PRK", "foreign-minister"))
        );
        assert_eq!(role_parts("person:x"), None);
        assert_eq!(role_parts("role::x"), None);
    }
}
