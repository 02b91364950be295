//! Time expressions: absolute dates, dates without a year, parts of months and
//! years, weekdays, deixis ("yesterday", "last week", "earlier this month") and
//! anaphora ("the previous day"), resolved to intervals of days.
//!
//! Resolution uses the article's date (the anchor) and the tense of the
//! sentence: in "the ministry said on Wednesday", Wednesday is the last one on
//! or before the anchor; in "talks will resume on Wednesday", the next one on or
//! after it. Anaphora resolve against the last single day mentioned before them,
//! or the anchor. Without an anchor, relative expressions keep their span and
//! get no value.
//!
//! Each rule is a regex with a name; where two matches overlap, the longer one
//! wins ("June 2022" over "June", "the day before yesterday" over "the day
//! before").

use std::sync::LazyLock;

use parallax_core::dates::{NumericOrder, find_dates};
use parallax_core::{DateInterval, DateMention, Granularity, PartialDate, TextRange, TimeRelation};
use regex::{Captures, Regex};

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
const NUMBER_WORDS: &str = "a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve";

fn regex(pattern: &str) -> Regex {
    Regex::new(
        &pattern
            .replace("{MONTHS}", MONTHS)
            .replace("{WEEKDAYS}", WEEKDAYS)
            .replace("{NUMBERS}", NUMBER_WORDS),
    )
    .expect("valid regex")
}

/// One rule: its name, its pattern, and the capture group that is the span
/// reported (0 for the whole match).
struct Rule {
    name: &'static str,
    pattern: LazyLock<Regex>,
    span_group: usize,
}

macro_rules! rule {
    ($name:literal, $group:literal, $pattern:literal) => {
        Rule {
            name: $name,
            pattern: LazyLock::new(|| regex($pattern)),
            span_group: $group,
        }
    };
}

static RULES: [Rule; 14] = [
    rule!(
        "part-of-month",
        0,
        r"(?i)(?-u:\b)(early|mid|late|the end of|the beginning of|the start of|the middle of|end of|beginning of|start of)[\s-]+({MONTHS})\.?(?:,?\s+((?:19|20)\d\d))?(?-u:\b)"
    ),
    rule!(
        "month-year",
        0,
        r"(?i)(?-u:\b)({MONTHS})\.?,?\s+((?:19|20)\d\d)(?-u:\b)"
    ),
    rule!(
        "month-day",
        0,
        r"(?i)(?-u:\b)({MONTHS})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?-u:\b)"
    ),
    rule!(
        "day-month",
        0,
        r"(?i)(?-u:\b)(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})(?-u:\b)"
    ),
    rule!(
        "month",
        2,
        r"(?i)(?-u:\b)(in|since|until|by|during|from|through|throughout|for|last|this|next|before|after)\s+({MONTHS})(?-u:\b)"
    ),
    rule!(
        "part-of-year",
        0,
        r"(?i)(?-u:\b)(early|mid|late|the end of|the beginning of|the start of|the first half of|the second half of|the first quarter of|the second quarter of|the third quarter of|the fourth quarter of|the last quarter of)[\s-]*((?:19|20)\d\d)(?-u:\b)|(?-u:\b)Q([1-4])\s*((?:19|20)\d\d)(?-u:\b)"
    ),
    rule!("decade", 0, r"(?i)(?-u:\b)the\s+((?:1[89]|20)\d0)s(?-u:\b)"),
    rule!(
        "year",
        1,
        r"(?i)(?:^|[^\d$€£,.\-/])((?:19|20)\d\d)(?:$|[^\d%\-/])"
    ),
    rule!(
        "weekday",
        0,
        r"(?i)(?-u:\b)(?:(last|this|next|past|coming)\s+)?({WEEKDAYS})(?:\s+(?:morning|afternoon|evening|night))?(?-u:\b)"
    ),
    rule!(
        "deictic-day",
        0,
        r"(?i)(?-u:\b)(the day before yesterday|the day after tomorrow|today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening))(?:\s+(?:morning|afternoon|evening|night))?(?-u:\b)"
    ),
    rule!(
        "relative-unit",
        0,
        r"(?i)(?-u:\b)(last|this|next|the past|the coming|past|coming)\s+(week|weekend|month|year)(?-u:\b)"
    ),
    rule!(
        "earlier-later",
        0,
        r"(?i)(?-u:\b)(earlier|later)\s+(?:this|in the)\s+(week|month|year)(?-u:\b)"
    ),
    rule!(
        "ago-or-in",
        0,
        r"(?i)(?-u:\b)(?:(\d{1,3}|{NUMBERS})\s+(day|week|month|year)s?\s+ago|in\s+(\d{1,3}|{NUMBERS})\s+(day|week|month|year)s?(?:'|’)?(?:\s+time)?)(?-u:\b)"
    ),
    rule!(
        "anaphoric",
        0,
        r"(?i)(?-u:\b)(the previous day|the day before|the next day|the following day|the day after|that day|that same day|the same day|the previous week|the week before|the following week|the next week|(\d{1,3}|{NUMBERS})\s+(day|week)s?\s+(later|earlier)|a week (later|earlier)|(?:(?:later|earlier)(?:\s+in)?\s+)?that(?:\s+same)?\s+(month|year))(?-u:\b)"
    ),
];

/// Words that put a sentence in the future: its weekdays and month names point forward.
static FUTURE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?-u:\b)(will|shall|won't|'ll|is expected to|are expected to|is scheduled|are scheduled|is set to|are set to|plans? to|intends? to|is due to|are due to|to be held|upcoming)(?-u:\b)",
    )
});

/// Numbers after a year that show it is a count, not a year: "2000 troops".
static COUNT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(people|persons|troops|soldiers|km|kilometres|kilometers|miles|dollars|euros|tonnes|tons|%|percent|members|votes|cases|deaths|workers|residents|households|pages|words)(?-u:\b)",
    )
});

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    Future,
}

struct Found {
    start: usize,
    end: usize,
    /// The rule's index, or `None` for a full date from the shared grammar.
    rule: Option<usize>,
    /// Where the rule's whole match starts, to capture it again cheaply.
    match_start: usize,
}

/// Finds and resolves every time expression in `text` against `anchor`, the
/// article's date (a full date, or `None`).
pub fn annotate_times(text: &str, anchor: Option<PartialDate>) -> Vec<DateMention> {
    let anchor = anchor.filter(|a| a.day.is_some());
    let mut found: Vec<Found> = find_dates(text, NumericOrder::DayFirst)
        .into_iter()
        .map(|date| Found {
            start: date.start,
            end: date.end,
            rule: None,
            match_start: date.start,
        })
        .collect();
    for (index, rule) in RULES.iter().enumerate() {
        for caps in rule.pattern.captures_iter(text) {
            let (Some(whole), Some(span)) = (caps.get(0), caps.get(rule.span_group)) else {
                continue;
            };
            if rule.name == "year" && COUNT_AFTER.is_match(&text[span.end()..]) {
                continue;
            }
            found.push(Found {
                start: span.start(),
                end: span.end(),
                rule: Some(index),
                match_start: whole.start(),
            });
        }
    }
    // The longest match wins; ties go to the earlier rule (full dates first).
    found.sort_by_key(|f| {
        (
            std::cmp::Reverse(f.end - f.start),
            f.rule.map_or(0, |r| r + 1),
            f.start,
        )
    });
    let mut kept: Vec<Found> = Vec::new();
    for candidate in found {
        if kept
            .iter()
            .all(|k| candidate.end <= k.start || candidate.start >= k.end)
        {
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|k| k.start);
    let sentences = sentence_starts(text);
    let mut mentions: Vec<DateMention> = Vec::with_capacity(kept.len());
    for k in kept {
        let last_day = mentions
            .iter()
            .rev()
            .find_map(|m| m.value.filter(|v| v.start == v.end).map(|v| v.start));
        let Some(index) = k.rule else {
            mentions.extend(full_date(text, &k));
            continue;
        };
        let rule = &RULES[index];
        let Some(caps) = rule.pattern.captures_at(text, k.match_start) else {
            continue;
        };
        let tense = tense_at(text, &sentences, k.start);
        let resolved = resolve(rule.name, &caps, anchor, last_day, tense);
        mentions.extend(resolved.map(|(value, granularity, relation)| DateMention {
            range: TextRange::from_usize(k.start, k.end),
            value,
            granularity,
            relation,
            rule: rule.name,
        }));
    }
    mentions
}

fn full_date(text: &str, k: &Found) -> Option<DateMention> {
    let date = find_dates(&text[k.start..k.end], NumericOrder::DayFirst)
        .into_iter()
        .next()?
        .date;
    Some(DateMention {
        range: TextRange::from_usize(k.start, k.end),
        value: Some(DateInterval {
            start: date,
            end: date,
        }),
        granularity: Granularity::Day,
        relation: TimeRelation::Absolute,
        rule: "full-date",
    })
}

fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let boundary = matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_some_and(|n| n.is_ascii_whitespace())
            || b == b'\n';
        if boundary {
            starts.push(i + 1);
        }
    }
    starts
}

fn tense_at(text: &str, sentence_starts: &[usize], at: usize) -> Tense {
    let index = sentence_starts.partition_point(|&s| s <= at);
    let start = sentence_starts[index.saturating_sub(1)];
    let end = sentence_starts.get(index).copied().unwrap_or(text.len());
    let sentence = &text[start..end];
    let future = FUTURE.find_iter(sentence).any(|m| {
        // "its will to develop": the noun, not the auxiliary.
        let before = sentence[..m.start()].trim_end();
        let previous = before
            .rsplit(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
            .next()
            .unwrap_or("")
            .to_lowercase();
        !(m.as_str().eq_ignore_ascii_case("will")
            && matches!(
                previous.as_str(),
                "its"
                    | "his"
                    | "her"
                    | "their"
                    | "our"
                    | "my"
                    | "your"
                    | "the"
                    | "a"
                    | "political"
                    | "popular"
                    | "free"
                    | "good"
                    | "own"
                    | "people's"
                    | "people’s"
            ))
    });
    if future { Tense::Future } else { Tense::Past }
}

type Resolved = (Option<DateInterval>, Granularity, TimeRelation);

fn month_number(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let index = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|prefix| lower.starts_with(prefix))?;
    u8::try_from(index + 1).ok()
}

fn weekday_number(name: &str) -> Option<u8> {
    let lower = name.to_ascii_lowercase();
    let index = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|p| lower.starts_with(p))?;
    u8::try_from(index).ok()
}

fn number(word: &str) -> Option<i64> {
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match word.to_ascii_lowercase().as_str() {
        "a" | "an" => Some(1),
        other => words
            .iter()
            .position(|w| *w == other)
            .and_then(|n| i64::try_from(n).ok()),
    }
}

fn day(date: PartialDate) -> Option<DateInterval> {
    Some(DateInterval {
        start: date,
        end: date,
    })
}

fn span(start: Option<PartialDate>, end: Option<PartialDate>) -> Option<DateInterval> {
    Some(DateInterval {
        start: start?,
        end: end?,
    })
}

fn month_interval(year: i16, month: u8) -> Option<DateInterval> {
    let first = PartialDate::ymd(year, month, 1)?;
    span(
        Some(first),
        PartialDate::ymd(year, month, first.days_in_month()?),
    )
}

fn year_interval(year: i16, from_month: u8, to_month: u8) -> Option<DateInterval> {
    let last = PartialDate::ymd(year, to_month, 1)?.days_in_month()?;
    span(
        PartialDate::ymd(year, from_month, 1),
        PartialDate::ymd(year, to_month, last),
    )
}

/// Shifts (year, month) by `n` months.
fn shift_month(year: i16, month: u8, n: i64) -> Option<(i16, u8)> {
    let total = i64::from(year) * 12 + i64::from(month) - 1 + n;
    Some((
        i16::try_from(total.div_euclid(12)).ok()?,
        u8::try_from(total.rem_euclid(12) + 1).ok()?,
    ))
}

/// The year that puts a month (and day) on the right side of the anchor for
/// the tense: past events lie before it, future ones after, with a week of slack.
fn year_for(anchor: PartialDate, month: u8, day_of_month: u8, tense: Tense) -> Option<i16> {
    let same_year = PartialDate::ymd(anchor.year, month, day_of_month.min(28))?.to_days()?;
    let anchor_days = anchor.to_days()?;
    Some(match tense {
        Tense::Past if same_year > anchor_days + 7 => anchor.year - 1,
        Tense::Future if same_year < anchor_days - 7 => anchor.year + 1,
        _ => anchor.year,
    })
}

fn week_of(date: PartialDate) -> Option<DateInterval> {
    let monday = date.add_days(-i64::from(date.weekday()?))?;
    span(Some(monday), monday.add_days(6))
}

fn resolve(
    name: &str,
    caps: &Captures<'_>,
    anchor: Option<PartialDate>,
    last_day: Option<PartialDate>,
    tense: Tense,
) -> Option<Resolved> {
    let text = |i: usize| caps.get(i).map_or("", |m| m.as_str());
    match name {
        "part-of-month" => {
            let month = month_number(text(2))?;
            let (year, relation) = match text(3).parse::<i16>() {
                Ok(year) => (Some(year), TimeRelation::Absolute),
                Err(_) => (
                    anchor.and_then(|a| year_for(a, month, 15, tense)),
                    TimeRelation::Deictic,
                ),
            };
            let value = year.and_then(|year| {
                let last = PartialDate::ymd(year, month, 1)?.days_in_month()?;
                let (from, to) = match text(1).to_ascii_lowercase().as_str() {
                    "early" | "the beginning of" | "the start of" | "beginning of" | "start of" => {
                        (1, 10)
                    }
                    "mid" | "the middle of" => (11, 20),
                    _ => (21, last),
                };
                span(
                    PartialDate::ymd(year, month, from),
                    PartialDate::ymd(year, month, to),
                )
            });
            Some((value, Granularity::PartOfMonth, relation))
        }
        "month-year" => {
            let value = month_interval(text(2).parse().ok()?, month_number(text(1))?);
            Some((value, Granularity::Month, TimeRelation::Absolute))
        }
        "month-day" | "day-month" => {
            let (month, day_of_month) = if name == "month-day" {
                (text(1), text(2))
            } else {
                (text(2), text(1))
            };
            let (month, day_of_month): (u8, u8) =
                (month_number(month)?, day_of_month.parse().ok()?);
            // "May 5" must be a real day; "March 200" is not a date.
            PartialDate::ymd(2000, month, day_of_month)?;
            let value = anchor
                .and_then(|a| {
                    PartialDate::ymd(
                        year_for(a, month, day_of_month, tense)?,
                        month,
                        day_of_month,
                    )
                })
                .and_then(day);
            Some((value, Granularity::Day, TimeRelation::Deictic))
        }
        "month" => {
            let month = month_number(text(2))?;
            let modifier = text(1).to_ascii_lowercase();
            let value = anchor.and_then(|a| {
                let anchor_month = a.month?;
                let year = match modifier.as_str() {
                    "last" if month >= anchor_month => a.year - 1,
                    "next" if month <= anchor_month => a.year + 1,
                    "last" | "next" | "this" => a.year,
                    _ => year_for(a, month, 1, tense)?,
                };
                month_interval(year, month)
            });
            Some((value, Granularity::Month, TimeRelation::Deictic))
        }
        "part-of-year" => {
            if let Ok(quarter) = text(3).parse::<u8>() {
                let first = (quarter - 1) * 3 + 1;
                return Some((
                    year_interval(text(4).parse().ok()?, first, first + 2),
                    Granularity::PartOfYear,
                    TimeRelation::Absolute,
                ));
            }
            let year: i16 = text(2).parse().ok()?;
            let (from, to) = match text(1).to_ascii_lowercase().as_str() {
                "early" | "the beginning of" | "the start of" => (1, 4),
                "mid" => (5, 8),
                "the first half of" => (1, 6),
                "the second half of" => (7, 12),
                "the first quarter of" => (1, 3),
                "the second quarter of" => (4, 6),
                "the third quarter of" => (7, 9),
                "the fourth quarter of" | "the last quarter of" => (10, 12),
                _ => (9, 12),
            };
            Some((
                year_interval(year, from, to),
                Granularity::PartOfYear,
                TimeRelation::Absolute,
            ))
        }
        "decade" => {
            let start: i16 = text(1).parse().ok()?;
            Some((
                span(
                    PartialDate::ymd(start, 1, 1),
                    PartialDate::ymd(start + 9, 12, 31),
                ),
                Granularity::Decade,
                TimeRelation::Absolute,
            ))
        }
        "year" => {
            let year: i16 = text(1).parse().ok()?;
            Some((
                year_interval(year, 1, 12),
                Granularity::Year,
                TimeRelation::Absolute,
            ))
        }
        "weekday" => {
            let target = i64::from(weekday_number(text(2))?);
            let modifier = text(1).to_ascii_lowercase();
            let value = anchor.and_then(|a| {
                let current = i64::from(a.weekday()?);
                let back = (current - target).rem_euclid(7);
                let forward = (target - current).rem_euclid(7);
                let offset = match (modifier.as_str(), tense) {
                    ("last" | "past", _) => -(if back == 0 { 7 } else { back }),
                    ("next" | "coming", _) => {
                        if forward == 0 {
                            7
                        } else {
                            forward
                        }
                    }
                    (_, Tense::Future) => forward,
                    (_, Tense::Past) => -back,
                };
                day(a.add_days(offset)?)
            });
            Some((value, Granularity::Day, TimeRelation::Deictic))
        }
        "deictic-day" => {
            let phrase = text(1).to_ascii_lowercase();
            let offset = match phrase.as_str() {
                "the day before yesterday" => -2,
                "the day after tomorrow" => 2,
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            Some((
                anchor.and_then(|a| day(a.add_days(offset)?)),
                Granularity::Day,
                TimeRelation::Deictic,
            ))
        }
        "relative-unit" => {
            let modifier = text(1).to_ascii_lowercase();
            let unit = text(2).to_ascii_lowercase();
            let shift: i64 = match modifier.as_str() {
                "last" | "past" | "the past" => -1,
                "next" | "coming" | "the coming" => 1,
                _ => 0,
            };
            let rolling = modifier.contains("past") || modifier.contains("coming");
            let value = anchor.and_then(|a| match unit.as_str() {
                // "the past week" is the seven days before the anchor.
                "week" if rolling && shift < 0 => span(a.add_days(-7), a.add_days(-1)),
                "week" if rolling => span(a.add_days(1), a.add_days(7)),
                "week" => {
                    let week = week_of(a)?;
                    span(week.start.add_days(7 * shift), week.end.add_days(7 * shift))
                }
                "weekend" => {
                    let saturday = week_of(a)?.start.add_days(5 + 7 * shift.min(0))?;
                    let saturday = if shift > 0 {
                        saturday.add_days(7)?
                    } else {
                        saturday
                    };
                    span(Some(saturday), saturday.add_days(1))
                }
                "month" => {
                    let (year, month) = shift_month(a.year, a.month?, shift)?;
                    month_interval(year, month)
                }
                _ => year_interval(a.year + i16::try_from(shift).ok()?, 1, 12),
            });
            let granularity = match unit.as_str() {
                "week" | "weekend" => Granularity::Week,
                "month" => Granularity::Month,
                _ => Granularity::Year,
            };
            Some((value, granularity, TimeRelation::Deictic))
        }
        "earlier-later" => {
            let earlier = text(1).eq_ignore_ascii_case("earlier");
            let unit = text(2).to_ascii_lowercase();
            let value = anchor.and_then(|a| {
                let whole = match unit.as_str() {
                    "week" => week_of(a)?,
                    "month" => month_interval(a.year, a.month?)?,
                    _ => year_interval(a.year, 1, 12)?,
                };
                if earlier {
                    span(Some(whole.start), a.add_days(-1))
                } else {
                    span(a.add_days(1), Some(whole.end))
                }
            });
            let granularity = match unit.as_str() {
                "week" => Granularity::Week,
                "month" => Granularity::Month,
                _ => Granularity::Year,
            };
            Some((value, granularity, TimeRelation::Deictic))
        }
        "ago-or-in" => {
            let (amount, unit, sign) = if caps.get(1).is_some() {
                (text(1), text(2), -1)
            } else {
                (text(3), text(4), 1)
            };
            let n = number(amount)? * sign;
            let unit = unit.to_ascii_lowercase();
            let value = anchor.and_then(|a| match unit.as_str() {
                "day" => day(a.add_days(n)?),
                "week" => day(a.add_days(7 * n)?),
                "month" => {
                    let (year, month) = shift_month(a.year, a.month?, n)?;
                    month_interval(year, month)
                }
                _ => year_interval(a.year + i16::try_from(n).ok()?, 1, 12),
            });
            let granularity = match unit.as_str() {
                "day" => Granularity::Day,
                "week" => Granularity::Week,
                "month" => Granularity::Month,
                _ => Granularity::Year,
            };
            Some((value, granularity, TimeRelation::Deictic))
        }
        "anaphoric" => {
            let phrase = text(1).to_ascii_lowercase();
            let reference = last_day.or(anchor);
            // "later that month", "that year": the month or year of the date
            // mentioned before.
            if let Some(unit) = caps.get(6) {
                let value =
                    last_day.and_then(|r| match unit.as_str().to_ascii_lowercase().as_str() {
                        "month" => month_interval(r.year, r.month?),
                        _ => year_interval(r.year, 1, 12),
                    });
                let granularity = if unit.as_str().eq_ignore_ascii_case("month") {
                    Granularity::Month
                } else {
                    Granularity::Year
                };
                return Some((value, granularity, TimeRelation::Anaphoric));
            }
            let (days, granularity) = if let (Some(amount), Some(unit)) = (caps.get(2), caps.get(3))
            {
                let n = number(amount.as_str())?;
                let n = if text(4).eq_ignore_ascii_case("earlier") {
                    -n
                } else {
                    n
                };
                if unit.as_str().eq_ignore_ascii_case("week") {
                    (7 * n, Granularity::Week)
                } else {
                    (n, Granularity::Day)
                }
            } else if caps.get(5).is_some() {
                (
                    if text(5).eq_ignore_ascii_case("earlier") {
                        -7
                    } else {
                        7
                    },
                    Granularity::Week,
                )
            } else {
                match phrase.as_str() {
                    "the previous day" | "the day before" => (-1, Granularity::Day),
                    "the next day" | "the following day" | "the day after" => (1, Granularity::Day),
                    "the previous week" | "the week before" => (-7, Granularity::Week),
                    "the following week" | "the next week" => (7, Granularity::Week),
                    _ => (0, Granularity::Day),
                }
            };
            let value = reference.and_then(|r| {
                if granularity == Granularity::Week
                    && caps.get(2).is_none()
                    && caps.get(5).is_none()
                {
                    let week = week_of(r.add_days(days)?)?;
                    Some(week)
                } else {
                    day(r.add_days(days)?)
                }
            });
            Some((value, granularity, TimeRelation::Anaphoric))
        }
        _ => None,
    }
}
