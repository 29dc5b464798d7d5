//! Many plans at once: every row of a data file through one shared plan, or every
//! plan under a folder. Wraps the one-plan pipeline; never prints.
//!
//! The shared plan is parsed once; renderers (fonts, template, Typst's library)
//! are built once by the caller and shared by the workers. Plans render in
//! parallel on worker threads and each writes its own files as soon as it is
//! done, so memory does not grow with the number of plans. A failure is
//! recorded and the others go on; a cancel flag stops new work while the
//! plans in flight finish (their files are whole or absent).

pub mod output;
pub mod pipeline;

use crate::diag::{Diagnostic, Msg, Severity};
use crate::plan::load::{self, Source};
use crate::plan::model::Plan;
use crate::plan::validate;
use crate::plan::vars::{self, DataRow};
use crate::render::Renderer;
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
    /// A row of data through a shared plan.
    Row { shared: Arc<Shared>, row: DataRow, name: String },
    /// Refused before any rendering (an unreadable plan or data file).
    Refused { label: String, diagnostics: Vec<Diagnostic> },
}

impl Job {
    /// What the job is, for progress and the summary: a file, or a data row.
    pub fn label(&self) -> String {
        match self {
            Job::File { path, .. } => path.display().to_string(),
            Job::Row { row, .. } => row.place(),
            Job::Refused { label, .. } => label.clone(),
        }
    }
}

/// One job's result.
pub struct Done {
    pub label: String,
    pub outcome: Outcome,
}

/// The column that names each output file when none is given.
pub const DEFAULT_NAME_COLUMN: &str = "ten_tep";

/// Jobs for every row of `data` through the plan `plan_path`, named by `name_column`.
pub fn jobs_from_data(plan_path: &Path, data: &Path, name_column: &str, names: &mut Names) -> Result<Vec<Job>, Vec<Diagnostic>> {
    let src = Source::read(plan_path).map_err(|d| vec![d])?;
    let plan = load::parse(&src)?;
    let rows = vars::read_rows(data).map_err(|d| vec![d])?;
    if let Some(first) = rows.first() {
        if first.get(name_column).is_none() {
            let mut cols: Vec<String> = first.values.keys().cloned().collect();
            cols.sort();
            return Err(vec![Diagnostic {
                file: data.to_path_buf(),
                pos: Some(crate::diag::Pos { line: 1, col: 1 }),
                path: String::new(),
                severity: Severity::Error,
                msg: Msg::NoNameColumn { column: name_column.to_string(), available: cols },
                context: None,
            }]);
        }
    }
    let shared = Arc::new(Shared { src, plan });
    Ok(rows
        .into_iter()
        .map(|row| {
            let wanted = row.get(name_column).filter(|v| !v.trim().is_empty()).unwrap_or_else(|| format!("dong-{}", row.line));
            Job::Row { name: names.claim(&wanted), shared: shared.clone(), row }
        })
        .collect())
}

/// Jobs for every plan file under `dir` (recursively, in path order). A plan that uses
/// variables is paired with the one `.csv` file beside it.
pub fn jobs_from_dir(dir: &Path, name_column: &str, names: &mut Names) -> std::io::Result<Vec<Job>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&d)?.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")) {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut jobs = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if !vars::variables(&text).is_empty() {
            let folder = path.parent().unwrap_or(Path::new("."));
            let mut csv: Vec<PathBuf> =
                std::fs::read_dir(folder)?.flatten().map(|e| e.path()).filter(|p| p.extension().and_then(|e| e.to_str()) == Some("csv")).collect();
            csv.sort();
            if csv.len() == 1 {
                match jobs_from_data(&path, &csv[0], name_column, names) {
                    Ok(j) => jobs.extend(j),
                    Err(diagnostics) => jobs.push(Job::Refused { label: path.display().to_string(), diagnostics }),
                }
                continue;
            }
        }
        let rel = path.strip_prefix(dir).unwrap_or(&path).with_extension("");
        let name = names.claim(&rel.to_string_lossy());
        jobs.push(Job::File { path, name });
    }
    Ok(jobs)
}

/// Runs the jobs on `threads` workers; `on_done` hears of each as it finishes (from a worker).
/// Results come back in job order.
///
/// Workers are plain threads taking the next job from a shared counter, not a rayon
/// `par_iter`: Typst runs rayon inside a compile, and a rayon worker waiting there would
/// steal further plans and nest them, holding dozens of documents in memory at once.
pub fn run(jobs: Vec<Job>, out_dir: &Path, renderers: &[&dyn Renderer], threads: usize, cancel: &AtomicBool, on_done: &(dyn Fn(&Done) + Sync)) -> Vec<Done> {
    let total = jobs.len();
    let queue: Vec<Mutex<Option<Job>>> = jobs.into_iter().map(|j| Mutex::new(Some(j))).collect();
    let results: Vec<Mutex<Option<Done>>> = (0..total).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let work = || loop {
        let i = next.fetch_add(1, Ordering::SeqCst);
        if i >= total {
            break;
        }
        let Some(job) = queue[i].lock().unwrap_or_else(|e| e.into_inner()).take() else {
            continue;
        };
        let label = job.label();
        let outcome = if cancel.load(Ordering::SeqCst) {
            Outcome::Cancelled
        } else {
            match job {
                Job::File { path, name } => match pipeline::check(&path) {
                    Ok(v) => pipeline::write(&v, out_dir, &name, renderers),
                    Err(d) => Outcome::Invalid(d),
                },
                Job::Row { shared, row, name } => render_row(&shared, &row, &name, out_dir, renderers),
                Job::Refused { diagnostics, .. } => Outcome::Invalid(diagnostics),
            }
        };
        // Long runs: let renderers drop caches of documents long gone.
        if finished.fetch_add(1, Ordering::SeqCst) % 8 == 7 {
            renderers.iter().for_each(|r| r.trim_caches());
        }
        let done = Done { label, outcome };
        on_done(&done);
        *results[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(done);
    };
    std::thread::scope(|s| {
        for _ in 1..threads.clamp(1, total.max(1)) {
            s.spawn(work);
        }
        work();
    });
    results.into_iter().filter_map(|r| r.into_inner().unwrap_or_else(|e| e.into_inner())).collect()
}

fn render_row(shared: &Shared, row: &DataRow, name: &str, out_dir: &Path, renderers: &[&dyn Renderer]) -> Outcome {
    let mut plan = shared.plan.clone();
    if let Err(d) = vars::substitute(&shared.src, &mut plan, row) {
        return Outcome::Invalid(d);
    }
    let with_row = |mut ds: Vec<Diagnostic>| {
        for d in &mut ds {
            d.context.get_or_insert_with(|| row.place());
        }
        ds
    };
    match validate::validate(&shared.src, plan) {
        Ok(mut v) => {
            v.warnings = with_row(std::mem::take(&mut v.warnings));
            pipeline::write(&v, out_dir, name, renderers)
        }
        Err(d) => Outcome::Invalid(with_row(d)),
    }
}
