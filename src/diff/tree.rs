//! A plan as a tree of comparable items: each node is one thing a reviewer sees (a part, a
//! point, a paragraph, a task, a target, a table row, a recipient, an appendix), with its
//! field path, its `id` if written, its fields as printed, and its lists of children.
//! Containers (a task list, a target list, a free table) are nodes too, but not items:
//! their children are what is reported.

use super::Item;
use crate::plan::model::*;
use crate::view::{deadline_text, target_value};

/// One field of a node: the YAML key reported, the path suffix after the node's path, the text as printed.
#[derive(Debug, Clone)]
pub struct Field {
    /// The YAML key (`thoi_gian`, `muc`, `danh_sach`…); `None` for a table cell.
    pub key: Option<&'static str>,
    /// Appended to the node's path: `.thoi_gian`, `[2]`, or nothing for a paragraph.
    pub suffix: String,
    pub text: String,
    pub item: Item,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub item: Item,
    /// What may be matched with what: `muc`, `gach`, `task`, `task_group`, `row`, `tasks`…
    pub shape: &'static str,
    /// A list holding items, not an item itself.
    pub container: bool,
    pub path: String,
    pub id: Option<String>,
    pub fields: Vec<Field>,
    /// Lists of children, by path suffix (`.noi_dung`, `.bang.hang`).
    pub lists: Vec<(String, Vec<Node>)>,
    /// All the text of the node and its children, for similarity and summaries.
    pub text: String,
}

impl Node {
    fn new(item: Item, shape: &'static str, path: String) -> Node {
        Node { item, shape, container: false, path, id: None, fields: Vec::new(), lists: Vec::new(), text: String::new() }
    }

    fn field(mut self, key: &'static str, text: Option<String>) -> Node {
        let item = self.item;
        self.fields.push(Field { key: Some(key), suffix: format!(".{key}"), text: text.unwrap_or_default().trim().to_string(), item });
        self
    }

    fn list(mut self, suffix: &str, nodes: Vec<Node>) -> Node {
        self.lists.push((suffix.to_string(), nodes));
        self
    }

    fn done(mut self) -> Node {
        let mut parts: Vec<&str> = self.fields.iter().map(|f| f.text.as_str()).filter(|t| !t.is_empty()).collect();
        for (_, l) in &self.lists {
            parts.extend(l.iter().map(|n| n.text.as_str()).filter(|t| !t.is_empty()));
        }
        self.text = parts.join(" ");
        self
    }

    /// The node's own text (its fields), for a one-line summary.
    pub fn own_text(&self) -> String {
        let own: Vec<&str> = self.fields.iter().map(|f| f.text.as_str()).filter(|t| !t.is_empty()).collect();
        if own.is_empty() {
            self.text.clone()
        } else {
            own.join(" · ")
        }
    }
}

/// The header fields compared one by one: (path, key reported, item, text).
pub fn header(p: &Plan) -> Vec<(String, &'static str, Item, String)> {
    let s = |o: &Option<String>| o.as_deref().unwrap_or("").trim().to_string();
    let k = &p.ky;
    vec![
        ("co_quan.cap_tren".into(), "cap_tren", Item::Header, s(&p.co_quan.cap_tren)),
        ("co_quan.ten".into(), "ten", Item::Header, p.co_quan.ten.0.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" / ")),
        ("co_quan.viet_tat".into(), "viet_tat", Item::Header, p.co_quan.viet_tat.trim().into()),
        ("loai".into(), "loai", Item::Header, s(&p.loai)),
        ("so".into(), "so", Item::Header, p.so.as_ref().map(|x| x.0.trim().to_string()).unwrap_or_default()),
        ("dia_danh".into(), "dia_danh", Item::Header, s(&p.dia_danh)),
        ("ngay".into(), "ngay", Item::Header, p.ngay.0.trim().into()),
        ("trich_yeu".into(), "trich_yeu", Item::Header, p.trich_yeu.trim().into()),
        ("noi_nhan.ghi_chu".into(), "ghi_chu", Item::Recipient, s(&p.noi_nhan.ghi_chu)),
        ("noi_nhan.luu".into(), "luu", Item::Recipient, p.noi_nhan.luu.trim().into()),
        ("ky.thay_mat".into(), "thay_mat", Item::Signature, s(&k.thay_mat)),
        ("ky.ky_thay".into(), "ky_thay", Item::Signature, s(&k.ky_thay)),
        ("ky.quyen".into(), "quyen", Item::Signature, s(&k.quyen)),
        ("ky.thua_lenh".into(), "thua_lenh", Item::Signature, s(&k.thua_lenh)),
        ("ky.thua_uy_quyen".into(), "thua_uy_quyen", Item::Signature, s(&k.thua_uy_quyen)),
        ("ky.chuc_vu".into(), "chuc_vu", Item::Signature, k.chuc_vu.trim().into()),
        ("ky.ho_ten".into(), "ho_ten", Item::Signature, k.ho_ten.trim().into()),
    ]
}

/// The lists of the whole plan, by path: căn cứ, opening, body, closing, recipients, appendices.
pub fn lists(p: &Plan) -> Vec<(String, Vec<Node>)> {
    let paras = |key: &'static str, l: &[String]| -> Vec<Node> { l.iter().enumerate().map(|(i, s)| paragraph(format!("{key}[{i}]"), key, s)).collect() };
    let recipients = p
        .noi_nhan
        .danh_sach
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut n = Node::new(Item::Recipient, "recipient", format!("noi_nhan.danh_sach[{i}]"));
            n.fields.push(Field {
                key: Some("danh_sach"),
                suffix: String::new(),
                text: r.trim().trim_start_matches("- ").trim_end_matches([';', ',']).to_string(),
                item: Item::Recipient,
            });
            n.done()
        })
        .collect();
    let appendices = p
        .phu_luc
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let path = format!("phu_luc[{i}]");
            let mut n = Node::new(Item::Appendix, "appendix", path.clone()).field("tieu_de", a.tieu_de.clone()).field("huong", a.huong.clone());
            n.id = Some(a.id.clone());
            n.list(".noi_dung", blocks(&a.noi_dung, &format!("{path}.noi_dung"))).done()
        })
        .collect();
    vec![
        ("can_cu".into(), paras("can_cu", &p.can_cu)),
        ("mo_dau".into(), paras("mo_dau", &p.mo_dau)),
        ("noi_dung".into(), blocks(&p.noi_dung, "noi_dung")),
        ("ket_thuc".into(), paras("ket_thuc", &p.ket_thuc)),
        ("noi_nhan.danh_sach".into(), recipients),
        ("phu_luc".into(), appendices),
    ]
}

fn paragraph(path: String, key: &'static str, s: &str) -> Node {
    let mut n = Node::new(Item::Paragraph, "paragraph", path);
    n.fields.push(Field { key: Some(key), suffix: String::new(), text: s.trim().to_string(), item: Item::Paragraph });
    n.done()
}

fn blocks(list: &[Block], path: &str) -> Vec<Node> {
    list.iter().enumerate().map(|(i, b)| block(b, format!("{path}[{i}]"))).collect()
}

fn block(b: &Block, path: String) -> Node {
    let m = match b {
        Block::Paragraph(s) => return paragraph(path, "noi_dung", s),
        Block::Map(m) => m,
    };
    if let Some(t) = &m.muc {
        let children = blocks(m.noi_dung.as_deref().unwrap_or(&[]), &format!("{path}.noi_dung"));
        return Node::new(Item::Part, "muc", path).field("muc", Some(t.clone())).list(".noi_dung", children).done();
    }
    if let Some(t) = &m.gach {
        return Node::new(Item::Point, "gach", path).field("gach", Some(t.clone())).done();
    }
    if let Some(t) = &m.cong {
        return Node::new(Item::Point, "cong", path).field("cong", Some(t.clone())).done();
    }
    if let Some(t) = &m.bang {
        let rows = |key: &str, rows: Vec<Option<&Vec<Cell>>>, groups: Vec<Option<&String>>| -> Vec<Node> {
            rows.iter()
                .zip(groups)
                .enumerate()
                .map(|(r, (cells, group))| {
                    let rp = format!("{path}.bang.{key}[{r}]");
                    match (cells, group) {
                        (_, Some(g)) => Node::new(Item::TableRow, "row_group", rp).field("nhom", Some(g.clone())).done(),
                        (Some(cells), None) => {
                            let mut n = Node::new(Item::TableRow, "row", rp);
                            for (c, cell) in cells.iter().enumerate() {
                                n.fields.push(Field { key: None, suffix: format!("[{c}]"), text: cell_text(cell), item: Item::TableCell });
                            }
                            n.done()
                        }
                        (None, None) => Node::new(Item::TableRow, "row", rp).done(),
                    }
                })
                .collect()
        };
        let head = rows("tieu_de", t.tieu_de.iter().map(Some).collect(), vec![None; t.tieu_de.len()]);
        let body = rows(
            "hang",
            t.hang.iter().map(|r| if let Row::Cells(c) = r { Some(c) } else { None }).collect(),
            t.hang.iter().map(|r| if let Row::Group(g) = r { Some(g) } else { None }).collect(),
        );
        let notes = t.chu_thich.iter().enumerate().map(|(i, s)| paragraph(format!("{path}.bang.chu_thich[{i}]"), "chu_thich", s)).collect();
        let mut n = Node::new(Item::TableRow, "table", path).list(".bang.tieu_de", head).list(".bang.hang", body).list(".bang.chu_thich", notes);
        n.container = true;
        return n.done();
    }
    if let Some(tasks) = &m.nhiem_vu {
        let mut n = Node::new(Item::Task, "tasks", path.clone()).list(".nhiem_vu", task_list(tasks, &format!("{path}.nhiem_vu")));
        n.container = true;
        return n.done();
    }
    if let Some(targets) = &m.chi_tieu {
        let mut n = Node::new(Item::Target, "targets", path.clone()).list(".chi_tieu", target_list(targets, &format!("{path}.chi_tieu")));
        n.container = true;
        return n.done();
    }
    Node::new(Item::Paragraph, "empty", path).done()
}

/// Paragraphs and points of a content field on one line: "A - b + c".
pub fn content(c: &Option<Content>) -> Option<String> {
    let c = c.as_ref()?;
    let parts: Vec<String> =
        c.0.iter()
            .filter_map(|b| match b {
                Block::Paragraph(s) => Some(s.trim().to_string()),
                Block::Map(m) => m.gach.as_ref().map(|s| format!("- {}", s.trim())).or_else(|| m.cong.as_ref().map(|s| format!("+ {}", s.trim()))),
            })
            .collect();
    Some(parts.join(" "))
}

fn cell_text(c: &Cell) -> String {
    match c.number {
        Some(v) => crate::text::vn::decimal(v),
        None => content(&Some(c.text.clone())).unwrap_or_default(),
    }
}

fn task_list(tasks: &[TaskEntry], path: &str) -> Vec<Node> {
    tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let p = format!("{path}[{i}]");
            let mut n = if let Some(g) = &t.nhom {
                Node::new(Item::Task, "task_group", p.clone())
                    .field("nhom", Some(g.clone()))
                    .list(".nhiem_vu", task_list(t.nhiem_vu.as_deref().unwrap_or(&[]), &format!("{p}.nhiem_vu")))
            } else {
                Node::new(Item::Task, "task", p)
                    .field("ten", t.ten.clone())
                    .field("noi_dung", content(&t.noi_dung))
                    .field("phan_cong", content(&t.phan_cong))
                    .field("chu_tri", t.chu_tri.clone())
                    .field("tham_muu", t.tham_muu.clone())
                    .field("phoi_hop", t.phoi_hop.clone())
                    .field("thoi_gian", t.thoi_gian.as_deref().map(deadline_text))
                    .field("san_pham", content(&t.san_pham))
                    .field("ghi_chu", content(&t.ghi_chu))
            };
            n.id = t.id.clone();
            n.done()
        })
        .collect()
}

/// A target value as printed with its unit: `≥ 65%`, `100 hồ sơ`.
pub fn with_unit(value: &str, unit: Option<&str>) -> String {
    let v = target_value(value.trim());
    match unit.map(str::trim) {
        Some("%") => format!("{v}%"),
        Some(u) if !u.is_empty() => format!("{v} {u}"),
        _ => v,
    }
}

fn target_list(targets: &[TargetEntry], path: &str) -> Vec<Node> {
    targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let p = format!("{path}[{i}]");
            let mut n = match (&t.nhom, &t.chi_tieu) {
                (Some(g), Some(TargetName::List(l))) => Node::new(Item::Target, "target_group", p.clone())
                    .field("nhom", Some(g.clone()))
                    .list(".chi_tieu", target_list(l, &format!("{p}.chi_tieu"))),
                _ => {
                    let unit = t.don_vi.as_deref();
                    let name = match &t.chi_tieu {
                        Some(TargetName::Text(s)) => Some(s.clone()),
                        _ => None,
                    };
                    let baseline = t.hien_tai.as_ref().map(|b| match &b.period {
                        Some(k) => format!("{} ({})", with_unit(&b.value.0, unit), k.trim()),
                        None => with_unit(&b.value.0, unit),
                    });
                    Node::new(Item::Target, "target", p.clone())
                        .field("chi_tieu", name)
                        .field("don_vi", t.don_vi.clone())
                        .field("hien_tai", baseline)
                        .field("muc_tieu", t.muc_tieu.as_ref().map(|v| with_unit(&v.0, unit)))
                        .field("chu_tri", t.chu_tri.clone())
                        .field("phoi_hop", t.phoi_hop.clone())
                        .field("danh_gia", t.danh_gia.clone())
                        .field("ghi_chu", t.ghi_chu.clone())
                        .list(".chi_tiet", target_list(t.chi_tiet.as_deref().unwrap_or(&[]), &format!("{p}.chi_tiet")))
                }
            };
            n.id = t.id.clone();
            n.done()
        })
        .collect()
}
