//! The peer: Mooncake's own C++ client, driven through its Python binding by
//! `cpp_client.py` in a subprocess (one JSON request per line on its stdin,
//! one JSON reply per line on its stdout).

use crate::install::Install;
use crate::process::{Proc, check_loopback_only};
use crate::stats::Batch;
use serde::Deserialize;
use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

/// How long one reply (set-up, or a batch of calls) may take.
const REPLY_TIMEOUT: Duration = Duration::from_secs(120);

/// What the script says once the store is set up.
#[derive(Clone, Debug, Deserialize)]
pub struct Ready {
    /// How long `MooncakeDistributedStore.setup(...)` took, in nanoseconds.
    pub setup_ns: u64,
    /// The client's own address (`127.0.0.1:<port>`).
    pub hostname: String,
    /// The Python version.
    pub python: String,
}

/// A running `cpp_client.py` with its store set up against a master.
pub struct CppSide {
    proc: Proc,
    stdin: Option<ChildStdin>,
    lines: Receiver<std::io::Result<String>>,
    /// What the script said when ready.
    pub ready: Ready,
}

impl CppSide {
    /// Starts the script against the master at `master` and waits until its
    /// store is set up (the master answered ServiceReady and GetStorageConfig).
    pub fn start(install: &Install, master: SocketAddr, what: &str) -> Result<CppSide, String> {
        let script = script();
        if !script.is_file() {
            return Err(format!("{} is missing", script.display()));
        }
        let python = python()?;
        let mut cmd = Command::new(&python);
        cmd.arg(&script)
            .arg(master.to_string())
            .env("PYTHONPATH", &install.wheel)
            .env("LD_LIBRARY_PATH", install.library_path())
            .env("PYTHONUNBUFFERED", "1");
        let mut proc = Proc::spawn(install, cmd, what, true)?;
        let (stdin, stdout) = proc.pipes().ok_or_else(|| format!("{what}: no pipes"))?;
        let (send, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                if send.send(line).is_err() {
                    return;
                }
            }
        });
        let mut side = CppSide {
            proc,
            stdin: Some(stdin),
            lines,
            ready: Ready { setup_ns: 0, hostname: String::new(), python: String::new() },
        };
        let reply = side.reply()?;
        side.ready = serde_json::from_value(reply).map_err(|e| format!("{what}: its ready line: {e}"))?;
        check_loopback_only(&side.proc)?;
        Ok(side)
    }

    /// The script's process id.
    pub fn pid(&self) -> u32 {
        self.proc.pid()
    }

    /// `calls` calls of the script's `workload`, split over `callers` threads.
    pub fn run(&mut self, workload: &str, calls: usize, callers: usize) -> Result<Batch, String> {
        let request = serde_json::json!({ "workload": workload, "calls": calls, "callers": callers });
        let stdin = self.stdin.as_mut().ok_or("the script's stdin is closed")?;
        writeln!(stdin, "{request}")
            .and_then(|()| stdin.flush())
            .map_err(|e| format!("{}: writing a request: {e}", self.proc.what()))?;
        let reply = self.reply()?;
        serde_json::from_value(reply).map_err(|e| format!("{}: a reply to {request}: {e}", self.proc.what()))
    }

    /// Closes the script's stdin (it closes the store and exits), then stops
    /// it if it has not.
    pub fn close(mut self) {
        drop(self.stdin.take());
        if !self.proc.wait_exit(Duration::from_secs(5)) {
            self.proc.stop();
        }
    }

    /// The next JSON line, `Err` for `{"error": ...}`, end of output, or a timeout.
    fn reply(&mut self) -> Result<serde_json::Value, String> {
        let what = self.proc.what().to_owned();
        let line = match self.lines.recv_timeout(REPLY_TIMEOUT) {
            Ok(Ok(line)) => line,
            Ok(Err(e)) => return Err(format!("{what}: reading its output: {e}")),
            Err(RecvTimeoutError::Timeout) => return Err(format!("{what}: no reply in {REPLY_TIMEOUT:?}")),
            Err(RecvTimeoutError::Disconnected) => {
                self.proc.wait_exit(Duration::from_secs(1));
                return Err(self.proc.check_running().err().unwrap_or_else(|| format!("{what} closed its output")));
            }
        };
        let value: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{what}: `{line}` is not JSON: {e}"))?;
        match value.get("error") {
            Some(error) => Err(format!("{what}: {error}\n{}", self.proc.tail())),
            None => Ok(value),
        }
    }
}

/// `cpp_client.py`, beside this crate's manifest.
fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("cpp_client.py")
}

/// The interpreter: `$WIRE_MOONCAKE_PYTHON`, else the first of `python3.11`,
/// `python3` that runs (the script checks that it is 3.11, the wheel's ABI).
fn python() -> Result<String, String> {
    if let Ok(python) = std::env::var("WIRE_MOONCAKE_PYTHON") {
        return Ok(python);
    }
    ["python3.11", "python3"]
        .into_iter()
        .find(|p| Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success()))
        .map(str::to_owned)
        .ok_or_else(|| "no python3.11 (nor python3) to run the C++ client's binding; set WIRE_MOONCAKE_PYTHON".into())
}
