//! Rows as both backends store them: enum values by name, an article's
//! metadata as a fixed list of text columns, and the checks a row read back
//! must pass. SQLite and PostgreSQL bind and read the same columns, so the
//! mapping between core types and columns is written once, here.

use parallax_core::{
    Article, BlockKind, DateSource, DateStamp, DocId, Meta, OutletEvidence, OutletKind,
    PartialDate, Removed, TextRange,
};

use crate::{Error, Result};

/// The text columns of the `articles` table after `doc_id`, in order; the
/// article's `text` follows them.
pub(crate) const META_COLUMNS: [&str; 22] = [
    "title",
    "standfirst",
    "byline",
    "wire",
    "dateline",
    "published",
    "published_time",
    "published_source",
    "published_evidence",
    "modified",
    "modified_time",
    "modified_source",
    "modified_evidence",
    "outlet_name",
    "outlet_domain",
    "outlet_country",
    "outlet_kind",
    "outlet_evidence",
    "outlet_evidence_text",
    "url",
    "language",
    "fetched",
];

/// One value per [`META_COLUMNS`] entry.
pub(crate) type MetaValues = [Option<String>; 22];

/// A date stamp as four columns: date, time, source, evidence.
fn stamp_values(stamp: Option<&DateStamp>) -> [Option<String>; 4] {
    match stamp {
        Some(s) => [
            Some(s.date.to_string()),
            s.time.map(|(h, m)| format!("{h:02}:{m:02}")),
            Some(s.source.as_str().to_string()),
            Some(s.evidence.clone()),
        ],
        None => [None, None, None, None],
    }
}

/// The metadata as column values, in [`META_COLUMNS`] order.
pub(crate) fn meta_values(meta: &Meta) -> MetaValues {
    let [
        published,
        published_time,
        published_source,
        published_evidence,
    ] = stamp_values(meta.published.as_ref());
    let [modified, modified_time, modified_source, modified_evidence] =
        stamp_values(meta.modified.as_ref());
    let outlet = meta.outlet.as_ref();
    [
        meta.title.clone(),
        meta.standfirst.clone(),
        meta.byline.clone(),
        meta.wire.clone(),
        meta.dateline.clone(),
        published,
        published_time,
        published_source,
        published_evidence,
        modified,
        modified_time,
        modified_source,
        modified_evidence,
        outlet.map(|o| o.name.clone()),
        outlet.and_then(|o| o.domain.clone()),
        outlet.and_then(|o| o.country.clone()),
        outlet.map(|o| o.kind.as_str().to_string()),
        outlet.map(|o| o.evidence.as_str().to_string()),
        outlet.map(|o| o.evidence_text.clone()),
        meta.url.clone(),
        meta.language.clone(),
        meta.fetched.clone(),
    ]
}

/// A date stamp back from its four columns; none without a date and source.
fn stamp_from(values: [Option<String>; 4]) -> Result<Option<DateStamp>> {
    let [date, time, source, evidence] = values;
    let (Some(date), Some(source)) = (date, source) else {
        return Ok(None);
    };
    let date = PartialDate::parse_iso(&date)
        .ok_or_else(|| corrupt("articles", format!("bad date {date:?}")))?;
    let time = time.and_then(|t| {
        let (h, m) = t.split_once(':')?;
        Some((h.parse().ok()?, m.parse().ok()?))
    });
    Ok(Some(DateStamp {
        date,
        time,
        source: date_source(&source)?,
        evidence: evidence.unwrap_or_default(),
    }))
}

/// The metadata back from its column values.
pub(crate) fn meta_from(values: MetaValues) -> Result<Meta> {
    let [
        title,
        standfirst,
        byline,
        wire,
        dateline,
        p0,
        p1,
        p2,
        p3,
        m0,
        m1,
        m2,
        m3,
        outlet_name,
        outlet_domain,
        outlet_country,
        kind,
        evidence,
        evidence_text,
        url,
        language,
        fetched,
    ] = values;
    let outlet = match (outlet_name, kind, evidence) {
        (Some(name), Some(kind), Some(evidence)) => Some(parallax_core::Outlet {
            name,
            domain: outlet_domain,
            country: outlet_country,
            kind: outlet_kind(&kind)?,
            evidence: outlet_evidence(&evidence)?,
            evidence_text: evidence_text.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(Meta {
        title,
        standfirst,
        byline,
        wire,
        dateline,
        published: stamp_from([p0, p1, p2, p3])?,
        modified: stamp_from([m0, m1, m2, m3])?,
        outlet,
        url,
        language,
        fetched,
    })
}

/// An article from its rows, after checking that every paragraph range
/// lies inside its text on character boundaries (a row edited by hand, or
/// written by a broken build, must not make later stages slice wrongly).
pub(crate) fn article_from(
    id: &str,
    meta: Meta,
    text: String,
    paragraphs: Vec<(i64, i64)>,
    captions: Vec<String>,
    removed: Vec<(String, String)>,
) -> Result<Article> {
    let mut ranges = Vec::with_capacity(paragraphs.len());
    for (start, end) in paragraphs {
        let inside = 0 <= start
            && start <= end
            && (end as usize) <= text.len()
            && text.is_char_boundary(start as usize)
            && text.is_char_boundary(end as usize);
        if !inside {
            return Err(corrupt(
                "paragraphs",
                format!("a range of {id} falls outside its text"),
            ));
        }
        ranges.push(TextRange::new(start as u32, end as u32));
    }
    let removed = removed
        .into_iter()
        .map(|(kind, text)| {
            Ok(Removed {
                kind: block_kind(&kind)?,
                text,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Article {
        doc: DocId::from_hex(id.to_string()),
        meta,
        text,
        paragraphs: ranges,
        captions,
        removed,
    })
}

pub(crate) fn date_source(name: &str) -> Result<DateSource> {
    DateSource::from_name(name)
        .ok_or_else(|| corrupt("articles", format!("unknown date source {name:?}")))
}

pub(crate) fn outlet_kind(name: &str) -> Result<OutletKind> {
    OutletKind::from_name(name)
        .ok_or_else(|| corrupt("articles", format!("unknown outlet kind {name:?}")))
}

pub(crate) fn outlet_evidence(name: &str) -> Result<OutletEvidence> {
    OutletEvidence::from_name(name)
        .ok_or_else(|| corrupt("articles", format!("unknown outlet evidence {name:?}")))
}

pub(crate) fn block_kind(name: &str) -> Result<BlockKind> {
    BlockKind::from_name(name)
        .ok_or_else(|| corrupt("removed", format!("unknown block kind {name:?}")))
}

pub(crate) fn corrupt(table: &'static str, reason: String) -> Error {
    Error::Corrupt { table, reason }
}

/// An article's `documents` and `articles` row, read.
pub(crate) struct Head {
    pub(crate) id: String,
    pub(crate) origin: parallax_core::Origin,
    pub(crate) media: String,
    pub(crate) meta: MetaValues,
    pub(crate) text: String,
}

/// The query of article heads (`documents` joined with `articles`), oldest
/// first; `only` is the backend's condition "the parameter is null or is
/// this document's id" (`d.doc_id` is the id column). [`head_from`] reads
/// its rows.
pub(crate) fn head_query(only: &str) -> String {
    format!(
        "SELECT d.doc_id, path, record, d.url, d.fetched, content_type, hint_title, hint_published, \
         hint_outlet, media, a.{}, a.text FROM documents d JOIN articles a ON a.doc_id = d.doc_id \
         WHERE {only} ORDER BY d.seq",
        META_COLUMNS.join(", a.")
    )
}

/// The query of one child table's rows (`sql` selects `doc_id` first),
/// in article and index order; `only` as for [`head_query`], on `doc_id`.
pub(crate) fn child_query(sql: &str, only: &str) -> String {
    format!("{sql} WHERE {only} ORDER BY doc_id, idx")
}

/// A head from a row of [`head_query`], `column(i)` giving its `i`th
/// column as text (every column of it is text; those declared NOT NULL
/// are never null).
pub(crate) fn head_from<E>(
    mut column: impl FnMut(usize) -> std::result::Result<Option<String>, E>,
) -> std::result::Result<Head, E> {
    let mut meta: MetaValues = Default::default();
    for (i, value) in meta.iter_mut().enumerate() {
        *value = column(10 + i)?;
    }
    Ok(Head {
        id: column(0)?.unwrap_or_default(),
        origin: parallax_core::Origin {
            path: column(1)?.unwrap_or_default(),
            record: column(2)?,
            url: column(3)?,
            fetched: column(4)?,
            content_type: column(5)?,
            hints: parallax_core::Hints {
                title: column(6)?,
                published: column(7)?,
                outlet: column(8)?,
            },
        },
        media: column(9)?.unwrap_or_default(),
        meta,
        text: column(10 + META_COLUMNS.len())?.unwrap_or_default(),
    })
}

/// The rows of several articles, each child row keyed by its article's id
/// and in index order within it.
pub(crate) struct ArticleRows {
    pub(crate) heads: Vec<Head>,
    pub(crate) paragraphs: Vec<(String, i64, i64)>,
    pub(crate) captions: Vec<(String, String)>,
    pub(crate) removed: Vec<(String, String, String)>,
}

/// Assembles the articles of `rows`, in the order of its heads.
pub(crate) fn assemble(rows: ArticleRows) -> Result<Vec<crate::StoredArticle>> {
    use std::collections::HashMap;
    let mut paragraphs: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
    for (id, start, end) in rows.paragraphs {
        paragraphs.entry(id).or_default().push((start, end));
    }
    let mut captions: HashMap<String, Vec<String>> = HashMap::new();
    for (id, text) in rows.captions {
        captions.entry(id).or_default().push(text);
    }
    let mut removed: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for (id, kind, text) in rows.removed {
        removed.entry(id).or_default().push((kind, text));
    }
    rows.heads
        .into_iter()
        .map(|head| {
            let article = article_from(
                &head.id,
                meta_from(head.meta)?,
                head.text,
                paragraphs.remove(&head.id).unwrap_or_default(),
                captions.remove(&head.id).unwrap_or_default(),
                removed.remove(&head.id).unwrap_or_default(),
            )?;
            Ok(crate::StoredArticle {
                article,
                origin: head.origin,
                media: head.media,
            })
        })
        .collect()
}

/// One participant row: article id, event index, role, the participant.
pub(crate) type ParticipantRow = (String, u32, String, crate::StoredParticipant);

/// Puts each participant row on its event (`actor` or `target`), keeping
/// the rows' order.
pub(crate) fn attach_participants(events: &mut [crate::StoredEvent], rows: Vec<ParticipantRow>) {
    use std::collections::HashMap;
    let index: HashMap<(&str, u32), usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.doc.as_str(), e.idx), i))
        .collect();
    let mut placed: Vec<(usize, String, crate::StoredParticipant)> = Vec::with_capacity(rows.len());
    for (doc, idx, role, participant) in rows {
        if let Some(&i) = index.get(&(doc.as_str(), idx)) {
            placed.push((i, role, participant));
        }
    }
    for (i, role, participant) in placed {
        if role == "actor" {
            events[i].actors.push(participant);
        } else {
            events[i].targets.push(participant);
        }
    }
}
