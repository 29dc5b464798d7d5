//! The whole path for one plan: read, parse, validate, format, render, write.

use crate::diag::{Diagnostic, RenderError};
use crate::load::{self, Source};
use crate::output;
use crate::render::Renderer;
use crate::validate::{self, ValidPlan};
use crate::view::{self, PlanView};
use std::path::{Path, PathBuf};

/// What became of one plan.
#[derive(Debug)]
pub enum Outcome {
    /// Written files, with the warnings met on the way.
    Rendered { files: Vec<PathBuf>, warnings: Vec<Diagnostic> },
    /// The input was refused.
    Invalid(Vec<Diagnostic>),
    /// A valid plan failed to render or to be written.
    Failed { error: String, warnings: Vec<Diagnostic> },
}

/// Loads and validates one file.
pub fn check(path: &Path) -> Result<ValidPlan, Vec<Diagnostic>> {
    let src = Source::read(path).map_err(|d| vec![d])?;
    let plan = load::parse(&src)?;
    validate::validate(&src, plan)
}

/// Renders every format in memory first, then writes them all, so a failure leaves no file
/// and never a PDF and a DOCX from different runs.
pub fn build(path: &Path, out_dir: &Path, renderers: &[&dyn Renderer]) -> Outcome {
    let valid = match check(path) {
        Ok(v) => v,
        Err(d) => return Outcome::Invalid(d),
    };
    let warnings = valid.warnings.clone();
    let view: PlanView = view::build(&valid);
    let mut rendered = Vec::new();
    for r in renderers {
        match r.render(&view) {
            Ok(bytes) => rendered.push((output::output_path(out_dir, path, r.extension()), bytes)),
            Err(RenderError(e)) => return Outcome::Failed { error: e, warnings },
        }
    }
    let mut files = Vec::new();
    for (p, bytes) in rendered {
        if let Err(e) = output::write_atomic(&p, &bytes) {
            return Outcome::Failed { error: format!("{}: {e}", p.display()), warnings };
        }
        files.push(p);
    }
    Outcome::Rendered { files, warnings }
}
