//! wire-core's TCP transport (`wire_core::rpc::net`) against tarpc in one
//! run: the same service (`add(u64, u64) -> u64`, `echo(Vec<u8>) -> Vec<u8>`,
//! `async fn` handlers), the same bincode 1.3 encoding, both servers on
//! loopback in this process, and four workloads run for each library in
//! turn, round after round. Prints a markdown report on stdout (progress on
//! stderr).
//!
//! ```text
//! cargo run --release --manifest-path benches/Cargo.toml -p transport-bench -- --help
//! scripts/bench-transport.sh [options]
//! ```

mod args;
mod measure;
mod report;
mod service;
mod sides;
mod workload;

use args::{Args, Placement};
use measure::{Sample, Summary};
use report::Row;
use sides::{Side, Tarpc, WireCore};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Instant;
use tokio::runtime::Runtime;
use workload::Workload;

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(message) if message == args::USAGE => {
            print!("{message}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("transport-bench: {message}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("transport-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The servers' addresses and the runtime the clients run on.
struct Bench<'a> {
    clients: &'a Runtime,
    ours: SocketAddr,
    theirs: SocketAddr,
    max_frame: usize,
}

fn run(args: &Args) -> Result<(), String> {
    let started = Instant::now();
    let load_before = report::load_average();
    let servers = runtime(args.workers, "server")?;
    let own_clients = match args.placement {
        Placement::Split => Some(runtime(args.workers, "client")?),
        Placement::Shared => None,
    };
    // Room for the largest payload and the frame around it.
    let largest = args.workloads.iter().map(Workload::payload).max().unwrap_or(0);
    let max_frame = (largest + (64 << 10)).max(8 << 20);
    let bench = Bench {
        clients: own_clients.as_ref().unwrap_or(&servers),
        ours: start::<WireCore>(&servers, max_frame)?,
        theirs: start::<Tarpc>(&servers, max_frame)?,
        max_frame,
    };

    eprintln!("warming up ...");
    for workload in &args.workloads {
        if args.ours {
            bench.run::<WireCore>(workload.warm_up())?;
        }
        if args.theirs {
            bench.run::<Tarpc>(workload.warm_up())?;
        }
    }
    let mut rows: Vec<Row> = args
        .workloads
        .iter()
        .map(|&workload| Row { workload, ours: Summary::default(), theirs: Summary::default() })
        .collect();
    for round in 1..=args.rounds {
        for row in &mut rows {
            // Alternate which library goes first, so neither always follows the other.
            let ours_first = round % 2 == 1;
            if ours_first && args.ours {
                row.ours.add(&bench.logged::<WireCore>(row.workload, round, args.rounds)?);
            }
            if args.theirs {
                row.theirs.add(&bench.logged::<Tarpc>(row.workload, round, args.rounds)?);
            }
            if !ours_first && args.ours {
                row.ours.add(&bench.logged::<WireCore>(row.workload, round, args.rounds)?);
            }
        }
    }
    report::print(args, &mut rows, started.elapsed(), (load_before, report::load_average()));
    Ok(())
}

impl Bench<'_> {
    /// Runs `workload` against library `S` on a worker thread of the clients' runtime.
    fn run<S: Side>(&self, workload: Workload) -> Result<Sample, String> {
        let addr = if S::NAME == WireCore::NAME { self.ours } else { self.theirs };
        let max_frame = self.max_frame;
        self.clients
            .block_on(self.clients.spawn(workload.run::<S>(addr, max_frame)))
            .map_err(|e| format!("{}: the workload's task failed: {e}", S::NAME))?
            .map_err(|e| format!("{}: {}: {e}", S::NAME, workload.title()))
    }

    /// [`run`](Self::run), with a progress line on stderr.
    fn logged<S: Side>(&self, workload: Workload, round: usize, rounds: usize) -> Result<Sample, String> {
        let sample = self.run::<S>(workload)?;
        let unit = if workload.payload() > 0 { "MB/s" } else { "calls/s" };
        eprintln!(
            "round {round}/{rounds}  {:<55} {:<9} {:>10.0} {unit}  ({} calls in {:.2} s, {:.1} page faults/call)",
            workload.title(),
            S::NAME,
            sample.rate(),
            sample.latencies.len(),
            sample.secs,
            sample.faults as f64 / sample.latencies.len().max(1) as f64,
        );
        Ok(sample)
    }
}

fn runtime(workers: usize, name: &str) -> Result<Runtime, String> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .thread_name(format!("bench-{name}"))
        .enable_all()
        .build()
        .map_err(|e| format!("a tokio runtime: {e}"))
}

/// Binds a loopback port and serves library `S` on it in the background.
fn start<S: Side>(servers: &Runtime, max_frame: usize) -> Result<SocketAddr, String> {
    let listener = servers
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .map_err(|e| format!("{}: binding a loopback port: {e}", S::NAME))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    servers.spawn(async move {
        if let Err(e) = S::serve(listener, max_frame).await {
            eprintln!("transport-bench: {} server stopped: {e}", S::NAME);
        }
    });
    Ok(addr)
}
