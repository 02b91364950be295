//! RSS and Atom feeds: each item with embedded content becomes a document.
//!
//! Items without content only carry a link. parallax never fetches pages, so
//! such items are reported, with their link, instead of silently dropped.

use parallax_core::{Diagnostic, Hints, Media, Origin, RawDoc, Severity, Stage};

use crate::IngestSettings;

pub(crate) fn read_feed(
    location: &str,
    bytes: &[u8],
    settings: &IngestSettings,
    on_doc: &mut dyn FnMut(RawDoc),
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed,
        Err(error) => {
            on_diagnostic(Diagnostic::error(
                Stage::Ingest,
                location,
                format!("invalid RSS/Atom feed: {error}"),
            ));
            return;
        }
    };
    let outlet = feed
        .title
        .as_ref()
        .map(|title| title.content.trim().to_string());
    for (index, entry) in feed
        .entries
        .into_iter()
        .enumerate()
        .take(settings.max_records_per_file)
    {
        let record = format!("item {}", index + 1);
        let link = entry.links.first().map(|link| link.href.clone());
        let content = entry
            .content
            .and_then(|content| content.body)
            .filter(|body| !body.trim().is_empty())
            .or_else(|| {
                entry
                    .summary
                    .map(|summary| summary.content)
                    .filter(|s| !s.trim().is_empty())
            });
        let Some(content) = content else {
            let message = format!(
                "item has no embedded content, only a link ({}); parallax does not fetch pages",
                link.as_deref().unwrap_or("none")
            );
            on_diagnostic(Diagnostic::new(
                Stage::Ingest,
                Severity::Info,
                format!("{location} ({record})"),
                message,
            ));
            continue;
        };
        if content.len() > settings.max_document_bytes {
            let message = format!(
                "too large: records are capped at {} bytes",
                settings.max_document_bytes
            );
            on_diagnostic(Diagnostic::error(
                Stage::Ingest,
                format!("{location} ({record})"),
                message,
            ));
            continue;
        }
        let published = entry
            .published
            .or(entry.updated)
            .map(|date| date.to_rfc3339());
        let hints = Hints {
            title: entry.title.map(|t| t.content),
            published,
            outlet: outlet.clone(),
        };
        let origin = Origin {
            path: location.to_string(),
            record: Some(record),
            url: link,
            fetched: None,
            content_type: None,
            hints,
        };
        on_doc(crate::raw_doc(origin, Media::Html, wrap_html(&content)));
    }
}

/// Feed content is an HTML fragment; give it a body so extraction sees a page.
fn wrap_html(fragment: &str) -> Vec<u8> {
    format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article>{fragment}</article></body></html>").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_content() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
<item><title>One</title><link>http://e/1</link><pubDate>Thu, 14 Jul 2022 09:17:00 +0900</pubDate><description>&lt;p&gt;First story.&lt;/p&gt;</description></item>
<item><title>Two</title><link>http://e/2</link></item>
</channel></rss>"#;
        let mut docs = Vec::new();
        let mut diagnostics = Vec::new();
        read_feed(
            "f.rss",
            rss.as_bytes(),
            &IngestSettings::standard(),
            &mut |d| docs.push(d),
            &mut |d| diagnostics.push(d),
        );
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].origin.url.as_deref(), Some("http://e/1"));
        assert_eq!(docs[0].origin.hints.title.as_deref(), Some("One"));
        assert_eq!(
            docs[0].origin.hints.published.as_deref(),
            Some("2022-07-14T00:17:00+00:00")
        );
        assert_eq!(docs[0].origin.hints.outlet.as_deref(), Some("Example News"));
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.contains("http://e/2"));
    }
}
