//! The task register (sổ theo dõi nhiệm vụ): one row per task, as XLSX, CSV or JSON bytes,
//! for the commune office to follow each task up with its lead agency.
//!
//! The columns are the plan's (place as printed, group, content, lead, coordinating,
//! deadline as printed, product, note), what the deadline means (its kind, its due day,
//! its recurrence), then three empty follow-up columns. A register of a batch has one
//! more column first: the commune.

use super::{recurrence_text, Task, Tasks};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    Xlsx,
    Csv,
    Json,
}

/// One plan's tasks, with the commune's name in a batch.
pub struct Entry {
    pub unit: Option<String>,
    pub tasks: Tasks,
}

/// The follow-up columns, left empty for the office to fill.
const FOLLOW_UP: [&str; 3] = ["Tiến độ", "Kết quả", "Ghi chú theo dõi"];
const UNIT: &str = "Xã, phường";
const COLUMNS: [&str; 11] = [
    "Vị trí",
    "Nhóm",
    "Nội dung",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
    "Loại thời hạn",
    "Hạn hoàn thành",
    "Lặp lại",
    "Sản phẩm",
    "Ghi chú",
];
/// The index of the due date among `COLUMNS`.
const DUE: usize = 7;

/// The register's bytes in `format`.
pub fn bytes(format: RegisterFormat, entries: &[Entry]) -> Result<Vec<u8>, String> {
    match format {
        RegisterFormat::Xlsx => xlsx(entries).map_err(|e| e.to_string()),
        RegisterFormat::Csv => Ok(csv(entries)),
        RegisterFormat::Json => serde_json::to_vec_pretty(&json_rows(entries)).map_err(|e| e.to_string()),
    }
}

fn has_units(entries: &[Entry]) -> bool {
    entries.iter().any(|e| e.unit.is_some())
}

fn headers(entries: &[Entry]) -> Vec<&'static str> {
    let mut h = Vec::new();
    if has_units(entries) {
        h.push(UNIT);
    }
    h.extend(COLUMNS);
    h.extend(FOLLOW_UP);
    h
}

/// A row's cells as text, the due date apart (XLSX writes it as a date).
fn cells(t: &Task) -> ([String; COLUMNS.len()], Option<NaiveDate>) {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let due = t.due.date();
    let content = match &t.title {
        Some(title) if !t.content.is_empty() => format!("{title}\n{}", t.content),
        Some(title) => title.clone(),
        None => t.content.clone(),
    };
    (
        [
            t.place.clone(),
            o(&t.group),
            content,
            o(&t.lead),
            o(&t.coordinating),
            o(&t.deadline),
            t.kind.label().to_string(),
            // dd/mm/yyyy, as the XLSX's date cells show it: a column of dates reads best uniform.
            due.map(|d| d.format("%d/%m/%Y").to_string()).unwrap_or_default(),
            recurrence_text(&t.due).unwrap_or_default(),
            o(&t.product),
            o(&t.note),
        ],
        due,
    )
}

/// Every row: the plan's entry, then the task.
fn rows(entries: &[Entry]) -> impl Iterator<Item = (&Entry, &Task)> {
    entries.iter().flat_map(|e| e.tasks.tasks.iter().map(move |t| (e, t)))
}

fn csv(entries: &[Entry]) -> Vec<u8> {
    // A BOM, so that Excel opening the file by a double click reads it as UTF-8.
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    let units = has_units(entries);
    let mut write = |record: Vec<String>| {
        // Writing into a Vec cannot fail.
        let _ = w.write_record(&record);
    };
    write(headers(entries).into_iter().map(String::from).collect());
    for (e, t) in rows(entries) {
        let mut r = Vec::new();
        if units {
            r.push(e.unit.clone().unwrap_or_default());
        }
        r.extend(cells(t).0);
        r.extend(FOLLOW_UP.iter().map(|_| String::new()));
        write(r);
    }
    w.into_inner().unwrap_or_default()
}

fn xlsx(entries: &[Entry]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    // A fixed creation time (the plans' earliest date), so the same input gives the same bytes.
    let first = entries.iter().map(|e| e.tasks.plan.date.earliest()).min().unwrap_or_default();
    let created = ExcelDateTime::from_ymd(first.year() as u16, first.month() as u8, first.day() as u8)?;
    let title = match entries {
        [one] => format!("Sổ theo dõi nhiệm vụ: {}", one.tasks.plan.reference),
        _ => "Sổ theo dõi nhiệm vụ".to_string(),
    };
    wb.set_properties(&DocProperties::new().set_title(&title).set_author("kehoach").set_creation_datetime(&created));
    let ws = wb.add_worksheet();
    ws.set_name("Nhiệm vụ")?;
    let border = |f: Format| f.set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::Top);
    let head = border(Format::new().set_bold().set_align(FormatAlign::Center).set_background_color("D9E1F2"));
    let text = border(Format::new());
    let date = border(Format::new().set_num_format("dd/mm/yyyy").set_align(FormatAlign::Center));
    let heads = headers(entries);
    let offset = usize::from(has_units(entries));
    let table: Vec<(Vec<String>, Option<NaiveDate>)> = rows(entries)
        .map(|(e, t)| {
            let (values, due) = cells(t);
            let mut r: Vec<String> = e.unit.iter().cloned().collect();
            r.extend(values);
            r.extend(FOLLOW_UP.iter().map(|_| String::new()));
            (r, due)
        })
        .collect();
    // Widths in characters: the longest line in each column, within bounds that keep a row
    // readable; the follow-up columns get room to write in.
    let widths: Vec<usize> = (0..heads.len())
        .map(|c| {
            let longest = table.iter().flat_map(|(r, _)| r[c].lines()).map(|l| l.chars().count()).chain([heads[c].chars().count(), 10]).max().unwrap_or(10);
            let cap = if heads[c] == "Nội dung" { 70 } else { 36 };
            let min = if c >= offset + COLUMNS.len() { 24 } else { 8 };
            longest.clamp(min, cap) + 2
        })
        .collect();
    for (c, (h, w)) in heads.iter().zip(&widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        ws.set_column_width(c as u16, *w as f64)?;
    }
    for (r, (values, due)) in table.iter().enumerate() {
        let row = r as u32 + 1;
        for (c, v) in values.iter().enumerate() {
            match due {
                Some(d) if c == DUE + offset => {
                    ws.write_datetime_with_format(row, c as u16, ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?, &date)?;
                }
                _ => {
                    ws.write_string_with_format(row, c as u16, v, &text)?;
                }
            }
        }
        // The height the wrapped text needs: LibreOffice keeps the default height of a written
        // row, so a long cell would be cut off.
        let lines = values.iter().zip(&widths).map(|(v, w)| v.lines().map(|l| l.chars().count().div_ceil(w - 2).max(1)).sum::<usize>()).max().unwrap_or(1);
        ws.set_row_height(row, (15 * lines.max(1)).min(409) as f64)?;
    }
    let last_row = table.len() as u32;
    ws.set_freeze_panes(1, 0)?;
    // Printed: A4 landscape, every column on the page's width, the header on each page.
    ws.set_paper_size(9).set_landscape().set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.autofilter(0, 0, last_row, (heads.len() - 1) as u16)?;
    wb.save_to_buffer()
}

/// A JSON row: the same columns with stable keys, the due date as ISO 8601.
#[derive(Serialize)]
struct JsonRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    don_vi: Option<&'a str>,
    ke_hoach: &'a str,
    vi_tri: &'a str,
    duong_dan: &'a str,
    id: Option<&'a str>,
    uid: &'a str,
    nhom: Option<&'a str>,
    ten: Option<&'a str>,
    noi_dung: &'a str,
    phan_cong: Option<&'a str>,
    chu_tri: Option<&'a str>,
    phoi_hop: Option<&'a str>,
    thoi_gian: Option<&'a str>,
    loai_thoi_han: &'static str,
    han: Option<String>,
    lap_lai: Option<Recurrence>,
    san_pham: Option<&'a str>,
    ghi_chu: Option<&'a str>,
    tien_do: &'static str,
    ket_qua: &'static str,
    ghi_chu_theo_doi: &'static str,
}

#[derive(Serialize)]
struct Recurrence {
    /// `tuan`, `thang`, `nam`.
    don_vi: &'static str,
    moi: u32,
    tu: String,
    den: String,
}

fn json_rows(entries: &[Entry]) -> Vec<JsonRow<'_>> {
    rows(entries)
        .map(|(e, t)| JsonRow {
            don_vi: e.unit.as_deref(),
            ke_hoach: &e.tasks.plan.reference,
            vi_tri: &t.place,
            duong_dan: &t.path,
            id: t.id.as_deref(),
            uid: &t.uid,
            nhom: t.group.as_deref(),
            ten: t.title.as_deref(),
            noi_dung: &t.content,
            phan_cong: t.assignment.as_deref(),
            chu_tri: t.lead.as_deref(),
            phoi_hop: t.coordinating.as_deref(),
            thoi_gian: t.deadline.as_deref(),
            loai_thoi_han: t.kind.code(),
            han: t.due.date().map(|d| d.to_string()),
            lap_lai: match &t.due {
                super::Due::Every { every, from, until } => Some(Recurrence {
                    don_vi: match every.unit {
                        crate::plan::deadline::Unit::Day => "ngay",
                        crate::plan::deadline::Unit::Week => "tuan",
                        crate::plan::deadline::Unit::Month => "thang",
                        crate::plan::deadline::Unit::Year => "nam",
                    },
                    moi: every.count,
                    tu: from.to_string(),
                    den: until.to_string(),
                }),
                _ => None,
            },
            san_pham: t.product.as_deref(),
            ghi_chu: t.note.as_deref(),
            tien_do: "",
            ket_qua: "",
            ghi_chu_theo_doi: "",
        })
        .collect()
}
