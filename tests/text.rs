//! User text is data: Typst syntax prints as written, Vietnamese is NFC, files appear whole or not at all.

mod util;

use util::*;

fn render_plan(yaml: &str) -> (tempfile::TempDir, std::process::Output) {
    let dir = tempfile::tempdir().unwrap();
    let p = write_plan(dir.path(), "plan.yaml", yaml);
    let out = dir.path().join("out");
    let o = run(&["render", "--no-system-fonts", "--out", out.to_str().unwrap(), p.to_str().unwrap()]);
    (dir, o)
}

#[test]
fn typst_syntax_in_user_text_prints_as_written() {
    let nasty = r##"Mục #1 có $x$ = @ref <b> \n // không phải chú thích; #set text(red); [*không đậm*]"##;
    let yaml = MINIMAL.replace(
        "      - Nội dung.",
        &format!("      - '{nasty}'\n      - nhiem_vu:\n          - noi_dung: '#import \"x\": *'\n            thoi_gian: Thường xuyên"),
    );
    let (dir, o) = render_plan(&yaml);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = flat(&pdf_text(&dir.path().join("out/plan.pdf")));
    assert!(t.contains(r##"Mục #1 có $x$ = @ref <b> \n // không phải chú thích; #set text(red);"##), "{t}");
    assert!(t.contains(r##"#import "x": *"##), "{t}");
}

#[test]
fn bold_and_italic_marks_become_styles() {
    let yaml = MINIMAL.replace("      - Nội dung.", "      - 'Trước **ngày 28/02** và (*ghi chú*); 2 * 3 = 6'");
    let (dir, o) = render_plan(&yaml);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.path().join("out/plan.pdf");
    let t = flat(&pdf_text(&pdf));
    assert!(t.contains("Trước ngày 28/02 và (ghi chú); 2 * 3 = 6"), "{t}");
    // The marked words are set in the bold and italic faces.
    let o = std::process::Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&o.stdout);
    assert!(fonts.contains("LiberationSerif-Bold") && fonts.contains("LiberationSerif-Italic"), "{fonts}");
}

#[test]
fn decomposed_vietnamese_is_normalised_to_nfc() {
    // "Kế hoạch thử" with combining marks (NFD).
    let nfd = "Ke\u{302}\u{301} hoa\u{323}ch thu\u{31b}\u{309}";
    let yaml = MINIMAL.replace("trich_yeu: Kế hoạch thử", &format!("trich_yeu: {nfd}"));
    let (dir, o) = render_plan(&yaml);
    assert!(o.status.success(), "{}", stderr(&o));
    let t = pdf_text(&dir.path().join("out/plan.pdf"));
    assert!(t.contains("Kế hoạch thử"), "composed in the text layer");
    assert!(!t.contains('\u{301}'));
}

#[test]
fn a_failed_render_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    std::fs::write(tpl.join("main.typ"), "#let plan = json(\"/plan.json\")\n#plan.nothing.here\n").unwrap();
    let p = write_plan(dir.path(), "plan.yaml", MINIMAL);
    let out = dir.path().join("out");
    let o = run(&["render", "--template", tpl.to_str().unwrap(), "--out", out.to_str().unwrap(), p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("template error: /main.typ:2:"), "{}", stderr(&o));
    let left: Vec<_> = std::fs::read_dir(&out).map(|d| d.flatten().map(|e| e.file_name()).collect()).unwrap_or_default();
    assert!(left.is_empty(), "nothing written, not even the DOCX that did render: {left:?}");
}

#[test]
fn an_invalid_plan_leaves_no_file_and_others_still_render() {
    let dir = tempfile::tempdir().unwrap();
    let good = write_plan(dir.path(), "good.yaml", MINIMAL);
    let bad = write_plan(dir.path(), "bad.yaml", &MINIMAL.replace("ngay: 05/3/2025", "ngay: 31/02/2025"));
    let out = dir.path().join("out");
    let o = run(&["render", "--no-system-fonts", "--out", out.to_str().unwrap(), bad.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(out.join("good.pdf").exists());
    assert!(!out.join("bad.pdf").exists());
    let mut names: Vec<String> = std::fs::read_dir(&out).unwrap().flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect();
    names.sort();
    assert_eq!(names, ["good.docx", "good.pdf"], "no temporary files left");
}

#[test]
fn a_template_override_changes_the_layout_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir(&tpl).unwrap();
    let style = std::fs::read_to_string(root().join("templates/kehoach/style.json")).unwrap();
    std::fs::write(tpl.join("style.json"), style.replace("\"margin_left_mm\": 30", "\"margin_left_mm\": 35")).unwrap();
    let p = write_plan(dir.path(), "plan.yaml", MINIMAL);
    let out = dir.path().join("out");
    let o = run(&["render", "--no-system-fonts", "--template", tpl.to_str().unwrap(), "--out", out.to_str().unwrap(), p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let w = words(&out.join("plan.pdf"));
    let left = w.iter().map(|x| x.x0).fold(f64::MAX, f64::min);
    assert!((34.9..36.0).contains(&left), "left margin follows the override: {left}");
}

#[test]
fn a_folder_renders_every_plan_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).unwrap();
    write_plan(&plans, "a.yaml", MINIMAL);
    write_plan(&plans, "b.yml", MINIMAL);
    write_plan(&plans, "notes.txt", "not a plan");
    let out = dir.path().join("out");
    let o = run(&["render", "--no-system-fonts", "--out", out.to_str().unwrap(), plans.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("a.pdf").exists() && out.join("b.pdf").exists());
}

#[test]
fn legal_bases_targets_as_points_and_repeated_table_headers() {
    let rows: String = (1..=45)
        .map(|i| format!("          - noi_dung: Việc số {i} cần làm trong năm\n            chu_tri: UBND xã\n            thoi_gian: Quý II năm 2025\n"))
        .collect();
    let body = format!(
        "      - muc: Chỉ tiêu\n        noi_dung:\n          - trinh_bay: danh_sach\n            chi_tieu:\n              - chi_tieu: Tỷ lệ hồ sơ trực tuyến\n                don_vi: \"%\"\n                hien_tai: 34.2\n                muc_tieu: tối thiểu 60\n              - chi_tieu: Tỷ lệ thanh toán trực tuyến\n                don_vi: \"%\"\n                hien_tai: {{gia_tri: 5.9, ky: Quý III năm 2025}}\n                muc_tieu: \">= 40\"\n      - nhiem_vu:\n{rows}"
    );
    let yaml = MINIMAL
        .replace(
            "trich_yeu: Kế hoạch thử\n",
            "trich_yeu: Kế hoạch thử\ncan_cu:\n  - Căn cứ Luật Tổ chức chính quyền địa phương;\n  - Căn cứ Nghị định số 30/2020/NĐ-CP.\n",
        )
        .replace("      - Nội dung.\n", &body);
    let (dir, o) = render_plan(&yaml);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.path().join("out/plan.pdf");
    let t = flat(&pdf_text(&pdf));
    assert!(t.contains("Căn cứ Luật Tổ chức chính quyền địa phương; Căn cứ Nghị định số 30/2020/NĐ-CP."), "{t}");
    assert!(t.contains("- Tỷ lệ hồ sơ trực tuyến: tối thiểu 60% (hiện tại đạt 34,2%)."), "{t}");
    assert!(t.contains("- Tỷ lệ thanh toán trực tuyến: ≥ 40% (Quý III năm 2025: 5,9%)."), "{t}");
    // The task table runs over pages; every page that carries rows repeats the header.
    let w = words(&pdf);
    let pages_with_rows: Vec<usize> = w.iter().filter(|x| x.text == "Việc").map(|x| x.page).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    assert!(pages_with_rows.len() >= 2, "the table spans pages: {pages_with_rows:?}");
    for p in pages_with_rows {
        assert!(w.iter().any(|x| x.page == p && x.text == "STT"), "header row on page {p}");
    }
    // The bases are italic lines.
    let o = std::process::Command::new("pdffonts").arg(&pdf).output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("LiberationSerif-Italic"));
}
