//! The task calendar (`kehoach lich`, `batch --lich`) and the task register (`kehoach nhiem-vu`),
//! checked on the real binary: every deadline kind of the real plans maps to its due day or
//! rule, the ICS is read back by an independent parser (python's `icalendar`) and imported
//! into a real client (khal), bytes and UIDs are stable, and the XLSX opens in LibreOffice
//! with the same cells as the CSV.

mod util;

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use util::*;

/// The events of an ICS file as python's `icalendar` reads them: uid, start, end, rule, summary, description.
#[derive(Debug, Clone)]
struct Event {
    uid: String,
    start: String,
    end: String,
    rrule: String,
    summary: String,
    description: String,
}

const READ_ICS: &str = r#"
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
out = []
def rule(r):
    # FREQ first, the other parts in name order: the reader's own order is not the file's.
    if not r:
        return ''
    parts = r.to_ical().decode().split(';')
    return ';'.join(sorted(parts, key=lambda p: (not p.startswith('FREQ='), p)))
for e in cal.walk():
    if e.name in ('VTODO', 'VJOURNAL'):
        sys.exit('unexpected ' + e.name)
    if e.name != 'VEVENT':
        continue
    r = e.get('RRULE')
    out.append({'uid': str(e['UID']), 'start': e['DTSTART'].dt.strftime('%Y%m%d'), 'end': e['DTEND'].dt.strftime('%Y%m%d'),
                'rrule': rule(r), 'summary': str(e['SUMMARY']), 'description': str(e['DESCRIPTION'])})
print(json.dumps({'name': str(cal.get('NAME', '')), 'events': out}))
"#;

fn read_ics(path: &Path) -> (String, Vec<Event>) {
    let o = Command::new("python3").arg("-c").arg(READ_ICS).arg(path).output().expect("python3 runs (scripts/test installs python3-icalendar)");
    assert!(o.status.success(), "python icalendar could not read {}: {}", path.display(), String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = |e: &Value, k: &str| e[k].as_str().unwrap().to_string();
    let events = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| Event {
            uid: s(e, "uid"),
            start: s(e, "start"),
            end: s(e, "end"),
            rrule: s(e, "rrule"),
            summary: s(e, "summary"),
            description: s(e, "description"),
        })
        .collect();
    (s(&v, "name"), events)
}

fn lich(plan: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["lich", plan.to_str().unwrap(), "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

/// The register as JSON rows.
fn register_json(plan: &Path, dir: &Path) -> Vec<Value> {
    let out = dir.join("nv.json");
    let o = run(&["nhiem-vu", plan.to_str().unwrap(), "--format", "json", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice::<Value>(&std::fs::read(&out).unwrap()).unwrap().as_array().unwrap().clone()
}

/// What a printed deadline must become: a day (DTSTART), a day and a rule, or nothing.
fn expected(text: &str, plan_start: &str) -> Option<(String, String)> {
    let day = |d: &str| Some((d.to_string(), String::new()));
    let rule = |r: &str| Some((plan_start.to_string(), format!("{r};UNTIL={}1231", &plan_start[..4])));
    match text {
        // Dates as they are; "Trước" the day before.
        "05/02/2024" => day("20240205"),
        "Trước 28/02/2024" => day("20240227"),
        "Trước 30/3/2024" | "Trước ngày 30/3/2024" => day("20240329"),
        "Trước ngày 05/9/2024" => day("20240904"),
        "Trước ngày 30 tháng 4 năm 2024" => day("20240429"),
        "Trước ngày 28/3/2025" => day("20250327"),
        "Hoàn thành trước 30/10/2025" => day("20251029"),
        "Trước ngày 31/3/2026" => day("20260330"),
        "Trước ngày 30/6/2026" => day("20260629"),
        "Trước ngày 15/12/2026" => day("20261214"),
        // A month (both spellings), a quarter, a year: their last day.
        "Tháng 01 năm 2024" => day("20240131"),
        "Tháng 02 năm 2024" => day("20240229"),
        "Tháng 4 năm 2024" | "Tháng 4/2024" => day("20240430"),
        "Tháng 4/2026" => day("20260430"),
        "Quý I năm 2024" => day("20240331"),
        "Quý I năm 2026" => day("20260331"),
        "Quý II năm 2026" => day("20260630"),
        "Năm 2024" => day("20241231"),
        "Năm 2025" => day("20251231"),
        "Năm 2026" => day("20261231"),
        // Recurring with an interval: from the plan's date to the end of its year.
        "Hàng tuần" => rule("FREQ=WEEKLY"),
        "Hàng tháng" => rule("FREQ=MONTHLY"),
        "Định kỳ 06 tháng/01 lần" | "02 lần/năm" => rule("FREQ=MONTHLY;INTERVAL=6"),
        // No day: standing duties, a period from an event, free text.
        "Thường xuyên"
        | "Thường xuyên (Trước 01 ngày của hồ sơ đến hạn trả kết quả)."
        | "Định kỳ/đợt xuất"
        | "Trong thời gian 10 ngày kể từ ngày tiếp nhận"
        | "Ngay sau khi có kết quả xử lý phản ánh, kiến nghị"
        | "Ngay sau khi có quyết định công bố danh mục TTHC của Chủ tịch UBND tỉnh"
        | "Tham dự Hội nghị, Hội thảo, tọa đàm, ..."
        | "Triển khai ngay từ 22/9/2025, phấn đấu đạt ≥ 40% vào 15/12/2025"
        | "Thực hiện xuyên suốt đến 31/12/2025" => None,
        other => panic!("a deadline this test does not know: `{other}` (add what it must map to)"),
    }
}

/// Checks the register's rows against the calendar's events: a dated task is an event with
/// its day and rule (ending the next day), an undated one has none. Returns the places of the undated.
fn check_events(events: &[Event], rows: &[&Value], plan_start: &str) -> Vec<(String, Option<String>)> {
    let by_uid: BTreeMap<&str, &Event> = events.iter().map(|e| (e.uid.as_str(), e)).collect();
    assert_eq!(by_uid.len(), events.len(), "UIDs are unique");
    let mut undated = Vec::new();
    for r in rows {
        let uid = r["uid"].as_str().unwrap();
        let place = r["vi_tri"].as_str().unwrap();
        let text = r["thoi_gian"].as_str();
        match text.and_then(|t| expected(t, plan_start)) {
            Some((start, rule)) => {
                let e = by_uid.get(uid).unwrap_or_else(|| panic!("{place} ({text:?}) has no event"));
                assert_eq!((e.start.as_str(), e.rrule.as_str()), (start.as_str(), rule.as_str()), "{place}: {text:?}");
                let next = chrono::NaiveDate::parse_from_str(&start, "%Y%m%d").unwrap().succ_opt().unwrap().format("%Y%m%d").to_string();
                assert_eq!(e.end, next, "an all-day event ends the next day (DTEND is exclusive)");
                assert!(e.description.contains(&format!("Vị trí: {place}")), "{}", e.description);
                if rule.is_empty() {
                    assert_eq!(r["han"].as_str().unwrap().replace('-', ""), start, "register and calendar agree: {place}");
                } else {
                    assert!(r["han"].is_null() && r["lap_lai"].is_object(), "{r}");
                }
            }
            None => {
                assert!(!by_uid.contains_key(uid), "{place} ({text:?}) must not be dated");
                assert!(r["han"].is_null(), "{r}");
                undated.push((place.to_string(), text.map(String::from)));
            }
        }
    }
    assert_eq!(events.len(), rows.len() - undated.len(), "one event per dated task, nothing more");
    undated
}

/// `check_events` on a plan's own calendar and register; the undated tasks must be listed on
/// stderr. Returns the number of events.
fn check_plan(plan: &Path, plan_start: &str, dir: &Path) -> usize {
    let ics = dir.join("lich.ics");
    let o = lich(plan, &ics, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report = stderr(&o);
    let (_, events) = read_ics(&ics);
    let rows = register_json(plan, dir);
    let undated = check_events(&events, &rows.iter().collect::<Vec<_>>(), plan_start);
    for (place, text) in &undated {
        let when = text.as_deref().unwrap_or("không ghi thời gian");
        assert!(report.contains(&format!("  {place} — {when}\n")), "the report lists {place}: {report}");
    }
    if !undated.is_empty() {
        assert!(report.contains(&format!("{} nhiệm vụ không có hạn cụ thể (không đưa vào lịch):", undated.len())), "{report}");
    }
    events.len()
}

#[test]
fn every_deadline_kind_of_the_real_plans_maps_to_its_day_or_rule() {
    let dir = tempfile::tempdir().unwrap();
    let plans = root().join("plans");
    // Mỹ Hòa Hưng alone has dates, "Trước", months in two spellings, a quarter, a year, the
    // three recurrences, Thường xuyên, a period and free text.
    assert_eq!(check_plan(&plans.join("my-hoa-hung-2024.yaml"), "20240224", dir.path()), 18);
    assert_eq!(check_plan(&plans.join("gio-son-2025.yaml"), "20250217", dir.path()), 5);
    // A plan dated 9/2025: periods would start on its earliest day; its tasks are a date and free text.
    assert_eq!(check_plan(&plans.join("dien-khanh-2025.yaml"), "20250901", dir.path()), 1);
    // Tasks written as free tables have no typed deadline: an empty calendar, said so.
    for p in ["bo-y-2025", "dong-phu-2026"] {
        let ics = dir.path().join(format!("{p}.ics"));
        let o = lich(&plans.join(format!("{p}.yaml")), &ics, &[]);
        assert!(o.status.success() && stderr(&o).contains("kế hoạch không có nhiệm vụ nào"), "{}", stderr(&o));
        assert!(read_ics(&ics).1.is_empty());
    }
}

#[test]
fn a_batch_row_maps_too_and_batch_lich_writes_the_ics_beside_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let data = std::fs::read_to_string(root().join("plans/batch/xa.csv")).unwrap();
    let two: Vec<&str> = data.lines().take(3).collect();
    let csv = write_plan(dir.path(), "xa.csv", &(two.join("\n") + "\n"));
    let out = dir.path().join("out");
    let plan = root().join("plans/batch/ke-hoach.yaml");
    let o = run(&["batch", plan.to_str().unwrap(), "--data", csv.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "docx", "--lich", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut files: Vec<String> = std::fs::read_dir(&out).unwrap().flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect();
    files.sort();
    assert_eq!(files, ["xa-bo-y-quang-ngai.docx", "xa-bo-y-quang-ngai.ics", "xa-dak-to-quang-ngai.docx", "xa-dak-to-quang-ngai.ics"]);
    let (name, events) = read_ics(&out.join("xa-bo-y-quang-ngai.ics"));
    assert!(name.contains("của Ủy ban nhân dân xã Bờ Y"), "{name}");
    // Row 1 is dated 7/3/2026: the monthly and six-monthly tasks start there.
    let monthly: Vec<&Event> = events.iter().filter(|e| e.rrule == "FREQ=MONTHLY;UNTIL=20261231").collect();
    assert!(!monthly.is_empty() && monthly.iter().all(|e| e.start == "20260307"), "{events:?}");
    // Without --lich, no calendar.
    let out2 = dir.path().join("out2");
    let o = run(&["batch", plan.to_str().unwrap(), "--data", csv.to_str().unwrap(), "--out", out2.to_str().unwrap(), "--format", "docx", "--quiet"]);
    assert!(o.status.success());
    assert!(std::fs::read_dir(&out2).unwrap().flatten().all(|e| !e.file_name().to_string_lossy().ends_with(".ics")));
    // Every kind of the shared plan, through row 1's data: the batch's calendar and the batch's register agree.
    let json = dir.path().join("nv.json");
    let o = run(&["nhiem-vu", plan.to_str().unwrap(), "--data", csv.to_str().unwrap(), "--format", "json", "--out", json.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let bo_y: Vec<&Value> = rows.as_array().unwrap().iter().filter(|r| r["don_vi"] == "Xã Bờ Y - Quảng Ngãi").collect();
    assert!(bo_y.len() > 20);
    let undated = check_events(&events, &bo_y, "20260307");
    assert!(!undated.is_empty() && undated.len() < bo_y.len());
}

#[test]
fn partial_dates_and_the_remaining_spellings() {
    let dir = tempfile::tempdir().unwrap();
    let tasks = [
        ("Hàng quý", Some(("20250101", "FREQ=MONTHLY;INTERVAL=3;UNTIL=20251231"))),
        ("hằng tuần", Some(("20250101", "FREQ=WEEKLY;UNTIL=20251231"))),
        ("01 lần/tháng", Some(("20250101", "FREQ=MONTHLY;UNTIL=20251231"))),
        ("Hàng năm", Some(("20250101", "FREQ=YEARLY;UNTIL=20251231"))),
        ("Chậm nhất ngày 15/4/2025", Some(("20250415", ""))),
        ("Đến ngày 30/6/2025", Some(("20250630", ""))),
        ("Hoàn thành trước ngày 01/3/2025", Some(("20250228", ""))),
        ("Trong quý II năm 2025", Some(("20250630", ""))),
        ("Từ ngày 01/3/2025", None),
        ("Hàng ngày", None),
        ("Liên tục", None),
    ];
    let list: String = tasks
        .iter()
        .enumerate()
        .map(|(i, (t, _))| format!("          - noi_dung: Việc {i}\n            chu_tri: Bộ phận A\n            thoi_gian: {t}\n"))
        .collect();
    // A draft dated only by its year: rules start on 1 January.
    let yaml = MINIMAL.replace("ngay: 05/3/2025", "ngay: 2025").replace("so: 5\n", "").replace("      - Nội dung.\n", &format!("      - nhiem_vu:\n{list}"));
    let plan = write_plan(dir.path(), "nhap.yaml", &yaml);
    let ics = dir.path().join("nhap.ics");
    let o = lich(&plan, &ics, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (_, events) = read_ics(&ics);
    for (i, (text, want)) in tasks.iter().enumerate() {
        let e = events.iter().find(|e| e.summary == format!("Việc {i}"));
        match want {
            Some((start, rule)) => {
                let e = e.unwrap_or_else(|| panic!("{text}: no event"));
                assert_eq!((e.start.as_str(), e.rrule.as_str()), (*start, *rule), "{text}");
            }
            None => {
                assert!(e.is_none(), "{text} must not be dated");
                assert!(stderr(&o).contains(&format!("Mục I, nhiệm vụ {} — {text}", i + 1)), "{}", stderr(&o));
            }
        }
    }
}

/// A temporary khal configuration with one calendar folder.
fn khal_config(dir: &Path) -> PathBuf {
    let cal = dir.join("cal");
    std::fs::create_dir_all(&cal).unwrap();
    let cfg = dir.join("khal.conf");
    std::fs::write(
        &cfg,
        format!(
            "[calendars]\n[[lich]]\npath = {}\n[locale]\ntimeformat = %H:%M\ndateformat = %d/%m/%Y\nlongdateformat = %d/%m/%Y\n\
             datetimeformat = %d/%m/%Y %H:%M\nlongdatetimeformat = %d/%m/%Y %H:%M\nlocal_timezone = Asia/Ho_Chi_Minh\n\
             default_timezone = Asia/Ho_Chi_Minh\n[sqlite]\npath = {}\n",
            cal.display(),
            dir.join("khal.db").display()
        ),
    )
    .unwrap();
    cfg
}

fn khal(cfg: &Path, args: &[&str]) -> std::process::Output {
    let o = Command::new("khal").arg("-c").arg(cfg).args(args).output().expect("khal is installed (scripts/test installs it)");
    assert!(o.status.success(), "khal {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    o
}

#[test]
fn a_real_client_imports_it_and_an_updated_calendar_updates_instead_of_duplicating() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/my-hoa-hung-2024.yaml");
    let ics = dir.path().join("mhh.ics");
    assert!(lich(&plan, &ics, &[]).status.success());
    let cfg = khal_config(dir.path());
    let o = khal(&cfg, &["import", "--batch", "-a", "lich", ics.to_str().unwrap()]);
    assert!(o.stderr.is_empty(), "khal imports without a warning: {}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_dir(dir.path().join("cal")).unwrap().count(), 18, "one event per dated task");
    let listed = |cfg: &Path| -> Vec<String> {
        let o = khal(cfg, &["list", "--format", "{start-date}|{uid}|{title}", "--day-format", "", "01/01/2024", "01/01/2025"]);
        String::from_utf8(o.stdout).unwrap().lines().filter(|l| !l.is_empty()).map(String::from).collect()
    };
    let before = listed(&cfg);
    let weekly: Vec<&String> = before.iter().filter(|l| l.contains("Hàng tuần công khai")).collect();
    // Saturdays from 24/02/2024 to 28/12/2024.
    assert_eq!(weekly.len(), 45, "{weekly:?}");
    assert!(weekly.first().unwrap().starts_with("24/02/2024|") && weekly.last().unwrap().starts_with("28/12/2024|"));
    let half: Vec<&String> = before.iter().filter(|l| l.contains("Tổ chức đối thoại")).collect();
    assert_eq!(half.iter().map(|l| &l[..10]).collect::<Vec<_>>(), ["24/02/2024", "24/08/2024"], "02 lần/năm: twice in the year");

    // The plan amended: a deadline moved and a task inserted before the others.
    let text = std::fs::read_to_string(&plan).unwrap();
    let first = "            nhiem_vu:\n              - noi_dung: Kế hoạch Tổ chức";
    assert!(text.contains(first));
    let amended = text.replacen("thoi_gian: Trước 28/02/2024", "thoi_gian: Trước 15/3/2024", 1).replacen(
        first,
        "            nhiem_vu:\n              - noi_dung: Một nhiệm vụ mới\n                chu_tri: UBND xã\n                thoi_gian: Tháng 6/2024\n              - noi_dung: Kế hoạch Tổ chức",
        1,
    );
    assert!(amended.contains("Trước 15/3/2024") && amended.contains("Một nhiệm vụ mới"));
    let p2 = write_plan(dir.path(), "my-hoa-hung-2024.yaml", &amended);
    let ics2 = dir.path().join("mhh2.ics");
    assert!(lich(&p2, &ics2, &[]).status.success());
    khal(&cfg, &["import", "--batch", "-a", "lich", ics2.to_str().unwrap()]);
    let after = listed(&cfg);
    assert_eq!(std::fs::read_dir(dir.path().join("cal")).unwrap().count(), 19, "one new event; the others updated in place");
    assert_eq!(after.len(), before.len() + 1);
    let moved: Vec<&String> = after.iter().filter(|l| l.contains("Kế hoạch kiểm tra việc thực hiện")).collect();
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert!(moved[0].starts_with("14/03/2024|"), "{moved:?}");
}

#[test]
fn the_same_plan_gives_the_same_bytes_and_uids_follow_the_documented_rule() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/my-hoa-hung-2024.yaml");
    let (a, b) = (dir.path().join("a.ics"), dir.path().join("b.ics"));
    assert!(lich(&plan, &a, &[]).status.success() && lich(&plan, &b, &[]).status.success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap(), "same bytes");
    for f in ["xlsx", "csv", "json"] {
        let out = |n: &str| dir.path().join(format!("{n}.{f}"));
        for n in ["r1", "r2"] {
            assert!(run(&["nhiem-vu", plan.to_str().unwrap(), "--format", f, "--out", out(n).to_str().unwrap()]).status.success());
        }
        assert_eq!(std::fs::read(out("r1")).unwrap(), std::fs::read(out("r2")).unwrap(), "same bytes: {f}");
    }

    let uids = |yaml: &str, name: &str| -> Vec<(String, String)> {
        let p = write_plan(dir.path(), name, yaml);
        register_json(&p, dir.path()).iter().map(|r| (r["noi_dung"].as_str().unwrap().to_string(), r["uid"].as_str().unwrap().to_string())).collect()
    };
    let gio_son = std::fs::read_to_string(root().join("plans/gio-son-2025.yaml")).unwrap();
    let base = uids(&gio_son, "g0.yaml");
    assert!(base.iter().all(|(_, u)| u.ends_with(".kehoach") && u.contains('@')), "{base:?}");
    // Signing a draft (number and full date given) keeps every UID: they do not use the number.
    let draft = gio_son.replacen("\nso: ", "\n# so: ", 1).replacen("ngay: 17/02/2025", "ngay: 2/2025", 1);
    assert_ne!(draft, gio_son);
    assert_eq!(uids(&draft, "g1.yaml"), base);
    // A task with an id keeps its UID when reworded; one without gets a new one, and the others keep theirs.
    let first_with_id = &base[0];
    assert!(first_with_id.1.starts_with("id-tuyen-truyen@"), "{first_with_id:?}");
    let reworded = gio_son.replacen("Tăng cường công tác tuyên truyền", "Đẩy mạnh công tác tuyên truyền", 1);
    assert_ne!(reworded, gio_son);
    let after = uids(&reworded, "g2.yaml");
    assert_eq!(after.iter().map(|x| &x.1).collect::<Vec<_>>(), base.iter().map(|x| &x.1).collect::<Vec<_>>());
    let mhh = std::fs::read_to_string(&plan).unwrap();
    let base = uids(&mhh, "m0.yaml");
    let edited = mhh.replacen("Kế hoạch rà soát, đánh giá thủ tục hành chính năm 2024", "Kế hoạch rà soát và đánh giá thủ tục hành chính năm 2024", 1);
    let after = uids(&edited, "m1.yaml");
    let changed: Vec<usize> = (0..base.len()).filter(|&i| base[i].1 != after[i].1).collect();
    assert_eq!(changed.len(), 1, "only the reworded task's UID changes: {changed:?}");
    assert!(after[changed[0]].0.contains("rà soát và đánh giá"));
    // No two tasks of a plan share a UID.
    let all: BTreeSet<String> = base.iter().map(|x| x.1.clone()).collect();
    assert_eq!(all.len(), base.len(), "unique within a plan, identical tasks included");
}

#[test]
fn chu_tri_keeps_one_lead_agency_and_an_unknown_one_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/my-hoa-hung-2024.yaml");
    let ics = dir.path().join("vp.ics");
    // Case, spacing and the Unicode form do not matter.
    let o = lich(&plan, &ics, &["--chu-tri", "văn phòng  HĐND và UBND XÃ"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (name, events) = read_ics(&ics);
    assert!(name.ends_with("(chủ trì: Văn phòng HĐND và UBND xã)"), "the lead as the plan writes it: {name}");
    let rows = register_json(&plan, dir.path());
    let want: Vec<&Value> =
        rows.iter().filter(|r| r["chu_tri"].as_str() == Some("Văn phòng HĐND và UBND xã") && (r["han"].is_string() || r["lap_lai"].is_object())).collect();
    assert!(!want.is_empty());
    assert_eq!(events.len(), want.len());
    assert!(events.iter().all(|e| e.description.contains("Chủ trì: Văn phòng HĐND và UBND xã")));
    // One of several leads listed with ";" or ",", and a name that holds a comma, matched whole.
    let tasks = "      - nhiem_vu:\n          - {noi_dung: A, chu_tri: Công an xã; Đoàn Thanh niên xã, thoi_gian: Tháng 4/2025}\n          \
                 - {noi_dung: B, chu_tri: \"Phòng Văn hóa, Khoa học và Thông tin\", thoi_gian: Tháng 5/2025}\n";
    let several = write_plan(dir.path(), "nhieu.yaml", &MINIMAL.replace("      - Nội dung.\n", tasks));
    for (wanted, summary) in [("đoàn thanh niên xã", "A"), ("Công an xã", "A"), ("Phòng Văn hóa, Khoa học và Thông tin", "B")] {
        let o = lich(&several, &ics, &["--chu-tri", wanted]);
        assert!(o.status.success(), "{wanted}: {}", stderr(&o));
        let (name, events) = read_ics(&ics);
        assert_eq!(events.iter().map(|e| e.summary.as_str()).collect::<Vec<_>>(), [summary], "{wanted}");
        assert!(name.to_lowercase().ends_with(&format!("(chủ trì: {})", wanted.to_lowercase())), "{name}");
    }
    // Nothing matches: exit 2, the leads found listed, nothing written.
    let none = dir.path().join("none.ics");
    let o = lich(&plan, &none, &["--chu-tri", "Phòng Không Có"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("không có nhiệm vụ nào do cơ quan này chủ trì") && e.contains("UBND xã; ") && e.contains("Văn phòng HĐND và UBND xã"), "{e}");
    assert!(!none.exists());
}

#[test]
fn reports_in_english_and_refuses_invalid_plans_like_validate() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/my-hoa-hung-2024.yaml");
    let o = lich(&plan, &dir.path().join("x.ics"), &["--lang", "en"]);
    assert!(o.status.success());
    let e = stderr(&o);
    assert!(e.contains("33 task(s) have no definite due date (left out of the calendar):"), "{e}");
    assert!(e.contains("  Phụ lục, 6, task 3 — Trong thời gian 10 ngày kể từ ngày tiếp nhận\n"), "{e}");

    // An impossible date: the diagnostics `validate` prints, exit 1, no file.
    let bad = write_plan(
        dir.path(),
        "sai.yaml",
        &MINIMAL.replace("      - Nội dung.\n", "      - nhiem_vu:\n          - noi_dung: A\n            thoi_gian: Trước ngày 30/02/2025\n"),
    );
    let validate = run(&["validate", bad.to_str().unwrap()]);
    assert_eq!(validate.status.code(), Some(1));
    for cmd in [vec!["lich"], vec!["nhiem-vu", "--format", "csv"]] {
        let out = dir.path().join("never");
        let mut args = cmd.clone();
        args.extend([bad.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(1), "{cmd:?}");
        assert_eq!(stderr(&o), stderr(&validate), "{cmd:?}: the same diagnostics");
        assert!(!out.exists());
    }
    // A task id is its key in the calendar: two tasks may not share one.
    let twice = write_plan(
        dir.path(),
        "trung.yaml",
        &MINIMAL.replace("      - Nội dung.\n", "      - nhiem_vu:\n          - {id: a, noi_dung: A}\n          - {id: a, noi_dung: B}\n"),
    );
    let o = run(&["lich", twice.to_str().unwrap(), "--out", dir.path().join("t.ics").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nhiem_vu[1].id: mã `a` bị trùng"), "{}", stderr(&o));
    // A missing plan is a usage error.
    assert_eq!(run(&["lich", "/nonexistent.yaml"]).status.code(), Some(2));
}

/// A CSV file's records, a BOM dropped.
fn csv_records(path: &Path) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(&bytes);
    csv::ReaderBuilder::new().has_headers(false).from_reader(bytes).records().map(|r| r.unwrap().iter().map(String::from).collect()).collect()
}

/// The XLSX converted to CSV by LibreOffice (UTF-8, comma, cells as shown).
fn soffice_csv(xlsx: &Path, dir: &Path) -> PathBuf {
    let out = dir.join("soffice");
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let o = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir"])
        .arg(&out)
        .arg(xlsx)
        .output()
        .expect("soffice (LibreOffice Calc) is installed");
    let csv = out.join(xlsx.file_stem().unwrap()).with_extension("csv");
    assert!(o.status.success() && csv.exists(), "LibreOffice could not open {}: {}", xlsx.display(), String::from_utf8_lossy(&o.stderr));
    csv
}

#[test]
fn the_xlsx_register_opens_in_libreoffice_with_the_csv_cells() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["my-hoa-hung-2024", "gio-son-2025"] {
        let plan = root().join(format!("plans/{name}.yaml"));
        let (xlsx, csv) = (dir.path().join(format!("{name}.xlsx")), dir.path().join(format!("{name}.csv")));
        for (f, out) in [("xlsx", &xlsx), ("csv", &csv)] {
            let o = run(&["nhiem-vu", plan.to_str().unwrap(), "--format", f, "--out", out.to_str().unwrap()]);
            assert!(o.status.success(), "{}", stderr(&o));
        }
        let ours = csv_records(&csv);
        assert_eq!(csv_records(&soffice_csv(&xlsx, dir.path())), ours, "{name}");
        assert_eq!(
            ours[0],
            [
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
                "Tiến độ",
                "Kết quả",
                "Ghi chú theo dõi"
            ]
        );
        assert!(ours[1..].iter().all(|r| r[11..].iter().all(String::is_empty)), "follow-up columns are empty");
        // Inside the workbook: a frozen header, bold, wrapped text, dates stored as numbers with a date format.
        let sheet = docx_part(&xlsx, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#), "{}", &sheet[..600]);
        assert!(sheet.contains("<autoFilter ref=\"A1:N"));
        let styles = docx_part(&xlsx, "xl/styles.xml");
        assert!(styles.contains(r#"formatCode="dd/mm/yyyy""#) && styles.contains("<b/>") && styles.contains(r#"wrapText="1""#), "{styles}");
        // Column H holds the due date: a number (no shared string) wherever the CSV has a date.
        let h_cells: Vec<&str> = sheet.split("<c r=\"H").skip(2).map(|c| &c[..c.find("</c>").or_else(|| c.find("/>")).unwrap()]).collect();
        assert_eq!(h_cells.len(), ours.len() - 1);
        for (cell, row) in h_cells.iter().zip(&ours[1..]) {
            let numeric = !cell.contains("t=\"s\"") && cell.contains("<v>");
            assert_eq!(numeric, !row[7].is_empty(), "{cell} for {:?}", row[7]);
        }
    }
}

#[test]
fn one_register_for_a_whole_batch() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/batch/ke-hoach.yaml");
    let data = root().join("plans/batch/xa.csv");
    let out = dir.path().join("all.csv");
    let o = run(&["nhiem-vu", plan.to_str().unwrap(), "--data", data.to_str().unwrap(), "--format", "csv", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = csv_records(&out);
    assert_eq!(rows[0][0], "Xã, phường");
    let communes: BTreeSet<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(communes.len(), 110);
    assert!(communes.contains("Xã Bờ Y - Quảng Ngãi"));
    let per_plan = (rows.len() - 1) / 110;
    assert_eq!(per_plan * 110, rows.len() - 1, "every commune has the plan's tasks");
    assert!(per_plan > 20);
    // The XLSX of the batch opens in LibreOffice with the same cells.
    let xlsx = dir.path().join("all.xlsx");
    assert!(run(&["nhiem-vu", plan.to_str().unwrap(), "--data", data.to_str().unwrap(), "--out", xlsx.to_str().unwrap()]).status.success());
    assert_eq!(csv_records(&soffice_csv(&xlsx, dir.path())), rows);

    // A bad row is reported and the rest go on; exit 1 at the end.
    let text = std::fs::read_to_string(&data).unwrap();
    let mut lines: Vec<String> = text.lines().take(4).map(String::from).collect();
    lines[2] = lines[2].replacen(",4/3/2026,", ",31/02/2026,", 1);
    assert!(lines[2].contains("31/02/2026"), "{}", lines[2]);
    let small = write_plan(dir.path(), "xa.csv", &(lines.join("\n") + "\n"));
    let out = dir.path().join("some.csv");
    let o = run(&["nhiem-vu", plan.to_str().unwrap(), "--data", small.to_str().unwrap(), "--format", "csv", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("31/02/2026"), "{}", stderr(&o));
    let rows = csv_records(&out);
    let communes: BTreeSet<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(communes.len(), 2, "{communes:?}");
}
