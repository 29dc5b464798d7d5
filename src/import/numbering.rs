//! `word/numbering.xml`: the label Word draws before a list paragraph.
//!
//! A paragraph's `numId` names a `w:num`, which points to a `w:abstractNum`
//! (its levels: start, format, `lvlText` such as `%1.`, `%1.%2.`, `%2)`) and may
//! override levels or their start (`lvlOverride`, `startOverride`: "restart
//! numbering"). Counters belong to the abstract list, so two `w:num` of one
//! list continue each other, as in Word, unless one restarts; a level restarts
//! after any higher level (or after `lvlRestart`).

use super::xml::{self, attr, child, val};
use crate::text::vn;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    format: String,
    text: String,
    /// `isLgl`: every number shown in decimal.
    legal: bool,
    /// Restart after this (1-based) level; 0 never restarts; None after any higher level.
    restart: Option<i64>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    starts: HashMap<u32, i64>,
    levels: HashMap<u32, Level>,
}

/// What a list paragraph's label is.
#[derive(Debug, Clone, PartialEq)]
pub enum Label {
    /// A counted label as drawn: `I.`, `1.`, `1.2.`, `a)`.
    Number(String),
    /// A bullet's glyph, mapped to `-`, `+` or `•`, and its list level.
    Bullet(char, u32),
}

#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numStyleLink: an abstract list that takes its levels from a numbering style's list.
    links: HashMap<String, String>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<i64>; 9]>,
    started: HashSet<String>,
    style_nums: HashMap<String, String>,
}

impl Numbering {
    pub fn parse(text: Option<&str>, styles_text: Option<&str>) -> Numbering {
        let mut out = Numbering::default();
        let Some(text) = text else { return out };
        let Ok(doc) = xml::parse(text) else {
            return out;
        };
        let root = doc.root_element();
        for a in xml::children(root, "abstractNum") {
            let Some(id) = attr(a, "abstractNumId") else { continue };
            let mut levels = vec![Level { start: 1, format: "decimal".into(), text: String::new(), legal: false, restart: None }; 9];
            for l in xml::children(a, "lvl") {
                if let Some(i) = xml::int(attr(l, "ilvl")).filter(|i| (0..9).contains(i)) {
                    levels[i as usize] = level(l);
                }
            }
            if let Some(link) = val(a, "numStyleLink") {
                out.links.insert(id.to_string(), link.to_string());
            }
            out.abstracts.insert(id.to_string(), levels);
        }
        for n in xml::children(root, "num") {
            let Some(id) = attr(n, "numId") else { continue };
            let mut num = Num { abstract_id: val(n, "abstractNumId").unwrap_or("").to_string(), ..Num::default() };
            for o in xml::children(n, "lvlOverride") {
                let Some(i) = xml::int(attr(o, "ilvl")).filter(|i| (0..9).contains(i)) else { continue };
                if let Some(s) = xml::int(val(o, "startOverride")) {
                    num.starts.insert(i as u32, s);
                }
                if let Some(l) = child(o, "lvl") {
                    num.levels.insert(i as u32, level(l));
                }
            }
            out.nums.insert(id.to_string(), num);
        }
        // Numbering styles name the list a numStyleLink stands for.
        if let Some(st) = styles_text.and_then(|t| xml::parse(t).ok()) {
            for s in xml::children(st.root_element(), "style") {
                let num = child(s, "pPr").and_then(|p| child(p, "numPr")).and_then(|n| val(n, "numId"));
                if let (Some(id), Some(num)) = (attr(s, "styleId"), num) {
                    out.style_nums.insert(id.to_string(), num.to_string());
                }
            }
        }
        out
    }

    /// The abstract list of a `w:num`, following a numStyleLink once.
    fn abstract_of(&self, num: &str) -> Option<String> {
        let a = self.nums.get(num)?.abstract_id.clone();
        match self.links.get(&a).and_then(|style| self.style_nums.get(style)).and_then(|n| self.nums.get(n)) {
            Some(linked) if linked.abstract_id != a => Some(linked.abstract_id.clone()),
            _ => Some(a),
        }
    }

    fn level(&self, num: &str, abs: &str, ilvl: u32) -> Option<Level> {
        if let Some(l) = self.nums.get(num).and_then(|n| n.levels.get(&ilvl)) {
            return Some(l.clone());
        }
        self.abstracts.get(abs).and_then(|ls| ls.get(ilvl as usize)).cloned()
    }

    /// Counts one paragraph of list `num` at level `ilvl` and returns the label Word draws.
    pub fn next(&mut self, num: &str, ilvl: u32) -> Option<Label> {
        let ilvl = ilvl.min(8);
        let abs = self.abstract_of(num)?;
        let lvl = self.level(num, &abs, ilvl)?;
        if lvl.format == "none" && lvl.text.is_empty() {
            return None;
        }
        if self.started.insert(num.to_string()) {
            // "Restart numbering": this w:num's overridden levels start afresh.
            if let Some(n) = self.nums.get(num) {
                let c = self.counters.entry(abs.clone()).or_insert([None; 9]);
                for &l in n.starts.keys() {
                    c[l as usize] = None;
                }
            }
        }
        let start = self.nums.get(num).and_then(|n| n.starts.get(&ilvl)).copied().unwrap_or(lvl.start);
        let levels: Vec<Level> = (0..9).map(|i| self.level(num, &abs, i).unwrap_or_default()).collect();
        let c = self.counters.entry(abs).or_insert([None; 9]);
        c[ilvl as usize] = Some(match c[ilvl as usize] {
            Some(v) => v + 1,
            None => start,
        });
        for (deeper, l) in levels.iter().enumerate().skip(ilvl as usize + 1) {
            let restarts = match l.restart {
                Some(0) => false,
                Some(r) => r > ilvl as i64,
                None => true,
            };
            if restarts {
                c[deeper] = None;
            }
        }
        if lvl.format == "bullet" {
            let glyph = lvl.text.chars().next().map(bullet).unwrap_or('•');
            return Some(Label::Bullet(glyph, ilvl));
        }
        let mut out = String::new();
        let mut chars = lvl.text.chars().peekable();
        while let Some(ch) = chars.next() {
            match (ch, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let v = c[i].unwrap_or(levels[i].start);
                    let fmt = if lvl.legal && i != ilvl as usize { "decimal" } else { levels[i].format.as_str() };
                    out.push_str(&format_number(v, fmt));
                }
                _ => out.push(ch),
            }
        }
        Some(Label::Number(out))
    }
}

fn level(l: roxmltree::Node) -> Level {
    Level {
        start: xml::int(val(l, "start")).unwrap_or(1),
        format: val(l, "numFmt").unwrap_or("decimal").to_string(),
        text: val(l, "lvlText").unwrap_or("").to_string(),
        legal: xml::on_off(l, "isLgl").unwrap_or(false),
        restart: xml::int(val(l, "lvlRestart")),
    }
}

/// A bullet glyph as the page reads it; symbol-font glyphs live in U+F0xx.
fn bullet(c: char) -> char {
    let c = match c as u32 {
        0xF000..=0xF0FF => char::from_u32(c as u32 - 0xF000).unwrap_or('•'),
        _ => c,
    };
    match c {
        '-' | '–' | '—' | '−' => '-',
        '+' => '+',
        _ => '•',
    }
}

fn format_number(v: i64, fmt: &str) -> String {
    let n = v.max(0) as usize;
    match fmt {
        "upperRoman" => vn::roman(n),
        "lowerRoman" => vn::roman(n).to_lowercase(),
        "lowerLetter" => latin(n),
        "upperLetter" => latin(n).to_uppercase(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

/// Word's letters: a … z, then aa, bb … (not the Vietnamese order: Word has no đ).
fn latin(n: usize) -> String {
    let n = n.max(1) - 1;
    let c = (b'a' + (n % 26) as u8) as char;
    c.to_string().repeat(n / 26 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%4."/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF02D;"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"#;

    fn n(s: &str) -> Option<Label> {
        Some(Label::Number(s.into()))
    }

    #[test]
    fn levels_restart_and_overrides() {
        let mut x = Numbering::parse(Some(XML), None);
        assert_eq!(x.next("1", 0), n("I."));
        assert_eq!(x.next("1", 1), n("1."));
        assert_eq!(x.next("1", 2), n("a)"));
        assert_eq!(x.next("1", 2), n("b)"));
        assert_eq!(x.next("1", 1), n("2."));
        assert_eq!(x.next("1", 2), n("a)"), "a deeper level restarts");
        assert_eq!(x.next("1", 3), n("2.1."));
        assert_eq!(x.next("2", 1), n("3."), "another num of the same list continues it");
        assert_eq!(x.next("1", 0), n("II."));
        assert_eq!(x.next("1", 1), n("1."));
        assert_eq!(x.next("1", 1), n("2."));
        assert_eq!(x.next("3", 1), n("1."), "startOverride restarts");
        assert_eq!(x.next("4", 0), Some(Label::Bullet('-', 0)));
        assert_eq!(x.next("9", 0), None);
    }
}
