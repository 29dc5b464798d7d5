//! `kehoach diff OLD NEW`: what changed between two versions of a plan; `--git`: the same as
//! git's external diff driver (seven arguments, exit 0, a plain line diff for a file that is
//! not a plan).

use super::*;
use kehoach::diff::{self, format, words};
use std::path::Path;

const CHANGES: u8 = 1;
const TROUBLE: u8 = 2;

pub fn diff(a: DiffArgs, ui: &Ui) -> ExitCode {
    if a.git {
        return git(&a, ui);
    }
    let [old, new] = a.files.as_slice() else {
        return ui.usage(
            format!("cần đúng hai tệp kế hoạch (bản cũ, bản mới), có {}", a.files.len()),
            format!("expected two plan files (old, new), got {}", a.files.len()),
        );
    };
    let load = |p: &PathBuf| match diff::load(p) {
        Ok(v) => Some(v),
        Err(d) => {
            ui.diags(&d);
            None
        }
    };
    let (o, n) = (load(old), load(new));
    let (Some(o), Some(n)) = (o, n) else {
        ui.summary();
        return ExitCode::from(TROUBLE);
    };
    let changes = diff::compare(&o, &n, ui.lang);
    let color = a.out.is_none() && ui.out_color();
    let bytes = match a.format {
        DiffFormat::Text => format::text(&changes, ui.lang, color).into_bytes(),
        DiffFormat::Markdown => format::markdown(&changes, ui.lang).into_bytes(),
        DiffFormat::Json => format::json(&changes).into_bytes(),
        DiffFormat::Docx | DiffFormat::Pdf => {
            if a.out.is_none() {
                return ui.usage("docx và pdf cần --out TỆP".to_string(), "docx and pdf need --out FILE".to_string());
            }
            let name = |p: &PathBuf| p.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_default();
            let view = match diff::redline(&o, &n, &changes, (&name(old), &name(new)), ui.lang) {
                Ok(v) => v,
                Err(d) => {
                    ui.diags(&d);
                    ui.summary();
                    return ExitCode::from(TROUBLE);
                }
            };
            let templates = Templates::embedded();
            let rendered = match a.format {
                DiffFormat::Pdf => PdfRenderer::new(&templates, &FontOptions::default()).and_then(|r| r.render(&view)),
                _ => DocxRenderer::new(&templates).and_then(|r| r.render(&view)),
            };
            match rendered {
                Ok(b) => b,
                Err(e) => {
                    let what = new.display().to_string();
                    ui.error(&what, &if ui.vi() { format!("không dựng được bản so sánh: {}", e.0) } else { format!("could not lay out the redline: {}", e.0) });
                    return ExitCode::from(TROUBLE);
                }
            }
        }
    };
    match &a.out {
        Some(path) => {
            if let Err(e) = kehoach::batch::output::write_atomic(path, &bytes) {
                let failure = kehoach::diag::Failure::Write { kind: kehoach::diag::IoKind::of(&e.error), detail: e.error.to_string(), path: e.path.clone() };
                ui.failure(&path.display().to_string(), &failure);
                return ExitCode::from(TROUBLE);
            }
            ui.wrote(path);
        }
        None => outln!("{}", String::from_utf8_lossy(&bytes).trim_end_matches('\n')),
    }
    if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(CHANGES)
    }
}

/// git's external diff driver: `path old-file old-hex old-mode new-file new-hex new-mode`.
/// Always exit 0 (git takes any other status for the driver's failure).
fn git(a: &DiffArgs, ui: &Ui) -> ExitCode {
    let f = &a.files;
    // An unmerged path: git passes the path alone.
    if f.len() == 1 {
        return ExitCode::SUCCESS;
    }
    if f.len() != 7 {
        return ui.usage(format!("--git cần bảy đối số của git, có {}", f.len()), format!("--git expects git's seven arguments, got {}", f.len()));
    }
    let vi = ui.vi();
    let name = f[0].display().to_string();
    let (old, new) = (&f[1], &f[4]);
    let null = |p: &Path| p == Path::new("/dev/null");
    let bold = |s: String| if ui.out_color() { format!("\x1b[1m{s}\x1b[0m") } else { s };
    outln!("{}", bold(format!("kehoach diff a/{name} b/{name}")));
    let read = |p: &Path| if null(p) { String::new() } else { std::fs::read_to_string(p).unwrap_or_default() };
    let plain = |note: String| {
        outln!("{note}");
        let side = |p: &Path, prefix: &str| if null(p) { "/dev/null".to_string() } else { format!("{prefix}/{name}") };
        let d = words::line_diff(&read(old), &read(new), &side(old, "a"), &side(new, "b"));
        if !d.is_empty() {
            outln!("{}", d.trim_end_matches('\n'));
        }
        ExitCode::SUCCESS
    };
    if null(old) || null(new) {
        let note = match (null(old), vi) {
            (true, true) => "tệp mới",
            (true, false) => "new file",
            (false, true) => "tệp đã xóa",
            (false, false) => "deleted file",
        };
        return plain(note.to_string());
    }
    match (diff::load(old), diff::load(new)) {
        (Ok(o), Ok(n)) => {
            let changes = diff::compare(&o, &n, ui.lang);
            outln!("{}", format::text(&changes, ui.lang, ui.out_color()).trim_end_matches('\n'));
            ExitCode::SUCCESS
        }
        (o, n) => {
            // The first problem, without the name of git's temporary file.
            let why = o.err().or(n.err()).and_then(|d| d.first().cloned()).map(|d| {
                let at = d.pos.map(|p| format!("{} {}: ", if vi { "dòng" } else { "line" }, p.line)).unwrap_or_default();
                let path = if d.path.is_empty() { String::new() } else { format!("{}: ", d.path) };
                format!("{at}{path}{}", d.msg.text(ui.lang))
            });
            let why = why.unwrap_or_default();
            plain(if vi {
                format!("không đọc được như một kế hoạch ({why}): so sánh từng dòng")
            } else {
                format!("not readable as a plan ({why}): a line diff")
            })
        }
    }
}
