//! Plain-text page dumps: what "select all, copy" gives of a news page, with its
//! menus, teaser lists, captions and footers mixed into the article.
//!
//! No library does this, so the classifier is ours. It works in three passes:
//!
//! 1. Each line gets features (length, sentence shape, share of lowercase
//!    words, how often it repeats, whether it is a date) and, where a pattern
//!    is sure, a kind: code, ad, image credit, byline, date stamp, footer, menu.
//! 2. The body is the run of lines with the highest total score (Kadane's
//!    maximum-sum window): prose lines score by their length, boilerplate
//!    scores against. Captions and credits inside the run are set apart.
//! 3. The header (headline, standfirst, byline, dates) is read from the lines
//!    before the body; the outlet from masthead, "Source:" and footer lines.

use parallax_core::{BlockKind, DateSource, DateStamp, Removed};

use crate::outlets::OutletRegistry;
use crate::patterns::{self, CAPTION_THRESHOLD};
use parallax_core::dates::{self, NumericOrder};

/// What the classifier read out of a dump.
#[derive(Debug, Default)]
pub(crate) struct DumpParts {
    pub(crate) headline: Option<String>,
    pub(crate) standfirst: Option<String>,
    pub(crate) byline: Option<String>,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) captions: Vec<String>,
    pub(crate) removed: Vec<Removed>,
    pub(crate) published: Option<DateStamp>,
    /// How strong the evidence for `published` is: 3 labelled, 2 header, 1 above the headline.
    published_rank: u8,
    pub(crate) modified: Option<DateStamp>,
    /// "Source: X" values, in page order.
    pub(crate) sources: Vec<String>,
    /// Masthead and footer lines, for recognising the outlet, each with a
    /// weight: how strongly its position says "publisher".
    pub(crate) chrome: Vec<(String, usize)>,
}

#[derive(Debug)]
struct Line<'a> {
    text: &'a str,
    words: usize,
    ends_sentence: bool,
    lower_ratio: f32,
    /// How many lines of the page have exactly this text.
    count: usize,
    /// Whether this is the first line with this text.
    first: bool,
    /// A kind a pattern is sure of.
    kind: Option<BlockKind>,
    section_start: bool,
    /// A comment-section header: nothing after it is the article.
    comments_start: bool,
    title_like: bool,
}

/// Splits a dump into its parts.
pub(crate) fn classify_dump(text: &str, registry: &OutletRegistry) -> DumpParts {
    let joined = join_wrapped(text);
    let lines = read_lines(&joined, registry);
    let mut parts = DumpParts::default();
    if lines.is_empty() {
        return parts;
    }
    let Some((body_start, body_end)) = body_window(&lines) else {
        parts.removed = lines
            .iter()
            .map(|line| removed(line, BlockKind::Other))
            .collect();
        return parts;
    };
    let headline_idx = choose_headline(&lines, body_start);
    parts.headline = headline_idx.map(|idx| clean_headline(lines[idx].text));
    let header_from = headline_idx
        .map(|idx| {
            lines
                .iter()
                .position(|line| line.text == lines[idx].text)
                .unwrap_or(idx)
        })
        .unwrap_or(0);
    let mut in_box = false;
    for (idx, line) in lines.iter().enumerate() {
        let in_body = (body_start..=body_end).contains(&idx);
        // Inside the body, a "Related" header opens a box of teaser links
        // that lasts until the prose resumes.
        if in_body {
            in_box = (in_box || line.section_start) && !is_prose(line);
        }
        if in_box {
            parts.removed.push(removed(line, BlockKind::Teaser));
            continue;
        }
        let kind = line_kind(
            line,
            in_body,
            idx > body_end,
            Some(idx) == headline_idx || headline_text_eq(&parts, line),
        );
        match kind {
            BlockKind::Body => parts.paragraphs.push(line.text.to_string()),
            BlockKind::Caption => parts.captions.push(line.text.to_string()),
            BlockKind::Standfirst => {}
            _ => parts.removed.push(removed(line, kind)),
        }
        let position = if idx > body_end {
            Position::AfterBody
        } else if in_body {
            Position::Body
        } else if idx >= header_from {
            Position::Header
        } else if headline_idx.is_some() && idx > 0 && idx + 5 >= header_from {
            // The first line of a dump is where capture tools stamp the
            // capture date, so it never counts as the article's date.
            Position::AboveHeadline
        } else {
            Position::Chrome
        };
        read_header_fields(line, kind, position, &mut parts);
    }
    parts.standfirst = find_standfirst(&lines, header_from, body_start, headline_idx);
    if let Some(standfirst) = &parts.standfirst {
        let at = parts.removed.iter().position(|r| r.text == *standfirst);
        if let Some(at) = at {
            parts.removed[at].kind = BlockKind::Standfirst;
        }
    }
    parts.captions.dedup();
    parts
}

fn headline_text_eq(parts: &DumpParts, line: &Line<'_>) -> bool {
    parts.headline.as_deref() == Some(clean_headline(line.text).as_str())
}

fn removed(line: &Line<'_>, kind: BlockKind) -> Removed {
    Removed {
        kind,
        text: line.text.to_string(),
    }
}

fn read_lines<'a>(raw: &'a [String], registry: &OutletRegistry) -> Vec<Line<'a>> {
    let raw: Vec<&str> = raw.iter().map(String::as_str).collect();
    let mut counts = std::collections::HashMap::new();
    for line in &raw {
        *counts.entry(*line).or_insert(0usize) += 1;
    }
    let mut seen = std::collections::HashSet::new();
    let mut lines: Vec<Line<'a>> = raw
        .iter()
        .map(|text| features(text, counts[text], seen.insert(*text)))
        .collect();
    mark_menus(&mut lines);
    mark_author_names(&mut lines);
    let n = lines.len();
    for idx in 0..n {
        if lines[idx].kind.is_some() {
            continue;
        }
        let next = lines.get(idx + 1);
        let followed_by_credit = next.is_some_and(|next| next.kind == Some(BlockKind::ImageCredit));
        let duplicated_next = next.is_some_and(|next| next.text == lines[idx].text);
        let score = patterns::caption_score(lines[idx].text, followed_by_credit, duplicated_next);
        if score >= CAPTION_THRESHOLD && lines[idx].words >= 4 {
            lines[idx].kind = Some(BlockKind::Caption);
        } else if lines[idx].words <= 4
            && !lines[idx].ends_sentence
            && registry.by_exact_name(lines[idx].text).is_some()
        {
            // A line that is nothing but an agency or outlet name is a credit.
            lines[idx].kind = Some(BlockKind::Credit);
        }
    }
    lines
}

fn features(text: &str, count: usize, first: bool) -> Line<'_> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let n_words = crate::count_words(text);
    let alpha_words: Vec<&&str> = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let lower = alpha_words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    let cased = alpha_words
        .iter()
        .filter(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c.is_uppercase())
        })
        .count();
    // Scripts without case (Chinese, Arabic, Hebrew) read like running text.
    let lower_ratio = match (alpha_words.is_empty(), cased) {
        (true, _) => 0.0,
        (false, 0) => 1.0,
        _ => lower as f32 / cased as f32,
    };
    let trimmed_end = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ']);
    let ends_sentence =
        trimmed_end.ends_with(['.', '!', '?', '…', '。', ':', '！', '？', '؟', '।', '．']);
    let comments_start = patterns::COMMENTS_START.is_match(text) && n_words <= 8;
    let section_start = comments_start || (patterns::SECTION_START.is_match(text) && n_words <= 8);
    let title_like = !ends_sentence && (3..=25).contains(&n_words) && lower_ratio < 0.5;
    let kind = sure_kind(text, n_words, ends_sentence);
    Line {
        text,
        words: n_words,
        ends_sentence,
        lower_ratio,
        count,
        first,
        kind,
        section_start,
        comments_start,
        title_like,
    }
}

/// Kinds a pattern is sure of, from the line alone.
fn sure_kind(text: &str, n_words: usize, ends_sentence: bool) -> Option<BlockKind> {
    let short = n_words <= 15;
    if patterns::CODE.is_match(text) {
        return Some(BlockKind::Code);
    }
    if patterns::AD.is_match(text) {
        return Some(BlockKind::Ad);
    }
    if patterns::BREADCRUMB.is_match(text) && !ends_sentence {
        return Some(BlockKind::Breadcrumb);
    }
    if short && patterns::IMAGE_CREDIT.is_match(text) {
        return Some(BlockKind::ImageCredit);
    }
    if (n_words <= 12 && patterns::BYLINE.is_match(text))
        || (n_words <= 16 && !ends_sentence && patterns::BYLINE_LOOSE.is_match(text))
    {
        return Some(BlockKind::Byline);
    }
    if dates::is_date_only(text)
        || (n_words <= 20
            && patterns::DATE_LABEL
                .find(text)
                .is_some_and(|m| m.start() == 0)
            && dates::parse_date(text, NumericOrder::DayFirst).is_some())
    {
        return Some(BlockKind::DateStamp);
    }
    if n_words <= 12
        && !ends_sentence
        && (is_dated_line(text) || patterns::RELATIVE_TIME.is_match(text))
    {
        return Some(BlockKind::DateStamp);
    }
    if patterns::is_share_bar(text) {
        return Some(BlockKind::Footer);
    }
    if n_words <= 25 && patterns::WIDGET.is_match(text) {
        return Some(BlockKind::Other);
    }
    if n_words <= 25 && !ends_sentence && patterns::TICKER_ITEM.is_match(text) {
        return Some(BlockKind::Teaser);
    }
    if n_words <= 12 && patterns::SOURCE_LINE.is_match(text) {
        return Some(BlockKind::Credit);
    }
    if short
        && (patterns::FOOTER_STRONG.is_match(text)
            || (patterns::FOOTER.is_match(text) && !(ends_sentence && n_words > 8)))
    {
        return Some(BlockKind::Footer);
    }
    if n_words <= 20 && patterns::AGENCY_CREDIT.is_match(text) {
        return Some(BlockKind::Credit);
    }
    if n_words <= 12 && !ends_sentence && is_field_line(text) {
        return Some(BlockKind::Footer);
    }
    None
}

/// A short line that is mostly a date: "Mike Roe December 18, 2020",
/// "Updated 9:17 AM, July 14, 2022".
fn is_dated_line(text: &str) -> bool {
    let Some(found) = dates::parse_date(text, NumericOrder::DayFirst) else {
        return false;
    };
    let rest = text[..found.start].split_whitespace().count()
        + text[found.end..].split_whitespace().count();
    rest <= 6
}

/// "Tel : +82-2-727-0114", "Publisher. Editor : Jeon": a short label and a short value.
fn is_field_line(text: &str) -> bool {
    let Some(caps) = patterns::LABEL.captures(text) else {
        return false;
    };
    let label_words = caps[1].split_whitespace().count();
    let value_words = caps[2].split_whitespace().count();
    label_words <= 5 && value_words <= 8
}

/// A bare name of two or three capitalised words beside a date stamp is the
/// author: "Anna Berg" above "14 hours ago".
fn mark_author_names(lines: &mut [Line<'_>]) {
    let is_name = |line: &Line<'_>| {
        let words: Vec<&str> = line.text.split_whitespace().collect();
        line.kind.is_none()
            && !line.section_start
            && (2..=3).contains(&words.len())
            && words.iter().all(|w| {
                w.starts_with(char::is_uppercase) && !w.chars().any(|c| c.is_ascii_digit())
            })
            && !line.ends_sentence
    };
    for idx in 0..lines.len() {
        if lines[idx].kind != Some(BlockKind::DateStamp) {
            continue;
        }
        for neighbour in [idx.wrapping_sub(1), idx + 1] {
            if neighbour < lines.len() && is_name(&lines[neighbour]) {
                lines[neighbour].kind = Some(BlockKind::Byline);
            }
        }
    }
}

/// Runs of three or more short lines without sentence punctuation are menus.
fn mark_menus(lines: &mut [Line<'_>]) {
    let is_short = |line: &Line<'_>| {
        line.kind.is_none()
            && line.words <= 4
            && !line.ends_sentence
            && line.text.chars().count() <= 40
    };
    let mut idx = 0;
    while idx < lines.len() {
        if !is_short(&lines[idx]) {
            idx += 1;
            continue;
        }
        let start = idx;
        while idx < lines.len() && is_short(&lines[idx]) {
            idx += 1;
        }
        if idx - start >= 3 {
            for line in &mut lines[start..idx] {
                line.kind = Some(BlockKind::Menu);
            }
        }
    }
}

/// Whether a line reads as running prose.
/// A repeated line is prose only on its first showing, and only when it is a
/// long sentence: menus, teasers and headlines repeat; pull quotes and page
/// templates repeat paragraphs too, which must not cost the article its body.
fn is_prose(line: &Line<'_>) -> bool {
    line.kind.is_none()
        && (line.count == 1 || (line.first && line.words >= 10 && line.ends_sentence))
        && ((line.words >= 6 && line.ends_sentence && line.lower_ratio >= 0.3)
            || (line.words >= 20 && line.lower_ratio >= 0.5))
}

fn line_score(line: &Line<'_>) -> i64 {
    if line.section_start {
        return -60;
    }
    match line.kind {
        Some(BlockKind::Caption | BlockKind::ImageCredit | BlockKind::Credit | BlockKind::Ad) => {
            return -4;
        }
        Some(BlockKind::Code) => return -10,
        Some(BlockKind::Menu) => return -10,
        Some(
            BlockKind::DateStamp | BlockKind::Byline | BlockKind::Breadcrumb | BlockKind::Footer,
        ) => return -30,
        Some(_) => return -10,
        None => {}
    }
    if is_prose(line) {
        return line.words.min(80) as i64;
    }
    if line.count > 1 {
        // A later showing of a repeated prose line is neutral: it neither
        // extends the body nor cuts it.
        let repeated_prose = !line.first && line.words >= 10 && line.ends_sentence;
        return if repeated_prose { 0 } else { -25 };
    }
    if line.title_like {
        return -15;
    }
    if line.text.chars().any(char::is_lowercase) {
        -8
    } else {
        -12
    }
}

/// The maximum-sum run of lines: the article body.
/// Most a run of soft boilerplate (menus, share bars, code, lists, captions)
/// costs in total: such runs sit inside articles too, and the text after them
/// is still the article. Hard separators (a "More from" header, a byline or
/// date stamp) are not capped.
const MAX_SOFT_RUN_COST: i64 = 40;

fn is_hard_separator(line: &Line<'_>) -> bool {
    // A line that merely contains a date (a tweet's attribution, a comment
    // header) is soft; a bare or labelled date stamp is hard.
    let hard_date = line.kind == Some(BlockKind::DateStamp) && !is_dated_line_only(line.text);
    line.section_start || hard_date || line.kind == Some(BlockKind::Byline)
}

/// A date stamp recognised only by [`is_dated_line`], not as a bare or labelled date.
fn is_dated_line_only(text: &str) -> bool {
    let labelled = patterns::DATE_LABEL
        .find(text)
        .is_some_and(|m| m.start() == 0);
    !(dates::is_date_only(text) || labelled)
}

/// Whether running text (two prose lines in a row) resumes within four lines
/// after `idx`: a "Related" box inside an article, not a list of teasers with
/// one-line summaries at its end.
fn prose_resumes(lines: &[Line<'_>], idx: usize) -> bool {
    (idx + 1..lines.len().min(idx + 5))
        .any(|at| is_prose(&lines[at]) && lines.get(at + 1).is_some_and(is_prose))
}

/// Prose words after which a comment-section header marks the end of the
/// article: what follows weighs a quarter, so that a long discussion does not
/// outweigh the article it discusses.
const ARTICLE_BEFORE_SECTIONS: i64 = 50;

fn body_window(lines: &[Line<'_>]) -> Option<(usize, usize)> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut current = 0i64;
    let mut start = 0;
    let mut soft_run = 0i64;
    let mut prose_so_far = 0i64;
    let mut after_sections = false;
    for (idx, line) in lines.iter().enumerate() {
        let mut score = line_score(line);
        // A "Related" box inside an article: the prose resumes within a few
        // lines, so the header costs like any soft boilerplate.
        let box_inside_article = line.section_start
            && !line.comments_start
            && prose_so_far > 0
            && prose_resumes(lines, idx);
        if box_inside_article {
            score = -10;
        }
        if line.comments_start && prose_so_far >= ARTICLE_BEFORE_SECTIONS {
            after_sections = true;
        }
        if score > 0 {
            prose_so_far += score;
            if after_sections {
                score /= 4;
            }
        }
        if score >= 0 || (is_hard_separator(line) && !box_inside_article) {
            soft_run = 0;
        } else {
            score = score.max(-(MAX_SOFT_RUN_COST - soft_run)).min(0);
            soft_run -= score;
        }
        // A hard separator ends any run: no body spans a "More from" header,
        // a byline or a date stamp.
        if current <= 0 || line.comments_start {
            current = 0;
            start = idx;
        }
        current += score;
        if current > 0 && best.is_none_or(|(total, _, _)| current > total) {
            best = Some((current, start, idx));
        }
    }
    let (_, mut start, end) = best?;
    // The run starts at the first prose line: a leading score-neutral line is header.
    while start < end && !is_prose(&lines[start]) {
        start += 1;
    }
    Some((start, end))
}

/// The headline: a title-shaped line before the body, nearest to it, with a
/// bonus when the page repeats it (dumps often hold it twice: page title and
/// heading) and a malus when it names an outlet (a masthead).
fn choose_headline(lines: &[Line<'_>], body_start: usize) -> Option<usize> {
    let mut best: Option<(i64, usize)> = None;
    for idx in (0..body_start).rev() {
        let line = &lines[idx];
        if line.kind.is_some()
            || line.words < 3
            || line.words > 30
            || line.section_start
            || line.text.ends_with('.') && !line.text.ends_with("..")
            || line.text.ends_with([':', '—', '–', '|', '»'])
            || line.text.ends_with(" -")
        {
            continue;
        }
        // Distance counts only unclassified lines: bylines, dates, captions
        // and share bars between a headline and its body do not push it away.
        let distance = 1 + lines[idx + 1..body_start]
            .iter()
            .filter(|l| l.kind.is_none())
            .count() as i64;
        let mut score = 20 - distance.min(20);
        let header_follows = lines[idx + 1..body_start.min(idx + 5)]
            .iter()
            .any(|l| matches!(l.kind, Some(BlockKind::Byline | BlockKind::DateStamp)));
        if header_follows {
            score += 6;
        }
        if line.text.starts_with(|c: char| c.is_ascii_digit()) {
            score -= 6;
        }
        if line.count > 1 {
            score += 5;
        }
        if line.title_like {
            score += 5;
        }
        if line.text.contains(" | ") || line.text.contains("(EN)") || line.text.ends_with(')') {
            score -= 8;
        }
        if line.text.chars().all(|c| !c.is_lowercase()) {
            score -= 6;
        }
        if best.is_none_or(|(top, _)| score > top) {
            best = Some((score, idx));
        }
    }
    best.map(|(_, idx)| idx)
}

fn clean_headline(text: &str) -> String {
    text.trim().to_string()
}

/// The summary under the headline: prose between the headline and the body
/// that is not a caption.
fn find_standfirst(
    lines: &[Line<'_>],
    header_from: usize,
    body_start: usize,
    headline: Option<usize>,
) -> Option<String> {
    headline?;
    lines[header_from + 1..body_start]
        .iter()
        .find(|line| is_prose(line) && line.words >= 8)
        .map(|line| line.text.to_string())
}

fn line_kind(line: &Line<'_>, in_body: bool, after_body: bool, is_headline: bool) -> BlockKind {
    if is_headline && !in_body {
        return BlockKind::Headline;
    }
    if let Some(kind) = line.kind {
        return kind;
    }
    if line.section_start {
        return BlockKind::Teaser;
    }
    if in_body {
        return if line.count > 1 && !is_prose(line) {
            BlockKind::Other
        } else {
            BlockKind::Body
        };
    }
    let story_like = line.count > 1
        || line.title_like
        || dates::parse_date(line.text, NumericOrder::DayFirst).is_some();
    if after_body && story_like {
        return BlockKind::Teaser;
    }
    BlockKind::Other
}

/// Where a line sits relative to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    /// Page chrome above the article's header.
    Chrome,
    /// Within five lines above the headline: a date here may be the article's.
    AboveHeadline,
    /// Between the headline and the body.
    Header,
    /// Inside the body window.
    Body,
    /// After the body: teasers, comments and footers.
    AfterBody,
}

/// Byline, dates, "Source:" values and chrome lines.
fn read_header_fields(line: &Line<'_>, kind: BlockKind, position: Position, parts: &mut DumpParts) {
    let text = line.text;
    let in_body = position == Position::Body;
    let in_header = position == Position::Header;
    match kind {
        BlockKind::Byline
            if parts.byline.is_none() && !in_body && position != Position::AfterBody =>
        {
            parts.byline = Some(strip_by(text));
            // "By Ann Roe February 1, 2016: 12:41 PM ET" dates the article too.
            let dated = dates::parse_date(text, NumericOrder::DayFirst).is_some();
            if dated && matches!(position, Position::Header | Position::AboveHeadline) {
                read_date_line(text, position, parts);
            }
        }
        BlockKind::DateStamp
            if matches!(
                position,
                Position::Header | Position::AboveHeadline | Position::Chrome
            ) =>
        {
            read_date_line(text, position, parts);
            // "Posted on June 5, 2019 by Maria Lopez"
            if parts.byline.is_none()
                && position != Position::Chrome
                && let Some(at) = text.find(" by ")
            {
                let name = strip_by(&text[at + 1..]);
                if name.split_whitespace().count() <= 5 && name.starts_with(char::is_uppercase) {
                    parts.byline = Some(name);
                }
            }
        }
        BlockKind::Credit => {
            if let Some(caps) = patterns::SOURCE_LINE.captures(text) {
                parts.sources.push(caps[caps.len() - 1].trim().to_string());
            }
        }
        _ => {}
    }
    if kind == BlockKind::DateStamp && position != Position::AfterBody {
        // "Date: 26/07/2022 | Source: Ministry of Foreign Affairs (EN)",
        // "2022年08月12日 16:40 来源：新华社"
        for segment in text.split(" | ").skip(1) {
            if let Some(caps) = patterns::SOURCE_LINE.captures(segment.trim()) {
                parts.sources.push(caps[caps.len() - 1].trim().to_string());
            }
        }
        if let Some(caps) = patterns::SOURCE_INLINE.captures(text) {
            parts.sources.push(caps[2].trim().to_string());
        }
    }
    let chrome = !in_body
        && line.count == 1
        && matches!(
            kind,
            BlockKind::Other
                | BlockKind::Footer
                | BlockKind::DateStamp
                | BlockKind::Credit
                | BlockKind::Teaser
        )
        && (line.words <= 8 || kind == BlockKind::Footer);
    if chrome {
        // Footer and masthead lines say who publishes; a teaser only may.
        let weight = match kind {
            BlockKind::Footer => 3,
            _ if !in_header && parts.paragraphs.is_empty() => 2,
            BlockKind::Teaser => 1,
            _ => 2,
        };
        parts.chrome.push((text.to_string(), weight));
    }
}

fn strip_by(text: &str) -> String {
    let mut rest = text.trim();
    let lower = rest.to_lowercase();
    for prefix in [
        "written by",
        "reported by",
        "words by",
        "posted by",
        "edited by",
        "reviewed by",
        "story by",
        "text by",
        "photos by",
        "photo by",
        "by",
        "von",
        "par",
        "por",
        "di",
        "door",
        "автор:",
        "автор",
        "авторы:",
    ] {
        if lower.starts_with(prefix) && rest.is_char_boundary(prefix.len()) {
            let after = &rest[prefix.len()..];
            if after.starts_with([' ', ':']) {
                rest = after.trim_start_matches([' ', ':']);
                break;
            }
        }
    }
    // The name ends where a date, a separator or a call to action begins.
    let mut end = rest.len();
    if let Some(found) = dates::parse_date(rest, NumericOrder::DayFirst) {
        end = end.min(found.start);
    }
    for marker in [
        " — ",
        " – ",
        " - ",
        " | ",
        "|",
        " Follow",
        " Updated",
        " Published",
        " Posted",
        " @",
    ] {
        if let Some(pos) = rest.find(marker) {
            end = end.min(pos);
        }
    }
    if let Some(pos) = rest.find(|c: char| c.is_ascii_digit()) {
        end = end.min(pos);
    }
    // "Erin Cunningham March 18 at 12:22 PM": a month name ends the name.
    let mut offset = 0;
    for word in rest[..end].split_inclusive(' ') {
        if offset > 0 && dates::is_month_name(word.trim()) {
            end = offset;
            break;
        }
        offset += word.len();
    }
    let name = rest[..end]
        .trim()
        .trim_end_matches([',', ';', '·', '•'])
        .trim();
    if name.is_empty() {
        rest.trim().to_string()
    } else {
        name.to_string()
    }
}

/// A date line counts only in the article header: between the headline and the
/// body, or when it is labelled ("Date:", "Published"). A bare date above the
/// headline is the page-capture stamp; dates below the body belong to teasers.
fn read_date_line(text: &str, position: Position, parts: &mut DumpParts) {
    let labelled: Vec<regex::Match<'_>> = patterns::DATE_LABEL.find_iter(text).collect();
    if labelled.is_empty() {
        // A bare date in the header beats one just above the headline, which
        // is only a fallback; one further up is page chrome (a capture stamp).
        let rank = match position {
            Position::Header => 2,
            Position::AboveHeadline => 1,
            _ => return,
        };
        if parts.published_rank < rank
            && let Some(found) = stamp(text, text, DateSource::HeaderText)
        {
            parts.published = Some(found);
            parts.published_rank = rank;
        }
        return;
    }
    for (i, label) in labelled.iter().enumerate() {
        let end = labelled.get(i + 1).map_or(text.len(), |next| next.start());
        let segment = &text[label.start()..end];
        let is_modified = patterns::MODIFIED_LABEL.is_match(label.as_str());
        if is_modified {
            if parts.modified.is_none() {
                parts.modified = stamp(segment, segment.trim(), DateSource::LabelledText);
            }
        } else if parts.published_rank < 3
            && let Some(found) = stamp(segment, segment.trim(), DateSource::LabelledText)
        {
            parts.published = Some(found);
            parts.published_rank = 3;
        }
    }
}

fn stamp(text: &str, evidence: &str, source: DateSource) -> Option<DateStamp> {
    let found = dates::parse_date(text, NumericOrder::DayFirst)?;
    Some(DateStamp {
        date: found.date,
        time: found.time,
        source,
        evidence: evidence.trim().to_string(),
    })
}

/// Splits the dump into trimmed, non-empty lines, joining hard-wrapped ones: a
/// line of five or more words that does not end a sentence, followed directly
/// (no blank line) by one that starts in lowercase, continues the same paragraph.
fn join_wrapped(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut previous_blank = true;
    for raw in text.lines() {
        let line =
            raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}');
        if line.is_empty() {
            previous_blank = true;
            continue;
        }
        let continues = !previous_blank && line.chars().next().is_some_and(char::is_lowercase);
        previous_blank = false;
        match out.last_mut() {
            Some(last)
                if continues
                    && last.split_whitespace().count() >= 5
                    && !last.ends_with(['.', '!', '?', '"', '”', ':', ';', ')', ']']) =>
            {
                last.push(' ');
                last.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> DumpParts {
        classify_dump(text, &OutletRegistry::shipped())
    }

    #[test]
    fn menu_headline_byline_body_footer() {
        let page = "\
Home
World
Politics
Business
Sports

Storm floods coastal towns in the north

By Jane Roe
Published : Mar 3, 2021 - 10:05
Heavy rain flooded three coastal towns on Tuesday, officials said, forcing hundreds of people from their homes.
Rescue teams worked through the night to reach villages cut off by the water, the regional governor told reporters.
MOST POPULAR
Five things to know about the markets today
Copyright Example Media. All Rights Reserved.
";
        let p = parts(page);
        assert_eq!(
            p.headline.as_deref(),
            Some("Storm floods coastal towns in the north")
        );
        assert_eq!(p.byline.as_deref(), Some("Jane Roe"));
        assert_eq!(p.published.as_ref().unwrap().date.to_string(), "2021-03-03");
        assert_eq!(p.paragraphs.len(), 2, "{:?}", p.paragraphs);
        assert!(p.paragraphs[0].starts_with("Heavy rain"));
        assert!(
            p.removed
                .iter()
                .any(|r| r.kind == BlockKind::Menu && r.text == "Politics")
        );
        assert!(p.removed.iter().any(|r| r.kind == BlockKind::Footer));
    }

    #[test]
    fn capture_stamp_above_headline_is_not_the_date() {
        let page = "\
Jan 05, 2024
A quiet headline about a vote

The parliament voted on the budget after a long debate that lasted into the night, members said.
Opposition members walked out before the final count and called the process rushed and unfair.
";
        let p = parts(page);
        assert_eq!(p.headline.as_deref(), Some("A quiet headline about a vote"));
        assert!(p.published.is_none(), "{:?}", p.published);
    }

    #[test]
    fn captions_inside_the_body_are_set_apart() {
        let page = "\
The talks opened in the capital on Monday with both delegations present at the table for the first time.
The minister greets a delegate at the ministry in the capital on Monday. (JOHN DOE/AFP via Getty Images)
Negotiators said they hoped to reach an agreement on trade before the end of the week, though gaps remained.
";
        let p = parts(page);
        assert_eq!(p.paragraphs.len(), 2, "{:?}", p.paragraphs);
        assert_eq!(p.captions.len(), 1);
        assert!(p.headline.is_none());
    }

    #[test]
    fn wrapped_lines_join() {
        let page = "\
The committee published its report on
a wet Thursday morning, and the minister welcomed its findings in a statement.
Critics said the report did not go far enough and called for a full public inquiry into the matter.
";
        let p = parts(page);
        assert_eq!(p.paragraphs.len(), 2, "{:?}", p.paragraphs);
    }

    #[test]
    fn nothing_but_boilerplate() {
        let p = parts("Home\nNews\nSport\nWeather\n");
        assert!(p.paragraphs.is_empty());
        assert_eq!(p.removed.len(), 4);
    }
}
