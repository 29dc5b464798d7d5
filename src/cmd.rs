//! Commands: arguments resolved into options, the library called, results printed in one place.

use crate::cli::{Cli, Command, FormatArg, LangArg, RenderArgs, ValidateArgs};
use kehoach::diag::{Diagnostic, Lang};
use kehoach::pipeline::{self, Outcome};
use kehoach::render::docx::DocxRenderer;
use kehoach::render::pdf::{FontOptions, PdfRenderer};
use kehoach::render::{Renderer, Templates};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const INVALID: u8 = 1;
const USAGE: u8 = 2;
const FAILED: u8 = 3;

pub fn execute(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Render(a) => render(a),
        Command::Validate(a) => validate(a),
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

fn validate(a: ValidateArgs) -> ExitCode {
    let lang = lang(a.common.lang);
    let files = match expand(&a.files) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(USAGE);
        }
    };
    let mut bad = 0;
    for f in &files {
        match pipeline::check(f) {
            Ok(v) => {
                print_diags(&v.warnings, lang);
                println!("{}: {}", f.display(), if lang == Lang::Vi { "hợp lệ" } else { "valid" });
            }
            Err(d) => {
                print_diags(&d, lang);
                bad += 1;
            }
        }
    }
    if bad > 0 {
        ExitCode::from(INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

fn render(a: RenderArgs) -> ExitCode {
    let lang = lang(a.common.lang);
    let files = match expand(&a.files) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(USAGE);
        }
    };
    let templates = match &a.template {
        Some(dir) => Templates::with_overrides(dir),
        None => Ok(Templates::embedded()),
    };
    let fonts = FontOptions { system: !a.no_system_fonts };
    let built = templates.and_then(|t| {
        let pdf = matches!(a.format, FormatArg::Pdf | FormatArg::All).then(|| PdfRenderer::new(&t, &fonts)).transpose()?;
        let docx = matches!(a.format, FormatArg::Docx | FormatArg::All).then(|| DocxRenderer::new(&t)).transpose()?;
        Ok((pdf, docx))
    });
    let (pdf, docx) = match built {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(FAILED);
        }
    };
    let mut renderers: Vec<&dyn Renderer> = Vec::new();
    if let Some(p) = &pdf {
        renderers.push(p);
    }
    if let Some(d) = &docx {
        renderers.push(d);
    }
    run(&files, &a.out, &renderers, lang)
}

fn run(files: &[PathBuf], out: &Path, renderers: &[&dyn Renderer], lang: Lang) -> ExitCode {
    let (mut invalid, mut failed) = (0, 0);
    for f in files {
        match pipeline::build(f, out, renderers) {
            Outcome::Rendered { files, warnings } => {
                print_diags(&warnings, lang);
                for p in files {
                    println!("{}", p.display());
                }
            }
            Outcome::Invalid(d) => {
                print_diags(&d, lang);
                invalid += 1;
            }
            Outcome::Failed { error, warnings } => {
                print_diags(&warnings, lang);
                eprintln!("{}: {error}", f.display());
                failed += 1;
            }
        }
    }
    if failed > 0 {
        ExitCode::from(FAILED)
    } else if invalid > 0 {
        ExitCode::from(INVALID)
    } else {
        ExitCode::SUCCESS
    }
}
