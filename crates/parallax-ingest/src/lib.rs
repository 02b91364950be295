//! Readers: everything a user has on disk becomes a stream of [`RawDoc`]s.
//!
//! This is the only stage that reads files. Each reader streams, caps every size
//! it reads (files, decompressed bytes, records, lines), and turns what it cannot
//! read into a [`Diagnostic`] naming the file, the record and the reason. One bad
//! file or record never stops the others.
//!
//! ```no_run
//! use parallax_ingest::{read_inputs, IngestSettings};
//! let settings = IngestSettings::standard();
//! let mut docs = Vec::new();
//! let mut diagnostics = Vec::new();
//! read_inputs(&["../shared/seeds".to_string()], &settings, &mut |doc| docs.push(doc), &mut |d| diagnostics.push(d));
//! ```

mod capped;
mod feed;
mod jsonl;
mod sniff;
mod walk;
mod warc;

use std::io::Read;
use std::path::Path;

use parallax_core::{Diagnostic, DocId, Media, Origin, RawDoc, Stage};

pub use capped::{CappedRead, read_capped};
pub use sniff::{Format, sniff_format};
pub use walk::expand_inputs;

/// Limits on what the readers accept. Inputs are untrusted: every size is capped.
#[derive(Debug, Clone)]
pub struct IngestSettings {
    /// Largest single document (an HTML page, a text dump, one WARC or JSONL record).
    pub max_document_bytes: usize,
    /// Largest container file read whole (a feed).
    pub max_file_bytes: usize,
    /// Most bytes a compressed file may expand to.
    pub max_decompressed_bytes: u64,
    /// Most records read from one WARC, JSONL or feed file.
    pub max_records_per_file: usize,
}

impl IngestSettings {
    /// The limits the CLI uses unless told otherwise.
    pub fn standard() -> IngestSettings {
        IngestSettings {
            max_document_bytes: 16 << 20,
            max_file_bytes: 64 << 20,
            max_decompressed_bytes: 8 << 30,
            max_records_per_file: 1_000_000,
        }
    }
}

/// The content hash that names a document.
pub fn doc_id(bytes: &[u8]) -> DocId {
    let hash = blake3::hash(bytes);
    DocId::from_hex(hash.to_hex()[..32].to_string())
}

/// Builds a [`RawDoc`], naming it by its content hash.
pub fn raw_doc(origin: Origin, media: Media, bytes: Vec<u8>) -> RawDoc {
    RawDoc {
        id: doc_id(&bytes),
        origin,
        media,
        bytes,
    }
}

/// Reads every input (files, directories, globs, `-` for standard input) and
/// hands each document to `on_doc` and each problem to `on_diagnostic`.
pub fn read_inputs(
    inputs: &[String],
    settings: &IngestSettings,
    on_doc: &mut dyn FnMut(RawDoc),
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    for input in expand_inputs(inputs, on_diagnostic) {
        if input == "-" {
            read_stdin(settings, on_doc, on_diagnostic);
        } else {
            read_file(Path::new(&input), settings, on_doc, on_diagnostic);
        }
    }
}

fn read_stdin(
    settings: &IngestSettings,
    on_doc: &mut dyn FnMut(RawDoc),
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    let stdin = std::io::stdin().lock();
    match read_capped(stdin, settings.max_file_bytes) {
        Ok(CappedRead::Complete(bytes)) => read_bytes("-", bytes, settings, on_doc, on_diagnostic),
        Ok(CappedRead::TooLarge) => on_diagnostic(too_large("-", settings.max_file_bytes)),
        Err(error) => on_diagnostic(Diagnostic::error(
            Stage::Ingest,
            "-",
            format!("cannot read standard input: {error}"),
        )),
    }
}

/// Reads one file of any supported format.
pub fn read_file(
    path: &Path,
    settings: &IngestSettings,
    on_doc: &mut dyn FnMut(RawDoc),
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    let location = path.display().to_string();
    let mut head = [0u8; 4096];
    let head_len =
        match std::fs::File::open(path).and_then(|mut file| read_head(&mut file, &mut head)) {
            Ok(len) => len,
            Err(error) => {
                on_diagnostic(Diagnostic::error(
                    Stage::Ingest,
                    location,
                    format!("cannot open file: {error}"),
                ));
                return;
            }
        };
    let format = sniff_format(&location, &head[..head_len]);
    match format {
        Format::Warc { gzip } => warc::read_warc_file(path, gzip, settings, on_doc, on_diagnostic),
        Format::Jsonl { gzip } => {
            jsonl::read_jsonl_file(path, gzip, settings, on_doc, on_diagnostic)
        }
        Format::Gzip => read_gzip_document(path, settings, on_doc, on_diagnostic),
        _ => match capped::read_file_capped(
            path,
            settings.max_document_bytes.max(settings.max_file_bytes),
        ) {
            Ok(CappedRead::Complete(bytes)) => {
                read_bytes(&location, bytes, settings, on_doc, on_diagnostic)
            }
            Ok(CappedRead::TooLarge) => {
                on_diagnostic(too_large(&location, settings.max_file_bytes))
            }
            Err(error) => on_diagnostic(Diagnostic::error(
                Stage::Ingest,
                location,
                format!("cannot read file: {error}"),
            )),
        },
    }
}

fn read_head(file: &mut std::fs::File, head: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < head.len() {
        let n = file.read(&mut head[filled..])?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}

fn read_gzip_document(
    path: &Path,
    settings: &IngestSettings,
    on_doc: &mut dyn FnMut(RawDoc),
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    let location = path.display().to_string();
    let cap = settings.max_document_bytes.max(settings.max_file_bytes);
    let result = std::fs::File::open(path)
        .and_then(|file| read_capped(capped::gzip_reader(file, cap as u64 + 1), cap));
    match result {
        Ok(CappedRead::Complete(bytes)) => {
            read_bytes(&location, bytes, settings, on_doc, on_diagnostic)
        }
        Ok(CappedRead::TooLarge) => on_diagnostic(too_large(&location, cap)),
        Err(error) => on_diagnostic(Diagnostic::error(
            Stage::Ingest,
            location,
            format!("cannot decompress gzip file: {error}"),
        )),
    }
}

/// Reads a whole-file document (HTML, text dump or feed) already in memory.
pub fn read_bytes(
    location: &str,
    bytes: Vec<u8>,
    settings: &IngestSettings,
    on_doc: &mut dyn FnMut(RawDoc),
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    let format = sniff_format(location, &bytes[..bytes.len().min(4096)]);
    match format {
        Format::Empty => on_diagnostic(Diagnostic::error(
            Stage::Ingest,
            location,
            "empty file: expected a document, found no text",
        )),
        Format::Binary => on_diagnostic(Diagnostic::error(
            Stage::Ingest,
            location,
            "binary data: expected HTML, text, WARC, JSONL or a feed, found bytes that are not text",
        )),
        Format::Feed => feed::read_feed(location, &bytes, settings, on_doc, on_diagnostic),
        Format::Html | Format::Text if bytes.len() > settings.max_document_bytes => {
            on_diagnostic(too_large(location, settings.max_document_bytes));
        }
        Format::Html => on_doc(raw_doc(Origin::file(location), Media::Html, bytes)),
        Format::Text => on_doc(raw_doc(Origin::file(location), Media::Text, bytes)),
        Format::Warc { .. } => warc::read_warc(
            location,
            &mut std::io::Cursor::new(bytes),
            settings,
            on_doc,
            on_diagnostic,
        ),
        Format::Jsonl { .. } => jsonl::read_jsonl(
            location,
            &mut std::io::Cursor::new(bytes),
            settings,
            on_doc,
            on_diagnostic,
        ),
        Format::Gzip => {
            let cap = settings.max_document_bytes.max(settings.max_file_bytes);
            match read_capped(
                capped::gzip_reader(std::io::Cursor::new(bytes), cap as u64 + 1),
                cap,
            ) {
                Ok(CappedRead::Complete(inner)) if !inner.starts_with(&[0x1f, 0x8b]) => {
                    read_bytes(location, inner, settings, on_doc, on_diagnostic);
                }
                Ok(CappedRead::Complete(_)) => on_diagnostic(Diagnostic::error(
                    Stage::Ingest,
                    location,
                    "nested gzip: expected one layer of compression, found two",
                )),
                Ok(CappedRead::TooLarge) => on_diagnostic(too_large(location, cap)),
                Err(error) => on_diagnostic(Diagnostic::error(
                    Stage::Ingest,
                    location,
                    format!("cannot decompress gzip data: {error}"),
                )),
            }
        }
    }
}

fn too_large(location: &str, cap: usize) -> Diagnostic {
    Diagnostic::error(
        Stage::Ingest,
        location,
        format!("too large: documents are capped at {cap} bytes, this one is larger"),
    )
}
