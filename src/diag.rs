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

/// Which of the plan's size limits (`plan::limits`) was passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Depth,
    TextChars,
    WordChars,
    TotalChars,
    Texts,
    Rows,
    Columns,
    Appendices,
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
    Limit {
        what: Limit,
        found: usize,
        limit: usize,
    },
    /// Invisible direction marks removed from the text (they reorder what a reader sees).
    BidiRemoved(usize),
    /// A data file with no row to render.
    NoRows,
    /// A data row with more or fewer cells than the header has columns.
    RowCells {
        found: usize,
        expected: usize,
    },
    DuplicateColumn(String),
    EmptyColumnName(usize),
    /// The CSV reader could not go on (a quote never closed).
    CsvBroken(String),
    /// A cell merged down past the end of its part of the table.
    MergeDown {
        span: u32,
        room: usize,
        header: bool,
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
            Limit { what, found, limit } => limit_text(*what, *found, *limit, lang),
            BidiRemoved(n) if vi => format!("đã bỏ {n} ký tự điều khiển hướng chữ vô hình (U+202A–U+202E, U+2066–U+2069): chúng làm đảo thứ tự chữ khi đọc"),
            MergeDown { span, room, header: true } if vi => {
                format!("ô gộp {span} hàng nhưng phần tiêu đề chỉ còn {room} hàng (kể cả hàng này): ô tiêu đề không gộp xuống phần thân bảng")
            }
            MergeDown { span, room, header: true } => {
                format!("the cell merges {span} rows but the header has only {room} left (this one included): a header cell cannot merge into the body")
            }
            MergeDown { span, room, .. } if vi => {
                format!("ô gộp {span} hàng nhưng chỉ còn {room} hàng (kể cả hàng này) trước hàng nhóm tiếp theo hoặc cuối bảng")
            }
            MergeDown { span, room, .. } => {
                format!("the cell merges {span} rows but only {room} are left (this one included) before the next group row or the end of the table")
            }
            NoRows if vi => "tệp dữ liệu không có hàng nào (cần một hàng tiêu đề rồi mỗi xã một hàng)".into(),
            NoRows => "the data file has no rows (a header row, then one row per commune)".into(),
            RowCells { found, expected } if vi => {
                format!("hàng có {found} ô nhưng hàng tiêu đề có {expected} cột; hàng này bị bỏ qua, các hàng khác vẫn được tạo")
            }
            RowCells { found, expected } => format!("the row has {found} cells but the header has {expected} columns; this row is skipped, the others go on"),
            DuplicateColumn(c) if vi => format!("cột `{c}` xuất hiện hai lần trong hàng tiêu đề"),
            DuplicateColumn(c) => format!("column `{c}` appears twice in the header row"),
            EmptyColumnName(n) if vi => format!("cột thứ {n} của hàng tiêu đề không có tên"),
            EmptyColumnName(n) => format!("column {n} of the header row has no name"),
            CsvBroken(_) if vi => "tệp CSV hỏng từ đây (thường do một dấu ngoặc kép \" không được đóng)".into(),
            CsvBroken(_) => "the CSV file is broken from here on (usually a double quote \" left open)".into(),
            BidiRemoved(n) => format!("removed {n} invisible text-direction characters (U+202A–U+202E, U+2066–U+2069): they reorder the text a reader sees"),
        }
    }
}

fn limit_text(what: Limit, found: usize, limit: usize, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let (vi_what, en_what, vi_fix, en_fix) = match what {
        Limit::Depth => (
            "lồng nhau quá sâu",
            "nested too deeply",
            "kế hoạch thật chỉ lồng dưới 15 cấp; kiểm tra dấu [ { thừa",
            "real plans nest fewer than 15 levels; look for stray [ or {",
        ),
        Limit::TextChars => ("đoạn văn bản quá dài", "text too long", "hãy chia thành nhiều đoạn", "split it into several paragraphs"),
        Limit::WordChars => {
            ("một chuỗi ký tự liền không có khoảng trắng quá dài", "a run of characters without a space is too long", "hãy thêm khoảng trắng", "add spaces")
        }
        Limit::TotalChars => ("kế hoạch quá dài", "plan too long", "hãy tách thành nhiều văn bản", "split it into several documents"),
        Limit::Texts => ("kế hoạch có quá nhiều đoạn", "plan has too many texts", "hãy tách thành nhiều văn bản", "split it into several documents"),
        Limit::Rows => {
            ("bảng hoặc danh sách có quá nhiều hàng", "table or list has too many rows", "hãy chia thành nhiều bảng", "split it into several tables")
        }
        Limit::Columns => ("bảng có quá nhiều cột", "table has too many columns", "hãy chia bảng", "split the table"),
        Limit::Appendices => ("quá nhiều phụ lục", "too many appendices", "hãy gộp hoặc tách văn bản", "merge them or split the document"),
    };
    if vi {
        format!("{vi_what} ({found}; tối đa {limit}): {vi_fix}")
    } else {
        format!("{en_what} ({found}; at most {limit}): {en_fix}")
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

/// Why a valid plan produced no files.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The template or the engine refused it (a template problem, not the clerk's).
    Render(String),
    /// A file could not be written.
    Write { path: PathBuf, kind: IoKind, detail: String },
    /// The render ran past its time budget (seconds).
    Timeout(u64),
    /// The render's process passed its memory budget (MB).
    Memory(u64),
    /// The process rendering it ended: its status and last words.
    WorkerDied(String),
    /// No process could be started to render it.
    Spawn(String),
}

/// What an operating-system error means for a clerk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoKind {
    ReadOnly,
    NoSpace,
    NotAFolder,
    IsAFolder,
    Denied,
    NotFound,
    Other,
}

impl IoKind {
    pub fn of(e: &std::io::Error) -> IoKind {
        // Raw errno values are those of Linux and macOS alike for these.
        match (e.kind(), e.raw_os_error()) {
            (_, Some(30)) => IoKind::ReadOnly,
            (_, Some(28)) => IoKind::NoSpace,
            (_, Some(20)) => IoKind::NotAFolder,
            (_, Some(21)) => IoKind::IsAFolder,
            (std::io::ErrorKind::PermissionDenied, _) => IoKind::Denied,
            (std::io::ErrorKind::NotFound, _) => IoKind::NotFound,
            _ => IoKind::Other,
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        let vi = lang == Lang::Vi;
        match self {
            IoKind::ReadOnly if vi => "ổ đĩa hoặc thư mục chỉ cho đọc, không ghi được; hãy chọn thư mục khác bằng --out",
            IoKind::ReadOnly => "the disk or folder is read-only; choose another folder with --out",
            IoKind::NoSpace if vi => "ổ đĩa đã đầy; hãy giải phóng dung lượng rồi chạy lại",
            IoKind::NoSpace => "the disk is full; free some space and run again",
            IoKind::NotAFolder if vi => "một phần của đường dẫn là tệp chứ không phải thư mục",
            IoKind::NotAFolder => "part of the path is a file, not a folder",
            IoKind::IsAFolder if vi => "đã có một thư mục trùng tên với tệp cần ghi",
            IoKind::IsAFolder => "a folder of that name is in the way",
            IoKind::Denied if vi => "không có quyền ghi vào đây",
            IoKind::Denied => "no permission to write here",
            IoKind::NotFound if vi => "không tìm thấy thư mục",
            IoKind::NotFound => "the folder does not exist",
            IoKind::Other if vi => "lỗi hệ thống khi ghi",
            IoKind::Other => "system error while writing",
        }
    }
}

impl Failure {
    pub fn text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Failure::Render(e) if vi => format!("không dựng được văn bản (lỗi mẫu trình bày, không phải lỗi của kế hoạch): {e}"),
            Failure::Render(e) => format!("cannot lay out the document (a template problem, not the plan's): {e}"),
            Failure::Write { path, kind, detail } if vi => format!("không ghi được {}: {} ({detail})", path.display(), kind.text(lang)),
            Failure::Write { path, kind, detail } => format!("cannot write {}: {} ({detail})", path.display(), kind.text(lang)),
            Failure::Timeout(s) if vi => format!("dựng văn bản quá {s} giây nên đã dừng (đặt giới hạn khác bằng --timeout)"),
            Failure::Timeout(s) => format!("stopped after {s} seconds of layout (set another limit with --timeout)"),
            Failure::Memory(mb) if vi => format!("dựng văn bản dùng quá {mb} MB bộ nhớ nên đã dừng (đặt giới hạn khác bằng --max-memory)"),
            Failure::Memory(mb) => format!("stopped after passing {mb} MB of memory (set another limit with --max-memory)"),
            Failure::WorkerDied(why) if vi => format!("tiến trình dựng văn bản bị dừng đột ngột ({why})"),
            Failure::WorkerDied(why) => format!("the rendering process ended unexpectedly ({why})"),
            Failure::Spawn(e) if vi => format!("không khởi động được tiến trình dựng văn bản ({e})"),
            Failure::Spawn(e) => format!("cannot start a rendering process ({e})"),
        }
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
