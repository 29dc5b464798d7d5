//! The `kehoach` binary: parse arguments, run the command, print, exit.
//! Exit status: 0 done, 1 invalid plan, 2 usage, 3 render or write failure.

mod cli;

use clap::Parser;
use std::process::ExitCode;

// jemalloc: Typst allocates heavily from several threads; measured on the 1,000-plan
// batch, 35.9 plans/s against 28.2 with the system allocator (docs/performance.md).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    kehoach::batch::guard::install_hook();
    let cli = cli::args::Cli::parse();
    cli::cmd::execute(cli)
}
