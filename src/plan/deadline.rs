//! Deadlines (thời gian thực hiện) as typed values, parsed and checked with chrono.
//!
//! A deadline is written as the clerk would write it ("Trước ngày 28/3/2025",
//! "Quý I năm 2024", "Thường xuyên"); it is classified, its dates are checked
//! (30/02/2025 is an error) and it prints back in the decree's date style.
//! Besides the kind it keeps what the task calendar needs: how the prefix
//! bounds the date ("Trước ngày X" ends the day before X, "Từ ngày X" is a
//! start, not an end) and the interval of a recurring deadline.

use crate::text::vn;
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A day, possibly after a prefix such as "Trước ngày".
    Date(NaiveDate),
    Month {
        month: u32,
        year: i32,
    },
    Quarter {
        quarter: u32,
        year: i32,
    },
    Year(i32),
    /// "Thường xuyên", "Hàng tuần", "Định kỳ 06 tháng/01 lần", "02 lần/năm"…
    Recurring,
    /// "Trong thời gian 10 ngày kể từ ngày tiếp nhận".
    Period,
    /// Anything else, printed as written.
    Free,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub kind: Kind,
    /// The text to print.
    pub text: String,
    /// How the written prefix relates a date, month, quarter or year to the deadline.
    pub bound: Bound,
    /// The interval of a recurring deadline, where the text gives one ("Hàng tuần",
    /// "Định kỳ 06 tháng/01 lần", "02 lần/năm"); `None` for "Thường xuyên", "Định kỳ/đợt xuất".
    pub every: Option<Every>,
}

/// What a prefix makes of the date after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// Done by the end of it: a bare date, "Ngày", "Đến ngày", "Chậm nhất ngày", "Hoàn thành", "Trong".
    By,
    /// Done before it begins: "Trước ngày X", "Trước X", "Hoàn thành trước X" end on the day before X.
    Before,
    /// A start, not a deadline: "Từ ngày X".
    From,
}

/// A recurrence: every `count` units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Every {
    pub unit: Unit,
    pub count: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// Why a deadline was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A date that does not exist in the calendar: the text of the date.
    Impossible(String),
    /// A month outside 1–12: the text of the month.
    BadMonth(String),
    /// A quarter outside I–IV: the text of the quarter.
    BadQuarter(String),
    Empty,
}

const DATE_PREFIXES: [&str; 14] = [
    "hoàn thành trước ngày",
    "hoàn thành trước",
    "hoàn thành",
    "chậm nhất ngày",
    "chậm nhất",
    "trước ngày",
    "trước",
    "đến ngày",
    "đến",
    "từ ngày",
    "trong ngày",
    "trong",
    "ngày",
    "",
];
const RECURRING: [&str; 14] = [
    "thường xuyên",
    "hàng ngày",
    "hằng ngày",
    "hàng tuần",
    "hằng tuần",
    "hàng tháng",
    "hằng tháng",
    "hàng quý",
    "hằng quý",
    "hàng năm",
    "hằng năm",
    "định kỳ",
    "liên tục",
    "thực hiện thường xuyên",
];

impl Deadline {
    /// The last day the deadline allows, where it has one: the day, or the last day of the
    /// month, quarter or year; the day before its first day after "Trước"; none after "Từ ngày".
    pub fn latest(&self) -> Option<NaiveDate> {
        let (first, last) = match self.kind {
            Kind::Date(d) => (d, d),
            Kind::Month { month, year } => (NaiveDate::from_ymd_opt(year, month, 1)?, last_day(year, month)?),
            Kind::Quarter { quarter, year } => (NaiveDate::from_ymd_opt(year, quarter * 3 - 2, 1)?, last_day(year, quarter * 3)?),
            Kind::Year(y) => (NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?),
            _ => return None,
        };
        match self.bound {
            Bound::By => Some(last),
            Bound::Before => first.pred_opt(),
            Bound::From => None,
        }
    }
}

fn bound_of(prefix: &str) -> Bound {
    if prefix.contains("trước") {
        Bound::Before
    } else if prefix.starts_with("từ") {
        Bound::From
    } else {
        Bound::By
    }
}

fn last_day(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// Classifies and checks a deadline.
pub fn parse(input: &str) -> Result<Deadline, Error> {
    let text = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let trimmed = text.trim_end_matches('.').trim();
    if trimmed.is_empty() {
        return Err(Error::Empty);
    }
    let lower = trimmed.to_lowercase();
    if lower.len() != trimmed.len() {
        // Case mapping changed byte lengths (not Vietnamese): keep it as written.
        return Ok(Deadline { kind: Kind::Free, text: text.clone(), bound: Bound::By, every: None });
    }

    for prefix in DATE_PREFIXES {
        let Some(rest) = strip_word_prefix(&lower, prefix) else {
            continue;
        };
        let written_prefix = &trimmed[..trimmed.len() - rest.len()].trim_end();
        if let Some(r) = parse_day(rest)? {
            let (d, words) = r;
            let body = if words { format!("{} tháng {} năm {}", vn::day(d.day()), vn::month(d.month()), d.year()) } else { vn::date_short(d) };
            return Ok(Deadline { kind: Kind::Date(d), text: join(written_prefix, &body), bound: bound_of(prefix), every: None });
        }
        // A month, quarter or year may follow these prefixes (and "Trong": "Trong quý II năm 2025").
        if prefix.is_empty() || ["trước", "hoàn thành", "chậm", "đến", "trong"].iter().any(|u| prefix.starts_with(u)) {
            if let Some((kind, body)) = parse_period_unit(rest, &trimmed[trimmed.len() - rest.len()..])? {
                return Ok(Deadline { kind, text: join(written_prefix, &body), bound: bound_of(prefix), every: None });
            }
        }
    }
    if RECURRING.iter().any(|r| lower.starts_with(r)) || is_times_per(&lower) {
        return Ok(Deadline { kind: Kind::Recurring, text: text.clone(), bound: Bound::By, every: every(&lower) });
    }
    if lower.starts_with("trong thời gian") || lower.starts_with("trong vòng") {
        return Ok(Deadline { kind: Kind::Period, text: text.clone(), bound: Bound::By, every: None });
    }
    // Free text: still refuse an impossible date written inside it.
    for cand in embedded_dates(&text) {
        parse_day(&cand)?;
    }
    Ok(Deadline { kind: Kind::Free, text: text.clone(), bound: Bound::By, every: None })
}

/// The interval of a recurring deadline (`lower` is its lower-case text).
fn every(lower: &str) -> Option<Every> {
    let unit = |w: &str| -> Option<Every> {
        Some(match w.trim_matches(|c: char| !c.is_alphanumeric()) {
            "ngày" => Every { unit: Unit::Day, count: 1 },
            "tuần" => Every { unit: Unit::Week, count: 1 },
            "tháng" => Every { unit: Unit::Month, count: 1 },
            "quý" => Every { unit: Unit::Month, count: 3 },
            "năm" => Every { unit: Unit::Year, count: 1 },
            _ => return None,
        })
    };
    let number = |w: &str| w.parse::<u32>().ok().filter(|n| *n > 0);
    let periodic = lower.starts_with("định kỳ");
    let rest = lower.strip_prefix("định kỳ").unwrap_or(lower);
    let words: Vec<&str> = rest.split([' ', '/', '(', ',', ';']).filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        // "Hàng tuần", "Hằng quý", "Định kỳ hàng tháng".
        [h, u, ..] if *h == "hàng" || *h == "hằng" => unit(u),
        // "Định kỳ 06 tháng/01 lần", "Định kỳ 6 tháng một lần", "Định kỳ 3 tháng".
        [n, u, ..] if periodic && number(n).is_some() && unit(u).is_some() => {
            let e = unit(u)?;
            Some(Every { unit: e.unit, count: e.count * number(n)? })
        }
        // "02 lần/năm" only when it splits the year into whole months; "01 lần/tháng", "03 lần/quý".
        [n, "lần", u, ..] => {
            let n = number(n)?;
            match unit(u)? {
                Every { unit: Unit::Year, .. } if 12 % n == 0 => Some(Every { unit: Unit::Month, count: 12 / n }),
                Every { unit: Unit::Month, count: 3 } if 3 % n == 0 => Some(Every { unit: Unit::Month, count: 3 / n }),
                e if n == 1 => Some(e),
                _ => None,
            }
        }
        _ => None,
    }
}

fn join(prefix: &str, body: &str) -> String {
    if prefix.is_empty() {
        body.to_string()
    } else {
        format!("{prefix} {body}")
    }
}

/// `rest` after `prefix` if `s` starts with it at a word boundary.
fn strip_word_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    if prefix.is_empty() {
        return Some(s);
    }
    let rest = s.strip_prefix(prefix)?;
    if rest.is_empty() || rest.starts_with(' ') {
        Some(rest.trim_start())
    } else {
        None
    }
}

/// `28/3/2025`, `28-3-2025`, `30 tháng 4 năm 2024`, `2025-03-28`; Ok(None) when it is not a day.
/// The flag says whether it was written in words.
fn parse_day(s: &str) -> Result<Option<(NaiveDate, bool)>, Error> {
    let s = s.trim();
    let nums: Vec<&str>;
    let words;
    if let Some((d, rest)) = s.split_once(" tháng ") {
        let Some((m, y)) = rest.split_once(" năm ") else {
            return Ok(None);
        };
        nums = vec![d.trim(), m.trim(), y.trim()];
        words = true;
    } else if s.len() == 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
        nums = vec![&s[8..10], &s[5..7], &s[0..4]];
        words = false;
    } else {
        let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
        if parts.len() != 3 {
            return Ok(None);
        }
        nums = parts;
        words = false;
    }
    if !nums.iter().all(|n| !n.is_empty() && n.len() <= 4 && n.chars().all(|c| c.is_ascii_digit())) || nums[2].len() != 4 {
        return Ok(None);
    }
    let (d, m, y): (u32, u32, i32) = (nums[0].parse().unwrap_or(0), nums[1].parse().unwrap_or(0), nums[2].parse().unwrap_or(0));
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => Ok(Some((date, words))),
        None => Err(Error::Impossible(s.to_string())),
    }
}

/// `tháng 4/2024`, `tháng 04 năm 2024`, `quý I năm 2024`, `quý 1/2024`, `năm 2025`.
/// `original` is the same text in its written case, for echoing.
fn parse_period_unit(lower: &str, original: &str) -> Result<Option<(Kind, String)>, Error> {
    let cap = |s: &str| {
        let mut c = original.chars();
        let first_upper = c.next().is_some_and(|f| f.is_uppercase());
        if first_upper {
            let mut o = s.chars();
            o.next().map(|f| f.to_uppercase().collect::<String>() + o.as_str()).unwrap_or_default()
        } else {
            s.to_string()
        }
    };
    let year_of = |s: &str| -> Option<i32> {
        let s = s.trim();
        (s.len() == 4 && s.chars().all(|c| c.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    if let Some(rest) = lower.strip_prefix("tháng ") {
        let (m, y, words) = if let Some((m, y)) = rest.split_once(" năm ") {
            (m, y, true)
        } else if let Some((m, y)) = rest.split_once('/') {
            (m, y, false)
        } else {
            return Ok(None);
        };
        let (Ok(m), Some(y)) = (m.trim().parse::<u32>(), year_of(y)) else {
            return Ok(None);
        };
        if !(1..=12).contains(&m) {
            return Err(Error::BadMonth(original.to_string()));
        }
        let body = if words { format!("tháng {} năm {y}", vn::month(m)) } else { format!("tháng {}/{y}", vn::month(m)) };
        return Ok(Some((Kind::Month { month: m, year: y }, cap(&body))));
    }
    if let Some(rest) = lower.strip_prefix("quý ") {
        let (q, y, words) = if let Some((q, y)) = rest.split_once(" năm ") {
            (q, y, true)
        } else if let Some((q, y)) = rest.split_once('/') {
            (q, y, false)
        } else {
            return Ok(None);
        };
        let q = match q.trim() {
            "i" | "1" => 1,
            "ii" | "2" => 2,
            "iii" | "3" => 3,
            "iv" | "4" => 4,
            _ => return Err(Error::BadQuarter(original.to_string())),
        };
        let Some(y) = year_of(y) else { return Ok(None) };
        let body = if words { format!("quý {} năm {y}", vn::roman(q as usize)) } else { format!("quý {}/{y}", vn::roman(q as usize)) };
        return Ok(Some((Kind::Quarter { quarter: q, year: y }, cap(&body))));
    }
    if let Some(rest) = lower.strip_prefix("năm ") {
        if let Some(y) = year_of(rest) {
            return Ok(Some((Kind::Year(y), cap(&format!("năm {y}")))));
        }
    }
    Ok(None)
}

/// "02 lần/năm", "01 lần/tháng".
fn is_times_per(lower: &str) -> bool {
    let mut it = lower.splitn(2, ' ');
    let n = it.next().unwrap_or("");
    let rest = it.next().unwrap_or("");
    !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with("lần/")
}

/// Substrings of the form d/m/yyyy inside free text.
fn embedded_dates(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '/'))
        .filter(|w| w.matches('/').count() == 2 && w.split('/').all(|p| !p.is_empty()) && w.rsplit('/').next().is_some_and(|y| y.len() == 4))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn parses_every_form_of_the_seeds() {
        let cases: &[(&str, Kind, &str)] = &[
            ("30/10/2025", Kind::Date(d(2025, 10, 30)), "30/10/2025"),
            ("Trước ngày 28/3/2025", Kind::Date(d(2025, 3, 28)), "Trước ngày 28/3/2025"),
            ("Trước 28/02/2024", Kind::Date(d(2024, 2, 28)), "Trước 28/02/2024"),
            ("Trước 28/2/2024", Kind::Date(d(2024, 2, 28)), "Trước 28/02/2024"),
            ("05/02/2024", Kind::Date(d(2024, 2, 5)), "05/02/2024"),
            ("Hoàn thành trước 30/10/2025", Kind::Date(d(2025, 10, 30)), "Hoàn thành trước 30/10/2025"),
            ("Trước ngày 30 tháng 4 năm 2024", Kind::Date(d(2024, 4, 30)), "Trước ngày 30 tháng 4 năm 2024"),
            ("Tháng 4/2024", Kind::Month { month: 4, year: 2024 }, "Tháng 4/2024"),
            ("Tháng 01 năm 2024", Kind::Month { month: 1, year: 2024 }, "Tháng 01 năm 2024"),
            ("Tháng 04 năm 2024", Kind::Month { month: 4, year: 2024 }, "Tháng 4 năm 2024"),
            ("Quý I năm 2024", Kind::Quarter { quarter: 1, year: 2024 }, "Quý I năm 2024"),
            ("Năm 2025", Kind::Year(2025), "Năm 2025"),
            ("Thường xuyên", Kind::Recurring, "Thường xuyên"),
            ("Hàng tuần", Kind::Recurring, "Hàng tuần"),
            ("Định kỳ 06 tháng/01 lần", Kind::Recurring, "Định kỳ 06 tháng/01 lần"),
            ("02 lần/năm", Kind::Recurring, "02 lần/năm"),
            ("Trong thời gian 10 ngày kể từ ngày tiếp nhận", Kind::Period, "Trong thời gian 10 ngày kể từ ngày tiếp nhận"),
            ("Ngay sau khi có kết quả xử lý phản ánh, kiến nghị", Kind::Free, "Ngay sau khi có kết quả xử lý phản ánh, kiến nghị"),
        ];
        for (input, kind, text) in cases {
            let got = parse(input).unwrap_or_else(|e| panic!("{input}: {e:?}"));
            assert_eq!(&got.kind, kind, "{input}");
            assert_eq!(&got.text, text, "{input}");
        }
    }

    #[test]
    fn refuses_impossible_dates() {
        assert_eq!(parse("30/02/2025"), Err(Error::Impossible("30/02/2025".into())));
        assert_eq!(parse("Trước ngày 31/4/2025"), Err(Error::Impossible("31/4/2025".into())));
        assert_eq!(parse("Tháng 13/2025"), Err(Error::BadMonth("Tháng 13/2025".into())));
        assert_eq!(parse("Quý V năm 2025"), Err(Error::BadQuarter("Quý V năm 2025".into())));
        // inside free text too
        assert!(matches!(parse("Triển khai từ 32/9/2025"), Err(Error::Impossible(_))));
        assert_eq!(parse("   "), Err(Error::Empty));
    }

    #[test]
    fn prefixes_bound_the_date() {
        let latest = |s: &str| parse(s).unwrap().latest();
        assert_eq!(latest("Trước ngày 28/3/2025"), Some(d(2025, 3, 27)), "before: the day before");
        assert_eq!(latest("Trước 28/02/2024"), Some(d(2024, 2, 27)));
        assert_eq!(latest("Hoàn thành trước 30/10/2025"), Some(d(2025, 10, 29)));
        assert_eq!(latest("Hoàn thành trước ngày 01/3/2024"), Some(d(2024, 2, 29)));
        assert_eq!(latest("30/10/2025"), Some(d(2025, 10, 30)));
        assert_eq!(latest("Chậm nhất ngày 15/4/2025"), Some(d(2025, 4, 15)));
        assert_eq!(latest("Đến ngày 31/12/2025"), Some(d(2025, 12, 31)));
        assert_eq!(latest("Hoàn thành 20/5/2025"), Some(d(2025, 5, 20)));
        assert_eq!(latest("Từ ngày 01/3/2025"), None, "a start is not a deadline");
        assert_eq!(parse("Từ ngày 01/3/2025").unwrap().kind, Kind::Date(d(2025, 3, 1)), "still a checked date");
        assert_eq!(latest("Trước tháng 4/2024"), Some(d(2024, 3, 31)), "before a month: the end of the one before");
        assert_eq!(latest("Trước quý II năm 2024"), Some(d(2024, 3, 31)));
        assert_eq!(latest("Trước năm 2025"), Some(d(2024, 12, 31)));
        assert_eq!(latest("Quý IV/2025"), Some(d(2025, 12, 31)));
    }

    #[test]
    fn trong_takes_a_month_quarter_year_or_day() {
        let p = parse("Trong quý II năm 2025").unwrap();
        assert_eq!((p.kind.clone(), p.text.as_str(), p.latest()), (Kind::Quarter { quarter: 2, year: 2025 }, "Trong quý II năm 2025", Some(d(2025, 6, 30))));
        let p = parse("Trong tháng 04/2025").unwrap();
        assert_eq!((p.kind.clone(), p.text.as_str()), (Kind::Month { month: 4, year: 2025 }, "Trong tháng 4/2025"));
        assert_eq!(parse("Trong ngày 28/3/2025").unwrap().latest(), Some(d(2025, 3, 28)));
        assert_eq!(parse("Trong năm 2025").unwrap().kind, Kind::Year(2025));
        // A period stays a period.
        assert_eq!(parse("Trong thời gian 10 ngày kể từ ngày tiếp nhận").unwrap().kind, Kind::Period);
        assert_eq!(parse("Trong vòng 05 ngày làm việc").unwrap().kind, Kind::Period);
    }

    #[test]
    fn recurring_intervals() {
        let every = |s: &str| {
            let p = parse(s).unwrap();
            assert_eq!(p.kind, Kind::Recurring, "{s}");
            p.every.map(|e| (e.unit, e.count))
        };
        assert_eq!(every("Hàng tuần"), Some((Unit::Week, 1)));
        assert_eq!(every("hằng tuần"), Some((Unit::Week, 1)));
        assert_eq!(every("Hàng tháng"), Some((Unit::Month, 1)));
        assert_eq!(every("Hằng quý"), Some((Unit::Month, 3)));
        assert_eq!(every("Hàng năm"), Some((Unit::Year, 1)));
        assert_eq!(every("Hàng ngày"), Some((Unit::Day, 1)));
        assert_eq!(every("Định kỳ 06 tháng/01 lần"), Some((Unit::Month, 6)));
        assert_eq!(every("Định kỳ 6 tháng một lần"), Some((Unit::Month, 6)));
        assert_eq!(every("Định kỳ 03 tháng/lần"), Some((Unit::Month, 3)));
        assert_eq!(every("Định kỳ hàng tháng"), Some((Unit::Month, 1)));
        assert_eq!(every("Định kỳ 02 lần/năm"), Some((Unit::Month, 6)));
        assert_eq!(every("02 lần/năm"), Some((Unit::Month, 6)));
        assert_eq!(every("04 lần/năm"), Some((Unit::Month, 3)));
        assert_eq!(every("01 lần/tháng"), Some((Unit::Month, 1)));
        assert_eq!(every("01 lần/tuần"), Some((Unit::Week, 1)));
        assert_eq!(every("03 lần/quý"), Some((Unit::Month, 1)));
        // No whole interval, or none written: recurring without a rule.
        assert_eq!(every("05 lần/năm"), None);
        assert_eq!(every("02 lần/tháng"), None);
        assert_eq!(every("Thường xuyên"), None);
        assert_eq!(every("Thường xuyên (Trước 01 ngày của hồ sơ đến hạn trả kết quả)."), None);
        assert_eq!(every("Liên tục"), None);
        assert_eq!(every("Định kỳ/đợt xuất"), None);
        assert_eq!(every("Định kỳ"), None);
    }

    #[test]
    fn knows_the_last_day() {
        assert_eq!(parse("Quý I năm 2024").unwrap().latest(), Some(d(2024, 3, 31)));
        assert_eq!(parse("Tháng 02 năm 2024").unwrap().latest(), Some(d(2024, 2, 29)));
        assert_eq!(parse("Năm 2025").unwrap().latest(), Some(d(2025, 12, 31)));
        assert_eq!(parse("Thường xuyên").unwrap().latest(), None);
    }
}
