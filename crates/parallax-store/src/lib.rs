//! Storage: the [`Store`] trait, its embedded SQLite implementation, and
//! (feature `postgres`) the server-grade PostgreSQL one. Both pass one
//! conformance suite (`tests/conformance.rs`) and create their schema by
//! versioned migrations.
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

#[cfg(feature = "postgres")]
mod postgres;
mod rows;
mod sqlite;

use parallax_core::{Article, DocId, Origin};

#[cfg(feature = "postgres")]
pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// What can go wrong with the store. Messy documents are not errors; these are.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The database refused an operation.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// The PostgreSQL server refused an operation, or could not be reached.
    #[cfg(feature = "postgres")]
    #[error("PostgreSQL error: {0}")]
    Postgres(#[from] ::postgres::Error),
    /// The database holds a schema this build does not know.
    #[error("database schema version {found} is newer than this build supports ({supported})")]
    SchemaTooNew {
        /// The version in the file.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The database named is of a kind this build cannot open.
    #[error("{0}")]
    Unsupported(String),
    /// A stored value could not be read back.
    #[error("corrupt row in {table}: {reason}")]
    Corrupt {
        /// The table.
        table: &'static str,
        /// What was wrong.
        reason: String,
    },
}

/// Opens the store `db` names: a `postgres://` or `postgresql://` URL is a
/// PostgreSQL database (with the `postgres` feature), anything else the
/// path of a SQLite file, created if missing.
pub fn open(db: &str) -> Result<Box<dyn Store>> {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        #[cfg(feature = "postgres")]
        return Ok(Box::new(PostgresStore::connect(db)?));
        #[cfg(not(feature = "postgres"))]
        return Err(Error::Unsupported(
            "this build has no PostgreSQL support (build with the `postgres` feature)".into(),
        ));
    }
    Ok(Box::new(SqliteStore::open(std::path::Path::new(db))?))
}

/// The SQLite schema's migrations, version 1 first (for tests that build
/// files of earlier versions).
#[doc(hidden)]
pub fn sqlite_migrations() -> &'static [&'static str] {
    &sqlite::MIGRATIONS
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

/// One participant of a stored event: the entity and the words used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredParticipant {
    /// The entity id ("PRK", "person:choe-son-hui").
    pub entity: String,
    /// The words the outlet used.
    pub text: String,
    /// Byte range in the article text.
    pub start: u32,
    /// End of the byte range.
    pub end: u32,
}

/// A coded event as stored: entity indexes resolved to ids, so it stands on
/// its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    /// The article.
    pub doc: DocId,
    /// Its place among the article's events.
    pub idx: u32,
    /// PLOVER event type.
    pub kind: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// PLOVER context.
    pub context: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// Who acts.
    pub actors: Vec<StoredParticipant>,
    /// Who is acted on.
    pub targets: Vec<StoredParticipant>,
    /// The trigger's byte range.
    pub trigger: (u32, u32),
    /// The sentence's byte range.
    pub sentence: (u32, u32),
    /// First day, ISO.
    pub date_start: Option<String>,
    /// Last day, ISO.
    pub date_end: Option<String>,
    /// Whether the date is the article's own.
    pub date_inferred: bool,
    /// asserted, negated, intended, hypothetical, background.
    pub modality: String,
    /// The entity id of whoever reports it.
    pub reported_by: Option<String>,
    /// The coding rule.
    pub rule: String,
    /// Confidence in percent.
    pub confidence: u8,
}

/// The storage boundary. SQLite implements it, and PostgreSQL with the
/// `postgres` feature. `Send`, so a server can hand it to the thread that
/// ingests.
pub trait Store: Send {
    /// Stores a batch of articles in one transaction, skipping any already
    /// stored. Returns one outcome per article, in order.
    fn put_articles(&mut self, batch: &[(Article, Origin, String)]) -> Result<Vec<PutOutcome>>;

    /// All stored articles, oldest first.
    fn articles(&self) -> Result<Vec<StoredArticle>>;

    /// The article whose id starts with `id_prefix`, if exactly one does.
    fn article(&self, id_prefix: &str) -> Result<Option<StoredArticle>>;

    /// How many articles are stored.
    fn count_articles(&self) -> Result<usize>;

    /// Replaces the events stored for `doc` with `events`, in one
    /// transaction: coding the same article again stores it once.
    fn put_events(&mut self, doc: &DocId, events: &[StoredEvent]) -> Result<()>;

    /// The stored events, of one article or of all, in article order.
    fn events(&self, doc: Option<&DocId>) -> Result<Vec<StoredEvent>>;

    /// Records which story each article is in, in one transaction. An
    /// article already in a story stays there (stories grow incrementally;
    /// nothing stored is regrouped), so storing the same grouping again
    /// changes nothing.
    fn put_story_members(&mut self, members: &[(DocId, String)]) -> Result<()>;

    /// Every stored (article, story id) pair, in the order the articles
    /// joined their stories.
    fn story_members(&self) -> Result<Vec<(DocId, String)>>;
}
