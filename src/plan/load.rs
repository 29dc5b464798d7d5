//! Bytes → `Source` (checked, normalised text) → `Plan`. The only module that touches serde_yaml.
//!
//! serde_yaml 0.9 is marked deprecated; keeping it behind this one module
//! lets a drop-in fork replace it by changing one `use`.
//!
//! A clerk gets every problem of a file in one round: the YAML is read into a
//! tree first, then deserialized again and again, each failure recorded and
//! repaired in the tree (an unknown key removed, a missing field or a value of
//! the wrong type replaced by a placeholder) until the plan is whole; the
//! validator then runs on that plan, and what it says about placeholders is
//! dropped. Only a syntax error stops the reading, since nothing after it can
//! be trusted.

use super::{syntax, HOMES};
use crate::diag::msg::{Encoding, Expected, Shape};
use crate::diag::{suggest, Diagnostic, IoKind, Msg, Place, Pos, Severity};
use crate::plan::limits;
use crate::plan::locate::Locator;
use crate::plan::model::Plan;
use crate::plan::place;
use serde_yaml::Value;
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
        let io = |e: &std::io::Error| Diagnostic::error(path, None, Msg::Io { kind: IoKind::of(e), detail: e.to_string() });
        let meta = std::fs::metadata(path).map_err(|e| io(&e))?;
        if meta.is_dir() {
            return Err(Diagnostic::error(path, None, Msg::Io { kind: IoKind::IsAFolder, detail: "is a directory".into() }));
        }
        if meta.len() > limit {
            return Err(Diagnostic::error(path, None, Msg::TooLarge { bytes: meta.len(), limit }));
        }
        let bytes = std::fs::read(path).map_err(|e| io(&e))?;
        Self::from_bytes(path, &bytes, limit)
    }

    pub fn from_bytes(path: &Path, bytes: &[u8], limit: u64) -> Result<Source, Diagnostic> {
        if bytes.len() as u64 > limit {
            return Err(Diagnostic::error(path, None, Msg::TooLarge { bytes: bytes.len() as u64, limit }));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let good = &bytes[..e.valid_up_to()];
                let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
                let col = String::from_utf8_lossy(good.rsplit(|&b| b == b'\n').next().unwrap_or(good)).chars().count() + 1;
                return Err(Diagnostic::error(path, Some(Pos { line, col }), Msg::NotUtf8 { encoding: sniff_encoding(bytes) }));
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
            // The line shown is the cleaned one: the marks would reorder the terminal too.
            warnings.push(Diagnostic::new(path, Some(Pos { line, col }), Severity::Warning, Msg::BidiRemoved(n)).with_line_from(&text));
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
        Diagnostic::new(&self.path, self.locator().find(field), severity, msg).with_path(field)
    }

    /// Adds to diagnostics about this file what a clerk needs to find the place: the source
    /// line, and where the field prints in the document (when the plan is known).
    pub fn complete(&self, diags: &mut [Diagnostic], plan: Option<&Plan>) {
        for d in diags.iter_mut().filter(|d| d.file == self.path) {
            if d.pos.is_none() && !d.path.is_empty() {
                d.pos = self.locator().find(&d.path);
            }
            // A field missing at the top has no line of its own to show.
            let top_level_missing = d.path.is_empty() && matches!(d.msg, Msg::MissingField { .. });
            if d.line_text.is_none() && !top_level_missing {
                d.set_line_from(&self.text);
            }
            if let (None, Some(plan), false) = (&d.place, plan, d.path.is_empty()) {
                let vi = place::describe(plan, &d.path, crate::diag::Lang::Vi);
                let en = place::describe(plan, &d.path, crate::diag::Lang::En);
                if let (Some(vi), Some(en)) = (vi, en) {
                    d.place = Some(Place { vi, en });
                }
            }
        }
    }
}

/// Which encoding bytes that are not UTF-8 were most likely saved in.
fn sniff_encoding(bytes: &[u8]) -> Option<Encoding> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Some(Encoding::Utf16);
    }
    // Every other byte zero: UTF-16 without its mark.
    let zeros = bytes.iter().take(400).filter(|&&b| b == 0).count();
    if zeros * 3 > bytes.len().min(400) {
        return Some(Encoding::Utf16);
    }
    // Windows-1258 writes Vietnamese tones as combining marks (0xCC ̀, 0xD2 ̉, 0xDE ̃, 0xEC ́,
    // 0xF2 ̣) right after a letter; TCVN3 has no combining marks and puts its precomposed
    // lower-case letters in 0xA4-0xFE (0xB5 à, 0xB8 á, 0xAE đ, 0xA9 ơ, 0xAD ư…).
    let marks = bytes.windows(2).filter(|w| w[0].is_ascii_alphabetic() && matches!(w[1], 0xCC | 0xD2 | 0xDE | 0xEC | 0xF2)).count();
    let high = bytes.iter().filter(|&&b| b >= 0x80).count();
    if high == 0 {
        return None;
    }
    if marks * 4 >= high {
        return Some(Encoding::Windows1258);
    }
    let tcvn = bytes.iter().filter(|&&b| (0xA1..=0xFE).contains(&b)).count();
    (tcvn * 10 >= high * 9).then_some(Encoding::Tcvn3)
}

/// A parsed plan, with every structural problem met while reading it and the fields that
/// hold placeholders instead of what the clerk wrote.
pub struct Parsed {
    pub plan: Plan,
    pub problems: Vec<Diagnostic>,
    masked: Vec<String>,
}

impl Parsed {
    /// Whether `path` is a placeholder (or inside one): a later complaint about it says nothing new.
    pub fn is_masked(&self, path: &str) -> bool {
        self.masked.iter().any(|m| under(path, m))
    }
}

fn under(path: &str, root: &str) -> bool {
    path == root || (path.starts_with(root) && matches!(path.as_bytes().get(root.len()), Some(b'.') | Some(b'[')))
}

/// Parses the text into a `Plan`, refusing it on any problem (all of them reported).
pub fn parse(src: &Source) -> Result<Plan, Vec<Diagnostic>> {
    let p = parse_all(src)?;
    if p.problems.is_empty() {
        Ok(p.plan)
    } else {
        Err(p.problems)
    }
}

/// Parses the text into a `Plan`, repairing what it can and recording each problem.
/// `Err` only when no plan can be had: a syntax error, a key written twice, an empty file.
pub fn parse_all(src: &Source) -> Result<Parsed, Vec<Diagnostic>> {
    let value = tree(src)?;
    if value.is_null() {
        return Err(vec![Diagnostic::error(&src.path, Some(Pos { line: 1, col: 1 }), Msg::EmptyFile)]);
    }
    repair(src, value)
}

/// Parses batch data written as YAML: a list of mappings, one per plan.
pub fn parse_rows(src: &Source) -> Result<Vec<serde_json::Map<String, serde_json::Value>>, Vec<Diagnostic>> {
    let value = tree(src)?;
    serde_yaml::from_value(value)
        .map_err(|_| vec![Diagnostic::error(&src.path, Some(Pos { line: 1, col: 1 }), Msg::InvalidType { found: Shape::Mapping, expected: Expected::List })])
}

/// The YAML tree of the text, after the checks no parser may come before.
fn tree(src: &Source) -> Result<Value, Vec<Diagnostic>> {
    if let Some((line, col)) = limits::too_deep(&src.text, limits::MAX_DEPTH) {
        let msg = Msg::Limit { what: crate::diag::Limit::Depth, found: limits::MAX_DEPTH + 1, limit: limits::MAX_DEPTH };
        return Err(vec![Diagnostic::error(&src.path, Some(Pos { line, col }), msg).with_line_from(&src.text)]);
    }
    let parsed = serde_yaml::from_str::<Value>(&src.text);
    // Keys written twice, where they are (serde_yaml would name only the first, at 1:1).
    let loc = src.locator();
    let dups = loc.duplicates.iter().map(|(path, pos)| (path, pos, Msg::DuplicateKey(path.rsplit('.').next().unwrap_or(path).to_string())));
    // A number never prints other than the clerk meant: `15.850` is refused, not printed 15,85.
    let numbers = loc.ambiguous_numbers.iter().map(|(path, pos, text)| (path, pos, Msg::AmbiguousNumber(text.clone())));
    let found: Vec<Diagnostic> =
        dups.chain(numbers).map(|(path, pos, msg)| Diagnostic::error(&src.path, Some(*pos), msg).with_path(path).with_line_from(&src.text)).collect();
    if !found.is_empty() {
        return Err(found);
    }
    parsed.map_err(|e| vec![syntax_error(src, &e)])
}

/// A YAML syntax error, classified by looking at the line it happened on.
fn syntax_error(src: &Source, e: &serde_yaml::Error) -> Diagnostic {
    let message = e.to_string();
    let at = e.location().map(|l| Pos { line: l.line(), col: l.column() });
    let (pos, kind) = syntax::classify(&src.text, &message, at);
    Diagnostic::error(&src.path, Some(pos), Msg::Syntax(kind)).with_line_from(&src.text)
}

/// One step of a path into the YAML tree.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

fn path_string(steps: &[Step]) -> String {
    let mut s = String::new();
    for st in steps {
        match st {
            Step::Key(k) if s.is_empty() => s.push_str(k),
            Step::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

fn node_mut<'a>(mut v: &'a mut Value, steps: &[Step]) -> Option<&'a mut Value> {
    for st in steps {
        v = match (st, v) {
            (Step::Key(k), Value::Mapping(m)) => m.get_mut(k.as_str())?,
            (Step::Index(i), Value::Sequence(s)) => s.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(v)
}

/// Deserializes `value` into a plan, repairing the tree after each failure.
fn repair(src: &Source, mut value: Value) -> Result<Parsed, Vec<Diagnostic>> {
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut masked: Vec<String> = Vec::new();
    let mut last: Option<(String, String)> = None;
    let loc = src.locator();
    for _ in 0..1000 {
        let err = match serde_path_to_error::deserialize::<_, Plan>(&value) {
            Ok(plan) => {
                drop_explained(&mut problems);
                src.complete(&mut problems, Some(&plan));
                return Ok(Parsed { plan, problems, masked });
            }
            Err(e) => e,
        };
        let mut steps: Vec<Step> = err
            .path()
            .iter()
            .filter_map(|s| match s {
                serde_path_to_error::Segment::Seq { index } => Some(Step::Index(*index)),
                serde_path_to_error::Segment::Map { key } => Some(Step::Key(key.clone())),
                _ => None,
            })
            .collect();
        let message = err.into_inner().to_string();
        let here = path_string(&steps);
        if last.as_ref() == Some(&(here.clone(), message.clone())) {
            // The repair did not take: report what there is rather than loop.
            break;
        }
        last = Some((here.clone(), message.clone()));
        let quiet = masked.iter().any(|m| under(&here, m));
        if let Some(rest) = message.strip_prefix("unknown field `") {
            let key = rest.split('`').next().unwrap_or("").to_string();
            if steps.last() == Some(&Step::Key(key.clone())) {
                steps.pop();
            }
            let parent = path_string(&steps);
            let Some(Value::Mapping(map)) = node_mut(&mut value, &steps) else { break };
            let inner = map.get(key.as_str()).cloned().unwrap_or(Value::Null);
            if key.contains(char::is_whitespace) && map.len() == 1 {
                // No key has a space: a sentence whose ": " (or final colon) made YAML see a mapping.
                let trailing = inner.is_null();
                let text = if trailing { format!("{key}:") } else { format!("{key}: {}", scalar_text(&inner)) };
                if let Some(node) = node_mut(&mut value, &steps) {
                    *node = Value::String(text.clone());
                }
                if !quiet {
                    problems.push(Diagnostic::error(&src.path, loc.find(&parent), Msg::ColonInText { text, trailing }).with_path(&parent));
                }
                continue;
            }
            map.remove(key.as_str());
            if quiet {
                continue;
            }
            let expected: Vec<&str> = rest
                .split("expected one of ")
                .nth(1)
                .or_else(|| rest.split("expected ").nth(1))
                .unwrap_or("")
                .split(", ")
                .map(|s| s.trim_matches('`'))
                .collect();
            let suggestion = suggest(&key, expected.iter().copied());
            let own = parent.rsplit(['.', '[']).next().unwrap_or("").trim_end_matches(']');
            let home = match suggestion {
                Some(_) => None,
                None => HOMES.iter().find(|(_, keys)| keys.contains(&key.as_str())).map(|(h, _)| h.to_string()).filter(|h| h != own),
            };
            let key_path = if parent.is_empty() { key.clone() } else { format!("{parent}.{key}") };
            problems.push(
                Diagnostic::error(&src.path, loc.find_key(&key_path).or(loc.find(&parent)), Msg::UnknownField { field: key, suggestion, home })
                    .with_path(&parent),
            );
        } else if let Some(rest) = message.strip_prefix("missing field `") {
            let field = rest.trim_end_matches('`').to_string();
            let Some(Value::Mapping(map)) = node_mut(&mut value, &steps) else { break };
            map.insert(Value::String(field.clone()), Value::String(String::new()));
            let field_path = if here.is_empty() { field.clone() } else { format!("{here}.{field}") };
            masked.push(field_path);
            if !quiet {
                let pos = loc.find(&here).or(Some(Pos { line: 1, col: 1 }));
                problems.push(Diagnostic::error(&src.path, pos, Msg::MissingField { needs: needs(&field), field }).with_path(&here));
            }
        } else {
            let (found, expected) = type_error(&message);
            let Some(node) = node_mut(&mut value, &steps) else { break };
            *node = placeholder(&expected);
            masked.push(here.clone());
            if !quiet {
                let msg = if message.starts_with("invalid type") { Msg::InvalidType { found, expected } } else { Msg::Other(message.clone()) };
                problems.push(Diagnostic::error(&src.path, loc.find(&here).or(Some(Pos { line: 1, col: 1 })), msg).with_path(&here));
            }
        }
    }
    drop_explained(&mut problems);
    src.complete(&mut problems, None);
    Err(problems)
}

/// A missing field that was written, misspelt in the same place or at the wrong level, is
/// said already by the message about that key: drop the second message.
fn drop_explained(problems: &mut Vec<Diagnostic>) {
    let written: Vec<(String, String, Option<String>)> = problems
        .iter()
        .filter_map(|d| match &d.msg {
            Msg::UnknownField { field, suggestion, home } => Some((d.path.clone(), suggestion.clone().unwrap_or_else(|| field.clone()), home.clone())),
            _ => None,
        })
        .collect();
    problems.retain(|d| {
        let Msg::MissingField { field, .. } = &d.msg else { return true };
        let own = d.path.rsplit(['.', '[']).next().unwrap_or("");
        !written.iter().any(|(parent, key, home)| key == field && (parent == &d.path || home.as_deref() == Some(own)))
    });
}

/// What a required block must hold, for the message about its absence.
fn needs(field: &str) -> Vec<&'static str> {
    match field {
        "ky" => vec!["chuc_vu", "ho_ten"],
        "noi_nhan" => vec!["luu"],
        "co_quan" => vec!["ten", "viet_tat"],
        _ => Vec::new(),
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => String::new(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
    }
}

/// serde's "invalid type: map, expected a string" in the catalogue's terms.
fn type_error(message: &str) -> (Shape, Expected) {
    let rest = message.split_once(": ").map_or(message, |(_, r)| r);
    let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
    let found = if found.starts_with("string") {
        Shape::Text
    } else if found.starts_with("integer") || found.starts_with("floating point") {
        Shape::Number
    } else if found.starts_with("sequence") {
        Shape::List
    } else if found.starts_with("map") {
        Shape::Mapping
    } else if found.starts_with("boolean") {
        Shape::Bool
    } else {
        Shape::Nothing
    };
    let e = expected.trim();
    let expected = if e == "a string" {
        Expected::Text
    } else if e == "a number or a string" {
        Expected::NumberOrText
    } else if e == "a string or a list of strings" {
        Expected::TextOrLines
    } else if e.starts_with("a paragraph") {
        Expected::Block
    } else if e.starts_with("a string, or a list of paragraphs") {
        Expected::Content
    } else if e.starts_with("a sequence") {
        Expected::List
    } else if e.starts_with("struct ") || e.starts_with("a map") {
        Expected::Mapping
    } else if matches!(e, "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64") {
        Expected::Whole
    } else if matches!(e, "f32" | "f64") {
        Expected::Number
    } else if e == "a boolean" {
        Expected::Bool
    } else if e.starts_with("a cell") {
        Expected::Cell
    } else if e.starts_with("a list of cells") {
        Expected::Row
    } else if e.starts_with("a number, or a mapping") {
        Expected::Baseline
    } else if e.starts_with("the indicator") {
        Expected::TargetName
    } else {
        Expected::Other(e.to_string())
    };
    (found, expected)
}

/// A value of the expected shape that lets deserialization go on.
fn placeholder(e: &Expected) -> Value {
    match e {
        Expected::List | Expected::Row => Value::Sequence(Vec::new()),
        Expected::Mapping => Value::Mapping(Default::default()),
        Expected::Whole => Value::Number(1.into()),
        Expected::Number => Value::Number(1.0.into()),
        Expected::Bool => Value::Bool(false),
        _ => Value::String(String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_told_apart() {
        assert_eq!(sniff_encoding(&[0xFF, 0xFE, b'a', 0]), Some(Encoding::Utf16));
        // "Kế hoạch" in Windows-1258: e + ^ (0xEA) then a combining acute (0xEC); hoa + combining dot.
        assert_eq!(sniff_encoding(b"K\xea\xec ho\xf2a ch"), Some(Encoding::Windows1258));
        // "Kế hoạch" in TCVN3: ế is 0xD5, ạ is 0xB9.
        assert_eq!(sniff_encoding(b"K\xd5 ho\xb9ch"), Some(Encoding::Tcvn3));
    }
}
