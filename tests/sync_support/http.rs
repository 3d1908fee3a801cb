//! A git smart-HTTP server on loopback for the tests: `git http-backend` (the CGI program
//! that ships with git) behind a small HTTP/1.1 front written here, with optional basic auth
//! and fault injection (drop a push before or after the server applied it). Hooks in the
//! served repositories run, as on any real git host.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use base64::Engine;

/// What to do with the next push (a POST to git-receive-pack).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PushFault {
    None,
    /// Close the connection after reading the push, before git sees it.
    DropBefore,
    /// Let git apply the push, then close without answering.
    DropAfter,
}

struct Shared {
    root: PathBuf,
    auth: Option<(String, String)>,
    stop: AtomicBool,
    fault: std::sync::Mutex<PushFault>,
    fetch_fault: std::sync::Mutex<PushFault>,
    pub requests: AtomicU32,
    pub refused_auth: AtomicU32,
}

pub struct GitHttp {
    shared: Arc<Shared>,
    port: u16,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl GitHttp {
    /// Serves the bare repositories under `root` at `http://127.0.0.1:PORT/<name>`.
    pub fn start(root: &Path, auth: Option<(&str, &str)>) -> Self {
        Self::start_on(root, auth, 0)
    }

    /// As [`GitHttp::start`], on a given port (0: any free one): a restarted server.
    pub fn start_on(root: &Path, auth: Option<(&str, &str)>, port: u16) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", port)).unwrap();
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Shared {
            root: root.to_path_buf(),
            auth: auth.map(|(u, p)| (u.to_owned(), p.to_owned())),
            stop: AtomicBool::new(false),
            fault: std::sync::Mutex::new(PushFault::None),
            fetch_fault: std::sync::Mutex::new(PushFault::None),
            requests: AtomicU32::new(0),
            refused_auth: AtomicU32::new(0),
        });
        let s = shared.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if s.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let s = s.clone();
                std::thread::spawn(move || {
                    let _ = serve(&s, stream);
                });
            }
        });
        GitHttp {
            shared,
            port,
            thread: Some(thread),
        }
    }

    pub fn url(&self, repo: &str) -> String {
        format!("http://127.0.0.1:{}/{repo}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub fn fault_next_push(&self, fault: PushFault) {
        *self.shared.fault.lock().unwrap() = fault;
    }

    /// The same for the next fetch (a POST to git-upload-pack).
    pub fn fault_next_fetch(&self, fault: PushFault) {
        *self.shared.fetch_fault.lock().unwrap() = fault;
    }

    pub fn refused_auth(&self) -> u32 {
        self.shared.refused_auth.load(Ordering::SeqCst)
    }

    /// Stops the server: the port refuses connections from now on.
    pub fn stop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for GitHttp {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve(s: &Shared, stream: TcpStream) -> std::io::Result<()> {
    s.requests.fetch_add(1, Ordering::SeqCst);
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut out = stream;
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("/").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.trim_end().split_once(':') {
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let body = if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        let mut body = Vec::new();
        loop {
            let mut size = String::new();
            reader.read_line(&mut size)?;
            let n = usize::from_str_radix(size.trim().split(';').next().unwrap_or("0"), 16)
                .unwrap_or(0);
            if n == 0 {
                let mut end = String::new();
                reader.read_line(&mut end)?;
                break;
            }
            let mut chunk = vec![0; n];
            reader.read_exact(&mut chunk)?;
            body.extend_from_slice(&chunk);
            let mut crlf = [0; 2];
            reader.read_exact(&mut crlf)?;
        }
        body
    } else {
        let n: usize = header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; n];
        reader.read_exact(&mut body)?;
        body
    };

    let mut user = "anonymous".to_owned();
    if let Some((u, p)) = &s.auth {
        let expected = base64::engine::general_purpose::STANDARD.encode(format!("{u}:{p}"));
        if header("authorization") != Some(format!("Basic {expected}")) {
            if header("authorization").is_some() {
                s.refused_auth.fetch_add(1, Ordering::SeqCst);
            }
            out.write_all(
                b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"git\"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            )?;
            return Ok(());
        }
        user = u.clone();
    }

    let (path, query) = target.split_once('?').unwrap_or((&target, ""));
    let is_push = method == "POST" && path.ends_with("/git-receive-pack");
    let is_fetch = method == "POST" && path.ends_with("/git-upload-pack");
    let fault = if is_push {
        std::mem::replace(&mut *s.fault.lock().unwrap(), PushFault::None)
    } else if is_fetch {
        std::mem::replace(&mut *s.fetch_fault.lock().unwrap(), PushFault::None)
    } else {
        PushFault::None
    };
    if fault == PushFault::DropBefore {
        return out.shutdown(Shutdown::Both);
    }
    let mut cgi = Command::new("git");
    cgi.arg("http-backend")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_PROJECT_ROOT", &s.root)
        .env("GIT_HTTP_EXPORT_ALL", "1")
        .env("REQUEST_METHOD", &method)
        .env("PATH_INFO", path)
        .env("QUERY_STRING", query)
        .env("CONTENT_TYPE", header("content-type").unwrap_or_default())
        .env("CONTENT_LENGTH", body.len().to_string())
        .env("REMOTE_USER", &user)
        .env("REMOTE_ADDR", "127.0.0.1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(p) = header("git-protocol") {
        cgi.env("HTTP_GIT_PROTOCOL", p);
    }
    if let Some(e) = header("content-encoding") {
        cgi.env("HTTP_CONTENT_ENCODING", e);
    }
    let mut child = cgi.spawn()?;
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&body);
    });
    let mut output = Vec::new();
    child.stdout.take().unwrap().read_to_end(&mut output)?;
    let _ = writer.join();
    child.wait()?;
    if fault == PushFault::DropAfter {
        return out.shutdown(Shutdown::Both);
    }
    let split = output
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| output.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2)));
    let (head, body) = match split {
        Some((i, n)) => (
            String::from_utf8_lossy(&output[..i]).into_owned(),
            &output[i + n..],
        ),
        None => (String::new(), &output[..]),
    };
    let mut status = "200 OK".to_owned();
    let mut response = String::new();
    for h in head.lines() {
        if let Some(v) = h.strip_prefix("Status:") {
            status = v.trim().to_owned();
        } else if !h.trim().is_empty() {
            response.push_str(h.trim_end());
            response.push_str("\r\n");
        }
    }
    out.write_all(
        format!(
            "HTTP/1.1 {status}\r\n{response}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    )?;
    out.write_all(body)?;
    out.flush()
}
