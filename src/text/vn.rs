//! Vietnamese formatting: dates, decimals, Roman numerals, Vietnamese letter numbering, case.
//!
//! Dates follow Decree 30 (PL-I I.II.4.b): days below 10 and months 1 and 2
//! take a leading zero ("ngày 05 tháng 3", "tháng 02"); the other months do not.

use chrono::{Datelike, NaiveDate};

/// Blank left in a draft where the day, month or number will be filled in by hand.
pub const BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// The day as Decree 30 writes it: `05`, `15`.
pub fn day(d: u32) -> String {
    format!("{d:02}")
}

/// The month as Decree 30 writes it: `01`, `02`, `3` … `12`.
pub fn month(m: u32) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// `ngày 05 tháng 3 năm 2025`.
pub fn date_long(d: NaiveDate) -> String {
    format!("ngày {} tháng {} năm {}", day(d.day()), month(d.month()), d.year())
}

/// `05/3/2025`, the short form used in deadlines, by the same zero rule.
pub fn date_short(d: NaiveDate) -> String {
    format!("{}/{}/{}", day(d.day()), month(d.month()), d.year())
}

/// A number the Vietnamese way: decimal comma, `.` between thousands: `56,2`, `5.280`.
pub fn decimal(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    // Shortest representation that round-trips, then localised.
    let s = format!("{}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if v < 0.0 { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// Parses a number written either way: `56,2`, `56.2`, `5.280` (thousands), `100`.
pub fn parse_decimal(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == '-') {
        return None;
    }
    let norm = if s.contains(',') {
        s.replace('.', "").replace(',', ".")
    } else if s.matches('.').count() == 1
        && s.split('.').nth(1).is_some_and(|f| f.len() == 3)
        && s.split('.').next().is_some_and(|i| !i.is_empty() && i != "0" && i != "-0")
    {
        // "5.280" is five thousand two hundred and eighty in Vietnamese.
        s.replace('.', "")
    } else {
        s.to_string()
    };
    norm.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Upper-case Roman numerals: 1 → I, 4 → IV, 14 → XIV.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] =
        [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// The Vietnamese letter order used for điểm: a b c d đ e g h i k l m n o p q r s t u v x y.
const LETTERS: [&str; 23] = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"];

/// 1 → a, 5 → đ, 6 → e, 7 → g; past y the letters double (aa, bb…).
pub fn letter(n: usize) -> String {
    let n = n.max(1) - 1;
    LETTERS[n % LETTERS.len()].repeat(n / LETTERS.len() + 1)
}

/// Capitals, as the decree wants for headings: Vietnamese letters included.
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// "ỦY BAN NHÂN DÂN XÃ BỜ Y" → "Ủy ban nhân dân xã Bờ Y": the running-text form of an
/// agency name (PL-II): the name's type words lower case after the first, the
/// unit word (xã, phường…) lower case, the proper name capitalised.
pub fn agency_running_name(lines: &[String]) -> String {
    let words: Vec<String> = lines.join(" ").split_whitespace().map(|w| w.to_lowercase()).collect();
    const UNITS: [&str; 7] = ["xã", "phường", "thị", "đặc", "tỉnh", "huyện", "thành"];
    let mut out = Vec::new();
    let mut proper = false;
    for (i, w) in words.iter().enumerate() {
        if proper {
            out.push(capitalise(w));
            continue;
        }
        if i > 0 && UNITS.contains(&w.as_str()) {
            out.push(w.clone());
            // "thị trấn", "đặc khu", "thành phố": the second word is also common.
            if ["thị", "đặc", "thành"].contains(&w.as_str()) {
                continue;
            }
            proper = true;
            continue;
        }
        if i > 0 && ["trấn", "khu", "phố"].contains(&w.as_str()) && !proper {
            out.push(w.clone());
            proper = true;
            continue;
        }
        out.push(if i == 0 { capitalise(w) } else { w.clone() });
    }
    out.join(" ")
}

/// The place name (địa danh) from the agency's last name line: "XÃ BỜ Y" → "Bờ Y".
pub fn place_from_agency(lines: &[String]) -> Option<String> {
    let running = agency_running_name(lines);
    for unit in ["xã ", "phường ", "thị trấn ", "đặc khu "] {
        if let Some(i) = running.find(unit) {
            return Some(running[i + unit.len()..].to_string());
        }
    }
    None
}

/// The first letter in capitals: "xã" → "Xã".
pub fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_decree() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(date_long(d(2025, 3, 5)), "ngày 05 tháng 3 năm 2025");
        assert_eq!(date_long(d(2024, 2, 24)), "ngày 24 tháng 02 năm 2024");
        assert_eq!(date_long(d(2025, 1, 15)), "ngày 15 tháng 01 năm 2025");
        assert_eq!(date_long(d(2025, 12, 9)), "ngày 09 tháng 12 năm 2025");
        assert_eq!(date_short(d(2025, 3, 28)), "28/3/2025");
        assert_eq!(date_short(d(2024, 2, 5)), "05/02/2024");
        assert_eq!(month(10), "10");
        assert_eq!(month(9), "9");
    }

    #[test]
    fn decimals_use_a_comma() {
        assert_eq!(decimal(56.2), "56,2");
        assert_eq!(decimal(100.0), "100");
        assert_eq!(decimal(7.56), "7,56");
        assert_eq!(decimal(5280.0), "5.280");
        assert_eq!(decimal(1234567.5), "1.234.567,5");
        assert_eq!(decimal(-2.5), "-2,5");
        assert_eq!(parse_decimal("56,2"), Some(56.2));
        assert_eq!(parse_decimal("56.2"), Some(56.2));
        assert_eq!(parse_decimal("5.280"), Some(5280.0));
        assert_eq!(parse_decimal("0.125"), Some(0.125));
        assert_eq!(parse_decimal("abc"), None);
    }

    #[test]
    fn roman_and_letters() {
        let r: Vec<String> = (1..=10).map(roman).collect();
        assert_eq!(r, ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]);
        assert_eq!(roman(14), "XIV");
        let l: Vec<String> = (1..=8).map(letter).collect();
        assert_eq!(l, ["a", "b", "c", "d", "đ", "e", "g", "h"]);
        assert_eq!(letter(23), "y");
        assert_eq!(letter(24), "aa");
    }

    #[test]
    fn agency_names_in_running_text() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(agency_running_name(&v(&["ỦY BAN NHÂN DÂN", "XÃ BỜ Y"])), "Ủy ban nhân dân xã Bờ Y");
        assert_eq!(agency_running_name(&v(&["ỦY BAN NHÂN DÂN", "XÃ MỸ HÒA HƯNG"])), "Ủy ban nhân dân xã Mỹ Hòa Hưng");
        assert_eq!(agency_running_name(&v(&["ỦY BAN NHÂN DÂN", "THỊ TRẤN AN PHÚ"])), "Ủy ban nhân dân thị trấn An Phú");
        assert_eq!(place_from_agency(&v(&["ỦY BAN NHÂN DÂN", "XÃ GIO SƠN"])), Some("Gio Sơn".into()));
        assert_eq!(upper("Mục đích, yêu cầu"), "MỤC ĐÍCH, YÊU CẦU");
    }
}
