//! Reads publication dates as pages write them and normalises them to ISO 8601.
//!
//! Accepted: ISO forms (`2023-07-25`, `2023-07-25T08:30:00+08:00`), `2023/07/25`,
//! `2023.7.25`, `2023年7月25日`, and month-name forms in either order
//! (`Jul 25, 2023`, `Tuesday, July 25th 2023`, `25 July 2023`); month names come
//! from `rules/months.tsv`. A time is kept only with its UTC offset, since a time
//! without one is not a point in time. Numeric day/month orders (`03/04/2023`)
//! are ambiguous and are not read.

use foldhash::HashMap;
use regex::Regex;
use std::sync::LazyLock;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\b(\d{4})-(\d{1,2})-(\d{1,2})
          (?:[T\s](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?",
    )
    .unwrap()
});
static YMD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})\s*[/.年]\s*(\d{1,2})\s*[/.月]\s*(\d{1,2})(?:\s*日|\b)").unwrap());
static MONTH_DAY_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b").unwrap());
/// A date in a URL's path: /2023/07/25/, /2023-07-25-, /20230725/, /202307/25/.
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)").unwrap()
});
static DAY_MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?,?\s+(\d{4})\b").unwrap());

/// A date found in a string: its ISO form and the byte range it took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub iso: String,
    pub start: usize,
    pub end: usize,
}

/// The first date in `s`, normalised.
pub fn find_date(s: &str, months: &HashMap<String, u32>) -> Option<FoundDate> {
    let mut best: Option<FoundDate> = None;
    let mut consider = |found: Option<FoundDate>| {
        if let Some(f) = found
            && best.as_ref().is_none_or(|b| f.start < b.start)
        {
            best = Some(f);
        }
    };
    consider(ISO.captures(s).and_then(|c| {
        let m = c.get(0)?;
        let date = ymd(&c[1], &c[2], &c[3])?;
        let iso = match (c.get(4), c.get(7)) {
            (Some(h), Some(offset)) => {
                let hour: u32 = h.as_str().parse().ok().filter(|h| *h < 24)?;
                let secs = c.get(6).map_or("00", |s| s.as_str());
                format!("{date}T{hour:02}:{}:{secs}{}", &c[5], normalise_offset(offset.as_str()))
            }
            _ => date,
        };
        Some(FoundDate { iso, start: m.start(), end: m.end() })
    }));
    consider(YMD.captures(s).and_then(|c| {
        let m = c.get(0)?;
        Some(FoundDate { iso: ymd(&c[1], &c[2], &c[3])?, start: m.start(), end: m.end() })
    }));
    consider(MONTH_DAY_YEAR.captures_iter(s).find_map(|c| {
        let month = months.get(&c[1].to_lowercase())?;
        let m = c.get(0)?;
        Some(FoundDate { iso: ymd(&c[3], &month.to_string(), &c[2])?, start: m.start(), end: m.end() })
    }));
    consider(DAY_MONTH_YEAR.captures_iter(s).find_map(|c| {
        let month = months.get(&c[2].to_lowercase())?;
        let m = c.get(0)?;
        Some(FoundDate { iso: ymd(&c[3], &month.to_string(), &c[1])?, start: m.start(), end: m.end() })
    }));
    best
}

/// Normalises a date value from metadata (meta tags, JSON-LD, `<time datetime>`).
pub fn parse_date(s: &str, months: &HashMap<String, u32>) -> Option<String> {
    find_date(s, months).map(|f| f.iso)
}

/// The date a URL's path carries, if any (the last resort for `published`).
pub fn date_from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let path = path.find("://").map_or(path, |i| &path[i + 3..]);
    let path = &path[path.find('/')?..];
    URL_DATE.captures_iter(path).find_map(|c| ymd(&c[1], &c[2], &c[3]))
}

fn ymd(year: &str, month: &str, day: &str) -> Option<String> {
    let (year, month, day): (u32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    let days_in_month = match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if !(1900..=2100).contains(&year) || day == 0 || day > days_in_month {
        return None;
    }
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

fn normalise_offset(offset: &str) -> String {
    if offset == "Z" {
        return "Z".into();
    }
    let digits: String = offset[1..].chars().filter(char::is_ascii_digit).collect();
    format!("{}{}:{}", &offset[..1], &digits[..2], &digits[2..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    #[test]
    fn date_forms() {
        let months = Rules::embedded().months;
        let cases = [
            ("2023-07-25", Some("2023-07-25")),
            ("2023-07-25T08:30:00+0800", Some("2023-07-25T08:30:00+08:00")),
            ("2023-07-25T08:30Z", Some("2023-07-25T08:30:00Z")),
            ("2023-07-25T08:30:00", Some("2023-07-25")),
            ("Updated: Jul 25, 2023 chinadaily.com.cn", Some("2023-07-25")),
            ("Tuesday, July 25th 2023", Some("2023-07-25")),
            ("25 Sept. 2019", Some("2019-09-25")),
            ("发布时间：2023年7月25日 10:00", Some("2023-07-25")),
            ("2019/02/29", None),
            ("2020/02/29", Some("2020-02-29")),
            ("May 2023", None),
            ("page 12 of 2023 results", None),
            ("03/04/2023", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input, &months).as_deref(), want, "{input}");
        }
    }

    #[test]
    fn dates_in_urls() {
        let seed = "https://www.chinaservicesinfo.com/s/202307/25/WS64d4a873/intl-sister-city.html";
        assert_eq!(date_from_url(seed).as_deref(), Some("2023-07-25"));
        assert_eq!(date_from_url("https://x.com/news/2019/11/05/story").as_deref(), Some("2019-11-05"));
        assert_eq!(date_from_url("https://x.com/2019-11-05-story.html").as_deref(), Some("2019-11-05"));
        assert_eq!(date_from_url("https://x.com/a/20191105/b").as_deref(), Some("2019-11-05"));
        assert_eq!(date_from_url("https://x.com/item/12345678901"), None);
        assert_eq!(date_from_url("https://x.com/2019/13/45/"), None);
        assert_eq!(date_from_url("https://20191105.example.com/"), None, "the host is not the path");
    }

    #[test]
    fn found_range_covers_the_date() {
        let months = Rules::embedded().months;
        let s = "Updated: Jul 25, 2023 chinadaily.com.cn";
        let f = find_date(s, &months).unwrap();
        assert_eq!(&s[f.start..f.end], "Jul 25, 2023");
    }
}
