//! `kehoach preview` seen through a real browser: headless Chromium opens the page, the plan
//! is edited on disk, and the test reads what the page shows after each save.

#[path = "util/browser.rs"]
mod browser;
mod util;

use browser::{save_by_rename, Browser, Server};
use serde_json::json;
use std::time::Duration;
use util::*;

const WAIT: Duration = Duration::from_secs(30);

/// The text of every page as the DOM holds it (each page's SVG carries its text layer).
const PAGES_TEXT: &str = "document.getElementById('pages').textContent";

fn temp_plan(name: &str) -> (tempfile::TempDir, std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("plans").join(name)).unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, &text).unwrap();
    (dir, path, text)
}

/// The plan with another title (`trich_yeu`).
fn retitle(plan: &str, title: &str) -> String {
    let old = plan.lines().find(|l| l.starts_with("trich_yeu:")).expect("a trich_yeu line");
    plan.replacen(old, &format!("trich_yeu: {title}"), 1)
}

fn drawn(b: &mut Browser) -> u64 {
    b.eval("Number(document.body.dataset.drawn || 0)").as_u64().unwrap()
}

#[test]
fn edits_show_in_the_browser_errors_over_the_last_good_pages() {
    let (_dir, plan, original) = temp_plan("bo-y-2025.yaml");
    let server = Server::start(&plan);
    let mut b = Browser::open(&server.url);

    // First revision: the pages as they print.
    b.wait_for("document.body.dataset.drawn === '1'", WAIT, "the first revision drawn");
    assert_eq!(b.eval("document.querySelectorAll('#pages .page svg').length"), json!(5), "bo-y-2025 prints on 5 pages");
    let pictures = "[...document.querySelectorAll('#pages .page img')].filter(i => i.complete && i.naturalWidth > 500).length";
    assert_eq!(b.eval(pictures), json!(5), "every page's picture is decoded and shown");
    let sizes = b.eval("[...document.querySelectorAll('#pages .page svg')].map(s => s.viewBox.baseVal).map(v => [Math.round(v.width), Math.round(v.height)])");
    assert_eq!(sizes[0], json!([595, 842]), "page 1 is A4 portrait in points: {sizes}");
    assert!(sizes.as_array().unwrap().iter().all(|s| s == &json!([595, 842])), "bo-y-2025 has no landscape page: {sizes}");
    let numbers = b.eval("[...document.querySelectorAll('.page-number')].map(e => e.textContent)");
    assert_eq!(numbers[4], json!("Trang 5 / 5"), "{numbers}");
    b.screenshot("preview-first");
    let text = flat(b.eval(PAGES_TEXT).as_str().unwrap());
    assert!(text.contains("Trung tâm Phục vụ hành chính công xã Bờ Y"), "the title is in the page text: {}", &text[..text.len().min(600)]);
    assert_eq!(b.eval("document.getElementById('errors').hidden"), json!(true));

    // A new title, saved by rename; the page is updated in place, the scroll position kept.
    b.eval("window.scrollTo(0, 1500); window.scrollY");
    let scrolled = b.eval("window.scrollY");
    assert!(scrolled.as_f64().unwrap() > 1000.0, "the page scrolls: {scrolled}");
    b.eval("window.kehoachMark = 'still the same document'; true");
    let titled = retitle(&original, "Thí điểm tiếp nhận hồ sơ trực tuyến toàn trình tại xã Bờ Y");
    save_by_rename(&plan, &titled);
    b.wait_for(&format!("{PAGES_TEXT}.includes('Thí điểm tiếp nhận hồ sơ trực tuyến')"), WAIT, "the new title in the page text");
    let text = b.eval(PAGES_TEXT).as_str().unwrap().to_string();
    assert!(!text.contains("Nâng cao kết quả chỉ số phục vụ"), "the old title is gone");
    assert_eq!(b.eval("window.kehoachMark"), json!("still the same document"), "no reload");
    assert_eq!(b.eval("window.scrollY"), scrolled, "the scroll position is kept");
    let rev_title = drawn(&mut b);

    // A broken date, written in place: the error with its line over the old pages.
    let broken = titled.replacen("ngay: \"2025\"", "ngay: 31/02/2025", 1);
    let line = broken.lines().position(|l| l == "ngay: 31/02/2025").unwrap() + 1;
    std::fs::write(&plan, &broken).unwrap();
    b.wait_for(&format!("Number(document.body.dataset.drawn) > {rev_title} && !document.getElementById('errors').hidden"), WAIT, "the error shown");
    b.screenshot("preview-error");
    let errors = b.eval("document.getElementById('errors').innerText").as_str().unwrap().to_string();
    assert!(errors.contains(&format!("dòng {line}, cột 7")), "the error names its line and column: {errors}");
    assert!(errors.contains("ngay: 31/02/2025"), "the error shows the source line: {errors}");
    assert!(errors.contains("31/02/2025"), "{errors}");
    assert!(b.eval(PAGES_TEXT).as_str().unwrap().contains("Thí điểm tiếp nhận hồ sơ trực tuyến"), "the last good pages are kept under the error");
    assert_eq!(b.eval("document.querySelectorAll('#pages .page svg').length"), json!(5));
    let rev_broken = drawn(&mut b);

    // The fix clears the error.
    save_by_rename(&plan, &titled.replacen("ngay: \"2025\"", "ngay: 28/02/2025", 1));
    b.wait_for(&format!("Number(document.body.dataset.drawn) > {rev_broken} && document.getElementById('errors').hidden"), WAIT, "the error gone");
    assert!(flat(b.eval(PAGES_TEXT).as_str().unwrap()).contains("ngày 28 tháng 02 năm 2025"), "the fixed date is printed");
}

#[test]
fn only_the_loopback_host_and_the_three_routes_are_served() {
    let (_dir, plan, _) = temp_plan("gio-son-2025.yaml");
    let server = Server::start(&plan);
    let here = format!("127.0.0.1:{}", server.port);
    let (code, body) = server.request("/", &here);
    assert_eq!(code, 200);
    assert!(body.contains("EventSource(\"/events\")") && !body.contains("src=\"http"), "the page is inline, loading nothing from elsewhere");
    assert_eq!(server.request("/", &format!("localhost:{}", server.port)).0, 200);
    // DNS rebinding: a foreign name pointing at 127.0.0.1 is refused, on every route.
    assert_eq!(server.request("/", "evil.example").0, 403);
    assert_eq!(server.request("/pages/1.svg", &format!("evil.example:{}", server.port)).0, 403);
    assert_eq!(server.request("/events", "evil.example").0, 403);
    let (code, svg) = server.request("/pages/1.svg", &here);
    assert_eq!(code, 200);
    assert!(svg.starts_with("<svg") && svg.contains("class=\"text-layer\""), "{}", &svg[..200.min(svg.len())]);
    // The landscape appendices print on A4 landscape pages (points), the rest on A4 portrait.
    let mut shapes = Vec::new();
    for n in 1.. {
        let (code, svg) = server.request(&format!("/pages/{n}.svg"), &here);
        if code == 404 {
            break;
        }
        assert_eq!(code, 200);
        let view = svg.split("viewBox=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        shapes.push(if view.starts_with("0 0 841.88") {
            'L'
        } else if view.starts_with("0 0 595.27") {
            'P'
        } else {
            '?'
        });
    }
    let shapes: String = shapes.into_iter().collect();
    assert!(shapes.starts_with('P') && shapes.contains('L') && !shapes.contains('?'), "page shapes {shapes}");
    let past = shapes.len() + 1;
    for path in ["/nope", "/pages/0.svg", &format!("/pages/{past}.svg"), "/pages/1.png", "/pages/../gio-son-2025.yaml", "/gio-son-2025.yaml", "/etc/passwd"] {
        assert_eq!(server.request(path, &here).0, 404, "{path}");
    }
}

#[test]
fn render_watch_renders_again_on_every_save_until_ctrl_c() {
    use std::io::BufRead;
    let (dir, plan, original) = temp_plan("bo-y-2025.yaml");
    let out = dir.path().join("out");
    // Killed on drop, also when an assertion fails: a watcher left running would outlive the test.
    struct Running(std::process::Child);
    impl Drop for Running {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let child = bin()
        .args(["render", "--watch", "--no-system-fonts", "--format", "pdf", "--out"])
        .arg(&out)
        .arg(&plan)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut child = Running(child);
    let lines = |pipe: Box<dyn std::io::Read + Send>| {
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        std::thread::spawn(move || {
            for l in std::io::BufReader::new(pipe).lines().map_while(Result::ok) {
                let _ = tx.send(l);
            }
        });
        rx
    };
    let stdout = lines(Box::new(child.0.stdout.take().unwrap()));
    let stderr = lines(Box::new(child.0.stderr.take().unwrap()));
    let pdf = out.join("bo-y-2025.pdf");
    let written = |rx: &std::sync::mpsc::Receiver<String>| rx.recv_timeout(WAIT).expect("a file written");
    assert_eq!(written(&stdout), pdf.display().to_string());
    assert!(pdf_text(&pdf).contains("Trung tâm Phục vụ hành chính công xã Bờ Y"));
    // The watch is in place once it says so.
    let said = stderr.recv_timeout(WAIT).unwrap();
    assert!(said.contains("Đang theo dõi 1 tệp"), "{said}");

    let titled = retitle(&original, "Bộ phận một cửa xã Bờ Y");
    save_by_rename(&plan, &titled);
    assert_eq!(written(&stdout), pdf.display().to_string());
    let text = flat(&pdf_text(&pdf));
    assert!(text.contains("Bộ phận một cửa xã Bờ Y") && !text.contains("Nâng cao kết quả chỉ số phục vụ"), "the PDF has the new title: {text}");

    // An invalid save: its error is printed, the last PDF stays.
    std::fs::write(&plan, titled.replacen("ngay: \"2025\"", "ngay: 31/02/2025", 1)).unwrap();
    let deadline = std::time::Instant::now() + WAIT;
    let mut err = String::new();
    while !err.contains("31/02/2025") && std::time::Instant::now() < deadline {
        if let Ok(l) = stderr.recv_timeout(Duration::from_millis(200)) {
            err += &l;
            err.push('\n');
        }
    }
    assert!(err.contains(":9:7:") && err.contains("31/02/2025"), "the error with its line: {err}");
    assert!(flat(&pdf_text(&pdf)).contains("Bộ phận một cửa xã Bờ Y"), "the last good PDF is kept");

    // Ctrl-C stops it.
    let pid = child.0.id().to_string();
    assert!(std::process::Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(s) = child.0.try_wait().unwrap() {
            break s;
        }
        assert!(std::time::Instant::now() < deadline, "render --watch still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(130));
}
