//! The message catalogue: every problem kehoach reports, in Vietnamese and English,
//! in a clerk's terms (văn bản, danh sách, mục con), and what to do where it can say.
//!
//! Nothing from a third-party library reaches a Vietnamese message: parser and
//! reader errors are classified into these variants first; an English detail
//! they carry is shown in English messages only.

use super::{IoKind, Lang};

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

/// What a value is, in a clerk's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    Number,
    List,
    Mapping,
    Bool,
    Nothing,
}

/// What a field wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    Text,
    NumberOrText,
    TextOrLines,
    Block,
    Content,
    List,
    Mapping,
    Whole,
    Number,
    Bool,
    Cell,
    Row,
    Baseline,
    TargetName,
    /// Anything else, as the parser said it (shown in English messages only).
    Other(String),
}

/// Why YAML could not be read, found by looking at the line (libyaml's own words stay out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxKind {
    /// Text holding ": " (or ending in ":", `trailing`) written without quotes.
    UnquotedColon { suggestion: String, trailing: bool },
    /// A value that starts with a quote but goes on after the closing one.
    LeadingQuote { suggestion: String },
    /// A tab used for indentation.
    Tab,
    /// A line indented differently from the key it belongs with.
    Indent { found: usize, expected: usize, key: String, line: usize },
    /// A quote opened (at this position) and never closed.
    UnclosedQuote,
    /// Text that starts with a character YAML reserves (`@`, `` ` ``, `%`, `*`, `&`, `!`, `|`, `>`…).
    ReservedStart { ch: char, suggestion: String },
    /// A list entry `- ` where a value was expected on the same line as its key.
    ListOnKeyLine,
    /// Anything else.
    Other(String),
}

/// A file's encoding when it is not UTF-8, as far as its bytes tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf16,
    Windows1258,
    Tcvn3,
}

/// What went wrong; each variant is one entry of the message catalogue.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Io {
        kind: IoKind,
        detail: String,
    },
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    NotUtf8 {
        encoding: Option<Encoding>,
    },
    Syntax(SyntaxKind),
    UnknownField {
        field: String,
        suggestion: Option<String>,
        /// Where the key belongs when it is a key of another part (`ho_ten` → `ky`).
        home: Option<String>,
    },
    /// A required field is missing; `needs` lists what the block must hold.
    MissingField {
        field: String,
        needs: Vec<&'static str>,
    },
    InvalidType {
        found: Shape,
        expected: Expected,
    },
    DuplicateKey(String),
    /// A value the parser refused for another reason (detail in English only).
    Other(String),
    Empty,
    /// A plan file with nothing in it.
    EmptyFile,
    BadDate(String),
    ImpossibleDate(String),
    /// A quarter outside I–IV (`Quý V năm 2026`).
    BadQuarter(String),
    /// A month outside 1–12 (`Tháng 13/2026`).
    BadMonth(String),
    BadNumber(String),
    /// A number written with a dot or comma before three digits: thousands or a decimal?
    AmbiguousNumber(String),
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
    /// A paragraph holding ": " that YAML read as a one-key mapping (`trailing`: the colon ends the line).
    ColonInText {
        text: String,
        trailing: bool,
    },
    /// The place name cannot be derived from the agency's name.
    NoPlace,
    MissingVariable(String),
    /// A column left empty in a row, and every place of the plan that uses it.
    EmptyVariable {
        var: String,
        places: Vec<super::Place>,
    },
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
    /// A spreadsheet file that cannot be opened as a workbook.
    SheetUnreadable(String),
    /// `--sheet` names no sheet of the workbook.
    NoSheet {
        name: String,
        available: Vec<String>,
    },
    /// A cell holding an error value (`#REF!`).
    CellError {
        cell: String,
        error: String,
    },
    /// A value in a column whose header cell is empty.
    CellNoColumn {
        cell: String,
    },
    /// A cell merged down past the end of its part of the table.
    MergeDown {
        span: u32,
        room: usize,
        header: bool,
    },
}

fn shape(s: Shape, vi: bool) -> &'static str {
    match (s, vi) {
        (Shape::Text, true) => "văn bản",
        (Shape::Text, false) => "text",
        (Shape::Number, true) => "một số",
        (Shape::Number, false) => "a number",
        (Shape::List, true) => "một danh sách",
        (Shape::List, false) => "a list",
        (Shape::Mapping, true) => "các mục con dạng `khóa: giá trị`",
        (Shape::Mapping, false) => "nested `key: value` entries",
        (Shape::Bool, true) => "true/false",
        (Shape::Bool, false) => "true/false",
        (Shape::Nothing, true) => "chỗ trống (không có giá trị)",
        (Shape::Nothing, false) => "nothing (an empty value)",
    }
}

fn expected(e: &Expected, vi: bool) -> String {
    let (v, en) = match e {
        Expected::Text => ("một đoạn văn bản", "a text"),
        Expected::NumberOrText => ("một số hoặc văn bản", "a number or a text"),
        Expected::TextOrLines => ("văn bản, hoặc danh sách các dòng", "a text, or a list of lines"),
        Expected::Block => {
            ("một đoạn văn, hoặc một khối (muc, gach, cong, bang, nhiem_vu, chi_tieu)", "a paragraph, or a block (muc, gach, cong, bang, nhiem_vu, chi_tieu)")
        }
        Expected::Content => ("văn bản, hoặc danh sách các đoạn và ý gạch đầu dòng", "a text, or a list of paragraphs and points"),
        Expected::List => ("một danh sách (mỗi mục một dòng bắt đầu bằng \"- \")", "a list (one entry per line starting with \"- \")"),
        Expected::Mapping => ("các mục con dạng `khóa: giá trị`, thụt vào dưới dòng này", "nested `key: value` entries, indented under this line"),
        Expected::Whole => ("một số nguyên", "a whole number"),
        Expected::Number => ("một số", "a number"),
        Expected::Bool => ("true hoặc false", "true or false"),
        Expected::Cell => ("một ô: văn bản, một số, hoặc {o: …, gop_ngang: …, gop_doc: …}", "a cell: a text, a number, or {o: …, gop_ngang: …, gop_doc: …}"),
        Expected::Row => ("một hàng: danh sách các ô, hoặc {nhom: tiêu đề}", "a row: a list of cells, or {nhom: title}"),
        Expected::Baseline => ("một số, hoặc {gia_tri: …, ky: …}", "a number, or {gia_tri: …, ky: …}"),
        Expected::TargetName => ("tên chỉ tiêu (văn bản); trong một nhóm: danh sách chỉ tiêu", "the indicator (a text); in a group: a list of targets"),
        Expected::Other(s) => return if vi { "một giá trị khác".into() } else { s.clone() },
    };
    if vi { v } else { en }.to_string()
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
            Io { kind, .. } if vi => format!("không đọc được tệp: {}", read_kind(*kind, true)),
            Io { kind, detail } => format!("cannot read the file: {} ({detail})", read_kind(*kind, false)),
            TooLarge { bytes, limit } if vi => format!("tệp quá lớn ({bytes} byte; tối đa {limit}): một kế hoạch thật chỉ vài chục KB"),
            TooLarge { bytes, limit } => format!("file too large ({bytes} bytes; at most {limit}): a real plan is a few dozen KB"),
            NotUtf8 { encoding } if vi => format!("tệp không được lưu bằng mã UTF-8{}", encoding_name(*encoding, true)),
            NotUtf8 { encoding } => format!("the file is not saved as UTF-8{}", encoding_name(*encoding, false)),
            Syntax(k) => syntax_text(k, vi),
            UnknownField { field, home: Some(h), .. } if h.is_empty() && vi => {
                format!("`{field}` không thuộc chỗ này: nó là một trường ở cấp ngoài cùng của kế hoạch")
            }
            UnknownField { field, home: Some(h), .. } if h.is_empty() => format!("`{field}` does not belong here: it is a top-level field of the plan"),
            UnknownField { field, home: Some(h), .. } if vi => format!("`{field}` không thuộc chỗ này: nó là một trường của `{h}`"),
            UnknownField { field, home: Some(h), .. } => format!("`{field}` does not belong here: it is a field of `{h}`"),
            UnknownField { field, suggestion, .. } if vi => format!("trường không hợp lệ `{field}`{}", sugg(suggestion)),
            UnknownField { field, suggestion, .. } => format!("unknown field `{field}`{}", sugg(suggestion)),
            MissingField { field, .. } if vi => format!("thiếu trường bắt buộc `{field}`"),
            MissingField { field, .. } => format!("missing required field `{field}`"),
            InvalidType { found, expected: e } if vi => format!("ở đây cần {}, nhưng gặp {}", expected(e, true), shape(*found, true)),
            InvalidType { found, expected: e } => format!("expected {} here, found {}", expected(e, false), shape(*found, false)),
            DuplicateKey(k) if vi => format!("khóa `{k}` bị lặp lại (mỗi khóa chỉ được viết một lần trong cùng một mục)"),
            DuplicateKey(k) => format!("duplicate key `{k}` (each key once per entry)"),
            Other(_) if vi => "giá trị không hợp lệ ở đây".into(),
            Other(e) => format!("invalid value here ({e})"),
            Empty if vi => "không được để trống".into(),
            Empty => "must not be empty".into(),
            EmptyFile if vi => "tệp trống: chưa có nội dung kế hoạch".into(),
            EmptyFile => "the file is empty: no plan in it yet".into(),
            BadDate(s) if vi => format!("ngày không đúng dạng: `{s}` (cần ngày/tháng/năm như 05/3/2025, tháng/năm như 9/2025, hoặc năm)"),
            BadDate(s) => format!("not a date: `{s}` (expected day/month/year like 05/3/2025, month/year like 9/2025, or a year)"),
            ImpossibleDate(s) if vi => format!("ngày không tồn tại: `{s}`"),
            ImpossibleDate(s) => format!("impossible date: `{s}`"),
            BadQuarter(s) if vi => format!("quý phải từ I đến IV: `{s}`"),
            BadQuarter(s) => format!("a quarter is I to IV: `{s}`"),
            BadMonth(s) if vi => format!("tháng phải từ 1 đến 12: `{s}`"),
            BadMonth(s) => format!("a month is 1 to 12: `{s}`"),
            BadNumber(s) if vi => format!("số không hợp lệ: `{s}`"),
            BadNumber(s) => format!("not a valid number: `{s}`"),
            AmbiguousNumber(s) if vi => {
                format!("số `{s}` không rõ nghĩa: dấu chấm hay phẩy trước đúng ba chữ số có thể là phân cách hàng nghìn hoặc dấu thập phân")
            }
            AmbiguousNumber(s) => format!("the number `{s}` is ambiguous: a dot or comma before exactly three digits may separate thousands or decimals"),
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
            ColonInText { trailing: true, .. } if vi => "dòng văn bản kết thúc bằng dấu hai chấm nên YAML hiểu nó là một khóa".into(),
            ColonInText { trailing: true, .. } => "the text ends with a colon, so YAML read it as a key".into(),
            ColonInText { .. } if vi => "văn bản có dấu hai chấm và khoảng trắng (\": \") nên YAML hiểu nó là `khóa: giá trị`".into(),
            ColonInText { .. } => "the text holds a colon and a space (\": \"), so YAML read it as `key: value`".into(),
            NoPlace if vi => "không suy ra được địa danh: tên cơ quan không có dòng XÃ, PHƯỜNG, THỊ TRẤN hay ĐẶC KHU".into(),
            NoPlace => "cannot derive the place name: the agency's name has no XÃ, PHƯỜNG, THỊ TRẤN or ĐẶC KHU line".into(),
            MissingVariable(v) if vi => format!("dữ liệu không có cột `{v}`"),
            MissingVariable(v) => format!("the data has no column `{v}`"),
            EmptyVariable { var, places } if vi => {
                format!("cột `{var}` để trống ở hàng này, mà kế hoạch dùng nó ở: {}", places.iter().map(|p| p.vi.as_str()).collect::<Vec<_>>().join("; "))
            }
            EmptyVariable { var, places } => {
                format!("column `{var}` is empty in this row, and the plan uses it at: {}", places.iter().map(|p| p.en.as_str()).collect::<Vec<_>>().join("; "))
            }
            UnfilledVariable(v) if vi => format!("biến `{{{{ {v} }}}}` chưa có giá trị"),
            UnfilledVariable(v) => format!("variable `{{{{ {v} }}}}` has no value"),
            Template(_) if vi => "biểu thức `{{ … }}` không đúng cách viết (cần `{{ tên_cột }}` hoặc `{{ tên_cột | lower }}`)".into(),
            Template(e) => format!("the `{{{{ … }}}}` expression is not well formed ({e})"),
            NoNameColumn { column, available } if vi => {
                format!("không có cột `{column}` để đặt tên tệp (chọn bằng --name-column; các cột: {})", available.join(", "))
            }
            NoNameColumn { column, available } => {
                format!("no column `{column}` to name the files (choose one with --name-column; columns: {})", available.join(", "))
            }
            Limit { what, found, limit } => limit_text(*what, *found, *limit, lang),
            BidiRemoved(n) if vi => format!("đã bỏ {n} ký tự điều khiển hướng chữ vô hình (U+202A–U+202E, U+2066–U+2069): chúng làm đảo thứ tự chữ khi đọc"),
            BidiRemoved(n) => format!("removed {n} invisible text-direction characters (U+202A–U+202E, U+2066–U+2069): they reorder the text a reader sees"),
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
            SheetUnreadable(_) if vi => "không mở được tệp này như một bảng tính Excel hoặc OpenDocument".into(),
            SheetUnreadable(e) => format!("cannot open this file as an Excel or OpenDocument workbook ({e})"),
            NoSheet { .. } if vi && available_is_empty(self) => "--sheet chỉ dùng với bảng tính .xlsx/.ods; tệp này không có trang tính".into(),
            NoSheet { .. } if available_is_empty(self) => "--sheet goes with an .xlsx/.ods workbook; this file has no sheets".into(),
            NoSheet { name, available } if vi => format!("không có trang tính `{name}` (các trang: {})", available.join(", ")),
            NoSheet { name, available } => format!("no sheet `{name}` (the sheets: {})", available.join(", ")),
            CellError { cell, error } if vi => format!("ô {cell} có lỗi công thức {error}; hàng này bị bỏ qua, các hàng khác vẫn được tạo"),
            CellError { cell, error } => format!("cell {cell} holds the formula error {error}; this row is skipped, the others go on"),
            CellNoColumn { cell } if vi => format!("ô {cell} có giá trị nhưng cột của nó không có tên ở hàng tiêu đề; hàng này bị bỏ qua"),
            CellNoColumn { cell } => format!("cell {cell} has a value but its column has no name in the header row; this row is skipped"),
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
        }
    }

    /// What to do about it, where the message alone does not say.
    pub fn hint(&self, lang: Lang) -> Option<String> {
        use Msg::*;
        let vi = lang == Lang::Vi;
        let h = match self {
            Syntax(k) => return syntax_hint(k, vi),
            NotUtf8 { encoding } => match (encoding, vi) {
                (Some(Encoding::Utf16), true) => "mở tệp bằng Notepad, chọn Lưu thành… và đặt Mã hóa (Encoding) là UTF-8".into(),
                (Some(Encoding::Utf16), false) => "open it in Notepad, Save As…, and set Encoding to UTF-8".into(),
                (Some(Encoding::Tcvn3), true) => "chuyển sang Unicode bằng Unikey (Công cụ chuyển mã: TCVN3 → Unicode) rồi lưu lại dạng UTF-8".into(),
                (Some(Encoding::Tcvn3), false) => "convert it to Unicode with Unikey's converter (TCVN3 → Unicode), then save it as UTF-8".into(),
                (_, true) => {
                    "trong VS Code: Reopen with Encoding → Vietnamese (Windows 1258), rồi Save with Encoding → UTF-8; hoặc Notepad: Lưu thành… → Mã hóa UTF-8"
                        .into()
                }
                (_, false) => {
                    "in VS Code: Reopen with Encoding → Vietnamese (Windows 1258), then Save with Encoding → UTF-8; or Notepad: Save As… → Encoding UTF-8"
                        .into()
                }
            },
            UnknownField { field, home: Some(h), .. } if h.is_empty() && vi => format!("bỏ thụt lề dòng `{field}` để nó bắt đầu ở cột 1"),
            UnknownField { field, home: Some(h), .. } if h.is_empty() => format!("remove the indentation of the `{field}` line so that it starts in column 1"),
            UnknownField { field, home: Some(h), .. } if vi => format!("thụt lề dòng `{field}` để nó nằm dưới `{h}:` cùng hàng với các trường khác của `{h}`"),
            UnknownField { field, home: Some(h), .. } => format!("indent the `{field}` line so that it sits under `{h}:`, level with `{h}`'s other fields"),
            MissingField { needs, .. } if !needs.is_empty() && vi => format!("cần có: {}", needs.join(", ")),
            MissingField { needs, .. } if !needs.is_empty() => format!("it needs: {}", needs.join(", ")),
            InvalidType { found: Shape::Mapping, expected: Expected::Text | Expected::NumberOrText | Expected::Content | Expected::Block } if vi => {
                "nếu đây là văn bản có dấu hai chấm, hãy đặt cả đoạn trong dấu ngoặc kép \"…\"".into()
            }
            InvalidType { found: Shape::Mapping, expected: Expected::Text | Expected::NumberOrText | Expected::Content | Expected::Block } => {
                "if this is text holding a colon, put it all in double quotes \"…\"".into()
            }
            InvalidType { found: Shape::List, expected: Expected::Text | Expected::NumberOrText } if vi => {
                "bỏ dấu \"- \" hoặc [ ]: ở đây chỉ viết một giá trị".into()
            }
            InvalidType { found: Shape::List, expected: Expected::Text | Expected::NumberOrText } => "drop the \"- \" or [ ]: one value goes here".into(),
            ColonInText { text, .. } if vi => format!("đặt cả đoạn trong dấu ngoặc kép: \"{}\"", text.replace('"', "\\\"")),
            ColonInText { text, .. } => format!("put the whole text in double quotes: \"{}\"", text.replace('"', "\\\"")),
            NoPlace if vi => "hãy ghi `dia_danh:` (ví dụ `dia_danh: Bờ Y`), địa danh in trước ngày tháng".into(),
            NoPlace => "add `dia_danh:` (for example `dia_danh: Bờ Y`), the place printed before the date".into(),
            AmbiguousNumber(s) if vi => {
                format!("viết `{}` nếu là số nguyên, hoặc đặt trong ngoặc kép \"{s}\" để in đúng như đã viết", s.replace(['.', ','], ""))
            }
            AmbiguousNumber(s) => format!("write `{}` for a whole number, or quote it \"{s}\" to print it as written", s.replace(['.', ','], "")),
            UnfilledVariable(_) if vi => "biến chỉ có giá trị khi chạy `kehoach batch KẾ_HOẠCH --data TỆP`".into(),
            UnfilledVariable(_) => "variables get values in `kehoach batch PLAN --data FILE`".into(),
            EmptyFile if vi => "tạo kế hoạch mẫu có chú thích bằng `kehoach new TỆP.yaml`, hoặc xem ví dụ trong docs/format.md".into(),
            EmptyFile => "start from a commented plan with `kehoach new FILE.yaml`, or see the annotated example in docs/format.md".into(),
            SheetUnreadable(_) if vi => "lưu lại bằng Excel hoặc LibreOffice dạng .xlsx (hoặc .ods), hoặc xuất ra CSV UTF-8".into(),
            SheetUnreadable(_) => "save it again from Excel or LibreOffice as .xlsx (or .ods), or export it as CSV UTF-8".into(),
            NoSheet { available, .. } if available.is_empty() => return None,
            NoSheet { .. } if vi => "chọn trang bằng --sheet TÊN (đúng tên như trên thẻ trang trong Excel)".into(),
            NoSheet { .. } => "choose the sheet with --sheet NAME (its name as on its tab in Excel)".into(),
            CellError { .. } if vi => "sửa công thức trong ô đó, hoặc chép rồi dán dạng giá trị (Paste Values)".into(),
            CellError { .. } => "fix the formula in that cell, or copy and Paste Values".into(),
            CellNoColumn { .. } if vi => "đặt tên cho cột ở hàng tiêu đề, hoặc xóa giá trị thừa".into(),
            CellNoColumn { .. } => "name the column in the header row, or delete the stray value".into(),
            DuplicateKey(_) if vi => "xóa một trong hai dòng, hoặc đổi tên khóa bị gõ nhầm".into(),
            DuplicateKey(_) => "delete one of the two lines, or rename the mistyped key".into(),
            _ => return None,
        };
        Some(h)
    }
}

fn available_is_empty(m: &Msg) -> bool {
    matches!(m, Msg::NoSheet { available, .. } if available.is_empty())
}

fn read_kind(k: IoKind, vi: bool) -> &'static str {
    match (k, vi) {
        (IoKind::NotFound, true) => "không có tệp này",
        (IoKind::NotFound, false) => "no such file",
        (IoKind::Denied, true) => "không có quyền đọc tệp này",
        (IoKind::Denied, false) => "no permission to read it",
        (IoKind::IsAFolder, true) => "đây là một thư mục, không phải tệp",
        (IoKind::IsAFolder, false) => "it is a folder, not a file",
        (_, true) => "lỗi hệ thống khi đọc",
        (_, false) => "system error while reading",
    }
}

fn encoding_name(e: Option<Encoding>, vi: bool) -> &'static str {
    match (e, vi) {
        (Some(Encoding::Utf16), true) => ": tệp được lưu dạng UTF-16 (\"Unicode\" của Word, Notepad)",
        (Some(Encoding::Utf16), false) => ": it is saved as UTF-16 (Word's and Notepad's \"Unicode\")",
        (Some(Encoding::Windows1258), true) => ": có vẻ được lưu bằng bảng mã Windows-1258 (tiếng Việt của Windows)",
        (Some(Encoding::Windows1258), false) => ": it looks like Windows-1258 (Windows' Vietnamese code page)",
        (Some(Encoding::Tcvn3), true) => ": có vẻ được gõ bằng bảng mã TCVN3 (ABC, phông .VnTime)",
        (Some(Encoding::Tcvn3), false) => ": it looks like TCVN3 (ABC, .VnTime fonts)",
        (None, _) => "",
    }
}

fn syntax_text(k: &SyntaxKind, vi: bool) -> String {
    match (k, vi) {
        (SyntaxKind::UnquotedColon { trailing: true, .. }, true) => "văn bản kết thúc bằng dấu hai chấm phải đặt trong dấu ngoặc kép".into(),
        (SyntaxKind::UnquotedColon { trailing: true, .. }, false) => "text ending with a colon must be put in double quotes".into(),
        (SyntaxKind::UnquotedColon { .. }, true) => "văn bản có dấu hai chấm và khoảng trắng (\": \") phải đặt trong dấu ngoặc kép".into(),
        (SyntaxKind::UnquotedColon { .. }, false) => "text holding a colon and a space (\": \") must be put in double quotes".into(),
        (SyntaxKind::LeadingQuote { .. }, true) => "văn bản bắt đầu bằng dấu ngoặc kép nhưng còn chữ sau dấu đóng ngoặc".into(),
        (SyntaxKind::LeadingQuote { .. }, false) => "the text starts with a quote but goes on after the closing quote".into(),
        (SyntaxKind::Tab, true) => "dòng này thụt lề bằng phím Tab; YAML chỉ nhận dấu cách".into(),
        (SyntaxKind::Tab, false) => "this line is indented with a tab; YAML takes spaces only".into(),
        (SyntaxKind::Indent { found, key, line, .. }, true) => format!("dòng này thụt lề {found} dấu cách, không thẳng hàng với `{key}` ở dòng {line}"),
        (SyntaxKind::Indent { found, key, line, .. }, false) => {
            format!("this line is indented {found} space{}, out of line with `{key}` on line {line}", if *found == 1 { "" } else { "s" })
        }
        (SyntaxKind::UnclosedQuote, true) => "dấu ngoặc kép mở ở đây mà không được đóng".into(),
        (SyntaxKind::UnclosedQuote, false) => "a quote opens here and is never closed".into(),
        (SyntaxKind::ReservedStart { ch, .. }, true) => format!("văn bản không được bắt đầu bằng `{ch}` nếu không có dấu ngoặc kép"),
        (SyntaxKind::ReservedStart { ch, .. }, false) => format!("a text cannot start with `{ch}` unless quoted"),
        (SyntaxKind::ListOnKeyLine, true) => "danh sách (\"- \") không viết cùng dòng với khóa".into(),
        (SyntaxKind::ListOnKeyLine, false) => "a list (\"- \") cannot start on its key's line".into(),
        (SyntaxKind::Other(_), true) => "tệp YAML viết sai cách ở đây (thường do thụt lề, dấu hai chấm hoặc dấu ngoặc kép)".into(),
        (SyntaxKind::Other(e), false) => format!("YAML syntax error here ({e})"),
    }
}

fn syntax_hint(k: &SyntaxKind, vi: bool) -> Option<String> {
    Some(match (k, vi) {
        (SyntaxKind::UnquotedColon { suggestion, .. }, true) => format!("viết lại: {suggestion}"),
        (SyntaxKind::UnquotedColon { suggestion, .. }, false) => format!("write it as: {suggestion}"),
        (SyntaxKind::LeadingQuote { suggestion }, true) => format!("đặt cả đoạn trong dấu ngoặc đơn: {suggestion}"),
        (SyntaxKind::LeadingQuote { suggestion }, false) => format!("put the whole text in single quotes: {suggestion}"),
        (SyntaxKind::Tab, true) => "thay Tab bằng dấu cách (trong trình soạn thảo: chuyển thụt lề sang Spaces)".into(),
        (SyntaxKind::Tab, false) => "replace the tab by spaces (in the editor: indent using spaces)".into(),
        (SyntaxKind::Indent { expected, key, .. }, true) => {
            format!("thụt lề {expected} dấu cách để cùng cấp với `{key}`, hoặc thêm dấu cách nếu nó là mục con")
        }
        (SyntaxKind::Indent { expected, key, .. }, false) => format!("indent it {expected} spaces to be level with `{key}`, or deeper if it belongs under it"),
        (SyntaxKind::UnclosedQuote, true) => "thêm dấu ngoặc kép đóng ở cuối đoạn; dấu ngoặc kép bên trong viết là \\\"".into(),
        (SyntaxKind::UnclosedQuote, false) => "close the quote at the end of the text; a quote inside is written \\\"".into(),
        (SyntaxKind::ReservedStart { suggestion, .. }, true) => format!("viết lại: {suggestion}"),
        (SyntaxKind::ReservedStart { suggestion, .. }, false) => format!("write it as: {suggestion}"),
        (SyntaxKind::ListOnKeyLine, true) => "xuống dòng sau dấu hai chấm và viết mỗi mục \"- …\" trên một dòng, thụt vào".into(),
        (SyntaxKind::ListOnKeyLine, false) => "break the line after the colon and write each \"- …\" entry on its own indented line".into(),
        (SyntaxKind::Other(_), _) => return None,
    })
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
