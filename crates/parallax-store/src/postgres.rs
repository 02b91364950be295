//! The server-grade store: PostgreSQL, shared by many readers and writers.
//!
//! The same tables as the SQLite store, created by versioned migrations
//! recorded in `parallax_schema`; every statement is parameterised (no SQL
//! is built from values). Writers may run at once: documents are inserted
//! with `ON CONFLICT DO NOTHING`, so two processes storing the same page
//! store it once and each learns what became of its copy.

use std::sync::{Mutex, MutexGuard};

use parallax_core::{Article, DocId, Origin};
use postgres::{Client, NoTls, Transaction};

use crate::{PutOutcome, Result, Store, StoredArticle, StoredEvent, StoredParticipant, rows};

/// The schema, one migration per version, as in the SQLite store
/// (`sqlite::MIGRATIONS`); `end` is quoted, a keyword here. Offsets are
/// `BIGINT` (they are `u32`); `seq` columns are identities, so the order of
/// arrival is kept without a `MAX(seq)` read that two writers could race on.
const MIGRATIONS: [&str; 3] = [
    "
CREATE TABLE documents (
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
    seq BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE TABLE articles (
    doc_id TEXT PRIMARY KEY REFERENCES documents(doc_id),
    title TEXT, standfirst TEXT, byline TEXT, wire TEXT, dateline TEXT,
    published TEXT, published_time TEXT, published_source TEXT, published_evidence TEXT,
    modified TEXT, modified_time TEXT, modified_source TEXT, modified_evidence TEXT,
    outlet_name TEXT, outlet_domain TEXT, outlet_country TEXT, outlet_kind TEXT,
    outlet_evidence TEXT, outlet_evidence_text TEXT,
    url TEXT, language TEXT, fetched TEXT,
    text TEXT NOT NULL
);
CREATE TABLE paragraphs (
    doc_id TEXT NOT NULL REFERENCES articles(doc_id),
    idx INTEGER NOT NULL,
    start BIGINT NOT NULL,
    \"end\" BIGINT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE captions (
    doc_id TEXT NOT NULL REFERENCES articles(doc_id),
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE removed (
    doc_id TEXT NOT NULL REFERENCES articles(doc_id),
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
",
    "
CREATE TABLE events (
    doc_id TEXT NOT NULL REFERENCES articles(doc_id),
    idx BIGINT NOT NULL,
    kind TEXT NOT NULL, mode TEXT, context TEXT, cameo TEXT NOT NULL,
    trigger_start BIGINT NOT NULL, trigger_end BIGINT NOT NULL,
    sentence_start BIGINT NOT NULL, sentence_end BIGINT NOT NULL,
    date_start TEXT, date_end TEXT, date_inferred BOOLEAN NOT NULL,
    modality TEXT NOT NULL, reported_by TEXT, rule TEXT NOT NULL, confidence SMALLINT NOT NULL,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE event_participants (
    doc_id TEXT NOT NULL,
    idx BIGINT NOT NULL,
    role TEXT NOT NULL,
    pos INTEGER NOT NULL,
    entity TEXT NOT NULL,
    text TEXT NOT NULL,
    start BIGINT NOT NULL,
    \"end\" BIGINT NOT NULL,
    PRIMARY KEY (doc_id, idx, role, pos),
    FOREIGN KEY (doc_id, idx) REFERENCES events(doc_id, idx) ON DELETE CASCADE
);
CREATE INDEX events_cameo ON events(cameo);
",
    "
CREATE TABLE story_members (
    doc_id TEXT PRIMARY KEY REFERENCES articles(doc_id),
    story TEXT NOT NULL,
    seq BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX story_members_story ON story_members(story);
",
];

/// Any number, so that two processes migrating the same database at once
/// take turns: the key of the advisory lock held while migrating.
const MIGRATION_LOCK: i64 = 0x7061_7261_6c6c_6178; // "parallax"

/// A store in a PostgreSQL database, reached by URL
/// (`postgres://user:password@host:port/database`). The connection is
/// behind a mutex: the trait's readers take `&self`, and one connection
/// serves one statement at a time.
pub struct PostgresStore {
    client: Mutex<Client>,
}

impl PostgresStore {
    /// Connects (without TLS: run it on loopback or a private network, or
    /// behind a TLS-terminating proxy) and brings the schema up to date.
    pub fn connect(url: &str) -> Result<PostgresStore> {
        let mut client = Client::connect(url, NoTls)?;
        migrate(&mut client)?;
        Ok(PostgresStore {
            client: Mutex::new(client),
        })
    }

    fn client(&self) -> MutexGuard<'_, Client> {
        // A panic while the lock was held leaves the connection usable: each
        // write is one transaction, rolled back when it was not committed.
        self.client
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Applies the migrations the database lacks, in one transaction under an
/// advisory lock, recording each version reached.
fn migrate(client: &mut Client) -> Result<()> {
    let mut tx = client.transaction()?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS parallax_schema (
            version INTEGER PRIMARY KEY,
            applied TIMESTAMPTZ NOT NULL DEFAULT now()
        )",
    )?;
    let version: i32 = tx
        .query_one("SELECT COALESCE(MAX(version), 0) FROM parallax_schema", &[])?
        .get(0);
    let supported = MIGRATIONS.len() as i64;
    if i64::from(version) > supported {
        return Err(crate::Error::SchemaTooNew {
            found: i64::from(version),
            supported,
        });
    }
    for (done, migration) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        tx.batch_execute(migration)?;
        tx.execute(
            "INSERT INTO parallax_schema (version) VALUES ($1)",
            &[&((done + 1) as i32)],
        )?;
    }
    tx.commit()?;
    Ok(())
}

/// Whether a document is already stored, by content hash or canonical URL.
fn existing(
    tx: &mut Transaction<'_>,
    doc: &DocId,
    canonical: Option<&str>,
) -> Result<Option<PutOutcome>> {
    if tx
        .query_opt(
            "SELECT 1 FROM documents WHERE doc_id = $1",
            &[&doc.as_str()],
        )?
        .is_some()
    {
        return Ok(Some(PutOutcome::SameContent));
    }
    let Some(url) = canonical else {
        return Ok(None);
    };
    Ok(tx
        .query_opt(
            "SELECT doc_id FROM documents WHERE canonical_url = $1",
            &[&url],
        )?
        .map(|row| PutOutcome::SameUrl {
            existing: row.get(0),
        }))
}

/// Inserts the document row; false when another writer stored it (or its
/// canonical URL) first.
fn insert_document(
    tx: &mut Transaction<'_>,
    article: &Article,
    origin: &Origin,
    media: &str,
    canonical: Option<&str>,
) -> Result<bool> {
    let inserted = tx.execute(
        "INSERT INTO documents (doc_id, path, record, url, canonical_url, fetched, content_type, \
         hint_title, hint_published, hint_outlet, media) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING",
        &[
            &article.doc.as_str(),
            &origin.path,
            &origin.record,
            &origin.url,
            &canonical,
            &origin.fetched,
            &origin.content_type,
            &origin.hints.title,
            &origin.hints.published,
            &origin.hints.outlet,
            &media,
        ],
    )?;
    Ok(inserted == 1)
}

/// Inserts the article's own rows: metadata, paragraphs, captions and
/// removed blocks (each list in one statement, as arrays).
fn insert_article(tx: &mut Transaction<'_>, article: &Article) -> Result<()> {
    let doc = article.doc.as_str();
    let meta = rows::meta_values(&article.meta);
    let mut values: Vec<&(dyn postgres::types::ToSql + Sync)> = Vec::with_capacity(24);
    values.push(&doc);
    values.extend(
        meta.iter()
            .map(|v| v as &(dyn postgres::types::ToSql + Sync)),
    );
    values.push(&article.text);
    let placeholders: Vec<String> = (1..=24).map(|i| format!("${i}")).collect();
    tx.execute(
        &format!(
            "INSERT INTO articles (doc_id, {}, text) VALUES ({})",
            rows::META_COLUMNS.join(", "),
            placeholders.join(", ")
        ),
        &values,
    )?;
    let indexes = |n: usize| (0..n as i32).collect::<Vec<i32>>();
    let starts: Vec<i64> = article
        .paragraphs
        .iter()
        .map(|r| i64::from(r.start()))
        .collect();
    let ends: Vec<i64> = article
        .paragraphs
        .iter()
        .map(|r| i64::from(r.end()))
        .collect();
    tx.execute(
        "INSERT INTO paragraphs (doc_id, idx, start, \"end\") \
         SELECT $1, t.i, t.s, t.e FROM UNNEST($2::int[], $3::bigint[], $4::bigint[]) AS t(i, s, e)",
        &[&doc, &indexes(starts.len()), &starts, &ends],
    )?;
    tx.execute(
        "INSERT INTO captions (doc_id, idx, text) \
         SELECT $1, t.i, t.x FROM UNNEST($2::int[], $3::text[]) AS t(i, x)",
        &[&doc, &indexes(article.captions.len()), &article.captions],
    )?;
    let kinds: Vec<&str> = article.removed.iter().map(|r| r.kind.as_str()).collect();
    let texts: Vec<&str> = article.removed.iter().map(|r| r.text.as_str()).collect();
    tx.execute(
        "INSERT INTO removed (doc_id, idx, kind, text) \
         SELECT $1, t.i, t.k, t.x FROM UNNEST($2::int[], $3::text[], $4::text[]) AS t(i, k, x)",
        &[&doc, &indexes(kinds.len()), &kinds, &texts],
    )?;
    Ok(())
}

/// The stored articles, all or the one with id `only`, oldest first: one
/// query per table.
fn load(client: &mut Client, only: Option<&str>) -> Result<Vec<StoredArticle>> {
    const ONLY: &str = "$1::text IS NULL OR doc_id = $1";
    let heads = client
        .query(
            &rows::head_query("$1::text IS NULL OR d.doc_id = $1"),
            &[&only],
        )?
        .iter()
        .map(|r| rows::head_from(|i| r.try_get::<_, Option<String>>(i)))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let child = |sql: &str| rows::child_query(sql, ONLY);
    let paragraphs = client
        .query(
            &child("SELECT doc_id, start, \"end\" FROM paragraphs"),
            &[&only],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    let captions = client
        .query(&child("SELECT doc_id, text FROM captions"), &[&only])?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let removed = client
        .query(&child("SELECT doc_id, kind, text FROM removed"), &[&only])?
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    rows::assemble(rows::ArticleRows {
        heads,
        paragraphs,
        captions,
        removed,
    })
}

/// A stored offset or index back to `u32`; a value out of range is a
/// corrupt row, not a panic.
fn offset(table: &'static str, value: i64) -> Result<u32> {
    u32::try_from(value).map_err(|_| rows::corrupt(table, format!("offset {value} out of range")))
}

fn insert_event(tx: &mut Transaction<'_>, doc: &str, e: &StoredEvent) -> Result<()> {
    tx.execute(
        "INSERT INTO events (doc_id, idx, kind, mode, context, cameo, trigger_start, trigger_end, \
         sentence_start, sentence_end, date_start, date_end, date_inferred, modality, reported_by, \
         rule, confidence) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)",
        &[
            &doc,
            &i64::from(e.idx),
            &e.kind,
            &e.mode,
            &e.context,
            &e.cameo,
            &i64::from(e.trigger.0),
            &i64::from(e.trigger.1),
            &i64::from(e.sentence.0),
            &i64::from(e.sentence.1),
            &e.date_start,
            &e.date_end,
            &e.date_inferred,
            &e.modality,
            &e.reported_by,
            &e.rule,
            &i16::from(e.confidence),
        ],
    )?;
    for (role, list) in [("actor", &e.actors), ("target", &e.targets)] {
        for (pos, p) in list.iter().enumerate() {
            tx.execute(
                "INSERT INTO event_participants (doc_id, idx, role, pos, entity, text, start, \"end\") \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                &[
                    &doc,
                    &i64::from(e.idx),
                    &role,
                    &(pos as i32),
                    &p.entity,
                    &p.text,
                    &i64::from(p.start),
                    &i64::from(p.end),
                ],
            )?;
        }
    }
    Ok(())
}

fn event_from(r: &postgres::Row) -> Result<StoredEvent> {
    let at = |i: usize| offset("events", r.get::<_, i64>(i));
    Ok(StoredEvent {
        doc: DocId::from_hex(r.get::<_, String>(0)),
        idx: at(1)?,
        kind: r.get(2),
        mode: r.get(3),
        context: r.get(4),
        cameo: r.get(5),
        actors: Vec::new(),
        targets: Vec::new(),
        trigger: (at(6)?, at(7)?),
        sentence: (at(8)?, at(9)?),
        date_start: r.get(10),
        date_end: r.get(11),
        date_inferred: r.get(12),
        modality: r.get(13),
        reported_by: r.get(14),
        rule: r.get(15),
        confidence: u8::try_from(r.get::<_, i16>(16))
            .map_err(|_| rows::corrupt("events", "confidence out of range".into()))?,
    })
}

fn participant_from(r: &postgres::Row) -> Result<rows::ParticipantRow> {
    let at = |i: usize| offset("event_participants", r.get::<_, i64>(i));
    Ok((
        r.get(0),
        at(1)?,
        r.get(2),
        StoredParticipant {
            entity: r.get(3),
            text: r.get(4),
            start: at(5)?,
            end: at(6)?,
        },
    ))
}

impl Store for PostgresStore {
    fn put_articles(&mut self, batch: &[(Article, Origin, String)]) -> Result<Vec<PutOutcome>> {
        let mut client = self.client();
        let mut tx = client.transaction()?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for (article, origin, media) in batch {
            let canonical = article.meta.url.as_deref().or(origin.url.as_deref());
            if let Some(outcome) = existing(&mut tx, &article.doc, canonical)? {
                outcomes.push(outcome);
                continue;
            }
            if insert_document(&mut tx, article, origin, media, canonical)? {
                insert_article(&mut tx, article)?;
                outcomes.push(PutOutcome::Inserted);
                continue;
            }
            // Another writer committed it between the check and the insert.
            let outcome =
                existing(&mut tx, &article.doc, canonical)?.unwrap_or(PutOutcome::SameContent);
            outcomes.push(outcome);
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn articles(&self) -> Result<Vec<StoredArticle>> {
        load(&mut self.client(), None)
    }

    fn article(&self, id_prefix: &str) -> Result<Option<StoredArticle>> {
        let mut client = self.client();
        let pattern = format!("{}%", id_prefix.replace(['%', '_', '\\'], ""));
        let ids: Vec<String> = client
            .query(
                "SELECT doc_id FROM documents WHERE doc_id LIKE $1 LIMIT 2",
                &[&pattern],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect();
        match ids.as_slice() {
            [id] => Ok(load(&mut client, Some(id))?.pop()),
            _ => Ok(None),
        }
    }

    fn count_articles(&self) -> Result<usize> {
        let n: i64 = self
            .client()
            .query_one("SELECT COUNT(*) FROM articles", &[])?
            .get(0);
        Ok(n as usize)
    }

    fn put_events(&mut self, doc: &DocId, events: &[StoredEvent]) -> Result<()> {
        let mut client = self.client();
        let mut tx = client.transaction()?;
        tx.execute(
            "DELETE FROM event_participants WHERE doc_id = $1",
            &[&doc.as_str()],
        )?;
        tx.execute("DELETE FROM events WHERE doc_id = $1", &[&doc.as_str()])?;
        for e in events {
            insert_event(&mut tx, doc.as_str(), e)?;
        }
        tx.commit()?;
        Ok(())
    }

    fn events(&self, doc: Option<&DocId>) -> Result<Vec<StoredEvent>> {
        let mut client = self.client();
        let doc = doc.map(DocId::as_str);
        let mut events = client
            .query(
                "SELECT e.doc_id, e.idx, kind, mode, context, cameo, trigger_start, trigger_end, \
                 sentence_start, sentence_end, date_start, date_end, date_inferred, modality, \
                 reported_by, rule, confidence \
                 FROM events e JOIN documents d ON d.doc_id = e.doc_id \
                 WHERE $1::text IS NULL OR e.doc_id = $1 ORDER BY d.seq, e.idx",
                &[&doc],
            )?
            .iter()
            .map(event_from)
            .collect::<Result<Vec<_>>>()?;
        let participants = client
            .query(
                "SELECT doc_id, idx, role, entity, text, start, \"end\" FROM event_participants \
                 WHERE $1::text IS NULL OR doc_id = $1 ORDER BY doc_id, idx, role, pos",
                &[&doc],
            )?
            .iter()
            .map(participant_from)
            .collect::<Result<Vec<_>>>()?;
        rows::attach_participants(&mut events, participants);
        Ok(events)
    }

    fn put_story_members(&mut self, members: &[(DocId, String)]) -> Result<()> {
        let docs: Vec<&str> = members.iter().map(|(d, _)| d.as_str()).collect();
        let stories: Vec<&str> = members.iter().map(|(_, s)| s.as_str()).collect();
        // One statement, in the given order (WITH ORDINALITY), so the
        // identity column numbers the members as they joined.
        self.client().execute(
            "INSERT INTO story_members (doc_id, story) \
             SELECT t.d, t.s FROM UNNEST($1::text[], $2::text[]) WITH ORDINALITY AS t(d, s, n) \
             ORDER BY t.n ON CONFLICT (doc_id) DO NOTHING",
            &[&docs, &stories],
        )?;
        Ok(())
    }

    fn story_members(&self) -> Result<Vec<(DocId, String)>> {
        Ok(self
            .client()
            .query("SELECT doc_id, story FROM story_members ORDER BY seq", &[])?
            .iter()
            .map(|r| (DocId::from_hex(r.get::<_, String>(0)), r.get(1)))
            .collect())
    }
}
