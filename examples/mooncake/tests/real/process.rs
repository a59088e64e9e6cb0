//! The real binaries as processes: each started with the loopback preload on
//! fresh ports, checked to be the one listening (a second master on a taken
//! port looks ready, then exits), and stopped on drop (SIGTERM, then SIGKILL).

use super::{Binaries, Version};
use std::fs::File;
use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long a binary may take to listen (measured: under 1.2 s).
pub const START_TIMEOUT: Duration = Duration::from_secs(15);
/// How many times a master that exits before it listens is started again.
pub const ATTEMPTS: usize = 3;
/// How long a stopped binary may take to exit before SIGKILL (0.3.13's master takes about 1 s).
pub const STOP_GRACE: Duration = Duration::from_secs(3);

/// A child process whose output goes to a log file, stopped on drop.
pub struct Proc {
    child: Child,
    what: String,
    log: PathBuf,
    started: Instant,
}

impl Proc {
    /// Starts `binary` with `args`, its stdout and stderr in a fresh log file,
    /// the loopback preload, and glog writing to stderr.
    fn spawn(bins: &Binaries, binary: PathBuf, args: &[String], what: String) -> Proc {
        static N: AtomicUsize = AtomicUsize::new(0);
        let log = std::env::temp_dir().join(format!(
            "wire-mooncake-{}-{}-{}.log",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed),
            what.replace([' ', '/', ':'], "_")
        ));
        let out = File::create(&log).unwrap_or_else(|e| panic!("{}: {e}", log.display()));
        let err = out.try_clone().expect("a second handle on the log");
        let child = Command::new(&binary)
            .args(args)
            .env("LD_PRELOAD", &bins.preload)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", binary.display()));
        Proc { child, what, log, started: Instant::now() }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the process wrote so far.
    pub fn output(&self) -> String {
        let mut text = String::new();
        if let Ok(mut f) = File::open(&self.log) {
            let _ = f.read_to_string(&mut text);
        }
        text
    }

    /// Panics, with the output, if the process has exited.
    pub fn assert_running(&mut self) {
        if let Some(status) = self.child.try_wait().expect("waiting on a child") {
            panic!("{} exited early ({status}) after {:?}:\n{}", self.what, self.started.elapsed(), self.tail());
        }
    }

    fn tail(&self) -> String {
        let out = self.output();
        let lines: Vec<&str> = out.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// Waits until `ready` says so, the process running all along, for at
    /// most [`START_TIMEOUT`]; returns how long it took, or the process's
    /// exit and output if it exited first. Panics on the timeout.
    fn wait_until(&mut self, what: &str, mut ready: impl FnMut(&Proc) -> bool) -> Result<Duration, String> {
        loop {
            if let Some(status) = self.child.try_wait().expect("waiting on a child") {
                return Err(format!(
                    "{} exited ({status}) after {:?}:\n{}",
                    self.what,
                    self.started.elapsed(),
                    self.tail()
                ));
            }
            if ready(self) {
                return Ok(self.started.elapsed());
            }
            if self.started.elapsed() > START_TIMEOUT {
                panic!("{} is not {what} after {START_TIMEOUT:?}:\n{}", self.what, self.tail());
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits up to `grace` for the process to exit; its status, or `None`
    /// if it is still running.
    pub fn wait_exit(&mut self, grace: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + grace;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Stops the process: SIGTERM, then SIGKILL after [`STOP_GRACE`].
    pub fn stop(&mut self) -> Option<ExitStatus> {
        if let Ok(Some(status)) = self.child.try_wait() {
            return Some(status);
        }
        let _ = Command::new("kill").arg("-TERM").arg(self.pid().to_string()).status();
        if let Some(status) = self.wait_exit(STOP_GRACE) {
            return Some(status);
        }
        eprintln!("{} did not exit {STOP_GRACE:?} after SIGTERM: SIGKILL", self.what);
        let _ = self.child.kill();
        self.child.wait().ok()
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.stop();
        if std::thread::panicking() {
            eprintln!("{} (pid {}) output: {}\n{}", self.what, self.pid(), self.log.display(), self.tail());
        } else {
            let _ = std::fs::remove_file(&self.log);
        }
    }
}

/// A port free on 127.0.0.1 now (the kernel's pick).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).expect("binding 127.0.0.1:0");
    listener.local_addr().expect("a bound address").port()
}

/// A real `mooncake_master` on 127.0.0.1, its RPC and metrics ports fresh.
pub struct Master {
    /// The process.
    pub proc: Proc,
    /// Its release.
    pub version: Version,
    /// Where its coro_rpc service listens.
    pub addr: SocketAddr,
    /// From exec until it listened on `addr`.
    pub start_time: Duration,
}

impl Master {
    /// Starts the master of `version` and waits until it listens, on
    /// loopback only (panics otherwise). A master that exits before it
    /// listens (a port taken meanwhile) is started again on other ports, at
    /// most [`ATTEMPTS`] times.
    pub fn start(bins: &Binaries, version: Version) -> Master {
        let mut failures = Vec::new();
        while failures.len() < ATTEMPTS {
            let (rpc, metrics) = (free_port(), free_port());
            let mut args = vec![
                format!("--rpc_port={rpc}"),
                "--rpc_address=127.0.0.1".to_owned(),
                "--enable_http_metadata_server=false".to_owned(),
                format!("--metrics_port={metrics}"),
            ];
            if version == Version::V0_3_13 {
                // 0.3.11 has no such flag (its metrics server binds 0.0.0.0: the preload moves it).
                args.push("--metrics_host=127.0.0.1".to_owned());
            }
            let what = format!("mooncake_master {}", version.dir());
            let mut proc = Proc::spawn(bins, bins.master(version), &args, what);
            let listening = proc.wait_until("listening", |p| {
                let mine = listeners(p.pid());
                mine.iter().any(|a| a.port() == rpc) && mine.iter().any(|a| a.port() == metrics)
            });
            match listening {
                Ok(start_time) => {
                    assert_loopback_only(&proc);
                    return Master { proc, version, addr: SocketAddr::from((Ipv4Addr::LOCALHOST, rpc)), start_time };
                }
                Err(why) => failures.push(why),
            }
        }
        panic!("the {} master did not start in {ATTEMPTS} attempts:\n{}", version.dir(), failures.join("\n"));
    }
}

/// A real `mooncake_client` started against a master, up once it printed
/// its ready line.
pub struct RealClient {
    /// The process.
    pub proc: Proc,
    /// Its own coro_rpc port.
    pub port: u16,
    /// From exec until the ready line.
    pub start_time: Duration,
}

impl RealClient {
    /// The line a client prints once its start-up is complete.
    pub const READY: &'static str = "Starting real client service on 127.0.0.1:";

    /// Starts the client of `version` against the master at `master`, with
    /// segments (and, in v0.3.13.post1, a local buffer) of `segment_size`
    /// over TCP; see [`wait_ready`](Self::wait_ready).
    pub fn spawn(bins: &Binaries, version: Version, master: SocketAddr, segment_size: &str) -> RealClient {
        let port = free_port();
        let mut args = vec![
            format!("--master_server_address={master}"),
            "--metadata_server=P2PHANDSHAKE".to_owned(),
            "--protocol=tcp".to_owned(),
            format!("--global_segment_size={segment_size}"),
            "--host=127.0.0.1".to_owned(),
            format!("--port={port}"),
        ];
        if version == Version::V0_3_13 {
            // 0.3.11 has no such flag.
            args.push(format!("--local_buffer_size={segment_size}"));
        }
        let proc = Proc::spawn(bins, bins.client(version), &args, format!("mooncake_client {}", version.dir()));
        RealClient { proc, port, start_time: Duration::ZERO }
    }

    /// Waits for the ready line (the client's start-up is complete; panics
    /// if it exits first), then checks it listens on loopback only.
    pub fn wait_ready(&mut self) {
        let ready = format!("{}{}", Self::READY, self.port);
        self.start_time =
            self.proc.wait_until("ready", |p| p.output().contains(&ready)).unwrap_or_else(|why| panic!("{why}"));
        assert_loopback_only(&self.proc);
    }

    /// Waits for the client to exit on its own, for at most [`START_TIMEOUT`].
    pub fn wait_exit(&mut self) -> Option<ExitStatus> {
        self.proc.wait_exit(START_TIMEOUT)
    }
}

/// The TCP sockets `pid` listens on (from /proc: `/proc/net/tcp{,6}` rows in
/// state LISTEN whose inode is one of the process's descriptors).
pub fn listeners(pid: u32) -> Vec<SocketAddr> {
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else { return Vec::new() };
    let inodes: Vec<String> = fds
        .filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
        .filter_map(|link| Some(link.to_str()?.strip_prefix("socket:[")?.strip_suffix(']')?.to_owned()))
        .collect();
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

/// Panics if `proc` listens beyond loopback (the preload failed).
pub fn assert_loopback_only(proc: &Proc) {
    let wide: Vec<SocketAddr> = listeners(proc.pid()).into_iter().filter(|a| !a.ip().is_loopback()).collect();
    assert!(wide.is_empty(), "{} listens beyond loopback: {wide:?} (is the LD_PRELOAD library working?)", proc.what);
}
