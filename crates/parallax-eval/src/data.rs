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

/// One BASIL article as its JSON gives it.
pub struct BasilArticle {
    /// The article's file.
    pub path: std::path::PathBuf,
    /// The triplet (the story) it belongs to.
    pub triplet: String,
    /// Its title.
    pub title: String,
    /// Paragraphs, each a list of sentences.
    pub paragraphs: Vec<Vec<String>>,
    /// Its publication date.
    pub date: Option<parallax_core::PartialDate>,
}

impl BasilArticle {
    /// Title, then the paragraphs (sentences joined by a space), separated
    /// by blank lines.
    pub fn text(&self) -> String {
        let mut text = self.title.clone();
        for p in &self.paragraphs {
            text.push_str("\n\n");
            text.push_str(&p.join(" "));
        }
        text
    }
}

/// BASIL's articles (`basil/articles/YEAR/*.json`), in file order; files
/// that do not parse or name no triplet are left out.
pub fn basil_articles(data: &Path) -> std::io::Result<Vec<BasilArticle>> {
    let mut out = Vec::new();
    for year in sorted_entries(&data.join("basil/articles"))? {
        for path in sorted_entries(&year)? {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            let Some(triplet) = json["triplet-uuid"].as_str() else {
                continue;
            };
            let paragraphs = json["body-paragraphs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| match p.as_array() {
                    Some(sentences) => sentences
                        .iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect(),
                    None => p.as_str().map(str::to_string).into_iter().collect(),
                })
                .collect();
            out.push(BasilArticle {
                triplet: triplet.to_string(),
                title: json["title"].as_str().unwrap_or("").to_string(),
                paragraphs,
                date: json["date"]
                    .as_str()
                    .and_then(parallax_core::PartialDate::parse_iso),
                path,
            });
        }
    }
    Ok(out)
}
