//! Line patterns shared by the text-dump classifier and the HTML extractor:
//! boilerplate markers, captions, bylines, datelines and labelled fields.
//!
//! Every pattern here is a general fact about how web pages are written, in
//! several languages where cheap; none is tuned to one site.

use std::sync::LazyLock;

use regex::Regex;

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// Markup or script that leaked into text.
pub(crate) static CODE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(<!--|!--|<script|<style|<iframe|</?[a-z][a-z0-9]*(\s[^>]*)?>$|function\s*\(|var\s+\w+\s*=|window\.|document\.|gtag\(|datalayer|\{\s*$|^\}\s*$)|-->\s*$",
    )
});

/// Advertisement markers.
pub(crate) static AD: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^[-–—•*\s]*(advertisement|advertising|advert|sponsored( content)?|ad|ads by \w+|anzeige|publicité|publicidad|реклама|story continues below( advertisement)?|continue reading( (the )?(main )?story)?( below)?|scroll to continue( with content)?|article continues below)[-–—•*\s]*$",
    )
});

/// Photo and video credits standing alone.
pub(crate) static IMAGE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^((image|photo|picture|video|graphic|illustration)s?\s*(source|credit|by|courtesy)?|credit|credits|source of image|foto|фото)\s*[:：]\s*\S|^\(?\s*(photo|image|picture)s?\s*(by|courtesy)(?-u:\b)|^[^.!?]{0,60}(?-u:\b)(getty images|shutterstock|afp photo|ap photo|epa-efe|reuters/|via reuters|via getty)(?-u:\b)[^.!?]{0,40}$",
    )
});

/// The header of a list of other stories, which ends an article body.
pub(crate) static SECTION_START: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(more (from|articles|stories|news|in|on|to read|like this)|related( articles?| stories| news| posts| content| coverage| topics)?|read (more|also|next)|see also|also read|most (popular|read|viewed|shared|watched)|latest( news| stories| articles)?|trending( now| stories)?|recommended( for you| stories| reading)?|you (may|might) (also )?(like|be interested)|top stories|editor'?s picks|popular( now| stories| articles)?|recent (posts|articles|news)|more news|in other news|what to read next|leave a (comment|reply)|comments?|mehr zum thema|meistgelesen|meistkommentiert|auch interessant|weitere (artikel|nachrichten|meldungen)|lesen sie (auch|mehr)|kommentare|das k.nnte sie auch interessieren|lire aussi|sur le m.me sujet|les plus (lus|partag.s)|voir aussi|nos articles|lo m.s (le.do|visto)|noticias relacionadas|te puede interesar|tambi.n te puede interesar|m.s noticias|leia tamb.m|mais lidas|not.cias relacionadas|veja tamb.m|leggi anche|i pi. letti|articoli correlati|lees ook|meest gelezen|gerelateerd)(?-u:\b)[^.!?]{0,60}$|^(читайте также|читайте також|похожие новости|самое читаемое|ещё по теме|еще по теме|другие новости|інші новини|популярне|схожі новини|関連記事|相关阅读|相关新闻|推荐阅读|관련기사|많이 본 뉴스)[^.!?]{0,60}$",
    )
});

/// The header of a comment section: the article is over, whatever follows.
pub(crate) static COMMENTS_START: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^((there (are|is) )?(\d+|no) (comments?|responses?|replies|reactions|thoughts)|comments?( \(\d+\))?|leave a (comment|reply)|join the (discussion|conversation)|add (a|your) comment|post a comment|kommentare|commentaires|comentarios|coment.rios|commenti|комментарии|коментарі)(?-u:\b)[^.!?]{0,60}$",
    )
});

/// A source named inside a date line: "16:40 来源：新华社", "12.08.2022 | Source: TASS".
pub(crate) static SOURCE_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(source|来源|출처|источник|джерело)\s*[:：]\s*([^|,;]{2,40}?)\s*($|\||,|;)")
});

/// A domain name in page chrome: "XINHUANET.com", "www.koreaherald.com".
pub(crate) static DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(?-u:\b)([a-z0-9][a-z0-9-]{0,62}\.)+(com|net|org|info|news|tv|[a-z]{2})(?-u:\b)")
});

/// "The Associated Press contributed to this report", "Reuters contributed reporting".
pub(crate) static CONTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(?:The\s+)?([\p{Lu}][\p{L}.&' -]{1,40}?)\s+contributed(?:\s+to\s+this\s+(?:report|story|article)|\s+reporting)",
    )
});

/// The text of embedded video players (video.js and its kin) and newsletter
/// boxes, in several languages.
pub(crate) static WIDGET: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(modal window|captions? settings|remaining time|stream type|text edge style|font (size|family)|beginning of dialog|end of dialog|this video is (playable|unavailable)|video (player|unavailable)|playback (rate|speed)|(un)?mute|fullscreen|picture-in-picture|audio track|chapters?( markers)?$|descriptions off|subtitles settings|par (e-?mail|courriel)|^(suivre|suivez|follow|folgen sie|síguenos|siga)(?-u:\b).{0,40}(twitter|facebook|instagram|telegram|linkedin|youtube|tiktok)|inscrivez-vous|abonnez-vous|s'abonner|jetzt abonnieren|newsletter abonnieren|suscr[ií]bete|assine|iscriviti|подпишитесь|подписаться|підпишіться)",
    )
});

/// A live-ticker entry: a time of day, then a headline ("14:44 Accusations ...").
pub(crate) static TICKER_ITEM: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^([01]?\d|2[0-3])[:h.][0-5]\d(\s*(am|pm|AM|PM))?(\s+\S.*)?$"));

/// Copyright and legal lines, sentence-shaped or not.
pub(crate) static FOOTER_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(©|\(c\)\s*(19|20)\d\d|(?-u:\b)copyright(?-u:\b)|all rights reserved|privacy (policy|statement|notice)|terms (of|and) (use|service|conditions)|все права защищены|tous droits réservés|alle rechte vorbehalten|版权所有)",
    )
});

/// Agency credit lines that close wire copy: "(Reporting by Jane Roe; Editing by John Doe)".
pub(crate) static AGENCY_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\(?\s*((additional )?reporting|writing|editing|compiled|translated|produced) by\s+\p{L}",
    )
});

/// Copyright, legal and contact lines.
pub(crate) static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(©|\(c\)\s*(19|20)\d\d|(?-u:\b)copyright(?-u:\b)|all rights reserved|privacy (policy|statement|notice)|terms (of|and) (use|service|conditions)|cookie (policy|settings|preferences)|(?-u:\b)contact us(?-u:\b)|(?-u:\b)about us(?-u:\b)|(?-u:\b)subscribe(?-u:\b)|(?-u:\b)newsletter(?-u:\b)|(?-u:\b)sign (up|in)(?-u:\b)|(?-u:\b)log ?in(?-u:\b)|registration no|(?-u:\b)follow us(?-u:\b)|(?-u:\b)back to top(?-u:\b)|(?-u:\b)skip to (main )?(content|navigation|site index)|^(topics|tags|tagged( with)?|filed under|categories|category)\s*[:：]|^\W*(search|press enter to search|search this site)(?-u:\b)|(?-u:\b)share (this|on)(?-u:\b)|(?-u:\b)download (the|our) app(?-u:\b)|(?-u:\b)whatsapp(?-u:\b)|(?-u:\b)telegram channel(?-u:\b)|все права защищены|tous droits réservés|alle rechte vorbehalten)",
    )
});

/// A "Home > World > ..." trail, or "Home" glued to the next crumb.
pub(crate) static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(Home|HOME|Startseite|Accueil|Inicio|Главная)\s*([>»›/|]|\p{Lu})|^(\S[^>»›]{0,30}\s*[>»›]\s*){2,}",
    )
});

/// An author line: "By Yonhap", "By Jane Doe and John Roe, Reuters".
pub(crate) static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(By|BY|by|Von|von|Par|par|Por|por|Di|Door|Автор:?|Written by|Reported by|Words by)\s+(\p{Lu}[\p{L}.'’-]*)(\s+(\p{Lu}[\p{L}.'’-]*|and|&|de|da|van|von|der|al|bin|el|,|\|))*(\s*[,|—–-]\s*[\p{L} ]{2,40})?\s*$",
    )
});

/// A looser author line, with whatever follows the name: "By JANE DOE JAN. 13,
/// 2017", "Posted by Ann Roe, Software Engineer", "Par Anne Roe — 24 novembre".
pub(crate) static BYLINE_LOOSE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^(By|BY|by|Par|PAR|par|Por|POR|Von|VON|Di|Door|Posted by|Written by|Reported by|Edited by|Reviewed by|Words by|Story by|Text by|Photos? by|Автор|Авторы)[:\s]+\p{Lu}",
    )
});

/// "2 hours ago", "vor 3 Stunden": relative time stamps of feeds and comments.
pub(crate) static RELATIVE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?-u:\b)\d+\s*(second|minute|min|hour|hr|day|week|month|year)s?\s+ago(?-u:\b)|(?-u:\b)(yesterday|today)(?-u:\b)\s*(at\s+)?\d",
    )
});

/// Words of share bars and tool rows.
const SHARE_WORDS: &[&str] = &[
    "share",
    "tweet",
    "email",
    "e-mail",
    "facebook",
    "twitter",
    "reddit",
    "pocket",
    "flipboard",
    "whatsapp",
    "linkedin",
    "pinterest",
    "print",
    "comment",
    "comments",
    "save",
    "copy",
    "link",
    "via",
    "mail",
    "messenger",
    "telegram",
    "sms",
    "follow",
    "subscribe",
    "bookmark",
    "view",
    "pdf",
    "mode",
    "more",
    "on",
    "this",
    "story",
    "article",
    "x",
    "+",
    "|",
];

/// Whether most words of a short line are share-bar words ("Share Tweet Email").
pub(crate) fn is_share_bar(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == '/' || c == '·' || c == '•')
        .filter(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '+' && c != '|')
                .to_lowercase()
        })
        .collect();
    if words.is_empty() || words.len() > 10 {
        return false;
    }
    let share = words
        .iter()
        .filter(|w| {
            w.is_empty()
                || w.chars().all(|c| c.is_ascii_digit())
                || SHARE_WORDS.contains(&w.as_str())
        })
        .count();
    let has_anchor = words.iter().any(|w| {
        [
            "share", "tweet", "email", "facebook", "twitter", "print", "reddit", "whatsapp",
        ]
        .contains(&w.as_str())
    });
    has_anchor && share * 10 >= words.len() * 7
}

/// A labelled field: "Date: 26/07/2022", "Tel : +82", "Publisher. Editor : Jeon".
pub(crate) static LABEL: LazyLock<Regex> =
    LazyLock::new(|| regex(r"^(\p{L}[\p{L}\p{N} .&/'’-]{0,40}?)\s*[:：]\s+(\S.*)$"));

/// Labels that introduce dates.
pub(crate) static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?-u:\b)(first published|published( on| at)?|posted( on| at)?|date|updated( on| at)?|last updated|last modified|modified|created|issued|released|publié le|mis à jour|veröffentlicht|aktualisiert|publicado|actualizado|pubblicato|опубликовано|обновлено|опубліковано|оновлено|yayınlanma|güncelleme)(?-u:\b)\s*[:：]?\s*",
    )
});

/// Labels that introduce an update rather than first publication.
pub(crate) static MODIFIED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(updated|last updated|last modified|modified|mis à jour|aktualisiert|actualizado|обновлено|оновлено|güncelleme)",
    )
});

/// "Source: Breitbart", "Via: ...": who the text came from.
pub(crate) static SOURCE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^(source|sources|via|originally published (by|in|at|on)|this (article|story) (was )?(first |originally )?(appeared|published) (in|on|by)|источник|джерело|quelle|fuente|fonte|来源|출처)\s*[:：]?\s*(\S.{0,80})$",
    )
});

/// A dateline that opens a wire story: "SEOUL, July 14 (Yonhap) --".
pub(crate) static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"^((\p{Lu}[\p{Lu}\p{L} .'’-]{1,40}?)(,\s*[\p{L}. ]{2,30}?)?(,\s*\p{L}{3,9}\.?\s+\d{1,2})?\s*(\(([\p{L} .&/-]{2,40})\))?\s*(--|—|–|-|:)\s+)",
    )
});

/// A trailing agency credit at the end of a paragraph: "... the West. (Yonhap)".
pub(crate) static TRAILING_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"[.!?”\x22’']\s*\(([\p{L} .&-]{2,30})\)\s*$"));

/// Photo words inside a parenthesised credit.
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\(([^()]*(?-u:\b)(photo|photos|getty|images|pool|courtesy|handout|file|shutterstock|epa|credit|pic)(?-u:\b)[^()]*|[^()]*\p{L}+\s*[-/,]\s*\p{L}+[^()]*)\)\s*$",
    )
});

/// A credit at the end of a caption without parentheses: "... Source: Supplied",
/// "... Fethi Belaid/AFP/Getty Images".
static TRAILING_PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)((source|photo|picture|image|credit|foto|bild)s?\s*[:：]\s*[\p{L} .,&-]{2,40}|/\s*(afp|getty images|reuters|ap|epa|xinhua|anadolu|sipa|dpa|ansa)[\p{L} /-]{0,30})$",
    )
});

static CAPTION_START: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^((this|a|the|in (this|the|a))\s+)?(undated\s+)?(file\s+)?(photo|picture|image|handout|video grab|screenshot|screen grab|still)s?(?-u:\b)|^(file photo|photo|pictured|above|top|left|right|inset|main picture)\s*[:,–—-]",
    )
});

static CAPTION_POSITION: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\((l|r|c|left|right|centre|center|front|back|\d(st|nd|rd|th) [lr])\)|(?-u:\b)from (left|right)(?-u:\b)|(?-u:\b)(l-r|r-l)(?-u:\b)",
    )
});

static CAPTION_VERB: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?-u:\b)(poses|posing|speaks|speaking|listens|attends|looks on|gestures|waves|is seen|are seen|walks|shakes hands|smiles|arrives|pictured|seen here)(?-u:\b)",
    )
});

/// How strongly a line looks like a photo caption, from its own text and
/// whether a credit line follows it.
pub(crate) fn caption_score(line: &str, followed_by_credit: bool, duplicated_next: bool) -> i32 {
    let mut score = 0;
    if CAPTION_START.is_match(line) {
        score += 3;
    }
    if PHOTO_CREDIT.is_match(line)
        || (line.split_whitespace().count() <= 40 && TRAILING_PHOTO_CREDIT.is_match(line))
    {
        score += 3;
    }
    if CAPTION_POSITION.is_match(line) {
        score += 2;
    }
    if followed_by_credit {
        score += 3;
    }
    if duplicated_next {
        score += 1;
    }
    if CAPTION_VERB.is_match(line) {
        score += 1;
    }
    score
}

/// The threshold above which [`caption_score`] calls a line a caption.
pub(crate) const CAPTION_THRESHOLD: i32 = 3;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        for line in [
            "By Yonhap",
            "By Jane Doe and John Roe, Reuters",
            "BY JANE DOE",
            "Written by Anna Smith",
        ] {
            assert!(BYLINE.is_match(line), "{line}");
        }
        for line in [
            "By the end of the war, the country had changed.",
            "by far the best",
        ] {
            assert!(!BYLINE.is_match(line), "{line}");
        }
    }

    #[test]
    fn captions() {
        assert!(caption_score("Leader A with President B (R)", true, false) >= CAPTION_THRESHOLD);
        assert!(
            caption_score(
                "This file photo taken on March 1 shows a minister (AFP-Yonhap)",
                false,
                true
            ) >= CAPTION_THRESHOLD
        );
        assert!(
            caption_score(
                "Soldiers ride a vehicle near a town. (JOHN DOE/AFP via Getty Images)",
                false,
                false
            ) >= CAPTION_THRESHOLD
        );
        assert!(
            caption_score(
                "The minister said the talks would go on. (Yonhap)",
                false,
                false
            ) < CAPTION_THRESHOLD
        );
        assert!(
            caption_score("Officials met on Monday to discuss the deal.", false, false)
                < CAPTION_THRESHOLD
        );
    }

    #[test]
    fn datelines() {
        let caps = DATELINE
            .captures("SEOUL, July 14 (Yonhap) -- North Korea said")
            .unwrap();
        assert_eq!(&caps[6], "Yonhap");
        assert!(
            DATELINE
                .captures("KYIV, Ukraine (AP) — Russian forces")
                .is_some()
        );
        assert!(
            DATELINE
                .captures("North Korea has formally recognized the independence")
                .is_none()
        );
    }
}
