//! The DOCX: real Word structure, the same text as the PDF, the decree's page, the same bytes every time.

mod util;

use std::path::PathBuf;
use util::*;

fn docx(p: &str) -> PathBuf {
    rendered().join(format!("{p}.docx"))
}

#[test]
fn render_writes_both_formats_by_default() {
    for p in PLANS {
        assert!(rendered().join(format!("{p}.pdf")).exists());
        assert!(std::fs::read(docx(p)).unwrap().starts_with(b"PK"));
    }
}

#[test]
fn same_text_as_the_pdf() {
    for p in PLANS {
        let d = tokens(&docx_text(&docx(p)), false);
        let f = tokens(&pdf_text(&rendered().join(format!("{p}.pdf"))), false);
        // The PDF also carries page numbers (the DOCX has PAGE fields) and repeats table
        // headers on every page (the DOCX marks them once): leave those out going that way.
        let repeated = [
            "stt", "tt", "nội", "dung", "cơ", "quan", "chủ", "trì", "phối", "hợp", "thời", "gian", "hoàn", "thành", "thực", "hiện", "kết", "quả", "ghi", "chú",
            "sản", "phẩm", "nhiệm", "vụ", "giải", "pháp", "chỉ", "tiêu", "đơn", "vị", "năm", "đánh", "giá", "2024", "2025", "2026",
        ];
        let f_body: Vec<String> =
            f.iter().filter(|t| !(repeated.contains(&t.as_str()) || t.len() <= 2 && t.chars().all(|c| c.is_ascii_digit()))).cloned().collect();
        let (a, b) = (recall(&d, &f), recall(&f_body, &d));
        assert!(a >= 0.995 && b >= 0.995, "{p}: docx→pdf {a:.4}, pdf→docx {b:.4}");
    }
}

#[test]
fn headings_are_named_styles_with_outline_levels() {
    let xml = docx_part(&docx("gio-son-2025"), "word/document.xml");
    let styles = docx_part(&docx("gio-son-2025"), "word/styles.xml");
    for (id, name, lvl) in [("Heading1", "heading 1", 0), ("Heading2", "heading 2", 1), ("Heading3", "heading 3", 2)] {
        assert!(styles.contains(&format!("w:styleId=\"{id}\"><w:name w:val=\"{name}\"/>")), "{id}");
        assert!(styles.contains(&format!("<w:outlineLvl w:val=\"{lvl}\"/>")));
    }
    assert_eq!(xml.matches("<w:pStyle w:val=\"Heading1\"/>").count(), 3, "I, II, III");
    let h1 = xml.split("<w:pStyle w:val=\"Heading1\"/>").nth(1).unwrap();
    assert!(h1.split("</w:p>").next().unwrap().contains("I. </w:t>"));
    assert!(styles.contains("w:ascii=\"Times New Roman\""));
}

#[test]
fn sections_page_numbers_and_orientation() {
    let xml = docx_part(&docx("gio-son-2025"), "word/document.xml");
    let sects: Vec<&str> = xml.split("<w:sectPr>").skip(1).collect();
    assert_eq!(sects.len(), 3, "the plan and its two appendices");
    for s in &sects {
        assert!(s.starts_with("<w:headerReference w:type=\"default\""), "header references first, as the schema orders them");
        assert!(s.contains("<w:pgNumType w:start=\"1\"/>"), "numbering restarts");
        assert!(s.contains("<w:titlePg/>"), "no number on a part's first page");
        assert!(s.contains("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""), "20/15/20/30 mm");
    }
    assert!(sects[0].contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4 portrait");
    assert!(sects[1].contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"), "landscape appendix");
    let header = docx_part(&docx("gio-son-2025"), "word/header1.xml");
    assert!(header.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
    assert!(header.contains("<w:jc w:val=\"center\"/>"));
}

#[test]
fn tables_repeat_headers_merge_cells_and_keep_short_rows() {
    let xml = docx_part(&docx("gio-son-2025"), "word/document.xml");
    let tables: Vec<&str> = xml.split("<w:tbl>").skip(1).collect();
    // header block, signature block, the task table, the target table
    assert_eq!(tables.len(), 4);
    let targets = tables[3];
    let rows: Vec<&str> = targets.split("<w:tr>").skip(1).collect();
    assert!(rows[0].contains("<w:tblHeader/>") && rows[1].contains("<w:tblHeader/>"), "both header rows repeat");
    assert!(!rows[2].contains("<w:tblHeader/>"));
    assert!(rows[0].contains("<w:gridSpan w:val=\"2\"/>"), "Năm 2024 / Năm 2025 under one heading");
    assert!(rows[0].contains("<w:vMerge w:val=\"restart\"/>") && rows[1].contains("<w:vMerge/>"), "STT spans two header rows");
    assert!(rows[3].contains("<w:cantSplit/>"), "a short row never breaks");
    assert!(targets.contains(">7,56<"));
    // A long table repeats its header: the Mỹ Hòa Hưng appendix.
    let xml = docx_part(&docx("my-hoa-hung-2024"), "word/document.xml");
    let long = xml.split("<w:tbl>").skip(2).filter(|t| t.matches("<w:tr>").count() >= 8).count();
    let marked =
        xml.split("<w:tbl>").skip(2).filter(|t| t.matches("<w:tr>").count() >= 8 && t.split("<w:tr>").nth(1).unwrap().contains("<w:tblHeader/>")).count();
    assert!(long >= 3 && long == marked, "{marked}/{long}");
}

#[test]
fn header_and_signature_blocks() {
    let text = docx_text(&docx("dien-khanh-2025"));
    let lines: Vec<&str> = text.lines().map(|l| l.trim_matches('\t')).collect();
    assert!(lines.contains(&"ỦY BAN NHÂN DÂN") && lines.contains(&"XÃ DIÊN KHÁNH"));
    assert!(lines.contains(&"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") && lines.contains(&"Độc lập - Tự do - Hạnh phúc"));
    assert!(text.contains("Diên Khánh, ngày\u{a0}"), "a draft leaves the day blank");
    assert!(lines.contains(&"Nơi nhận (VBĐT):") && lines.contains(&"- Lưu: VT, PVHCC xã."));
    assert!(lines.contains(&"TM. ỦY BAN NHÂN DÂN") && lines.contains(&"KT. CHỦ TỊCH") && lines.contains(&"PHÓ CHỦ TỊCH"));
    // "Nơi nhận:" is 12 pt bold italic, in the same row as the first signature line.
    let xml = docx_part(&docx("dien-khanh-2025"), "word/document.xml");
    let row = xml.split("<w:tr>").find(|r| r.contains("Nơi nhận")).unwrap();
    assert!(row.contains("TM. ỦY BAN NHÂN DÂN"));
    assert!(row.contains("<w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val=\"24\"/>"));
}

#[test]
fn byte_identical_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let plan = root().join("plans/my-hoa-hung-2024.yaml");
    let out = dir.path().to_str().unwrap();
    let o = run(&["render", "--format", "docx", "--out", out, plan.to_str().unwrap()]);
    assert!(o.status.success());
    assert_eq!(std::fs::read(dir.path().join("my-hoa-hung-2024.docx")).unwrap(), std::fs::read(docx("my-hoa-hung-2024")).unwrap());
    assert!(!dir.path().join("my-hoa-hung-2024.pdf").exists(), "--format docx writes only the DOCX");
}

#[test]
fn every_docx_passes_an_iso_29500_schema_check_with_theme_and_web_settings() {
    // openxml-audit (PyPI) checks the package offline against the ISO 29500 Transitional schemas
    // and the relationships Word expects; scripts/test installs it.
    for p in PLANS {
        let f = docx(p);
        assert!(docx_part(&f, "word/theme/theme1.xml").contains("<a:latin typeface=\"Times New Roman\"/>"), "{p}: theme");
        assert!(docx_part(&f, "word/webSettings.xml").contains("<w:webSettings"), "{p}: web settings");
        assert!(docx_part(&f, "word/_rels/document.xml.rels").contains("relationships/theme\" Target=\"theme/theme1.xml\""), "{p}");
        assert_schema_valid(&f, p);
    }
}
