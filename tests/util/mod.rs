//! Helpers for the integration tests: run the real binary, read PDFs through poppler.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run kehoach")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// The text of a PDF, in reading order (poppler's pdftotext).
pub fn pdf_text(pdf: &Path) -> String {
    let o = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext (poppler-utils) is installed");
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    String::from_utf8(o.stdout).unwrap()
}

/// One page's text.
pub fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    let o = Command::new("pdftotext").args(["-enc", "UTF-8", "-f", &p, "-l", &p]).arg(pdf).arg("-").output().unwrap();
    String::from_utf8(o.stdout).unwrap()
}

/// A word on a page with its box in millimetres from the top-left corner.
#[derive(Debug, Clone)]
pub struct Word {
    pub page: usize,
    pub text: String,
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    pub page_w: f64,
    pub page_h: f64,
}

/// Every word of a PDF with its position (pdftotext -bbox).
pub fn words(pdf: &Path) -> Vec<Word> {
    let o = Command::new("pdftotext").args(["-enc", "UTF-8", "-bbox"]).arg(pdf).arg("-").output().unwrap();
    let html = String::from_utf8(o.stdout).unwrap();
    let mm = 25.4 / 72.0;
    let attr = |s: &str, name: &str| -> f64 {
        let k = format!("{name}=\"");
        let i = s.find(&k).unwrap() + k.len();
        s[i..].split('"').next().unwrap().parse::<f64>().unwrap()
    };
    let mut out = Vec::new();
    let (mut page, mut pw, mut ph) = (0, 0.0, 0.0);
    for line in html.lines() {
        let l = line.trim();
        if l.starts_with("<page ") {
            page += 1;
            pw = attr(l, "width") * mm;
            ph = attr(l, "height") * mm;
        } else if l.starts_with("<word ") {
            let text = l.split('>').nth(1).unwrap().split('<').next().unwrap();
            let text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'");
            out.push(Word {
                page,
                text,
                x0: attr(l, "xMin") * mm,
                y0: attr(l, "yMin") * mm,
                x1: attr(l, "xMax") * mm,
                y1: attr(l, "yMax") * mm,
                page_w: pw,
                page_h: ph,
            });
        }
    }
    out
}

/// Number of pages.
pub fn pages(pdf: &Path) -> usize {
    words(pdf).iter().map(|w| w.page).max().unwrap_or(0)
}

/// Whitespace-normalised text, for phrase searches across line breaks.
pub fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes `yaml` as a plan file in `dir`.
pub fn write_plan(dir: &Path, name: &str, yaml: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, yaml).unwrap();
    p
}

/// A small valid plan; tests replace parts of it.
pub const MINIMAL: &str = r#"co_quan:
  ten: [Ủy ban nhân dân, Xã Thử Nghiệm]
  viet_tat: UBND
so: 5
ngay: 05/3/2025
trich_yeu: Kế hoạch thử
noi_dung:
  - muc: Mục đích
    noi_dung:
      - Nội dung.
noi_nhan:
  danh_sach: [UBND tỉnh]
  luu: VT
ky:
  chuc_vu: Chủ tịch
  ho_ten: Nguyễn Văn A
"#;

/// Word tokens of a text, the way `../shared/tools/fidelity.py` counts them: NFC, case-folded;
/// numbers with their `.,/` groups and `%`; runs of letters; ≥ ≤ %. Markup and LaTeX of the
/// seed extracts are stripped first; a line that repeats a table header row is counted once.
pub fn tokens(text: &str, is_seed: bool) -> Vec<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut t: String = text.nfc().collect();
    if is_seed {
        t = t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"");
        let mut out = String::new();
        let mut in_tag = false;
        for c in t.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    out.push(' ');
                }
                _ if in_tag => {}
                _ => out.push(c),
            }
        }
        t = out.replace("$\\geq ", "≥ ").replace("$\\geq", "≥ ").replace("$\\leq ", "≤ ").replace("\\%", "%").replace('$', "");
        t = t.chars().map(|c| if "*#|`".contains(c) { ' ' } else { c }).collect();
        t = t.lines().map(|l| if l.trim_start().starts_with("---") { " " } else { l }).collect::<Vec<_>>().join("\n");
    }
    const HEADER: [&str; 38] = [
        "stt", "tt", "nội", "dung", "nhiệm", "vụ", "chủ", "trì", "phối", "hợp", "cơ", "quan", "thời", "gian", "kết", "quả", "ghi", "chú", "sản", "phẩm",
        "thực", "hiện", "hoàn", "thành", "stt2", "chỉ", "tiêu", "đơn", "vị", "năm", "2024", "2025", "2026", "đánh", "giá", "giải", "pháp", "(%)",
    ];
    let mut out = Vec::new();
    let mut seen_header = false;
    for line in t.lines() {
        let toks = line_tokens(line);
        let head = toks.iter().filter(|x| HEADER.contains(&x.as_str())).count();
        if toks.len() >= 4 && head as f64 >= 0.85 * toks.len() as f64 {
            if seen_header {
                continue;
            }
            seen_header = true;
        }
        out.extend(toks);
    }
    out
}

fn line_tokens(line: &str) -> Vec<String> {
    let c: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_ascii_digit() {
            let mut j = i;
            while j < c.len() && c[j].is_ascii_digit() {
                j += 1;
            }
            while j + 1 < c.len() && ".,/".contains(c[j]) && c[j + 1].is_ascii_digit() {
                j += 1;
                while j < c.len() && c[j].is_ascii_digit() {
                    j += 1;
                }
            }
            if j < c.len() && c[j] == '%' {
                j += 1;
            }
            out.push(c[i..j].iter().collect::<String>().to_lowercase());
            i = j;
        } else if c[i].is_alphabetic() {
            let mut j = i;
            while j < c.len() && (c[j].is_alphabetic() || c[j].is_mark()) {
                j += 1;
            }
            out.push(c[i..j].iter().collect::<String>().to_lowercase());
            i = j;
        } else if "≥≤%".contains(c[i]) {
            out.push(c[i].to_string());
            i += 1;
        } else {
            i += 1;
        }
    }
    out
}

trait IsMark {
    fn is_mark(&self) -> bool;
}
impl IsMark for char {
    fn is_mark(&self) -> bool {
        ('\u{300}'..='\u{36f}').contains(self)
    }
}

/// Share of `source`'s tokens found in `rendered` (as multisets).
pub fn recall(source: &[String], rendered: &[String]) -> f64 {
    let mut have: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for t in rendered {
        *have.entry(t).or_default() += 1;
    }
    let mut hit = 0;
    for t in source {
        if let Some(n) = have.get_mut(t.as_str()) {
            if *n > 0 {
                *n -= 1;
                hit += 1;
            }
        }
    }
    hit as f64 / source.len().max(1) as f64
}

/// The text of a DOCX's main part, a paragraph per line, cells separated by tabs.
pub fn docx_text(path: &Path) -> String {
    let xml = docx_part(path, "word/document.xml");
    let xml = xml.replace("</w:p>", "\n").replace("</w:tc>", "\t").replace("<w:tab/>", "\t").replace("<w:br/>", "\n");
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

/// One part of a DOCX package, as text.
pub fn docx_part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The five real plans of `plans/`.
pub const PLANS: [&str; 5] = ["dien-khanh-2025", "bo-y-2025", "dong-phu-2026", "gio-son-2025", "my-hoa-hung-2024"];

/// The folder holding every plan of `plans/` rendered once (PDF and DOCX) for this test binary.
pub fn rendered() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(render_all).path()
}

/// Renders every plan of `plans/` (PDF and DOCX) into a fresh folder.
pub fn render_all() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let plans = root().join("plans");
    let o = run(&["render", "--no-system-fonts", "--format", "all", "--out", dir.path().to_str().unwrap(), plans.to_str().unwrap()]);
    assert!(o.status.success(), "render failed: {}", stderr(&o));
    dir
}

/// Checks a DOCX against the ISO 29500 Transitional schemas with openxml-audit (PyPI; scripts/test
/// installs it), offline, strict: panics with its report unless it finds no error.
pub fn assert_schema_valid(docx: &Path, what: &str) {
    let o = Command::new("python3")
        .args(["-m", "openxml_audit", "--policy", "strict", "--max-errors", "0"])
        .arg(docx)
        .output()
        .expect("openxml-audit runs (scripts/test installs it with pip)");
    let out = String::from_utf8_lossy(&o.stdout).to_string() + &String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && out.contains("Errors: 0"), "{what}: {out}");
}

/// The DOCX files converted to PDF by LibreOffice (headless, a private profile under `dir`),
/// into `dir/lo/<stem>.pdf`: the DOCX as a word processor lays it out.
pub fn libreoffice_pdf(dir: &Path, docx: &[PathBuf]) -> PathBuf {
    let lo = dir.join("lo");
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let o = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir", lo.to_str().unwrap()])
        .args(docx)
        .output()
        .expect("LibreOffice (soffice) is installed: scripts/test installs libreoffice-writer-nogui");
    assert!(o.status.success(), "soffice: {}", String::from_utf8_lossy(&o.stderr));
    lo
}
