//! Batch: variables from data rows, safe names, failure isolation, the summary, interruption.

mod util;

use std::path::Path;
use util::*;

/// A shared plan using variables in the header, the body, a date and a target.
fn shared_plan() -> String {
    MINIMAL
        .replace("  ten: [Ủy ban nhân dân, Xã Thử Nghiệm]", "  ten: [Ủy ban nhân dân, \"Xã {{ xa.ten }}\"]")
        .replace("so: 5\n", "so: \"{{ so }}\"\ndia_danh: \"{{ xa.ten }}\"\n")
        .replace("ngay: 05/3/2025", "ngay: \"{{ ngay }}\"")
        .replace(
            "      - Nội dung.",
            "      - Kế hoạch của xã {{ xa.ten }}, tỉnh {{ tinh }}.\n      - chi_tieu:\n          - chi_tieu: Tỷ lệ hồ sơ trực tuyến\n            don_vi: \"%\"\n            hien_tai: \"{{ hien_tai }}\"\n            muc_tieu: \"{{ chi_tieu.truc_tuyen }}\"",
        )
}

fn batch_in(dir: &Path, plan: &str, data_name: &str, data: &str, extra: &[&str]) -> std::process::Output {
    let p = write_plan(dir, "ke-hoach.yaml", plan);
    let d = write_plan(dir, data_name, data);
    let out = dir.join("out");
    let mut args = vec!["batch", p.to_str().unwrap(), "--data", d.to_str().unwrap(), "--out", out.to_str().unwrap(), "--no-system-fonts"];
    args.extend_from_slice(extra);
    run(&args)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir).map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect()).unwrap_or_default();
    v.sort();
    v
}

const CSV: &str = "ten_tep,xa.ten,tinh,so,ngay,hien_tai,chi_tieu.truc_tuyen\n\
Xã An Phú - An Giang,An Phú,An Giang,7,05/3/2026,56.2,80\n\
Xã An Phú - Vĩnh Long,An Phú,Vĩnh Long,12,06/3/2026,41.5,75\n\
\"Xã \"\"Hòa: Bình\"\"\",\"Hòa: Bình \"\"Mới\"\"\",Hòa Bình,3,09/3/2026,30,70\n";

#[test]
fn one_plan_per_row_with_values_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    let o = batch_in(dir.path(), &shared_plan(), "xa.csv", CSV, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("out");
    assert_eq!(
        files_in(&out),
        ["xa-an-phu-an-giang.docx", "xa-an-phu-an-giang.pdf", "xa-an-phu-vinh-long.docx", "xa-an-phu-vinh-long.pdf", "xa-hoa-binh.docx", "xa-hoa-binh.pdf"],
        "same commune name in two provinces: both come out"
    );
    let t = flat(&pdf_text(&out.join("xa-an-phu-an-giang.pdf")));
    assert!(t.contains("ỦY BAN NHÂN DÂN XÃ AN PHÚ"), "{t}");
    assert!(t.contains("Số: 07/KH-UBND"), "a number keeps its leading zero after substitution: {t}");
    assert!(t.contains("An Phú, ngày 05 tháng 3 năm 2026"));
    assert!(t.contains("Kế hoạch của xã An Phú, tỉnh An Giang."));
    assert!(t.contains("56,2") && t.contains("80"), "decimals the Vietnamese way: {t}");
    // A quote and a colon in a value are text, not YAML.
    let t = flat(&pdf_text(&out.join("xa-hoa-binh.pdf")));
    assert!(t.contains("Kế hoạch của xã Hòa: Bình \"Mới\", tỉnh Hòa Bình."), "{t}");
    let d = flat(&docx_text(&out.join("xa-hoa-binh.docx")));
    assert!(d.contains("Kế hoạch của xã Hòa: Bình \"Mới\", tỉnh Hòa Bình."), "{d}");
}

#[test]
fn a_yaml_list_of_mappings_works_too() {
    let dir = tempfile::tempdir().unwrap();
    let data = "- ten_tep: Bờ Y\n  xa: {ten: Bờ Y}\n  tinh: Quảng Ngãi\n  so: 5\n  ngay: 05/3/2026\n  hien_tai: 34.2\n  chi_tieu: {truc_tuyen: 60}\n";
    let o = batch_in(dir.path(), &shared_plan(), "xa.yaml", data, &["--format", "pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = flat(&pdf_text(&dir.path().join("out/bo-y.pdf")));
    assert!(t.contains("Kế hoạch của xã Bờ Y, tỉnh Quảng Ngãi.") && t.contains("34,2"), "{t}");
}

#[test]
fn bad_rows_fail_alone_and_are_all_listed() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "ten_tep,xa.ten,tinh,so,ngay,hien_tai,chi_tieu.truc_tuyen\n\
Tốt,An Phú,An Giang,7,05/3/2026,56.2,80\n\
Ngày sai,Bình An,An Giang,8,31/02/2026,50,80\n\
Thiếu tên,,An Giang,9,05/3/2026,50,80\n\
Quá trăm,Tân Hòa,An Giang,10,05/3/2026,50,120\n";
    let o = batch_in(dir.path(), &shared_plan(), "xa.csv", csv, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    // Each failure names the template position, the field, and the data row (and the column).
    assert!(err.contains("ke-hoach.yaml:6:7: lỗi: ngay: ngày không tồn tại: `31/02/2026` (hàng "), "{err}");
    assert!(err.contains("xa.csv:3)"), "{err}");
    assert!(
        err.contains(
            "lỗi: co_quan.ten[1]: cột `xa.ten` để trống ở hàng này, mà kế hoạch dùng nó ở: tên cơ quan; địa danh, ngày tháng năm; Mục I, đoạn 1 (hàng "
        ) && err.contains("xa.csv:4)"),
        "one message for the empty cell, listing where it is used: {err}"
    );
    assert_eq!(err.matches("cột `xa.ten` để trống").count(), 1, "{err}");
    assert!(err.contains("muc_tieu: tỷ lệ phần trăm phải từ 0 đến 100, gặp `120` (hàng ") && err.contains("xa.csv:5)"), "{err}");
    assert!(err.contains("Đã tạo 1, lỗi 3,"), "{err}");
    assert!(err.contains("Lỗi: ") && err.matches("xa.csv:").count() >= 6, "the summary lists every failure: {err}");
    assert_eq!(files_in(&dir.path().join("out")), ["tot.docx", "tot.pdf"], "no file for a bad row, no temporary file");
}

#[test]
fn a_variable_the_data_lacks_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let plan = shared_plan().replace("tỉnh {{ tinh }}", "huyện {{ huyen }}");
    let o = batch_in(dir.path(), &plan, "xa.csv", CSV, &["--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error: noi_dung[0].noi_dung[0]: the data has no column `huyen` (row "), "{}", stderr(&o));
}

#[test]
fn the_naming_column_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let o = batch_in(dir.path(), &shared_plan(), "xa.csv", CSV, &["--name-column", "ma_xa"]);
    assert_eq!(o.status.code(), Some(2), "a column the data lacks is a usage error");
    assert!(stderr(&o).contains("không có cột `ma_xa` để đặt tên tệp"), "{}", stderr(&o));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn names_from_data_cannot_escape_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "ten_tep,xa.ten,tinh,so,ngay,hien_tai,chi_tieu.truc_tuyen\n\
../../etc/passwd,A,B,1,05/3/2026,1,2\n\
/tmp/tuyet-doi,A,B,1,05/3/2026,1,2\n\
CON,A,B,1,05/3/2026,1,2\n\
,A,B,1,05/3/2026,1,2\n";
    let o = batch_in(dir.path(), &shared_plan(), "xa.csv", csv, &["--format", "pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(files_in(&dir.path().join("out")), ["con-1.pdf", "dong-5.pdf", "etc-passwd.pdf", "tmp-tuyet-doi.pdf"]);
}

#[test]
fn progress_lines_when_not_a_terminal_and_quiet_mode() {
    let dir = tempfile::tempdir().unwrap();
    let o = batch_in(dir.path(), &shared_plan(), "xa.csv", CSV, &["--format", "docx"]);
    let err = stderr(&o);
    assert_eq!(err.lines().filter(|l| l.starts_with('[') && l.ends_with(": ok")).count(), 3, "{err}");
    assert!(err.lines().last().unwrap().starts_with("Đã tạo 3, lỗi 0,") && err.contains("kế hoạch/giây"), "{err}");
    let o = batch_in(dir.path(), &shared_plan(), "xa.csv", CSV, &["--format", "docx", "--quiet"]);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "only the summary: {err}");
}

#[test]
fn a_folder_of_plans() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(plans.join("huyen-a")).unwrap();
    write_plan(&plans, "mot.yaml", MINIMAL);
    write_plan(&plans.join("huyen-a"), "mot.yaml", MINIMAL);
    write_plan(&plans, "hong.yaml", &MINIMAL.replace("ngay: 05/3/2025", "ngay: 30/02/2025"));
    // A shared plan beside its one data file is rendered for every row.
    std::fs::create_dir_all(plans.join("chung")).unwrap();
    write_plan(&plans.join("chung"), "ke-hoach.yaml", &shared_plan());
    write_plan(&plans.join("chung"), "xa.csv", CSV);
    let out = dir.path().join("out");
    let o = run(&["batch", plans.to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "pdf", "--no-system-fonts"]);
    assert_eq!(o.status.code(), Some(1), "one plan is bad");
    assert!(stderr(&o).contains("hong.yaml:5:7: lỗi: ngay: ngày không tồn tại"), "{}", stderr(&o));
    assert_eq!(files_in(&out), ["huyen-a-mot.pdf", "mot.pdf", "xa-an-phu-an-giang.pdf", "xa-an-phu-vinh-long.pdf", "xa-hoa-binh.pdf"]);
}

#[test]
fn an_interrupted_batch_leaves_only_whole_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let plan = root().join("plans/batch/ke-hoach.yaml");
    let data = root().join("plans/batch/xa.csv");
    let mut child = bin()
        .args(["batch", plan.to_str().unwrap(), "--data", data.to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", "2", "--no-system-fonts"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until some plans are written, then press Ctrl-C.
    while files_in(&out).iter().filter(|f| f.ends_with(".pdf")).count() < 4 {
        assert!(child.try_wait().unwrap().is_none(), "finished before it could be interrupted");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let k = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(k.success());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(130), "{}", stderr(&o));
    assert!(stderr(&o).contains("dừng trước"), "{}", stderr(&o));
    let files = files_in(&out);
    assert!(files.len() < 220, "it stopped early");
    for f in &files {
        assert!(!f.ends_with(".tmp"), "temporary file left: {f}");
        let p = out.join(f);
        if f.ends_with(".pdf") {
            let ok = std::process::Command::new("pdfinfo").arg(&p).output().unwrap().status.success();
            assert!(ok, "{f} is a whole PDF");
        } else {
            assert!(docx_text(&p).contains("KẾ HOẠCH"), "{f} is a whole DOCX");
        }
    }
}

#[test]
fn one_worker_renders_one_plan_at_a_time_in_order() {
    // Typst runs rayon inside a compile; a worker that could steal the next plan while
    // waiting there would nest plans (finishing them out of order, holding many in memory).
    let dir = tempfile::tempdir().unwrap();
    let csv: String = std::iter::once("ten_tep,xa.ten,tinh,so,ngay,hien_tai,chi_tieu.truc_tuyen\n".to_string())
        .chain((1..=8).map(|i| format!("X{i},Xã {i},Tỉnh,{i},0{i}/3/2026,{i}0,80\n")))
        .collect();
    let o = batch_in(dir.path(), &shared_plan(), "xa.csv", &csv, &["--jobs", "1", "--format", "pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let order: Vec<String> =
        stderr(&o).lines().filter(|l| l.starts_with('[')).map(|l| l.split(" (").next().unwrap().rsplit(':').next().unwrap().to_string()).collect();
    let want: Vec<String> = (2..=9).map(|l| l.to_string()).collect();
    assert_eq!(order, want, "rows finish in input order");
}
