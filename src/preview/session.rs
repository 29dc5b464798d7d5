//! One plan kept laid out across saves: re-read, checked, laid out by one
//! long-lived renderer (Typst's memoization is what makes a small edit cheap),
//! with the pages of the last good version kept while the file is invalid.

use crate::batch::pipeline;
use crate::diag::{Diagnostic, Lang};
use crate::render::pdf::PdfRenderer;
use crate::render::svg;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One page as shown: its SVG and the hash that tells whether it changed.
#[derive(Debug, Clone)]
pub struct Page {
    pub svg: Arc<String>,
    pub hash: u64,
}

/// What one re-render gave.
#[derive(Debug, Clone)]
pub struct Update {
    /// Counts re-renders from 1.
    pub revision: u64,
    /// Errors and warnings found in the plan.
    pub diagnostics: Vec<Diagnostic>,
    /// A valid plan that failed to lay out (a template problem).
    pub failure: Option<String>,
    /// Number of pages shown (the last good version's while the file is invalid).
    pub pages: usize,
    /// The pages (1-based numbers, as in `/pages/N.svg`) whose picture differs from the previous revision's.
    pub changed: Vec<usize>,
    /// Whether this revision's text was laid out (false: the file is invalid, the old pages stay).
    pub ok: bool,
    /// Time to read, check, lay out and draw the pages.
    pub took: Duration,
    /// The event's data: `{revision, diagnostics, pages, changed}`, messages in the session's language.
    pub json: serde_json::Value,
}

impl Update {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count() + usize::from(self.failure.is_some())
    }
}

pub struct Session {
    file: PathBuf,
    renderer: PdfRenderer,
    lang: Lang,
    revision: u64,
    pages: Vec<Page>,
}

impl Session {
    pub fn new(file: PathBuf, renderer: PdfRenderer, lang: Lang) -> Session {
        Session { file, renderer, lang, revision: 0, pages: Vec::new() }
    }

    /// The pages of the last good version.
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// Reads the file again and lays it out; on any error the old pages stay.
    pub fn refresh(&mut self) -> Update {
        let start = Instant::now();
        self.revision += 1;
        let (diagnostics, failure, fresh) = match pipeline::check(&self.file) {
            Err(diags) => (diags, None, None),
            Ok(valid) => {
                let view = crate::view::build(&valid);
                match crate::batch::guard::catch(|| self.renderer.layout(&view)) {
                    Ok(Ok(doc)) => (valid.warnings, None, Some(svg::pages(&doc))),
                    Ok(Err(e)) => (valid.warnings, Some(e.0), None),
                    Err(panic) => (valid.warnings, Some(format!("panic: {panic}")), None),
                }
            }
        };
        let ok = fresh.is_some();
        let mut changed = Vec::new();
        if let Some(svgs) = fresh {
            let pages: Vec<Page> = svgs
                .into_iter()
                .map(|s| {
                    let mut h = DefaultHasher::new();
                    s.hash(&mut h);
                    Page { hash: h.finish(), svg: Arc::new(s) }
                })
                .collect();
            changed = pages.iter().enumerate().filter(|(i, p)| self.pages.get(*i).is_none_or(|old| old.hash != p.hash)).map(|(i, _)| i + 1).collect();
            self.pages = pages;
            // Keep what the next small edit reuses; drop what no recent revision used.
            typst::comemo::evict(10);
        }
        let mut list: Vec<serde_json::Value> = diagnostics.iter().map(|d| d.to_json(self.lang)).collect();
        if let Some(f) = &failure {
            list.insert(0, serde_json::json!({"type": "failure", "severity": "error", "file": self.file.display().to_string(), "message": f}));
        }
        let json = serde_json::json!({"revision": self.revision, "diagnostics": list, "pages": self.pages.len(), "changed": changed});
        Update { revision: self.revision, diagnostics, failure, pages: self.pages.len(), changed, ok, took: start.elapsed(), json }
    }
}
