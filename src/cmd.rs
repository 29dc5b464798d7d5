//! Commands: arguments resolved into renderers and jobs, the library called, results printed here.

use crate::cli::{BatchArgs, Cli, Command, FormatArg, LangArg, Output, RenderArgs, ValidateArgs};
use indicatif::{ProgressBar, ProgressStyle};
use kehoach::batch::{self, Done, Job};
use kehoach::diag::{Diagnostic, Lang};
use kehoach::output::Names;
use kehoach::pipeline::{self, Outcome};
use kehoach::render::docx::DocxRenderer;
use kehoach::render::pdf::{FontOptions, PdfRenderer};
use kehoach::render::{Renderer, Templates};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Instant;

const INVALID: u8 = 1;
const USAGE: u8 = 2;
const FAILED: u8 = 3;
const INTERRUPTED: u8 = 130;

/// Set by Ctrl-C: no new plan starts; those in flight finish and are written whole.
static CANCEL: AtomicBool = AtomicBool::new(false);

pub fn execute(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Render(a) => render(a),
        Command::Validate(a) => validate(a),
        Command::Batch(a) => batch(a),
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
    let engines = match Engines::new(&a.output) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(FAILED);
        }
    };
    // The user's own file names, as given: output/<stem>.pdf.
    let jobs = files
        .into_iter()
        .map(|path| Job::File { name: path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "plan".into()), path })
        .collect();
    let done = batch::run(jobs, &a.output.out, &engines.list(), threads(None), &CANCEL, &|_| {});
    for d in &done {
        report(d, lang, true, false);
    }
    status(&done)
}

fn batch(a: BatchArgs) -> ExitCode {
    let lang = lang(a.common.lang);
    let started = Instant::now();
    let _ = ctrlc::set_handler(|| CANCEL.store(true, Ordering::SeqCst));
    let mut names = Names::default();
    let jobs = match (&a.data, a.input.is_dir()) {
        (Some(data), false) => batch::jobs_from_data(&a.input, data, &a.name_column, &mut names),
        (None, true) => batch::jobs_from_dir(&a.input, &a.name_column, &mut names).map_err(|e| {
            eprintln!("{}: {e}", a.input.display());
            Vec::new()
        }),
        (Some(_), true) => {
            eprintln!("--data goes with one shared plan file, not a folder");
            return ExitCode::from(USAGE);
        }
        (None, false) => {
            eprintln!("{}: a shared plan needs --data FILE (or give a folder of plans)", a.input.display());
            return ExitCode::from(USAGE);
        }
    };
    let jobs = match jobs {
        Ok(j) => j,
        Err(d) => {
            print_diags(&d, lang);
            return ExitCode::from(if d.is_empty() { USAGE } else { INVALID });
        }
    };
    let engines = match Engines::new(&a.output) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(FAILED);
        }
    };
    let total = jobs.len();
    let bar = (!a.quiet && std::io::stderr().is_terminal()).then(|| {
        let b = ProgressBar::new(total as u64);
        b.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len}  {elapsed} (~{eta} left)").unwrap_or_else(|_| ProgressStyle::default_bar()));
        b
    });
    let count = AtomicUsize::new(0);
    let plain = !a.quiet && bar.is_none();
    let on_done = |d: &Done| {
        let k = count.fetch_add(1, Ordering::SeqCst) + 1;
        if let Some(b) = &bar {
            b.inc(1);
        } else if plain {
            let state = match (&d.outcome, lang) {
                (Outcome::Rendered { .. }, _) => "ok",
                (Outcome::Cancelled, Lang::Vi) => "đã dừng",
                (Outcome::Cancelled, Lang::En) => "stopped",
                (_, Lang::Vi) => "LỖI",
                (_, Lang::En) => "FAILED",
            };
            eprintln!("[{k}/{total}] {}: {state}", d.label);
        }
    };
    let done = batch::run(jobs, &a.output.out, &engines.list(), threads(a.jobs), &CANCEL, &on_done);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // Failures in input order, each whole; then the summary.
    for d in &done {
        report(d, lang, false, a.quiet);
    }
    let secs = started.elapsed().as_secs_f64();
    let rendered = done.iter().filter(|d| matches!(d.outcome, Outcome::Rendered { .. })).count();
    let cancelled = done.iter().filter(|d| matches!(d.outcome, Outcome::Cancelled)).count();
    let failed = total - rendered - cancelled;
    let rate = rendered as f64 / secs.max(1e-9);
    match lang {
        Lang::Vi => eprintln!("Đã tạo {rendered}, lỗi {failed}{}, {secs:.1} giây, {rate:.1} kế hoạch/giây", if cancelled > 0 { format!(", dừng trước {cancelled}") } else { String::new() }),
        Lang::En => eprintln!("Rendered {rendered}, failed {failed}{}, {secs:.1} s, {rate:.1} plans/s", if cancelled > 0 { format!(", not started {cancelled}") } else { String::new() }),
    }
    if failed > 0 {
        let list: Vec<&str> = done.iter().filter(|d| !matches!(d.outcome, Outcome::Rendered { .. } | Outcome::Cancelled)).map(|d| d.label.as_str()).collect();
        eprintln!("{}: {}", if lang == Lang::Vi { "Lỗi" } else { "Failed" }, list.join(", "));
    }
    status(&done)
}

