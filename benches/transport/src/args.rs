//! The command line: workload sizes, rounds, and where things run.

use crate::workload::Workload;

/// How the servers and clients are placed on tokio runtimes (the same for
/// both libraries).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// One multi-thread runtime runs both libraries' servers and every client.
    Shared,
    /// The servers on one multi-thread runtime, the clients on another (as
    /// two processes would be), each with `workers` threads.
    Split,
}

/// What to run.
#[derive(Clone, Debug)]
pub struct Args {
    /// Measured rounds; each runs every workload for both libraries.
    pub rounds: usize,
    /// The workloads, in order.
    pub workloads: Vec<Workload>,
    /// Worker threads per runtime.
    pub workers: usize,
    /// Runtime placement.
    pub placement: Placement,
    /// Run wire-core.
    pub ours: bool,
    /// Run tarpc.
    pub theirs: bool,
}

pub const USAGE: &str = "\
transport-bench: wire-core's TCP transport against tarpc, interleaved

usage: transport-bench [options]
  --rounds N          measured rounds, each workload for both libraries (default 5)
  --seq N             calls of the sequential workload (default 20000)
  --conns N           connections of the many-connections workload (default 64)
  --conn-calls N      calls per connection (default 1000)
  --callers N         concurrent callers on one connection (default 64)
  --caller-calls N    calls per caller (default 1000)
  --echo N            echo calls (default 200)
  --echo-size BYTES   echo payload (default 1048576)
  --only LIST         a subset of seq,conns,callers,echo (comma-separated)
  --workers N         worker threads per runtime (default: the cores available)
  --runtime MODE      shared: one runtime for servers and clients (default);
                      split: servers on one runtime, clients on another
  --side NAME         both (default), or only wire-core or only tarpc (to
                      profile one library; no ratio then)
";

impl Args {
    /// Parses `args` (without the program name); `Err` is the message to print.
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Args, String> {
        let mut rounds = 5;
        let (mut seq, mut conns, mut conn_calls, mut callers, mut caller_calls) = (20_000, 64, 1_000, 64, 1_000);
        let (mut echo, mut echo_size) = (200, 1 << 20);
        let mut only = vec!["seq", "conns", "callers", "echo"];
        let mut workers = std::thread::available_parallelism().map_or(2, |n| n.get());
        let mut placement = Placement::Shared;
        let (mut ours, mut theirs) = (true, true);
        let mut args = args.into_iter();
        let mut only_owned = String::new();
        while let Some(flag) = args.next() {
            if flag == "--help" || flag == "-h" {
                return Err(USAGE.to_owned());
            }
            let value = args.next().ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))?;
            let number = || match value.parse::<u64>() {
                Ok(n) if n > 0 => Ok(n),
                _ => Err(format!("{flag}: `{value}` is not a number of at least 1")),
            };
            match flag.as_str() {
                "--rounds" => rounds = number()? as usize,
                "--seq" => seq = number()?,
                "--conns" => conns = number()?,
                "--conn-calls" => conn_calls = number()?,
                "--callers" => callers = number()?,
                "--caller-calls" => caller_calls = number()?,
                "--echo" => echo = number()?,
                "--echo-size" => echo_size = number()? as usize,
                "--workers" => workers = number()? as usize,
                "--only" => only_owned = value.clone(),
                "--runtime" => {
                    placement = match value.as_str() {
                        "shared" => Placement::Shared,
                        "split" => Placement::Split,
                        other => return Err(format!("--runtime: `{other}`, expected shared or split")),
                    }
                }
                "--side" => {
                    (ours, theirs) = match value.as_str() {
                        "both" => (true, true),
                        "wire-core" => (true, false),
                        "tarpc" => (false, true),
                        other => return Err(format!("--side: `{other}`, expected both, wire-core or tarpc")),
                    }
                }
                other => return Err(format!("unknown option `{other}`\n\n{USAGE}")),
            }
        }
        if !only_owned.is_empty() {
            only = only_owned.split(',').map(str::trim).collect();
        }
        let mut workloads = Vec::new();
        for name in only {
            workloads.push(match name {
                "seq" => Workload::Sequential { calls: seq },
                "conns" => Workload::Connections { conns, calls: conn_calls },
                "callers" => Workload::Callers { callers, calls: caller_calls },
                "echo" => Workload::Echo { size: echo_size, calls: echo },
                other => return Err(format!("--only: `{other}`, expected seq, conns, callers or echo")),
            });
        }
        Ok(Args { rounds, workloads, workers, placement, ours, theirs })
    }
}
