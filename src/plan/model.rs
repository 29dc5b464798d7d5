//! The plan as written in YAML: serde types only, no I/O, no formatting.
//!
//! Keys are Vietnamese words of the domain, written without diacritics
//! (`co_quan`, `trich_yeu`, `chu_tri`, `phoi_hop`, `thoi_gian`…); see
//! `docs/format.md` for the table of every field. Every struct denies unknown
//! fields so that a misspelt key is an error with a suggestion, not silence.
//! Values that need checking (dates, deadlines, targets) stay strings here;
//! `validate` parses them into typed values.
//!
//! The doc comments of the fields are in Vietnamese, the clerk's words: they are the
//! descriptions of the JSON Schema (`plan::schema`) that an editor shows. Types with a
//! hand-written `Deserialize` get their schema by hand there too.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// Patterns the validator checks, said in JSON Schema (a `{{ biến }}` of a batch plan is let through).
pub(crate) const DATE_PATTERN: &str = r"^\s*(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{4}|\d{4})\s*$|\{\{";

/// Một kế hoạch (cả tệp).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kế hoạch (kehoach)")]
pub struct Plan {
    /// Cơ quan ban hành (ô 2): tên in hoa, chữ viết tắt trong ký hiệu.
    #[schemars(example = serde_json::json!({"ten": ["Ủy ban nhân dân", "Xã Bờ Y"], "viet_tat": "UBND"}))]
    pub co_quan: Agency,
    /// Loại văn bản; bỏ trống là kế hoạch (KẾ HOẠCH, KH).
    #[serde(default)]
    #[schemars(example = &"ke_hoach", extend("enum" = ["ke_hoach", "chuong_trinh", "phuong_an", "de_an", "bao_cao", "huong_dan", null]))]
    pub loai: Option<String>,
    /// Số văn bản (ô 3): `5` in thành "Số: 05/KH-UBND"; bỏ trống khi còn là dự thảo.
    #[serde(default)]
    #[schemars(example = 5, extend("pattern" = "^\\s*\\d+\\s*$|\\{\\{"))]
    pub so: Option<Scalar>,
    /// Địa danh (ô 4); bỏ trống thì lấy từ tên cơ quan ("XÃ BỜ Y" → Bờ Y).
    #[serde(default)]
    #[schemars(example = &"Bờ Y")]
    pub dia_danh: Option<String>,
    /// Ngày ban hành: `05/3/2025` hoặc `2025-03-05`; dự thảo ghi `9/2025` hay `2025` (in chỗ trống cho ngày, tháng).
    #[schemars(example = &"05/3/2025", extend("pattern" = DATE_PATTERN))]
    pub ngay: Scalar,
    /// Trích yếu (ô 5a): tên kế hoạch, in dưới chữ KẾ HOẠCH.
    #[schemars(example = &"Nâng cao chỉ số phục vụ người dân, doanh nghiệp năm 2025")]
    pub trich_yeu: String,
    /// Căn cứ ban hành, mỗi căn cứ một dòng in nghiêng.
    #[serde(default)]
    #[schemars(example = ["Căn cứ Luật Tổ chức chính quyền địa phương năm 2025;"])]
    pub can_cu: Vec<String>,
    /// Các đoạn mở đầu, trước phần I.
    #[serde(default)]
    #[schemars(example = ["Ủy ban nhân dân xã ban hành Kế hoạch như sau:"])]
    pub mo_dau: Vec<String>,
    /// Nội dung chính: các `muc` cấp đầu được đánh số I, II…
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"muc": "Mục đích, yêu cầu", "noi_dung": [{"muc": "Mục đích", "noi_dung": ["Một đoạn văn."]}]}]))]
    pub noi_dung: Vec<Block>,
    /// Các đoạn kết thúc ("Trên đây là Kế hoạch…"); đoạn cuối kết thúc bằng "./.".
    #[serde(default)]
    #[schemars(example = ["Trên đây là Kế hoạch … của Ủy ban nhân dân xã./."])]
    pub ket_thuc: Vec<String>,
    /// Nơi nhận (ô 9b).
    #[schemars(example = serde_json::json!({"danh_sach": ["UBND tỉnh (b/c)"], "luu": "VT"}))]
    pub noi_nhan: Recipients,
    /// Chữ ký (ô 7): thẩm quyền, chức vụ, họ tên người ký.
    #[schemars(example = serde_json::json!({"thay_mat": "Ủy ban nhân dân", "ky_thay": "Chủ tịch", "chuc_vu": "Phó Chủ tịch", "ho_ten": "Trần Thị Huyện"}))]
    pub ky: Signature,
    /// Các phụ lục, đánh số I, II… khi có từ hai phụ lục.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"id": "nhiem-vu", "tieu_de": "Danh mục nhiệm vụ", "huong": "ngang", "noi_dung": []}]))]
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

/// Ô 2: cơ quan ban hành.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Cơ quan chủ quản, in chữ đứng phía trên tên cơ quan.
    #[serde(default)]
    #[schemars(example = &"UBND huyện Cam Lộ")]
    pub cap_tren: Option<String>,
    /// Tên cơ quan, mỗi dòng in một mục: `[Ủy ban nhân dân, Xã Bờ Y]` (in hoa).
    #[schemars(example = ["Ủy ban nhân dân", "Xã Bờ Y"])]
    pub ten: Lines,
    /// Chữ viết tắt trong ký hiệu văn bản.
    #[schemars(example = &"UBND")]
    pub viet_tat: String,
    /// Tên cơ quan trong câu văn ("Ủy ban nhân dân xã Bờ Y"); bỏ trống thì ghép từ tên.
    #[serde(default)]
    #[schemars(example = &"Ủy ban nhân dân xã Bờ Y")]
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

/// Ô 9b: nơi nhận.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    /// Nơi nhận, mỗi dòng một nơi, không ghi dấu "-" đầu dòng và ";" cuối dòng.
    #[serde(default)]
    #[schemars(example = ["UBND tỉnh (b/c)", "Thường trực Đảng ủy xã"])]
    pub danh_sach: Vec<String>,
    /// Dòng lưu, sau chữ "Lưu: ".
    #[schemars(example = &"VT, PVHCC xã")]
    pub luu: String,
    /// Ghi chú sau chữ "Nơi nhận", ví dụ `VBĐT` in "Nơi nhận (VBĐT):".
    #[serde(default)]
    #[schemars(example = &"VBĐT")]
    pub ghi_chu: Option<String>,
}

/// Ô 7: thẩm quyền, chức vụ và họ tên người ký (một trong TM., KT., Q., TL., TUQ. là đủ).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Dòng "TM.": tập thể được thay mặt.
    #[serde(default)]
    #[schemars(example = &"Ủy ban nhân dân")]
    pub thay_mat: Option<String>,
    /// Dòng "KT.": người đứng đầu mà cấp phó ký thay.
    #[serde(default)]
    #[schemars(example = &"Chủ tịch")]
    pub ky_thay: Option<String>,
    /// Dòng "Q.": quyền người đứng đầu.
    #[serde(default)]
    #[schemars(example = &"Chủ tịch")]
    pub quyen: Option<String>,
    /// Dòng "TL.": thừa lệnh.
    #[serde(default)]
    #[schemars(example = &"Chủ tịch")]
    pub thua_lenh: Option<String>,
    /// Dòng "TUQ.": thừa ủy quyền.
    #[serde(default)]
    #[schemars(example = &"Chủ tịch")]
    pub thua_uy_quyen: Option<String>,
    /// Chức vụ của người ký.
    #[schemars(example = &"Phó Chủ tịch")]
    pub chuc_vu: String,
    /// Họ và tên người ký.
    #[schemars(example = &"Trần Thị Huyện")]
    pub ho_ten: String,
}

/// Một phụ lục.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appendix {
    /// Khóa để dẫn chiếu trong văn bản: `{{ phu_luc.nhiem-vu }}` in thành "Phụ lục I".
    #[schemars(example = &"nhiem-vu")]
    pub id: String,
    /// Tiêu đề phụ lục, in hoa.
    #[serde(default)]
    #[schemars(example = &"Danh mục nhiệm vụ năm 2025")]
    pub tieu_de: Option<String>,
    /// Hướng trang: `doc` (trang dọc, mặc định) hoặc `ngang` (trang ngang, cho bảng rộng).
    #[serde(default)]
    #[schemars(example = &"ngang", extend("enum" = ["doc", "ngang", null]))]
    pub huong: Option<String>,
    /// `I`: phụ lục là một đề cương, các `muc` đánh số từ I. (I. / 1. / a) như văn bản gốc); mặc định `1`: đánh số từ 1.
    #[serde(default)]
    #[schemars(example = &"I", extend("enum" = ["I", "1", null]))]
    pub danh_so_tu: Option<String>,
    /// Số văn bản in ở dòng "(Kèm theo …)" của phụ lục này, khi khác số của kế hoạch (phụ lục ghi số khi bản chính còn để trống).
    #[serde(default)]
    #[schemars(example = 175, extend("pattern" = "^\\s*\\d+\\s*$|\\{\\{"))]
    pub so: Option<Scalar>,
    /// Ngày in ở dòng "(Kèm theo …)" của phụ lục này, khi phụ lục mang ngày riêng: `17/02/2025`.
    #[serde(default)]
    #[schemars(example = &"17/02/2025", extend("pattern" = DATE_PATTERN))]
    pub ngay: Option<Scalar>,
    /// Nội dung phụ lục; các `muc` đánh số từ 1 (hoặc từ I. với `danh_so_tu: I`).
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"nhiem_vu": [{"noi_dung": "Tuyên truyền.", "chu_tri": "Công an xã", "thoi_gian": "Quý II năm 2025"}]}]))]
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
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Khối nội dung", description = "Một khối: đúng một trong các khóa muc, gach, cong, bang, nhiem_vu, chi_tieu.")]
pub struct BlockMap {
    /// Một mục đánh số (I. / 1. / a)…); là tiêu đề khi có `noi_dung`, là đoạn đánh số khi không có.
    #[serde(default)]
    #[schemars(example = &"Mục đích, yêu cầu")]
    pub muc: Option<String>,
    /// Một ý gạch đầu dòng "-".
    #[serde(default)]
    #[schemars(example = &"Tuyên truyền trên Đài truyền thanh xã.")]
    pub gach: Option<String>,
    /// Một ý con "+".
    #[serde(default)]
    #[schemars(example = &"Tại nhà văn hóa các thôn.")]
    pub cong: Option<String>,
    /// Một bảng tự do.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"tieu_de": [["TT", "Nội dung"]], "hang": [[1, "Một việc"]]}))]
    pub bang: Option<Table>,
    /// Danh sách nhiệm vụ (bảng, hoặc văn xuôi với `trinh_bay: van_xuoi`).
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"noi_dung": "Tuyên truyền.", "chu_tri": "Công an xã", "phoi_hop": "Đoàn Thanh niên", "thoi_gian": "Thường xuyên"}]))]
    pub nhiem_vu: Option<Vec<TaskEntry>>,
    /// Danh sách chỉ tiêu (bảng, hoặc gạch đầu dòng với `trinh_bay: danh_sach`).
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"chi_tieu": "Tỷ lệ hồ sơ trực tuyến", "don_vi": "%", "muc_tieu": "tối thiểu 60"}]))]
    pub chi_tieu: Option<Vec<TargetEntry>>,
    /// Các khối con của một `muc`.
    #[serde(default)]
    #[schemars(example = serde_json::json!(["Một đoạn văn.", {"gach": "Một ý."}]))]
    pub noi_dung: Option<Vec<Block>>,
    /// Đánh số các mục con của `muc` theo kiểu 9.1, 9.2 (`thap_phan`) thay cho cấp tiếp theo.
    #[serde(default)]
    #[schemars(example = &"thap_phan", extend("enum" = ["thap_phan", null]))]
    pub so_con: Option<String>,
    /// `doan`: một `muc` có `noi_dung` in thành đoạn văn đánh số thường (không đậm, "2. Xây dựng kế hoạch … như sau:"), các mục con là các ý của đoạn.
    #[serde(default)]
    #[schemars(example = &"doan", extend("enum" = ["doan", null]))]
    pub kieu: Option<String>,
    /// Cách trình bày `nhiem_vu` / `chi_tieu`: `bang` (bảng, mặc định), `van_xuoi` (nhiệm vụ thành văn xuôi, các trường a), b)…), `gach` (nhiệm vụ thành văn xuôi, các trường "- Chủ trì: …"), `danh_sach` (chỉ tiêu thành gạch đầu dòng) hoặc `dong` (chỉ tiêu thành dòng "- Dân số: ……… 374.125 người").
    #[serde(default)]
    #[schemars(example = &"van_xuoi", extend("enum" = ["bang", "van_xuoi", "gach", "danh_sach", "dong", null]))]
    pub trinh_bay: Option<String>,
    /// Các cột của bảng nhiệm vụ / chỉ tiêu, theo thứ tự.
    #[serde(default)]
    #[schemars(example = ["stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_gian", "san_pham"])]
    #[schemars(extend("items" = {"enum": ["stt", "noi_dung", "chu_tri", "tham_muu", "phoi_hop", "thoi_gian", "san_pham", "ghi_chu", "chi_tieu", "don_vi", "hien_tai", "muc_tieu", "danh_gia"]}))]
    pub cot: Option<Vec<String>>,
    /// Tiêu đề cột (hoặc nhãn trong văn xuôi) thay cho mặc định, theo khóa cột.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"stt": "TT", "noi_dung": "Nhiệm vụ, giải pháp"}))]
    pub nhan: Option<std::collections::BTreeMap<String, String>>,
    /// Độ rộng tương đối của các cột bảng nhiệm vụ / chỉ tiêu, theo khóa cột.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"noi_dung": 4, "chu_tri": 2}))]
    pub rong: Option<std::collections::BTreeMap<String, f64>>,
}

/// Một nhiệm vụ, hoặc một nhóm nhiệm vụ (`nhom` + `nhiem_vu`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskEntry {
    /// Tên nhóm (hàng I, II… của bảng); các nhiệm vụ của nhóm ghi dưới `nhiem_vu`.
    #[serde(default)]
    #[schemars(example = &"Tuyên truyền")]
    pub nhom: Option<String>,
    /// Các nhiệm vụ của nhóm, đánh số 1, 2…
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"noi_dung": "Tuyên truyền.", "chu_tri": "Công an xã"}]))]
    pub nhiem_vu: Option<Vec<TaskEntry>>,
    /// Khóa ngắn, cố định, không trùng trong kế hoạch (mã sự kiện của nhiệm vụ trong lịch).
    #[serde(default)]
    #[schemars(example = &"tuyen-truyen")]
    pub id: Option<String>,
    /// Tên ngắn của nhiệm vụ (tiêu đề đánh số khi trình bày văn xuôi; dòng đậm đầu ô trong bảng).
    #[serde(default)]
    #[schemars(example = &"Tuyên truyền")]
    pub ten: Option<String>,
    /// Việc cần làm: một đoạn, hoặc danh sách đoạn văn và ý `gach` / `cong`.
    #[serde(default)]
    #[schemars(example = &"Tuyên truyền về dịch vụ công trực tuyến.")]
    pub noi_dung: Option<Content>,
    /// Phân công (văn xuôi), cùng dạng với `noi_dung`.
    #[serde(default)]
    #[schemars(example = &"Công an xã chủ trì, phối hợp với các thôn.")]
    pub phan_cong: Option<Content>,
    /// Cơ quan, đơn vị chủ trì.
    #[serde(default)]
    #[schemars(example = &"Văn phòng HĐND và UBND xã")]
    pub chu_tri: Option<String>,
    /// Cơ quan, bộ phận tham mưu: dòng thứ hai về đơn vị thực hiện, in ngay sau dòng chủ trì.
    #[serde(default)]
    #[schemars(example = &"Công chức Văn phòng - Thống kê")]
    pub tham_muu: Option<String>,
    /// Cơ quan, đơn vị phối hợp.
    #[serde(default)]
    #[schemars(example = &"Các ban, ngành, đoàn thể xã")]
    pub phoi_hop: Option<String>,
    /// Thời gian hoàn thành: `Trước ngày 28/3/2025`, `Tháng 4/2025`, `Quý II năm 2025`, `Năm 2025`, `Thường xuyên`…
    #[serde(default)]
    #[schemars(example = &"Quý II năm 2025")]
    pub thoi_gian: Option<String>,
    /// Sản phẩm, kết quả: một đoạn hoặc danh sách.
    #[serde(default)]
    #[schemars(example = &"Báo cáo kết quả")]
    pub san_pham: Option<Content>,
    /// Ghi chú: một đoạn hoặc danh sách.
    #[serde(default)]
    #[schemars(example = &"Báo cáo hằng quý")]
    pub ghi_chu: Option<Content>,
    /// Nhãn riêng của nhiệm vụ này khi trình bày văn xuôi, thay cho nhãn của khối.
    #[serde(default)]
    #[schemars(example = serde_json::json!({"chu_tri": "Bộ phận tham mưu"}))]
    pub nhan: Option<std::collections::BTreeMap<String, String>>,
}

/// Một chỉ tiêu, hoặc một nhóm chỉ tiêu (`nhom` + `chi_tieu`).
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend(
    "if" = {"properties": {"don_vi": {"const": "%"}}, "required": ["don_vi"]},
    "then" = {"properties": {
        "hien_tai": {"minimum": 0, "maximum": 100, "properties": {"gia_tri": {"minimum": 0, "maximum": 100}}},
        "muc_tieu": {"minimum": 0, "maximum": 100}
    }}
))]
pub struct TargetEntry {
    /// Tên nhóm chỉ tiêu (hàng I, II… của bảng); các chỉ tiêu của nhóm ghi dưới `chi_tieu`.
    #[serde(default)]
    #[schemars(example = &"Chỉ tiêu về dịch vụ công trực tuyến")]
    pub nhom: Option<String>,
    /// Tên chỉ tiêu (trong một nhóm: danh sách các chỉ tiêu của nhóm).
    #[serde(default)]
    #[schemars(example = &"Tỷ lệ hồ sơ trực tuyến toàn trình")]
    pub chi_tieu: Option<TargetName>,
    /// Khóa ngắn, cố định, không trùng trong kế hoạch.
    #[serde(default)]
    #[schemars(example = &"ho-so-truc-tuyen")]
    pub id: Option<String>,
    /// Đơn vị tính: `%`, `hồ sơ`…; với `%`, giá trị phải từ 0 đến 100.
    #[serde(default)]
    #[schemars(example = &"%")]
    pub don_vi: Option<String>,
    /// Giá trị hiện tại: một số, hoặc `{gia_tri: 34.2, ky: Năm 2024}`.
    #[serde(default)]
    #[schemars(example = 34.2)]
    pub hien_tai: Option<Baseline>,
    /// Mục tiêu: một số, có thể kèm `≥ ≤ > <`, `tối thiểu`, `tối đa`, `trên`, `dưới` (`tối thiểu 60`).
    #[serde(default)]
    #[schemars(example = &"tối thiểu 60")]
    pub muc_tieu: Option<Scalar>,
    /// Cơ quan, đơn vị chủ trì.
    #[serde(default)]
    #[schemars(example = &"Trung tâm Phục vụ hành chính công xã")]
    pub chu_tri: Option<String>,
    /// Cơ quan, đơn vị phối hợp.
    #[serde(default)]
    #[schemars(example = &"Các thôn")]
    pub phoi_hop: Option<String>,
    /// Cơ quan đánh giá.
    #[serde(default)]
    #[schemars(example = &"Văn phòng HĐND và UBND xã")]
    pub danh_gia: Option<String>,
    /// Ghi chú.
    #[serde(default)]
    #[schemars(example = &"Theo số liệu Cổng Dịch vụ công quốc gia")]
    pub ghi_chu: Option<String>,
    /// Các chỉ tiêu con, đánh số 6.1, 6.2… dưới chỉ tiêu này.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"chi_tieu": "Hồ sơ đất đai", "don_vi": "%", "muc_tieu": 50}]))]
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

/// Một bảng tự do: hàng tiêu đề (có ô gộp), hàng nội dung, hàng nhóm, chú thích.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Các hàng tiêu đề, mỗi hàng một danh sách ô; lặp lại đầu mỗi trang.
    #[serde(default)]
    #[schemars(example = serde_json::json!([["TT", "Nội dung", "Ghi chú"]]))]
    pub tieu_de: Vec<Vec<Cell>>,
    /// Các hàng nội dung: một danh sách ô, hoặc `{nhom: tên}` cho hàng nhóm.
    #[serde(default)]
    #[schemars(example = serde_json::json!([{"nhom": "Nhóm thứ nhất"}, [1, "Một việc", ""]]))]
    pub hang: Vec<Row>,
    /// Độ rộng tương đối của các cột.
    #[serde(default)]
    #[schemars(example = [1.0, 6.0, 2.0])]
    pub rong: Vec<f64>,
    /// `true`: tự đánh số cột đầu (hàng 1, 2…; hàng nhóm I, II…).
    #[serde(default)]
    #[schemars(example = true)]
    pub stt: bool,
    /// Chú thích in dưới bảng.
    #[serde(default)]
    #[schemars(example = ["Số liệu tính đến ngày 31/12/2024."])]
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
