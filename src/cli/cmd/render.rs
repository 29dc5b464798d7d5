//! `kehoach render`: plans to PDF and DOCX.

use super::*;

pub fn render(a: RenderArgs) -> ExitCode {
    let lang = lang(a.common.lang);
    let files = match expand(&a.files) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(USAGE);
        }
    };
    let engines = match Engines::new(&a.output) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(FAILED);
        }
    };
    // The user's own file names, as given: output/<stem>.pdf.
    let jobs = files
        .into_iter()
        .map(|path| Job::File { name: path.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_else(|| "plan".into()), path })
        .collect();
    let done = jobs::run(jobs, &a.output.out, &engines.list(), threads(None), &CANCEL, &|_| {});
    for d in &done {
        report(d, lang, true, false);
    }
    status(&done)
}
