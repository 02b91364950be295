//! One suite for every `Store`: SQLite always; PostgreSQL when
//! `PARALLAX_TEST_POSTGRES_URL` names a server (the feature `postgres` is on
//! for tests; `.ci/run` installs PostgreSQL from Debian's packages, starts it
//! on loopback and sets the variable, and sets `PARALLAX_REQUIRE_POSTGRES`
//! so that a missing server fails the run instead of skipping). Each
//! PostgreSQL store lives in a schema of its own, dropped afterwards.
//!
//! Checked: articles read back exactly as written (property test over random
//! articles), a document is stored once by content hash and once by canonical
//! URL, a batch that repeats a document stores it once, lookups by id prefix,
//! input order, events replaced rather than doubled, story membership kept,
//! what is stored survives reopening, and a database of every earlier schema
//! version opens with its rows intact.

use parallax_core::{
    Article, BlockKind, DateSource, DateStamp, DocId, Hints, Meta, Origin, Outlet, OutletEvidence,
    OutletKind, PartialDate, Removed,
};
use parallax_store::{
    PostgresStore, PutOutcome, SqliteStore, Store, StoredEvent, StoredParticipant,
};
use proptest::prelude::*;

fn article(id: &str, url: Option<&str>, paragraphs: &[&str]) -> (Article, Origin, String) {
    let meta = Meta {
        title: Some(format!("title of {id}")),
        url: url.map(str::to_string),
        ..Meta::default()
    };
    let article = Article::from_paragraphs(DocId::from_hex(id.to_string()), meta, paragraphs);
    (
        article,
        Origin::file(format!("{id}.txt")),
        "text".to_string(),
    )
}

/// The checks every store must pass, given a way to make an empty one.
fn conformance<S: Store>(make: impl Fn() -> S) {
    // Same content twice, in one batch and across batches.
    let mut store = make();
    let batch = vec![
        article("aa01", None, &["One."]),
        article("aa01", None, &["One."]),
        article("bb02", None, &["Two."]),
    ];
    assert_eq!(
        store.put_articles(&batch).unwrap(),
        [
            PutOutcome::Inserted,
            PutOutcome::SameContent,
            PutOutcome::Inserted
        ]
    );
    assert_eq!(
        store.put_articles(&batch[..1]).unwrap(),
        [PutOutcome::SameContent]
    );
    assert_eq!(store.count_articles().unwrap(), 2);

    // Same canonical URL, different content: the stored one is kept.
    let mut store = make();
    let first = article("cc03", Some("https://e.org/a"), &["First version."]);
    let second = article("dd04", Some("https://e.org/a"), &["Edited version."]);
    store.put_articles(&[first]).unwrap();
    assert_eq!(
        store.put_articles(&[second]).unwrap(),
        [PutOutcome::SameUrl {
            existing: "cc03".into()
        }]
    );
    assert_eq!(store.count_articles().unwrap(), 1);

    // Prefix lookup: unique prefixes find, ambiguous or missing ones do not.
    let mut store = make();
    store
        .put_articles(&[
            article("ee0501", None, &["A."]),
            article("ee0502", None, &["B."]),
        ])
        .unwrap();
    let found = store.article("ee0501").unwrap().map(|s| s.article.doc);
    assert_eq!(found, Some(DocId::from_hex("ee0501".into())));
    assert!(store.article("ee05").unwrap().is_none());
    assert!(store.article("ff").unwrap().is_none());
    assert!(store.article("%").unwrap().is_none());

    // Input order is kept.
    let ids: Vec<String> = store
        .articles()
        .unwrap()
        .iter()
        .map(|s| s.article.doc.to_string())
        .collect();
    assert_eq!(ids, ["ee0501", "ee0502"]);

    // Events: stored per article, read back exactly, replaced (not doubled)
    // when the article is coded again.
    let doc = DocId::from_hex("ee0502".into());
    let participant = |entity: &str, text: &str, start| StoredParticipant {
        entity: entity.into(),
        text: text.into(),
        start,
        end: start + text.len() as u32,
    };
    let event = StoredEvent {
        doc: doc.clone(),
        idx: 0,
        kind: "SUPPORT".into(),
        mode: None,
        context: Some("diplomatic".into()),
        cameo: "054".into(),
        actors: vec![participant("PRK", "Pyongyang", 0)],
        targets: vec![
            participant("DPR", "Donetsk", 20),
            participant("LPR", "Luhansk", 32),
        ],
        trigger: (10, 19),
        sentence: (0, 40),
        date_start: Some("2022-07-13".into()),
        date_end: Some("2022-07-13".into()),
        date_inferred: false,
        modality: "asserted".into(),
        reported_by: None,
        rule: "recognize*".into(),
        confidence: 75,
    };
    store
        .put_events(&doc, std::slice::from_ref(&event))
        .unwrap();
    store
        .put_events(&doc, std::slice::from_ref(&event))
        .unwrap();
    assert_eq!(store.events(None).unwrap(), std::slice::from_ref(&event));
    assert_eq!(store.events(Some(&doc)).unwrap(), [event]);
    assert!(
        store
            .events(Some(&DocId::from_hex("ee0501".into())))
            .unwrap()
            .is_empty()
    );
    store.put_events(&doc, &[]).unwrap();
    assert!(store.events(None).unwrap().is_empty());

    // Stories: membership read back in joining order; an article already in
    // a story stays there, and storing the same grouping twice adds nothing.
    let first = DocId::from_hex("ee0501".into());
    assert!(store.story_members().unwrap().is_empty());
    store
        .put_story_members(&[
            (first.clone(), "s-ee0501".into()),
            (doc.clone(), "s-ee0501".into()),
        ])
        .unwrap();
    store
        .put_story_members(&[
            (doc.clone(), "s-other".into()),
            (first.clone(), "s-ee0501".into()),
        ])
        .unwrap();
    assert_eq!(
        store.story_members().unwrap(),
        [
            (first, "s-ee0501".to_string()),
            (doc, "s-ee0501".to_string())
        ]
    );
}

#[test]
fn sqlite_in_memory_conforms() {
    conformance(|| SqliteStore::open_in_memory().unwrap());
}

#[test]
fn sqlite_file_conforms() {
    let dir = tempfile::tempdir().unwrap();
    let counter = std::cell::Cell::new(0);
    conformance(|| {
        counter.set(counter.get() + 1);
        SqliteStore::open(&dir.path().join(format!("s{}.db", counter.get()))).unwrap()
    });
}

/// Fresh PostgreSQL stores, each in a schema of its own; the schemas are
/// dropped when this is.
struct Postgres {
    url: String,
    schemas: std::cell::RefCell<Vec<String>>,
}

impl Postgres {
    /// The server named by `PARALLAX_TEST_POSTGRES_URL`; none when it is not
    /// set, unless `PARALLAX_REQUIRE_POSTGRES` says the run must have one.
    fn from_env() -> Option<Postgres> {
        match std::env::var("PARALLAX_TEST_POSTGRES_URL") {
            Ok(url) if !url.is_empty() => Some(Postgres {
                url,
                schemas: Default::default(),
            }),
            _ => {
                assert!(
                    std::env::var_os("PARALLAX_REQUIRE_POSTGRES").is_none(),
                    "PARALLAX_REQUIRE_POSTGRES is set but PARALLAX_TEST_POSTGRES_URL is not"
                );
                eprintln!("PARALLAX_TEST_POSTGRES_URL not set: PostgreSQL not tested");
                None
            }
        }
    }

    /// The URL of a new empty schema.
    fn fresh_url(&self) -> String {
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let schema = format!("parallax_test_{}_{n}_{nanos}", std::process::id());
        let mut client = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
        client
            .batch_execute(&format!("CREATE SCHEMA {schema}"))
            .unwrap();
        self.schemas.borrow_mut().push(schema.clone());
        let separator = if self.url.contains('?') { '&' } else { '?' };
        format!("{}{separator}options=-c%20search_path%3D{schema}", self.url)
    }

    fn make(&self) -> PostgresStore {
        PostgresStore::connect(&self.fresh_url()).unwrap()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let Ok(mut client) = postgres::Client::connect(&self.url, postgres::NoTls) else {
            return;
        };
        for schema in self.schemas.borrow().iter() {
            let _ = client.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
        }
    }
}

#[test]
fn postgres_conforms() {
    let Some(pg) = Postgres::from_env() else {
        return;
    };
    conformance(|| pg.make());
}

/// What one connection stored, another (a second process, a restarted
/// server) reads; connecting again migrates nothing twice.
#[test]
fn postgres_keeps_what_is_stored_across_connections() {
    let Some(pg) = Postgres::from_env() else {
        return;
    };
    let url = pg.fresh_url();
    let mut first = PostgresStore::connect(&url).unwrap();
    first
        .put_articles(&[article("ab01", Some("https://e.org/k"), &["Kept."])])
        .unwrap();
    drop(first);
    let mut second = PostgresStore::connect(&url).unwrap();
    assert_eq!(second.count_articles().unwrap(), 1);
    assert_eq!(
        second
            .put_articles(&[article("ab01", None, &["Kept."])])
            .unwrap(),
        [PutOutcome::SameContent]
    );
}

/// Two writers storing the same documents at once: each document is stored
/// once, and every outcome says what became of it (no error from the race).
#[test]
fn postgres_writers_at_once_store_each_document_once() {
    let Some(pg) = Postgres::from_env() else {
        return;
    };
    let url = pg.fresh_url();
    PostgresStore::connect(&url).unwrap();
    let batch: Vec<_> = (0..40)
        .map(|i| {
            let id = format!("c0{i:02}");
            let url = format!("https://e.org/{i}");
            article(&id, Some(&url), &["Same words."])
        })
        .collect();
    let outcomes: Vec<Vec<PutOutcome>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                let (url, batch) = (&url, &batch);
                scope.spawn(move || {
                    let mut store = PostgresStore::connect(url).unwrap();
                    batch
                        .iter()
                        .flat_map(|item| store.put_articles(std::slice::from_ref(item)).unwrap())
                        .collect()
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let store = PostgresStore::connect(&url).unwrap();
    assert_eq!(store.count_articles().unwrap(), 40);
    for i in 0..40 {
        let inserted = outcomes
            .iter()
            .filter(|o| o[i] == PutOutcome::Inserted)
            .count();
        assert_eq!(inserted, 1, "document {i}: {outcomes:?}");
    }
}

/// A file written by each earlier schema version opens, gains the tables
/// it lacks, and keeps its rows.
#[test]
fn sqlite_files_of_every_earlier_version_open() {
    let dir = tempfile::tempdir().unwrap();
    for version in 1..=2 {
        let path = dir.path().join(format!("v{version}.db"));
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            for migration in &parallax_store::sqlite_migrations()[..version] {
                conn.execute_batch(migration).unwrap();
            }
            conn.pragma_update(None, "user_version", version as i64)
                .unwrap();
            conn.execute(
                "INSERT INTO documents (doc_id, path, media, seq) VALUES ('0ld1', 'old.txt', 'text', 1)",
                [],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO articles (doc_id, title, text) VALUES ('0ld1', 'Old', 'Old words.')",
                [],
            )
            .unwrap();
            conn.execute("INSERT INTO paragraphs VALUES ('0ld1', 0, 0, 10)", [])
                .unwrap();
        }
        let mut store = SqliteStore::open(&path).unwrap();
        let old = store.article("0ld1").unwrap().expect("the old article");
        assert_eq!(old.article.text, "Old words.");
        assert_eq!(old.article.meta.title.as_deref(), Some("Old"));
        // The newer tables exist now.
        store
            .put_story_members(&[(old.article.doc.clone(), "s-old".into())])
            .unwrap();
        assert!(store.events(None).unwrap().is_empty());
    }
    // A file from a newer build is refused, not damaged.
    let path = dir.path().join("future.db");
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert!(matches!(
        SqliteStore::open(&path),
        Err(parallax_store::Error::SchemaTooNew { found: 99, .. })
    ));
}

fn text() -> impl Strategy<Value = String> {
    "[\\p{L}\\p{N} ,.“”'()-]{1,60}"
}

fn stamp() -> impl Strategy<Value = Option<DateStamp>> {
    let parts = (
        1990i16..2030,
        1u8..=12,
        1u8..=28,
        proptest::option::of((0u8..24, 0u8..60)),
        text(),
    );
    proptest::option::of(parts.prop_map(|(y, m, d, time, evidence)| DateStamp {
        date: PartialDate::ymd(y, m, d).expect("days 1 to 28 exist in every month"),
        time,
        source: DateSource::LabelledText,
        evidence,
    }))
}

fn any_article() -> impl Strategy<Value = (Article, Origin, String)> {
    (
        proptest::collection::vec(text(), 1..6),
        proptest::option::of(text()),
        stamp(),
        proptest::option::of(text()),
        proptest::collection::vec(text(), 0..3),
        proptest::collection::vec(text(), 0..3),
        "[0-9a-f]{8}",
    )
        .prop_map(
            |(paragraphs, title, published, outlet, captions, removed, id)| {
                let meta = Meta {
                    title,
                    published,
                    outlet: outlet.map(|name| Outlet {
                        name,
                        domain: None,
                        country: Some("KR".into()),
                        kind: OutletKind::Wire,
                        evidence: OutletEvidence::SourceLine,
                        evidence_text: "Source: x".into(),
                    }),
                    language: Some("en".into()),
                    ..Meta::default()
                };
                let mut article =
                    Article::from_paragraphs(DocId::from_hex(id.clone()), meta, &paragraphs);
                article.captions = captions;
                article.removed = removed
                    .into_iter()
                    .map(|text| Removed {
                        kind: BlockKind::Teaser,
                        text,
                    })
                    .collect();
                let origin = Origin {
                    record: Some("line 3".into()),
                    hints: Hints {
                        published: Some("2022-07-14".into()),
                        ..Hints::default()
                    },
                    ..Origin::file(format!("{id}.jsonl"))
                };
                (article, origin, "html".to_string())
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn articles_read_back_exactly(item in any_article()) {
        let mut store = SqliteStore::open_in_memory().unwrap();
        read_back(&mut store, &item)?;
    }
}

proptest! {
    // Fewer cases: each opens a connection and a schema.
    #![proptest_config(ProptestConfig { cases: 16, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn articles_read_back_exactly_from_postgres(item in any_article()) {
        if let Some(pg) = Postgres::from_env() {
            read_back(&mut pg.make(), &item)?;
        }
    }
}

fn read_back(store: &mut dyn Store, item: &(Article, Origin, String)) -> Result<(), TestCaseError> {
    store.put_articles(std::slice::from_ref(item)).unwrap();
    let loaded = store.article(item.0.doc.as_str()).unwrap().unwrap();
    prop_assert_eq!(&loaded.article, &item.0);
    prop_assert_eq!(&loaded.origin, &item.1);
    prop_assert_eq!(&loaded.media, &item.2);
    let all = store.articles().unwrap();
    prop_assert_eq!(all.len(), 1);
    prop_assert_eq!(&all[0].article, &item.0);
    Ok(())
}
