//! One suite for every `Store`: SQLite always; PostgreSQL will join it, run when
//! `PARALLAX_TEST_POSTGRES_URL` is set.
//!
//! Checked: articles read back exactly as written (property test over random
//! articles), a document is stored once by content hash and once by canonical
//! URL, a batch that repeats a document stores it once, lookups by id prefix,
//! and input order.

use parallax_core::{
    Article, BlockKind, DateSource, DateStamp, DocId, Hints, Meta, Origin, Outlet, OutletEvidence,
    OutletKind, PartialDate, Removed,
};
use parallax_store::{PutOutcome, SqliteStore, Store, StoredEvent, StoredParticipant};
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
        store.put_articles(std::slice::from_ref(&item)).unwrap();
        let loaded = store.article(item.0.doc.as_str()).unwrap().unwrap();
        prop_assert_eq!(&loaded.article, &item.0);
        prop_assert_eq!(&loaded.origin, &item.1);
        prop_assert_eq!(&loaded.media, &item.2);
    }
}
