//! Help and usage errors in the clerk's language: Vietnamese by default, English with
//! `--lang en` or an English `LANG`. clap has no translations, so its headings, its
//! own flags' help and its usage errors are replaced here; the argument help is
//! written in Vietnamese in `args` and given in English by the table below.

use super::args::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::CommandFactory;
use kehoach::diag::Lang;

/// The language for help, decided before the arguments are parsed.
pub fn lang_of(args: &[String]) -> Lang {
    for (i, a) in args.iter().enumerate() {
        let value = a.strip_prefix("--lang=").or_else(|| (a == "--lang").then(|| args.get(i + 1).map(String::as_str)).flatten());
        match value {
            Some("en") => return Lang::En,
            Some("vi") => return Lang::Vi,
            _ => {}
        }
    }
    let env_en = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|k| std::env::var(k).ok()).find(|v| !v.is_empty()).is_some_and(|v| v.starts_with("en"));
    if env_en {
        Lang::En
    } else {
        Lang::Vi
    }
}

/// English help, by subcommand and argument id ("" for the top level or the subcommand itself).
const EN: &[(&str, &str, &str)] = &[
    ("", "", "Commune plans (KẾ HOẠCH): YAML → PDF and DOCX in the layout of Decree 30/2020/NĐ-CP"),
    ("", "lang", "Language of messages (vi: Vietnamese, en: English)"),
    ("", "color", "Colour messages: auto (on a terminal, unless NO_COLOR is set), always, never"),
    ("", "message_format", "Messages as human (to read) or json (one JSON object per line, for editors and CI)"),
    ("render", "", "Render plans (files, or folders of .yaml files) to PDF and DOCX"),
    ("render", "files", "Plan files, or folders whose .yaml files are plans; `-` reads standard input"),
    ("render", "name", "Output name when the plan is read from standard input (`-`)"),
    ("render", "watch", "Watch the files: render again on every save, until Ctrl-C"),
    ("preview", "", "Preview the plan in a browser, redrawn on every save (on this machine only: 127.0.0.1)"),
    ("preview", "file", "The plan file"),
    ("preview", "port", "Port on 127.0.0.1 (0: any free port)"),
    ("preview", "open", "Open the preview page in the browser"),
    ("validate", "", "Check plans without rendering"),
    ("validate", "files", "Plan files, or folders whose .yaml files are plans; `-` reads standard input"),
    ("batch", "", "Render many plans: a shared plan for every row of a data file, or every plan under a folder"),
    ("batch", "input", "The shared plan (with --data), or a folder of plans"),
    ("batch", "data", "Values for the shared plan: CSV with a header row, or a YAML list; one plan per row"),
    ("batch", "name_column", "The data column that names each output file (made ASCII and unique)"),
    ("batch", "quiet", "Print only errors and the summary (no progress, no warnings)"),
    ("lich", "", "The plan's task calendar (iCalendar): each task with a due date is an event on that day (Google Calendar, Outlook, Thunderbird)"),
    ("lich", "plan", "The plan file"),
    ("lich", "out", "The calendar file to write (default: output/<plan's name>.ics)"),
    (
        "lich",
        "chu_tri",
        "Only the tasks this agency leads (case and spacing ignored; a task with several leads separated by \",\" or \";\" matches any of them)",
    ),
    ("nhiem-vu", "", "The task register for follow-up: one row per task (XLSX, CSV or JSON); with --data, one register for a whole batch"),
    ("nhiem-vu", "plan", "The plan file (with --data: the shared plan)"),
    ("nhiem-vu", "format", "Register format: xlsx, csv or json"),
    ("nhiem-vu", "out", "The file to write (default: output/<plan's name>-nhiem-vu.<format>)"),
    ("nhiem-vu", "data", "A batch's data file: one register of every row's tasks, the commune's name first"),
    ("nhiem-vu", "name_column", "The data column that names each commune in the register"),
    (
        "import",
        "",
        "Read a Word document (.docx) back into a plan (YAML), its structure recognised: header, căn cứ, numbering, tables, recipients, signature, appendices",
    ),
    ("import", "file", "The Word document (.docx)"),
    ("import", "output", "The plan file to write (default: beside the document, with .yaml)"),
    ("import", "force", "Replace the plan file if it exists"),
    ("new", "", "Start a plan to draft: every usual part of a commune plan, each key commented (or from last year's plan with --tu)"),
    ("new", "file", "The plan file to create (.yaml); an existing file is never overwritten"),
    ("new", "co_quan", "The commune, as in the header's second line, e.g. \"Xã Tân Phú\""),
    ("new", "tinh", "The province, e.g. \"Tỉnh Quảng Trị\" (in the căn cứ and the recipients)"),
    ("new", "tu", "Start from an existing plan (last year's): number removed, date made this month/year, all else kept"),
    ("schema", "", "Print the JSON Schema of the plan format, for editors (errors as you type, key completion)"),
    ("schema", "out", "Write the schema to this file instead of printing it"),
    ("diff", "", "Compare two versions of a plan: which tasks, targets, parts, paragraphs, table rows, recipients, appendices were added, removed, moved or changed, and how"),
    ("diff", "files", "The old and the new version of the plan (with --git: the seven arguments git passes to an external diff driver)"),
    ("diff", "format", "Output: text (one line per change), markdown (for a pull-request comment), json, docx (the new plan with tracked changes) or pdf (the new plan with its changes marked)"),
    ("diff", "out", "The file to write (default: standard output; docx and pdf need --out)"),
    ("diff", "git", "Run as git's external diff driver (diff.kehoach.command): take git's seven arguments, always exit 0"),
    ("completions", "", "Print shell completions (bash, zsh, fish, powershell)"),
    ("completions", "shell", "The shell to complete for"),
    ("*", "out", "Output folder"),
    ("*", "format", "Files to write: pdf, docx or all"),
    ("*", "template", "A folder whose main.typ, lib.typ, style.json replace the built-in template's"),
    ("*", "no_system_fonts", "Use only the bundled fonts, even where Times New Roman is installed"),
    ("*", "jobs", "Plans rendered at once, each in its own worker process (default: the cores)"),
    ("*", "timeout", "Seconds one plan may take to lay out before it is stopped"),
    ("*", "max_memory", "Memory one plan may use before it is stopped: 2G, 500M, or megabytes"),
];

/// Examples and exit codes under each subcommand's help.
fn after_help(sub: &str, lang: Lang) -> Option<String> {
    let vi = lang == Lang::Vi;
    let (ex_vi, ex_en) = match sub {
        "render" => (
            "kehoach render plans/ --out output/\n  kehoach render ke-hoach.yaml --format pdf\n  kehoach render ke-hoach.yaml --watch",
            "kehoach render plans/ --out output/\n  kehoach render plan.yaml --format pdf\n  kehoach render plan.yaml --watch",
        ),
        "validate" => (
            "kehoach validate ke-hoach.yaml\n  kehoach validate plans/ --message-format json",
            "kehoach validate plan.yaml\n  kehoach validate plans/ --message-format json",
        ),
        "batch" => (
            "kehoach batch plans/batch/ke-hoach.yaml --data plans/batch/xa.csv --out output/batch",
            "kehoach batch plans/batch/ke-hoach.yaml --data plans/batch/xa.csv --out output/batch",
        ),
        "lich" => (
            "kehoach lich ke-hoach.yaml --out lich.ics\n  kehoach lich ke-hoach.yaml --chu-tri \"Công an xã\"",
            "kehoach lich plan.yaml --out tasks.ics\n  kehoach lich plan.yaml --chu-tri \"Công an xã\"",
        ),
        "nhiem-vu" => (
            "kehoach nhiem-vu ke-hoach.yaml\n  kehoach nhiem-vu plans/batch/ke-hoach.yaml --data plans/batch/xa.csv --format csv",
            "kehoach nhiem-vu plan.yaml\n  kehoach nhiem-vu plans/batch/ke-hoach.yaml --data plans/batch/xa.csv --format csv",
        ),
        "preview" => (
            "kehoach preview ke-hoach.yaml --open\n  kehoach preview ke-hoach.yaml --port 8080",
            "kehoach preview plan.yaml --open\n  kehoach preview plan.yaml --port 8080",
        ),
        "import" => ("kehoach import KE-HOACH-2025.docx -o plans/ke-hoach-2026.yaml", "kehoach import PLAN-2025.docx -o plans/plan-2026.yaml"),
        "new" => (
            "kehoach new ke-hoach-2026.yaml --co-quan \"Xã Tân Phú\" --tinh \"Tỉnh Quảng Trị\"\n  kehoach new ke-hoach-2026.yaml --tu ke-hoach-2025.yaml",
            "kehoach new plan-2026.yaml --co-quan \"Xã Tân Phú\" --tinh \"Tỉnh Quảng Trị\"\n  kehoach new plan-2026.yaml --tu plan-2025.yaml",
        ),
        "schema" => ("kehoach schema --out kehoach.schema.json", "kehoach schema --out kehoach.schema.json"),
        "diff" => (
            "kehoach diff ke-hoach-cu.yaml ke-hoach-moi.yaml\n  kehoach diff cu.yaml moi.yaml --format markdown --out thay-doi.md\n  kehoach diff cu.yaml moi.yaml --format docx --out so-sanh.docx\n  git config diff.kehoach.command 'kehoach diff --git'",
            "kehoach diff old-plan.yaml new-plan.yaml\n  kehoach diff old.yaml new.yaml --format markdown --out changes.md\n  kehoach diff old.yaml new.yaml --format docx --out redline.docx\n  git config diff.kehoach.command 'kehoach diff --git'",
        ),
        "completions" => (
            "kehoach completions bash > ~/.local/share/bash-completion/completions/kehoach",
            "kehoach completions bash > ~/.local/share/bash-completion/completions/kehoach",
        ),
        _ => return None,
    };
    if sub == "diff" {
        return Some(if vi {
            format!("Ví dụ:\n  {ex_vi}\n\nMã thoát: 0 không có thay đổi, 1 có thay đổi, 2 có trục trặc (kế hoạch không hợp lệ, không đọc được tệp, dùng lệnh sai); với --git luôn là 0")
        } else {
            format!("Examples:\n  {ex_en}\n\nExit status: 0 no change, 1 changes, 2 trouble (an invalid plan, an unreadable file, a usage error); always 0 with --git")
        });
    }
    Some(if vi {
        format!("Ví dụ:\n  {ex_vi}\n\nMã thoát: 0 xong, 1 kế hoạch không hợp lệ, 2 dùng lệnh sai, 3 không dựng hoặc không ghi được, 130 bị dừng (Ctrl-C)")
    } else {
        format!("Examples:\n  {ex_en}\n\nExit status: 0 done, 1 invalid plan, 2 usage error, 3 render or write failure, 130 interrupted (Ctrl-C)")
    })
}

fn template(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}",
        Lang::En => "{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}",
    }
}

fn localise(mut cmd: clap::Command, sub: &str, lang: Lang) -> clap::Command {
    let vi = lang == Lang::Vi;
    let (commands, options, arguments) = if vi { ("Lệnh", "Tùy chọn", "Đối số") } else { ("Commands", "Options", "Arguments") };
    cmd = cmd.help_template(template(lang)).subcommand_help_heading(commands).disable_help_subcommand(true).disable_help_flag(true);
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id.as_str(), |mut a| {
            a = if a.is_positional() { a.help_heading(arguments) } else { a.help_heading(options) };
            let mut help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
            if !vi {
                if let Some((_, _, en)) = EN.iter().find(|(s, i, _)| *i == id && (*s == sub || *s == "*" || (s.is_empty() && sub.is_empty()))) {
                    help = en.to_string();
                }
            }
            // clap's own "[default: …] [possible values: …]" are English: say them here instead.
            let values: Vec<String> = a.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_string()).collect();
            let default: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().to_string()).collect();
            if !default.is_empty() && !a.is_positional() {
                help += &if vi { format!(" [mặc định: {}]", default.join(", ")) } else { format!(" [default: {}]", default.join(", ")) };
            }
            if !values.is_empty() && values.len() <= 8 && a.get_action().takes_values() {
                help += &if vi { format!(" [giá trị: {}]", values.join(", ")) } else { format!(" [values: {}]", values.join(", ")) };
            }
            let a = a.help(help);
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    cmd = cmd.arg(
        clap::Arg::new("help").short('h').long("help").action(clap::ArgAction::Help).help(if vi { "In trợ giúp" } else { "Print help" }).help_heading(options),
    );
    if sub.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(if vi { "In phiên bản" } else { "Print version" })
                .help_heading(options),
        );
    }
    if !vi {
        if let Some((_, _, en)) = EN.iter().find(|(s, i, _)| *s == sub && i.is_empty()) {
            cmd = cmd.about(*en);
        }
    }
    if let Some(h) = after_help(sub, lang) {
        cmd = cmd.after_help(h);
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in subs {
        cmd = cmd.mut_subcommand(name.as_str(), |c| localise(c, &name, lang));
    }
    cmd
}

/// The command line definition with help in `lang`.
pub fn command(lang: Lang) -> clap::Command {
    localise(Cli::command(), "", lang)
}

/// A usage error in the clerk's language, as one or two lines and the usage.
pub fn usage_error(e: &clap::Error, cmd: &mut clap::Command, args: &[String], lang: Lang) -> String {
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let valid = get(ContextKind::ValidValue);
    let suggested = get(ContextKind::SuggestedArg).or_else(|| get(ContextKind::SuggestedSubcommand));
    let vi = lang == Lang::Vi;
    let mut msg = match (e.kind(), vi) {
        (ErrorKind::UnknownArgument, true) => format!("không có tùy chọn `{arg}`"),
        (ErrorKind::UnknownArgument, false) => format!("unknown option `{arg}`"),
        (ErrorKind::InvalidSubcommand, true) => format!("không có lệnh `{}`", get(ContextKind::InvalidSubcommand).unwrap_or_default()),
        (ErrorKind::InvalidSubcommand, false) => format!("no command `{}`", get(ContextKind::InvalidSubcommand).unwrap_or_default()),
        (ErrorKind::InvalidValue, true) => format!("giá trị `{value}` không hợp lệ cho {arg}"),
        (ErrorKind::InvalidValue, false) => format!("invalid value `{value}` for {arg}"),
        (ErrorKind::MissingRequiredArgument, true) => format!("thiếu {arg}"),
        (ErrorKind::MissingRequiredArgument, false) => format!("missing {arg}"),
        (ErrorKind::ValueValidation, _) => {
            // Our value parsers say why in both languages: "vi text (en text)".
            let why = std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_default();
            let (why_vi, why_en) =
                why.split_once(" (").map(|(v, en)| (v.to_string(), en.trim_end_matches(')').to_string())).unwrap_or((why.clone(), why.clone()));
            if vi {
                format!("giá trị không hợp lệ cho {arg}: {why_vi}")
            } else {
                format!("invalid value for {arg}: {why_en}")
            }
        }
        (ErrorKind::ArgumentConflict, true) => format!("{arg} không dùng cùng với {}", get(ContextKind::PriorArg).unwrap_or_default()),
        (ErrorKind::ArgumentConflict, false) => format!("{arg} cannot be used with {}", get(ContextKind::PriorArg).unwrap_or_default()),
        (_, true) => "lệnh viết sai".into(),
        (_, false) => e.kind().to_string(),
    };
    if let Some(v) = valid {
        msg += &if vi { format!("; dùng một trong: {v}") } else { format!("; use one of: {v}") };
    }
    if let Some(s) = suggested {
        msg += &if vi { format!("; có phải là `{s}`?") } else { format!("; did you mean `{s}`?") };
    }
    // The usage of the subcommand the clerk typed, if any.
    cmd.build();
    let sub = args.iter().skip(1).find(|a| cmd.find_subcommand(a.as_str()).is_some()).cloned();
    let (usage, more) = match sub.as_deref().and_then(|name| cmd.find_subcommand_mut(name)) {
        Some(c) => (c.render_usage().to_string(), format!("kehoach {} --help", sub.as_deref().unwrap_or(""))),
        None => (cmd.render_usage().to_string(), "kehoach --help".to_string()),
    };
    let usage = usage.trim_start_matches("Usage: ").replace("Usage: ", "");
    let usage = usage.trim();
    if vi {
        format!("lỗi: {msg}\n\nCách dùng: {usage}\n\nXem thêm: {more}")
    } else {
        format!("error: {msg}\n\nUsage: {usage}\n\nFor more: {more}")
    }
}
