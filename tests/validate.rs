//! Bad input: every case names file, line, column and field, says what was expected, exits 1, never panics.

mod util;

use util::*;

struct Case {
    name: &'static str,
    /// Edits applied to the minimal plan: (find, replace).
    edits: &'static [(&'static str, &'static str)],
    /// Text the first diagnostic must contain, location included.
    want: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "unknown field, with the nearest key suggested",
        edits: &[("trich_yeu: Kế hoạch thử", "trich_yue: Kế hoạch thử")],
        want: &["plan.yaml:6:1: lỗi: trường không hợp lệ `trich_yue`; có phải là `trich_yeu`?"],
    },
    Case {
        name: "unknown nested field",
        edits: &[("  luu: VT", "  luu: VT\n  danh_sch: []")],
        want: &["plan.yaml:14:3: lỗi: noi_nhan: trường không hợp lệ `danh_sch`; có phải là `danh_sach`?"],
    },
    Case {
        name: "missing required field",
        edits: &[("ky:\n  chuc_vu: Chủ tịch\n  ho_ten: Nguyễn Văn A\n", "")],
        want: &["plan.yaml:", "thiếu trường bắt buộc `ky`"],
    },
    Case {
        name: "impossible plan date",
        edits: &[("ngay: 05/3/2025", "ngay: 30/02/2025")],
        want: &["plan.yaml:5:7: lỗi: ngay: ngày không tồn tại: `30/02/2025`"],
    },
    Case { name: "not a date", edits: &[("ngay: 05/3/2025", "ngay: hôm nay")], want: &["plan.yaml:5:7: lỗi: ngay: ngày không đúng dạng: `hôm nay`"] },
    Case {
        name: "impossible deadline inside a task",
        edits: &[("      - Nội dung.", "      - nhiem_vu:\n          - noi_dung: Việc A\n            thoi_gian: Trước ngày 31/4/2025")],
        want: &["plan.yaml:12:24: lỗi: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: ngày không tồn tại: `31/4/2025`"],
    },
    Case {
        name: "percentage above 100",
        edits: &[(
            "      - Nội dung.",
            "      - chi_tieu:\n          - chi_tieu: Tỷ lệ hồ sơ trực tuyến\n            don_vi: \"%\"\n            muc_tieu: 120",
        )],
        want: &["plan.yaml:13:23: lỗi: noi_dung[0].noi_dung[0].chi_tieu[0].muc_tieu: tỷ lệ phần trăm phải từ 0 đến 100, gặp `120`"],
    },
    Case {
        name: "target that is not a number",
        edits: &[("      - Nội dung.", "      - chi_tieu:\n          - chi_tieu: Tỷ lệ\n            muc_tieu: nhiều")],
        want: &["plan.yaml:12:23: lỗi: noi_dung[0].noi_dung[0].chi_tieu[0].muc_tieu: chỉ tiêu không hợp lệ: `nhiều`"],
    },
    Case {
        name: "empty required text",
        edits: &[("trich_yeu: Kế hoạch thử", "trich_yeu: \"\"")],
        want: &["plan.yaml:6:12: lỗi: trich_yeu: không được để trống"],
    },
    Case {
        name: "reference to an appendix that does not exist",
        edits: &[("      - Nội dung.", "      - Chi tiết tại {{ phu_luc.nhiem-vuu }}.\nphu_luc:\n  - id: nhiem-vu\n    noi_dung: [Bảng.]")],
        want: &["plan.yaml:10:9: lỗi: noi_dung[0].noi_dung[0]: không có phụ lục `nhiem-vuu`; có phải là `nhiem-vu`?"],
    },
    Case {
        name: "duplicate key, reported where it is", edits: &[("so: 5\n", "so: 5\nso: 6\n")], want: &["plan.yaml:5:1: lỗi: so: khóa `so` bị lặp lại"]
    },
    Case {
        name: "wrong type", edits: &[("so: 5", "so: [5]")], want: &["plan.yaml:4:5: lỗi: so: ở đây cần một số hoặc văn bản, nhưng gặp một danh sách"]
    },
    Case {
        name: "text with ': ' read as a mapping gets a hint",
        edits: &[("      - Nội dung.", "      - Cụ thể như sau: các việc")],
        want: &["plan.yaml:10:9: lỗi: noi_dung[0].noi_dung[0]: văn bản có dấu hai chấm và khoảng trắng (\": \") nên YAML hiểu nó là `khóa: giá trị`"],
    },
    Case {
        name: "a block of two kinds",
        edits: &[("      - Nội dung.", "      - gach: Một\n        cong: Hai")],
        want: &["plan.yaml:10:9: lỗi: noi_dung[0].noi_dung[0]: khối nội dung chỉ được có một loại, gặp: gach, cong"],
    },
    Case {
        name: "an unknown task column",
        edits: &[("      - Nội dung.", "      - cot: [stt, noi_dung, han]\n        nhiem_vu:\n          - noi_dung: Việc A")],
        want: &["plan.yaml:10:30: lỗi: noi_dung[0].noi_dung[0].cot[2]: cột `han` không có"],
    },
    Case {
        name: "YAML syntax error",
        edits: &[("trich_yeu: Kế hoạch thử", "trich_yeu: \"Kế hoạch thử")],
        want: &["plan.yaml:6:12: lỗi: dấu ngoặc kép mở ở đây mà không được đóng"],
    },
    Case {
        name: "a table row of the wrong width",
        edits: &[("      - Nội dung.", "      - bang:\n          tieu_de: [[A, B, C]]\n          hang:\n            - [1, 2]")],
        want: &["plan.yaml:13:15: lỗi: noi_dung[0].noi_dung[0].bang.hang[0]: hàng có 2 cột, bảng có 3 cột"],
    },
];

fn apply(edits: &[(&str, &str)]) -> String {
    let mut s = MINIMAL.to_string();
    for (from, to) in edits {
        assert!(s.contains(from), "edit target not found: {from}");
        s = s.replacen(from, to, 1);
    }
    s
}

#[test]
fn the_minimal_plan_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_plan(dir.path(), "plan.yaml", MINIMAL);
    let o = run(&["validate", p.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn each_bad_input_gives_its_message_and_location() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for case in CASES {
        let p = write_plan(dir.path(), "plan.yaml", &apply(case.edits));
        let o = run(&["validate", p.to_str().unwrap()]);
        let err = stderr(&o);
        if o.status.code() != Some(1) {
            failures.push(format!("{}: exit {:?}, stderr {err}", case.name, o.status.code()));
            continue;
        }
        let first = err.lines().next().unwrap_or("");
        for w in case.want {
            if !first.contains(w) {
                failures.push(format!("{}: wanted `{w}`\n   got `{first}`", case.name));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn all_problems_are_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let plan = apply(&[("ngay: 05/3/2025", "ngay: 30/02/2025"), ("trich_yeu: Kế hoạch thử", "trich_yeu: \" \""), ("  luu: VT", "  luu: \"\"")]);
    let p = write_plan(dir.path(), "plan.yaml", &plan);
    let o = run(&["validate", p.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(err.lines().filter(|l| l.contains("plan.yaml:")).count(), 3, "{err}");
    assert!(err.contains(":5:7:") && err.contains(":6:12:") && err.contains(":13:8:"), "{err}");
}

#[test]
fn messages_in_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let p = write_plan(dir.path(), "plan.yaml", &apply(&[("ngay: 05/3/2025", "ngay: 30/02/2025")]));
    let o = run(&["validate", "--lang", "en", p.to_str().unwrap()]);
    assert!(stderr(&o).contains("plan.yaml:5:7: error: ngay: impossible date: `30/02/2025`"), "{}", stderr(&o));
}

#[test]
fn a_deadline_before_the_plan_is_a_warning_only() {
    let dir = tempfile::tempdir().unwrap();
    let plan = apply(&[("      - Nội dung.", "      - nhiem_vu:\n          - noi_dung: Việc A\n            thoi_gian: Tháng 01 năm 2025")]);
    let p = write_plan(dir.path(), "plan.yaml", &plan);
    let o = run(&["validate", p.to_str().unwrap()]);
    assert!(o.status.success());
    assert!(
        stderr(&o).contains(
            "plan.yaml:12:24: cảnh báo: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: thời hạn `Tháng 01 năm 2025` sớm hơn ngày ban hành kế hoạch (05/3/2025)"
        ),
        "{}",
        stderr(&o)
    );
}

#[test]
fn encodings_bom_crlf_and_non_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(MINIMAL.replace('\n', "\r\n").as_bytes());
    let p = dir.path().join("bom.yaml");
    std::fs::write(&p, &bytes).unwrap();
    assert!(run(&["validate", p.to_str().unwrap()]).status.success(), "BOM and CRLF are accepted");

    let mut latin = MINIMAL.as_bytes().to_vec();
    let at = MINIMAL.find("Kế hoạch thử").unwrap();
    latin.splice(at..at + 1, [0xC0u8]);
    let p = dir.path().join("latin.yaml");
    std::fs::write(&p, &latin).unwrap();
    let o = run(&["validate", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("latin.yaml:6:12: lỗi: tệp không được lưu bằng mã UTF-8"), "{}", stderr(&o));
}

#[test]
fn hostile_input_never_panics_or_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("deep.yaml", "[".repeat(100_000).into_bytes()),
        ("deep-map.yaml", (0..5000).map(|i| format!("{}a:\n", " ".repeat(i))).collect::<String>().into_bytes()),
        ("bomb.yaml", b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n".to_vec()),
        ("huge.yaml", vec![b'a'; 20 * 1024 * 1024]),
        ("big-list.yaml", format!("noi_dung:\n{}", "  - Một đoạn văn khá dài để làm đầy tệp.\n".repeat(200_000)).into_bytes()),
        ("binary.yaml", (0..=255u8).cycle().take(100_000).collect()),
        ("empty.yaml", Vec::new()),
        ("tabs.yaml", b"co_quan:\n\tten: x\n".to_vec()),
    ];
    for (name, bytes) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        let o = run(&["validate", p.to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(err.starts_with(&p.display().to_string()), "{name}: names the file: {err}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["render"]).status.code(), Some(2));
    assert_eq!(run(&["render", "--format", "odt", "x.yaml"]).status.code(), Some(2));
}
