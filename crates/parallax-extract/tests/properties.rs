//! Properties that hold for any input: extraction never panics, whatever the
//! bytes; paragraph ranges stay inside the text on char boundaries; dates found
//! in a string point at real spans of it; the registry's matcher only returns
//! whole-word matches.

use parallax_core::dates::{NumericOrder, find_dates};
use parallax_core::{DocId, Media, Origin, RawDoc, fold_for_compare};
use parallax_extract::ExtractOptions;
use proptest::prelude::*;

fn raw(bytes: Vec<u8>, media: Media) -> RawDoc {
    RawDoc {
        id: DocId::from_hex("p".into()),
        origin: Origin::file("p"),
        media,
        bytes,
    }
}

/// Lines that look like pieces of news pages, to reach deep into the classifier.
fn page_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Home".to_string()),
        Just("By Jane Roe".to_string()),
        Just("Published : Jul 14, 2022 - 09:17".to_string()),
        Just("More from Example News".to_string()),
        Just("© 2022 Example. All rights reserved.".to_string()),
        Just("The minister said on Monday that talks would resume next week, officials confirmed.".to_string()),
        Just("A soldier stands guard near the border on July 8, 2022. (JOHN DOE/AFP via Getty Images)".to_string()),
        Just("Source: Breitbart".to_string()),
        Just("12 Comments".to_string()),
        "[\\p{L}\\p{N} ,.“”\"'()-]{0,120}",
    ]
}

proptest! {
    // No failure files: the tests must not write into the source tree.
    #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000), html in any::<bool>()) {
        let extractor = ExtractOptions::default().build();
        let media = if html { Media::Html } else { Media::Text };
        let extracted = extractor.extract(&raw(bytes, media));
        if let Some(article) = extracted.article {
            for range in &article.paragraphs {
                prop_assert!(range.end() as usize <= article.text.len());
                prop_assert!(article.text.is_char_boundary(range.start() as usize));
                prop_assert!(article.text.is_char_boundary(range.end() as usize));
            }
        }
    }

    #[test]
    fn page_like_dumps_keep_their_text(lines in proptest::collection::vec(page_line(), 0..60)) {
        let extractor = ExtractOptions::default().build();
        let dump = lines.join("\n");
        let extracted = extractor.extract(&raw(dump.clone().into_bytes(), Media::Text));
        if let Some(article) = extracted.article {
            let input = fold_for_compare(&dump);
            // Every paragraph is text from the dump, never invented.
            for paragraph in article.paragraph_texts() {
                prop_assert!(input.contains(&fold_for_compare(paragraph)), "{paragraph:?}");
            }
            for caption in &article.captions {
                prop_assert!(!article.text.contains(caption.as_str()), "caption in body: {caption:?}");
            }
        }
    }

    #[test]
    fn found_dates_point_into_the_text(text in "[\\p{L}\\p{N} ,./:-]{0,200}") {
        for found in find_dates(&text, NumericOrder::DayFirst) {
            prop_assert!(found.start < found.end && found.end <= text.len());
            prop_assert!(text.is_char_boundary(found.start) && text.is_char_boundary(found.end));
        }
    }
}
