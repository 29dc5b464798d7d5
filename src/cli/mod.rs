//! The command line: clap types (`args`), one command each (`cmd`), printing.
//! Only parses, calls the library and prints.

// println!/eprintln! that never panic: when the reader of a pipe goes away
// (`kehoach render plans/ | head -1`), the printing stops, not the work.
macro_rules! outln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($t)*);
    }};
}
macro_rules! errln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($t)*);
    }};
}

pub mod args;
pub mod cmd;
pub mod help;
pub mod ui;
