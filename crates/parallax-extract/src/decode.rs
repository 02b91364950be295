//! Bytes to text: the BOM first, then the HTTP header, then `<meta charset>`,
//! then detection. Invalid sequences become U+FFFD; nothing here panics.

use encoding_rs::Encoding;

/// Where the encoding was learnt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EncodingSource {
    Bom,
    HttpHeader,
    MetaTag,
    Detected,
}

/// Decodes `bytes`, returning the text, the encoding's name and how it was chosen.
pub(crate) fn decode(
    bytes: &[u8],
    content_type: Option<&str>,
    is_html: bool,
) -> (String, &'static str, EncodingSource) {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return (text.into_owned(), encoding.name(), EncodingSource::Bom);
    }
    let declared = content_type
        .and_then(charset_param)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .map(|encoding| (encoding, EncodingSource::HttpHeader))
        .or_else(|| {
            is_html
                .then(|| meta_charset(&bytes[..bytes.len().min(4096)]))
                .flatten()
                .map(|encoding| (encoding, EncodingSource::MetaTag))
        });
    let (encoding, source) = match declared {
        // Text that is valid UTF-8 with non-ASCII in it is UTF-8, whatever a
        // meta tag left over from a conversion says: legacy encodings almost
        // never produce valid UTF-8 by accident.
        Some((_, EncodingSource::MetaTag))
            if !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() =>
        {
            (encoding_rs::UTF_8, EncodingSource::Detected)
        }
        // A page that says UTF-8 but is not valid UTF-8 is often Windows-1252.
        Some((encoding, source))
            if encoding != encoding_rs::UTF_8 || std::str::from_utf8(bytes).is_ok() =>
        {
            (encoding, source)
        }
        _ => (detect(bytes), EncodingSource::Detected),
    };
    // UTF-16 labels in a meta tag cannot be right: the tag was read as ASCII.
    let encoding = encoding.output_encoding();
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), encoding.name(), source)
}

fn detect(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return encoding_rs::UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[..bytes.len().min(1 << 20)], true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        (name.trim().eq_ignore_ascii_case("charset"))
            .then(|| value.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// The charset of `<meta charset=...>` or `<meta http-equiv content="...; charset=...">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = text.as_str();
    while let Some(pos) = rest.find("<meta") {
        rest = &rest[pos + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(at) = tag.find("charset") {
            let value = tag[at + 7..].trim_start().strip_prefix('=')?.trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            let end = value
                .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
                .unwrap_or(value.len());
            if let Some(encoding) = Encoding::for_label(&value.as_bytes()[..end]) {
                return Some(encoding);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_in_order() {
        let (text, name, source) = decode(b"\xef\xbb\xbfhi", None, false);
        assert_eq!(
            (text.as_str(), name, source),
            ("hi", "UTF-8", EncodingSource::Bom)
        );
        let (text, name, source) = decode(b"caf\xe9", Some("text/html; charset=ISO-8859-1"), true);
        assert_eq!(
            (text.as_str(), name, source),
            ("café", "windows-1252", EncodingSource::HttpHeader)
        );
        let page = b"<html><head><meta charset=\"windows-1251\"></head><body>\xcf\xf0\xe8\xe2\xe5\xf2</body>";
        let (text, name, source) = decode(page, None, true);
        assert!(text.contains("Привет"), "{text}");
        assert_eq!((name, source), ("windows-1251", EncodingSource::MetaTag));
        let (text, _, source) = decode(b"\xfd\xfe\xfd plain", None, false);
        assert_eq!(source, EncodingSource::Detected);
        assert!(text.ends_with("plain"));
    }
}
