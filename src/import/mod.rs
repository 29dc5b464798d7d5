//! `kehoach import`: a Word document (.docx) read back into a kehoach plan.
//!
//! Data path: the package (`docx`: runs, list labels from `numbering`, styles
//! from `styles`, tables with merges resolved, sections) → the plan's
//! structure recognised (`classify`, with `tables` and `text`) as a tree of
//! YAML nodes → canonical YAML (`write`) → loaded and validated by the plan's
//! own loader, so an import that would not validate is reported as a failure
//! and never handed out. What cannot be classified is kept in place as plain
//! paragraphs, with a warning naming it; the warnings are also written into
//! the YAML as `# kehoach import: …` comments. Nothing here prints or writes
//! files; the import messages are catalogued here because they speak of the
//! Word document, not of a plan's fields.

mod classify;
mod docx;
mod numbering;
mod styles;
mod tables;
mod text;
pub mod write;
mod xml;

use crate::diag::{Diagnostic, Lang};
use crate::plan::load::{self, Source};
use crate::plan::{validate, vars};
use std::path::Path;

/// The result of an import: the plan's text and what was guessed on the way.
#[derive(Debug)]
pub struct Imported {
    pub yaml: String,
    pub warnings: Vec<ImportWarning>,
    /// Warnings of the plan's own rules on the imported plan (a deadline before the plan's date…).
    pub plan_warnings: Vec<Diagnostic>,
}

/// One guess or fallback.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportWarning {
    pub msg: WarnMsg,
    /// The paragraph it is about, shortened.
    pub excerpt: Option<String>,
    /// The line of the YAML where its comment stands.
    pub line: Option<usize>,
}

/// What was guessed or kept as it was.
#[derive(Debug, Clone, PartialEq)]
pub enum WarnMsg {
    /// A numbered paragraph without heading formatting taken as a heading (it has content below it).
    HeadingGuess,
    /// Parts numbered 1, 2… (no Roman level): kehoach prints them I, II…
    PartsRenumbered,
    /// Numbering outside kehoach's levels, kept as typed text.
    NumberingKept,
    /// The document's numbers skip or repeat; kehoach numbers from 1 in order.
    Renumbered,
    /// A kind of document kehoach does not make.
    UnknownDocType(String),
    /// A required part was not found; a placeholder stands in the YAML.
    Missing(&'static str),
    /// The issuer, number and date were read from the appendix's "(Kèm theo …)" line.
    HeaderFromReference,
    /// A header line that is not the issuer, number or date: kept as an opening paragraph.
    HeaderLine,
    /// The parent-body line was guessed among three bold lines.
    ParentGuess,
    /// A text box's text, kept as a paragraph where the box is anchored.
    TextBox,
    /// A footnote, kept as a paragraph after the one that refers to it.
    Footnote,
    /// A table inside a table cell, flattened into the cell's lines.
    NestedTable,
    /// A table that looks like tasks or targets but could not be read as such: kept as a free table.
    TableKept(&'static str),
    /// A task-table column with no kehoach field, kept as `ghi_chu` under its own heading.
    ColumnAsNote(String),
    /// A cell merged down over several tasks or targets, repeated for each.
    MergedCopied,
    /// A signature-block line kehoach does not print ("(Đã ký)"): left out.
    SignatureNote(String),
    /// Text after the signature that is not an appendix: moved to the end of the body.
    AfterSignature,
    /// "{{" in the text would read as a variable: a space was put between the braces.
    Braces,
    /// Points "- Chủ trì: …", "- Thời gian: …" under a title read as a task written as prose.
    TaskFromPoints,
}

impl WarnMsg {
    pub fn text(&self, lang: Lang) -> String {
        use WarnMsg::*;
        let vi = lang == Lang::Vi;
        match self {
            HeadingGuess if vi => "đoạn đánh số không in đậm/nghiêng được coi là đề mục (có nội dung bên dưới)".into(),
            HeadingGuess => "a numbered paragraph without bold/italic taken as a heading (it has content below it)".into(),
            PartsRenumbered if vi => "các phần đánh số 1, 2… (không có cấp La Mã); kehoach in là I, II…".into(),
            PartsRenumbered => "parts numbered 1, 2… (no Roman level); kehoach prints them as I, II…".into(),
            NumberingKept if vi => "đánh số không theo các cấp I/1/a) của kehoach: giữ nguyên như đoạn văn".into(),
            NumberingKept => "numbering outside kehoach's I/1/a) levels: kept as a plain paragraph".into(),
            Renumbered if vi => "số thứ tự trong văn bản không liên tiếp; kehoach đánh số lại từ 1".into(),
            Renumbered => "the document's numbers are not consecutive; kehoach numbers from 1".into(),
            UnknownDocType(t) if vi => format!("kehoach không có loại văn bản `{t}`; nhập thành kế hoạch (ke_hoach)"),
            UnknownDocType(t) => format!("kehoach has no document type `{t}`; imported as a plan (ke_hoach)"),
            Missing(f) if vi => format!("không tìm thấy `{f}` trong văn bản; đã điền tạm, hãy sửa"),
            Missing(f) => format!("`{f}` not found in the document; a placeholder was written, edit it"),
            HeaderFromReference if vi => "không có phần đầu văn bản: cơ quan, số, ngày lấy từ dòng \"(Kèm theo …)\" của phụ lục".into(),
            HeaderFromReference => "no header: issuer, number and date taken from the appendix's \"(Kèm theo …)\" line".into(),
            HeaderLine if vi => "dòng ở phần đầu không phải tên cơ quan, số hay ngày: giữ thành đoạn mở đầu".into(),
            HeaderLine => "a header line that is not the issuer, number or date: kept as an opening paragraph".into(),
            ParentGuess if vi => "dòng đầu trong ba dòng tên cơ quan được coi là cơ quan cấp trên (cap_tren)".into(),
            ParentGuess => "the first of three issuer lines taken as the parent body (cap_tren)".into(),
            TextBox if vi => "chữ trong hộp văn bản (text box): giữ thành đoạn văn tại chỗ".into(),
            TextBox => "text box content: kept as a paragraph in place".into(),
            Footnote if vi => "chú thích cuối trang: giữ thành đoạn văn sau đoạn dẫn chiếu".into(),
            Footnote => "footnote: kept as a paragraph after the one that refers to it".into(),
            NestedTable if vi => "bảng lồng trong ô bảng: chuyển thành các dòng của ô".into(),
            NestedTable => "a table inside a table cell: flattened into the cell's lines".into(),
            TableKept(why) if vi => format!("bảng giống bảng nhiệm vụ/chỉ tiêu nhưng {why}: giữ thành bảng tự do (bang)"),
            TableKept(why) => format!("a table like a task/target table but {}: kept as a free table (bang)", table_reason_en(why)),
            ColumnAsNote(h) if vi => format!("cột `{h}` không có trong bảng nhiệm vụ của kehoach: ghi vào `ghi_chu` với tiêu đề cột giữ nguyên"),
            ColumnAsNote(h) => format!("column `{h}` has no field in kehoach's task table: kept as `ghi_chu` under its own heading"),
            MergedCopied if vi => "ô gộp dọc qua nhiều dòng: chép cho từng nhiệm vụ/chỉ tiêu".into(),
            MergedCopied => "a cell merged down over several rows: repeated for each task/target".into(),
            SignatureNote(t) if vi => format!("dòng `{t}` ở phần chữ ký không thuộc mẫu của kehoach: bỏ qua"),
            SignatureNote(t) => format!("signature line `{t}` is not part of kehoach's layout: left out"),
            AfterSignature if vi => "đoạn sau phần chữ ký không phải phụ lục: chuyển về cuối phần nội dung".into(),
            AfterSignature => "text after the signature that is not an appendix: moved to the end of the body".into(),
            Braces if vi => "\"{{\" trong văn bản sẽ bị đọc là biến: đã chèn khoảng trắng giữa hai dấu ngoặc".into(),
            Braces => "\"{{\" in the text would read as a variable: a space was put between the braces".into(),
            TaskFromPoints if vi => "các ý \"- Chủ trì: …\", \"- Thời gian: …\" được đọc thành một nhiệm vụ (trinh_bay: gach)".into(),
            TaskFromPoints => "points \"- Chủ trì: …\", \"- Thời gian: …\" read as a task in prose (trinh_bay: gach)".into(),
        }
    }
}

/// The reasons of `TableKept`, written in Vietnamese where they are raised.
fn table_reason_en(why: &str) -> &'static str {
    match why {
        "có hàng thiếu nội dung" => "a row has no content",
        "có ô gộp ngang" => "it has cells merged across",
        "có tiêu đề nhiều dòng" => "its heading has several rows",
        "có cột trùng hoặc không rõ" => "it has repeated or unknown columns",
        _ => "it could not be read",
    }
}

impl ImportWarning {
    /// `đoạn “…”: message`.
    pub fn text(&self, lang: Lang) -> String {
        match &self.excerpt {
            Some(e) if lang == Lang::Vi => format!("đoạn “{e}”: {}", self.msg.text(lang)),
            Some(e) => format!("paragraph “{e}”: {}", self.msg.text(lang)),
            None => self.msg.text(lang),
        }
    }
}

/// Why a file could not be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// A Word 97-2003 document (an OLE compound file).
    Doc97,
    /// A password-protected document (OLE container holding an encrypted package).
    Encrypted,
    /// Not a zip package, or one without a main document.
    NotDocx,
    /// A part of the package could not be read.
    Damaged(String),
    /// The plan made from the document did not validate: a bug of the importer.
    Invalid(Vec<String>),
}

impl ImportError {
    pub fn text(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            ImportError::Doc97 if vi => "tệp .doc (Word 97-2003): hãy mở bằng Word và lưu lại dạng .docx".into(),
            ImportError::Doc97 => "a .doc file (Word 97-2003): open it in Word and save it as .docx".into(),
            ImportError::Encrypted if vi => "tệp được đặt mật khẩu: hãy gỡ mật khẩu trong Word rồi lưu lại dạng .docx".into(),
            ImportError::Encrypted => "the file is password-protected: remove the password in Word and save it as .docx".into(),
            ImportError::NotDocx if vi => "không phải tệp Word .docx (cần tệp WordprocessingML dạng zip)".into(),
            ImportError::NotDocx => "not a Word .docx file (a zipped WordprocessingML document is needed)".into(),
            ImportError::Damaged(e) if vi => format!("tệp .docx bị hỏng ({e})"),
            ImportError::Damaged(e) => format!("the .docx file is damaged ({e})"),
            ImportError::Invalid(d) if vi => format!("lỗi của kehoach: kế hoạch nhập được không hợp lệ, xin báo lỗi kèm tệp này:\n{}", d.join("\n")),
            ImportError::Invalid(d) => format!("kehoach bug: the imported plan does not validate; please report it with this file:\n{}", d.join("\n")),
        }
    }
}

/// The OLE compound-file signature that starts every Word 97-2003 document.
const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Imports a .docx. `name` is the document's file name, for the YAML's first comment
/// and the positions of the plan's own warnings.
pub fn import_docx(bytes: &[u8], name: &str) -> Result<Imported, ImportError> {
    if bytes.starts_with(&OLE) {
        // Word stores a password-protected .docx inside an OLE file too.
        let marker: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        return Err(if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) { ImportError::Encrypted } else { ImportError::Doc97 });
    }
    if !bytes.starts_with(b"PK") {
        return Err(ImportError::NotDocx);
    }
    let doc = docx::read(bytes)?;
    let (root, mut warnings) = classify::plan(&doc);
    let head = vec![format!("Nhập từ {name} bằng `kehoach import`; kiểm tra các dòng \"# kehoach import\" rồi xóa chúng.")];
    let written = write::write(&root, &head, &|i| warnings[i].text(Lang::Vi));
    for (i, line) in written.lines {
        warnings[i].line = Some(line);
    }
    let yaml_name = Path::new(name).with_extension("yaml");
    let src = Source::from_bytes(&yaml_name, written.text.as_bytes(), crate::plan::limits::MAX_PLAN_BYTES)
        .map_err(|d| ImportError::Invalid(vec![d.render(Lang::En)]))?;
    let render = |d: Vec<Diagnostic>| ImportError::Invalid(d.iter().map(|d| d.render(Lang::En)).collect());
    let mut plan = load::parse(&src).map_err(render)?;
    let unfilled = vars::unfilled(&src, &mut plan);
    if !unfilled.is_empty() {
        return Err(render(unfilled));
    }
    let valid = validate::validate(&src, plan).map_err(render)?;
    Ok(Imported { yaml: written.text, warnings, plan_warnings: valid.warnings })
}
