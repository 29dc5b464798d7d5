//! A WordprocessingML package read into a neutral document, as the page shows it.
//!
//! Paragraphs become runs of text with their bold and italic (direct, character
//! style and paragraph style resolved) and the list label Word draws
//! (`numbering`); tables become rows of cells with `gridSpan` and `vMerge`
//! resolved into column and row spans; each element knows its section, and
//! each section its orientation. Tracked changes are taken as accepted
//! (`w:ins` kept, `w:del` dropped); field codes give way to their result;
//! comments, bookmarks, proofing marks and hidden text are left out; `w:tab`
//! and `w:br` become a tab and a line break; text boxes and footnotes are kept
//! as paragraphs of their own, flagged so the classifier can say so.

use super::numbering::{Label, Numbering};
use super::styles::{ParaStyle, RunProps, Styles};
use super::xml::{self, attr, child, is, val, w_name};
use super::ImportError;
use crate::text::inline::{self, Span};
use roxmltree::Node;
use std::collections::HashMap;
use std::io::Read;
use unicode_normalization::UnicodeNormalization;

/// A run of text with one style: the same as a span of kehoach's inline marks.
pub type Run = Span;

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

/// Where a paragraph came from, when not the main flow.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Origin {
    #[default]
    Body,
    TextBox,
    Footnote,
}

#[derive(Debug, Clone, Default)]
pub struct Para {
    pub runs: Vec<Run>,
    /// The label Word draws from automatic numbering.
    pub label: Option<Label>,
    /// 1-based heading level from the paragraph's style or outline level.
    pub heading: Option<u8>,
    pub align: Align,
    /// A page starts with this paragraph (a page break before it, or `pageBreakBefore`).
    pub page_break: bool,
    /// A drawn rule: a bottom border or a drawing, and no text.
    pub rule: bool,
    pub origin: Origin,
}

impl Para {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

#[derive(Debug, Clone)]
pub struct Cell {
    /// First grid column.
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
    pub paras: Vec<Para>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// Marked to repeat on every page (`tblHeader`).
    pub header: bool,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// Grid column widths in twips (may be empty in a damaged file).
    pub grid: Vec<f64>,
    pub rows: Vec<Row>,
    /// A table was found inside a cell and flattened into its paragraphs.
    pub nested: bool,
}

impl Table {
    pub fn columns(&self) -> usize {
        let used = self.rows.iter().flat_map(|r| r.cells.iter().map(|c| c.col + c.colspan)).max().unwrap_or(0);
        used.max(self.grid.len())
    }
}

#[derive(Debug, Clone)]
pub enum Element {
    Para(Para),
    Table(Table),
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Section {
    pub landscape: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Document {
    pub body: Vec<(Element, usize)>,
    pub sections: Vec<Section>,
}

/// Largest part read from the package: a real document.xml is a few MB; this bounds a zip bomb.
const MAX_PART: u64 = 64 * 1024 * 1024;

/// Reads the package.
pub fn read(bytes: &[u8]) -> Result<Document, ImportError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|_| ImportError::NotDocx)?;
    let mut part = |name: &str| -> Result<Option<String>, ImportError> {
        let Ok(f) = zip.by_name(name) else { return Ok(None) };
        let mut buf = Vec::new();
        f.take(MAX_PART).read_to_end(&mut buf).map_err(|e| ImportError::Damaged(format!("{name}: {e}")))?;
        let buf = buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf).to_vec();
        String::from_utf8(buf).map(Some).map_err(|_| ImportError::Damaged(format!("{name}: not UTF-8")))
    };
    let main = target(part("_rels/.rels")?.as_deref(), "officeDocument", "").unwrap_or_else(|| "word/document.xml".into());
    let dir = main.rsplit_once('/').map(|(d, _)| format!("{d}/")).unwrap_or_default();
    let rels_name = format!("{dir}_rels/{}.rels", main.rsplit('/').next().unwrap_or(""));
    let rels = part(&rels_name)?;
    let related = |kind: &str, default: &str| target(rels.as_deref(), kind, &dir).unwrap_or_else(|| format!("{dir}{default}"));
    let Some(document) = part(&main)? else {
        return Err(ImportError::NotDocx);
    };
    let styles_text = part(&related("styles", "styles.xml"))?;
    let numbering_text = part(&related("numbering", "numbering.xml"))?;
    let footnotes_text = part(&related("footnotes", "footnotes.xml"))?;

    let doc = parse(&main, &document)?;
    let mut r = Reader {
        styles: Styles::parse(styles_text.as_deref()),
        numbering: Numbering::parse(numbering_text.as_deref(), styles_text.as_deref()),
        footnotes: HashMap::new(),
        section: 0,
        out: Document::default(),
        field: Vec::new(),
        pending_break: false,
    };
    if let Some(f) = &footnotes_text {
        let fdoc = parse("footnotes.xml", f)?;
        for n in xml::children(fdoc.root_element(), "footnote") {
            if let Some(id) = attr(n, "id") {
                let mut tmp = Vec::new();
                for p in xml::children(n, "p") {
                    tmp.extend(r.paragraph(p));
                }
                r.footnotes.insert(id.to_string(), tmp);
            }
        }
        r.field.clear();
    }
    let body = child(doc.root_element(), "body").ok_or(ImportError::NotDocx)?;
    let mut elements = Vec::new();
    r.block_content(body, &mut elements);
    let last = child(body, "sectPr");
    r.out.sections.push(section(last));
    r.out.body = elements;
    Ok(r.out)
}

/// The target of the first relationship of `kind` in a .rels part, as a package path.
fn parse<'a>(name: &str, text: &'a str) -> Result<roxmltree::Document<'a>, ImportError> {
    xml::parse(text).map_err(|e| ImportError::Damaged(format!("{name}: {e}")))
}

fn target(rels: Option<&str>, kind: &str, dir: &str) -> Option<String> {
    let doc = xml::parse(rels?).ok()?;
    let rel = doc.root_element().children().filter(|n| n.is_element()).find(|n| attr(*n, "Type").is_some_and(|t| t.rsplit('/').next() == Some(kind)))?;
    let t = attr(rel, "Target")?;
    Some(match t.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{t}"),
    })
}

fn section(sect: Option<Node>) -> Section {
    let sz = sect.and_then(|s| child(s, "pgSz"));
    let (w, h) = (sz.and_then(|s| xml::int(attr(s, "w"))).unwrap_or(0), sz.and_then(|s| xml::int(attr(s, "h"))).unwrap_or(0));
    Section { landscape: sz.and_then(|s| attr(s, "orient")) == Some("landscape") || w > h }
}

struct Reader {
    styles: Styles,
    numbering: Numbering,
    footnotes: HashMap<String, Vec<Para>>,
    section: usize,
    out: Document,
    /// Open fields: true while in their instruction part (before `separate`).
    field: Vec<bool>,
    pending_break: bool,
}

/// A paragraph being read: its runs and what its runs said about it.
#[derive(Default)]
struct Building {
    runs: Vec<Run>,
    page_break_after_text: bool,
    drawing: bool,
    extra: Vec<Para>,
}

impl Reader {
    /// Paragraphs and tables of the body, a cell or a content control, in order.
    fn block_content(&mut self, node: Node, out: &mut Vec<(Element, usize)>) {
        for n in node.children() {
            match w_name(n) {
                Some("p") => {
                    let sect = child(n, "pPr").and_then(|p| child(p, "sectPr"));
                    for p in self.paragraph(n) {
                        out.push((Element::Para(p), self.section));
                    }
                    if sect.is_some() {
                        self.out.sections.push(section(sect));
                        self.section += 1;
                        // A new section starts a new page (continuous sections are rare in plans).
                        self.pending_break = true;
                    }
                }
                Some("tbl") => {
                    let t = self.table(n);
                    out.push((Element::Table(t), self.section));
                }
                Some("sdt") => {
                    if let Some(c) = child(n, "sdtContent") {
                        self.block_content(c, out);
                    }
                }
                Some("customXml" | "ins" | "moveTo") => self.block_content(n, out),
                _ if n.tag_name().name() == "AlternateContent" => {
                    if let Some(c) = n.children().find(|c| c.tag_name().name() == "Choice") {
                        self.block_content(c, out);
                    }
                }
                _ => {}
            }
        }
    }

    /// One `w:p`: the paragraph, then any text boxes and footnotes it carries.
    fn paragraph(&mut self, p: Node) -> Vec<Para> {
        let ppr = child(p, "pPr");
        let style = self.styles.para(ppr.and_then(|x| val(x, "pStyle")));
        let mut b = Building::default();
        self.inline(p, &style, &mut b);
        let mut para = Para {
            runs: merge(b.runs),
            heading: ppr.and_then(|x| xml::int(val(x, "outlineLvl"))).filter(|l| (0..9).contains(l)).map(|l| l as u8 + 1).or(style.heading),
            align: match ppr.and_then(|x| val(x, "jc")).or(style.jc.as_deref()) {
                Some("center") => Align::Center,
                Some("right" | "end") => Align::Right,
                Some("both" | "distribute") => Align::Justify,
                _ => Align::Left,
            },
            page_break: std::mem::take(&mut self.pending_break) || ppr.and_then(|x| xml::on_off(x, "pageBreakBefore")).unwrap_or(false),
            ..Para::default()
        };
        let has_text = para.runs.iter().any(|r| !r.text.trim().is_empty());
        let border =
            ppr.and_then(|x| child(x, "pBdr")).and_then(|b| child(b, "bottom")).is_some_and(|b| attr(b, "val").is_some_and(|v| v != "none" && v != "nil"));
        para.rule = !has_text && (border || b.drawing);
        if b.page_break_after_text {
            self.pending_break = true;
        }
        // Numbering: direct numPr, else the style's; numId 0 switches it off.
        let direct = ppr.and_then(|x| child(x, "numPr"));
        let num = match direct.and_then(|n| val(n, "numId")) {
            Some(id) => {
                Some((id.to_string(), direct.and_then(|n| xml::int(val(n, "ilvl"))).map(|v| v as u32).or(style.num.as_ref().map(|s| s.1)).unwrap_or(0)))
            }
            None => style.num.clone().map(|(id, l)| (id, direct.and_then(|n| xml::int(val(n, "ilvl"))).map(|v| v as u32).unwrap_or(l))),
        };
        if let Some((id, lvl)) = num.filter(|(id, _)| id != "0") {
            // An empty paragraph in a list is not counted by Word either.
            if has_text {
                para.label = self.numbering.next(&id, lvl);
            }
        }
        let mut out = vec![para];
        out.extend(b.extra);
        out
    }

    /// Runs inside a paragraph or any inline container (hyperlink, insertion, field, control).
    fn inline(&mut self, node: Node, style: &ParaStyle, b: &mut Building) {
        for n in node.children() {
            let name = n.tag_name().name();
            if n.is_element() && name == "AlternateContent" {
                if let Some(c) = n.children().find(|c| c.tag_name().name() == "Choice") {
                    self.inline(c, style, b);
                }
                continue;
            }
            match w_name(n) {
                Some("r") => self.run(n, style, b),
                Some("hyperlink" | "smartTag" | "customXml" | "ins" | "moveTo" | "fldSimple" | "dir" | "bdo") => self.inline(n, style, b),
                Some("sdt") => {
                    if let Some(c) = child(n, "sdtContent") {
                        self.inline(c, style, b);
                    }
                }
                // Deleted text is not on the page once changes are accepted.
                Some("del" | "moveFrom") => {}
                _ if n.is_element() && (name == "oMath" || name == "oMathPara") => {
                    let t: String = n.descendants().filter(|d| d.tag_name().name() == "t").filter_map(|d| d.text()).collect();
                    self.push(b, &t, RunProps::default().over(style.run));
                }
                _ => {}
            }
        }
    }

    fn push(&mut self, b: &mut Building, text: &str, props: RunProps) {
        if self.field.iter().any(|instr| *instr) || props.hidden == Some(true) || text.is_empty() {
            return;
        }
        let text: String = text.chars().filter_map(symbol).collect();
        let text = if props.caps == Some(true) { text.to_uppercase() } else { text };
        b.runs.push(Run { text, bold: props.bold.unwrap_or(false), italic: props.italic.unwrap_or(false), mark: None });
    }

    fn run(&mut self, r: Node, style: &ParaStyle, b: &mut Building) {
        let rpr = child(r, "rPr");
        let char_style = rpr.and_then(|x| val(x, "rStyle")).map(|id| self.styles.chars(id)).unwrap_or_default();
        let props = RunProps::read(rpr).over(char_style).over(style.run);
        for n in r.children() {
            let name = n.tag_name().name();
            match w_name(n) {
                Some("t") => self.push(b, n.text().unwrap_or(""), props),
                Some("tab" | "ptab") => self.push(b, "\t", props),
                Some("br") if attr(n, "type") == Some("page") => {
                    if b.runs.iter().any(|r| !r.text.trim().is_empty()) {
                        b.page_break_after_text = true;
                    } else {
                        self.pending_break = true;
                    }
                }
                Some("br" | "cr") => self.push(b, "\n", props),
                Some("noBreakHyphen") => self.push(b, "-", props),
                Some("sym") => {
                    if let Some(c) = attr(n, "char").and_then(|h| u32::from_str_radix(h, 16).ok()).and_then(char::from_u32) {
                        self.push(b, &c.to_string(), props);
                    }
                }
                Some("fldChar") => match attr(n, "fldCharType") {
                    Some("begin") => self.field.push(true),
                    Some("separate") => {
                        if let Some(f) = self.field.last_mut() {
                            *f = false;
                        }
                    }
                    Some("end") => {
                        self.field.pop();
                    }
                    _ => {}
                },
                Some("footnoteReference" | "endnoteReference") => {
                    if let Some(notes) = attr(n, "id").and_then(|id| self.footnotes.get(id)) {
                        b.extra.extend(notes.iter().cloned().map(|mut p| {
                            p.origin = Origin::Footnote;
                            p
                        }));
                    }
                }
                Some("drawing" | "pict" | "object") => self.drawing(n, b),
                _ if n.is_element() && name == "AlternateContent" => {
                    if let Some(c) = n.children().find(|c| c.tag_name().name() == "Choice") {
                        if c.descendants().any(|d| is(d, "txbxContent")) {
                            self.drawing(c, b);
                        } else {
                            b.drawing = true;
                        }
                    }
                }
                _ => {}
            }
        }
    }

    /// A drawing: a shape (a rule, a logo) unless it holds a text box, whose paragraphs are kept.
    fn drawing(&mut self, n: Node, b: &mut Building) {
        b.drawing = true;
        for tb in n.descendants().filter(|d| is(*d, "txbxContent")) {
            for p in xml::children(tb, "p") {
                for mut para in self.paragraph(p) {
                    para.origin = Origin::TextBox;
                    b.extra.push(para);
                }
            }
        }
    }

    fn table(&mut self, tbl: Node) -> Table {
        let grid: Vec<f64> =
            child(tbl, "tblGrid").map(|g| xml::children(g, "gridCol").map(|c| xml::int(attr(c, "w")).unwrap_or(0) as f64).collect()).unwrap_or_default();
        let mut rows: Vec<Row> = Vec::new();
        let mut nested = false;
        // For each grid column, the (row, cell) index of the cell a vMerge continues.
        let mut origin: HashMap<usize, (usize, usize)> = HashMap::new();
        for tr in wrapped(tbl, "tr") {
            let trpr = child(tr, "trPr");
            let mut col = trpr.and_then(|p| xml::int(val(p, "gridBefore"))).unwrap_or(0).max(0) as usize;
            let header = trpr.and_then(|p| xml::on_off(p, "tblHeader")).unwrap_or(false);
            let ri = rows.len();
            let mut cells: Vec<Cell> = Vec::new();
            for tc in wrapped(tr, "tc") {
                let tcpr = child(tc, "tcPr");
                let span = tcpr.and_then(|p| xml::int(val(p, "gridSpan"))).unwrap_or(1).max(1) as usize;
                let vmerge = tcpr.and_then(|p| child(p, "vMerge")).map(|v| attr(v, "val").unwrap_or("continue"));
                let mut paras = Vec::new();
                for n in tc.children() {
                    match w_name(n) {
                        Some("p") => paras.extend(self.paragraph(n)),
                        Some("tbl") => {
                            nested = true;
                            let inner = self.table(n);
                            for r in inner.rows {
                                for c in r.cells {
                                    paras.extend(c.paras);
                                }
                            }
                        }
                        Some("sdt") => {
                            let mut tmp = Vec::new();
                            if let Some(c) = child(n, "sdtContent") {
                                self.block_content(c, &mut tmp);
                            }
                            paras.extend(tmp.into_iter().filter_map(|(e, _)| match e {
                                Element::Para(p) => Some(p),
                                Element::Table(_) => None,
                            }));
                        }
                        _ => {}
                    }
                }
                match (vmerge, origin.get(&col).copied()) {
                    (Some("continue"), Some((r0, c0))) => {
                        let o = &mut rows[r0].cells[c0];
                        o.rowspan = ri - r0 + 1;
                        // Text left in a merged-away part is kept with the merged cell, never dropped.
                        o.paras.extend(paras.into_iter().filter(|p| !p.text().trim().is_empty()));
                    }
                    _ => {
                        if vmerge == Some("restart") {
                            for k in col..col + span {
                                origin.insert(k, (ri, cells.len()));
                            }
                        } else {
                            for k in col..col + span {
                                origin.remove(&k);
                            }
                        }
                        cells.push(Cell { col, colspan: span, rowspan: 1, paras });
                    }
                }
                col += span;
            }
            rows.push(Row { cells, header });
        }
        Table { grid, rows, nested }
    }
}

/// A character as the page shows it: symbol-font glyphs (Word's `w:sym`, or private-use characters
/// LibreOffice writes as text) mapped to the Unicode they draw; control characters dropped.
fn symbol(c: char) -> Option<char> {
    let code = c as u32;
    let code = if (0xF000..=0xF0FF).contains(&code) {
        code - 0xF000
    } else if c.is_control() && c != '\t' && c != '\n' {
        return None;
    } else {
        return Some(c);
    };
    // The Symbol font's layout for the signs plans use; others as their Latin-1 position.
    Some(match code {
        0xB3 => '≥',
        0xA3 => '≤',
        0xB9 => '≠',
        0xBB => '≈',
        0xB1 => '±',
        0xB4 => '×',
        0xB8 => '÷',
        0xB0 => '°',
        0xB7 => '•',
        0xAE => '→',
        0xAC => '←',
        0xA5 => '∞',
        0x2D => '−',
        c => return char::from_u32(c).filter(|c| !c.is_control()),
    })
}

/// The `name` children (rows `tr` of a table, cells `tc` of a row), through content controls,
/// custom XML and inserted-row wrappers.
fn wrapped<'a, 'i>(parent: Node<'a, 'i>, name: &str) -> Vec<Node<'a, 'i>> {
    let mut out = Vec::new();
    for n in parent.children() {
        match w_name(n) {
            Some(x) if x == name => out.push(n),
            Some("sdt") => out.extend(child(n, "sdtContent").map(|c| wrapped(c, name)).unwrap_or_default()),
            Some("customXml" | "ins") => out.extend(wrapped(n, name)),
            _ => {}
        }
    }
    out
}

/// Adjacent runs of one style joined (Word splits runs mid-word), text in NFC.
fn merge(runs: Vec<Run>) -> Vec<Run> {
    let mut out = inline::merge(runs);
    for r in &mut out {
        if !r.text.is_ascii() {
            r.text = r.text.nfc().collect();
        }
    }
    out
}
