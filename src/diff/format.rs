//! The changes written out: text (one line per change, grouped by part, optionally in
//! colour), Markdown (for a pull-request comment) and JSON (`{"changes": [...]}`).

use super::words::{Op, Piece};
use super::{Change, Kind};
use crate::diag::Lang;

/// How many changes of each kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub removed: usize,
    pub moved: usize,
    pub changed: usize,
}

pub fn counts(changes: &[Change]) -> Counts {
    let n = |k: Kind| changes.iter().filter(|c| c.kind == k).count();
    Counts { added: n(Kind::Added), removed: n(Kind::Removed), moved: n(Kind::Moved), changed: n(Kind::Changed) }
}

/// `5 thay đổi: 1 thêm, 0 bớt, 1 di chuyển, 3 sửa`, or that nothing changed.
pub fn count_line(changes: &[Change], lang: Lang) -> String {
    let c = counts(changes);
    let total = changes.len();
    match (lang, total) {
        (Lang::Vi, 0) => "Không có thay đổi".into(),
        (Lang::En, 0) => "No changes".into(),
        (Lang::Vi, _) => format!("{total} thay đổi: {} thêm, {} bớt, {} di chuyển, {} sửa", c.added, c.removed, c.moved, c.changed),
        (Lang::En, _) => {
            format!("{total} change{}: {} added, {} removed, {} moved, {} changed", if total == 1 { "" } else { "s" }, c.added, c.removed, c.moved, c.changed)
        }
    }
}

/// The changes in their groups, in the order the groups first appear.
fn groups(changes: &[Change]) -> Vec<(&str, Vec<&Change>)> {
    let mut out: Vec<(&str, Vec<&Change>)> = Vec::new();
    for c in changes {
        match out.iter_mut().find(|g| g.0 == c.group) {
            Some(g) => g.1.push(c),
            None => out.push((&c.group, vec![c])),
        }
    }
    out
}

/// Marks a piece of removed or added text.
type Mark<'a> = dyn Fn(&str) -> String + 'a;

struct Paint {
    color: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn place(c: &Change) -> String {
    let side = |l: &Option<super::Loc>| l.as_ref().map(|l| l.printed.clone().unwrap_or_else(|| l.path.clone()));
    match c.kind {
        Kind::Moved => format!("{} → {}", side(&c.at.old).unwrap_or_default(), side(&c.at.new).unwrap_or_default()),
        Kind::Removed => side(&c.at.old).unwrap_or_default(),
        _ => side(&c.at.new).or_else(|| side(&c.at.old)).unwrap_or_default(),
    }
}

fn lines(c: &Change, lang: Lang) -> String {
    let word = if lang == Lang::Vi { "dòng" } else { "line" };
    let l = |x: &Option<super::Loc>| x.as_ref().and_then(|l| l.line);
    match (l(&c.at.old), l(&c.at.new)) {
        (Some(a), Some(b)) if a != b => format!("{word} {a} → {b}"),
        (Some(a), _) | (None, Some(a)) => format!("{word} {a}"),
        _ => String::new(),
    }
}

/// The changed words with a few words of context each side; long unchanged runs are cut.
fn word_diff(pieces: &[Piece], del: &dyn Fn(&str) -> String, ins: &dyn Fn(&str) -> String) -> String {
    const KEEP: usize = 5;
    let mut out = String::new();
    let n = pieces.len();
    for (k, p) in pieces.iter().enumerate() {
        match p.op {
            Op::Del => out += &del(&p.text),
            Op::Ins => out += &ins(&p.text),
            Op::Same => {
                let words: Vec<&str> = p.text.split(' ').collect();
                let (first, last) = (k == 0, k + 1 == n);
                if words.len() <= KEEP * 2 + 1 || (first && words.len() <= KEEP) || (last && words.len() <= KEEP) {
                    out += &p.text;
                } else if first {
                    out += &format!("…{}", words[words.len() - KEEP..].join(" "));
                } else if last {
                    out += &format!("{}…", words[..KEEP].join(" "));
                } else {
                    out += &format!("{} … {}", words[..KEEP].join(" "), words[words.len() - KEEP..].join(" "));
                }
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What changed, on one line, with `del`/`ins` marking removed and added text.
fn how(c: &Change, lang: Lang, del: &dyn Fn(&str) -> String, ins: &dyn Fn(&str) -> String) -> String {
    let vi = lang == Lang::Vi;
    let none = if vi { "(trống)" } else { "(empty)" };
    match c.kind {
        Kind::Added | Kind::Moved => ins(c.new.as_deref().unwrap_or("")),
        Kind::Removed => del(c.old.as_deref().unwrap_or("")),
        Kind::Changed => {
            if !c.words.is_empty() {
                return word_diff(&c.words, del, ins);
            }
            let mut s = format!("{} → {}", c.old.as_deref().map(del).unwrap_or_else(|| none.into()), c.new.as_deref().map(ins).unwrap_or_else(|| none.into()));
            if let Some(sh) = &c.shift {
                s += &format!(" ({sh})");
            }
            let mut lists = Vec::new();
            if !c.removed.is_empty() {
                lists.push(format!("{} {}", if vi { "bớt" } else { "removed" }, c.removed.join("; ")));
            }
            if !c.added.is_empty() {
                lists.push(format!("{} {}", if vi { "thêm" } else { "added" }, c.added.join("; ")));
            }
            if !lists.is_empty() {
                s += &format!(" ({})", lists.join(", "));
            }
            s
        }
    }
}

/// The default output: a heading per part, one line per change, the count last.
pub fn text(changes: &[Change], lang: Lang, color: bool) -> String {
    let p = Paint { color };
    let mut out = String::new();
    for (group, list) in groups(changes) {
        out += &p.wrap("1", group);
        out += "\n";
        for c in list {
            let (mark, code) = match c.kind {
                Kind::Added => ("+", "32"),
                Kind::Removed => ("-", "31"),
                Kind::Moved => ("↕", "36"),
                Kind::Changed => ("~", "33"),
            };
            let del = |s: &str| if color { format!("\x1b[31;9m{s}\x1b[0m") } else { format!("[-{s}-]") };
            let ins = |s: &str| if color { format!("\x1b[32m{s}\x1b[0m") } else { format!("{{+{s}+}}") };
            let (del, ins): (&Mark<'_>, &Mark<'_>) = match c.kind {
                Kind::Changed => (&del, &ins),
                _ => (&|s: &str| s.to_string(), &|s: &str| s.to_string()),
            };
            let at = lines(c, lang);
            let at = if at.is_empty() { at } else { format!("  {}", p.wrap("2", &format!("({at})"))) };
            out += &format!("  {} {}: {}{at}\n", p.wrap(code, mark), place(c), how(c, lang, del, ins));
        }
    }
    out += &p.wrap("1", &count_line(changes, lang));
    out += "\n";
    out
}

fn md_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        if "\\`*_[]<>|~".contains(ch) {
            o.push('\\');
        }
        o.push(ch);
    }
    o
}

/// The same for a pull-request comment: a heading per part, a bullet per change.
pub fn markdown(changes: &[Change], lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut out = format!("## {}\n\n", if vi { "Thay đổi của kế hoạch" } else { "Changes to the plan" });
    for (group, list) in groups(changes) {
        out += &format!("### {}\n\n", md_escape(group));
        for c in list {
            let mark = match (c.kind, vi) {
                (Kind::Added, true) => "thêm",
                (Kind::Removed, true) => "bớt",
                (Kind::Moved, true) => "di chuyển",
                (Kind::Changed, true) => "sửa",
                (Kind::Added, false) => "added",
                (Kind::Removed, false) => "removed",
                (Kind::Moved, false) => "moved",
                (Kind::Changed, false) => "changed",
            };
            // Markers hug the words; the spaces around them stay outside.
            let wrap = |s: &str, m: &str| {
                let core = s.trim();
                let lead = &s[..s.len() - s.trim_start().len()];
                let trail = &s[s.trim_end().len()..];
                if core.is_empty() {
                    s.to_string()
                } else {
                    format!("{lead}{m}{}{m}{trail}", md_escape(core))
                }
            };
            let del = |s: &str| wrap(s, "~~");
            let ins = |s: &str| wrap(s, "**");
            let plain = |s: &str| md_escape(s);
            let (del, ins): (&Mark<'_>, &Mark<'_>) = match c.kind {
                Kind::Changed => (&del, &ins),
                _ => (&plain, &plain),
            };
            let at = lines(c, lang);
            let at = if at.is_empty() { at } else { format!(" _({at})_") };
            out += &format!("- *{mark}* {}: {}{at}\n", md_escape(&place(c)), how(c, lang, del, ins));
        }
        out += "\n";
    }
    out += &format!("**{}**\n", count_line(changes, lang));
    out
}

/// `{"changes": [...]}`, pretty-printed.
pub fn json(changes: &[Change]) -> String {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        changes: &'a [Change],
    }
    let mut s = serde_json::to_string_pretty(&Out { changes }).unwrap_or_default();
    s.push('\n');
    s
}
