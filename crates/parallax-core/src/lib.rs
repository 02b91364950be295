//! Shared vocabulary of parallax: the plain data types that flow between stages.
//!
//! Nothing here does I/O. Stages take these types in and give them out; the store
//! turns them into rows, the CLI into text. Annotations point into
//! [`Article::text`] by [`TextRange`], so no later stage copies or re-tokenizes.
//!
//! ```
//! use parallax_core::TextRange;
//! let text = "North Korea recognised the DPR.";
//! let range = TextRange::new(0, 11);
//! assert_eq!(range.slice(text), "North Korea");
//! ```
#![deny(missing_docs)]

mod annotation;
mod article;
mod date;
pub mod dates;
mod diagnostic;
mod doc;
mod event;
mod outlet;
mod text;

pub use annotation::{
    Annotations, CueStance, DateInterval, DateMention, Entity, EntityKind, EntityMention, Gender,
    Granularity, MentionForm, Quote, QuoteKind, ScareQuote, Sector, TimeRelation,
};
pub use article::{Article, BlockKind, Meta, Removed};
pub use date::{DateSource, DateStamp, PartialDate, Precision};
pub use diagnostic::{Diagnostic, Severity, Stage};
pub use doc::{DocId, Hints, Media, Origin, RawDoc};
pub use event::{Event, EventType, Modality, Participant};
pub use outlet::{Outlet, OutletEvidence, OutletKind};
pub use text::{STOPWORDS, TextRange, escape_html, fold_for_compare};

/// A sentence-embedding model, as the stages that can use one see it
/// (stories weigh the meaning of each lead beside its words). Implemented by
/// `parallax-embed`; stages work without one.
pub trait SentenceEmbedder: Send + Sync {
    /// One unit vector per text, in order; `None` when the model fails.
    fn embed_texts(&self, texts: &[&str]) -> Option<Vec<Vec<f32>>>;
}
