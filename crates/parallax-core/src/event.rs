//! Coded events: who did what to whom, when, with the sentence that says so.
//! The vocabulary is PLOVER's event types, each with its CAMEO code, so that
//! the output speaks both.

use crate::{DateInterval, TextRange};

/// PLOVER's event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventType {
    /// Agree to or express intent to cooperate (CAMEO 03).
    Agree,
    /// Meet, visit, negotiate, talk (CAMEO 04).
    Consult,
    /// Praise, endorse, recognise, sign (CAMEO 05).
    Support,
    /// Yield, ease sanctions, accede (CAMEO 08).
    Concede,
    /// Cooperate materially (CAMEO 06).
    Cooperate,
    /// Provide aid (CAMEO 07).
    Aid,
    /// Withdraw, release, de-escalate (CAMEO 08).
    Retreat,
    /// Demand, urge, appeal (CAMEO 10).
    Request,
    /// Criticise, accuse, investigate (CAMEO 09, 11).
    Accuse,
    /// Reject, refuse, veto (CAMEO 12).
    Reject,
    /// Threaten (CAMEO 13).
    Threaten,
    /// Demonstrate, strike, riot (CAMEO 14).
    Protest,
    /// Reduce or break relations, expel (CAMEO 16).
    Sanction,
    /// Show force, mobilise (CAMEO 15).
    Mobilize,
    /// Impose sanctions, arrest, occupy (CAMEO 17).
    Coerce,
    /// Use violence (CAMEO 18-20).
    Assault,
}

impl EventType {
    /// The PLOVER name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Agree => "AGREE",
            EventType::Consult => "CONSULT",
            EventType::Support => "SUPPORT",
            EventType::Concede => "CONCEDE",
            EventType::Cooperate => "COOPERATE",
            EventType::Aid => "AID",
            EventType::Retreat => "RETREAT",
            EventType::Request => "REQUEST",
            EventType::Accuse => "ACCUSE",
            EventType::Reject => "REJECT",
            EventType::Threaten => "THREATEN",
            EventType::Protest => "PROTEST",
            EventType::Sanction => "SANCTION",
            EventType::Mobilize => "MOBILIZE",
            EventType::Coerce => "COERCE",
            EventType::Assault => "ASSAULT",
        }
    }

    /// The type for a PLOVER name, `None` for an unknown one.
    pub fn from_name(name: &str) -> Option<EventType> {
        [
            EventType::Agree,
            EventType::Consult,
            EventType::Support,
            EventType::Concede,
            EventType::Cooperate,
            EventType::Aid,
            EventType::Retreat,
            EventType::Request,
            EventType::Accuse,
            EventType::Reject,
            EventType::Threaten,
            EventType::Protest,
            EventType::Sanction,
            EventType::Mobilize,
            EventType::Coerce,
            EventType::Assault,
        ]
        .into_iter()
        .find(|t| t.as_str() == name)
    }
}

/// Whether the text reports the event as having happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Modality {
    /// Reported as done.
    Asserted,
    /// "did not recognise".
    Negated,
    /// "will recognise", "is considering recognising", "plans to".
    Intended,
    /// "if it recognises", "could recognise".
    Hypothetical,
    /// Asked of the actor by someone else: "urged Russia to withdraw",
    /// "demanded that Kyiv recognise", "said Iraq must cooperate".
    Requested,
    /// Done, but long before the article ("back in 2014"): background, not news.
    Background,
}

impl Modality {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Negated => "negated",
            Modality::Intended => "intended",
            Modality::Hypothetical => "hypothetical",
            Modality::Requested => "requested",
            Modality::Background => "background",
        }
    }
}

/// One participant of an event: the entity and the words the outlet used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// Index into `Annotations::entities`.
    pub entity: usize,
    /// The mention, as written.
    pub range: TextRange,
}

/// A coded event with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// PLOVER event type.
    pub kind: EventType,
    /// PLOVER mode ("withdraw", "disapprove"), when the code has one.
    pub mode: Option<&'static str>,
    /// PLOVER context ("diplomatic", "military"), when the code has one.
    pub context: Option<&'static str>,
    /// The CAMEO code ("054").
    pub cameo: &'static str,
    /// Who acts; several for "Russia and Syria recognised ...". Empty only
    /// for a passive without its agent ("three soldiers were killed").
    pub actors: Vec<Participant>,
    /// Who is acted on.
    pub targets: Vec<Participant>,
    /// The words that name the action ("recognized", "severing diplomatic ties").
    pub trigger: TextRange,
    /// The sentence.
    pub sentence: TextRange,
    /// When it happened.
    pub date: Option<DateInterval>,
    /// True when the date is the article's own, not one the sentence gives.
    pub date_inferred: bool,
    /// Whether it is reported as done.
    pub modality: Modality,
    /// The entity the sentence attributes it to, when it is reported speech.
    pub reported_by: Option<usize>,
    /// The rule that coded it.
    pub rule: &'static str,
    /// How sure the rule is, in percent.
    pub confidence: u8,
}
