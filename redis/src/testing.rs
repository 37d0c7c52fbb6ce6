//! A throwaway `redis-server` for tests and benchmarks (feature
//! `test-server`): started on a free loopback port with a temporary
//! directory and no persistence, stopped (and the directory removed) when
//! dropped. It can be stopped and started again on the same port, to test
//! what a fleet does while Redis is down.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The variable naming the `redis-server` binary (else `redis-server` on
/// the `PATH`, then `/usr/bin/redis-server`).
pub const SERVER_VAR: &str = "OAPI_REDIS_SERVER";

/// The variable that lets tests skip (with a message) when no
/// `redis-server` can be found; without it, a missing server is an error.
pub const SKIP_VAR: &str = "OAPI_SKIP_REDIS";

/// Why a server could not be started.
#[derive(Debug)]
pub enum StartError {
    /// No `redis-server` binary was found.
    NotFound,
    /// It was found but did not start or answer.
    Failed(String),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::NotFound => write!(
                f,
                "no redis-server found (set {SERVER_VAR}, or install Debian's `redis-server`: \
                 scripts/test.sh does when it can; {SKIP_VAR}=1 skips the tests that need it)"
            ),
            StartError::Failed(why) => write!(f, "redis-server did not start: {why}"),
        }
    }
}

impl std::error::Error for StartError {}

/// A running (or stopped) test server.
#[derive(Debug)]
pub struct RedisServer {
    binary: PathBuf,
    dir: PathBuf,
    port: u16,
    child: Option<Child>,
}

/// Whether tests needing Redis should be skipped: no server found and
/// [`SKIP_VAR`] set (the message says so). Panics when no server is found
/// without it, so CI never skips silently.
pub fn start_or_skip() -> Option<RedisServer> {
    match RedisServer::start() {
        Ok(server) => Some(server),
        Err(StartError::NotFound) if std::env::var_os(SKIP_VAR).is_some_and(|v| v == "1") => {
            eprintln!("SKIPPED: no redis-server and {SKIP_VAR}=1: the Redis tests did not run");
            None
        }
        Err(error) => panic!("{error}"),
    }
}

impl RedisServer {
    /// Starts a server on a free loopback port.
    pub fn start() -> Result<RedisServer, StartError> {
        let binary = find().ok_or(StartError::NotFound)?;
        let port = free_port().map_err(|e| StartError::Failed(format!("no free port: {e}")))?;
        let dir = std::env::temp_dir().join(format!(
            "oapi-redis-{}-{port}-{:08x}",
            std::process::id(),
            fastrand::u32(..)
        ));
        std::fs::create_dir_all(&dir)
            .map_err(|e| StartError::Failed(format!("cannot create {}: {e}", dir.display())))?;
        let mut server = RedisServer {
            binary,
            dir,
            port,
            child: None,
        };
        server.resume()?;
        Ok(server)
    }

    /// `redis://127.0.0.1:<port>/`.
    pub fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Kills the server (its data is gone: no persistence).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port (empty) and waits until it answers.
    pub fn resume(&mut self) -> Result<(), StartError> {
        self.stop();
        let child = Command::new(&self.binary)
            .args(["--bind", "127.0.0.1", "--port"])
            .arg(self.port.to_string())
            .args([
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ])
            .arg("--dir")
            .arg(&self.dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| StartError::Failed(format!("{}: {e}", self.binary.display())))?;
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if ping(self.port) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.stop();
        Err(StartError::Failed(format!(
            "no PONG on port {} within 10 s",
            self.port
        )))
    }

    /// Sends one command in Redis's inline form and returns the raw reply
    /// (e.g. `INFO stats`, to count the commands processed).
    pub fn command(&self, line: &str) -> std::io::Result<String> {
        let mut stream = TcpStream::connect((Ipv4Addr::LOCALHOST, self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(2)))?;
        stream.write_all(format!("{line}\r\n").as_bytes())?;
        let mut reply = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = stream.read(&mut buf)?;
            reply.extend_from_slice(&buf[..n]);
            if n == 0 || complete(&reply) {
                break;
            }
        }
        Ok(String::from_utf8_lossy(&reply).into_owned())
    }

    /// Calls of one command since the server started (`INFO commandstats`;
    /// commands a script runs count under their own names).
    pub fn command_calls(&self, name: &str) -> Option<u64> {
        let info = self.command("INFO commandstats").ok()?;
        let prefix = format!("cmdstat_{}:calls=", name.to_ascii_lowercase());
        Some(
            info.lines()
                .find_map(|l| l.strip_prefix(prefix.as_str()))
                .and_then(|rest| rest.split(',').next())
                .and_then(|n| n.parse().ok())
                .unwrap_or(0),
        )
    }

    /// Commands the server has processed since it started (`INFO stats`,
    /// the `INFO` itself and the commands scripts run included).
    pub fn commands_processed(&self) -> Option<u64> {
        let info = self.command("INFO stats").ok()?;
        info.lines()
            .find_map(|l| l.strip_prefix("total_commands_processed:"))
            .and_then(|n| n.trim().parse().ok())
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether a reply is whole (RESP: simple lines, bulk strings, arrays).
fn complete(reply: &[u8]) -> bool {
    parsed(reply).is_some()
}

/// The length of the first whole RESP value in `bytes`, if it is whole.
fn parsed(bytes: &[u8]) -> Option<usize> {
    let line_end = bytes.windows(2).position(|w| w == b"\r\n")?;
    let header = std::str::from_utf8(&bytes[1..line_end]).ok()?;
    let after = line_end + 2;
    match bytes.first()? {
        b'$' => match header.parse::<i64>().ok()? {
            n if n < 0 => Some(after),
            n => {
                let end = after + usize::try_from(n).ok()? + 2;
                (bytes.len() >= end).then_some(end)
            }
        },
        b'*' => {
            let mut at = after;
            for _ in 0..header.parse::<i64>().ok()?.max(0) {
                at += parsed(&bytes[at..])?;
            }
            Some(at)
        }
        _ => Some(after),
    }
}

fn find() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(SERVER_VAR) {
        return Some(PathBuf::from(path));
    }
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("redis-server"))
            .find(|candidate| candidate.is_file())
    });
    on_path.or_else(|| {
        let fallback = Path::new("/usr/bin/redis-server");
        fallback.is_file().then(|| fallback.to_path_buf())
    })
}

fn free_port() -> std::io::Result<u16> {
    Ok(TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?
        .local_addr()?
        .port())
}

fn ping(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect((Ipv4Addr::LOCALHOST, port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    let mut buf = [0u8; 16];
    stream.write_all(b"PING\r\n").is_ok()
        && stream
            .read(&mut buf)
            .is_ok_and(|n| buf[..n].starts_with(b"+PONG"))
}

#[cfg(test)]
mod tests {
    use super::complete;

    #[test]
    fn replies_are_whole_only_when_complete() {
        assert!(complete(b"+PONG\r\n"));
        assert!(!complete(b"$5\r\nhel"));
        assert!(complete(b"$5\r\nhello\r\n"));
        assert!(complete(b"$-1\r\n"));
        assert!(!complete(b"*2\r\n$1\r\na\r\n"));
        assert!(complete(b"*2\r\n$1\r\na\r\n$2\r\nbc\r\n"));
        assert!(complete(b"*0\r\n"));
    }
}
