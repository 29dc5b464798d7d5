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
}

#[derive(Args, Debug)]
pub struct Common {
    /// Language of messages.
    #[arg(long, value_enum, default_value = "vi")]
    pub lang: LangArg,
}

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// Plan files, or folders whose *.yaml files are plans.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
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
