//! Commands: arguments resolved into renderers and jobs, the library called, results printed here.

mod batch;
mod diff;
mod import;
mod lich;
mod new;
mod nhiem_vu;
mod preview;
mod render;
mod schema;
mod validate;

pub(crate) use crate::cli::args::{
    BatchArgs, Cli, ColorArg, Command, DiffArgs, DiffFormat, FormatArg, ImportArgs, LangArg, LichArgs, MessageFormat, NewArgs, NhiemVuArgs, Output,
    PreviewArgs, RegisterArg, RenderArgs, SchemaArgs, ValidateArgs, WorkerArgs,
};
pub(crate) use crate::cli::ui::Ui;
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
    let lang = match cli.lang {
        LangArg::Vi => Lang::Vi,
        LangArg::En => Lang::En,
    };
    let color = match cli.color {
        ColorArg::Auto => None,
        ColorArg::Always => Some(true),
        ColorArg::Never => Some(false),
    };
    let ui = Ui::new(lang, color, cli.message_format == MessageFormat::Json);
    match cli.command {
        Command::Render(a) => render::render(a, &ui),
        Command::Validate(a) => validate::validate(a, &ui),
        Command::Batch(a) => batch::batch(a, &ui),
        Command::Lich(a) => lich::lich(a, &ui),
        Command::NhiemVu(a) => nhiem_vu::nhiem_vu(a, &ui),
        Command::Import(a) => import::import(a, &ui),
        Command::New(a) => new::new(a, &ui),
        Command::Schema(a) => schema::schema(a, &ui),
        Command::Diff(a) => diff::diff(a, &ui),
        Command::Preview(a) => preview::preview(a, &ui),
        Command::Completions(a) => {
            let mut script = Vec::new();
            clap_complete::generate(a.shell, &mut crate::cli::help::command(lang), "kehoach", &mut script);
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = std::io::Write::write_all(&mut std::io::stdout(), &script);
            ExitCode::SUCCESS
        }
        Command::Worker(a) => worker(a),
    }
}

/// Ctrl-C and SIGTERM: no new plan starts; those in flight finish and are written whole.
fn stop_on_signals() {
    let _ = ctrlc::set_handler(|| CANCEL.store(true, Ordering::SeqCst));
}

/// Files as given; a folder stands for its plan files (`.yaml`, `.yml`, any case), in name order.
/// A path that does not exist is a usage error.
fn expand(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, (String, String)> {
    let mut out = Vec::new();
    for p in inputs {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| (format!("{}: không đọc được thư mục ({e})", p.display()), format!("{}: cannot read the folder ({e})", p.display())))?
                .flatten()
                .map(|e| e.path())
                .filter(|f| f.is_file() && is_plan_file(f))
                .collect();
            found.sort();
            if found.is_empty() {
                return Err((format!("{}: thư mục không có tệp kế hoạch .yaml nào", p.display()), format!("{}: the folder holds no .yaml plan", p.display())));
            }
            out.extend(found);
        } else if p.as_os_str() == "-" {
            out.push(p.clone());
        } else if !p.exists() {
            return Err((format!("{}: không có tệp này", p.display()), format!("{}: no such file", p.display())));
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

fn is_plan_file(p: &std::path::Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// The renderers an output choice asks for, built once (in a worker, or for a check).
struct Engines {
    pdf: Option<PdfRenderer>,
    docx: Option<DocxRenderer>,
}

impl Engines {
    fn new(format: FormatArg, template: Option<&std::path::Path>, system_fonts: bool) -> Result<Engines, String> {
        let t = match template {
            Some(dir) => Templates::with_overrides(dir),
            None => Ok(Templates::embedded()),
        }
        .map_err(|e| e.to_string())?;
        let fonts = FontOptions { system: system_fonts };
        let pdf = matches!(format, FormatArg::Pdf | FormatArg::All).then(|| PdfRenderer::new(&t, &fonts)).transpose().map_err(|e| e.to_string())?;
        let docx = matches!(format, FormatArg::Docx | FormatArg::All).then(|| DocxRenderer::new(&t)).transpose().map_err(|e| e.to_string())?;
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

/// The worker pool for the output options, after checking the template they name: a missing
/// folder is a usage error (2), a broken template a failure (3).
fn pool_config(o: &Output, ui: &Ui) -> Result<kehoach::batch::pool::PoolConfig, ExitCode> {
    // An override is checked and built once here, so that a broken template is reported before
    // any plan starts. The embedded one is not: it is tested, and building it costs a single
    // plan's run as much as the worker's own start (fonts, Typst's library).
    if let Some(dir) = &o.template {
        if !dir.is_dir() {
            return Err(ui.usage(format!("--template {}: không có thư mục này", dir.display()), format!("--template {}: no such folder", dir.display())));
        }
        if let Err(e) = Engines::new(o.format, Some(dir), !o.no_system_fonts) {
            ui.failure("--template", &kehoach::diag::Failure::Render(e));
            return Err(ExitCode::from(FAILED));
        }
    }
    let exe = std::env::current_exe().map_err(|e| {
        errln!("{e}");
        ExitCode::from(FAILED)
    })?;
    let mut args: Vec<std::ffi::OsString> = vec!["__worker".into(), "--format".into(), format_name(o.format).into()];
    if let Some(dir) = &o.template {
        args.push("--template".into());
        args.push(dir.clone().into_os_string());
    }
    if o.no_system_fonts {
        args.push("--no-system-fonts".into());
    }
    Ok(kehoach::batch::pool::PoolConfig { exe, args, timeout: std::time::Duration::from_secs(o.timeout.max(1)), max_memory: o.max_memory })
}

fn format_name(f: FormatArg) -> &'static str {
    match f {
        FormatArg::Pdf => "pdf",
        FormatArg::Docx => "docx",
        FormatArg::All => "all",
    }
}

/// Worker processes: as asked, or one per core.
fn threads(jobs: Option<usize>) -> usize {
    jobs.unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).max(1)
}

/// The hidden worker mode: render every view that arrives on stdin.
fn worker(a: WorkerArgs) -> ExitCode {
    let engines = match Engines::new(a.format, a.template.as_deref(), !a.no_system_fonts) {
        Ok(e) => e,
        Err(e) => {
            errln!("{e}");
            return ExitCode::from(FAILED);
        }
    };
    match kehoach::batch::pool::serve(&engines.list(), std::io::stdin().lock(), std::io::stdout().lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            errln!("{e}");
            ExitCode::from(FAILED)
        }
    }
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
fn report(d: &Done, ui: &Ui, files_to_stdout: bool, quiet: bool) {
    let warn = |w: &[Diagnostic]| {
        if !quiet {
            ui.diags(w)
        }
    };
    match &d.outcome {
        Outcome::Rendered { files, warnings } => {
            warn(warnings);
            if files_to_stdout {
                for p in files {
                    ui.wrote(p);
                }
            }
        }
        Outcome::Invalid(diags) => ui.diags(diags),
        Outcome::Failed { failure, warnings } => {
            warn(warnings);
            ui.failure(&d.label, failure);
        }
        Outcome::Cancelled => {}
    }
}

/// One plan loaded and checked for a command that does not render: a missing file is a usage
/// error (2); an invalid plan prints its diagnostics as `validate` does (1); warnings are printed.
fn check_one(path: &std::path::Path, ui: &Ui) -> Result<kehoach::plan::validate::ValidPlan, ExitCode> {
    if !path.is_file() {
        return Err(ui.usage(format!("{}: không có tệp này", path.display()), format!("{}: no such file", path.display())));
    }
    match pipeline::check(path) {
        Ok(v) => {
            ui.diags(&v.warnings);
            ui.summary();
            Ok(v)
        }
        Err(d) => {
            ui.diags(&d);
            ui.summary();
            Err(ExitCode::from(INVALID))
        }
    }
}

/// `output/<plan's stem><suffix>`, where a command writes when no `--out` is given.
fn default_out(plan: &std::path::Path, suffix: &str) -> PathBuf {
    let stem = plan.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "ke-hoach".into());
    PathBuf::from("output").join(format!("{stem}{suffix}"))
}

/// Writes one file whole (or not at all) and prints its path; a failure is exit status 3.
fn write_one(path: &std::path::Path, bytes: &[u8], ui: &Ui) -> ExitCode {
    match kehoach::batch::output::write_atomic(path, bytes) {
        Ok(()) => {
            ui.wrote(path);
            ExitCode::SUCCESS
        }
        Err(e) => {
            let failure = kehoach::diag::Failure::Write { kind: kehoach::diag::IoKind::of(&e.error), detail: e.error.to_string(), path: e.path.clone() };
            ui.failure(&path.display().to_string(), &failure);
            ExitCode::from(FAILED)
        }
    }
}
