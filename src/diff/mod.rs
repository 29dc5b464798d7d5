//! The reviewer's diff: what changed between two versions of a plan, in the plan's own terms.
//!
//! `tree` turns each version into items (parts, points, paragraphs, tasks, targets, table
//! rows, recipients, appendices) with their fields as printed; `matching` pairs the items of
//! the two versions (by `id`, else by similarity, within the same parent); this module walks
//! the pairs and records each [`Change`] with where it is in both files (field path, line,
//! printed place) and how it changed (deadline shift, agencies added and removed, a word
//! diff); `format` writes the changes as text, Markdown or JSON. Nothing here knows of the CLI.
//! The matching rule and the JSON are documented in `docs/diff.md`.

pub mod format;
pub mod matching;
pub mod redline;
pub mod tree;
pub mod words;

use crate::diag::{Diagnostic, Lang};
use crate::plan::deadline::{self, Kind as DeadlineKind};
use crate::plan::load::Source;
use crate::plan::model::Plan;
use crate::plan::place;
use serde::Serialize;
use tree::Node;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Added,
    Removed,
    Moved,
    Changed,
}

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    Task,
    Target,
    Part,
    Point,
    Paragraph,
    TableRow,
    TableCell,
    Appendix,
    Header,
    Recipient,
    Signature,
}

/// A place in one version: field path, line in the file, place in the printed document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Loc {
    pub path: String,
    pub line: Option<usize>,
    pub printed: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Where {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Loc>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Loc>,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: Kind,
    pub item: Item,
    /// For `changed`: the YAML key (`thoi_gian`, `chu_tri`, `muc_tieu`, `noi_dung`…).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// As printed; for a removed item, its text on one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// As printed; for an added or moved item, its text on one line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
    /// A deadline moved from one day to another: days later (negative: earlier).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shift_days: Option<i64>,
    /// The shift in words: `lùi 18 ngày`, `sớm 1 tháng`, `lùi 1 quý`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shift: Option<String>,
    /// Agencies added to a list (`chu_tri`, `phoi_hop`, `danh_gia`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    /// Agencies removed from a list.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    /// The word diff of a changed text.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<words::Piece>,
    #[serde(rename = "where")]
    pub at: Where,
    /// The part of the document it belongs to, for grouping (`Mục II`, `Phụ lục I`).
    #[serde(skip)]
    pub group: String,
}

/// One version of a plan: the plan and its source (for lines).
pub struct Version {
    pub source: Source,
    pub plan: Plan,
}

/// Reads and checks one version; batch placeholders (`{{ xa.ten }}`) are compared as written.
pub fn load(path: &std::path::Path) -> Result<Version, Vec<Diagnostic>> {
    let source = Source::read(path, crate::plan::limits::MAX_PLAN_BYTES).map_err(|d| vec![d])?;
    load_source(source)
}

/// As [`load`], for a source already read. A rule broken only because a field holds a batch
/// placeholder (`so: "{{ so }}"`) is not a problem here: the plan is compared as written.
pub fn load_source(source: Source) -> Result<Version, Vec<Diagnostic>> {
    let parsed = crate::plan::load::parse_all(&source)?;
    let mut placeholders = Vec::new();
    let mut probe = parsed.plan.clone();
    crate::plan::walk::visit_strings(&mut probe, &mut |path, s| {
        if !crate::plan::vars::variables(s).is_empty() {
            placeholders.push(path.to_string());
        }
    });
    let mut problems = parsed.problems.clone();
    if let Err(d) = crate::plan::validate::validate(&source, parsed.plan.clone()) {
        problems.extend(d.into_iter().filter(|d| !placeholders.contains(&d.path)));
    }
    problems.retain(Diagnostic::is_error);
    if problems.is_empty() {
        return Ok(Version { source, plan: parsed.plan });
    }
    source.complete(&mut problems, Some(&parsed.plan));
    crate::batch::pipeline::sort(&mut problems);
    Err(problems)
}

/// The redline of `old` → `new` (`--format docx|pdf`): the new plan's view with the old text
/// merged in and marked, its first page the text summary of `changes`. Both versions must be
/// whole plans: a batch plan's placeholders cannot be laid out (they are reported as errors).
pub fn redline(old: &Version, new: &Version, changes: &[Change], names: (&str, &str), lang: Lang) -> Result<crate::view::PlanView, Vec<Diagnostic>> {
    let view = |v: &Version| crate::plan::validate::validate(&v.source, v.plan.clone()).map(|p| crate::view::build(&p));
    let (a, b) = (view(old), view(new));
    let (a, b) = match (a, b) {
        (Ok(a), Ok(b)) => (a, b),
        (a, b) => return Err(a.err().into_iter().chain(b.err()).flatten().collect()),
    };
    let title = match lang {
        Lang::Vi => format!("NHỮNG THAY ĐỔI SO VỚI BẢN CŨ ({} → {})", names.0, names.1),
        Lang::En => format!("CHANGES FROM THE OLD VERSION ({} → {})", names.0, names.1),
    };
    let summary = std::iter::once(title).chain(format::text(changes, lang, false).lines().map(str::to_string)).collect();
    Ok(redline::merge(&a, &b, summary))
}

/// Every change from `old` to `new`, in the order of the new document (removed items where they were).
pub fn compare(old: &Version, new: &Version, lang: Lang) -> Vec<Change> {
    let mut w = Walk { old, new, lang, out: Vec::new() };
    let (a, b) = (&old.plan, &new.plan);
    for (ha, hb) in tree::header(a).into_iter().zip(tree::header(b)) {
        if ha.3 != hb.3 {
            let c = w.field_change(ha.2, Some(ha.1), &ha.0, &hb.0, &ha.3, &hb.3);
            w.out.push(c);
        }
    }
    for ((_, la), (_, lb)) in tree::lists(a).iter().zip(tree::lists(b).iter()) {
        w.list(la, lb);
    }
    w.out
}

struct Walk<'a> {
    old: &'a Version,
    new: &'a Version,
    lang: Lang,
    out: Vec<Change>,
}

impl Walk<'_> {
    fn loc(&self, v: &Version, path: &str) -> Loc {
        Loc { path: path.to_string(), line: v.source.locator().find(path).map(|p| p.line), printed: place::describe(&v.plan, path, self.lang) }
    }

    fn group(&self, v: &Version, path: &str) -> String {
        let vi = self.lang == Lang::Vi;
        let top = match path.find(']') {
            Some(i) if path.starts_with("noi_dung[") || path.starts_with("phu_luc[") => &path[..=i],
            _ => "",
        };
        if !top.is_empty() {
            if let Some(p) = place::describe(&v.plan, top, self.lang) {
                return p;
            }
        }
        let head = ["co_quan", "loai", "so", "dia_danh", "ngay", "trich_yeu", "can_cu", "mo_dau"].iter().any(|k| path.starts_with(k));
        match (head, vi) {
            (true, true) => "Phần đầu".into(),
            (true, false) => "Opening".into(),
            (false, true) => "Phần cuối".into(),
            (false, false) => "Closing".into(),
        }
    }

    fn blank(&self, kind: Kind, item: Item) -> Change {
        Change {
            kind,
            item,
            field: None,
            old: None,
            new: None,
            shift_days: None,
            shift: None,
            added: vec![],
            removed: vec![],
            words: vec![],
            at: Where::default(),
            group: String::new(),
        }
    }

    fn list(&mut self, old: &[Node], new: &[Node]) {
        let p = matching::pair(old, new);
        for &i in &p.removed {
            self.whole(Kind::Removed, &old[i]);
        }
        for (j, n) in new.iter().enumerate() {
            if p.added.contains(&j) {
                self.whole(Kind::Added, n);
            } else if let Some(&(i, _, moved)) = p.pairs.iter().find(|x| x.1 == j) {
                self.pair(&old[i], n, moved);
            }
        }
    }

    /// An item added or removed whole; a container stands for its items.
    fn whole(&mut self, kind: Kind, n: &Node) {
        if n.container {
            for (_, l) in &n.lists {
                for c in l {
                    self.whole(kind, c);
                }
            }
            return;
        }
        let v = if kind == Kind::Added { self.new } else { self.old };
        let mut c = self.blank(kind, n.item);
        let text = Some(one_line(&n.own_text()));
        if kind == Kind::Added {
            c.new = text;
            c.at.new = Some(self.loc(v, &n.path));
        } else {
            c.old = text;
            c.at.old = Some(self.loc(v, &n.path));
        }
        c.group = self.group(v, &n.path);
        self.out.push(c);
    }

    fn pair(&mut self, a: &Node, b: &Node, moved: bool) {
        if moved {
            let mut c = self.blank(Kind::Moved, b.item);
            c.new = Some(one_line(&b.own_text()));
            c.at = Where { old: Some(self.loc(self.old, &a.path)), new: Some(self.loc(self.new, &b.path)) };
            c.group = self.group(self.new, &b.path);
            self.out.push(c);
        }
        for (fa, fb) in a.fields.iter().zip(&b.fields) {
            if fa.text != fb.text {
                let c = self.field_change(fb.item, fb.key, &format!("{}{}", a.path, fa.suffix), &format!("{}{}", b.path, fb.suffix), &fa.text, &fb.text);
                self.out.push(c);
            }
        }
        for ((_, la), (_, lb)) in a.lists.iter().zip(&b.lists) {
            self.list(la, lb);
        }
    }

    fn field_change(&self, item: Item, key: Option<&str>, old_path: &str, new_path: &str, old: &str, new: &str) -> Change {
        let mut c = self.blank(Kind::Changed, item);
        c.field = key.map(String::from);
        c.old = (!old.is_empty()).then(|| old.to_string());
        c.new = (!new.is_empty()).then(|| new.to_string());
        c.at = Where { old: Some(self.loc(self.old, old_path)), new: Some(self.loc(self.new, new_path)) };
        c.group = self.group(self.new, new_path);
        match key {
            Some("thoi_gian") => {
                let (days, words) = shift(old, new, self.lang);
                c.shift_days = days;
                c.shift = words;
            }
            Some("chu_tri" | "tham_muu" | "phoi_hop" | "danh_gia") => {
                let (a, b) = (agencies(old), agencies(new));
                let norm = |s: &str| s.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
                c.removed = a.iter().filter(|x| !b.iter().any(|y| norm(y) == norm(x))).cloned().collect();
                c.added = b.iter().filter(|y| !a.iter().any(|x| norm(x) == norm(y))).cloned().collect();
            }
            Some("muc_tieu" | "hien_tai" | "don_vi" | "so" | "ngay" | "huong") => {}
            _ if !old.is_empty() && !new.is_empty() => c.words = words::diff(old, new),
            _ => {}
        }
        c
    }
}

/// Agencies of a list: separated by `,` or `;`.
fn agencies(s: &str) -> Vec<String> {
    s.split([';', ',']).map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect()
}

/// A text shortened to one line of at most 80 characters.
pub fn one_line(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 80 {
        return flat;
    }
    let cut: String = flat.chars().take(79).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > 40 => cut[..i].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':']))
}

/// How far a deadline moved, when both are of one kind that can be counted: days between two
/// dates, months, quarters or years; `None` for other kinds or kinds that differ.
pub fn shift(old: &str, new: &str, lang: Lang) -> (Option<i64>, Option<String>) {
    let (Ok(a), Ok(b)) = (deadline::parse(old), deadline::parse(new)) else { return (None, None) };
    let (n, unit_vi, unit_en) = match (&a.kind, &b.kind) {
        (DeadlineKind::Date(x), DeadlineKind::Date(y)) => ((*y - *x).num_days(), "ngày", "day"),
        (DeadlineKind::Month { month: m1, year: y1 }, DeadlineKind::Month { month: m2, year: y2 }) => {
            ((*y2 as i64 * 12 + *m2 as i64) - (*y1 as i64 * 12 + *m1 as i64), "tháng", "month")
        }
        (DeadlineKind::Quarter { quarter: q1, year: y1 }, DeadlineKind::Quarter { quarter: q2, year: y2 }) => {
            ((*y2 as i64 * 4 + *q2 as i64) - (*y1 as i64 * 4 + *q1 as i64), "quý", "quarter")
        }
        (DeadlineKind::Year(y1), DeadlineKind::Year(y2)) => ((*y2 - *y1) as i64, "năm", "year"),
        _ => return (None, None),
    };
    if n == 0 {
        return (None, None);
    }
    let days = matches!(a.kind, DeadlineKind::Date(_)).then_some(n);
    let words = match lang {
        Lang::Vi => format!("{} {} {unit_vi}", if n > 0 { "lùi" } else { "sớm" }, n.abs()),
        Lang::En => format!("{} {unit_en}{} {}", n.abs(), if n.abs() == 1 { "" } else { "s" }, if n > 0 { "later" } else { "earlier" }),
    };
    (days, Some(words))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_in_words() {
        assert_eq!(shift("Trước ngày 28/3/2025", "Trước ngày 15/4/2025", Lang::Vi), (Some(18), Some("lùi 18 ngày".into())));
        assert_eq!(shift("Tháng 5 năm 2025", "Tháng 4 năm 2025", Lang::Vi), (None, Some("sớm 1 tháng".into())));
        assert_eq!(shift("Quý II năm 2025", "Quý III năm 2025", Lang::En), (None, Some("1 quarter later".into())));
        assert_eq!(shift("Quý II năm 2025", "Thường xuyên", Lang::Vi), (None, None));
    }

    #[test]
    fn one_line_shortens() {
        let long = "từ ".repeat(60);
        let s = one_line(&long);
        assert!(s.ends_with('…') && s.chars().count() <= 80, "{s}");
        assert_eq!(one_line("a\n  b"), "a b");
    }
}
