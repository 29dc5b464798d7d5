//! Located problems found in a plan, and the one catalogue of their messages.
//!
//! A `Diagnostic` names the file, line, column and field path; its `Msg` is
//! data, turned into Vietnamese (default) or English text only when printed.

pub mod msg;

pub use msg::{Limit, Msg, SyntaxKind};
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

/// Where a field is in the printed document ("Mục II, 3, nhiệm vụ 1"), in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub vi: String,
    pub en: String,
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
    /// The source line at `pos`, shown under the message with a caret.
    pub line_text: Option<String>,
    /// Where the field prints in the document.
    pub place: Option<Place>,
}

/// How diagnostics are printed: language and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Style {
    pub lang: Lang,
    pub color: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

impl Diagnostic {
    pub fn new(file: &std::path::Path, pos: Option<Pos>, severity: Severity, msg: Msg) -> Diagnostic {
        Diagnostic { file: file.to_path_buf(), pos, path: String::new(), severity, msg, context: None, line_text: None, place: None }
    }

    pub fn error(file: &std::path::Path, pos: Option<Pos>, msg: Msg) -> Diagnostic {
        Self::new(file, pos, Severity::Error, msg)
    }

    pub fn with_path(mut self, path: &str) -> Diagnostic {
        self.path = path.to_string();
        self
    }

    /// Fills in the source line from the text the position refers to.
    pub fn with_line_from(mut self, text: &str) -> Diagnostic {
        self.set_line_from(text);
        self
    }

    pub fn set_line_from(&mut self, text: &str) {
        if let Some(p) = self.pos {
            self.line_text = text.lines().nth(p.line.saturating_sub(1)).map(str::to_string);
        }
    }

    /// The first line: `file:line:col: lỗi: path: message (hàng …)`, as compilers print it.
    pub fn headline(&self, lang: Lang) -> String {
        self.headline_styled(Style { lang, color: false })
    }

    fn headline_styled(&self, st: Style) -> String {
        let lang = st.lang;
        let mut s = self.file.display().to_string();
        if let Some(p) = self.pos {
            s += &format!(":{}:{}", p.line, p.col);
        }
        let (kind, code) = match (self.severity, lang) {
            (Severity::Error, Lang::Vi) => ("lỗi", "1;31"),
            (Severity::Error, Lang::En) => ("error", "1;31"),
            (Severity::Warning, Lang::Vi) => ("cảnh báo", "1;33"),
            (Severity::Warning, Lang::En) => ("warning", "1;33"),
        };
        s = format!("{}: {}: ", st.paint("1", &s), st.paint(code, kind));
        if !self.path.is_empty() {
            s += &format!("{}: ", self.path);
        }
        s += &st.paint("1", &self.msg.text(lang));
        if let Some(c) = &self.context {
            s += &match lang {
                Lang::Vi => format!(" (hàng {c})"),
                Lang::En => format!(" (row {c})"),
            };
        }
        s
    }

    /// The whole diagnostic as a clerk reads it: the headline, the line with a caret under
    /// the place, where it prints in the document, and what to do.
    pub fn render(&self, lang: Lang) -> String {
        self.render_styled(Style { lang, color: false })
    }

    pub fn render_styled(&self, st: Style) -> String {
        let mut out = self.headline_styled(st);
        let code = if self.is_error() { "1;31" } else { "1;33" };
        if let (Some(p), Some(line)) = (self.pos, &self.line_text) {
            let num = p.line.to_string();
            let pad = " ".repeat(num.len());
            let (shown, col) = window(line, p.col);
            let width = token_width(&shown, col);
            let bar = st.paint("1;34", "|");
            out += &format!(
                "\n{pad} {bar}\n{} {bar} {shown}\n{pad} {bar} {}{}",
                st.paint("1;34", &num),
                " ".repeat(col.saturating_sub(1)),
                st.paint(code, &"^".repeat(width))
            );
        }
        let eq = st.paint("1;34", "=");
        let pad = " ".repeat(self.pos.filter(|_| self.line_text.is_some()).map_or(1, |p| p.line.to_string().len()));
        if let Some(place) = &self.place {
            let (label, text) = match st.lang {
                Lang::Vi => ("trong văn bản", &place.vi),
                Lang::En => ("in the document", &place.en),
            };
            out += &format!("\n{pad} {eq} {}: {text}", st.paint("1", label));
        }
        if let Some(h) = self.msg.hint(st.lang) {
            let label = if st.lang == Lang::Vi { "gợi ý" } else { "help" };
            out += &format!("\n{pad} {eq} {}: {h}", st.paint("1;36", label));
        }
        out
    }

    /// One JSON object, for editors and CI (`--message-format json`).
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let width = match (self.pos, &self.line_text) {
            (Some(p), Some(l)) => token_width(l, p.col),
            _ => 1,
        };
        serde_json::json!({
            "type": "diagnostic",
            "severity": if self.is_error() { "error" } else { "warning" },
            "file": self.file.display().to_string(),
            "line": self.pos.map(|p| p.line),
            "column": self.pos.map(|p| p.col),
            "end_column": self.pos.map(|p| p.col + width),
            "path": self.path,
            "place": self.place.as_ref().map(|p| if lang == Lang::Vi { p.vi.clone() } else { p.en.clone() }),
            "message": self.msg.text(lang),
            "hint": self.msg.hint(lang),
            "context": self.context,
            "source_line": self.line_text,
        })
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The part of a long line worth showing around `col` (tabs as spaces), and the column in it.
fn window(line: &str, col: usize) -> (String, usize) {
    const BEFORE: usize = 40;
    const WIDTH: usize = 120;
    let chars: Vec<char> = line.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
    if chars.len() <= WIDTH {
        return (chars.into_iter().collect(), col);
    }
    let start = col.saturating_sub(1).saturating_sub(BEFORE).min(chars.len().saturating_sub(WIDTH));
    let end = (start + WIDTH).min(chars.len());
    let mut s: String = chars[start..end].iter().collect();
    let mut c = col - start;
    if start > 0 {
        s.insert(0, '…');
        c += 1;
    }
    if end < chars.len() {
        s.push('…');
    }
    (s, c)
}

/// How many characters the caret underlines from `col` (1-based): a quoted scalar to its
/// closing quote, otherwise to the end of the value (before a comment).
fn token_width(line: &str, col: usize) -> usize {
    let rest: Vec<char> = line.chars().skip(col.saturating_sub(1)).collect();
    let n = match rest.first() {
        None => 0,
        Some(&q @ ('"' | '\'')) => rest.iter().skip(1).position(|&c| c == q).map_or(rest.len(), |i| i + 2),
        Some(_) => {
            let text: String = rest.iter().collect();
            let end = text.find(" #").unwrap_or(text.len());
            let value = text[..end].trim_end();
            // A key (`trich_yue: …`): underline the key alone.
            match value.find(':') {
                Some(k) if k > 0 && value[..k].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => k,
                _ => value.chars().count(),
            }
        }
    };
    n.clamp(1, 120)
}

/// `2 lỗi, 1 cảnh báo`, or `None` when there is nothing to count.
pub fn summary(errors: usize, warnings: usize, lang: Lang) -> Option<String> {
    if errors + warnings == 0 {
        return None;
    }
    Some(match lang {
        Lang::Vi => format!("{errors} lỗi, {warnings} cảnh báo"),
        Lang::En => format!("{errors} error{}, {warnings} warning{}", if errors == 1 { "" } else { "s" }, if warnings == 1 { "" } else { "s" }),
    })
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
