//! `kehoach validate`: check plans without rendering.

use super::*;

pub fn validate(a: ValidateArgs) -> ExitCode {
    let lang = lang(a.common.lang);
    let files = match expand(&a.files) {
        Ok(f) => f,
        Err((vi, en)) => return usage(lang, vi, en),
    };
    let mut bad = 0;
    for f in &files {
        match pipeline::check(f) {
            Ok(v) => {
                print_diags(&v.warnings, lang);
                println!("{}: {}", f.display(), if lang == Lang::Vi { "hợp lệ" } else { "valid" });
            }
            Err(d) => {
                print_diags(&d, lang);
                bad += 1;
            }
        }
    }
    if bad > 0 {
        ExitCode::from(INVALID)
    } else {
        ExitCode::SUCCESS
    }
}
