//! HTML pages: main text by `dom_smoothie` (a Readability port), metadata by
//! [`crate::html_meta`], paragraphs and captions from the readable content.
//!
//! The page is parsed once. Metadata is read from that document first, because
//! readability rewrites it; then the same document goes to `dom_smoothie`.

use dom_query::Document;
use dom_smoothie::{Config, Readability};
use parallax_core::{BlockKind, Removed};

use crate::html_meta::{self, HtmlMeta};

/// Pages nested deeper than this are not parsed as a tree: deep trees make
/// tree walkers recurse, and no real article needs such depth.
pub(crate) const MAX_NESTING: usize = 2_000;

/// Elements past this count make readability refuse the page.
const MAX_ELEMENTS: usize = 200_000;

#[derive(Debug, Default)]
pub(crate) struct HtmlParts {
    pub(crate) title: Option<String>,
    pub(crate) byline: Option<String>,
    pub(crate) excerpt: Option<String>,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) captions: Vec<String>,
    pub(crate) removed: Vec<Removed>,
    pub(crate) meta: HtmlMeta,
    pub(crate) failure: Option<String>,
}

pub(crate) fn extract_html(html: &str, url: Option<&str>) -> HtmlParts {
    let doc = Document::from(html);
    let meta = html_meta::read_meta(&doc, html, url);
    let page_url = meta
        .canonical_url
        .as_deref()
        .or(url)
        .filter(|u| url::Url::parse(u).is_ok());
    let config = Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Config::default()
    };
    let mut parts = HtmlParts::default();
    let readability = Readability::with_document(doc, page_url, Some(config.clone()))
        .or_else(|_| Readability::with_document(Document::from(html), None, Some(config)));
    let article = match readability.map(|mut r| r.parse()) {
        Ok(Ok(article)) => article,
        Ok(Err(error)) | Err(error) => {
            parts.failure = Some(error.to_string());
            parts.meta = meta;
            return parts;
        }
    };
    parts.title = Some(article.title.trim().to_string()).filter(|t| !t.is_empty());
    parts.byline = article
        .byline
        .map(|b| b.trim().to_string())
        .filter(|b| !b.is_empty());
    parts.excerpt = article
        .excerpt
        .map(|e| e.trim().to_string())
        .filter(|e| !e.is_empty());
    split_blocks(&article.content, &mut parts);
    drop_header_paragraphs(&mut parts);
    if parts.meta.lang.is_none() {
        parts.meta.lang = article.lang;
    }
    let lang = parts.meta.lang.take();
    parts.meta = meta;
    parts.meta.lang = parts.meta.lang.take().or(lang);
    if parts.meta.site_name.is_none() {
        parts.meta.site_name = article.site_name;
    }
    parts
}

const BLOCKS: &str = "p, h1, h2, h3, h4, h5, h6, li, pre, blockquote, figcaption, td, th, dd, dt";

/// Splits readable HTML into paragraphs (innermost block elements) and captions.
fn split_blocks(content: &str, parts: &mut HtmlParts) {
    let fragment = Document::fragment(content);
    let Ok(blocks) = dom_query::Matcher::new(BLOCKS) else {
        return;
    };
    for node in fragment.select_matcher(&blocks).nodes() {
        let has_block_child = node
            .descendants_it()
            .any(|d| d.is_element() && d.is_match(&blocks));
        if has_block_child {
            // Text directly inside (not in a child block) is still a paragraph.
            let own = node.immediate_text();
            let own = normalize_space(&own);
            if own.split_whitespace().count() >= 3 {
                parts.paragraphs.push(own);
            }
            continue;
        }
        let text = normalize_space(&node.text());
        if text.is_empty() {
            continue;
        }
        let in_caption =
            node.is("figcaption") || node.ancestors_it(Some(10)).any(|a| a.is("figcaption"));
        if in_caption {
            parts.captions.push(text);
        } else if crate::patterns::AD.is_match(&text) {
            parts.removed.push(Removed {
                kind: BlockKind::Ad,
                text,
            });
        } else {
            parts.paragraphs.push(text);
        }
    }
    if parts.paragraphs.is_empty() {
        // Readable content without block elements: split its text on blank lines.
        let text = fragment.select("body").text();
        let text = if text.trim().is_empty() {
            fragment.root().text()
        } else {
            text
        };
        parts.paragraphs = text
            .split("\n\n")
            .map(normalize_space)
            .filter(|p| !p.is_empty())
            .collect();
    }
}

/// The visible text of a page with one line per block, for the text-dump
/// classifier when readability finds too little.
pub(crate) fn visible_text(html: &str) -> String {
    let doc = Document::from(html);
    doc.select("script, style, noscript, template, svg, iframe")
        .remove();
    let body = doc.select("body");
    let text = if body.exists() {
        body.formatted_text()
    } else {
        doc.root().formatted_text()
    };
    text.to_string()
}

/// Readability keeps the byline, a date stamp or the headline as the first
/// paragraphs of some pages; they are metadata, not body.
fn drop_header_paragraphs(parts: &mut HtmlParts) {
    let is_header = |paragraph: &str, parts: &HtmlParts| {
        let n_words = paragraph.split_whitespace().count();
        let is_byline = n_words <= 16
            && (crate::patterns::BYLINE.is_match(paragraph)
                || crate::patterns::BYLINE_LOOSE.is_match(paragraph));
        let same_as = |other: &Option<String>| {
            other
                .as_deref()
                .is_some_and(|o| normalize_space(o) == paragraph)
        };
        is_byline
            || parallax_core::dates::is_date_only(paragraph)
            || same_as(&parts.title)
            || same_as(&parts.byline)
    };
    while parts.paragraphs.len() > 1 && is_header(&parts.paragraphs[0], parts) {
        let text = parts.paragraphs.remove(0);
        parts.removed.push(Removed {
            kind: BlockKind::Byline,
            text,
        });
    }
}

pub(crate) fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The deepest element nesting of a page, counted cheaply on the raw markup.
/// Stops counting once `limit` is passed.
pub(crate) fn nesting_depth(html: &str, limit: usize) -> usize {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "!doctype", "!--",
    ];
    let bytes = html.as_bytes();
    let mut depth: usize = 0;
    let mut max = 0;
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != b'<' {
            i += 1;
            continue;
        }
        let closing = bytes[i + 1] == b'/';
        let name_start = if closing { i + 2 } else { i + 1 };
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric() && *b != b'!' && *b != b'-')
            .map_or(bytes.len(), |p| name_start + p);
        let name = html
            .get(name_start..name_end)
            .unwrap_or("")
            .to_ascii_lowercase();
        i = name_end.max(i + 1);
        if name.is_empty() || VOID.contains(&name.as_str()) || name.starts_with("!--") {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            max = max.max(depth);
            if max > limit {
                return max;
            }
        }
    }
    max
}

/// The text of a page without a tree: tags dropped, block tags as line breaks.
/// Used for pages too deep to parse safely.
pub(crate) fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => {
                in_tag = true;
                out.push('\n');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_is_counted_and_capped() {
        assert_eq!(
            nesting_depth(
                "<html><body><div><p>x</p><br><img src=x></div></body></html>",
                100
            ),
            4
        );
        let deep = "<div>".repeat(10_000);
        assert_eq!(nesting_depth(&deep, 50), 51);
    }

    #[test]
    fn paragraphs_and_captions() {
        let html = r#"<html><head><title>Talks resume - Example</title></head><body><article><h1>Talks resume</h1>
<p>Negotiators from both countries met again on Monday after a pause of three months, officials said.</p>
<figure><img src="a.jpg"><figcaption>The delegations at the table.</figcaption></figure>
<p>They are expected to discuss trade, fishing rights and the release of detained sailors this week.</p>
<p>A final agreement is not expected before the end of the year, according to diplomats familiar with it.</p>
</article></body></html>"#;
        let parts = extract_html(html, Some("https://example.org/2022/07/14/talks"));
        assert!(parts.failure.is_none(), "{:?}", parts.failure);
        assert_eq!(parts.captions, ["The delegations at the table."]);
        assert!(
            parts
                .paragraphs
                .iter()
                .any(|p| p.starts_with("Negotiators")),
            "{:?}",
            parts.paragraphs
        );
        assert!(
            !parts
                .paragraphs
                .iter()
                .any(|p| p.contains("delegations at the table"))
        );
        assert_eq!(parts.meta.published.unwrap().date.to_string(), "2022-07-14");
    }
}
