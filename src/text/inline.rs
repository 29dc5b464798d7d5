//! The only syntax inside user text: `**bold**`, `*italic*`, `\*` for a literal
//! star, and `{{ phu_luc.KEY }}` for a reference to an appendix.
//!
//! Everything else (`#`, `$`, `@`, `<`, `\`, `//`, `=`…) is plain text: the
//! result is a list of styled spans that renderers print as data.

use serde::{Deserialize, Serialize};

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bold: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    /// Set only in a redline (`kehoach diff --format docx|pdf`): what the span is to the old version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<Mark>,
}

/// A redline's mark on a span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// Only in the new version.
    Ins,
    /// Only in the old version.
    Del,
    /// In both, with another style in the old one.
    Restyled { bold: bool, italic: bool },
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span { text: text.into(), bold: false, italic: false, mark: None }
    }
}

/// Splits `s` into spans by its bold and italic marks.
pub fn parse(s: &str) -> Vec<Span> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    parse_into(&chars, false, false, &mut out);
    merge(out)
}

fn parse_into(c: &[char], bold: bool, italic: bool, out: &mut Vec<Span>) {
    let mut buf = String::new();
    let flush = |buf: &mut String, out: &mut Vec<Span>| {
        if !buf.is_empty() {
            out.push(Span { text: std::mem::take(buf), bold, italic, mark: None });
        }
    };
    let mut i = 0;
    while i < c.len() {
        if c[i] == '\\' && c.get(i + 1) == Some(&'*') {
            buf.push('*');
            i += 2;
            continue;
        }
        if c[i] == '*' && c.get(i + 1) == Some(&'*') && opens(c, i + 2) {
            if let Some(j) = closer(c, i + 2, 2) {
                flush(&mut buf, out);
                parse_into(&c[i + 2..j], true, italic, out);
                i = j + 2;
                continue;
            }
        }
        if c[i] == '*' && c.get(i + 1) != Some(&'*') && (i == 0 || c[i - 1] != '*') && opens(c, i + 1) {
            if let Some(j) = closer(c, i + 1, 1) {
                flush(&mut buf, out);
                parse_into(&c[i + 1..j], bold, true, out);
                i = j + 1;
                continue;
            }
        }
        buf.push(c[i]);
        i += 1;
    }
    flush(&mut buf, out);
}

/// A mark opens when the next character is not white space.
fn opens(c: &[char], at: usize) -> bool {
    c.get(at).is_some_and(|ch| !ch.is_whitespace())
}

/// The index of the closing mark of `width` stars after `from`, preceded by a non-space.
fn closer(c: &[char], from: usize, width: usize) -> Option<usize> {
    let mut k = from + 1;
    while k + width <= c.len() {
        if c[k - 1] == '\\' {
            k += 1;
            continue;
        }
        let run = c[k..].iter().take_while(|&&ch| ch == '*').count();
        if run > 0 {
            let fits = if width == 2 { run >= 2 } else { run == 1 };
            if fits && !c[k - 1].is_whitespace() {
                return Some(k);
            }
            k += run;
            continue;
        }
        k += 1;
    }
    None
}

/// Adjacent spans of one style joined.
pub fn merge(spans: Vec<Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(l) if l.bold == s.bold && l.italic == s.italic && l.mark == s.mark => l.text.push_str(&s.text),
            _ => out.push(s),
        }
    }
    out
}

/// The plain text of spans, without marks.
pub fn plain_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// Appendix references `{{ phu_luc.KEY }}` in `s`: (byte range, key).
pub fn appendix_refs(s: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = s[from..].find("{{") {
        let start = from + i;
        let Some(j) = s[start..].find("}}") else {
            break;
        };
        let end = start + j + 2;
        let inner = s[start + 2..end - 2].trim();
        if let Some(key) = inner.strip_prefix("phu_luc.") {
            out.push((start..end, key.trim().to_string()));
        }
        from = end;
    }
    out
}

/// Replaces each appendix reference by `label(key)`; unknown keys are left as written
/// (validation has already refused them).
pub fn resolve_refs(s: &str, label: impl Fn(&str) -> Option<String>) -> String {
    let refs = appendix_refs(s);
    if refs.is_empty() {
        return s.to_string();
    }
    let mut out = String::new();
    let mut last = 0;
    for (r, key) in refs {
        out.push_str(&s[last..r.start]);
        match label(&key) {
            Some(l) => out.push_str(&l),
            None => out.push_str(&s[r.clone()]),
        }
        last = r.end;
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(t: &str, b: bool, i: bool) -> Span {
        Span { text: t.into(), bold: b, italic: i, mark: None }
    }

    #[test]
    fn bold_and_italic() {
        assert_eq!(parse("a **b** c"), vec![sp("a ", false, false), sp("b", true, false), sp(" c", false, false)]);
        assert_eq!(parse("(*Không đạt*)"), vec![sp("(", false, false), sp("Không đạt", false, true), sp(")", false, false)]);
        assert_eq!(parse("**a *b* c**"), vec![sp("a ", true, false), sp("b", true, true), sp(" c", true, false)]);
    }

    #[test]
    fn everything_else_is_literal() {
        for s in ["#1 $x$ @ref <tag> \\n // = *", "* Tỷ lệ = a / b", "2 * 3 * 4", "a ** b", "x*", "\\*not\\*"] {
            let got = plain_text(&parse(s));
            let want = s.replace("\\*", "*");
            assert_eq!(got, want, "{s}");
        }
        assert_eq!(parse("2 * 3 * 4"), vec![sp("2 * 3 * 4", false, false)]);
    }

    #[test]
    fn appendix_references() {
        let s = "Chi tiết tại {{ phu_luc.nhiem-vu }} và {{phu_luc.chi_tieu}}; {{ khac }}";
        let keys: Vec<String> = appendix_refs(s).into_iter().map(|(_, k)| k).collect();
        assert_eq!(keys, ["nhiem-vu", "chi_tieu"]);
        let out = resolve_refs(s, |k| Some(if k == "nhiem-vu" { "Phụ lục I".into() } else { "Phụ lục II".into() }));
        assert_eq!(out, "Chi tiết tại Phụ lục I và Phụ lục II; {{ khac }}");
    }
}
