//! WARC and WARC.gz: response records of HTML pages, with URL and fetch date.
//!
//! We read WARC ourselves instead of using the `warc` crate: its reader buffers
//! header and body lines with `read_until` and no limit, so one record of a
//! hostile or truncated file could take all memory. Here every header line,
//! header block and body is capped, and an oversized record is skipped by
//! streaming past it.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use parallax_core::{Diagnostic, Media, Origin, RawDoc, Stage};

use crate::IngestSettings;
use crate::capped::{Line, gzip_reader, read_line_capped};

const MAX_HEADER_LINE: usize = 64 << 10;
const MAX_HEADER_LINES: usize = 512;

pub(crate) fn read_warc_file(
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
                format!("cannot open WARC file: {error}"),
            ));
            return;
        }
    };
    if gzip {
        let mut reader =
            BufReader::with_capacity(1 << 16, gzip_reader(file, settings.max_decompressed_bytes));
        read_warc(&location, &mut reader, settings, on_doc, on_diagnostic);
    } else {
        let mut reader = BufReader::with_capacity(1 << 16, file);
        read_warc(&location, &mut reader, settings, on_doc, on_diagnostic);
    }
}

/// The WARC headers parallax uses.
#[derive(Default)]
struct RecordHeader {
    record_type: String,
    record_id: Option<String>,
    target_uri: Option<String>,
    date: Option<String>,
    content_type: Option<String>,
    content_length: Option<u64>,
}

pub(crate) fn read_warc(
    location: &str,
    reader: &mut impl BufRead,
    settings: &IngestSettings,
    on_doc: &mut dyn FnMut(RawDoc),
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    let mut n_records = 0usize;
    loop {
        n_records += 1;
        let record_name = format!("record {n_records}");
        let header = match read_record_header(reader) {
            Ok(Some(header)) => header,
            Ok(None) => return,
            Err(error) => {
                let message = format!("{record_name}: cannot read WARC header: {error}");
                on_diagnostic(Diagnostic::error(Stage::Ingest, location, message));
                return;
            }
        };
        if n_records > settings.max_records_per_file {
            let message = format!(
                "stopped after {} records: the per-file cap",
                settings.max_records_per_file
            );
            on_diagnostic(Diagnostic::warning(Stage::Ingest, location, message));
            return;
        }
        let record_name = header.record_id.clone().unwrap_or(record_name);
        let Some(length) = header.content_length else {
            let message = format!(
                "{record_name}: WARC record has no Content-Length; cannot find the next record"
            );
            on_diagnostic(Diagnostic::error(Stage::Ingest, location, message));
            return;
        };
        let wanted = header.record_type == "response" || header.record_type == "resource";
        let body = if wanted && length <= settings.max_document_bytes as u64 {
            read_body(reader, length)
        } else {
            skip(reader, length).map(|()| Vec::new())
        };
        let body = match body {
            Ok(body) => body,
            Err(error) => {
                let message = format!(
                    "{record_name}: truncated WARC record: expected {length} body bytes: {error}"
                );
                on_diagnostic(Diagnostic::error(Stage::Ingest, location, message));
                return;
            }
        };
        if wanted && length > settings.max_document_bytes as u64 {
            let message = format!(
                "{record_name}: skipped: {length} bytes is over the {} byte cap",
                settings.max_document_bytes
            );
            on_diagnostic(Diagnostic::warning(Stage::Ingest, location, message));
            continue;
        }
        if wanted {
            accept_record(location, &record_name, header, body, on_doc, on_diagnostic);
        }
    }
}

fn accept_record(
    location: &str,
    record_name: &str,
    header: RecordHeader,
    body: Vec<u8>,
    on_doc: &mut dyn FnMut(RawDoc),
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    let (content_type, payload) = if header.record_type == "response" {
        match split_http(&body) {
            Some(split) => split,
            None => {
                let message =
                    format!("{record_name}: response record does not hold an HTTP response");
                on_diagnostic(Diagnostic::error(Stage::Ingest, location, message));
                return;
            }
        }
    } else {
        (header.content_type.clone(), body)
    };
    let is_html = content_type.as_deref().is_none_or(|ct| {
        let ct = ct.to_ascii_lowercase();
        ct.contains("html") || ct.contains("xml")
    });
    if !is_html || payload.is_empty() {
        return;
    }
    let origin = Origin {
        path: location.to_string(),
        record: Some(record_name.to_string()),
        url: header.target_uri,
        fetched: header.date,
        content_type,
        hints: Default::default(),
    };
    on_doc(crate::raw_doc(origin, Media::Html, payload));
}

fn read_record_header(reader: &mut impl BufRead) -> io::Result<Option<RecordHeader>> {
    let mut line = Vec::new();
    // Skip the blank lines that end the previous record.
    loop {
        match read_line_capped(reader, &mut line, MAX_HEADER_LINE)? {
            Line::Eof => return Ok(None),
            Line::TooLong => return Err(invalid("WARC version line is too long")),
            Line::Complete if line.is_empty() => continue,
            Line::Complete => break,
        }
    }
    if !line.starts_with(b"WARC/") {
        let found = String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned();
        return Err(invalid(&format!(
            "expected a WARC/1.x version line, found {found:?}"
        )));
    }
    let mut header = RecordHeader::default();
    for _ in 0..MAX_HEADER_LINES {
        match read_line_capped(reader, &mut line, MAX_HEADER_LINE)? {
            Line::Eof => return Err(invalid("file ends inside a WARC header")),
            Line::TooLong => return Err(invalid("WARC header line is too long")),
            Line::Complete if line.is_empty() => return Ok(Some(header)),
            Line::Complete => parse_header_line(&line, &mut header),
        }
    }
    Err(invalid("too many WARC header lines"))
}

fn parse_header_line(line: &[u8], header: &mut RecordHeader) {
    let text = String::from_utf8_lossy(line);
    let Some((name, value)) = text.split_once(':') else {
        return;
    };
    let value = value.trim().to_string();
    match name.trim().to_ascii_lowercase().as_str() {
        "warc-type" => header.record_type = value.to_ascii_lowercase(),
        "warc-record-id" => header.record_id = Some(value.trim_matches(['<', '>']).to_string()),
        "warc-target-uri" => header.target_uri = Some(value.trim_matches(['<', '>']).to_string()),
        "warc-date" => header.date = Some(value),
        "content-type" => header.content_type = Some(value),
        "content-length" => header.content_length = value.parse().ok(),
        _ => {}
    }
}

fn read_body(reader: &mut impl Read, length: u64) -> io::Result<Vec<u8>> {
    let mut body = Vec::with_capacity(length.min(1 << 20) as usize);
    reader.take(length).read_to_end(&mut body)?;
    if (body.len() as u64) < length {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!("found {}", body.len()),
        ));
    }
    Ok(body)
}

fn skip(reader: &mut impl Read, length: u64) -> io::Result<()> {
    let skipped = io::copy(&mut reader.take(length), &mut io::sink())?;
    if skipped < length {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            format!("found {skipped}"),
        ));
    }
    Ok(())
}

/// Splits an HTTP response into its Content-Type and its payload, undoing
/// chunked transfer encoding when the headers declare it.
fn split_http(body: &[u8]) -> Option<(Option<String>, Vec<u8>)> {
    if !body.starts_with(b"HTTP/") {
        return None;
    }
    let end = find(body, b"\r\n\r\n")
        .map(|pos| (pos, 4))
        .or_else(|| find(body, b"\n\n").map(|pos| (pos, 2)))?;
    let headers = String::from_utf8_lossy(&body[..end.0]);
    let mut content_type = None;
    let mut chunked = false;
    for line in headers.lines().skip(1) {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.trim().to_string()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    let payload = &body[end.0 + end.1..];
    let payload = if chunked {
        dechunk(payload).unwrap_or_else(|| payload.to_vec())
    } else {
        payload.to_vec()
    };
    Some((content_type, payload))
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let line_end = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..).unwrap_or(&[]);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn record(kind: &str, uri: &str, payload: &str) -> String {
        let body =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{payload}");
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-07-14T01:00:00Z\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    fn run(input: &[u8]) -> (Vec<RawDoc>, Vec<Diagnostic>) {
        let mut docs = Vec::new();
        let mut diagnostics = Vec::new();
        let mut reader = io::BufReader::new(input);
        read_warc(
            "t.warc",
            &mut reader,
            &IngestSettings::standard(),
            &mut |d| docs.push(d),
            &mut |d| diagnostics.push(d),
        );
        (docs, diagnostics)
    }

    #[test]
    fn reads_response_records_only() {
        let input = format!(
            "{}{}",
            record("request", "http://a", "GET"),
            record("response", "http://a/x", "<p>hi</p>")
        );
        let (docs, diagnostics) = run(input.as_bytes());
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].bytes, b"<p>hi</p>");
        assert_eq!(docs[0].origin.url.as_deref(), Some("http://a/x"));
        assert_eq!(
            docs[0].origin.fetched.as_deref(),
            Some("2022-07-14T01:00:00Z")
        );
    }

    #[test]
    fn truncated_record_is_a_diagnostic_after_good_ones() {
        let good = record("response", "http://a/1", "<p>one</p>");
        let cut = record("response", "http://a/2", "<p>two</p>");
        let input = format!("{good}{}", &cut[..cut.len() - 12]);
        let (docs, diagnostics) = run(input.as_bytes());
        assert_eq!(docs.len(), 1);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0].message.contains("truncated WARC record"),
            "{}",
            diagnostics[0].message
        );
    }

    #[test]
    fn chunked_payload_is_decoded() {
        assert_eq!(
            dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
    }
}
