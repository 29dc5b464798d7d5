//! The command line: clap types (`args`), one command each (`cmd`), printing.
//! Only parses, calls the library and prints.

pub mod args;
pub mod cmd;
pub mod help;
pub mod ui;
