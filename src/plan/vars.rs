//! Batch variables: data rows (CSV or YAML) and their substitution into a parsed plan.
//!
//! Values are filled with tera into the plan's string values after the YAML is
//! parsed, never into the YAML text, so a commune name holding a quote or a
//! colon cannot change the plan's structure. The filled plan then goes through
//! the same validation as any other, so dates, deadlines and targets that come
//! from variables are checked as typed values.

use crate::diag::{Diagnostic, Lang, Msg, Place, Severity};
use crate::plan::load::Source;
use crate::plan::model::*;
use crate::plan::place;
use crate::plan::walk::visit_strings;
use serde_json::{Map, Value};
use std::path::PathBuf;

/// One row of data: where it is, and its values as a nested mapping (`xa.ten` → `{xa: {ten}}`).
#[derive(Debug, Clone)]
pub struct DataRow {
    pub file: PathBuf,
    /// 1-based line in the data file.
    pub line: usize,
    pub values: Map<String, Value>,
}

impl DataRow {
    /// `xa.csv:17`, for messages.
    pub fn place(&self) -> String {
        format!("{}:{}", self.file.display(), self.line)
    }

    /// The value at a dotted path, as text.
    pub fn get(&self, path: &str) -> Option<String> {
        let mut cur: Option<&Value> = None;
        for (i, part) in path.split('.').enumerate() {
            cur = if i == 0 { self.values.get(part) } else { cur?.get(part) };
        }
        match cur? {
            Value::String(s) => Some(s.clone()),
            Value::Null => Some(String::new()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    }
}

/// The variables a text uses: the paths inside `{{ … }}` (filters after `|` dropped),
/// not counting appendix references.
pub fn variables(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("{{") {
        let Some(j) = rest[i..].find("}}") else { break };
        let inner = rest[i + 2..i + j].split('|').next().unwrap_or("").trim();
        if !inner.is_empty() && !inner.starts_with("phu_luc.") {
            out.push(inner.to_string());
        }
        rest = &rest[i + j + 2..];
    }
    out
}

/// Fills every string of `plan` from `row`. Errors name the template position, the
/// variable and the data row.
pub fn substitute(src: &Source, plan: &mut Plan, row: &DataRow) -> Result<(), Vec<Diagnostic>> {
    let here = |path: &str, msg| {
        let mut d = src.at(path, Severity::Error, msg);
        d.context = Some(row.place());
        d
    };
    // First the values the row lacks: an empty cell once per row, with every place that uses it.
    let mut errors = Vec::new();
    let mut empty: Vec<(String, Vec<String>)> = Vec::new();
    visit_strings(plan, &mut |path, s| {
        for var in variables(s) {
            match row.get(&var) {
                None => errors.push(here(path, Msg::MissingVariable(var))),
                Some(v) if v.trim().is_empty() => match empty.iter_mut().find(|(name, _)| *name == var) {
                    Some((_, paths)) => paths.push(path.to_string()),
                    None => empty.push((var, vec![path.to_string()])),
                },
                Some(_) => {}
            }
        }
    });
    for (var, paths) in empty {
        let places = paths
            .iter()
            .map(|p| Place {
                vi: place::describe(plan, p, Lang::Vi).unwrap_or_else(|| p.clone()),
                en: place::describe(plan, p, Lang::En).unwrap_or_else(|| p.clone()),
            })
            .collect();
        errors.push(here(&paths[0], Msg::EmptyVariable { var, places }));
    }
    let ctx = tera::Context::from_value(Value::Object(row.values.clone())).unwrap_or_default();
    visit_strings(plan, &mut |path, s| {
        if !s.contains("{{") && !s.contains("{%") {
            return;
        }
        match tera::Tera::one_off(&protect_refs(s), &ctx, false) {
            Ok(out) => *s = out,
            Err(e) => {
                let mut msg = e.to_string();
                let mut source = std::error::Error::source(&e);
                while let Some(inner) = source {
                    msg += &format!(": {inner}");
                    source = inner.source();
                }
                errors.push(here(path, Msg::Template(msg)));
            }
        }
    });
    // One message per place and variable.
    errors.dedup_by(|a, b| a.path == b.path && a.msg == b.msg);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Appendix references (`{{ phu_luc.nhiem-vu }}`) are not variables: tera must print them
/// as written (a key may hold `-`, which tera would read as a subtraction).
fn protect_refs(s: &str) -> String {
    let refs = crate::text::inline::appendix_refs(s);
    let mut out = String::with_capacity(s.len() + refs.len() * 24);
    let mut last = 0;
    for (r, _) in refs {
        out.push_str(&s[last..r.start]);
        out.push_str("{% raw %}");
        out.push_str(&s[r.clone()]);
        out.push_str("{% endraw %}");
        last = r.end;
    }
    out.push_str(&s[last..]);
    out
}

/// Text outside batch mode that still holds a `{{ variable }}`: it has no value to print.
pub fn unfilled(src: &Source, plan: &mut Plan) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    visit_strings(plan, &mut |path, s| {
        for var in variables(s) {
            out.push(src.at(path, Severity::Error, Msg::UnfilledVariable(var)));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_variables_but_not_appendix_references() {
        assert_eq!(variables("Xã {{ xa.ten }} ({{xa.ma | upper}}) – {{ phu_luc.nv }}"), ["xa.ten", "xa.ma"]);
        assert!(variables("không có biến").is_empty());
    }
}
