//! The whole path for one plan: read, parse, validate, format, render, write.

use crate::batch::output;
use crate::diag::{Diagnostic, RenderError};
use crate::plan::load::{self, Source};
use crate::plan::validate::{self, ValidPlan};
use crate::plan::vars;
use crate::render::Renderer;
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
    /// Not started: the run was interrupted.
    Cancelled,
}

/// Loads and validates one file; a `{{ variable }}` left in it is an error here (batch fills them).
pub fn check(path: &Path) -> Result<ValidPlan, Vec<Diagnostic>> {
    let src = Source::read(path).map_err(|d| vec![d])?;
    let mut plan = load::parse(&src)?;
    let unfilled = vars::unfilled(&src, &mut plan);
    match validate::validate(&src, plan) {
        Ok(v) if unfilled.is_empty() => Ok(v),
        Ok(_) => Err(unfilled),
        Err(mut d) => {
            d.extend(unfilled);
            Err(d)
        }
    }
}

/// Renders a valid plan in every format in memory, then writes `out_dir/<name>.<ext>` for
/// each, so a failure leaves no file and never a PDF and a DOCX from different runs.
pub fn write(valid: &ValidPlan, out_dir: &Path, name: &str, renderers: &[&dyn Renderer]) -> Outcome {
    let warnings = valid.warnings.clone();
    let view: PlanView = view::build(valid);
    let mut rendered = Vec::new();
    for r in renderers {
        match r.render(&view) {
            Ok(bytes) => rendered.push((out_dir.join(format!("{name}.{}", r.extension())), bytes)),
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
