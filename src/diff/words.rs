//! Word-level diff of Vietnamese text, and the similarity used to match items.
//!
//! A Vietnamese word is written as syllables separated by spaces, so the unit
//! here is the syllable: a run of letters and digits. Punctuation marks are
//! tokens of their own and spaces are kept, so the pieces put back together
//! give the old and the new text exactly. The diff is the longest common
//! subsequence of tokens; similarity is the Dice coefficient of the two
//! multisets of (lower-case) syllables.

use serde::Serialize;
use std::collections::HashMap;

/// One piece of a word diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Piece {
    pub op: Op,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// In both texts.
    Same,
    /// Only in the old text.
    Del,
    /// Only in the new text.
    Ins,
}

/// Tokens: syllables (letters, digits, combining marks), runs of white space, single other characters.
pub fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None::<(usize, u8)>;
    let class = |c: char| -> u8 {
        if c.is_alphanumeric() || ('\u{300}'..='\u{36f}').contains(&c) {
            1
        } else if c.is_whitespace() {
            2
        } else {
            3
        }
    };
    for (i, c) in s.char_indices() {
        let k = class(c);
        if let Some((b, kind)) = start {
            if kind == k && k != 3 {
                continue;
            }
            out.push(&s[b..i]);
        }
        start = Some((i, k));
    }
    if let Some((b, _)) = start {
        out.push(&s[b..]);
    }
    out
}

fn is_word(t: &str) -> bool {
    t.chars().next().is_some_and(|c| c.is_alphanumeric())
}

/// The lower-case syllables of a text, counted.
pub fn bag(s: &str) -> HashMap<String, u32> {
    let mut m = HashMap::new();
    for t in tokens(s).into_iter().filter(|t| is_word(t)) {
        *m.entry(t.to_lowercase()).or_insert(0) += 1;
    }
    m
}

/// Dice coefficient of two bags: 2·|A∩B| / (|A|+|B|), 1 for two empty texts.
pub fn dice(a: &HashMap<String, u32>, b: &HashMap<String, u32>) -> f64 {
    let (na, nb): (u32, u32) = (a.values().sum(), b.values().sum());
    if na + nb == 0 {
        return 1.0;
    }
    let common: u32 = a.iter().map(|(k, n)| (*n).min(b.get(k).copied().unwrap_or(0))).sum();
    2.0 * common as f64 / (na + nb) as f64
}

/// Beyond this many token pairs the diff gives up on detail: the whole old text, then the whole new.
const MAX_CELLS: usize = 4_000_000;

/// The word diff of `a` → `b`: pieces in order; deletions come before insertions at one place,
/// and a space between two changes belongs to both, so a change reads as one phrase.
pub fn diff(a: &str, b: &str) -> Vec<Piece> {
    let (x, y) = (tokens(a), tokens(b));
    let raw = if x.len().saturating_mul(y.len()) > MAX_CELLS { whole(&x, &y) } else { lcs(&x, &y) };
    tidy(raw)
}

fn whole(x: &[&str], y: &[&str]) -> Vec<(Op, String)> {
    vec![(Op::Del, x.concat()), (Op::Ins, y.concat())]
}

fn lcs(x: &[&str], y: &[&str]) -> Vec<(Op, String)> {
    steps(x, y)
        .into_iter()
        .map(|s| match s {
            Step::Same(i, _) => (Op::Same, x[i].to_string()),
            Step::Del(i) => (Op::Del, x[i].to_string()),
            Step::Ins(j) => (Op::Ins, y[j].to_string()),
        })
        .collect()
}

/// One step of an alignment of two sequences, by index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Same(usize, usize),
    Del(usize),
    Ins(usize),
}

/// The longest common subsequence of `x` and `y` as steps in order, deletions before
/// insertions at one place. The caller bounds the sizes (the table is `x.len() × y.len()`).
pub fn steps<T: PartialEq>(x: &[T], y: &[T]) -> Vec<Step> {
    let (n, m) = (x.len(), y.len());
    // Common prefix and suffix first: most edits touch a few words of a long text.
    let mut pre = 0;
    while pre < n && pre < m && x[pre] == y[pre] {
        pre += 1;
    }
    let mut suf = 0;
    while suf < n - pre && suf < m - pre && x[n - 1 - suf] == y[m - 1 - suf] {
        suf += 1;
    }
    let (xs, ys) = (&x[pre..n - suf], &y[pre..m - suf]);
    let (p, q) = (xs.len(), ys.len());
    let w = q + 1;
    let mut t = vec![0u32; (p + 1) * w];
    for i in (0..p).rev() {
        for j in (0..q).rev() {
            t[i * w + j] = if xs[i] == ys[j] { t[(i + 1) * w + j + 1] + 1 } else { t[(i + 1) * w + j].max(t[i * w + j + 1]) };
        }
    }
    let mut out: Vec<Step> = (0..pre).map(|k| Step::Same(k, k)).collect();
    let (mut i, mut j) = (0, 0);
    while i < p || j < q {
        if i < p && j < q && xs[i] == ys[j] {
            out.push(Step::Same(pre + i, pre + j));
            i += 1;
            j += 1;
        } else if i < p && (j == q || t[(i + 1) * w + j] >= t[i * w + j + 1]) {
            // Deletions first, as a reader of `-`/`+` lines expects.
            out.push(Step::Del(pre + i));
            i += 1;
        } else {
            out.push(Step::Ins(pre + j));
            j += 1;
        }
    }
    out.extend((0..suf).map(|k| Step::Same(n - suf + k, m - suf + k)));
    out
}

fn tidy(raw: Vec<(Op, String)>) -> Vec<Piece> {
    // A run of unchanged white space or punctuation-free spacing between two changes joins them.
    let changed = |k: usize| raw.get(k).is_some_and(|(o, _)| *o != Op::Same);
    let mut marked: Vec<(Op, String)> = Vec::new();
    for (k, (op, text)) in raw.iter().enumerate() {
        if *op == Op::Same && text.trim().is_empty() && k > 0 && changed(k - 1) && changed(k + 1) {
            marked.push((Op::Del, text.clone()));
            marked.push((Op::Ins, text.clone()));
        } else {
            marked.push((*op, text.clone()));
        }
    }
    let mut out: Vec<Piece> = Vec::new();
    let (mut del, mut ins, mut same) = (String::new(), String::new(), String::new());
    let flush_changes = |out: &mut Vec<Piece>, del: &mut String, ins: &mut String| {
        if !del.is_empty() {
            out.push(Piece { op: Op::Del, text: std::mem::take(del) });
        }
        if !ins.is_empty() {
            out.push(Piece { op: Op::Ins, text: std::mem::take(ins) });
        }
    };
    for (op, text) in marked {
        match op {
            Op::Same => {
                flush_changes(&mut out, &mut del, &mut ins);
                same += &text;
            }
            _ => {
                if !same.is_empty() {
                    out.push(Piece { op: Op::Same, text: std::mem::take(&mut same) });
                }
                if op == Op::Del {
                    del += &text;
                } else {
                    ins += &text;
                }
            }
        }
    }
    flush_changes(&mut out, &mut del, &mut ins);
    if !same.is_empty() {
        out.push(Piece { op: Op::Same, text: same });
    }
    out
}

/// The old text of a diff (`Same` and `Del` pieces).
pub fn old_text(p: &[Piece]) -> String {
    p.iter().filter(|p| p.op != Op::Ins).map(|p| p.text.as_str()).collect()
}

/// The new text of a diff (`Same` and `Ins` pieces).
pub fn new_text(p: &[Piece]) -> String {
    p.iter().filter(|p| p.op != Op::Del).map(|p| p.text.as_str()).collect()
}

/// A plain line diff (for files that are not plans), in the unified format with 3 lines of context.
pub fn line_diff(a: &str, b: &str, old_name: &str, new_name: &str) -> String {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let ops = if x.len().saturating_mul(y.len()) > 25_000_000 { whole_lines(&x, &y) } else { lcs(&x, &y) };
    // Line numbers of each op in the old and new file.
    let mut rows: Vec<(Op, String, usize, usize)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (op, t) in ops {
        rows.push((op, t, i, j));
        match op {
            Op::Same => {
                i += 1;
                j += 1;
            }
            Op::Del => i += 1,
            Op::Ins => j += 1,
        }
    }
    let mut out = String::new();
    if rows.iter().all(|r| r.0 == Op::Same) {
        return out;
    }
    out += &format!("--- {old_name}\n+++ {new_name}\n");
    const CONTEXT: usize = 3;
    let changed: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.0 != Op::Same).map(|(k, _)| k).collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(CONTEXT);
        let mut end = changed[k];
        while k + 1 < changed.len() && changed[k + 1] <= end + 2 * CONTEXT + 1 {
            k += 1;
            end = changed[k];
        }
        let end = (end + CONTEXT + 1).min(rows.len());
        let hunk = &rows[start..end];
        let (oi, nj) = (hunk[0].2, hunk[0].3);
        let olen = hunk.iter().filter(|r| r.0 != Op::Ins).count();
        let nlen = hunk.iter().filter(|r| r.0 != Op::Del).count();
        // An empty side starts at line 0, as in the unified format.
        let from = |at: usize, len: usize| if len == 0 { at } else { at + 1 };
        out += &format!("@@ -{},{olen} +{},{nlen} @@\n", from(oi, olen), from(nj, nlen));
        for (op, t, _, _) in hunk {
            let mark = match op {
                Op::Same => ' ',
                Op::Del => '-',
                Op::Ins => '+',
            };
            out += &format!("{mark}{t}\n");
        }
        k += 1;
    }
    out
}

fn whole_lines(x: &[&str], y: &[&str]) -> Vec<(Op, String)> {
    x.iter().map(|s| (Op::Del, s.to_string())).chain(y.iter().map(|s| (Op::Ins, s.to_string()))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_and_punctuation_are_tokens() {
        assert_eq!(tokens("có hiệu quả, đúng"), vec!["có", " ", "hiệu", " ", "quả", ",", " ", "đúng"]);
    }

    #[test]
    fn one_phrase_added() {
        let d = diff("có hiệu quả.", "có hiệu quả, đúng quy định.");
        assert_eq!(
            d,
            vec![
                Piece { op: Op::Same, text: "có hiệu quả".into() },
                Piece { op: Op::Ins, text: ", đúng quy định".into() },
                Piece { op: Op::Same, text: ".".into() }
            ]
        );
        assert_eq!(old_text(&d), "có hiệu quả.");
        assert_eq!(new_text(&d), "có hiệu quả, đúng quy định.");
    }

    #[test]
    fn one_word_replaced() {
        let d = diff("phấn đấu đạt tỷ lệ", "phấn đấu vượt tỷ lệ");
        let changed: Vec<_> = d.iter().filter(|p| p.op != Op::Same).map(|p| (p.op, p.text.as_str())).collect();
        assert_eq!(changed, vec![(Op::Del, "đạt"), (Op::Ins, "vượt")]);
    }

    #[test]
    fn dice_of_bags() {
        assert_eq!(dice(&bag("a b c d"), &bag("a b c d")), 1.0);
        assert_eq!(dice(&bag("a b"), &bag("c d")), 0.0);
        assert!((dice(&bag("A b c"), &bag("a b x")) - 2.0 * 2.0 / 6.0).abs() < 1e-9);
    }

    #[test]
    fn line_diff_hunks() {
        let d = line_diff("a\nb\nc\n", "a\nB\nc\n", "a/x", "b/x");
        assert_eq!(d, "--- a/x\n+++ b/x\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
        assert_eq!(line_diff("a\n", "a\n", "a", "b"), "");
        assert_eq!(line_diff("", "a\n", "/dev/null", "b/x"), "--- /dev/null\n+++ b/x\n@@ -0,0 +1,1 @@\n+a\n");
    }
}
