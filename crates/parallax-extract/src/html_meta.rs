//! Metadata from the HTML document before readability rewrites it: dates
//! (JSON-LD, meta tags, `<time>`, URL, labelled text), canonical URL, site
//! name and language.
//!
//! Dates inside "related articles" blocks, navigation, asides and footers are
//! skipped: they belong to other stories.

use dom_query::{Document, NodeRef};
use parallax_core::{DateSource, DateStamp, PartialDate};

use crate::patterns;
use parallax_core::dates::{self, NumericOrder};

/// What the page's markup states about itself.
#[derive(Debug, Default)]
pub(crate) struct HtmlMeta {
    pub(crate) published: Option<DateStamp>,
    pub(crate) modified: Option<DateStamp>,
    pub(crate) canonical_url: Option<String>,
    pub(crate) site_name: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) source_lines: Vec<String>,
    pub(crate) copyright_lines: Vec<String>,
}

const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "dc.date.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "article_date_original",
    "original-publish-date",
    "cxenseparse:recs:publishtime",
    "analyticsattributes.articledate",
    "rnews:datepublished",
    "displaydate",
    "pub_date",
    "release_date",
    "created",
    "article:published",
    "bt:pubdate",
    "last-modified-date-not",
    "citation_publication_date",
    "citation_date",
    "prism.publicationdate",
    "og:pubdate",
    "timestamp",
    "sort_date",
    "date_published",
];

const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "og:modified_time",
    "datemodified",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
    "article.updated",
    "lastmod",
    "modified",
];

pub(crate) fn read_meta(doc: &Document, html: &str, url: Option<&str>) -> HtmlMeta {
    let tags = MetaTags::read(doc);
    let mut meta = HtmlMeta {
        canonical_url: canonical_url(doc, &tags),
        site_name: tags
            .content(&["og:site_name", "application-name"])
            .map(str::to_string),
        lang: doc.select("html").attr("lang").map(|lang| lang.to_string()),
        ..HtmlMeta::default()
    };
    read_json_ld(doc, &mut meta);
    let order = numeric_order(meta.lang.as_deref(), url);
    if meta.published.is_none() {
        meta.published = tags.date(PUBLISHED_META, order);
    }
    if meta.modified.is_none() {
        meta.modified = tags.date(MODIFIED_META, order);
    }
    if meta.published.is_none() {
        meta.published = time_element(doc, order);
    }
    let page_url = meta.canonical_url.as_deref().or(url);
    let from_url = page_url.and_then(url_date);
    match (&meta.published, from_url) {
        (None, from_url) => meta.published = from_url,
        // A CMS writes the local date into the path; a metadata stamp one day
        // off is the same moment written in UTC.
        (Some(stamp), Some(from_url)) if utc_stamp_of_local_date(stamp, from_url.date) => {
            meta.published = Some(from_url);
        }
        _ => {}
    }
    if meta.published.is_none() {
        meta.published = labelled_text_date(doc, order);
    }
    if meta.published.is_none() {
        meta.published = most_frequent_date(html, order);
    }
    read_page_chrome(doc, &mut meta);
    meta
}

/// The last resort, as htmldate's extensive mode: the full date the raw markup
/// mentions most often (scripts included, where many sites keep their dates),
/// among plausible years. Ties go to the earliest date, the likelier original.
pub(crate) fn most_frequent_date(html: &str, order: NumericOrder) -> Option<DateStamp> {
    let sample = &html[..floor_char_boundary(html, 2 << 20)];
    let mut counts: std::collections::HashMap<PartialDate, (usize, String)> =
        std::collections::HashMap::new();
    for found in dates::find_dates(sample, order) {
        if !(1995..=2100).contains(&found.date.year) {
            continue;
        }
        let entry = counts
            .entry(found.date)
            .or_insert_with(|| (0, sample[found.start..found.end].to_string()));
        entry.0 += 1;
    }
    let (date, (_, evidence)) = counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.0.cmp(&a.0)))?;
    Some(DateStamp {
        date,
        time: None,
        source: DateSource::PageText,
        evidence,
    })
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// US pages write 07/04/2022 for July 4th; most of the world for April 7th.
fn numeric_order(lang: Option<&str>, url: Option<&str>) -> NumericOrder {
    let us_lang = lang.is_some_and(|lang| lang.eq_ignore_ascii_case("en-us"));
    let us_host = url
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_string))
        .is_some_and(|host| {
            host.ends_with(".com") || host.ends_with(".us") || host.ends_with(".gov")
        });
    if us_lang || (us_host && lang.is_none_or(|l| l.to_ascii_lowercase().starts_with("en"))) {
        NumericOrder::MonthFirst
    } else {
        NumericOrder::DayFirst
    }
}

/// The page's `<meta>` tags as (attribute, lowercased key, content), read in
/// one pass: querying the tree once per tag name would walk it hundreds of times.
struct MetaTags(Vec<(&'static str, String, String)>);

impl MetaTags {
    fn read(doc: &Document) -> MetaTags {
        let mut tags = Vec::new();
        for node in doc.select("meta").nodes() {
            let Some(content) = node.attr("content") else {
                continue;
            };
            let content = content.trim();
            if content.is_empty() {
                continue;
            }
            for attr in ["property", "name", "itemprop", "http-equiv"] {
                if let Some(key) = node.attr(attr) {
                    tags.push((attr, key.trim().to_ascii_lowercase(), content.to_string()));
                }
            }
        }
        MetaTags(tags)
    }

    /// The first content among `names`, in the order of `names`.
    fn content(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|name| {
            self.0
                .iter()
                .find(|(_, key, _)| key == name)
                .map(|(_, _, content)| content.as_str())
        })
    }

    fn date(&self, names: &[&str], order: NumericOrder) -> Option<DateStamp> {
        for name in names {
            for (attr, key, content) in &self.0 {
                if key != name {
                    continue;
                }
                if let Some(stamp) = parse_stamp(content, DateSource::MetaTag, order)
                    .or_else(|| epoch_stamp(content))
                {
                    return Some(DateStamp {
                        evidence: format!("<meta {attr}=\"{key}\" content=\"{content}\">"),
                        ..stamp
                    });
                }
            }
        }
        None
    }
}

fn canonical_url(doc: &Document, tags: &MetaTags) -> Option<String> {
    let href = doc
        .select("link[rel=\"canonical\" i]")
        .attr("href")
        .map(|h| h.to_string());
    href.or_else(|| tags.content(&["og:url"]).map(str::to_string))
        .filter(|u| u.starts_with("http"))
}

fn parse_stamp(text: &str, source: DateSource, order: NumericOrder) -> Option<DateStamp> {
    let found = dates::parse_date(text, order)?;
    Some(DateStamp {
        date: found.date,
        time: found.time,
        source,
        evidence: text.trim().chars().take(200).collect(),
    })
}

/// Some sites put a Unix time (seconds or milliseconds) in their date tags.
fn epoch_stamp(content: &str) -> Option<DateStamp> {
    let digits = content.trim();
    if !(10..=13).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut seconds: i64 = digits.parse().ok()?;
    if digits.len() == 13 {
        seconds /= 1000;
    }
    let days = seconds.div_euclid(86_400);
    let date = PartialDate::from_days(days)?;
    (2000..=2100).contains(&date.year).then(|| DateStamp {
        date,
        time: None,
        source: DateSource::MetaTag,
        evidence: digits.to_string(),
    })
}

/// Whether a UTC stamp can be the same moment as a local date one day off: a
/// local date a day earlier needs an early UTC hour (offsets down to -8 h, the
/// US west coast), a day later a late one (offsets up to +10 h, eastern Australia).
fn utc_stamp_of_local_date(stamp: &DateStamp, local: PartialDate) -> bool {
    let (Some(hour), Some(stamp_days), Some(local_days)) = (
        stamp.time.map(|(h, _)| h),
        stamp.date.to_days(),
        local.to_days(),
    ) else {
        return false;
    };
    is_utc(&stamp.evidence)
        && ((local_days == stamp_days - 1 && hour < 8)
            || (local_days == stamp_days + 1 && hour >= 14))
}

/// Whether a stamp was written in UTC rather than local time.
fn is_utc(evidence: &str) -> bool {
    let trimmed = evidence.trim_end_matches(['"', '>', ' ']);
    trimmed.ends_with('Z')
        || ["+00:00", "+0000", "GMT", "UTC"]
            .iter()
            .any(|marker| evidence.contains(marker))
}

/// JSON-LD: the article object's `datePublished` and `dateModified`, and its publisher.
fn read_json_ld(doc: &Document, meta: &mut HtmlMeta) {
    for node in doc.select("script[type=\"application/ld+json\" i]").nodes() {
        let text = node.text();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(
            text.trim()
                .trim_start_matches("<![CDATA[")
                .trim_end_matches("]]>"),
        ) else {
            continue;
        };
        let mut objects = Vec::new();
        collect_objects(&value, 0, &mut objects);
        // Prefer article types; a WebPage's dates are a fallback.
        objects.sort_by_key(|object| if is_article_type(object) { 0 } else { 1 });
        for object in objects {
            let order = NumericOrder::DayFirst;
            if meta.published.is_none() {
                meta.published = object
                    .get("datePublished")
                    .and_then(|v| v.as_str())
                    .and_then(|d| parse_stamp(d, DateSource::JsonLd, order));
            }
            if meta.modified.is_none() {
                meta.modified = object
                    .get("dateModified")
                    .and_then(|v| v.as_str())
                    .and_then(|d| parse_stamp(d, DateSource::JsonLd, order));
            }
            if meta.publisher.is_none() {
                meta.publisher = object
                    .get("publisher")
                    .and_then(|p| p.get("name").or(Some(p)))
                    .and_then(|n| n.as_str())
                    .map(str::to_string);
            }
        }
    }
}

fn is_article_type(object: &serde_json::Map<String, serde_json::Value>) -> bool {
    let type_names: Vec<String> = match object.get("@type") {
        Some(serde_json::Value::String(name)) => vec![name.clone()],
        Some(serde_json::Value::Array(names)) => names
            .iter()
            .filter_map(|n| n.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    };
    type_names.iter().any(|name| {
        name.contains("Article")
            || name == "BlogPosting"
            || name == "Report"
            || name == "LiveBlogPosting"
    })
}

fn collect_objects<'a>(
    value: &'a serde_json::Value,
    depth: usize,
    out: &mut Vec<&'a serde_json::Map<String, serde_json::Value>>,
) {
    if depth > 8 {
        return;
    }
    match value {
        serde_json::Value::Object(object) => {
            if object.contains_key("datePublished") || object.contains_key("@type") {
                out.push(object);
            }
            if let Some(graph) = object.get("@graph") {
                collect_objects(graph, depth + 1, out);
            }
            if let Some(main) = object.get("mainEntity") {
                collect_objects(main, depth + 1, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items.iter().take(50) {
                collect_objects(item, depth + 1, out);
            }
        }
        _ => {}
    }
}

/// Whether a node sits in a part of the page that belongs to other stories.
fn in_other_content(node: &NodeRef<'_>) -> bool {
    node.ancestors_it(Some(30)).any(|ancestor| {
        let name = ancestor
            .node_name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        if matches!(name.as_str(), "aside" | "nav" | "footer") {
            return true;
        }
        let marker = format!(
            "{} {}",
            ancestor.attr("class").unwrap_or_default(),
            ancestor.attr("id").unwrap_or_default()
        )
        .to_ascii_lowercase();
        [
            "related",
            "recommend",
            "more-stories",
            "most-popular",
            "mostpopular",
            "trending",
            "sidebar",
            "teaser",
            "widget",
            "comment",
            "footer",
            "recirc",
            "outbrain",
            "taboola",
        ]
        .iter()
        .any(|word| marker.contains(word))
    })
}

fn time_element(doc: &Document, order: NumericOrder) -> Option<DateStamp> {
    let selectors = [
        "[itemprop=\"datePublished\" i]",
        "time[pubdate]",
        "time[class*=\"publish\" i], time[class*=\"posted\" i], time[class*=\"created\" i]",
        "article time[datetime], header time[datetime], main time[datetime]",
        "time[datetime]",
    ];
    for selector in selectors {
        for node in doc.select(selector).nodes() {
            if in_other_content(node) {
                continue;
            }
            let value = node
                .attr("datetime")
                .or_else(|| node.attr("content"))
                .map(|v| v.to_string())
                .unwrap_or_else(|| node.text().to_string());
            if let Some(stamp) = parse_stamp(&value, DateSource::TimeElement, order) {
                return Some(stamp);
            }
        }
    }
    None
}

fn url_date(url: &str) -> Option<DateStamp> {
    let date = dates::date_in_url(url)?;
    Some(DateStamp {
        date,
        time: None,
        source: DateSource::Url,
        evidence: url.to_string(),
    })
}

/// Elements whose class or id says "date", read for a labelled or bare date.
fn labelled_text_date(doc: &Document, order: NumericOrder) -> Option<DateStamp> {
    let selector = "[class*=\"date\" i], [id*=\"date\" i], [class*=\"time\" i], [class*=\"publish\" i], [class*=\"posted\" i], [class*=\"byline\" i], [class*=\"meta\" i]";
    for node in doc.select(selector).nodes().iter().take(200) {
        if in_other_content(node) {
            continue;
        }
        let text = node.text();
        if text.len() > 200 {
            continue;
        }
        let lower = text.to_lowercase();
        if lower.contains("updated") && !lower.contains("publish") && !lower.contains("posted") {
            continue;
        }
        if let Some(stamp) = parse_stamp(&text, DateSource::LabelledText, order) {
            return Some(stamp);
        }
    }
    None
}

/// "Source:" and copyright lines, for recognising the outlet when the domain is unknown.
fn read_page_chrome(doc: &Document, meta: &mut HtmlMeta) {
    for node in doc
        .select("footer, [class*=\"copyright\" i], [id*=\"copyright\" i]")
        .nodes()
        .iter()
        .take(20)
    {
        let text = node.text();
        if text.len() <= 300 {
            meta.copyright_lines
                .push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
    }
    for node in doc.select("p, div, span").nodes().iter().rev().take(400) {
        let text = node.text();
        if text.len() > 120 || !node.children_it(false).all(|child| child.is_text()) {
            continue;
        }
        if let Some(caps) = patterns::SOURCE_LINE.captures(text.trim()) {
            meta.source_lines
                .push(caps[caps.len() - 1].trim().to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(html: &str, url: Option<&str>, expected: &str) {
        let doc = Document::from(html);
        let meta = read_meta(&doc, html, url);
        let got = meta
            .published
            .map(|s| format!("{} {}", s.date, s.source.as_str()))
            .unwrap_or_else(|| "none".into());
        assert_eq!(got, expected);
    }

    #[test]
    fn date_sources() {
        check(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2022-07-14T09:17:00+09:00"}</script>"#,
            None,
            "2022-07-14 json-ld",
        );
        check(
            r#"<meta property="article:published_time" content="2022-07-13T20:00:00Z">"#,
            None,
            "2022-07-13 meta-tag",
        );
        check(
            r#"<article><time datetime="2022-07-12">Tuesday</time></article><aside class="related"><time datetime="2021-01-01"></time></aside>"#,
            None,
            "2022-07-12 time-element",
        );
        check(
            r#"<aside class="related"><time datetime="2021-01-01"></time></aside><p>x</p>"#,
            Some("https://e.com/2022/07/11/story"),
            "2022-07-11 url",
        );
        check(
            r#"<div class="article-date">Posted July 10, 2022</div>"#,
            None,
            "2022-07-10 labelled-text",
        );
        check(
            r#"<meta name="timestamp" content="1657789020">"#,
            None,
            "2022-07-14 meta-tag",
        );
        check(
            r#"<meta property="article:published_time" content="2020-02-18T03:00:00Z">"#,
            Some("https://e.com/2020/02/17/story"),
            "2020-02-17 url",
        );
        check(
            r#"<meta property="article:published_time" content="2020-02-25T03:00:00Z">"#,
            Some("https://e.com/2020/02/17/story"),
            "2020-02-25 meta-tag",
        );
    }
}
