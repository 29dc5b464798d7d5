//! A plan's tasks as an iCalendar file (RFC 5545): one all-day VEVENT per task that has a day,
//! on its due day, or repeating by an RRULE to the end of the plan's year.
//!
//! VEVENT rather than VTODO: Google Calendar and Outlook import only events (they drop
//! VTODOs without a word), and those are what a commune office uses; Thunderbird and
//! Apple Calendar take events as well. Same input, same bytes: DTSTAMP is the plan's date at
//! 00:00Z, UIDs come from the plan and the task (`Task::uid`), properties print in a fixed order.

use super::{recurrence_text, summary, Due, Task, Tasks};
use crate::plan::deadline::Unit;
use icalendar::{Calendar, Component, EventLike, Property};

/// How many characters of a task's text go into the SUMMARY; the DESCRIPTION has it whole.
const SUMMARY_CHARS: usize = 90;

/// The iCalendar bytes for `tasks`; `name` is the calendar's display name.
pub fn bytes(tasks: &Tasks, name: &str) -> Vec<u8> {
    let mut cal = Calendar::empty();
    for (k, v) in [("VERSION", "2.0"), ("PRODID", "-//kehoach//Lich nhiem vu//VI"), ("CALSCALE", "GREGORIAN"), ("METHOD", "PUBLISH")] {
        cal.append_property(Property::new(k, v));
    }
    cal.name(name);
    cal.description(&format!("{}: {}", tasks.plan.reference, tasks.plan.title));
    let stamp = format!("{}T000000Z", tasks.plan.date.earliest().format("%Y%m%d"));
    for t in &tasks.tasks {
        let (first, rule) = match &t.due {
            Due::On(d) => (*d, None),
            Due::Every { every, from, until } => {
                let freq = match every.unit {
                    Unit::Day => "DAILY",
                    Unit::Week => "WEEKLY",
                    Unit::Month => "MONTHLY",
                    Unit::Year => "YEARLY",
                };
                let interval = if every.count > 1 { format!(";INTERVAL={}", every.count) } else { String::new() };
                (*from, Some(format!("FREQ={freq}{interval};UNTIL={}", until.format("%Y%m%d"))))
            }
            Due::Undated => continue,
        };
        let mut e = icalendar::Event::new();
        e.uid(&t.uid)
            .add_property("DTSTAMP", &stamp)
            .summary(&summary(t, SUMMARY_CHARS))
            .description(&description(tasks, t))
            .starts(first)
            .ends(first.succ_opt().unwrap_or(first))
            // A deadline does not make anyone busy that day.
            .add_property("TRANSP", "TRANSPARENT");
        if let Some(r) = rule {
            e.add_property("RRULE", &r);
        }
        cal.push(e.done());
    }
    cal.to_string().into_bytes()
}

/// The calendar's display name: the plan's reference, and the lead agency when filtered.
pub fn name(tasks: &Tasks, lead: Option<&str>) -> String {
    match lead {
        Some(l) => format!("{} (chủ trì: {})", tasks.plan.reference, l.trim()),
        None => tasks.plan.reference.clone(),
    }
}

/// Everything the clerk needs without the document at hand.
fn description(tasks: &Tasks, t: &Task) -> String {
    let mut lines = Vec::new();
    if let Some(title) = &t.title {
        lines.push(title.clone());
    }
    if !t.content.is_empty() {
        lines.push(t.content.clone());
    }
    if let Some(a) = &t.assignment {
        lines.push(format!("Phân công: {a}"));
    }
    lines.push(String::new());
    for (label, v) in [("Chủ trì", &t.lead), ("Phối hợp", &t.coordinating), ("Thời gian", &t.deadline), ("Sản phẩm", &t.product), ("Ghi chú", &t.note)]
    {
        if let Some(v) = v {
            lines.push(format!("{label}: {v}"));
        }
    }
    if let Some(r) = recurrence_text(&t.due) {
        lines.push(format!("Lặp lại: {r}"));
    }
    lines.push(format!("Vị trí: {}", t.place));
    lines.push(format!("{}: {}", tasks.plan.reference, tasks.plan.title));
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::deadline::Every;
    use crate::plan::validate::PlanDate;
    use chrono::NaiveDate;

    fn tasks(due: Vec<Due>) -> Tasks {
        let base = |i: usize, due: Due| Task {
            path: format!("noi_dung[0].nhiem_vu[{i}]"),
            place: format!("Mục I, nhiệm vụ {}", i + 1),
            id: None,
            group: None,
            title: None,
            content: format!("Việc thứ {}; có dấu, phẩy\n- và một ý", i + 1),
            assignment: None,
            lead: Some("Bộ phận TN&TKQ".into()),
            coordinating: None,
            deadline: Some("Trước ngày 28/3/2025".into()),
            kind: super::super::DeadlineKind::Date,
            due,
            product: None,
            note: None,
            uid: format!("nv-{i}@x.kehoach"),
        };
        Tasks {
            plan: super::super::PlanInfo {
                reference: "Kế hoạch số 05/KH-UBND ngày 05/3/2025 của Ủy ban nhân dân xã A".into(),
                title: "Thử".into(),
                date: PlanDate::Full(NaiveDate::from_ymd_opt(2025, 3, 5).unwrap()),
                key: "x".into(),
            },
            tasks: due.into_iter().enumerate().map(|(i, d)| base(i, d)).collect(),
        }
    }

    #[test]
    fn events_dates_rules_and_escapes() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        let t = tasks(vec![
            Due::On(d(3, 27)),
            Due::Undated,
            Due::Every { every: Every { unit: Unit::Month, count: 6 }, from: d(3, 5), until: d(12, 31) },
            Due::On(d(12, 31)),
        ]);
        let s = String::from_utf8(bytes(&t, "Lịch")).unwrap();
        // Unfold (RFC 5545 3.1) before looking at whole lines.
        let s = s.replace("\r\n ", "");
        assert_eq!(s.matches("BEGIN:VEVENT").count(), 3, "the undated task has no event");
        assert!(s.contains("\r\nDTEND;VALUE=DATE:20250328\r\nDTSTAMP:20250305T000000Z\r\nDTSTART;VALUE=DATE:20250327\r\n"), "{s}");
        assert!(s.contains("RRULE:FREQ=MONTHLY;INTERVAL=6;UNTIL=20251231\r\n"), "{s}");
        assert!(s.contains("DTEND;VALUE=DATE:20260101"), "the last day of the year ends on the next: {s}");
        assert!(s.contains("DTSTAMP:20250305T000000Z\r\n"));
        assert!(s.contains("SUMMARY:Việc thứ 1\\; có dấu\\, phẩy\r\n"), "{s}");
        assert!(s.contains("\\n- và một ý\\n"), "{s}");
        assert!(!s.contains("nv-1@"), "{s}");
        let raw = String::from_utf8(bytes(&t, "Lịch")).unwrap();
        assert!(raw.split("\r\n").all(|l| l.len() <= 75), "folded at 75 octets");
    }
}
