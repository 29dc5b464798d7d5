//! `kehoach batch`: a shared plan for every row of a data file, or every plan under a folder.

use super::*;
use indicatif::{ProgressBar, ProgressStyle};
use kehoach::batch::output::Names;
use std::io::IsTerminal;
use std::sync::atomic::AtomicUsize;
use std::time::Instant;

pub fn batch(a: BatchArgs, ui: &Ui) -> ExitCode {
    let lang = ui.lang;
    let started = Instant::now();
    let started_at = std::time::SystemTime::now();
    stop_on_signals();
    let mut names = Names::default();
    if !a.input.exists() {
        return ui.usage(format!("{}: không có tệp hoặc thư mục này", a.input.display()), format!("{}: no such file or folder", a.input.display()));
    }
    let found = match (&a.data, a.input.is_dir()) {
        (Some(data), false) => {
            if !data.exists() {
                return ui.usage(format!("--data {}: không có tệp này", data.display()), format!("--data {}: no such file", data.display()));
            }
            let spec = jobs::DataSpec { path: data, sheet: a.sheet.as_deref(), name_column: &a.name_column };
            jobs::jobs_from_data(&a.input, &spec, &mut names).map_err(|d| {
                // A data file that cannot be used is a usage error; a broken shared plan is an invalid plan.
                let code = if d.iter().any(|x| spec.owns(x)) { USAGE } else { INVALID };
                (d, code)
            })
        }
        (None, true) => match jobs::jobs_from_dir(&a.input, &a.name_column, &mut names) {
            Ok((j, _)) if j.is_empty() => {
                return ui.usage(
                    format!("{}: thư mục không có tệp kế hoạch .yaml nào", a.input.display()),
                    format!("{}: the folder holds no .yaml plan", a.input.display()),
                )
            }
            Ok(found) => Ok(found),
            Err(e) => {
                return ui.usage(format!("{}: không đọc được thư mục ({e})", a.input.display()), format!("{}: cannot read the folder ({e})", a.input.display()))
            }
        },
        (Some(_), true) => {
            return ui.usage(
                "--data đi với một tệp kế hoạch dùng chung, không phải một thư mục".into(),
                "--data goes with one shared plan file, not a folder".into(),
            )
        }
        (None, false) => {
            return ui.usage(
                format!("{}: kế hoạch dùng chung cần --data TỆP (hoặc đưa vào một thư mục các kế hoạch)", a.input.display()),
                format!("{}: a shared plan needs --data FILE (or give a folder of plans)", a.input.display()),
            )
        }
    };
    let jobs = match found {
        Ok((j, warnings)) => {
            if !a.quiet {
                ui.diags(&warnings);
            }
            j
        }
        Err((d, code)) => {
            ui.diags(&d);
            return ExitCode::from(code);
        }
    };
    let cfg = match pool_config(&a.output, ui) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let total = jobs.len();
    let bar = (!a.quiet && !ui.json && std::io::stderr().is_terminal()).then(|| progress_bar(total as u64, lang));
    let failures = AtomicUsize::new(0);
    let count = AtomicUsize::new(0);
    let plain = !a.quiet && !ui.json && bar.is_none();
    let on_done = |d: &Done| {
        let k = count.fetch_add(1, Ordering::SeqCst) + 1;
        if !matches!(d.outcome, Outcome::Rendered { .. } | Outcome::Cancelled) {
            let n = failures.fetch_add(1, Ordering::SeqCst) + 1;
            if let Some(b) = &bar {
                b.set_message(if lang == Lang::Vi { format!("· lỗi {n}") } else { format!("· failed {n}") });
            }
        }
        if let Some(b) = &bar {
            b.inc(1);
        } else if plain {
            let state = match (&d.outcome, lang) {
                (Outcome::Rendered { .. }, _) => "ok",
                (Outcome::Cancelled, Lang::Vi) => "đã dừng",
                (Outcome::Cancelled, Lang::En) => "stopped",
                (_, Lang::Vi) => "LỖI",
                (_, Lang::En) => "FAILED",
            };
            errln!("[{k}/{total}] {}: {state}", d.label);
        }
    };
    // The calendar comes from the valid plan, here; the workers only lay out.
    let calendar = |v: &kehoach::plan::validate::ValidPlan| -> pipeline::Files {
        if !a.lich {
            return Vec::new();
        }
        let tasks = kehoach::calendar::Tasks::of(v);
        vec![("ics".to_string(), kehoach::calendar::ics::bytes(&tasks, &kehoach::calendar::ics::name(&tasks, None)))]
    };
    let done = jobs::run_with(jobs, &a.output.out, &cfg, threads(a.output.jobs), &CANCEL, &on_done, &calendar);
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    // Failures in input order, each whole; then the summary.
    for d in &done {
        report(d, ui, false, a.quiet);
    }
    let secs = started.elapsed().as_secs_f64();
    let rendered = done.iter().filter(|d| matches!(d.outcome, Outcome::Rendered { .. })).count();
    let cancelled = done.iter().filter(|d| matches!(d.outcome, Outcome::Cancelled)).count();
    let failed = total - rendered - cancelled;
    let rate = rendered as f64 / secs.max(1e-9);
    let stopped = if cancelled > 0 {
        match lang {
            Lang::Vi => format!(", dừng trước {cancelled}"),
            Lang::En => format!(", not started {cancelled}"),
        }
    } else {
        String::new()
    };
    match lang {
        Lang::Vi => errln!("Đã tạo {rendered}, lỗi {failed}{stopped}, {} giây, {} kế hoạch/giây", comma(secs), comma(rate)),
        Lang::En => errln!("Rendered {rendered}, failed {failed}{stopped}, {secs:.1} s, {rate:.1} plans/s"),
    }
    if failed > 0 {
        let list: Vec<&str> = done.iter().filter(|d| !matches!(d.outcome, Outcome::Rendered { .. } | Outcome::Cancelled)).map(|d| d.label.as_str()).collect();
        errln!("{}: {}", if lang == Lang::Vi { "Lỗi" } else { "Failed" }, list.join(", "));
    }
    // The slowest plans, where there are enough for it to tell something.
    if !a.quiet && done.len() >= 5 {
        let slow: Vec<String> = kehoach::batch::report::slowest(&done, 3)
            .iter()
            .map(|d| match lang {
                Lang::Vi => format!("{} ({} giây)", d.label, comma2(d.elapsed.as_secs_f64())),
                Lang::En => format!("{} ({:.2} s)", d.label, d.elapsed.as_secs_f64()),
            })
            .collect();
        errln!("{}: {}", if lang == Lang::Vi { "Chậm nhất" } else { "Slowest" }, slow.join(", "));
    }
    if let Some(path) = &a.report {
        let bytes = kehoach::batch::report::json(&done, secs, lang);
        if let Err(e) = kehoach::batch::output::write_all(&[(path.clone(), bytes)]) {
            ui.failure(&path.display().to_string(), &e.into());
            return ExitCode::from(FAILED);
        }
    }
    ui.summary();
    kehoach::batch::output::remove_stale_temps(&a.output.out, started_at);
    status(&done)
}

/// One decimal, the Vietnamese way: `18,8`.
fn comma(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// Two decimals, the Vietnamese way: `0,05`.
fn comma2(x: f64) -> String {
    format!("{x:.2}").replace('.', ",")
}

/// A duration as a clerk says it: `còn khoảng 1 phút`, `about 20 s left`.
fn left(d: std::time::Duration, lang: Lang) -> String {
    let s = d.as_secs();
    match (lang, s) {
        (Lang::Vi, 0..=59) => format!("còn khoảng {s} giây"),
        (Lang::Vi, _) => format!("còn khoảng {} phút", (s + 30) / 60),
        (Lang::En, 0..=59) => format!("about {s} s left"),
        (Lang::En, _) => format!("about {} min left", (s + 30) / 60),
    }
}

/// The bar, the count, the rate, the time left and the failures so far, in the clerk's language.
fn progress_bar(total: u64, lang: Lang) -> ProgressBar {
    let b = ProgressBar::new(total);
    let style = ProgressStyle::with_template("{bar:40} {pos}/{len} · {rate_vi} · {left} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key("rate_vi", move |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let r = s.per_sec();
            let _ = match lang {
                Lang::Vi => write!(w, "{} kế hoạch/giây", comma(r)),
                Lang::En => write!(w, "{r:.1} plans/s"),
            };
        })
        .with_key("left", move |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{}", left(s.eta(), lang));
        });
    b.set_style(style);
    b
}
