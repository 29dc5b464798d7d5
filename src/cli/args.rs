//! Command-line arguments (clap derive only).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "kehoach", version, about = "Kế hoạch của UBND xã: YAML → PDF/DOCX theo Nghị định 30/2020/NĐ-CP")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Render plans (files, or folders of *.yaml) to PDF/DOCX.
    Render(RenderArgs),
    /// Check plans without rendering.
    Validate(ValidateArgs),
    /// Render many plans: a shared plan for every row of a data file, or every plan under a folder.
    Batch(BatchArgs),
    /// The plan's tasks as an iCalendar file: each dated task on its due day (Google Calendar, Outlook, Thunderbird).
    Lich(LichArgs),
    /// The task register for follow-up: one row per task (XLSX, CSV or JSON); one register for a whole batch with --data.
    #[command(name = "nhiem-vu")]
    NhiemVu(NhiemVuArgs),
    /// Internal: render views sent over stdin (the worker processes of render and batch).
    #[command(name = "__worker", hide = true)]
    Worker(WorkerArgs),
}

#[derive(Args, Debug)]
pub struct Common {
    /// Language of messages.
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: LangArg,
}

/// What to write and how: shared by render and batch.
#[derive(Args, Debug)]
pub struct Output {
    /// Output folder.
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Which files to write.
    #[arg(long, value_enum, default_value = "all")]
    pub format: FormatArg,
    /// A folder whose main.typ, lib.typ, style.json replace the built-in template's.
    #[arg(long)]
    pub template: Option<PathBuf>,
    /// Use only the bundled fonts, even where Times New Roman is installed.
    #[arg(long)]
    pub no_system_fonts: bool,
    /// Plans rendered at once, each in its own worker process (default: the cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Seconds one plan may take to lay out before it is stopped.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
    /// Memory one plan's worker may use before it is stopped: `2G`, `500M`, or megabytes.
    #[arg(long, default_value = "2G", value_parser = parse_size)]
    pub max_memory: u64,
}

/// `2G`, `500M`, `1500` (megabytes) → bytes.
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim().to_ascii_uppercase();
    let t = t.strip_suffix('B').unwrap_or(&t);
    let (num, mult) = match t.chars().last() {
        Some('G') => (&t[..t.len() - 1], 1u64 << 30),
        Some('M') => (&t[..t.len() - 1], 1u64 << 20),
        Some('K') => (&t[..t.len() - 1], 1u64 << 10),
        _ => (t, 1u64 << 20),
    };
    match num.trim().parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok((v * mult as f64) as u64),
        _ => Err(format!("`{s}`: cần một dung lượng như 2G, 500M (expected a size such as 2G, 500M)")),
    }
}

#[derive(Args, Debug)]
pub struct WorkerArgs {
    #[arg(long, value_enum, default_value = "all")]
    pub format: FormatArg,
    #[arg(long)]
    pub template: Option<PathBuf>,
    #[arg(long)]
    pub no_system_fonts: bool,
}

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// Plan files, or folders whose *.yaml files are plans.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub output: Output,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// The shared plan (with --data), or a folder of plans.
    pub input: PathBuf,
    /// Values for the shared plan: CSV with a header row, or a YAML list of mappings; one plan per row.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// The data column that names each output file (made safe: ASCII, no separators, unique).
    #[arg(long, default_value = "ten_tep")]
    pub name_column: String,
    /// Print nothing but errors and the summary (no progress, no warnings).
    #[arg(long, short)]
    pub quiet: bool,
    /// Also write each plan's task calendar, `<name>.ics`, beside its PDF and DOCX.
    #[arg(long)]
    pub lich: bool,
    #[command(flatten)]
    pub output: Output,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Args, Debug)]
pub struct LichArgs {
    /// The plan.
    pub plan: PathBuf,
    /// The calendar file to write (default: output/<plan>.ics).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Only the tasks this agency leads (case, spaces and accents' encoding do not matter;
    /// a task listing several leads with "," or ";" matches any of them).
    #[arg(long)]
    pub chu_tri: Option<String>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Args, Debug)]
pub struct NhiemVuArgs {
    /// The plan (with --data: the shared plan).
    pub plan: PathBuf,
    /// The register's format.
    #[arg(long, value_enum, default_value = "xlsx")]
    pub format: RegisterArg,
    /// The file to write (default: output/<plan>-nhiem-vu.<format>).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// A batch's data file: one register with every row's tasks, the commune first.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// The data column that names each commune in the register.
    #[arg(long, default_value = "ten_tep")]
    pub name_column: String,
    #[command(flatten)]
    pub common: Common,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum RegisterArg {
    Xlsx,
    Csv,
    Json,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Plan files, or folders whose *.yaml files are plans.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum LangArg {
    Vi,
    En,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum FormatArg {
    Pdf,
    Docx,
    All,
}
