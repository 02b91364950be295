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
        let item_location = format!("{location} ({record})");
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
            skipped(on_diagnostic, &item_location, message);
            continue;
        };
        // A teaser of a sentence or two is not the article: say so, as for a
        // bare link, rather than fail extraction on it.
        let n_words = visible_words(&content);
        if n_words < MIN_ITEM_WORDS {
            let message = format!(
                "item embeds only a {n_words}-word summary of {}; parallax does not fetch pages",
                link.as_deref().unwrap_or("its page")
            );
            skipped(on_diagnostic, &item_location, message);
            continue;
        }
        if content.len() > settings.max_document_bytes {
            let message = format!(
                "too large: records are capped at {} bytes",
                settings.max_document_bytes
            );
            on_diagnostic(Diagnostic::error(
                Stage::Ingest,
                item_location.clone(),
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

/// Items with fewer words than this embed a summary, not the article.
const MIN_ITEM_WORDS: usize = 40;

/// Words of an HTML fragment, tags skipped.
fn visible_words(fragment: &str) -> usize {
    let mut in_tag = false;
    let text: String = fragment
        .chars()
        .map(|c| match c {
            '<' => {
                in_tag = true;
                ' '
            }
            '>' => {
                in_tag = false;
                ' '
            }
            _ if in_tag => ' ',
            _ => c,
        })
        .collect();
    text.split_whitespace().count()
}

/// Feed content is an HTML fragment; give it a body so extraction sees a page.
fn wrap_html(fragment: &str) -> Vec<u8> {
    format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article>{fragment}</article></body></html>").into_bytes()
}

/// An item passed over for a reason that is not an error (a bare link, a
/// teaser): said once, as information.
fn skipped(on_diagnostic: &mut dyn FnMut(Diagnostic), location: &str, message: String) {
    on_diagnostic(Diagnostic::new(
        Stage::Ingest,
        Severity::Info,
        location.to_string(),
        message,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_content_summaries_and_links() {
        let body = "The harbour reopened on Tuesday after a storm. ".repeat(6);
        let rss = format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>
<item><title>One</title><link>http://e/1</link><pubDate>Thu, 14 Jul 2022 09:17:00 +0900</pubDate><description>&lt;p&gt;{body}&lt;/p&gt;</description></item>
<item><title>Two</title><link>http://e/2</link></item>
<item><title>Three</title><link>http://e/3</link><description>A short teaser.</description></item>
</channel></rss>"#
        );
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
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(diagnostics.len(), 2, "{messages:?}");
        assert!(
            messages[0].contains("http://e/2")
                && messages[1].contains("3-word summary of http://e/3"),
            "{messages:?}"
        );
        assert!(diagnostics.iter().all(|d| d.severity == Severity::Info));
    }
}
