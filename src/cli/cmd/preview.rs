//! `kehoach preview`: the plan's pages in a browser, redrawn on every save.

use super::*;
use kehoach::preview::{Options, Preview};
use kehoach::render::pdf::FontOptions;
use kehoach::render::Templates;

pub fn preview(a: PreviewArgs, ui: &Ui) -> ExitCode {
    if !a.file.is_file() {
        return ui.usage(format!("{}: không có tệp này", a.file.display()), format!("{}: no such file", a.file.display()));
    }
    let templates = match &a.template {
        Some(dir) if !dir.is_dir() => {
            return ui.usage(format!("--template {}: không có thư mục này", dir.display()), format!("--template {}: no such folder", dir.display()))
        }
        Some(dir) => Templates::with_overrides(dir),
        None => Ok(Templates::embedded()),
    };
    let templates = match templates {
        Ok(t) => t,
        Err(e) => {
            ui.failure("--template", &kehoach::diag::Failure::Render(e.0));
            return ExitCode::from(FAILED);
        }
    };
    let opts = Options { file: &a.file, port: a.port, templates: &templates, fonts: FontOptions { system: !a.no_system_fonts }, lang: ui.lang };
    let preview = match Preview::start(opts) {
        Ok(p) => p,
        Err(e) => {
            ui.error(
                &format!("127.0.0.1:{}", a.port),
                &if ui.vi() {
                    format!("không mở được trang xem trước ({e}); thử --port khác")
                } else {
                    format!("cannot start the preview ({e}); try another --port")
                },
            );
            return ExitCode::from(FAILED);
        }
    };
    let url = preview.url();
    ui.result(
        &if ui.vi() { format!("Xem trước tại {url} (Ctrl-C để dừng)") } else { format!("Preview at {url} (Ctrl-C to stop)") },
        serde_json::json!({"type": "preview", "url": url}),
    );
    if a.open {
        open_browser(&url, ui);
    }
    while let Some(u) = preview.next() {
        ui.diags(&u.diagnostics);
        if let Some(f) = &u.failure {
            ui.failure(&a.file.display().to_string(), &kehoach::diag::Failure::Render(f.clone()));
        }
        let ms = u.took.as_millis();
        let text = match (u.ok, ui.vi()) {
            (true, true) => format!("bản {}: {} trang, {} trang đổi, {ms} ms", u.revision, u.pages, u.changed.len()),
            (true, false) => format!("revision {}: {} pages, {} changed, {ms} ms", u.revision, u.pages, u.changed.len()),
            (false, true) => format!("bản {}: {} lỗi; trang xem trước giữ bản hợp lệ gần nhất", u.revision, u.errors()),
            (false, false) => format!("revision {}: {} errors; the preview keeps the last good pages", u.revision, u.errors()),
        };
        ui.result(
            &text,
            serde_json::json!({"type": "revision", "revision": u.revision, "ok": u.ok, "pages": u.pages, "changed": u.changed, "errors": u.errors(), "ms": ms}),
        );
    }
    ExitCode::SUCCESS
}

/// The system's browser, through the desktop's opener.
fn open_browser(url: &str, ui: &Ui) {
    let (prog, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let spawned = std::process::Command::new(prog)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        ui.warning(prog, &if ui.vi() { format!("không mở được trình duyệt ({e}); hãy mở {url}") } else { format!("cannot open a browser ({e}); open {url}") });
    }
}
