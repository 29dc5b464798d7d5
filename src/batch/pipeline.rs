//! The whole path for one plan: read, parse, validate, format, render, write.

use crate::batch::{guard, output};
use crate::diag::{Diagnostic, Failure, IoKind};
use crate::plan::load::{self, Source};
use crate::plan::validate::{self, ValidPlan};
use crate::plan::vars;
use crate::render::Renderer;
use crate::view::PlanView;
use std::path::{Path, PathBuf};

/// What became of one plan.
#[derive(Debug)]
pub enum Outcome {
    /// Written files, with the warnings met on the way.
    Rendered { files: Vec<PathBuf>, warnings: Vec<Diagnostic> },
    /// The input was refused.
    Invalid(Vec<Diagnostic>),
    /// A valid plan failed to render or to be written.
    Failed { failure: Failure, warnings: Vec<Diagnostic> },
    /// Not started: the run was interrupted.
    Cancelled,
}

/// A plan's rendered files: (extension, bytes).
pub type Files = Vec<(String, Vec<u8>)>;

/// Loads and validates one file; a `{{ variable }}` left in it is an error here (batch fills them).
pub fn check(path: &Path) -> Result<ValidPlan, Vec<Diagnostic>> {
    let src = Source::read(path, crate::plan::limits::MAX_PLAN_BYTES).map_err(|d| vec![d])?;
    check_source(&src)
}

/// Parses and validates a source already read.
pub fn check_source(src: &Source) -> Result<ValidPlan, Vec<Diagnostic>> {
    let mut plan = load::parse(src)?;
    let unfilled = vars::unfilled(src, &mut plan);
    match validate::validate(src, plan) {
        Ok(v) if unfilled.is_empty() => Ok(v),
        Ok(_) => Err(unfilled),
        Err(mut d) => {
            d.extend(unfilled);
            Err(d)
        }
    }
}

/// Renders a view in this process with every renderer; a panic in one is a failure, not a crash.
pub fn render_here(view: &PlanView, renderers: &[&dyn Renderer]) -> Result<Files, Failure> {
    renderers
        .iter()
        .map(|r| match guard::catch(|| r.render(view)) {
            Ok(Ok(bytes)) => Ok((r.extension().to_string(), bytes)),
            Ok(Err(e)) => Err(Failure::Render(e.0)),
            Err(panic) => Err(Failure::Render(format!("panic: {panic}"))),
        })
        .collect()
}

/// Writes `out_dir/<name>.<ext>` for every rendered file, all or none.
pub fn write(out_dir: &Path, name: &str, files: Files) -> Result<Vec<PathBuf>, Failure> {
    let files: Vec<(PathBuf, Vec<u8>)> = files.into_iter().map(|(ext, b)| (out_dir.join(format!("{name}.{ext}")), b)).collect();
    output::write_all(&files).map_err(|e| Failure::Write { kind: IoKind::of(&e.error), detail: e.error.to_string(), path: e.path })?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}
