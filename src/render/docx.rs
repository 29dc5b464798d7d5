//! DOCX: WordprocessingML written part by part from the `PlanView`, packed with `zip`.
//!
//! Same text, numbering and structure as the PDF; every measure comes from
//! `style.json`. Real Word structure: headings use named styles with outline
//! levels (Word's navigation pane), page numbers are PAGE fields in the
//! header (none on a part's first page, restarting in each appendix), each
//! appendix is its own section, tables repeat their header rows (tblHeader),
//! merge with gridSpan/vMerge and keep short rows whole (cantSplit).
//!
//! Written directly rather than through docx-rs 0.4: that crate cannot mark
//! header rows (tblHeader), writes headerReference out of schema order, and
//! numbers paragraphs from a per-thread counter, so equal input gave unequal
//! bytes; the few parts a plan needs are simpler to write right than to patch.

use super::style::Style;
use super::{fonts, Renderer, Templates};
use crate::diag::RenderError;
use crate::text::inline::{Mark, Span};
use crate::view::{Align, AppendixView, Block, CellView, ParaStyle, PlanView, RowView, TableView};
use std::cell::Cell;
use std::fmt::Write as _;
use std::io::Write as _;

const TW_PER_MM: f64 = 1440.0 / 25.4;
const TW_PER_PT: f64 = 20.0;

fn tw(mm: f64) -> i64 {
    (mm * TW_PER_MM).round() as i64
}

/// Half-points, the unit of w:sz.
fn hp(pt: f64) -> i64 {
    (pt * 2.0).round() as i64
}

pub struct DocxRenderer {
    style: Style,
}

impl DocxRenderer {
    pub fn new(templates: &Templates) -> Result<DocxRenderer, RenderError> {
        Ok(DocxRenderer { style: templates.style()? })
    }
}

impl Renderer for DocxRenderer {
    fn extension(&self) -> &'static str {
        "docx"
    }

    fn render(&self, view: &PlanView) -> Result<Vec<u8>, RenderError> {
        let view = &super::fit::fit_view(view, &self.style);
        let m = &view.meta;
        let date = format!("{:04}-{:02}-{:02}T00:00:00Z", m.year, m.month, m.day);
        let document = Doc { s: &self.style, out: String::new(), ids: Cell::new(0), date }.document(view);
        package(&self.style, view, &document).map_err(|e| RenderError(format!("docx: {e}")))
    }
}

/// XML text: escaped, and without the characters XML 1.0 forbids.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\t' | '\n' | '\r' => o.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => o.push(c),
        }
    }
    o
}

/// Run properties in schema order.
#[derive(Clone, Copy, Default)]
struct RunStyle {
    bold: bool,
    italic: bool,
    size: Option<f64>,
}

impl RunStyle {
    /// The properties inside w:rPr, in schema order.
    fn props(&self) -> String {
        let mut r = String::new();
        if self.bold {
            r.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            r.push_str("<w:i/><w:iCs/>");
        }
        if let Some(s) = self.size {
            let _ = write!(r, "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", hp(s));
        }
        r
    }
}

fn run(text: &str, st: RunStyle) -> String {
    run_with(text, st, "t", "")
}

/// A run whose text element is `w:t` (or `w:delText` in a deletion), `change` ending its w:rPr.
fn run_with(text: &str, st: RunStyle, elem: &str, change: &str) -> String {
    let mut r = String::from("<w:r>");
    let props = st.props();
    if !props.is_empty() || !change.is_empty() {
        let _ = write!(r, "<w:rPr>{props}{change}</w:rPr>");
    }
    // A line break written in the text (a trích yếu's) is a w:br between its lines.
    let lines: Vec<String> = text.split('\n').map(|l| format!("<w:{elem} xml:space=\"preserve\">{}</w:{elem}>", esc(l))).collect();
    let _ = write!(r, "{}</w:r>", lines.join("<w:br/>"));
    r
}

/// The redline mark a whole paragraph (or row) carries: every span of it inserted, or every one
/// deleted; then its paragraph mark is tracked too, so accepting or rejecting removes it whole.
fn whole_mark<'a>(spans: impl IntoIterator<Item = &'a Span>) -> Option<Mark> {
    let mut mark = None;
    for s in spans.into_iter().filter(|s| !s.text.is_empty()) {
        match (s.mark, mark) {
            (Some(m @ (Mark::Ins | Mark::Del)), None) => mark = Some(m),
            (Some(m), Some(prev)) if m == prev => {}
            _ => return None,
        }
    }
    mark
}

/// Paragraph properties, written in schema order.
#[derive(Clone, Default)]
struct PPr<'a> {
    style: Option<&'a str>,
    keep_next: bool,
    /// A bottom border (a short rule), its width in eighths of a point.
    rule: Option<i64>,
    before: i64,
    after: i64,
    /// Line spacing in 240ths of a line (auto), or exact twips when `exact`.
    line: i64,
    exact: bool,
    left: i64,
    right: i64,
    first_line: i64,
    jc: &'a str,
    sect: Option<String>,
    /// A right-aligned tab stop with a dotted leader, in twips from the text's left edge.
    leader_tab: Option<i64>,
    /// A tracked paragraph mark (`<w:ins …/>` or `<w:del …/>`), in a redline.
    mark: Option<String>,
    /// The paragraph's old properties (`<w:pPrChange …>`), in a redline.
    change: Option<String>,
}

impl PPr<'_> {
    fn xml(&self) -> String {
        let mut p = String::from("<w:pPr>");
        if let Some(s) = self.style {
            let _ = write!(p, "<w:pStyle w:val=\"{s}\"/>");
        }
        if self.keep_next {
            p.push_str("<w:keepNext/>");
        }
        if let Some(sz) = self.rule {
            let _ = write!(p, "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"{sz}\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>");
        }
        if let Some(pos) = self.leader_tab {
            let _ = write!(p, "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{pos}\"/></w:tabs>");
        }
        let rule = if self.exact { "exact" } else { "auto" };
        let _ = write!(p, "<w:spacing w:before=\"{}\" w:after=\"{}\" w:line=\"{}\" w:lineRule=\"{rule}\"/>", self.before, self.after, self.line.max(1));
        if self.left != 0 || self.right != 0 || self.first_line != 0 {
            let _ = write!(p, "<w:ind w:left=\"{}\" w:right=\"{}\" w:firstLine=\"{}\"/>", self.left, self.right, self.first_line);
        }
        if !self.jc.is_empty() {
            let _ = write!(p, "<w:jc w:val=\"{}\"/>", self.jc);
        }
        if let Some(m) = &self.mark {
            let _ = write!(p, "<w:rPr>{m}</w:rPr>");
        }
        if let Some(s) = &self.sect {
            p.push_str(s);
        }
        if let Some(c) = &self.change {
            p.push_str(c);
        }
        p.push_str("</w:pPr>");
        p
    }
}

fn para(ppr: &PPr, content: &str) -> String {
    format!("<w:p>{}{content}</w:p>", ppr.xml())
}

struct Doc<'a> {
    s: &'a Style,
    out: String,
    /// The last tracked change's id (ids count up from 1 in document order).
    ids: Cell<u32>,
    /// The date of tracked changes: the new plan's.
    date: String,
}

impl Doc<'_> {
    /// The attributes of one tracked change: a new id, author kehoach, the plan's date.
    fn track(&self) -> String {
        self.ids.set(self.ids.get() + 1);
        format!("w:id=\"{}\" w:author=\"kehoach\" w:date=\"{}\"", self.ids.get(), self.date)
    }

    /// A tracked paragraph or row mark, for `whole_mark`.
    fn mark_elem(&self, m: Option<Mark>) -> Option<String> {
        match m? {
            Mark::Ins => Some(format!("<w:ins {}/>", self.track())),
            Mark::Del => Some(format!("<w:del {}/>", self.track())),
            Mark::Restyled { .. } => None,
        }
    }

    /// Runs of styled spans; in a redline, insertions in w:ins, deletions in w:del (their text
    /// as w:delText) and a changed style with its old one in w:rPrChange.
    fn runs(&self, spans: &[Span], base: RunStyle) -> String {
        let mut out = String::new();
        for s in spans.iter().filter(|s| !s.text.is_empty()) {
            let st = RunStyle { bold: base.bold || s.bold, italic: base.italic || s.italic, size: base.size };
            match s.mark {
                None => out += &run(&s.text, st),
                Some(Mark::Ins) => {
                    let _ = write!(out, "<w:ins {}>{}</w:ins>", self.track(), run(&s.text, st));
                }
                Some(Mark::Del) => {
                    let _ = write!(out, "<w:del {}>{}</w:del>", self.track(), run_with(&s.text, st, "delText", ""));
                }
                Some(Mark::Restyled { bold, italic }) => {
                    let was = RunStyle { bold: base.bold || bold, italic: base.italic || italic, size: base.size };
                    let change = format!("<w:rPrChange {}><w:rPr>{}</w:rPr></w:rPrChange>", self.track(), was.props());
                    out += &run_with(&s.text, st, "t", &change);
                }
            }
        }
        out
    }

    /// A paragraph of spans, its mark tracked when the redline inserted or deleted it whole.
    fn spans_para(&self, ppr: PPr, spans: &[Span], st: RunStyle) -> String {
        let mark = self.mark_elem(whole_mark(spans));
        para(&PPr { mark, ..ppr }, &self.runs(spans, st))
    }

    fn text_width_mm(&self, landscape: bool) -> f64 {
        let p = &self.s.page;
        let w = if landscape { p.height_mm } else { p.width_mm };
        w - p.margin_left_mm - p.margin_right_mm
    }

    /// Line spacing of body text in 240ths.
    fn body_line(&self) -> i64 {
        (self.s.spacing.line_spacing * 240.0).round() as i64
    }

    fn body_ppr(&self) -> PPr<'static> {
        PPr {
            before: (self.s.spacing.para_before_pt * TW_PER_PT).round() as i64,
            line: self.body_line(),
            first_line: tw(self.s.spacing.first_line_indent_mm),
            jc: "both",
            ..PPr::default()
        }
    }

    /// A centred line of single-spaced text.
    fn centred(&self, text: &[Span], st: RunStyle) -> String {
        self.spans_para(PPr { line: 240, jc: "center", ..PPr::default() }, text, st)
    }

    /// A short centred rule `len_mm` long, in a box `box_mm` wide.
    fn rule(&self, len_mm: f64, box_mm: f64) -> String {
        let side = tw(((box_mm - len_mm) / 2.0).max(0.0));
        let sz = (self.s.header.rule_pt * 8.0).round() as i64;
        para(&PPr { rule: Some(sz.clamp(2, 96)), line: 80, exact: true, left: side, right: side, jc: "center", ..PPr::default() }, "")
    }

    fn document(mut self, v: &PlanView) -> String {
        self.header_block(v);
        self.title_block(v);
        let n = v.body.len();
        for (i, b) in v.body.iter().enumerate() {
            // The last paragraph stays with Nơi nhận and the signature.
            self.block(b, false, i + 1 == n);
        }
        self.closing(v);
        let main_sect = self.sect_pr(false);
        if v.appendices.is_empty() {
            // Word keeps a paragraph after a table that ends the document; write it.
            self.out.push_str(&para(&PPr { line: 20, exact: true, ..PPr::default() }, ""));
            self.out.push_str(&main_sect);
        } else {
            // An appendix the redline adds or deletes takes its section break with it.
            let marks: Vec<Option<Mark>> = v.appendices.iter().map(|a| whole_mark(&a.label)).collect();
            let mark = self.mark_elem(marks[0]);
            self.out.push_str(&para(&PPr { line: 20, exact: true, sect: Some(main_sect), mark, ..PPr::default() }, ""));
            let k = v.appendices.len();
            for (i, a) in v.appendices.iter().enumerate() {
                self.appendix(a);
                let sect = self.sect_pr(a.landscape);
                if i + 1 == k {
                    self.out.push_str(&sect);
                } else {
                    let mark = self.mark_elem(marks[i + 1]);
                    self.out.push_str(&para(&PPr { line: 20, exact: true, sect: Some(sect), mark, ..PPr::default() }, ""));
                }
            }
        }
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:body>{}</w:body></w:document>",
            self.out
        )
    }

    /// Section properties in schema order: headers, size, margins, numbering, first page.
    fn sect_pr(&self, landscape: bool) -> String {
        let p = &self.s.page;
        let (w, h) = if landscape { (tw(p.height_mm), tw(p.width_mm)) } else { (tw(p.width_mm), tw(p.height_mm)) };
        let orient = if landscape { " w:orient=\"landscape\"" } else { "" };
        format!(
            "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/><w:headerReference w:type=\"first\" r:id=\"rIdHeaderFirst\"/>\
             <w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>\
             <w:pgMar w:top=\"{}\" w:right=\"{}\" w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/>\
             <w:pgNumType w:start=\"1\"/><w:titlePg/></w:sectPr>",
            tw(p.margin_top_mm),
            tw(p.margin_right_mm),
            tw(p.margin_bottom_mm),
            tw(p.margin_left_mm),
            tw(p.header_distance_mm),
            tw(p.header_distance_mm),
        )
    }

    /// A borderless two-column table (header block, signature block).
    fn layout_table(&mut self, left_mm: f64, right_mm: f64, rows: &[(String, String)]) {
        let (l, r) = (tw(left_mm), tw(right_mm));
        let _ = write!(
            self.out,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/>\
             <w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>\
             <w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"{l}\"/><w:gridCol w:w=\"{r}\"/></w:tblGrid>",
            l + r
        );
        for (a, b) in rows {
            let _ = write!(
                self.out,
                "<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"{l}\" w:type=\"dxa\"/></w:tcPr>{a}</w:tc>\
                 <w:tc><w:tcPr><w:tcW w:w=\"{r}\" w:type=\"dxa\"/></w:tcPr>{b}</w:tc></w:tr>"
            );
        }
        self.out.push_str("</w:tbl>");
    }

    /// Ô 1-4.
    fn header_block(&mut self, v: &PlanView) {
        let s = self.s;
        let sz = &s.size;
        let mut left = String::new();
        if let Some(parent) = &v.header.parent {
            left += &self.centred(parent, RunStyle { size: Some(sz.parent), ..RunStyle::default() });
        }
        let bold = |size| RunStyle { bold: true, size: Some(size), ..RunStyle::default() };
        for l in &v.header.agency {
            left += &self.centred(l, bold(sz.agency));
        }
        let widest = v.header.agency.iter().map(|l| fonts::text_width_pt(&shown(l), sz.agency, true)).fold(0.0, f64::max) * 25.4 / 72.0;
        left += &self.rule(widest * s.header.agency_rule_ratio, s.header.left_mm);

        let motto = "Độc lập - Tự do - Hạnh phúc";
        let mut right = self.centred(&[Span::plain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")], bold(sz.quoc_hieu));
        right += &self.centred(&[Span::plain(motto)], bold(sz.tieu_ngu));
        right += &self.rule(fonts::text_width_pt(motto, sz.tieu_ngu, true) * 25.4 / 72.0, s.header.right_mm);

        let gap = PPr { before: 160, line: 240, jc: "center", ..PPr::default() };
        let number = self.spans_para(gap.clone(), &v.header.number, RunStyle { size: Some(sz.number), ..RunStyle::default() });
        let date = self.spans_para(gap, &v.header.place_date, RunStyle { italic: true, size: Some(sz.place_date), ..RunStyle::default() });
        self.layout_table(s.header.left_mm, s.header.right_mm, &[(left, right), (number, date)]);
    }

    /// Ô 5a.
    fn title_block(&mut self, v: &PlanView) {
        let s = self.s;
        let bold = RunStyle { bold: true, size: Some(s.size.title), ..RunStyle::default() };
        let before = (s.spacing.title_gap_before_pt * TW_PER_PT).round() as i64;
        self.out += &para(
            &PPr { before, line: 240, jc: "center", keep_next: true, ..PPr::default() },
            &run(&v.doc_type, RunStyle { size: Some(s.size.doc_type), ..bold }),
        );
        // The clerk's line breaks print as w:br (run_with); the rule measures the widest line.
        self.out += &self.spans_para(PPr { line: 240, jc: "center", keep_next: true, ..PPr::default() }, &v.title, bold);
        let width = self.text_width_mm(false);
        let widest = shown(&v.title).split('\n').map(|l| fonts::text_width_pt(l, s.size.title, true)).fold(0.0, f64::max);
        let title_mm = (widest * 25.4 / 72.0).min(width);
        let len = (title_mm * s.header.title_rule_ratio).min(s.header.title_rule_max_mm);
        self.out += &self.rule(len, width);
        let after = (s.spacing.title_gap_after_pt * TW_PER_PT).round() as i64;
        self.out += &para(&PPr { line: after.max(20), exact: true, ..PPr::default() }, "");
    }

    fn block(&mut self, b: &Block, landscape: bool, keep_next: bool) {
        match b {
            Block::Heading { level, number, spans, was_level } => {
                let style = |level: &u8| match level {
                    1 => "Heading1",
                    2 => "Heading2",
                    _ => "Heading3",
                };
                let spans = numbered(number, spans);
                let ppr = PPr { style: Some(style(level)), keep_next: true, ..self.body_ppr() };
                // A heading whose level changed: its old paragraph style in w:pPrChange.
                let change = was_level.map(|l| format!("<w:pPrChange {}>{}</w:pPrChange>", self.track(), PPr { style: Some(style(&l)), ..ppr.clone() }.xml()));
                self.out += &self.spans_para(PPr { change, ..ppr }, &spans, RunStyle::default());
            }
            Block::Para { number, spans, style } => {
                let base = RunStyle { italic: *style == ParaStyle::Basis, ..RunStyle::default() };
                let spans = match number {
                    Some(n) => numbered(n, spans),
                    None => spans.clone(),
                };
                self.out += &self.spans_para(PPr { keep_next, ..self.body_ppr() }, &spans, base);
            }
            Block::Item { marker, spans } => {
                self.out += &self.spans_para(PPr { keep_next, ..self.body_ppr() }, &numbered(marker, spans), RunStyle::default());
            }
            Block::Line { marker, label, value } => {
                let label = numbered(marker, label);
                let mut content = self.runs(&label, RunStyle::default());
                // Spaces either side of the leader, as the PDF sets them.
                content += "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r>";
                content += &self.runs(value, RunStyle::default());
                let ppr = self.body_ppr();
                let right = tw(self.text_width_mm(landscape)) - ppr.right;
                let mark = self.mark_elem(whole_mark(label.iter().chain(value)));
                self.out += &para(&PPr { keep_next, leader_tab: Some(right), jc: "left", mark, ..ppr }, &content);
            }
            Block::Table(t) => self.table(t, landscape),
        }
    }

    /// Ô 9b and ô 7.
    fn closing(&mut self, v: &PlanView) {
        let s = self.s;
        let tight = PPr { line: 240, ..PPr::default() };
        let mut left = para(
            &PPr { before: 240, line: 240, ..PPr::default() },
            &run(&v.recipients.label, RunStyle { bold: true, italic: true, size: Some(s.size.recipients_label) }),
        );
        for it in &v.recipients.items {
            left += &self.spans_para(tight.clone(), it, RunStyle { size: Some(s.size.recipients), ..RunStyle::default() });
        }
        let bold = |size| RunStyle { bold: true, size: Some(size), ..RunStyle::default() };
        let mut right = String::new();
        for (i, l) in v.signature.lines.iter().enumerate() {
            right += &self.spans_para(PPr { before: if i == 0 { 240 } else { 0 }, line: 240, jc: "center", ..PPr::default() }, l, bold(s.size.signature));
        }
        right += &self.spans_para(
            PPr { before: tw(s.spacing.signature_gap_mm), line: 240, jc: "center", ..PPr::default() },
            &v.signature.name,
            bold(s.size.signer_name),
        );
        self.layout_table(s.signature_block.left_mm, s.signature_block.right_mm, &[(left, right)]);
    }

    fn appendix(&mut self, a: &AppendixView) {
        let s = self.s;
        let sz = &s.size;
        let bold = |size| RunStyle { bold: true, size: Some(size), ..RunStyle::default() };
        self.out += &self.centred(&a.label, bold(sz.appendix_label));
        if let Some(t) = &a.title {
            self.out += &self.centred(t, bold(sz.appendix_title));
        }
        self.out += &self.centred(&a.reference, RunStyle { italic: true, size: Some(sz.appendix_reference), ..RunStyle::default() });
        self.out += &self.rule(30.0, self.text_width_mm(a.landscape));
        self.out += &para(&PPr { line: 200, exact: true, ..PPr::default() }, "");
        for b in &a.body {
            self.block(b, a.landscape, false);
        }
    }

    fn table(&mut self, t: &TableView, landscape: bool) {
        let s = self.s;
        let total: f64 = t.widths.iter().sum::<f64>().max(f64::MIN_POSITIVE);
        let width = tw(self.text_width_mm(landscape));
        let grid: Vec<i64> = t.widths.iter().map(|w| (w / total * width as f64).round() as i64).collect();
        let pad = tw(s.spacing.table_cell_pad_mm);
        let _ = write!(
            self.out,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/>\
             <w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
             <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>\
             <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>\
             <w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"{pad}\" w:type=\"dxa\"/><w:left w:w=\"{pad}\" w:type=\"dxa\"/><w:bottom w:w=\"{pad}\" w:type=\"dxa\"/><w:right w:w=\"{pad}\" w:type=\"dxa\"/></w:tblCellMar>\
             <w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>",
            grid.iter().sum::<i64>()
        );
        for g in &grid {
            let _ = write!(self.out, "<w:gridCol w:w=\"{g}\"/>");
        }
        self.out.push_str("</w:tblGrid>");
        let rows: Vec<(&Vec<CellView>, bool)> = t.header.iter().map(|r| (r, true)).chain(t.rows.iter().map(|r: &RowView| (&r.cells, false))).collect();
        // Columns still covered by a cell merged down from a row above: (rows left, span).
        let mut carry: Vec<(u32, u32)> = vec![(0, 0); grid.len()];
        let n_header = t.header.len();
        for (i, (cells, header)) in rows.into_iter().enumerate() {
            // The header and the first body row keep with the next row: a table starts on a
            // page only where its header and first two rows fit.
            let keep = i <= n_header;
            let chars: usize = cells.iter().flat_map(|c| &c.paras).flat_map(|p| &p.spans).map(|s| s.text.chars().count()).sum();
            // Header rows repeat on every page; short rows never break across pages.
            let mut tr = String::from("<w:tr><w:trPr>");
            if header || chars < 400 {
                tr.push_str("<w:cantSplit/>");
            }
            if header {
                tr.push_str("<w:tblHeader/>");
            }
            // A row the redline inserts or deletes whole is tracked as a row.
            if let Some(m) = self.mark_elem(whole_mark(cells.iter().flat_map(|c| &c.paras).flat_map(|p| &p.spans))) {
                tr.push_str(&m);
            }
            tr.push_str("</w:trPr>");
            let mut col = 0usize;
            let mut it = cells.iter();
            while col < grid.len() {
                let (left, span) = carry[col];
                if left > 0 {
                    let span = span.max(1) as usize;
                    let w: i64 = grid[col..(col + span).min(grid.len())].iter().sum();
                    let _ = write!(tr, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{}<w:vMerge/></w:tcPr><w:p/></w:tc>", grid_span(span));
                    carry[col].0 -= 1;
                    col += span;
                    continue;
                }
                let Some(c) = it.next() else { break };
                let span = (c.colspan.max(1) as usize).min(grid.len() - col);
                let w: i64 = grid[col..col + span].iter().sum();
                let vmerge = if c.rowspan > 1 {
                    carry[col] = (c.rowspan - 1, span as u32);
                    "<w:vMerge w:val=\"restart\"/>"
                } else {
                    ""
                };
                let _ = write!(tr, "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/>{}{vmerge}<w:vAlign w:val=\"center\"/></w:tcPr>", grid_span(span));
                tr += &self.cell_paras(c, header, keep);
                tr.push_str("</w:tc>");
                col += span;
            }
            tr.push_str("</w:tr>");
            self.out += &tr;
        }
        self.out.push_str("</w:tbl>");
        for n in &t.notes {
            self.out += &self.spans_para(
                PPr { before: 60, line: 240, jc: "both", ..PPr::default() },
                n,
                RunStyle { italic: true, size: Some(s.size.table_note), ..RunStyle::default() },
            );
        }
        // Space after a table, as the PDF has.
        self.out += &para(&PPr { line: 120, exact: true, ..PPr::default() }, "");
    }

    fn cell_paras(&self, c: &CellView, header: bool, keep_next: bool) -> String {
        let jc = match c.align {
            Align::Center => "center",
            Align::Justify => "both",
            Align::Left => "left",
        };
        let st = RunStyle { bold: c.bold || header, size: Some(self.s.size.table), ..RunStyle::default() };
        let ppr = PPr { line: 240, jc, keep_next, ..PPr::default() };
        if c.paras.is_empty() {
            return para(&ppr, "");
        }
        c.paras.iter().map(|p| self.spans_para(ppr.clone(), &p.spans, st)).collect()
    }
}

/// A number or marker ("1.", "a)", "-") before its text, with the space between.
/// (A redline leaves the number empty and puts a changed one, marked, into the spans.)
fn numbered(number: &str, spans: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len() + 1);
    if !number.is_empty() {
        out.push(Span::plain(format!("{number} ")));
    }
    out.extend(spans.iter().cloned());
    out
}

/// The text as printed in the new version (deleted spans left out), for measuring.
fn shown(t: &[Span]) -> String {
    t.iter().filter(|s| s.mark != Some(Mark::Del)).map(|s| s.text.as_str()).collect()
}

fn grid_span(span: usize) -> String {
    if span > 1 {
        format!("<w:gridSpan w:val=\"{span}\"/>")
    } else {
        String::new()
    }
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn styles(s: &Style) -> String {
    let font = esc(&s.font.family);
    let fonts = format!("<w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\" w:cs=\"{font}\"/>");
    let body = hp(s.size.body);
    let heading = hp(s.size.heading);
    let line = (s.spacing.line_spacing * 240.0).round() as i64;
    let before = (s.spacing.para_before_pt * TW_PER_PT).round() as i64;
    let indent = tw(s.spacing.first_line_indent_mm);
    let heading_style = |id: &str, name: &str, level: usize, look: &str| {
        format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{id}\"><w:name w:val=\"{name}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
             <w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before=\"{before}\" w:after=\"0\" w:line=\"{line}\" w:lineRule=\"auto\"/>\
             <w:ind w:firstLine=\"{indent}\"/><w:jc w:val=\"both\"/><w:outlineLvl w:val=\"{level}\"/></w:pPr>\
             <w:rPr>{look}<w:color w:val=\"000000\"/><w:sz w:val=\"{heading}\"/><w:szCs w:val=\"{heading}\"/></w:rPr></w:style>"
        )
    };
    format!(
        "{XML_HEAD}<w:styles xmlns:w=\"{W}\">\
         <w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val=\"{body}\"/><w:szCs w:val=\"{body}\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/><w:rPr>{fonts}<w:color w:val=\"000000\"/><w:sz w:val=\"{body}\"/><w:szCs w:val=\"{body}\"/></w:rPr></w:style>\
         {}{}{}\
         <w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/><w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>\
         </w:styles>",
        heading_style("Heading1", "heading 1", 0, "<w:b/><w:bCs/>"),
        heading_style("Heading2", "heading 2", 1, "<w:b/><w:bCs/>"),
        heading_style("Heading3", "heading 3", 2, "<w:i/><w:iCs/>"),
    )
}

/// The page-number header (a PAGE field, centred) and the empty one for first pages.
fn headers(s: &Style) -> (String, String) {
    let sz = hp(s.size.page_number);
    let rpr = format!("<w:rPr><w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/></w:rPr>");
    let page = format!(
        "{XML_HEAD}<w:hdr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:r>{rpr}<w:fldChar w:fldCharType=\"begin\"/></w:r><w:r>{rpr}<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r>{rpr}<w:fldChar w:fldCharType=\"separate\"/></w:r><w:r>{rpr}<w:t>2</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>"
    );
    let first = format!("{XML_HEAD}<w:hdr xmlns:w=\"{W}\" xmlns:r=\"{R}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p></w:hdr>");
    (page, first)
}

/// The standard Office theme, its fonts the plan's: Word resolves theme fonts and colours
/// through it, and some versions treat a document without one as damaged.
fn theme(font: &str) -> String {
    let colors = [
        ("dk1", "<a:sysClr val=\"windowText\" lastClr=\"000000\"/>"),
        ("lt1", "<a:sysClr val=\"window\" lastClr=\"FFFFFF\"/>"),
        ("dk2", "<a:srgbClr val=\"44546A\"/>"),
        ("lt2", "<a:srgbClr val=\"E7E6E6\"/>"),
        ("accent1", "<a:srgbClr val=\"4472C4\"/>"),
        ("accent2", "<a:srgbClr val=\"ED7D31\"/>"),
        ("accent3", "<a:srgbClr val=\"A5A5A5\"/>"),
        ("accent4", "<a:srgbClr val=\"FFC000\"/>"),
        ("accent5", "<a:srgbClr val=\"5B9BD5\"/>"),
        ("accent6", "<a:srgbClr val=\"70AD47\"/>"),
        ("hlink", "<a:srgbClr val=\"0563C1\"/>"),
        ("folHlink", "<a:srgbClr val=\"954F72\"/>"),
    ];
    let colors: String = colors.iter().map(|(n, c)| format!("<a:{n}>{c}</a:{n}>")).collect();
    let fonts = format!("<a:latin typeface=\"{font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/>");
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = |w: u32| format!("<a:ln w=\"{w}\" cap=\"flat\" cmpd=\"sng\" algn=\"ctr\">{fill}<a:prstDash val=\"solid\"/><a:miter lim=\"800000\"/></a:ln>");
    format!(
        "{XML_HEAD}<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office Theme\"><a:themeElements>\
         <a:clrScheme name=\"Office\">{colors}</a:clrScheme>\
         <a:fontScheme name=\"Office\"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme>\
         <a:fmtScheme name=\"Office\"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst><a:lnStyleLst>{}{}{}</a:lnStyleLst>\
         <a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>\
         <a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        line(6350),
        line(12700),
        line(19050)
    )
}

fn package(s: &Style, v: &PlanView, document: &str) -> zip::result::ZipResult<Vec<u8>> {
    let date = format!("{:04}-{:02}-{:02}T00:00:00Z", v.meta.year, v.meta.month, v.meta.day);
    let (header, first) = headers(s);
    let font = esc(&s.font.family);
    let parts: [(&str, String); 13] = [
        (
            "[Content_Types].xml",
            format!(
                "{XML_HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
                 <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
                 <Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
                 <Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>\
                 <Override PartName=\"/word/webSettings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.webSettings+xml\"/>\
                 <Override PartName=\"/word/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>\
                 <Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
                 <Override PartName=\"/word/header2.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>\
                 <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
                 <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/></Types>"
            ),
        ),
        (
            "_rels/.rels",
            format!(
                "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
                 <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
                 <Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/></Relationships>"
            ),
        ),
        (
            "docProps/core.xml",
            format!(
                "{XML_HEAD}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
                 xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
                 <dc:title>{}</dc:title><dc:creator>{}</dc:creator><cp:lastModifiedBy>kehoach</cp:lastModifiedBy><cp:revision>1</cp:revision>\
                 <dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified></cp:coreProperties>",
                esc(&v.meta.title),
                esc(&v.meta.author)
            ),
        ),
        (
            "docProps/app.xml",
            format!("{XML_HEAD}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\"><Application>kehoach</Application></Properties>"),
        ),
        ("word/document.xml", document.to_string()),
        ("word/styles.xml", styles(s)),
        (
            "word/settings.xml",
            format!(
                "{XML_HEAD}<w:settings xmlns:w=\"{W}\"><w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
                 <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat></w:settings>"
            ),
        ),
        (
            "word/fontTable.xml",
            format!(
                "{XML_HEAD}<w:fonts xmlns:w=\"{W}\"><w:font w:name=\"{font}\"><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/>\
                 <w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font></w:fonts>"
            ),
        ),
        // Both optional in the standard, but Word for Mac asks to repair a file without them.
        ("word/webSettings.xml", format!("{XML_HEAD}<w:webSettings xmlns:w=\"{W}\"><w:optimizeForBrowser/><w:allowPNG/></w:webSettings>")),
        ("word/theme/theme1.xml", theme(&font)),
        ("word/header1.xml", header),
        ("word/header2.xml", first),
        (
            "word/_rels/document.xml.rels",
            format!(
                "{XML_HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
                 <Relationship Id=\"rIdSettings\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
                 <Relationship Id=\"rIdFonts\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>\
                 <Relationship Id=\"rIdWeb\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/webSettings\" Target=\"webSettings.xml\"/>\
                 <Relationship Id=\"rIdTheme\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme\" Target=\"theme/theme1.xml\"/>\
                 <Relationship Id=\"rIdHeader\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header1.xml\"/>\
                 <Relationship Id=\"rIdHeaderFirst\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/header\" Target=\"header2.xml\"/></Relationships>"
            ),
        ),
    ];
    // Fixed order and timestamps: the same plan gives the same bytes.
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).last_modified_time(zip::DateTime::default());
    for (name, body) in parts.iter() {
        zip.start_file(*name, opts)?;
        zip.write_all(body.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
