//! The embedded SQLite store.

use std::path::Path;

use parallax_core::{Article, DocId, Origin};
use rusqlite::{Connection, OptionalExtension, params};

use crate::{PutOutcome, Result, Store, StoredArticle, StoredEvent, StoredParticipant, rows};

/// The schema, one migration per version: version `n` is reached by
/// running the first `n`. 1: documents and articles. 2: events and their
/// participants. 3: story membership. The version is SQLite's
/// `user_version`; opening a file applies what it lacks, each migration in
/// its own transaction, and refuses a file from a newer build. (Builds
/// before migrations were listed ran all three at once, with the same
/// `IF NOT EXISTS` statements, so their files read as version 3.)
pub(crate) const MIGRATIONS: [&str; 3] = [
    "
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    record TEXT,
    url TEXT,
    canonical_url TEXT UNIQUE,
    fetched TEXT,
    content_type TEXT,
    hint_title TEXT,
    hint_published TEXT,
    hint_outlet TEXT,
    media TEXT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id),
    title TEXT, standfirst TEXT, byline TEXT, wire TEXT, dateline TEXT,
    published TEXT, published_time TEXT, published_source TEXT, published_evidence TEXT,
    modified TEXT, modified_time TEXT, modified_source TEXT, modified_evidence TEXT,
    outlet_name TEXT, outlet_domain TEXT, outlet_country TEXT, outlet_kind TEXT,
    outlet_evidence TEXT, outlet_evidence_text TEXT,
    url TEXT, language TEXT, fetched TEXT,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS paragraphs (
    doc_id TEXT NOT NULL REFERENCES articles(doc_id),
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS captions (
    doc_id TEXT NOT NULL REFERENCES articles(doc_id),
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS removed (
    doc_id TEXT NOT NULL REFERENCES articles(doc_id),
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
",
    "
CREATE TABLE IF NOT EXISTS events (
    doc_id TEXT NOT NULL REFERENCES articles(doc_id),
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL, mode TEXT, context TEXT, cameo TEXT NOT NULL,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    date_start TEXT, date_end TEXT, date_inferred INTEGER NOT NULL,
    modality TEXT NOT NULL, reported_by TEXT, rule TEXT NOT NULL, confidence INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE IF NOT EXISTS event_participants (
    doc_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    role TEXT NOT NULL,
    pos INTEGER NOT NULL,
    entity TEXT NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    PRIMARY KEY (doc_id, idx, role, pos),
    FOREIGN KEY (doc_id, idx) REFERENCES events(doc_id, idx) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);
",
    "
CREATE TABLE IF NOT EXISTS story_members (
    doc_id TEXT PRIMARY KEY REFERENCES articles(doc_id),
    story TEXT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story);
",
];

/// A store in one SQLite file (or in memory).
pub struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open(path)?;
        // WAL keeps committed batches safe across a kill and lets readers in.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        SqliteStore::init(conn)
    }

    /// A private in-memory database.
    pub fn open_in_memory() -> Result<SqliteStore> {
        SqliteStore::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<SqliteStore> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        migrate(&mut conn)?;
        Ok(SqliteStore { conn })
    }
}

/// Brings the file to the newest schema version: each missing migration
/// runs in its own transaction with the version it reaches, so a file is
/// never left between two versions.
fn migrate(conn: &mut Connection) -> Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if version > MIGRATIONS.len() as i64 {
        return Err(crate::Error::SchemaTooNew {
            found: version,
            supported: MIGRATIONS.len() as i64,
        });
    }
    for (done, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(migration)?;
        tx.pragma_update(None, "user_version", (done + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

/// Whether a document is already stored, by content hash or canonical URL.
fn existing(conn: &Connection, doc: &DocId, canonical: Option<&str>) -> Result<Option<PutOutcome>> {
    let same: Option<String> = conn
        .query_row(
            "SELECT doc_id FROM documents WHERE doc_id = ?1",
            [doc.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    if same.is_some() {
        return Ok(Some(PutOutcome::SameContent));
    }
    let Some(url) = canonical else {
        return Ok(None);
    };
    let existing: Option<String> = conn
        .query_row(
            "SELECT doc_id FROM documents WHERE canonical_url = ?1",
            [url],
            |r| r.get(0),
        )
        .optional()?;
    Ok(existing.map(|existing| PutOutcome::SameUrl { existing }))
}

fn insert(
    tx: &rusqlite::Transaction<'_>,
    article: &Article,
    origin: &Origin,
    media: &str,
    canonical: Option<&str>,
) -> Result<()> {
    let seq: i64 = tx.query_row("SELECT COALESCE(MAX(seq), 0) + 1 FROM documents", [], |r| {
        r.get(0)
    })?;
    tx.execute(
        "INSERT INTO documents (doc_id, path, record, url, canonical_url, fetched, content_type, hint_title, hint_published, hint_outlet, media, seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            article.doc.as_str(), origin.path, origin.record, origin.url, canonical, origin.fetched, origin.content_type,
            origin.hints.title, origin.hints.published, origin.hints.outlet, media, seq
        ],
    )?;
    let meta = crate::rows::meta_values(&article.meta);
    let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(24);
    let doc = article.doc.as_str();
    values.push(&doc);
    values.extend(meta.iter().map(|v| v as &dyn rusqlite::ToSql));
    values.push(&article.text);
    tx.execute(
        "INSERT INTO articles VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
        values.as_slice(),
    )?;
    for (idx, range) in article.paragraphs.iter().enumerate() {
        tx.execute(
            "INSERT INTO paragraphs VALUES (?1, ?2, ?3, ?4)",
            params![article.doc.as_str(), idx, range.start(), range.end()],
        )?;
    }
    for (idx, caption) in article.captions.iter().enumerate() {
        tx.execute(
            "INSERT INTO captions VALUES (?1, ?2, ?3)",
            params![article.doc.as_str(), idx, caption],
        )?;
    }
    for (idx, removed) in article.removed.iter().enumerate() {
        tx.execute(
            "INSERT INTO removed VALUES (?1, ?2, ?3, ?4)",
            params![
                article.doc.as_str(),
                idx,
                removed.kind.as_str(),
                removed.text
            ],
        )?;
    }
    Ok(())
}

impl Store for SqliteStore {
    fn put_articles(&mut self, batch: &[(Article, Origin, String)]) -> Result<Vec<PutOutcome>> {
        let mut outcomes = Vec::with_capacity(batch.len());
        let tx = self.conn.transaction()?;
        for (article, origin, media) in batch {
            let canonical = article.meta.url.as_deref().or(origin.url.as_deref());
            // Checked inside the transaction, so a batch that repeats a document stores it once.
            if let Some(outcome) = existing(&tx, &article.doc, canonical)? {
                outcomes.push(outcome);
                continue;
            }
            insert(&tx, article, origin, media, canonical)?;
            outcomes.push(PutOutcome::Inserted);
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn articles(&self) -> Result<Vec<StoredArticle>> {
        self.load(None)
    }

    fn article(&self, id_prefix: &str) -> Result<Option<StoredArticle>> {
        let pattern = format!("{}%", id_prefix.replace(['%', '_'], ""));
        let ids: Vec<String> = self
            .conn
            .prepare("SELECT doc_id FROM documents WHERE doc_id LIKE ?1 LIMIT 2")?
            .query_map([pattern], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [id] => Ok(self.load(Some(id))?.pop()),
            _ => Ok(None),
        }
    }

    fn count_articles(&self) -> Result<usize> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        Ok(n as usize)
    }

    fn put_story_members(&mut self, members: &[(DocId, String)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        let next: i64 =
            tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM story_members", [], |r| {
                r.get(0)
            })?;
        let mut seq = next;
        for (doc, story) in members {
            seq += 1;
            tx.execute(
                "INSERT OR IGNORE INTO story_members (doc_id, story, seq) VALUES (?1, ?2, ?3)",
                params![doc.as_str(), story, seq],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    fn story_members(&self) -> Result<Vec<(DocId, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT doc_id, story FROM story_members ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                DocId::from_hex(r.get::<_, String>(0)?),
                r.get::<_, String>(1)?,
            ))
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    fn put_events(&mut self, doc: &DocId, events: &[StoredEvent]) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM event_participants WHERE doc_id = ?1",
            [doc.as_str()],
        )?;
        tx.execute("DELETE FROM events WHERE doc_id = ?1", [doc.as_str()])?;
        for e in events {
            tx.execute(
                "INSERT INTO events (doc_id, idx, kind, mode, context, cameo, trigger_start, trigger_end, \
                 sentence_start, sentence_end, date_start, date_end, date_inferred, modality, reported_by, rule, confidence) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                params![
                    doc.as_str(), e.idx, e.kind, e.mode, e.context, e.cameo, e.trigger.0, e.trigger.1,
                    e.sentence.0, e.sentence.1, e.date_start, e.date_end, e.date_inferred, e.modality,
                    e.reported_by, e.rule, e.confidence
                ],
            )?;
            for (role, list) in [("actor", &e.actors), ("target", &e.targets)] {
                for (pos, p) in list.iter().enumerate() {
                    tx.execute(
                        "INSERT INTO event_participants (doc_id, idx, role, pos, entity, text, start, end) \
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        params![doc.as_str(), e.idx, role, pos as i64, p.entity, p.text, p.start, p.end],
                    )?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn events(&self, doc: Option<&DocId>) -> Result<Vec<StoredEvent>> {
        let mut statement = self.conn.prepare(
            "SELECT e.doc_id, e.idx, kind, mode, context, cameo, trigger_start, trigger_end, sentence_start, \
             sentence_end, date_start, date_end, date_inferred, modality, reported_by, rule, confidence \
             FROM events e JOIN documents d ON d.doc_id = e.doc_id \
             WHERE ?1 IS NULL OR e.doc_id = ?1 ORDER BY d.seq, e.idx",
        )?;
        let mut events: Vec<StoredEvent> = statement
            .query_map([doc.map(DocId::as_str)], |r| {
                Ok(StoredEvent {
                    doc: DocId::from_hex(r.get::<_, String>(0)?),
                    idx: r.get(1)?,
                    kind: r.get(2)?,
                    mode: r.get(3)?,
                    context: r.get(4)?,
                    cameo: r.get(5)?,
                    actors: Vec::new(),
                    targets: Vec::new(),
                    trigger: (r.get(6)?, r.get(7)?),
                    sentence: (r.get(8)?, r.get(9)?),
                    date_start: r.get(10)?,
                    date_end: r.get(11)?,
                    date_inferred: r.get(12)?,
                    modality: r.get(13)?,
                    reported_by: r.get(14)?,
                    rule: r.get(15)?,
                    confidence: r.get(16)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let participants: Vec<rows::ParticipantRow> = self.all(
            "SELECT doc_id, idx, role, entity, text, start, end FROM event_participants \
             WHERE ?1 IS NULL OR doc_id = ?1 ORDER BY doc_id, idx, role, pos",
            doc.map(DocId::as_str),
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    StoredParticipant {
                        entity: r.get(3)?,
                        text: r.get(4)?,
                        start: r.get(5)?,
                        end: r.get(6)?,
                    },
                ))
            },
        )?;
        rows::attach_participants(&mut events, participants);
        Ok(events)
    }
}

impl SqliteStore {
    /// The stored articles, all of them or the one with id `only`, oldest
    /// first: one query per table, not one per article.
    fn load(&self, only: Option<&str>) -> Result<Vec<StoredArticle>> {
        const ONLY: &str = "?1 IS NULL OR doc_id = ?1";
        let heads = self.all(
            &rows::head_query("?1 IS NULL OR d.doc_id = ?1"),
            only,
            |r| rows::head_from(|i| r.get::<_, Option<String>>(i)),
        )?;
        let child = |sql: &str| rows::child_query(sql, ONLY);
        let paragraphs = self.all(
            &child("SELECT doc_id, start, end FROM paragraphs"),
            only,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let captions = self.all(&child("SELECT doc_id, text FROM captions"), only, |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        let removed = self.all(
            &child("SELECT doc_id, kind, text FROM removed"),
            only,
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        rows::assemble(rows::ArticleRows {
            heads,
            paragraphs,
            captions,
            removed,
        })
    }

    /// Every row of `sql`, its one parameter `param`, each read by `map`.
    fn all<T>(
        &self,
        sql: &str,
        param: Option<&str>,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_map([param], map)?
            .collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use parallax_core::{
        BlockKind, DateSource, DateStamp, Meta, Outlet, OutletEvidence, OutletKind, PartialDate,
        Removed,
    };

    fn sample(id: &str, url: Option<&str>) -> (Article, Origin, String) {
        let meta = Meta {
            title: Some("A title".into()),
            published: Some(DateStamp {
                date: PartialDate::ymd(2022, 7, 14).unwrap(),
                time: Some((9, 17)),
                source: DateSource::LabelledText,
                evidence: "Published : Jul 14, 2022 - 09:17".into(),
            }),
            outlet: Some(Outlet {
                name: "The Korea Herald".into(),
                domain: Some("koreaherald.com".into()),
                country: Some("KR".into()),
                kind: OutletKind::Commercial,
                evidence: OutletEvidence::PageChrome,
                evidence_text: "x".into(),
            }),
            url: url.map(str::to_string),
            ..Meta::default()
        };
        let mut article = Article::from_paragraphs(
            DocId::from_hex(id.into()),
            meta,
            &["First paragraph é.", "Second."],
        );
        article.captions.push("A caption".into());
        article.removed.push(Removed {
            kind: BlockKind::Menu,
            text: "Home".into(),
        });
        (article, Origin::file("a.txt"), "text".into())
    }

    #[test]
    fn round_trip_and_idempotence() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let mut store = SqliteStore::open(&path).unwrap();
        let batch = vec![
            sample("aa11", Some("https://e.com/x")),
            sample("aa11", None),
            sample("bb22", Some("https://e.com/x")),
            sample("cc33", None),
        ];
        let outcomes = store.put_articles(&batch).unwrap();
        assert_eq!(
            outcomes,
            [
                PutOutcome::Inserted,
                PutOutcome::SameContent,
                PutOutcome::SameUrl {
                    existing: "aa11".into()
                },
                PutOutcome::Inserted
            ]
        );
        drop(store);
        let store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.count_articles().unwrap(), 2);
        let loaded = store.article("aa").unwrap().unwrap();
        assert_eq!(loaded.article, batch[0].0);
        assert_eq!(loaded.origin, batch[0].1);
        assert!(store.article("zz").unwrap().is_none());
    }
}
