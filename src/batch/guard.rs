//! A panic inside one plan's render becomes that plan's failure, never the process's end.
//!
//! The PDF writer under Typst has panicked on input validation let through; the
//! guard catches it, keeps its message for the report and keeps the default
//! hook from printing a backtrace in the middle of a batch's output.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};

thread_local! {
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    static MESSAGE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the process-wide hook that stays quiet for guarded panics (call once, from main).
pub fn install_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if GUARDED.with(Cell::get) {
            let what = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".into());
            let at = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
            MESSAGE.with(|m| *m.borrow_mut() = Some(format!("{what}{at}")));
        } else {
            default(info);
        }
    }));
}

/// Runs `f`; a panic comes back as `Err(message)`.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was = GUARDED.with(|g| g.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| {
        MESSAGE.with(|m| m.borrow_mut().take()).unwrap_or_else(|| {
            payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_else(|| "panic".into())
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_is_a_value() {
        super::install_hook();
        assert_eq!(super::catch(|| 2 + 2), Ok(4));
        let e = super::catch(|| -> u32 { panic!("boom {}", 7) }).unwrap_err();
        assert!(e.starts_with("boom 7"), "{e}");
    }
}
