//! Diagnostics: what went wrong with one document, without stopping the run.

use crate::TextRange;

/// The stage that raised a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Reading files and records.
    Ingest,
    /// Turning a raw document into an article.
    Extract,
    /// Writing to the store.
    Store,
}

impl Stage {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Ingest => "ingest",
            Stage::Extract => "extract",
            Stage::Store => "store",
        }
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth knowing; nothing was lost.
    Info,
    /// Something was dropped or guessed; the document still counts.
    Warning,
    /// The document (or record) could not be used.
    Error,
}

impl Severity {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One message about one document or record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stage that raised it.
    pub stage: Stage,
    /// How bad it is.
    pub severity: Severity,
    /// The file, and the record inside it, as [`crate::Origin::location`] gives.
    pub location: String,
    /// The part of the article text it is about, if any.
    pub range: Option<TextRange>,
    /// Lowercase, no trailing period: what was expected and what was found.
    pub message: String,
}

impl Diagnostic {
    /// An error about a location.
    pub fn error(
        stage: Stage,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(stage, Severity::Error, location, message)
    }

    /// A warning about a location.
    pub fn warning(
        stage: Stage,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(stage, Severity::Warning, location, message)
    }

    /// A diagnostic of any severity.
    pub fn new(
        stage: Stage,
        severity: Severity,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            stage,
            severity,
            location: location.into(),
            range: None,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}: {}: {}",
            self.severity.as_str(),
            self.stage.as_str(),
            self.location,
            self.message
        )
    }
}
