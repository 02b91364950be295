//! `parallax events`: coded events as JSON lines (PLOVER field names), CSV,
//! or GDELT-style tab-separated rows.

use parallax_core::{Annotations, EntityKind, Event, Participant};
use parallax_pipeline::{Annotated, Extracted};
use parallax_store::{StoredEvent, StoredParticipant};

/// The events of one article as the store keeps them: entity ids, not indexes.
pub(crate) fn stored(article: &Extracted, annotated: &Annotated) -> Vec<StoredEvent> {
    let text = &article.article.text;
    let entities = &annotated.annotations.entities;
    let participants = |list: &[Participant]| {
        list.iter()
            .map(|p| StoredParticipant {
                entity: entities[p.entity].id.clone(),
                text: p.range.slice(text).to_string(),
                start: p.range.start(),
                end: p.range.end(),
            })
            .collect()
    };
    annotated
        .events
        .iter()
        .enumerate()
        .map(|(idx, e)| StoredEvent {
            doc: article.article.doc.clone(),
            idx: idx as u32,
            kind: e.kind.as_str().to_string(),
            mode: e.mode.map(str::to_string),
            context: e.context.map(str::to_string),
            cameo: e.cameo.to_string(),
            actors: participants(&e.actors),
            targets: participants(&e.targets),
            trigger: (e.trigger.start(), e.trigger.end()),
            sentence: (e.sentence.start(), e.sentence.end()),
            date_start: e.date.map(|d| d.start.to_string()),
            date_end: e.date.map(|d| d.end.to_string()),
            date_inferred: e.date_inferred,
            modality: e.modality.as_str().to_string(),
            reported_by: e.reported_by.map(|i| entities[i].id.clone()),
            rule: e.rule.to_string(),
            confidence: e.confidence,
        })
        .collect()
}

/// One event with the article it came from.
pub(crate) struct Row<'a> {
    pub(crate) article: &'a Extracted,
    pub(crate) annotated: &'a Annotated,
    pub(crate) event: &'a Event,
    pub(crate) index: usize,
}

/// Every event of a run, in input order.
pub(crate) fn rows<'a>(articles: &'a [Extracted], annotated: &'a [Annotated]) -> Vec<Row<'a>> {
    articles
        .iter()
        .zip(annotated)
        .flat_map(|(article, annotated)| {
            annotated
                .events
                .iter()
                .enumerate()
                .map(move |(index, event)| Row {
                    article,
                    annotated,
                    event,
                    index,
                })
        })
        .collect()
}

/// The actor code of a participant: the entity id for states, territories
/// and organisations; for people and agencies, their state when known.
fn code(annotations: &Annotations, p: &Participant) -> String {
    let e = &annotations.entities[p.entity];
    match e.kind {
        EntityKind::Person | EntityKind::Agency => {
            e.country.clone().unwrap_or_else(|| e.id.clone())
        }
        _ => e.id.clone(),
    }
}

fn participants_json(
    text: &str,
    annotations: &Annotations,
    list: &[Participant],
) -> serde_json::Value {
    list.iter()
        .map(|p| {
            let e = &annotations.entities[p.entity];
            serde_json::json!({
                "actorText": p.range.slice(text),
                "code": code(annotations, p),
                "entity": e.id,
                "name": e.name,
                "span": [p.range.start(), p.range.end()],
            })
        })
        .collect()
}

/// A stable id: the document and the event's place in it.
fn id(row: &Row<'_>) -> String {
    format!("{}-{}", row.article.article.doc.as_str(), row.index + 1)
}

fn date(row: &Row<'_>) -> String {
    row.event
        .date
        .map(|d| {
            if d.start == d.end {
                d.start.to_string()
            } else {
                format!("{}/{}", d.start, d.end)
            }
        })
        .unwrap_or_default()
}

/// One JSON object per line, with PLOVER's field names.
pub(crate) fn jsonl(rows: &[Row<'_>]) -> String {
    let mut out = String::new();
    for row in rows {
        let text = &row.article.article.text;
        let annotations = &row.annotated.annotations;
        let e = row.event;
        let value = serde_json::json!({
            "id": id(row),
            "date": date(row),
            "dateInferred": e.date_inferred,
            "source": participants_json(text, annotations, &e.actors),
            "target": participants_json(text, annotations, &e.targets),
            "event": e.kind.as_str(),
            "mode": e.mode,
            "context": e.context,
            "cameo": e.cameo,
            "eventText": e.trigger.slice(text),
            "text": e.sentence.slice(text),
            "modality": e.modality.as_str(),
            "reportedBy": e.reported_by.map(|i| annotations.entities[i].id.clone()),
            "doc": row.article.article.doc.as_str(),
            "url": row.article.article.meta.url,
            "outlet": row.article.article.meta.outlet.as_ref().map(|o| o.name.clone()),
            "file": row.article.origin.location(),
            "trigger": [e.trigger.start(), e.trigger.end()],
            "sentence": [e.sentence.start(), e.sentence.end()],
            "rule": e.rule,
            "confidence": f64::from(e.confidence) / 100.0,
        });
        out.push_str(&value.to_string());
        out.push('\n');
    }
    out
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

fn joined(row: &Row<'_>, list: &[Participant], f: impl Fn(&Participant) -> String) -> String {
    let _ = row;
    list.iter().map(f).collect::<Vec<_>>().join(";")
}

/// Comma-separated, one event a row, PLOVER field names as the header.
/// The columns of the CSV and Parquet exports, PLOVER's field names first.
const COLUMNS: [&str; 17] = [
    "id",
    "date",
    "dateInferred",
    "sourceCode",
    "sourceText",
    "targetCode",
    "targetText",
    "event",
    "mode",
    "context",
    "cameo",
    "eventText",
    "modality",
    "reportedBy",
    "doc",
    "url",
    "text",
];

/// One event's values, in [`COLUMNS`] order; "" for none.
fn fields(row: &Row<'_>) -> [String; 17] {
    let text = &row.article.article.text;
    let annotations = &row.annotated.annotations;
    let e = row.event;
    [
        id(row),
        date(row),
        e.date_inferred.to_string(),
        joined(row, &e.actors, |p| code(annotations, p)),
        joined(row, &e.actors, |p| p.range.slice(text).to_string()),
        joined(row, &e.targets, |p| code(annotations, p)),
        joined(row, &e.targets, |p| p.range.slice(text).to_string()),
        e.kind.as_str().to_string(),
        e.mode.unwrap_or("").to_string(),
        e.context.unwrap_or("").to_string(),
        e.cameo.to_string(),
        e.trigger.slice(text).to_string(),
        e.modality.as_str().to_string(),
        e.reported_by
            .map(|i| annotations.entities[i].id.clone())
            .unwrap_or_default(),
        row.article.article.doc.as_str().to_string(),
        row.article.article.meta.url.clone().unwrap_or_default(),
        e.sentence.slice(text).to_string(),
    ]
}

pub(crate) fn csv(rows: &[Row<'_>]) -> String {
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for row in rows {
        out.push_str(
            &fields(row)
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    }
    out
}

/// GDELT's quad class from a CAMEO root code: verbal and material
/// cooperation, verbal and material conflict.
fn quad_class(cameo: &str) -> u8 {
    match cameo
        .get(..2)
        .and_then(|r| r.parse::<u8>().ok())
        .unwrap_or(0)
    {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        _ => 4,
    }
}

/// GDELT-style tab-separated rows (a subset of GDELT 2.0's event columns,
/// in its order and with its header names).
pub(crate) fn gdelt(rows: &[Row<'_>]) -> String {
    let mut out = String::from(
        "GLOBALEVENTID\tSQLDATE\tActor1Code\tActor1Name\tActor1CountryCode\tActor2Code\tActor2Name\tActor2CountryCode\tIsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\tSOURCEURL\n",
    );
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    for row in rows {
        let text = &row.article.article.text;
        let annotations = &row.annotated.annotations;
        let e = row.event;
        let actor = |list: &[Participant]| {
            list.first().map(|p| {
                let entity = &annotations.entities[p.entity];
                (
                    code(annotations, p),
                    clean(p.range.slice(text)),
                    entity.country.clone().unwrap_or_default(),
                )
            })
        };
        let (a1, n1, c1) = actor(&e.actors).unwrap_or_default();
        let (a2, n2, c2) = actor(&e.targets).unwrap_or_default();
        let sqldate = e
            .date
            .map(|d| d.start.to_string().replace('-', ""))
            .unwrap_or_default();
        let base = e.cameo.get(..3).unwrap_or(e.cameo);
        let root = e.cameo.get(..2).unwrap_or(e.cameo);
        let url = row
            .article
            .article
            .meta
            .url
            .clone()
            .unwrap_or_else(|| row.article.origin.location());
        let fields = [
            id(row),
            sqldate,
            a1,
            n1,
            c1,
            a2,
            n2,
            c2,
            "1".to_string(),
            e.cameo.to_string(),
            base.to_string(),
            root.to_string(),
            quad_class(e.cameo).to_string(),
            clean(&url),
        ];
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out
}

/// A pipeline whose annotator and coder also read the user's PETRARCH-format
/// actor and verb dictionaries. A file that cannot be read is an error that
/// names it; lines of a verb dictionary that cannot be read are counted on
/// stderr (unless quiet), with the first few.
pub(crate) fn pipeline_with_dictionaries(
    threads: Option<usize>,
    actor_files: &[std::path::PathBuf],
    verb_files: &[std::path::PathBuf],
    builtin: bool,
    quiet: bool,
) -> anyhow::Result<parallax_pipeline::Pipeline> {
    use anyhow::Context as _;
    let read = |path: &std::path::PathBuf| {
        std::fs::read(path)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .with_context(|| format!("cannot read dictionary {}", path.display()))
    };
    let mut extra_actors = Vec::new();
    for path in actor_files {
        extra_actors.extend(parallax_pipeline::parallax_annotate::read_actor_dictionary(
            &read(path)?,
        ));
    }
    let mut dictionaries = Vec::new();
    for path in verb_files {
        let dictionary = parallax_pipeline::parallax_events::VerbDictionary::parse(&read(path)?);
        if !quiet && !dictionary.skipped.is_empty() {
            eprintln!(
                "parallax: {}: {} patterns read, {} lines skipped{}",
                path.display(),
                dictionary.len(),
                dictionary.skipped.len(),
                dictionary
                    .skipped
                    .iter()
                    .take(3)
                    .map(|(line, why)| format!("\n  line {line}: {why}"))
                    .collect::<String>()
            );
        }
        dictionaries.push(dictionary);
    }
    Ok(parallax_pipeline::PipelineOptions {
        threads,
        annotate: Some(parallax_pipeline::parallax_annotate::AnnotateOptions {
            extra_actors,
            ..Default::default()
        }),
        events: Some(parallax_pipeline::parallax_events::EventOptions {
            dictionaries,
            builtin,
        }),
        ..parallax_pipeline::PipelineOptions::default()
    }
    .build())
}

/// The events as one Parquet file (Snappy-compressed, one row group): the
/// CSV's columns, `dateInferred` a boolean, the others UTF-8 strings that are
/// null where the CSV leaves a cell empty.
pub(crate) fn parquet(rows: &[Row<'_>]) -> anyhow::Result<Vec<u8>> {
    use parquet::basic::Compression;
    use parquet::data_type::{BoolType, ByteArray, ByteArrayType};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use std::sync::Arc;

    let schema = format!(
        "message events {{ {} }}",
        COLUMNS
            .iter()
            .map(|c| match *c {
                "dateInferred" => format!("REQUIRED BOOLEAN {c};"),
                _ => format!("OPTIONAL BYTE_ARRAY {c} (UTF8);"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    );
    let schema = Arc::new(parquet::schema::parser::parse_message_type(&schema)?);
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let table: Vec<[String; 17]> = rows.iter().map(fields).collect();
    let mut out = Vec::new();
    let mut writer = SerializedFileWriter::new(&mut out, schema, properties)?;
    let mut group = writer.next_row_group()?;
    let mut index = 0;
    while let Some(mut column) = group.next_column()? {
        if COLUMNS[index] == "dateInferred" {
            let values: Vec<bool> = table.iter().map(|r| r[index] == "true").collect();
            column
                .typed::<BoolType>()
                .write_batch(&values, None, None)?;
        } else {
            let levels: Vec<i16> = table
                .iter()
                .map(|r| i16::from(!r[index].is_empty()))
                .collect();
            let values: Vec<ByteArray> = table
                .iter()
                .filter(|r| !r[index].is_empty())
                .map(|r| ByteArray::from(r[index].as_str()))
                .collect();
            column
                .typed::<ByteArrayType>()
                .write_batch(&values, Some(&levels), None)?;
        }
        column.close()?;
        index += 1;
    }
    group.close()?;
    writer.close()?;
    Ok(out)
}
