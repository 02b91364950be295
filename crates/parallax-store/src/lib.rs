//! Storage: the [`Store`] trait and its embedded SQLite implementation.
//!
//! Rows belong here: core types carry no serialization. Ingest is idempotent
//! (a document is stored once, by content hash and by canonical URL) and
//! transactional (each batch commits whole or not at all, so `kill -9` leaves
//! no half-written article).
//!
//! ```
//! use parallax_store::{SqliteStore, Store};
//! let store = SqliteStore::open_in_memory().unwrap();
//! assert_eq!(store.count_articles().unwrap(), 0);
//! ```
#![deny(missing_docs)]

mod rows;
mod sqlite;

use parallax_core::{Article, Origin};

pub use sqlite::SqliteStore;

/// What can go wrong with the store. Messy documents are not errors; these are.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database refused an operation.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// The database holds a schema this build does not know.
    #[error("database schema version {found} is newer than this build supports ({supported})")]
    SchemaTooNew {
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// A stored value could not be read back.
    #[error("corrupt row in {table}: {reason}")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// What was wrong.
        reason: String,
    },
}

/// A specialised result for store operations.
pub type Result<T> = std::result::Result<T, Error>;

/// What became of an article handed to [`Store::put_articles`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutOutcome {
    /// Stored now.
    Inserted,
    /// Already stored with the same content hash.
    SameContent,
    /// Already stored under the same canonical URL, as document `existing`.
    SameUrl {
        /// The id of the stored document.
        existing: String,
    },
}

/// One stored article with where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredArticle {
    /// The article.
    pub article: Article,
    /// Where it was read from.
    pub origin: Origin,
    /// `html` or `text`.
    pub media: String,
}

/// The storage boundary. SQLite implements it; PostgreSQL will.
pub trait Store {
    /// Stores a batch of articles in one transaction, skipping any already
    /// stored. Returns one outcome per article, in order.
    fn put_articles(&mut self, batch: &[(Article, Origin, String)]) -> Result<Vec<PutOutcome>>;

    /// All stored articles, oldest first.
    fn articles(&self) -> Result<Vec<StoredArticle>>;

    /// The article whose id starts with `id_prefix`, if exactly one does.
    fn article(&self, id_prefix: &str) -> Result<Option<StoredArticle>>;

    /// How many articles are stored.
    fn count_articles(&self) -> Result<usize>;
}
