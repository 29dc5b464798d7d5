//! The canonical YAML writer: a tree of `Node`s in, plan text out.
//!
//! The importer builds the plan as this tree; every mapping carries its
//! `Kind`, and the writer orders its keys by the one table below (the order of
//! docs/format.md), so the first commit of an imported plan is a clean base for
//! diffs. Strings are quoted only where YAML would read them otherwise; short
//! lists (name lines, table rows, cells) go on one line where they fit; import
//! warnings are written as `# kehoach import: …` comments above their item.

/// What a mapping is: decides the order of its keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Plan,
    Agency,
    Block,
    Task,
    Target,
    Baseline,
    Table,
    /// A table's group row `{nhom: title}`.
    Row,
    Cell,
    Recipients,
    Signature,
    Appendix,
    /// `nhan`, `rong`: keyed by table column.
    Columns,
}

/// Key order per kind of mapping; keys not listed keep their place after the listed ones.
fn order(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Plan => &["co_quan", "loai", "so", "dia_danh", "ngay", "trich_yeu", "can_cu", "mo_dau", "noi_dung", "ket_thuc", "noi_nhan", "ky", "phu_luc"],
        Kind::Agency => &["cap_tren", "ten", "viet_tat", "ten_day_du"],
        // Options before a long list, so they stay in view; a muc's so_con before its children.
        Kind::Block => &["muc", "gach", "cong", "so_con", "kieu", "trinh_bay", "cot", "nhan", "rong", "noi_dung", "bang", "nhiem_vu", "chi_tieu"],
        Kind::Task => &["nhom", "id", "ten", "noi_dung", "phan_cong", "chu_tri", "tham_muu", "phoi_hop", "thoi_gian", "san_pham", "ghi_chu", "nhiem_vu"],
        Kind::Target => &["nhom", "id", "chi_tieu", "don_vi", "hien_tai", "muc_tieu", "chu_tri", "phoi_hop", "danh_gia", "ghi_chu", "chi_tiet"],
        Kind::Baseline => &["gia_tri", "ky"],
        Kind::Table => &["stt", "rong", "tieu_de", "hang", "chu_thich"],
        Kind::Row => &["nhom"],
        Kind::Cell => &["o", "gop_ngang", "gop_doc"],
        Kind::Recipients => &["ghi_chu", "danh_sach", "luu"],
        Kind::Signature => &["thay_mat", "ky_thay", "quyen", "thua_lenh", "thua_uy_quyen", "chuc_vu", "ho_ten"],
        Kind::Appendix => &["id", "tieu_de", "huong", "danh_so_tu", "so", "ngay", "noi_dung"],
        Kind::Columns => &[
            "stt",
            "noi_dung",
            "phan_cong",
            "chi_tieu",
            "don_vi",
            "hien_tai",
            "muc_tieu",
            "chu_tri",
            "tham_muu",
            "phoi_hop",
            "danh_gia",
            "thoi_gian",
            "san_pham",
            "ghi_chu",
        ],
    }
}

/// Top-level keys that open a new paragraph of the file (a blank line before them).
const SPACED: [&str; 7] = ["can_cu", "mo_dau", "noi_dung", "ket_thuc", "noi_nhan", "ky", "phu_luc"];

/// Widest line the writer puts a flow list or mapping on.
const WIDTH: usize = 160;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Text, quoted where YAML needs it.
    Text(String),
    /// A number, `true`, `false`: written as is.
    Raw(String),
    /// `~`: an empty table cell.
    Null,
    /// A list; `flow` asks for `[a, b]` where it fits.
    Seq { items: Vec<Item>, flow: bool },
    /// A mapping; `flow` asks for `{k: v}` where it fits.
    Map { kind: Kind, entries: Vec<(String, Item)>, flow: bool },
}

/// A node with the import warnings written above it (indexes into the warning list).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub node: Node,
    pub notes: Vec<usize>,
}

impl From<Node> for Item {
    fn from(node: Node) -> Item {
        Item { node, notes: Vec::new() }
    }
}

impl Node {
    pub fn text(s: impl Into<String>) -> Node {
        Node::Text(s.into())
    }
    pub fn list(items: Vec<Item>) -> Node {
        Node::Seq { items, flow: false }
    }
    pub fn flow_list(items: Vec<Item>) -> Node {
        Node::Seq { items, flow: true }
    }
    pub fn map(kind: Kind) -> Node {
        Node::Map { kind, entries: Vec::new(), flow: false }
    }
    pub fn flow_map(kind: Kind) -> Node {
        Node::Map { kind, entries: Vec::new(), flow: true }
    }
    /// Adds `key: value` to a mapping (a no-op on anything else).
    pub fn set(&mut self, key: &str, value: impl Into<Item>) {
        if let Node::Map { entries, .. } = self {
            entries.push((key.to_string(), value.into()));
        }
    }
    /// Builder form of `set`.
    pub fn with(mut self, key: &str, value: impl Into<Item>) -> Node {
        self.set(key, value);
        self
    }
    pub fn get(&self, key: &str) -> Option<&Item> {
        match self {
            Node::Map { entries, .. } => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Item> {
        match self {
            Node::Map { entries, .. } => entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
    pub fn noted(self, notes: Vec<usize>) -> Item {
        Item { node: self, notes }
    }
}

/// The YAML text, and the 1-based line each warning's comment landed on.
pub struct Written {
    pub text: String,
    pub lines: Vec<(usize, usize)>,
}

/// Writes a plan tree. `note(i)` is the comment text for warning `i`.
pub fn write(root: &Item, head: &[String], note: &dyn Fn(usize) -> String) -> Written {
    let mut w = Writer { lines: Vec::new(), placed: Vec::new(), note };
    for h in head {
        w.lines.push(format!("# {h}"));
    }
    w.comments(&root.notes, 0);
    match &root.node {
        Node::Map { kind, entries, .. } => w.map(*kind, entries, 0, true),
        other => w.value_line(String::new(), other, 0),
    }
    let mut text = w.lines.join("\n");
    text.push('\n');
    Written { text, lines: w.placed }
}

struct Writer<'a> {
    lines: Vec<String>,
    placed: Vec<(usize, usize)>,
    note: &'a dyn Fn(usize) -> String,
}

fn sorted(kind: Kind, entries: &[(String, Item)]) -> Vec<&(String, Item)> {
    let keys = order(kind);
    let mut v: Vec<&(String, Item)> = entries.iter().collect();
    v.sort_by_key(|(k, _)| keys.iter().position(|o| o == k).unwrap_or(keys.len()));
    v
}

impl Writer<'_> {
    fn comments(&mut self, notes: &[usize], indent: usize) {
        for &i in notes {
            let text = (self.note)(i);
            // A comment is one line: a newline in the excerpt would end it.
            let text = text.replace(['\n', '\r'], " ");
            self.lines.push(format!("{}# kehoach import: {text}", " ".repeat(indent)));
            self.placed.push((i, self.lines.len()));
        }
    }

    fn map(&mut self, kind: Kind, entries: &[(String, Item)], indent: usize, top: bool) {
        for (k, item) in sorted(kind, entries) {
            if top && SPACED.contains(&k.as_str()) && !self.lines.is_empty() {
                self.lines.push(String::new());
            }
            self.comments(&item.notes, indent);
            self.value_line(format!("{}{}:", " ".repeat(indent), key(k)), &item.node, indent);
        }
    }

    /// `prefix` is `key:` (or empty); writes the value on the same line or the lines below.
    fn value_line(&mut self, prefix: String, node: &Node, indent: usize) {
        let sep = if prefix.is_empty() { "" } else { " " };
        match node {
            Node::Seq { items, .. } if items.is_empty() => self.lines.push(format!("{prefix}{sep}[]")),
            Node::Map { entries, .. } if entries.is_empty() => self.lines.push(format!("{prefix}{sep}{{}}")),
            Node::Seq { items, flow } => match flow_fits(node, *flow, prefix.chars().count() + 1) {
                Some(f) => self.lines.push(format!("{prefix}{sep}{f}")),
                None => {
                    self.lines.push(prefix);
                    self.seq(items, indent + 2);
                }
            },
            Node::Map { kind, entries, flow } => match flow_fits(node, *flow, prefix.chars().count() + 1) {
                Some(f) => self.lines.push(format!("{prefix}{sep}{f}")),
                None => {
                    self.lines.push(prefix);
                    self.map(*kind, entries, indent + 2, false);
                }
            },
            scalar => self.lines.push(format!("{prefix}{sep}{}", scalar_text(scalar, false))),
        }
    }

    fn seq(&mut self, items: &[Item], indent: usize) {
        let pad = " ".repeat(indent);
        for item in items {
            self.comments(&item.notes, indent);
            match &item.node {
                Node::Seq { items: inner, flow } if !inner.is_empty() => match flow_fits(&item.node, *flow, indent + 2) {
                    Some(f) => self.lines.push(format!("{pad}- {f}")),
                    None => self.nested(indent, |w| w.seq(inner, indent + 2)),
                },
                Node::Map { kind, entries, flow } if !entries.is_empty() => match flow_fits(&item.node, *flow, indent + 2) {
                    Some(f) => self.lines.push(format!("{pad}- {f}")),
                    None => self.nested(indent, |w| w.map(*kind, entries, indent + 2, false)),
                },
                other => self.value_line(format!("{pad}-"), other, indent),
            }
        }
    }

    /// Writes a block collection as a list item: its first line moves up beside the dash
    /// (`- key: v`, `- - cell`) unless it is a comment, which keeps a bare `-` above it.
    fn nested(&mut self, indent: usize, body: impl FnOnce(&mut Self)) {
        let start = self.lines.len();
        body(self);
        let inner = indent + 2;
        let first = &self.lines[start];
        if first.trim_start().starts_with('#') {
            self.lines.insert(start, format!("{}-", " ".repeat(indent)));
            for p in self.placed.iter_mut().filter(|p| p.1 > start) {
                p.1 += 1;
            }
        } else {
            self.lines[start] = format!("{}- {}", " ".repeat(indent), &first[inner..]);
        }
    }
}

fn key(k: &str) -> String {
    if k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') && !k.is_empty() {
        k.to_string()
    } else {
        quote(k)
    }
}

/// The flow form of a node when asked for, free of comments, shallow and narrow enough.
fn flow_fits(node: &Node, wanted: bool, column: usize) -> Option<String> {
    if !wanted || !flat(node, 0) {
        return None;
    }
    let s = flow(node);
    (column + s.chars().count() <= WIDTH).then_some(s)
}

fn flat(node: &Node, depth: usize) -> bool {
    match node {
        Node::Seq { items, .. } => depth < 2 && items.iter().all(|i| i.notes.is_empty() && flat(&i.node, depth + 1)),
        Node::Map { entries, .. } => depth < 2 && entries.iter().all(|(_, i)| i.notes.is_empty() && flat(&i.node, depth + 1)),
        _ => true,
    }
}

fn flow(node: &Node) -> String {
    match node {
        Node::Seq { items, .. } => format!("[{}]", items.iter().map(|i| flow(&i.node)).collect::<Vec<_>>().join(", ")),
        Node::Map { kind, entries, .. } => {
            format!("{{{}}}", sorted(*kind, entries).iter().map(|(k, i)| format!("{}: {}", key(k), flow(&i.node))).collect::<Vec<_>>().join(", "))
        }
        scalar => scalar_text(scalar, true),
    }
}

fn scalar_text(node: &Node, in_flow: bool) -> String {
    match node {
        Node::Text(s) if needs_quotes(s, in_flow) => quote(s),
        Node::Text(s) => s.clone(),
        Node::Raw(s) => s.clone(),
        Node::Null => "~".into(),
        _ => unreachable!("collections are written by the caller"),
    }
}

/// Whether a plain scalar would be read as something other than this text.
pub fn needs_quotes(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return true;
    };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace() || s.ends_with(char::is_whitespace) {
        return true;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return true;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}']) {
        return true;
    }
    if s.chars().any(|c| c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')) {
        return true;
    }
    looks_typed(s)
}

/// A plain scalar YAML would resolve to a number, a boolean or null.
fn looks_typed(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    if ["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", "+.inf", ".nan"].contains(&l.as_str()) {
        return true;
    }
    let body = l.strip_prefix(['+', '-']).unwrap_or(&l);
    if body.starts_with("0x") || body.starts_with("0o") || body.starts_with("0b") {
        return true;
    }
    !body.is_empty() && body.chars().all(|c| c.is_ascii_digit() || "._e+-".contains(c)) && body.chars().any(|c| c.is_ascii_digit())
}

/// A double-quoted scalar.
pub fn quote(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\t' => o.push_str("\\t"),
            '\r' => o.push_str("\\r"),
            '\u{85}' => o.push_str("\\N"),
            '\u{2028}' => o.push_str("\\L"),
            '\u{2029}' => o.push_str("\\P"),
            c if c.is_control() || c == '\u{feff}' => o.push_str(&format!("\\u{:04X}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Item {
        Node::text(s).into()
    }

    #[test]
    fn quotes_only_what_yaml_would_misread() {
        for s in ["Mục đích, yêu cầu", "Trên đây là Kế hoạch./.", "7,56", "UBND xã (b/c)", "a:b", "C#", "100% hồ sơ"] {
            assert!(!needs_quotes(s, false), "{s}");
        }
        for s in ["Tiến độ:", "Mức độ: 100", "- gạch", "*nghiêng*", "{{ phu_luc.a }}", "2025", "05", "5.280", "yes", "~", "", " a", "a #b", "'a"] {
            assert!(needs_quotes(s, false), "{s}");
        }
        assert!(needs_quotes("Cơ quan, đơn vị", true));
        assert_eq!(quote("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
    }

    #[test]
    fn canonical_order_flow_and_comments() {
        let agency = Node::map(Kind::Agency).with("viet_tat", t("UBND")).with("ten", Node::flow_list(vec![t("Ủy ban nhân dân"), t("Xã Bờ Y")]));
        let block = Node::map(Kind::Block).with("noi_dung", Node::list(vec![t("Một đoạn.")])).with("muc", t("Mục đích"));
        let rows = Node::list(vec![Node::flow_list(vec![t("a, b"), Node::Raw("69".into()).into(), Node::Null.into()]).into()]);
        let plan = Node::map(Kind::Plan)
            .with("noi_dung", Node::list(vec![block.noted(vec![0]), rows.into()]))
            .with("co_quan", agency)
            .with("so", Node::Raw("5".into()));
        let w = write(&plan.into(), &["đầu".into()], &|i| format!("cảnh báo {i}"));
        let want = "# đầu\nco_quan:\n  ten: [Ủy ban nhân dân, Xã Bờ Y]\n  viet_tat: UBND\nso: 5\n\nnoi_dung:\n  # kehoach import: cảnh báo 0\n  - muc: Mục đích\n    noi_dung:\n      - Một đoạn.\n  - - [\"a, b\", 69, ~]\n";
        assert_eq!(w.text, want);
        assert_eq!(w.lines, vec![(0, 8)]);
    }
}
