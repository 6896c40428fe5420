//! Reads publication dates as pages write them and normalises them to RFC 3339.
//!
//! Accepted: ISO forms (`2023-07-25`, `2023-07-25T08:30:00+08:00`, a space for
//! the `T`), `2023/07/25`, `2023.7.25`, `2023年7月25日`, `2023년 7월 25일`,
//! `25.07.2023`, numeric slash forms whose order one part > 12 settles
//! (`25/07/2023`, `07/25/2023`), and month-name forms in either order (`Jul 25,
//! 2023`, `Tuesday, July 25th 2023`, `25. Juli 2023`, `25 de julio de 2023`);
//! month names come from `rules/months.tsv`. A time after the date ("at 3:45 pm
//! GMT", "08:30:00 +0800") is kept only with its UTC offset, since a time without
//! one is not a point in time; then the value is a full RFC 3339 instant and its
//! precision says whether seconds were given. Metadata values may also be epoch
//! seconds or milliseconds. Every part is validated with `jiff`: an impossible
//! day, a time like `10:99:77` or an offset like `+99:99` makes no date.
//!
//! Ambiguous numeric orders (`03/04/2023`) are not read.

use crate::record::DatePrecision;
use foldhash::HashMap;
use jiff::civil::{Date, Time};
use jiff::tz::{Offset, TimeZone};
use regex::{Captures, Regex};
use std::sync::LazyLock;

/// Years outside this range are not publication dates (page counters, ids).
const YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;
/// Real UTC offsets run from -12:00 to +14:00.
const MAX_OFFSET_HOURS: i32 = 14;

static ISO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{4})-(\d{1,2})-(\d{1,2})(?:T|\b)").unwrap());
static YMD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})\s*[/.年년]\s*(\d{1,2})\s*[/.月월]\s*(\d{1,2})(?:\s*[日일]|\b)").unwrap());
/// `25.07.2023`: the European day-first order with dots.
static DMY_DOTS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b").unwrap());
/// `25/07/2023` or `07/25/2023`: read only when one part is over 12.
static SLASHED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b").unwrap());
// The month word is any run of letters, its length checked by `month_word`:
// a bounded repeat of a case-folded Unicode class (`(?i)\p{L}{3,12}`) costs tens
// of millions of instructions to compile, paid by every run at its first page.
static MONTH_DAY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\p{L}+)\.?\s+(\d{1,2})(?i:st|nd|rd|th)?,?\s+(\d{4})\b").unwrap());
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})(?:(?i:st|nd|rd|th)|\.)?\s+(?i:of\s+|de\s+)?(\p{L}+)\.?,?\s+(?i:de\s+)?(\d{4})\b").unwrap()
});
/// A time right after a date, with its zone if given: "T08:30:00.5+08:00",
/// " at 3:45 pm GMT", ", 10h30 UTC+2", " 08:30:00 +0800".
static TIME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:T|\s*(?:,|at|um|à|às|alle|a\ las|-|–|\|)?\s*)
          (\d{1,2})[:h](\d{2})(?::(\d{2}))?(?:[.,]\d+)?
          \s*(am\b|pm\b|a\.m\.|p\.m\.)?
          \s*(?:(Z)\b|(?:GMT|UTC)(?:\s*([+-])(\d{1,2})(?::?(\d{2}))?)?\b|([+-])(\d{2}):?(\d{2})\b)?",
    )
    .unwrap()
});
/// A date in a URL's path: /2023/07/25/, /2023-07-25-, /20230725/, /202307/25/.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)").unwrap()
});

/// A validated publication date: `2023-07-25`, or an RFC 3339 instant
/// (`2023-07-25T08:30:00+08:00`) when the time and its offset are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PubDate {
    pub value: String,
    pub precision: DatePrecision,
}

impl PubDate {
    fn day(date: Date) -> PubDate {
        PubDate { value: date.to_string(), precision: DatePrecision::Day }
    }
}

/// A date found in a string and the byte range it took (the time included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub date: PubDate,
    pub start: usize,
    pub end: usize,
}

/// Reads (year, month, day) from a date pattern's captures.
type ReadDate<'a> = dyn Fn(&Captures) -> Option<(u32, u32, u32)> + 'a;

/// The first date in `s`, normalised.
pub fn find_date(s: &str, months: &HashMap<String, u32>) -> Option<FoundDate> {
    let month_word = |name: &str| {
        let letters = name.chars().count();
        if (3..=12).contains(&letters) { months.get(&name.to_lowercase()).copied() } else { None }
    };
    let numeric = |c: &Captures, i: usize| c[i].parse::<u32>().ok();
    let forms: [(&Regex, &ReadDate); 6] = [
        (&*ISO, &|c| Some((numeric(c, 1)?, numeric(c, 2)?, numeric(c, 3)?))),
        (&*YMD, &|c| Some((numeric(c, 1)?, numeric(c, 2)?, numeric(c, 3)?))),
        (&*DMY_DOTS, &|c| Some((numeric(c, 3)?, numeric(c, 2)?, numeric(c, 1)?))),
        (&*SLASHED, &|c| {
            let (a, b, year) = (numeric(c, 1)?, numeric(c, 2)?, numeric(c, 3)?);
            match (a > 12, b > 12) {
                (true, false) => Some((year, b, a)),
                (false, true) => Some((year, a, b)),
                _ => None,
            }
        }),
        (&*MONTH_DAY_YEAR, &|c| Some((numeric(c, 3)?, month_word(&c[1])?, numeric(c, 2)?))),
        (&*DAY_MONTH_YEAR, &|c| Some((numeric(c, 3)?, month_word(&c[2])?, numeric(c, 1)?))),
    ];
    forms
        .iter()
        .filter_map(|(pattern, read)| {
            pattern.captures_iter(s).find_map(|c| {
                let whole = c.get(0)?;
                let (year, month, day) = read(&c)?;
                let date = civil_date(year, month, day)?;
                with_time(date, s, whole.start(), whole.end())
            })
        })
        .min_by_key(|found| found.start)
}

/// Normalises a date value from metadata (meta tags, JSON-LD, `<time datetime>`):
/// any form `find_date` reads, or epoch seconds or milliseconds.
pub fn parse_date(s: &str, months: &HashMap<String, u32>) -> Option<PubDate> {
    epoch_date(s.trim()).or_else(|| find_date(s, months).map(|f| f.date))
}

/// The date a URL's path carries, if any (the last resort for `published`).
pub fn date_from_url(url: &str) -> Option<PubDate> {
    let path = url.split(['?', '#']).next()?;
    let path = path.find("://").map_or(path, |i| &path[i + 3..]);
    let path = &path[path.find('/')?..];
    URL_DATE.captures_iter(path).find_map(|c| {
        let date = civil_date(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
        Some(PubDate::day(date))
    })
}

/// `1690273800` (seconds) or `1690273800000` (milliseconds) since 1970 as a UTC instant.
fn epoch_date(s: &str) -> Option<PubDate> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let seconds: i64 = match s.len() {
        10 => s.parse().ok()?,
        13 => s.parse::<i64>().ok()? / 1000,
        _ => return None,
    };
    let instant = jiff::Timestamp::from_second(seconds).ok()?;
    let civil = instant.to_zoned(TimeZone::UTC).datetime();
    YEARS
        .contains(&civil.year())
        .then(|| PubDate { value: format!("{}T{}Z", civil.date(), civil.time()), precision: DatePrecision::Second })
}

fn civil_date(year: u32, month: u32, day: u32) -> Option<Date> {
    let year = i16::try_from(year).ok().filter(|y| YEARS.contains(y))?;
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// The date with the time that follows it at `end`, when that time is valid and
/// has an offset; a bare date otherwise. An invalid time or offset voids the date.
fn with_time(date: Date, s: &str, start: usize, end: usize) -> Option<FoundDate> {
    let bare = Some(FoundDate { date: PubDate::day(date), start, end });
    let Some(c) = TIME_AFTER.captures(&s[end..]) else { return bare };
    let number = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
    let (Some(mut hour), Some(minute)) = (number(1), number(2)) else { return bare };
    if let Some(half) = c.get(4) {
        if !(1..=12).contains(&hour) {
            return None;
        }
        let pm = half.as_str().to_ascii_lowercase().starts_with('p');
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    let second = number(3);
    let time = Time::new(i8::try_from(hour).ok()?, i8::try_from(minute).ok()?, second.unwrap_or(0) as i8, 0).ok()?;
    let offset = match zone_of(&c) {
        Ok(Some(offset)) => offset,
        Ok(None) => return bare,
        Err(InvalidZone) => return None,
    };
    let precision = if second.is_some() { DatePrecision::Second } else { DatePrecision::Minute };
    let value = format!("{date}T{time}{}", rfc3339_offset(offset));
    // The value must read back as an instant: the crate, not this code, has the last word.
    if value.parse::<jiff::Timestamp>().is_err() {
        return None;
    }
    Some(FoundDate { date: PubDate { value, precision }, start, end: end + c[0].trim_end().len() })
}

/// An offset that no place has (`+99:99`, `+15:00`).
struct InvalidZone;

/// The zone of a time matched by `TIME_AFTER`: none given, a valid offset, or an invalid one.
fn zone_of(c: &Captures) -> Result<Option<Offset>, InvalidZone> {
    let number = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<i32>().ok());
    if c.get(5).is_some() {
        return Ok(Some(Offset::UTC));
    }
    let explicit = match (c.get(6), c.get(9)) {
        (Some(sign), _) => Some((sign.as_str(), number(7), number(8).or(Some(0)))),
        (None, Some(sign)) => Some((sign.as_str(), number(10), number(11))),
        (None, None) => None,
    };
    match explicit {
        Some((sign, Some(hours), Some(minutes))) => offset(sign, hours, minutes).map(Some).ok_or(InvalidZone),
        Some(_) => Err(InvalidZone),
        None if c[0].to_ascii_uppercase().contains("GMT") || c[0].to_ascii_uppercase().contains("UTC") => {
            Ok(Some(Offset::UTC))
        }
        None => Ok(None),
    }
}

fn offset(sign: &str, hours: i32, minutes: i32) -> Option<Offset> {
    if hours > MAX_OFFSET_HOURS || !(0..60).contains(&minutes) {
        return None;
    }
    let seconds = (hours * 3600 + minutes * 60) * if sign == "-" { -1 } else { 1 };
    Offset::from_seconds(seconds).ok()
}

fn rfc3339_offset(offset: Offset) -> String {
    let seconds = offset.seconds();
    if seconds == 0 {
        return "Z".into();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn value(input: &str) -> Option<String> {
        parse_date(input, &Rules::embedded().months).map(|d| d.value)
    }

    #[test]
    fn date_forms() {
        let cases = [
            ("2023-07-25", Some("2023-07-25")),
            ("2023-07-25T08:30:00+0800", Some("2023-07-25T08:30:00+08:00")),
            ("2023-07-25T08:30Z", Some("2023-07-25T08:30:00Z")),
            ("2023-07-25 08:30:00.123-05:00", Some("2023-07-25T08:30:00-05:00")),
            ("2023-07-25T08:30:00", Some("2023-07-25")),
            ("Updated: Jul 25, 2023 chinadaily.com.cn", Some("2023-07-25")),
            ("Tuesday, July 25th 2023", Some("2023-07-25")),
            ("25 Sept. 2019", Some("2019-09-25")),
            ("发布时间：2023年7月25日 10:00", Some("2023-07-25")),
            ("2019년 4월 4일", Some("2019-04-04")),
            ("25.07.2023", Some("2023-07-25")),
            ("19. 7. 2022", Some("2022-07-19")),
            ("25. Juli 2023", Some("2023-07-25")),
            ("25 de julio de 2023", Some("2023-07-25")),
            ("12 février 2021", Some("2021-02-12")),
            ("25 липня 2023", Some("2023-07-25")),
            ("25/07/2023", Some("2023-07-25")),
            ("07/25/2023", Some("2023-07-25")),
            ("2019/02/29", None),
            ("2020/02/29", Some("2020-02-29")),
            ("May 2023", None),
            ("page 12 of 2023 results", None),
            ("03/04/2023", None),
        ];
        for (input, want) in cases {
            assert_eq!(value(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn times_with_zones_are_kept() {
        let cases = [
            ("Tue, 25 Jul 2023 08:30:00 GMT", Some("2023-07-25T08:30:00Z")),
            ("Dec 13, 2016 at 3:45 pm GMT", Some("2016-12-13T15:45:00Z")),
            ("Dec 13, 2016 at 12:05 am UTC+2", Some("2016-12-13T00:05:00+02:00")),
            ("Dec 13, 2016 at 3:45 pm", Some("2016-12-13")),
            ("25.07.2023, 10h30 UTC", Some("2023-07-25T10:30:00Z")),
            ("2023-07-25 10:99:77+08:00", None),
            ("2023-07-25T10:30:00+99:99", None),
            ("2023-07-25T10:30:00+15:00", None),
            ("Dec 13, 2016 at 13:45 pm GMT", None),
        ];
        for (input, want) in cases {
            assert_eq!(value(input).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn precision_says_what_was_given() {
        let months = Rules::embedded().months;
        let precision = |s: &str| parse_date(s, &months).map(|d| d.precision);
        assert_eq!(precision("2023-07-25"), Some(DatePrecision::Day));
        assert_eq!(precision("2023-07-25T08:30Z"), Some(DatePrecision::Minute));
        assert_eq!(precision("2023-07-25T08:30:05Z"), Some(DatePrecision::Second));
    }

    #[test]
    fn epoch_seconds_and_milliseconds() {
        assert_eq!(value("1690273800").as_deref(), Some("2023-07-25T08:30:00Z"));
        assert_eq!(value("1690273800000").as_deref(), Some("2023-07-25T08:30:00Z"));
        assert_eq!(value("9999999999"), None, "year 2286");
        assert_eq!(value("12345"), None);
    }

    #[test]
    fn dates_in_urls() {
        let day = |url: &str| date_from_url(url).map(|d| d.value);
        let seed = "https://www.chinaservicesinfo.com/s/202307/25/WS64d4a873/intl-sister-city.html";
        assert_eq!(day(seed).as_deref(), Some("2023-07-25"));
        assert_eq!(day("https://x.com/news/2019/11/05/story").as_deref(), Some("2019-11-05"));
        assert_eq!(day("https://x.com/2019-11-05-story.html").as_deref(), Some("2019-11-05"));
        assert_eq!(day("https://x.com/a/20191105/b").as_deref(), Some("2019-11-05"));
        assert_eq!(day("https://x.com/item/12345678901"), None);
        assert_eq!(day("https://x.com/2019/13/45/"), None);
        assert_eq!(day("https://20191105.example.com/"), None, "the host is not the path");
    }

    #[test]
    fn found_range_covers_the_date() {
        let months = Rules::embedded().months;
        let s = "Updated: Jul 25, 2023 chinadaily.com.cn";
        let f = find_date(s, &months).unwrap();
        assert_eq!(&s[f.start..f.end], "Jul 25, 2023");
        let s = "Posted 25.07.2023 10:30 GMT by Xinhua";
        let f = find_date(s, &months).unwrap();
        assert_eq!(&s[f.start..f.end], "25.07.2023 10:30 GMT");
    }
}
