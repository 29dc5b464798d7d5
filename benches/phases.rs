//! Where one plan's time goes: `cargo bench` renders the shipped batch plan
//! (plans/batch/ke-hoach.yaml, 60-task appendix) for the communes of
//! plans/batch/xa.csv in one thread and reports each phase per plan.
//! End-to-end throughput and memory: scripts/bench.sh.

// The binary's allocator (src/main.rs), so these figures match `kehoach batch`.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use kehoach::plan::load::{self, Source};
use kehoach::render::docx::DocxRenderer;
use kehoach::render::pdf::{FontOptions, PdfRenderer};
use kehoach::render::{Renderer, Templates};
use kehoach::{plan::validate, plan::vars, view};
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plans: usize = std::env::var("BENCH_PLANS").ok().and_then(|v| v.parse().ok()).unwrap_or(220);

    let t0 = Instant::now();
    let templates = Templates::embedded();
    let pdf = PdfRenderer::new(&templates, &FontOptions { system: false }).expect("pdf engine");
    let docx = DocxRenderer::new(&templates).expect("docx engine");
    let engines = t0.elapsed();

    let t0 = Instant::now();
    let src = Source::read(&root.join("plans/batch/ke-hoach.yaml"), kehoach::plan::limits::MAX_PLAN_BYTES).expect("plan");
    let shared = load::parse(&src).expect("parse");
    let parse = t0.elapsed();
    let rows: Vec<_> = kehoach::batch::data::read(&root.join("plans/batch/xa.csv"), None).expect("data").rows.into_iter().map(|r| r.expect("row")).collect();

    let (mut fill, mut check, mut format, mut typst, mut word) = (Duration::ZERO, Duration::ZERO, Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut first_pdf = None;
    let mut bytes = 0usize;
    for i in 0..plans {
        let row = &rows[i % rows.len()];
        let t = Instant::now();
        let mut plan = shared.clone();
        vars::substitute(&src, &mut plan, row).expect("substitute");
        fill += t.elapsed();
        let t = Instant::now();
        let valid = validate::validate(&src, plan).expect("valid");
        check += t.elapsed();
        let t = Instant::now();
        let v = view::build(&valid);
        format += t.elapsed();
        let t = Instant::now();
        bytes += pdf.render(&v).expect("pdf").len();
        let e = t.elapsed();
        first_pdf.get_or_insert(e);
        typst += e;
        let t = Instant::now();
        bytes += docx.render(&v).expect("docx").len();
        word += t.elapsed();
        if i % 8 == 7 {
            pdf.trim_caches();
        }
    }
    let per = |d: Duration| d.as_secs_f64() * 1000.0 / plans as f64;
    println!("kehoach phases, one thread, {plans} plans of plans/batch/ke-hoach.yaml ({} KiB written)", bytes / 1024);
    println!("  engines built once     {:8.2} ms", engines.as_secs_f64() * 1000.0);
    println!("  plan parsed once       {:8.2} ms", parse.as_secs_f64() * 1000.0);
    println!("  first PDF (cold)       {:8.2} ms", first_pdf.unwrap_or_default().as_secs_f64() * 1000.0);
    println!("  per plan: fill         {:8.3} ms", per(fill));
    println!("  per plan: validate     {:8.3} ms", per(check));
    println!("  per plan: view         {:8.3} ms", per(format));
    println!("  per plan: PDF (Typst)  {:8.3} ms", per(typst));
    println!("  per plan: DOCX         {:8.3} ms", per(word));
    let total = per(fill) + per(check) + per(format) + per(typst) + per(word);
    println!("  per plan: total        {total:8.3} ms  ({:.1} plans/s on one core)", 1000.0 / total);
}
