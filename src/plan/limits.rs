//! What a plan may hold at most, and the checks that hold it there.
//!
//! Real plans sit far below every limit (measured on the five seeds and the
//! batch plan: longest text 887 characters, longest word 25, 27,409
//! characters in all, 549 texts, YAML nesting 13, 2 appendices); each limit
//! leaves a margin of at least 10×. They exist because a valid-looking file can
//! otherwise take the machine: the YAML scanner is quadratic in flow nesting,
//! Typst's layout grows with a 200 KB paragraph or a 65,536-row merge, and
//! the PDF writer panics on a 64 KB run of text without a break. docs/format.md
//! lists them for clerks.

use super::model::{Block, Plan, Row, TargetEntry, TargetName, TaskEntry};
use super::walk::visit_strings;
use crate::diag::{Limit, Msg};

/// A plan file (the largest real one is 50 KB).
pub const MAX_PLAN_BYTES: u64 = 4 * 1024 * 1024;
/// A batch data file: 3,321 communes with a hundred columns fit many times over.
pub const MAX_DATA_BYTES: u64 = 64 * 1024 * 1024;
/// Nesting of YAML collections (real plans: 13).
pub const MAX_DEPTH: usize = 64;
/// Characters in one text (real plans: 887).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// Characters without a space or line break (real plans: 25). The PDF writer cannot take
/// a run of more than 65,535 bytes; 500 characters stay far below that in any script.
pub const MAX_WORD_CHARS: usize = 500;
/// Characters in all texts of a plan (real plans: 27,409).
pub const MAX_TOTAL_CHARS: usize = 500_000;
/// Texts in a plan (real plans: 549).
pub const MAX_TEXTS: usize = 20_000;
/// Rows of one table, or tasks or targets of one list (real plans: 60).
pub const MAX_ROWS: usize = 2_000;
/// Columns of one table (real plans: 9).
pub const MAX_COLUMNS: usize = 30;
/// Appendices (real plans: 2).
pub const MAX_APPENDICES: usize = 50;

/// The first place where YAML nesting passes `limit`: (line, column), 1-based.
///
/// One linear pass over the text, before any parser sees it: block indentation,
/// `- ` entries and flow brackets each count as a level; quoted and block scalars
/// and comments are skipped. It over-counts a little (a plain scalar continued on
/// a deeper line), which the margin absorbs.
pub fn too_deep(text: &str, limit: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let mut indents: Vec<usize> = Vec::new();
    let (mut flow, mut line, mut i) = (0usize, 1usize, 0usize);
    let mut quote: Option<u8> = None;
    // Indentation of the line that opened a block scalar (`|`, `>`): deeper lines are its text.
    let mut block_scalar: Option<usize> = None;
    let col_of = |i: usize| text[..i].rfind('\n').map_or(text[..i].chars().count(), |n| text[n + 1..i].chars().count()) + 1;
    while i < b.len() {
        // At a line start outside quotes and flow: indentation and "- " entries.
        let line_start = i;
        let mut entries = 0;
        if quote.is_none() && flow == 0 {
            let mut j = i;
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            let indent = j - i;
            let blank = j >= b.len() || b[j] == b'\n' || b[j] == b'#' || (b[j] == b'\r' && b.get(j + 1) == Some(&b'\n'));
            if let Some(parent) = block_scalar {
                if blank || indent > parent {
                    i = b[i..].iter().position(|&c| c == b'\n').map_or(b.len(), |p| i + p + 1);
                    line += 1;
                    continue;
                }
                block_scalar = None;
            }
            if !blank {
                while indents.last().is_some_and(|&top| top >= indent) {
                    indents.pop();
                }
                indents.push(indent);
                while j + 1 < b.len() && b[j] == b'-' && (b[j + 1] == b' ' || b[j + 1] == b'\n') {
                    entries += 1;
                    j += 1;
                    while j < b.len() && b[j] == b' ' {
                        j += 1;
                    }
                }
                if indents.len() + entries > limit {
                    return Some((line, col_of(j.min(b.len()))));
                }
            }
            i = j;
        }
        // The rest of the line.
        let mut value_start = true;
        while i < b.len() && b[i] != b'\n' {
            let c = b[i];
            if let Some(q) = quote {
                if q == b'"' && c == b'\\' {
                    i += 2;
                    continue;
                }
                if c == q {
                    if q == b'\'' && b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    quote = None;
                }
                i += 1;
                continue;
            }
            let after_space = i == line_start || matches!(b[i - 1], b' ' | b'\t');
            match c {
                b'#' if after_space => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                    break;
                }
                b'"' | b'\'' if value_start || (flow > 0 && i > 0 && matches!(b[i - 1], b'[' | b'{' | b',' | b' ' | b':')) => quote = Some(c),
                b'[' | b'{' if value_start || flow > 0 => {
                    flow += 1;
                    if indents.len() + entries + flow > limit {
                        return Some((line, col_of(i)));
                    }
                }
                b']' | b'}' if flow > 0 => flow -= 1,
                b'|' | b'>' if value_start && flow == 0 => block_scalar = Some(indents.last().copied().unwrap_or(0)),
                _ => {}
            }
            // A value starts at the line's content (above) and after ": ".
            value_start = matches!(c, b' ' | b'\t') && (value_start || (i > 0 && b[i - 1] == b':'));
            i += 1;
        }
        i += 1;
        line += 1;
    }
    None
}

/// Every text longer than the limits, and the plan's totals: (field path, problem).
pub fn check(plan: &mut Plan) -> Vec<(String, Msg)> {
    let mut out = Vec::new();
    let (mut total, mut texts) = (0usize, 0usize);
    let mut first_over_total: Option<String> = None;
    visit_strings(plan, &mut |path, s| {
        let chars = s.chars().count();
        total += chars;
        texts += 1;
        if chars > MAX_TEXT_CHARS {
            out.push((path.to_string(), Msg::Limit { what: Limit::TextChars, found: chars, limit: MAX_TEXT_CHARS }));
        } else if let Some(w) = s.split_whitespace().map(|w| w.chars().count()).max().filter(|&w| w > MAX_WORD_CHARS) {
            out.push((path.to_string(), Msg::Limit { what: Limit::WordChars, found: w, limit: MAX_WORD_CHARS }));
        }
        if (total > MAX_TOTAL_CHARS || texts > MAX_TEXTS) && first_over_total.is_none() {
            first_over_total = Some(path.to_string());
        }
    });
    if let Some(path) = first_over_total {
        if total > MAX_TOTAL_CHARS {
            out.push((path.clone(), Msg::Limit { what: Limit::TotalChars, found: total, limit: MAX_TOTAL_CHARS }));
        }
        if texts > MAX_TEXTS {
            out.push((path, Msg::Limit { what: Limit::Texts, found: texts, limit: MAX_TEXTS }));
        }
    }
    if plan.phu_luc.len() > MAX_APPENDICES {
        out.push((format!("phu_luc[{MAX_APPENDICES}]"), Msg::Limit { what: Limit::Appendices, found: plan.phu_luc.len(), limit: MAX_APPENDICES }));
    }
    let mut lists = |path: &str, list: &[Block]| rows(path, list, &mut out);
    lists("noi_dung", &plan.noi_dung);
    for (i, a) in plan.phu_luc.iter().enumerate() {
        lists(&format!("phu_luc[{i}].noi_dung"), &a.noi_dung);
    }
    out
}

/// Rows of tables and entries of task and target lists, under `path`.
fn rows(path: &str, list: &[Block], out: &mut Vec<(String, Msg)>) {
    let over = |out: &mut Vec<(String, Msg)>, p: String, n: usize| {
        if n > MAX_ROWS {
            out.push((p, Msg::Limit { what: Limit::Rows, found: n, limit: MAX_ROWS }));
        }
    };
    for (i, b) in list.iter().enumerate() {
        let Block::Map(m) = b else { continue };
        let p = format!("{path}[{i}]");
        if let Some(t) = &m.bang {
            over(out, format!("{p}.bang.hang"), t.hang.len() + t.tieu_de.len());
            let widest =
                t.tieu_de.iter().chain(t.hang.iter().filter_map(|r| if let Row::Cells(c) = r { Some(c) } else { None })).map(Vec::len).max().unwrap_or(0);
            if widest.max(t.rong.len()) > MAX_COLUMNS {
                out.push((format!("{p}.bang"), Msg::Limit { what: Limit::Columns, found: widest.max(t.rong.len()), limit: MAX_COLUMNS }));
            }
        }
        if let Some(tasks) = &m.nhiem_vu {
            over(out, format!("{p}.nhiem_vu"), count_tasks(tasks));
        }
        if let Some(targets) = &m.chi_tieu {
            over(out, format!("{p}.chi_tieu"), count_targets(targets));
        }
        if let Some(children) = &m.noi_dung {
            rows(&format!("{p}.noi_dung"), children, out);
        }
    }
}

fn count_tasks(tasks: &[TaskEntry]) -> usize {
    tasks.iter().map(|t| 1 + t.nhiem_vu.as_deref().map_or(0, count_tasks)).sum()
}

fn count_targets(targets: &[TargetEntry]) -> usize {
    targets
        .iter()
        .map(|t| {
            let group = match &t.chi_tieu {
                Some(TargetName::List(l)) => count_targets(l),
                _ => 0,
            };
            1 + group + t.chi_tiet.as_deref().map_or(0, count_targets)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_nesting_is_shallow() {
        for f in ["bo-y-2025", "dien-khanh-2025", "dong-phu-2026", "gio-son-2025", "my-hoa-hung-2024"] {
            let text = std::fs::read_to_string(format!("{}/plans/{f}.yaml", env!("CARGO_MANIFEST_DIR"))).unwrap();
            // The pre-scan over-counts a little; real plans stay far below the limit.
            assert_eq!(too_deep(&text, 24), None, "{f}");
        }
    }

    #[test]
    fn flow_nesting_is_refused_in_one_pass() {
        let deep = format!("trich_yeu: {}", "[".repeat(200_000));
        let t = std::time::Instant::now();
        assert_eq!(too_deep(&deep, MAX_DEPTH), Some((1, 11 + MAX_DEPTH)));
        assert!(t.elapsed().as_millis() < 1000);
        assert_eq!(too_deep("a: [[1], {b: [2]}]\n", MAX_DEPTH), None);
    }

    #[test]
    fn block_nesting_counts_indents_and_entries() {
        let mut s = String::new();
        for d in 0..100 {
            s += &format!("{}k{d}:\n", " ".repeat(d));
        }
        assert!(too_deep(&s, MAX_DEPTH).is_some());
        assert!(too_deep(&"- ".repeat(100), MAX_DEPTH).is_some());
    }

    #[test]
    fn brackets_inside_text_quotes_and_block_scalars_are_text() {
        let text = format!("a: \"{}\"\nb: '{}'\nc: |\n  {}\nd: text [{}] more # {}\n", "[".repeat(100), "{".repeat(100), "[".repeat(100), "x", "[".repeat(100));
        assert_eq!(too_deep(&text, MAX_DEPTH), None);
    }
}
