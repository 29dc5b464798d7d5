//! `kehoach new`: a starting plan to draft, and the editor's schema beside it.

use super::*;
use chrono::Datelike;
use kehoach::plan::{scaffold, schema};

pub fn new(a: NewArgs, ui: &Ui) -> ExitCode {
    let file = a.file.display().to_string();
    if a.file.exists() {
        return ui.usage(
            format!("{file}: đã có, không ghi đè; chọn tên tệp khác (kehoach new TỆP-MỚI.yaml)"),
            format!("{file}: exists, not overwritten; choose another name (kehoach new NEW-FILE.yaml)"),
        );
    }
    let today = chrono::Local::now().date_naive();
    let names = scaffold::Names { co_quan: a.co_quan.as_deref(), tinh: a.tinh.as_deref(), year: today.year(), month: today.month() };
    let text = match &a.tu {
        Some(old) => {
            if !old.is_file() {
                return ui.usage(format!("--tu {}: không có tệp này", old.display()), format!("--tu {}: no such file", old.display()));
            }
            match std::fs::read_to_string(old) {
                Ok(t) => scaffold::from_existing(&t, &names, schema::FILE_NAME),
                Err(e) => {
                    let o = old.display().to_string();
                    ui.error(&o, &if ui.vi() { format!("không đọc được tệp ({e})") } else { format!("cannot read the file ({e})") });
                    return ExitCode::from(INVALID);
                }
            }
        }
        None => scaffold::scaffold(&names, schema::FILE_NAME),
    };
    // The schema beside the plan, where the editor line points: written when absent or outdated.
    let schema_path = match a.file.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => dir.join(schema::FILE_NAME),
        None => PathBuf::from(schema::FILE_NAME),
    };
    let current = schema::schema_json();
    if std::fs::read_to_string(&schema_path).ok().as_deref() != Some(current.as_str()) {
        let written = write_one(&schema_path, current.as_bytes(), ui);
        if written != ExitCode::SUCCESS {
            return written;
        }
    }
    write_one(&a.file, text.as_bytes(), ui)
}
