//! The preview's HTTP server: loopback only, three routes, nothing from disk.
//!
//! - `GET /` the page (inline HTML, CSS and script; no other resource);
//! - `GET /events` server-sent events, one per re-render, its data
//!   `{revision, diagnostics, pages, changed}` (a new stream starts with the
//!   current revision, every page marked changed);
//! - `GET /pages/N.svg` page N (from 1) of the current revision.
//!
//! Anything else is 404; a request whose `Host` is not this server's loopback
//! address (a page of another site that rebound its name to 127.0.0.1) is 403.
//! The server is written on `std::net` rather than an HTTP crate: three GET
//! routes on one machine need little, and an event stream must reach the
//! browser the moment it is written (no buffering between us and the socket).

use super::session::{Page, Update};
use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The page shown at `/`.
const PAGE: &str = include_str!("page.html");
/// Connections served at once; more are closed (a page needs two or three).
const MAX_CONNECTIONS: usize = 64;
/// A request's head larger than this is refused.
const MAX_HEAD: usize = 16 * 1024;

/// Binds `127.0.0.1:port` (0: any free port). Never another interface.
pub fn bind(port: u16) -> std::io::Result<TcpListener> {
    TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
}

/// The current revision, shared between the session's thread and the connections.
pub struct Hub {
    state: Mutex<State>,
}

struct State {
    revision: u64,
    pages: Vec<Page>,
    /// The last event's data, sent to a new stream with every page marked changed.
    last: serde_json::Value,
    streams: Vec<Sender<String>>,
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    pub fn new() -> Hub {
        Hub { state: Mutex::new(State { revision: 0, pages: Vec::new(), last: serde_json::Value::Null, streams: Vec::new() }) }
    }

    /// A new revision: its pages become the ones served, its event goes to every open stream.
    pub fn publish(&self, u: &Update, pages: &[Page]) {
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.revision = u.revision;
        st.pages = pages.to_vec();
        st.last = u.json.clone();
        let data = sse(&st.last);
        st.streams.retain(|s| s.send(data.clone()).is_ok());
    }

    /// Opens a stream: its first event is the current revision with every page changed.
    fn subscribe(&self) -> (String, std::sync::mpsc::Receiver<String>) {
        let (tx, rx) = channel();
        let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let mut first = st.last.clone();
        if first.is_object() {
            first["changed"] = serde_json::json!((1..=st.pages.len()).collect::<Vec<_>>());
        }
        st.streams.push(tx);
        (sse(&first), rx)
    }

    fn page(&self, n: usize) -> Option<(u64, Page)> {
        let st = self.state.lock().unwrap_or_else(|e| e.into_inner());
        st.pages.get(n.checked_sub(1)?).map(|p| (st.revision, p.clone()))
    }
}

fn sse(data: &serde_json::Value) -> String {
    let id = data["revision"].as_u64().unwrap_or(0);
    format!("id: {id}\ndata: {data}\n\n")
}

/// Accepts connections until the listener fails, each on its own thread.
pub fn serve(listener: TcpListener, hub: Arc<Hub>) {
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(0);
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if open.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
            continue;
        }
        open.fetch_add(1, Ordering::SeqCst);
        let (hub, open) = (hub.clone(), open.clone());
        std::thread::spawn(move || {
            let _ = handle(stream, &hub, port);
            open.fetch_sub(1, Ordering::SeqCst);
        });
    }
}

/// A request's method, target and `Host` header.
struct Request {
    method: String,
    target: String,
    host: Option<String>,
    if_none_match: Option<String>,
}

fn read_request(stream: &TcpStream) -> std::io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream);
    let mut head = 0;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    head += line.len();
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else { return Ok(None) };
    let mut req = Request { method: method.to_string(), target: target.to_string(), host: None, if_none_match: None };
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        head += line.len();
        if head > MAX_HEAD {
            return Ok(None);
        }
        let l = line.trim_end();
        if l.is_empty() {
            return Ok(Some(req));
        }
        if let Some((k, v)) = l.split_once(':') {
            if k.eq_ignore_ascii_case("host") {
                req.host = Some(v.trim().to_string());
            } else if k.eq_ignore_ascii_case("if-none-match") {
                req.if_none_match = Some(v.trim().to_string());
            }
        }
    }
}

fn handle(mut stream: TcpStream, hub: &Hub, port: u16) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let Some(req) = read_request(&stream)? else {
        return respond(&mut stream, 400, "text/plain; charset=utf-8", &[], b"bad request\n");
    };
    // Against DNS rebinding: the browser names the host it thinks it talks to.
    let allowed = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    if !req.host.as_deref().is_some_and(|h| allowed.iter().any(|a| a.eq_ignore_ascii_case(h))) {
        return respond(&mut stream, 403, "text/plain; charset=utf-8", &[], b"forbidden: this preview answers only to 127.0.0.1 and localhost\n");
    }
    if req.method != "GET" {
        return respond(&mut stream, 405, "text/plain; charset=utf-8", &[("Allow", "GET")], b"method not allowed\n");
    }
    let (path, query) = req.target.split_once('?').unwrap_or((&req.target, ""));
    match path {
        "/" => respond(&mut stream, 200, "text/html; charset=utf-8", &[("Cache-Control", "no-cache")], PAGE.as_bytes()),
        "/events" => events(stream, hub),
        _ => match page_number(path).and_then(|n| hub.page(n)) {
            Some((revision, page)) => {
                let etag = format!("\"{:016x}\"", page.hash);
                // `?r=REV` names the revision the page belongs to: cacheable for good.
                let cache = if query.split('&').any(|kv| kv == format!("r={revision}")) { "max-age=31536000, immutable" } else { "no-cache" };
                if req.if_none_match.as_deref() == Some(etag.as_str()) {
                    return respond(&mut stream, 304, "image/svg+xml", &[("ETag", &etag), ("Cache-Control", cache)], b"");
                }
                respond(&mut stream, 200, "image/svg+xml", &[("ETag", &etag), ("Cache-Control", cache)], page.svg.as_bytes())
            }
            None => respond(&mut stream, 404, "text/plain; charset=utf-8", &[], b"not found\n"),
        },
    }
}

/// `/pages/N.svg` → N.
fn page_number(path: &str) -> Option<usize> {
    let n = path.strip_prefix("/pages/")?.strip_suffix(".svg")?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) || n.len() > 6 {
        return None;
    }
    n.parse().ok()
}

fn respond(stream: &mut TcpStream, status: u16, content_type: &str, headers: &[(&str, &str)], body: &[u8]) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        304 => "Not Modified",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
        body.len()
    );
    if content_type.starts_with("text/html") {
        // The page runs only its own inline script and talks only to this server.
        head +=
            "Content-Security-Policy: default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'\r\n";
    }
    for (k, v) in headers {
        head += &format!("{k}: {v}\r\n");
    }
    head += "\r\n";
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

/// The event stream: the current revision, then one event per re-render, a comment now and then
/// so a closed tab is noticed.
fn events(mut stream: TcpStream, hub: &Hub) -> std::io::Result<()> {
    let (first, rx) = hub.subscribe();
    stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\n\r\n")?;
    stream.write_all(b"retry: 500\n\n")?;
    stream.write_all(first.as_bytes())?;
    stream.flush()?;
    let _ = stream.set_nodelay(true);
    loop {
        match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(data) => stream.write_all(data.as_bytes())?,
            Err(RecvTimeoutError::Timeout) => stream.write_all(b": keep-alive\n\n")?,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        }
        stream.flush()?;
    }
}
