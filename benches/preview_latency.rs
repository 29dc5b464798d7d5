//! Save → page redrawn in the browser, for `kehoach preview`.
//!
//! Starts `kehoach preview` on a temporary copy of a plan, opens it in headless Chromium,
//! then saves a new title (by rename, as editors do) again and again. Each save's latency is
//! the time from just before the save to the moment the page has drawn the new revision
//! (two animation frames after the changed pages were swapped in: `window.kehoachDrawn.at`,
//! the browser's `Date.now()`, the same clock as ours). The server's own part (read, check,
//! lay out, SVG) is what `preview` prints per revision.
//!
//! Run: `cargo bench --bench preview_latency` (release), or `cargo test --bench preview_latency`
//! for a debug build (dependencies are built with opt-level 2 even there; kehoach's own code is not).

#[path = "../tests/util/browser.rs"]
mod browser;
#[path = "../tests/util/mod.rs"]
mod util;

use browser::{save_by_rename, Browser, Server};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const SAVES: usize = 15;

fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0
}

fn stats(v: &mut [f64]) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    (v[0], v[v.len() / 2], v[v.len() - 1])
}

fn bench(name: &str, target_ms: f64) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(util::root().join("plans").join(name)).unwrap();
    let plan = dir.path().join(name);
    std::fs::write(&plan, &text).unwrap();
    let server = Server::start(&plan);
    let mut b = Browser::open(&server.url);
    b.wait_for("document.body.dataset.drawn === '1'", Duration::from_secs(60), "the first revision");
    let pages = b.eval("document.querySelectorAll('#pages .page svg').length");
    let idle = b.eval("(async () => { const t = performance.now(); await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return performance.now() - t; })()");
    println!("  two animation frames with nothing to draw: {:.0} ms", idle.as_f64().unwrap());
    let title = text.lines().find(|l| l.starts_with("trich_yeu:")).unwrap().to_string();
    let mut latency = Vec::new();
    let (mut to_event, mut fetching, mut swapping, mut painting) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..SAVES {
        let rev = b.eval("window.kehoachDrawn.revision").as_u64().unwrap();
        let edited = text.replacen(&title, &format!("{title} (bản {i})"), 1);
        std::thread::sleep(Duration::from_millis(150));
        let t0 = now_ms();
        save_by_rename(&plan, &edited);
        b.wait_for(&format!("window.kehoachDrawn.revision > {rev}"), Duration::from_secs(60), "the edit drawn");
        let d = b.eval("window.kehoachDrawn");
        let f = |k: &str| d[k].as_f64().unwrap();
        latency.push(f("at") - t0);
        to_event.push(f("received") - t0);
        fetching.push(f("fetched") - f("received"));
        swapping.push(f("swapped") - f("fetched"));
        painting.push(f("at") - f("swapped"));
    }
    // The server's part, as it printed it: "bản N: P trang, C trang đổi, X ms".
    let mut server_ms: Vec<f64> =
        server.lines.lock().unwrap().iter().skip(1).filter_map(|l| l.rsplit(", ").next()?.strip_suffix(" ms")?.parse().ok()).collect();
    let (lo, med, hi) = stats(&mut latency);
    let (slo, smed, shi) = stats(&mut server_ms);
    println!(
        "{name} ({pages} pages), {SAVES} saves: save → drawn min {lo:.0} / median {med:.0} / max {hi:.0} ms (target < {target_ms:.0}); \
         server re-render min {slo:.0} / median {smed:.0} / max {shi:.0} ms"
    );
    let m = |v: &mut Vec<f64>| stats(v).1;
    println!(
        "  medians: save → event received {:.0} ms, fetching changed pages {:.0}, swapping them in {:.0}, until painted {:.0}",
        m(&mut to_event),
        m(&mut fetching),
        m(&mut swapping),
        m(&mut painting)
    );
}

fn main() {
    bench("bo-y-2025.yaml", 200.0);
    bench("my-hoa-hung-2024.yaml", 500.0);
}
