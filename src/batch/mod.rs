//! Many plans at once: every row of a data file through one shared plan, or every
//! plan under a folder. Wraps the one-plan pipeline; never prints.
//!
//! The shared plan is parsed once. Driver threads take jobs in input order from a
//! shared counter; each fills and checks its plan, hands the view to its own worker
//! process (`pool.rs`: fonts, template and a warm Typst cache, under a budget of
//! time and memory) and writes the files it gets back as soon as they come, so
//! memory does not grow with the number of plans. A failure is recorded and the
//! others go on; a cancel flag stops new work while the plans in flight finish
//! (their files are whole or absent).

pub mod data;
pub mod guard;
pub mod output;
pub mod pipeline;
pub mod pool;
pub mod report;
pub mod sheet;

use crate::diag::{Diagnostic, Failure, Msg};
use crate::plan::load::{self, Source};
use crate::plan::model::Plan;
use crate::plan::validate::{self, ValidPlan};
use crate::plan::vars::{self, DataRow};
use crate::view::{self, PlanView};
use output::Names;
use pipeline::Outcome;
use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// A plan read once and filled for many rows.
pub struct Shared {
    pub src: Source,
    pub plan: Plan,
}

/// One unit of work.
pub enum Job {
    /// A plan file.
    File { path: PathBuf, name: String },
    /// A row of data through a shared plan; `label` names it as the data does (`xa.csv:17 (Xã Bờ Y)`).
    Row { shared: Arc<Shared>, row: DataRow, name: String, label: String },
    /// Refused before any rendering (an unreadable plan or data file).
    Refused { label: String, diagnostics: Vec<Diagnostic> },
}

/// Where a job came from, for the run's report.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    /// The plan file (the shared plan for a data row).
    pub plan: Option<PathBuf>,
    /// The data file and the row's line (or sheet row) in it.
    pub data: Option<PathBuf>,
    pub row: Option<usize>,
    /// The output files' name, without extension.
    pub name: Option<String>,
}

impl Job {
    /// Where the job came from.
    pub fn origin(&self) -> Origin {
        match self {
            Job::File { path, name } => Origin { plan: Some(path.clone()), name: Some(name.clone()), ..Origin::default() },
            Job::Row { shared, row, name, .. } => {
                Origin { plan: Some(shared.src.path.clone()), data: Some(row.file.clone()), row: Some(row.line), name: Some(name.clone()) }
            }
            Job::Refused { diagnostics, .. } => {
                Origin { data: diagnostics.first().map(|d| d.file.clone()), row: diagnostics.first().and_then(|d| d.pos).map(|p| p.line), ..Origin::default() }
            }
        }
    }

    /// What the job is, for progress and the summary: a file, or a data row.
    pub fn label(&self) -> String {
        match self {
            Job::File { path, .. } => path.display().to_string(),
            Job::Row { label, .. } => label.clone(),
            Job::Refused { label, .. } => label.clone(),
        }
    }
}

/// One job's result.
pub struct Done {
    pub label: String,
    pub origin: Origin,
    pub outcome: Outcome,
    /// From taking the job to its files written.
    pub elapsed: std::time::Duration,
}

/// The column that names each output file when none is given.
pub const DEFAULT_NAME_COLUMN: &str = "ten_tep";

/// Where a batch's values come from: a data file, the sheet of it when a workbook, and the
/// column naming each output file.
pub struct DataSpec<'a> {
    pub path: &'a Path,
    pub sheet: Option<&'a str>,
    pub name_column: &'a str,
}

impl DataSpec<'_> {
    /// Whether a problem is the data file's (its sheets included), not the plan's.
    pub fn owns(&self, d: &Diagnostic) -> bool {
        d.file == self.path || d.file.to_string_lossy().starts_with(&format!("{}[", self.path.display()))
    }
}

/// Jobs for every row of `data` through the plan `plan_path`, named by its name column.
pub fn jobs_from_data(plan_path: &Path, data: &DataSpec, names: &mut Names) -> Result<(Vec<Job>, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (data_path, name_column) = (data.path, data.name_column);
    let src = Source::read(plan_path, crate::plan::limits::MAX_PLAN_BYTES).map_err(|d| vec![d])?;
    let plan = load::parse(&src)?;
    let data = data::read(data_path, data.sheet).map_err(|d| vec![d])?;
    let has_column = data.columns.iter().any(|c| c == name_column || c.starts_with(&format!("{name_column}.")));
    if !has_column {
        return Err(vec![Diagnostic::error(
            data_path,
            Some(crate::diag::Pos { line: 1, col: 1 }),
            Msg::NoNameColumn { column: name_column.to_string(), available: data.columns.clone() },
        )]);
    }
    let shared = Arc::new(Shared { src, plan });
    let jobs = data
        .rows
        .into_iter()
        .map(|row| match row {
            Ok(row) => {
                let given = row.get(name_column).filter(|v| !v.trim().is_empty());
                let label = match &given {
                    Some(g) => format!("{} ({g})", row.place()),
                    None => row.place(),
                };
                let wanted = given.unwrap_or_else(|| format!("dong-{}", row.line));
                Job::Row { name: names.claim(&wanted), shared: shared.clone(), row, label }
            }
            Err(d) => {
                let line = d.pos.map_or(0, |p| p.line);
                let label = match &d.context {
                    Some(name) => format!("{}:{line} ({name})", data_path.display()),
                    None => format!("{}:{line}", data_path.display()),
                };
                Job::Refused { label, diagnostics: vec![Diagnostic { context: None, ..d }] }
            }
        })
        .collect();
    Ok((jobs, data.warnings))
}

/// Jobs for every plan file under `dir` (recursively, in path order). A plan that uses
/// variables is paired with the one data file (`.csv`, `.xlsx`, `.ods`) beside it.
pub fn jobs_from_dir(dir: &Path, name_column: &str, names: &mut Names) -> std::io::Result<(Vec<Job>, Vec<Diagnostic>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&d)?.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else if has_extension(&p, &["yaml", "yml"]) {
                files.push(p);
            }
        }
    }
    files.sort();
    let (mut jobs, mut warnings) = (Vec::new(), Vec::new());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if !vars::variables(&text).is_empty() {
            let folder = path.parent().unwrap_or(Path::new("."));
            let mut found: Vec<PathBuf> =
                std::fs::read_dir(folder)?.flatten().map(|e| e.path()).filter(|p| has_extension(p, &["csv"]) || sheet::is_sheet(p)).collect();
            found.sort();
            if found.len() == 1 {
                match jobs_from_data(&path, &DataSpec { path: &found[0], sheet: None, name_column }, names) {
                    Ok((j, w)) => {
                        jobs.extend(j);
                        warnings.extend(w);
                    }
                    Err(diagnostics) => jobs.push(Job::Refused { label: path.display().to_string(), diagnostics }),
                }
                continue;
            }
        }
        let rel = path.strip_prefix(dir).unwrap_or(&path).with_extension("");
        let name = names.claim(&rel.to_string_lossy());
        jobs.push(Job::File { path, name });
    }
    Ok((jobs, warnings))
}

/// Whether the file's extension is one of `exts`, in any case (`.YAML` is a plan too).
pub fn has_extension(p: &Path, exts: &[&str]) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// One driver thread's worker process, started again when it died or grew too big.
struct Slot<'a> {
    cfg: &'a pool::PoolConfig,
    worker: Option<pool::Worker>,
}

impl Slot<'_> {
    fn render(&mut self, view: &PlanView) -> Result<pipeline::Files, Failure> {
        let cfg = self.cfg;
        if self.worker.is_none() {
            self.worker = Some(pool::Worker::spawn(cfg).map_err(|e| Failure::Spawn(e.to_string()))?);
        }
        let w = self.worker.as_mut().expect("spawned above");
        match w.render(view, cfg) {
            Ok(files) => {
                // A worker whose cache grew past half the budget starts afresh.
                if w.resident().is_some_and(|b| b > cfg.max_memory / 2) {
                    self.worker = None;
                }
                Ok(files)
            }
            Err((failure, dead)) => {
                if dead {
                    self.worker = None;
                }
                Err(failure)
            }
        }
    }
}

/// Runs the jobs on `threads` driver threads; `on_done` hears of each as it finishes (from a
/// driver). Results come back in job order.
///
/// Drivers are plain threads taking the next job from a shared counter, not a rayon
/// `par_iter`: Typst runs rayon inside a compile, and a rayon worker waiting there would
/// steal further plans and nest them, holding dozens of documents in memory at once.
pub fn run(jobs: Vec<Job>, out_dir: &Path, cfg: &pool::PoolConfig, threads: usize, cancel: &AtomicBool, on_done: &(dyn Fn(&Done) + Sync)) -> Vec<Done> {
    run_with(jobs, out_dir, cfg, threads, cancel, on_done, &|_| Vec::new())
}

/// Files made in this process from a valid plan, written with its rendered ones (all or none):
/// the task calendar of `batch --lich`.
pub type Extra<'a> = &'a (dyn Fn(&ValidPlan) -> pipeline::Files + Sync);

/// `run`, with `extra` files added to each plan's rendered ones before they are written.
pub fn run_with(
    jobs: Vec<Job>,
    out_dir: &Path,
    cfg: &pool::PoolConfig,
    threads: usize,
    cancel: &AtomicBool,
    on_done: &(dyn Fn(&Done) + Sync),
    extra: Extra,
) -> Vec<Done> {
    let total = jobs.len();
    let queue: Vec<Mutex<Option<Job>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    let results: Vec<Mutex<Option<Done>>> = (0..total).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || {
        // Started before the first job is read and checked, so that the worker's own start
        // (fonts, Typst's library) overlaps that work; a failure to start is reported by the
        // first plan, which tries again.
        let mut slot = Slot { cfg, worker: pool::Worker::spawn(cfg).ok() };
        loop {
            let i = next.fetch_add(1, Ordering::SeqCst);
            if i >= total {
                break;
            }
            let Some(job) = queue[i].lock().unwrap_or_else(|e| e.into_inner()).take() else { continue };
            let (label, origin) = (job.label(), job.origin());
            let started = std::time::Instant::now();
            let outcome = if cancel.load(Ordering::SeqCst) {
                Outcome::Cancelled
            } else {
                match prepare(job) {
                    Err(outcome) => outcome,
                    Ok((valid, name)) => {
                        let view = view::build(&valid);
                        let rendered = slot.render(&view).map(|mut files| {
                            files.extend(extra(&valid));
                            files
                        });
                        match rendered.and_then(|files| pipeline::write(out_dir, &name, files)) {
                            Ok(files) => Outcome::Rendered { files, warnings: valid.warnings },
                            Err(failure) => Outcome::Failed { failure, warnings: valid.warnings },
                        }
                    }
                }
            };
            let done = Done { label, origin, outcome, elapsed: started.elapsed() };
            on_done(&done);
            *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(done);
        }
    };
    std::thread::scope(|s| {
        for _ in 1..threads.clamp(1, total.max(1)) {
            s.spawn(work);
        }
        work();
    });
    results.into_iter().filter_map(|r| r.into_inner().unwrap_or_else(|e| e.into_inner())).collect()
}

/// A job's valid plan and output name, or why it has none.
pub fn prepare(job: Job) -> Result<(ValidPlan, String), Outcome> {
    match job {
        Job::File { path, name } => pipeline::check(&path).map(|v| (v, name)).map_err(Outcome::Invalid),
        Job::Row { shared, row, name, .. } => fill_row(&shared, &row).map(|v| (v, name)).map_err(Outcome::Invalid),
        Job::Refused { diagnostics, .. } => Err(Outcome::Invalid(diagnostics)),
    }
}

fn fill_row(shared: &Shared, row: &DataRow) -> Result<ValidPlan, Vec<Diagnostic>> {
    let mut plan = shared.plan.clone();
    let with_row = |mut ds: Vec<Diagnostic>| {
        for d in &mut ds {
            d.context.get_or_insert_with(|| row.place());
        }
        shared.src.complete(&mut ds, Some(&shared.plan));
        ds
    };
    vars::substitute(&shared.src, &mut plan, row).map_err(with_row)?;
    match validate::validate(&shared.src, plan) {
        Ok(mut v) => {
            v.warnings = with_row(std::mem::take(&mut v.warnings));
            Ok(v)
        }
        Err(d) => Err(with_row(d)),
    }
}
