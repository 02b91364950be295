//! Byte ranges into article text, and the text folding used to compare strings.

/// A half-open byte range `[start, end)` into [`crate::Article::text`].
///
/// Architecture invariant: every range produced by a stage lies inside the text
/// it points into and falls on `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRange {
    start: u32,
    end: u32,
}

impl TextRange {
    /// A range from `start` to `end`.
    ///
    /// # Panics
    /// Panics when `start > end`: that is a bug in the caller.
    pub fn new(start: u32, end: u32) -> TextRange {
        assert!(start <= end, "range start {start} is after its end {end}");
        TextRange { start, end }
    }

    /// A range from `usize` offsets, saturating at `u32::MAX`.
    pub fn from_usize(start: usize, end: usize) -> TextRange {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        TextRange::new(clamp(start), clamp(end.max(start)))
    }

    /// First byte of the range.
    pub fn start(self) -> u32 {
        self.start
    }

    /// One past the last byte of the range.
    pub fn end(self) -> u32 {
        self.end
    }

    /// Length in bytes.
    pub fn len(self) -> u32 {
        self.end - self.start
    }

    /// Whether the range is empty.
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// Whether `other` lies wholly inside `self`.
    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text the range points at, or `""` when it does not fit `text`.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// Folds text for comparison: typographic quotes and apostrophes become ASCII,
/// dashes become `-`, and runs of white space become one space. Leading and
/// trailing white space is dropped.
///
/// ```
/// assert_eq!(parallax_core::fold_for_compare(" “Kiev”\u{a0}regime\n"), "\"Kiev\" regime");
/// ```
pub fn fold_for_compare(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for ch in text.chars() {
        if ch.is_whitespace() || ch == '\u{200b}' {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(match ch {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{00ab}' | '\u{00bb}'
            | '\u{2033}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
            other => other,
        });
    }
    out
}

/// Common English words that say nothing about what a text reports (its
/// event, its claim): function words, reporting verbs and a few nouns every
/// news text has. Lower case; compare lower-cased words of three letters or
/// more against it.
pub const STOPWORDS: &[&str] = &[
    "the",
    "and",
    "for",
    "that",
    "with",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "his",
    "her",
    "its",
    "their",
    "they",
    "this",
    "these",
    "those",
    "from",
    "but",
    "not",
    "been",
    "will",
    "would",
    "said",
    "says",
    "say",
    "also",
    "after",
    "before",
    "when",
    "where",
    "which",
    "who",
    "what",
    "there",
    "than",
    "then",
    "into",
    "over",
    "about",
    "more",
    "most",
    "some",
    "such",
    "can",
    "could",
    "may",
    "might",
    "one",
    "two",
    "new",
    "other",
    "all",
    "any",
    "our",
    "out",
    "you",
    "your",
    "him",
    "she",
    "just",
    "only",
    "very",
    "being",
    "did",
    "does",
    "how",
    "why",
    "while",
    "during",
    "because",
    "did",
    "should",
    "under",
    "between",
    "against",
    "per",
    "via",
    "year",
    "years",
    "day",
    "days",
    "time",
    "people",
    "told",
    "according",
    "reported",
    "news",
];

/// Escapes text for HTML (and SVG) element content and attribute values;
/// control characters other than tab and line ends, which XML forbids and
/// HTML shows as nothing, are dropped.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if c.is_control() => {}
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<script>\"x\" & 'y'</script>\u{7}"),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn slice_out_of_bounds_is_empty() {
        assert_eq!(TextRange::new(3, 9).slice("abc"), "");
        assert_eq!(TextRange::new(0, 2).slice("é"), "é");
        assert_eq!(TextRange::new(0, 1).slice("é"), "");
    }

    #[test]
    fn fold_is_idempotent() {
        for input in ["a  b", "“x” — ‘y’", "\n\t z \u{200b} ", ""] {
            let once = fold_for_compare(input);
            assert_eq!(fold_for_compare(&once), once);
        }
    }
}
