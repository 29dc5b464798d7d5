//! PDF through Typst used as a library: a small `World` serving the template
//! and the plan (as `/plan.json` data, never as markup) from memory.
//!
//! Fonts and the compiled standard library are built once per `PdfRenderer`
//! and shared by every document it renders (batch renders in parallel).

use super::{fonts::BUNDLED, Renderer, Templates};
use crate::diag::RenderError;
use crate::view::PlanView;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
pub use typst_layout::PagedDocument;

/// Typst's file ids live in a global table that is never freed: intern each
/// virtual path once per process, not once per document.
fn file_id(path: &str) -> FileId {
    static IDS: OnceLock<std::sync::Mutex<HashMap<String, FileId>>> = OnceLock::new();
    let map = IDS.get_or_init(Default::default);
    let mut map = map.lock().unwrap_or_else(|e| e.into_inner());
    *map.entry(path.to_string()).or_insert_with(|| {
        let vpath = VirtualPath::new(path).unwrap_or_else(|_| VirtualPath::new("/invalid").expect("static path"));
        RootedPath::new(VirtualRoot::Project, vpath).intern()
    })
}

/// Where fonts come from.
#[derive(Debug, Clone, Default)]
pub struct FontOptions {
    /// Look for an installed Times New Roman (preferred over the bundled Liberation Serif).
    pub system: bool,
}

pub struct PdfRenderer {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    main: FileId,
    /// The measures of `style.json`, for fitting table columns as the DOCX does.
    style: super::style::Style,
}

impl PdfRenderer {
    pub fn new(templates: &Templates, font_opts: &FontOptions) -> Result<PdfRenderer, RenderError> {
        let mut fonts: Vec<Font> = Vec::new();
        let mut families = Vec::new();
        if font_opts.system {
            let tnr = system_times();
            if !tnr.is_empty() {
                families.push("Times New Roman".to_string());
                fonts.extend(tnr);
            }
        }
        families.push("Liberation Serif".to_string());
        for data in BUNDLED {
            fonts.extend(Font::iter(Bytes::new(data)));
        }
        let book = FontBook::from_fonts(&fonts);

        let mut sources = HashMap::new();
        let mut files = HashMap::new();
        for (name, bytes) in &templates.files {
            let id = file_id(&format!("/{name}"));
            if name.ends_with(".typ") {
                let text = String::from_utf8(bytes.clone()).map_err(|_| RenderError(format!("template {name} is not UTF-8")))?;
                sources.insert(id, Source::new(id, text));
            }
            files.insert(id, Bytes::new(bytes.clone()));
        }
        let fonts_json = serde_json::to_vec(&families).map_err(|e| RenderError(e.to_string()))?;
        files.insert(file_id("/fonts.json"), Bytes::new(fonts_json));
        let main = file_id("/main.typ");
        if !sources.contains_key(&main) {
            return Err(RenderError("template has no main.typ".into()));
        }
        let style = templates.style()?;
        Ok(PdfRenderer { library: LazyHash::new(Library::default()), book: LazyHash::new(book), fonts, sources, files, main, style })
    }
}

/// An installed "Times New Roman" in the usual font folders. Only that family
/// is kept: mixing in another Liberation version would embed both.
fn system_times() -> Vec<Font> {
    let mut dirs: Vec<PathBuf> =
        ["/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts", "C:\\Windows\\Fonts"].iter().map(PathBuf::from).collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".fonts"));
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join("Library/Fonts"));
    }
    let mut found = Vec::new();
    let mut stack = dirs;
    let mut visited = 0;
    while let Some(dir) = stack.pop() {
        visited += 1;
        if visited > 5000 {
            break;
        }
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                stack.push(p);
            } else if is_times_file(&p) {
                if let Ok(data) = std::fs::read(&p) {
                    found.extend(Font::iter(Bytes::new(data)).filter(|f| f.info().family == "Times New Roman"));
                }
            }
        }
    }
    found
}

fn is_times_file(p: &Path) -> bool {
    let name = p.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    (name.starts_with("times") || name.starts_with("tnr")) && (name.ends_with(".ttf") || name.ends_with(".otf") || name.ends_with(".ttc"))
}

/// One document's world: the shared engine plus this plan's data.
struct DocWorld<'a> {
    engine: &'a PdfRenderer,
    plan: Bytes,
    plan_id: FileId,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.engine.library
    }
    fn book(&self) -> &LazyHash<FontBook> {
        &self.engine.book
    }
    fn main(&self) -> FileId {
        self.engine.main
    }
    fn source(&self, id: FileId) -> FileResult<Source> {
        self.engine.sources.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }
    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.plan_id {
            return Ok(self.plan.clone());
        }
        if let Some(s) = self.engine.sources.get(&id) {
            return Ok(Bytes::from_string(s.clone()));
        }
        self.engine.files.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.vpath().get_with_slash().into()))
    }
    fn font(&self, index: usize) -> Option<Font> {
        self.engine.fonts.get(index).cloned()
    }
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        // Output must not depend on the clock.
        None
    }
}

impl PdfRenderer {
    /// The plan laid out into pages, as they print (for showing them, e.g. as SVG).
    ///
    /// Typst memoizes the work across calls on the same renderer: laying out a
    /// plan again after a small edit costs a fraction of the first time.
    pub fn layout(&self, view: &PlanView) -> Result<PagedDocument, RenderError> {
        self.compile(view).map(|(doc, _)| doc)
    }

    fn compile(&self, view: &PlanView) -> Result<(PagedDocument, DocWorld<'_>), RenderError> {
        let plan = serde_json::to_vec(&super::fit::fit_view(view, &self.style)).map_err(|e| RenderError(e.to_string()))?;
        let world = DocWorld { engine: self, plan: Bytes::new(plan), plan_id: file_id("/plan.json") };
        let mut doc = typst::compile::<PagedDocument>(&world).output.map_err(|errs| template_error(&world, &errs))?;
        // Title and author are set here, not by a `set document` rule in the template: a set
        // rule is a style of the whole document, so a batch's communes (whose author, the
        // agency, differs) would share no layout in Typst's cache (70 ms a plan, measured).
        let info = doc.info_mut();
        info.title = Some(view.meta.title.as_str().into());
        info.author = vec![view.meta.author.as_str().into()];
        Ok((doc, world))
    }
}

impl Renderer for PdfRenderer {
    fn extension(&self) -> &'static str {
        "pdf"
    }

    fn render(&self, view: &PlanView) -> Result<Vec<u8>, RenderError> {
        let (doc, world) = self.compile(view)?;
        let date = Datetime::from_ymd(view.meta.year, view.meta.month.clamp(1, 12) as u8, view.meta.day.clamp(1, 31) as u8);
        let options = typst_pdf::PdfOptions {
            ident: Smart::Custom(format!("kehoach:{}", view.meta.title)),
            timestamp: date.map(typst_pdf::Timestamp::new_utc),
            tagged: false,
            ..Default::default()
        };
        typst_pdf::pdf(&doc, &options).map_err(|errs| template_error(&world, &errs))
    }

    fn trim_caches(&self) {
        // Typst memoizes across documents (that is what makes similar plans fast);
        // entries unused for a few rounds belong to plans already written.
        typst::comemo::evict(2);
    }
}

/// A Typst error is a template problem, not the user's: say where in the template.
fn template_error(world: &DocWorld, errs: &[typst::diag::SourceDiagnostic]) -> RenderError {
    use typst::WorldExt;
    let msgs: Vec<String> = errs
        .iter()
        .map(|e| {
            let at = e
                .span
                .id()
                .and_then(|id| {
                    let src = world.source(id).ok()?;
                    let range = world.range(e.span)?;
                    let line = src.text()[..range.start].matches('\n').count() + 1;
                    Some(format!("{}:{line}: ", id.vpath().get_with_slash()))
                })
                .unwrap_or_default();
            format!("{at}{}", e.message)
        })
        .collect();
    RenderError(format!("template error: {}", msgs.join("; ")))
}
