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
    let done = jobs::run(jobs, &a.output.out, &jobs::Executor::Workers(&cfg), threads(a.output.jobs), &CANCEL, &|_| {});
    for d in &done {
        report(d, ui, true, false);
    }
    ui.summary();
    kehoach::batch::output::remove_stale_temps(&a.output.out, started);
    status(&done)
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
