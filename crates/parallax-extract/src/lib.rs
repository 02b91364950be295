//! Extraction: a [`RawDoc`] becomes an [`Article`] with clean paragraphs,
//! captions kept apart, the boilerplate that was removed, and metadata
//! (headline, standfirst, byline, wire, dateline, dates with their evidence,
//! outlet, language).
//!
//! HTML goes through `dom_smoothie` for the main text and our own metadata
//! readers; plain-text dumps go through our line classifier (`text_dump.rs`),
//! since no library handles them.
//!
//! ```
//! use parallax_core::{Media, Origin};
//! use parallax_extract::{ExtractOptions, Extractor};
//! let extractor = ExtractOptions::default().build();
//! let raw = raw_text("Talks resumed on Monday between the two sides after a pause of three months, officials said in a statement on their website.");
//! let extracted = extractor.extract(&raw);
//! assert_eq!(extracted.article.unwrap().paragraphs.len(), 1);
//! # fn raw_text(text: &str) -> parallax_core::RawDoc {
//! #     parallax_core::RawDoc { id: parallax_core::DocId::from_hex("00".into()), origin: Origin::file("t.txt"), media: Media::Text, bytes: text.as_bytes().to_vec() }
//! # }
//! ```

mod decode;
mod html;
mod html_meta;
pub mod outlets;
mod patterns;
mod text_dump;

use parallax_core::{
    Article, DateSource, DateStamp, Diagnostic, Media, Meta, Outlet, OutletEvidence, OutletKind,
    RawDoc, Severity, Stage,
};

use crate::outlets::OutletRegistry;
use parallax_core::dates::{self, NumericOrder};

/// User-facing extraction options. Every field is optional; [`ExtractOptions::build`]
/// resolves them and loads the registry once.
#[derive(Debug, Clone, Default)]
pub struct ExtractOptions {
    /// Shortest body, in words, below which extraction reports the document as
    /// having no article. Default: 20.
    pub min_body_words: Option<usize>,
}

impl ExtractOptions {
    /// Resolves the options and builds the extractor.
    pub fn build(self) -> Extractor {
        Extractor {
            registry: OutletRegistry::shipped(),
            min_body_words: self.min_body_words.unwrap_or(20),
        }
    }
}

/// The runtime extractor: the registry and settings, built once.
#[derive(Debug)]
pub struct Extractor {
    registry: OutletRegistry,
    min_body_words: usize,
}

/// The result of extracting one document.
#[derive(Debug)]
pub struct Extracted {
    /// The article, unless nothing article-like was found.
    pub article: Option<Article>,
    /// What went wrong or was guessed.
    pub diagnostics: Vec<Diagnostic>,
}

impl Extractor {
    /// The outlet registry in use.
    pub fn registry(&self) -> &OutletRegistry {
        &self.registry
    }

    /// Extracts one document. Never panics on any input.
    pub fn extract(&self, raw: &RawDoc) -> Extracted {
        let location = raw.origin.location();
        let mut diagnostics = Vec::new();
        let is_html = raw.media == Media::Html;
        let (text, _encoding, _) =
            decode::decode(&raw.bytes, raw.origin.content_type.as_deref(), is_html);
        let mut meta = Meta {
            url: raw.origin.url.clone(),
            fetched: raw.origin.fetched.clone(),
            ..Meta::default()
        };
        let (paragraphs, captions, removed) = if is_html {
            self.extract_html_doc(&text, raw, &location, &mut meta, &mut diagnostics)
        } else {
            self.extract_text_doc(&text, &mut meta)
        };
        apply_hints(raw, &mut meta, &self.registry);
        let mut article = Article::from_paragraphs(raw.id.clone(), meta, &paragraphs);
        article.captions = captions;
        article.removed = removed;
        read_wire_and_dateline(&mut article, &self.registry);
        article.meta.language = detect_language(&article.text);
        let n_words = count_words(&article.text);
        if n_words < self.min_body_words {
            let message = format!(
                "no article: expected a body of at least {} words, found {n_words}",
                self.min_body_words
            );
            diagnostics.push(Diagnostic::error(Stage::Extract, location, message));
            return Extracted {
                article: None,
                diagnostics,
            };
        }
        Extracted {
            article: Some(article),
            diagnostics,
        }
    }

    fn extract_html_doc(
        &self,
        text: &str,
        raw: &RawDoc,
        location: &str,
        meta: &mut Meta,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> (Vec<String>, Vec<String>, Vec<parallax_core::Removed>) {
        let depth = html::nesting_depth(text, html::MAX_NESTING);
        if depth > html::MAX_NESTING {
            let message = format!(
                "markup nested deeper than {} elements; read as plain text instead of a tree",
                html::MAX_NESTING
            );
            diagnostics.push(Diagnostic::new(
                Stage::Extract,
                Severity::Warning,
                location,
                message,
            ));
            return self.extract_text_doc(&html::strip_tags(text), meta);
        }
        let parts = html::extract_html(text, raw.origin.url.as_deref());
        if let Some(failure) = &parts.failure {
            diagnostics.push(Diagnostic::warning(
                Stage::Extract,
                location,
                format!("readability found no main text: {failure}"),
            ));
        }
        meta.title = parts.title;
        meta.byline = parts.byline.map(|b| strip_by_prefix(&b));
        let removed_header = |e: &str| parts.removed.iter().any(|r| r.text == e);
        meta.standfirst = parts.excerpt.filter(|e| {
            let opens_body = parts
                .paragraphs
                .first()
                .is_some_and(|p| p.starts_with(e.trim_end_matches("...").trim_end_matches('…')));
            !opens_body && !removed_header(e)
        });
        meta.published = parts.meta.published.clone();
        meta.modified = parts.meta.modified.clone();
        if parts.meta.canonical_url.is_some() {
            meta.url = parts.meta.canonical_url.clone();
        }
        meta.outlet = self.html_outlet(
            meta.url.as_deref().or(raw.origin.url.as_deref()),
            &parts.meta,
        );
        let html_words: usize = parts.paragraphs.iter().map(|p| count_words(p)).sum();
        if html_words < self.min_body_words {
            // Readability found too little; the line classifier may find more in
            // the page's visible text. The markup's metadata is kept either way.
            let dump = text_dump::classify_dump(&html::visible_text(text), &self.registry);
            let dump_words: usize = dump.paragraphs.iter().map(|p| count_words(p)).sum();
            if dump_words > html_words {
                if meta.title.is_none() {
                    meta.title = dump.headline;
                }
                return (dump.paragraphs, dump.captions, dump.removed);
            }
        }
        (parts.paragraphs, parts.captions, parts.removed)
    }

    fn html_outlet(&self, url: Option<&str>, page: &html_meta::HtmlMeta) -> Option<Outlet> {
        let host = url
            .and_then(|u| url::Url::parse(u).ok())
            .and_then(|u| u.host_str().map(str::to_string));
        if let Some(entry) = host.as_deref().and_then(|h| self.registry.by_host(h)) {
            return Some(
                entry.to_outlet(OutletEvidence::Domain, host.as_deref().unwrap_or_default()),
            );
        }
        for name in page.site_name.iter().chain(page.publisher.iter()) {
            if let Some(entry) = self.registry.by_exact_name(name) {
                return Some(entry.to_outlet(OutletEvidence::SiteName, name));
            }
        }
        for line in &page.source_lines {
            if let Some(entry) = self.registry.by_exact_name(line) {
                return Some(entry.to_outlet(OutletEvidence::SourceLine, line));
            }
        }
        for line in &page.copyright_lines {
            if let Some(entry) = self.registry.names_in(line).first() {
                return Some(entry.to_outlet(OutletEvidence::PageChrome, line));
            }
        }
        None
    }

    fn extract_text_doc(
        &self,
        text: &str,
        meta: &mut Meta,
    ) -> (Vec<String>, Vec<String>, Vec<parallax_core::Removed>) {
        let parts = text_dump::classify_dump(text, &self.registry);
        meta.title = parts.headline;
        meta.standfirst = parts.standfirst;
        meta.byline = parts.byline;
        meta.published = parts.published;
        meta.modified = parts.modified;
        meta.outlet = self.dump_outlet(&parts.sources, &parts.chrome);
        if let Some(source) = parts.sources.iter().find_map(|s| {
            self.registry
                .by_exact_name(s)
                .filter(|e| e.kind == OutletKind::Wire)
        }) {
            meta.wire = Some(source.name.clone());
        }
        (parts.paragraphs, parts.captions, parts.removed)
    }

    /// The outlet of a dump, from "Source:" lines first, then masthead and
    /// footer lines. A "Source:" naming a wire credits the wire, not the outlet.
    fn dump_outlet(&self, sources: &[String], chrome: &[(String, usize)]) -> Option<Outlet> {
        let chrome_entries: Vec<(&outlets::OutletEntry, &String, usize)> = chrome
            .iter()
            .flat_map(|(line, weight)| {
                let by_domain = patterns::DOMAIN
                    .find_iter(line)
                    .filter_map(|m| self.registry.by_host(m.as_str()));
                self.registry
                    .names_in(line)
                    .into_iter()
                    .chain(by_domain)
                    .map(move |entry| (entry, line, *weight))
            })
            .collect();
        for source in sources {
            let entry = self
                .registry
                .by_exact_name(source)
                .or_else(|| self.registry.names_in(source).into_iter().next());
            if let Some(entry) = entry.filter(|e| e.kind != OutletKind::Wire) {
                return Some(entry.to_outlet(OutletEvidence::SourceLine, source));
            }
            // "Ministry of Foreign Affairs" names an outlet only with a country from the page.
            let country = chrome_entries
                .iter()
                .find_map(|(entry, _, _)| entry.country.as_deref());
            if let Some(entry) =
                country.and_then(|country| self.registry.generic_body(source, country))
            {
                return Some(entry.to_outlet(OutletEvidence::SourceLine, source));
            }
        }
        // The outlet with the most weight in the chrome; a tie goes to the first.
        let mut best: Option<(&outlets::OutletEntry, &String, usize)> = None;
        for (entry, line, _) in &chrome_entries {
            let weight: usize = chrome_entries
                .iter()
                .filter(|(other, _, _)| other.name == entry.name)
                .map(|(_, _, w)| w)
                .sum();
            if best.is_none_or(|(_, _, top)| weight > top) {
                best = Some((entry, line, weight));
            }
        }
        best.map(|(entry, line, _)| entry.to_outlet(OutletEvidence::PageChrome, line))
    }
}

/// The visible text of an HTML page, one line per block: what a browser's
/// "select all, copy" gives. Evaluations use it to turn pages with gold text
/// into text dumps.
pub fn page_text(html: &[u8]) -> String {
    let (text, _, _) = decode::decode(html, None, true);
    html::visible_text(&text)
}

/// Words of a text; scripts written without spaces (Chinese, Japanese, Thai)
/// count one word per two characters, roughly their average word length.
pub fn count_words(text: &str) -> usize {
    let spaced = text.split_whitespace().count();
    let unspaced = text.chars().filter(|&c| is_unspaced_script(c)).count();
    spaced.max(unspaced / 2)
}

fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x0e00..=0x0e7f | 0x1000..=0x109f | 0x0e80..=0x0eff | 0x1780..=0x17ff)
}

fn strip_by_prefix(byline: &str) -> String {
    let trimmed = byline.trim();
    for prefix in ["By ", "by ", "BY "] {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return rest.trim().to_string();
        }
    }
    trimmed.to_string()
}

/// Container values (JSONL fields, feed items) fill what the page did not say.
fn apply_hints(raw: &RawDoc, meta: &mut Meta, registry: &OutletRegistry) {
    let hints = &raw.origin.hints;
    if meta.title.is_none() {
        meta.title = hints.title.clone();
    }
    if meta.published.is_none()
        && let Some(text) = &hints.published
        && let Some(found) = dates::parse_date(text, NumericOrder::DayFirst)
    {
        meta.published = Some(DateStamp {
            date: found.date,
            time: found.time,
            source: DateSource::Container,
            evidence: text.clone(),
        });
    }
    if meta.outlet.is_none()
        && let Some(name) = &hints.outlet
    {
        meta.outlet = Some(match registry.by_exact_name(name) {
            Some(entry) => entry.to_outlet(OutletEvidence::Container, name),
            None => Outlet {
                name: name.clone(),
                domain: None,
                country: None,
                kind: OutletKind::Unknown,
                evidence: OutletEvidence::Container,
                evidence_text: name.clone(),
            },
        });
    }
}

/// Wire credit from the byline ("By Yonhap"), the dateline ("SEOUL, July 14
/// (Yonhap) --") or a trailing credit ("... the West. (Yonhap)").
fn read_wire_and_dateline(article: &mut Article, registry: &OutletRegistry) {
    let first = article.paragraph_texts().next().unwrap_or("").to_string();
    if let Some(caps) = patterns::DATELINE.captures(&first) {
        let credit = caps.get(6).map(|m| m.as_str().to_string());
        let is_place = caps.get(2).is_some_and(|m| {
            m.as_str()
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
        });
        if is_place {
            article.meta.dateline = Some(
                caps[1]
                    .trim()
                    .trim_end_matches(['-', '—', '–', ':'])
                    .trim()
                    .to_string(),
            );
            if article.meta.wire.is_none() {
                article.meta.wire = credit
                    .and_then(|c| registry.by_exact_name(&c))
                    .filter(|e| e.kind == OutletKind::Wire || e.kind == OutletKind::State)
                    .map(|e| e.name.clone());
            }
        }
    }
    if article.meta.wire.is_none()
        && let Some(byline) = &article.meta.byline
    {
        article.meta.wire = registry
            .by_exact_name(byline)
            .filter(|e| e.kind == OutletKind::Wire)
            .map(|e| e.name.clone());
    }
    if article.meta.wire.is_none() {
        let last = article.paragraph_texts().last().unwrap_or("");
        if let Some(caps) = patterns::TRAILING_CREDIT.captures(last) {
            article.meta.wire = registry
                .by_exact_name(&caps[1])
                .filter(|e| e.kind == OutletKind::Wire)
                .map(|e| e.name.clone());
        }
    }
    if article.meta.wire.is_none() {
        // "The Associated Press contributed to this report."
        let tail: Vec<&str> = article.paragraph_texts().rev().take(2).collect();
        article.meta.wire = tail.iter().find_map(|paragraph| {
            let caps = patterns::CONTRIBUTED.captures(paragraph)?;
            registry
                .by_exact_name(&caps[1])
                .filter(|e| e.kind == OutletKind::Wire)
                .map(|e| e.name.clone())
        });
    }
}

/// ISO 639-1 code of the body's language, when whatlang is confident.
fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(1500).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && sample.len() > 200 {
        return None;
    }
    Some(iso_639_1(info.lang()).to_string())
}

fn iso_639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Eng => "en",
        Rus => "ru",
        Ukr => "uk",
        Kor => "ko",
        Jpn => "ja",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Fra => "fr",
        Deu => "de",
        Ita => "it",
        Nld => "nl",
        Tur => "tr",
        Pol => "pl",
        Ara => "ar",
        Pes => "fa",
        Heb => "he",
        Hin => "hi",
        Ces => "cs",
        Slk => "sk",
        Ron => "ro",
        Hun => "hu",
        Swe => "sv",
        Dan => "da",
        Nob => "no",
        Fin => "fi",
        Ell => "el",
        Bul => "bg",
        Srp => "sr",
        Hrv => "hr",
        Bel => "be",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Slv => "sl",
        Cat => "ca",
        Aze => "az",
        Kat => "ka",
        Hye => "hy",
        Urd => "ur",
        Ben => "bn",
        Tam => "ta",
        Mkd => "mk",
        Uzb => "uz",
        other => other.code(),
    }
}
