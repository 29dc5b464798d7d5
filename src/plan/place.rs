//! Where a field path is in the printed document: `noi_dung[1].noi_dung[2].nhiem_vu[0].thoi_gian`
//! → "Mục II, 3, nhiệm vụ 1 (thời gian)", counted as printed.
//!
//! Diagnostics, the diff and the task register all name places this way, so a
//! clerk can find them on the page. The counting follows `view`'s numbering
//! (parts I, II…; points 1., a); groups I, II; tasks and targets from 1 in each
//! group); a test holds the two together on the real plans.

use super::model::{Block, BlockMap, Plan, TargetEntry, TargetName, TaskEntry};
use crate::diag::Lang;
use crate::text::vn;

/// One step of a field path: a key or an index.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Splits `a.b[2][3].c` into its steps.
pub fn segments(path: &str) -> Vec<Seg<'_>> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key));
        }
        while let Some(r) = rest.strip_prefix('[') {
            let Some(end) = r.find(']') else { break };
            if let Ok(i) = r[..end].parse() {
                out.push(Seg::Index(i));
            }
            rest = &r[end + 1..];
        }
    }
    out
}

/// The printed place of `path` in `plan`, or `None` when the path names nothing printed.
pub fn describe(plan: &Plan, path: &str, lang: Lang) -> Option<String> {
    let segs = segments(path);
    let w = Words(lang);
    let mut out: Vec<String> = Vec::new();
    let mut field: Option<String> = None;
    match segs.as_slice() {
        [] => return None,
        [Seg::Key(k), rest @ ..] => match *k {
            "co_quan" => out.push(w.pick("tên cơ quan", "issuing body").into()),
            "loai" => out.push(w.pick("tên loại văn bản", "document type").into()),
            "so" => out.push(w.pick("số, ký hiệu", "number").into()),
            "dia_danh" | "ngay" => out.push(w.pick("địa danh, ngày tháng năm", "place and date").into()),
            "trich_yeu" => out.push(w.pick("trích yếu", "title").into()),
            "can_cu" | "mo_dau" | "ket_thuc" => {
                let name = match *k {
                    "can_cu" => w.pick("căn cứ", "legal basis"),
                    "mo_dau" => w.pick("đoạn mở đầu", "opening paragraph"),
                    _ => w.pick("đoạn kết", "closing paragraph"),
                };
                match rest.first() {
                    Some(Seg::Index(i)) => out.push(format!("{name} {}", i + 1)),
                    _ => out.push(name.into()),
                }
            }
            "noi_nhan" => {
                out.push(w.pick("nơi nhận", "recipients").into());
                if let [Seg::Key("danh_sach"), Seg::Index(i), ..] = rest {
                    out.push(format!("{} {}", w.pick("dòng", "line"), i + 1));
                }
            }
            "ky" => out.push(w.pick("chữ ký", "signature").into()),
            "noi_dung" => blocks(&plan.noi_dung, 1, None, rest, &w, &mut out, &mut field),
            "phu_luc" => {
                let Some(Seg::Index(i)) = rest.first() else { return Some(w.pick("phụ lục", "appendices").into()) };
                out.push(appendix_label(plan.phu_luc.len(), *i));
                if let Some(a) = plan.phu_luc.get(*i) {
                    if let [Seg::Key("noi_dung"), tail @ ..] = &rest[1..] {
                        blocks(&a.noi_dung, a.first_level(), None, tail, &w, &mut out, &mut field);
                    }
                }
            }
            _ => return None,
        },
        _ => return None,
    }
    if out.is_empty() {
        return None;
    }
    let mut s = out.join(", ");
    if let Some(f) = field {
        s += &format!(" ({f})");
    }
    Some(s)
}

/// "Phụ lục I", or "Phụ lục" when it is the only one (as `view` labels them).
pub fn appendix_label(count: usize, index: usize) -> String {
    if count >= 2 {
        format!("Phụ lục {}", vn::roman(index + 1))
    } else {
        "Phụ lục".into()
    }
}

struct Words(Lang);

impl Words {
    fn pick<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        if self.0 == Lang::Vi {
            vi
        } else {
            en
        }
    }
}

/// The number a numbered item at `level` prints (`II`, `3`, `b`), as `view` does.
fn number(level: usize, n: usize, decimal: Option<&str>) -> String {
    match (decimal, level) {
        (Some(parent), _) => format!("{parent}.{n}"),
        (None, 1) => vn::roman(n),
        (None, 2) => n.to_string(),
        (None, _) => format!("{})", vn::letter(n)),
    }
}

/// Walks `segs` (starting at an index into `list`) through a list of blocks whose
/// numbered items sit at `level`.
fn blocks(list: &[Block], level: usize, decimal: Option<&str>, segs: &[Seg], w: &Words, out: &mut Vec<String>, field: &mut Option<String>) {
    let Some(Seg::Index(i)) = segs.first() else { return };
    let Some(b) = list.get(*i) else { return };
    // Numbers used by the items before this one; other kinds counted among their own kind.
    let kind = |b: &Block| -> u8 {
        match b {
            Block::Paragraph(_) => 0,
            Block::Map(m) if m.muc.is_some() => 1,
            Block::Map(m) if m.gach.is_some() => 2,
            Block::Map(m) if m.cong.is_some() => 3,
            Block::Map(m) if m.bang.is_some() => 4,
            Block::Map(m) if m.nhiem_vu.is_some() => 5,
            Block::Map(_) => 6,
        }
    };
    let mine = kind(b);
    let nth = list[..=*i].iter().filter(|x| kind(x) == mine).count();
    let several = list.iter().filter(|x| kind(x) == mine).count() > 1;
    let mut n = 0;
    for prev in &list[..*i] {
        if let Block::Map(m) = prev {
            if m.muc.is_some() {
                n += 1;
            } else if prose_tasks(m) {
                n += m.nhiem_vu.as_ref().map_or(0, Vec::len);
            }
        }
    }
    let numbered = |word: &str| if several { format!("{word} {nth}") } else { word.to_string() };
    let rest = &segs[1..];
    let m = match b {
        Block::Paragraph(_) => {
            out.push(format!("{} {nth}", w.pick("đoạn", "paragraph")));
            return;
        }
        Block::Map(m) => m,
    };
    let head = |num: &str| if level == 1 && decimal.is_none() { format!("{} {num}", w.pick("Mục", "Part")) } else { num.to_string() };
    if m.muc.is_some() {
        let num = number(level, n + 1, decimal);
        out.push(head(&num));
        if let [Seg::Key("noi_dung"), tail @ ..] = rest {
            let children = m.noi_dung.as_deref().unwrap_or(&[]);
            if m.so_con.is_some() {
                let parent = num.trim_end_matches(')').to_string();
                blocks(children, level, Some(&parent), tail, w, out, field);
            } else {
                blocks(children, level + 1, None, tail, w, out, field);
            }
        }
    } else if m.gach.is_some() {
        out.push(format!("{} {nth}", w.pick("gạch đầu dòng", "dash point")));
    } else if m.cong.is_some() {
        out.push(format!("{} {nth}", w.pick("ý cộng", "plus point")));
    } else if m.bang.is_some() {
        out.push(numbered(w.pick("bảng", "table")));
        match rest {
            [Seg::Key("bang"), Seg::Key("hang"), Seg::Index(r), more @ ..] => {
                out.push(format!("{} {}", w.pick("hàng", "row"), r + 1));
                if let [Seg::Index(c), ..] = more {
                    out.push(format!("{} {}", w.pick("cột", "column"), c + 1));
                }
            }
            [Seg::Key("bang"), Seg::Key("tieu_de"), Seg::Index(r), ..] => out.push(format!("{} {}", w.pick("dòng tiêu đề", "header row"), r + 1)),
            _ => {}
        }
    } else if let Some(tasks) = &m.nhiem_vu {
        if prose_tasks(m) {
            // Prose tasks are numbered headings continuing the list's own numbering.
            if let [Seg::Key("nhiem_vu"), Seg::Index(j), tail @ ..] = rest {
                out.push(head(&number(level, n + j + 1, decimal)));
                if let (Some(t), [Seg::Key("nhiem_vu"), Seg::Index(k), tail2 @ ..]) = (tasks.get(*j), tail) {
                    if t.nhom.is_some() {
                        out.push(number(level + 1, k + 1, None));
                        *field = task_field(tail2, w);
                        return;
                    }
                }
                *field = task_field(tail, w);
            } else {
                out.push(numbered(w.pick("danh sách nhiệm vụ", "task list")));
            }
            return;
        }
        if several || rest.is_empty() {
            out.push(numbered(w.pick("bảng nhiệm vụ", "task table")));
        }
        if let [Seg::Key("nhiem_vu"), Seg::Index(j), tail @ ..] = rest {
            task_place(tasks, *j, tail, w, out, field);
        } else {
            *field = block_field(rest, w);
        }
    } else if let Some(targets) = &m.chi_tieu {
        if several || rest.is_empty() {
            out.push(numbered(w.pick("bảng chỉ tiêu", "target table")));
        }
        if let [Seg::Key("chi_tieu"), Seg::Index(j), tail @ ..] = rest {
            target_place(targets, *j, tail, w, out, field);
        } else {
            *field = block_field(rest, w);
        }
    }
}

fn prose_tasks(m: &BlockMap) -> bool {
    m.nhiem_vu.is_some() && matches!(m.trinh_bay.as_deref(), Some("van_xuoi" | "gach"))
}

/// Task `j` of a list: "nhóm II, nhiệm vụ 3" or "nhiệm vụ 3".
fn task_place(tasks: &[TaskEntry], j: usize, tail: &[Seg], w: &Words, out: &mut Vec<String>, field: &mut Option<String>) {
    let Some(t) = tasks.get(j) else { return };
    if t.nhom.is_some() {
        let g = tasks[..=j].iter().filter(|t| t.nhom.is_some()).count();
        out.push(format!("{} {}", w.pick("nhóm", "group"), vn::roman(g)));
        if let [Seg::Key("nhiem_vu"), Seg::Index(k), tail2 @ ..] = tail {
            out.push(format!("{} {}", w.pick("nhiệm vụ", "task"), k + 1));
            *field = task_field(tail2, w);
        }
        return;
    }
    // Plain tasks are numbered from 1 after the last group (as the table prints them).
    let since = tasks[..j].iter().rposition(|t| t.nhom.is_some()).map_or(0, |g| g + 1);
    let k = tasks[since..=j].iter().filter(|t| t.nhom.is_none()).count();
    out.push(format!("{} {k}", w.pick("nhiệm vụ", "task")));
    *field = task_field(tail, w);
}

/// Target `j` of a list: "nhóm I, chỉ tiêu 2", "chỉ tiêu 6.1".
fn target_place(targets: &[TargetEntry], j: usize, tail: &[Seg], w: &Words, out: &mut Vec<String>, field: &mut Option<String>) {
    let Some(t) = targets.get(j) else { return };
    let word = w.pick("chỉ tiêu", "target");
    if let (Some(_), Some(TargetName::List(items))) = (&t.nhom, &t.chi_tieu) {
        let g = targets[..=j].iter().filter(|t| t.nhom.is_some()).count();
        out.push(format!("{} {}", w.pick("nhóm", "group"), vn::roman(g)));
        if let [Seg::Key("chi_tieu"), Seg::Index(k), tail2 @ ..] = tail {
            sub_target(items, *k, tail2, word, w, out, field);
        }
        return;
    }
    let since = targets[..j].iter().rposition(|t| t.nhom.is_some()).map_or(0, |g| g + 1);
    let k = targets[since..j].iter().filter(|t| t.nhom.is_none()).count();
    sub_target(&targets[since..], k, tail, word, w, out, field);
}

fn sub_target(list: &[TargetEntry], k: usize, tail: &[Seg], word: &str, w: &Words, out: &mut Vec<String>, field: &mut Option<String>) {
    if let [Seg::Key("chi_tiet"), Seg::Index(s), tail2 @ ..] = tail {
        if list.get(k).and_then(|t| t.chi_tiet.as_ref()).is_some_and(|c| *s < c.len()) {
            out.push(format!("{word} {}.{}", k + 1, s + 1));
            *field = target_field(tail2, w);
            return;
        }
    }
    out.push(format!("{word} {}", k + 1));
    *field = target_field(tail, w);
}

fn task_field(tail: &[Seg], w: &Words) -> Option<String> {
    let Some(Seg::Key(k)) = tail.first() else { return None };
    let (vi, en) = match *k {
        "ten" => ("tên", "title"),
        "noi_dung" => ("nội dung", "content"),
        "phan_cong" => ("phân công", "assignment"),
        "chu_tri" => ("chủ trì", "lead"),
        "tham_muu" => ("tham mưu", "advising"),
        "phoi_hop" => ("phối hợp", "coordinating"),
        "thoi_gian" => ("thời gian", "deadline"),
        "san_pham" => ("sản phẩm", "product"),
        "ghi_chu" => ("ghi chú", "note"),
        _ => return None,
    };
    Some(w.pick(vi, en).into())
}

fn target_field(tail: &[Seg], w: &Words) -> Option<String> {
    let Some(Seg::Key(k)) = tail.first() else { return None };
    let (vi, en) = match *k {
        "chi_tieu" => ("tên chỉ tiêu", "indicator"),
        "don_vi" => ("đơn vị", "unit"),
        "hien_tai" => ("hiện tại", "baseline"),
        "muc_tieu" => ("mục tiêu", "target value"),
        "chu_tri" => ("chủ trì", "lead"),
        "phoi_hop" => ("phối hợp", "coordinating"),
        "danh_gia" => ("đánh giá", "evaluation"),
        "ghi_chu" => ("ghi chú", "note"),
        _ => return None,
    };
    Some(w.pick(vi, en).into())
}

fn block_field(rest: &[Seg], w: &Words) -> Option<String> {
    let Some(Seg::Key(k)) = rest.first() else { return None };
    let (vi, en) = match *k {
        "cot" => ("các cột", "columns"),
        "nhan" => ("tiêu đề cột", "column headings"),
        "rong" => ("độ rộng cột", "column widths"),
        "trinh_bay" => ("cách trình bày", "layout"),
        _ => return None,
    };
    Some(w.pick(vi, en).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(yaml: &str) -> Plan {
        serde_yaml::from_str(yaml).unwrap()
    }

    const PLAN: &str = r#"
co_quan: {ten: [UBND, Xã A], viet_tat: UBND}
ngay: 2025
trich_yeu: T
can_cu: [a, b]
noi_dung:
  - muc: Mục đích
    noi_dung:
      - muc: Một
      - Đoạn.
      - muc: Hai
        noi_dung:
          - gach: x
          - gach: y
  - muc: Nhiệm vụ
    noi_dung:
      - nhiem_vu:
          - noi_dung: A
          - nhom: Nhóm một
            nhiem_vu:
              - noi_dung: B
              - noi_dung: C
                thoi_gian: Quý I năm 2025
      - chi_tieu:
          - chi_tieu: X
            chi_tiet:
              - chi_tieu: X1
                muc_tieu: 5
noi_nhan: {danh_sach: [A, B], luu: VT}
ky: {chuc_vu: Chủ tịch, ho_ten: N}
phu_luc:
  - id: a
    noi_dung:
      - muc: Một
        noi_dung:
          - muc: Con
  - id: b
"#;

    #[test]
    fn segments_of_a_path() {
        assert_eq!(segments("a.b[2][3].c"), vec![Seg::Key("a"), Seg::Key("b"), Seg::Index(2), Seg::Index(3), Seg::Key("c")]);
    }

    #[test]
    fn places_as_printed() {
        let p = plan(PLAN);
        let d = |path| describe(&p, path, Lang::Vi).unwrap();
        assert_eq!(d("noi_dung[0].noi_dung[2].noi_dung[1].gach"), "Mục I, 2, gạch đầu dòng 2");
        assert_eq!(d("noi_dung[0].noi_dung[1]"), "Mục I, đoạn 1");
        assert_eq!(d("noi_dung[1].noi_dung[0].nhiem_vu[1].nhiem_vu[1].thoi_gian"), "Mục II, nhóm I, nhiệm vụ 2 (thời gian)");
        assert_eq!(d("noi_dung[1].noi_dung[0].nhiem_vu[0]"), "Mục II, nhiệm vụ 1");
        assert_eq!(d("noi_dung[1].noi_dung[1].chi_tieu[0].chi_tiet[0].muc_tieu"), "Mục II, chỉ tiêu 1.1 (mục tiêu)");
        assert_eq!(d("phu_luc[0].noi_dung[0].noi_dung[0].muc"), "Phụ lục I, 1, a)");
        assert_eq!(d("can_cu[1]"), "căn cứ 2");
        assert_eq!(d("noi_nhan.danh_sach[1]"), "nơi nhận, dòng 2");
        assert_eq!(describe(&p, "noi_dung[1].noi_dung[0].nhiem_vu[0].chu_tri", Lang::En).unwrap(), "Part II, task 1 (lead)");
    }
}
