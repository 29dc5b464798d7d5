//! Safe to hand over: no input, data row, file trick or signal crashes kehoach, hangs it,
//! or loses a file. Each case here is one a hostile try found (issue #7); large inputs are
//! generated, small ones written inline.

mod util;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use util::*;

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect()).unwrap_or_default();
    v.sort();
    v
}

/// The minimal plan with its one paragraph replaced by `body` (indented as a list item of `noi_dung`).
fn with_body(body: &str) -> String {
    MINIMAL.replace("      - Nội dung.", body)
}

fn validate_text(dir: &Path, yaml: &str) -> Output {
    let p = write_plan(dir, "plan.yaml", yaml);
    run(&["validate", p.to_str().unwrap()])
}

/// Runs `kehoach` and fails the test if it has not finished after `limit` (a hang guard, not a timing).
fn run_within(args: &[&str], limit: Duration) -> Output {
    let child = bin().args(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let pid = child.id();
    // Read its output while it runs (a full pipe would stall it), and kill it at the limit.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output().unwrap()));
    match rx.recv_timeout(limit) {
        Ok(o) => o,
        Err(_) => {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).status();
            panic!("kehoach {args:?} still running after {limit:?}");
        }
    }
}

#[test]
fn a_long_unbroken_run_is_refused_with_its_place_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let o = validate_text(dir.path(), &with_body(&format!("      - gach: {}", "ễ".repeat(22_000))));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("plan.yaml:10:15: lỗi: noi_dung[0].noi_dung[0].gach: đoạn văn bản quá dài (22000; tối đa 20000)"), "{}", stderr(&o));
    let o = validate_text(dir.path(), &with_body(&format!("      - gach: {}", "ễ".repeat(600))));
    assert!(stderr(&o).contains("một chuỗi ký tự liền không có khoảng trắng quá dài (600; tối đa 500): hãy thêm khoảng trắng"), "{}", stderr(&o));
}

#[test]
fn one_bad_value_in_a_batch_fails_its_row_only() {
    let dir = tempfile::tempdir().unwrap();
    let plan = write_plan(dir.path(), "ke-hoach.yaml", &with_body("      - \"Xã {{ ten }}.\""));
    let csv = format!("ten_tep,ten\nMột,An Phú\nHai,{}\nBa,Bình An\n", "ễ".repeat(22_000));
    let data = write_plan(dir.path(), "xa.csv", &csv);
    let out = dir.path().join("out");
    let o = run(&["batch", plan.to_str().unwrap(), "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-system-fonts", "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(files_in(&out), ["ba.pdf", "mot.pdf"]);
    assert!(stderr(&o).contains("xa.csv:3 (Hai)"), "the row is named in the summary: {}", stderr(&o));
    assert!(stderr(&o).contains("Đã tạo 2, lỗi 1"), "{}", stderr(&o));
}

#[test]
fn deep_flow_nesting_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = MINIMAL.replace("trich_yeu: Kế hoạch thử", &format!("trich_yeu: {}", "[".repeat(200_000)));
    let p = write_plan(dir.path(), "plan.yaml", &yaml);
    let o = run_within(&["validate", p.to_str().unwrap()], Duration::from_secs(20));
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("plan.yaml:6:75: lỗi: lồng nhau quá sâu (65; tối đa 64)"), "{}", stderr(&o));
    // A file at the size cap, nested to the limit everywhere, still goes through in one pass.
    let unit = format!("{}{}, ", "[".repeat(60), "]".repeat(60));
    let big = format!("trich_yeu: [{}]\n", unit.repeat((4 * 1024 * 1024 - 100) / unit.len()));
    let p = write_plan(dir.path(), "big.yaml", &big);
    let o = run_within(&["validate", p.to_str().unwrap()], Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(1), "refused (not a plan), never hung");
}

#[test]
fn merges_and_sizes_that_would_explode_the_layout_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(String, &str)> = vec![
        (
            with_body("      - bang:\n          tieu_de: [[A, B]]\n          hang:\n            - [{o: x, gop_doc: 65536}, y]"),
            "plan.yaml:13:32: lỗi: noi_dung[0].noi_dung[0].bang.hang[0][0].gop_doc: ô gộp 65536 hàng nhưng chỉ còn 1 hàng",
        ),
        (with_body(&format!("      - \"{}\"", "Một đoạn dài. ".repeat(15_000))), "noi_dung[0].noi_dung[0]: đoạn văn bản quá dài (210000; tối đa 20000)"),
        (
            with_body(&format!("      - bang:\n          tieu_de: [[A]]\n          hang:\n{}", "            - [x]\n".repeat(100_000))),
            "noi_dung[0].noi_dung[0].bang.hang: bảng hoặc danh sách có quá nhiều hàng (100001; tối đa 2000)",
        ),
        (
            format!("{MINIMAL}phu_luc:\n{}", (0..10_000).map(|i| format!("  - id: p{i}\n")).collect::<String>()),
            "phu_luc[50]: quá nhiều phụ lục (10000; tối đa 50)",
        ),
    ];
    for (yaml, want) in cases {
        let o = validate_text(dir.path(), &yaml);
        assert_eq!(o.status.code(), Some(1), "{want}");
        assert!(stderr(&o).contains(want), "want {want}\n got {}", stderr(&o));
    }
}

/// A template folder whose main.typ runs `extra` before the built-in layout, for plans whose
/// title holds `marker`.
fn hostile_template(dir: &Path, marker: &str, extra: &str) -> PathBuf {
    let t = dir.join("template");
    std::fs::create_dir_all(&t).unwrap();
    let main = std::fs::read_to_string(root().join("templates/kehoach/main.typ")).unwrap();
    let main = main
        .replace("#let plan = json(\"/plan.json\")", &format!("#let plan = json(\"/plan.json\")\n#if plan.meta.title.contains(\"{marker}\") {{ {extra} }}"));
    std::fs::write(t.join("main.typ"), main).unwrap();
    t
}

fn batch_with_template(dir: &Path, template: &Path, extra: &[&str]) -> Output {
    let plan = write_plan(dir, "ke-hoach.yaml", &MINIMAL.replace("trich_yeu: Kế hoạch thử", "trich_yeu: \"Kế hoạch {{ ten }}\""));
    let data = write_plan(dir, "xa.csv", "ten_tep,ten\nMột,An Phú\nHai,TREO\nBa,Bình An\n");
    let out = dir.join("out");
    let mut args = vec![
        "batch",
        plan.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--no-system-fonts",
        "--template",
        template.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run_within(&args, Duration::from_secs(120))
}

#[test]
fn a_runaway_template_is_stopped_by_the_time_budget() {
    let dir = tempfile::tempdir().unwrap();
    let t = hostile_template(dir.path(), "TREO", "for i in range(30000) { for j in range(30000) { } }");
    let o = batch_with_template(dir.path(), &t, &["--timeout", "2", "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("xa.csv:3 (Hai): lỗi: dựng văn bản quá 2 giây nên đã dừng"), "{}", stderr(&o));
    assert_eq!(files_in(&dir.path().join("out")), ["ba.pdf", "mot.pdf"], "every other plan is written");
}

#[test]
fn a_template_that_eats_memory_is_stopped_by_the_memory_budget() {
    let dir = tempfile::tempdir().unwrap();
    let t = hostile_template(dir.path(), "TREO", "let a = range(1000000000)");
    let o = batch_with_template(dir.path(), &t, &["--max-memory", "400M", "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("xa.csv:3 (Hai): lỗi: dựng văn bản dùng quá 400 MB bộ nhớ nên đã dừng"), "{}", stderr(&o));
    assert_eq!(files_in(&dir.path().join("out")), ["ba.pdf", "mot.pdf"]);
}

#[test]
fn a_valid_plan_made_huge_is_stopped_by_the_time_budget_and_the_others_are_written() {
    // Within every limit (15,000 paragraphs, 470,000 characters), so valid, and far too long to lay out
    // within a one-second budget: it is stopped and named; the plans beside it are written.
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    write_plan(&plans, "a.yaml", MINIMAL);
    write_plan(&plans, "c.yaml", MINIMAL);
    let paras: String = (1..=15_000).map(|i| format!("      - Đoạn văn thứ {i} của kế hoạch.\n")).collect();
    let huge = write_plan(&plans, "b-lon.yaml", &MINIMAL.replace("      - Nội dung.\n", &paras));
    let v = run(&["validate", huge.to_str().unwrap()]);
    assert!(v.status.success(), "the huge plan is valid: {}", stderr(&v));
    let out = dir.path().join("out");
    let o = run_within(
        &["batch", plans.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-system-fonts", "--timeout", "1", "--format", "pdf"],
        Duration::from_secs(120),
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("b-lon.yaml: lỗi: dựng văn bản quá 1 giây nên đã dừng"), "{}", stderr(&o));
    assert!(stderr(&o).contains("Lỗi: ") && stderr(&o).contains("b-lon.yaml"), "the summary names it: {}", stderr(&o));
    assert_eq!(files_in(&out), ["a.pdf", "c.pdf"], "every other plan is written");
}

#[test]
fn a_worker_killed_mid_plan_fails_only_that_plan() {
    let dir = tempfile::tempdir().unwrap();
    let t = hostile_template(dir.path(), "TREO", "for i in range(30000) { for j in range(30000) { } }");
    let plan = write_plan(dir.path(), "ke-hoach.yaml", &MINIMAL.replace("trich_yeu: Kế hoạch thử", "trich_yeu: \"Kế hoạch {{ ten }}\""));
    let data = write_plan(dir.path(), "xa.csv", "ten_tep,ten\nMột,An Phú\nHai,TREO\nBa,Bình An\n");
    let out = dir.path().join("out");
    let child = bin()
        .args(["batch", plan.to_str().unwrap(), "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .args(["--no-system-fonts", "--template", t.to_str().unwrap(), "--jobs", "1", "--format", "pdf"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The one worker is stuck in the second plan once the first is written: kill it.
    let t0 = Instant::now();
    while !out.join("mot.pdf").exists() {
        assert!(t0.elapsed() < Duration::from_secs(60), "first plan never written");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let workers = String::from_utf8(Command::new("pgrep").args(["-P", &child.id().to_string()]).output().unwrap().stdout).unwrap();
    let pid = workers.split_whitespace().next().expect("a worker process");
    assert!(Command::new("kill").args(["-KILL", pid]).status().unwrap().success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("xa.csv:3 (Hai): lỗi: tiến trình dựng văn bản bị dừng đột ngột (signal: 9"), "{}", stderr(&o));
    assert_eq!(files_in(&out), ["ba.pdf", "mot.pdf"], "a new worker renders the rest");
}

#[test]
fn a_planted_symlink_is_replaced_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "do not touch").unwrap();
    std::os::unix::fs::symlink(&victim, out.join("plain.pdf")).unwrap();
    std::os::unix::fs::symlink(&victim, out.join("plain.docx")).unwrap();
    let p = write_plan(dir.path(), "plain.yaml", MINIMAL);
    let o = run(&["render", p.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-system-fonts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "do not touch");
    for f in ["plain.pdf", "plain.docx"] {
        assert!(!std::fs::symlink_metadata(out.join(f)).unwrap().file_type().is_symlink(), "{f} is a file of its own");
    }
    assert!(pdf_text(&out.join("plain.pdf")).contains("KẾ HOẠCH"));
}

#[test]
fn signals_stop_render_leaving_only_whole_files_and_no_temp() {
    for signal in ["-TERM", "-INT"] {
        let dir = tempfile::tempdir().unwrap();
        let plans = dir.path().join("plans");
        std::fs::create_dir(&plans).unwrap();
        let text = std::fs::read_to_string(root().join("plans/my-hoa-hung-2024.yaml")).unwrap();
        for i in 0..12 {
            std::fs::write(plans.join(format!("p{i:02}.yaml")), &text).unwrap();
        }
        let out = dir.path().join("out");
        std::fs::create_dir(&out).unwrap();
        // A temporary file left by an earlier run that was killed.
        std::fs::write(out.join(".kehoach-999999999-stale.tmp"), "").unwrap();
        std::thread::sleep(Duration::from_millis(20));
        let child = bin()
            .args(["render", plans.to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", "1", "--no-system-fonts"])
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let t0 = Instant::now();
        while !files_in(&out).iter().any(|f| f.ends_with(".docx")) {
            assert!(t0.elapsed() < Duration::from_secs(120), "nothing written");
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(Command::new("kill").args([signal, &child.id().to_string()]).status().unwrap().success());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(130), "{signal}: {}", stderr(&o));
        let files = files_in(&out);
        assert!(files.len() < 24, "{signal}: it stopped early ({files:?})");
        assert!(!files.iter().any(|f| f.ends_with(".tmp")), "{signal}: temporary file left: {files:?}");
        for f in files.iter().filter(|f| f.ends_with(".pdf")) {
            assert!(files.contains(&f.replace(".pdf", ".docx")), "{signal}: {f} without its DOCX");
            assert!(Command::new("pdfinfo").arg(out.join(f)).output().unwrap().status.success(), "{signal}: {f} is whole");
        }
    }
}

#[test]
fn two_plans_of_one_name_are_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        write_plan(&dir.path().join(sub), "x.yaml", MINIMAL);
    }
    let (a, b) = (dir.path().join("a/x.yaml"), dir.path().join("b/x.yaml"));
    let out = dir.path().join("out");
    let o = run(&["render", a.to_str().unwrap(), b.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains(a.to_str().unwrap()) && e.contains(b.to_str().unwrap()) && e.contains("sẽ ghi cùng một tệp"), "{e}");
    assert!(!out.exists(), "nothing written");
    // The same file twice is one plan.
    let o = run(&["render", a.to_str().unwrap(), a.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-system-fonts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files_in(&out), ["x.docx", "x.pdf"]);
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 2);
}

#[test]
fn csv_rows_of_the_wrong_width_fail_alone_and_excel_semicolons_work() {
    let dir = tempfile::tempdir().unwrap();
    let plan = write_plan(dir.path(), "ke-hoach.yaml", &with_body("      - \"Xã {{ ten }}, tỷ lệ {{ ty_le }}%.\""));
    let out = dir.path().join("out");
    let batch = |data: &str, name: &str| {
        let d = write_plan(dir.path(), name, data);
        run(&["batch", plan.to_str().unwrap(), "--data", d.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-system-fonts", "--format", "pdf"])
    };
    let o = batch("ten_tep,ten,ty_le\nMột,An Phú,56.2\nHai,Bình An\nBa,Tân Phú,40,thừa\nBốn,Hòa Bình,30\n", "xa.csv");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("xa.csv:3:1: lỗi: hàng có 2 ô nhưng hàng tiêu đề có 3 cột"), "{e}");
    assert!(e.contains("xa.csv:4:1: lỗi: hàng có 4 ô"), "{e}");
    assert!(e.contains("xa.csv:3 (Hai)") && e.contains("xa.csv:4 (Ba)"), "failures named by line and name: {e}");
    assert_eq!(files_in(&out), ["bon.pdf", "mot.pdf"]);
    std::fs::remove_dir_all(&out).unwrap();
    // What Excel writes under a Vietnamese locale: semicolons, decimal commas.
    let o = batch("ten_tep;ten;ty_le\nMột;An Phú;56,2\n", "xa-excel.csv");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(flat(&pdf_text(&out.join("mot.pdf"))).contains("Xã An Phú, tỷ lệ 56,2%."));
    for (data, name, want) in [
        ("ten_tep,ten,ten\nMột,A,B\n", "dup.csv", "dup.csv:1:3: lỗi: cột `ten` xuất hiện hai lần trong hàng tiêu đề"),
        ("", "empty.csv", "empty.csv:1:1: lỗi: tệp dữ liệu không có hàng nào"),
        ("ten_tep,ten,ty_le\n", "header-only.csv", "header-only.csv:1:1: lỗi: tệp dữ liệu không có hàng nào"),
    ] {
        let o = batch(data, name);
        assert_eq!(o.status.code(), Some(2), "{name}: {}", stderr(&o));
        assert!(stderr(&o).contains(want), "{name}: {}", stderr(&o));
    }
}

#[test]
fn folders_without_plans_are_usage_errors_and_upper_case_extensions_are_plans() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for cmd in ["batch", "render", "validate"] {
        let o = run(&[cmd, empty.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", stderr(&o));
        assert!(stderr(&o).contains("thư mục không có tệp kế hoạch .yaml nào"), "{cmd}: {}", stderr(&o));
    }
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    write_plan(&plans, "A.YAML", MINIMAL);
    write_plan(&plans, "b.Yml", MINIMAL);
    let out = dir.path().join("out");
    let o = run(&["batch", plans.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-system-fonts", "--format", "docx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files_in(&out), ["a.docx", "b.docx"]);
}

#[test]
fn a_plan_is_never_left_half_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // Something in the way of the DOCX: the PDF, written first, must go too.
    std::fs::create_dir_all(out.join("x.docx")).unwrap();
    std::fs::write(out.join("x.docx/keep"), "").unwrap();
    let p = write_plan(dir.path(), "x.yaml", MINIMAL);
    let o = run(&["render", p.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-system-fonts"]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("lỗi: không ghi được") && stderr(&o).contains("đã có một thư mục trùng tên với tệp cần ghi"), "{}", stderr(&o));
    assert_eq!(files_in(&out), ["x.docx"], "no PDF without its DOCX, no temporary file");
}

#[test]
fn template_links_leaving_the_folder_and_missing_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("tpl");
    std::fs::create_dir(&t).unwrap();
    let secret = dir.path().join("secret.json");
    std::fs::write(&secret, "{\"mat\": \"khẩu\"}").unwrap();
    std::os::unix::fs::symlink(&secret, t.join("leak.json")).unwrap();
    let p = write_plan(dir.path(), "x.yaml", MINIMAL);
    let out = dir.path().join("out");
    let o = run(&["render", p.to_str().unwrap(), "--out", out.to_str().unwrap(), "--template", t.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("liên kết trỏ ra ngoài thư mục mẫu"), "{}", stderr(&o));
    assert!(!out.exists());
    let o = run(&["render", p.to_str().unwrap(), "--out", out.to_str().unwrap(), "--template", dir.path().join("none").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--template") && stderr(&o).contains("không có thư mục này"), "{}", stderr(&o));
}

#[test]
fn direction_marks_are_removed_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = MINIMAL.replace("trich_yeu: Kế hoạch thử", "trich_yeu: Kế hoạch \u{202E}thử\u{202C} nghiệm");
    let p = write_plan(dir.path(), "x.yaml", &yaml);
    let out = dir.path().join("out");
    let o = run(&["render", p.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-system-fonts", "--format", "pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("x.yaml:6:21: cảnh báo: đã bỏ 2 ký tự điều khiển hướng chữ vô hình"), "{}", stderr(&o));
    assert!(flat(&pdf_text(&out.join("x.pdf"))).contains("Kế hoạch thử nghiệm"));
}

#[test]
fn every_real_plan_validates_and_renders_under_a_memory_limit() {
    // 1 GiB of address space for kehoach and its workers (ulimit -v is inherited); a real
    // plan renders in about 65 MB resident, so the limits hold with room to spare.
    let dir = tempfile::tempdir().unwrap();
    let exe = env!("CARGO_BIN_EXE_kehoach");
    let plans = root().join("plans");
    let script = format!(
        "ulimit -v 1048576 && '{exe}' validate '{p}' && '{exe}' render '{p}' --out '{o}/one' --no-system-fonts && '{exe}' batch '{p}/batch' --out '{o}/batch' --no-system-fonts --quiet",
        p = plans.display(),
        o = dir.path().display()
    );
    let o = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files_in(&dir.path().join("one")).len(), 10);
    assert_eq!(files_in(&dir.path().join("batch")).len(), 220);
}

#[test]
fn a_closed_pipe_stops_the_printing_not_the_work() {
    // `| true` closes the pipe at once: every later line printed meets a broken pipe.
    let dir = tempfile::tempdir().unwrap();
    let exe = env!("CARGO_BIN_EXE_kehoach");
    let plans = root().join("plans");
    for (cmd, files) in [
        (format!("'{exe}' render '{}' --out '{}/o' --format docx", plans.display(), dir.path().display()), 5),
        (format!("'{exe}' --help"), 0),
        (format!("'{exe}' completions bash"), 0),
        (format!("'{exe}' validate '{}' --message-format json", plans.display()), 0),
    ] {
        let script = format!("set -o pipefail; {cmd} 2>'{e}' | (exec 0<&-; sleep 0.5)", e = dir.path().join("err").display());
        let o = Command::new("bash").args(["-c", &script]).output().unwrap();
        let err = std::fs::read_to_string(dir.path().join("err")).unwrap();
        assert!(!err.contains("panicked") && !err.contains("Broken pipe"), "{cmd}: {err}");
        assert!(o.status.success(), "{cmd}: {err}");
        if files > 0 {
            assert_eq!(files_in(&dir.path().join("o")).len(), files, "{cmd}");
        }
    }
}
