//! Headless Chromium driven over the DevTools protocol (a websocket, `tungstenite`),
//! and a running `kehoach preview`, for the tests and the latency benchmark.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// Where Chromium is: `$CHROMIUM`, or Debian's `chromium` on the PATH.
pub fn chromium() -> PathBuf {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return PathBuf::from(p);
    }
    for dir in std::env::var("PATH").unwrap_or_default().split(':') {
        for name in ["chromium", "chromium-browser"] {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return p;
            }
        }
    }
    panic!(
        "Chromium is needed by the preview tests and was not found (no `chromium` on the PATH, no $CHROMIUM): \
         run scripts/test, which installs Debian's `chromium` package, or `apt-get install chromium`"
    );
}

/// A headless browser with one page open, killed on drop.
pub struct Browser {
    child: Child,
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts Chromium and opens `url` in a new page.
    pub fn open(url: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium())
            .args(["--headless=new", "--remote-debugging-port=0", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut line = String::new();
        let mut seen = String::new();
        let ws_url = loop {
            line.clear();
            if err.read_line(&mut line).unwrap_or(0) == 0 {
                let _ = child.kill();
                panic!("chromium stopped before its DevTools address; it said:\n{seen}");
            }
            seen += &line;
            if let Some(i) = line.find("ws://") {
                break line[i..].trim().to_string();
            }
        };
        // Keep reading its stderr so it never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = err.read_to_end(&mut sink);
        });
        let (ws, _) = tungstenite::connect(ws_url.as_str()).expect("connect to chromium's DevTools");
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        }
        let mut b = Browser { child, ws, session: String::new(), next_id: 0, _profile: profile };
        let target = b.call(None, "Target.createTarget", json!({"url": url}));
        let target_id = target["targetId"].as_str().unwrap().to_string();
        let attached = b.call(None, "Target.attachToTarget", json!({"targetId": target_id, "flatten": true}));
        b.session = attached["sessionId"].as_str().unwrap().to_string();
        // A page in the background gets its animation frames throttled: bring it to the front.
        let session = b.session.clone();
        b.call(Some(&session), "Page.bringToFront", json!({}));
        b
    }

    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws.send(Message::text(msg.to_string())).expect("send to chromium");
        loop {
            let m = self.ws.read().expect("read from chromium");
            let Ok(text) = m.into_text() else { continue };
            let v: Value = serde_json::from_str(text.as_str()).unwrap_or(Value::Null);
            if v["id"] == json!(id) {
                if let Some(e) = v.get("error") {
                    panic!("{method}: {e}");
                }
                return v["result"].clone();
            }
        }
    }

    /// Evaluates a JavaScript expression in the page (promises awaited); its value as JSON.
    pub fn eval(&mut self, expr: &str) -> Value {
        let session = self.session.clone();
        let r = self.call(Some(&session), "Runtime.evaluate", json!({"expression": expr, "returnByValue": true, "awaitPromise": true}));
        if let Some(e) = r.get("exceptionDetails") {
            panic!("`{expr}` threw: {e}");
        }
        r["result"]["value"].clone()
    }

    /// The page as it is drawn, as PNG bytes: `KEHOACH_SHOTS=DIR` keeps them for a person to look at.
    pub fn screenshot(&mut self, name: &str) {
        let Some(dir) = std::env::var_os("KEHOACH_SHOTS") else { return };
        let session = self.session.clone();
        let r = self.call(Some(&session), "Page.captureScreenshot", json!({"format": "png"}));
        use base64_png::decode;
        let png = decode(r["data"].as_str().expect("screenshot data"));
        std::fs::write(std::path::Path::new(&dir).join(format!("{name}.png")), png).expect("write the screenshot");
    }

    /// Polls `expr` until it is true; panics with `what` and the page's state after `timeout`.
    pub fn wait_for(&mut self, expr: &str, timeout: Duration, what: &str) {
        let start = Instant::now();
        while start.elapsed() < timeout {
            // Before the page has loaded, `document.body` is null: that is "not yet", not an error.
            if self.eval(&format!("(() => {{ try {{ return !!({expr}); }} catch (e) {{ return false; }} }})()")) == json!(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let state = self.eval("JSON.stringify({revision: document.body.dataset.revision, drawn: document.body.dataset.drawn, errors: document.getElementById('errors').textContent, status: document.getElementById('status').textContent})");
        panic!("timed out waiting for {what} ({expr}); page state: {state}");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A running `kehoach preview FILE --port 0`, stopped on drop.
pub struct Server {
    child: Child,
    pub url: String,
    pub port: u16,
    /// What it printed on stdout since it started (one line per revision).
    pub lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(plan: &Path) -> Server {
        let mut child = crate::util::bin()
            .args(["preview", "--no-system-fonts", "--port", "0"])
            .arg(plan)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start kehoach preview");
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap_or_else(|| panic!("no address in {line:?}")).to_string();
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = lines.clone();
        std::thread::spawn(move || {
            for l in out.lines().map_while(Result::ok) {
                sink.lock().unwrap().push(l);
            }
        });
        let port = url.trim_end_matches('/').rsplit(':').next().unwrap().parse().unwrap();
        Server { child, url, port, lines }
    }

    /// One raw HTTP/1.1 request; the response's status code and body.
    pub fn request(&self, path: &str, host: &str) -> (u16, String) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut resp = Vec::new();
        s.read_to_end(&mut resp).unwrap();
        let resp = String::from_utf8_lossy(&resp).to_string();
        let code = resp.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        let body = resp.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (code, body)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Replaces a file's content the way many editors save: a new file renamed over the old one.
pub fn save_by_rename(path: &Path, text: &str) {
    let tmp = path.with_extension("yaml.swp~");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// Standard base64, enough for DevTools' screenshots (no crate for one decode in a test).
mod base64_png {
    pub fn decode(s: &str) -> Vec<u8> {
        let val = |c: u8| match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            _ => 63,
        };
        let bytes: Vec<u8> = s.bytes().filter(|&c| c != b'=' && !c.is_ascii_whitespace()).map(val).collect();
        let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
        for ch in bytes.chunks(4) {
            let n = ch.iter().enumerate().fold(0u32, |n, (i, &v)| n | (v as u32) << (18 - 6 * i));
            for i in 0..ch.len().saturating_sub(1) {
                out.push((n >> (16 - 8 * i)) as u8);
            }
        }
        out
    }
}
