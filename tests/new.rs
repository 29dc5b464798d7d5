//! `kehoach new`: a starting plan that validates and renders as written, never over a file,
//! with the clerk's names kept as text, or started from last year's plan (`--tu`).

mod util;
use util::*;

fn new_in(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    bin().current_dir(dir).arg("new").args(args).output().unwrap()
}

#[test]
fn a_new_plan_renders_with_every_usual_part() {
    let dir = tempfile::tempdir().unwrap();
    let o = new_in(dir.path(), &["x.yaml", "--co-quan", "Xã Tân Phú", "--tinh", "Tỉnh Quảng Trị"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("x.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=kehoach.schema.json\n"), "{text}");
    // The alternatives are there as comments.
    for alt in ["Thường xuyên", "trinh_bay: van_xuoi", "# huong: ngang", "Quý", "# so:"] {
        assert!(text.contains(alt), "no `{alt}` in the scaffold");
    }
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join("kehoach.schema.json")).unwrap()).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");

    let v = bin().current_dir(dir.path()).args(["validate", "x.yaml"]).output().unwrap();
    assert!(v.status.success(), "{}", stderr(&v));
    assert!(!stderr(&v).contains("cảnh báo"), "a new plan has no warnings: {}", stderr(&v));
    let r = bin().current_dir(dir.path()).args(["render", "x.yaml", "--out", "out", "--format", "pdf"]).output().unwrap();
    assert!(r.status.success(), "{}", stderr(&r));
    let pdf = flat(&pdf_text(&dir.path().join("out/x.pdf")));
    for part in [
        "ỦY BAN NHÂN DÂN",
        "XÃ TÂN PHÚ",
        "Số:",
        "/KH-UBND",
        "KẾ HOẠCH",
        "Căn cứ Luật Tổ chức chính quyền địa phương",
        "Ủy ban nhân dân tỉnh Quảng Trị",
        "I. MỤC ĐÍCH, YÊU CẦU",
        "1. Mục đích",
        "2. Yêu cầu",
        "- Nâng cao chất lượng",
        "+ Bám sát chỉ tiêu được giao tại Phụ lục",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "chủ trì",
        "phối hợp",
        "Sản phẩm",
        "Trước ngày",
        "III. CHỈ TIÊU",
        "tối thiểu 60",
        "IV. TỔ CHỨC THỰC HIỆN",
        "./.",
        "Nơi nhận:",
        "- UBND tỉnh Quảng Trị (b/c);",
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn A",
        "Phụ lục CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH",
        "(Kèm theo Kế hoạch số",
    ] {
        assert!(pdf.contains(part), "no `{part}` in the PDF:\n{pdf}");
    }
    // A draft: no number, a partial date (blank day).
    assert!(pdf.contains("ngày tháng"), "the day is left blank: {pdf}");
    assert!(!pdf.contains("Số: 0") && !pdf.contains("Số: 1"), "no number in a draft: {pdf}");
}

#[test]
fn new_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_plan(dir.path(), "x.yaml", "# my work\n");
    for lang in ["vi", "en"] {
        let o = new_in(dir.path(), &["x.yaml", "--lang", lang]);
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        let e = stderr(&o);
        if lang == "vi" {
            assert!(e.contains("x.yaml: đã có, không ghi đè"), "{e}");
        } else {
            assert!(e.contains("x.yaml: exists, not overwritten"), "{e}");
        }
    }
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "# my work\n");
    assert!(!dir.path().join("kehoach.schema.json").exists(), "nothing written on refusal");
}

#[test]
fn names_with_quotes_and_colons_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let name = r#"Xã "Tân": Phú # 2 \ @NAM@"#;
    let o = new_in(dir.path(), &["x.yaml", "--co-quan", name, "--tinh", "Tỉnh A: B"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let yaml: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(dir.path().join("x.yaml")).unwrap()).unwrap();
    assert_eq!(yaml["co_quan"]["ten"][1].as_str(), Some(name));
    assert!(yaml["noi_nhan"]["danh_sach"][0].as_str().unwrap().contains("tỉnh A: B"));
    let v = bin().current_dir(dir.path()).args(["validate", "x.yaml"]).output().unwrap();
    assert!(v.status.success(), "{}", stderr(&v));
}

#[test]
fn from_last_years_plan_clears_number_and_date_and_keeps_the_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let old = root().join("plans/gio-son-2025.yaml");
    let o = new_in(dir.path(), &["moi.yaml", "--tu", old.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("moi.yaml")).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=kehoach.schema.json\n"));
    let was: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(&old).unwrap()).unwrap();
    let now: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(was["so"].as_u64(), Some(175));
    assert!(now.get("so").is_none(), "the number is cleared");
    let ngay = now["ngay"].as_str().unwrap();
    assert!(ngay.split('/').count() == 2 && ngay != "17/02/2025", "a partial date: {ngay}");
    // Everything else is kept, the tasks of the appendix among them.
    for key in ["co_quan", "trich_yeu", "noi_dung", "ket_thuc", "noi_nhan", "ky", "phu_luc"] {
        assert_eq!(was[key], now[key], "{key} kept");
    }
    assert!(text.contains("id: tuyen-truyen") && text.contains("thoi_gian: Trước ngày 28/3/2025"));
    // Its comments too (a text edit, not a re-serialisation).
    assert!(text.contains("# Kế hoạch đẩy mạnh sử dụng dịch vụ công trực tuyến"));
    let v = bin().current_dir(dir.path()).args(["validate", "moi.yaml"]).output().unwrap();
    assert!(v.status.code() != Some(1), "{}", stderr(&v));
}

#[test]
fn the_schema_beside_is_written_again_only_when_outdated() {
    let dir = tempfile::tempdir().unwrap();
    let schema = dir.path().join("kehoach.schema.json");
    std::fs::write(&schema, "{}\n").unwrap();
    let o = new_in(dir.path(), &["a.yaml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let current = String::from_utf8(run(&["schema"]).stdout).unwrap();
    assert_eq!(std::fs::read_to_string(&schema).unwrap(), current, "an outdated schema is replaced");
    assert!(String::from_utf8_lossy(&o.stdout).contains("kehoach.schema.json"));
    // Up to date: left alone, and only the plan is said written.
    let o = new_in(dir.path(), &["b.yaml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "b.yaml");
}
