//! Text as the classifier needs it: outline labels (typed or drawn by Word),
//! runs turned into kehoach's inline marks, capitals turned back into the
//! document's own casing, references to appendices, short excerpts.

use super::docx::Run;
use super::numbering::Label;
use crate::text::inline;
pub use crate::text::vn::capitalise;
use std::collections::HashMap;

/// An outline label: I. / 1. / 1.2. / a) / - / +.
#[derive(Debug, Clone, PartialEq)]
pub enum Lbl {
    Roman(u32),
    Arabic(u32),
    Decimal(Vec<u32>),
    Letter(u32),
    Dash,
    Plus,
}

impl Lbl {
    /// Depth order: I. above 1. above 1.1. above a).
    pub fn rank(&self) -> Option<(u8, u8)> {
        match self {
            Lbl::Roman(_) => Some((1, 0)),
            Lbl::Arabic(_) => Some((2, 0)),
            Lbl::Decimal(v) => Some((2, (v.len() - 1) as u8)),
            Lbl::Letter(_) => Some((3, 0)),
            Lbl::Dash | Lbl::Plus => None,
        }
    }
    /// The number among its siblings.
    pub fn ordinal(&self) -> Option<u32> {
        match self {
            Lbl::Roman(n) | Lbl::Arabic(n) | Lbl::Letter(n) => Some(*n),
            Lbl::Decimal(v) => v.last().copied(),
            _ => None,
        }
    }
}

/// The Vietnamese letter order of điểm (a b c d đ e g …), as kehoach prints it.
const LETTERS: &str = "abcdđeghiklmnopqrstuvxy";

fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 6 || !s.chars().all(|c| "IVXL".contains(c)) {
        return None;
    }
    (1..=50).find(|&n| crate::text::vn::roman(n as usize) == s)
}

fn letter_value(c: char) -> Option<u32> {
    // Word's lowerLetter has f, j, w, z where the Vietnamese order has đ: accept both.
    LETTERS.chars().position(|l| l == c).map(|p| p as u32 + 1).or_else(|| c.is_ascii_lowercase().then(|| (c as u8 - b'a') as u32 + 1))
}

/// A label at the start of `s`: the label and the byte length it takes with the space after it.
pub fn typed_label(s: &str) -> Option<(Lbl, usize)> {
    let mut chars = s.char_indices();
    let (_, first) = chars.next()?;
    let after = |i: usize| -> Option<usize> {
        // The label ends at white space; the text must follow.
        let rest = &s[i..];
        let ws = rest.len() - rest.trim_start().len();
        (ws > 0 && !rest.trim_start().is_empty()).then_some(i + ws)
    };
    if matches!(first, '-' | '–' | '—' | '+' | '•') {
        let next = s[first.len_utf8()..].chars().next()?;
        let end = if next.is_whitespace() {
            after(first.len_utf8())?
        } else if next.is_alphabetic() && next.is_uppercase() && first != '+' {
            // "-Tổ chức …": a dash typed without its space.
            first.len_utf8()
        } else {
            return None;
        };
        return Some((if first == '+' { Lbl::Plus } else { Lbl::Dash }, end));
    }
    let head: String = s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == ')').collect();
    let head_len = head.len();
    if let Some(core) = head.strip_suffix(')') {
        let end = after(head_len)?;
        if let Ok(n) = core.parse::<u32>() {
            return (1..=99).contains(&n).then_some((Lbl::Arabic(n), end));
        }
        let mut cs = core.chars();
        if let (Some(c), None) = (cs.next(), cs.next()) {
            return letter_value(c).map(|n| (Lbl::Letter(n), end));
        }
        return None;
    }
    // "đ)" is not ASCII: look at the first character and a ")".
    if first == 'đ' && s[first.len_utf8()..].starts_with(')') {
        return after(first.len_utf8() + 1).map(|e| (Lbl::Letter(5), e));
    }
    let core = head.strip_suffix('.').unwrap_or(&head);
    if core.is_empty() {
        return None;
    }
    let end = after(head_len)?;
    if let Some(n) = roman_value(core) {
        return head.ends_with('.').then_some((Lbl::Roman(n), end));
    }
    let parts: Vec<&str> = core.split('.').collect();
    if parts.iter().any(|p| p.is_empty() || p.len() > 2 || !p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let nums: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    if nums.contains(&0) {
        return None;
    }
    match nums.len() {
        // "1." but not "1 " (a number starting a sentence).
        1 if head.ends_with('.') => Some((Lbl::Arabic(nums[0]), end)),
        2..=4 => Some((Lbl::Decimal(nums), end)),
        _ => None,
    }
}

/// A label Word draws, read the same way as a typed one.
pub fn drawn_label(l: &Label) -> Option<Lbl> {
    match l {
        Label::Bullet('+', _) => Some(Lbl::Plus),
        Label::Bullet('-', _) => Some(Lbl::Dash),
        Label::Bullet(_, level) => Some(if *level == 0 { Lbl::Dash } else { Lbl::Plus }),
        Label::Number(s) => typed_label(&format!("{} x", s.trim())).map(|(l, _)| l),
    }
}

/// Runs with the first `n` bytes of their text removed.
pub fn drop_prefix(runs: &[Run], mut n: usize) -> Vec<Run> {
    let mut out = Vec::new();
    for r in runs {
        if n >= r.text.len() {
            n -= r.text.len();
            continue;
        }
        let mut r = r.clone();
        r.text = r.text[n..].to_string();
        n = 0;
        out.push(r);
    }
    out
}

/// White space as one space, trimmed; no-break spaces included.
pub fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Whether all letters of the runs' text are bold / italic.
pub fn whole(runs: &[Run]) -> (bool, bool) {
    let visible: Vec<&Run> = runs.iter().filter(|r| r.text.chars().any(|c| c.is_alphanumeric())).collect();
    if visible.is_empty() {
        return (false, false);
    }
    (visible.iter().all(|r| r.bold), visible.iter().all(|r| r.italic))
}

#[derive(Clone, Copy, PartialEq)]
enum Mark {
    Plain,
    Bold,
    Italic,
}

/// The runs as kehoach text: `**bold**` and `*italic*` where they differ from what the
/// element prints by itself (`base`: bold, italic), a literal star escaped. Bold and
/// italic together keep the bold (the inline syntax cannot stack them at one spot);
/// whatever the marks cannot say exactly is written plain.
pub fn marked(runs: &[Run], base: (bool, bool)) -> String {
    let mut segs: Vec<(Mark, String)> = Vec::new();
    for r in runs {
        let text = r.text.replace(['\t', '\n', '\u{a0}'], " ");
        let mark = if r.bold && !base.0 {
            Mark::Bold
        } else if r.italic && !base.1 {
            Mark::Italic
        } else {
            Mark::Plain
        };
        let mark = if text.trim().is_empty() { segs.last().map(|s| s.0).unwrap_or(Mark::Plain) } else { mark };
        match segs.last_mut() {
            Some(l) if l.0 == mark => l.1.push_str(&text),
            _ => segs.push((mark, text)),
        }
    }
    // Two marked spans touching cannot both be written: the longer one's mark wins.
    let mut i = 0;
    while i + 1 < segs.len() {
        if segs[i].0 != Mark::Plain && segs[i + 1].0 != Mark::Plain {
            let keep = if segs[i].1.len() >= segs[i + 1].1.len() { segs[i].0 } else { segs[i + 1].0 };
            let t = segs.remove(i + 1).1;
            segs[i].1.push_str(&t);
            segs[i].0 = keep;
            if i > 0 && segs[i - 1].0 == keep {
                let t = segs.remove(i).1;
                segs[i - 1].1.push_str(&t);
                i -= 1;
            }
            continue;
        }
        i += 1;
    }
    let plain: String = squash(&segs.iter().map(|s| s.1.as_str()).collect::<String>());
    let mut out = String::new();
    for (mark, text) in &segs {
        let esc = text.replace('*', "\\*");
        let inner = esc.trim();
        if *mark == Mark::Plain || inner.is_empty() {
            out.push_str(&esc);
            continue;
        }
        let star = if *mark == Mark::Bold { "**" } else { "*" };
        out.push_str(&esc[..esc.len() - esc.trim_start().len()]);
        out.push_str(star);
        out.push_str(inner);
        out.push_str(star);
        out.push_str(&esc[esc.trim_end().len()..]);
    }
    let out = squash(&out);
    if inline::plain_text(&inline::parse(&out)) == plain {
        out
    } else {
        plain.replace('*', "\\*")
    }
}

/// How words are cased in the document's running text, to undo capitals.
#[derive(Default)]
pub struct Casing {
    /// lower-case word → (lower, Capitalised, ACRONYM) counts, away from sentence starts.
    forms: HashMap<String, [u32; 3]>,
    /// The same for a word after a given word ("lâm đồng"): names are told by their neighbours.
    pairs: HashMap<String, [u32; 3]>,
}

impl Casing {
    /// Learns from one paragraph; paragraphs mostly in capitals teach nothing.
    pub fn learn(&mut self, text: &str) {
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        let upper = letters.iter().filter(|c| c.is_uppercase()).count();
        if letters.is_empty() || upper * 10 > letters.len() * 6 {
            return;
        }
        let mut start = true;
        let mut prev = String::new();
        for w in text.split_whitespace() {
            let word: String = w.chars().filter(|c| c.is_alphabetic()).collect();
            let lower = word.to_lowercase();
            if !word.is_empty() && !start {
                let kind = if word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase()) {
                    2
                } else if word.chars().next().is_some_and(|c| c.is_uppercase()) {
                    1
                } else {
                    0
                };
                self.forms.entry(lower.clone()).or_default()[kind] += 1;
                if !prev.is_empty() {
                    self.pairs.entry(format!("{prev} {lower}")).or_default()[kind] += 1;
                }
            }
            start = w.ends_with(['.', ':', '!', '?']) || w.ends_with("./.");
            // A pair holds across a space only, not across punctuation.
            prev = if w.ends_with(|c: char| c.is_alphabetic()) { lower } else { String::new() };
        }
    }

    /// Text printed in capitals back in the document's casing: "XÃ GIO SƠN" → "Xã Gio Sơn".
    /// Text not in capitals is returned as it is.
    pub fn recase(&self, s: &str) -> String {
        let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.is_empty() || letters.iter().any(|c| c.is_lowercase()) {
            return s.to_string();
        }
        let mut out = String::new();
        let mut first = true;
        let mut cur = String::new();
        let mut prev = String::new();
        let flush = |cur: &mut String, out: &mut String, first: &mut bool, prev: &mut String| {
            if cur.is_empty() {
                prev.clear();
                return;
            }
            let lower = cur.to_lowercase();
            let pair = (!prev.is_empty()).then(|| self.pairs.get(&format!("{prev} {lower}"))).flatten();
            *prev = lower.clone();
            let form = match pair.or_else(|| self.forms.get(&lower)) {
                Some([l, c, a]) if a > l && a > c => cur.clone(),
                Some([l, c, _]) if c > l => capitalise(&lower),
                _ if cur.chars().count() >= 2
                    && !cur.chars().any(|c| "AĂÂEÊIOÔƠUƯYÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ".contains(c)) =>
                {
                    // No vowel: an abbreviation (TTHC, HĐND), not a word.
                    cur.clone()
                }
                _ => lower.clone(),
            };
            out.push_str(&if *first { capitalise(&form) } else { form });
            *first = false;
            cur.clear();
        };
        for c in s.chars() {
            if c.is_alphabetic() {
                cur.push(c);
            } else {
                let keep = c == ' ';
                flush(&mut cur, &mut out, &mut first, &mut prev);
                if !keep {
                    prev.clear();
                }
                out.push(c);
            }
        }
        flush(&mut cur, &mut out, &mut first, &mut prev);
        out
    }
}

/// An agency's name back from capitals: the words after a unit word (xã, huyện, tỉnh…) are a
/// proper name, capitalised whether or not the running text names it.
pub fn agency_case(casing: &Casing, s: &str) -> String {
    const UNITS: [&str; 9] = ["xã", "phường", "trấn", "huyện", "quận", "tỉnh", "phố", "khu", "thị xã"];
    let text = capitalise(&casing.recase(s));
    let mut proper = false;
    let mut out = Vec::new();
    for w in text.split(' ') {
        let lw = w.to_lowercase();
        out.push(if proper { capitalise(w) } else { w.to_string() });
        if !proper && UNITS.contains(&lw.as_str()) && !(lw == "thị" || lw == "thành" || lw == "đặc") {
            proper = true;
        }
    }
    out.join(" ")
}

/// A short excerpt for a warning: the first words, at most about 60 characters.
pub fn excerpt(s: &str) -> String {
    let s = squash(&s.replace("\\*", "*").replace("**", "").replace('*', ""));
    if s.chars().count() <= 60 {
        return s;
    }
    let cut: String = s.chars().take(57).collect();
    let cut = cut.rsplit_once(' ').map(|(a, _)| a.to_string()).unwrap_or(cut);
    format!("{cut}…")
}

/// "Phụ lục I", "Phụ lục 01", "phụ lục kèm theo" in `s` replaced by `{{ phu_luc.KEY }}`
/// when they name one of `ids` (in order); a bare "Phụ lục" names the only appendix.
pub fn link_appendices(s: &str, ids: &[String]) -> String {
    if ids.is_empty() {
        return s.to_string();
    }
    let lower = s.to_lowercase();
    // Lower-casing Vietnamese keeps byte offsets only where lengths agree; else leave the text.
    if lower.len() != s.len() {
        return s.to_string();
    }
    let mut out = String::new();
    let mut last = 0;
    let mut from = 0;
    while let Some(i) = lower[from..].find("phụ lục") {
        let start = from + i;
        let mut end = start + "phụ lục".len();
        from = end;
        if start > 0 && lower[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let rest = &s[end..];
        let word: String = rest.trim_start_matches(' ').chars().take_while(|c| c.is_alphanumeric()).collect();
        let number = roman_value(&word).or_else(|| (word.len() <= 2).then(|| word.parse::<u32>().ok()).flatten());
        let target = match number {
            Some(n) => {
                end += rest.len() - rest.trim_start_matches(' ').len() + word.len();
                (n as usize <= ids.len() && (ids.len() > 1 || n == 1)).then(|| n as usize - 1)
            }
            None if ids.len() == 1 => {
                let capital = s[start..].starts_with('P');
                let then = lower[end..].trim_start();
                (capital || then.starts_with("kèm theo") || then.starts_with("đính kèm")).then_some(0)
            }
            None => None,
        };
        if let Some(k) = target {
            out.push_str(&s[last..start]);
            out.push_str(&format!("{{{{ phu_luc.{} }}}}", ids[k]));
            last = end;
            from = end;
        }
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str, b: bool, i: bool) -> Run {
        Run { text: t.into(), bold: b, italic: i, mark: None }
    }

    #[test]
    fn labels() {
        let l = |s: &str| typed_label(s).map(|(l, n)| (l, s[n..].to_string()));
        assert_eq!(l("I. MỤC ĐÍCH"), Some((Lbl::Roman(1), "MỤC ĐÍCH".into())));
        assert_eq!(l("IV.\tNHIỆM VỤ"), Some((Lbl::Roman(4), "NHIỆM VỤ".into())));
        assert_eq!(l("2. Yêu cầu"), Some((Lbl::Arabic(2), "Yêu cầu".into())));
        assert_eq!(l("9.1. Con"), Some((Lbl::Decimal(vec![9, 1]), "Con".into())));
        assert_eq!(l("1.2.3 Cháu"), Some((Lbl::Decimal(vec![1, 2, 3]), "Cháu".into())));
        assert_eq!(l("đ) Năm"), Some((Lbl::Letter(5), "Năm".into())));
        assert_eq!(l("e) Sáu"), Some((Lbl::Letter(6), "Sáu".into())));
        assert_eq!(l("- Ý"), Some((Lbl::Dash, "Ý".into())));
        assert_eq!(l("-Tổ chức"), Some((Lbl::Dash, "Tổ chức".into())));
        assert_eq!(l("+ Ý con"), Some((Lbl::Plus, "Ý con".into())));
        for s in ["100% hồ sơ", "2025 là năm", "Điều 1. Công bố", "5.280 hồ sơ", "-5 độ", "1.", "a)", "I nghĩ"] {
            assert_eq!(typed_label(s), None, "{s}");
        }
        assert_eq!(drawn_label(&Label::Number("a)".into())), Some(Lbl::Letter(1)));
        assert_eq!(drawn_label(&Label::Bullet('•', 1)), Some(Lbl::Plus));
    }

    #[test]
    fn marks_from_runs() {
        assert_eq!(marked(&[run("Điều 1.", true, false), run(" Công bố", false, false)], (false, false)), "**Điều 1.** Công bố");
        assert_eq!(marked(&[run("a ", false, false), run("(Không đạt)", false, true)], (false, false)), "a *(Không đạt)*");
        assert_eq!(marked(&[run("Đậm cả câu", true, false)], (true, false)), "Đậm cả câu");
        assert_eq!(marked(&[run("x", true, false), run("y", false, true)], (false, false)), "**xy**");
        assert_eq!(marked(&[run("2 * 3", false, false)], (false, false)), "2 \\* 3");
        assert_eq!(marked(&[run("xếp loạ", false, false), run("i  ", false, false), run("C", false, false)], (false, false)), "xếp loại C");
    }

    #[test]
    fn capitals_undone_from_the_document() {
        let mut c = Casing::default();
        c.learn("Ủy ban nhân dân xã Gio Sơn và UBND tỉnh ban hành kế hoạch về TTHC của xã Gio Sơn.");
        assert_eq!(c.recase("XÃ GIO SƠN"), "Xã Gio Sơn");
        assert_eq!(c.recase("ỦY BAN NHÂN DÂN"), "Ủy ban nhân dân");
        assert_eq!(c.recase("CẢI CÁCH TTHC CỦA UBND"), "Cải cách TTHC của UBND");
        assert_eq!(c.recase("Mục đích"), "Mục đích");
        c.learn("Các sở, ban, ngành và ban quản lý; tỉnh Lâm Đồng, các thôn đồng bằng.");
        assert_eq!(c.recase("TỈNH LÂM ĐỒNG"), "Tỉnh Lâm Đồng", "a name is told by the word before it");
        assert_eq!(agency_case(&c, "UBND HUYỆN THỬ NGHIỆM"), "UBND huyện Thử Nghiệm");
        assert_eq!(agency_case(&c, "XÃ ĐỦ LOẠI"), "Xã Đủ Loại");
    }

    #[test]
    fn appendix_references() {
        let two = vec!["phu-luc-1".to_string(), "phu-luc-2".to_string()];
        assert_eq!(link_appendices("Tại Phụ lục I và phụ lục II đính kèm", &two), "Tại {{ phu_luc.phu-luc-1 }} và {{ phu_luc.phu-luc-2 }} đính kèm");
        assert_eq!(link_appendices("tại Phụ lục chỉ tiêu; Phụ lục 02", &two), "tại Phụ lục chỉ tiêu; {{ phu_luc.phu-luc-2 }}");
        assert_eq!(link_appendices("PHỤ LỤC III", &two), "PHỤ LỤC III");
        let one = vec!["phu-luc-1".to_string()];
        assert_eq!(link_appendices("(Chi tiết theo Phụ lục đính kèm)", &one), "(Chi tiết theo {{ phu_luc.phu-luc-1 }} đính kèm)");
        assert_eq!(link_appendices("các phụ lục kèm theo; phụ lục khác", &one), "các {{ phu_luc.phu-luc-1 }} kèm theo; phụ lục khác");
    }
}
