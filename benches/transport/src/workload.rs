//! The four workloads, run the same way for either library: clients are
//! connected first (not timed), then every call is timed on its own, and
//! the process's CPU time and page faults are read around the calls. Every
//! reply is checked.

use crate::measure::{Sample, Usage};
use crate::sides::{Caller, Side};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

/// A workload and its size.
#[derive(Clone, Copy, Debug)]
pub enum Workload {
    /// One client, one connection, `calls` sequential `add`s.
    Sequential { calls: u64 },
    /// `conns` clients, one connection each, each `calls` sequential `add`s, all at once.
    Connections { conns: u64, calls: u64 },
    /// One client (one connection) shared by `callers` tasks, each `calls` sequential `add`s.
    Callers { callers: u64, calls: u64 },
    /// One client, `calls` sequential `echo`s of `size` bytes.
    Echo { size: usize, calls: u64 },
}

impl Workload {
    /// Its name in the report.
    pub fn title(&self) -> String {
        match *self {
            Workload::Sequential { calls } => format!("1 client, {calls} sequential calls"),
            Workload::Connections { conns, calls } => format!("{conns} connections x {calls} calls"),
            Workload::Callers { callers, calls } => {
                format!("1 connection, {callers} concurrent callers x {calls} calls")
            }
            Workload::Echo { size, calls } => format!("echo of {}, {calls} sequential calls", bytes(size)),
        }
    }

    /// A smaller run of the same shape, to warm up.
    pub fn warm_up(&self) -> Workload {
        match *self {
            Workload::Sequential { calls } => Workload::Sequential { calls: (calls / 10).max(1) },
            Workload::Connections { conns, calls } => Workload::Connections { conns, calls: (calls / 10).max(1) },
            Workload::Callers { callers, calls } => Workload::Callers { callers, calls: (calls / 10).max(1) },
            Workload::Echo { size, calls } => Workload::Echo { size, calls: (calls / 10).max(1) },
        }
    }

    /// Payload bytes a call carries one way (0 for `add`).
    pub fn payload(&self) -> usize {
        match *self {
            Workload::Echo { size, .. } => size,
            _ => 0,
        }
    }

    /// Runs it against the server at `addr`.
    pub async fn run<S: Side>(self, addr: SocketAddr, max_frame: usize) -> Result<Sample, String> {
        match self {
            Workload::Sequential { calls } => {
                let client = S::connect(addr, max_frame).await?;
                let before = Usage::now();
                let latencies = adds(&client, 0, calls).await?;
                Ok(Sample::new(before, latencies, 0))
            }
            Workload::Connections { conns, calls } => {
                let mut clients = Vec::new();
                for _ in 0..conns {
                    clients.push(S::connect(addr, max_frame).await?);
                }
                let before = Usage::now();
                let tasks: Vec<_> = clients
                    .into_iter()
                    .enumerate()
                    .map(|(i, client)| tokio::spawn(async move { adds(&client, i as u64 * calls, calls).await }))
                    .collect();
                Ok(Sample::new(before, join(tasks).await?, 0))
            }
            Workload::Callers { callers, calls } => {
                let client = Arc::new(S::connect(addr, max_frame).await?);
                let before = Usage::now();
                let tasks: Vec<_> = (0..callers)
                    .map(|i| {
                        let client = Arc::clone(&client);
                        tokio::spawn(async move { adds(&*client, i * calls, calls).await })
                    })
                    .collect();
                Ok(Sample::new(before, join(tasks).await?, 0))
            }
            Workload::Echo { size, calls } => {
                let client = S::connect(addr, max_frame).await?;
                let expected: Vec<u8> = (0..size).map(|i| (i * 7 + i / 4096) as u8).collect();
                // The reply is the next request: no buffer made per call here.
                let mut data = expected.clone();
                let mut latencies = Vec::with_capacity(calls as usize);
                let before = Usage::now();
                for call in 0..calls {
                    let start = Instant::now();
                    data = client.echo(data).await.map_err(|e| format!("{}: echo: {e}", S::NAME))?;
                    latencies.push(start.elapsed().as_nanos() as u64);
                    if data != expected {
                        return Err(format!(
                            "{}: echo {call} returned other bytes ({} of {size})",
                            S::NAME,
                            data.len()
                        ));
                    }
                }
                Ok(Sample::new(before, latencies, size))
            }
        }
    }
}

/// `calls` sequential `add(first + i, 1)`, each timed and checked.
async fn adds<C: Caller>(client: &C, first: u64, calls: u64) -> Result<Vec<u64>, String> {
    let mut latencies = Vec::with_capacity(calls as usize);
    for i in first..first + calls {
        let start = Instant::now();
        let sum = client.add(i, 1).await.map_err(|e| format!("add: {e}"))?;
        latencies.push(start.elapsed().as_nanos() as u64);
        if sum != i + 1 {
            return Err(format!("add({i}, 1) returned {sum}"));
        }
    }
    Ok(latencies)
}

async fn join(tasks: Vec<tokio::task::JoinHandle<Result<Vec<u64>, String>>>) -> Result<Vec<u64>, String> {
    let mut all = Vec::new();
    for task in tasks {
        all.extend(task.await.map_err(|e| format!("a caller task failed: {e}"))??);
    }
    Ok(all)
}

/// `1 MiB`, `64 KiB`, `100 B`.
pub fn bytes(n: usize) -> String {
    match n {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} B"),
    }
}
