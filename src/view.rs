//! `PlanView`: the plan formatted once, in Vietnamese, for every renderer.
//!
//! Numbering (I / 1 / a) / - / +), dates, the ký hiệu, the appendix labels and
//! references, task and target tables: all are decided here, so the PDF and
//! the DOCX cannot disagree on text or structure. Renderers only lay it out.

use crate::plan::deadline;
use crate::plan::model::*;
use crate::plan::validate::{parse_target, PlanDate, ValidPlan};
use crate::text::inline::{self, Span};
use crate::text::vn;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanView {
    pub header: Header,
    /// "KẾ HOẠCH".
    pub doc_type: String,
    /// The trích yếu; a "\n" is a line break the clerk chose.
    pub title: Text,
    pub body: Vec<Block>,
    pub recipients: Recipients,
    pub signature: Signature,
    pub appendices: Vec<AppendixView>,
    pub meta: Meta,
    /// A redline's first page: the changes, one line each (the first is its title).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summary: Vec<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    /// Parent body line (not bold), if any.
    pub parent: Option<Text>,
    /// The issuing body's name, one entry per line (bold).
    pub agency: Vec<Text>,
    /// "Số: 05/KH-UBND".
    pub number: Text,
    /// "Bờ Y, ngày 05 tháng 3 năm 2025".
    pub place_date: Text,
}

/// A printed text: spans, so that a redline can mark the words it inserts and deletes.
pub type Text = Vec<Span>;

/// A text of one plain span.
pub fn plain(s: impl Into<String>) -> Text {
    vec![Span::plain(s)]
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Recipients {
    /// "Nơi nhận:".
    pub label: String,
    /// "- UBND tỉnh;" … "- Lưu: VT, HCC."
    pub items: Vec<Text>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Signature {
    /// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH".
    pub lines: Vec<Text>,
    pub name: Text,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AppendixView {
    /// "Phụ lục I" (or "Phụ lục" when there is only one).
    pub label: Text,
    pub title: Option<Text>,
    /// "(Kèm theo Kế hoạch số … ngày … của …)".
    pub reference: Text,
    pub landscape: bool,
    pub body: Vec<Block>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Meta {
    /// Document title for the PDF/DOCX properties.
    pub title: String,
    pub author: String,
    /// The plan's date (its first day when partial), for reproducible timestamps.
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// One element of running content.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A numbered heading: level 1 "I. MỤC ĐÍCH" (bold caps), 2 "1. Mục đích" (bold), 3 "a) …" (italic).
    Heading {
        level: u8,
        number: String,
        spans: Vec<Span>,
        /// In a redline: the level the heading had in the old version, when it changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        was_level: Option<u8>,
    },
    /// A paragraph with first-line indent; `number` prefixes it ("a)"), `style` is `body` or `basis` (italic căn cứ).
    Para {
        number: Option<String>,
        spans: Vec<Span>,
        style: ParaStyle,
    },
    /// A "-" or "+" point.
    Item {
        marker: String,
        spans: Vec<Span>,
    },
    /// A "-" line whose value stands at the right margin after a dotted leader
    /// ("- Dân số: ……… 374.125 người").
    Line {
        marker: String,
        label: Vec<Span>,
        value: Vec<Span>,
    },
    Table(TableView),
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParaStyle {
    Body,
    Basis,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableView {
    /// Relative widths, one per column.
    pub widths: Vec<f64>,
    /// Header rows (bold, centred, repeated on every page).
    pub header: Vec<Vec<CellView>>,
    pub rows: Vec<RowView>,
    /// Notes under the table.
    pub notes: Vec<Vec<Span>>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RowView {
    /// A group row (I, II…): bold, its title merged across.
    pub group: bool,
    pub cells: Vec<CellView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CellView {
    pub paras: Vec<CellPara>,
    pub colspan: u32,
    pub rowspan: u32,
    pub align: Align,
    pub bold: bool,
}

/// Horizontal alignment of a cell's text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Center,
    Left,
    Justify,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CellPara {
    pub spans: Vec<Span>,
}

/// The numbering style of one level.
#[derive(Clone, Copy, PartialEq)]
enum Scheme {
    Roman,
    Arabic,
    Letter,
}

fn scheme(level: usize) -> Scheme {
    match level {
        1 => Scheme::Roman,
        2 => Scheme::Arabic,
        _ => Scheme::Letter,
    }
}

fn number(level: usize, n: usize) -> String {
    match scheme(level) {
        Scheme::Roman => format!("{}.", vn::roman(n)),
        Scheme::Arabic => format!("{n}."),
        Scheme::Letter => format!("{})", vn::letter(n)),
    }
}

struct Ctx<'a> {
    appendix_labels: Vec<(&'a str, String)>,
}

impl Ctx<'_> {
    fn spans(&self, s: &str) -> Vec<Span> {
        inline::parse(&self.resolve(s))
    }
    fn resolve(&self, s: &str) -> String {
        inline::resolve_refs(s, |k| self.appendix_labels.iter().find(|(id, _)| *id == k).map(|(_, l)| l.clone()))
    }
}

/// Formats a valid plan.
pub fn build(v: &ValidPlan) -> PlanView {
    let p = &v.plan;
    let n_app = p.phu_luc.len();
    let ctx = Ctx {
        appendix_labels: p
            .phu_luc
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), if n_app >= 2 { format!("Phụ lục {}", vn::roman(i + 1)) } else { "Phụ lục".into() }))
            .collect(),
    };

    let abbr = format!("{}-{}", v.doc_type.abbr, p.co_quan.viet_tat.trim());
    let num = v.number.map(|n| format!("{n:02}"));
    let number = match &num {
        Some(n) => format!("Số: {n}/{abbr}"),
        None => format!("Số:{}/{abbr}", vn::BLANK.repeat(2)),
    };
    let date_long = |d: PlanDate| match d {
        PlanDate::Full(d) => vn::date_long(d),
        PlanDate::MonthYear { month, year } => {
            format!("ngày{} tháng {} năm {year}", vn::BLANK, vn::month(month))
        }
        PlanDate::Year(y) => format!("ngày{b} tháng{b} năm {y}", b = vn::BLANK),
    };
    let date_text = date_long(v.date);
    let place = p.dia_danh.clone().or_else(|| vn::place_from_agency(&p.co_quan.ten.0)).unwrap_or_default();
    let running_name = p.co_quan.ten_day_du.clone().unwrap_or_else(|| vn::agency_running_name(&p.co_quan.ten.0));

    let mut body = Vec::new();
    for s in &p.can_cu {
        body.push(Block::Para { number: None, spans: ctx.spans(s), style: ParaStyle::Basis });
    }
    for s in &p.mo_dau {
        body.push(Block::Para { number: None, spans: ctx.spans(s), style: ParaStyle::Body });
    }
    blocks(&ctx, &p.noi_dung, 1, None, &mut body);
    let n_close = p.ket_thuc.len();
    for (i, s) in p.ket_thuc.iter().enumerate() {
        // Every model form of the decree ends the content with "./.".
        // Whatever ending the clerk typed (".", "./", "/.", "./."), it prints once.
        let text = if i + 1 == n_close { format!("{}./.", s.trim_end().trim_end_matches(['.', '/', ' '])) } else { s.clone() };
        body.push(Block::Para { number: None, spans: ctx.spans(&text), style: ParaStyle::Body });
    }

    let label = match &p.noi_nhan.ghi_chu {
        Some(n) => format!("Nơi nhận ({}):", n.trim()),
        None => "Nơi nhận:".into(),
    };
    let mut items: Vec<String> = p
        .noi_nhan
        .danh_sach
        .iter()
        .map(|r| {
            let r = r.trim().trim_start_matches("- ").trim_end_matches([';', ',']);
            // A short last word ("Phường 1;") is tied to the one before, never left alone on a line.
            let r = match r.rsplit_once(' ') {
                Some((head, last)) if last.chars().count() <= 3 && !head.is_empty() => format!("{head}\u{a0}{last}"),
                _ => r.to_string(),
            };
            format!("- {r};")
        })
        .collect();
    items.push(format!("- Lưu: {}.", p.noi_nhan.luu.trim().trim_start_matches("Lưu:").trim().trim_end_matches('.')));

    let k = &p.ky;
    let mut lines = Vec::new();
    if let Some(t) = &k.thay_mat {
        lines.push(format!("TM. {}", vn::upper(t.trim())));
    }
    for (prefix, v) in [("KT.", &k.ky_thay), ("Q.", &k.quyen), ("TL.", &k.thua_lenh), ("TUQ.", &k.thua_uy_quyen)] {
        if let Some(t) = v {
            lines.push(format!("{prefix} {}", vn::upper(t.trim())));
        }
    }
    lines.push(vn::upper(k.chuc_vu.trim()));

    let doc_name = v.doc_type.name;
    let appendices = p
        .phu_luc
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut out = Vec::new();
            blocks(&ctx, &a.noi_dung, a.first_level(), None, &mut out);
            AppendixView {
                label: plain(ctx.appendix_labels[i].1.clone()),
                title: a.tieu_de.as_ref().map(|t| plain(vn::upper(&ctx.resolve(t.trim())))),
                reference: plain({
                    // An appendix may carry its own number and date (validated with the plan).
                    let num = a.so.as_ref().and_then(|s| s.0.trim().parse::<u32>().ok()).map(|n| format!("{n:02}")).or_else(|| num.clone());
                    let date =
                        a.ngay.as_ref().and_then(|d| crate::plan::validate::parse_plan_date(&d.0).ok()).map(date_long).unwrap_or_else(|| date_text.clone());
                    format!("(Kèm theo {doc_name} số {}/{abbr} {date} của {running_name})", num.unwrap_or_else(|| vn::BLANK.repeat(2)))
                }),
                landscape: a.huong.as_deref() == Some("ngang"),
                body: out,
            }
        })
        .collect();

    let first = v.date.earliest();
    PlanView {
        header: Header {
            parent: p.co_quan.cap_tren.as_ref().map(|s| plain(vn::upper(s.trim()))),
            agency: p.co_quan.ten.0.iter().map(|s| plain(vn::upper(s.trim()))).collect(),
            number: plain(number),
            place_date: plain(format!("{}, {date_text}", place.trim())),
        },
        doc_type: vn::upper(doc_name),
        // A line break the clerk wrote (a newline in the YAML text) is kept: "\n" between lines.
        title: plain(p.trich_yeu.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")),
        body,
        recipients: Recipients { label, items: items.into_iter().map(plain).collect() },
        signature: Signature { lines: lines.into_iter().map(plain).collect(), name: plain(k.ho_ten.trim()) },
        appendices,
        summary: Vec::new(),
        meta: Meta {
            title: format!("{} {}", doc_name, p.trich_yeu.split_whitespace().collect::<Vec<_>>().join(" ")),
            author: running_name.clone(),
            year: chrono::Datelike::year(&first),
            month: chrono::Datelike::month(&first),
            day: chrono::Datelike::day(&first),
        },
    }
}

/// Lays out a list of blocks whose numbered items sit at `level`.
/// `decimal` numbers them "9.1.", "9.2." under a parent "9.".
fn blocks(ctx: &Ctx, list: &[crate::plan::model::Block], level: usize, decimal: Option<&str>, out: &mut Vec<Block>) {
    let mut n = 0;
    for b in list {
        match b {
            crate::plan::model::Block::Paragraph(s) => out.push(Block::Para { number: None, spans: ctx.spans(s), style: ParaStyle::Body }),
            crate::plan::model::Block::Map(m) => {
                if let Some(title) = &m.muc {
                    n += 1;
                    let num = match decimal {
                        Some(parent) => format!("{parent}.{n}."),
                        None => number(level, n),
                    };
                    let children = m.noi_dung.as_deref();
                    match children {
                        // A numbered paragraph that has points: the text prints as body text.
                        Some(ch) if m.kieu.as_deref() == Some("doan") => {
                            out.push(Block::Para { number: Some(num.clone()), spans: ctx.spans(title), style: ParaStyle::Body });
                            match m.so_con {
                                Some(_) => blocks(ctx, ch, level, Some(num.trim_end_matches(['.', ')'])), out),
                                None => blocks(ctx, ch, level + 1, None, out),
                            }
                        }
                        _ => numbered(ctx, title, children, m.so_con.is_some(), level, num, out),
                    }
                } else if let Some(s) = &m.gach {
                    out.push(Block::Item { marker: "-".into(), spans: ctx.spans(s) });
                } else if let Some(s) = &m.cong {
                    out.push(Block::Item { marker: "+".into(), spans: ctx.spans(s) });
                } else if let Some(t) = &m.bang {
                    out.push(Block::Table(free_table(ctx, t)));
                } else if let Some(tasks) = &m.nhiem_vu {
                    if matches!(m.trinh_bay.as_deref(), Some("van_xuoi" | "gach")) {
                        n = task_prose(ctx, m, tasks, level, n, out);
                    } else {
                        out.push(Block::Table(task_table(ctx, m, tasks)));
                    }
                } else if let Some(targets) = &m.chi_tieu {
                    if m.trinh_bay.as_deref() == Some("danh_sach") {
                        target_list(ctx, targets, out);
                    } else if m.trinh_bay.as_deref() == Some("dong") {
                        target_lines(ctx, targets, "-", out);
                    } else {
                        out.push(Block::Table(target_table(ctx, m, targets)));
                    }
                }
            }
        }
    }
}

/// A numbered item: a heading when it has children, else a numbered paragraph.
fn numbered(ctx: &Ctx, title: &str, children: Option<&[crate::plan::model::Block]>, decimal: bool, level: usize, num: String, out: &mut Vec<Block>) {
    let lvl = level.min(3) as u8;
    match children {
        Some(ch) => {
            let text = if level == 1 { vn::upper(&ctx.resolve(title)) } else { ctx.resolve(title) };
            out.push(Block::Heading { level: lvl, number: num.clone(), spans: inline::parse(&text), was_level: None });
            if decimal {
                let parent = num.trim_end_matches(['.', ')']).to_string();
                blocks(ctx, ch, level, Some(&parent), out);
            } else {
                blocks(ctx, ch, level + 1, None, out);
            }
        }
        None if level == 1 => {
            out.push(Block::Heading { level: 1, number: num, spans: inline::parse(&vn::upper(&ctx.resolve(title))), was_level: None });
        }
        None => out.push(Block::Para { number: Some(num), spans: ctx.spans(title), style: ParaStyle::Body }),
    }
}

fn label<'a>(m: &'a BlockMap, key: &str, default: &'a str) -> &'a str {
    m.nhan.as_ref().and_then(|n| n.get(key)).map(String::as_str).unwrap_or(default)
}

/// Tasks as prose (seed 000): "1. <tên>", then "a) Hình thức:", "b) Phân công:"… Returns the last number used.
fn task_prose(ctx: &Ctx, m: &BlockMap, tasks: &[TaskEntry], level: usize, mut n: usize, out: &mut Vec<Block>) -> usize {
    for t in tasks {
        n += 1;
        if let Some(g) = &t.nhom {
            out.push(Block::Heading { level: level.min(3) as u8, number: number(level, n), spans: ctx.spans(g), was_level: None });
            task_prose(ctx, m, t.nhiem_vu.as_deref().unwrap_or(&[]), level + 1, 0, out);
            continue;
        }
        let title = t.ten.clone().unwrap_or_default();
        out.push(Block::Heading { level: level.min(3) as u8, number: number(level, n), spans: ctx.spans(&title), was_level: None });
        // `gach`: "- Bộ phận chủ trì: …" lines, as many ward plans write them; else a), b)…
        let dashes = m.trinh_bay.as_deref() == Some("gach");
        let mut k = 0;
        let mut field = |key: &str, default: &str, content: Option<Vec<crate::plan::model::Block>>, out: &mut Vec<Block>| {
            let Some(content) = content else { return };
            k += 1;
            let lab = t.nhan.as_ref().and_then(|n| n.get(key)).map(String::as_str).unwrap_or_else(|| label(m, key, default));
            let line = |spans: Vec<Span>| {
                if dashes {
                    Block::Item { marker: "-".into(), spans }
                } else {
                    Block::Para { number: Some(number(level + 1, k)), spans, style: ParaStyle::Body }
                }
            };
            // A single paragraph runs on after the label; points go below it.
            if let [crate::plan::model::Block::Paragraph(s)] = content.as_slice() {
                let mut spans = vec![Span::plain(format!("{lab}: "))];
                spans.extend(ctx.spans(s));
                out.push(line(spans));
            } else {
                out.push(line(vec![Span::plain(format!("{lab}:"))]));
                blocks(ctx, &content, level + 2, None, out);
            }
        };
        let text = |s: &Option<String>| s.as_ref().map(|s| vec![crate::plan::model::Block::Paragraph(s.clone())]);
        field("noi_dung", "Nội dung", t.noi_dung.as_ref().map(|c| c.0.clone()), out);
        field("phan_cong", "Phân công", t.phan_cong.as_ref().map(|c| c.0.clone()), out);
        field("chu_tri", "Chủ trì", text(&t.chu_tri), out);
        field("tham_muu", "Tham mưu", text(&t.tham_muu), out);
        field("phoi_hop", "Phối hợp", text(&t.phoi_hop), out);
        field("san_pham", "Sản phẩm", t.san_pham.as_ref().map(|c| c.0.clone()), out);
        // A deadline closes its a) line with a full stop; a dash line prints it as written.
        let when = t.thoi_gian.as_ref().map(|d| if dashes { deadline_text(d) } else { format!("{}.", deadline_text(d).trim_end_matches('.')) });
        field("thoi_gian", "Thời gian", text(&when), out);
        field("ghi_chu", "Ghi chú", t.ghi_chu.as_ref().map(|c| c.0.clone()), out);
    }
    n
}

pub fn deadline_text(s: &str) -> String {
    deadline::parse(s).map(|d| d.text).unwrap_or_else(|_| s.trim().to_string())
}

fn cell(paras: Vec<CellPara>, align: Align) -> CellView {
    CellView { paras, colspan: 1, rowspan: 1, align, bold: false }
}

fn text_cell(ctx: &Ctx, s: &str, align: Align) -> CellView {
    cell(vec![CellPara { spans: ctx.spans(s) }], align)
}

/// Content in a cell: paragraphs, and points with their marker.
fn content_paras(ctx: &Ctx, c: &[crate::plan::model::Block]) -> Vec<CellPara> {
    c.iter()
        .filter_map(|b| match b {
            crate::plan::model::Block::Paragraph(s) => Some(CellPara { spans: ctx.spans(s) }),
            crate::plan::model::Block::Map(m) => {
                let (marker, s) = match (&m.gach, &m.cong) {
                    (Some(s), _) => ("- ", s),
                    (_, Some(s)) => ("+ ", s),
                    _ => return None,
                };
                let mut spans = vec![Span::plain(marker)];
                spans.extend(ctx.spans(s));
                Some(CellPara { spans })
            }
        })
        .collect()
}

fn header_cell(text: &str) -> CellView {
    CellView { paras: vec![CellPara { spans: vec![Span::plain(text)] }], colspan: 1, rowspan: 1, align: Align::Center, bold: true }
}

fn group_row(ctx: &Ctx, n: usize, title: &str, ncols: usize) -> RowView {
    let mut first = text_cell(ctx, &vn::roman(n), Align::Center);
    first.bold = true;
    let mut rest = text_cell(ctx, title, Align::Left);
    rest.bold = true;
    rest.colspan = (ncols.max(2) - 1) as u32;
    RowView { group: true, cells: vec![first, rest] }
}

pub const TASK_DEFAULTS: [(&str, &str, f64); 8] = [
    ("stt", "STT", 0.9),
    ("noi_dung", "Nội dung", 3.65),
    ("chu_tri", "Cơ quan chủ trì", 1.7),
    ("tham_muu", "Bộ phận tham mưu", 1.7),
    ("phoi_hop", "Cơ quan phối hợp", 1.9),
    ("thoi_gian", "Thời gian thực hiện", 1.5),
    ("san_pham", "Sản phẩm", 2.0),
    ("ghi_chu", "Ghi chú", 1.8),
];

fn columns(m: &BlockMap, defaults: &[(&'static str, &'static str, f64)], present: impl Fn(&str) -> bool) -> Vec<(String, String, f64)> {
    let keys: Vec<String> = match &m.cot {
        Some(c) => c.clone(),
        None => defaults.iter().map(|d| d.0).filter(|k| present(k)).map(String::from).collect(),
    };
    keys.into_iter()
        .map(|k| {
            let (label0, w0) = defaults.iter().find(|d| d.0 == k).map(|d| (d.1, d.2)).unwrap_or(("", 1.0));
            let l = label(m, &k, label0).to_string();
            let w = m.rong.as_ref().and_then(|r| r.get(&k)).copied().unwrap_or(w0);
            (k, l, w)
        })
        .collect()
}

fn flatten_tasks(tasks: &[TaskEntry]) -> impl Iterator<Item = &TaskEntry> {
    tasks.iter().flat_map(|t| match &t.nhiem_vu {
        Some(sub) => sub.iter().collect::<Vec<_>>(),
        None => vec![t],
    })
}

fn task_table(ctx: &Ctx, m: &BlockMap, tasks: &[TaskEntry]) -> TableView {
    let all: Vec<&TaskEntry> = flatten_tasks(tasks).collect();
    let cols = columns(m, &TASK_DEFAULTS, |k| match k {
        "tham_muu" => all.iter().any(|t| t.tham_muu.is_some()),
        "ghi_chu" => all.iter().any(|t| t.ghi_chu.is_some()),
        "san_pham" => all.iter().any(|t| t.san_pham.is_some()),
        _ => true,
    });
    let ncols = cols.len();
    let mut rows = Vec::new();
    let mut groups = 0;
    let emit = |t: &TaskEntry, n: usize, rows: &mut Vec<RowView>| {
        let cells = cols
            .iter()
            .map(|(k, _, _)| match k.as_str() {
                "stt" => text_cell(ctx, &n.to_string(), Align::Center),
                "noi_dung" => {
                    let mut paras = Vec::new();
                    if let Some(tn) = &t.ten {
                        let mut spans = ctx.spans(tn);
                        spans.iter_mut().for_each(|s| s.bold = true);
                        paras.push(CellPara { spans });
                    }
                    paras.extend(content_paras(ctx, t.noi_dung.as_ref().map(|c| c.0.as_slice()).unwrap_or(&[])));
                    cell(paras, Align::Left)
                }
                "chu_tri" => text_cell(ctx, t.chu_tri.as_deref().unwrap_or(""), Align::Center),
                "tham_muu" => text_cell(ctx, t.tham_muu.as_deref().unwrap_or(""), Align::Center),
                "phoi_hop" => text_cell(ctx, t.phoi_hop.as_deref().unwrap_or(""), Align::Center),
                "thoi_gian" => text_cell(ctx, &t.thoi_gian.as_deref().map(deadline_text).unwrap_or_default(), Align::Center),
                "san_pham" => cell(content_paras(ctx, t.san_pham.as_ref().map(|c| c.0.as_slice()).unwrap_or(&[])), Align::Left),
                "ghi_chu" => cell(content_paras(ctx, t.ghi_chu.as_ref().map(|c| c.0.as_slice()).unwrap_or(&[])), Align::Left),
                _ => text_cell(ctx, "", Align::Left),
            })
            .collect();
        rows.push(RowView { group: false, cells });
    };
    let mut n = 0;
    for t in tasks {
        if let Some(g) = &t.nhom {
            groups += 1;
            rows.push(group_row(ctx, groups, g, ncols));
            for (i, sub) in t.nhiem_vu.iter().flatten().enumerate() {
                emit(sub, i + 1, &mut rows);
            }
            n = 0;
        } else {
            n += 1;
            emit(t, n, &mut rows);
        }
    }
    TableView { widths: cols.iter().map(|c| c.2).collect(), header: vec![cols.iter().map(|c| header_cell(&c.1)).collect()], rows, notes: Vec::new() }
}

pub const TARGET_DEFAULTS: [(&str, &str, f64); 9] = [
    ("stt", "STT", 0.9),
    ("chi_tieu", "Chỉ tiêu", 3.65),
    ("don_vi", "Đơn vị", 0.8),
    ("hien_tai", "Hiện tại", 1.0),
    ("muc_tieu", "Mục tiêu", 1.1),
    ("chu_tri", "Cơ quan chủ trì thực hiện", 1.8),
    ("phoi_hop", "Cơ quan phối hợp", 1.8),
    ("danh_gia", "Cơ quan chủ trì đánh giá", 1.5),
    ("ghi_chu", "Ghi chú", 1.5),
];

/// "Tối thiểu 80", "≥ 65", "100"; a per-mille sign stays ("0,05‰": no unit column says it).
pub fn target_value(s: &str) -> String {
    let permille = if s.trim_end().ends_with('‰') { "‰" } else { "" };
    match parse_target(s) {
        Some((cmp, v)) if cmp.is_empty() => format!("{}{permille}", vn::decimal(v)),
        Some((cmp, v)) => format!("{cmp} {}{permille}", vn::decimal(v)),
        None => s.to_string(),
    }
}

fn with_unit(value: String, unit: Option<&str>) -> String {
    match unit.map(str::trim) {
        Some(u @ ("%" | "‰")) => format!("{value}{u}"),
        Some(u) if !u.is_empty() => format!("{value} {u}"),
        _ => value,
    }
}

fn target_table(ctx: &Ctx, m: &BlockMap, targets: &[TargetEntry]) -> TableView {
    fn walk<'a>(ts: &'a [TargetEntry], out: &mut Vec<&'a TargetEntry>) {
        for t in ts {
            out.push(t);
            if let Some(TargetName::List(l)) = &t.chi_tieu {
                walk(l, out);
            }
            if let Some(l) = &t.chi_tiet {
                walk(l, out);
            }
        }
    }
    let mut all = Vec::new();
    walk(targets, &mut all);
    let cols = columns(m, &TARGET_DEFAULTS, |k| match k {
        "stt" | "chi_tieu" | "muc_tieu" => true,
        "don_vi" => all.iter().any(|t| t.don_vi.is_some()),
        "hien_tai" => all.iter().any(|t| t.hien_tai.is_some()),
        "chu_tri" => all.iter().any(|t| t.chu_tri.is_some()),
        "phoi_hop" => all.iter().any(|t| t.phoi_hop.is_some()),
        "danh_gia" => all.iter().any(|t| t.danh_gia.is_some()),
        "ghi_chu" => all.iter().any(|t| t.ghi_chu.is_some()),
        _ => false,
    });
    // The baseline's period ("Năm 2025") heads its column when every baseline shares it, and
    // stands beside each value when they differ: it is never dropped.
    let periods: Vec<Option<&str>> =
        all.iter().filter_map(|t| t.hien_tai.as_ref()).map(|b| b.period.as_deref().map(str::trim).filter(|k| !k.is_empty())).collect();
    let shared = match periods.first() {
        Some(Some(k)) if periods.iter().all(|p| p == &Some(*k)) => Some(k.to_string()),
        _ => None,
    };
    let mut cols = cols;
    if let (Some(k), Some(c)) = (&shared, cols.iter_mut().find(|c| c.0 == "hien_tai")) {
        if !c.1.contains(k.as_str()) {
            c.1 = format!("{} ({k})", c.1);
        }
    }
    let baseline = |b: &crate::plan::model::Baseline| -> String {
        let v = target_value(&b.value.0);
        match b.period.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            Some(k) if shared.is_none() => format!("{v} ({k})"),
            _ => v,
        }
    };
    let ncols = cols.len();
    let row = |t: &TargetEntry, stt: String| -> RowView {
        let unit = t.don_vi.as_deref();
        let cells = cols
            .iter()
            .map(|(k, _, _)| match k.as_str() {
                "stt" => text_cell(ctx, &stt, Align::Center),
                "chi_tieu" => match &t.chi_tieu {
                    Some(TargetName::Text(s)) => text_cell(ctx, s, Align::Left),
                    _ => text_cell(ctx, "", Align::Left),
                },
                "don_vi" => text_cell(ctx, unit.unwrap_or(""), Align::Center),
                "hien_tai" => text_cell(ctx, &t.hien_tai.as_ref().map(baseline).unwrap_or_default(), Align::Center),
                "muc_tieu" => text_cell(ctx, &t.muc_tieu.as_ref().map(|v| target_value(&v.0)).unwrap_or_default(), Align::Center),
                "chu_tri" => text_cell(ctx, t.chu_tri.as_deref().unwrap_or(""), Align::Center),
                "phoi_hop" => text_cell(ctx, t.phoi_hop.as_deref().unwrap_or(""), Align::Center),
                "danh_gia" => text_cell(ctx, t.danh_gia.as_deref().unwrap_or(""), Align::Center),
                "ghi_chu" => text_cell(ctx, t.ghi_chu.as_deref().unwrap_or(""), Align::Left),
                _ => text_cell(ctx, "", Align::Left),
            })
            .collect();
        RowView { group: false, cells }
    };
    let mut rows = Vec::new();
    let emit = |ts: &[TargetEntry], rows: &mut Vec<RowView>| {
        for (i, t) in ts.iter().enumerate() {
            rows.push(row(t, (i + 1).to_string()));
            for (j, sub) in t.chi_tiet.iter().flatten().enumerate() {
                rows.push(row(sub, format!("{}.{}", i + 1, j + 1)));
            }
        }
    };
    let mut groups = 0;
    let mut plain: Vec<TargetEntry> = Vec::new();
    for t in targets {
        match (&t.nhom, &t.chi_tieu) {
            (Some(g), Some(TargetName::List(l))) => {
                emit(&std::mem::take(&mut plain), &mut rows);
                groups += 1;
                rows.push(group_row(ctx, groups, g, ncols));
                emit(l, &mut rows);
            }
            _ => plain.push(t.clone()),
        }
    }
    emit(&plain, &mut rows);
    TableView { widths: cols.iter().map(|c| c.2).collect(), header: vec![cols.iter().map(|c| header_cell(&c.1)).collect()], rows, notes: Vec::new() }
}

/// Targets as "-" points: "Tỷ lệ …: tối thiểu 60% (hiện tại đạt 34,2%)".
fn target_list(ctx: &Ctx, targets: &[TargetEntry], out: &mut Vec<Block>) {
    for t in targets {
        if let (Some(g), Some(TargetName::List(l))) = (&t.nhom, &t.chi_tieu) {
            out.push(Block::Item { marker: "-".into(), spans: ctx.spans(&format!("{g}:")) });
            let before = out.len();
            target_list(ctx, l, out);
            for b in &mut out[before..] {
                if let Block::Item { marker, .. } = b {
                    *marker = "+".into();
                }
            }
            continue;
        }
        let Some(TargetName::Text(name)) = &t.chi_tieu else {
            continue;
        };
        let unit = t.don_vi.as_deref();
        let mut s = name.trim().trim_end_matches(':').to_string();
        if let Some(v) = &t.muc_tieu {
            s += &format!(": {}", with_unit(target_value(&v.0), unit));
        }
        if let Some(b) = &t.hien_tai {
            let v = with_unit(target_value(&b.value.0), unit);
            s += &match &b.period {
                Some(k) => format!(" ({}: {v})", k.trim()),
                None => format!(" (hiện tại đạt {v})"),
            };
        }
        if let Some(c) = &t.chu_tri {
            s += &format!("; chủ trì: {}", c.trim());
        }
        out.push(Block::Item { marker: "-".into(), spans: ctx.spans(&format!("{s}.")) });
    }
}

/// Targets as aligned lines: "- Dân số: ……… 374.125 người", the value exactly as the clerk
/// wrote it (spacing, ‰, ≥ kept) with its unit, no full stop added.
fn target_lines(ctx: &Ctx, targets: &[TargetEntry], marker: &str, out: &mut Vec<Block>) {
    for t in targets {
        if let (Some(g), Some(TargetName::List(l))) = (&t.nhom, &t.chi_tieu) {
            out.push(Block::Item { marker: marker.into(), spans: ctx.spans(&format!("{}:", g.trim().trim_end_matches(':'))) });
            target_lines(ctx, l, "+", out);
            continue;
        }
        let Some(TargetName::Text(name)) = &t.chi_tieu else {
            continue;
        };
        let written = t.muc_tieu.as_ref().or(t.hien_tai.as_ref().map(|b| &b.value)).map(|v| v.0.trim().to_string()).unwrap_or_default();
        let unit = t.don_vi.as_deref().filter(|u| !written.ends_with(u.trim()));
        let value = with_unit(written, unit);
        out.push(Block::Line { marker: marker.into(), label: ctx.spans(&format!("{}:", name.trim().trim_end_matches(':'))), value: ctx.spans(&value) });
    }
}

fn free_table(ctx: &Ctx, t: &Table) -> TableView {
    let ncols = if !t.rong.is_empty() { t.rong.len() } else { t.tieu_de.first().map(|r| r.iter().map(|c| c.colspan.max(1) as usize).sum()).unwrap_or(1) };
    let conv = |c: &Cell, header: bool| -> CellView {
        let paras = match c.number {
            Some(v) => vec![CellPara { spans: vec![Span::plain(vn::decimal(v))] }],
            None => content_paras(ctx, &c.text.0),
        };
        CellView {
            paras,
            colspan: c.colspan.max(1),
            rowspan: c.rowspan.max(1),
            align: if header || c.number.is_some() { Align::Center } else { Align::Left },
            bold: header,
        }
    };
    let header = t.tieu_de.iter().map(|r| r.iter().map(|c| conv(c, true)).collect()).collect();
    let mut rows = Vec::new();
    let (mut groups, mut n) = (0, 0);
    for r in &t.hang {
        match r {
            Row::Group(g) => {
                groups += 1;
                n = 0;
                if t.stt {
                    rows.push(group_row(ctx, groups, g, ncols));
                } else {
                    let mut c = text_cell(ctx, g, Align::Left);
                    c.bold = true;
                    c.colspan = ncols as u32;
                    rows.push(RowView { group: true, cells: vec![c] });
                }
            }
            Row::Cells(cells) => {
                n += 1;
                let mut out = Vec::new();
                if t.stt {
                    out.push(text_cell(ctx, &n.to_string(), Align::Center));
                }
                out.extend(cells.iter().map(|c| conv(c, false)));
                rows.push(RowView { group: false, cells: out });
            }
        }
    }
    TableView {
        widths: if t.rong.is_empty() { vec![1.0; ncols] } else { t.rong.clone() },
        header,
        rows,
        notes: t.chu_thich.iter().map(|s| ctx.spans(s)).collect(),
    }
}
