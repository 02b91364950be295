//! Raw documents as the readers hand them over, before any extraction.

use std::fmt;

/// The identity of a document: a hash of its bytes, in hex.
///
/// Two inputs with the same bytes are the same document, wherever they came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(String);

impl DocId {
    /// Wraps a hex digest computed by the reader.
    pub fn from_hex(hex: String) -> DocId {
        DocId(hex)
    }

    /// The hex digest.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first 12 hex digits: enough to name a document in a table.
    pub fn short(&self) -> &str {
        self.0.get(..12).unwrap_or(&self.0)
    }
}

impl fmt::Display for DocId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What the bytes of a [`RawDoc`] are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Media {
    /// An HTML page.
    Html,
    /// A plain-text page dump: what a browser's "select all, copy" gives.
    Text,
}

impl Media {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Media::Html => "html",
            Media::Text => "text",
        }
    }
}

/// Values a container format states about a document, before extraction.
///
/// A JSONL line may give `published` and `outlet`; a feed item gives its title,
/// link and date. Extraction weighs them against what the page itself says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hints {
    /// A title stated by the container (feed item title, JSONL `title`).
    pub title: Option<String>,
    /// A publication date stated by the container, as written.
    pub published: Option<String>,
    /// An outlet name stated by the container.
    pub outlet: Option<String>,
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file it was read from (`-` for standard input).
    pub path: String,
    /// The record inside the file: a WARC record id, `line 12` of a JSONL file,
    /// `item 3` of a feed. `None` for a file that holds one document.
    pub record: Option<String>,
    /// The URL of the page, when the container knows it.
    pub url: Option<String>,
    /// When the page was fetched (WARC-Date), as written.
    pub fetched: Option<String>,
    /// The HTTP `Content-Type` header, which may name the charset.
    pub content_type: Option<String>,
    /// Values the container states about the document.
    pub hints: Hints,
}

impl Origin {
    /// An origin for a whole file.
    pub fn file(path: impl Into<String>) -> Origin {
        Origin {
            path: path.into(),
            record: None,
            url: None,
            fetched: None,
            content_type: None,
            hints: Hints::default(),
        }
    }

    /// `path` or `path (record)`: how diagnostics name a document.
    pub fn location(&self) -> String {
        match &self.record {
            Some(record) => format!("{} ({record})", self.path),
            None => self.path.clone(),
        }
    }
}

/// A document as read, not yet understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawDoc {
    /// Content hash of `bytes`.
    pub id: DocId,
    /// Where it came from.
    pub origin: Origin,
    /// What the bytes are.
    pub media: Media,
    /// The bytes, in whatever encoding the source used.
    pub bytes: Vec<u8>,
}
