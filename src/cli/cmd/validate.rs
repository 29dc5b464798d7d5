//! `kehoach validate`: check plans without rendering.

use super::*;

pub fn validate(a: ValidateArgs, ui: &Ui) -> ExitCode {
    let files = match expand(&a.files) {
        Ok(f) => f,
        Err((vi, en)) => return ui.usage(vi, en),
    };
    let mut bad = 0;
    for f in &files {
        match pipeline::check(f) {
            Ok(v) => {
                ui.diags(&v.warnings);
                let shown = if f.as_os_str() == "-" { pipeline::STDIN_NAME.to_string() } else { f.display().to_string() };
                ui.result(&format!("{shown}: {}", if ui.vi() { "hợp lệ" } else { "valid" }), serde_json::json!({"type": "valid", "file": shown}));
            }
            Err(d) => {
                ui.diags(&d);
                bad += 1;
            }
        }
    }
    ui.summary();
    if bad > 0 {
        ExitCode::from(INVALID)
    } else {
        ExitCode::SUCCESS
    }
}
