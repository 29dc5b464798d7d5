//! The `kehoach` binary: parse arguments, run the command, print, exit.
//! Exit status: 0 done, 1 invalid plan, 2 usage, 3 render or write failure.

mod cli;
mod cmd;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    cmd::execute(cli)
}
