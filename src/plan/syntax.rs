//! Why a YAML text could not be read, said in a clerk's terms.
//!
//! The parser's own message ("mapping values are not allowed in this context")
//! names a symptom far from its cause; this looks at the line it stopped on
//! and the line before for the causes clerks meet: an unquoted `: `, a value
//! that starts with a quote and goes on after it, a tab, an indentation one or
//! two spaces off, an unclosed quote (pointed at where it opened), a text
//! starting with a character YAML reserves.

use crate::diag::msg::SyntaxKind;
use crate::diag::Pos;

/// The position to report and the cause, from the parser's message and position.
pub fn classify(text: &str, message: &str, at: Option<Pos>) -> (Pos, SyntaxKind) {
    let lines: Vec<&str> = text.lines().collect();
    let at = at.unwrap_or(Pos { line: lines.len().max(1), col: 1 });
    // "… while scanning a quoted scalar at line L column C": where the quote opened.
    if message.contains("while scanning a quoted scalar") {
        if let Some(open) = marks(message).last() {
            return (*open, SyntaxKind::UnclosedQuote);
        }
    }
    // The line the parser stopped on, and the content line before it: the cause is on one of them.
    let stop = at.line.clamp(1, lines.len().max(1));
    let mut candidates = vec![stop];
    if let Some(prev) = (1..stop).rev().find(|&l| !is_blank(lines[l - 1])) {
        candidates.push(prev);
    }
    for &l in &candidates {
        let line = lines.get(l - 1).copied().unwrap_or("");
        if let Some(col) = tab_in_indent(line) {
            return (Pos { line: l, col }, SyntaxKind::Tab);
        }
    }
    if message.contains("tab") {
        if let Some((l, col)) =
            lines.iter().enumerate().skip(stop.saturating_sub(1)).find_map(|(i, x)| x.find('\t').map(|c| (i + 1, x[..c].chars().count() + 1)))
        {
            return (Pos { line: l, col }, SyntaxKind::Tab);
        }
    }
    if message.contains("block sequence entries are not allowed") {
        return (at, SyntaxKind::ListOnKeyLine);
    }
    for &l in &candidates {
        let line = lines.get(l - 1).copied().unwrap_or("");
        let Some(v) = value_of(line) else { continue };
        let value = &line[v..];
        let col = line[..v].chars().count() + 1;
        let pos = Pos { line: l, col };
        if let Some(q) = value.chars().next().filter(|c| *c == '"' || *c == '\'') {
            // A quoted value that goes on after its closing quote.
            if let Some(close) = value[1..].find(q) {
                let after = value[1 + close + 1..].trim();
                if !after.is_empty() && !after.starts_with('#') {
                    return (pos, SyntaxKind::LeadingQuote { suggestion: format!("{}'{}'", line[..v].trim_start(), value.trim_end().replace('\'', "''")) });
                }
            }
            continue;
        }
        if let Some(ch) = value.chars().next().filter(|c| "@`%*&!|>".contains(*c)) {
            if message.contains("cannot start any token") || message.contains("alias") || message.contains("anchor") || message.contains("tag") || l == stop {
                return (pos, SyntaxKind::ReservedStart { ch, suggestion: quoted(line, v) });
            }
        }
        let body = value.split(" #").next().unwrap_or(value).trim_end();
        if body.contains(": ") || (body.ends_with(':') && message.contains("mapping values")) {
            return (pos, SyntaxKind::UnquotedColon { suggestion: quoted(line, v), trailing: !body.contains(": ") });
        }
    }
    if let Some(k) = misaligned(&lines, stop) {
        return (Pos { line: stop, col: 1 }, k);
    }
    let kept = message.split(" at line ").next().unwrap_or(message).to_string();
    (at, SyntaxKind::Other(kept))
}

/// Positions named in the parser's message ("at line L column C"), in order.
fn marks(message: &str) -> Vec<Pos> {
    let mut out = Vec::new();
    let mut rest = message;
    while let Some(i) = rest.find("at line ") {
        let tail = &rest[i + 8..];
        let line: String = tail.chars().take_while(char::is_ascii_digit).collect();
        let col = tail.split(" column ").nth(1).map(|c| c.chars().take_while(char::is_ascii_digit).collect::<String>()).unwrap_or_default();
        if let (Ok(line), Ok(col)) = (line.parse(), col.parse()) {
            out.push(Pos { line, col });
        }
        rest = tail;
    }
    out
}

fn is_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn tab_in_indent(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    line[..indent].find('\t').map(|i| i + 1)
}

/// Where the value of a line starts (after its indentation, `- ` entries and a `key: `).
fn value_of(line: &str) -> Option<usize> {
    let mut i = line.len() - line.trim_start().len();
    let b = line.as_bytes();
    while line[i..].starts_with("- ") {
        i += 2;
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    let rest = &line[i..];
    let key_len = rest.find(": ").filter(|&k| k > 0 && rest[..k].chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    if let Some(k) = key_len {
        i += k + 2;
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
    }
    (i < line.len()).then_some(i)
}

/// The line with its value put in double quotes.
fn quoted(line: &str, v: usize) -> String {
    let value = line[v..].trim_end();
    format!("{}\"{}\"", line[..v].trim_start(), value.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A line indented one or two spaces off the key line above it that it should align with.
fn misaligned(lines: &[&str], stop: usize) -> Option<SyntaxKind> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let key_of = |l: &str| {
        let t = l.trim_start().trim_start_matches("- ");
        let k = t.split(':').next().unwrap_or("");
        (t.contains(':') && !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')).then(|| k.to_string())
    };
    // The line out of place: where the parser stopped, or the content line before it.
    for l in [stop, stop.saturating_sub(1)] {
        let line = *lines.get(l.checked_sub(1)?)?;
        if is_blank(line) {
            continue;
        }
        let i = indent(line);
        for k in (1..l).rev() {
            let above = lines[k - 1];
            if is_blank(above) {
                continue;
            }
            let j = indent(above);
            if j == i {
                break;
            }
            if let Some(key) = key_of(above) {
                if j.abs_diff(i) <= 2 && key_of(line).is_some() {
                    return Some(SyntaxKind::Indent { found: i, expected: j, key, line: k });
                }
            }
            if j < i.saturating_sub(2) {
                break;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_opening_quote() {
        let m = "found unexpected end of stream at line 9 column 1, while scanning a quoted scalar at line 6 column 12";
        assert_eq!(classify("a\n", m, None).0, Pos { line: 6, col: 12 });
    }

    #[test]
    fn suggests_quotes_for_a_colon() {
        let text = "noi_dung:\n  - gach: Cụ thể: như sau\n";
        let (pos, k) = classify(text, "mapping values are not allowed in this context at line 2 column 16", Some(Pos { line: 2, col: 16 }));
        assert_eq!(pos, Pos { line: 2, col: 11 });
        assert_eq!(k, SyntaxKind::UnquotedColon { suggestion: "- gach: \"Cụ thể: như sau\"".into(), trailing: false });
    }

    #[test]
    fn names_the_key_to_align_with() {
        let text = "ky:\n  chuc_vu: Chủ tịch\n   ho_ten: A\n";
        let (_, k) = classify(text, "mapping values are not allowed in this context at line 3 column 10", Some(Pos { line: 3, col: 10 }));
        assert_eq!(k, SyntaxKind::Indent { found: 3, expected: 2, key: "chuc_vu".into(), line: 2 });
    }
}
