//! `kehoach import`: a Word document back into a plan file.

use super::*;
use kehoach::import::{self, ImportError};

/// Largest document read: real plans are well under 10 MB, pictures included.
const MAX_BYTES: u64 = 256 * 1024 * 1024;

pub fn import(a: ImportArgs, ui: &Ui) -> ExitCode {
    let lang = ui.lang;
    let file = a.file.display().to_string();
    if !a.file.is_file() {
        return ui.usage(format!("{file}: không có tệp này"), format!("{file}: no such file"));
    }
    let out = a.output.clone().unwrap_or_else(|| a.file.with_extension("yaml"));
    if out == a.file {
        return ui.usage(
            format!("{file}: tệp kết quả trùng với tệp Word; dùng -o TỆP.yaml"),
            format!("{file}: the output is the Word file itself; use -o FILE.yaml"),
        );
    }
    if out.exists() && !a.force {
        let o = out.display();
        return ui.usage(format!("{o}: đã có, không ghi đè (dùng --force để ghi đè)"), format!("{o}: exists, not overwritten (use --force to replace it)"));
    }
    let read = std::fs::metadata(&a.file).and_then(|m| if m.len() > MAX_BYTES { Err(std::io::Error::other("> 256 MB")) } else { std::fs::read(&a.file) });
    let bytes = match read {
        Ok(b) => b,
        Err(e) => {
            ui.error(&file, &if ui.vi() { format!("không đọc được tệp ({e})") } else { format!("cannot read the file ({e})") });
            return ExitCode::from(INVALID);
        }
    };
    let name = a.file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| file.clone());
    let imported = match import::import_docx(&bytes, &name) {
        Ok(i) => i,
        Err(e) => {
            ui.error(&file, &e.text(lang));
            return ExitCode::from(if matches!(e, ImportError::Invalid(_)) { FAILED } else { INVALID });
        }
    };
    let yaml = out.display();
    for w in &imported.warnings {
        let at = w.line.map(|l| format!(" ({yaml}:{l})")).unwrap_or_default();
        ui.warning(&file, &format!("{}{at}", w.text(lang)));
    }
    let written = write_one(&out, imported.yaml.as_bytes(), ui);
    if written != ExitCode::SUCCESS {
        return written;
    }
    // The plan's own rules on the result, located in the file just written.
    let diags: Vec<Diagnostic> = imported.plan_warnings.iter().map(|d| Diagnostic { file: out.clone(), ..d.clone() }).collect();
    ui.diags(&diags);
    let n = imported.warnings.len() + diags.len();
    if !ui.json {
        if ui.vi() {
            errln!("{file} → {yaml}: {n} cảnh báo");
        } else {
            errln!("{file} → {yaml}: {n} warning{}", if n == 1 { "" } else { "s" });
        }
    }
    ExitCode::SUCCESS
}
