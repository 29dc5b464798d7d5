//! Renderers: a `PlanView` in, the bytes of one file out. They never write to disk.
//! `svg` turns the pages `pdf` lays out into SVG images, for showing them on screen.
//!
//! The template files (Typst layout and `style.json`, the one place holding
//! the page's measures) are embedded in the binary; `--template DIR` replaces
//! any of them. Both renderers read the same `Templates`.

pub mod docx;
pub mod fit;
pub mod fonts;
pub mod pdf;
pub mod style;
pub mod svg;

use crate::diag::RenderError;
use crate::view::PlanView;
use std::collections::BTreeMap;
use std::path::Path;

/// One output format.
pub trait Renderer: Send + Sync {
    /// The file extension it writes: `pdf`, `docx`.
    fn extension(&self) -> &'static str;
    /// Renders the plan to the bytes of one file.
    fn render(&self, view: &PlanView) -> Result<Vec<u8>, RenderError>;
    /// Drops cached work of documents rendered long ago (a long batch calls this now and then).
    fn trim_caches(&self) {}
}

/// The embedded template: name → bytes.
const EMBEDDED: [(&str, &[u8]); 3] = [
    ("main.typ", include_bytes!("../../templates/kehoach/main.typ")),
    ("lib.typ", include_bytes!("../../templates/kehoach/lib.typ")),
    ("style.json", include_bytes!("../../templates/kehoach/style.json")),
];

/// The template files in use: the embedded ones, each replaceable from a directory.
#[derive(Debug, Clone)]
pub struct Templates {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Templates {
    pub fn embedded() -> Templates {
        Templates { files: EMBEDDED.iter().map(|(n, b)| (n.to_string(), b.to_vec())).collect() }
    }

    /// The embedded files, overridden by every file of the same name (and any extra `.typ`/`.json`) in `dir`.
    pub fn with_overrides(dir: &Path) -> Result<Templates, RenderError> {
        let mut t = Self::embedded();
        let root = std::fs::canonicalize(dir).map_err(|e| RenderError(format!("{}: {e}", dir.display())))?;
        let entries = std::fs::read_dir(&root).map_err(|e| RenderError(format!("{}: {e}", dir.display())))?;
        let mut names = Vec::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if !(name.ends_with(".typ") || name.ends_with(".json")) {
                continue;
            }
            // A link may point only at a file inside the template folder: a template must
            // not be a way to read other files into a document.
            let real = std::fs::canonicalize(e.path()).map_err(|err| RenderError(format!("{}: {err}", e.path().display())))?;
            if !real.starts_with(&root) {
                return Err(RenderError(format!(
                    "{}: liên kết trỏ ra ngoài thư mục mẫu (a link leaving the template folder) → {}",
                    e.path().display(),
                    real.display()
                )));
            }
            if real.is_file() {
                names.push((name, real));
            }
        }
        names.sort();
        for (name, path) in names {
            let bytes = std::fs::read(&path).map_err(|e| RenderError(format!("{}: {e}", path.display())))?;
            t.files.insert(name, bytes);
        }
        Ok(t)
    }

    pub fn style(&self) -> Result<style::Style, RenderError> {
        let bytes = self.files.get("style.json").ok_or_else(|| RenderError("template has no style.json".into()))?;
        serde_json::from_slice(bytes).map_err(|e| RenderError(format!("style.json: {e}")))
    }
}
