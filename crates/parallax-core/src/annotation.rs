//! Annotations on an article: spans of `Article::text` with what they mean.
//! Entities with their mentions, attributed statements and time expressions.

use crate::{PartialDate, TextRange};

/// Everything the language layer found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotations {
    /// The sentences, in text order: the units later stages code.
    pub sentences: Vec<TextRange>,
    /// Time expressions, in text order.
    pub dates: Vec<DateMention>,
    /// Attributed statements, in text order.
    pub quotes: Vec<Quote>,
    /// The actors and places the article names, one per identity.
    pub entities: Vec<Entity>,
    /// Where each entity is named, in text order.
    pub mentions: Vec<EntityMention>,
    /// Words the writer puts in quotation marks to keep a distance from them
    /// ("the “People’s Republics”", "so-called “independence”"), in text order.
    pub scare_quotes: Vec<ScareQuote>,
}

/// A few words in quotation marks that no one is reported as saying: the
/// writer's distance from a name or a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScareQuote {
    /// The quoted words, without the marks.
    pub range: TextRange,
    /// The rule that found it: `so-called`, `status-word`, `quoted-name` or
    /// `unattributed`.
    pub rule: &'static str,
}

/// What sort of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A state with an ISO 3166 code (and the few with user-assigned codes).
    State,
    /// A partially recognised state or a disputed territory ("DPR", "Abkhazia").
    Territory,
    /// A region or a city ("Donbas", "Kharkiv").
    Place,
    /// An international organisation ("UN", "NATO").
    Organisation,
    /// A non-governmental organisation ("Red Cross").
    Ngo,
    /// An armed group ("Hamas", "Wagner Group").
    Group,
    /// A political party.
    Party,
    /// A news agency acting as a source ("KCNA", "Yonhap").
    Agency,
    /// A person, named or described by a role.
    Person,
    /// People described by what they are, not named, and tied to no state
    /// the text gives: "demonstrators", "rebels", "striking workers". Their
    /// sector says which ("collective:demonstrators" is CVL).
    Collective,
}

impl EntityKind {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::State => "state",
            EntityKind::Territory => "territory",
            EntityKind::Place => "place",
            EntityKind::Organisation => "organisation",
            EntityKind::Ngo => "ngo",
            EntityKind::Group => "group",
            EntityKind::Party => "party",
            EntityKind::Agency => "agency",
            EntityKind::Person => "person",
            EntityKind::Collective => "collective",
        }
    }
}

/// A person's grammatical gender, as a gazetteer, a title or pronouns give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// "she", "Mrs", "spokeswoman".
    Female,
    /// "he", "Mr", "spokesman".
    Male,
}

impl Gender {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
        }
    }
}

/// The part of a state a mention speaks for, in the CAMEO/PLOVER style
/// ("Ukraine's Foreign Ministry" is UKR with sector FM).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sector {
    /// Government, head of state or government: GOV.
    Government,
    /// Foreign ministry and diplomats: FM.
    Foreign,
    /// Armed forces and defence ministry: MIL.
    Military,
    /// Legislature: LEG.
    Legislature,
    /// Courts: JUD.
    Judiciary,
    /// Police: COP.
    Police,
    /// Intelligence services: SPY.
    Intelligence,
    /// Rebels and insurgents: REB.
    Rebels,
    /// Political parties: PTY.
    Party,
    /// Media: MED.
    Media,
    /// International governmental organisations: IGO.
    Igo,
    /// Non-governmental organisations: NGO.
    Ngo,
    /// Civilians: crowds, demonstrators, villagers, settlers: CVL.
    Civilians,
    /// The political opposition, dissidents and activists: OPP.
    Opposition,
    /// Workers, strikers and trade unions: LAB.
    Labour,
    /// Students and schools: EDU.
    Education,
    /// Refugees and displaced people: REF.
    Refugees,
    /// Radicals and extremists: RAD.
    Radicals,
}

impl Sector {
    /// The CAMEO-style code.
    pub fn code(self) -> &'static str {
        match self {
            Sector::Government => "GOV",
            Sector::Foreign => "FM",
            Sector::Military => "MIL",
            Sector::Legislature => "LEG",
            Sector::Judiciary => "JUD",
            Sector::Police => "COP",
            Sector::Intelligence => "SPY",
            Sector::Rebels => "REB",
            Sector::Party => "PTY",
            Sector::Media => "MED",
            Sector::Igo => "IGO",
            Sector::Ngo => "NGO",
            Sector::Civilians => "CVL",
            Sector::Opposition => "OPP",
            Sector::Labour => "LAB",
            Sector::Education => "EDU",
            Sector::Refugees => "REF",
            Sector::Radicals => "RAD",
        }
    }

    /// The sector for a code, `None` for an unknown one.
    pub fn from_code(code: &str) -> Option<Sector> {
        Some(match code {
            "GOV" => Sector::Government,
            "FM" => Sector::Foreign,
            "MIL" => Sector::Military,
            "LEG" => Sector::Legislature,
            "JUD" => Sector::Judiciary,
            "COP" => Sector::Police,
            "SPY" => Sector::Intelligence,
            "REB" => Sector::Rebels,
            "PTY" => Sector::Party,
            "MED" => Sector::Media,
            "IGO" => Sector::Igo,
            "NGO" => Sector::Ngo,
            "CVL" => Sector::Civilians,
            "OPP" => Sector::Opposition,
            "LAB" => Sector::Labour,
            "EDU" => Sector::Education,
            "REF" => Sector::Refugees,
            "RAD" => Sector::Radicals,
            _ => return None,
        })
    }
}

/// One identity an article names: a state, a group, a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// A stable id: ISO 3166 alpha-3 for states ("PRK"), the gazetteer's id
    /// for territories and organisations ("DPR", "org:un"), `person:` and a
    /// slug for people ("person:choe-son-hui"), `role:` for a person known
    /// only by a role ("role:RUS:ambassador"), `collective:` for people
    /// described by what they are ("collective:demonstrators").
    pub id: String,
    /// The canonical name.
    pub name: String,
    /// What sort of thing it is.
    pub kind: EntityKind,
    /// The state (or territory, or organisation) it belongs to, if known.
    pub country: Option<String>,
    /// For people: the gender the gazetteer or a title gives.
    pub gender: Option<Gender>,
    /// For people: the role the article or the gazetteer gives
    /// ("Foreign Minister of PRK").
    pub role: Option<String>,
    /// Mentions (indexes into `Annotations::mentions`) of pronouns that refer
    /// to this person with the other gender: a reporting error to show.
    pub gender_conflicts: Vec<usize>,
}

/// How a mention names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionForm {
    /// The name or one of its spellings ("North Korea", "Lugansk").
    Name,
    /// An acronym or short form ("DPRK", "N. Korea", "the North").
    Short,
    /// An adjective or demonym ("North Korean", "Ukrainians").
    Adjective,
    /// A capital standing for its government ("Pyongyang said").
    Metonym,
    /// A capital or city as a place ("in Pyongyang").
    Place,
    /// A building or body standing for a government ("the Kremlin").
    Institution,
    /// A role that designates a person ("the Foreign Minister").
    Role,
    /// A surname alone, referring back to a person named before.
    Surname,
    /// A personal pronoun ("she", "his").
    Pronoun,
}

impl MentionForm {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            MentionForm::Name => "name",
            MentionForm::Short => "short",
            MentionForm::Adjective => "adjective",
            MentionForm::Metonym => "metonym",
            MentionForm::Place => "place",
            MentionForm::Institution => "institution",
            MentionForm::Role => "role",
            MentionForm::Surname => "surname",
            MentionForm::Pronoun => "pronoun",
        }
    }
}

/// A place in the text that names an entity. The surface form is the text at
/// `range`: which spelling an outlet uses is kept for the framing stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// Where it is in `Article::text`.
    pub range: TextRange,
    /// Index into `Annotations::entities`.
    pub entity: usize,
    /// How it names the entity.
    pub form: MentionForm,
    /// The part of the state it speaks for, when the text says.
    pub sector: Option<Sector>,
    /// For pronouns: the pronoun's gender.
    pub gender: Option<Gender>,
    /// The rule that found it.
    pub rule: &'static str,
}

/// How a statement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteKind {
    /// Words in quotation marks.
    Direct,
    /// Reported speech: "X said that ...".
    Indirect,
    /// "According to X, ...".
    AccordingTo,
    /// A reported belief, wish, stance or decision ("X decided to …",
    /// "voters prefer …", "she is confident that …"): attributed to the
    /// source, but not words the source is reported to have said.
    Attitude,
}

impl QuoteKind {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::AccordingTo => "according-to",
            QuoteKind::Attitude => "attitude",
        }
    }

    /// True for reported words (direct, indirect, "according to"); false
    /// for a reported attitude.
    pub fn is_speech(self) -> bool {
        self != QuoteKind::Attitude
    }
}

/// What the reporting verb says about the reporter's stance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CueStance {
    /// "said", "told", "added".
    Neutral,
    /// "noted", "explained", "confirmed": the reporter takes the words as true.
    Endorsing,
    /// "claimed", "alleged", "insisted": the reporter keeps a distance.
    Distancing,
    /// "admitted", "boasted", "conceded", "slammed": the verb judges.
    Loaded,
}

impl CueStance {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            CueStance::Neutral => "neutral",
            CueStance::Endorsing => "endorsing",
            CueStance::Distancing => "distancing",
            CueStance::Loaded => "loaded",
        }
    }
}

/// An attributed statement: who said what, with which verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// The words reported.
    pub content: TextRange,
    /// The reporting verb or phrase ("said", "according to").
    pub cue: TextRange,
    /// Who is reported, as written ("Foreign Minister Dmytro Kuleba", "he").
    pub source: Option<TextRange>,
    /// The entity the source names (index into `Annotations::entities`),
    /// when one is resolved; otherwise the source text describes a role.
    pub speaker: Option<usize>,
    /// How it is reported.
    pub kind: QuoteKind,
    /// What the cue says about the reporter's stance.
    pub stance: CueStance,
    /// The rule that found it.
    pub rule: &'static str,
}

/// How exact a resolved time expression is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    /// One day ("on Wednesday", "July 13").
    Day,
    /// A week ("last week").
    Week,
    /// A part of a month ("late June").
    PartOfMonth,
    /// A month ("June 2022", "last month").
    Month,
    /// A quarter, half or part of a year ("early 2023", "Q1").
    PartOfYear,
    /// A year ("in 2014").
    Year,
    /// A decade ("the 1990s").
    Decade,
}

impl Granularity {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Day => "day",
            Granularity::Week => "week",
            Granularity::PartOfMonth => "part-of-month",
            Granularity::Month => "month",
            Granularity::PartOfYear => "part-of-year",
            Granularity::Year => "year",
            Granularity::Decade => "decade",
        }
    }
}

/// What a time expression was resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeRelation {
    /// It names its date itself ("July 13, 2022").
    Absolute,
    /// Relative to the article's date ("on Wednesday", "last week", "July 13").
    Deictic,
    /// Relative to the date mentioned before it ("the previous day").
    Anaphoric,
}

impl TimeRelation {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeRelation::Absolute => "absolute",
            TimeRelation::Deictic => "deictic",
            TimeRelation::Anaphoric => "anaphoric",
        }
    }
}

/// An interval of whole days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateInterval {
    /// The first day.
    pub start: PartialDate,
    /// The last day.
    pub end: PartialDate,
}

/// A time expression in the text and the days it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    /// Where it is in `Article::text`.
    pub range: TextRange,
    /// The days it means; `None` when it is relative and nothing anchors it.
    pub value: Option<DateInterval>,
    /// How exact it is.
    pub granularity: Granularity,
    /// What it was resolved against.
    pub relation: TimeRelation,
    /// The rule that found it, for explanations and debugging.
    pub rule: &'static str,
}
