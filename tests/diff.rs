//! `kehoach diff` on the real plans of `plans/`: pairs made here with known edits (a deadline
//! moved, a lead agency changed, two tasks swapped, a task added, a target value changed in a
//! table, a word edited in a paragraph, a recipient removed), each with `id`s and without: the
//! JSON lists exactly those changes and nothing else. Also the text and Markdown outputs, the
//! exit status, and git's external diff driver in a real repository.

mod util;

use serde_json::Value;
use std::path::{Path, PathBuf};
use util::*;

fn plan_text(name: &str) -> String {
    std::fs::read_to_string(root().join("plans").join(format!("{name}.yaml"))).unwrap()
}

/// `s` with the one occurrence of `from` (after `after`, if given) replaced.
fn edit(s: &str, after: &str, from: &str, to: &str) -> String {
    let start = s.find(after).unwrap_or_else(|| panic!("`{after}` not in the plan"));
    let at = start + s[start..].find(from).unwrap_or_else(|| panic!("`{from}` not after `{after}`"));
    format!("{}{to}{}", &s[..at], &s[at + from.len()..])
}

/// The plan without the `id` of any task or target (appendix ids are required and stay).
fn strip_ids(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let l = lines[k];
        let indent = l.len() - l.trim_start().len();
        if indent > 2 && l.trim_start().starts_with("- id: ") && k + 1 < lines.len() {
            let next = lines[k + 1];
            out.push(format!("{}- {}", " ".repeat(indent), next.trim_start()));
            k += 2;
            continue;
        }
        out.push(l.to_string());
        k += 1;
    }
    out.join("\n") + "\n"
}

/// Gio Sơn (tasks with ids in Phụ lục I): six edits.
fn gio_son_pair() -> (String, String) {
    let old = plan_text("gio-son-2025");
    let mut new = edit(&old, "id: nguoi-dung-dau", "thoi_gian: Trước ngày 28/3/2025", "thoi_gian: Trước ngày 15/4/2025");
    new = edit(&new, "id: thi-diem", "chu_tri: Bộ phận TN&TKQ", "chu_tri: Văn phòng HĐND&UBND xã");
    // Swap the last two tasks of the group, then add one after them.
    let k = new.find("              - id: khuyen-khich").unwrap();
    let d = new.find("              - id: doan-the").unwrap();
    let end = new.find("\n\n  - id: chi-tieu").unwrap() + 1;
    let (kk, dt) = (new[k..d].to_string(), new[d..end].to_string());
    let added = "              - id: so-ket\n                noi_dung: Tổ chức hội nghị sơ kết việc sử dụng dịch vụ công trực tuyến sáu tháng đầu năm.\n                chu_tri: Văn phòng HĐND&UBND xã\n                thoi_gian: Tháng 7 năm 2025\n";
    new = format!("{}{dt}{kk}{added}{}", &new[..k], &new[end..]);
    new = edit(&new, "", "phấn đấu đạt tỷ lệ", "phấn đấu vượt tỷ lệ");
    new = edit(&new, "noi_nhan:", "    - Ủy ban MTTQVN xã\n", "");
    (old, new)
}

/// Đồng Phú (a target table): the first target's value 90% → 95%.
fn dong_phu_pair(ids: bool) -> (String, String) {
    let mut old = plan_text("dong-phu-2026");
    if ids {
        let mut n = 0;
        old = old
            .lines()
            .map(|l| {
                if let Some(rest) = l.strip_prefix("          - chi_tieu: ") {
                    n += 1;
                    format!("          - id: ct-{n}\n            chi_tieu: {rest}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
        assert_eq!(n, 8);
    }
    let new = edit(&old, "Tỷ lệ hồ sơ trực tuyến trên tổng số", "muc_tieu: 90", "muc_tieu: 95");
    (old, new)
}

fn write_pair(dir: &Path, tag: &str, (old, new): &(String, String)) -> (PathBuf, PathBuf) {
    (write_plan(dir, &format!("{tag}-old.yaml"), old), write_plan(dir, &format!("{tag}-new.yaml"), new))
}

fn diff_json(old: &Path, new: &Path) -> (i32, Vec<Value>) {
    let o = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", String::from_utf8_lossy(&o.stdout), stderr(&o)));
    (o.status.code().unwrap(), v["changes"].as_array().unwrap().clone())
}

fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).unwrap_or_else(|| panic!("`{needle}` not found"));
    text[..at].matches('\n').count() as u64 + 1
}

fn s<'a>(v: &'a Value, path: &[&str]) -> &'a str {
    let mut cur = v;
    for k in path {
        cur = &cur[*k];
    }
    cur.as_str().unwrap_or_else(|| panic!("no string at {path:?} in {v}"))
}

fn check_gio_son(changes: &[Value], new_text: &str) {
    let mut kinds: Vec<String> = changes.iter().map(|c| format!("{} {} {}", s(c, &["kind"]), s(c, &["item"]), c["field"].as_str().unwrap_or("-"))).collect();
    kinds.sort();
    assert_eq!(
        kinds,
        ["added task -", "changed paragraph noi_dung", "changed task chu_tri", "changed task thoi_gian", "moved task -", "removed recipient -"],
        "{changes:#?}"
    );
    let find = |kind: &str, field: &str| changes.iter().find(|c| c["kind"] == kind && c["field"].as_str().unwrap_or("-") == field).unwrap();

    let d = find("changed", "thoi_gian");
    assert_eq!((s(d, &["old"]), s(d, &["new"])), ("Trước ngày 28/3/2025", "Trước ngày 15/4/2025"));
    assert_eq!(d["shift_days"], 18);
    assert_eq!(s(d, &["shift"]), "lùi 18 ngày");
    assert_eq!(s(d, &["where", "new", "printed"]), "Phụ lục I, nhóm I, nhiệm vụ 2 (thời gian)");
    assert!(s(d, &["where", "new", "path"]).starts_with("phu_luc[0].noi_dung[0].nhiem_vu[0].nhiem_vu[1].thoi_gian"));
    assert_eq!(d["where"]["new"]["line"], line_of(new_text, "Trước ngày 15/4/2025"));

    let l = find("changed", "chu_tri");
    assert_eq!(l["removed"], serde_json::json!(["Bộ phận TN&TKQ"]));
    assert_eq!(l["added"], serde_json::json!(["Văn phòng HĐND&UBND xã"]));
    assert_eq!(s(l, &["where", "old", "printed"]), "Phụ lục I, nhóm I, nhiệm vụ 3 (chủ trì)");

    let m = find("moved", "-");
    let moved = s(m, &["new"]);
    assert!(moved.starts_with("Tuyên truyền, khuyến khích") || moved.starts_with("Tham gia công tác tuyên truyền"), "{moved}");
    assert!(moved.chars().count() <= 80 && !moved.contains('\n'));
    assert_ne!(s(m, &["where", "old", "path"]), s(m, &["where", "new", "path"]));

    let a = find("added", "-");
    assert!(s(a, &["new"]).starts_with("Tổ chức hội nghị sơ kết"), "{a}");
    assert_eq!(s(a, &["where", "new", "printed"]), "Phụ lục I, nhóm I, nhiệm vụ 6");
    assert!(a["where"].get("old").is_none());

    let p = find("changed", "noi_dung");
    let changed: Vec<(&str, &str)> = p["words"].as_array().unwrap().iter().filter(|w| w["op"] != "same").map(|w| (s(w, &["op"]), s(w, &["text"]))).collect();
    assert_eq!(changed, [("del", "đạt"), ("ins", "vượt")]);
    assert_eq!(s(p, &["where", "new", "printed"]), "Mục I, 2, đoạn 1");

    let r = find("removed", "-");
    assert_eq!(s(r, &["old"]), "Ủy ban MTTQVN xã");
    assert_eq!(s(r, &["where", "old", "printed"]), "nơi nhận, dòng 5");
    assert!(r["where"].get("new").is_none());
}

#[test]
fn known_edits_with_ids_are_exactly_the_changes() {
    let dir = tempfile::tempdir().unwrap();
    let pair = gio_son_pair();
    assert!(pair.0.contains("id: tuyen-truyen"));
    let (old, new) = write_pair(dir.path(), "gs", &pair);
    let (code, changes) = diff_json(&old, &new);
    assert_eq!(code, 1);
    check_gio_son(&changes, &pair.1);
}

#[test]
fn known_edits_without_ids_are_the_same_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (o, n) = gio_son_pair();
    let pair = (strip_ids(&o), strip_ids(&n));
    assert!(!pair.0.contains("id: tuyen-truyen") && pair.0.contains("id: chi-tieu"));
    let (old, new) = write_pair(dir.path(), "gs", &pair);
    let (code, changes) = diff_json(&old, &new);
    assert_eq!(code, 1);
    check_gio_son(&changes, &pair.1);
}

#[test]
fn target_value_in_a_table_with_and_without_ids() {
    for ids in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        let pair = dong_phu_pair(ids);
        assert_eq!(pair.0.contains("id: ct-1"), ids);
        let (old, new) = write_pair(dir.path(), "dp", &pair);
        let (code, changes) = diff_json(&old, &new);
        assert_eq!(code, 1);
        assert_eq!(changes.len(), 1, "{changes:#?}");
        let c = &changes[0];
        assert_eq!((s(c, &["kind"]), s(c, &["item"]), s(c, &["field"])), ("changed", "target", "muc_tieu"));
        assert_eq!((s(c, &["old"]), s(c, &["new"])), ("90%", "95%"));
        assert_eq!(s(c, &["where", "new", "printed"]), "Mục II, chỉ tiêu 1 (mục tiêu)");
        assert_eq!(c["where"]["new"]["line"], line_of(&pair.1, "muc_tieu: 95"));
    }
}

#[test]
fn a_plan_against_itself_has_no_change() {
    for name in PLANS {
        let p = root().join("plans").join(format!("{name}.yaml"));
        let (code, changes) = diff_json(&p, &p);
        assert_eq!((code, changes.len()), (0, 0), "{name}: {changes:#?}");
        let o = run(&["diff", p.to_str().unwrap(), p.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "Không có thay đổi");
    }
}

#[test]
fn text_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let pair = gio_son_pair();
    let (old, new) = write_pair(dir.path(), "gs", &pair);
    let o = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(!out.contains('\x1b'), "no colour off a terminal");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(*lines.last().unwrap(), "6 thay đổi: 1 thêm, 1 bớt, 1 di chuyển, 3 sửa");
    // Grouped by part: a heading, then one line per change.
    assert_eq!(lines.iter().filter(|l| l.starts_with("  ")).count(), 6, "{out}");
    assert!(lines.contains(&"Phụ lục I") && lines.contains(&"Mục I"), "{out}");
    assert!(out.contains("Phụ lục I, nhóm I, nhiệm vụ 2 (thời gian): [-Trước ngày 28/3/2025-] → {+Trước ngày 15/4/2025+} (lùi 18 ngày)"), "{out}");
    assert!(out.contains("phấn đấu [-đạt-]{+vượt+} tỷ lệ"), "{out}");
    assert!(out.contains("(bớt Bộ phận TN&TKQ, thêm Văn phòng HĐND&UBND xã)"), "{out}");

    let o = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--color", "always"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("\x1b[31;9mđạt\x1b[0m"));

    let o = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--lang", "en"]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.trim_end().ends_with("6 changes: 1 added, 1 removed, 1 moved, 3 changed"), "{out}");
    assert!(out.contains("Appendix I") || out.contains("Phụ lục I"), "{out}");
    assert!(out.contains("(18 days later)"), "{out}");

    let md = dir.path().join("thay-doi.md");
    let o = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "markdown", "--out", md.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let md = std::fs::read_to_string(&md).unwrap();
    assert!(md.contains("### Phụ lục I\n"), "{md}");
    assert!(md.contains("phấn đấu ~~đạt~~**vượt** tỷ lệ"), "{md}");
    assert!(md.contains("- *bớt* nơi nhận, dòng 5: Ủy ban MTTQVN xã"), "{md}");
    assert!(md.trim_end().ends_with("**6 thay đổi: 1 thêm, 1 bớt, 1 di chuyển, 3 sửa**"), "{md}");
}

#[test]
fn an_invalid_plan_is_trouble() {
    let dir = tempfile::tempdir().unwrap();
    let good = write_plan(dir.path(), "good.yaml", MINIMAL);
    let bad = write_plan(dir.path(), "bad.yaml", &MINIMAL.replace("ngay: 05/3/2025", "ngay: 30/02/2025"));
    let o = run(&["diff", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.yaml:5:7: lỗi: ngay: ngày không tồn tại"), "located: {err}");
    assert!(o.stdout.is_empty());
    let o = run(&["diff", good.to_str().unwrap(), dir.path().join("none.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["diff", good.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
}

fn git(dir: &Path, args: &[&str]) -> String {
    let o = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .env("HOME", dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_EXTERNAL_DIFF")
        .output()
        .expect("git is installed");
    assert!(o.status.success(), "git {args:?}: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn git_diff_and_log_through_the_driver() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["config", "user.name", "Văn thư"]);
    git(d, &["config", "user.email", "vanthu@example.vn"]);
    git(d, &["config", "commit.gpgsign", "false"]);
    // The two lines of set-up the README shows.
    std::fs::write(d.join(".gitattributes"), "*.yaml diff=kehoach\n").unwrap();
    git(d, &["config", "diff.kehoach.command", &format!("'{}' diff --git --lang vi", env!("CARGO_BIN_EXE_kehoach"))]);
    let (old, new) = gio_son_pair();
    std::fs::write(d.join("ke-hoach.yaml"), &old).unwrap();
    std::fs::write(d.join("ghi-chu.yaml"), "a: 1\nb: [2, 3]\n").unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "Dự thảo 1"]);

    std::fs::write(d.join("ke-hoach.yaml"), &new).unwrap();
    std::fs::write(d.join("ghi-chu.yaml"), "a: 1\nb: [2, 4]\n").unwrap();
    let out = git(d, &["diff"]);
    assert!(out.contains("kehoach diff a/ke-hoach.yaml b/ke-hoach.yaml"), "{out}");
    assert!(out.contains("Phụ lục I, nhóm I, nhiệm vụ 2 (thời gian): [-Trước ngày 28/3/2025-] → {+Trước ngày 15/4/2025+} (lùi 18 ngày)"), "{out}");
    assert!(out.contains("6 thay đổi: 1 thêm, 1 bớt, 1 di chuyển, 3 sửa"), "{out}");
    assert!(!out.contains("-    - Ủy ban MTTQVN xã"), "no line diff for a plan: {out}");
    // A file that is not a plan: a one-line note, then a plain line diff.
    let notes = &out[out.find("kehoach diff a/ghi-chu.yaml b/ghi-chu.yaml").expect("the other file too")..];
    let mut lines = notes.lines().skip(1);
    let note = lines.next().unwrap();
    assert!(note.starts_with("không đọc được như một kế hoạch (") && note.ends_with("): so sánh từng dòng"), "{notes}");
    assert!(!note.contains("/tmp") && !note.contains("git-blob"), "no temporary file name: {note}");
    assert!(notes.contains("\n-b: [2, 3]\n+b: [2, 4]\n"), "{notes}");

    git(d, &["commit", "-qam", "Dự thảo 2"]);
    std::fs::write(d.join("ke-hoach-2026.yaml"), &new).unwrap();
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "Kế hoạch năm sau"]);
    let log = git(d, &["log", "-p", "--ext-diff"]);
    assert!(log.contains("lùi 18 ngày") && log.contains("Dự thảo 2"), "{log}");
    // An added file: git passes /dev/null for the old side.
    let added = &log[log.find("kehoach diff a/ke-hoach-2026.yaml").expect("the added plan")..];
    assert!(added.lines().nth(1) == Some("tệp mới") && added.contains("\n+co_quan:\n"), "{added}");
    assert!(added.contains("--- /dev/null\n+++ b/ke-hoach-2026.yaml\n@@ -0,0 +1,"), "{added}");
}

#[test]
fn a_batch_plan_is_compared_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let old = std::fs::read_to_string(root().join("plans/batch/ke-hoach.yaml")).unwrap();
    assert!(old.contains("ngay: \"{{ ngay }}\""));
    let p = root().join("plans/batch/ke-hoach.yaml");
    let (code, changes) = diff_json(&p, &p);
    assert_eq!((code, changes.len()), (0, 0), "{changes:#?}");
    let new = edit(&old, "", "ngay: \"{{ ngay }}\"", "ngay: \"{{ ngay_ky }}\"");
    let (o, n) = write_pair(dir.path(), "batch", &(old, new));
    let (code, changes) = diff_json(&o, &n);
    assert_eq!(code, 1);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!((s(&changes[0], &["item"]), s(&changes[0], &["field"])), ("header", "ngay"));
    assert_eq!((s(&changes[0], &["old"]), s(&changes[0], &["new"])), ("{{ ngay }}", "{{ ngay_ky }}"));
}

/// LibreOffice's own text export of a document (Writer's "Text (encoded)" filter).
fn lo_text(doc: &Path, dir: &Path) -> String {
    let out = dir.join(format!("txt-{}", doc.file_stem().unwrap().to_string_lossy()));
    let o = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "txt:Text (encoded):UTF8", "--outdir"])
        .arg(&out)
        .arg(doc)
        .env("HOME", dir)
        .output()
        .expect("LibreOffice (soffice) is installed: scripts/test installs libreoffice-writer-nogui");
    assert!(o.status.success(), "soffice: {}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out.join(format!("{}.txt", doc.file_stem().unwrap().to_string_lossy()))).unwrap()
}

/// Lines with their spacing evened out and blank lines dropped: the text a reader compares.
fn lines(s: &str) -> Vec<String> {
    s.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|l| !l.is_empty()).collect()
}

/// The redline DOCX opened in LibreOffice through UNO: its tracked changes, and its text with
/// every change accepted and with every change rejected (tests/tools/lo_redline.py).
fn lo_redline(docx: &Path, dir: &Path) -> (Vec<Value>, String, String) {
    let out = dir.join("lo");
    std::fs::create_dir_all(&out).unwrap();
    // Debian's python3, whose `uno` module comes with python3-uno (scripts/test installs it).
    let o = std::process::Command::new("/usr/bin/python3")
        .arg(root().join("tests/tools/lo_redline.py"))
        .arg(docx)
        .arg(&out)
        .env("HOME", dir)
        .output()
        .expect("/usr/bin/python3 with python3-uno");
    assert!(o.status.success(), "lo_redline.py: {}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    let read = |n: &str| std::fs::read_to_string(out.join(n)).unwrap();
    (report["redlines"].as_array().unwrap().clone(), read("accepted.txt"), read("rejected.txt"))
}

fn render_docx(plan: &Path, dir: &Path) -> PathBuf {
    let o = run(&["render", plan.to_str().unwrap(), "--format", "docx", "--out", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    dir.join(format!("{}.docx", plan.file_stem().unwrap().to_string_lossy()))
}

#[test]
fn redline_docx_carries_tracked_changes_that_libreoffice_accepts_and_rejects() {
    let (o, n) = gio_son_pair();
    for (tag, pair, date) in
        [("gs", gio_son_pair(), "2025-02-17"), ("gs-noid", (strip_ids(&o), strip_ids(&n)), "2025-02-17"), ("dp", dong_phu_pair(false), "2026-03-01")]
    {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = write_pair(dir.path(), tag, &pair);
        let red = dir.path().join("so-sanh.docx");
        let out = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "docx", "--out", red.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{tag}: {}", stderr(&out));

        // Word's markup: insertions in w:ins, deletions in w:del with w:delText, author kehoach,
        // dated the new plan's date; ids unique.
        let xml = docx_part(&red, "word/document.xml");
        assert!(xml.contains(&format!("w:author=\"kehoach\" w:date=\"{date}T00:00:00Z\"")), "{tag}");
        assert!(xml.contains("<w:ins ") && xml.contains("<w:del ") && xml.contains("<w:delText"), "{tag}");
        let ids: Vec<&str> = xml.match_indices(" w:id=\"").map(|(i, _)| xml[i + 7..].split('"').next().unwrap()).collect();
        let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len(), "{tag}: tracked-change ids repeat");

        // Schema-valid, as every DOCX the tool writes.
        assert_schema_valid(&red, tag);

        // LibreOffice lists them as tracked changes; accepting all gives the new plan's text,
        // rejecting all the old plan's (each as LibreOffice reads the plan's own DOCX).
        let (redlines, accepted, rejected) = lo_redline(&red, dir.path());
        assert!(!redlines.is_empty(), "{tag}");
        assert!(redlines.iter().all(|r| r["author"] == "kehoach" && r["date"] == date), "{tag}: {redlines:?}");
        let types: std::collections::BTreeSet<&str> = redlines.iter().map(|r| r["type"].as_str().unwrap()).collect();
        assert!(types.contains("Insert") && types.contains("Delete"), "{tag}: {types:?}");
        let (old_docx, new_docx) = (render_docx(&old, dir.path()), render_docx(&new, dir.path()));
        assert_eq!(lines(&accepted), lines(&lo_text(&new_docx, dir.path())), "{tag}: accept all ≠ new");
        assert_eq!(lines(&rejected), lines(&lo_text(&old_docx, dir.path())), "{tag}: reject all ≠ old");
    }
}

/// Bờ Y, structural edits: the draft gets its number and day (header), a whole part with its
/// points is deleted, a point moves to the top of its list, a part goes up a level (III.,
/// capitals: a heading restyled), a recipient is added, and a landscape appendix with a table
/// is added after the signature.
fn bo_y_pair() -> (String, String) {
    let old = plan_text("bo-y-2025");
    let mut new = edit(&old, "dia_danh:", "ngay: \"2025\"", "so: 12\nngay: 15/10/2025");
    let start = new.find("      - muc: Yêu cầu\n").unwrap();
    let end = new.find("\n  - muc: Mục tiêu, chỉ tiêu").unwrap();
    new.replace_range(start..end, "");
    let point = "          - gach: Tăng cường công tác tuyên truyền về lợi ích sử dụng dịch vụ công trực tuyến.\n";
    new = new.replacen(point, "", 1);
    new = edit(&new, "      - muc: Mục tiêu\n", "        noi_dung:\n", &format!("        noi_dung:\n{point}"));
    let start = new.find("      - muc: Giải pháp triển khai thực hiện").unwrap();
    let end = new.find("\nket_thuc:").unwrap();
    let dedented: String = new[start..end].lines().map(|l| format!("{}\n", l.strip_prefix("    ").unwrap_or(l))).collect();
    new.replace_range(start..end, dedented.trim_end_matches('\n'));
    new = edit(&new, "danh_sach:", "    - Công an xã\n", "    - Công an xã\n    - Văn phòng HĐND và UBND xã\n");
    new.push_str(
        "\nphu_luc:\n  - id: chi-tieu\n    tieu_de: Chỉ tiêu năm 2025\n    huong: ngang\n    noi_dung:\n      - bang:\n          tieu_de: [[Chỉ tiêu, Hiện tại, Mục tiêu]]\n          hang:\n            - [Tỷ lệ hồ sơ trực tuyến, \"34,2%\", \"60%\"]\n            - [Thanh toán trực tuyến, \"66,67%\", \"80%\"]\n",
    );
    (old, new)
}

#[test]
fn redline_docx_of_structural_edits_accepts_and_rejects_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let pair = bo_y_pair();
    let (old, new) = write_pair(dir.path(), "by", &pair);
    let (code, changes) = diff_json(&old, &new);
    assert_eq!(code, 1, "{changes:#?}");
    let red = dir.path().join("so-sanh.docx");
    let out = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "docx", "--out", red.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let xml = docx_part(&red, "word/document.xml");
    // The part that went up a level keeps its text and changes its style: w:pPrChange with the old one.
    assert!(xml.contains("<w:pPrChange ") && xml.contains("<w:pPr><w:pStyle w:val=\"Heading2\"/>"), "no pPrChange");
    // The added appendix brings its section; its rows are tracked rows.
    assert!(xml.contains("<w:trPr><w:cantSplit/><w:ins ") || xml.contains("<w:cantSplit/><w:tblHeader/><w:ins "), "no tracked row");
    assert_schema_valid(&red, "bo-y redline");
    let (redlines, accepted, rejected) = lo_redline(&red, dir.path());
    assert!(redlines.iter().all(|r| r["author"] == "kehoach" && r["date"] == "2025-10-15"), "{redlines:?}");
    let types: std::collections::BTreeSet<&str> = redlines.iter().map(|r| r["type"].as_str().unwrap()).collect();
    assert!(types.contains("Insert") && types.contains("Delete") && types.contains("ParagraphFormat"), "{types:?}");
    let (old_docx, new_docx) = (render_docx(&old, dir.path()), render_docx(&new, dir.path()));
    assert_eq!(lines(&accepted), lines(&lo_text(&new_docx, dir.path())), "accept all ≠ new");
    assert_eq!(lines(&rejected), lines(&lo_text(&old_docx, dir.path())), "reject all ≠ old");
    // The PDF redline of the same pair lays out, with the old and the new date both in it.
    let pdf = dir.path().join("so-sanh.pdf");
    let out = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "pdf", "--out", pdf.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = flat(&pdf_text(&pdf));
    assert!(text.contains("ngày 15 tháng 10 năm 2025") && text.contains("GIẢI PHÁP TRIỂN KHAI THỰC HIỆN"), "{text}");
}

/// Runs a python snippet with pdfplumber on `pdf` (sys.argv[1]) and parses what it prints as JSON.
fn plumber(pdf: &Path, code: &str) -> Value {
    let o = std::process::Command::new("python3").args(["-c", code]).arg(pdf).output().expect("python3 with pdfplumber");
    assert!(o.status.success(), "pdfplumber: {}", String::from_utf8_lossy(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn redline_pdf_marks_insertions_and_deletions_after_a_summary_page() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = write_pair(dir.path(), "gs", &gio_son_pair());
    let red = dir.path().join("so-sanh.pdf");
    let out = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "pdf", "--out", red.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    // Page 1: the summary, as the text output says it, with no page number.
    let first = flat(&page_text(&red, 1));
    assert!(first.starts_with("NHỮNG THAY ĐỔI SO VỚI BẢN CŨ (gs-old.yaml → gs-new.yaml)"), "{first}");
    assert!(first.contains("(lùi 18 ngày)") && first.contains("6 thay đổi: 1 thêm, 1 bớt, 1 di chuyển, 3 sửa"), "{first}");
    // Then the plan: its first page unnumbered, its second numbered 2, as the plan itself.
    let plan = render_pdf_pages(&new, dir.path());
    assert_eq!(pages(&red), plan + 1, "one summary page before the plan's pages (the marks add no page here)");
    assert!(page_text(&red, 2).contains("KẾ HOẠCH"));
    assert_eq!(page_text(&red, 3).split_whitespace().next(), Some("2"));

    // Deleted and inserted words are both in the text: the old deadline struck, the new one underlined.
    let text = flat(&pdf_text(&red));
    for w in ["Trước ngày 28/3/2025", "Trước ngày 15/4/2025", "phấn đấu đạtvượt tỷ lệ", "Ủy ban MTTQVN xã", "Tổ chức hội nghị sơ kết"]
    {
        assert!(text.contains(w), "`{w}` not in the redline");
    }
    // The marks themselves: words in the deletion colour with a line through them, words in the
    // insertion colour with a line under them, and change bars in the left margin (x < 30 mm).
    let marks = plumber(
        &red,
        r#"
import json, sys, pdfplumber
out = {"del": [], "ins": [], "bars": 0, "strikes": 0, "unders": 0}
with pdfplumber.open(sys.argv[1]) as pdf:
    for page in pdf.pages[1:]:
        for ch in page.chars:
            c = tuple(round(v, 2) for v in (ch.get("non_stroking_color") or ()))
            if c == (0.7, 0.15, 0.12): out["del"].append(ch["text"])
            if c == (0.1, 0.34, 0.69): out["ins"].append(ch["text"])
        for l in page.lines + page.rects:
            w, h = l["x1"] - l["x0"], l["bottom"] - l["top"]
            if l["x1"] < 30 / 25.4 * 72 and h > 8 and w < 3: out["bars"] += 1
            elif h < 1.5 and w > 3:
                c = tuple(round(v, 2) for v in (l.get("stroking_color") or l.get("non_stroking_color") or ()))
                if c == (0.7, 0.15, 0.12): out["strikes"] += 1
                if c == (0.1, 0.34, 0.69): out["unders"] += 1
out["del"] = "".join(out["del"]); out["ins"] = "".join(out["ins"])
print(json.dumps(out))
"#,
    );
    let (del, ins) = (marks["del"].as_str().unwrap(), marks["ins"].as_str().unwrap());
    assert!(del.contains("28/3/2025") && del.contains("đạt") && del.contains("ỦybanMTTQVN"), "deleted: {del}");
    assert!(ins.contains("15/4/2025") && ins.contains("vượt") && ins.contains("Tổchứchộinghịsơkết"), "inserted: {ins}");
    assert!(marks["bars"].as_u64().unwrap() >= 5, "{marks}");
    assert!(marks["strikes"].as_u64().unwrap() >= 3 && marks["unders"].as_u64().unwrap() >= 3, "{marks}");
}

fn render_pdf_pages(plan: &Path, dir: &Path) -> usize {
    let o = run(&["render", plan.to_str().unwrap(), "--format", "pdf", "--out", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    pages(&dir.join(format!("{}.pdf", plan.file_stem().unwrap().to_string_lossy())))
}

#[test]
fn redline_needs_an_out_file_and_whole_plans() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = write_pair(dir.path(), "gs", &gio_son_pair());
    let o = run(&["diff", old.to_str().unwrap(), new.to_str().unwrap(), "--format", "pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("docx và pdf cần --out TỆP"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    // A batch plan's placeholders cannot be laid out: located errors, exit 2, no file.
    let batch = root().join("plans/batch/ke-hoach.yaml");
    let red = dir.path().join("r.docx");
    let o = run(&["diff", batch.to_str().unwrap(), batch.to_str().unwrap(), "--format", "docx", "--out", red.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("ke-hoach.yaml:"), "{}", stderr(&o));
    assert!(!red.exists());
}
