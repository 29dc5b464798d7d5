//! Starting plans for `kehoach new`: the commented template (`templates/new.yaml`, in the
//! binary) with the clerk's names put in as quoted YAML strings, or a last year's plan with its
//! number and date cleared. Both start with the `yaml-language-server` line that points an
//! editor at the schema written beside them (`plan::schema`).

/// The commented starting plan, with `@NAME@` places filled in by [`scaffold`].
const TEMPLATE: &str = include_str!("../../templates/new.yaml");

/// What the clerk gave, and the day it was made.
pub struct Names<'a> {
    /// The commune as written in the header's second line (`Xã Tân Phú`).
    pub co_quan: Option<&'a str>,
    /// The province (`Tỉnh Quảng Trị`).
    pub tinh: Option<&'a str>,
    /// Year and month of the draft's partial date.
    pub year: i32,
    pub month: u32,
}

/// The first line of a plan made by `new`: the editor's schema, relative to the plan.
pub fn modeline(schema: &str) -> String {
    format!("# yaml-language-server: $schema={schema}")
}

/// A new plan from the template. Every place filled with the clerk's text sits inside a
/// double-quoted YAML string, so the text is escaped for one: a quote, a colon or a `#` in
/// a name stays text.
pub fn scaffold(names: &Names, schema: &str) -> String {
    let co_quan = clean(names.co_quan).unwrap_or("Xã (tên xã)");
    let tinh = clean(names.tinh).unwrap_or("Tỉnh (tên tỉnh)");
    let places: [(&str, String); 7] = [
        ("SCHEMA", schema.to_string()),
        ("CO_QUAN_THUONG", escape(&lower_first(co_quan))),
        ("CO_QUAN", escape(co_quan)),
        ("TINH_THUONG", escape(&lower_first(tinh))),
        ("NGAY", format!("{}/{}", names.month, names.year)),
        ("NAM_TRUOC", (names.year - 1).to_string()),
        ("NAM", names.year.to_string()),
    ];
    // One pass over the template, so that a name holding `@NAM@` stays as written.
    let mut out = String::with_capacity(TEMPLATE.len() + 256);
    let mut rest = TEMPLATE;
    while let Some(i) = rest.find('@') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match places.iter().find(|(k, _)| after.strip_prefix(k).is_some_and(|r| r.starts_with('@'))) {
            Some((k, v)) => {
                out.push_str(v);
                rest = &after[k.len() + 1..];
            }
            None => {
                out.push('@');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A plan started from an existing one (`--tu`), as edits of its text so that its comments and
/// its order stay: the top-level `so` is removed and `ngay` becomes the partial date `month/year`;
/// the editor line is put first unless the plan has one.
pub fn from_existing(text: &str, names: &Names, schema: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut skipping = false;
    let mut has_modeline = false;
    for line in text.lines() {
        let top = !line.starts_with([' ', '\t', '#', '-']) && !line.trim().is_empty();
        if skipping && !top {
            // A multi-line value of the removed key, or a blank line after it.
            if line.starts_with([' ', '\t']) {
                continue;
            }
        }
        skipping = false;
        if line.starts_with("# yaml-language-server:") {
            has_modeline = true;
        }
        if top && key_of(line) == Some("so") {
            skipping = true;
            continue;
        }
        if top && key_of(line) == Some("ngay") {
            out.push(format!("ngay: \"{}/{}\"                        # dự thảo: ghi ngày ban hành khi ký", names.month, names.year));
            skipping = true;
            continue;
        }
        out.push(line.to_string());
    }
    let mut s = String::new();
    if !has_modeline {
        s.push_str(&modeline(schema));
        s.push('\n');
    }
    s.push_str(&out.join("\n"));
    s.push('\n');
    s
}

/// The key of a top-level `key: value` line.
fn key_of(line: &str) -> Option<&str> {
    let (k, rest) = line.split_once(':')?;
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then_some(k.trim_end())
}

/// Blank text counts as not given.
fn clean(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// `Xã Tân Phú` → `xã Tân Phú`, for running text.
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Text made safe inside a YAML double-quoted string.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_quotes_and_backslashes_as_text() {
        let v: String = serde_yaml::from_str(&format!("\"{}\"", escape(r#"Xã "Tân" Phú: \ # 1"#))).unwrap();
        assert_eq!(v, r#"Xã "Tân" Phú: \ # 1"#);
    }
}
