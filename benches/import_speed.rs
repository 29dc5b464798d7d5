//! How long `kehoach import` takes on a long plan: plans/my-hoa-hung-2024.yaml (21 pages)
//! with one more landscape appendix of 60 task rows, rendered to DOCX by kehoach, then imported
//! again and again in one thread. Prints the pages, the DOCX size and the import time (min and
//! median of the runs; BENCH_RUNS, default 30). The binary's allocator, as in the CLI.

#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use kehoach::plan::load::{self, Source};
use kehoach::plan::validate;
use kehoach::render::docx::DocxRenderer;
use kehoach::render::pdf::{FontOptions, PdfRenderer};
use kehoach::render::{Renderer, Templates};
use kehoach::view;
use std::path::Path;
use std::time::Instant;

/// The plan with a second appendix of `rows` tasks.
fn long_plan(root: &Path, rows: usize) -> String {
    let mut yaml = std::fs::read_to_string(root.join("plans/my-hoa-hung-2024.yaml")).expect("plan");
    yaml.push_str("  - id: bang-60\n    tieu_de: Danh mục nhiệm vụ chi tiết theo từng bộ phận\n    huong: ngang\n    noi_dung:\n      - nhiem_vu:\n");
    for i in 1..=rows {
        yaml.push_str(&format!(
            "          - noi_dung: Nhiệm vụ số {i} – rà soát, cập nhật và công khai thủ tục hành chính thuộc lĩnh vực được giao, hướng dẫn người dân nộp hồ sơ trực tuyến và thanh toán trực tuyến\n            chu_tri: Bộ phận {}\n            phoi_hop: Văn phòng HĐND và UBND xã\n            thoi_gian: Trước ngày {}/{}/2024\n            san_pham: Báo cáo kết quả thực hiện nhiệm vụ số {i}\n",
            ["Một cửa", "Tư pháp", "Địa chính", "Văn hóa"][i % 4],
            1 + i % 28,
            3 + i % 10
        ));
    }
    yaml
}

/// The page objects of a PDF: `/Type /Page` (space or none before `/Page`), not `/Type /Pages`.
fn page_objects(pdf: &[u8]) -> usize {
    let key = b"/Type";
    (0..pdf.len().saturating_sub(key.len()))
        .filter(|&i| pdf[i..].starts_with(key))
        .filter(|&i| {
            let rest = &pdf[i + key.len()..];
            let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
            rest.starts_with(b"/Page") && !rest.get(5).is_some_and(|b| b.is_ascii_alphanumeric())
        })
        .count()
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
    let yaml = long_plan(root, 60);
    let src = Source::from_bytes(Path::new("long.yaml"), yaml.as_bytes(), kehoach::plan::limits::MAX_PLAN_BYTES).expect("source");
    let valid = validate::validate(&src, load::parse(&src).expect("parse")).expect("valid");
    let v = view::build(&valid);
    let templates = Templates::embedded();
    let docx = DocxRenderer::new(&templates).expect("docx engine").render(&v).expect("docx");
    let pdf = PdfRenderer::new(&templates, &FontOptions { system: false }).expect("pdf engine").render(&v).expect("pdf");
    // Pages of the same plan as kehoach lays it out: the page objects of the PDF.
    let pages = page_objects(&pdf);
    assert!(pages >= 30, "the benchmark's plan is meant to be at least 30 pages, it is {pages}");

    let mut times = Vec::with_capacity(runs);
    let mut imported = None;
    for _ in 0..runs {
        let t = Instant::now();
        let out = kehoach::import::import_docx(&docx, "long.docx").expect("import");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        imported.get_or_insert(out);
    }
    times.sort_by(f64::total_cmp);
    let out = imported.expect("one run at least");
    println!("kehoach import, one thread, {runs} runs");
    println!("  document: {pages} pages (PDF of the same plan), DOCX {} KiB, YAML {} lines", docx.len() / 1024, out.yaml.lines().count());
    println!("  import (read, classify, write, validate): min {:.1} ms, median {:.1} ms, max {:.1} ms", times[0], times[runs / 2], times[runs - 1]);
    println!("  warnings: {}", out.warnings.len());
}
