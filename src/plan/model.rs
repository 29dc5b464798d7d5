//! The plan as written in YAML: serde types only, no I/O, no formatting.
//!
//! Keys are Vietnamese words of the domain, written without diacritics
//! (`co_quan`, `trich_yeu`, `chu_tri`, `phoi_hop`, `thoi_gian`…); see
//! `docs/format.md` for the table of every field. Every struct denies unknown
//! fields so that a misspelt key is an error with a suggestion, not silence.
//! Values that need checking (dates, deadlines, targets) stay strings here;
//! `validate` parses them into typed values.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A whole plan file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Issuing body (ô 2).
    pub co_quan: Agency,
    /// Document type; `ke_hoach` (KẾ HOẠCH, KH) when absent.
    #[serde(default)]
    pub loai: Option<String>,
    /// Sequence number (ô 3); absent in a draft.
    #[serde(default)]
    pub so: Option<Scalar>,
    /// Place name (ô 4); derived from the agency's name when absent.
    #[serde(default)]
    pub dia_danh: Option<String>,
    /// Issue date: `05/3/2025`, `2025-03-05`, `9/2025` or `2025` for drafts.
    pub ngay: Scalar,
    /// Trích yếu (ô 5a).
    pub trich_yeu: String,
    /// Legal bases printed as italic lines (one per basis).
    #[serde(default)]
    pub can_cu: Vec<String>,
    /// Opening paragraphs before part I.
    #[serde(default)]
    pub mo_dau: Vec<String>,
    /// The body: parts numbered I, II…
    #[serde(default)]
    pub noi_dung: Vec<Block>,
    /// Closing paragraphs ("Trên đây là Kế hoạch…./.").
    #[serde(default)]
    pub ket_thuc: Vec<String>,
    /// Recipients (ô 9b).
    pub noi_nhan: Recipients,
    /// Signature block (ô 7).
    pub ky: Signature,
    /// Appendices (Phụ lục).
    #[serde(default)]
    pub phu_luc: Vec<Appendix>,
}

/// A scalar that may be written as a number or as a string (`so: 5`, `so: "05"`).
#[derive(Debug, Clone, PartialEq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// Ô 2: the issuing body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Parent body line (cơ quan chủ quản), printed upright above the name.
    #[serde(default)]
    pub cap_tren: Option<String>,
    /// The name, one entry per printed line: `[ỦY BAN NHÂN DÂN, XÃ BỜ Y]`.
    pub ten: Lines,
    /// Abbreviation used in the ký hiệu: `UBND`.
    pub viet_tat: String,
    /// The name in running text ("Ủy ban nhân dân xã Bờ Y"); derived when absent.
    #[serde(default)]
    pub ten_day_du: Option<String>,
}

/// One string, or a list of strings (one per line).
#[derive(Debug, Clone, Default)]
pub struct Lines(pub Vec<String>);

impl<'de> Deserialize<'de> for Lines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Lines;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Lines, E> {
                Ok(Lines(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lines, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(Lines(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// Ô 9b.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// Recipients, one per line, without the leading "-" or the trailing ";".
    #[serde(default)]
    pub danh_sach: Vec<String>,
    /// The archive line after "Lưu: ": `VT, PVHCC xã`.
    pub luu: String,
    /// A note after the label, e.g. `VBĐT` prints "Nơi nhận (VBĐT):".
    #[serde(default)]
    pub ghi_chu: Option<String>,
}

/// Ô 7: authority, title and name of the signer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// "TM." line: the collective signed for (`Ủy ban nhân dân`).
    #[serde(default)]
    pub thay_mat: Option<String>,
    /// "KT." line: the head a deputy signs for (`Chủ tịch`).
    #[serde(default)]
    pub ky_thay: Option<String>,
    /// "Q." line: acting head.
    #[serde(default)]
    pub quyen: Option<String>,
    /// "TL." line: signing by order.
    #[serde(default)]
    pub thua_lenh: Option<String>,
    /// "TUQ." line: signing by authorisation.
    #[serde(default)]
    pub thua_uy_quyen: Option<String>,
    /// The signer's own title (`Phó Chủ tịch`, `Chủ tịch`).
    pub chuc_vu: String,
    /// The signer's name.
    pub ho_ten: String,
}

/// A Phụ lục.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Key used in references: `{{ phu_luc.nhiem-vu }}`.
    pub id: String,
    /// Title, printed in capitals.
    #[serde(default)]
    pub tieu_de: Option<String>,
    /// `doc` (portrait, default) or `ngang` (landscape).
    #[serde(default)]
    pub huong: Option<String>,
    /// `I`: the content's first numbered level is I., II. (an outline such as a ĐỀ CƯƠNG BÁO
    /// CÁO, numbered I. / 1. / a) as its source is); by default an appendix numbers from 1.
    #[serde(default)]
    pub danh_so_tu: Option<String>,
    /// Content.
    #[serde(default)]
    pub noi_dung: Vec<Block>,
}

impl Appendix {
    /// The numbered level its content starts at: 1 (I.) or 2 (1., the default).
    pub fn first_level(&self) -> usize {
        if self.danh_so_tu.as_deref().map(str::trim) == Some("I") {
            1
        } else {
            2
        }
    }
}

/// One block of content: a paragraph (plain string) or a mapping with one kind key.
#[derive(Debug, Clone)]
pub enum Block {
    Paragraph(String),
    Map(Box<BlockMap>),
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Block;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a paragraph (string) or a block (muc, gach, cong, bang, nhiem_vu, chi_tieu)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Block, E> {
                Ok(Block::Paragraph(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Block, A::Error> {
                let m = BlockMap::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Block::Map(Box::new(m)))
            }
        }
        d.deserialize_any(V)
    }
}

/// The keys a block mapping may hold; exactly one kind key is allowed
/// (checked by `validate`, which can then point at the mapping).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlockMap {
    /// A numbered item (I. / 1. / a)…); a title when it has `noi_dung`.
    #[serde(default)]
    pub muc: Option<String>,
    /// A "-" point.
    #[serde(default)]
    pub gach: Option<String>,
    /// A "+" sub-point.
    #[serde(default)]
    pub cong: Option<String>,
    /// A free table.
    #[serde(default)]
    pub bang: Option<Table>,
    /// A list of tasks.
    #[serde(default)]
    pub nhiem_vu: Option<Vec<TaskEntry>>,
    /// A list of targets.
    #[serde(default)]
    pub chi_tieu: Option<Vec<TargetEntry>>,
    /// Children of a `muc`.
    #[serde(default)]
    pub noi_dung: Option<Vec<Block>>,
    /// Children of a `muc` numbered as `9.1`, `9.2` (`thap_phan`) instead of the next level.
    #[serde(default)]
    pub so_con: Option<String>,
    /// `doan`: a `muc` with children whose text is an ordinary numbered paragraph ("2. Xây
    /// dựng kế hoạch … như sau:"), not a bold heading; its children are its points.
    #[serde(default)]
    pub kieu: Option<String>,
    /// For `nhiem_vu` and `chi_tieu`: `bang` (table, default) or `van_xuoi` / `gach` / `danh_sach` (prose).
    #[serde(default)]
    pub trinh_bay: Option<String>,
    /// For `nhiem_vu` and `chi_tieu` tables: which columns, in order.
    #[serde(default)]
    pub cot: Option<Vec<String>>,
    /// Column headings or prose labels replacing the defaults, by column key.
    #[serde(default)]
    pub nhan: Option<std::collections::BTreeMap<String, String>>,
    /// Relative column widths for a `nhiem_vu` / `chi_tieu` table, by column key.
    #[serde(default)]
    pub rong: Option<std::collections::BTreeMap<String, f64>>,
}

/// A task, or a group of tasks (`nhom` + `nhiem_vu`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskEntry {
    /// Group title (group rows I, II…); the group's tasks go under `nhiem_vu`.
    #[serde(default)]
    pub nhom: Option<String>,
    #[serde(default)]
    pub nhiem_vu: Option<Vec<TaskEntry>>,
    /// Optional short stable key.
    #[serde(default)]
    pub id: Option<String>,
    /// Short title (used as the numbered heading in prose).
    #[serde(default)]
    pub ten: Option<String>,
    /// What is to be done; may hold "-" points.
    #[serde(default)]
    pub noi_dung: Option<Content>,
    /// Assignments in prose ("Phân công").
    #[serde(default)]
    pub phan_cong: Option<Content>,
    /// Lead agency.
    #[serde(default)]
    pub chu_tri: Option<String>,
    /// Coordinating agencies.
    #[serde(default)]
    pub phoi_hop: Option<String>,
    /// Deadline.
    #[serde(default)]
    pub thoi_gian: Option<String>,
    /// Product or result.
    #[serde(default)]
    pub san_pham: Option<Content>,
    /// Note.
    #[serde(default)]
    pub ghi_chu: Option<Content>,
    /// In prose: this task's labels, replacing the block's (`chu_tri: Bộ phận tham mưu`).
    #[serde(default)]
    pub nhan: Option<std::collections::BTreeMap<String, String>>,
}

/// A target (chỉ tiêu), or a group of targets (`nhom` + `chi_tieu`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetEntry {
    #[serde(default)]
    pub nhom: Option<String>,
    /// The indicator (in a group mapping: the group's targets).
    #[serde(default)]
    pub chi_tieu: Option<TargetName>,
    #[serde(default)]
    pub id: Option<String>,
    /// Unit: `%`, `hồ sơ`…
    #[serde(default)]
    pub don_vi: Option<String>,
    /// Baseline value (number) or `{gia_tri, ky}`.
    #[serde(default)]
    pub hien_tai: Option<Baseline>,
    /// Target: a number, or a comparator and a number (`≥ 65`, `tối thiểu 80`).
    #[serde(default)]
    pub muc_tieu: Option<Scalar>,
    #[serde(default)]
    pub chu_tri: Option<String>,
    #[serde(default)]
    pub phoi_hop: Option<String>,
    /// Evaluating agency.
    #[serde(default)]
    pub danh_gia: Option<String>,
    #[serde(default)]
    pub ghi_chu: Option<String>,
    /// Sub-targets numbered 6.1, 6.2 under this one.
    #[serde(default)]
    pub chi_tiet: Option<Vec<TargetEntry>>,
}

/// `chi_tieu` is the indicator text in a target and the list in a group.
#[derive(Debug, Clone)]
pub enum TargetName {
    Text(String),
    List(Vec<TargetEntry>),
}

impl<'de> Deserialize<'de> for TargetName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TargetName;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("the indicator's text, or (in a group) a list of targets")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TargetName, E> {
                Ok(TargetName::Text(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<TargetName, A::Error> {
                let v = Vec::<TargetEntry>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(TargetName::List(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// A baseline: `34.2`, or `{gia_tri: 7.56, ky: Năm 2024}`.
#[derive(Debug, Clone)]
pub struct Baseline {
    pub value: Scalar,
    pub period: Option<String>,
}

impl<'de> Deserialize<'de> for Baseline {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            gia_tri: Scalar,
            #[serde(default)]
            ky: Option<String>,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Baseline;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or a mapping with gia_tri and ky")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Baseline, E> {
                Ok(Baseline { value: Scalar(v.into()), period: None })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Baseline, E> {
                Ok(Baseline { value: Scalar(v.to_string()), period: None })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Baseline, E> {
                Ok(Baseline { value: Scalar(v.to_string()), period: None })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Baseline, E> {
                Ok(Baseline { value: Scalar(v.to_string()), period: None })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Baseline, A::Error> {
                let f = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Baseline { value: f.gia_tri, period: f.ky })
            }
        }
        d.deserialize_any(V)
    }
}

/// Text that may hold points: one string, or a list of paragraphs and `gach`/`cong` points.
#[derive(Debug, Clone, Default)]
pub struct Content(pub Vec<Block>);

impl<'de> Deserialize<'de> for Content {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Content;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string, or a list of paragraphs and points (gach, cong)")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Content, E> {
                Ok(Content(vec![Block::Paragraph(v.to_string())]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Content, A::Error> {
                let v = Vec::<Block>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Content(v))
            }
        }
        d.deserialize_any(V)
    }
}

/// A free table: header rows (with merged cells), body rows, group rows, notes.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Header rows; each a list of cells. Repeated on every page.
    #[serde(default)]
    pub tieu_de: Vec<Vec<Cell>>,
    /// Body rows: a list of cells, or `{nhom: title}` for a group row.
    #[serde(default)]
    pub hang: Vec<Row>,
    /// Relative column widths.
    #[serde(default)]
    pub rong: Vec<f64>,
    /// Number the first column automatically: rows 1, 2…; group rows I, II…
    #[serde(default)]
    pub stt: bool,
    /// Notes printed under the table.
    #[serde(default)]
    pub chu_thich: Vec<String>,
}

/// A body row.
#[derive(Debug, Clone)]
pub enum Row {
    Cells(Vec<Cell>),
    Group(String),
}

impl<'de> Deserialize<'de> for Row {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct G {
            nhom: String,
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Row;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of cells, or {nhom: title} for a group row")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Row, A::Error> {
                Ok(Row::Cells(Vec::<Cell>::deserialize(de::value::SeqAccessDeserializer::new(seq))?))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Row, A::Error> {
                Ok(Row::Group(G::deserialize(de::value::MapAccessDeserializer::new(map))?.nhom))
            }
        }
        d.deserialize_any(V)
    }
}

/// A cell: text or a number, or `{o: text, gop_ngang: 2, gop_doc: 2}` to merge.
#[derive(Debug, Clone, Default)]
pub struct Cell {
    pub text: Content,
    /// Set when the cell was written as a YAML number (printed the Vietnamese way).
    pub number: Option<f64>,
    pub colspan: u32,
    pub rowspan: u32,
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Full {
            o: Content,
            #[serde(default)]
            gop_ngang: Option<u32>,
            #[serde(default)]
            gop_doc: Option<u32>,
        }
        fn plain(s: String) -> Cell {
            Cell { text: Content(vec![Block::Paragraph(s)]), number: None, colspan: 1, rowspan: 1 }
        }
        fn num(v: f64, s: String) -> Cell {
            Cell { number: Some(v), ..plain(s) }
        }
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cell;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a cell: text, a number, a list of lines, or {o, gop_ngang, gop_doc}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                Ok(plain(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
                Ok(Cell { colspan: 1, rowspan: 1, ..Cell::default() })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
                Ok(num(v as f64, v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
                Ok(num(v as f64, v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
                Ok(num(v, v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Cell, A::Error> {
                let v = Vec::<Block>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Cell { text: Content(v), number: None, colspan: 1, rowspan: 1 })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Cell, A::Error> {
                let f = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Cell { text: f.o, number: None, colspan: f.gop_ngang.unwrap_or(1), rowspan: f.gop_doc.unwrap_or(1) })
            }
        }
        d.deserialize_any(V)
    }
}
