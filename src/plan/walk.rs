//! Every string of a plan with its field path: the one traversal that batch
//! variables, size limits and input clean-up share.

use super::model::*;

/// Calls `f` with the field path and every string of the plan, mutably.
pub fn visit_strings(p: &mut Plan, f: &mut dyn FnMut(&str, &mut String)) {
    let ag = &mut p.co_quan;
    if let Some(s) = &mut ag.cap_tren {
        f("co_quan.cap_tren", s);
    }
    let single = ag.ten.0.len() == 1;
    for (i, s) in ag.ten.0.iter_mut().enumerate() {
        f(&if single { "co_quan.ten".to_string() } else { format!("co_quan.ten[{i}]") }, s);
    }
    f("co_quan.viet_tat", &mut ag.viet_tat);
    if let Some(s) = &mut ag.ten_day_du {
        f("co_quan.ten_day_du", s);
    }
    if let Some(s) = &mut p.so {
        f("so", &mut s.0);
    }
    if let Some(s) = &mut p.dia_danh {
        f("dia_danh", s);
    }
    f("ngay", &mut p.ngay.0);
    f("trich_yeu", &mut p.trich_yeu);
    for (k, list) in [("can_cu", &mut p.can_cu), ("mo_dau", &mut p.mo_dau), ("ket_thuc", &mut p.ket_thuc)] {
        for (i, s) in list.iter_mut().enumerate() {
            f(&format!("{k}[{i}]"), s);
        }
    }
    blocks("noi_dung", &mut p.noi_dung, f);
    for (i, s) in p.noi_nhan.danh_sach.iter_mut().enumerate() {
        f(&format!("noi_nhan.danh_sach[{i}]"), s);
    }
    f("noi_nhan.luu", &mut p.noi_nhan.luu);
    if let Some(s) = &mut p.noi_nhan.ghi_chu {
        f("noi_nhan.ghi_chu", s);
    }
    let k = &mut p.ky;
    for (name, v) in [
        ("thay_mat", &mut k.thay_mat),
        ("ky_thay", &mut k.ky_thay),
        ("quyen", &mut k.quyen),
        ("thua_lenh", &mut k.thua_lenh),
        ("thua_uy_quyen", &mut k.thua_uy_quyen),
    ] {
        if let Some(s) = v {
            f(&format!("ky.{name}"), s);
        }
    }
    f("ky.chuc_vu", &mut k.chuc_vu);
    f("ky.ho_ten", &mut k.ho_ten);
    for (i, a) in p.phu_luc.iter_mut().enumerate() {
        if let Some(s) = &mut a.tieu_de {
            f(&format!("phu_luc[{i}].tieu_de"), s);
        }
        blocks(&format!("phu_luc[{i}].noi_dung"), &mut a.noi_dung, f);
    }
}

fn opt(path: &str, key: &str, v: &mut Option<String>, f: &mut dyn FnMut(&str, &mut String)) {
    if let Some(s) = v {
        f(&format!("{path}.{key}"), s);
    }
}

fn content(path: &str, c: &mut Content, f: &mut dyn FnMut(&str, &mut String)) {
    if let [Block::Paragraph(s)] = c.0.as_mut_slice() {
        f(path, s);
        return;
    }
    blocks(path, &mut c.0, f);
}

fn blocks(path: &str, list: &mut [Block], f: &mut dyn FnMut(&str, &mut String)) {
    for (i, b) in list.iter_mut().enumerate() {
        let p = format!("{path}[{i}]");
        match b {
            Block::Paragraph(s) => f(&p, s),
            Block::Map(m) => {
                for (k, v) in [("muc", &mut m.muc), ("gach", &mut m.gach), ("cong", &mut m.cong)] {
                    opt(&p, k, v, f);
                }
                if let Some(children) = &mut m.noi_dung {
                    blocks(&format!("{p}.noi_dung"), children, f);
                }
                if let Some(n) = &mut m.nhan {
                    for (k, v) in n.iter_mut() {
                        f(&format!("{p}.nhan.{k}"), v);
                    }
                }
                if let Some(t) = &mut m.bang {
                    for (r, row) in t.tieu_de.iter_mut().enumerate() {
                        for (c, cell) in row.iter_mut().enumerate() {
                            content(&format!("{p}.bang.tieu_de[{r}][{c}]"), &mut cell.text, f);
                        }
                    }
                    for (r, row) in t.hang.iter_mut().enumerate() {
                        match row {
                            Row::Group(g) => f(&format!("{p}.bang.hang[{r}].nhom"), g),
                            Row::Cells(cells) => {
                                for (c, cell) in cells.iter_mut().enumerate() {
                                    content(&format!("{p}.bang.hang[{r}][{c}]"), &mut cell.text, f);
                                }
                            }
                        }
                    }
                    for (n, s) in t.chu_thich.iter_mut().enumerate() {
                        f(&format!("{p}.bang.chu_thich[{n}]"), s);
                    }
                }
                if let Some(tasks) = &mut m.nhiem_vu {
                    task_list(&format!("{p}.nhiem_vu"), tasks, f);
                }
                if let Some(targets) = &mut m.chi_tieu {
                    target_list(&format!("{p}.chi_tieu"), targets, f);
                }
            }
        }
    }
}

fn task_list(path: &str, tasks: &mut [TaskEntry], f: &mut dyn FnMut(&str, &mut String)) {
    for (i, t) in tasks.iter_mut().enumerate() {
        let p = format!("{path}[{i}]");
        for (k, v) in [
            ("nhom", &mut t.nhom),
            ("ten", &mut t.ten),
            ("chu_tri", &mut t.chu_tri),
            ("tham_muu", &mut t.tham_muu),
            ("phoi_hop", &mut t.phoi_hop),
            ("thoi_gian", &mut t.thoi_gian),
        ] {
            opt(&p, k, v, f);
        }
        for (k, v) in [("noi_dung", &mut t.noi_dung), ("phan_cong", &mut t.phan_cong), ("san_pham", &mut t.san_pham), ("ghi_chu", &mut t.ghi_chu)] {
            if let Some(c) = v {
                content(&format!("{p}.{k}"), c, f);
            }
        }
        if let Some(sub) = &mut t.nhiem_vu {
            task_list(&format!("{p}.nhiem_vu"), sub, f);
        }
    }
}

fn target_list(path: &str, targets: &mut [TargetEntry], f: &mut dyn FnMut(&str, &mut String)) {
    for (i, t) in targets.iter_mut().enumerate() {
        let p = format!("{path}[{i}]");
        for (k, v) in [
            ("nhom", &mut t.nhom),
            ("don_vi", &mut t.don_vi),
            ("chu_tri", &mut t.chu_tri),
            ("phoi_hop", &mut t.phoi_hop),
            ("danh_gia", &mut t.danh_gia),
            ("ghi_chu", &mut t.ghi_chu),
        ] {
            opt(&p, k, v, f);
        }
        match &mut t.chi_tieu {
            Some(TargetName::Text(s)) => f(&format!("{p}.chi_tieu"), s),
            Some(TargetName::List(l)) => target_list(&format!("{p}.chi_tieu"), l, f),
            None => {}
        }
        if let Some(v) = &mut t.muc_tieu {
            f(&format!("{p}.muc_tieu"), &mut v.0);
        }
        if let Some(b) = &mut t.hien_tai {
            f(&format!("{p}.hien_tai"), &mut b.value.0);
            if let Some(k) = &mut b.period {
                f(&format!("{p}.hien_tai.ky"), k);
            }
        }
        if let Some(sub) = &mut t.chi_tiet {
            target_list(&format!("{p}.chi_tiet"), sub, f);
        }
    }
}
