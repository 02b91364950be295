//! Telling formats apart, by name first and by content when the name says nothing.

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A WARC file of many records.
    Warc {
        /// Whether it is gzip-compressed (`.warc.gz`).
        gzip: bool,
    },
    /// One JSON object per line.
    Jsonl {
        /// Whether it is gzip-compressed.
        gzip: bool,
    },
    /// An RSS or Atom feed.
    Feed,
    /// One HTML page.
    Html,
    /// One plain-text page dump.
    Text,
    /// Some other gzip-compressed file: decompress, then sniff again.
    Gzip,
    /// Nothing in it.
    Empty,
    /// Bytes that are not text.
    Binary,
}

/// Decides the format from the file name and its first bytes.
pub fn sniff_format(name: &str, head: &[u8]) -> Format {
    let lower = name.to_ascii_lowercase();
    let gzip = head.starts_with(&[0x1f, 0x8b]);
    if lower.ends_with(".warc.gz") || lower.ends_with(".warc") || head.starts_with(b"WARC/") {
        return Format::Warc { gzip };
    }
    if lower.ends_with(".jsonl.gz") || lower.ends_with(".ndjson.gz") {
        return Format::Jsonl { gzip };
    }
    if gzip {
        return Format::Gzip;
    }
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Format::Empty;
    }
    if looks_binary(head) {
        return Format::Binary;
    }
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") {
        return Format::Jsonl { gzip: false };
    }
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{')
        && (lower.ends_with(".json")
            || trimmed.contains("\"url\"")
            || trimmed.contains("\"html\"")
            || trimmed.contains("\"text\""))
    {
        return Format::Jsonl { gzip: false };
    }
    let is_feed_name = [".rss", ".atom", ".xml"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    if (is_feed_name || trimmed.starts_with("<?xml"))
        && (text.contains("<rss") || text.contains("<feed") || text.contains("<rdf:rdf"))
    {
        return Format::Feed;
    }
    if lower.ends_with(".txt") {
        return Format::Text;
    }
    let html_markers = [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<meta",
        "<div",
        "<p>",
        "<article",
        "<title",
    ];
    if [".html", ".htm", ".xhtml", ".shtml"]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || html_markers.iter().any(|marker| text.contains(marker))
    {
        return Format::Html;
    }
    Format::Text
}

/// Text files have no NUL bytes and few control characters.
fn looks_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        // UTF-16 text has NULs; a BOM says so.
        return !(head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]));
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    let invalid_utf8 = match std::str::from_utf8(head) {
        Ok(_) => 0,
        // A cut at the end of the head is not a sign of binary data.
        Err(error) if error.error_len().is_none() => 0,
        Err(_) => {
            head.len()
                - String::from_utf8_lossy(head)
                    .chars()
                    .filter(|&c| c != '\u{fffd}')
                    .count()
        }
    };
    controls * 20 > head.len() || (invalid_utf8 * 3 > head.len() && !looks_like_legacy_text(head))
}

/// Legacy single-byte text (Latin-1, Windows-1251) is mostly printable bytes.
fn looks_like_legacy_text(head: &[u8]) -> bool {
    let printable = head
        .iter()
        .filter(|&&b| b >= 0x20 || matches!(b, b'\n' | b'\r' | b'\t'))
        .count();
    let ascii_letters = head
        .iter()
        .filter(|b| b.is_ascii_alphabetic() || **b == b' ' || **b == b'<')
        .count();
    printable * 100 >= head.len() * 98 && ascii_letters * 4 >= head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(name: &str, head: &[u8], expected: Format) {
        assert_eq!(sniff_format(name, head), expected, "{name}");
    }

    #[test]
    fn formats() {
        check("a.warc.gz", &[0x1f, 0x8b, 8], Format::Warc { gzip: true });
        check("x", b"WARC/1.0\r\n", Format::Warc { gzip: false });
        check("a.html.gz", &[0x1f, 0x8b, 8], Format::Gzip);
        check("a.jsonl", b"{\"url\": 1}", Format::Jsonl { gzip: false });
        check(
            "feed",
            b"<?xml version=\"1.0\"?><rss version=\"2.0\">",
            Format::Feed,
        );
        check("page", b"<!DOCTYPE html><html>", Format::Html);
        check("dump.txt", b"<p>not html, a dump</p>", Format::Text);
        check("dump", b"Just words on a line.\n", Format::Text);
        check("empty.txt", b" \n\n", Format::Empty);
        check("garbage.txt", &[0, 1, 2, 3, 0xff, 0xfe, 7], Format::Binary);
        check(
            "latin1.txt",
            "Caf\u{e9} na esquina".as_bytes(),
            Format::Text,
        );
        check("cp1252.txt", b"Caf\xe9 na esquina, p\xe1gina", Format::Text);
    }
}
