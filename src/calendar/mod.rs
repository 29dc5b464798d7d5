//! The tasks of a valid plan as data for the follow-up after signing: each task with its
//! place in the document as printed, its agencies, its deadline as printed, and what that
//! deadline means on a calendar (one due day, a recurrence, or no date and why).
//!
//! Pure data: `ics` turns it into an iCalendar file, `register` into the task register.
//! The mapping from a deadline to a due day is documented in `docs/lich.md`; a deadline
//! that gives no day (Thường xuyên, a period counted from an event, free text) has none
//! here, never an invented one.

pub mod ics;
pub mod register;

use crate::diag::Lang;
use crate::plan::deadline::{self, Bound, Every, Kind, Unit};
use crate::plan::model::{Block, Content, Plan, TaskEntry};
use crate::plan::place;
use crate::plan::validate::{PlanDate, ValidPlan};
use crate::text::{inline, vn};
use chrono::{Datelike, NaiveDate};
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// The plan the tasks come from, as the follow-up names it.
#[derive(Debug, Clone)]
pub struct PlanInfo {
    /// "Kế hoạch số 198/KH-UBND ngày 24/02/2024 của Ủy ban nhân dân xã Mỹ Hòa Hưng".
    pub reference: String,
    /// The trích yếu.
    pub title: String,
    pub date: PlanDate,
    /// The plan's part of every UID (see `plan_key`).
    pub key: String,
}

/// One task as the register lists it and the calendar dates it.
#[derive(Debug, Clone)]
pub struct Task {
    /// Field path in the plan (`phu_luc[0].noi_dung[1].nhiem_vu[0].nhiem_vu[2]`).
    pub path: String,
    /// Where it is printed: "Phụ lục, 2, nhóm I, nhiệm vụ 3".
    pub place: String,
    pub id: Option<String>,
    /// The title of the task's group (nhóm), if any.
    pub group: Option<String>,
    /// The short title (`ten`), if any.
    pub title: Option<String>,
    /// Content as plain text: paragraphs and "- " / "+ " points, one per line.
    pub content: String,
    pub assignment: Option<String>,
    pub lead: Option<String>,
    pub coordinating: Option<String>,
    /// The deadline as printed.
    pub deadline: Option<String>,
    pub kind: DeadlineKind,
    pub due: Due,
    pub product: Option<String>,
    pub note: Option<String>,
    /// Stable across runs: see `docs/lich.md` (UID).
    pub uid: String,
}

/// The kind of deadline, as the register names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// No `thoi_gian` written.
    None,
    Date,
    Month,
    Quarter,
    Year,
    /// Recurring with an interval ("Hàng tuần", "Định kỳ 06 tháng/01 lần", "02 lần/năm").
    Periodic,
    /// Recurring without a dated interval: "Thường xuyên", "Liên tục", "Hàng ngày", "Định kỳ/đợt xuất".
    Continuous,
    /// Counted from an event: "Trong thời gian 10 ngày kể từ ngày tiếp nhận".
    Period,
    Free,
}

impl DeadlineKind {
    /// The code in the JSON register.
    pub fn code(self) -> &'static str {
        match self {
            DeadlineKind::None => "khong",
            DeadlineKind::Date => "ngay",
            DeadlineKind::Month => "thang",
            DeadlineKind::Quarter => "quy",
            DeadlineKind::Year => "nam",
            DeadlineKind::Periodic => "dinh_ky",
            DeadlineKind::Continuous => "thuong_xuyen",
            DeadlineKind::Period => "khoang_thoi_gian",
            DeadlineKind::Free => "tu_do",
        }
    }

    /// The register's word for it.
    pub fn label(self) -> &'static str {
        match self {
            DeadlineKind::None => "",
            DeadlineKind::Date => "ngày",
            DeadlineKind::Month => "tháng",
            DeadlineKind::Quarter => "quý",
            DeadlineKind::Year => "năm",
            DeadlineKind::Periodic => "định kỳ",
            DeadlineKind::Continuous => "thường xuyên",
            DeadlineKind::Period => "khoảng thời gian",
            DeadlineKind::Free => "ghi bằng lời",
        }
    }
}

/// What the deadline means on a calendar.
#[derive(Debug, Clone, PartialEq)]
pub enum Due {
    /// Done by the end of this day.
    On(NaiveDate),
    /// Every interval, from the plan's date to the end of the plan's year.
    Every { every: Every, from: NaiveDate, until: NaiveDate },
    /// No day can be given.
    Undated,
}

impl Due {
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Due::On(d) => Some(*d),
            _ => None,
        }
    }
}

/// A plan's tasks, in document order.
#[derive(Debug, Clone)]
pub struct Tasks {
    pub plan: PlanInfo,
    pub tasks: Vec<Task>,
}

impl Tasks {
    /// Every task of a valid plan: the body first, then each appendix.
    pub fn of(v: &ValidPlan) -> Tasks {
        let p = &v.plan;
        let labels: Vec<(String, String)> = p.phu_luc.iter().enumerate().map(|(i, a)| (a.id.clone(), place::appendix_label(p.phu_luc.len(), i))).collect();
        let mut walker = Walker { plan: p, date: v.date, labels, keys: HashSet::new(), plan_key: plan_key(v), out: Vec::new() };
        walker.blocks("noi_dung", &p.noi_dung);
        for (i, a) in p.phu_luc.iter().enumerate() {
            walker.blocks(&format!("phu_luc[{i}].noi_dung"), &a.noi_dung);
        }
        let tasks = walker.out;
        Tasks { plan: PlanInfo { reference: reference(v), title: p.trich_yeu.trim().to_string(), date: v.date, key: walker.plan_key }, tasks }
    }

    /// The distinct lead agencies, as written, in document order.
    pub fn leads(&self) -> Vec<String> {
        let mut seen = HashSet::new();
        self.tasks.iter().filter_map(|t| t.lead.clone()).filter(|l| seen.insert(normalise(l))).collect()
    }

    /// Only the tasks led by `wanted` (see `lead_matches`).
    pub fn led_by(&self, wanted: &str) -> Tasks {
        Tasks { plan: self.plan.clone(), tasks: self.tasks.iter().filter(|t| t.lead.as_deref().is_some_and(|l| lead_matches(l, wanted))).cloned().collect() }
    }

    /// The lead agency `wanted` names, as the plan writes it (the whole field or the listed part).
    pub fn lead_as_written(&self, wanted: &str) -> Option<String> {
        let w = normalise(wanted);
        self.tasks
            .iter()
            .filter_map(|t| t.lead.as_deref())
            .find_map(|l| std::iter::once(l).chain(l.split([',', ';'])).find(|part| normalise(part) == w).map(|part| part.trim().to_string()))
    }

    /// The tasks that have no day on a calendar.
    pub fn undated(&self) -> impl Iterator<Item = &Task> {
        self.tasks.iter().filter(|t| t.due == Due::Undated)
    }
}

/// Case, spacing and Unicode form folded away, so that "bộ phận  TN&TKQ" is "Bộ phận TN&TKQ".
pub fn normalise(s: &str) -> String {
    s.nfc().collect::<String>().to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a task's `chu_tri` names `wanted`: the whole field, or one of the agencies it
/// lists with "," or ";" (a name holding a comma still matches whole).
pub fn lead_matches(lead: &str, wanted: &str) -> bool {
    let w = normalise(wanted);
    normalise(lead) == w || lead.split([',', ';']).any(|part| normalise(part) == w)
}

/// The plan's part of a UID: the issuer, the year, the document type and a hash of the trích
/// yếu. Not the number: a draft that gets its number at signing keeps its tasks' UIDs.
fn plan_key(v: &ValidPlan) -> String {
    let agency = crate::batch::output::safe_name(&running_name(&v.plan));
    format!("{agency}-{}-{}-{}", v.date.year(), crate::batch::output::safe_name(v.doc_type.abbr), &hash_hex(&normalise(&v.plan.trich_yeu))[..8])
}

fn running_name(p: &Plan) -> String {
    p.co_quan.ten_day_du.clone().unwrap_or_else(|| vn::agency_running_name(&p.co_quan.ten.0))
}

/// "Kế hoạch số 198/KH-UBND ngày 24/02/2024 của Ủy ban nhân dân xã Mỹ Hòa Hưng"; a draft has no number.
fn reference(v: &ValidPlan) -> String {
    let p = &v.plan;
    let number = match v.number {
        Some(n) => format!(" số {n:02}/{}-{}", v.doc_type.abbr, p.co_quan.viet_tat.trim()),
        None => " (dự thảo)".to_string(),
    };
    let date = match v.date {
        PlanDate::Full(d) => format!("ngày {}", vn::date_short(d)),
        PlanDate::MonthYear { .. } => format!("tháng {}", v.date.short()),
        PlanDate::Year(y) => format!("năm {y}"),
    };
    format!("{}{number} {date} của {}", v.doc_type.name, running_name(p))
}

/// FNV-1a, 64 bits: stable across Rust releases and platforms (std's hasher is not).
fn hash_hex(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The deadline's kind and calendar meaning; `start` is the plan's earliest day, `until`
/// the end of its year.
pub fn due_of(text: Option<&str>, start: NaiveDate, until: NaiveDate) -> (DeadlineKind, Due, Option<String>) {
    let Some(text) = text else { return (DeadlineKind::None, Due::Undated, None) };
    let Ok(d) = deadline::parse(text) else {
        // Validation refused it already; a valid plan does not get here.
        return (DeadlineKind::Free, Due::Undated, Some(text.trim().to_string()));
    };
    let kind = match (&d.kind, d.every) {
        (Kind::Date(_), _) => DeadlineKind::Date,
        (Kind::Month { .. }, _) => DeadlineKind::Month,
        (Kind::Quarter { .. }, _) => DeadlineKind::Quarter,
        (Kind::Year(_), _) => DeadlineKind::Year,
        // A daily duty is a standing one, not a deadline: a year of daily events would bury the rest.
        (Kind::Recurring, Some(Every { unit: Unit::Day, .. }) | None) => DeadlineKind::Continuous,
        (Kind::Recurring, Some(_)) => DeadlineKind::Periodic,
        (Kind::Period, _) => DeadlineKind::Period,
        (Kind::Free, _) => DeadlineKind::Free,
    };
    let due = match (kind, d.every) {
        (DeadlineKind::Periodic, Some(every)) => Due::Every { every, from: start, until },
        (DeadlineKind::Date | DeadlineKind::Month | DeadlineKind::Quarter | DeadlineKind::Year, _) if d.bound != Bound::From => {
            d.latest().map_or(Due::Undated, Due::On)
        }
        _ => Due::Undated,
    };
    (kind, due, Some(d.text))
}

/// A recurrence in words: "hàng tuần", "6 tháng một lần".
pub fn every_text(e: Every) -> String {
    match (e.unit, e.count) {
        (Unit::Day, 1) => "hàng ngày".into(),
        (Unit::Week, 1) => "hàng tuần".into(),
        (Unit::Month, 1) => "hàng tháng".into(),
        (Unit::Month, 3) => "hàng quý".into(),
        (Unit::Year, 1) => "hàng năm".into(),
        (Unit::Day, n) => format!("{n} ngày một lần"),
        (Unit::Week, n) => format!("{n} tuần một lần"),
        (Unit::Month, n) => format!("{n} tháng một lần"),
        (Unit::Year, n) => format!("{n} năm một lần"),
    }
}

/// The recurrence as the register prints it: "hàng tuần, từ 24/02/2024 đến 31/12/2024".
pub fn recurrence_text(due: &Due) -> Option<String> {
    match due {
        Due::Every { every, from, until } => Some(format!("{}, từ {} đến {}", every_text(*every), vn::date_short(*from), vn::date_short(*until))),
        _ => None,
    }
}

/// The first line of a task, shortened to `max` characters at a word: a calendar's summary.
pub fn summary(t: &Task, max: usize) -> String {
    let first = t.title.as_deref().unwrap_or_else(|| t.content.lines().next().unwrap_or(""));
    let first = first.trim().trim_start_matches(['-', '+']).trim().trim_end_matches(':').trim();
    if first.chars().count() <= max {
        return first.to_string();
    }
    let cut: String = first.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

struct Walker<'a> {
    plan: &'a Plan,
    date: PlanDate,
    labels: Vec<(String, String)>,
    keys: HashSet<String>,
    plan_key: String,
    out: Vec<Task>,
}

impl Walker<'_> {
    fn blocks(&mut self, path: &str, list: &[Block]) {
        for (i, b) in list.iter().enumerate() {
            let Block::Map(m) = b else { continue };
            let p = format!("{path}[{i}]");
            if let Some(children) = &m.noi_dung {
                self.blocks(&format!("{p}.noi_dung"), children);
            }
            for (j, t) in m.nhiem_vu.iter().flatten().enumerate() {
                let tp = format!("{p}.nhiem_vu[{j}]");
                match &t.nhom {
                    Some(g) => {
                        for (k, sub) in t.nhiem_vu.iter().flatten().enumerate() {
                            self.task(format!("{tp}.nhiem_vu[{k}]"), Some(self.plain(g)), sub);
                        }
                    }
                    None => self.task(tp, None, t),
                }
            }
        }
    }

    fn task(&mut self, path: String, group: Option<String>, t: &TaskEntry) {
        let start = self.date.earliest();
        let until = NaiveDate::from_ymd_opt(start.year(), 12, 31).unwrap_or(start);
        let (kind, due, deadline) = due_of(t.thoi_gian.as_deref(), start, until);
        let content = t.noi_dung.as_ref().map(|c| self.content(c)).unwrap_or_default();
        let title = t.ten.as_deref().map(|s| self.plain(s));
        // The task's part of the UID: its id, or a hash of its words (see docs/lich.md).
        let wanted = match &t.id {
            Some(id) => format!("id-{}", crate::batch::output::safe_name(id)),
            None => format!("nv-{}", hash_hex(&normalise(&format!("{}\n{content}", title.as_deref().unwrap_or(""))))),
        };
        let mut key = wanted.clone();
        let mut n = 1;
        while !self.keys.insert(key.clone()) {
            n += 1;
            key = format!("{wanted}-{n}");
        }
        self.out.push(Task {
            place: place::describe(self.plan, &path, Lang::Vi).unwrap_or_default(),
            path,
            id: t.id.clone(),
            group,
            title,
            content,
            assignment: t.phan_cong.as_ref().map(|c| self.content(c)),
            lead: t.chu_tri.as_deref().map(|s| self.plain(s)),
            coordinating: t.phoi_hop.as_deref().map(|s| self.plain(s)),
            deadline,
            kind,
            due,
            product: t.san_pham.as_ref().map(|c| self.content(c)),
            note: t.ghi_chu.as_ref().map(|c| self.content(c)),
            uid: format!("{key}@{}.kehoach", self.plan_key),
        });
    }

    /// Text without its marks, appendix references as printed.
    fn plain(&self, s: &str) -> String {
        let resolved = inline::resolve_refs(s, |k| self.labels.iter().find(|(id, _)| id == k).map(|(_, l)| l.clone()));
        inline::plain_text(&inline::parse(&resolved)).trim().to_string()
    }

    /// Paragraphs and points, one per line, with the markers the table prints.
    fn content(&self, c: &Content) -> String {
        let lines: Vec<String> =
            c.0.iter()
                .filter_map(|b| match b {
                    Block::Paragraph(s) => Some(self.plain(s)),
                    Block::Map(m) => match (&m.gach, &m.cong) {
                        (Some(s), _) => Some(format!("- {}", self.plain(s))),
                        (_, Some(s)) => Some(format!("+ {}", self.plain(s))),
                        _ => None,
                    },
                })
                .collect();
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn every_kind_maps_to_a_day_a_rule_or_nothing() {
        let (start, until) = (d(2024, 2, 24), d(2024, 12, 31));
        let due = |s: &str| due_of(Some(s), start, until);
        assert_eq!(due("05/02/2024").1, Due::On(d(2024, 2, 5)));
        assert_eq!(due("Trước ngày 28/3/2025").1, Due::On(d(2025, 3, 27)));
        assert_eq!(due("Tháng 4/2024").1, Due::On(d(2024, 4, 30)));
        assert_eq!(due("Tháng 02 năm 2024").1, Due::On(d(2024, 2, 29)));
        assert_eq!(due("Quý I năm 2024").1, Due::On(d(2024, 3, 31)));
        assert_eq!(due("Năm 2024").1, Due::On(d(2024, 12, 31)));
        let weekly = Every { unit: Unit::Week, count: 1 };
        assert_eq!(due("Hàng tuần"), (DeadlineKind::Periodic, Due::Every { every: weekly, from: start, until }, Some("Hàng tuần".into())));
        let half = Every { unit: Unit::Month, count: 6 };
        assert_eq!(due("Định kỳ 06 tháng/01 lần").1, Due::Every { every: half, from: start, until });
        assert_eq!(due("02 lần/năm").1, Due::Every { every: half, from: start, until });
        for s in ["Thường xuyên", "Hàng ngày", "Liên tục", "Định kỳ/đợt xuất"] {
            assert_eq!(due(s).0, DeadlineKind::Continuous, "{s}");
            assert_eq!(due(s).1, Due::Undated, "{s}");
        }
        assert_eq!(due("Trong thời gian 10 ngày kể từ ngày tiếp nhận").0, DeadlineKind::Period);
        assert_eq!(due("Trong thời gian 10 ngày kể từ ngày tiếp nhận").1, Due::Undated);
        assert_eq!(due("Thực hiện xuyên suốt đến 31/12/2025"), (DeadlineKind::Free, Due::Undated, Some("Thực hiện xuyên suốt đến 31/12/2025".into())));
        assert_eq!(due("Từ ngày 01/3/2024"), (DeadlineKind::Date, Due::Undated, Some("Từ ngày 01/3/2024".into())), "a start is no deadline");
        assert_eq!(due_of(None, start, until), (DeadlineKind::None, Due::Undated, None));
    }

    #[test]
    fn leads_match_whole_or_by_part() {
        assert!(lead_matches("Bộ phận TN&TKQ", "bộ phận  tn&tkq"));
        assert!(lead_matches("Công an xã; Đoàn Thanh niên xã", "Đoàn thanh niên xã"));
        assert!(lead_matches("Phòng Văn hóa, Khoa học và Thông tin", "Phòng Văn hóa, Khoa học và Thông tin"));
        assert!(!lead_matches("Phòng Kinh tế", "Phòng"));
        // NFD input (as macOS file systems and some keyboards give it) matches NFC text.
        assert!(lead_matches("Công an xã", &"Công an xã".nfd().collect::<String>()));
    }

    #[test]
    fn summaries_are_short_at_a_word() {
        let t = |content: &str| Task {
            path: String::new(),
            place: String::new(),
            id: None,
            group: None,
            title: None,
            content: content.into(),
            assignment: None,
            lead: None,
            coordinating: None,
            deadline: None,
            kind: DeadlineKind::None,
            due: Due::Undated,
            product: None,
            note: None,
            uid: String::new(),
        };
        assert_eq!(summary(&t("Tăng cường tuyên truyền:\n- Trên Đài."), 80), "Tăng cường tuyên truyền");
        let long = summary(&t("Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền, lập danh sách những quy định cần sửa đổi"), 60);
        assert!(long.chars().count() <= 60 && long.ends_with('…'), "{long}");
        assert!(long.starts_with("Rà soát, đơn giản hóa thủ tục hành chính thuộc thẩm quyền"), "{long}");
    }

    #[test]
    fn hash_is_fixed() {
        // FNV-1a's published test vectors: the UIDs must not change with the toolchain.
        assert_eq!(hash_hex(""), "cbf29ce484222325");
        assert_eq!(hash_hex("a"), "af63dc4c8601ec8c");
    }
}
