//! A hostile HTTP server on loopback: it answers whatever a test scripts
//! (raw bytes, endless bodies, redirects elsewhere) and records every request
//! it receives, so tests can check what a client would hand to an attacker.

use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request as received.
#[derive(Debug, Clone)]
pub struct Received {
    /// `GET /path?query HTTP/1.1` and the header lines, as text.
    pub head: String,
    /// The body.
    pub body: Vec<u8>,
}

impl Received {
    /// The request target (`/path?query`).
    pub fn target(&self) -> &str {
        self.head.split_whitespace().nth(1).unwrap_or_default()
    }

    /// Everything received, lossily as text (to search for secrets).
    pub fn text(&self) -> String {
        format!(
            "{}\r\n\r\n{}",
            self.head,
            String::from_utf8_lossy(&self.body)
        )
    }
}

/// What the server sends back.
pub enum Reply {
    /// These bytes, then close.
    Raw(Vec<u8>),
    /// A JSON body with status 200.
    Json(String),
    /// `status` with `Location: location` and an empty body.
    Redirect(u16, String),
    /// A chunked body of `chunk` repeated `times` times (`u64::MAX`: endless).
    Chunked { chunk: Vec<u8>, times: u64 },
    /// A `Content-Length` of `length` bytes, of which `send` are sent.
    Declared { length: u64, send: u64 },
}

type Script = dyn Fn(&Received, usize) -> Reply + Send + Sync;

/// A running hostile server; it stops when dropped.
pub struct Hostile {
    pub base_url: String,
    received: Arc<Mutex<Vec<Received>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Hostile {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Hostile {
    /// Serves `script(request, index)` on 127.0.0.1 (ephemeral port).
    pub async fn start(script: impl Fn(&Received, usize) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("addr"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::new(script);
        let log = received.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((mut stream, _)) = listener.accept().await else {
                    continue;
                };
                // Head and body are separate writes: without this, Nagle's
                // algorithm and delayed ACKs add 40 ms to every answer.
                let _ = stream.set_nodelay(true);
                let script = script.clone();
                let log = log.clone();
                tokio::spawn(async move {
                    while let Some(request) = read_request(&mut stream).await {
                        let index = {
                            let mut log = log.lock().expect("log");
                            log.push(request.clone());
                            log.len() - 1
                        };
                        if write_reply(&mut stream, script(&request, index))
                            .await
                            .is_err()
                        {
                            return;
                        }
                    }
                });
            }
        });
        Hostile {
            base_url,
            received,
            task,
        }
    }

    /// Every request received so far.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().expect("log").clone()
    }
}

async fn read_request(stream: &mut tokio::net::TcpStream) -> Option<Received> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())
                .flatten()
        })
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Received { head, body })
}

async fn write_reply(stream: &mut tokio::net::TcpStream, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Raw(bytes) => stream.write_all(&bytes).await,
        Reply::Json(body) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(body.as_bytes()).await
        }
        Reply::Redirect(status, location) => {
            let head = format!(
                "HTTP/1.1 {status} Moved\r\nlocation: {location}\r\ncontent-length: 0\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await
        }
        Reply::Chunked { chunk, times } => {
            stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
                .await?;
            let framed = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
            let mut sent = 0;
            while sent < times {
                stream.write_all(&framed).await?;
                sent += 1;
            }
            stream.write_all(b"0\r\n\r\n").await
        }
        Reply::Declared { length, send } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {length}\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).await?;
            let block = vec![b' '; 64 * 1024];
            let mut sent = 0;
            while sent < send {
                let n = (send - sent).min(block.len() as u64) as usize;
                stream.write_all(&block[..n]).await?;
                sent += n as u64;
            }
            stream.shutdown().await
        }
    }
}
