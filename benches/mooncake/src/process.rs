//! The processes of a run (the real master, the Rust master, the Python
//! client): each with the loopback preload, its output in a log file, stopped
//! by its own pid on drop (SIGTERM, then SIGKILL). Trimmed from the
//! example's `tests/real/process.rs`.

use crate::install::Install;
use std::fs::File;
use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a server may take to listen (the real master: about 0.3 s).
pub const START_TIMEOUT: Duration = Duration::from_secs(15);
/// How many times a server that exits before it listens (its port taken
/// meanwhile) is started again.
const ATTEMPTS: usize = 3;
/// How long a stopped process may take to exit before SIGKILL (0.3.13's master takes about 1 s).
const STOP_GRACE: Duration = Duration::from_secs(3);

/// A child process, its stderr (and stdout unless piped) in a log file.
pub struct Proc {
    child: Child,
    what: String,
    log: PathBuf,
    started: Instant,
}

impl Proc {
    /// Starts `cmd` with the loopback preload. With `piped`, its stdin and
    /// stdout are pipes ([`pipes`](Self::pipes)); else stdin is closed and
    /// stdout goes to the log too.
    pub fn spawn(install: &Install, mut cmd: Command, what: &str, piped: bool) -> Result<Proc, String> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let log = std::env::temp_dir().join(format!(
            "mooncake-bench-{}-{}-{}.log",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed),
            what.replace(|c: char| !c.is_ascii_alphanumeric() && c != '.', "_")
        ));
        let out = File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| format!("{}: {e}", log.display()))?;
        cmd.env("LD_PRELOAD", &install.preload).stderr(err);
        if piped {
            cmd.stdin(Stdio::piped()).stdout(Stdio::piped());
        } else {
            cmd.stdin(Stdio::null()).stdout(out);
        }
        let child = cmd.spawn().map_err(|e| format!("starting {what} ({:?}): {e}", cmd.get_program()))?;
        Ok(Proc { child, what: what.to_owned(), log, started: Instant::now() })
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the process is.
    pub fn what(&self) -> &str {
        &self.what
    }

    /// Its stdin and stdout, once (`None` unless spawned `piped`).
    pub fn pipes(&mut self) -> Option<(ChildStdin, ChildStdout)> {
        Some((self.child.stdin.take()?, self.child.stdout.take()?))
    }

    /// The last lines of its log, to show why it failed.
    pub fn tail(&self) -> String {
        let mut text = String::new();
        if let Ok(mut f) = File::open(&self.log) {
            let _ = f.read_to_string(&mut text);
        }
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(30)..].join("\n")
    }

    /// `Err` with its exit status and log if it has exited.
    pub fn check_running(&mut self) -> Result<(), String> {
        match self.child.try_wait() {
            Ok(None) => Ok(()),
            Ok(Some(status)) => Err(format!(
                "{} exited ({status}) after {:?}; its log {}:\n{}",
                self.what,
                self.started.elapsed(),
                self.log.display(),
                self.tail()
            )),
            Err(e) => Err(format!("{}: {e}", self.what)),
        }
    }

    /// Waits until it listens on each of `ports` (and nowhere but
    /// loopback); `Err` if it exits first or takes too long.
    fn wait_listening(&mut self, ports: &[u16]) -> Result<Duration, String> {
        loop {
            self.check_running()?;
            let mine = listeners(self.pid());
            if ports.iter().all(|p| mine.iter().any(|a| a.port() == *p)) {
                check_loopback_only(self)?;
                return Ok(self.started.elapsed());
            }
            if self.started.elapsed() > START_TIMEOUT {
                return Err(format!("{} is not listening after {START_TIMEOUT:?}:\n{}", self.what, self.tail()));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits up to `grace` for it to exit on its own (its stdin closed, say).
    pub fn wait_exit(&mut self, grace: Duration) -> bool {
        let deadline = Instant::now() + grace;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        false
    }

    /// Stops it: SIGTERM to its pid, then SIGKILL after a grace period.
    pub fn stop(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        let _ = Command::new("kill").arg("-TERM").arg(self.pid().to_string()).status();
        if !self.wait_exit(STOP_GRACE) {
            eprintln!("{} did not exit {STOP_GRACE:?} after SIGTERM: SIGKILL", self.what);
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// A server process listening on fresh ports of 127.0.0.1.
pub struct Server {
    /// The process.
    pub proc: Proc,
    /// Where it serves RPC.
    pub addr: SocketAddr,
    /// Every port it listens on, the RPC one first.
    pub ports: Vec<u16>,
    /// From exec until it listened.
    pub start_time: Duration,
}

impl Server {
    /// Starts `make(ports)` on `count` fresh ports until it listens on all of
    /// them (at most a few attempts: a port can be taken between its pick
    /// and the bind). The first port is the RPC one.
    pub fn start(
        install: &Install,
        what: &str,
        count: usize,
        make: impl Fn(&[u16]) -> Command,
    ) -> Result<Server, String> {
        let mut failures = Vec::new();
        while failures.len() < ATTEMPTS {
            let ports = (0..count).map(|_| free_port()).collect::<Result<Vec<u16>, String>>()?;
            let mut proc = Proc::spawn(install, make(&ports), what, false)?;
            match proc.wait_listening(&ports) {
                Ok(start_time) => {
                    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, ports[0]));
                    return Ok(Server { proc, addr, ports, start_time });
                }
                Err(why) => failures.push(why),
            }
        }
        Err(format!("{what} did not start in {ATTEMPTS} attempts:\n{}", failures.join("\n")))
    }
}

/// A port free on 127.0.0.1 now (the kernel's pick).
pub fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|e| format!("binding 127.0.0.1:0: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| format!("a bound address: {e}"))
}

/// `Err` if `proc` listens beyond loopback (the preload failed).
pub fn check_loopback_only(proc: &Proc) -> Result<(), String> {
    let wide: Vec<SocketAddr> = listeners(proc.pid()).into_iter().filter(|a| !a.ip().is_loopback()).collect();
    if wide.is_empty() {
        Ok(())
    } else {
        Err(format!("{} listens beyond loopback: {wide:?} (is the LD_PRELOAD library working?)", proc.what))
    }
}

/// The TCP sockets `pid` listens on (from /proc: `/proc/net/tcp{,6}` rows in
/// state LISTEN whose inode is one of the process's descriptors).
fn listeners(pid: u32) -> Vec<SocketAddr> {
    let inodes = socket_inodes(pid);
    let mut found = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(table).unwrap_or_default();
        for row in text.lines().skip(1) {
            let cols: Vec<&str> = row.split_whitespace().collect();
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            if cols.len() > 9 && cols[3] == "0A" && inodes.iter().any(|i| i == cols[9]) {
                found.extend(parse_proc_addr(cols[1]));
            }
        }
    }
    found
}

/// How many TCP connections `pid` has open to `port` (from /proc, as
/// [`listeners`]): how many connections a client uses.
pub fn connections_to(pid: u32, port: u16) -> usize {
    let inodes = socket_inodes(pid);
    let mut n = 0;
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(table).unwrap_or_default();
        for row in text.lines().skip(1) {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let established = cols.len() > 9 && cols[3] == "01" && inodes.iter().any(|i| i == cols[9]);
            if established && parse_proc_addr(cols[2]).is_some_and(|a| a.port() == port) {
                n += 1;
            }
        }
    }
    n
}

/// The inodes of the sockets among `pid`'s descriptors.
fn socket_inodes(pid: u32) -> Vec<String> {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else { return Vec::new() };
    fds.filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
        .filter_map(|link| Some(link.to_str()?.strip_prefix("socket:[")?.strip_suffix(']')?.to_owned()))
        .collect()
}

/// `0100007F:1F90` (IPv4) or 32 hex digits of IPv6 then the port, as /proc
/// writes them (each 32-bit word in host order: little-endian here).
fn parse_proc_addr(text: &str) -> Option<SocketAddr> {
    let (ip, port) = text.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let words: Vec<u32> =
        (0..ip.len() / 8).map(|i| u32::from_str_radix(&ip[i * 8..i * 8 + 8], 16)).collect::<Result<_, _>>().ok()?;
    let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    match bytes.len() {
        4 => Some(SocketAddr::from((<[u8; 4]>::try_from(bytes).ok()?, port))),
        16 => Some(SocketAddr::from((<[u8; 16]>::try_from(bytes).ok()?, port))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_addresses() {
        assert_eq!(parse_proc_addr("0100007F:1F90"), Some(SocketAddr::from(([127, 0, 0, 1], 8080))));
        let v6 = parse_proc_addr("00000000000000000000000001000000:0050").unwrap();
        assert_eq!(v6, SocketAddr::from((std::net::Ipv6Addr::LOCALHOST, 80)));
        assert_eq!(parse_proc_addr("zz:1"), None);
    }

    #[test]
    fn our_own_listener_is_seen() {
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
        let port = listener.local_addr().unwrap().port();
        assert!(listeners(std::process::id()).iter().any(|a| a.port() == port));
        let _client = std::net::TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
        assert_eq!(connections_to(std::process::id(), port), 1);
    }
}
