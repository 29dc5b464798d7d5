//! Output naming and atomic writes: the only module that writes plan output to disk.
//!
//! Names derived from data are transliterated to ASCII (`Xã Bờ Y` → `xa-bo-y`):
//! Vietnamese letters in file names break in zip archives, on Windows code
//! pages and between NFC and NFD file systems (macOS), which is where a
//! province office's files travel. No separator, `..` or absolute path can
//! survive, and a repeated name gets `-2`, `-3` in input order.
//!
//! A plan's files are written all or none: each goes first to an exclusive
//! temporary file with an unpredictable name beside its target (so a planted
//! file or symlink is never written through), then all are renamed into place;
//! if any step fails, what was already put in place for that plan is removed.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;
use unicode_normalization::UnicodeNormalization;

/// Temporary files are `.kehoach-<pid>-<random>.tmp` beside the file being written.
const TEMP_PREFIX: &str = ".kehoach-";
const TEMP_SUFFIX: &str = ".tmp";

/// A file that could not be written, and why.
#[derive(Debug)]
pub struct WriteError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl From<WriteError> for crate::diag::Failure {
    fn from(e: WriteError) -> Self {
        crate::diag::Failure::Write { kind: crate::diag::IoKind::of(&e.error), detail: e.error.to_string(), path: e.path }
    }
}

/// Writes one file atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_all(&[(path.to_path_buf(), bytes)])
}

/// Writes every file of one plan, or none of them.
pub fn write_all<B: AsRef<[u8]>>(files: &[(PathBuf, B)]) -> Result<(), WriteError> {
    let fail = |path: &Path, error| WriteError { path: path.to_path_buf(), error };
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| fail(path, e))?;
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
            .suffix(TEMP_SUFFIX)
            .tempfile_in(dir)
            .map_err(|e| fail(path, e))?;
        tmp.write_all(bytes.as_ref()).map_err(|e| fail(path, e))?;
        staged.push((tmp, path));
    }
    // To the disk, all at once: each wait is the disk's, and one plan's files wait together.
    let synced: Vec<std::io::Result<()>> = std::thread::scope(|s| {
        let waits: Vec<_> = staged.iter().map(|(tmp, _)| s.spawn(|| tmp.as_file().sync_all())).collect();
        waits.into_iter().map(|w| w.join().unwrap_or_else(|_| Err(std::io::Error::other("sync")))).collect()
    });
    for ((_, path), r) in staged.iter().zip(synced) {
        r.map_err(|e| fail(path, e))?;
    }
    // Every file is on disk; now put them in place, undoing this plan's renames on failure.
    let mut placed: Vec<&Path> = Vec::new();
    for (tmp, path) in staged {
        if let Err(e) = tmp.persist(path) {
            for p in placed {
                let _ = std::fs::remove_file(p);
            }
            return Err(fail(path, e.error));
        }
        placed.push(path);
    }
    Ok(())
}

/// Removes kehoach's temporary files in `dir` left by runs that were killed: older than
/// `started` and made by a process that is gone (or by this one). Called at an orderly stop.
pub fn remove_stale_temps(dir: &Path, started: SystemTime) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let me = std::process::id();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(pid) =
            name.strip_prefix(TEMP_PREFIX).filter(|_| name.ends_with(TEMP_SUFFIX)).and_then(|r| r.split('-').next()).and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        let old = e.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < started);
        let gone = pid == me || !Path::new(&format!("/proc/{pid}")).exists();
        if old && gone && e.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A file-name stem from any text: ASCII letters and digits joined by `-`, at most 80 characters.
pub fn safe_name(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfd() {
        let c = match c {
            'đ' => 'd',
            'Đ' => 'd',
            c if ('\u{300}'..='\u{36f}').contains(&c) => continue,
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(80).collect();
    out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        out = "ke-hoach".into();
    }
    // Names Windows reserves for devices.
    const RESERVED: [&str; 22] = [
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6",
        "lpt7", "lpt8", "lpt9",
    ];
    if RESERVED.contains(&out.as_str()) {
        out.push_str("-1");
    }
    out
}

/// Hands out names, never the same one twice (case-insensitively).
#[derive(Default)]
pub struct Names {
    used: HashSet<String>,
}

impl Names {
    pub fn claim(&mut self, wanted: &str) -> String {
        let base = safe_name(wanted);
        let mut name = base.clone();
        let mut n = 1;
        while !self.used.insert(name.to_lowercase()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe() {
        assert_eq!(safe_name("Xã Bờ Y - Quảng Ngãi"), "xa-bo-y-quang-ngai");
        assert_eq!(safe_name("Phường Đông Hải"), "phuong-dong-hai");
        assert_eq!(safe_name("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_name("/abs/path\\win"), "abs-path-win");
        assert_eq!(safe_name("..."), "ke-hoach");
        assert_eq!(safe_name("CON"), "con-1");
        assert!(safe_name(&"dài ".repeat(100)).len() <= 80);
    }

    #[test]
    fn a_planted_symlink_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep").unwrap();
        let target = dir.path().join("plan.pdf");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        write_atomic(&target, b"pdf").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert!(!std::fs::symlink_metadata(&target).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"pdf");
    }

    #[test]
    fn a_plan_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        // The DOCX cannot be put in place (a folder has its name): the PDF must not stay.
        std::fs::create_dir(dir.path().join("x.docx")).unwrap();
        std::fs::write(dir.path().join("x.docx/inside"), "").unwrap();
        let files = [(dir.path().join("x.pdf"), b"pdf".to_vec()), (dir.path().join("x.docx"), b"docx".to_vec())];
        let e = write_all(&files).unwrap_err();
        assert_eq!(e.path, dir.path().join("x.docx"));
        assert!(!dir.path().join("x.pdf").exists());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("x.docx")], "no temporary file left");
    }

    #[test]
    fn stale_temps_of_dead_runs_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join(".kehoach-999999999-abc.tmp");
        let other = dir.path().join(".other.tmp");
        std::fs::write(&stale, "").unwrap();
        std::fs::write(&other, "").unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        remove_stale_temps(dir.path(), SystemTime::now());
        assert!(!stale.exists());
        assert!(other.exists(), "only kehoach's own pattern");
    }

    #[test]
    fn repeated_names_get_a_suffix() {
        let mut n = Names::default();
        assert_eq!(n.claim("Xã An Phú"), "xa-an-phu");
        assert_eq!(n.claim("Xã An Phú"), "xa-an-phu-2");
        assert_eq!(n.claim("XÃ AN PHÚ"), "xa-an-phu-3");
        assert_eq!(n.claim("xa-an-phu-2"), "xa-an-phu-2-2");
    }
}
