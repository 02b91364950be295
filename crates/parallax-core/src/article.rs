//! Articles: what extraction makes of a raw document.

use crate::{DateStamp, DocId, Outlet, TextRange};

/// What a line or block of a page was taken to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A paragraph of the article body.
    Body,
    /// The headline.
    Headline,
    /// The summary line under the headline.
    Standfirst,
    /// The author line.
    Byline,
    /// A publication or update stamp.
    DateStamp,
    /// A photo caption.
    Caption,
    /// A photo or video credit ("IMAGE SOURCE: CNN", "Getty Images").
    ImageCredit,
    /// A run of navigation links.
    Menu,
    /// A "home > world > ..." trail.
    Breadcrumb,
    /// A "more articles" or "most popular" list of other stories.
    Teaser,
    /// Copyright, address, contact and legal lines.
    Footer,
    /// An advertisement marker.
    Ad,
    /// A "Source: X" or agency credit line.
    Credit,
    /// Markup or script debris that leaked into text.
    Code,
    /// Anything else outside the body.
    Other,
}

impl BlockKind {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Body => "body",
            BlockKind::Headline => "headline",
            BlockKind::Standfirst => "standfirst",
            BlockKind::Byline => "byline",
            BlockKind::DateStamp => "date-stamp",
            BlockKind::Caption => "caption",
            BlockKind::ImageCredit => "image-credit",
            BlockKind::Menu => "menu",
            BlockKind::Breadcrumb => "breadcrumb",
            BlockKind::Teaser => "teaser",
            BlockKind::Footer => "footer",
            BlockKind::Ad => "ad",
            BlockKind::Credit => "credit",
            BlockKind::Code => "code",
            BlockKind::Other => "other",
        }
    }

    /// Inverse of [`BlockKind::as_str`].
    pub fn from_name(name: &str) -> Option<BlockKind> {
        ALL_KINDS.into_iter().find(|kind| kind.as_str() == name)
    }
}

const ALL_KINDS: [BlockKind; 15] = [
    BlockKind::Body,
    BlockKind::Headline,
    BlockKind::Standfirst,
    BlockKind::Byline,
    BlockKind::DateStamp,
    BlockKind::Caption,
    BlockKind::ImageCredit,
    BlockKind::Menu,
    BlockKind::Breadcrumb,
    BlockKind::Teaser,
    BlockKind::Footer,
    BlockKind::Ad,
    BlockKind::Credit,
    BlockKind::Code,
    BlockKind::Other,
];

/// A piece of the page that extraction kept out of the body, with why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// What it was taken to be.
    pub kind: BlockKind,
    /// The text, as on the page.
    pub text: String,
}

/// What is known about an article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The headline.
    pub title: Option<String>,
    /// The summary line under the headline.
    pub standfirst: Option<String>,
    /// The author line, without a leading "By".
    pub byline: Option<String>,
    /// The news agency whose copy this is ("Yonhap", "AP").
    pub wire: Option<String>,
    /// The place line that opens the body ("SEOUL, July 14 (Yonhap) --").
    pub dateline: Option<String>,
    /// When it was first published.
    pub published: Option<DateStamp>,
    /// When it was last changed.
    pub modified: Option<DateStamp>,
    /// Who published it. `None` when it could not be told.
    pub outlet: Option<Outlet>,
    /// The page's own URL (canonical when the page names one).
    pub url: Option<String>,
    /// ISO 639-1 code of the body's language.
    pub language: Option<String>,
    /// When the page was fetched, as the container stated it.
    pub fetched: Option<String>,
}

/// A document understood: clean text in paragraphs, plus metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The document it came from.
    pub doc: DocId,
    /// What is known about it.
    pub meta: Meta,
    /// The body: paragraphs joined by `"\n\n"`.
    pub text: String,
    /// Each paragraph of `text`.
    pub paragraphs: Vec<TextRange>,
    /// Photo captions, kept apart from the body.
    pub captions: Vec<String>,
    /// Everything else that was taken out, in page order.
    pub removed: Vec<Removed>,
}

impl Article {
    /// Builds an article from paragraphs, joining them with blank lines.
    pub fn from_paragraphs<S: AsRef<str>>(doc: DocId, meta: Meta, paragraphs: &[S]) -> Article {
        let mut text = String::new();
        let mut ranges = Vec::with_capacity(paragraphs.len());
        for paragraph in paragraphs {
            let paragraph = paragraph.as_ref().trim();
            if paragraph.is_empty() {
                continue;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(paragraph);
            ranges.push(TextRange::from_usize(start, text.len()));
        }
        Article {
            doc,
            meta,
            text,
            paragraphs: ranges,
            captions: Vec::new(),
            removed: Vec::new(),
        }
    }

    /// The text of each paragraph.
    pub fn paragraph_texts(&self) -> impl DoubleEndedIterator<Item = &str> + ExactSizeIterator {
        self.paragraphs.iter().map(|range| range.slice(&self.text))
    }
}
