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
    let text = match a.format {
        DiffFormat::Text => format::text(&changes, ui.lang, color),
        DiffFormat::Markdown => format::markdown(&changes, ui.lang),
        DiffFormat::Json => format::json(&changes),
    };
    match &a.out {
        Some(path) => {
            if let Err(e) = kehoach::batch::output::write_atomic(path, text.as_bytes()) {
                let failure = kehoach::diag::Failure::Write { kind: kehoach::diag::IoKind::of(&e.error), detail: e.error.to_string(), path: e.path.clone() };
                ui.failure(&path.display().to_string(), &failure);
                return ExitCode::from(TROUBLE);
            }
            ui.wrote(path);
        }
        None => outln!("{}", text.trim_end_matches('\n')),
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
