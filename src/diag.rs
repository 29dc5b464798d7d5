//! Located problems found in a plan, and the one catalogue of their messages.
//!
//! A `Diagnostic` names the file, line, column and field path; its `Msg` is
//! data, turned into Vietnamese (default) or English text only when printed.

use std::fmt;
use std::path::PathBuf;

/// Output language for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based position in the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// What went wrong; each variant is one entry of the message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Io(String),
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    NotUtf8 {
        offset: usize,
    },
    Syntax(String),
    UnknownField {
        field: String,
        suggestion: Option<String>,
    },
    MissingField(String),
    InvalidType {
        found: String,
        expected: String,
    },
    DuplicateKey(String),
    Other(String),
    Empty,
    BadDate(String),
    ImpossibleDate(String),
    BadNumber(String),
    BadDeadline(String),
    DeadlineBeforePlan {
        deadline: String,
        plan: String,
    },
    PercentRange(String),
    BadTarget(String),
    UnknownAppendix {
        key: String,
        suggestion: Option<String>,
    },
    DuplicateId(String),
    BlockKinds(Vec<String>),
    ChildrenWithoutMuc,
    BadChoice {
        value: String,
        allowed: Vec<&'static str>,
    },
    UnknownColumn {
        column: String,
        allowed: Vec<&'static str>,
    },
    TooDeep(usize),
    AuthorityConflict,
    RowWidth {
        found: usize,
        expected: usize,
    },
    GroupWithFields,
    /// A paragraph holding ": " that YAML read as a one-key mapping.
    ColonInText(String),
    MissingVariable(String),
    EmptyVariable(String),
    UnfilledVariable(String),
    Template(String),
    NoNameColumn {
        column: String,
        available: Vec<String>,
    },
}

impl Msg {
    pub fn text(&self, lang: Lang) -> String {
        use Msg::*;
        let vi = lang == Lang::Vi;
        let sugg = |s: &Option<String>| match s {
            Some(s) if vi => format!("; có phải là `{s}`?"),
            Some(s) => format!("; did you mean `{s}`?"),
            None => String::new(),
        };
        match self {
            Io(e) if vi => format!("không đọc được tệp ({e})"),
            Io(e) => format!("cannot read the file ({e})"),
            TooLarge { bytes, limit } if vi => format!("tệp quá lớn ({bytes} byte; tối đa {limit})"),
            TooLarge { bytes, limit } => format!("file too large ({bytes} bytes; at most {limit})"),
            NotUtf8 { offset } if vi => format!("tệp không phải UTF-8 (byte sai ở vị trí {offset}); hãy lưu lại với mã hóa UTF-8"),
            NotUtf8 { offset } => format!("file is not UTF-8 (invalid byte at offset {offset}); save it as UTF-8"),
            Syntax(e) if vi => format!("lỗi cú pháp YAML ({e})"),
            Syntax(e) => format!("YAML syntax error ({e})"),
            UnknownField { field, suggestion } if vi => format!("trường không hợp lệ `{field}`{}", sugg(suggestion)),
            UnknownField { field, suggestion } => format!("unknown field `{field}`{}", sugg(suggestion)),
            MissingField(f) if vi => format!("thiếu trường bắt buộc `{f}`"),
            MissingField(f) => format!("missing required field `{f}`"),
            InvalidType { found, expected } if vi => format!("sai kiểu dữ liệu: gặp {found}, cần {expected}{}", colon_hint(found, lang)),
            InvalidType { found, expected } => format!("invalid type: found {found}, expected {expected}{}", colon_hint(found, lang)),
            DuplicateKey(k) if vi => format!("khóa `{k}` bị lặp lại"),
            DuplicateKey(k) => format!("duplicate key `{k}`"),
            Other(e) => e.clone(),
            Empty if vi => "không được để trống".into(),
            Empty => "must not be empty".into(),
            BadDate(s) if vi => format!("ngày không đúng dạng: `{s}` (cần ngày/tháng/năm như 05/3/2025, tháng/năm như 9/2025, hoặc năm)"),
            BadDate(s) => format!("not a date: `{s}` (expected day/month/year like 05/3/2025, month/year like 9/2025, or a year)"),
            ImpossibleDate(s) if vi => format!("ngày không tồn tại: `{s}`"),
            ImpossibleDate(s) => format!("impossible date: `{s}`"),
            BadNumber(s) if vi => format!("số không hợp lệ: `{s}`"),
            BadNumber(s) => format!("not a valid number: `{s}`"),
            BadDeadline(s) if vi => format!("thời hạn không hợp lệ: `{s}`"),
            BadDeadline(s) => format!("invalid deadline: `{s}`"),
            DeadlineBeforePlan { deadline, plan } if vi => format!("thời hạn `{deadline}` sớm hơn ngày ban hành kế hoạch ({plan})"),
            DeadlineBeforePlan { deadline, plan } => format!("deadline `{deadline}` is before the plan's date ({plan})"),
            PercentRange(s) if vi => format!("tỷ lệ phần trăm phải từ 0 đến 100, gặp `{s}`"),
            PercentRange(s) => format!("a percentage must be between 0 and 100, found `{s}`"),
            BadTarget(s) if vi => format!("chỉ tiêu không hợp lệ: `{s}` (cần một số, có thể kèm ≥, ≤, >, <, \"tối thiểu\", \"tối đa\", \"trên\", \"dưới\")"),
            BadTarget(s) => format!("invalid target: `{s}` (expected a number, optionally with ≥, ≤, >, <, \"tối thiểu\", \"tối đa\", \"trên\", \"dưới\")"),
            UnknownAppendix { key, suggestion } if vi => format!("không có phụ lục `{key}`{}", sugg(suggestion)),
            UnknownAppendix { key, suggestion } => format!("no appendix `{key}`{}", sugg(suggestion)),
            DuplicateId(id) if vi => format!("mã `{id}` bị trùng"),
            DuplicateId(id) => format!("duplicate id `{id}`"),
            BlockKinds(k) if k.is_empty() && vi => "khối nội dung cần đúng một trong các khóa: muc, gach, cong, bang, nhiem_vu, chi_tieu".into(),
            BlockKinds(k) if k.is_empty() => "a block needs exactly one of: muc, gach, cong, bang, nhiem_vu, chi_tieu".into(),
            BlockKinds(k) if vi => format!("khối nội dung chỉ được có một loại, gặp: {}", k.join(", ")),
            BlockKinds(k) => format!("a block may be of one kind only, found: {}", k.join(", ")),
            ChildrenWithoutMuc if vi => "`noi_dung` và `so_con` chỉ dùng trong một `muc`".into(),
            ChildrenWithoutMuc => "`noi_dung` and `so_con` belong to a `muc` only".into(),
            BadChoice { value, allowed } if vi => format!("giá trị `{value}` không hợp lệ; dùng một trong: {}", allowed.join(", ")),
            BadChoice { value, allowed } => format!("invalid value `{value}`; use one of: {}", allowed.join(", ")),
            UnknownColumn { column, allowed } if vi => format!("cột `{column}` không có; dùng: {}", allowed.join(", ")),
            UnknownColumn { column, allowed } => format!("no column `{column}`; use: {}", allowed.join(", ")),
            TooDeep(n) if vi => format!("lồng quá sâu (tối đa {n} cấp đánh số)"),
            TooDeep(n) => format!("nested too deeply (at most {n} numbered levels)"),
            AuthorityConflict if vi => "chỉ dùng một trong: ky_thay, quyen, thua_lenh, thua_uy_quyen".into(),
            AuthorityConflict => "use only one of: ky_thay, quyen, thua_lenh, thua_uy_quyen".into(),
            RowWidth { found, expected } if vi => format!("hàng có {found} cột, bảng có {expected} cột"),
            RowWidth { found, expected } => format!("row spans {found} columns, the table has {expected}"),
            GroupWithFields if vi => "nhóm (`nhom`) chỉ chứa tiêu đề và danh sách con".into(),
            GroupWithFields => "a group (`nhom`) holds only its title and its list".into(),
            ColonInText(t) if vi => format!("văn bản có dấu hai chấm và khoảng trắng (\": \") phải đặt trong dấu ngoặc kép: \"{t}: …\""),
            ColonInText(t) => format!("text containing \": \" must be put in double quotes: \"{t}: …\""),
            MissingVariable(v) if vi => format!("dữ liệu không có cột `{v}`"),
            MissingVariable(v) => format!("the data has no column `{v}`"),
            EmptyVariable(v) if vi => format!("cột `{v}` để trống"),
            EmptyVariable(v) => format!("column `{v}` is empty"),
            UnfilledVariable(v) if vi => format!("biến `{{{{ {v} }}}}` chưa có giá trị: dùng `kehoach batch KẾ_HOẠCH --data TỆP`"),
            UnfilledVariable(v) => format!("variable `{{{{ {v} }}}}` has no value: use `kehoach batch PLAN --data FILE`"),
            Template(e) if vi => format!("lỗi khi điền biến ({e})"),
            Template(e) => format!("cannot fill variables ({e})"),
            NoNameColumn { column, available } if vi => {
                format!("không có cột `{column}` để đặt tên tệp (chọn bằng --name-column; các cột: {})", available.join(", "))
            }
            NoNameColumn { column, available } => {
                format!("no column `{column}` to name the files (choose one with --name-column; columns: {})", available.join(", "))
            }
        }
    }
}

/// Text holding ": " reads as a mapping in YAML; say how to write it.
fn colon_hint(found: &str, lang: Lang) -> &'static str {
    match (found, lang) {
        ("map", Lang::Vi) => " (văn bản có dấu hai chấm và khoảng trắng \": \" phải đặt trong dấu ngoặc kép \"…\")",
        ("map", Lang::En) => " (text containing \": \" must be put in double quotes \"…\")",
        _ => "",
    }
}

/// One located problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub pos: Option<Pos>,
    /// Field path such as `noi_dung[2].nhiem_vu[0].thoi_gian`; empty for the whole file.
    pub path: String,
    pub severity: Severity,
    pub msg: Msg,
    /// Where else the problem comes from, e.g. the data row `xa.csv:17` in a batch.
    pub context: Option<String>,
}

impl Diagnostic {
    pub fn render(&self, lang: Lang) -> String {
        let mut s = self.file.display().to_string();
        if let Some(p) = self.pos {
            s += &format!(":{}:{}", p.line, p.col);
        }
        let kind = match (self.severity, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Warning, Lang::En) => "warning",
        };
        s += &format!(": {kind}: ");
        if !self.path.is_empty() {
            s += &format!("{}: ", self.path);
        }
        s += &self.msg.text(lang);
        if let Some(c) = &self.context {
            s += &match lang {
                Lang::Vi => format!(" (hàng {c})"),
                Lang::En => format!(" (row {c})"),
            };
        }
        s
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A failure to render a valid plan (a template or engine problem, not the user's input).
#[derive(Debug, Clone)]
pub struct RenderError(pub String);

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

/// The closest candidate to `word` by edit distance, if it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(word, c);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let (d, c) = best?;
    let limit = (word.chars().count().max(c.chars().count()) / 3).max(1) + 1;
    (d <= limit).then(|| c.to_string())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_keys_only() {
        assert_eq!(suggest("chu_tri_", ["chu_tri", "phoi_hop"]), Some("chu_tri".into()));
        assert_eq!(suggest("thoigian", ["thoi_gian", "san_pham"]), Some("thoi_gian".into()));
        assert_eq!(suggest("xyz", ["thoi_gian", "san_pham"]), None);
    }
}
