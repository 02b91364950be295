//! JSONL: one object per line with `url`, `html` or `text`, and optional
//! `published`, `outlet` and `title`.

use std::io::{BufRead, BufReader};
use std::path::Path;

use parallax_core::{Diagnostic, Hints, Media, Origin, RawDoc, Stage};

use crate::IngestSettings;
use crate::capped::{Line, gzip_reader, read_line_capped};

pub(crate) fn read_jsonl_file(
    path: &Path,
    gzip: bool,
    settings: &IngestSettings,
    on_doc: &mut dyn FnMut(RawDoc),
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    let location = path.display().to_string();
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) => {
            on_diagnostic(Diagnostic::error(
                Stage::Ingest,
                location,
                format!("cannot open JSONL file: {error}"),
            ));
            return;
        }
    };
    if gzip {
        let mut reader = BufReader::new(gzip_reader(file, settings.max_decompressed_bytes));
        read_jsonl(&location, &mut reader, settings, on_doc, on_diagnostic);
    } else {
        read_jsonl(
            &location,
            &mut BufReader::new(file),
            settings,
            on_doc,
            on_diagnostic,
        );
    }
}

pub(crate) fn read_jsonl(
    location: &str,
    reader: &mut impl BufRead,
    settings: &IngestSettings,
    on_doc: &mut dyn FnMut(RawDoc),
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    let mut line = Vec::new();
    for line_no in 1.. {
        if line_no > settings.max_records_per_file {
            let message = format!(
                "stopped after {} lines: the per-file cap",
                settings.max_records_per_file
            );
            on_diagnostic(Diagnostic::warning(Stage::Ingest, location, message));
            return;
        }
        let record = format!("line {line_no}");
        let error = |message: String| {
            Diagnostic::error(Stage::Ingest, format!("{location} ({record})"), message)
        };
        match read_line_capped(reader, &mut line, settings.max_document_bytes) {
            Ok(Line::Eof) => return,
            Ok(Line::TooLong) => {
                on_diagnostic(error(format!(
                    "too large: records are capped at {} bytes",
                    settings.max_document_bytes
                )));
            }
            Ok(Line::Complete) if line.iter().all(u8::is_ascii_whitespace) => {}
            Ok(Line::Complete) => match parse_record(location, &record, &line) {
                Ok(doc) => on_doc(doc),
                Err(message) => on_diagnostic(error(message)),
            },
            Err(io_error) => {
                on_diagnostic(error(format!("cannot read: {io_error}")));
                return;
            }
        }
    }
}

fn parse_record(location: &str, record: &str, line: &[u8]) -> Result<RawDoc, String> {
    let value: serde_json::Value =
        serde_json::from_slice(line).map_err(|error| format!("invalid JSON: {error}"))?;
    let object = value
        .as_object()
        .ok_or("expected a JSON object, found another JSON value")?;
    let field = |name: &str| {
        object
            .get(name)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let (media, bytes) = match (field("html"), field("text")) {
        (Some(html), _) if !html.trim().is_empty() => (Media::Html, html.into_bytes()),
        (_, Some(text)) if !text.trim().is_empty() => (Media::Text, text.into_bytes()),
        _ => {
            return Err(
                "expected a non-empty \"html\" or \"text\" field, found neither".to_string(),
            );
        }
    };
    let origin = Origin {
        path: location.to_string(),
        record: Some(record.to_string()),
        url: field("url"),
        fetched: field("fetched"),
        content_type: None,
        hints: Hints {
            title: field("title"),
            published: field("published"),
            outlet: field("outlet"),
        },
    };
    Ok(crate::raw_doc(origin, media, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_and_bad_lines() {
        let input = "{\"url\":\"http://a\",\"text\":\"Hello.\",\"published\":\"2022-07-14\",\"outlet\":\"Yonhap\"}\nnot json\n\n[1]\n{\"url\":\"x\"}\n{\"html\":\"<p>x</p>\"}\n";
        let mut docs = Vec::new();
        let mut diagnostics = Vec::new();
        read_jsonl(
            "t.jsonl",
            &mut input.as_bytes(),
            &IngestSettings::standard(),
            &mut |d| docs.push(d),
            &mut |d| diagnostics.push(d),
        );
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].media, Media::Text);
        assert_eq!(
            docs[0].origin.hints.published.as_deref(),
            Some("2022-07-14")
        );
        assert_eq!(docs[1].media, Media::Html);
        let locations: Vec<_> = diagnostics.iter().map(|d| d.location.as_str()).collect();
        assert_eq!(
            locations,
            ["t.jsonl (line 2)", "t.jsonl (line 4)", "t.jsonl (line 5)"]
        );
    }
}
