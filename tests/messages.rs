//! The messages a clerk meets, whole: each mistake below (the ones drafting clerks made on
//! purpose, and the format doc's own examples) is checked for its full text in Vietnamese and in
//! English: location, the source line with a caret, where it prints, and what to do. No word of
//! a third-party library's English reaches a Vietnamese message.

mod util;

use util::*;

enum Input {
    /// Edits to the minimal plan: (find, replace), applied in order.
    Edits(&'static [(&'static str, &'static str)]),
    Text(&'static str),
    Bytes(&'static [u8]),
}

struct Case {
    name: &'static str,
    input: Input,
    exit: i32,
    vi: &'static str,
    en: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: r#"unknown field, the nearest key suggested"#,
        input: Input::Edits(&[(r#"trich_yeu: Kế hoạch thử"#, r#"trich_yue: Kế hoạch thử"#)]),
        exit: 1,
        vi: r#"plan.yaml:6:1: lỗi: trường không hợp lệ `trich_yue`; có phải là `trich_yeu`?
  |
6 | trich_yue: Kế hoạch thử
  | ^^^^^^^^^

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:6:1: error: unknown field `trich_yue`; did you mean `trich_yeu`?
  |
6 | trich_yue: Kế hoạch thử
  | ^^^^^^^^^

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"unknown nested field"#,
        input: Input::Edits(&[(
            r#"  luu: VT"#,
            r#"  luu: VT
  danh_sch: []"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:14:3: lỗi: noi_nhan: trường không hợp lệ `danh_sch`; có phải là `danh_sach`?
   |
14 |   danh_sch: []
   |   ^^^^^^^^
   = trong văn bản: nơi nhận

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:14:3: error: noi_nhan: unknown field `danh_sch`; did you mean `danh_sach`?
   |
14 |   danh_sch: []
   |   ^^^^^^^^
   = in the document: recipients

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a required block missing says what it holds"#,
        input: Input::Edits(&[(
            r#"ky:
  chuc_vu: Chủ tịch
  ho_ten: Nguyễn Văn A
"#,
            r#""#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:1:1: lỗi: thiếu trường bắt buộc `ky`
  = gợi ý: cần có: chuc_vu, ho_ten

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:1:1: error: missing required field `ky`
  = help: it needs: chuc_vu, ho_ten

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a required field missing inside a block"#,
        input: Input::Edits(&[(
            r#"  ho_ten: Nguyễn Văn A
"#,
            r#""#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:15:3: lỗi: ky: thiếu trường bắt buộc `ho_ten`
   |
15 |   chuc_vu: Chủ tịch
   |   ^^^^^^^
   = trong văn bản: chữ ký

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:15:3: error: ky: missing required field `ho_ten`
   |
15 |   chuc_vu: Chủ tịch
   |   ^^^^^^^
   = in the document: signature

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a key at column 0 that belongs under ky"#,
        input: Input::Edits(&[(r#"  ho_ten: Nguyễn Văn A"#, r#"ho_ten: Nguyễn Văn A"#)]),
        exit: 1,
        vi: r#"plan.yaml:16:1: lỗi: `ho_ten` không thuộc chỗ này: nó là một trường của `ky`
   |
16 | ho_ten: Nguyễn Văn A
   | ^^^^^^
   = gợi ý: thụt lề dòng `ho_ten` để nó nằm dưới `ky:` cùng hàng với các trường khác của `ky`

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:16:1: error: `ho_ten` does not belong here: it is a field of `ky`
   |
16 | ho_ten: Nguyễn Văn A
   | ^^^^^^
   = help: indent the `ho_ten` line so that it sits under `ky:`, level with `ky`'s other fields

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a top-level key indented under another"#,
        input: Input::Edits(&[
            (
                r#"  viet_tat: UBND"#,
                r#"  viet_tat: UBND
  trich_yeu: Kế hoạch thử"#,
            ),
            (
                r#"trich_yeu: Kế hoạch thử
noi_dung"#,
                r#"noi_dung"#,
            ),
        ]),
        exit: 1,
        vi: r#"plan.yaml:4:3: lỗi: co_quan: `trich_yeu` không thuộc chỗ này: nó là một trường ở cấp ngoài cùng của kế hoạch
  |
4 |   trich_yeu: Kế hoạch thử
  |   ^^^^^^^^^
  = trong văn bản: tên cơ quan
  = gợi ý: bỏ thụt lề dòng `trich_yeu` để nó bắt đầu ở cột 1

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:4:3: error: co_quan: `trich_yeu` does not belong here: it is a top-level field of the plan
  |
4 |   trich_yeu: Kế hoạch thử
  |   ^^^^^^^^^
  = in the document: issuing body
  = help: remove the indentation of the `trich_yeu` line so that it starts in column 1

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"an unknown key, a missing field and an impossible date in one round"#,
        input: Input::Edits(&[
            (r#"trich_yeu: Kế hoạch thử"#, r#"trich_yue: Kế hoạch thử"#),
            (
                r#"  ho_ten: Nguyễn Văn A
"#,
                r#""#,
            ),
            (
                r#"      - Nội dung."#,
                r#"      - nhiem_vu:
          - noi_dung: Việc A
            thoi_gian: 31/4/2025"#,
            ),
        ]),
        exit: 1,
        vi: r#"plan.yaml:6:1: lỗi: trường không hợp lệ `trich_yue`; có phải là `trich_yeu`?
  |
6 | trich_yue: Kế hoạch thử
  | ^^^^^^^^^

plan.yaml:12:24: lỗi: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: ngày không tồn tại: `31/4/2025`
   |
12 |             thoi_gian: 31/4/2025
   |                        ^^^^^^^^^
   = trong văn bản: Mục I, nhiệm vụ 1 (thời gian)

plan.yaml:17:3: lỗi: ky: thiếu trường bắt buộc `ho_ten`
   |
17 |   chuc_vu: Chủ tịch
   |   ^^^^^^^
   = trong văn bản: chữ ký

3 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:6:1: error: unknown field `trich_yue`; did you mean `trich_yeu`?
  |
6 | trich_yue: Kế hoạch thử
  | ^^^^^^^^^

plan.yaml:12:24: error: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: impossible date: `31/4/2025`
   |
12 |             thoi_gian: 31/4/2025
   |                        ^^^^^^^^^
   = in the document: Part I, task 1 (deadline)

plan.yaml:17:3: error: ky: missing required field `ho_ten`
   |
17 |   chuc_vu: Chủ tịch
   |   ^^^^^^^
   = in the document: signature

3 errors, 0 warnings
"#,
    },
    Case {
        name: r#"impossible plan date"#,
        input: Input::Edits(&[(r#"ngay: 05/3/2025"#, r#"ngay: 30/02/2025"#)]),
        exit: 1,
        vi: r#"plan.yaml:5:7: lỗi: ngay: ngày không tồn tại: `30/02/2025`
  |
5 | ngay: 30/02/2025
  |       ^^^^^^^^^^
  = trong văn bản: địa danh, ngày tháng năm

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:5:7: error: ngay: impossible date: `30/02/2025`
  |
5 | ngay: 30/02/2025
  |       ^^^^^^^^^^
  = in the document: place and date

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a plan date that is not a date"#,
        input: Input::Edits(&[(r#"ngay: 05/3/2025"#, r#"ngay: hôm nay"#)]),
        exit: 1,
        vi: r#"plan.yaml:5:7: lỗi: ngay: ngày không đúng dạng: `hôm nay` (cần ngày/tháng/năm như 05/3/2025, tháng/năm như 9/2025, hoặc năm)
  |
5 | ngay: hôm nay
  |       ^^^^^^^
  = trong văn bản: địa danh, ngày tháng năm

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:5:7: error: ngay: not a date: `hôm nay` (expected day/month/year like 05/3/2025, month/year like 9/2025, or a year)
  |
5 | ngay: hôm nay
  |       ^^^^^^^
  = in the document: place and date

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a month 13 in the plan date"#,
        input: Input::Edits(&[(r#"ngay: 05/3/2025"#, r#"ngay: 13/2025"#)]),
        exit: 1,
        vi: r#"plan.yaml:5:7: lỗi: ngay: tháng phải từ 1 đến 12: `13/2025`
  |
5 | ngay: 13/2025
  |       ^^^^^^^
  = trong văn bản: địa danh, ngày tháng năm

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:5:7: error: ngay: a month is 1 to 12: `13/2025`
  |
5 | ngay: 13/2025
  |       ^^^^^^^
  = in the document: place and date

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"impossible deadline inside a task"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - nhiem_vu:
          - noi_dung: Việc A
            thoi_gian: Trước ngày 31/4/2025"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:12:24: lỗi: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: ngày không tồn tại: `31/4/2025`
   |
12 |             thoi_gian: Trước ngày 31/4/2025
   |                        ^^^^^^^^^^^^^^^^^^^^
   = trong văn bản: Mục I, nhiệm vụ 1 (thời gian)

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:12:24: error: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: impossible date: `31/4/2025`
   |
12 |             thoi_gian: Trước ngày 31/4/2025
   |                        ^^^^^^^^^^^^^^^^^^^^
   = in the document: Part I, task 1 (deadline)

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"quarter V"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - nhiem_vu:
          - noi_dung: Việc A
            thoi_gian: Quý V năm 2026"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:12:24: lỗi: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: quý phải từ I đến IV: `Quý V năm 2026`
   |
12 |             thoi_gian: Quý V năm 2026
   |                        ^^^^^^^^^^^^^^
   = trong văn bản: Mục I, nhiệm vụ 1 (thời gian)

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:12:24: error: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: a quarter is I to IV: `Quý V năm 2026`
   |
12 |             thoi_gian: Quý V năm 2026
   |                        ^^^^^^^^^^^^^^
   = in the document: Part I, task 1 (deadline)

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"month 13 in a deadline"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - nhiem_vu:
          - noi_dung: Việc A
            thoi_gian: Tháng 13/2025"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:12:24: lỗi: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: tháng phải từ 1 đến 12: `Tháng 13/2025`
   |
12 |             thoi_gian: Tháng 13/2025
   |                        ^^^^^^^^^^^^^
   = trong văn bản: Mục I, nhiệm vụ 1 (thời gian)

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:12:24: error: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: a month is 1 to 12: `Tháng 13/2025`
   |
12 |             thoi_gian: Tháng 13/2025
   |                        ^^^^^^^^^^^^^
   = in the document: Part I, task 1 (deadline)

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a deadline before the plan's date is a warning"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - nhiem_vu:
          - noi_dung: Việc A
            thoi_gian: Trước ngày 01/02/2025"#,
        )]),
        exit: 0,
        vi: r#"plan.yaml:12:24: cảnh báo: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: thời hạn `Trước ngày 01/02/2025` sớm hơn ngày ban hành kế hoạch (05/3/2025)
   |
12 |             thoi_gian: Trước ngày 01/02/2025
   |                        ^^^^^^^^^^^^^^^^^^^^^
   = trong văn bản: Mục I, nhiệm vụ 1 (thời gian)

0 lỗi, 1 cảnh báo
"#,
        en: r#"plan.yaml:12:24: warning: noi_dung[0].noi_dung[0].nhiem_vu[0].thoi_gian: deadline `Trước ngày 01/02/2025` is before the plan's date (05/3/2025)
   |
12 |             thoi_gian: Trước ngày 01/02/2025
   |                        ^^^^^^^^^^^^^^^^^^^^^
   = in the document: Part I, task 1 (deadline)

0 errors, 1 warning
"#,
    },
    Case {
        name: r#"percentage above 100"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - chi_tieu:
          - chi_tieu: Tỷ lệ hồ sơ trực tuyến
            don_vi: "%"
            muc_tieu: 120"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:13:23: lỗi: noi_dung[0].noi_dung[0].chi_tieu[0].muc_tieu: tỷ lệ phần trăm phải từ 0 đến 100, gặp `120`
   |
13 |             muc_tieu: 120
   |                       ^^^
   = trong văn bản: Mục I, chỉ tiêu 1 (mục tiêu)

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:13:23: error: noi_dung[0].noi_dung[0].chi_tieu[0].muc_tieu: a percentage must be between 0 and 100, found `120`
   |
13 |             muc_tieu: 120
   |                       ^^^
   = in the document: Part I, target 1 (target value)

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a target that is not a number"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - chi_tieu:
          - chi_tieu: Tỷ lệ
            muc_tieu: nhiều"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:12:23: lỗi: noi_dung[0].noi_dung[0].chi_tieu[0].muc_tieu: chỉ tiêu không hợp lệ: `nhiều` (cần một số, có thể kèm ≥, ≤, >, <, "tối thiểu", "tối đa", "trên", "dưới")
   |
12 |             muc_tieu: nhiều
   |                       ^^^^^
   = trong văn bản: Mục I, chỉ tiêu 1 (mục tiêu)

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:12:23: error: noi_dung[0].noi_dung[0].chi_tieu[0].muc_tieu: invalid target: `nhiều` (expected a number, optionally with ≥, ≤, >, <, "tối thiểu", "tối đa", "trên", "dưới")
   |
12 |             muc_tieu: nhiều
   |                       ^^^^^
   = in the document: Part I, target 1 (target value)

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"empty required text"#,
        input: Input::Edits(&[(r#"trich_yeu: Kế hoạch thử"#, r#"trich_yeu: """#)]),
        exit: 1,
        vi: r#"plan.yaml:6:12: lỗi: trich_yeu: không được để trống
  |
6 | trich_yeu: ""
  |            ^^
  = trong văn bản: trích yếu

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:6:12: error: trich_yeu: must not be empty
  |
6 | trich_yeu: ""
  |            ^^
  = in the document: title

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"reference to an appendix that does not exist"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - Chi tiết tại {{ phu_luc.nhiem-vuu }}.
phu_luc:
  - id: nhiem-vu
    noi_dung: [Bảng.]"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:10:9: lỗi: noi_dung[0].noi_dung[0]: không có phụ lục `nhiem-vuu`; có phải là `nhiem-vu`?
   |
10 |       - Chi tiết tại {{ phu_luc.nhiem-vuu }}.
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = trong văn bản: Mục I, đoạn 1

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:10:9: error: noi_dung[0].noi_dung[0]: no appendix `nhiem-vuu`; did you mean `nhiem-vu`?
   |
10 |       - Chi tiết tại {{ phu_luc.nhiem-vuu }}.
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = in the document: Part I, paragraph 1

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a key written twice"#,
        input: Input::Edits(&[(
            r#"so: 5
"#,
            r#"so: 5
so: 6
"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:5:1: lỗi: so: khóa `so` bị lặp lại (mỗi khóa chỉ được viết một lần trong cùng một mục)
  |
5 | so: 6
  | ^^
  = gợi ý: xóa một trong hai dòng, hoặc đổi tên khóa bị gõ nhầm

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:5:1: error: so: duplicate key `so` (each key once per entry)
  |
5 | so: 6
  | ^^
  = help: delete one of the two lines, or rename the mistyped key

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a list where one value goes"#,
        input: Input::Edits(&[(r#"so: 5"#, r#"so: [5]"#)]),
        exit: 1,
        vi: r#"plan.yaml:4:5: lỗi: so: ở đây cần một số hoặc văn bản, nhưng gặp một danh sách
  |
4 | so: [5]
  |     ^^^
  = trong văn bản: số, ký hiệu
  = gợi ý: bỏ dấu "- " hoặc [ ]: ở đây chỉ viết một giá trị

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:4:5: error: so: expected a number or a text here, found a list
  |
4 | so: [5]
  |     ^^^
  = in the document: number
  = help: drop the "- " or [ ]: one value goes here

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a mapping where text goes"#,
        input: Input::Edits(&[(
            r#"  - muc: Mục đích"#,
            r#"  - muc:
      ten: Mục đích"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:9:7: lỗi: noi_dung[0].muc: ở đây cần một đoạn văn bản, nhưng gặp các mục con dạng `khóa: giá trị`
  |
9 |       ten: Mục đích
  |       ^^^
  = trong văn bản: Mục I
  = gợi ý: nếu đây là văn bản có dấu hai chấm, hãy đặt cả đoạn trong dấu ngoặc kép "…"

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:9:7: error: noi_dung[0].muc: expected a text here, found nested `key: value` entries
  |
9 |       ten: Mục đích
  |       ^^^
  = in the document: Part I
  = help: if this is text holding a colon, put it all in double quotes "…"

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a paragraph with ': ' in a list"#,
        input: Input::Edits(&[(r#"      - Nội dung."#, r#"      - Cụ thể như sau: các việc"#)]),
        exit: 1,
        vi: r#"plan.yaml:10:9: lỗi: noi_dung[0].noi_dung[0]: văn bản có dấu hai chấm và khoảng trắng (": ") nên YAML hiểu nó là `khóa: giá trị`
   |
10 |       - Cụ thể như sau: các việc
   |         ^^^^^^^^^^^^^^^^^^^^^^^^
   = trong văn bản: Mục I, đoạn 1
   = gợi ý: đặt cả đoạn trong dấu ngoặc kép: "Cụ thể như sau: các việc"

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:10:9: error: noi_dung[0].noi_dung[0]: the text holds a colon and a space (": "), so YAML read it as `key: value`
   |
10 |       - Cụ thể như sau: các việc
   |         ^^^^^^^^^^^^^^^^^^^^^^^^
   = in the document: Part I, paragraph 1
   = help: put the whole text in double quotes: "Cụ thể như sau: các việc"

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a paragraph ending in a colon"#,
        input: Input::Edits(&[(r#"      - Nội dung."#, r#"      - Ủy ban nhân dân xã ban hành kế hoạch như sau:"#)]),
        exit: 1,
        vi: r#"plan.yaml:10:9: lỗi: noi_dung[0].noi_dung[0]: dòng văn bản kết thúc bằng dấu hai chấm nên YAML hiểu nó là một khóa
   |
10 |       - Ủy ban nhân dân xã ban hành kế hoạch như sau:
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = trong văn bản: Mục I, đoạn 1
   = gợi ý: đặt cả đoạn trong dấu ngoặc kép: "Ủy ban nhân dân xã ban hành kế hoạch như sau:"

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:10:9: error: noi_dung[0].noi_dung[0]: the text ends with a colon, so YAML read it as a key
   |
10 |       - Ủy ban nhân dân xã ban hành kế hoạch như sau:
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = in the document: Part I, paragraph 1
   = help: put the whole text in double quotes: "Ủy ban nhân dân xã ban hành kế hoạch như sau:"

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"': ' in a nested task's text"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - nhiem_vu:
          - noi_dung: Tăng cường tuyên truyền: trên loa
            chu_tri: UBND xã"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:11:23: lỗi: văn bản có dấu hai chấm và khoảng trắng (": ") phải đặt trong dấu ngoặc kép
   |
11 |           - noi_dung: Tăng cường tuyên truyền: trên loa
   |                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = gợi ý: viết lại: - noi_dung: "Tăng cường tuyên truyền: trên loa"

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:11:23: error: text holding a colon and a space (": ") must be put in double quotes
   |
11 |           - noi_dung: Tăng cường tuyên truyền: trên loa
   |                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   = help: write it as: - noi_dung: "Tăng cường tuyên truyền: trên loa"

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a value ending in a colon"#,
        input: Input::Edits(&[(r#"      - Nội dung."#, r#"      - gach: Các việc cụ thể như sau:"#)]),
        exit: 1,
        vi: r#"plan.yaml:10:15: lỗi: văn bản kết thúc bằng dấu hai chấm phải đặt trong dấu ngoặc kép
   |
10 |       - gach: Các việc cụ thể như sau:
   |               ^^^^^^^^^^^^^^^^^^^^^^^^
   = gợi ý: viết lại: - gach: "Các việc cụ thể như sau:"

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:10:15: error: text ending with a colon must be put in double quotes
   |
10 |       - gach: Các việc cụ thể như sau:
   |               ^^^^^^^^^^^^^^^^^^^^^^^^
   = help: write it as: - gach: "Các việc cụ thể như sau:"

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"text that starts with a straight quote"#,
        input: Input::Edits(&[(r#"      - Nội dung."#, r#"      - "Ủy ban" nhân dân xã ban hành"#)]),
        exit: 1,
        vi: r#"plan.yaml:10:9: lỗi: văn bản bắt đầu bằng dấu ngoặc kép nhưng còn chữ sau dấu đóng ngoặc
   |
10 |       - "Ủy ban" nhân dân xã ban hành
   |         ^^^^^^^^
   = gợi ý: đặt cả đoạn trong dấu ngoặc đơn: - '"Ủy ban" nhân dân xã ban hành'

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:10:9: error: the text starts with a quote but goes on after the closing quote
   |
10 |       - "Ủy ban" nhân dân xã ban hành
   |         ^^^^^^^^
   = help: put the whole text in single quotes: - '"Ủy ban" nhân dân xã ban hành'

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a tab"#,
        input: Input::Edits(&[(r#"  luu: VT"#, r#"	luu: VT"#)]),
        exit: 1,
        vi: r#"plan.yaml:13:1: lỗi: dòng này thụt lề bằng phím Tab; YAML chỉ nhận dấu cách
   |
13 |  luu: VT
   | ^^^^^^^^
   = gợi ý: thay Tab bằng dấu cách (trong trình soạn thảo: chuyển thụt lề sang Spaces)

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:13:1: error: this line is indented with a tab; YAML takes spaces only
   |
13 |  luu: VT
   | ^^^^^^^^
   = help: replace the tab by spaces (in the editor: indent using spaces)

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"indented one space too far"#,
        input: Input::Edits(&[(r#"  ho_ten: Nguyễn Văn A"#, r#"   ho_ten: Nguyễn Văn A"#)]),
        exit: 1,
        vi: r#"plan.yaml:16:1: lỗi: dòng này thụt lề 3 dấu cách, không thẳng hàng với `chuc_vu` ở dòng 15
   |
16 |    ho_ten: Nguyễn Văn A
   | ^^^^^^^^^^^^^^^^^^^^^^^
   = gợi ý: thụt lề 2 dấu cách để cùng cấp với `chuc_vu`, hoặc thêm dấu cách nếu nó là mục con

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:16:1: error: this line is indented 3 spaces, out of line with `chuc_vu` on line 15
   |
16 |    ho_ten: Nguyễn Văn A
   | ^^^^^^^^^^^^^^^^^^^^^^^
   = help: indent it 2 spaces to be level with `chuc_vu`, or deeper if it belongs under it

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"indented one space short"#,
        input: Input::Edits(&[(r#"  ho_ten: Nguyễn Văn A"#, r#" ho_ten: Nguyễn Văn A"#)]),
        exit: 1,
        vi: r#"plan.yaml:16:1: lỗi: dòng này thụt lề 1 dấu cách, không thẳng hàng với `chuc_vu` ở dòng 15
   |
16 |  ho_ten: Nguyễn Văn A
   | ^^^^^^^^^^^^^^^^^^^^^
   = gợi ý: thụt lề 2 dấu cách để cùng cấp với `chuc_vu`, hoặc thêm dấu cách nếu nó là mục con

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:16:1: error: this line is indented 1 space, out of line with `chuc_vu` on line 15
   |
16 |  ho_ten: Nguyễn Văn A
   | ^^^^^^^^^^^^^^^^^^^^^
   = help: indent it 2 spaces to be level with `chuc_vu`, or deeper if it belongs under it

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a quote never closed"#,
        input: Input::Edits(&[(r#"trich_yeu: Kế hoạch thử"#, r#"trich_yeu: "Kế hoạch thử"#)]),
        exit: 1,
        vi: r#"plan.yaml:6:12: lỗi: dấu ngoặc kép mở ở đây mà không được đóng
  |
6 | trich_yeu: "Kế hoạch thử
  |            ^^^^^^^^^^^^^
  = gợi ý: thêm dấu ngoặc kép đóng ở cuối đoạn; dấu ngoặc kép bên trong viết là \"

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:6:12: error: a quote opens here and is never closed
  |
6 | trich_yeu: "Kế hoạch thử
  |            ^^^^^^^^^^^^^
  = help: close the quote at the end of the text; a quote inside is written \"

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"text starting with @"#,
        input: Input::Edits(&[(r#"      - Nội dung."#, r#"      - @UBND xã chủ trì"#)]),
        exit: 1,
        vi: r#"plan.yaml:10:9: lỗi: văn bản không được bắt đầu bằng `@` nếu không có dấu ngoặc kép
   |
10 |       - @UBND xã chủ trì
   |         ^^^^^^^^^^^^^^^^
   = gợi ý: viết lại: - "@UBND xã chủ trì"

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:10:9: error: a text cannot start with `@` unless quoted
   |
10 |       - @UBND xã chủ trì
   |         ^^^^^^^^^^^^^^^^
   = help: write it as: - "@UBND xã chủ trì"

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"text starting with a star"#,
        input: Input::Edits(&[(r#"      - Nội dung."#, r#"      - *Chi tiết* tại phụ lục"#)]),
        exit: 1,
        vi: r#"plan.yaml:10:9: lỗi: văn bản không được bắt đầu bằng `*` nếu không có dấu ngoặc kép
   |
10 |       - *Chi tiết* tại phụ lục
   |         ^^^^^^^^^^^^^^^^^^^^^^
   = gợi ý: viết lại: - "*Chi tiết* tại phụ lục"

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:10:9: error: a text cannot start with `*` unless quoted
   |
10 |       - *Chi tiết* tại phụ lục
   |         ^^^^^^^^^^^^^^^^^^^^^^
   = help: write it as: - "*Chi tiết* tại phụ lục"

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a list on its key's line"#,
        input: Input::Edits(&[(r#"  danh_sach: [UBND tỉnh]"#, r#"  danh_sach: - UBND tỉnh"#)]),
        exit: 1,
        vi: r#"plan.yaml:12:14: lỗi: danh sách ("- ") không viết cùng dòng với khóa
   |
12 |   danh_sach: - UBND tỉnh
   |              ^^^^^^^^^^^
   = gợi ý: xuống dòng sau dấu hai chấm và viết mỗi mục "- …" trên một dòng, thụt vào

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:12:14: error: a list ("- ") cannot start on its key's line
   |
12 |   danh_sach: - UBND tỉnh
   |              ^^^^^^^^^^^
   = help: break the line after the colon and write each "- …" entry on its own indented line

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a block of two kinds"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - gach: Một
        cong: Hai"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:10:9: lỗi: noi_dung[0].noi_dung[0]: khối nội dung chỉ được có một loại, gặp: gach, cong
   |
10 |       - gach: Một
   |         ^^^^
   = trong văn bản: Mục I, gạch đầu dòng 1

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:10:9: error: noi_dung[0].noi_dung[0]: a block may be of one kind only, found: gach, cong
   |
10 |       - gach: Một
   |         ^^^^
   = in the document: Part I, dash point 1

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"an unknown task column"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - cot: [stt, noi_dung, han]
        nhiem_vu:
          - noi_dung: Việc A"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:10:30: lỗi: noi_dung[0].noi_dung[0].cot[2]: cột `han` không có; dùng: stt, noi_dung, chu_tri, tham_muu, phoi_hop, thoi_gian, san_pham, ghi_chu
   |
10 |       - cot: [stt, noi_dung, han]
   |                              ^^^^
   = trong văn bản: Mục I (các cột)

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:10:30: error: noi_dung[0].noi_dung[0].cot[2]: no column `han`; use: stt, noi_dung, chu_tri, tham_muu, phoi_hop, thoi_gian, san_pham, ghi_chu
   |
10 |       - cot: [stt, noi_dung, han]
   |                              ^^^^
   = in the document: Part I (columns)

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a table row of the wrong width"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - bang:
          tieu_de: [[A, B, C]]
          hang:
            - [1, 2]"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:13:15: lỗi: noi_dung[0].noi_dung[0].bang.hang[0]: hàng có 2 cột, bảng có 3 cột
   |
13 |             - [1, 2]
   |               ^^^^^^
   = trong văn bản: Mục I, bảng, hàng 1

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:13:15: error: noi_dung[0].noi_dung[0].bang.hang[0]: row spans 2 columns, the table has 3
   |
13 |             - [1, 2]
   |               ^^^^^^
   = in the document: Part I, table, row 1

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a merge past the end of the table"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - bang:
          tieu_de: [[A, B]]
          hang:
            - [{o: x, gop_doc: 3}, y]"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:13:32: lỗi: noi_dung[0].noi_dung[0].bang.hang[0][0].gop_doc: ô gộp 3 hàng nhưng chỉ còn 1 hàng (kể cả hàng này) trước hàng nhóm tiếp theo hoặc cuối bảng
   |
13 |             - [{o: x, gop_doc: 3}, y]
   |                                ^^^^^^
   = trong văn bản: Mục I, bảng, hàng 1, cột 1

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:13:32: error: noi_dung[0].noi_dung[0].bang.hang[0][0].gop_doc: the cell merges 3 rows but only 1 are left (this one included) before the next group row or the end of the table
   |
13 |             - [{o: x, gop_doc: 3}, y]
   |                                ^^^^^^
   = in the document: Part I, table, row 1, column 1

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"the place name cannot be derived"#,
        input: Input::Edits(&[(r#"  ten: [Ủy ban nhân dân, Xã Thử Nghiệm]"#, r#"  ten: [Ban chỉ đạo chuyển đổi số]"#)]),
        exit: 1,
        vi: r#"plan.yaml:2:8: lỗi: co_quan.ten: không suy ra được địa danh: tên cơ quan không có dòng XÃ, PHƯỜNG, THỊ TRẤN hay ĐẶC KHU
  |
2 |   ten: [Ban chỉ đạo chuyển đổi số]
  |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = trong văn bản: tên cơ quan
  = gợi ý: hãy ghi `dia_danh:` (ví dụ `dia_danh: Bờ Y`), địa danh in trước ngày tháng

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:2:8: error: co_quan.ten: cannot derive the place name: the agency's name has no XÃ, PHƯỜNG, THỊ TRẤN or ĐẶC KHU line
  |
2 |   ten: [Ban chỉ đạo chuyển đổi số]
  |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = in the document: issuing body
  = help: add `dia_danh:` (for example `dia_danh: Bờ Y`), the place printed before the date

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a variable outside a batch"#,
        input: Input::Edits(&[(r#"      - Nội dung."#, r#"      - "Xã {{ xa.ten }}.""#)]),
        exit: 1,
        vi: r#"plan.yaml:10:9: lỗi: noi_dung[0].noi_dung[0]: biến `{{ xa.ten }}` chưa có giá trị
   |
10 |       - "Xã {{ xa.ten }}."
   |         ^^^^^^^^^^^^^^^^^^
   = trong văn bản: Mục I, đoạn 1
   = gợi ý: biến chỉ có giá trị khi chạy `kehoach batch KẾ_HOẠCH --data TỆP`

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:10:9: error: noi_dung[0].noi_dung[0]: variable `{{ xa.ten }}` has no value
   |
10 |       - "Xã {{ xa.ten }}."
   |         ^^^^^^^^^^^^^^^^^^
   = in the document: Part I, paragraph 1
   = help: variables get values in `kehoach batch PLAN --data FILE`

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a task without its content"#,
        input: Input::Edits(&[(
            r#"      - Nội dung."#,
            r#"      - nhiem_vu:
          - chu_tri: UBND xã"#,
        )]),
        exit: 1,
        vi: r#"plan.yaml:11:13: lỗi: noi_dung[0].noi_dung[0].nhiem_vu[0]: thiếu trường bắt buộc `noi_dung`
   |
11 |           - chu_tri: UBND xã
   |             ^^^^^^^
   = trong văn bản: Mục I, nhiệm vụ 1

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:11:13: error: noi_dung[0].noi_dung[0].nhiem_vu[0]: missing required field `noi_dung`
   |
11 |           - chu_tri: UBND xã
   |             ^^^^^^^
   = in the document: Part I, task 1

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"an empty file"#,
        input: Input::Text(r#""#),
        exit: 1,
        vi: r#"plan.yaml:1:1: lỗi: tệp trống: chưa có nội dung kế hoạch
  = gợi ý: tạo kế hoạch mẫu có chú thích bằng `kehoach new TỆP.yaml`, hoặc xem ví dụ trong docs/format.md

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:1:1: error: the file is empty: no plan in it yet
  = help: start from a commented plan with `kehoach new FILE.yaml`, or see the annotated example in docs/format.md

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a file saved as UTF-16"#,
        input: Input::Bytes(b"\xff\xfe\x6b\x00\x6b\x00\x6b\x00\x6b\x00"),
        exit: 1,
        vi: r#"plan.yaml:1:1: lỗi: tệp không được lưu bằng mã UTF-8: tệp được lưu dạng UTF-16 ("Unicode" của Word, Notepad)
  = gợi ý: mở tệp bằng Notepad, chọn Lưu thành… và đặt Mã hóa (Encoding) là UTF-8

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:1:1: error: the file is not saved as UTF-8: it is saved as UTF-16 (Word's and Notepad's "Unicode")
  = help: open it in Notepad, Save As…, and set Encoding to UTF-8

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"a file saved in Windows-1258"#,
        input: Input::Bytes(b"\x74\x72\x69\x63\x68\x5f\x79\x65\x75\x3a\x20\x4b\xea\xec\x20\x68\x6f\xf2\x61\x63\x68\x0a"),
        exit: 1,
        vi: r#"plan.yaml:1:13: lỗi: tệp không được lưu bằng mã UTF-8: có vẻ được lưu bằng bảng mã Windows-1258 (tiếng Việt của Windows)
  = gợi ý: trong VS Code: Reopen with Encoding → Vietnamese (Windows 1258), rồi Save with Encoding → UTF-8; hoặc Notepad: Lưu thành… → Mã hóa UTF-8

1 lỗi, 0 cảnh báo
"#,
        en: r#"plan.yaml:1:13: error: the file is not saved as UTF-8: it looks like Windows-1258 (Windows' Vietnamese code page)
  = help: in VS Code: Reopen with Encoding → Vietnamese (Windows 1258), then Save with Encoding → UTF-8; or Notepad: Save As… → Encoding UTF-8

1 error, 0 warnings
"#,
    },
    Case {
        name: r#"invisible direction marks"#,
        input: Input::Edits(&[(r#"trich_yeu: Kế hoạch thử"#, "trich_yeu: Kế hoạch \u{202e}thử\u{202c}")]),
        exit: 0,
        vi: r#"plan.yaml:6:21: cảnh báo: đã bỏ 2 ký tự điều khiển hướng chữ vô hình (U+202A–U+202E, U+2066–U+2069): chúng làm đảo thứ tự chữ khi đọc
  |
6 | trich_yeu: Kế hoạch thử
  |                     ^^^

0 lỗi, 1 cảnh báo
"#,
        en: r#"plan.yaml:6:21: warning: removed 2 invisible text-direction characters (U+202A–U+202E, U+2066–U+2069): they reorder the text a reader sees
  |
6 | trich_yeu: Kế hoạch thử
  |                     ^^^

0 errors, 1 warning
"#,
    },
];

fn input(c: &Case) -> Vec<u8> {
    match &c.input {
        Input::Edits(edits) => {
            let mut s = MINIMAL.to_string();
            for (from, to) in edits.iter() {
                assert!(s.contains(from), "{}: edit target not found: {from}", c.name);
                s = s.replacen(from, to, 1);
            }
            s.into_bytes()
        }
        Input::Text(t) => t.as_bytes().to_vec(),
        Input::Bytes(b) => b.to_vec(),
    }
}

#[test]
fn every_clerk_mistake_gets_its_whole_message_in_both_languages() {
    assert!(CASES.len() >= 30);
    let mut wrong = Vec::new();
    for c in CASES {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("plan.yaml"), input(c)).unwrap();
        for (lang, want) in [("vi", c.vi), ("en", c.en)] {
            let o = bin().args(["validate", "--lang", lang, "plan.yaml"]).current_dir(dir.path()).output().unwrap();
            let got = stderr(&o);
            if o.status.code() != Some(c.exit) || got != want {
                wrong.push(format!("## {} [{lang}] exit {:?} (want {})\n--- got:\n{got}\n--- want:\n{want}", c.name, o.status.code(), c.exit));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_library_english_in_a_vietnamese_message() {
    const ENGLISH: [&str; 14] =
        ["expected", "found", "invalid", "mapping", "sequence", "scalar", "while ", "struct", "unknown", "missing", "column", "at line", "error", "warning"];
    for c in CASES {
        // The source line is the clerk's own text; everything else is ours.
        let ours: String = c.vi.lines().filter(|l| !l.contains(" | ") || l.trim_start().starts_with('=')).collect::<Vec<_>>().join("\n");
        for w in ENGLISH {
            assert!(!ours.to_lowercase().contains(w), "{}: `{w}` in\n{ours}", c.name);
        }
    }
}

#[test]
fn json_messages_for_editors() {
    let dir = tempfile::tempdir().unwrap();
    let plan = MINIMAL.replace("trich_yeu: Kế hoạch thử", "trich_yue: Kế hoạch thử").replace("ngay: 05/3/2025", "ngay: 30/02/2025");
    std::fs::write(dir.path().join("plan.yaml"), plan).unwrap();
    let o = bin().args(["validate", "plan.yaml", "--message-format", "json"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).expect("one JSON object per line")).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["type"], "diagnostic");
    assert_eq!((lines[0]["line"].as_u64(), lines[0]["column"].as_u64(), lines[0]["end_column"].as_u64()), (Some(5), Some(7), Some(17)));
    assert_eq!(lines[0]["message"], "ngày không tồn tại: `30/02/2025`");
    assert_eq!(lines[0]["place"], "địa danh, ngày tháng năm");
    assert_eq!(lines[0]["source_line"], "ngay: 30/02/2025");
    assert_eq!(lines[1]["message"], "trường không hợp lệ `trich_yue`; có phải là `trich_yeu`?");
    assert_eq!(lines[2], serde_json::json!({"type": "summary", "errors": 2, "warnings": 0}));
    assert!(o.stderr.is_empty(), "JSON mode keeps stderr quiet");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.yaml"), MINIMAL.replace("ngay: 05/3/2025", "ngay: 30/02/2025")).unwrap();
    let run_with = |args: &[&str], no_color: bool| {
        let mut cmd = bin();
        cmd.args(["validate", "plan.yaml"]).args(args).current_dir(dir.path());
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        stderr(&cmd.output().unwrap())
    };
    assert!(!run_with(&[], false).contains('\x1b'), "piped: no colour");
    assert!(run_with(&["--color", "always"], false).contains("\x1b[1;31mlỗi\x1b[0m"));
    assert!(!run_with(&["--color", "never"], false).contains('\x1b'));
}

#[test]
fn lang_and_format_before_the_command_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.yaml"), MINIMAL.replace("ngay: 05/3/2025", "ngay: 30/02/2025")).unwrap();
    let o = bin().args(["--lang", "en", "validate", "plan.yaml"]).current_dir(dir.path()).output().unwrap();
    assert!(stderr(&o).starts_with("plan.yaml:5:7: error: ngay: impossible date"), "{}", stderr(&o));
}

#[test]
fn a_plan_from_standard_input() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let feed = |args: &[&str], text: &str| {
        let mut child = bin()
            .args(args)
            .current_dir(dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(text.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let o = feed(&["validate", "-"], MINIMAL);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "<stdin>: hợp lệ");
    let o = feed(&["validate", "-"], &MINIMAL.replace("ngay: 05/3/2025", "ngay: 30/02/2025"));
    assert!(stderr(&o).starts_with("<stdin>:5:7: lỗi: ngay: ngày không tồn tại"), "{}", stderr(&o));
    let o = feed(&["render", "-", "--name", "tu-nhap", "--out", "out", "--no-system-fonts", "--format", "pdf"], MINIMAL);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdf_text(&dir.path().join("out/tu-nhap.pdf")).contains("KẾ HOẠCH"));
}

#[test]
fn usage_errors_in_the_clerks_language() {
    let o = run(&["render", "--formt", "pdf", "x.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "lỗi: không có tùy chọn `--formt`; có phải là `--format`?\n\nCách dùng: kehoach render [OPTIONS] <FILES>...\n\nXem thêm: kehoach render --help\n"
    );
    let o = run(&["--lang", "en", "render", "--format", "pfd", "x.yaml"]);
    assert!(stderr(&o).starts_with("error: invalid value `pfd` for --format <FORMAT>; use one of: pdf, docx, all"), "{}", stderr(&o));
    let o = run(&["validate", "khong-co.yaml"]);
    assert_eq!(o.status.code(), Some(2), "a missing input is a usage error");
    assert_eq!(stderr(&o), "lỗi: khong-co.yaml: không có tệp này\n");
}

#[test]
fn help_in_vietnamese_or_english() {
    let help = |args: &[&str], lang: Option<&str>| {
        let mut cmd = bin();
        cmd.args(args).env_remove("LC_ALL").env_remove("LC_MESSAGES");
        match lang {
            Some(l) => cmd.env("LANG", l),
            None => cmd.env_remove("LANG"),
        };
        String::from_utf8_lossy(&cmd.output().unwrap().stdout).to_string()
    };
    let vi = help(&["render", "--help"], None);
    for want in ["Cách dùng: kehoach render", "Đối số:", "Tùy chọn:", "Thư mục ghi kết quả [mặc định: output]", "Ví dụ:", "Mã thoát: 0 xong"]
    {
        assert!(vi.contains(want), "{want} in\n{vi}");
    }
    for word in ["Usage:", "Options:", "[default:", "Print help"] {
        assert!(!vi.contains(word), "{word} in\n{vi}");
    }
    let en = help(&["render", "--help"], Some("en_US.UTF-8"));
    assert!(en.contains("Usage: kehoach render") && en.contains("Output folder [default: output]") && en.contains("Exit status:"), "{en}");
    assert!(help(&["--lang", "en", "--help"], None).contains("Commands:"));
}

#[test]
fn shell_completions() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = run(&["completions", shell]);
        assert!(o.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains("kehoach") && text.contains("render") && text.contains("message-format"), "{shell}: {text}");
    }
}
