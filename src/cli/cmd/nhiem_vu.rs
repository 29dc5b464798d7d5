//! `kehoach nhiem-vu`: the task register of a plan, or of every row of a batch.

use super::*;
use kehoach::batch::output::Names;
use kehoach::calendar::register::{self, Entry, RegisterFormat};
use kehoach::calendar::Tasks;

pub fn nhiem_vu(a: NhiemVuArgs, ui: &Ui) -> ExitCode {
    let lang = ui.lang;
    let (format, ext) = match a.format {
        RegisterArg::Xlsx => (RegisterFormat::Xlsx, "xlsx"),
        RegisterArg::Csv => (RegisterFormat::Csv, "csv"),
        RegisterArg::Json => (RegisterFormat::Json, "json"),
    };
    let (entries, any_failed) = match &a.data {
        None => match check_one(&a.plan, ui) {
            Ok(v) => (vec![Entry { unit: None, tasks: Tasks::of(&v) }], false),
            Err(code) => return code,
        },
        Some(data) => match batch_entries(&a, data, ui) {
            Ok(found) => found,
            Err(code) => return code,
        },
    };
    let bytes = match register::bytes(format, &entries) {
        Ok(b) => b,
        Err(e) => {
            errln!("{}: {e}", if lang == Lang::Vi { "lỗi" } else { "error" });
            return ExitCode::from(FAILED);
        }
    };
    let out = a.out.clone().unwrap_or_else(|| default_out(&a.plan, &format!("-nhiem-vu.{ext}")));
    let written = write_one(&out, &bytes, ui);
    if written == ExitCode::SUCCESS && any_failed {
        ExitCode::from(INVALID)
    } else {
        written
    }
}

/// Every row of the data through the shared plan: the valid ones' tasks, named by the name
/// column; a bad row is reported and the others go on (the flag says whether any failed).
fn batch_entries(a: &NhiemVuArgs, data: &std::path::Path, ui: &Ui) -> Result<(Vec<Entry>, bool), ExitCode> {
    if !a.plan.is_file() {
        return Err(ui.usage(format!("{}: không có tệp này", a.plan.display()), format!("{}: no such file", a.plan.display())));
    }
    if !data.is_file() {
        return Err(ui.usage(format!("--data {}: không có tệp này", data.display()), format!("--data {}: no such file", data.display())));
    }
    let spec = jobs::DataSpec { path: data, sheet: a.sheet.as_deref(), name_column: &a.name_column };
    let (found, warnings) = jobs::jobs_from_data(&a.plan, &spec, &mut Names::default()).map_err(|d| {
        ui.diags(&d);
        // As in batch: an unusable data file is a usage error, a broken shared plan an invalid plan.
        ExitCode::from(if d.iter().any(|x| spec.owns(x)) { USAGE } else { INVALID })
    })?;
    ui.diags(&warnings);
    let (mut entries, mut failed) = (Vec::new(), false);
    for job in found {
        let unit = match &job {
            Job::Row { row, label, .. } => row.get(&a.name_column).filter(|v| !v.trim().is_empty()).unwrap_or_else(|| label.clone()),
            other => other.label(),
        };
        match jobs::prepare(job) {
            Ok((v, _)) => {
                ui.diags(&v.warnings);
                entries.push(Entry { unit: Some(unit), tasks: Tasks::of(&v) });
            }
            Err(Outcome::Invalid(d)) => {
                ui.diags(&d);
                failed = true;
            }
            Err(_) => failed = true,
        }
    }
    Ok((entries, failed))
}
