//! Batch data from a spreadsheet: `.xlsx` (and `.xlsm`, `.xls`, `.xlsb`) or `.ods`,
//! read with calamine. The first sheet, or the one named; its first non-empty row
//! is the header, as in a CSV file.
//!
//! Cells are turned into the text a clerk sees in the sheet, written the plan's way:
//! a date cell becomes `05/3/2025` (Decree 30's zeros), a percentage cell `56,2`,
//! a number `5.280` or `12,5`, a code kept in a `00000` format keeps its leading
//! zeros. A cell holding an error (`#REF!`) or a value under no column name is
//! that row's failure, located by sheet, row and column; the other rows go on.

use super::data::{insert_dotted, localise, Data};
use crate::diag::{Diagnostic, IoKind, Msg, Pos};
use crate::plan::limits::MAX_DATA_BYTES;
use crate::plan::vars::DataRow;
use crate::text::vn;
use calamine::{Data as Cell, Reader, Sheets};
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Rows read from one sheet at most: 3,321 communes many times over.
pub const MAX_SHEET_ROWS: usize = 100_000;

/// Whether `path` is a spreadsheet this module reads.
pub fn is_sheet(path: &Path) -> bool {
    super::has_extension(path, &["xlsx", "xlsm", "xls", "xlsb", "ods"])
}

/// Reads the sheet `wanted` (or the first) of the workbook at `path`.
pub fn read(path: &Path, wanted: Option<&str>) -> Result<Data, Diagnostic> {
    let io = |e: &std::io::Error| Diagnostic::error(path, None, Msg::Io { kind: IoKind::of(e), detail: e.to_string() });
    let meta = std::fs::metadata(path).map_err(|e| io(&e))?;
    if meta.len() > MAX_DATA_BYTES {
        return Err(Diagnostic::error(path, None, Msg::TooLarge { bytes: meta.len(), limit: MAX_DATA_BYTES }));
    }
    let bytes = std::fs::read(path).map_err(|e| io(&e))?;
    let unreadable = |e: String| Diagnostic::error(path, None, Msg::SheetUnreadable(e));
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.clone())).map_err(|e| unreadable(e.to_string()))?;
    let names = book.sheet_names();
    let name = match wanted {
        Some(w) => names
            .iter()
            .find(|n| n.nfc().collect::<String>() == w.nfc().collect::<String>())
            .cloned()
            .ok_or_else(|| Diagnostic::error(path, None, Msg::NoSheet { name: w.to_string(), available: names.clone() }))?,
        None => names.first().cloned().ok_or_else(|| unreadable("no sheet".into()))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| unreadable(e.to_string()))?;
    let formats = Formats::of(&mut book, &bytes, &name);
    // Messages name the sheet with the file: `xa.xlsx[Danh sách]:17:3`.
    let place = PathBuf::from(format!("{}[{}]", path.display(), name));
    let Some((top, left)) = range.start() else {
        return Err(Diagnostic::error(&place, Some(Pos { line: 1, col: 1 }), Msg::NoRows));
    };
    let mut rows_iter = range.rows().enumerate().filter(|(_, r)| r.iter().any(|c| !blank(c)));
    let Some((h, header)) = rows_iter.next() else {
        return Err(Diagnostic::error(&place, Some(Pos { line: 1, col: 1 }), Msg::NoRows));
    };
    let at = |row: usize, col: usize| Pos { line: top as usize + row + 1, col: left as usize + col + 1 };
    let mut columns: Vec<Option<String>> = Vec::with_capacity(header.len());
    for (i, c) in header.iter().enumerate() {
        let text = formats.text(c, (top + h as u32, left + i as u32)).unwrap_or_default();
        let text: String = text.trim().nfc().collect();
        if !text.is_empty() && columns.iter().flatten().any(|n| *n == text) {
            return Err(Diagnostic::error(&place, Some(at(h, i)), Msg::DuplicateColumn(text)));
        }
        columns.push((!text.is_empty()).then_some(text));
    }
    // A gap in the header is refused only where a row has a value under it.
    while columns.last().is_some_and(Option::is_none) {
        columns.pop();
    }
    let mut rows = Vec::new();
    for (r, cells) in rows_iter.take(MAX_SHEET_ROWS) {
        let line = at(r, 0).line;
        let mut values = Map::new();
        let mut problem = None;
        for (i, cell) in cells.iter().enumerate() {
            let pos = (top + r as u32, left + i as u32);
            let ref_name = cell_name(pos);
            match (columns.get(i).and_then(|c| c.as_ref()), formats.text(cell, pos)) {
                (_, Err(error)) => problem = problem.or(Some((i, Msg::CellError { cell: ref_name, error }))),
                (Some(col), Ok(text)) => insert_dotted(&mut values, col, Value::String(text.trim().nfc().collect())),
                (None, Ok(text)) if text.trim().is_empty() => {}
                (None, Ok(_)) => problem = problem.or(Some((i, Msg::CellNoColumn { cell: ref_name }))),
            }
        }
        rows.push(match problem {
            Some((i, msg)) => {
                let mut d = Diagnostic::error(&place, Some(at(r, i)), msg);
                d.context = cells.first().and_then(|c| formats.text(c, (top + r as u32, left)).ok()).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
                Err(d)
            }
            None => Ok(DataRow { file: place.clone(), line, values }),
        });
    }
    if rows.is_empty() {
        return Err(Diagnostic::error(&place, Some(at(h, 0)), Msg::NoRows));
    }
    let rows = rows.into_iter().map(|r| r.map(|row| DataRow { values: localise(row.values), ..row })).collect();
    Ok(Data { columns: columns.into_iter().flatten().collect(), rows, warnings: Vec::new() })
}

fn blank(c: &Cell) -> bool {
    match c {
        Cell::Empty => true,
        Cell::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// `C17` for the zero-based (row, column).
fn cell_name((row, col): (u32, u32)) -> String {
    let (mut n, mut letters) = (col as usize + 1, Vec::new());
    while n > 0 {
        letters.push((b'A' + ((n - 1) % 26) as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// How a number cell is shown, where it matters to the text: as a percentage, or with
/// at least this many digits (`00123`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shown {
    Percent,
    Digits(usize),
}

/// What the sheet says of how its numbers are shown: the number format of each styled
/// cell (xlsx), or what OpenDocument's cell styles say (ods).
enum Formats {
    Codes(calamine::StyleRange),
    Cells(HashMap<(u32, u32), Shown>),
    None,
}

impl Formats {
    fn of(book: &mut Sheets<Cursor<Vec<u8>>>, bytes: &[u8], sheet: &str) -> Formats {
        match book {
            Sheets::Xlsx(x) => x.worksheet_style(sheet).map(Formats::Codes).unwrap_or(Formats::None),
            Sheets::Ods(_) => Formats::Cells(ods_shown_cells(bytes, sheet).unwrap_or_default()),
            _ => Formats::None,
        }
    }

    fn shown(&self, pos: (u32, u32)) -> Option<Shown> {
        match self {
            Formats::Codes(styles) => {
                let code = unquoted(&styles.get(pos)?.number_format.as_ref()?.format_code);
                if code.contains('%') {
                    Some(Shown::Percent)
                } else if !code.is_empty() && code.chars().all(|c| c == '0') {
                    Some(Shown::Digits(code.len()))
                } else {
                    None
                }
            }
            Formats::Cells(cells) => cells.get(&pos).copied(),
            Formats::None => None,
        }
    }

    /// The cell as the plan should print it, or the error value it holds.
    fn text(&self, cell: &Cell, pos: (u32, u32)) -> Result<String, String> {
        Ok(match cell {
            Cell::Empty => String::new(),
            Cell::String(s) => s.clone(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Int(i) => self.number(*i as f64, pos),
            Cell::Float(f) => self.number(*f, pos),
            Cell::DateTime(d) if d.is_datetime() => {
                let (y, m, day, hh, mm, _, _) = d.to_ymd_hms_milli();
                let date = NaiveDate::from_ymd_opt(y.into(), m.into(), day.into());
                match date {
                    // A time alone (a serial below one day) has no date to print.
                    Some(date) if d.as_f64() >= 1.0 => vn::date_short(date),
                    _ => format!("{hh:02}:{mm:02}"),
                }
            }
            Cell::DateTime(d) => self.number(d.as_f64(), pos),
            Cell::DateTimeIso(s) => match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(date) => vn::date_short(date),
                Err(_) => s.clone(),
            },
            Cell::DurationIso(s) => s.clone(),
            Cell::Error(e) => return Err(e.to_string()),
        })
    }

    fn number(&self, v: f64, pos: (u32, u32)) -> String {
        match self.shown(pos) {
            // 0.562 shown as 56,2%: the plan writes the figure, its `%` is the unit's.
            Some(Shown::Percent) => vn::decimal(round(v * 100.0)),
            // A code kept with its zeros by a format of zeros (`00000` shows 123 as 00123).
            Some(Shown::Digits(n)) if v.fract() == 0.0 && (0.0..1e15).contains(&v) => format!("{:0n$}", v as u64),
            _ => vn::decimal(round(v)),
        }
    }
}

/// Drops the floating-point noise of a stored value (0.562 × 100 = 56.2000…01).
fn round(v: f64) -> f64 {
    let r = (v * 1e9).round() / 1e9;
    if r.is_finite() {
        r
    } else {
        v
    }
}

/// A number format without its quoted literals and escapes (`0.0"%"` shows no percentage).
fn unquoted(code: &str) -> String {
    let (mut out, mut quoted, mut escaped) = (String::new(), false, false);
    for c in code.chars() {
        match (c, quoted, escaped) {
            (_, _, true) => escaped = false,
            ('"', _, _) => quoted = !quoted,
            ('\\', false, _) => escaped = true,
            (_, false, _) => out.push(c),
            _ => {}
        }
    }
    out
}

/// How OpenDocument shows the cells of `sheet` that matter (zero-based row, column): those
/// it types as percentages, and numbers shown with leading zeros (its text of a float cell is
/// what the sheet shows: `00123` for 123 in a `00000` format). calamine gives their values
/// (0.562, 123) but not how they are shown.
fn ods_shown_cells(bytes: &[u8], sheet: &str) -> Option<HashMap<(u32, u32), Shown>> {
    use std::io::Read;
    const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut xml = String::new();
    zip.by_name("content.xml").ok()?.take(MAX_DATA_BYTES * 4).read_to_string(&mut xml).ok()?;
    let doc = roxmltree::Document::parse_with_options(&xml, roxmltree::ParsingOptions { allow_dtd: false, ..Default::default() }).ok()?;
    let table = doc.descendants().find(|n| n.has_tag_name((TABLE, "table")) && n.attribute((TABLE, "name")) == Some(sheet))?;
    let repeat = |n: roxmltree::Node, attr: &str| n.attribute((TABLE, attr)).and_then(|v| v.parse::<u32>().ok()).unwrap_or(1);
    let mut cells = HashMap::new();
    let mut row = 0u32;
    for r in table.descendants().filter(|n| n.has_tag_name((TABLE, "table-row"))) {
        let mut col = 0u32;
        let mut found = Vec::new();
        for c in r.children().filter(|n| n.has_tag_name((TABLE, "table-cell")) || n.has_tag_name((TABLE, "covered-table-cell"))) {
            let n = repeat(c, "number-columns-repeated");
            let shown = match c.attribute((OFFICE, "value-type")) {
                Some("percentage") => Some(Shown::Percent),
                Some("float") => {
                    let text: String = c.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
                    let padded = text.len() > 1 && text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit());
                    padded.then_some(Shown::Digits(text.len()))
                }
                _ => None,
            };
            if let Some(shown) = shown {
                found.extend((col..col.saturating_add(n)).take(1_024).map(|c| (c, shown)));
            }
            col = col.saturating_add(n);
        }
        let rows = repeat(r, "number-rows-repeated");
        if !found.is_empty() {
            for dr in 0..rows.min(MAX_SHEET_ROWS as u32) {
                cells.extend(found.iter().map(|&(c, shown)| ((row + dr, c), shown)));
            }
        }
        row = row.saturating_add(rows);
    }
    Some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_named_as_excel_does() {
        assert_eq!(cell_name((0, 0)), "A1");
        assert_eq!(cell_name((16, 2)), "C17");
        assert_eq!(cell_name((0, 25)), "Z1");
        assert_eq!(cell_name((9, 26)), "AA10");
        assert_eq!(cell_name((0, 701)), "ZZ1");
        assert_eq!(cell_name((0, 702)), "AAA1");
    }

    #[test]
    fn quoted_percent_signs_are_not_a_percentage_format() {
        assert!(unquoted("0.0%").contains('%'));
        assert!(!unquoted("0.0\"%\"").contains('%'));
        assert!(!unquoted("0.0\\%").contains('%'));
    }
}
