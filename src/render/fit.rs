//! Table column widths fitted to their content, the same for both renderers.
//!
//! The view's widths are proportions (the defaults, or the plan's `rong`). A column narrower
//! than its longest syllable splits it ("ST" / "T"), and a heading column narrower than its
//! longest word breaks the word ("Cơ quan chủ" / "trì", "Đơn" / "vị"). So each column gets at
//! least the width of its widest unbreakable piece, measured with the fonts the document uses:
//! in the heading a Vietnamese word of two syllables from a list of the words tables head
//! their columns with ("chủ trì", "phối hợp", "đơn vị"…), tied by a no-break space so that
//! no renderer breaks it; elsewhere one syllable. The width this takes is taken from the
//! columns with room to spare, in proportion to their widths. When the words do not all fit
//! the table, only the syllables are kept whole; when even they do not, the widths stay as
//! given.

use super::fonts::text_width_pt;
use super::style::Style;
use crate::view::{Block, CellView, PlanView, TableView};

/// Two-syllable words of table headings, lower case: never broken inside a heading.
const HEADING_WORDS: [&str; 40] = [
    "cơ quan",
    "chủ trì",
    "phối hợp",
    "đơn vị",
    "thời gian",
    "thực hiện",
    "nội dung",
    "sản phẩm",
    "ghi chú",
    "chỉ tiêu",
    "hiện tại",
    "mục tiêu",
    "đánh giá",
    "nhiệm vụ",
    "giải pháp",
    "kết quả",
    "hoàn thành",
    "số lượng",
    "tỷ lệ",
    "trực tuyến",
    "toàn trình",
    "dịch vụ",
    "thanh toán",
    "kinh phí",
    "dự kiến",
    "tiến độ",
    "trách nhiệm",
    "lĩnh vực",
    "thủ tục",
    "hành chính",
    "hồ sơ",
    "tổ chức",
    "cá nhân",
    "văn bản",
    "báo cáo",
    "bộ phận",
    "địa phương",
    "quốc gia",
    "chuyên môn",
    "ghi nhận",
];

/// Slack per cell beyond the padding, for the renderers' rounding (mm).
const SLACK_MM: f64 = 0.4;

/// The view with every table's widths in millimetres of its page, fitted to the content.
pub fn fit_view(view: &PlanView, s: &Style) -> PlanView {
    let mut v = view.clone();
    let width = |landscape: bool| {
        let p = &s.page;
        (if landscape { p.height_mm } else { p.width_mm }) - p.margin_left_mm - p.margin_right_mm
    };
    let portrait = width(false);
    for b in &mut v.body {
        if let Block::Table(t) = b {
            fit_table(t, portrait, s);
        }
    }
    for a in &mut v.appendices {
        let w = width(a.landscape);
        for b in &mut a.body {
            if let Block::Table(t) = b {
                fit_table(t, w, s);
            }
        }
    }
    v
}

/// Is `a b` (two syllables) a heading word?
fn heading_word(a: &str, b: &str) -> bool {
    let pair = format!("{} {}", a.to_lowercase(), b.to_lowercase());
    HEADING_WORDS.contains(&pair.as_str())
}

/// A heading text with its two-syllable words tied by no-break spaces.
fn tie_words(text: &str) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    let mut out = String::with_capacity(text.len());
    let mut tied = false;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            // A syllable belongs to one word: "cơ quan chủ trì" ties cơ-quan and chủ-trì.
            tied = !tied && heading_word(words[i - 1], w);
            out.push(if tied { '\u{a0}' } else { ' ' });
        }
        out.push_str(w);
    }
    out
}

/// The widest piece of a cell that must stay on one line, in mm; `tie` counts heading words.
fn widest_piece(c: &CellView, size: f64, tie: bool) -> f64 {
    let mut widest: f64 = 0.0;
    for p in &c.paras {
        let text: String = p.spans.iter().map(|s| s.text.as_str()).collect();
        let bold = c.bold || p.spans.iter().any(|s| s.bold);
        let text = if tie { tie_words(&text) } else { text };
        for piece in text.split(|ch: char| ch.is_whitespace() && ch != '\u{a0}') {
            widest = widest.max(text_width_pt(piece, size, bold) * 25.4 / 72.0);
        }
    }
    widest
}

/// Every cell of a table with the column it starts in and the columns it spans,
/// header rows first; `true` for a header cell.
fn placed(t: &TableView) -> Vec<(usize, usize, &CellView, bool)> {
    let n = t.widths.len();
    let mut out = Vec::new();
    let mut carry = vec![0u32; n];
    let rows = t.header.iter().map(|r| (r, true)).chain(t.rows.iter().map(|r| (&r.cells, false)));
    for (cells, header) in rows {
        let mut col = 0;
        let mut it = cells.iter();
        while col < n {
            if carry[col] > 0 {
                carry[col] -= 1;
                col += 1;
                continue;
            }
            let Some(c) = it.next() else { break };
            let span = (c.colspan.max(1) as usize).min(n - col);
            if c.rowspan > 1 {
                carry[col..col + span].iter_mut().for_each(|k| *k = c.rowspan - 1);
            }
            out.push((col, span, c, header));
            col += span;
        }
    }
    out
}

/// The least width of each column (mm) for its pieces to fit; `tie` keeps heading words whole.
fn least(t: &TableView, base: &[f64], s: &Style, tie: bool) -> Vec<f64> {
    let pad = 2.0 * s.spacing.table_cell_pad_mm + SLACK_MM;
    let mut least = vec![0.0f64; base.len()];
    let cells = placed(t);
    for pass in [false, true] {
        for &(col, span, c, header) in &cells {
            if (span > 1) != pass {
                continue;
            }
            let need = widest_piece(c, s.size.table, tie && header) + pad;
            if span == 1 {
                least[col] = least[col].max(need);
            } else {
                // A merged cell asks its columns for the width in proportion to their own.
                let have: f64 = least[col..col + span].iter().sum();
                if have < need {
                    let total: f64 = base[col..col + span].iter().sum::<f64>().max(f64::MIN_POSITIVE);
                    for k in col..col + span {
                        least[k] = least[k].max(need * base[k] / total);
                    }
                }
            }
        }
    }
    least
}

/// Widths summing to `width` in proportion to `base`, none below its `least` (which fit).
fn spread(base: &[f64], least: &[f64], width: f64) -> Vec<f64> {
    let mut fixed = vec![false; base.len()];
    loop {
        let room = width - (0..base.len()).filter(|&i| fixed[i]).map(|i| least[i]).sum::<f64>();
        let share: f64 = (0..base.len()).filter(|&i| !fixed[i]).map(|i| base[i]).sum();
        let w: Vec<f64> = (0..base.len()).map(|i| if fixed[i] { least[i] } else { base[i] / share.max(f64::MIN_POSITIVE) * room }).collect();
        let short: Vec<usize> = (0..base.len()).filter(|&i| !fixed[i] && w[i] < least[i]).collect();
        if short.is_empty() {
            return w;
        }
        for i in short {
            fixed[i] = true;
        }
    }
}

/// Fits one table: widths in mm summing to `width`. Every column is made wide enough for its
/// syllables; then, cheapest first, for its heading's words while the table still has room.
/// A heading cell's words are tied where the cell is wide enough for them.
pub fn fit_table(t: &mut TableView, width: f64, s: &Style) {
    let total: f64 = t.widths.iter().sum::<f64>().max(f64::MIN_POSITIVE);
    let base: Vec<f64> = t.widths.iter().map(|w| w / total * width).collect();
    let mut need = least(t, &base, s, false);
    if need.iter().sum::<f64>() > width {
        t.widths = base;
        return;
    }
    let words = least(t, &base, s, true);
    let mut order: Vec<usize> = (0..need.len()).collect();
    order.sort_by(|&a, &b| (words[a] - need[a]).total_cmp(&(words[b] - need[b])));
    for i in order {
        let more = words[i].max(need[i]) - need[i];
        if need.iter().sum::<f64>() + more <= width {
            need[i] += more;
        }
    }
    t.widths = spread(&base, &need, width);
    let pad = 2.0 * s.spacing.table_cell_pad_mm + SLACK_MM;
    let widths = t.widths.clone();
    let header_cells: Vec<(usize, usize)> = placed(t).into_iter().filter(|p| p.3).map(|(col, span, _, _)| (col, span)).collect();
    let mut k = 0;
    for row in &mut t.header {
        for c in row {
            let Some(&(col, span)) = header_cells.get(k) else { return };
            k += 1;
            let room: f64 = widths[col..col + span].iter().sum();
            if widest_piece(c, s.size.table, true) + pad <= room + 1e-9 {
                for p in &mut c.paras {
                    for sp in &mut p.spans {
                        sp.text = tie_words(&sp.text);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_words_are_tied_once() {
        assert_eq!(tie_words("Cơ quan chủ trì thực hiện"), "Cơ\u{a0}quan chủ\u{a0}trì thực\u{a0}hiện");
        assert_eq!(tie_words("Đơn vị tính"), "Đơn\u{a0}vị tính");
        assert_eq!(tie_words("STT"), "STT");
    }

    #[test]
    fn spread_keeps_the_least_and_the_sum() {
        let w = spread(&[1.0, 4.0, 1.0], &[30.0, 10.0, 5.0], 120.0);
        assert!((w.iter().sum::<f64>() - 120.0).abs() < 1e-9);
        assert!((w[0] - 30.0).abs() < 1e-9 && w[1] > 10.0 && w[2] >= 5.0, "{w:?}");
    }
}
