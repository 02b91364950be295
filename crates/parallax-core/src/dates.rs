//! Reading dates as pages write them: ISO stamps, RFC 2822, "Jul 14, 2022",
//! "26/07/2022", "14 июля 2022", and dates in URL paths.

use std::sync::LazyLock;

use crate::PartialDate;
use regex::Regex;

/// A date found in a string, with its byte span in that string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The date.
    pub date: PartialDate,
    /// `(hour, minute)` when a time follows the date.
    pub time: Option<(u8, u8)>,
    /// Byte offsets of the match.
    pub start: usize,
    /// End of the match.
    pub end: usize,
}

/// How to read `03/04/2022`: which number is the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    /// 03/04 is the 3rd of April (most of the world).
    DayFirst,
    /// 03/04 is March 4th (the United States).
    MonthFirst,
}

/// Month names in the languages parallax reads, lowercased, with their number.
/// Abbreviations are listed where newspapers use them.
const MONTHS: &[(&str, u8)] = &[
    // English
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    // French
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    // German
    ("januar", 1),
    ("jänner", 1),
    ("februar", 2),
    ("märz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    // Spanish and Portuguese
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    // Italian
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    // Dutch
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
    // Russian (nominative and genitive)
    ("январь", 1),
    ("января", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("март", 3),
    ("марта", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("май", 5),
    ("мая", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июль", 7),
    ("июля", 7),
    ("август", 8),
    ("августа", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("декабрь", 12),
    ("декабря", 12),
    // Ukrainian (nominative and genitive)
    ("січень", 1),
    ("січня", 1),
    ("лютий", 2),
    ("лютого", 2),
    ("березень", 3),
    ("березня", 3),
    ("квітень", 4),
    ("квітня", 4),
    ("травень", 5),
    ("травня", 5),
    ("червень", 6),
    ("червня", 6),
    ("липень", 7),
    ("липня", 7),
    ("серпень", 8),
    ("серпня", 8),
    ("вересень", 9),
    ("вересня", 9),
    ("жовтень", 10),
    ("жовтня", 10),
    ("листопад", 11),
    ("листопада", 11),
    ("грудень", 12),
    ("грудня", 12),
    // Turkish
    ("ocak", 1),
    ("şubat", 2),
    ("subat", 2),
    ("mart", 3),
    ("nisan", 4),
    ("mayıs", 5),
    ("mayis", 5),
    ("haziran", 6),
    ("temmuz", 7),
    ("ağustos", 8),
    ("agustos", 8),
    ("eylül", 9),
    ("eylul", 9),
    ("ekim", 10),
    ("kasım", 11),
    ("kasim", 11),
    ("aralık", 12),
    ("aralik", 12),
    // Bulgarian
    ("януари", 1),
    ("февруари", 2),
    ("април", 4),
    ("юни", 6),
    ("юли", 7),
    ("септември", 9),
    ("октомври", 10),
    ("ноември", 11),
    ("декември", 12),
    // Serbian, Croatian and Bosnian (Latin script)
    ("januar", 1),
    ("februar", 2),
    ("maj", 5),
    ("jun", 6),
    ("jul", 7),
    ("avgust", 8),
    ("septembar", 9),
    ("oktobar", 10),
    ("novembar", 11),
    ("decembar", 12),
    ("siječnja", 1),
    ("veljače", 2),
    ("ožujka", 3),
    ("travnja", 4),
    ("svibnja", 5),
    ("lipnja", 6),
    ("srpnja", 7),
    ("kolovoza", 8),
    ("rujna", 9),
    ("studenoga", 11),
    ("studenog", 11),
    ("prosinca", 12),
    // Romanian
    ("ianuarie", 1),
    ("februarie", 2),
    ("martie", 3),
    ("aprilie", 4),
    ("iunie", 6),
    ("iulie", 7),
    ("septembrie", 9),
    ("octombrie", 10),
    ("noiembrie", 11),
    ("decembrie", 12),
    // Czech (genitive)
    ("ledna", 1),
    ("února", 2),
    ("března", 3),
    ("dubna", 4),
    ("května", 5),
    ("června", 6),
    ("července", 7),
    ("srpna", 8),
    ("září", 9),
    ("října", 10),
    ("listopadu", 11),
    ("prosince", 12),
    // Indonesian and Malay
    ("maret", 3),
    ("agustus", 8),
    ("desember", 12),
    ("mac", 3),
    ("ogos", 8),
    ("disember", 12),
    // Hungarian
    ("január", 1),
    ("február", 2),
    ("március", 3),
    ("április", 4),
    ("május", 5),
    ("június", 6),
    ("július", 7),
    ("augusztus", 8),
    ("szeptember", 9),
    ("október", 10),
    // Polish (genitive, as in dates)
    ("stycznia", 1),
    ("lutego", 2),
    ("marca", 3),
    ("kwietnia", 4),
    ("maja", 5),
    ("czerwca", 6),
    ("lipca", 7),
    ("sierpnia", 8),
    ("września", 9),
    ("października", 10),
    ("listopada", 11),
    ("grudnia", 12),
];

/// Whether `word` is a month name or abbreviation in any language we read.
pub fn is_month_name(word: &str) -> bool {
    month_number(word.trim_end_matches([',', '.'])).is_some()
}

fn month_number(name: &str) -> Option<u8> {
    let lower = name.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .find(|(month, _)| *month == lower)
        .map(|(_, n)| *n)
}

static MONTH_ALT: LazyLock<String> = LazyLock::new(|| {
    let mut names: Vec<&str> = MONTHS.iter().map(|(name, _)| *name).collect();
    // Longest first, so "june" wins over "jun".
    names.sort_by_key(|name| std::cmp::Reverse(name.chars().count()));
    names.join("|")
});

/// ISO 8601 and its relatives: 2022-07-14, 2022/07/14, 2022.07.14, 20220714T..
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)((?:19|20)\d\d)([-/.])(\d{1,2})([-/.])(\d{1,2})(?:[T\s,]+(\d{1,2}):(\d\d))?",
    )
    .expect("valid regex")
});
/// Month name first: "July 14, 2022", "Jul. 14 2022", "Thursday, July 14, 2022 9:17".
static NAME_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)(?:[\s,\-–|at]+(\d{{1,2}}):(\d\d))?",
        *MONTH_ALT
    );
    Regex::new(&pattern).expect("valid regex")
});
/// Day first: "14 July 2022", "14. Juli 2022", "14 de julio de 2022", "14 июля 2022 г.".
static DAY_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:de\s+)?({})\.?,?\s+(?:de\s+)?((?:19|20)\d\d)(?-u:\b)(?:[\s,\-–|г.]+(\d{{1,2}}):(\d\d))?",
        *MONTH_ALT
    );
    Regex::new(&pattern).expect("valid regex")
});
/// Numeric with the year last: 26/07/2022, 26.07.2022, 07-26-2022.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(\d{1,2})([/.\-])(\d{1,2})([/.\-])((?:19|20)\d\d)(?-u:\b)(?:[\s,\-–|]+(\d{1,2}):(\d\d))?").expect("valid regex")
});
/// East Asian dates: "2020年4月17日", "2020년 3월 4일".
static CJK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?(?:\D{0,12}?(\d{1,2}):(\d\d))?").expect("valid regex")
});
/// Month and year only: "June 2022", "late June 2022" is handled by the language layer.
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(r"(?i)(?-u:\b)({})\.?\s+((?:19|20)\d\d)(?-u:\b)", *MONTH_ALT);
    Regex::new(&pattern).expect("valid regex")
});

fn num<T: std::str::FromStr>(caps: &regex::Captures<'_>, index: usize) -> Option<T> {
    caps.get(index)?.as_str().parse().ok()
}

fn time_of(caps: &regex::Captures<'_>, hour: usize, minute: usize) -> Option<(u8, u8)> {
    let h: u8 = num(caps, hour)?;
    let m: u8 = num(caps, minute)?;
    (h < 24 && m < 60).then_some((h, m))
}

/// Every full date in `text`, in order, without overlaps.
pub fn find_dates(text: &str, order: NumericOrder) -> Vec<FoundDate> {
    let mut found: Vec<FoundDate> = Vec::new();
    for caps in ISO.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        if caps.get(2).map(|m| m.as_str()) != caps.get(4).map(|m| m.as_str()) {
            continue;
        }
        if let Some(date) = PartialDate::ymd(
            num(&caps, 1).unwrap_or(0),
            num(&caps, 3).unwrap_or(0),
            num(&caps, 5).unwrap_or(0),
        ) {
            found.push(FoundDate {
                date,
                time: time_of(&caps, 6, 7),
                start: whole.start(),
                end: whole.end(),
            });
        }
    }
    for caps in NAME_FIRST.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        // The month must start a word and the year end at a non-digit; glued
        // stamps such as "May 09, 2025May 09, 2025" are still two dates.
        if caps
            .get(3)
            .is_some_and(|year| text[year.end()..].starts_with(|c: char| c.is_ascii_digit()))
            || text[..whole.start()].ends_with(char::is_alphabetic)
        {
            continue;
        }
        let month = caps.get(1).and_then(|m| month_number(m.as_str()));
        if let Some(date) =
            month.and_then(|month| PartialDate::ymd(num(&caps, 3)?, month, num(&caps, 2)?))
        {
            found.push(FoundDate {
                date,
                time: time_of(&caps, 4, 5),
                start: whole.start(),
                end: whole.end(),
            });
        }
    }
    for caps in DAY_FIRST.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        let month = caps.get(2).and_then(|m| month_number(m.as_str()));
        if let Some(date) =
            month.and_then(|month| PartialDate::ymd(num(&caps, 3)?, month, num(&caps, 1)?))
        {
            found.push(FoundDate {
                date,
                time: time_of(&caps, 4, 5),
                start: whole.start(),
                end: whole.end(),
            });
        }
    }
    for caps in NUMERIC.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        if caps.get(2).map(|m| m.as_str()) != caps.get(4).map(|m| m.as_str()) {
            continue;
        }
        let (a, b, year): (u8, u8, i16) = match (num(&caps, 1), num(&caps, 3), num(&caps, 5)) {
            (Some(a), Some(b), Some(year)) => (a, b, year),
            _ => continue,
        };
        let separator = caps.get(2).map_or("", |m| m.as_str());
        let month_first =
            a <= 12 && (b > 12 || (order == NumericOrder::MonthFirst && separator != "."));
        let (month, day) = if month_first { (a, b) } else { (b, a) };
        if let Some(date) = PartialDate::ymd(year, month, day) {
            found.push(FoundDate {
                date,
                time: time_of(&caps, 6, 7),
                start: whole.start(),
                end: whole.end(),
            });
        }
    }
    for caps in CJK.captures_iter(text) {
        let whole = caps.get(0).expect("group 0");
        if let Some(date) = PartialDate::ymd(
            num(&caps, 1).unwrap_or(0),
            num(&caps, 2).unwrap_or(0),
            num(&caps, 3).unwrap_or(0),
        ) {
            found.push(FoundDate {
                date,
                time: time_of(&caps, 4, 5),
                start: whole.start(),
                end: whole.end(),
            });
        }
    }
    found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut result: Vec<FoundDate> = Vec::with_capacity(found.len());
    for mut candidate in found {
        if result.last().is_none_or(|last| candidate.start >= last.end) {
            candidate.time = candidate
                .time
                .map(|time| twelve_hour(time, &text[candidate.end..]));
            result.push(candidate);
        }
    }
    result
}

/// Applies an "am"/"pm" that follows a time: "8:02 pm" is 20:02.
fn twelve_hour((hour, minute): (u8, u8), after: &str) -> (u8, u8) {
    let marker: String = after
        .trim_start()
        .chars()
        .take(4)
        .collect::<String>()
        .to_ascii_lowercase();
    let pm = marker.starts_with("pm") || marker.starts_with("p.m");
    let am = marker.starts_with("am") || marker.starts_with("a.m");
    match hour {
        1..=11 if pm => (hour + 12, minute),
        12 if am => (0, minute),
        _ => (hour, minute),
    }
}

/// The first full date in `text`.
pub fn parse_date(text: &str, order: NumericOrder) -> Option<FoundDate> {
    find_dates(text, order).into_iter().next()
}

/// A month-and-year mention ("June 2022") when `text` has no full date.
pub fn parse_month_year(text: &str) -> Option<PartialDate> {
    let caps = MONTH_YEAR.captures(text)?;
    PartialDate::ym(num(&caps, 2)?, month_number(caps.get(1)?.as_str())?)
}

/// Whether `text` is nothing but a date (and perhaps a time and a weekday).
pub fn is_date_only(text: &str) -> bool {
    let dates = find_dates(text, NumericOrder::DayFirst);
    if dates.is_empty() {
        return false;
    }
    let mut rest = String::with_capacity(text.len());
    let mut last = 0;
    for found in &dates {
        rest.push_str(&text[last..found.start]);
        last = found.end;
    }
    rest.push_str(&text[last..]);
    let leftover: Vec<&str> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .filter(|word| {
            !is_weekday(word)
                && !matches!(
                    word.to_lowercase().as_str(),
                    "am" | "pm"
                        | "kst"
                        | "gmt"
                        | "utc"
                        | "est"
                        | "edt"
                        | "bst"
                        | "cet"
                        | "cest"
                        | "msk"
                        | "updated"
                        | "published"
                )
        })
        .collect();
    leftover.is_empty()
        || (leftover.len() <= 1
            && leftover
                .iter()
                .all(|w| w.chars().all(|c| c.is_ascii_digit())))
}

fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    WEEKDAYS.contains(&word.to_lowercase().as_str())
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d\d)[/\-_]?(0[1-9]|1[0-2])[/\-_]?(0[1-9]|[12]\d|3[01])(?:/|[^\d]|$)")
        .expect("valid regex")
});
static URL_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"/((?:19|20)\d\d)/(0[1-9]|1[0-2])/").expect("valid regex"));

/// A date in a URL path: `/2022/07/14/`, `/2022-07-14-`, `/20220714/`, or a month `/2022/07/`.
pub fn date_in_url(url: &str) -> Option<PartialDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |slash| &path[slash..]);
    if let Some(caps) = URL_DATE.captures(path) {
        return PartialDate::ymd(num(&caps, 1)?, num(&caps, 2)?, num(&caps, 3)?);
    }
    let caps = URL_MONTH.captures(path)?;
    PartialDate::ym(num(&caps, 1)?, num(&caps, 2)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: &str) {
        let found = parse_date(text, NumericOrder::DayFirst).map(|f| {
            let time = f
                .time
                .map(|(h, m)| format!(" {h:02}:{m:02}"))
                .unwrap_or_default();
            format!("{}{time}", f.date)
        });
        assert_eq!(found.as_deref().unwrap_or("none"), expected, "{text}");
    }

    #[test]
    fn formats() {
        check("2022-07-14T09:17:00+09:00", "2022-07-14 09:17");
        check("Published : Jul 14, 2022 - 09:17", "2022-07-14 09:17");
        check("July 18, 2022", "2022-07-18");
        check("Date: 26/07/2022 | Source: x", "2022-07-26");
        check("Thursday, 14 July 2022", "2022-07-14");
        check("14. Juli 2022", "2022-07-14");
        check("14 de julio de 2022", "2022-07-14");
        check("14 июля 2022 г.", "2022-07-14");
        check("14 липня 2022, 10:30", "2022-07-14 10:30");
        check("14 Temmuz 2022", "2022-07-14");
        check("Thu, 14 Jul 2022 09:17:00 +0900", "2022-07-14 09:17");
        check("2015.04.28", "2015-04-28");
        check("31/02/2022", "none");
        check("May 09, 2025May 09, 2025", "2025-05-09");
        check("no date here 2022", "none");
        check("2020年4月17日 01:43", "2020-04-17 01:43");
        check("2020년 3월 4일", "2020-03-04");
        check("Apr 16, 2015 8:02 pm UTC", "2015-04-16 20:02");
        check("March 13, 2015 9:00PM", "2015-03-13 21:00");
        check("July 1, 2020 12:15 a.m.", "2020-07-01 00:15");
    }

    #[test]
    fn month_first_when_told() {
        let found = parse_date("07/04/2022", NumericOrder::MonthFirst).unwrap();
        assert_eq!(found.date.to_string(), "2022-07-04");
        let found = parse_date("07.04.2022", NumericOrder::MonthFirst).unwrap();
        assert_eq!(found.date.to_string(), "2022-04-07");
    }

    #[test]
    fn date_only_lines() {
        assert!(is_date_only("May 08, 2025"));
        assert!(is_date_only("May 09, 2025May 09, 2025"));
        assert!(is_date_only("Thursday, July 14, 2022 09:17 KST"));
        assert!(!is_date_only("Date: 26/07/2022 | Source: Ministry"));
        assert!(!is_date_only(
            "On February 21, 2022, Russia recognized them."
        ));
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_in_url("https://e.com/2022/07/14/story")
                .unwrap()
                .to_string(),
            "2022-07-14"
        );
        assert_eq!(
            date_in_url("https://e.com/news/2022-07-14-story")
                .unwrap()
                .to_string(),
            "2022-07-14"
        );
        assert_eq!(
            date_in_url("https://e.com/2022/07/story")
                .unwrap()
                .to_string(),
            "2022-07"
        );
        assert_eq!(date_in_url("https://2022.e.com/story/123"), None);
    }
}
