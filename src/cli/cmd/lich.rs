//! `kehoach lich`: a plan's dated tasks as an iCalendar file; the undated ones are listed.

use super::*;
use kehoach::calendar::{ics, Tasks};
use kehoach::plan::place;

pub fn lich(a: LichArgs, ui: &Ui) -> ExitCode {
    let lang = ui.lang;
    let valid = match check_one(&a.plan, ui) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let all = Tasks::of(&valid);
    let tasks = match &a.chu_tri {
        None => all,
        Some(wanted) => {
            let only = all.led_by(wanted);
            if only.tasks.is_empty() {
                let found = all.leads().join("; ");
                return ui.usage(
                    format!("--chu-tri `{wanted}`: không có nhiệm vụ nào do cơ quan này chủ trì; các cơ quan chủ trì trong kế hoạch: {found}"),
                    format!("--chu-tri `{wanted}`: no task is led by this agency; the plan's lead agencies: {found}"),
                );
            }
            only
        }
    };
    let lead = a.chu_tri.as_deref().and_then(|w| tasks.lead_as_written(w));
    let bytes = ics::bytes(&tasks, &ics::name(&tasks, lead.as_deref()));
    if tasks.tasks.is_empty() {
        // Tasks written as free tables (`bang`) have no typed deadline to date.
        match lang {
            Lang::Vi => errln!("{}: kế hoạch không có nhiệm vụ nào (nhiem_vu): lịch trống", a.plan.display()),
            Lang::En => errln!("{}: the plan has no tasks (nhiem_vu): the calendar is empty", a.plan.display()),
        }
    }
    let undated: Vec<_> = tasks.undated().collect();
    if !undated.is_empty() {
        match lang {
            Lang::Vi => errln!("{} nhiệm vụ không có hạn cụ thể (không đưa vào lịch):", undated.len()),
            Lang::En => errln!("{} task(s) have no definite due date (left out of the calendar):", undated.len()),
        }
        for t in undated {
            let at = place::describe(&valid.plan, &t.path, lang).unwrap_or_else(|| t.place.clone());
            let when = t.deadline.clone().unwrap_or_else(|| if lang == Lang::Vi { "không ghi thời gian".into() } else { "no deadline written".into() });
            errln!("  {at} — {when}");
        }
    }
    let out = a.out.unwrap_or_else(|| default_out(&a.plan, ".ics"));
    write_one(&out, &bytes, ui)
}
