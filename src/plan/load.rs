//! Bytes → `Source` (checked, normalised text) → `Plan`. The only module that touches serde_yaml.
//!
//! serde_yaml 0.9 is marked deprecated; keeping it behind this one module
//! lets a drop-in fork replace it by changing one `use`.

use crate::diag::{suggest, Diagnostic, Msg, Pos, Severity};
use crate::plan::limits;
use crate::plan::locate::Locator;
use crate::plan::model::Plan;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// A plan (or data) file's text, kept for locating diagnostics.
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    /// Problems found while reading that do not stop it (removed direction marks).
    pub warnings: Vec<Diagnostic>,
    locator: OnceLock<Locator>,
}

/// Characters that reorder text invisibly (Trojan Source): removed on input.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

impl Source {
    /// Reads a file of at most `limit` bytes: UTF-8 checked, BOM and CRLF accepted, NFC.
    pub fn read(path: &Path, limit: u64) -> Result<Source, Diagnostic> {
        let err = |msg| Diagnostic { file: path.to_path_buf(), pos: None, path: String::new(), severity: Severity::Error, msg, context: None };
        let meta = std::fs::metadata(path).map_err(|e| err(Msg::Io(e.to_string())))?;
        if meta.is_dir() {
            return Err(err(Msg::Io("is a directory".into())));
        }
        if meta.len() > limit {
            return Err(err(Msg::TooLarge { bytes: meta.len(), limit }));
        }
        let bytes = std::fs::read(path).map_err(|e| err(Msg::Io(e.to_string())))?;
        Self::from_bytes(path, &bytes, limit)
    }

    pub fn from_bytes(path: &Path, bytes: &[u8], limit: u64) -> Result<Source, Diagnostic> {
        let err = |pos, msg| Diagnostic { file: path.to_path_buf(), pos, path: String::new(), severity: Severity::Error, msg, context: None };
        if bytes.len() as u64 > limit {
            return Err(err(None, Msg::TooLarge { bytes: bytes.len() as u64, limit }));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
                let col = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
                return Err(err(Some(Pos { line, col }), Msg::NotUtf8 { offset: e.valid_up_to() }));
            }
        };
        // Decomposed Vietnamese renders the same but breaks search and copy in the PDF.
        let mut text: String = text.replace("\r\n", "\n").nfc().collect();
        let mut warnings = Vec::new();
        if let Some(at) = text.find(is_bidi_control) {
            let line = text[..at].matches('\n').count() + 1;
            let col = text[..at].rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            let n = text.chars().filter(|&c| is_bidi_control(c)).count();
            text.retain(|c| !is_bidi_control(c));
            warnings.push(Diagnostic {
                file: path.to_path_buf(),
                pos: Some(Pos { line, col }),
                path: String::new(),
                severity: Severity::Warning,
                msg: Msg::BidiRemoved(n),
                context: None,
            });
        }
        Ok(Source { path: path.to_path_buf(), text, warnings, locator: OnceLock::new() })
    }

    /// Positions of every node, built on first use; never before the nesting pre-scan passed
    /// (a hostile nesting would make the scanner quadratic).
    pub fn locator(&self) -> &Locator {
        self.locator.get_or_init(|| if limits::too_deep(&self.text, limits::MAX_DEPTH).is_some() { Locator::default() } else { Locator::new(&self.text) })
    }

    /// A diagnostic at the value of `field`.
    pub fn at(&self, field: &str, severity: Severity, msg: Msg) -> Diagnostic {
        Diagnostic { file: self.path.clone(), pos: self.locator().find(field), path: field.to_string(), severity, msg, context: None }
    }
}

/// Parses the text into a `Plan`; a syntax or type error stops here as one diagnostic.
pub fn parse(src: &Source) -> Result<Plan, Vec<Diagnostic>> {
    nesting(src)?;
    duplicate_keys(src)?;
    if src.text.trim().is_empty() {
        return Err(vec![src.at("", Severity::Error, Msg::Empty)]);
    }
    serde_yaml::from_str::<Plan>(&src.text).map_err(|e| vec![from_serde(src, &e)])
}

/// Refuses nesting deeper than any real plan, in one linear pass before any parser runs.
fn nesting(src: &Source) -> Result<(), Vec<Diagnostic>> {
    match limits::too_deep(&src.text, limits::MAX_DEPTH) {
        None => Ok(()),
        Some((line, col)) => Err(vec![Diagnostic {
            file: src.path.clone(),
            pos: Some(Pos { line, col }),
            path: String::new(),
            severity: Severity::Error,
            msg: Msg::Limit { what: crate::diag::Limit::Depth, found: limits::MAX_DEPTH + 1, limit: limits::MAX_DEPTH },
            context: None,
        }]),
    }
}

/// Every key written twice, where it is (serde_yaml would say 1:1, or keep the last silently).
fn duplicate_keys(src: &Source) -> Result<(), Vec<Diagnostic>> {
    if src.locator().duplicates.is_empty() {
        return Ok(());
    }
    Err(src
        .locator()
        .duplicates
        .iter()
        .map(|(path, pos)| Diagnostic {
            file: src.path.clone(),
            pos: Some(*pos),
            path: path.clone(),
            severity: Severity::Error,
            msg: Msg::DuplicateKey(path.rsplit('.').next().unwrap_or(path).to_string()),
            context: None,
        })
        .collect())
}

/// Turns serde_yaml's English message into a catalogue entry, keeping its position and path.
fn from_serde(src: &Source, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    // "path: message at line L column C"
    let body = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    let (path, message) = split_path(body);
    let mut pos = e.location().map(|l| Pos { line: l.line(), col: l.column() });
    let msg = if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("").to_string();
        let expected: Vec<&str> = rest.split("expected one of ").nth(1).unwrap_or("").split(", ").map(|s| s.trim_matches('`')).collect();
        let field_path = if path.is_empty() { field.clone() } else { format!("{path}.{field}") };
        pos = src.locator().find_key(&field_path).or(pos);
        if field.contains(char::is_whitespace) {
            // No key has a space: this is a sentence whose ": " made YAML see a mapping.
            Msg::ColonInText(field)
        } else {
            Msg::UnknownField { suggestion: suggest(&field, expected.iter().copied()), field }
        }
    } else if let Some(rest) = message.strip_prefix("missing field `") {
        Msg::MissingField(rest.trim_end_matches('`').to_string())
    } else if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        Msg::InvalidType { found: found.to_string(), expected: expected.to_string() }
    } else if message.contains("recursion limit exceeded") || message.contains("repetition limit exceeded") || (e.location().is_some() && path.is_empty()) {
        Msg::Syntax(message.to_string())
    } else {
        Msg::Other(message.to_string())
    };
    Diagnostic { file: src.path.clone(), pos, path: path.to_string(), severity: Severity::Error, msg, context: None }
}

/// Parses batch data written as YAML: a list of mappings, one per plan.
pub fn parse_rows(src: &Source) -> Result<Vec<serde_json::Map<String, serde_json::Value>>, Vec<Diagnostic>> {
    nesting(src)?;
    duplicate_keys(src)?;
    serde_yaml::from_str(&src.text).map_err(|e| vec![from_serde(src, &e)])
}

/// serde_yaml prefixes a message with the field path ("a.b[2]: ..."), unless at the root.
fn split_path(body: &str) -> (&str, &str) {
    if let Some((p, m)) = body.split_once(": ") {
        let looks_like_path = !p.is_empty() && !p.contains(' ') && p.chars().all(|c| c.is_alphanumeric() || "._[]-".contains(c));
        if looks_like_path {
            return (p, m);
        }
    }
    ("", body)
}
