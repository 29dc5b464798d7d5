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
