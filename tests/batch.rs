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

/// The CSV's communes in a workbook as a clerk keeps them: a notes sheet first, then the list
/// with real dates, percentages, a numeric code shown with its zeros, and Vietnamese text.
/// Returns the sheet's data as the equivalent CSV text.
fn commune_workbook(path: &Path) -> String {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Ghi chú").unwrap().write_string(0, 0, "Danh sách xã của tỉnh, cập nhật tháng 3").unwrap();
    let ws = book.add_worksheet().set_name("Danh sách").unwrap();
    let (date, percent, code) = (Format::new().set_num_format("dd/mm/yyyy"), Format::new().set_num_format("0.0%"), Format::new().set_num_format("00000"));
    for (c, h) in ["ten_tep", "xa.ten", "tinh", "so", "ngay", "hien_tai", "chi_tieu.truc_tuyen", "ma_xa"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // File name, commune, province, number, date, baseline (a percentage), target, code.
    type Row<'a> = (&'a str, &'a str, &'a str, f64, (u16, u8, u8), f64, f64, f64);
    let rows: [Row; 3] = [
        ("Xã An Phú - An Giang", "An Phú", "An Giang", 7.0, (2026, 3, 5), 0.562, 80.0, 123.0),
        ("Xã An Phú - Vĩnh Long", "An Phú", "Vĩnh Long", 12.0, (2026, 3, 6), 0.415, 75.0, 4501.0),
        ("Xã \"Hòa: Bình\"", "Hòa: Bình \"Mới\"", "Hòa Bình", 3.0, (2026, 2, 9), 0.3, 70.5, 7.0),
    ];
    for (i, (file, xa, tinh, so, (y, m, d), now, target, ma)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *file).unwrap();
        ws.write_string(r, 1, *xa).unwrap();
        ws.write_string(r, 2, *tinh).unwrap();
        ws.write_number(r, 3, *so).unwrap();
        ws.write_datetime_with_format(r, 4, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date).unwrap();
        ws.write_number_with_format(r, 5, *now, &percent).unwrap();
        ws.write_number(r, 6, *target).unwrap();
        ws.write_number_with_format(r, 7, *ma, &code).unwrap();
    }
    book.save(path).unwrap();
    "ten_tep,xa.ten,tinh,so,ngay,hien_tai,chi_tieu.truc_tuyen,ma_xa\n\
Xã An Phú - An Giang,An Phú,An Giang,7,05/3/2026,56.2,80,00123\n\
Xã An Phú - Vĩnh Long,An Phú,Vĩnh Long,12,06/3/2026,41.5,75,04501\n\
\"Xã \"\"Hòa: Bình\"\"\",\"Hòa: Bình \"\"Mới\"\"\",Hòa Bình,3,09/02/2026,30,70.5,00007\n"
        .to_string()
}

/// The shared plan, printing the commune code too.
fn plan_with_code() -> String {
    shared_plan().replace("Kế hoạch của xã {{ xa.ten }},", "Kế hoạch của xã {{ xa.ten }} (mã {{ ma_xa }}),")
}

/// Every file of `a` has the same bytes in `b`.
fn same_files(a: &Path, b: &Path) {
    let names = files_in(a);
    assert_eq!(names, files_in(b));
    for n in names {
        if std::fs::read(a.join(&n)).unwrap() != std::fs::read(b.join(&n)).unwrap() {
            let text = |p: &Path| if n.ends_with(".pdf") { flat(&pdf_text(p)) } else { flat(&docx_text(p)) };
            let (ta, tb) = (text(&a.join(&n)), text(&b.join(&n)));
            let at = ta.chars().zip(tb.chars()).take_while(|(x, y)| x == y).count();
            let from = |t: &str| t.chars().skip(at.saturating_sub(40)).take(120).collect::<String>();
            panic!("{n} differs between {} and {}:\n{}\n{}", a.display(), b.display(), from(&ta), from(&tb));
        }
    }
}

#[test]
fn an_excel_sheet_renders_the_same_documents_as_the_equivalent_csv() {
    let dir = tempfile::tempdir().unwrap();
    let csv = commune_workbook(&dir.path().join("xa.xlsx"));
    let from_csv = dir.path().join("tu-csv");
    let o = batch_in(dir.path(), &plan_with_code(), "xa.csv", &csv, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::rename(dir.path().join("out"), &from_csv).unwrap();
    let p = dir.path().join("ke-hoach.yaml");
    let out = dir.path().join("tu-xlsx");
    let o = run(&[
        "batch",
        p.to_str().unwrap(),
        "--data",
        dir.path().join("xa.xlsx").to_str().unwrap(),
        "--sheet",
        "Danh sách",
        "--out",
        out.to_str().unwrap(),
        "--no-system-fonts",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    same_files(&from_csv, &out);
    // And the values are the ones the clerk sees in Excel, not what it stores.
    let t = flat(&pdf_text(&out.join("xa-hoa-binh.pdf")));
    assert!(t.contains("Kế hoạch của xã Hòa: Bình \"Mới\" (mã 00007), tỉnh Hòa Bình.") && t.contains("ngày 09 tháng 02 năm 2026"), "{t}");
    assert!(t.contains("30") && t.contains("70,5"), "{t}");
    let t = flat(&pdf_text(&out.join("xa-an-phu-an-giang.pdf")));
    assert!(t.contains("(mã 00123)") && t.contains("56,2") && t.contains("ngày 05 tháng 3 năm 2026") && t.contains("Số: 07/KH-UBND"), "{t}");
    let d = flat(&docx_text(&out.join("xa-an-phu-vinh-long.docx")));
    assert!(d.contains("(mã 04501)") && d.contains("41,5"), "{d}");

    // Without --sheet the first sheet is read: it has no naming column, a usage error naming the sheet.
    let o = run(&["batch", p.to_str().unwrap(), "--data", dir.path().join("xa.xlsx").to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("xa.xlsx[Ghi chú]:1:1: lỗi: tệp dữ liệu không có hàng nào"), "{}", stderr(&o));
    let o = run(&["batch", p.to_str().unwrap(), "--data", dir.path().join("xa.xlsx").to_str().unwrap(), "--sheet", "Xã", "--out", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("không có trang tính `Xã` (các trang: Ghi chú, Danh sách)"), "{}", stderr(&o));
}

#[test]
fn an_opendocument_sheet_saved_by_libreoffice_renders_the_same_documents() {
    let dir = tempfile::tempdir().unwrap();
    let csv = commune_workbook(&dir.path().join("xa.xlsx"));
    let o = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(dir.path())
        .arg(dir.path().join("xa.xlsx"))
        .env("HOME", dir.path())
        .output()
        .expect("LibreOffice (soffice) is installed for the tests");
    assert!(dir.path().join("xa.ods").exists(), "LibreOffice made no .ods: {}", String::from_utf8_lossy(&o.stderr));
    let from_csv = dir.path().join("tu-csv");
    let o = batch_in(dir.path(), &plan_with_code(), "xa.csv", &csv, &["--format", "pdf"]);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::rename(dir.path().join("out"), &from_csv).unwrap();
    let out = dir.path().join("tu-ods");
    let p = dir.path().join("ke-hoach.yaml");
    let o = run(&[
        "batch",
        p.to_str().unwrap(),
        "--data",
        dir.path().join("xa.ods").to_str().unwrap(),
        "--sheet",
        "Danh sách",
        "--out",
        out.to_str().unwrap(),
        "--format",
        "pdf",
        "--no-system-fonts",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    same_files(&from_csv, &out);
}

#[test]
fn a_bad_sheet_row_fails_alone_located_by_sheet_row_and_column() {
    use rust_xlsxwriter::Workbook;
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let ws = book.add_worksheet().set_name("Xã").unwrap();
    for (c, h) in ["ten_tep", "xa.ten", "tinh", "so", "ngay", "hien_tai", "chi_tieu.truc_tuyen", "ma_xa"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, name) in ["Một", "Hai", "Ba"].iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in [*name, "An Phú", "An Giang", "7", "05/3/2026", "50", "80", "01"].iter().enumerate() {
            ws.write_string(r, c as u16, *v).unwrap();
        }
    }
    // Row 3 of the sheet: a value under a column with no name (I3).
    ws.write_string(2, 8, "ghi chú lạc").unwrap();
    book.save(dir.path().join("xa.xlsx")).unwrap();
    let p = write_plan(dir.path(), "ke-hoach.yaml", &plan_with_code());
    let out = dir.path().join("out");
    let o = run(&["batch", p.to_str().unwrap(), "--data", dir.path().join("xa.xlsx").to_str().unwrap(), "--out", out.to_str().unwrap(), "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("xa.xlsx[Xã]:3:9: lỗi: ô I3 có giá trị nhưng cột của nó không có tên ở hàng tiêu đề"), "{err}");
    assert!(err.contains("Đã tạo 2, lỗi 1"), "{err}");
    assert_eq!(files_in(&out), ["ba.pdf", "mot.pdf"]);
}

#[test]
fn the_report_has_a_record_per_plan_and_the_summary_names_the_slowest() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "ten_tep,xa.ten,tinh,so,ngay,hien_tai,chi_tieu.truc_tuyen\n\
Một,An Phú,An Giang,7,05/3/2026,56.2,80\n\
Hai,Bình An,An Giang,8,31/02/2026,50,80\n\
Ba,Tân Hòa,An Giang,9,05/3/2026,50,80\n\
Bốn,Tân Lợi,An Giang,10,05/3/2026,50,80\n\
Năm,Phú Hữu,An Giang,11,05/3/2026,50,80\n";
    let report = dir.path().join("bao-cao/dot-1.json");
    let o = batch_in(dir.path(), &shared_plan(), "xa.csv", csv, &["--format", "docx", "--report", report.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    let slow = err.lines().find(|l| l.starts_with("Chậm nhất: ")).unwrap_or_else(|| panic!("no slowest line: {err}"));
    assert_eq!(slow.matches(" giây)").count(), 3, "{slow}");
    let r: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).expect("the report is written")).unwrap();
    let plans = r["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 5);
    assert_eq!(plans[0]["status"], "rendered");
    assert_eq!(plans[0]["row"], 2);
    assert_eq!(plans[0]["name"], "mot");
    assert!(plans[0]["data"].as_str().unwrap().ends_with("xa.csv") && plans[0]["plan"].as_str().unwrap().ends_with("ke-hoach.yaml"));
    assert!(plans[0]["files"][0].as_str().unwrap().ends_with("out/mot.docx"));
    assert!(plans[0]["seconds"].as_f64().unwrap() > 0.0);
    assert_eq!(plans[1]["status"], "invalid");
    assert_eq!(plans[1]["row"], 3);
    let e = &plans[1]["errors"][0];
    assert!(e["message"].as_str().unwrap().contains("ngày không tồn tại: `31/02/2026`") && e["line"] == 6 && e["path"] == "ngay", "{e}");
    assert_eq!(r["summary"]["total"], 5);
    assert_eq!(r["summary"]["rendered"], 4);
    assert_eq!(r["summary"]["invalid"], 1);
}
