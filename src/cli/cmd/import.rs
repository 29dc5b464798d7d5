//! `kehoach import`: a Word document back into a plan file.

use super::*;
use kehoach::batch::output;
use kehoach::import::{self, ImportError};

/// Largest document read: real plans are well under 10 MB, pictures included.
const MAX_BYTES: u64 = 256 * 1024 * 1024;

pub fn import(a: ImportArgs) -> ExitCode {
    let lang = lang(a.common.lang);
    let vi = lang == Lang::Vi;
    let file = a.file.display().to_string();
    let out = a.output.clone().unwrap_or_else(|| a.file.with_extension("yaml"));
    if out == a.file {
        eprintln!("{file}: {}", if vi { "tệp kết quả trùng với tệp Word; dùng -o TỆP.yaml" } else { "the output is the Word file itself; use -o FILE.yaml" });
        return ExitCode::from(USAGE);
    }
    if out.exists() && !a.force {
        let msg = if vi { "đã có, không ghi đè (dùng --force để ghi đè)" } else { "exists, not overwritten (use --force to replace it)" };
        eprintln!("{}: {msg}", out.display());
        return ExitCode::from(USAGE);
    }
    let bytes =
        match std::fs::metadata(&a.file).and_then(|m| if m.len() > MAX_BYTES { Err(std::io::Error::other("too large")) } else { std::fs::read(&a.file) }) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{file}: {}", if vi { format!("không đọc được tệp ({e})") } else { format!("cannot read the file ({e})") });
                return ExitCode::from(INVALID);
            }
        };
    let name = a.file.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| file.clone());
    let imported = match import::import_docx(&bytes, &name) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{file}: {}: {}", if vi { "lỗi" } else { "error" }, e.text(lang));
            return ExitCode::from(if matches!(e, ImportError::Invalid(_)) { FAILED } else { INVALID });
        }
    };
    let kind = if vi { "cảnh báo" } else { "warning" };
    let yaml = out.display();
    for w in &imported.warnings {
        let at = w.line.map(|l| format!(" ({yaml}:{l})")).unwrap_or_default();
        eprintln!("{file}: {kind}: {}{at}", w.text(lang));
    }
    if let Err(e) = output::write_atomic(&out, imported.yaml.as_bytes()) {
        eprintln!("{yaml}: {e}");
        return ExitCode::from(FAILED);
    }
    // The plan's own rules on the result, located in the file just written.
    let diags: Vec<Diagnostic> = imported.plan_warnings.iter().map(|d| Diagnostic { file: out.clone(), ..d.clone() }).collect();
    print_diags(&diags, lang);
    let n = imported.warnings.len() + diags.len();
    if vi {
        eprintln!("{file} → {yaml}: {n} cảnh báo");
    } else {
        eprintln!("{file} → {yaml}: {n} warning{}", if n == 1 { "" } else { "s" });
    }
    println!("{yaml}");
    ExitCode::SUCCESS
}
