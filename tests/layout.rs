//! Layout slips seen on real plans' pages (#9): each written as a plan, rendered, and read
//! back from the PDF and the DOCX.

mod util;

use std::path::Path;
use util::*;

/// Renders `yaml` (PDF and DOCX) and returns the text of each.
fn render(dir: &Path, name: &str, yaml: &str) -> (String, String) {
    let plan = write_plan(dir, &format!("{name}.yaml"), yaml);
    let out = dir.join("out");
    let o = run(&["render", "--no-system-fonts", plan.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    (pdf_text(&out.join(format!("{name}.pdf"))), docx_text(&out.join(format!("{name}.docx"))))
}

#[test]
fn the_closing_ends_in_one_mark_whatever_the_clerk_typed() {
    let dir = tempfile::tempdir().unwrap();
    for (i, ending) in [".", "./", "/.", "./.", "", " ./. "].iter().enumerate() {
        let yaml = MINIMAL.replace("noi_nhan:", &format!("ket_thuc:\n  - \"Trên đây là Kế hoạch của UBND xã{ending}\"\nnoi_nhan:"));
        let (pdf, docx) = render(dir.path(), &format!("k{i}"), &yaml);
        for (what, text) in [("pdf", flat(&pdf)), ("docx", flat(&docx))] {
            assert!(text.contains("Kế hoạch của UBND xã./."), "{ending:?} {what}: {text}");
            assert!(!text.contains("././") && !text.contains("./. /") && !text.contains("xã./.."), "{ending:?} {what}: {text}");
        }
    }
}
