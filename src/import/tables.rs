//! Tables read back into the plan: task tables (`nhiem_vu`) and target tables
//! (`chi_tieu`) by their header words, group rows (I, II spanning the table)
//! as groups; any other table as a free table (`bang`) with its merged cells,
//! header rows and notes. Also tasks written as prose (a numbered title, then
//! "a) Nội dung: …", "b) Chủ trì: …") gathered back into `nhiem_vu`.

use super::classify::{Blk, Ctx, Unit};
use super::docx::{Cell, Table};
use super::text::{self, Lbl};
use super::write::{Item, Kind, Node};
use super::WarnMsg;
use crate::plan::validate::parse_target;
use crate::text::vn;
use crate::view::{target_value, TARGET_DEFAULTS, TASK_DEFAULTS};

fn units(c: &Cell) -> Vec<Unit> {
    c.paras.iter().flat_map(|p| Unit::from_para(p, true)).collect()
}

fn plain(c: &Cell) -> String {
    text::squash(&units(c).iter().map(|u| u.words()).collect::<Vec<_>>().join(" "))
}

/// Text for a single-line field: the cell's lines joined; `bold` where the row prints bold (a group).
fn line(c: &Cell, bold: bool, ctx: &mut Ctx, notes: &mut Vec<usize>) -> String {
    let t = text::squash(&units(c).iter().map(|u| u.full((bold, false))).collect::<Vec<_>>().join(" "));
    ctx.text(&t, notes)
}

/// A cell's lines as content: a text, or a list of paragraphs and "-"/"+" points.
fn content(us: &[Unit], base: (bool, bool), ctx: &mut Ctx) -> Option<Node> {
    let mut items: Vec<Item> = Vec::new();
    for u in us {
        let mut notes = Vec::new();
        let item = match u.label {
            Some(Lbl::Dash) | Some(Lbl::Plus) => {
                let key = if u.label == Some(Lbl::Plus) { "cong" } else { "gach" };
                let t = ctx.text(&u.marked(base), &mut notes);
                Node::map(Kind::Block).with(key, Node::Text(t)).noted(notes)
            }
            _ => {
                let t = ctx.text(&u.full(base), &mut notes);
                Node::Text(t).noted(notes)
            }
        };
        items.push(item);
    }
    match items.len() {
        0 => None,
        1 if matches!(items[0].node, Node::Text(_)) && items[0].notes.is_empty() => Some(items.remove(0).node),
        _ => Some(Node::list(items)),
    }
}

/// The grid: for every row and column, the cell covering it (row, index) if any.
fn grid(t: &Table) -> Vec<Vec<Option<(usize, usize)>>> {
    let n = t.columns();
    let mut g = vec![vec![None; n]; t.rows.len()];
    for (ri, r) in t.rows.iter().enumerate() {
        for (ci, c) in r.cells.iter().enumerate() {
            for row in g.iter_mut().skip(ri).take(c.rowspan.max(1)) {
                for slot in row.iter_mut().skip(c.col).take(c.colspan.max(1)) {
                    if slot.is_none() {
                        *slot = Some((ri, ci));
                    }
                }
            }
        }
    }
    g
}

/// How many rows at the top are headings: those marked to repeat, else a bold first row
/// (or one whose words are column names), with the rows its merged cells reach down into.
fn header_rows(t: &Table) -> usize {
    let marked = t.rows.iter().take_while(|r| r.header).count();
    let mut h = marked;
    if h == 0 {
        let Some(first) = t.rows.first() else { return 0 };
        let texts: Vec<&Cell> = first.cells.iter().filter(|c| !plain(c).is_empty()).collect();
        let bold = !texts.is_empty() && texts.iter().all(|c| units(c).iter().all(|u| u.bold));
        let named = texts.len() >= 2 && texts.iter().filter(|c| task_key(&plain(c)).is_some() || target_key(&plain(c)).is_some()).count() * 2 >= texts.len();
        if !(bold || named) || t.rows.len() < 2 {
            return 0;
        }
        h = 1;
    }
    loop {
        let reach = t.rows[..h].iter().enumerate().flat_map(|(ri, r)| r.cells.iter().map(move |c| ri + c.rowspan.max(1))).max().unwrap_or(h);
        if reach <= h || reach >= t.rows.len() {
            return h.max(reach.min(t.rows.len().saturating_sub(1))).min(t.rows.len());
        }
        h = reach;
    }
}

fn norm(h: &str) -> String {
    h.to_lowercase().trim().trim_end_matches(['.', ':']).to_string()
}

fn is_stt(l: &str) -> bool {
    matches!(l, "stt" | "tt" | "số tt" | "số thứ tự" | "thứ tự")
}

fn task_key(h: &str) -> Option<&'static str> {
    let l = norm(h);
    let has = |w: &[&str]| w.iter().any(|x| l.contains(x));
    Some(if is_stt(&l) {
        "stt"
    } else if has(&["thời gian", "thời hạn", "tiến độ", "hoàn thành"]) {
        "thoi_gian"
    } else if has(&["phối hợp"]) {
        "phoi_hop"
    } else if has(&["tham mưu"]) {
        "tham_muu"
    } else if has(&["chủ trì"]) {
        "chu_tri"
    } else if has(&["sản phẩm", "kết quả"]) {
        "san_pham"
    } else if has(&["ghi chú"]) {
        "ghi_chu"
    } else if has(&["nội dung", "nhiệm vụ", "công việc", "hoạt động", "giải pháp", "hình thức"]) {
        "noi_dung"
    } else if has(&["thực hiện", "phụ trách", "đơn vị chủ"]) {
        "chu_tri"
    } else {
        return None;
    })
}

fn target_key(h: &str) -> Option<&'static str> {
    let l = norm(h);
    let has = |w: &[&str]| w.iter().any(|x| l.contains(x));
    Some(if is_stt(&l) {
        "stt"
    } else if has(&["đánh giá"]) {
        "danh_gia"
    } else if has(&["phối hợp"]) {
        "phoi_hop"
    } else if has(&["chủ trì"]) {
        "chu_tri"
    } else if l == "đơn vị" || has(&["đơn vị tính", "đvt"]) {
        "don_vi"
    } else if has(&["hiện tại", "hiện trạng", "thực trạng"]) {
        "hien_tai"
    } else if has(&["mục tiêu", "kế hoạch", "chỉ tiêu giao"]) {
        "muc_tieu"
    } else if has(&["chỉ tiêu"]) {
        // A name or a value: decided by the column's cells.
        "chi_tieu"
    } else if has(&["nội dung", "nhiệm vụ"]) {
        "chi_tieu"
    } else if has(&["ghi chú"]) {
        "ghi_chu"
    } else {
        return None;
    })
}

fn default_label(defaults: &[(&str, &str, f64)], key: &str) -> String {
    defaults.iter().find(|d| d.0 == key).map(|d| d.1.to_string()).unwrap_or_default()
}

/// `cot`, `nhan` and `rong` when the table's columns, their headings or their widths are not
/// kehoach's defaults.
fn columns_spec(block: &mut Node, cols: &[(usize, &'static str, String)], t: &Table, default: &[&str], defaults: &[(&str, &str, f64)]) {
    let grid = &t.grid;
    let keys: Vec<&str> = cols.iter().map(|c| c.1).collect();
    if keys != default {
        block.set("cot", Node::flow_list(keys.iter().map(|k| Node::text(*k).into()).collect()));
    }
    let mut nhan = Node::map(Kind::Columns);
    for (_, k, label) in cols {
        if *label != default_label(defaults, k) {
            nhan.set(k, Node::text(label.clone()));
        }
    }
    if nhan.get("stt").is_some() || matches!(&nhan, Node::Map { entries, .. } if !entries.is_empty()) {
        block.set("nhan", nhan);
    }
    // kehoach fits its default widths to the content (render::fit): a table it wrote with its
    // defaults has those fitted widths, which are no `rong` of the clerk's.
    if fitted_defaults(cols, t, defaults).is_some_and(|f| f.iter().zip(grid).all(|(a, b)| (a - b).abs() <= 0.03 * a)) {
        return;
    }
    if let Some(rong) = widths_spec(cols, grid, defaults) {
        block.set("rong", rong);
    }
}

/// The grid, in twips, kehoach gives this table's columns with its default widths fitted to
/// the table's content; `None` when the columns are not the whole grid in order.
fn fitted_defaults(cols: &[(usize, &'static str, String)], t: &Table, defaults: &[(&str, &str, f64)]) -> Option<Vec<f64>> {
    use crate::view::{Align, CellPara, CellView, RowView, TableView};
    if cols.len() != t.grid.len() || cols.iter().enumerate().any(|(i, c)| c.0 != i) {
        return None;
    }
    let style = crate::render::Templates::embedded().style().ok()?;
    let cell = |c: &Cell, header: bool| CellView {
        paras: c.paras.iter().map(|p| CellPara { spans: p.runs.clone() }).collect(),
        colspan: c.colspan.max(1) as u32,
        rowspan: c.rowspan.max(1) as u32,
        align: Align::Left,
        bold: header,
    };
    let mut view = TableView {
        widths: cols.iter().map(|c| defaults.iter().find(|d| d.0 == c.1).map(|d| d.2).unwrap_or(1.0)).collect(),
        header: t.rows.iter().filter(|r| r.header).map(|r| r.cells.iter().map(|c| cell(c, true)).collect()).collect(),
        rows: t.rows.iter().filter(|r| !r.header).map(|r| RowView { group: false, cells: r.cells.iter().map(|c| cell(c, false)).collect() }).collect(),
        notes: Vec::new(),
    };
    let twips_per_mm = 1440.0 / 25.4;
    let width: f64 = t.grid.iter().sum();
    crate::render::fit::fit_table(&mut view, width / twips_per_mm, &style);
    Some(view.widths.iter().map(|w| w * twips_per_mm).collect())
}

/// `rong: {key: width}` for the columns whose share of the table's width is not kehoach's default.
/// The widths are scaled so that the STT column keeps its default (or, without one, so that they
/// add up as the defaults do): a table kehoach wrote gets its own numbers back.
fn widths_spec(cols: &[(usize, &'static str, String)], grid: &[f64], defaults: &[(&str, &str, f64)]) -> Option<Node> {
    let default = |k: &str| defaults.iter().find(|d| d.0 == k).map(|d| d.2).unwrap_or(1.0);
    let word: Vec<f64> = cols.iter().map(|c| grid.get(c.0).copied().unwrap_or(0.0)).collect();
    // Columns all alike are what "Insert table" (or a program) gives before anyone sets a width:
    // kehoach's defaults suit a task or target table better.
    let (lo, hi) = word.iter().fold((f64::MAX, 0.0_f64), |(lo, hi), w| (lo.min(*w), hi.max(*w)));
    if lo <= 0.0 || hi <= lo * 1.02 {
        return None;
    }
    let scale = match cols.iter().position(|c| c.1 == "stt") {
        Some(i) => default("stt") / word[i],
        None => cols.iter().map(|c| default(c.1)).sum::<f64>() / word.iter().sum::<f64>(),
    };
    let mut rong = Node::flow_map(Kind::Columns);
    for (c, w) in cols.iter().zip(&word) {
        let (w, d) = ((w * scale * 100.0).round() / 100.0, default(c.1));
        // Word rounds a grid column to whole twips; 3% is far below what a clerk would set.
        if (w - d).abs() > 0.03 * d {
            rong.set(c.1, Node::Raw(format!("{w:?}")));
        }
    }
    matches!(&rong, Node::Map { entries, .. } if !entries.is_empty()).then_some(rong)
}

/// A group row: "I | title" with the title spanning the rest, or one cell across the table.
fn group_title(t: &Table, ri: usize) -> Option<&Cell> {
    let r = &t.rows[ri];
    let n = t.columns();
    let filled: Vec<&Cell> = r.cells.iter().filter(|c| !plain(c).is_empty()).collect();
    match filled.as_slice() {
        [only] if only.colspan >= n.saturating_sub(1).max(1) && r.cells.len() <= 2 => Some(only),
        [first, title] => {
            let f = plain(first);
            let roman = f.trim_end_matches('.').chars().all(|c| "IVXL".contains(c)) || f.len() == 1 && f.chars().all(|c| c.is_ascii_uppercase());
            let rest_empty = r.cells.iter().filter(|c| c.col > title.col).all(|c| plain(c).is_empty());
            (roman && rest_empty && (title.col + title.colspan >= n || r.cells.len() > 2)).then_some(*title)
        }
        _ => None,
    }
}

/// A table as a block; `true` when the notes under it became its `chu_thich`.
pub(super) fn block(t: &Table, notes: &[&Unit], ctx: &mut Ctx) -> (Item, bool) {
    let mut extra = Vec::new();
    if t.nested {
        extra.push(ctx.warn(WarnMsg::NestedTable, None));
    }
    let h = header_rows(t);
    if h == 1 {
        if let Some(mut item) = targets(t, ctx) {
            item.notes.extend(extra);
            return (item, false);
        }
        match tasks(t, ctx) {
            Ok(Some(mut item)) => {
                item.notes.extend(extra);
                return (item, false);
            }
            Ok(None) => {}
            Err(why) => {
                extra.push(ctx.warn(WarnMsg::TableKept(why), t.rows.first().map(|r| r.cells.iter().map(plain).collect::<Vec<_>>().join(" | ")).as_deref()))
            }
        }
    } else if h > 1 && {
        let keys: Vec<&str> = t.rows[0].cells.iter().filter_map(|c| task_key(&plain(c))).collect();
        keys.contains(&"noi_dung") && (keys.contains(&"chu_tri") || keys.contains(&"thoi_gian"))
    } {
        extra.push(ctx.warn(WarnMsg::TableKept("có tiêu đề nhiều dòng"), None));
    }
    let mut item = free(t, h, notes, ctx);
    item.notes.extend(extra);
    (item, true)
}

/// Tasks: `Ok(None)` when the table is not a task table, `Err` when it looked like one but is not.
fn tasks(t: &Table, ctx: &mut Ctx) -> Result<Option<Item>, &'static str> {
    let head = &t.rows[0];
    let mut cols: Vec<(usize, &'static str, String)> = Vec::new();
    let mut unknown = Vec::new();
    for c in &head.cells {
        let label = plain(c);
        match task_key(&label) {
            Some(k) if c.colspan == 1 && !cols.iter().any(|x| x.1 == k) => cols.push((c.col, k, label)),
            Some(_) => return Ok(None),
            None => unknown.push((c.col, label)),
        }
    }
    let has = |k: &str| cols.iter().any(|c| c.1 == k);
    if !has("noi_dung") || !(has("chu_tri") || has("thoi_gian")) {
        return Ok(None);
    }
    let mut notes = Vec::new();
    match unknown.as_slice() {
        [] => {}
        [(col, label)] if !has("ghi_chu") => {
            notes.push(ctx.warn(WarnMsg::ColumnAsNote(label.clone()), None));
            cols.push((*col, "ghi_chu", label.clone()));
            cols.sort_by_key(|c| c.0);
        }
        _ => return Err("có cột trùng hoặc không rõ"),
    }
    let g = grid(t);
    let mut top: Vec<Item> = Vec::new();
    let mut group: Option<(Item, Vec<Item>)> = None;
    let mut merged = false;
    let mut stt_ok = true;
    let mut n = 0;
    for ri in 1..t.rows.len() {
        if t.rows[ri].cells.iter().all(|c| plain(c).is_empty()) && g[ri].iter().all(|s| s.is_none_or(|(r, _)| r == ri)) {
            continue;
        }
        if let Some(title) = group_title(t, ri).filter(|c| !cols.iter().any(|x| x.1 == "noi_dung" && x.0 == c.col) || t.rows[ri].cells.len() <= 2) {
            if let Some((g, list)) = group.take() {
                top.push(close_group(g, list));
            }
            let mut gn = Vec::new();
            let tt = line(title, true, ctx, &mut gn);
            group = Some((Node::Text(tt).noted(gn), Vec::new()));
            n = 0;
            continue;
        }
        // Numbering back at 1 after a group's rows: a task outside any group (kehoach numbers those afresh).
        if restarts(t, &g, ri, &cols) && group.as_ref().is_some_and(|(_, l)| !l.is_empty()) {
            let (gt, list) = group.take().unwrap();
            top.push(close_group(gt, list));
            n = 0;
        }
        let mut task = Node::map(Kind::Task);
        for (col, key, _) in &cols {
            let Some((r0, c0)) = g[ri].get(*col).copied().flatten() else { continue };
            let cell = &t.rows[r0].cells[c0];
            if cell.colspan > 1 {
                return Err("có ô gộp ngang");
            }
            if r0 != ri {
                merged = true;
            }
            let mut fnotes = Vec::new();
            match *key {
                "stt" => {
                    n += 1;
                    if plain(cell).trim_end_matches('.') != n.to_string() {
                        stt_ok = false;
                    }
                }
                "noi_dung" => {
                    let us = units(cell);
                    let (name, rest) = match us.split_first() {
                        Some((f, rest)) if f.bold && !rest.is_empty() && f.label.is_none() => (Some(f), rest),
                        _ => (None, us.as_slice()),
                    };
                    if let Some(f) = name {
                        let tt = ctx.text(&f.marked((true, false)), &mut fnotes);
                        task.set("ten", Node::Text(tt));
                    }
                    if let Some(c) = content(rest, (false, false), ctx) {
                        task.set("noi_dung", c.noted(fnotes));
                    }
                }
                "san_pham" | "ghi_chu" => {
                    if let Some(c) = content(&units(cell), (false, false), ctx) {
                        task.set(key, c);
                    }
                }
                _ => {
                    let s = line(cell, false, ctx, &mut fnotes);
                    if !s.is_empty() {
                        task.set(key, Node::Text(s).noted(fnotes));
                    }
                }
            }
        }
        if task.get("noi_dung").is_none() && task.get("ten").is_none() {
            return Err("có hàng thiếu nội dung");
        }
        match &mut group {
            Some((_, list)) => list.push(task.into()),
            None => top.push(task.into()),
        }
    }
    if let Some((g, list)) = group.take() {
        top.push(close_group(g, list));
    }
    if top.is_empty() {
        return Ok(None);
    }
    if merged {
        notes.push(ctx.warn(WarnMsg::MergedCopied, None));
    }
    if !stt_ok {
        notes.push(ctx.warn(WarnMsg::Renumbered, None));
    }
    let mut b = Node::map(Kind::Block);
    let any = |k: &str| top.iter().any(|i| has_key(&i.node, k));
    let mut default: Vec<&str> = vec!["stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_gian"];
    if any("tham_muu") {
        default.insert(3, "tham_muu");
    }
    for k in ["san_pham", "ghi_chu"] {
        if any(k) {
            default.push(k);
        }
    }
    columns_spec(&mut b, &cols, t, &default, &TASK_DEFAULTS);
    b.set("nhiem_vu", Node::list(top));
    Ok(Some(b.noted(notes)))
}

/// Whether row `ri`'s number (STT column) is 1.
fn restarts(t: &Table, g: &[Vec<Option<(usize, usize)>>], ri: usize, cols: &[(usize, &'static str, String)]) -> bool {
    cols.iter()
        .find(|c| c.1 == "stt")
        .and_then(|c| g[ri].get(c.0).copied().flatten())
        .is_some_and(|(r, i)| plain(&t.rows[r].cells[i]).trim_end_matches('.') == "1")
}

/// Whether a task (or a group's tasks) has `key`.
fn has_key(n: &Node, key: &str) -> bool {
    n.get(key).is_some() || n.get("nhiem_vu").is_some_and(|l| matches!(&l.node, Node::Seq { items, .. } if items.iter().any(|i| has_key(&i.node, key))))
}

fn close_group(title: Item, list: Vec<Item>) -> Item {
    Node::map(Kind::Task).with("nhom", title).with("nhiem_vu", Node::list(list)).into()
}

/// A value as kehoach would print it back, else None.
fn round_trip(s: &str) -> Option<Node> {
    let s = s.trim();
    if s.is_empty() || parse_target(s).is_none() || target_value(s) != s {
        return None;
    }
    Some(if s.chars().all(|c| c.is_ascii_digit()) && !(s.len() > 1 && s.starts_with('0')) { Node::Raw(s.into()) } else { Node::text(s) })
}

fn targets(t: &Table, ctx: &mut Ctx) -> Option<Item> {
    let g = grid(t);
    let head = &t.rows[0];
    let mut cols: Vec<(usize, &'static str, String)> = Vec::new();
    for c in &head.cells {
        let label = plain(c);
        let mut k = target_key(&label)?;
        if c.colspan != 1 {
            return None;
        }
        // "Chỉ tiêu (%)" over numbers is the target value; over words, the indicator.
        if k == "chi_tieu" && norm(&label).contains("chỉ tiêu") {
            let values: Vec<String> = (1..t.rows.len())
                .filter(|&ri| group_title(t, ri).is_none())
                .filter_map(|ri| g[ri].get(c.col).copied().flatten())
                .map(|(r, i)| &t.rows[r].cells[i])
                .filter(|cell| cell.colspan == 1)
                .map(plain)
                .filter(|v| !v.is_empty())
                .collect();
            if !values.is_empty() && values.iter().all(|v| round_trip(v).is_some()) {
                k = "muc_tieu";
            }
        }
        if cols.iter().any(|x| x.1 == k) {
            if k == "chi_tieu" {
                continue;
            }
            return None;
        }
        cols.push((c.col, k, label));
    }
    if !cols.iter().any(|c| c.1 == "chi_tieu") || !cols.iter().any(|c| c.1 == "muc_tieu") {
        return None;
    }
    let mut top: Vec<Item> = Vec::new();
    let mut group: Option<(Item, Vec<Item>)> = None;
    let mut merged = false;
    for ri in 1..t.rows.len() {
        if t.rows[ri].cells.iter().all(|c| plain(c).is_empty()) {
            continue;
        }
        if let Some(title) = group_title(t, ri) {
            if let Some((gt, list)) = group.take() {
                top.push(close_target_group(gt, list));
            }
            let mut gn = Vec::new();
            let tt = line(title, true, ctx, &mut gn);
            group = Some((Node::Text(tt).noted(gn), Vec::new()));
            continue;
        }
        if restarts(t, &g, ri, &cols) && group.as_ref().is_some_and(|(_, l)| !l.is_empty()) {
            let (gt, list) = group.take().unwrap();
            top.push(close_target_group(gt, list));
        }
        let mut target = Node::map(Kind::Target);
        let mut sub = false;
        let mut unit = None;
        for (col, key, _) in &cols {
            let (r0, c0) = g[ri].get(*col).copied().flatten()?;
            let cell = &t.rows[r0].cells[c0];
            if cell.colspan > 1 {
                return None;
            }
            merged |= r0 != ri;
            let v = plain(cell);
            let mut fnotes = Vec::new();
            match *key {
                "stt" => sub = v.trim_end_matches('.').contains('.'),
                "muc_tieu" | "hien_tai" if !v.is_empty() => target.set(key, round_trip(&v)?),
                "don_vi" if !v.is_empty() => {
                    unit = Some(v.clone());
                    target.set(key, Node::text(v));
                }
                _ if !v.is_empty() => {
                    let s = line(cell, false, ctx, &mut fnotes);
                    target.set(key, Node::Text(s).noted(fnotes));
                }
                _ => {}
            }
        }
        if unit.as_deref() == Some("%") {
            for k in ["muc_tieu", "hien_tai"] {
                let v = match target.get(k).map(|i| &i.node) {
                    Some(Node::Text(s) | Node::Raw(s)) => parse_target(s).map(|x| x.1),
                    _ => None,
                };
                if v.is_some_and(|v| !(0.0..=100.0).contains(&v)) {
                    return None;
                }
            }
        }
        target.get("chi_tieu")?;
        let list = match &mut group {
            Some((_, l)) => l,
            None => &mut top,
        };
        match list.last_mut().filter(|_| sub) {
            Some(parent) => {
                if let Node::Map { entries, .. } = &mut parent.node {
                    match entries.iter_mut().find(|(k, _)| k == "chi_tiet") {
                        Some((_, Item { node: Node::Seq { items, .. }, .. })) => items.push(target.into()),
                        _ => entries.push(("chi_tiet".into(), Node::list(vec![target.into()]).into())),
                    }
                }
            }
            None => list.push(target.into()),
        }
    }
    if let Some((gt, list)) = group.take() {
        top.push(close_target_group(gt, list));
    }
    if top.is_empty() {
        return None;
    }
    let mut notes = Vec::new();
    if merged {
        notes.push(ctx.warn(WarnMsg::MergedCopied, None));
    }
    let mut b = Node::map(Kind::Block);
    let any = |k: &str| top.iter().any(|i| target_has(&i.node, k));
    let mut default: Vec<&str> = vec!["stt", "chi_tieu"];
    for k in ["don_vi", "hien_tai"] {
        if any(k) {
            default.push(k);
        }
    }
    default.push("muc_tieu");
    for k in ["chu_tri", "phoi_hop", "danh_gia", "ghi_chu"] {
        if any(k) {
            default.push(k);
        }
    }
    columns_spec(&mut b, &cols, t, &default, &TARGET_DEFAULTS);
    b.set("chi_tieu", Node::list(top));
    Some(b.noted(notes))
}

fn target_has(n: &Node, key: &str) -> bool {
    let nested = |k: &str| n.get(k).is_some_and(|l| matches!(&l.node, Node::Seq { items, .. } if items.iter().any(|i| target_has(&i.node, key))));
    n.get(key).is_some_and(|v| !matches!(v.node, Node::Seq { .. })) || nested("chi_tiet") || n.get("nhom").is_some() && nested("chi_tieu")
}

fn close_target_group(title: Item, list: Vec<Item>) -> Item {
    Node::map(Kind::Target).with("nhom", title).with("chi_tieu", Node::list(list)).into()
}

/// The number kehoach would print back as exactly `s`.
fn number(s: &str) -> Option<f64> {
    vn::parse_decimal(s).filter(|v| vn::decimal(*v) == s)
}

/// Columns whose body cells are all numbers kehoach prints back the same: written as numbers
/// (kehoach centres them), the others as text, so a column is never half one, half the other.
fn number_columns(t: &Table, h: usize) -> Vec<bool> {
    let mut cols = vec![None::<bool>; t.columns()];
    for r in t.rows.iter().skip(h) {
        for c in r.cells.iter().filter(|c| c.colspan == 1) {
            let v = plain(c);
            if v.is_empty() {
                continue;
            }
            let all_plain = units(c).iter().all(|u| !u.bold && !u.italic);
            let ok = all_plain && number(&v).is_some();
            let slot = &mut cols[c.col];
            *slot = Some(slot.unwrap_or(true) && ok);
        }
    }
    cols.into_iter().map(|c| c.unwrap_or(false)).collect()
}

/// A cell of a free table: a number in a number column, else text or lines.
fn free_cell(c: &Cell, header: bool, numeric: bool, ctx: &mut Ctx) -> Node {
    let us = units(c);
    let base = (header, false);
    let body = match content(&us, base, ctx) {
        Some(Node::Text(s)) if numeric && !header => match number(&s) {
            Some(v) => Node::Raw(v.to_string()),
            None => Node::Text(s),
        },
        Some(n) => n,
        None => Node::Null,
    };
    if c.colspan > 1 || c.rowspan > 1 {
        let o = if body == Node::Null { Node::flow_list(Vec::new()) } else { body };
        let mut m = Node::flow_map(Kind::Cell).with("o", o);
        if c.colspan > 1 {
            m.set("gop_ngang", Node::Raw(c.colspan.to_string()));
        }
        if c.rowspan > 1 {
            m.set("gop_doc", Node::Raw(c.rowspan.to_string()));
        }
        m
    } else {
        body
    }
}

/// kehoach's own numbered free table: 1., 2. in the first column, group rows I, II.
fn numbered_rows(t: &Table, h: usize) -> bool {
    let (mut n, mut groups, mut any) = (0, 0, false);
    for ri in h..t.rows.len() {
        let r = &t.rows[ri];
        let Some(first) = r.cells.first() else { return false };
        let f = plain(first);
        if r.cells.len() == 2 && first.colspan == 1 && r.cells[1].colspan + 1 >= t.columns() && f == vn::roman(groups + 1) {
            groups += 1;
            n = 0;
            continue;
        }
        n += 1;
        if (f != format!("{n}.") && f != n.to_string()) || first.colspan != 1 || first.rowspan != 1 {
            return false;
        }
        any = true;
    }
    any
}

fn free(t: &Table, h: usize, notes: &[&Unit], ctx: &mut Ctx) -> Item {
    let ncols = t.columns().max(1);
    let stt = numbered_rows(t, h);
    let numeric = number_columns(t, h);
    let widths: Vec<f64> = if t.grid.len() == ncols && t.grid.iter().all(|w| *w > 0.0) { t.grid.clone() } else { vec![1.0; ncols] };
    let total: f64 = widths.iter().sum();
    let rong: Vec<Item> = widths.iter().map(|w| Node::Raw(((w / total * 100.0).round().max(1.0) as i64).to_string()).into()).collect();
    let mut tieu_de = Vec::new();
    let mut hang = Vec::new();
    // Columns still covered by a cell merged down from above: rows left.
    let mut carry = vec![0usize; ncols];
    for (ri, r) in t.rows.iter().enumerate() {
        let header = ri < h;
        // Merges stop at the end of the header rows and of the table.
        let limit = if header { h - ri } else { t.rows.len() - ri };
        if !header && stt {
            let f = r.cells.first().map(plain).unwrap_or_default();
            if r.cells.len() == 2 && f == vn::roman(1 + hang.iter().filter(|x: &&Item| x.node.get("nhom").is_some()).count()) {
                let mut gn = Vec::new();
                let title = line(&r.cells[1], true, ctx, &mut gn);
                hang.push(Node::map(Kind::Row).with("nhom", Node::Text(title).noted(gn)).into());
                continue;
            }
        }
        if !header && r.cells.len() == 1 && r.cells[0].colspan >= ncols && r.cells[0].rowspan <= 1 && !stt {
            let mut gn = Vec::new();
            let title = line(&r.cells[0], true, ctx, &mut gn);
            if !title.is_empty() {
                hang.push(Node::map(Kind::Row).with("nhom", Node::Text(title).noted(gn)).into());
                continue;
            }
        }
        let mut cells: Vec<Item> = Vec::new();
        let mut col = 0;
        let mut it = r.cells.iter().skip(usize::from(!header && stt)).peekable();
        if !header && stt {
            col = 1;
        }
        let mut next_carry = carry.iter().map(|c| c.saturating_sub(1)).collect::<Vec<_>>();
        while col < ncols {
            if carry[col] > 0 {
                col += 1;
                continue;
            }
            match it.peek() {
                Some(c) if c.col <= col => {
                    let mut c = (*it.next().unwrap()).clone();
                    c.colspan = c.colspan.min(ncols - col).max(1);
                    c.rowspan = c.rowspan.min(limit).max(1);
                    for k in col..col + c.colspan {
                        next_carry[k] = next_carry[k].max(c.rowspan - 1);
                        if k > col && carry[k] > 0 {
                            c.colspan = k - col;
                            break;
                        }
                    }
                    cells.push(free_cell(&c, header, c.colspan == 1 && numeric.get(c.col).copied().unwrap_or(false), ctx).into());
                    col += c.colspan;
                }
                _ => {
                    cells.push(Node::Null.into());
                    col += 1;
                }
            }
        }
        // A cell past the grid (a damaged row) is kept with the last one, never dropped.
        for extra in it {
            let t = plain(extra);
            if !t.is_empty() {
                cells.push(Node::text(t).into());
            }
        }
        carry = next_carry;
        let row: Item = Node::flow_list(cells).into();
        if header {
            tieu_de.push(row);
        } else {
            hang.push(row);
        }
    }
    let mut b = Node::map(Kind::Table);
    if stt {
        b.set("stt", Node::Raw("true".into()));
    }
    b.set("rong", Node::flow_list(rong));
    if !tieu_de.is_empty() {
        b.set("tieu_de", Node::list(tieu_de));
    }
    b.set("hang", Node::list(hang));
    if !notes.is_empty() {
        let ns: Vec<Item> = notes.iter().map(|u| ctx.item(&u.full((false, true)), Vec::new())).collect();
        b.set("chu_thich", Node::list(ns));
    }
    Node::map(Kind::Block).with("bang", b).into()
}

/// Labels kehoach prints in prose tasks, by field.
const PROSE_LABELS: [(&str, &str); 8] = [
    ("noi_dung", "Nội dung"),
    ("phan_cong", "Phân công"),
    ("chu_tri", "Chủ trì"),
    ("tham_muu", "Tham mưu"),
    ("phoi_hop", "Phối hợp"),
    ("san_pham", "Sản phẩm"),
    ("thoi_gian", "Thời gian"),
    ("ghi_chu", "Ghi chú"),
];

/// "Label: rest" of a lettered line, when the label is short.
fn field(title: &str) -> Option<(String, String)> {
    let (l, r) = match title.split_once(": ") {
        Some((l, r)) => (l, r),
        None => (title.strip_suffix(':')?, ""),
    };
    let l = l.trim();
    (!l.is_empty() && l.split_whitespace().count() <= 4 && !l.contains('*')).then(|| (l.to_string(), r.trim().to_string()))
}

/// A task read from prose: the task, its labels, whether its fields were "-" points, and how
/// many children it took.
type ProseTask = (Node, Vec<(String, String)>, bool, usize);

/// A heading whose children are all "a) Label: …" fields (and the points under a bare label) is a task.
/// Returns the task, its labels, whether its fields were "-" points, and how many children it took:
/// what follows the fields (a table, a paragraph) is the parent's, as the page cannot tell.
fn prose_task(title: &str, children: &[Blk]) -> Option<ProseTask> {
    let mut task = Node::map(Kind::Task).with("ten", Node::text(title));
    let mut labels = Vec::new();
    let mut from_points = false;
    let mut i = 0;
    while i < children.len() {
        if i > 0 && field_at(&children[i]).is_none() {
            break;
        }
        // A field is "a) Label: …" as kehoach prints it, or "- Label: …" as many clerks type it.
        let ft = match &children[i] {
            Blk::Muc { title, children: sub, .. } if sub.is_empty() => title.clone(),
            Blk::Item(it) => match it.node.get("gach").map(|g| &g.node) {
                Some(Node::Text(t)) if field(t).is_some_and(|(_, r)| !r.is_empty()) => {
                    from_points = true;
                    t.clone()
                }
                _ => return None,
            },
            _ => return None,
        };
        let (label, rest) = field(&ft)?;
        let key = PROSE_LABELS
            .iter()
            .find(|(_, l)| *l == label)
            .map(|(k, _)| *k)
            .or_else(|| (labels.is_empty() && task.get("noi_dung").is_none()).then_some("noi_dung"))?;
        if task.get(key).is_some() {
            return None;
        }
        i += 1;
        let value = if rest.is_empty() {
            let mut points = Vec::new();
            while let Some(Blk::Item(it)) = children.get(i) {
                if it.node.get("gach").is_none() && it.node.get("cong").is_none() {
                    return None;
                }
                points.push(it.clone());
                i += 1;
            }
            if points.is_empty() || matches!(key, "chu_tri" | "tham_muu" | "phoi_hop" | "thoi_gian") {
                return None;
            }
            Node::list(points)
        } else if key == "thoi_gian" {
            Node::text(rest.trim_end_matches('.'))
        } else {
            Node::text(rest)
        };
        task.set(key, value);
        labels.push((key.to_string(), label));
    }
    let fields = labels.len();
    let telling = labels.iter().any(|(k, _)| matches!(k.as_str(), "phan_cong" | "chu_tri" | "tham_muu" | "phoi_hop" | "thoi_gian" | "san_pham"));
    (fields >= 2 && telling).then_some((task, labels, from_points, i))
}

/// The "Label: rest" a child would be as a field, if any.
fn field_at(b: &Blk) -> Option<(String, String)> {
    match b {
        Blk::Muc { title, children, .. } if children.is_empty() => field(title),
        Blk::Item(it) => match it.node.get("gach").map(|g| &g.node) {
            Some(Node::Text(t)) => field(t).filter(|(_, r)| !r.is_empty()),
            _ => None,
        },
        _ => None,
    }
}

/// Runs of prose tasks among siblings become one `nhiem_vu` block: `trinh_bay: van_xuoi` for
/// "a) Chủ trì: …" fields, `trinh_bay: gach` for "- Chủ trì: …" lines.
pub(super) fn prose_tasks(list: Vec<Blk>, ctx: &mut Ctx) -> Vec<Blk> {
    let list: Vec<Blk> = list
        .into_iter()
        .map(|p| match p {
            Blk::Muc { title, children, decimal, para, notes } => Blk::Muc { title, children: prose_tasks(children, ctx), decimal, para, notes },
            other => other,
        })
        .collect();
    let mut out: Vec<Blk> = Vec::new();
    let mut run: Vec<(Node, Vec<usize>)> = Vec::new();
    let mut run_labels: Vec<(String, String)> = Vec::new();
    // Whether the run's fields were "-" lines: one block has one style.
    let mut dashes = false;
    let flush = |run: &mut Vec<(Node, Vec<usize>)>, labels: &mut Vec<(String, String)>, out: &mut Vec<Blk>, dashes: bool| {
        if run.is_empty() {
            return;
        }
        let mut b = Node::map(Kind::Block).with("trinh_bay", Node::text(if dashes { "gach" } else { "van_xuoi" }));
        let mut nhan = Node::map(Kind::Columns);
        for (k, l) in labels.iter() {
            let default = PROSE_LABELS.iter().find(|(dk, _)| dk == k).map(|(_, l)| *l).unwrap_or("");
            if l != default && nhan.get(k).is_none() {
                nhan.set(k, Node::text(l.clone()));
            }
        }
        if matches!(&nhan, Node::Map { entries, .. } if !entries.is_empty()) {
            b.set("nhan", nhan);
        }
        b.set("nhiem_vu", Node::list(run.drain(..).map(|(n, notes)| n.noted(notes)).collect()));
        labels.clear();
        out.push(Blk::Item(b.into()));
    };
    for p in list {
        if let Blk::Muc { title, children, decimal: false, para: false, notes } = p {
            let Some((task, labels, from_points, used)) = prose_task(&title, &children) else {
                flush(&mut run, &mut run_labels, &mut out, dashes);
                out.push(Blk::Muc { title, children, decimal: false, para: false, notes });
                continue;
            };
            {
                // One block has one set of labels: a task that names a field otherwise starts another.
                let clash = labels.iter().any(|(k, l)| run_labels.iter().any(|(rk, rl)| rk == k && rl != l)) || (!run.is_empty() && dashes != from_points);
                if clash {
                    flush(&mut run, &mut run_labels, &mut out, dashes);
                }
                dashes = from_points;
                let mut tnotes = notes.clone();
                if from_points {
                    tnotes.push(ctx.warn(WarnMsg::TaskFromPoints, Some(&title)));
                }
                let mut n = Vec::new();
                let task = text_fields(task, ctx, &mut n);
                tnotes.extend(n);
                run.push((task, tnotes));
                run_labels.extend(labels);
                if used < children.len() {
                    flush(&mut run, &mut run_labels, &mut out, dashes);
                    out.extend(children.into_iter().skip(used));
                }
                continue;
            }
        }
        flush(&mut run, &mut run_labels, &mut out, dashes);
        out.push(p);
    }
    flush(&mut run, &mut run_labels, &mut out, dashes);
    out
}

/// The task's texts through the classifier's text rules (references, braces).
fn text_fields(mut task: Node, ctx: &mut Ctx, notes: &mut Vec<usize>) -> Node {
    if let Node::Map { entries, .. } = &mut task {
        for (_, v) in entries.iter_mut() {
            if let Node::Text(s) = &v.node {
                v.node = Node::Text(ctx.text(s, notes));
            }
        }
    }
    task
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(keys: &[&'static str]) -> Vec<(usize, &'static str, String)> {
        keys.iter().enumerate().map(|(i, k)| (i, *k, String::new())).collect()
    }

    #[test]
    fn widths_only_where_they_differ_from_kehoachs() {
        let c = cols(&["stt", "chi_tieu", "muc_tieu"]);
        // kehoach's own proportions, in twips as a DOCX has them: nothing to write.
        let twips = |ws: &[f64]| ws.iter().map(|w| (w / 5.65 * 9070.0_f64).round()).collect::<Vec<_>>();
        assert_eq!(widths_spec(&c, &twips(&[0.9, 3.65, 1.1]), &TARGET_DEFAULTS), None);
        // A narrower indicator column comes back in the plan's own units (STT kept at 0.9).
        let r = widths_spec(&c, &twips(&[0.9, 3.2, 1.1]), &TARGET_DEFAULTS).expect("rong");
        assert_eq!(r, Node::flow_map(Kind::Columns).with("chi_tieu", Node::Raw("3.2".into())));
        // No STT column: scaled to the defaults' sum; a missing grid writes nothing.
        let c = cols(&["noi_dung", "chu_tri"]);
        let r = widths_spec(&c, &[3000.0, 1000.0], &TASK_DEFAULTS).expect("rong");
        assert_eq!(r, Node::flow_map(Kind::Columns).with("noi_dung", Node::Raw("4.01".into())).with("chu_tri", Node::Raw("1.34".into())));
        // Columns all alike (no width set in Word) and a missing grid write nothing.
        assert_eq!(widths_spec(&c, &[1000.0, 1000.0], &TASK_DEFAULTS), None);
        assert_eq!(widths_spec(&c, &[], &TASK_DEFAULTS), None);
    }
}
