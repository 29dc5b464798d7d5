//! End-to-end: the five seed plans rendered by the real binary, checked on the PDF's text and geometry.

mod util;

use std::path::PathBuf;
use util::*;

fn pdf(name: &str) -> PathBuf {
    rendered().join(format!("{name}.pdf"))
}

#[test]
fn every_plan_renders_a_pdf() {
    for p in PLANS {
        let bytes = std::fs::read(pdf(p)).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{p}");
        assert!(pages(&pdf(p)) >= 3, "{p}");
    }
}

#[test]
fn header_block_is_derived_from_the_data() {
    let t = flat(&page_text(&pdf("my-hoa-hung-2024"), 1));
    assert!(t.contains("ỦY BAN NHÂN DÂN XÃ MỸ HÒA HƯNG"), "{t}");
    assert!(t.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(t.contains("Độc lập - Tự do - Hạnh phúc"));
    assert!(t.contains("Số: 198/KH-UBND"));
    assert!(t.contains("Mỹ Hòa Hưng, ngày 24 tháng 02 năm 2024"));
    assert!(t.contains("KẾ HOẠCH Thực hiện hoạt động Kiểm soát thủ tục hành chính"));

    // Drafts leave the number and the missing parts of the date blank.
    let t = flat(&page_text(&pdf("dien-khanh-2025"), 1));
    assert!(t.contains("/KH-UBND"));
    assert!(!t.contains("Số: 0"));
    let w = words(&pdf("dien-khanh-2025"));
    let ngay = w.iter().position(|x| x.page == 1 && x.text == "ngày").unwrap();
    assert_eq!(w[ngay + 1].text, "tháng");
    assert_eq!(w[ngay + 2].text, "9", "month 9 without a leading zero");
    assert!(w[ngay + 1].x0 - w[ngay].x1 > 4.0, "a blank is left for the day");
    let t = flat(&page_text(&pdf("dong-phu-2026"), 1));
    assert!(t.contains("tháng 3 năm 2026"), "the seed's 'tháng 03' follows the decree: {t}");
}

#[test]
fn numbering_is_generated() {
    let t = flat(&pdf_text(&pdf("gio-son-2025")));
    for h in
        ["I. MỤC ĐÍCH, YÊU CẦU", "II. NHIỆM VỤ, GIẢI PHÁP", "III. TỔ CHỨC THỰC HIỆN", "1. Mục tiêu", "a) Mục tiêu chung", "b) Mục tiêu cụ thể", "2. Yêu cầu"]
    {
        assert!(t.contains(h), "{h}");
    }
    // Vietnamese letter order: after d) comes đ), then e).
    assert!(t.contains("d) Nâng cao công tác tuyên truyền"));
    assert!(t.contains("đ) Đưa nội dung giới thiệu"));
    let t = flat(&pdf_text(&pdf("my-hoa-hung-2024")));
    assert!(t.contains("9.1. Chỉ tiêu giao tại Nghị quyết số 01/NQ-CP"));
    assert!(t.contains("9.3. Đạt loại tốt"));
}

#[test]
fn tasks_render_as_prose_with_their_deadlines() {
    let t = flat(&pdf_text(&pdf("dien-khanh-2025")));
    assert!(t.contains("1. Nâng cao tỷ lệ hồ sơ nộp trực tuyến a) Hình thức: - Tổ chức tuyên truyền"), "{t}");
    assert!(t.contains("b) Phân công: - Công chức Trung tâm phục vụ hành chính công"));
    assert!(t.contains("d) Thời gian: Hoàn thành trước 30/10/2025."));
}

#[test]
fn tasks_and_targets_render_as_tables() {
    let t = flat(&pdf_text(&pdf("gio-son-2025")));
    assert!(t.contains("Trước ngày 28/3/2025"));
    assert!(t.contains("Năm 2025"));
    // Group row with a Roman numeral, then tasks numbered from 1.
    let w = words(&pdf("gio-son-2025"));
    let group = w.iter().find(|x| x.text == "Đẩy" && w.iter().any(|y| y.page == x.page && y.text == "TT")).unwrap();
    let row: Vec<&str> = w.iter().filter(|y| y.page == group.page && (y.y0 - group.y0).abs() < 0.5 && y.x1 <= group.x0).map(|y| y.text.as_str()).collect();
    assert_eq!(row, ["I"], "the group row starts with its Roman numeral");
    let first_task = w.iter().find(|y| y.page == group.page && y.text == "Tăng").unwrap();
    let stt: Vec<&str> = w.iter().filter(|y| y.page == group.page && y.x1 < first_task.x0 && y.y0 > group.y1).map(|y| y.text.as_str()).collect();
    assert_eq!(stt.first(), Some(&"1"), "tasks numbered from 1 under the group");
    // Numbers print the Vietnamese way.
    assert!(t.contains("7,56") && t.contains("43,98"));
    let t = flat(&pdf_text(&pdf("my-hoa-hung-2024")));
    assert!(t.contains("Tối thiểu 80"));
    let w = words(&pdf("my-hoa-hung-2024"));
    assert!(w.iter().any(|x| x.text == "6.1") && w.iter().any(|x| x.text == "6.2"), "sub-targets numbered 6.1, 6.2");
    // A cell's lines, read down its column (text extraction may interleave a neighbouring
    // cell whose lines sit level with them).
    let cell = |first: &Word| -> String {
        let mid = (first.x0 + first.x1) / 2.0;
        let mut ws: Vec<&Word> = w
            .iter()
            .filter(|y| {
                y.page == first.page && y.y0 >= first.y0 - 0.5 && y.y0 < first.y0 + 20.0 && (y.x0 + y.x1) / 2.0 > mid - 14.0 && (y.x0 + y.x1) / 2.0 < mid + 14.0
            })
            .collect();
        ws.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
        ws.iter().map(|y| y.text.as_str()).collect::<Vec<_>>().join(" ")
    };
    assert!(w.iter().filter(|x| x.text == "Trước").any(|x| cell(x).contains("Trước ngày 30 tháng 4 năm 2024")), "{t}");
    assert!(t.contains("Quý I năm 2024"));
}

#[test]
fn appendices_are_labelled_and_referenced_by_key() {
    let t = flat(&pdf_text(&pdf("gio-son-2025")));
    assert!(t.contains("(Chỉ tiêu cụ thể giao được nêu tại Phụ lục II)"));
    assert!(t.contains("tại Phụ lục I danh mục các nhiệm vụ"));
    assert!(t.contains("Phụ lục I DANH MỤC CÁC NHIỆM VỤ, GIẢI PHÁP"));
    assert!(t.contains("(Kèm theo Kế hoạch số 175/KH-UBND ngày 17 tháng 02 năm 2025 của Ủy ban nhân dân xã Gio Sơn)"));
    // A single appendix has no numeral.
    let t = flat(&pdf_text(&pdf("my-hoa-hung-2024")));
    assert!(t.contains("(Chi tiết theo Phụ lục đính kèm)"));
    assert!(t.contains("Phụ lục CÁC NHIỆM VỤ KIỂM SOÁT THỦ TỤC HÀNH CHÍNH NĂM 2024"));
}

#[test]
fn recipients_and_signature() {
    let t = flat(&pdf_text(&pdf("dien-khanh-2025")));
    assert!(t.contains("Nơi nhận (VBĐT):"));
    assert!(t.contains("- Lưu: VT, PVHCC xã."));
    assert!(t.contains("TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH"));
    let w = words(&pdf("gio-son-2025"));
    let label = w.iter().find(|x| x.text == "Nơi").unwrap();
    let tm = w.iter().find(|x| x.text == "TM.").unwrap();
    assert_eq!(label.page, tm.page);
    assert!((label.y0 - tm.y0).abs() < 2.0, "Nơi nhận level with the signature: {} vs {}", label.y0, tm.y0);
    assert!(tm.x0 > label.page_w / 2.0 - 10.0);
}

#[test]
fn page_geometry_follows_the_decree() {
    for p in PLANS {
        let w = words(&pdf(p));
        for x in &w {
            let portrait = x.page_w < x.page_h;
            assert!((x.page_w - if portrait { 210.0 } else { 297.0 }).abs() < 0.5, "{p}: A4");
            if x.y0 > 19.0 {
                assert!(x.x0 >= 29.9, "{p} p{}: '{}' at {:.1} mm from the left", x.page, x.text, x.x0);
                assert!(x.page_w - x.x1 >= 14.9, "{p} p{}: '{}' {:.1} mm from the right", x.page, x.text, x.page_w - x.x1);
                assert!(x.page_h - x.y1 >= 19.9, "{p} p{}: '{}' in the bottom margin", x.page, x.text);
            }
        }
        // Page numbers: none on page 1; "2" centred in the top margin of page 2.
        assert!(!w.iter().any(|x| x.page == 1 && x.y1 < 20.0), "{p}: nothing in page 1's top margin");
        let n = w.iter().find(|x| x.page == 2 && x.y1 < 20.0).expect("page number on page 2");
        assert_eq!(n.text, "2");
        assert!(((n.x0 + n.x1) / 2.0 - (30.0 + 195.0) / 2.0).abs() < 3.0, "{p}: centred");
    }
}

#[test]
fn appendix_pages_are_landscape_and_renumbered() {
    let p = pdf("gio-son-2025");
    let w = words(&p);
    let first_app = w.iter().find(|x| x.text == "Phụ" && x.y0 < 40.0).unwrap().page;
    let on = |page: usize| w.iter().find(|x| x.page == page).unwrap().clone();
    assert!(on(first_app).page_w > on(first_app).page_h, "landscape appendix");
    assert!(on(1).page_w < on(1).page_h, "portrait body");
    assert!(!w.iter().any(|x| x.page == first_app && x.y1 < 19.0), "no number on an appendix's first page");
    let next = w.iter().find(|x| x.page == first_app + 1 && x.y1 < 19.0).unwrap();
    assert_eq!(next.text, "2", "numbering restarts in each appendix");
}

#[test]
fn output_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/gio-son-2025.yaml");
    for sub in ["a", "b"] {
        let out = dir.path().join(sub);
        let o = run(&["render", "--no-system-fonts", "--out", out.to_str().unwrap(), plan.to_str().unwrap()]);
        assert!(o.status.success());
    }
    let a = std::fs::read(dir.path().join("a/gio-son-2025.pdf")).unwrap();
    let b = std::fs::read(dir.path().join("b/gio-son-2025.pdf")).unwrap();
    assert!(a == b, "same YAML, same bytes");
    assert_eq!(a, std::fs::read(pdf("gio-son-2025")).unwrap(), "and the same as the batch run");
}

#[test]
fn fonts_are_embedded_times_metric() {
    let o = std::process::Command::new("pdffonts").arg(pdf("bo-y-2025")).output().unwrap();
    let s = String::from_utf8_lossy(&o.stdout);
    let rows: Vec<&str> = s.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for r in rows {
        assert!(r.contains("LiberationSerif"), "{r}");
        assert!(r.split_whitespace().rev().nth(4) == Some("yes"), "embedded: {r}");
    }
}

#[test]
fn no_plan_prints_an_escape_backslash() {
    // my-hoa-hung wrote its numbered lines "1\. Thuê trụ sở…" and the backslash printed.
    for p in PLANS {
        let t = pdf_text(&pdf(p));
        assert!(!t.contains('\\'), "{p}: {}", t.lines().find(|l| l.contains('\\')).unwrap());
    }
}
