//! How long `kehoach diff` takes, process start included, on the largest plan of `plans/`
//! (plans/my-hoa-hung-2024.yaml, 21 pages) against a copy with five edits (a deadline moved,
//! a lead agency added, a word inserted, a recipient removed, a task added): `--format json` (target < 50 ms), and a redline PDF beside `render --format pdf`
//! of the same plan (target ≤ 1.5×). The runs alternate (diff, render, diff, render…), so a
//! busy moment of the machine falls on both; min and median of BENCH_RUNS (default 15).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// `s` with the first `from` after `after` replaced by `to`.
fn edit(s: &str, after: &str, from: &str, to: &str) -> String {
    let start = s.find(after).unwrap_or_else(|| panic!("`{after}` not in the plan"));
    let at = start + s[start..].find(from).unwrap_or_else(|| panic!("`{from}` not after `{after}`"));
    format!("{}{to}{}", &s[..at], &s[at + from.len()..])
}

fn time(runs: &mut Vec<f64>, cmd: &mut Command) {
    let t = Instant::now();
    let o = cmd.output().expect("run kehoach");
    runs.push(t.elapsed().as_secs_f64() * 1000.0);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));
}

fn stats(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[0], v[v.len() / 2])
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = env!("CARGO_BIN_EXE_kehoach");
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(15);
    let dir = tempfile::tempdir().expect("temp dir");
    let old = root.join("plans/my-hoa-hung-2024.yaml");
    let text = std::fs::read_to_string(&old).expect("plan");
    let mut new = edit(&text, "nhiem_vu:", "thoi_gian: 05/02/2024", "thoi_gian: 20/02/2024");
    new = edit(&new, "thoi_gian: Thường xuyên", "chu_tri: UBND xã", "chu_tri: UBND xã; Công chức Văn phòng - Thống kê");
    new = edit(&new, "nhiem_vu:", "việc đánh giá tác động", "việc đánh giá đầy đủ tác động");
    new = edit(&new, "noi_nhan:", "    - Phòng Nội vụ thành phố\n", "");
    new = edit(
        &new,
        "nhiem_vu:",
        "              - noi_dung: Kế hoạch rà soát",
        "              - noi_dung: Tổ chức tập huấn nghiệp vụ kiểm soát thủ tục hành chính cho công chức xã\n                chu_tri: UBND xã\n                thoi_gian: Tháng 4 năm 2024\n              - noi_dung: Kế hoạch rà soát",
    );
    let new_path = dir.path().join("moi.yaml");
    std::fs::write(&new_path, new).expect("write");
    let (o, n) = (old.to_str().unwrap(), new_path.to_str().unwrap());
    let out = dir.path();

    let (mut json, mut redline, mut render) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        time(&mut json, Command::new(bin).args(["diff", o, n, "--format", "json", "--out"]).arg(out.join("d.json")));
        time(&mut redline, Command::new(bin).args(["diff", o, n, "--format", "pdf", "--out"]).arg(out.join("so-sanh.pdf")));
        time(&mut render, Command::new(bin).args(["render", n, "--format", "pdf", "--out"]).arg(out));
    }
    let changes = std::fs::read_to_string(out.join("d.json")).expect("json").matches("\"kind\"").count();
    let (jmin, jmed) = stats(&mut json);
    let (pmin, pmed) = stats(&mut redline);
    let (rmin, rmed) = stats(&mut render);
    println!("plan: plans/my-hoa-hung-2024.yaml against an edited copy ({changes} changes), {runs} runs each, process start included");
    println!("diff --format json   min {jmin:7.1} ms  median {jmed:7.1} ms   (target < 50 ms)");
    println!("diff --format pdf    min {pmin:7.1} ms  median {pmed:7.1} ms");
    println!("render --format pdf  min {rmin:7.1} ms  median {rmed:7.1} ms");
    println!("redline / render     {:.2}× (medians)   (target ≤ 1.5×)", pmed / rmed);
}
