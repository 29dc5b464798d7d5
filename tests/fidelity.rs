//! How much of each real plan the renderings carry: the PDF, the DOCX, and the DOCX as
//! LibreOffice lays it out (which must also paginate like the PDF, within one page).

mod util;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use util::*;

fn with_libreoffice() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = render_all();
        // LibreOffice, headless, with a private profile so parallel runs do not clash.
        let lo = dir.path().join("lo");
        let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
        let docx: Vec<PathBuf> = PLANS.iter().map(|p| dir.path().join(format!("{p}.docx"))).collect();
        let o = std::process::Command::new("soffice")
            .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir", lo.to_str().unwrap()])
            .args(&docx)
            .output()
            .expect("LibreOffice (soffice) is installed: scripts/test installs libreoffice-writer-nogui");
        assert!(o.status.success(), "soffice: {}", String::from_utf8_lossy(&o.stderr));
        dir
    })
    .path()
}

fn seed(p: &str) -> Vec<String> {
    tokens(&std::fs::read_to_string(root().join(format!("tests/seeds/{p}.txt"))).unwrap(), true)
}

#[test]
fn the_pdf_carries_the_seed_text() {
    for p in PLANS {
        let r = recall(&seed(p), &tokens(&pdf_text(&with_libreoffice().join(format!("{p}.pdf"))), false));
        assert!(r >= 0.98, "{p}: recall {r:.4}");
    }
}

#[test]
fn the_docx_carries_the_seed_text() {
    for p in PLANS {
        let r = recall(&seed(p), &tokens(&docx_text(&with_libreoffice().join(format!("{p}.docx"))), false));
        assert!(r >= 0.98, "{p}: recall {r:.4}");
    }
}

#[test]
fn libreoffice_opens_the_docx_and_lays_it_out_like_the_pdf() {
    for p in PLANS {
        let converted = with_libreoffice().join(format!("lo/{p}.pdf"));
        assert!(converted.exists(), "{p}: LibreOffice converted it");
        let r = recall(&seed(p), &tokens(&pdf_text(&converted), false));
        assert!(r >= 0.98, "{p}: recall of the converted DOCX {r:.4}");
        let (ours, theirs) = (pages(&with_libreoffice().join(format!("{p}.pdf"))), pages(&converted));
        assert!(ours.abs_diff(theirs) <= 1, "{p}: {theirs} pages in LibreOffice, {ours} in our PDF");
    }
}
