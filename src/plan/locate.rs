//! Field path → line:column, and duplicate keys, from a span-aware pass over the YAML text.
//!
//! serde_yaml gives a position only for syntax and type errors; semantic
//! errors (an impossible date, an unknown appendix) are found later on typed
//! data and carry a field path such as `noi_dung[2].nhiem_vu[0].thoi_gian`.
//! This module walks yaml-rust2's event stream (iteratively, so no input can
//! overflow the stack) and records where every path starts.

use crate::diag::Pos;
use std::collections::{HashMap, HashSet};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

/// Positions of every node in one YAML text, by field path.
#[derive(Debug, Default)]
pub struct Locator {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    /// Keys written twice in one mapping: (path of the duplicate, its position).
    pub duplicates: Vec<(String, Pos)>,
    /// Unquoted numbers such as `15.850` that YAML reads as 15.85 while a Vietnamese clerk
    /// means 15 850: (path, position, the text as written).
    pub ambiguous_numbers: Vec<(String, Pos, String)>,
}

/// `15.850`, `374.125`: digits, one dot, exactly three digits, no leading zero part. YAML reads
/// them as decimals; written the Vietnamese way they are thousands.
fn thousands_like(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    match v.split_once('.') {
        Some((int, frac)) => {
            !int.is_empty() && int != "0" && int.bytes().all(|b| b.is_ascii_digit()) && frac.len() == 3 && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

enum Frame {
    Map { path: String, key: Option<String>, seen: HashSet<String>, depth_key: bool },

    Seq { path: String, index: usize },
}

impl Locator {
    /// Scans `text`; a syntax error simply ends the scan (serde_yaml reports it).
    pub fn new(text: &str) -> Self {
        let mut loc = Locator::default();
        let mut parser = Parser::new_from_str(text);
        let mut stack: Vec<Frame> = Vec::new();
        // Each node's path is decided by its parent frame; a complex key (a
        // mapping used as a key) is skipped by counting nesting.
        let mut skip_depth = 0usize;
        // Below this depth nothing is recorded: no plan field lives there, and a path per
        // node of a deep nest would cost memory quadratic in its depth.
        const DEEPEST: usize = 24;
        let mut skipping_deep = false;
        while let Ok((ev, mark)) = parser.next_token() {
            let pos = Pos { line: mark.line(), col: mark.col() + 1 };
            if skip_depth > 0 {
                match ev {
                    Event::MappingStart(..) | Event::SequenceStart(..) => skip_depth += 1,
                    Event::MappingEnd | Event::SequenceEnd => skip_depth -= 1,
                    _ => {}
                }
                if skip_depth == 0 && std::mem::take(&mut skipping_deep) {
                    continue;
                }
                if skip_depth == 0 {
                    if let Some(Frame::Map { key, depth_key, .. }) = stack.last_mut() {
                        *key = Some(String::new());
                        *depth_key = false;
                    }
                }
                continue;
            }
            match ev {
                Event::StreamEnd => break,
                Event::Scalar(value, style, ..) => {
                    if let Some(Frame::Map { path, key, seen, .. }) = stack.last_mut() {
                        if key.is_none() {
                            if seen.is_empty() {
                                // A block mapping's start mark falls after its first key's
                                // first character; the key itself is where the mapping begins.
                                loc.values.insert(path.clone(), pos);
                            }
                            let p = join(path, &value);
                            if !seen.insert(value.clone()) {
                                loc.duplicates.push((p.clone(), pos));
                            }
                            loc.keys.entry(p).or_insert(pos);
                            *key = Some(value);
                            continue;
                        }
                    }
                    let p = loc.child_path(&mut stack);
                    if style == TScalarStyle::Plain && thousands_like(&value) {
                        loc.ambiguous_numbers.push((p.clone(), pos, value));
                    }
                    loc.values.entry(p).or_insert(pos);
                }
                Event::Alias(_) => {
                    let p = loc.child_path(&mut stack);
                    loc.values.entry(p).or_insert(pos);
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    if let Some(Frame::Map { key: None, depth_key, .. }) = stack.last_mut() {
                        *depth_key = true;
                        skip_depth = 1;
                        continue;
                    }
                    let p = loc.child_path(&mut stack);
                    loc.values.entry(p.clone()).or_insert(pos);
                    if stack.len() >= DEEPEST {
                        skip_depth = 1;
                        skipping_deep = true;
                        continue;
                    }
                    stack.push(if matches!(ev, Event::MappingStart(..)) {
                        Frame::Map { path: p, key: None, seen: HashSet::new(), depth_key: false }
                    } else {
                        Frame::Seq { path: p, index: 0 }
                    });
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        loc
    }

    /// The path of the next value in the innermost container; advances it.
    fn child_path(&self, stack: &mut [Frame]) -> String {
        match stack.last_mut() {
            None => String::new(),
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                p
            }
            Some(Frame::Map { path, key, .. }) => {
                let k = key.take().unwrap_or_default();
                join(path, &k)
            }
        }
    }

    /// Where the value at `path` starts; falls back to the key, then to the nearest parent.
    pub fn find(&self, path: &str) -> Option<Pos> {
        let mut p = path;
        loop {
            if let Some(pos) = self.values.get(p).or_else(|| self.keys.get(p)) {
                return Some(*pos);
            }
            let cut = p.rfind(['.', '['])?;
            p = &p[..cut];
        }
    }

    /// Where the key of `path` is written (for unknown or duplicate fields).
    pub fn find_key(&self, path: &str) -> Option<Pos> {
        self.keys.get(path).copied().or_else(|| self.find(path))
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_paths() {
        let text = "a: 1\nb:\n  - x: 2\n    y: [3, 4]\n  - z\n";
        let l = Locator::new(text);
        assert_eq!(l.find("a"), Some(Pos { line: 1, col: 4 }));
        assert_eq!(l.find("b[0].x"), Some(Pos { line: 3, col: 8 }));
        assert_eq!(l.find("b[0].y[1]"), Some(Pos { line: 4, col: 12 }));
        assert_eq!(l.find("b[1]"), Some(Pos { line: 5, col: 5 }));
        assert_eq!(l.find_key("b[0].y"), Some(Pos { line: 4, col: 5 }));
        // a missing child falls back to its parent
        assert_eq!(l.find("b[0].nothing"), Some(Pos { line: 3, col: 5 }));
    }

    #[test]
    fn reports_duplicate_keys_where_they_are() {
        let l = Locator::new("a: 1\nb: 2\na: 3\n");
        assert_eq!(l.duplicates, vec![("a".to_string(), Pos { line: 3, col: 1 })]);
    }

    #[test]
    fn survives_deep_nesting() {
        let text = "[".repeat(200_000);
        let _ = Locator::new(&text);
    }
}
