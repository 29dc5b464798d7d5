//! Worker processes: each plan renders in a long-lived child process (the
//! `kehoach` binary in its hidden worker mode) under a budget of time and memory.
//!
//! Typst cannot be cancelled from another thread, so a runaway render (a
//! hostile template override, a plan at the edge of the limits) can only be
//! stopped by ending its process. A worker loads fonts and templates once and
//! keeps Typst's cache warm across the plans it renders; the parent hands it one
//! plan's view at a time over a pipe and gets the files' bytes back. A worker
//! that passes its budget is killed and replaced; one that dies fails only the
//! plan it held. Workers run in their own process group, so Ctrl-C at the
//! terminal reaches only the parent, which lets the plans in flight finish.
//!
//! The pipe carries frames: a little-endian `u32` length, then that many bytes.
//! Parent → worker: one frame, the `PlanView` as JSON. Worker → parent: a JSON
//! header frame (`{"files": [["pdf", n], …]}` or `{"error": "…"}`), then one frame
//! per file.

use super::pipeline::Files;
use crate::diag::Failure;
use crate::render::Renderer;
use crate::view::PlanView;
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How workers are started and what each plan may use.
#[derive(Debug, Clone)]
pub struct PoolConfig {
    /// The `kehoach` binary.
    pub exe: PathBuf,
    /// Arguments that put it in worker mode with the run's formats, fonts and template.
    pub args: Vec<OsString>,
    /// Wall time one plan may take.
    pub timeout: Duration,
    /// Resident memory a worker may reach while it renders, in bytes.
    pub max_memory: u64,
}

/// Largest frame accepted: a plan at every limit stays far below it.
const MAX_FRAME: usize = 512 * 1024 * 1024;
/// How often the parent looks at a busy worker's time and memory.
const POLL: Duration = Duration::from_millis(25);

pub fn write_frame(w: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    w.write_all(&(bytes.len() as u32).to_le_bytes())?;
    w.write_all(bytes)
}

/// The next frame, or `None` at a clean end of stream.
pub fn read_frame(r: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
    let mut len = [0u8; 4];
    match r.read_exact(&mut len) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let n = u32::from_le_bytes(len) as usize;
    if n > MAX_FRAME {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "frame too large"));
    }
    let mut buf = vec![0u8; n];
    r.read_exact(&mut buf)?;
    Ok(Some(buf))
}

#[derive(Serialize, Deserialize)]
struct Header {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    files: Vec<(String, usize)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// The worker's side: renders every view that arrives on `input` until it closes.
/// A panic in a renderer is that plan's error, and the worker goes on.
pub fn serve(renderers: &[&dyn Renderer], input: impl Read, output: impl Write) -> io::Result<()> {
    let mut input = BufReader::new(input);
    let mut output = BufWriter::new(output);
    let mut done = 0usize;
    while let Some(frame) = read_frame(&mut input)? {
        let result: Result<Vec<(String, Vec<u8>)>, String> =
            serde_json::from_slice::<PlanView>(&frame).map_err(|e| format!("worker: bad job ({e})")).and_then(|view| {
                renderers
                    .iter()
                    .map(|r| match super::guard::catch(|| r.render(&view)) {
                        Ok(Ok(bytes)) => Ok((r.extension().to_string(), bytes)),
                        Ok(Err(e)) => Err(e.0),
                        Err(panic) => Err(format!("panic: {panic}")),
                    })
                    .collect()
            });
        match result {
            Ok(files) => {
                let header = Header { files: files.iter().map(|(e, b)| (e.clone(), b.len())).collect(), error: None };
                write_frame(&mut output, &serde_json::to_vec(&header)?)?;
                for (_, bytes) in &files {
                    write_frame(&mut output, bytes)?;
                }
            }
            Err(e) => write_frame(&mut output, &serde_json::to_vec(&Header { files: Vec::new(), error: Some(e) })?)?,
        }
        output.flush()?;
        done += 1;
        // Keep the memo cache bounded: entries unused for a few plans belong to plans written.
        if done.is_multiple_of(8) {
            renderers.iter().for_each(|r| r.trim_caches());
        }
    }
    Ok(())
}

enum Reply {
    Files(Files),
    Error(String),
    Gone,
}

/// One worker process, seen from the parent.
pub struct Worker {
    child: Child,
    stdin: Option<ChildStdin>,
    replies: Receiver<Reply>,
    stderr: Arc<Mutex<String>>,
    /// Whether a plan was ever sent: one that never got work is not waited for at the end.
    used: bool,
}

impl Worker {
    pub fn spawn(cfg: &PoolConfig) -> io::Result<Worker> {
        let mut child = Command::new(&cfg.exe)
            .args(&cfg.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Own process group: the terminal's Ctrl-C goes to the parent only.
            .process_group(0)
            .spawn()?;
        let stdout = child.stdout.take().ok_or_else(|| io::Error::other("no stdout"))?;
        let stderr_pipe = child.stderr.take().ok_or_else(|| io::Error::other("no stderr"))?;
        let (tx, replies) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let reply = match read_reply(&mut r) {
                    Ok(Some(reply)) => reply,
                    _ => {
                        let _ = tx.send(Reply::Gone);
                        return;
                    }
                };
                if tx.send(reply).is_err() {
                    return;
                }
            }
        });
        // The last lines a worker wrote to stderr, for the report if it dies.
        let stderr = Arc::new(Mutex::new(String::new()));
        let tail = stderr.clone();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stderr_pipe);
            let mut buf = [0u8; 4096];
            while let Ok(n) = r.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut t = tail.lock().unwrap_or_else(|e| e.into_inner());
                t.push_str(&String::from_utf8_lossy(&buf[..n]));
                if t.len() > 4096 {
                    let cut = t.len() - 2048;
                    let cut = (cut..t.len()).find(|&i| t.is_char_boundary(i)).unwrap_or(t.len());
                    t.drain(..cut);
                }
            }
        });
        Ok(Worker { stdin: child.stdin.take(), child, replies, stderr, used: false })
    }

    /// Renders one plan within the budget. On `Err`, the worker is no longer usable
    /// when `dead` says so (it was killed or died).
    pub fn render(&mut self, view: &PlanView, cfg: &PoolConfig) -> Result<Files, (Failure, bool)> {
        let job = serde_json::to_vec(view).map_err(|e| (Failure::Render(e.to_string()), false))?;
        self.used = true;
        let sent = self.stdin.as_mut().map(|w| write_frame(w, &job).and_then(|_| w.flush()));
        if !matches!(sent, Some(Ok(()))) {
            return Err((self.death(), true));
        }
        let started = Instant::now();
        loop {
            match self.replies.recv_timeout(POLL) {
                Ok(Reply::Files(f)) => return Ok(f),
                Ok(Reply::Error(e)) => return Err((Failure::Render(e), false)),
                Ok(Reply::Gone) | Err(RecvTimeoutError::Disconnected) => return Err((self.death(), true)),
                Err(RecvTimeoutError::Timeout) => {
                    if started.elapsed() > cfg.timeout {
                        self.kill();
                        return Err((Failure::Timeout(cfg.timeout.as_secs()), true));
                    }
                    if resident_bytes(self.child.id()).is_some_and(|b| b > cfg.max_memory) {
                        self.kill();
                        return Err((Failure::Memory(cfg.max_memory / (1024 * 1024)), true));
                    }
                }
            }
        }
    }

    /// Resident memory now, where the system says.
    pub fn resident(&self) -> Option<u64> {
        resident_bytes(self.child.id())
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Why the worker is gone: its exit status and the last thing it wrote.
    fn death(&mut self) -> Failure {
        self.stdin = None;
        let status = self.child.wait().map(|s| s.to_string()).unwrap_or_else(|e| e.to_string());
        let tail = self.stderr.lock().map(|t| t.trim().lines().last().unwrap_or("").to_string()).unwrap_or_default();
        Failure::WorkerDied(if tail.is_empty() { status } else { format!("{status}: {tail}") })
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing its input ends the worker's loop; a worker still busy is killed, and so is
        // one that never got a plan (it may still be starting: nothing of it is needed).
        self.stdin = None;
        if !self.used {
            self.kill();
            return;
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        self.kill();
    }
}

fn read_reply(r: &mut impl Read) -> io::Result<Option<Reply>> {
    let Some(head) = read_frame(r)? else { return Ok(None) };
    let header: Header = serde_json::from_slice(&head).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    if let Some(e) = header.error {
        return Ok(Some(Reply::Error(e)));
    }
    let mut files = Vec::with_capacity(header.files.len());
    for (ext, len) in header.files {
        let bytes = read_frame(r)?.ok_or_else(|| io::Error::from(io::ErrorKind::UnexpectedEof))?;
        if bytes.len() != len {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "file length"));
        }
        files.push((ext, bytes));
    }
    Ok(Some(Reply::Files(files)))
}

/// A process's resident set, from /proc (Linux); `None` elsewhere or once it is gone.
pub fn resident_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_round_trip() {
        let mut buf = Vec::new();
        write_frame(&mut buf, b"abc").unwrap();
        write_frame(&mut buf, b"").unwrap();
        let mut r = &buf[..];
        assert_eq!(read_frame(&mut r).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read_frame(&mut r).unwrap(), Some(Vec::new()));
        assert_eq!(read_frame(&mut r).unwrap(), None);
    }
}
