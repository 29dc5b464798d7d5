//! Which of a few files changed, from the file system's events (`notify`).
//!
//! The parent folders are watched, not the files: editors that save by writing
//! a new file and renaming it over the old one (vim, many IDEs) replace the
//! watched inode, and a watch on the file itself would go quiet after the
//! first save. A burst of events (write, truncate, rename) is one change:
//! `wait` returns once the folder has been quiet for `DEBOUNCE`.

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::Duration;

/// How long the folder must be quiet before a change counts.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

pub struct Watcher {
    _inner: RecommendedWatcher,
    events: Receiver<PathBuf>,
    files: Vec<PathBuf>,
}

impl Watcher {
    /// Watches the folders of `files` (absolute paths).
    pub fn new(files: &[PathBuf]) -> std::io::Result<Watcher> {
        let (tx, events) = channel();
        let mut inner = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            if let Ok(ev) = res {
                if matches!(ev.kind, EventKind::Access(_)) {
                    return;
                }
                for p in ev.paths {
                    let _ = tx.send(p);
                }
            }
        })
        .map_err(std::io::Error::other)?;
        let files: Vec<PathBuf> = files.iter().map(|f| std::path::absolute(f).unwrap_or_else(|_| f.clone())).collect();
        let dirs: BTreeSet<PathBuf> = files.iter().map(|f| f.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))).collect();
        for d in &dirs {
            inner.watch(d, RecursiveMode::NonRecursive).map_err(std::io::Error::other)?;
        }
        Ok(Watcher { _inner: inner, events, files })
    }

    /// Blocks until at least one file changed and things went quiet; returns the files that changed.
    /// Empty only when the watcher stopped.
    pub fn wait(&self) -> Vec<PathBuf> {
        loop {
            match self.wait_timeout(Duration::from_secs(3600)) {
                Some(v) if !v.is_empty() => return v,
                Some(_) => continue,
                None => return Vec::new(),
            }
        }
    }

    /// As `wait`, but gives up after `timeout` with an empty list; `None` when the watcher stopped.
    pub fn wait_timeout(&self, timeout: Duration) -> Option<Vec<PathBuf>> {
        let mut changed = BTreeSet::new();
        let first = match self.events.recv_timeout(timeout) {
            Ok(p) => p,
            Err(RecvTimeoutError::Timeout) => return Some(Vec::new()),
            Err(RecvTimeoutError::Disconnected) => return None,
        };
        self.note(&first, &mut changed);
        loop {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(p) => self.note(&p, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        Some(changed.into_iter().collect())
    }

    fn note(&self, event_path: &Path, changed: &mut BTreeSet<PathBuf>) {
        for f in &self.files {
            if same_file(event_path, f) {
                changed.insert(f.clone());
            }
        }
    }
}

/// An event's path names the watched file: same folder (as the watcher reports it) and same name.
fn same_file(event: &Path, file: &Path) -> bool {
    if event.file_name() != file.file_name() {
        return false;
    }
    match (event.parent(), file.parent()) {
        (Some(a), Some(b)) => a == b || std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok(),
        _ => false,
    }
}
