//! Entity mentions, written inline: `{ID|text}` marks a mention of entity ID.
//! Every mention the annotator makes (pronouns aside) must be marked, and
//! every marked one found.

use parallax_annotate::{AnnotateContext, AnnotateOptions};
use parallax_core::{Gender, MentionForm, PartialDate};

/// Strips `{ID|text}` marks; returns the text and the (start, end, id) marks.
fn parse(marked: &str) -> (String, Vec<(usize, usize, String)>) {
    let mut text = String::new();
    let mut marks = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let close = rest[open..].find('}').expect("closed mark") + open;
        let (id, words) = rest[open + 1..close].split_once('|').expect("ID|text");
        marks.push((text.len(), text.len() + words.len(), id.to_string()));
        text.push_str(words);
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    (text, marks)
}

#[track_caller]
fn check(marked: &str, date: Option<PartialDate>) -> parallax_core::Annotations {
    let (text, want) = parse(marked);
    let found = AnnotateOptions::default()
        .build()
        .annotate(&text, &AnnotateContext { date });
    let got: Vec<(usize, usize, String)> = found
        .mentions
        .iter()
        .filter(|m| m.form != MentionForm::Pronoun)
        .map(|m| {
            (
                m.range.start() as usize,
                m.range.end() as usize,
                found.entities[m.entity].id.clone(),
            )
        })
        .collect();
    let show = |marks: &[(usize, usize, String)]| {
        marks
            .iter()
            .map(|(a, b, id)| format!("{{{id}|{}}}", &text[*a..*b]))
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(show(&got), show(&want), "in {text:?}");
    found
}

#[test]
fn states_by_name_short_form_adjective_and_capital() {
    check(
        "{PRK|North Korea} and the {UKR|Ukrainian} government; {USA|U.S.} officials met in {RUS|Moscow}.",
        None,
    );
    check(
        "{PRK|Pyongyang} recognised the {DPR|Donetsk People’s Republic} and the {LPR|Lugansk People's Republic}.",
        None,
    );
    check(
        "The {DPR|Donetsk} and {LPR|Lugansk} People's Republics",
        None,
    );
}

#[test]
fn capitals_inside_other_names_are_not_mentions() {
    check("The Washington Post reported it from {UKR|Kyiv}.", None);
    check("A governor of New Jersey spoke.", None);
}

#[test]
fn the_north_is_a_korea_in_a_text_about_korea() {
    check(
        "{KOR|South Korea} joined the North Atlantic talks in {BEL|Brussels}.",
        None,
    );
    check("{KOR|South Korea} said {PRK|the North} fired.", None);
}

#[test]
fn people_by_title_and_name_with_surname_back_references() {
    check(
        "{RUS|Russian} President {person:vladimir-putin|Vladimir Putin} spoke. {person:vladimir-putin|Putin} left.",
        None,
    );
    check(
        "Its ambassador to {RUS|Russia}, {person:sin-hong-chol|Sin Hong-chol}, met {person:sin-hong-chol|Sin} later.",
        None,
    );
    check(
        "Foreign Minister {person:dmytro-kuleba|Dmytro Kuleba} warned that {RUS|Russia} would be isolated.",
        None,
    );
}

#[test]
fn roles_resolve_to_the_office_holder_of_the_day() {
    let day = PartialDate::ymd(2022, 7, 14);
    check(
        "{PRK|North Korea}'s {person:choe-son-hui|foreign minister} wrote letters.",
        day,
    );
    let before = PartialDate::ymd(2021, 7, 14);
    check(
        "{PRK|North Korea}'s {person:ri-son-gwon|foreign minister} wrote letters.",
        before,
    );
    // Without a date the role stays a role.
    check(
        "{PRK|North Korea}'s {role:PRK:foreign-minister|foreign minister} wrote letters.",
        None,
    );
    // A former holder is not today's holder.
    check(
        "{UKR|Ukraine}'s former {role:UKR:foreign-minister|foreign minister} spoke.",
        day,
    );
}

#[test]
fn a_pronoun_of_the_other_gender_is_a_conflict() {
    let day = PartialDate::ymd(2022, 7, 14);
    let found = check(
        "{PRK|North Korea}'s {person:choe-son-hui|Foreign Minister} sent letters to his counterparts.",
        day,
    );
    let choe = found
        .entities
        .iter()
        .find(|e| e.id == "person:choe-son-hui")
        .expect("Choe");
    assert_eq!(choe.gender, Some(Gender::Female));
    assert_eq!(choe.gender_conflicts.len(), 1);
    let found = check(
        "{person:angela-merkel|Angela Merkel} met {person:vladimir-putin|Vladimir Putin}. He said little.",
        None,
    );
    assert!(found.entities.iter().all(|e| e.gender_conflicts.is_empty()));
}

#[test]
fn a_speaker_named_by_a_sector_of_a_state() {
    let found = check(
        "{UKR|Ukraine}’s Foreign Ministry said the decision was void.",
        None,
    );
    assert_eq!(found.mentions[0].sector.map(|s| s.code()), Some("FM"));
    assert_eq!(found.quotes[0].speaker, Some(0));
}

#[test]
fn people_described_by_what_they_are() {
    // Alone, they are a collective with a sector; after a state, the state's
    // mention takes the sector.
    let found = check(
        "{collective:demonstrators|Demonstrators} in {IRQ|Baghdad} blocked a road, and {ISR|Israeli} tanks fired on {collective:rebels|rebels}.",
        None,
    );
    let sectors: Vec<Option<&str>> = found
        .mentions
        .iter()
        .map(|m| m.sector.map(|s| s.code()))
        .collect();
    assert_eq!(sectors, [Some("CVL"), None, Some("MIL"), Some("REB")]);
    // A noun that modifies another is not the actor; "people" acts only
    // when counted.
    check(
        "The opposition leader spoke to people at a police station. Thousands of {collective:people|people} marched.",
        None,
    );
}
