//! Dates with a precision, and the evidence they came from.

use std::fmt;

/// A calendar date that may lack its day or month: `2022`, `2022-06`, `2022-06-28`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// The year.
    pub year: i16,
    /// The month, 1 to 12.
    pub month: Option<u8>,
    /// The day of the month; only set when `month` is.
    pub day: Option<u8>,
}

impl PartialDate {
    /// A full date. Returns `None` unless it exists in the Gregorian calendar.
    pub fn ymd(year: i16, month: u8, day: u8) -> Option<PartialDate> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// A month of a year.
    pub fn ym(year: i16, month: u8) -> Option<PartialDate> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<PartialDate> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i16 = parts.next()?.parse().ok()?;
        let Some(month) = parts.next() else {
            return Some(PartialDate {
                year,
                month: None,
                day: None,
            });
        };
        let month: u8 = month.parse().ok()?;
        match parts.next() {
            Some(day) => PartialDate::ymd(year, month, day.parse().ok()?),
            None => PartialDate::ym(year, month),
        }
    }

    /// Days since 1970-01-01 of a full date (Howard Hinnant's algorithm);
    /// `None` unless the day is known.
    pub fn to_days(self) -> Option<i64> {
        let (month, day) = (i64::from(self.month?), i64::from(self.day?));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(era * 146_097 + doe - 719_468)
    }

    /// The full date `days` after 1970-01-01; `None` outside the years `i16` holds.
    pub fn from_days(days: i64) -> Option<PartialDate> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).ok()?;
        let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).ok()?;
        let year = yoe + era * 400 + i64::from(month <= 2);
        PartialDate::ymd(i16::try_from(year).ok()?, month, day)
    }

    /// The full date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Option<PartialDate> {
        PartialDate::from_days(self.to_days()?.checked_add(n)?)
    }

    /// Day of the week of a full date: 0 for Monday through 6 for Sunday.
    pub fn weekday(self) -> Option<u8> {
        // 1970-01-01 was a Thursday (3).
        u8::try_from((self.to_days()? + 3).rem_euclid(7)).ok()
    }

    /// The number of days in this date's month, when the month is known.
    pub fn days_in_month(self) -> Option<u8> {
        Some(days_in_month(self.year, self.month?))
    }

    /// How exact the date is.
    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

fn days_in_month(year: i16, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// How exact a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// The month is known.
    Month,
    /// The day is known.
    Day,
    /// The day and the time of day are known.
    Minute,
}

impl Precision {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Minute => "minute",
        }
    }
}

/// Which part of a page a date was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateSource {
    /// A JSON-LD `datePublished` / `dateModified`.
    JsonLd,
    /// A `<meta>` tag such as `article:published_time`.
    MetaTag,
    /// A `<time>` element or an `itemprop` attribute.
    TimeElement,
    /// A date pattern in the URL path.
    Url,
    /// A labelled line in the visible text ("Published : Jul 14, 2022").
    LabelledText,
    /// A date standing alone on a line in the article header.
    HeaderText,
    /// A value the container stated (feed item, JSONL field).
    Container,
    /// The date the page's markup mentions most often: a last resort.
    PageText,
}

impl DateSource {
    /// A stable lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::JsonLd => "json-ld",
            DateSource::MetaTag => "meta-tag",
            DateSource::TimeElement => "time-element",
            DateSource::Url => "url",
            DateSource::LabelledText => "labelled-text",
            DateSource::HeaderText => "header-text",
            DateSource::Container => "container",
            DateSource::PageText => "page-text",
        }
    }

    /// Inverse of [`DateSource::as_str`].
    pub fn from_name(name: &str) -> Option<DateSource> {
        [
            DateSource::JsonLd,
            DateSource::MetaTag,
            DateSource::TimeElement,
            DateSource::Url,
            DateSource::LabelledText,
            DateSource::HeaderText,
            DateSource::Container,
            DateSource::PageText,
        ]
        .into_iter()
        .find(|source| source.as_str() == name)
    }
}

/// A date read from a page, with the evidence for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateStamp {
    /// The date.
    pub date: PartialDate,
    /// The time of day as `(hour, minute)`, when stated. Local to the page.
    pub time: Option<(u8, u8)>,
    /// Where it was read.
    pub source: DateSource,
    /// The text it was read from, as written ("Published : Jul 14, 2022 - 09:17").
    pub evidence: String,
}

impl DateStamp {
    /// How exact the stamp is.
    pub fn precision(&self) -> Precision {
        match (self.date.precision(), self.time) {
            (Precision::Day, Some(_)) => Precision::Minute,
            (precision, _) => precision,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip() {
        for text in ["2022", "2022-06", "2022-06-28", "2024-02-29"] {
            assert_eq!(PartialDate::parse_iso(text).unwrap().to_string(), text);
        }
        assert_eq!(PartialDate::parse_iso("2023-02-29"), None);
        assert_eq!(PartialDate::parse_iso("2023-13"), None);
    }

    #[test]
    fn day_arithmetic_round_trips() {
        for days in [-1000, 0, 59, 18_000, 19_186, 30_000] {
            let date = PartialDate::from_days(days).unwrap();
            assert_eq!(date.to_days(), Some(days));
        }
        let wednesday = PartialDate::ymd(2022, 7, 13).unwrap();
        assert_eq!(wednesday.weekday(), Some(2));
        assert_eq!(wednesday.add_days(-1).unwrap().to_string(), "2022-07-12");
        assert_eq!(
            PartialDate::ymd(2024, 2, 28)
                .unwrap()
                .add_days(1)
                .unwrap()
                .to_string(),
            "2024-02-29"
        );
    }
}
