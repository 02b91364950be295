//! The event coder's rules, one sentence each: the events it codes, written
//! as `CAMEO actor>target modality` (entity ids; `+` joins several).

use std::sync::LazyLock;

use parallax_annotate::{AnnotateContext, AnnotateOptions, Annotator};
use parallax_core::PartialDate;
use parallax_events::{Coder, EventOptions};

static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| AnnotateOptions::default().build());
static CODER: LazyLock<Coder> = LazyLock::new(|| EventOptions::default().build());

#[track_caller]
fn check(text: &str, want: &[&str]) {
    let date = PartialDate::ymd(2022, 7, 14);
    let annotations = ANNOTATOR.annotate(text, &AnnotateContext { date });
    let ids = |list: &[parallax_core::Participant]| {
        list.iter()
            .map(|p| annotations.entities[p.entity].id.as_str())
            .collect::<Vec<_>>()
            .join("+")
    };
    let got: Vec<String> = CODER
        .code(text, &annotations, date)
        .iter()
        .map(|e| {
            format!(
                "{} {}>{} {}",
                e.cameo,
                ids(&e.actors),
                ids(&e.targets),
                e.modality.as_str()
            )
        })
        .collect();
    assert_eq!(got, want, "{text}");
}

#[test]
fn actors_and_targets() {
    check(
        "North Korea recognized the Donetsk People's Republic.",
        &["054 PRK>DPR asserted"],
    );
    // Coordination on both sides.
    check(
        "Russia and Syria recognized Donetsk and Luhansk.",
        &["054 RUS+SYR>DPR+LPR asserted"],
    );
    // Passive: the agent follows "by".
    check(
        "The Luhansk People's Republic was recognized by Russia.",
        &["054 RUS>LPR asserted"],
    );
    // Nominalisation with a possessor.
    check(
        "Ukraine condemned Pyongyang's recognition of the DPR.",
        &["111 UKR>PRK asserted", "054 PRK>DPR asserted"],
    );
    // An infinitive's actor is the clause's subject.
    check(
        "North Korea is the third country to recognise the DPR.",
        &["054 PRK>DPR asserted"],
    );
    // A relative clause between subject and verb is skipped.
    check(
        "Abkhazia, a region where Russia fought in 2008, recognized the DPR.",
        &["054 ABK>DPR asserted"],
    );
    // A body of a state acts for it.
    check(
        "The Ministry of Foreign Affairs of Ukraine condemns North Korea.",
        &["111 UKR>PRK asserted"],
    );
}

#[test]
fn modality() {
    check(
        "Ukraine did not sever ties with North Korea.",
        &["161 UKR>PRK negated"],
    );
    check("Belarus will recognize the DPR.", &["054 BLR>DPR intended"]);
    check(
        "If Belarus recognizes the DPR, Ukraine could respond.",
        &["054 BLR>DPR hypothetical"],
    );
    check(
        "Back in 2014, South Ossetia recognized the DPR.",
        &["054 SOS>DPR background"],
    );
}

#[test]
fn what_is_not_an_event() {
    // No actor: an event noun without possessor or agent.
    check(
        "The move drew international condemnation of North Korea.",
        &[],
    );
    // Nouns that look like verbs.
    check(
        "Ukraine rejected the demands of North Korea.",
        &["120 UKR>PRK asserted"],
    );
    check("He spoke about his home state of Vermont.", &[]);
    // Attacking a person is criticism, attacking a state is force.
    check(
        "Angela Merkel attacked Vladimir Putin.",
        &["111 person:angela-merkel>person:vladimir-putin asserted"],
    );
    check("Russia attacked Ukraine.", &["190 RUS>UKR asserted"]);
    // Hyphenated words.
    check(
        "Israel mounted its long-threatened invasion of Lebanon.",
        &["190 ISR>LBN asserted"],
    );
}

#[test]
fn possessive_pronouns_point_back_to_territories() {
    check(
        "Pyongyang recognized the Donetsk People's Republic and the Luhansk People's Republic. Russia and Syria have already backed their independence.",
        &["054 PRK>DPR+LPR asserted", "054 RUS+SYR>DPR+LPR asserted"],
    );
}

#[test]
fn followed_suit_repeats_the_event_before() {
    check(
        "On February 21, 2022, Russia recognized the Donetsk People's Republic. Abkhazia followed suit and Syria did as well in late June.",
        // Abkhazia's clause gives no date: none is guessed.
        &[
            "054 RUS>DPR background",
            "054 ABK>DPR asserted",
            "054 SYR>DPR asserted",
        ],
    );
}

#[test]
fn demands_with_must() {
    check(
        "Russia said that Sudan must return the helicopter.",
        &["100 RUS>SDN asserted"],
    );
}

#[test]
fn requested_acts_are_not_facts() {
    check(
        "France urged Russia to withdraw its troops.",
        &["100 FRA>RUS asserted", "0874 RUS> requested"],
    );
    check(
        "The European Union demanded that Russia release the Ukrainian sailors.",
        &["100 org:eu>RUS asserted", "084 RUS>UKR requested"],
    );
}

#[test]
fn a_verb_after_and_shares_the_subject() {
    check(
        "North Korea recognized Donetsk and Luhansk, and expressed its desire to cooperate.",
        &[
            "054 PRK>DPR+LPR asserted",
            "030 PRK> asserted",
            "060 PRK> intended",
        ],
    );
}

#[test]
fn a_passive_without_its_agent_has_no_actor() {
    check(
        "Three Ukrainian soldiers were killed on Monday.",
        &["180 >UKR asserted"],
    );
}

#[test]
fn people_described_by_what_they_are_act() {
    check(
        "Demonstrators in Baghdad blocked a road on Monday.",
        &["144 collective:demonstrators> asserted"],
    );
    check(
        "Thousands of Iraqi students staged a strike.",
        &["143 IRQ> asserted"],
    );
}

#[test]
fn the_longest_pattern_wins() {
    // "lift sanctions" eases them; "sanctions" alone would impose them.
    check(
        "The United States lifted sanctions on Iran.",
        &["085 USA>IRN asserted"],
    );
    // "Ukrainian protests": after a demonym, a noun, not the verb: the
    // protests of Ukraine's government, which CAMEO reads as disapproval.
    check(
        "North Korea dismissed Ukrainian protests.",
        &["120 PRK>UKR asserted", "110 UKR> asserted"],
    );
    // People's protests stay demonstrations.
    check(
        "Thousands of Iraqi students protested in Basra.",
        &["141 IRQ> asserted"],
    );
    // "Bashar al-Assad's Syria": a list goes on past a possessor.
    check(
        "Russia, Bashar al-Assad's Syria, and North Korea recognized Luhansk.",
        &["054 RUS+SYR+PRK>LPR asserted"],
    );
}

#[test]
fn a_role_in_apposition_names_the_target() {
    check(
        "Russia condemned the Ukrainian president's chief of staff, Andriy Yermak.",
        &["111 RUS>person:andriy-yermak asserted"],
    );
}

#[test]
fn relative_that_after_a_predicate_noun() {
    // The copula's subject acts in the relative clause.
    check(
        "Iran and Belarus are the only states that recognize Abkhazia.",
        &["054 IRN+BLR>ABK asserted"],
    );
    // Elsewhere the actor of "that recognize" is not known: no recognition
    // is coded.
    let text = "Venezuela criticised the states that recognize Kosovo.";
    let date = PartialDate::ymd(2022, 7, 14);
    let annotations = ANNOTATOR.annotate(text, &AnnotateContext { date });
    let codes: Vec<&str> = CODER
        .code(text, &annotations, date)
        .iter()
        .map(|e| e.cameo)
        .collect();
    assert!(!codes.contains(&"054"), "{codes:?}");
}

#[test]
fn modifiers_regions_and_separatists() {
    // A name opening a hyphenated compound modifies the noun after it.
    check(
        "Belarus recognised the independence of the Russian-backed territories of Abkhazia and South Ossetia.",
        &["054 BLR>ABK+SOS asserted"],
    );
    // A region can be recognised.
    check(
        "Syria also recognised Russia-annexed Crimea in 2016.",
        &["054 SYR>CRIMEA background"],
    );
    // The separatists of a region are the territories of the article that
    // lie in its country.
    check(
        "Donetsk and Luhansk held votes in May. Nicaragua recognized the Donbas separatists.",
        &["054 NIC>DPR+LPR asserted"],
    );
    // "pro-Russian" separatists are not Russia's.
    check(
        "Transnistria wants out. Belarus recognized the pro-Russian separatist region in Moldova.",
        &["054 BLR>PMR asserted"],
    );
    // A participle between a determiner and an adverb is an adjective.
    check(
        "Georgia said the move will not change the internationally recognised borders of Georgia.",
        &[],
    );
}

#[test]
fn reduced_passive_has_its_agent() {
    // "seized by Transnistria": Transnistria seized; the villages are no
    // entity, and a condemnation of no one named is not coded.
    check(
        "Moldova condemned the villages seized by Transnistria.",
        &["171 PMR> asserted"],
    );
    // The mention before the participle is what it was done to.
    check(
        "Serbia still claims Kosovo, recognized by Chad in 2014.",
        &["054 TCD>XKX background"],
    );
}

#[test]
fn narrative_time_dates_what_follows() {
    // 2022-07-14 is a Thursday: "On Monday" is 2022-07-11.
    let dates = |text: &str| -> Vec<(String, bool)> {
        let date = PartialDate::ymd(2022, 7, 14);
        let annotations = ANNOTATOR.annotate(text, &AnnotateContext { date });
        CODER
            .code(text, &annotations, date)
            .iter()
            .map(|e| {
                let d = e.date.expect("dated");
                (format!("{} {}", e.cameo, d.start), e.date_inferred)
            })
            .collect()
    };
    // An event told in the simple past after the day is named happened that
    // day (still marked inferred: the sentence does not say so).
    assert_eq!(
        dates("On Monday, Chad recognized Kosovo. In response, Serbia condemned Chad."),
        [
            ("054 2022-07-11".to_string(), false),
            ("111 2022-07-11".to_string(), true)
        ]
    );
    // A perfect is told from the article's day.
    assert_eq!(
        dates("On Monday, Chad recognized Kosovo. Serbia has condemned Chad."),
        [
            ("054 2022-07-11".to_string(), false),
            ("111 2022-07-14".to_string(), true)
        ]
    );
    // A later time expression ends the narrative's day.
    assert_eq!(
        dates(
            "On Monday, Chad recognized Kosovo. Last year Serbia condemned Chad. Serbia praised Chad."
        ),
        [
            ("054 2022-07-11".to_string(), false),
            ("111 2021-01-01".to_string(), false),
            ("051 2022-07-14".to_string(), true)
        ]
    );
}

#[test]
fn the_decision_of_x_to() {
    // The one who decided acts in the infinitive, not the sentence's subject.
    check(
        "Georgia condemned the decision of Nicaragua to recognize Abkhazia.",
        &["111 GEO>NIC asserted", "054 NIC>ABK asserted"],
    );
}

/// "cut them off": the pronoun object is the relations the sentence named
/// before it; without them, "them" is anything and nothing is coded.
#[test]
fn cutting_off_relations_named_before() {
    check(
        "Ukraine, which previously maintained diplomatic relations with Belarus, angrily cut them off after the vote.",
        &["161 UKR> asserted"],
    );
    check(
        "The floods cut them off from the capital for a week, Kenya said.",
        &[],
    );
}

/// Recognition is performative: announcing in the past that one would
/// consider a territory a state is the recognition itself; other acts
/// announced for later stay intended.
#[test]
fn announced_recognition_is_done() {
    check(
        "Abkhazia announced in 2014 that it would officially recognize Kosovo.",
        &["054 ABK>XKX background"],
    );
    check(
        "Russia announced that it would impose sanctions on Georgia.",
        &["163 RUS>GEO intended"],
    );
}

#[test]
fn reactions_praise_the_doer_of_an_act_done_for_the_speaker() {
    // The beneficiary's appraisal of the act is praise of its doer.
    check(
        "Armenia recognized the Republic of Kosovo on Monday. \"This is a historic day for us,\" Kosovo President Vjosa Osmani said.",
        &[
            "054 ARM>XKX asserted",
            "051 person:vjosa-osmani>ARM asserted",
        ],
    );
    // Negated, or an announcement without appraisal: no praise.
    check(
        "Armenia recognized the Republic of Kosovo on Monday. \"This is not a victory,\" Kosovo President Vjosa Osmani said.",
        &["054 ARM>XKX asserted"],
    );
    check(
        "Armenia recognized the Republic of Kosovo on Monday. \"Armenia has recognized us,\" Kosovo President Vjosa Osmani said.",
        &["054 ARM>XKX asserted", "054 ARM>XKX asserted"],
    );
    // The words appraise someone else, named in them.
    check(
        "Armenia recognized the Republic of Kosovo on Monday. \"Serbia kept its promise and we appreciate that,\" Kosovo President Vjosa Osmani said.",
        &["054 ARM>XKX asserted"],
    );
}
