//! Everything the commands print goes through here: diagnostics (for people, with the
//! source line and a caret, or as JSON lines), usage errors, failures, the files written,
//! and the closing count of errors and warnings.

use kehoach::diag::{summary, Diagnostic, Failure, Lang, Style};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Ui {
    pub lang: Lang,
    pub json: bool,
    style: Style,
    /// Colour on standard output (results such as `diff`'s), decided as for messages.
    out_color: bool,
    errors: AtomicUsize,
    warnings: AtomicUsize,
}

impl Ui {
    /// `color`: `Some(true)` always, `Some(false)` never, `None` on a terminal without `NO_COLOR`.
    pub fn new(lang: Lang, color: Option<bool>, json: bool) -> Ui {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let out_color = color.unwrap_or_else(|| std::io::stdout().is_terminal() && !no_color);
        let color = color.unwrap_or_else(|| std::io::stderr().is_terminal() && !no_color);
        Ui { lang, json, style: Style { lang, color: color && !json }, out_color, errors: AtomicUsize::new(0), warnings: AtomicUsize::new(0) }
    }

    /// Whether results printed on standard output may be coloured.
    pub fn out_color(&self) -> bool {
        self.out_color
    }

    pub fn vi(&self) -> bool {
        self.lang == Lang::Vi
    }

    /// Diagnostics, each whole: on stderr for people (a blank line between them), or as JSON
    /// lines on stdout.
    pub fn diags(&self, diags: &[Diagnostic]) {
        for d in diags {
            let counter = if d.is_error() { &self.errors } else { &self.warnings };
            counter.fetch_add(1, Ordering::Relaxed);
            if self.json {
                outln!("{}", d.to_json(self.lang));
            } else {
                let text = d.render_styled(self.style);
                errln!("{text}");
                if text.contains('\n') {
                    errln!();
                }
            }
        }
    }

    /// A usage error (exit status 2).
    pub fn usage(&self, vi: String, en: String) -> ExitCode {
        let text = if self.vi() { vi } else { en };
        if self.json {
            outln!("{}", serde_json::json!({"type": "usage", "message": text}));
        } else {
            errln!("{}: {text}", self.label(true));
        }
        ExitCode::from(2)
    }

    /// A plan that could not be rendered or written.
    pub fn failure(&self, what: &str, f: &Failure) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        if self.json {
            outln!("{}", serde_json::json!({"type": "failure", "severity": "error", "file": what, "message": f.text(self.lang)}));
        } else {
            errln!("{what}: {}: {}", self.label(true), f.text(self.lang));
        }
    }

    /// An error about a whole file, not located in a plan (an unreadable or foreign document).
    pub fn error(&self, what: &str, text: &str) {
        self.errors.fetch_add(1, Ordering::Relaxed);
        if self.json {
            outln!("{}", serde_json::json!({"type": "diagnostic", "severity": "error", "file": what, "message": text}));
        } else {
            errln!("{what}: {}: {text}", self.label(true));
        }
    }

    /// A warning about a whole file (what `import` guessed).
    pub fn warning(&self, what: &str, text: &str) {
        self.warnings.fetch_add(1, Ordering::Relaxed);
        if self.json {
            outln!("{}", serde_json::json!({"type": "diagnostic", "severity": "warning", "file": what, "message": text}));
        } else {
            errln!("{what}: {}: {text}", self.label(false));
        }
    }

    /// A file written.
    pub fn wrote(&self, path: &std::path::Path) {
        if self.json {
            outln!("{}", serde_json::json!({"type": "output", "file": path.display().to_string()}));
        } else {
            outln!("{}", path.display());
        }
    }

    /// A plain line of result (on stdout), or its JSON form.
    pub fn result(&self, text: &str, json: serde_json::Value) {
        if self.json {
            outln!("{json}");
        } else {
            outln!("{text}");
        }
    }

    /// `2 lỗi, 1 cảnh báo` at the end, when anything was reported.
    pub fn summary(&self) {
        let (e, w) = (self.errors.load(Ordering::Relaxed), self.warnings.load(Ordering::Relaxed));
        if self.json {
            if e + w > 0 {
                outln!("{}", serde_json::json!({"type": "summary", "errors": e, "warnings": w}));
            }
        } else if let Some(s) = summary(e, w, self.lang) {
            errln!("{s}");
        }
    }

    fn label(&self, error: bool) -> String {
        let word = match (error, self.lang) {
            (true, Lang::Vi) => "lỗi",
            (true, Lang::En) => "error",
            (false, Lang::Vi) => "cảnh báo",
            (false, Lang::En) => "warning",
        };
        if self.style.color {
            format!("\x1b[1;{}m{word}\x1b[0m", if error { 31 } else { 33 })
        } else {
            word.to_string()
        }
    }
}
