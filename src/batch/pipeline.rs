//! One plan's steps in the parent: read, parse, validate, and write the files its worker
//! rendered (`pool.rs`), all or none.

use crate::batch::output;
use crate::diag::{Diagnostic, Failure, IoKind};
use crate::plan::load::{self, Source};
use crate::plan::validate::{self, ValidPlan};
use crate::plan::vars;
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
    let src = if path.as_os_str() == "-" { read_stdin() } else { Source::read(path, crate::plan::limits::MAX_PLAN_BYTES) }.map_err(|d| vec![d])?;
    check_source(&src)
}

/// How a plan read from standard input is named in messages.
pub const STDIN_NAME: &str = "<stdin>";

fn read_stdin() -> Result<Source, Diagnostic> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let limit = crate::plan::limits::MAX_PLAN_BYTES;
    std::io::stdin()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(Path::new(STDIN_NAME), None, crate::diag::Msg::Io { kind: IoKind::of(&e), detail: e.to_string() }))?;
    Source::from_bytes(Path::new(STDIN_NAME), &bytes, limit)
}

/// Parses and validates a source already read, reporting every problem in one round:
/// structure (unknown keys, missing fields, wrong types), then every rule on what could be read.
pub fn check_source(src: &Source) -> Result<ValidPlan, Vec<Diagnostic>> {
    let parsed = load::parse_all(src)?;
    let mut problems = parsed.problems.clone();
    let mut plan = parsed.plan.clone();
    problems.extend(vars::unfilled(src, &mut plan));
    let result = validate::validate(src, plan);
    let (valid, mut semantic) = match result {
        Ok(v) => {
            let w = v.warnings.clone();
            (Some(v), w)
        }
        Err(d) => (None, d),
    };
    // What the rules say about a placeholder repeats a problem already reported.
    semantic.retain(|d| !parsed.is_masked(&d.path));
    problems.extend(semantic);
    src.complete(&mut problems, Some(&parsed.plan));
    match valid {
        Some(mut v) if !problems.iter().any(Diagnostic::is_error) => {
            v.warnings = problems;
            Ok(v)
        }
        _ => {
            sort(&mut problems);
            Err(problems)
        }
    }
}

/// Errors first, then by position.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| (!d.is_error(), d.pos.map(|p| (p.line, p.col))));
}

/// Writes `out_dir/<name>.<ext>` for every rendered file, all or none.
pub fn write(out_dir: &Path, name: &str, files: Files) -> Result<Vec<PathBuf>, Failure> {
    let files: Vec<(PathBuf, Vec<u8>)> = files.into_iter().map(|(ext, b)| (out_dir.join(format!("{name}.{ext}")), b)).collect();
    output::write_all(&files).map_err(Failure::from)?;
    Ok(files.into_iter().map(|(p, _)| p).collect())
}
