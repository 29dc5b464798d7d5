//! Commands: arguments resolved into renderers and jobs, the library called, results printed here.

mod batch;
mod import;
mod render;
mod validate;

pub(crate) use crate::cli::args::{BatchArgs, Cli, Command, FormatArg, ImportArgs, LangArg, Output, RenderArgs, ValidateArgs};
pub(crate) use kehoach::batch::pipeline::{self, Outcome};
pub(crate) use kehoach::batch::{self as jobs, Done, Job};
pub(crate) use kehoach::diag::{Diagnostic, Lang};
use kehoach::render::docx::DocxRenderer;
use kehoach::render::pdf::{FontOptions, PdfRenderer};
use kehoach::render::{Renderer, Templates};
pub(crate) use std::path::PathBuf;
pub(crate) use std::process::ExitCode;
pub(crate) use std::sync::atomic::{AtomicBool, Ordering};

const INVALID: u8 = 1;
const USAGE: u8 = 2;
const FAILED: u8 = 3;
const INTERRUPTED: u8 = 130;

/// Set by Ctrl-C: no new plan starts; those in flight finish and are written whole.
static CANCEL: AtomicBool = AtomicBool::new(false);

pub fn execute(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Render(a) => render::render(a),
        Command::Validate(a) => validate::validate(a),
        Command::Batch(a) => batch::batch(a),
        Command::Import(a) => import::import(a),
    }
}

fn lang(l: LangArg) -> Lang {
    match l {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    }
}

/// Files as given; a folder stands for its *.yaml / *.yml files, in name order.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| format!("{}: {e}", p.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|f| f.is_file() && matches!(f.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .collect();
            found.sort();
            out.extend(found);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn print_diags(diags: &[Diagnostic], lang: Lang) {
    for d in diags {
        eprintln!("{}", d.render(lang));
    }
}

/// The renderers the output options ask for, built once for every plan of the run.
struct Engines {
    pdf: Option<PdfRenderer>,
    docx: Option<DocxRenderer>,
}

impl Engines {
    fn new(o: &Output) -> Result<Engines, String> {
        let t = match &o.template {
            Some(dir) => Templates::with_overrides(dir),
            None => Ok(Templates::embedded()),
        }
        .map_err(|e| e.to_string())?;
        let fonts = FontOptions { system: !o.no_system_fonts };
        let pdf = matches!(o.format, FormatArg::Pdf | FormatArg::All).then(|| PdfRenderer::new(&t, &fonts)).transpose().map_err(|e| e.to_string())?;
        let docx = matches!(o.format, FormatArg::Docx | FormatArg::All).then(|| DocxRenderer::new(&t)).transpose().map_err(|e| e.to_string())?;
        Ok(Engines { pdf, docx })
    }

    fn list(&self) -> Vec<&dyn Renderer> {
        let mut v: Vec<&dyn Renderer> = Vec::new();
        if let Some(p) = &self.pdf {
            v.push(p);
        }
        if let Some(d) = &self.docx {
            v.push(d);
        }
        v
    }
}

/// Workers: as asked, or one more than the cores (Typst's own threads leave gaps a
/// spare worker fills: measured 33 plans/s with 3 workers on 2 cores, 28 with 2).
fn threads(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get() + 1).unwrap_or(1)).max(1)
}

/// Exit status for a set of results: interrupted, any failure, any invalid, or success.
fn status(done: &[Done]) -> ExitCode {
    let any = |f: fn(&Outcome) -> bool| done.iter().any(|d| f(&d.outcome));
    if any(|o| matches!(o, Outcome::Cancelled)) {
        ExitCode::from(INTERRUPTED)
    } else if any(|o| matches!(o, Outcome::Failed { .. })) {
        ExitCode::from(FAILED)
    } else if any(|o| matches!(o, Outcome::Invalid(_))) {
        ExitCode::from(INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

/// Everything a plan left to say, printed whole: warnings (unless `quiet`), errors, the files written.
fn report(d: &Done, lang: Lang, files_to_stdout: bool, quiet: bool) {
    let warn = |w: &[Diagnostic]| {
        if !quiet {
            print_diags(w, lang)
        }
    };
    match &d.outcome {
        Outcome::Rendered { files, warnings } => {
            warn(warnings);
            if files_to_stdout {
                for p in files {
                    println!("{}", p.display());
                }
            }
        }
        Outcome::Invalid(diags) => print_diags(diags, lang),
        Outcome::Failed { error, warnings } => {
            warn(warnings);
            eprintln!("{}: {error}", d.label);
        }
        Outcome::Cancelled => {}
    }
}
