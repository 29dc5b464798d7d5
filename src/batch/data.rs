//! Batch data: the rows of a data file, one plan each. CSV (comma, semicolon or tab,
//! as Excel writes it under a Vietnamese locale), a YAML list of mappings, or a
//! spreadsheet (`sheet.rs`).
//!
//! A malformed row is that row's failure, reported with its line and name; the
//! other rows go on. What makes the whole file unusable (an unreadable file, a
//! repeated column, no rows) is an error before any plan starts.

use crate::diag::{Diagnostic, Msg, Pos};
use crate::plan::limits::MAX_DATA_BYTES;
use crate::plan::load::{self, Source};
use crate::plan::vars::DataRow;
use crate::text::vn;
use serde_json::{Map, Value};
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug)]
/// A data file read: its column names, its rows (each usable or refused), and warnings.
pub struct Data {
    pub columns: Vec<String>,
    pub rows: Vec<Result<DataRow, Diagnostic>>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads a data file: `.csv` with a header row, `.yaml`/`.yml` holding a list of mappings,
/// or a spreadsheet's sheet `sheet` (the first when `None`).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Data, Diagnostic> {
    if super::sheet::is_sheet(path) {
        return super::sheet::read(path, sheet);
    }
    if let Some(name) = sheet {
        return Err(Diagnostic::error(path, None, Msg::NoSheet { name: name.to_string(), available: Vec::new() }));
    }
    let src = Source::read(path, MAX_DATA_BYTES)?;
    let err = |pos, msg| Diagnostic::error(path, pos, msg);
    let is_yaml = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    let data = if is_yaml { yaml_rows(&src)? } else { csv_rows(&src)? };
    if data.rows.is_empty() {
        return Err(err(Some(Pos { line: 1, col: 1 }), Msg::NoRows));
    }
    Ok(data)
}

fn yaml_rows(src: &Source) -> Result<Data, Diagnostic> {
    let list = load::parse_rows(src).map_err(|mut d| d.remove(0))?;
    let mut columns: Vec<String> = Vec::new();
    let rows = list
        .into_iter()
        .enumerate()
        .map(|(i, values)| {
            for k in values.keys() {
                if !columns.contains(k) {
                    columns.push(k.clone());
                }
            }
            Ok(DataRow { file: src.path.clone(), line: src.locator().find(&format!("[{i}]")).map(|p| p.line).unwrap_or(1), values: localise(values) })
        })
        .collect();
    Ok(Data { columns, rows, warnings: src.warnings.clone() })
}

/// The separator of a CSV file, from its header line: the most frequent of `,` `;` and tab
/// outside quotes (Excel writes `;` where the comma is the decimal mark, as in Vietnamese).
fn separator(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (mut quoted, mut counts) = (false, [0usize; 3]);
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], usize::from(i == 0))).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn csv_rows(src: &Source) -> Result<Data, Diagnostic> {
    let file = &src.path;
    let err = |line: usize, col: usize, msg| Diagnostic::error(file, Some(Pos { line, col }), msg).with_line_from(&src.text);
    let mut reader = csv::ReaderBuilder::new().flexible(true).delimiter(separator(&src.text)).from_reader(src.text.as_bytes());
    let header_record = reader.headers().map_err(|e| err(1, 1, Msg::CsvBroken(e.to_string())))?;
    let header_line = header_record.position().map_or(1, |p| p.line() as usize);
    let headers: Vec<String> = header_record.iter().map(|h| h.trim().nfc().collect()).collect();
    for (i, h) in headers.iter().enumerate() {
        if h.is_empty() {
            return Err(err(header_line, i + 1, Msg::EmptyColumnName(i + 1)));
        }
        if headers[..i].contains(h) {
            return Err(err(header_line, i + 1, Msg::DuplicateColumn(h.clone())));
        }
    }
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                // The reader cannot go on past a broken quote: the rest of the file is that row.
                rows.push(Err(err(e.position().map_or(line, |p| p.line() as usize), 1, Msg::CsvBroken(e.to_string()))));
                break;
            }
        }
        let line = record.position().map_or(line, |p| p.line() as usize);
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if record.len() != headers.len() {
            let mut d = err(line, 1, Msg::RowCells { found: record.len(), expected: headers.len() });
            d.context = record.get(0).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
            rows.push(Err(d));
            continue;
        }
        let mut values = Map::new();
        for (h, v) in headers.iter().zip(record.iter()) {
            insert_dotted(&mut values, h, Value::String(v.trim().nfc().collect()));
        }
        rows.push(Ok(DataRow { file: file.clone(), line, values: localise(values) }));
    }
    Ok(Data { columns: headers, rows, warnings: src.warnings.clone() })
}

/// `xa.ten` = v becomes `{xa: {ten: v}}`.
pub(super) fn insert_dotted(map: &mut Map<String, Value>, key: &str, v: Value) {
    match key.split_once('.') {
        None => {
            map.insert(key.to_string(), v);
        }
        Some((head, rest)) => {
            let e = map.entry(head.to_string()).or_insert_with(|| Value::Object(Map::new()));
            if !e.is_object() {
                *e = Value::Object(Map::new());
            }
            if let Value::Object(m) = e {
                insert_dotted(m, rest, v);
            }
        }
    }
}

/// Numbers print the Vietnamese way wherever they land: `56.2` becomes `56,2`.
pub(super) fn localise(values: Map<String, Value>) -> Map<String, Value> {
    fn conv(v: Value) -> Value {
        match v {
            Value::Number(n) => Value::String(n.as_f64().map(vn::decimal).unwrap_or_else(|| n.to_string())),
            Value::String(s) => {
                let looks_decimal = s.split_once('.').is_some_and(|(i, f)| {
                    !i.is_empty()
                        && i.trim_start_matches('-').chars().all(|c| c.is_ascii_digit())
                        && !f.is_empty()
                        && f.len() != 3
                        && f.chars().all(|c| c.is_ascii_digit())
                });
                match s.parse::<f64>() {
                    Ok(x) if looks_decimal => Value::String(vn::decimal(x)),
                    _ => Value::String(s),
                }
            }
            Value::Object(m) => Value::Object(localise(m)),
            Value::Array(a) => Value::Array(a.into_iter().map(conv).collect()),
            other => other,
        }
    }
    values.into_iter().map(|(k, v)| (k, conv(v))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_columns_nest_and_decimals_localise() {
        let mut m = Map::new();
        insert_dotted(&mut m, "xa.ten", Value::String("Bờ Y".into()));
        insert_dotted(&mut m, "chi_tieu.ty_le", Value::String("56.2".into()));
        insert_dotted(&mut m, "chi_tieu.so", Value::String("5.280".into()));
        let row = DataRow { file: "x.csv".into(), line: 2, values: localise(m) };
        assert_eq!(row.get("xa.ten").as_deref(), Some("Bờ Y"));
        assert_eq!(row.get("chi_tieu.ty_le").as_deref(), Some("56,2"));
        assert_eq!(row.get("chi_tieu.so").as_deref(), Some("5.280"), "thousands stay as written");
        assert_eq!(row.get("xa.khong"), None);
    }

    fn read_text(name: &str, text: &str) -> Result<Data, Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        read(&p, None)
    }

    #[test]
    fn semicolons_and_tabs_are_found() {
        for (sep, text) in [(";", "ten_tep;xa.ten;ty_le\nA;An Phú;56,2\n"), ("\t", "ten_tep\txa.ten\tty_le\nA\tAn Phú\t56,2\n")] {
            let d = read_text("x.csv", text).unwrap_or_else(|e| panic!("{sep:?}: {e:?}"));
            let row = d.rows[0].as_ref().unwrap();
            assert_eq!(row.get("xa.ten").as_deref(), Some("An Phú"), "{sep:?}");
            assert_eq!(row.get("ty_le").as_deref(), Some("56,2"), "{sep:?}");
        }
    }

    #[test]
    fn a_short_or_long_row_fails_alone() {
        let d = read_text("x.csv", "ten_tep,a,b\nMột,1,2\nHai,1\nBa,1,2,3\nBốn,1,2\n").unwrap();
        assert_eq!(d.rows.len(), 4);
        assert!(d.rows[0].is_ok() && d.rows[3].is_ok());
        let e = d.rows[1].as_ref().unwrap_err();
        assert_eq!((e.pos.unwrap().line, e.msg.clone(), e.context.as_deref()), (3, Msg::RowCells { found: 2, expected: 3 }, Some("Hai")));
        assert_eq!(d.rows[2].as_ref().unwrap_err().msg, Msg::RowCells { found: 4, expected: 3 });
    }

    #[test]
    fn a_repeated_column_or_no_rows_refuse_the_file() {
        let e = read_text("x.csv", "ten_tep,a,a\n1,2,3\n").unwrap_err();
        assert_eq!((e.pos, e.msg), (Some(Pos { line: 1, col: 3 }), Msg::DuplicateColumn("a".into())));
        assert_eq!(read_text("x.csv", "ten_tep,a\n").unwrap_err().msg, Msg::NoRows);
        assert_eq!(read_text("x.csv", "").unwrap_err().msg, Msg::NoRows);
    }
}
