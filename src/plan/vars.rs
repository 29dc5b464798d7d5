//! Batch variables: data rows (CSV or YAML) and their substitution into a parsed plan.
//!
//! Values are filled with tera into the plan's string values after the YAML is
//! parsed, never into the YAML text, so a commune name holding a quote or a
//! colon cannot change the plan's structure. The filled plan then goes through
//! the same validation as any other, so dates, deadlines and targets that come
//! from variables are checked as typed values.

use crate::diag::{Diagnostic, Msg, Severity};
use crate::plan::load::{self, Source};
use crate::plan::model::*;
use crate::text::vn;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// One row of data: where it is, and its values as a nested mapping (`xa.ten` → `{xa: {ten}}`).
#[derive(Debug, Clone)]
pub struct DataRow {
    pub file: PathBuf,
    /// 1-based line in the data file.
    pub line: usize,
    pub values: Map<String, Value>,
}

impl DataRow {
    /// `xa.csv:17`, for messages.
    pub fn place(&self) -> String {
        format!("{}:{}", self.file.display(), self.line)
    }

    /// The value at a dotted path, as text.
    pub fn get(&self, path: &str) -> Option<String> {
        let mut cur: Option<&Value> = None;
        for (i, part) in path.split('.').enumerate() {
            cur = if i == 0 { self.values.get(part) } else { cur?.get(part) };
        }
        match cur? {
            Value::String(s) => Some(s.clone()),
            Value::Null => Some(String::new()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
}

/// Reads a data file: `.csv` (a header row, then one row per plan) or `.yaml`/`.yml` (a list of mappings).
pub fn read_rows(path: &Path) -> Result<Vec<DataRow>, Diagnostic> {
    let err = |pos, msg| Diagnostic { file: path.to_path_buf(), pos, path: String::new(), severity: Severity::Error, msg, context: None };
    let src = Source::read(path)?;
    let is_csv = path.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !is_csv {
        let list = load::parse_rows(&src).map_err(|mut d| d.remove(0))?;
        return Ok(list
            .into_iter()
            .enumerate()
            .map(|(i, values)| DataRow {
                file: path.to_path_buf(),
                line: src.locator.find(&format!("[{i}]")).map(|p| p.line).unwrap_or(1),
                values: localise(values),
            })
            .collect());
    }
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(src.text.as_bytes());
    let headers: Vec<String> = reader.headers().map_err(|e| err(None, Msg::Other(e.to_string())))?.iter().map(|h| h.trim().to_string()).collect();
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize);
            err(line.map(|line| crate::diag::Pos { line, col: 1 }), Msg::Other(format!("CSV: {e}")))
        })?;
        let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
        if rec.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        let mut values = Map::new();
        for (h, v) in headers.iter().zip(rec.iter()) {
            insert_dotted(&mut values, h, Value::String(v.trim().nfc().collect()));
        }
        rows.push(DataRow { file: path.to_path_buf(), line, values: localise(values) });
    }
    Ok(rows)
}

/// `xa.ten` = v becomes `{xa: {ten: v}}`.
fn insert_dotted(map: &mut Map<String, Value>, key: &str, v: Value) {
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
fn localise(values: Map<String, Value>) -> Map<String, Value> {
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

/// The variables a text uses: the paths inside `{{ … }}` (filters after `|` dropped),
/// not counting appendix references.
pub fn variables(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("{{") {
        let Some(j) = rest[i..].find("}}") else { break };
        let inner = rest[i + 2..i + j].split('|').next().unwrap_or("").trim();
        if !inner.is_empty() && !inner.starts_with("phu_luc.") {
            out.push(inner.to_string());
        }
        rest = &rest[i + j + 2..];
    }
    out
}

/// Fills every string of `plan` from `row`. Errors name the template position, the
/// variable and the data row.
pub fn substitute(src: &Source, plan: &mut Plan, row: &DataRow) -> Result<(), Vec<Diagnostic>> {
    let ctx = tera::Context::from_value(Value::Object(row.values.clone())).unwrap_or_default();
    let mut errors = Vec::new();
    visit_strings(plan, &mut |path, s| {
        if !s.contains("{{") && !s.contains("{%") {
            return;
        }
        let here = |msg| {
            let mut d = src.at(path, Severity::Error, msg);
            d.context = Some(row.place());
            d
        };
        for var in variables(s) {
            match row.get(&var) {
                None => errors.push(here(Msg::MissingVariable(var))),
                Some(v) if v.trim().is_empty() => errors.push(here(Msg::EmptyVariable(var))),
                Some(_) => {}
            }
        }
        match tera::Tera::one_off(&protect_refs(s), &ctx, false) {
            Ok(out) => *s = out,
            Err(e) => {
                let mut msg = e.to_string();
                let mut source = std::error::Error::source(&e);
                while let Some(inner) = source {
                    msg += &format!(": {inner}");
                    source = inner.source();
                }
                errors.push(here(Msg::Template(msg)));
            }
        }
    });
    // One message per place and variable.
    errors.dedup_by(|a, b| a.path == b.path && a.msg == b.msg);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Appendix references (`{{ phu_luc.nhiem-vu }}`) are not variables: tera must print them
/// as written (a key may hold `-`, which tera would read as a subtraction).
fn protect_refs(s: &str) -> String {
    let refs = crate::text::inline::appendix_refs(s);
    let mut out = String::with_capacity(s.len() + refs.len() * 24);
    let mut last = 0;
    for (r, _) in refs {
        out.push_str(&s[last..r.start]);
        out.push_str("{% raw %}");
        out.push_str(&s[r.clone()]);
        out.push_str("{% endraw %}");
        last = r.end;
    }
    out.push_str(&s[last..]);
    out
}

/// Text outside batch mode that still holds a `{{ variable }}`: it has no value to print.
pub fn unfilled(src: &Source, plan: &mut Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    visit_strings(plan, &mut |path, s| {
        for var in variables(s) {
            out.push(src.at(path, Severity::Error, Msg::UnfilledVariable(var)));
        }
    });
    out
}

/// Calls `f` with the field path and every string of the plan, mutably.
pub fn visit_strings(p: &mut Plan, f: &mut dyn FnMut(&str, &mut String)) {
    let ag = &mut p.co_quan;
    if let Some(s) = &mut ag.cap_tren {
        f("co_quan.cap_tren", s);
    }
    let single = ag.ten.0.len() == 1;
    for (i, s) in ag.ten.0.iter_mut().enumerate() {
        f(&if single { "co_quan.ten".to_string() } else { format!("co_quan.ten[{i}]") }, s);
    }
    f("co_quan.viet_tat", &mut ag.viet_tat);
    if let Some(s) = &mut ag.ten_day_du {
        f("co_quan.ten_day_du", s);
    }
    if let Some(s) = &mut p.so {
        f("so", &mut s.0);
    }
    if let Some(s) = &mut p.dia_danh {
        f("dia_danh", s);
    }
    f("ngay", &mut p.ngay.0);
    f("trich_yeu", &mut p.trich_yeu);
    for (k, list) in [("can_cu", &mut p.can_cu), ("mo_dau", &mut p.mo_dau), ("ket_thuc", &mut p.ket_thuc)] {
        for (i, s) in list.iter_mut().enumerate() {
            f(&format!("{k}[{i}]"), s);
        }
    }
    blocks("noi_dung", &mut p.noi_dung, f);
    for (i, s) in p.noi_nhan.danh_sach.iter_mut().enumerate() {
        f(&format!("noi_nhan.danh_sach[{i}]"), s);
    }
    f("noi_nhan.luu", &mut p.noi_nhan.luu);
    if let Some(s) = &mut p.noi_nhan.ghi_chu {
        f("noi_nhan.ghi_chu", s);
    }
    let k = &mut p.ky;
    for (name, v) in [
        ("thay_mat", &mut k.thay_mat),
        ("ky_thay", &mut k.ky_thay),
        ("quyen", &mut k.quyen),
        ("thua_lenh", &mut k.thua_lenh),
        ("thua_uy_quyen", &mut k.thua_uy_quyen),
    ] {
        if let Some(s) = v {
            f(&format!("ky.{name}"), s);
        }
    }
    f("ky.chuc_vu", &mut k.chuc_vu);
    f("ky.ho_ten", &mut k.ho_ten);
    for (i, a) in p.phu_luc.iter_mut().enumerate() {
        if let Some(s) = &mut a.tieu_de {
            f(&format!("phu_luc[{i}].tieu_de"), s);
        }
        blocks(&format!("phu_luc[{i}].noi_dung"), &mut a.noi_dung, f);
    }
}

fn opt(path: &str, key: &str, v: &mut Option<String>, f: &mut dyn FnMut(&str, &mut String)) {
    if let Some(s) = v {
        f(&format!("{path}.{key}"), s);
    }
}

fn content(path: &str, c: &mut Content, f: &mut dyn FnMut(&str, &mut String)) {
    if let [Block::Paragraph(s)] = c.0.as_mut_slice() {
        f(path, s);
        return;
    }
    blocks(path, &mut c.0, f);
}

fn blocks(path: &str, list: &mut [Block], f: &mut dyn FnMut(&str, &mut String)) {
    for (i, b) in list.iter_mut().enumerate() {
        let p = format!("{path}[{i}]");
        match b {
            Block::Paragraph(s) => f(&p, s),
            Block::Map(m) => {
                for (k, v) in [("muc", &mut m.muc), ("gach", &mut m.gach), ("cong", &mut m.cong)] {
                    opt(&p, k, v, f);
                }
                if let Some(children) = &mut m.noi_dung {
                    blocks(&format!("{p}.noi_dung"), children, f);
                }
                if let Some(n) = &mut m.nhan {
                    for (k, v) in n.iter_mut() {
                        f(&format!("{p}.nhan.{k}"), v);
                    }
                }
                if let Some(t) = &mut m.bang {
                    for (r, row) in t.tieu_de.iter_mut().enumerate() {
                        for (c, cell) in row.iter_mut().enumerate() {
                            content(&format!("{p}.bang.tieu_de[{r}][{c}]"), &mut cell.text, f);
                        }
                    }
                    for (r, row) in t.hang.iter_mut().enumerate() {
                        match row {
                            Row::Group(g) => f(&format!("{p}.bang.hang[{r}].nhom"), g),
                            Row::Cells(cells) => {
                                for (c, cell) in cells.iter_mut().enumerate() {
                                    content(&format!("{p}.bang.hang[{r}][{c}]"), &mut cell.text, f);
                                }
                            }
                        }
                    }
                    for (n, s) in t.chu_thich.iter_mut().enumerate() {
                        f(&format!("{p}.bang.chu_thich[{n}]"), s);
                    }
                }
                if let Some(tasks) = &mut m.nhiem_vu {
                    task_list(&format!("{p}.nhiem_vu"), tasks, f);
                }
                if let Some(targets) = &mut m.chi_tieu {
                    target_list(&format!("{p}.chi_tieu"), targets, f);
                }
            }
        }
    }
}

fn task_list(path: &str, tasks: &mut [TaskEntry], f: &mut dyn FnMut(&str, &mut String)) {
    for (i, t) in tasks.iter_mut().enumerate() {
        let p = format!("{path}[{i}]");
        for (k, v) in [("nhom", &mut t.nhom), ("ten", &mut t.ten), ("chu_tri", &mut t.chu_tri), ("phoi_hop", &mut t.phoi_hop), ("thoi_gian", &mut t.thoi_gian)]
        {
            opt(&p, k, v, f);
        }
        for (k, v) in [("noi_dung", &mut t.noi_dung), ("phan_cong", &mut t.phan_cong), ("san_pham", &mut t.san_pham), ("ghi_chu", &mut t.ghi_chu)] {
            if let Some(c) = v {
                content(&format!("{p}.{k}"), c, f);
            }
        }
        if let Some(sub) = &mut t.nhiem_vu {
            task_list(&format!("{p}.nhiem_vu"), sub, f);
        }
    }
}

fn target_list(path: &str, targets: &mut [TargetEntry], f: &mut dyn FnMut(&str, &mut String)) {
    for (i, t) in targets.iter_mut().enumerate() {
        let p = format!("{path}[{i}]");
        for (k, v) in [
            ("nhom", &mut t.nhom),
            ("don_vi", &mut t.don_vi),
            ("chu_tri", &mut t.chu_tri),
            ("phoi_hop", &mut t.phoi_hop),
            ("danh_gia", &mut t.danh_gia),
            ("ghi_chu", &mut t.ghi_chu),
        ] {
            opt(&p, k, v, f);
        }
        match &mut t.chi_tieu {
            Some(TargetName::Text(s)) => f(&format!("{p}.chi_tieu"), s),
            Some(TargetName::List(l)) => target_list(&format!("{p}.chi_tieu"), l, f),
            None => {}
        }
        if let Some(v) = &mut t.muc_tieu {
            f(&format!("{p}.muc_tieu"), &mut v.0);
        }
        if let Some(b) = &mut t.hien_tai {
            f(&format!("{p}.hien_tai"), &mut b.value.0);
            if let Some(k) = &mut b.period {
                f(&format!("{p}.hien_tai.ky"), k);
            }
        }
        if let Some(sub) = &mut t.chi_tiet {
            target_list(&format!("{p}.chi_tiet"), sub, f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_variables_but_not_appendix_references() {
        assert_eq!(variables("Xã {{ xa.ten }} ({{xa.ma | upper}}) – {{ phu_luc.nv }}"), ["xa.ten", "xa.ma"]);
        assert!(variables("không có biến").is_empty());
    }

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
}
