//! Every semantic rule on a parsed plan. Only this module builds a `ValidPlan`.
//!
//! All problems are collected (not just the first) and located through the
//! source's field paths; warnings do not stop rendering, errors do.

use crate::diag::{suggest, Diagnostic, Msg, Severity};
use crate::plan::deadline;
use crate::plan::limits;
use crate::plan::load::Source;
use crate::plan::model::*;
use crate::text::inline;
use crate::text::vn;
use chrono::NaiveDate;
use std::collections::HashSet;

/// The plan's date, full or partial (drafts leave the day or month blank).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PlanDate {
    Full(NaiveDate),
    MonthYear { month: u32, year: i32 },
    Year(i32),
}

impl PlanDate {
    /// The earliest day the date can be.
    pub fn earliest(&self) -> NaiveDate {
        match *self {
            PlanDate::Full(d) => d,
            PlanDate::MonthYear { month, year } => NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default(),
            PlanDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
        }
    }

    pub fn year(&self) -> i32 {
        match *self {
            PlanDate::Full(d) => chrono::Datelike::year(&d),
            PlanDate::MonthYear { year, .. } | PlanDate::Year(year) => year,
        }
    }

    /// As written in a sentence: `24/02/2024`, `9/2025`, `2025`.
    pub fn short(&self) -> String {
        match *self {
            PlanDate::Full(d) => vn::date_short(d),
            PlanDate::MonthYear { month, year } => format!("{}/{year}", vn::month(month)),
            PlanDate::Year(y) => y.to_string(),
        }
    }
}

/// A document type: its printed name and its ký hiệu abbreviation (PL-III Mục I).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocType {
    pub name: &'static str,
    pub abbr: &'static str,
}

pub const DOC_TYPES: [(&str, DocType); 6] = [
    ("ke_hoach", DocType { name: "Kế hoạch", abbr: "KH" }),
    ("chuong_trinh", DocType { name: "Chương trình", abbr: "CTr" }),
    ("phuong_an", DocType { name: "Phương án", abbr: "PA" }),
    ("de_an", DocType { name: "Đề án", abbr: "ĐA" }),
    ("bao_cao", DocType { name: "Báo cáo", abbr: "BC" }),
    ("huong_dan", DocType { name: "Hướng dẫn", abbr: "HD" }),
];

/// A plan that passed every rule; renderers only see data derived from it.
#[derive(Debug, Clone)]
pub struct ValidPlan {
    pub plan: Plan,
    pub date: PlanDate,
    pub number: Option<u32>,
    pub doc_type: DocType,
    pub warnings: Vec<Diagnostic>,
}

pub const TASK_COLUMNS: [&str; 8] = ["stt", "noi_dung", "chu_tri", "tham_muu", "phoi_hop", "thoi_gian", "san_pham", "ghi_chu"];
pub const TASK_LABELS: [&str; 9] = ["stt", "noi_dung", "phan_cong", "chu_tri", "tham_muu", "phoi_hop", "thoi_gian", "san_pham", "ghi_chu"];
pub const TARGET_COLUMNS: [&str; 9] = ["stt", "chi_tieu", "don_vi", "hien_tai", "muc_tieu", "chu_tri", "phoi_hop", "danh_gia", "ghi_chu"];

/// Numbered levels below a starting level: body I → 1 → a); appendix 1 → a).
pub const MAX_LEVEL: usize = 3;

struct Checker<'a> {
    src: &'a Source,
    diags: Vec<Diagnostic>,
    plan_date: Option<PlanDate>,
    appendix_ids: Vec<String>,
    /// Task ids seen so far: an id is the task's key in the calendar's UIDs, so it is unique in a plan.
    task_ids: HashSet<String>,
}

impl Checker<'_> {
    fn err(&mut self, path: &str, msg: Msg) {
        self.diags.push(self.src.at(path, Severity::Error, msg));
    }
    fn warn(&mut self, path: &str, msg: Msg) {
        self.diags.push(self.src.at(path, Severity::Warning, msg));
    }
    fn nonempty(&mut self, path: &str, s: &str) {
        if s.trim().is_empty() {
            self.err(path, Msg::Empty);
        }
    }
    /// Any user text: not empty when required, and its appendix references exist.
    fn text(&mut self, path: &str, s: &str) {
        for (_, key) in inline::appendix_refs(s) {
            if !self.appendix_ids.contains(&key) {
                let suggestion = suggest(&key, self.appendix_ids.iter().map(String::as_str));
                self.err(path, Msg::UnknownAppendix { key, suggestion });
            }
        }
    }
    fn choice(&mut self, path: &str, v: &Option<String>, allowed: &[&'static str]) {
        if let Some(v) = v {
            if !allowed.contains(&v.as_str()) {
                self.err(path, Msg::BadChoice { value: v.clone(), allowed: allowed.to_vec() });
            }
        }
    }
}

/// Checks a parsed plan against every rule.
pub fn validate(src: &Source, plan: Plan) -> Result<ValidPlan, Vec<Diagnostic>> {
    let mut c = Checker { src, diags: src.warnings.clone(), plan_date: None, appendix_ids: Vec::new(), task_ids: HashSet::new() };
    let mut plan = plan;
    for (path, msg) in limits::check(&mut plan) {
        c.err(&path, msg);
    }

    // Header.
    if plan.co_quan.ten.0.is_empty() || plan.co_quan.ten.0.iter().all(|l| l.trim().is_empty()) {
        c.err("co_quan.ten", Msg::Empty);
    }
    c.nonempty("co_quan.viet_tat", &plan.co_quan.viet_tat);
    let doc_type = match plan.loai.as_deref() {
        None => DOC_TYPES[0].1,
        Some(k) => match DOC_TYPES.iter().find(|(key, _)| *key == k) {
            Some((_, t)) => *t,
            None => {
                c.err("loai", Msg::BadChoice { value: k.into(), allowed: DOC_TYPES.iter().map(|(k, _)| *k).collect() });
                DOC_TYPES[0].1
            }
        },
    };
    let number = plan.so.as_ref().and_then(|s| checked_number(&mut c, "so", s));
    let date = checked_date(&mut c, "ngay", &plan.ngay);
    c.plan_date = date;
    if plan.dia_danh.is_none() && vn::place_from_agency(&plan.co_quan.ten.0).is_none() {
        c.err("co_quan.ten", Msg::NoPlace);
    }
    if let Some(p) = &plan.dia_danh {
        c.nonempty("dia_danh", p);
    }
    c.nonempty("trich_yeu", &plan.trich_yeu);

    // Appendices first: references anywhere may point at them.
    let mut seen = HashSet::new();
    for (i, a) in plan.phu_luc.iter().enumerate() {
        let p = format!("phu_luc[{i}]");
        c.nonempty(&format!("{p}.id"), &a.id);
        if !seen.insert(a.id.clone()) {
            c.err(&format!("{p}.id"), Msg::DuplicateId(a.id.clone()));
        }
        c.appendix_ids.push(a.id.clone());
    }

    for (i, s) in plan.can_cu.iter().enumerate() {
        let p = format!("can_cu[{i}]");
        c.nonempty(&p, s);
        c.text(&p, s);
    }
    for (i, s) in plan.mo_dau.iter().enumerate() {
        let p = format!("mo_dau[{i}]");
        c.nonempty(&p, s);
        c.text(&p, s);
    }
    blocks(&mut c, "noi_dung", &plan.noi_dung, 1);
    for (i, s) in plan.ket_thuc.iter().enumerate() {
        let p = format!("ket_thuc[{i}]");
        c.nonempty(&p, s);
        c.text(&p, s);
    }

    // Recipients and signature.
    for (i, s) in plan.noi_nhan.danh_sach.iter().enumerate() {
        c.nonempty(&format!("noi_nhan.danh_sach[{i}]"), s);
    }
    c.nonempty("noi_nhan.luu", &plan.noi_nhan.luu);
    let k = &plan.ky;
    let authorities = [&k.ky_thay, &k.quyen, &k.thua_lenh, &k.thua_uy_quyen].iter().filter(|a| a.is_some()).count();
    if authorities > 1 {
        c.err("ky", Msg::AuthorityConflict);
    }
    c.nonempty("ky.chuc_vu", &k.chuc_vu);
    c.nonempty("ky.ho_ten", &k.ho_ten);

    for (i, a) in plan.phu_luc.iter().enumerate() {
        let p = format!("phu_luc[{i}]");
        c.choice(&format!("{p}.huong"), &a.huong, &["doc", "ngang"]);
        c.choice(&format!("{p}.danh_so_tu"), &a.danh_so_tu, &["I", "1"]);
        if let Some(s) = &a.so {
            checked_number(&mut c, &format!("{p}.so"), s);
        }
        if let Some(d) = &a.ngay {
            checked_date(&mut c, &format!("{p}.ngay"), d);
        }
        if let Some(t) = &a.tieu_de {
            c.text(&format!("{p}.tieu_de"), t);
        }
        blocks(&mut c, &format!("{p}.noi_dung"), &a.noi_dung, a.first_level());
    }

    let Checker { mut diags, .. } = c;
    // One message per place: the same rule may be reached twice through shared paths.
    let mut uniq = HashSet::new();
    diags.retain(|d| uniq.insert((d.path.clone(), format!("{:?}", d.msg))));
    if diags.iter().any(Diagnostic::is_error) {
        diags.sort_by_key(|d| (!d.is_error(), d.pos.map(|p| (p.line, p.col))));
        return Err(diags);
    }
    diags.sort_by_key(|d| d.pos.map(|p| (p.line, p.col)));
    Ok(ValidPlan { plan, date: date.expect("a date error was reported above"), number, doc_type, warnings: diags })
}

/// A document number (`5`, `175`), reported at `path` when it is not one.
fn checked_number(c: &mut Checker, path: &str, s: &Scalar) -> Option<u32> {
    let t = s.0.trim();
    match t.parse::<u32>() {
        Ok(n) if n > 0 && t.len() <= 6 => Some(n),
        _ => {
            c.err(path, Msg::BadNumber(t.into()));
            None
        }
    }
}

/// A document date, reported at `path` when it is not one.
fn checked_date(c: &mut Checker, path: &str, s: &Scalar) -> Option<PlanDate> {
    match parse_plan_date(&s.0) {
        Ok(d) => Some(d),
        Err(m) => {
            c.err(path, m);
            None
        }
    }
}

/// `05/3/2025`, `2025-03-05`, `9/2025`, `2025`.
pub fn parse_plan_date(s: &str) -> Result<PlanDate, Msg> {
    let t = s.trim();
    let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    let parts: Vec<&str> = if t.len() == 10 && t.as_bytes()[4] == b'-' {
        let v: Vec<&str> = t.split('-').collect();
        v.into_iter().rev().collect()
    } else {
        t.split('/').collect()
    };
    if !parts.iter().all(|p| digits(p)) || parts.last().is_none_or(|y| y.len() != 4) {
        return Err(Msg::BadDate(t.into()));
    }
    let n: Vec<i64> = parts.iter().map(|p| p.parse().unwrap_or(-1)).collect();
    match n.as_slice() {
        [d, m, y] => NaiveDate::from_ymd_opt(*y as i32, *m as u32, *d as u32).map(PlanDate::Full).ok_or(Msg::ImpossibleDate(t.into())),
        [m, y] if (1..=12).contains(m) => Ok(PlanDate::MonthYear { month: *m as u32, year: *y as i32 }),
        [_, _] => Err(Msg::BadMonth(t.into())),
        [y] => Ok(PlanDate::Year(*y as i32)),
        _ => Err(Msg::BadDate(t.into())),
    }
}

fn blocks(c: &mut Checker, path: &str, list: &[Block], level: usize) {
    for (i, b) in list.iter().enumerate() {
        block(c, &format!("{path}[{i}]"), b, level);
    }
}

fn block(c: &mut Checker, p: &str, b: &Block, level: usize) {
    let m = match b {
        Block::Paragraph(s) => {
            c.nonempty(p, s);
            c.text(p, s);
            return;
        }
        Block::Map(m) => m,
    };
    let kinds: Vec<String> = [
        ("muc", m.muc.is_some()),
        ("gach", m.gach.is_some()),
        ("cong", m.cong.is_some()),
        ("bang", m.bang.is_some()),
        ("nhiem_vu", m.nhiem_vu.is_some()),
        ("chi_tieu", m.chi_tieu.is_some()),
    ]
    .iter()
    .filter(|(_, on)| *on)
    .map(|(k, _)| k.to_string())
    .collect();
    if kinds.len() != 1 {
        c.err(p, Msg::BlockKinds(if kinds.len() > 1 { kinds } else { Vec::new() }));
        return;
    }
    let is_list = m.nhiem_vu.is_some() || m.chi_tieu.is_some();
    if m.muc.is_none() && (m.noi_dung.is_some() || m.so_con.is_some() || m.kieu.is_some()) {
        c.err(p, Msg::ChildrenWithoutMuc);
    }
    if !is_list && (m.trinh_bay.is_some() || m.cot.is_some() || m.nhan.is_some() || m.rong.is_some()) {
        c.err(p, Msg::BlockKinds(Vec::new()));
    }
    for (k, v) in [("muc", &m.muc), ("gach", &m.gach), ("cong", &m.cong)] {
        if let Some(s) = v {
            let fp = format!("{p}.{k}");
            c.nonempty(&fp, s);
            c.text(&fp, s);
        }
    }
    if m.muc.is_some() {
        if level > MAX_LEVEL {
            c.err(&format!("{p}.muc"), Msg::TooDeep(MAX_LEVEL));
        }
        c.choice(&format!("{p}.so_con"), &m.so_con, &["thap_phan"]);
        c.choice(&format!("{p}.kieu"), &m.kieu, &["doan"]);
        if let Some(children) = &m.noi_dung {
            // Decimal children (9.1, 9.2) stay at the parent's level of depth.
            let next = if m.so_con.is_some() { level } else { level + 1 };
            blocks(c, &format!("{p}.noi_dung"), children, next);
        }
    }
    if let Some(t) = &m.bang {
        table(c, &format!("{p}.bang"), t);
    }
    if let Some(tasks) = &m.nhiem_vu {
        c.choice(&format!("{p}.trinh_bay"), &m.trinh_bay, &["bang", "van_xuoi", "gach"]);
        columns(c, p, m, &TASK_COLUMNS, &TASK_LABELS);
        for (i, t) in tasks.iter().enumerate() {
            task_entry(c, &format!("{p}.nhiem_vu[{i}]"), t, true);
        }
    }
    if let Some(targets) = &m.chi_tieu {
        c.choice(&format!("{p}.trinh_bay"), &m.trinh_bay, &["bang", "danh_sach", "dong"]);
        columns(c, p, m, &TARGET_COLUMNS, &TARGET_COLUMNS);
        for (i, t) in targets.iter().enumerate() {
            target_entry(c, &format!("{p}.chi_tieu[{i}]"), t, true);
        }
    }
}

fn columns(c: &mut Checker, p: &str, m: &BlockMap, cols: &[&'static str], labels: &[&'static str]) {
    for (i, col) in m.cot.iter().flatten().enumerate() {
        if !cols.contains(&col.as_str()) {
            c.err(&format!("{p}.cot[{i}]"), Msg::UnknownColumn { column: col.clone(), allowed: cols.to_vec() });
        }
    }
    for key in m.nhan.iter().flat_map(|n| n.keys()) {
        if !labels.contains(&key.as_str()) {
            c.err(&format!("{p}.nhan.{key}"), Msg::UnknownColumn { column: key.clone(), allowed: labels.to_vec() });
        }
    }
    for (key, w) in m.rong.iter().flatten() {
        if !cols.contains(&key.as_str()) {
            c.err(&format!("{p}.rong.{key}"), Msg::UnknownColumn { column: key.clone(), allowed: cols.to_vec() });
        } else if !(w.is_finite() && *w > 0.0) {
            c.err(&format!("{p}.rong.{key}"), Msg::BadNumber(w.to_string()));
        }
    }
}

fn content(c: &mut Checker, p: &str, content: &Content) {
    for (i, b) in content.0.iter().enumerate() {
        let bp = format!("{p}[{i}]");
        // Content inside a task or a cell holds paragraphs and points only.
        if let Block::Map(m) = b {
            if m.gach.is_none() && m.cong.is_none() {
                c.err(&bp, Msg::BlockKinds(Vec::new()));
                continue;
            }
        }
        block(c, &bp, b, MAX_LEVEL);
    }
    if content.0.len() == 1 {
        if let Block::Paragraph(s) = &content.0[0] {
            // A single string is written at the field itself, not at [0].
            c.nonempty(p, s);
        }
    }
}

fn task_entry(c: &mut Checker, p: &str, t: &TaskEntry, top: bool) {
    if let Some(title) = &t.nhom {
        c.nonempty(&format!("{p}.nhom"), title);
        c.text(&format!("{p}.nhom"), title);
        let has_fields = t.id.is_some()
            || t.ten.is_some()
            || t.noi_dung.is_some()
            || t.phan_cong.is_some()
            || t.chu_tri.is_some()
            || t.tham_muu.is_some()
            || t.phoi_hop.is_some()
            || t.thoi_gian.is_some()
            || t.san_pham.is_some()
            || t.ghi_chu.is_some()
            || t.nhan.is_some();
        if has_fields || !top {
            c.err(p, Msg::GroupWithFields);
        }
        for (i, sub) in t.nhiem_vu.iter().flatten().enumerate() {
            task_entry(c, &format!("{p}.nhiem_vu[{i}]"), sub, false);
        }
        return;
    }
    if t.nhiem_vu.is_some() {
        c.err(&format!("{p}.nhiem_vu"), Msg::MissingField { field: "nhom".into(), needs: Vec::new() });
    }
    if let Some(id) = &t.id {
        if !c.task_ids.insert(id.trim().to_string()) {
            c.err(&format!("{p}.id"), Msg::DuplicateId(id.clone()));
        }
    }
    if t.noi_dung.is_none() && t.ten.is_none() {
        c.err(p, Msg::MissingField { field: "noi_dung".into(), needs: Vec::new() });
    }
    for (k, v) in [("ten", &t.ten), ("chu_tri", &t.chu_tri), ("tham_muu", &t.tham_muu), ("phoi_hop", &t.phoi_hop)] {
        if let Some(s) = v {
            c.nonempty(&format!("{p}.{k}"), s);
            c.text(&format!("{p}.{k}"), s);
        }
    }
    for (k, v) in [("noi_dung", &t.noi_dung), ("phan_cong", &t.phan_cong), ("san_pham", &t.san_pham), ("ghi_chu", &t.ghi_chu)] {
        if let Some(x) = v {
            content(c, &format!("{p}.{k}"), x);
        }
    }
    if let Some(d) = &t.thoi_gian {
        deadline_field(c, &format!("{p}.thoi_gian"), d);
    }
    for (key, l) in t.nhan.iter().flatten() {
        let fp = format!("{p}.nhan.{key}");
        if !TASK_LABELS.contains(&key.as_str()) {
            c.err(&fp, Msg::UnknownColumn { column: key.clone(), allowed: TASK_LABELS.to_vec() });
        }
        c.nonempty(&fp, l);
        c.text(&fp, l);
    }
}

fn deadline_field(c: &mut Checker, p: &str, s: &str) {
    match deadline::parse(s) {
        Err(deadline::Error::Empty) => c.err(p, Msg::Empty),
        Err(deadline::Error::Impossible(d)) => c.err(p, Msg::ImpossibleDate(d)),
        Err(deadline::Error::BadMonth(d)) => c.err(p, Msg::BadMonth(d)),
        Err(deadline::Error::BadQuarter(d)) => c.err(p, Msg::BadQuarter(d)),
        Ok(d) => {
            if let (Some(last), Some(pd)) = (d.latest(), c.plan_date) {
                if last < pd.earliest() {
                    c.warn(p, Msg::DeadlineBeforePlan { deadline: d.text, plan: pd.short() });
                }
            }
        }
    }
}

fn target_entry(c: &mut Checker, p: &str, t: &TargetEntry, top: bool) {
    if let Some(title) = &t.nhom {
        c.nonempty(&format!("{p}.nhom"), title);
        let has_fields = t.id.is_some()
            || t.don_vi.is_some()
            || t.hien_tai.is_some()
            || t.muc_tieu.is_some()
            || t.chu_tri.is_some()
            || t.phoi_hop.is_some()
            || t.danh_gia.is_some()
            || t.ghi_chu.is_some()
            || t.chi_tiet.is_some();
        if has_fields || !top || !matches!(t.chi_tieu, Some(TargetName::List(_))) {
            c.err(p, Msg::GroupWithFields);
        }
        if let Some(TargetName::List(items)) = &t.chi_tieu {
            for (i, sub) in items.iter().enumerate() {
                target_entry(c, &format!("{p}.chi_tieu[{i}]"), sub, false);
            }
        }
        return;
    }
    match &t.chi_tieu {
        None => c.err(p, Msg::MissingField { field: "chi_tieu".into(), needs: Vec::new() }),
        Some(TargetName::List(_)) => c.err(&format!("{p}.chi_tieu"), Msg::MissingField { field: "nhom".into(), needs: Vec::new() }),
        Some(TargetName::Text(s)) => {
            c.nonempty(&format!("{p}.chi_tieu"), s);
            c.text(&format!("{p}.chi_tieu"), s);
        }
    }
    let percent = t.don_vi.as_deref().map(str::trim) == Some("%");
    if let Some(v) = &t.muc_tieu {
        let fp = format!("{p}.muc_tieu");
        match parse_target(&v.0) {
            None => c.err(&fp, Msg::BadTarget(v.0.clone())),
            Some((_, x)) if percent && !(0.0..=100.0).contains(&x) => c.err(&fp, Msg::PercentRange(v.0.clone())),
            _ => {}
        }
    }
    if let Some(b) = &t.hien_tai {
        let fp = format!("{p}.hien_tai");
        match vn::parse_decimal(&b.value.0) {
            None => c.err(&fp, Msg::BadNumber(b.value.0.clone())),
            Some(x) if percent && !(0.0..=100.0).contains(&x) => c.err(&fp, Msg::PercentRange(b.value.0.clone())),
            _ => {}
        }
    }
    for (i, sub) in t.chi_tiet.iter().flatten().enumerate() {
        target_entry(c, &format!("{p}.chi_tiet[{i}]"), sub, false);
    }
}

/// A target value: an optional comparator as written ("≥", "Tối thiểu") and the number.
pub fn parse_target(s: &str) -> Option<(String, f64)> {
    let t = s.trim();
    const WORDS: [&str; 12] = ["≥", "≤", ">=", "<=", ">", "<", "tối thiểu", "tối đa", "trên", "dưới", "từ", "đạt"];
    let lower = t.to_lowercase();
    for w in WORDS {
        if lower.starts_with(w) && lower.len() == t.len() {
            let cmp = &t[..w.len()];
            let rest = t[w.len()..].trim().trim_end_matches(['%', '‰']).trim();
            let cmp = match cmp {
                ">=" => "≥".to_string(),
                "<=" => "≤".to_string(),
                c => c.to_string(),
            };
            return vn::parse_decimal(rest).map(|v| (cmp, v));
        }
    }
    vn::parse_decimal(t.trim_end_matches(['%', '‰']).trim()).map(|v| (String::new(), v))
}

fn table(c: &mut Checker, p: &str, t: &Table) {
    merges(c, p, t);
    let mut widths: Vec<(String, usize)> = Vec::new();
    let mut row_widths = |rows: &mut dyn Iterator<Item = (String, &Vec<Cell>)>, extra: usize| {
        // Occupancy by row spans from rows above, so merged cells count where they sit.
        let mut carry: Vec<u32> = Vec::new();
        for (path, cells) in rows {
            let mut col = 0usize;
            let mut width = 0usize;
            let mut next = carry.clone();
            for v in next.iter_mut() {
                *v = v.saturating_sub(1);
            }
            let mut place = |span: usize, down: u32, next: &mut Vec<u32>| {
                while carry.get(col).copied().unwrap_or(0) > 0 {
                    col += 1;
                    width += 1;
                }
                for k in col..col + span {
                    if next.len() <= k {
                        next.resize(k + 1, 0);
                    }
                    next[k] = next[k].max(down.saturating_sub(1));
                }
                col += span;
                width += span;
            };
            for cell in cells {
                place(cell.colspan.max(1) as usize, cell.rowspan.max(1), &mut next);
            }
            while carry.get(col).copied().unwrap_or(0) > 0 {
                col += 1;
                width += 1;
            }
            widths.push((path, width + extra));
            carry = next;
        }
    };
    row_widths(&mut t.tieu_de.iter().enumerate().map(|(i, r)| (format!("{p}.tieu_de[{i}]"), r)), 0);
    let body: Vec<(String, &Vec<Cell>)> = t
        .hang
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Row::Cells(cells) => Some((format!("{p}.hang[{i}]"), cells)),
            Row::Group(_) => None,
        })
        .collect();
    row_widths(&mut body.into_iter(), usize::from(t.stt));
    let expected = if !t.rong.is_empty() { t.rong.len() } else { widths.first().map(|w| w.1).unwrap_or(0) };
    for (path, w) in widths {
        if w != expected {
            c.err(&path, Msg::RowWidth { found: w, expected });
        }
    }
    for (i, w) in t.rong.iter().enumerate() {
        if !(w.is_finite() && *w > 0.0) {
            c.err(&format!("{p}.rong[{i}]"), Msg::BadNumber(w.to_string()));
        }
    }
    for (i, r) in t.hang.iter().enumerate() {
        match r {
            Row::Group(g) => c.nonempty(&format!("{p}.hang[{i}].nhom"), g),
            Row::Cells(cells) => {
                for (j, cell) in cells.iter().enumerate() {
                    content(c, &format!("{p}.hang[{i}][{j}]"), &cell.text);
                }
            }
        }
    }
    for (i, n) in t.chu_thich.iter().enumerate() {
        c.text(&format!("{p}.chu_thich[{i}]"), n);
    }
}

/// A merged cell stays inside its part of the table: the header rows, or the body rows
/// between two group rows (a group row spans the whole width, so nothing merges across it).
fn merges(c: &mut Checker, p: &str, t: &Table) {
    let mut regions: Vec<Vec<(String, &Vec<Cell>)>> = vec![t.tieu_de.iter().enumerate().map(|(i, r)| (format!("{p}.tieu_de[{i}]"), r)).collect(), Vec::new()];
    for (i, r) in t.hang.iter().enumerate() {
        match r {
            Row::Cells(cells) => regions.last_mut().expect("one region at least").push((format!("{p}.hang[{i}]"), cells)),
            Row::Group(_) => regions.push(Vec::new()),
        }
    }
    for (r, rows) in regions.iter().enumerate() {
        let header = r == 0;
        for (k, (path, cells)) in rows.iter().enumerate() {
            for (j, cell) in cells.iter().enumerate() {
                let room = rows.len() - k;
                if cell.rowspan as usize > room {
                    c.err(&format!("{path}[{j}].gop_doc"), Msg::MergeDown { span: cell.rowspan, room, header });
                }
                if cell.colspan as usize > limits::MAX_COLUMNS {
                    c.err(
                        &format!("{path}[{j}].gop_ngang"),
                        Msg::Limit { what: crate::diag::Limit::Columns, found: cell.colspan as usize, limit: limits::MAX_COLUMNS },
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_dates() {
        assert_eq!(parse_plan_date("05/3/2025"), Ok(PlanDate::Full(NaiveDate::from_ymd_opt(2025, 3, 5).unwrap())));
        assert_eq!(parse_plan_date("2025-03-05"), Ok(PlanDate::Full(NaiveDate::from_ymd_opt(2025, 3, 5).unwrap())));
        assert_eq!(parse_plan_date("9/2025"), Ok(PlanDate::MonthYear { month: 9, year: 2025 }));
        assert_eq!(parse_plan_date("2025"), Ok(PlanDate::Year(2025)));
        assert_eq!(parse_plan_date("30/02/2025"), Err(Msg::ImpossibleDate("30/02/2025".into())));
        assert_eq!(parse_plan_date("13/2025"), Err(Msg::BadMonth("13/2025".into())));
        assert_eq!(parse_plan_date("hôm nay"), Err(Msg::BadDate("hôm nay".into())));
    }

    #[test]
    fn targets() {
        assert_eq!(parse_target("≥ 65"), Some(("≥".into(), 65.0)));
        assert_eq!(parse_target(">= 65"), Some(("≥".into(), 65.0)));
        assert_eq!(parse_target("Tối thiểu 80"), Some(("Tối thiểu".into(), 80.0)));
        assert_eq!(parse_target("100"), Some((String::new(), 100.0)));
        assert_eq!(parse_target("56,2%"), Some((String::new(), 56.2)));
        assert_eq!(parse_target("nhiều"), None);
    }
}
