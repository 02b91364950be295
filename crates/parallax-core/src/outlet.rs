//! Outlets: who published a text, and how we know.

/// What kind of organisation an outlet is.
///
/// The kind says who owns and runs it, not how it leans: a privately owned
/// partisan site is [`OutletKind::Commercial`] with a leaning noted elsewhere;
/// [`OutletKind::Partisan`] is for outlets run by a party or movement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutletKind {
    /// Run by a state or government (KCNA, Xinhua, RT, a foreign ministry).
    State,
    /// A public broadcaster with editorial independence in law (BBC, NHK, ARD).
    PublicBroadcaster,
    /// A news agency that sells copy to other outlets (AP, Reuters, Yonhap).
    Wire,
    /// A privately owned outlet.
    Commercial,
    /// Run by a party or political movement.
    Partisan,
    /// Re-publishes other outlets' texts (news aggregators, content farms).
    Aggregator,
    /// Not known. An unknown outlet stays unknown: it is never guessed.
    Unknown,
}

impl OutletKind {
    /// A stable lowercase name, as in the registry file.
    pub fn as_str(self) -> &'static str {
        match self {
            OutletKind::State => "state",
            OutletKind::PublicBroadcaster => "public",
            OutletKind::Wire => "wire",
            OutletKind::Commercial => "commercial",
            OutletKind::Partisan => "partisan",
            OutletKind::Aggregator => "aggregator",
            OutletKind::Unknown => "unknown",
        }
    }

    /// Inverse of [`OutletKind::as_str`].
    pub fn from_name(name: &str) -> Option<OutletKind> {
        [
            OutletKind::State,
            OutletKind::PublicBroadcaster,
            OutletKind::Wire,
            OutletKind::Commercial,
            OutletKind::Partisan,
            OutletKind::Aggregator,
            OutletKind::Unknown,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == name)
    }
}

/// How an outlet was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutletEvidence {
    /// The page's domain.
    Domain,
    /// The site name in metadata (`og:site_name`, JSON-LD publisher).
    SiteName,
    /// A header or footer line: copyright, masthead, site label.
    PageChrome,
    /// A "Source: X" line.
    SourceLine,
    /// A value the container stated.
    Container,
}

impl OutletEvidence {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            OutletEvidence::Domain => "domain",
            OutletEvidence::SiteName => "site-name",
            OutletEvidence::PageChrome => "page-chrome",
            OutletEvidence::SourceLine => "source-line",
            OutletEvidence::Container => "container",
        }
    }

    /// Inverse of [`OutletEvidence::as_str`].
    pub fn from_name(name: &str) -> Option<OutletEvidence> {
        [
            OutletEvidence::Domain,
            OutletEvidence::SiteName,
            OutletEvidence::PageChrome,
            OutletEvidence::SourceLine,
            OutletEvidence::Container,
        ]
        .into_iter()
        .find(|evidence| evidence.as_str() == name)
    }
}

/// A recognised outlet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outlet {
    /// Its usual name ("The Korea Herald").
    pub name: String,
    /// Its main domain, when it has one.
    pub domain: Option<String>,
    /// ISO 3166 alpha-2 code of its home country; `None` for international ones.
    pub country: Option<String>,
    /// What kind of organisation it is.
    pub kind: OutletKind,
    /// How it was recognised.
    pub evidence: OutletEvidence,
    /// The text it was recognised from, as written.
    pub evidence_text: String,
}
