//! The embedded SQLite store.

use std::path::Path;

use parallax_core::{
    Article, DateStamp, DocId, Hints, Meta, Origin, Outlet, PartialDate, Removed, TextRange,
};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::{PutOutcome, Result, Store, StoredArticle, StoredEvent, StoredParticipant, rows};

/// 1: documents and articles. 2: events and their participants. 3: story
/// membership. Each version only adds tables, so opening an older file
/// creates the missing ones and keeps everything stored.
const SCHEMA_VERSION: i64 = 3;

const SCHEMA: &str = "
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
CREATE TABLE IF NOT EXISTS story_members (
    doc_id TEXT PRIMARY KEY REFERENCES articles(doc_id),
    story TEXT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story);
";

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

    fn init(conn: Connection) -> Result<SqliteStore> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(crate::Error::SchemaTooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        conn.execute_batch(SCHEMA)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        Ok(SqliteStore { conn })
    }
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
    let meta = &article.meta;
    let stamp = |s: &Option<DateStamp>| {
        s.as_ref().map(|s| {
            (
                s.date.to_string(),
                s.time.map(|(h, m)| format!("{h:02}:{m:02}")),
                s.source.as_str().to_string(),
                s.evidence.clone(),
            )
        })
    };
    let (published, published_time, published_source, published_evidence) =
        split4(stamp(&meta.published));
    let (modified, modified_time, modified_source, modified_evidence) =
        split4(stamp(&meta.modified));
    let outlet = meta.outlet.as_ref();
    tx.execute(
        "INSERT INTO articles VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)",
        params![
            article.doc.as_str(), meta.title, meta.standfirst, meta.byline, meta.wire, meta.dateline,
            published, published_time, published_source, published_evidence,
            modified, modified_time, modified_source, modified_evidence,
            outlet.map(|o| o.name.clone()), outlet.and_then(|o| o.domain.clone()), outlet.and_then(|o| o.country.clone()),
            outlet.map(|o| o.kind.as_str()), outlet.map(|o| o.evidence.as_str()), outlet.map(|o| o.evidence_text.clone()),
            meta.url, meta.language, meta.fetched, article.text
        ],
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

type Stamp4 = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn split4(value: Option<(String, Option<String>, String, String)>) -> Stamp4 {
    match value {
        Some((a, b, c, d)) => (Some(a), b, Some(c), Some(d)),
        None => (None, None, None, None),
    }
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
        let ids: Vec<String> = self
            .conn
            .prepare("SELECT doc_id FROM documents ORDER BY seq")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|id| self.load(id)).collect()
    }

    fn article(&self, id_prefix: &str) -> Result<Option<StoredArticle>> {
        let pattern = format!("{}%", id_prefix.replace(['%', '_'], ""));
        let ids: Vec<String> = self
            .conn
            .prepare("SELECT doc_id FROM documents WHERE doc_id LIKE ?1 LIMIT 2")?
            .query_map([pattern], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [id] => self.load(id).map(Some),
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
        let mut participants = self.conn.prepare(
            "SELECT role, entity, text, start, end FROM event_participants WHERE doc_id = ?1 AND idx = ?2 ORDER BY role, pos",
        )?;
        for e in &mut events {
            let rows: Vec<(String, StoredParticipant)> = participants
                .query_map(params![e.doc.as_str(), e.idx], |r| {
                    Ok((
                        r.get(0)?,
                        StoredParticipant {
                            entity: r.get(1)?,
                            text: r.get(2)?,
                            start: r.get(3)?,
                            end: r.get(4)?,
                        },
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (role, p) in rows {
                if role == "actor" {
                    e.actors.push(p);
                } else {
                    e.targets.push(p);
                }
            }
        }
        Ok(events)
    }
}

impl SqliteStore {
    fn load(&self, id: &str) -> Result<StoredArticle> {
        let (origin, media) = self.conn.query_row(
            "SELECT path, record, url, fetched, content_type, hint_title, hint_published, hint_outlet, media FROM documents WHERE doc_id = ?1",
            [id],
            |r| {
                Ok((
                    Origin {
                        path: r.get(0)?,
                        record: r.get(1)?,
                        url: r.get(2)?,
                        fetched: r.get(3)?,
                        content_type: r.get(4)?,
                        hints: Hints { title: r.get(5)?, published: r.get(6)?, outlet: r.get(7)? },
                    },
                    r.get::<_, String>(8)?,
                ))
            },
        )?;
        let (meta, text) = self.conn.query_row(
            "SELECT * FROM articles WHERE doc_id = ?1",
            [id],
            read_meta_row,
        )?;
        let meta = meta?;
        let paragraphs = self.query_list(
            "SELECT start, end FROM paragraphs WHERE doc_id = ?1 ORDER BY idx",
            id,
            |r| Ok(TextRange::new(r.get(0)?, r.get(1)?)),
        )?;
        let captions = self.query_list(
            "SELECT text FROM captions WHERE doc_id = ?1 ORDER BY idx",
            id,
            |r| r.get(0),
        )?;
        let removed_rows: Vec<(String, String)> = self.query_list(
            "SELECT kind, text FROM removed WHERE doc_id = ?1 ORDER BY idx",
            id,
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let removed = removed_rows
            .into_iter()
            .map(|(kind, text)| {
                Ok(Removed {
                    kind: rows::block_kind(&kind)?,
                    text,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if paragraphs.iter().any(|range: &TextRange| {
            range.end() as usize > text.len()
                || !text.is_char_boundary(range.start() as usize)
                || !text.is_char_boundary(range.end() as usize)
        }) {
            return Err(rows::corrupt(
                "paragraphs",
                format!("a range of {id} falls outside its text"),
            ));
        }
        let article = Article {
            doc: DocId::from_hex(id.to_string()),
            meta,
            text,
            paragraphs,
            captions,
            removed,
        };
        Ok(StoredArticle {
            article,
            origin,
            media,
        })
    }

    fn query_list<T>(
        &self,
        sql: &str,
        id: &str,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        Ok(self
            .conn
            .prepare_cached(sql)?
            .query_map([id], map)?
            .collect::<rusqlite::Result<_>>()?)
    }
}

fn read_meta_row(r: &Row<'_>) -> rusqlite::Result<(Result<Meta>, String)> {
    let get = |i: usize| r.get::<_, Option<String>>(i);
    let stamp = |date: Option<String>,
                 time: Option<String>,
                 source: Option<String>,
                 evidence: Option<String>|
     -> Result<Option<DateStamp>> {
        let (Some(date), Some(source)) = (date, source) else {
            return Ok(None);
        };
        let date = PartialDate::parse_iso(&date)
            .ok_or_else(|| rows::corrupt("articles", format!("bad date {date:?}")))?;
        let time = time.and_then(|t| {
            let (h, m) = t.split_once(':')?;
            Some((h.parse().ok()?, m.parse().ok()?))
        });
        Ok(Some(DateStamp {
            date,
            time,
            source: rows::date_source(&source)?,
            evidence: evidence.unwrap_or_default(),
        }))
    };
    let published = stamp(get(6)?, get(7)?, get(8)?, get(9)?);
    let modified = stamp(get(10)?, get(11)?, get(12)?, get(13)?);
    let outlet: Result<Option<Outlet>> = match (get(14)?, get(17)?, get(18)?) {
        (Some(name), Some(kind), Some(evidence)) => (|| {
            Ok(Some(Outlet {
                name,
                domain: get(15)?,
                country: get(16)?,
                kind: rows::outlet_kind(&kind)?,
                evidence: rows::outlet_evidence(&evidence)?,
                evidence_text: get(19)?.unwrap_or_default(),
            }))
        })(),
        _ => Ok(None),
    };
    let meta = (|| -> Result<Meta> {
        Ok(Meta {
            title: get(1)?,
            standfirst: get(2)?,
            byline: get(3)?,
            wire: get(4)?,
            dateline: get(5)?,
            published: published?,
            modified: modified?,
            outlet: outlet?,
            url: get(20)?,
            language: get(21)?,
            fetched: get(22)?,
        })
    })();
    Ok((meta, r.get(23)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use parallax_core::{BlockKind, DateSource, OutletEvidence, OutletKind};

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
