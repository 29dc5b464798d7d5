//! Live preview: a plan's pages in a browser, redrawn each time the file is saved.
//!
//! Three parts, kept apart as typst-cli keeps its own: `watch` (which files
//! changed, from the file system's events, debounced), `session` (one
//! long-lived renderer that re-reads, checks and lays out the plan, so Typst's
//! memoization makes a small edit cheap; it keeps the last good pages while the
//! file is invalid and knows which pages changed), and `server` (a small HTTP
//! server on the loopback interface: the page, its event stream, the pages as
//! SVG). `Preview` ties them together for the command line.

pub mod server;
pub mod session;
pub mod watch;

use crate::diag::Lang;
use crate::render::pdf::{FontOptions, PdfRenderer};
use crate::render::Templates;
use session::{Session, Update};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::sync::Arc;

/// A running preview: the server is listening; each re-render arrives on `updates`.
pub struct Preview {
    pub addr: SocketAddr,
    updates: Receiver<Update>,
}

/// How a preview starts.
pub struct Options<'a> {
    pub file: &'a Path,
    /// 0 picks a free port.
    pub port: u16,
    pub templates: &'a Templates,
    pub fonts: FontOptions,
    pub lang: Lang,
}

impl Preview {
    /// Renders the plan once, binds `127.0.0.1:port` and starts serving and watching.
    pub fn start(o: Options) -> std::io::Result<Preview> {
        let renderer = PdfRenderer::new(o.templates, &o.fonts).map_err(|e| std::io::Error::other(e.0))?;
        let file: PathBuf = std::path::absolute(o.file)?;
        let watcher = watch::Watcher::new(std::slice::from_ref(&file))?;
        // Messages name the file as it was given; the watcher needs its absolute path.
        let mut session = Session::new(o.file.to_path_buf(), renderer, o.lang);
        let first = session.refresh();
        let hub = Arc::new(server::Hub::new());
        hub.publish(&first, session.pages());
        let listener = server::bind(o.port)?;
        let addr = listener.local_addr()?;
        {
            let hub = hub.clone();
            std::thread::spawn(move || server::serve(listener, hub));
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let _ = tx.send(first);
        std::thread::spawn(move || loop {
            // Empty only once the watcher has stopped: nothing more will come.
            if watcher.wait().is_empty() {
                return;
            }
            let u = session.refresh();
            hub.publish(&u, session.pages());
            if tx.send(u).is_err() {
                return;
            }
        });
        Ok(Preview { addr, updates: rx })
    }

    /// The page's address: `http://127.0.0.1:PORT/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Blocks until the next re-render (`None` once the watcher has stopped).
    pub fn next(&self) -> Option<Update> {
        self.updates.recv().ok()
    }
}
