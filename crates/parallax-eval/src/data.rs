//! Loading the evaluation sets from `../shared/data`, size-capped.

use std::io::Read;
use std::path::Path;

/// Largest page read from the sets; all are far smaller.
const MAX_PAGE: u64 = 64 << 20;

/// Reads a file, decompressing it when it is gzip.
pub(crate) fn read_maybe_gz(path: &Path) -> std::io::Result<Vec<u8>> {
    let bytes = std::fs::read(path)?;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    match parallax_ingest::read_capped(gunzip(&bytes), MAX_PAGE as usize)? {
        parallax_ingest::CappedRead::Complete(bytes) => Ok(bytes),
        parallax_ingest::CappedRead::TooLarge => Err(std::io::Error::other(format!(
            "{} decompresses past the cap",
            path.display()
        ))),
    }
}

#[allow(clippy::disallowed_methods)] // Capped by the caller through read_capped.
fn gunzip(bytes: &[u8]) -> impl Read + '_ {
    flate2::read::MultiGzDecoder::new(bytes).take(MAX_PAGE + 1)
}

/// Sorted entries of a directory.
pub(crate) fn sorted_entries(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    Ok(entries)
}

/// Text of an HTML fragment: tags dropped, entities of the common kinds decoded.
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
}
