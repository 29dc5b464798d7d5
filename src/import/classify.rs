//! The plan's structure recognised in a neutral document.
//!
//! The document is cut into zones by what the page says: the header (issuer,
//! "Số: …", place and date; from a two-column table, stacked cells or
//! paragraphs split by tabs), the document type and trích yếu, the body, Nơi
//! nhận and the signature, and each PHỤ LỤC. The body's paragraphs are placed
//! in an outline by their labels (typed or drawn by Word): I. → 1. (1.1. as
//! decimal children) → a), "-" and "+" points; formatting and heading styles
//! decide whether a numbered paragraph is a heading. Tables go to `tables`.
//! Anything else stays a paragraph where it was, with a warning.

use super::docx::{Align, Document, Element, Origin, Para, Run, Table};
use super::tables;
use super::text::{self, Casing, Lbl};
use super::write::{Item, Kind, Node};
use super::{ImportWarning, WarnMsg};
use crate::text::vn;

/// Shared by the classifier's parts: the warnings so far, the document's casing, the appendix keys.
pub(super) struct Ctx {
    pub warnings: Vec<ImportWarning>,
    pub casing: Casing,
    pub ids: Vec<String>,
    /// The document marks headings with heading styles: then a numbered paragraph without one is not a heading.
    pub styled: bool,
    /// Warnings about a whole container, written above its first numbered item.
    pending: Vec<usize>,
}

impl Ctx {
    pub fn warn(&mut self, msg: WarnMsg, about: Option<&str>) -> usize {
        self.warnings.push(ImportWarning { msg, excerpt: about.map(text::excerpt), line: None });
        self.warnings.len() - 1
    }

    /// Text as it goes into the plan: "{{" broken, appendix names turned into references.
    pub fn text(&mut self, s: &str, notes: &mut Vec<usize>) -> String {
        let mut s = s.to_string();
        if s.contains("{{") {
            notes.push(self.warn(WarnMsg::Braces, Some(&s)));
            while s.contains("{{") {
                s = s.replace("{{", "{ {");
            }
        }
        text::link_appendices(&s, &self.ids)
    }

    /// A text node with its warnings.
    pub fn item(&mut self, s: &str, mut notes: Vec<usize>) -> Item {
        let t = self.text(s, &mut notes);
        Node::Text(t).noted(notes)
    }
}

/// One paragraph as the classifier reads it.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub label: Option<Lbl>,
    /// The label as the page shows it ("1.", "a)", "-").
    pub label_text: String,
    /// The runs after the label.
    pub runs: Vec<Run>,
    /// The plain text after the label, white space squashed.
    pub plain: String,
    pub bold: bool,
    pub italic: bool,
    pub heading: Option<u8>,
    pub origin: Origin,
    pub align: Align,
    pub page_break: bool,
    /// Found after the signature and moved to the body's end.
    pub moved: bool,
}

impl Unit {
    /// The paragraph's lines as units: one unit, or one per line where a line break starts a new
    /// labelled line (always in a cell, where lines are separate entries).
    pub fn from_para(p: &Para, split_lines: bool) -> Vec<Unit> {
        let mut lines: Vec<Vec<Run>> = vec![Vec::new()];
        for r in &p.runs {
            for (i, part) in r.text.split('\n').enumerate() {
                if i > 0 {
                    lines.push(Vec::new());
                }
                if !part.is_empty() {
                    lines.last_mut().unwrap().push(Run { text: part.to_string(), ..r.clone() });
                }
            }
        }
        let starts_label = |l: &Vec<Run>| text::typed_label(text::squash(&l.iter().map(|r| r.text.as_str()).collect::<String>()).as_str()).is_some();
        let split = split_lines || lines.iter().skip(1).any(starts_label);
        let groups: Vec<Vec<Run>> = if split {
            lines
        } else {
            // A soft line break inside a paragraph reads as a space.
            vec![lines
                .into_iter()
                .reduce(|mut a, b| {
                    a.push(Run { text: " ".into(), bold: false, italic: false, mark: None });
                    a.extend(b);
                    a
                })
                .unwrap_or_default()]
        };
        let mut out = Vec::new();
        for (i, runs) in groups.into_iter().enumerate() {
            let drawn = if i == 0 { p.label.as_ref() } else { None };
            if let Some(u) = Unit::new(runs, drawn, p, i == 0) {
                out.push(u);
            }
        }
        out
    }

    fn new(runs: Vec<Run>, drawn: Option<&super::numbering::Label>, p: &Para, first: bool) -> Option<Unit> {
        // Leading white space would hide a typed label.
        let lead: usize = {
            let t: String = runs.iter().map(|r| r.text.as_str()).collect();
            t.len() - t.trim_start().len()
        };
        let runs = text::drop_prefix(&runs, lead);
        let raw: String = runs.iter().map(|r| r.text.as_str()).collect();
        let (label, label_text, runs) = match drawn.and_then(text::drawn_label) {
            Some(l) => {
                let shown = match drawn {
                    Some(super::numbering::Label::Number(s)) => s.trim().to_string(),
                    _ => if l == Lbl::Plus { "+" } else { "-" }.to_string(),
                };
                (Some(l), shown, runs)
            }
            None => match text::typed_label(&raw) {
                Some((l, n)) => (Some(l), raw[..n].trim().to_string(), text::drop_prefix(&runs, n)),
                None => (None, String::new(), runs),
            },
        };
        // A drawn label Word shows but kehoach does not read ("Điều 1.") stays part of the text.
        let (label_text, runs) = match (drawn, &label) {
            (Some(super::numbering::Label::Number(s)), None) => {
                let mut r = vec![Run { text: format!("{} ", s.trim()), bold: false, italic: false, mark: None }];
                r.extend(runs);
                (String::new(), r)
            }
            _ => (label_text, runs),
        };
        let plain = text::squash(&runs.iter().map(|r| r.text.as_str()).collect::<String>());
        if plain.is_empty() && label.is_none() {
            return None;
        }
        let (bold, italic) = text::whole(&runs);
        Some(Unit {
            label,
            label_text,
            runs,
            plain,
            bold,
            italic,
            heading: p.heading,
            origin: p.origin,
            align: p.align,
            page_break: p.page_break && first,
            moved: false,
        })
    }

    /// The text after the label with marks relative to what the element prints by itself.
    pub fn marked(&self, base: (bool, bool)) -> String {
        text::marked(&self.runs, base)
    }

    /// The paragraph's words as the page shows them, label included, without marks.
    pub fn words(&self) -> String {
        if self.label_text.is_empty() {
            self.plain.clone()
        } else {
            format!("{} {}", self.label_text, self.plain)
        }
    }

    /// The whole paragraph as text, its label typed in front.
    pub fn full(&self, base: (bool, bool)) -> String {
        if self.label_text.is_empty() {
            self.marked(base)
        } else {
            format!("{} {}", self.label_text, self.marked(base))
        }
    }
}

/// Paragraph or table, in reading order, with its section; `Gap` an empty paragraph or a drawn
/// rule, which ends a title block and is otherwise not content.
enum Piece<'a> {
    Text(Unit, usize),
    Table(&'a Table, usize),
    Gap(usize),
}

impl Piece<'_> {
    fn section(&self) -> usize {
        match self {
            Piece::Text(_, s) | Piece::Table(_, s) | Piece::Gap(s) => *s,
        }
    }
    fn unit(&self) -> Option<&Unit> {
        match self {
            Piece::Text(u, _) => Some(u),
            _ => None,
        }
    }
}

/// Document types: the printed name and kehoach's `loai` (None: not a kind kehoach makes).
const DOC_TYPES: [(&str, Option<&str>); 14] = [
    ("KẾ HOẠCH", Some("ke_hoach")),
    ("CHƯƠNG TRÌNH", Some("chuong_trinh")),
    ("PHƯƠNG ÁN", Some("phuong_an")),
    ("ĐỀ ÁN", Some("de_an")),
    ("BÁO CÁO", Some("bao_cao")),
    ("HƯỚNG DẪN", Some("huong_dan")),
    ("QUYẾT ĐỊNH", None),
    ("THÔNG BÁO", None),
    ("TỜ TRÌNH", None),
    ("NGHỊ QUYẾT", None),
    ("CHỈ THỊ", None),
    ("QUY CHẾ", None),
    ("QUY ĐỊNH", None),
    ("CÔNG VĂN", None),
];

fn doc_type(s: &str) -> Option<(&'static str, Option<&'static str>)> {
    let up = vn::upper(&text::squash(s));
    DOC_TYPES.iter().find(|(n, _)| *n == up).map(|(n, k)| (*n, *k))
}

fn lower(s: &str) -> String {
    text::squash(s).to_lowercase()
}

/// "Phụ lục", "PHỤ LỤC II", "Phụ lục số 01", "PHỤ LỤC I: TITLE": the label, and a title on the same line.
fn appendix_label(u: &Unit) -> Option<Option<String>> {
    if u.label.is_some() {
        return None;
    }
    let l = lower(&u.plain);
    let rest = l.strip_prefix("phụ lục")?;
    let (head, title) = match rest.split_once(':') {
        Some((h, t)) => (h, Some(t.trim())),
        None => (rest, None),
    };
    let head = head.trim().trim_start_matches("số").trim().trim_end_matches('.');
    let ok = head.is_empty() || head.chars().all(|c| c.is_ascii_digit()) || head.chars().all(|c| "ivxlc".contains(c)) && head.len() <= 5;
    if !ok {
        return None;
    }
    // The title keeps its case: take it from the original text.
    let title = title.filter(|t| !t.is_empty()).map(|t| {
        let orig = u.plain.split_once(':').map(|(_, t)| t.trim().to_string()).unwrap_or_default();
        if orig.is_empty() {
            t.to_string()
        } else {
            orig
        }
    });
    Some(title)
}

fn is_closing_start(p: &Piece) -> bool {
    let starts = |u: &Unit| lower(&u.words()).starts_with("nơi nhận");
    match p {
        Piece::Text(u, _) => starts(u),
        Piece::Table(t, _) => t.rows.iter().flat_map(|r| &r.cells).any(|c| c.paras.iter().flat_map(|p| Unit::from_para(p, true)).any(|u| starts(&u))),
        Piece::Gap(_) => false,
    }
}

/// The whole plan as a YAML tree, and the warnings met.
pub(super) fn plan(doc: &Document) -> (Item, Vec<ImportWarning>) {
    let mut ctx = Ctx { warnings: Vec::new(), casing: Casing::default(), ids: Vec::new(), styled: false, pending: Vec::new() };
    let mut pieces: Vec<Piece> = Vec::new();
    for (e, s) in &doc.body {
        match e {
            Element::Para(p) => {
                if p.heading.is_some() {
                    ctx.styled = true;
                }
                let units = Unit::from_para(p, false);
                if units.is_empty() {
                    pieces.push(Piece::Gap(*s));
                }
                for u in units {
                    ctx.casing.learn(&u.plain);
                    pieces.push(Piece::Text(u, *s));
                }
            }
            Element::Table(t) => {
                for p in t.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.paras) {
                    ctx.casing.learn(&p.text());
                }
                pieces.push(Piece::Table(t, *s));
            }
        }
    }

    // Zones.
    let type_at = pieces.iter().take(40).position(|p| p.unit().is_some_and(|u| u.label.is_none() && doc_type(&u.plain).is_some()));
    let after_title = type_at.map(|i| i + 1).unwrap_or(0);
    let closing = pieces.iter().enumerate().skip(after_title).find(|(_, p)| is_closing_start(p)).map(|(i, _)| i);
    let appendix_from = closing.map(|c| c + 1).unwrap_or(after_title);
    let starts: Vec<usize> = (appendix_from..pieces.len())
        .filter(|&i| {
            let Some(u) = pieces[i].unit() else { return false };
            if appendix_label(u).is_none() {
                return false;
            }
            // Without a signature to follow, an appendix must open a page (or the document).
            closing.is_some() || i == 0 || u.page_break || i > 0 && pieces[i - 1].section() != pieces[i].section()
        })
        .collect();
    ctx.ids = (1..=starts.len()).map(|n| format!("phu-luc-{n}")).collect();
    let body_end = closing.or(starts.first().copied()).unwrap_or(pieces.len());
    let closing_end = starts.first().copied().unwrap_or(pieces.len());

    let mut root = Node::map(Kind::Plan);
    let mut opening: Vec<Item> = Vec::new();

    // Header and title.
    let header = match type_at {
        Some(t) => Some(&pieces[..t]),
        None => pieces.first().filter(|p| matches!(p, Piece::Table(..))).filter(|p| header_like(p)).map(|_| &pieces[..1]),
    };
    let header_len = header.map(|h| h.len()).unwrap_or(0);
    let mut head = header.map(|h| read_header(h, &mut ctx, &mut opening)).unwrap_or_default();
    let mut body_start = header_len;
    let mut title = String::new();
    if let Some(t) = type_at {
        let u = pieces[t].unit().expect("a text piece");
        head.kind = doc_type(&u.plain);
        body_start = t + 1;
        let mut lines = Vec::new();
        while body_start < body_end {
            let Some(u) = pieces[body_start].unit() else { break };
            if u.label.is_some() || !(u.align == Align::Center || u.bold) || lines.len() >= 6 || u.page_break {
                break;
            }
            lines.push(u.marked((true, false)));
            body_start += 1;
        }
        title = text::squash(&lines.join(" "));
    }
    let body_start = body_start.min(body_end);

    // Appendices first: their keys and their "(Kèm theo …)" line are needed above.
    let mut appendices = Vec::new();
    let mut reference = None;
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(pieces.len());
        let (item, r) = appendix(&pieces[s..end], k, doc, &mut ctx);
        reference = reference.or(r);
        appendices.push(item);
    }

    // Closing: Nơi nhận and the signature; what else stands there goes to the body's end.
    let mut leftovers: Vec<&Piece> = Vec::new();
    let (recipients, signature) = match closing {
        Some(c) => read_closing(&pieces[c..closing_end], &mut ctx, &mut leftovers),
        None => (None, None),
    };

    // Body, with what stood after the signature at its end.
    let moved: Vec<Piece> = leftovers
        .iter()
        .map(|p| match p {
            Piece::Text(u, s) => Piece::Text(Unit { moved: true, ..u.clone() }, *s),
            Piece::Table(t, s) => Piece::Table(t, *s),
            Piece::Gap(s) => Piece::Gap(*s),
        })
        .collect();
    let body: Vec<&Piece> = pieces[body_start..body_end].iter().chain(moved.iter()).filter(|p| !matches!(p, Piece::Gap(_))).collect();
    let b = body_parts(&body, &mut ctx);

    // The header's facts, with what is missing filled in and said.
    head.fill(&mut ctx, reference.as_ref(), doc);
    head.write(
        &mut root,
        &mut ctx,
        title,
        appendices.first().and_then(|a| a.node.get("tieu_de")).and_then(|t| match &t.node {
            Node::Text(s) => Some(s.clone()),
            _ => None,
        }),
    );

    let mut mo_dau = opening;
    mo_dau.extend(b.mo_dau);
    if !b.can_cu.is_empty() {
        root.set("can_cu", Node::list(b.can_cu));
    }
    if !mo_dau.is_empty() {
        root.set("mo_dau", Node::list(mo_dau));
    }
    if !b.noi_dung.is_empty() {
        root.set("noi_dung", Node::list(b.noi_dung));
    }
    if !b.ket_thuc.is_empty() {
        root.set("ket_thuc", Node::list(b.ket_thuc));
    }
    match recipients {
        Some(r) => root.set("noi_nhan", r),
        None => {
            let n = ctx.warn(WarnMsg::Missing("noi_nhan"), None);
            root.set("noi_nhan", Node::map(Kind::Recipients).with("luu", Node::text("VT")).noted(vec![n]));
        }
    }
    match signature {
        Some(s) => root.set("ky", s),
        None => {
            let n = ctx.warn(WarnMsg::Missing("ky"), None);
            root.set("ky", Node::map(Kind::Signature).with("chuc_vu", Node::text("…")).with("ho_ten", Node::text("…")).noted(vec![n]));
        }
    }
    if !appendices.is_empty() {
        root.set("phu_luc", Node::list(appendices));
    }
    (root.into(), ctx.warnings)
}

fn header_like(p: &Piece) -> bool {
    let Piece::Table(t, _) = p else { return false };
    t.rows.iter().flat_map(|r| &r.cells).flat_map(|c| &c.paras).any(|p| {
        let l = lower(&p.text());
        l.starts_with("cộng hòa") || l.starts_with("cộng hoà") || l.starts_with("số:") || l.starts_with("số ")
    })
}

/// A line of the header or closing block, and the column it stood in.
struct Line {
    text: String,
    bold: bool,
    /// 0 the left column, 1 the right; None a line across the page.
    col: Option<usize>,
    align: Align,
}

/// The lines of table cells or paragraphs; a tab splits a paragraph into its two columns.
fn lines(pieces: &[&Piece]) -> Vec<Line> {
    let mut out = Vec::new();
    let para = |p: &Para, col: Option<usize>, out: &mut Vec<Line>| {
        for u in Unit::from_para(p, true) {
            let full = u.words();
            let raw: String = u.runs.iter().map(|r| r.text.as_str()).collect();
            let parts: Vec<&str> = raw.split('\t').map(str::trim).filter(|s| !s.is_empty()).collect();
            if col.is_none() && parts.len() >= 2 {
                let label = if u.label_text.is_empty() { String::new() } else { format!("{} ", u.label_text) };
                out.push(Line { text: text::squash(&format!("{label}{}", parts[0])), bold: u.bold, col: Some(0), align: u.align });
                out.push(Line { text: text::squash(&parts[1..].join(" ")), bold: u.bold, col: Some(1), align: u.align });
            } else {
                out.push(Line { text: full, bold: u.bold, col, align: u.align });
            }
        }
    };
    for p in pieces {
        match p {
            Piece::Text(u, _) => {
                // Re-read from the unit: rebuild a paragraph of its runs.
                let mut runs = Vec::new();
                if !u.label_text.is_empty() {
                    runs.push(Run { text: format!("{} ", u.label_text), bold: u.bold, italic: false, mark: None });
                }
                runs.extend(u.runs.iter().cloned());
                let p = Para { runs, align: u.align, ..Para::default() };
                para(&p, None, &mut out);
            }
            Piece::Gap(_) => {}
            Piece::Table(t, _) => {
                let two = t.columns() >= 2;
                for row in &t.rows {
                    for c in &row.cells {
                        for p in &c.paras {
                            para(p, if two { Some(usize::from(c.col > 0)) } else { None }, &mut out);
                        }
                    }
                }
            }
        }
    }
    out
}

/// What the header says.
#[derive(Default)]
struct Header {
    parent: Option<String>,
    agency: Vec<String>,
    viet_tat: Option<String>,
    number: Option<u32>,
    place: Option<String>,
    date: Option<String>,
    kind: Option<(&'static str, Option<&'static str>)>,
    notes: Vec<usize>,
}

fn is_quoc_hieu(l: &str) -> bool {
    let up = vn::upper(l).replace(['–', '—'], "-");
    up.starts_with("CỘNG HÒA XÃ HỘI") || up.starts_with("CỘNG HOÀ XÃ HỘI") || up.starts_with("ĐỘC LẬP - TỰ DO") || up.starts_with("ĐỘC LẬP-TỰ DO")
}

/// "Số: 05/KH-UBND" → (5, "KH", "UBND"); a blank number is a draft.
fn number_line(l: &str) -> Option<(Option<u32>, String, String)> {
    let rest = l.strip_prefix("Số").or_else(|| l.strip_prefix("SỐ"))?;
    let rest = rest.trim_start_matches([':', ' ', '\u{a0}']);
    let (num, sign) = rest.split_once('/')?;
    let num = num.trim();
    if !num.is_empty() && !num.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let sign = sign.split_whitespace().next().unwrap_or("").trim_end_matches(['.', ',']);
    let (abbr, issuer) = sign.split_once('-').unwrap_or(("", sign));
    Some((num.parse().ok().filter(|n| *n > 0), abbr.to_string(), issuer.to_string()))
}

/// "ngày 17 tháng 02 năm 2025" anywhere in `l`, blanks allowed: the plan's date text.
fn date_in(l: &str) -> Option<String> {
    let low = l.to_lowercase();
    let after = |word: &str| -> Option<Option<u32>> {
        let i = low.find(word)?;
        let rest = low[i + word.len()..].trim_start();
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        Some(digits.parse().ok())
    };
    let year = after("năm ")??;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    let month = after("tháng").flatten().filter(|m| (1..=12).contains(m));
    let day = after("ngày").flatten();
    Some(match (day, month) {
        (Some(d), Some(m)) if chrono::NaiveDate::from_ymd_opt(year as i32, m, d).is_some() => format!("{}/{}/{year}", vn::day(d), vn::month(m)),
        (_, Some(m)) => format!("{}/{year}", vn::month(m)),
        _ => year.to_string(),
    })
}

fn read_header(pieces: &[Piece], ctx: &mut Ctx, opening: &mut Vec<Item>) -> Header {
    let refs: Vec<&Piece> = pieces.iter().collect();
    let mut h = Header::default();
    let mut agency: Vec<(String, bool)> = Vec::new();
    for l in lines(&refs) {
        let t = l.text.trim();
        if t.is_empty() || is_quoc_hieu(t) {
            continue;
        }
        if let Some((n, abbr, issuer)) = number_line(t) {
            h.number = n;
            if !issuer.is_empty() {
                h.viet_tat = Some(issuer);
            }
            if h.kind.is_none() {
                h.kind = DOC_TYPES.iter().find(|(_, k)| k.is_some_and(|k| abbr_of(k) == abbr)).map(|(n, k)| (*n, *k));
            }
            continue;
        }
        let low = t.to_lowercase();
        if low.contains("ngày") && low.contains("tháng") && low.contains("năm") {
            if let Some((place, _)) = t.split_once(',') {
                h.place = Some(place.trim().to_string()).filter(|p| !p.is_empty());
            }
            h.date = date_in(t);
            continue;
        }
        if l.col != Some(1) && h.date.is_none() && h.number.is_none() {
            agency.push((t.to_string(), l.bold));
        } else {
            let n = ctx.warn(WarnMsg::HeaderLine, Some(t));
            opening.push(Node::text(t).noted(vec![n]));
        }
    }
    if agency.len() >= 2 && !agency[0].1 && agency[1..].iter().all(|a| a.1) || agency.len() >= 3 && !agency[0].1 {
        h.parent = Some(text::agency_case(&ctx.casing, &agency.remove(0).0));
    } else if agency.len() >= 3 {
        h.parent = Some(text::agency_case(&ctx.casing, &agency.remove(0).0));
        h.notes.push(ctx.warn(WarnMsg::ParentGuess, h.parent.as_deref()));
    }
    h.agency = agency.into_iter().map(|(t, _)| text::agency_case(&ctx.casing, &t)).collect();
    h
}

/// The ký hiệu abbreviation of a `loai`.
fn abbr_of(kind: &str) -> &'static str {
    crate::plan::validate::DOC_TYPES.iter().find(|(k, _)| *k == kind).map(|(_, t)| t.abbr).unwrap_or("")
}

/// What an appendix's "(Kèm theo Báo cáo số …/BC-UBND ngày … của Ủy ban nhân dân tỉnh X)" says.
#[derive(Debug, Clone, Default)]
struct Reference {
    kind: Option<(&'static str, Option<&'static str>)>,
    number: Option<u32>,
    viet_tat: Option<String>,
    date: Option<String>,
    agency: Vec<String>,
    place: Option<String>,
}

fn read_reference(s: &str) -> Reference {
    let t = text::squash(s.trim().trim_start_matches('(').trim_end_matches(')'));
    let mut r = Reference::default();
    let low = t.to_lowercase();
    let after = low.strip_prefix("kèm theo").unwrap_or(&low).trim_start();
    r.kind = DOC_TYPES.iter().find(|(n, _)| after.starts_with(&n.to_lowercase())).map(|(n, k)| (*n, *k));
    if let Some(i) = low.find("số") {
        let rest = &t[i..];
        let end = rest.find(" ngày").unwrap_or(rest.len());
        if let Some((n, _, issuer)) = number_line(&rest[..end]) {
            r.number = n;
            r.viet_tat = Some(issuer).filter(|s| !s.is_empty());
        }
    }
    r.date = date_in(&t);
    if let Some(i) = low.find(" của ") {
        let mut who = t[i + " của ".len()..].trim().to_string();
        if let Some(j) = who.to_lowercase().find("ủy ban nhân dân").or_else(|| who.to_lowercase().find("uỷ ban nhân dân")) {
            who = who[j..].to_string();
        }
        let wl = who.to_lowercase();
        let unit = ["thành phố ", "thị trấn ", "thị xã ", "đặc khu ", "phường ", "xã ", "huyện ", "quận ", "tỉnh "]
            .iter()
            .filter_map(|u| wl.find(&format!(" {u}")).map(|p| (p, *u)))
            .min_by_key(|(p, _)| *p);
        match unit {
            Some((p, u)) => {
                r.agency = vec![who[..p].trim().to_string(), text::capitalise(who[p..].trim())];
                r.place = Some(who[p + 1 + u.len()..].trim().to_string());
            }
            None => r.agency = vec![who],
        }
    }
    r
}

impl Header {
    /// Fills what the header lacks: from the appendix's reference line, else placeholders, each said.
    fn fill(&mut self, ctx: &mut Ctx, reference: Option<&Reference>, doc: &Document) {
        if self.agency.is_empty() {
            match reference.filter(|r| !r.agency.is_empty()) {
                Some(r) => {
                    self.notes.push(ctx.warn(WarnMsg::HeaderFromReference, None));
                    self.agency = r.agency.clone();
                    self.place = self.place.take().or(r.place.clone());
                    self.date = self.date.take().or(r.date.clone());
                    self.number = self.number.or(r.number);
                    self.viet_tat = self.viet_tat.take().or(r.viet_tat.clone());
                    self.kind = self.kind.or(r.kind);
                }
                None => {
                    self.notes.push(ctx.warn(WarnMsg::Missing("co_quan"), None));
                    self.agency = vec!["…".into()];
                }
            }
        }
        if self.date.is_none() {
            self.date = reference.and_then(|r| r.date.clone());
        }
        if self.date.is_none() {
            // The first date the text names, else this year: a draft's date is the clerk's to set.
            let found = doc.body.iter().find_map(|(e, _)| match e {
                Element::Para(p) => date_in(&p.text()),
                _ => None,
            });
            self.notes.push(ctx.warn(WarnMsg::Missing("ngay"), None));
            self.date = Some(found.unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now()).to_string()));
        }
        if self.viet_tat.is_none() {
            let name = self.agency.join(" ").to_lowercase();
            if name.starts_with("ủy ban nhân dân") || name.starts_with("uỷ ban nhân dân") || name.starts_with("ubnd") {
                self.viet_tat = Some("UBND".into());
            } else {
                self.notes.push(ctx.warn(WarnMsg::Missing("co_quan.viet_tat"), None));
                self.viet_tat = Some("…".into());
            }
        }
        if self.place.is_none() && vn::place_from_agency(&self.agency).is_none() {
            self.notes.push(ctx.warn(WarnMsg::Missing("dia_danh"), None));
            self.place = Some("…".into());
        }
    }

    fn write(&mut self, root: &mut Node, ctx: &mut Ctx, title: String, appendix_title: Option<String>) {
        let mut agency = Node::map(Kind::Agency);
        if let Some(p) = &self.parent {
            agency.set("cap_tren", Node::text(p.clone()));
        }
        agency.set("ten", Node::flow_list(self.agency.iter().map(|l| Node::text(l.clone()).into()).collect()));
        agency.set("viet_tat", Node::text(self.viet_tat.clone().unwrap_or_default()));
        root.set("co_quan", agency.noted(std::mem::take(&mut self.notes)));
        match self.kind {
            Some((_, Some("ke_hoach"))) | None => {}
            Some((_, Some(k))) => root.set("loai", Node::text(k)),
            Some((name, None)) => {
                let n = ctx.warn(WarnMsg::UnknownDocType(name.to_string()), None);
                if let Some(a) = root.get_mut("co_quan") {
                    a.notes.push(n);
                }
            }
        }
        if let Some(n) = self.number {
            root.set("so", Node::Raw(n.to_string()));
        }
        if let Some(p) = &self.place {
            root.set("dia_danh", Node::text(p.clone()));
        }
        root.set("ngay", Node::text(self.date.clone().unwrap_or_default()));
        let mut notes = Vec::new();
        let title = if title.is_empty() {
            notes.push(ctx.warn(WarnMsg::Missing("trich_yeu"), None));
            appendix_title.unwrap_or_else(|| "…".into())
        } else {
            title
        };
        let t = ctx.text(&title, &mut notes);
        root.set("trich_yeu", Node::Text(t).noted(notes));
    }
}

/// Nơi nhận and the signature from the closing block; lines it does not place go to `leftovers`.
fn read_closing<'a>(pieces: &'a [Piece<'a>], ctx: &mut Ctx, leftovers: &mut Vec<&'a Piece<'a>>) -> (Option<Item>, Option<Item>) {
    // The block itself is the first piece (a table, or the "Nơi nhận:" paragraph and those after it).
    let (block, rest): (Vec<&Piece>, &[Piece]) = match &pieces[0] {
        Piece::Table(..) => {
            // A signature in a table of its own after the recipients' table belongs here too.
            let mut n = 1;
            let mut end = 1;
            while n < pieces.len() && n < 4 {
                match &pieces[n] {
                    Piece::Gap(_) => {}
                    Piece::Table(..) if !signature_lines(&lines(&[&pieces[n]])).is_empty() => end = n + 1,
                    _ => break,
                }
                n += 1;
            }
            (pieces[..end].iter().collect(), &pieces[end..])
        }
        Piece::Text(..) | Piece::Gap(_) => {
            let n = pieces.iter().position(|p| matches!(p, Piece::Table(..))).map(|i| i.max(1)).unwrap_or(pieces.len());
            (pieces[..n].iter().collect(), &pieces[n..])
        }
    };
    let ls = lines(&block);
    let mut recipients: Vec<String> = Vec::new();
    let mut luu = None;
    let mut ghi_chu = None;
    let mut seen_label = false;
    let mut sig: Vec<String> = Vec::new();
    for l in &ls {
        let t = l.text.trim();
        if t.is_empty() {
            continue;
        }
        let low = t.to_lowercase();
        let right = l.col == Some(1) || l.col.is_none() && matches!(l.align, Align::Center | Align::Right);
        if low.starts_with("nơi nhận") {
            seen_label = true;
            ghi_chu = t.split_once('(').and_then(|(_, r)| r.split_once(')')).map(|(n, _)| n.trim().to_string()).filter(|n| !n.is_empty());
            continue;
        }
        if right {
            sig.push(t.to_string());
            continue;
        }
        let item = t.trim_start_matches(['-', '–', '+', '•']).trim();
        if let Some(rest) = item.strip_prefix("Lưu").or_else(|| item.strip_prefix("LƯU")) {
            luu = Some(rest.trim_start_matches([':', ' ']).trim_end_matches(['.', ';']).trim().to_string());
            continue;
        }
        let clean = item.trim_end_matches([';', ',']).trim().to_string();
        if t.starts_with(['-', '–', '+', '•']) || recipients.is_empty() {
            recipients.push(clean);
        } else if let Some(last) = recipients.last_mut() {
            // A recipient that wrapped onto a second line.
            last.push(' ');
            last.push_str(&clean);
        }
    }
    leftovers.extend(rest.iter());
    let recipients_item = seen_label.then(|| {
        let mut r = Node::map(Kind::Recipients);
        if let Some(g) = ghi_chu {
            r.set("ghi_chu", Node::text(g));
        }
        if !recipients.is_empty() {
            let items: Vec<Item> = recipients.iter().map(|s| Node::text(s.clone()).into()).collect();
            let short = recipients.iter().all(|s| s.chars().count() <= 30) && recipients.len() <= 4;
            r.set("danh_sach", if short { Node::flow_list(items) } else { Node::list(items) });
        }
        let mut notes = Vec::new();
        let luu = luu.unwrap_or_else(|| {
            notes.push(ctx.warn(WarnMsg::Missing("noi_nhan.luu"), None));
            "VT".into()
        });
        r.set("luu", Node::text(luu).noted(notes));
        r.into()
    });
    (recipients_item, signature(&sig, ctx))
}

/// The lines of a block that read as a signature block (a TM./KT. line or a title in capitals, and a name).
fn signature_lines(ls: &[Line]) -> Vec<String> {
    let texts: Vec<String> = ls.iter().map(|l| l.text.trim().to_string()).filter(|t| !t.is_empty()).collect();
    let prefixed = texts.iter().any(|t| ["TM.", "KT.", "Q.", "TL.", "TUQ."].iter().any(|p| t.starts_with(p)));
    let caps = texts.iter().any(|t| t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase));
    if (prefixed || caps) && texts.len() >= 2 && texts.len() <= 8 {
        texts
    } else {
        Vec::new()
    }
}

fn signature(lines: &[String], ctx: &mut Ctx) -> Option<Item> {
    if lines.is_empty() {
        return None;
    }
    let mut s = Node::map(Kind::Signature);
    let mut notes = Vec::new();
    let mut plain: Vec<String> = Vec::new();
    for l in lines {
        let mut taken = false;
        for (p, key) in [("TM.", "thay_mat"), ("KT.", "ky_thay"), ("TUQ.", "thua_uy_quyen"), ("TL.", "thua_lenh"), ("Q.", "quyen")] {
            if let Some(rest) = l.strip_prefix(p) {
                // kehoach takes one of KT./Q./TL./TUQ.; a second is kept as a note.
                let authority = key != "thay_mat";
                let has = ["ky_thay", "quyen", "thua_lenh", "thua_uy_quyen"].iter().any(|k| s.get(k).is_some());
                if authority && has || s.get(key).is_some() {
                    notes.push(ctx.warn(WarnMsg::SignatureNote(l.clone()), None));
                } else {
                    s.set(key, Node::text(ctx.casing.recase(rest.trim())));
                }
                taken = true;
                break;
            }
        }
        if taken {
            continue;
        }
        if l.starts_with('(') && l.ends_with(')') || l.starts_with('[') {
            notes.push(ctx.warn(WarnMsg::SignatureNote(l.clone()), None));
            continue;
        }
        plain.push(l.clone());
    }
    let name = if plain.len() >= 2 || plain.last().is_some_and(|l| l.chars().any(char::is_lowercase)) { plain.pop() } else { None };
    let name = name.unwrap_or_else(|| {
        notes.push(ctx.warn(WarnMsg::Missing("ky.ho_ten"), None));
        "…".into()
    });
    let title = if plain.is_empty() {
        notes.push(ctx.warn(WarnMsg::Missing("ky.chuc_vu"), None));
        "…".to_string()
    } else {
        text::capitalise(&ctx.casing.recase(&plain.join(" ")))
    };
    s.set("chuc_vu", Node::text(title));
    s.set("ho_ten", Node::text(name));
    Some(s.noted(notes))
}

/// One appendix: label, title, the dropped "(Kèm theo …)" line, orientation, content.
fn appendix(pieces: &[Piece], k: usize, doc: &Document, ctx: &mut Ctx) -> (Item, Option<Reference>) {
    let first = pieces[0].unit().expect("an appendix starts with its label");
    let inline_title = appendix_label(first).flatten();
    let mut i = 1;
    let mut title: Vec<String> = inline_title.into_iter().collect();
    let mut reference = None;
    // Title lines, up to the reference line or the first line that is not centred.
    while i < pieces.len() {
        let Some(u) = pieces[i].unit() else { break };
        let low = lower(&u.plain);
        if low.starts_with("(kèm theo") || low.starts_with("kèm theo") {
            let mut r = u.plain.clone();
            while !r.trim_end().ends_with(')') && i + 1 < pieces.len() && pieces[i + 1].unit().is_some_and(|n| n.align == Align::Center && n.label.is_none()) {
                i += 1;
                r.push(' ');
                r.push_str(&pieces[i].unit().unwrap().plain);
            }
            reference = Some(read_reference(&r));
            i += 1;
            break;
        }
        if u.label.is_some() || u.align != Align::Center || title.len() >= 6 {
            break;
        }
        title.push(u.marked((true, false)));
        i += 1;
    }
    let sections: Vec<usize> = pieces.iter().map(|p| p.section()).collect();
    let landscape = sections.iter().filter(|s| doc.sections.get(**s).is_some_and(|x| x.landscape)).count() * 2 > sections.len();
    let rest: Vec<&Piece> = pieces[i..].iter().filter(|p| !matches!(p, Piece::Gap(_))).collect();
    let (body, roman) = appendix_outline(&rest, ctx);
    let mut a = Node::map(Kind::Appendix).with("id", Node::text(ctx.ids[k].clone()));
    let t = text::squash(&title.join(" "));
    if !t.is_empty() {
        a.set("tieu_de", Node::text(ctx.casing.recase(&t)));
    }
    a.set("huong", Node::text(if landscape { "ngang" } else { "doc" }));
    if roman {
        a.set("danh_so_tu", Node::text("I"));
    }
    if !body.is_empty() {
        a.set("noi_dung", Node::list(body));
    }
    (a.into(), reference)
}

struct Body {
    can_cu: Vec<Item>,
    mo_dau: Vec<Item>,
    noi_dung: Vec<Item>,
    ket_thuc: Vec<Item>,
}

/// Words that open an opening paragraph (mở đầu) or a closing one (kết thúc).
const OPENERS: [&str; 6] = ["thực hiện", "tiếp tục", "căn cứ", "nhằm", "theo đề nghị", "để "];
const CLOSERS: [&str; 5] = ["trên đây", "trong quá trình", "quá trình thực hiện", "yêu cầu các", "đề nghị các"];

fn body_parts(pieces: &[&Piece], ctx: &mut Ctx) -> Body {
    let mut b = Body { can_cu: Vec::new(), mo_dau: Vec::new(), noi_dung: Vec::new(), ket_thuc: Vec::new() };
    let mut end = pieces.len();
    // Closing paragraphs: the last plain paragraph ending "./." or opening like one, and those before it that open so.
    let plain_at = |i: usize| pieces[i].unit().filter(|u| u.label.is_none() && u.origin == Origin::Body);
    if let Some(u) = end.checked_sub(1).and_then(plain_at) {
        let low = lower(&u.plain);
        if u.plain.ends_with("./.") || CLOSERS.iter().any(|c| low.starts_with(c)) {
            end -= 1;
            while end > 0 && plain_at(end - 1).is_some_and(|u| CLOSERS.iter().any(|c| lower(&u.plain).starts_with(c))) {
                end -= 1;
            }
        }
    }
    let levels = body_levels(&pieces[..end], ctx);
    let first_part =
        pieces[..end].iter().position(|p| p.unit().and_then(|u| u.label.as_ref()).and_then(|l| l.rank()).is_some_and(|r| levels.level(r) == Some(1)));
    let lead_end = first_part.unwrap_or(end);
    // Opening paragraphs: before part I, or (with no parts) while they open like one.
    let mut i = 0;
    while i < lead_end {
        let Some(u) = pieces[i].unit().filter(|u| u.label.is_none() && u.origin == Origin::Body) else { break };
        let low = lower(&u.plain);
        if first_part.is_none() && !OPENERS.iter().any(|o| low.starts_with(o)) {
            break;
        }
        // The decree's căn cứ block ends with "Theo đề nghị của …", in italics too.
        let basis = low.starts_with("căn cứ") || low.starts_with("theo đề nghị") && !b.can_cu.is_empty();
        if basis && u.italic && b.mo_dau.is_empty() {
            let t = u.marked((false, true));
            b.can_cu.push(ctx.item(&t, Vec::new()));
        } else {
            let t = u.marked((false, false));
            b.mo_dau.push(ctx.item(&t, Vec::new()));
        }
        i += 1;
    }
    b.noi_dung = outline(&pieces[i..end], &levels, ctx);
    for p in &pieces[end..] {
        if let Some(u) = p.unit() {
            let t = u.marked((false, false));
            b.ket_thuc.push(ctx.item(&t, Vec::new()));
        }
    }
    b
}

/// Which rank (I. / 1. / a)) is which numbered level of kehoach in a container.
pub(super) struct Levels {
    map: [Option<usize>; 4],
}

impl Levels {
    fn level(&self, rank: (u8, u8)) -> Option<usize> {
        self.map[rank.0 as usize]
    }
}

fn body_levels(pieces: &[&Piece], ctx: &mut Ctx) -> Levels {
    let has = |major: u8| pieces.iter().filter_map(|p| p.unit()).any(|u| u.label.as_ref().and_then(|l| l.rank()).is_some_and(|r| r.0 == major));
    if has(1) {
        return Levels { map: [None, Some(1), Some(2), Some(3)] };
    }
    // No Roman level: numbered headings 1, 2… can be the parts (printed I, II…).
    let heading_arabic = pieces.iter().enumerate().find(|(i, p)| {
        p.unit().is_some_and(|u| matches!(u.label, Some(Lbl::Arabic(_))) && is_heading(u, (2, 0), pieces.get(i + 1).and_then(|n| n.unit()), ctx.styled).0)
    });
    if let Some((_, p)) = heading_arabic {
        let about = p.unit().map(|u| u.plain.clone());
        let n = ctx.warn(WarnMsg::PartsRenumbered, about.as_deref());
        ctx.pending.push(n);
        return Levels { map: [None, None, Some(1), Some(2)] };
    }
    Levels { map: [None; 4] }
}

/// An appendix's levels: an outline with a Roman level keeps I. / 1. / a) (`danh_so_tu: I`, the
/// `bool`); otherwise its numbered ranks, highest first, are levels 2 and 3.
fn appendix_outline(pieces: &[&Piece], ctx: &mut Ctx) -> (Vec<Item>, bool) {
    let mut majors: Vec<u8> = pieces.iter().filter_map(|p| p.unit()).filter_map(|u| u.label.as_ref().and_then(|l| l.rank())).map(|r| r.0).collect();
    majors.sort();
    majors.dedup();
    if majors.first() == Some(&1) {
        return (outline(pieces, &Levels { map: [None, Some(1), Some(2), Some(3)] }, ctx), true);
    }
    let mut map = [None; 4];
    for (i, m) in majors.iter().enumerate() {
        if i < 2 {
            map[*m as usize] = Some(i + 2);
        }
    }
    (outline(pieces, &Levels { map }, ctx), false)
}

/// Whether a numbered paragraph is a heading (may hold what follows), and whether that is a guess.
fn is_heading(u: &Unit, rank: (u8, u8), next: Option<&Unit>, styled: bool) -> (bool, bool) {
    if rank.0 == 1 || u.heading.is_some() {
        return (true, false);
    }
    let deeper_next = next.and_then(|n| n.label.as_ref()).and_then(|l| l.rank()).is_some_and(|r| r > rank);
    if deeper_next {
        return (true, false);
    }
    // "2. Xây dựng kế hoạch … cụ thể như sau:" and then "-" points: the points are its own.
    // (Not at the a) level, where a prose task's "a) Hình thức:" is followed by its points.)
    let points_next = next.and_then(|n| n.label.as_ref()).is_some_and(|l| matches!(l, Lbl::Dash | Lbl::Plus));
    if rank.0 == 2 && u.plain.trim_end().ends_with(':') && points_next {
        return (true, false);
    }
    if styled {
        return (false, false);
    }
    if rank.0 == 2 && u.bold || rank.0 == 3 && (u.italic || u.bold) {
        return (true, false);
    }
    let words = u.plain.split_whitespace().count();
    let follows = next.is_some_and(|n| n.label.as_ref().and_then(|l| l.rank()).is_none());
    let guess = words <= 12 && !u.plain.ends_with(['.', ';', ',']) && follows;
    (guess, guess)
}

/// A block while the outline is built: a finished item, or a numbered item still taking children.
pub(super) enum Blk {
    Item(Item),
    /// `para`: an ordinary numbered paragraph that has points under it (`kieu: doan`).
    Muc {
        title: String,
        children: Vec<Blk>,
        decimal: bool,
        para: bool,
        notes: Vec<usize>,
    },
}

/// Places paragraphs, points, numbered items and tables of one container in an outline.
fn outline(pieces: &[&Piece], levels: &Levels, ctx: &mut Ctx) -> Vec<Item> {
    // Open headings: (rank, block).
    let mut stack: Vec<((u8, u8), Blk)> = Vec::new();
    let mut root: Vec<Blk> = Vec::new();
    fn attach(stack: &mut [((u8, u8), Blk)], root: &mut Vec<Blk>, b: Blk) {
        match stack.last_mut() {
            Some((_, Blk::Muc { children, .. })) => children.push(b),
            _ => root.push(b),
        }
    }
    fn close(stack: &mut Vec<((u8, u8), Blk)>, root: &mut Vec<Blk>, down_to: (u8, u8)) {
        while stack.last().is_some_and(|(r, _)| *r >= down_to) {
            let (_, b) = stack.pop().unwrap();
            attach(stack, root, b);
        }
    }
    let mut expected: Vec<((u8, u8), u32)> = Vec::new();
    let mut renumber_said = false;
    let mut i = 0;
    while i < pieces.len() {
        let next = pieces.get(i + 1).and_then(|p| p.unit());
        match pieces[i] {
            Piece::Gap(_) => {}
            Piece::Table(t, _) => {
                // Notes right under a table belong to it when it is a free table.
                let mut j = i + 1;
                let mut notes: Vec<&Unit> = Vec::new();
                while let Some(u) = pieces.get(j).and_then(|p| p.unit()).filter(|u| is_table_note(u)) {
                    notes.push(u);
                    j += 1;
                }
                let (item, used) = tables::block(t, &notes, ctx);
                attach(&mut stack, &mut root, Blk::Item(item));
                i = if used { j } else { i + 1 };
                continue;
            }
            Piece::Text(u, _) => {
                let mut notes = Vec::new();
                match u.origin {
                    Origin::TextBox => notes.push(ctx.warn(WarnMsg::TextBox, Some(&u.plain))),
                    Origin::Footnote => notes.push(ctx.warn(WarnMsg::Footnote, Some(&u.plain))),
                    Origin::Body => {}
                }
                if u.moved {
                    notes.push(ctx.warn(WarnMsg::AfterSignature, Some(&u.plain)));
                }
                let rank = u.label.as_ref().and_then(|l| l.rank());
                match (&u.label, rank.and_then(|r| levels.level(r).map(|l| (r, l)))) {
                    (Some(Lbl::Dash), _) | (Some(Lbl::Plus), _) => {
                        let key = if u.label == Some(Lbl::Plus) { "cong" } else { "gach" };
                        let t = u.marked((false, false));
                        let v = ctx.item(&t, Vec::new());
                        attach(&mut stack, &mut root, Blk::Item(Node::map(Kind::Block).with(key, v).noted(notes)));
                    }
                    (Some(lbl), Some((r, level))) => {
                        // Decimal children (1.1.) sit at their parent's depth, under a "1." heading.
                        let decimal = matches!(lbl, Lbl::Decimal(_));
                        let parent_ok = !decimal || stack.iter().any(|(pr, _)| pr.0 == 2);
                        if !parent_ok {
                            notes.push(ctx.warn(WarnMsg::NumberingKept, Some(&u.plain)));
                            let t = u.full((false, false));
                            attach(&mut stack, &mut root, Blk::Item(ctx.item(&t, notes)));
                            i += 1;
                            continue;
                        }
                        close(&mut stack, &mut root, r);
                        let level = if decimal { stack.iter().rev().find(|(pr, _)| pr.0 == 2).map(|_| level).unwrap_or(level) } else { level };
                        if decimal {
                            if let Some((_, Blk::Muc { decimal, .. })) = stack.last_mut() {
                                *decimal = true;
                            }
                        }
                        // kehoach numbers from 1 among siblings: say so once where the document does not.
                        let n = lbl.ordinal().unwrap_or(1);
                        expected.retain(|(er, _)| *er <= r);
                        let want = match expected.iter_mut().find(|(er, _)| *er == r) {
                            Some((_, v)) => {
                                *v += 1;
                                *v
                            }
                            None => {
                                expected.push((r, 1));
                                1
                            }
                        };
                        if n != want && !renumber_said {
                            renumber_said = true;
                            notes.push(ctx.warn(WarnMsg::Renumbered, Some(&u.plain)));
                        }
                        notes.append(&mut ctx.pending);
                        let (heading, guess) = is_heading(u, r, next, ctx.styled);
                        if guess {
                            notes.push(ctx.warn(WarnMsg::HeadingGuess, Some(&u.plain)));
                        }
                        // A heading's own bold or italic is its look, not a mark in its text.
                        // Points under a numbered paragraph in plain body type: a paragraph
                        // with points, not a heading.
                        let para = heading && level >= 2 && u.heading.is_none() && !u.bold && !u.italic && !guess;
                        let base = match (level, heading && !para) {
                            (1, _) | (2, true) => (true, false),
                            (_, true) => (false, true),
                            _ => (false, false),
                        };
                        let base = if heading && !para { (base.0 || u.bold, base.1 || u.italic) } else { base };
                        let mut title = u.marked(base);
                        if level == 1 || base.0 && title.chars().filter(|c| c.is_alphabetic()).all(|c| !c.is_lowercase()) {
                            title = ctx.casing.recase(&title);
                        }
                        let m = Blk::Muc { title, children: Vec::new(), decimal: false, para, notes };
                        if heading {
                            stack.push((r, m));
                        } else {
                            attach(&mut stack, &mut root, m);
                        }
                    }
                    (Some(_), None) => {
                        notes.push(ctx.warn(WarnMsg::NumberingKept, Some(&u.plain)));
                        let t = u.full((false, false));
                        attach(&mut stack, &mut root, Blk::Item(ctx.item(&t, notes)));
                    }
                    (None, _) => {
                        let t = u.marked((false, false));
                        attach(&mut stack, &mut root, Blk::Item(ctx.item(&t, notes)));
                    }
                }
            }
        }
        i += 1;
    }
    close(&mut stack, &mut root, (0, 0));
    let root = tables::prose_tasks(root, ctx);
    root.into_iter().map(|b| to_item(b, ctx)).collect()
}

fn to_item(b: Blk, ctx: &mut Ctx) -> Item {
    match b {
        Blk::Item(i) => i,
        Blk::Muc { title, children, decimal, para, notes } => {
            let mut n = Vec::new();
            let t = ctx.text(&title, &mut n);
            let mut m = Node::map(Kind::Block).with("muc", Node::Text(t));
            if decimal {
                m.set("so_con", Node::text("thap_phan"));
            }
            if para && !children.is_empty() {
                m.set("kieu", Node::text("doan"));
            }
            if !children.is_empty() {
                let kids: Vec<Item> = children.into_iter().map(|c| to_item(c, ctx)).collect();
                m.set("noi_dung", Node::list(kids));
            }
            let mut notes = notes;
            notes.extend(n);
            m.noted(notes)
        }
    }
}

/// A note under a table: "(1) …", "Ghi chú: …", "* …", "Nguồn: …".
fn is_table_note(u: &Unit) -> bool {
    let t = u.words();
    let low = t.to_lowercase();
    u.label.is_none()
        && (t.starts_with('(') && t[1..].starts_with(|c: char| c.is_ascii_digit())
            || low.starts_with("ghi chú")
            || low.starts_with("chú thích")
            || low.starts_with("nguồn")
            || t.starts_with('*'))
}
