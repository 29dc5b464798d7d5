//! `kehoach import`: Word documents back into plans. Round trips of every plan (kehoach's own
//! DOCX → YAML → the same document), Word-made documents (tests/fixtures/word/, see
//! tests/README.md), the two real Lâm Đồng documents, and refused input.

mod util;

use kehoach::plan::load::{self, Source};
use kehoach::plan::model::{Block, Plan, TargetName, TaskEntry};
use std::path::{Path, PathBuf};
use util::*;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/word").join(name)
}

/// Imports `docx` into `dir`; the YAML, the warnings printed, the exit status.
fn import(docx: &Path, dir: &Path, extra: &[&str]) -> (String, String, i32) {
    let out = dir.join(format!("{}.yaml", docx.file_stem().unwrap().to_string_lossy()));
    let mut args = vec!["import", docx.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = run(&args);
    let yaml = std::fs::read_to_string(&out).unwrap_or_default();
    (yaml, stderr(&o), o.status.code().unwrap_or(-1))
}

fn parse(yaml: &str) -> Plan {
    let src = Source::from_bytes(Path::new("x.yaml"), yaml.as_bytes(), kehoach::plan::limits::MAX_PLAN_BYTES).unwrap();
    load::parse(&src).unwrap_or_else(|d| panic!("{d:?}\n{yaml}"))
}

/// The structure a rendering shows: parts, numbered items, points, tasks, targets, tables and
/// their rows, appendices with their orientation.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    can_cu: usize,
    mo_dau: usize,
    ket_thuc: usize,
    parts: usize,
    muc: usize,
    points: usize,
    paragraphs: usize,
    tasks: usize,
    task_groups: usize,
    targets: usize,
    tables: Vec<(usize, usize)>,
    appendices: Vec<(bool, usize)>,
    recipients: usize,
}

fn shape(p: &Plan) -> Shape {
    fn tasks(ts: &[TaskEntry], s: &mut Shape) {
        for t in ts {
            match &t.nhiem_vu {
                Some(sub) if t.nhom.is_some() => {
                    s.task_groups += 1;
                    tasks(sub, s)
                }
                _ => s.tasks += 1,
            }
        }
    }
    fn targets(ts: &[kehoach::plan::model::TargetEntry], s: &mut Shape) {
        for t in ts {
            match &t.chi_tieu {
                Some(TargetName::List(l)) => targets(l, s),
                _ => s.targets += 1,
            }
            targets(t.chi_tiet.as_deref().unwrap_or(&[]), s);
        }
    }
    fn blocks(bs: &[Block], s: &mut Shape) {
        for b in bs {
            match b {
                Block::Paragraph(_) => s.paragraphs += 1,
                Block::Map(m) => {
                    if m.muc.is_some() {
                        s.muc += 1;
                    }
                    if m.gach.is_some() || m.cong.is_some() {
                        s.points += 1;
                    }
                    if let Some(t) = &m.bang {
                        s.tables.push((t.tieu_de.len(), t.hang.len()));
                    }
                    tasks(m.nhiem_vu.as_deref().unwrap_or(&[]), s);
                    targets(m.chi_tieu.as_deref().unwrap_or(&[]), s);
                    blocks(m.noi_dung.as_deref().unwrap_or(&[]), s);
                }
            }
        }
    }
    let mut s =
        Shape { can_cu: p.can_cu.len(), mo_dau: p.mo_dau.len(), ket_thuc: p.ket_thuc.len(), recipients: p.noi_nhan.danh_sach.len(), ..Shape::default() };
    s.parts = p.noi_dung.iter().filter(|b| matches!(b, Block::Map(m) if m.muc.is_some())).count();
    blocks(&p.noi_dung, &mut s);
    for a in &p.phu_luc {
        let before = s.tables.len() + s.tasks + s.targets + s.muc;
        blocks(&a.noi_dung, &mut s);
        s.appendices.push((a.huong.as_deref() == Some("ngang"), s.tables.len() + s.tasks + s.targets + s.muc - before));
    }
    s
}

/// Recall of `a`'s tokens in `b`, and of `b`'s in `a`.
fn both_ways(a: &str, b: &str) -> (f64, f64) {
    let (ta, tb) = (tokens(a, false), tokens(b, false));
    (recall(&ta, &tb), recall(&tb, &ta))
}

#[test]
fn every_plan_round_trips_to_the_same_document() {
    let dir = tempfile::tempdir().unwrap();
    for p in PLANS {
        let docx = rendered().join(format!("{p}.docx"));
        let (yaml, err, code) = import(&docx, dir.path(), &[]);
        assert_eq!(code, 0, "{p}: {err}");
        let back = dir.path().join(format!("{p}.yaml"));
        let o = run(&["validate", back.to_str().unwrap()]);
        assert!(o.status.success(), "{p}: {}", stderr(&o));
        let out = dir.path().join("out");
        let o = run(&["render", "--no-system-fonts", "--format", "all", "--out", out.to_str().unwrap(), back.to_str().unwrap()]);
        assert!(o.status.success(), "{p}: {}", stderr(&o));

        let (a, b) = both_ways(&docx_text(&docx), &docx_text(&out.join(format!("{p}.docx"))));
        assert!(a >= 0.99 && b >= 0.99, "{p} docx: recall {a:.4}, precision {b:.4}");
        let (c, d) = both_ways(&pdf_text(&rendered().join(format!("{p}.pdf"))), &pdf_text(&out.join(format!("{p}.pdf"))));
        assert!(c >= 0.99 && d >= 0.99, "{p} pdf: recall {c:.4}, precision {d:.4}");
        eprintln!("{p}: docx recall {a:.4} precision {b:.4}; pdf recall {c:.4} precision {d:.4}");
        // Stronger than the measure: the same paragraphs, cells and lines, in order; the same
        // lines on the pages (column widths included).
        assert_eq!(docx_text(&docx), docx_text(&out.join(format!("{p}.docx"))), "{p}: the re-rendered DOCX differs");
        assert_eq!(pdf_text(&rendered().join(format!("{p}.pdf"))), pdf_text(&out.join(format!("{p}.pdf"))), "{p}: the re-rendered PDF differs");

        let original = parse(&std::fs::read_to_string(root().join(format!("plans/{p}.yaml"))).unwrap());
        assert_eq!(shape(&parse(&yaml)), shape(&original), "{p}: structure");
        assert!(!yaml.contains("# kehoach import:"), "{p}: kehoach's own document needs no guess:\n{err}");
    }
}

/// A plan that uses every construct the format has (but targets as points, which print as
/// plain points and import as such).
const EVERYTHING: &str = r#"co_quan:
  cap_tren: UBND huyện Thử Nghiệm
  ten: [Ủy ban nhân dân, Xã Đủ Loại]
  viet_tat: UBND
loai: chuong_trinh
so: 7
ngay: 15/01/2026
trich_yeu: "Mọi cấu trúc: phần, điểm, bảng và phụ lục"
can_cu:
  - Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;
mo_dau:
  - "Ủy ban nhân dân xã ban hành Chương trình như sau:"
noi_dung:
  - muc: Mục tiêu
    noi_dung:
      - Một đoạn có **chữ đậm** và *chữ nghiêng*, một dấu \* sao.
      - muc: Chỉ tiêu chính
        so_con: thap_phan
        noi_dung:
          - muc: Chỉ tiêu con thứ nhất.
          - muc: Chỉ tiêu con thứ hai
            noi_dung:
              - gach: Một ý.
              - cong: Một ý con.
      - muc: "Xây dựng kế hoạch cụ thể như sau:"
        kieu: doan
        noi_dung:
          - gach: Rà soát thủ tục.
          - gach: Công khai kết quả.
      - muc: Yêu cầu
        noi_dung:
          - muc: Điểm có nội dung
            noi_dung:
              - Chi tiết tại {{ phu_luc.bang }} và {{ phu_luc.viec }}.
          - muc: Điểm là một đoạn.
  - muc: Nhiệm vụ
    noi_dung:
      - nhiem_vu:
          - nhom: Nhóm một
            nhiem_vu:
              - ten: Việc có tên
                noi_dung:
                  - "Nội dung:"
                  - gach: Bước một.
                chu_tri: Văn phòng
                phoi_hop: Các thôn
                thoi_gian: Trước ngày 28/02/2026
                san_pham: [Báo cáo, Danh sách]
                ghi_chu: Ghi chú một
          - noi_dung: Việc không nhóm
            chu_tri: Công an xã
            thoi_gian: Quý II năm 2026
      - trinh_bay: van_xuoi
        nhan: {noi_dung: Hình thức}
        nhiem_vu:
          - ten: Việc viết thành văn
            noi_dung:
              - gach: Cách một.
            phan_cong:
              - gach: "Văn phòng: chủ trì."
            chu_tri: Văn phòng
            thoi_gian: Tháng 3/2026
      - chi_tieu:
          - nhom: Nhóm chỉ tiêu
            chi_tieu:
              - chi_tieu: Tỷ lệ hồ sơ trực tuyến
                don_vi: "%"
                hien_tai: 56.2
                muc_tieu: tối thiểu 80
                chu_tri: Trung tâm
                chi_tiet:
                  - chi_tieu: Cấp xã
                    don_vi: "%"
                    muc_tieu: 85
          - chi_tieu: Số hồ sơ
            don_vi: hồ sơ
            muc_tieu: 5280
ket_thuc:
  - Trên đây là Chương trình của UBND xã Đủ Loại.
noi_nhan:
  ghi_chu: VBĐT
  danh_sach: [UBND huyện, Các thôn]
  luu: VT, VP
ky:
  thay_mat: Ủy ban nhân dân
  quyen: Chủ tịch
  chuc_vu: Phó Chủ tịch
  ho_ten: Nguyễn Văn Đủ
phu_luc:
  - id: bang
    tieu_de: Bảng có ô gộp
    huong: ngang
    noi_dung:
      - bang:
          stt: true
          rong: [1, 4, 2, 2]
          tieu_de:
            - [{o: STT, gop_doc: 2}, {o: Đơn vị, gop_doc: 2}, {o: Kết quả, gop_ngang: 2}]
            - [Năm 2025, Năm 2026]
          hang:
            - nhom: Khối xã
            - [Thôn Một, 12.5, 5280]
            - [Thôn Hai, {o: Cùng một ô, gop_ngang: 2}]
          chu_thich:
            - (1) Ghi chú dưới bảng.
  - id: viec
    tieu_de: Danh mục việc
    noi_dung:
      - muc: Nhóm việc
        noi_dung:
          - bang:
              rong: [1, 1]
              hang:
                - [a, b]
"#;

#[test]
fn a_plan_with_every_construct_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let plan = write_plan(dir.path(), "everything.yaml", EVERYTHING);
    let out = dir.path().join("a");
    let o = run(&["render", "--no-system-fonts", "--format", "docx", "--out", out.to_str().unwrap(), plan.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (yaml, err, code) = import(&out.join("everything.docx"), dir.path(), &["--force"]);
    assert_eq!(code, 0, "{err}");
    let back = dir.path().join("b");
    let o = run(&["render", "--no-system-fonts", "--format", "docx", "--out", back.to_str().unwrap(), dir.path().join("everything.yaml").to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(docx_text(&out.join("everything.docx")), docx_text(&back.join("everything.docx")));
    assert_eq!(shape(&parse(&yaml)), shape(&parse(EVERYTHING)));
    let p = parse(&yaml);
    assert_eq!(p.loai.as_deref(), Some("chuong_trinh"));
    assert_eq!(p.co_quan.cap_tren.as_deref(), Some("UBND huyện Thử Nghiệm"));
    assert_eq!(p.ky.quyen.as_deref(), Some("Chủ tịch"));
    assert_eq!(p.noi_nhan.ghi_chu.as_deref(), Some("VBĐT"));
    assert!(yaml.contains("so_con: thap_phan") && yaml.contains("trinh_bay: van_xuoi") && yaml.contains("stt: true"));
    assert!(yaml.contains("  - muc: \"Xây dựng kế hoạch cụ thể như sau:\"\n        kieu: doan\n"), "a numbered paragraph with points:\n{yaml}");
    assert!(yaml.contains("{{ phu_luc.phu-luc-1 }} và {{ phu_luc.phu-luc-2 }}"), "references back to keys:\n{yaml}");
    assert!(yaml.contains(r"một dấu \* sao"), "a literal star stays escaped");
}

/// The YAML's first version is a clean base for diffs: one fact per line, the format's key order.
#[test]
fn yaml_is_canonical() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, _, _) = import(&rendered().join("gio-son-2025.docx"), dir.path(), &[]);
    let keys: Vec<&str> = yaml.lines().filter(|l| !l.starts_with([' ', '#', '-']) && l.contains(':')).map(|l| l.split(':').next().unwrap()).collect();
    assert_eq!(keys, ["co_quan", "so", "dia_danh", "ngay", "trich_yeu", "noi_dung", "ket_thuc", "noi_nhan", "ky", "phu_luc"]);
    assert!(yaml.contains("  ten: [Ủy ban nhân dân, Xã Gio Sơn]\n  viet_tat: UBND\n"));
    assert!(yaml.contains("      - nhan:\n          stt: TT\n"), "labels before the long task list");
    // The same document imports to the same bytes.
    let dir2 = tempfile::tempdir().unwrap();
    assert_eq!(yaml, import(&rendered().join("gio-son-2025.docx"), dir2.path(), &[]).0);
}

#[test]
fn word_made_plan_is_read_as_the_page_shows_it() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, err, code) = import(&fixture("word-plan.docx"), dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let p = parse(&yaml);
    assert_eq!(p.co_quan.cap_tren.as_deref(), Some("UBND huyện An Phú"));
    assert_eq!(p.co_quan.ten.0, ["Ủy ban nhân dân", "Xã Phú Hữu"]);
    assert_eq!(p.so.as_ref().map(|s| s.0.as_str()), Some("12"));
    assert_eq!(p.ngay.0, "05/3/2026");
    assert_eq!(p.dia_danh.as_deref(), Some("Phú Hữu"));
    assert_eq!(p.trich_yeu, "Nâng cao tỷ lệ hồ sơ trực tuyến trên địa bàn xã Phú Hữu năm 2026");
    // Runs split mid-word, a bookmark and a comment around the first căn cứ.
    assert_eq!(p.can_cu, ["Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;", "Căn cứ Kế hoạch số 45/KH-UBND ngày 10/01/2026 của UBND huyện An Phú;"]);
    assert!(!yaml.contains("Kiểm tra lại"), "comment text is not the page's");
    // Tracked changes accepted, hidden text and field codes out, the field's result in.
    assert!(yaml.contains("Không để hồ sơ trễ hạn trong năm 2026."));
    assert!(!yaml.contains("chậm muộn") && !yaml.contains("GHI CHÚ ẨN") && !yaml.contains("PAGEREF"));
    assert!(yaml.contains("Chi tiết tại trang 3 và {{ phu_luc.phu-luc-1 }} kèm theo."));
    // w:tab and w:br as spaces, a no-break hyphen, the Symbol font's ≥.
    assert!(yaml.contains("Hoàn thành đúng hạn theo lịch tuần 1-2 ≥ 95% hồ sơ."), "{yaml}");

    let s = shape(&p);
    assert_eq!(s.parts, 3, "I, II auto-numbered, III typed");
    assert_eq!((s.tasks, s.task_groups, s.targets), (3, 1, 2));
    assert_eq!(s.appendices, vec![(true, 2)], "one landscape appendix: a heading and its table");
    assert_eq!(s.tables, vec![(2, 2)], "two header rows");
    assert!(yaml.contains("so_con: thap_phan"), "1.1. under 1.");
    assert!(yaml.contains("- cong: Tại Bộ phận Một cửa;"), "a level-1 bullet is a + point");
    assert!(yaml.contains("{o: STT, gop_doc: 2}") && yaml.contains("gop_ngang: 2}"));
    assert!(yaml.contains("chu_thich:\n                - (1) Số hồ sơ"));
    // The chủ trì cell merged over two tasks is repeated, and said.
    assert_eq!(yaml.matches("chu_tri: Văn hóa - Xã hội").count(), 2);
    assert!(err.contains("ô gộp dọc") && yaml.contains("# kehoach import: ô gộp dọc"));
    assert_eq!((p.ky.thay_mat.as_deref(), p.ky.ky_thay.as_deref(), p.ky.ho_ten.as_str()), (Some("Ủy ban nhân dân"), Some("Chủ tịch"), "Lê Văn Bình"));
    assert!(err.contains("(Đã ký)"), "a line kehoach does not print is named:\n{err}");
    assert_eq!((p.noi_nhan.danh_sach.len(), p.noi_nhan.luu.as_str()), (2, "VT, VP"));
    // The appendix list restarted with startOverride: no renumbering to report.
    assert!(!err.contains("không liên tiếp"), "{err}");
    assert!(err.contains("2 cảnh báo"), "the final line counts the warnings:\n{err}");
}

#[test]
fn libreoffice_saved_copy_imports_alike() {
    let dir = tempfile::tempdir().unwrap();
    let (word, _, _) = import(&fixture("word-plan.docx"), dir.path(), &[]);
    let (lo, err, code) = import(&fixture("word-plan-lo.docx"), dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(shape(&parse(&lo)), shape(&parse(&word)));
    // LibreOffice recomputes the page field (3 → 1) and names the file: nothing else differs.
    let strip = |s: &str| s.lines().skip(1).map(|l| l.replace("trang 1 ", "trang 3 ")).collect::<Vec<_>>();
    assert_eq!(strip(&lo), strip(&word));
}

#[test]
fn header_in_tabbed_paragraphs_a_draft_and_parts_numbered_1_2() {
    let dir = tempfile::tempdir().unwrap();
    let (yaml, err, code) = import(&fixture("word-stacked.docx"), dir.path(), &["--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let p = parse(&yaml);
    assert_eq!(p.co_quan.ten.0, ["Ủy ban nhân dân", "Xã Tân An"]);
    assert!(p.so.is_none(), "a blank number stays a draft");
    assert_eq!(p.ngay.0, "9/2026", "a blank day is a partial date");
    assert_eq!(p.ky.chuc_vu, "Chủ tịch");
    assert_eq!(p.ky.ho_ten, "Trần Thị Cúc");
    let s = shape(&p);
    assert_eq!((s.parts, s.tasks), (3, 2));
    assert!(yaml.contains("trinh_bay: gach"), "\"- Chủ trì: …\" lines stay dash lines");
    assert!(err.contains("warning: paragraph “Mục tiêu”: parts numbered 1, 2"), "English warnings with --lang en:\n{err}");
    assert!(yaml.contains("# kehoach import: đoạn “Mục tiêu”"), "the YAML's comments are Vietnamese");
}

/// Renders the plan imported from `src` into `dir` and returns the share of the Word document's
/// text (every text node of its document.xml) found in that rendering. Its precision is only
/// printed: kehoach adds what the document lacks (a placeholder trích yếu, KẾ HOẠCH for QUYẾT ĐỊNH…).
fn recall_after_render(src: &Path, dir: &Path) -> f64 {
    let stem = src.file_stem().unwrap().to_string_lossy().to_string();
    let out = dir.join("out");
    let plan = dir.join(format!("{stem}.yaml"));
    let o = run(&["render", "--no-system-fonts", "--format", "docx", "--out", out.to_str().unwrap(), plan.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (r, p) = both_ways(&docx_text(src), &docx_text(&out.join(format!("{stem}.docx"))));
    eprintln!("{stem}: recall {r:.4}, precision {p:.4}");
    r
}

#[test]
fn real_decision_keeps_every_table_and_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("lamdong-qd-chiso-cchc-2025.docx");
    let (yaml, err, code) = import(&src, dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let p = parse(&yaml);
    let s = shape(&p);
    assert_eq!(s.appendices, vec![(false, 4), (false, 1)], "Phụ lục I: two headings and their tables, Phụ lục II: a table; portrait as on the page");
    assert_eq!(s.tables.iter().map(|t| t.1).collect::<Vec<_>>(), [17, 1, 127], "every row, the summary rows included");
    assert!(yaml.contains("{o: \"**Chỉ số cao nhất**\", gop_ngang: 4}"), "a summary row merged across four columns");
    assert_eq!((p.ky.ky_thay.as_deref(), p.ky.chuc_vu.as_str(), p.ky.ho_ten.as_str()), (Some("Chủ tịch"), "Phó Chủ tịch", "Nguyễn Ngọc Phúc"));
    assert_eq!(p.ngay.0, "02/2026");
    assert!(err.contains("QUYẾT ĐỊNH") && err.contains("giữ nguyên như đoạn văn"), "it says what it guessed:\n{err}");
    assert!(yaml.contains("Tại {{ phu_luc.phu-luc-1 }} đính kèm"));
    let r = recall_after_render(&src, dir.path());
    assert!(r >= 0.99, "recall of the document's text {r:.4}");
}

#[test]
fn real_report_appendix_keeps_merged_headers_and_landscape() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("lamdong-bc-cchc-2025-phuluc.docx");
    let (yaml, err, code) = import(&src, dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let p = parse(&yaml);
    assert_eq!(p.loai.as_deref(), Some("bao_cao"), "from its (Kèm theo Báo cáo …) line");
    assert_eq!((p.ngay.0.as_str(), p.dia_danh.as_deref()), ("12/2025", Some("Lâm Đồng")));
    let s = shape(&p);
    assert_eq!(s.appendices.len(), 1);
    assert!(s.appendices[0].0, "its sections are landscape");
    let source_tables = docx_part(&src, "word/document.xml").matches("<w:tbl>").count();
    assert_eq!(s.tables.len(), source_tables, "every table kept");
    assert!(s.tables.iter().all(|t| t.0 == 2), "two-row headers");
    assert!(yaml.matches("gop_doc: 2}").count() >= 9 && yaml.contains("{o: Kết quả thống kê, gop_ngang: 2}"));
    for what in ["(Kèm theo", "trich_yeu", "noi_nhan", "`ky`"] {
        assert!(err.contains(what), "warns where it guessed ({what}):\n{err}");
    }
    let r = recall_after_render(&src, dir.path());
    assert!(r >= 0.99, "recall of the document's text {r:.4}");
}

#[test]
fn refused_input_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("cu.doc");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0u8; 512]);
    std::fs::write(&doc, &ole).unwrap();
    let (_, err, code) = import(&doc, dir.path(), &[]);
    assert_eq!(code, 1);
    assert!(err.contains("tệp .doc (Word 97-2003): hãy mở bằng Word và lưu lại dạng .docx"), "{err}");
    assert!(!dir.path().join("cu.yaml").exists());

    let junk = dir.path().join("rac.docx");
    std::fs::write(&junk, "không phải zip").unwrap();
    let (_, err, code) = import(&junk, dir.path(), &["--lang", "en"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a Word .docx file"), "{err}");

    // A zip without a main document.
    let zipped = dir.path().join("rong.docx");
    {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(std::fs::File::create(&zipped).unwrap());
        z.start_file("a.txt", zip::write::SimpleFileOptions::default()).unwrap();
        z.write_all(b"x").unwrap();
        z.finish().unwrap();
    }
    assert_eq!(import(&zipped, dir.path(), &[]).2, 1);
}

#[test]
fn output_next_to_the_input_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("KE-HOACH-2025.docx");
    std::fs::copy(rendered().join("bo-y-2025.docx"), &docx).unwrap();
    let o = run(&["import", docx.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let yaml = dir.path().join("KE-HOACH-2025.yaml");
    let first = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, "sửa tay").unwrap();
    let o = run(&["import", docx.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&yaml).unwrap(), "sửa tay", "the clerk's edits are kept");
    let o = run(&["import", docx.to_str().unwrap(), "--force"]);
    assert!(o.status.success());
    assert_eq!(std::fs::read_to_string(&yaml).unwrap(), first);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "written through a temporary file, renamed");
}
