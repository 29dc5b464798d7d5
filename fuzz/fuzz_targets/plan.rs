//! Any bytes as a plan file: loading, validation and both renderers must never panic, and
//! every diagnostic about the text must say where it is. Seed corpus: the real plans.
#![no_main]

use kehoach::batch::pipeline;
use kehoach::plan::{limits, load::Source};
use kehoach::render::docx::DocxRenderer;
use kehoach::render::pdf::{FontOptions, PdfRenderer};
use kehoach::render::{Renderer, Templates};
use kehoach::view;
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn engines() -> &'static (PdfRenderer, DocxRenderer) {
    static E: OnceLock<(PdfRenderer, DocxRenderer)> = OnceLock::new();
    E.get_or_init(|| {
        let t = Templates::embedded();
        (PdfRenderer::new(&t, &FontOptions { system: false }).unwrap(), DocxRenderer::new(&t).unwrap())
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = Source::from_bytes(Path::new("fuzz.yaml"), data, limits::MAX_PLAN_BYTES) else { return };
    match pipeline::check_source(&src) {
        Err(diags) => {
            for d in diags {
                assert!(d.pos.is_some(), "a diagnostic without a location: {d:?}");
            }
        }
        Ok(valid) => {
            let v = view::build(&valid);
            let (pdf, docx) = engines();
            // A template error is allowed to be reported; a panic is not.
            let _ = pdf.render(&v);
            let _ = docx.render(&v);
            pdf.trim_caches();
        }
    }
});
