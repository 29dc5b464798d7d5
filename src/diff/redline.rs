//! The redline: the new version's view with the old version's text merged in, every difference
//! marked on its spans (`Mark::Ins`, `Mark::Del`, `Mark::Restyled`), for the renderers to show
//! as tracked changes (DOCX) or coloured marks with change bars (PDF).
//!
//! The printed text is compared here, not the YAML: numbers, deadlines as printed, the header
//! lines, every table cell. So accepting every change gives exactly the new document's text and
//! rejecting every one the old document's, whatever the plan's structure. Blocks, rows, list
//! lines and appendices are aligned as the semantic diff aligns items: equal text first (the
//! longest common subsequence), then, in the gaps, the most similar of the same shape
//! (syllable Dice ≥ 0.5) in order; the rest are deleted or inserted whole. A moved item shows
//! as a deletion where it was and an insertion where it is, as Word's own compare shows it.

use super::words::{self, Step};
use crate::text::inline::{self, Mark, Span};
use crate::view::*;

/// The similarity at which two blocks, rows or lines of the same shape are one changed item.
const SIMILAR: f64 = 0.5;
/// Beyond this many token pairs a text is shown as deleted whole, then inserted whole.
const MAX_CELLS: usize = 4_000_000;

/// The redline view of `old` → `new`, with `summary` (its first line the title) as its first page.
pub fn merge(old: &PlanView, new: &PlanView, summary: Vec<String>) -> PlanView {
    let h = Header {
        parent: optional(&old.header.parent, &new.header.parent),
        agency: texts(&old.header.agency, &new.header.agency),
        number: text(&old.header.number, &new.header.number),
        place_date: text(&old.header.place_date, &new.header.place_date),
    };
    PlanView {
        header: h,
        doc_type: new.doc_type.clone(),
        title: text(&old.title, &new.title),
        body: blocks(&old.body, &new.body),
        recipients: Recipients { label: new.recipients.label.clone(), items: texts(&old.recipients.items, &new.recipients.items) },
        signature: Signature { lines: texts(&old.signature.lines, &new.signature.lines), name: text(&old.signature.name, &new.signature.name) },
        appendices: appendices(&old.appendices, &new.appendices),
        meta: new.meta.clone(),
        summary: summary.into_iter().map(plain).collect(),
    }
}

/// How two sequences line up: a pair, or an item of one side only.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pair {
    Both(usize, usize),
    Old(usize),
    New(usize),
}

/// Aligns two sequences: equal `key`s by their longest common subsequence, then in each gap the
/// most similar items of one `shape` in order; the order of the result is the new one's, each
/// deletion before what follows it.
fn align<T>(old: &[T], new: &[T], key: impl Fn(&T) -> String, shape: impl Fn(&T) -> String) -> Vec<Pair> {
    let ko: Vec<(String, String)> = old.iter().map(|x| (shape(x), key(x))).collect();
    let kn: Vec<(String, String)> = new.iter().map(|x| (shape(x), key(x))).collect();
    let steps = if ko.len().saturating_mul(kn.len()) > MAX_CELLS {
        (0..ko.len()).map(Step::Del).chain((0..kn.len()).map(Step::Ins)).collect()
    } else {
        words::steps(&ko, &kn)
    };
    let mut out = Vec::new();
    let (mut gap_old, mut gap_new) = (Vec::new(), Vec::new());
    let flush = |gap_old: &mut Vec<usize>, gap_new: &mut Vec<usize>, out: &mut Vec<Pair>| {
        pair_gap(gap_old, gap_new, &ko, &kn, out);
        gap_old.clear();
        gap_new.clear();
    };
    for s in steps {
        match s {
            Step::Same(i, j) => {
                flush(&mut gap_old, &mut gap_new, &mut out);
                out.push(Pair::Both(i, j));
            }
            Step::Del(i) => gap_old.push(i),
            Step::Ins(j) => gap_new.push(j),
        }
    }
    flush(&mut gap_old, &mut gap_new, &mut out);
    out
}

/// Pairs the items of one gap: each new item, in order, with the most similar old item of its
/// shape still after the last one paired.
fn pair_gap(olds: &[usize], news: &[usize], ko: &[(String, String)], kn: &[(String, String)], out: &mut Vec<Pair>) {
    let bags_old: Vec<_> = olds.iter().map(|&i| words::bag(&ko[i].1)).collect();
    let mut next = 0;
    for &j in news {
        let bag = words::bag(&kn[j].1);
        let best = (next..olds.len())
            .filter(|&k| ko[olds[k]].0 == kn[j].0)
            .map(|k| (k, words::dice(&bags_old[k], &bag)))
            .filter(|&(_, d)| d >= SIMILAR)
            .fold(None::<(usize, f64)>, |b, (k, d)| if b.is_some_and(|(_, bd)| bd >= d) { b } else { Some((k, d)) });
        match best {
            Some((k, _)) => {
                out.extend(olds[next..k].iter().map(|&i| Pair::Old(i)));
                out.push(Pair::Both(olds[k], j));
                next = k + 1;
            }
            None => out.push(Pair::New(j)),
        }
    }
    out.extend(olds[next..].iter().map(|&i| Pair::Old(i)));
}

/// The word diff of two texts as marked spans: the new text's spans, with the old text's
/// deleted words before the words that replace them. Words here are what spaces separate.
pub fn text(old: &[Span], new: &[Span]) -> Text {
    let tok =
        |t: &[Span]| -> Vec<(String, bool, bool)> { t.iter().flat_map(|s| spaced(&s.text).into_iter().map(|w| (w.to_string(), s.bold, s.italic))).collect() };
    let (x, y) = (tok(old), tok(new));
    let (xt, yt): (Vec<&str>, Vec<&str>) = (x.iter().map(|t| t.0.as_str()).collect(), y.iter().map(|t| t.0.as_str()).collect());
    let steps = if xt.len().saturating_mul(yt.len()) > MAX_CELLS {
        (0..xt.len()).map(Step::Del).chain((0..yt.len()).map(Step::Ins)).collect()
    } else {
        words::steps(&xt, &yt)
    };
    let changed = |k: usize| steps.get(k).is_some_and(|s| !matches!(s, Step::Same(..)));
    let span = |t: &(String, bool, bool), mark| Span { text: t.0.clone(), bold: t.1, italic: t.2, mark };
    // One change (a run of steps off the common text) prints its deletions, then its insertions.
    let (mut out, mut dels, mut ins): (Vec<Span>, Vec<Span>, Vec<Span>) = (Vec::new(), Vec::new(), Vec::new());
    for (k, s) in steps.iter().enumerate() {
        match *s {
            // A space between two changes belongs to both: the change reads as one phrase.
            Step::Same(i, j) if x[i].0.trim().is_empty() && k > 0 && changed(k - 1) && changed(k + 1) => {
                dels.push(span(&x[i], Some(Mark::Del)));
                ins.push(span(&y[j], Some(Mark::Ins)));
            }
            Step::Same(i, j) => {
                out.append(&mut dels);
                out.append(&mut ins);
                let restyled = x[i].1 != y[j].1 || x[i].2 != y[j].2;
                out.push(span(&y[j], restyled.then_some(Mark::Restyled { bold: x[i].1, italic: x[i].2 })));
            }
            Step::Del(i) => dels.push(span(&x[i], Some(Mark::Del))),
            Step::Ins(j) => ins.push(span(&y[j], Some(Mark::Ins))),
        }
    }
    out.append(&mut dels);
    out.append(&mut ins);
    inline::merge(out)
}

/// Words as a reader sees them on the page: runs of non-space and runs of space. A date or a
/// code changes whole (`28/3/2025` → `15/4/2025`), not digit by digit.
fn spaced(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev: Option<bool> = None;
    for (i, c) in s.char_indices() {
        let space = c.is_whitespace();
        if prev.is_some_and(|p| p != space) {
            out.push(&s[start..i]);
            start = i;
        }
        prev = Some(space);
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn marked(t: &[Span], mark: Mark) -> Text {
    t.iter().map(|s| Span { mark: Some(mark), ..s.clone() }).collect()
}

fn optional(old: &Option<Text>, new: &Option<Text>) -> Option<Text> {
    match (old, new) {
        (Some(a), Some(b)) => Some(text(a, b)),
        (Some(a), None) => Some(marked(a, Mark::Del)),
        (None, Some(b)) => Some(marked(b, Mark::Ins)),
        (None, None) => None,
    }
}

/// Two lists merged: aligned (`align`), a pair merged by `both`, an item of one side only
/// marked whole by `whole` (deleted or inserted).
fn merge_list<T, R>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
    shape: impl Fn(&T) -> String,
    both: impl Fn(&T, &T) -> R,
    whole: impl Fn(&T, Mark) -> R,
) -> Vec<R> {
    align(old, new, key, shape)
        .into_iter()
        .map(|p| match p {
            Pair::Both(i, j) => both(&old[i], &new[j]),
            Pair::Old(i) => whole(&old[i], Mark::Del),
            Pair::New(j) => whole(&new[j], Mark::Ins),
        })
        .collect()
}

fn no_shape<T>(_: &T) -> String {
    String::new()
}

/// Lines of text (agency lines, recipients, signature lines), aligned.
fn texts(old: &[Text], new: &[Text]) -> Vec<Text> {
    merge_list(old, new, |t| inline::plain_text(t), no_shape, |a, b| text(a, b), |t, m| marked(t, m))
}

/// What a block's shape is: its kind and the properties that must agree for two blocks to be one.
fn shape(b: &Block) -> String {
    match b {
        // A heading that changed level is one heading restyled.
        Block::Heading { .. } => "h".to_string(),
        Block::Para { style, .. } => format!("p{style:?}"),
        Block::Item { marker, .. } => format!("i{marker}"),
        Block::Line { marker, .. } => format!("l{marker}"),
        Block::Table(t) => format!("t{}", t.widths.len()),
    }
}

/// A block's whole printed text, for matching.
fn block_text(b: &Block) -> String {
    match b {
        Block::Heading { number, spans, .. } => format!("{number} {}", inline::plain_text(spans)),
        Block::Para { number, spans, .. } => format!("{} {}", number.as_deref().unwrap_or(""), inline::plain_text(spans)),
        Block::Item { marker, spans } => format!("{marker} {}", inline::plain_text(spans)),
        Block::Line { marker, label, value } => format!("{marker} {} {}", inline::plain_text(label), inline::plain_text(value)),
        Block::Table(t) => t.header.iter().chain(t.rows.iter().map(|r| &r.cells)).map(|r| row_text(r)).collect::<Vec<_>>().join("\n"),
    }
}

fn row_text(cells: &[CellView]) -> String {
    cells.iter().map(|c| c.paras.iter().map(|p| inline::plain_text(&p.spans)).collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join(" | ")
}

fn blocks(old: &[Block], new: &[Block]) -> Vec<Block> {
    merge_list(old, new, block_text, shape, block, mark_block)
}

/// A number and its text: the number kept apart when it did not change, else put (marked)
/// before the text and left empty, as the renderers print an empty number.
fn numbered(on: &str, os: &[Span], nn: &str, ns: &[Span]) -> (String, Text) {
    if on == nn {
        return (nn.to_string(), text(os, ns));
    }
    let with = |n: &str, s: &[Span]| {
        let mut v = if n.is_empty() { Vec::new() } else { vec![Span::plain(format!("{n} "))] };
        v.extend(s.iter().cloned());
        v
    };
    (String::new(), text(&with(on, os), &with(nn, ns)))
}

fn block(old: &Block, new: &Block) -> Block {
    match (old, new) {
        (Block::Heading { level: ol, number: on, spans: os, .. }, Block::Heading { level, number: nn, spans: ns, .. }) => {
            let (number, spans) = numbered(on, os, nn, ns);
            Block::Heading { level: *level, number, spans, was_level: (ol != level).then_some(*ol) }
        }
        (Block::Para { number: on, spans: os, .. }, Block::Para { number: nn, spans: ns, style }) => {
            let (number, spans) = numbered(on.as_deref().unwrap_or(""), os, nn.as_deref().unwrap_or(""), ns);
            Block::Para { number: (!number.is_empty()).then_some(number), spans, style: *style }
        }
        (Block::Item { marker: om, spans: os }, Block::Item { marker, spans: ns }) => {
            let (marker, spans) = numbered(om, os, marker, ns);
            Block::Item { marker, spans }
        }
        (Block::Line { marker: om, label: ol, value: ov }, Block::Line { marker, label, value }) => {
            let (marker, label) = numbered(om, ol, marker, label);
            Block::Line { marker, label, value: text(ov, value) }
        }
        (Block::Table(a), Block::Table(b)) => Block::Table(table(a, b)),
        // Shapes differ: `align` pairs only blocks of one shape.
        _ => new.clone(),
    }
}

fn mark_block(b: &Block, mark: Mark) -> Block {
    match b {
        Block::Heading { level, number, spans, .. } => {
            let (_, spans) = numbered("", &[], number, spans);
            Block::Heading { level: *level, number: String::new(), spans: marked(&spans, mark), was_level: None }
        }
        Block::Para { number, spans, style } => {
            let (_, spans) = numbered("", &[], number.as_deref().unwrap_or(""), spans);
            Block::Para { number: None, spans: marked(&spans, mark), style: *style }
        }
        Block::Item { marker, spans } => {
            let (_, spans) = numbered("", &[], marker, spans);
            Block::Item { marker: String::new(), spans: marked(&spans, mark) }
        }
        Block::Line { marker, label, value } => {
            let (_, label) = numbered("", &[], marker, label);
            Block::Line { marker: String::new(), label: marked(&label, mark), value: marked(value, mark) }
        }
        Block::Table(t) => Block::Table(mark_table(t, mark)),
    }
}

fn mark_cells(cells: &[CellView], mark: Mark) -> Vec<CellView> {
    cells.iter().map(|c| CellView { paras: c.paras.iter().map(|p| CellPara { spans: marked(&p.spans, mark) }).collect(), ..c.clone() }).collect()
}

fn mark_table(t: &TableView, mark: Mark) -> TableView {
    TableView {
        widths: t.widths.clone(),
        header: t.header.iter().map(|r| mark_cells(r, mark)).collect(),
        rows: t.rows.iter().map(|r| RowView { group: r.group, cells: mark_cells(&r.cells, mark) }).collect(),
        notes: t.notes.iter().map(|n| marked(n, mark)).collect(),
    }
}

/// Two rows are one row only when their cells span the same columns.
fn row_shape(r: &RowView) -> String {
    format!("{}{:?}", r.group, r.cells.iter().map(|c| (c.colspan, c.rowspan)).collect::<Vec<_>>())
}

fn cells(old: &[CellView], new: &[CellView]) -> Vec<CellView> {
    old.iter()
        .zip(new)
        .map(|(a, b)| {
            let paras = merge_list(
                &a.paras,
                &b.paras,
                |p| inline::plain_text(&p.spans),
                no_shape,
                |x, y| CellPara { spans: text(&x.spans, &y.spans) },
                |x, m| CellPara { spans: marked(&x.spans, m) },
            );
            CellView { paras, ..b.clone() }
        })
        .collect()
}

fn table(old: &TableView, new: &TableView) -> TableView {
    let rows = align(&old.rows, &new.rows, |r| row_text(&r.cells), row_shape);
    let merged_rows = rows.iter().any(|p| !matches!(p, Pair::Both(..)));
    let spans_rows = |t: &TableView| t.rows.iter().flat_map(|r| &r.cells).any(|c| c.rowspan > 1);
    let header_fits = old.header.len() == new.header.len()
        && old
            .header
            .iter()
            .zip(&new.header)
            .all(|(a, b)| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x.colspan, x.rowspan) == (y.colspan, y.rowspan)));
    // Cells merged down across rows cannot take a row in between: such a table, or one whose
    // header changed shape, is shown as the old table deleted and the new one inserted.
    if !header_fits || (merged_rows && (spans_rows(old) || spans_rows(new))) {
        let mut t = mark_table(old, Mark::Del);
        let n = mark_table(new, Mark::Ins);
        t.rows.extend(n.header.into_iter().map(|cells| RowView { group: false, cells }));
        t.rows.extend(n.rows);
        t.notes.extend(n.notes);
        t.widths = new.widths.clone();
        return t;
    }
    TableView {
        widths: new.widths.clone(),
        header: old.header.iter().zip(&new.header).map(|(a, b)| cells(a, b)).collect(),
        rows: rows
            .into_iter()
            .map(|p| match p {
                Pair::Both(i, j) => RowView { group: new.rows[j].group, cells: cells(&old.rows[i].cells, &new.rows[j].cells) },
                Pair::Old(i) => RowView { group: old.rows[i].group, cells: mark_cells(&old.rows[i].cells, Mark::Del) },
                Pair::New(j) => RowView { group: new.rows[j].group, cells: mark_cells(&new.rows[j].cells, Mark::Ins) },
            })
            .collect(),
        notes: texts(&old.notes, &new.notes),
    }
}

fn appendix_text(a: &AppendixView) -> String {
    let title = a.title.as_deref().map(inline::plain_text).unwrap_or_default();
    format!("{title}\n{}", a.body.iter().map(block_text).collect::<Vec<_>>().join("\n"))
}

fn mark_appendix(a: &AppendixView, mark: Mark) -> AppendixView {
    AppendixView {
        label: marked(&a.label, mark),
        title: a.title.as_ref().map(|t| marked(t, mark)),
        reference: marked(&a.reference, mark),
        landscape: a.landscape,
        body: a.body.iter().map(|b| mark_block(b, mark)).collect(),
    }
}

fn appendices(old: &[AppendixView], new: &[AppendixView]) -> Vec<AppendixView> {
    let both = |a: &AppendixView, b: &AppendixView| AppendixView {
        label: text(&a.label, &b.label),
        title: optional(&a.title, &b.title),
        reference: text(&a.reference, &b.reference),
        landscape: b.landscape,
        body: blocks(&a.body, &b.body),
    };
    merge_list(old, new, appendix_text, no_shape, both, mark_appendix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn back(t: &[Span], keep: Mark) -> String {
        t.iter().filter(|s| s.mark != Some(keep)).map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn a_text_diff_gives_both_versions_back() {
        let (a, b) = (plain("Tổ chức thực hiện có hiệu quả."), plain("Tổ chức triển khai có hiệu quả, đúng quy định."));
        let t = text(&a, &b);
        assert_eq!(back(&t, Mark::Ins), "Tổ chức thực hiện có hiệu quả.");
        assert_eq!(back(&t, Mark::Del), "Tổ chức triển khai có hiệu quả, đúng quy định.");
        let del: Vec<&str> = t.iter().filter(|s| s.mark == Some(Mark::Del)).map(|s| s.text.as_str()).collect();
        assert_eq!(del, ["thực hiện", "quả."]);
    }

    #[test]
    fn a_style_change_is_restyled_not_replaced() {
        let a = plain("Năm 2025");
        let b = vec![Span { bold: true, ..Span::plain("Năm 2025") }];
        let t = text(&a, &b);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].mark, Some(Mark::Restyled { bold: false, italic: false }));
    }

    #[test]
    fn lines_align_by_text_then_similarity() {
        let old = vec![plain("UBND tỉnh"), plain("Sở Nội vụ"), plain("Lưu: VT")];
        let new = vec![plain("UBND tỉnh"), plain("Sở Tài chính"), plain("Sở Nội vụ tỉnh"), plain("Lưu: VT")];
        let got: Vec<(String, String)> = texts(&old, &new).iter().map(|t| (back(t, Mark::Ins), back(t, Mark::Del))).collect();
        assert_eq!(got[1], (String::new(), "Sở Tài chính".to_string()));
        assert_eq!(got[2], ("Sở Nội vụ".to_string(), "Sở Nội vụ tỉnh".to_string()));
    }
}
