//! Output naming and atomic writes: the only module that writes plan output to disk.
//!
//! Names derived from data are transliterated to ASCII (`Xã Bờ Y` → `xa-bo-y`):
//! Vietnamese letters in file names break in zip archives, on Windows code
//! pages and between NFC and NFD file systems (macOS), which is where a
//! province office's files travel. No separator, `..` or absolute path can
//! survive, and a repeated name gets `-2`, `-3` in input order.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Writes `bytes` to `path` through a temporary file in the same folder, synced and renamed,
/// so a reader (or a crash) never sees a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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
    fn repeated_names_get_a_suffix() {
        let mut n = Names::default();
        assert_eq!(n.claim("Xã An Phú"), "xa-an-phu");
        assert_eq!(n.claim("Xã An Phú"), "xa-an-phu-2");
        assert_eq!(n.claim("XÃ AN PHÚ"), "xa-an-phu-3");
        assert_eq!(n.claim("xa-an-phu-2"), "xa-an-phu-2-2");
    }
}
