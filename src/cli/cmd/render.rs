//! `kehoach render`: plans to PDF and DOCX.

use super::*;
use std::collections::HashMap;

pub fn render(a: RenderArgs, ui: &Ui) -> ExitCode {
    let started = std::time::SystemTime::now();
    stop_on_signals();
    let files = match expand(&a.files) {
        Ok(f) => f,
        Err((vi, en)) => return ui.usage(vi, en),
    };
    let jobs = match name_outputs(files, &a.output.out, &a.name) {
        Ok(j) => j,
        Err((vi, en)) => return ui.usage(vi, en),
    };
    let cfg = match pool_config(&a.output, ui) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if a.watch && jobs.iter().any(|j| matches!(j, Job::File { path, .. } if path.as_os_str() == "-")) {
        return ui.usage("--watch: không theo dõi được đầu vào chuẩn (`-`)".into(), "--watch: standard input (`-`) cannot be watched".into());
    }
    let watched: Vec<(PathBuf, PathBuf, String)> = jobs
        .iter()
        .filter(|_| a.watch)
        .filter_map(|j| match j {
            Job::File { path, name } => Some((std::path::absolute(path).unwrap_or_else(|_| path.clone()), path.clone(), name.clone())),
            _ => None,
        })
        .collect();
    let done = jobs::run(jobs, &a.output.out, &cfg, threads(a.output.jobs), &CANCEL, &|_| {});
    for d in &done {
        report(d, ui, true, false);
    }
    ui.summary();
    kehoach::batch::output::remove_stale_temps(&a.output.out, started);
    if a.watch {
        return watch(watched, &a.output, &cfg, ui);
    }
    status(&done)
}

/// `--watch`: renders each file again when it is saved, until Ctrl-C (exit status 130).
fn watch(files: Vec<(PathBuf, PathBuf, String)>, o: &Output, cfg: &kehoach::batch::pool::PoolConfig, ui: &Ui) -> ExitCode {
    let paths: Vec<PathBuf> = files.iter().map(|(abs, _, _)| abs.clone()).collect();
    let watcher = match kehoach::preview::watch::Watcher::new(&paths) {
        Ok(w) => w,
        Err(e) => {
            ui.error("--watch", &e.to_string());
            return ExitCode::from(FAILED);
        }
    };
    if ui.vi() {
        errln!("Đang theo dõi {} tệp: dựng lại mỗi khi lưu; Ctrl-C để dừng.", paths.len());
    } else {
        errln!("Watching {} files: rendering again on every save; Ctrl-C to stop.", paths.len());
    }
    while !CANCEL.load(Ordering::SeqCst) {
        let Some(changed) = watcher.wait_timeout(std::time::Duration::from_millis(200)) else { break };
        let jobs: Vec<Job> =
            files.iter().filter(|(abs, _, _)| changed.contains(abs)).map(|(_, path, name)| Job::File { path: path.clone(), name: name.clone() }).collect();
        if jobs.is_empty() {
            continue;
        }
        let started = std::time::SystemTime::now();
        let done = jobs::run(jobs, &o.out, cfg, threads(o.jobs), &CANCEL, &|_| {});
        for d in &done {
            report(d, ui, true, false);
        }
        kehoach::batch::output::remove_stale_temps(&o.out, started);
    }
    ExitCode::from(INTERRUPTED)
}

/// One job per plan, named by the file's own stem (`output/<stem>.pdf`). The same file given
/// twice is one plan; two plans that would write the same files are refused before any work,
/// naming both (case-insensitively: Windows and macOS file systems do not tell `X` from `x`).
fn name_outputs(files: Vec<PathBuf>, out: &std::path::Path, stdin_name: &str) -> Result<Vec<Job>, (String, String)> {
    let mut seen: HashMap<PathBuf, ()> = HashMap::new();
    let mut by_name: HashMap<String, PathBuf> = HashMap::new();
    let mut jobs = Vec::new();
    for path in files {
        let real = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(real, ()).is_some() {
            continue;
        }
        let name = if path.as_os_str() == "-" {
            stdin_name.to_string()
        } else {
            path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "ke-hoach".into())
        };
        if let Some(first) = by_name.insert(name.to_lowercase(), path.clone()) {
            let target = out.join(format!("{name}.*"));
            return Err((
                format!(
                    "{} và {} sẽ ghi cùng một tệp {}: hãy đổi tên một tệp, hoặc dùng `kehoach batch THƯ_MỤC` (tự đặt tên riêng)",
                    first.display(),
                    path.display(),
                    target.display()
                ),
                format!(
                    "{} and {} would write the same files {}: rename one, or use `kehoach batch FOLDER` (which names them apart)",
                    first.display(),
                    path.display(),
                    target.display()
                ),
            ));
        }
        jobs.push(Job::File { name, path });
    }
    Ok(jobs)
}
