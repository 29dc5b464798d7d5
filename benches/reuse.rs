//! What Typst's cache buys a batch: the shipped batch plan rendered in one thread for
//! rows that differ in one value only (the number, the date, the signer, the commune's
//! name) against identical rows (the floor) and the communes of xa.csv (all values
//! differ). Per plan: layout (Typst's compile) and PDF export.
//!
//! `cargo bench --bench reuse` (release); `BENCH_PLANS=40` sets the plans per case.

#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use kehoach::plan::load::{self, Source};
use kehoach::plan::vars::DataRow;
use kehoach::render::pdf::{FontOptions, PdfRenderer};
use kehoach::render::{Renderer, Templates};
use kehoach::{plan::validate, plan::vars, view};
use serde_json::Value;
use std::path::Path;
use std::time::{Duration, Instant};

fn with(row: &DataRow, path: &str, value: String) -> DataRow {
    let mut r = row.clone();
    let mut cur = &mut r.values;
    let parts: Vec<&str> = path.split('.').collect();
    for p in &parts[..parts.len() - 1] {
        cur = cur.get_mut(*p).and_then(Value::as_object_mut).expect("nested column");
    }
    cur.insert(parts[parts.len() - 1].to_string(), Value::String(value));
    r
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let plans: usize = std::env::var("BENCH_PLANS").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let templates = Templates::embedded();
    let pdf = PdfRenderer::new(&templates, &FontOptions { system: false }).expect("pdf engine");
    let src = Source::read(&root.join("plans/batch/ke-hoach.yaml"), kehoach::plan::limits::MAX_PLAN_BYTES).expect("plan");
    let shared = load::parse(&src).expect("parse");
    let rows: Vec<DataRow> =
        kehoach::batch::data::read(&root.join("plans/batch/xa.csv"), None).expect("data").rows.into_iter().map(|r| r.expect("row")).collect();
    let first = &rows[0];
    let names = ["Bờ Y", "Đăk Tô", "Ngọc Linh", "Sa Thầy", "Ia Chim", "Đăk Hà", "Kon Đào", "Măng Ri"];
    type Case<'a> = (&'a str, Box<dyn Fn(usize) -> DataRow + 'a>);
    let cases: Vec<Case> = vec![
        ("identical rows (the floor)", Box::new(|_| first.clone())),
        ("number only (so)", Box::new(|i| with(first, "so", (i + 1).to_string()))),
        ("date only (ngay)", Box::new(|i| with(first, "ngay", format!("{}/3/2026", i % 27 + 2)))),
        ("signer only (chu_tich)", Box::new(|i| with(first, "chu_tich", format!("Nguyễn Văn {}", names[i % names.len()])))),
        ("name, same length (xa.ten)", Box::new(|i| with(first, "xa.ten", format!("Bờ {}", (b'A' + (i % 26) as u8) as char)))),
        ("name only (xa.ten)", Box::new(|i| with(first, "xa.ten", format!("{} {}", names[i % names.len()], i)))),
        ("communes of xa.csv", Box::new(|i| rows[i % rows.len()].clone())),
    ];
    println!("kehoach reuse, one thread, {plans} plans a case of plans/batch/ke-hoach.yaml; ms a plan");
    println!("  {:28} {:>8} {:>8} {:>8}", "case", "layout", "export", "total");
    for (name, row_of) in &cases {
        typst::comemo::evict(0);
        // One plan first, so each case starts from the same warm engine and cold cache.
        let (mut layout, mut export) = (Duration::ZERO, Duration::ZERO);
        for i in 0..=plans {
            let mut plan = shared.clone();
            vars::substitute(&src, &mut plan, &row_of(i)).expect("substitute");
            let v = view::build(&validate::validate(&src, plan).expect("valid"));
            let t = Instant::now();
            pdf.layout(&v).expect("layout");
            let l = t.elapsed();
            // The compile is now cached: this is the export.
            let t = Instant::now();
            pdf.render(&v).expect("pdf");
            let e = t.elapsed();
            if i > 0 {
                layout += l;
                export += e;
            }
            if i % 8 == 7 {
                pdf.trim_caches();
            }
        }
        let per = |d: Duration| d.as_secs_f64() * 1000.0 / plans as f64;
        println!("  {:28} {:8.2} {:8.2} {:8.2}", name, per(layout), per(export), per(layout) + per(export));
    }
}
