//! `word/styles.xml`: what a paragraph or character style gives its text
//! (bold, italic, capitals, hidden), its heading level, alignment and list
//! numbering, resolved through `basedOn` chains.

use super::xml::{self, attr, child, on_off, val};
use std::collections::HashMap;

/// Run properties that matter to the text as the page shows it; `None` is "not said here".
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct RunProps {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub caps: Option<bool>,
    pub hidden: Option<bool>,
}

impl RunProps {
    pub fn read(rpr: Option<roxmltree::Node>) -> RunProps {
        let Some(r) = rpr else { return RunProps::default() };
        RunProps {
            bold: on_off(r, "b"),
            italic: on_off(r, "i"),
            caps: on_off(r, "caps").or(on_off(r, "smallCaps")),
            hidden: on_off(r, "vanish").or(on_off(r, "webHidden")),
        }
    }

    /// `self` where it says something, else `below`.
    pub fn over(self, below: RunProps) -> RunProps {
        RunProps { bold: self.bold.or(below.bold), italic: self.italic.or(below.italic), caps: self.caps.or(below.caps), hidden: self.hidden.or(below.hidden) }
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    name: String,
    run: RunProps,
    outline: Option<u8>,
    jc: Option<String>,
    num: Option<(String, Option<u32>)>,
}

/// A paragraph style with its chain resolved.
#[derive(Debug, Clone, Default)]
pub struct ParaStyle {
    pub run: RunProps,
    /// 1-based heading level ("heading 2", or an outline level).
    pub heading: Option<u8>,
    pub jc: Option<String>,
    /// List numbering given by the style: numId, level.
    pub num: Option<(String, u32)>,
}

#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    default_para: Option<String>,
    defaults: RunProps,
    resolved: HashMap<String, ParaStyle>,
}

impl Styles {
    pub fn parse(text: Option<&str>) -> Styles {
        let mut out = Styles::default();
        let Some(text) = text else { return out };
        let Ok(doc) = xml::parse(text) else {
            return out;
        };
        let root = doc.root_element();
        if let Some(d) = child(root, "docDefaults") {
            out.defaults = RunProps::read(child(d, "rPrDefault").and_then(|r| child(r, "rPr")));
        }
        for s in xml::children(root, "style") {
            let Some(id) = attr(s, "styleId") else { continue };
            let ppr = child(s, "pPr");
            let num = ppr.and_then(|p| child(p, "numPr")).map(|n| (val(n, "numId").unwrap_or("").to_string(), xml::int(val(n, "ilvl")).map(|v| v as u32)));
            let style = Style {
                based_on: val(s, "basedOn").map(String::from),
                name: val(s, "name").unwrap_or("").to_lowercase(),
                run: RunProps::read(child(s, "rPr")),
                outline: ppr.and_then(|p| xml::int(val(p, "outlineLvl"))).filter(|l| (0..9).contains(l)).map(|l| l as u8 + 1),
                jc: ppr.and_then(|p| val(p, "jc")).map(String::from),
                num,
            };
            if attr(s, "type") == Some("paragraph") && matches!(attr(s, "default"), Some("1" | "true")) {
                out.default_para = Some(id.to_string());
            }
            out.styles.insert(id.to_string(), style);
        }
        out
    }

    /// The resolved paragraph style (the default style when `id` is absent or unknown).
    pub fn para(&mut self, id: Option<&str>) -> ParaStyle {
        let id = id.filter(|i| self.styles.contains_key(*i)).map(String::from).or_else(|| self.default_para.clone());
        let Some(id) = id else {
            return ParaStyle { run: self.defaults, ..ParaStyle::default() };
        };
        if let Some(p) = self.resolved.get(&id) {
            return p.clone();
        }
        let mut p = ParaStyle::default();
        let mut run = RunProps::default();
        let mut num: Option<(String, Option<u32>)> = None;
        let mut cur = Some(id.clone());
        // A chain longer than this is a loop in a damaged file.
        for _ in 0..32 {
            let Some(s) = cur.as_ref().and_then(|c| self.styles.get(c)) else { break };
            run = run.over(s.run);
            if p.heading.is_none() {
                p.heading = s.outline.or_else(|| s.name.strip_prefix("heading ").and_then(|n| n.trim().parse().ok()));
            }
            p.jc = p.jc.take().or_else(|| s.jc.clone());
            if num.is_none() {
                num = s.num.clone();
            }
            cur = s.based_on.clone();
        }
        p.run = run.over(self.defaults);
        p.num = num.filter(|(id, _)| !id.is_empty()).map(|(id, l)| (id, l.unwrap_or(0)));
        self.resolved.insert(id, p.clone());
        p
    }

    /// A character style's run properties, chain resolved.
    pub fn chars(&self, id: &str) -> RunProps {
        let mut run = RunProps::default();
        let mut cur = Some(id.to_string());
        for _ in 0..32 {
            let Some(s) = cur.as_ref().and_then(|c| self.styles.get(c)) else { break };
            run = run.over(s.run);
            cur = s.based_on.clone();
        }
        run
    }
}
