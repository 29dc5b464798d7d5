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
    /// Read a Word document (.docx) back into a plan (YAML), its structure recognised.
    Import(ImportArgs),
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
    /// Plans rendered at once (default: one more than the cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Print nothing but errors and the summary (no progress, no warnings).
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub output: Output,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// Plan files, or folders whose *.yaml files are plans.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The Word document (.docx).
    pub file: PathBuf,
    /// The plan to write (default: beside the document, with .yaml).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Replace the plan file if it exists.
    #[arg(long)]
    pub force: bool,
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
