//! `mooncake-bench`: round trips to the real Mooncake master (v0.3.13.post1)
//! by our coro_rpc client against Mooncake's own C++ client, in the same run.
//!
//! Sides, interleaved in rounds (the order rotated every round):
//!
//! - Mooncake's C++ client (`MooncakeDistributedStore`, through its Python
//!   binding; `cpp_client.py`) → the real C++ `mooncake_master`: the baseline;
//! - our `Client<StructPack>` under the generated `WrappedMasterServiceClient`
//!   → the same master;
//! - both clients → `mooncake-example`'s Rust `MemoryMaster` (its own process),
//!   to tell the clients' cost from the servers'.
//!
//! Workloads: `ExistKey`, `GetReplicaList` of a missing key and
//! `BatchExistKey` of 16 keys one call after another, and `ExistKey` from
//! 16 concurrent callers. Prints a markdown table (p50, p99, calls/s, ratios
//! to the C++ client) and the machine on stdout; progress on stderr.
//!
//! ```sh
//! scripts/bench-mooncake.sh            # 5 rounds x 4000 calls: about a minute
//! scripts/bench-mooncake.sh --quick    # a few seconds
//! scripts/bench-mooncake.sh --help
//! ```

#![warn(missing_docs)]

mod cpp_side;
mod install;
mod memory;
mod metrics;
mod options;
mod process;
mod report;
mod rounds;
mod rust_side;
mod sides;
mod stats;
mod workload;

use install::{Install, VERSION};
use options::{Options, USAGE};
use process::Server;
use report::{Notes, Row};
use sides::Sides;
use stats::Samples;
use std::collections::BTreeMap;
use std::process::{Command, ExitCode};
use std::time::Instant;
use workload::{Call, Workload};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some(memory::SUBCOMMAND) if args.len() == 3 => memory::serve_memory(&args[1], &args[2]),
        Some("-h" | "--help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Options::parse(&args).and_then(|o| bench(&o)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mooncake-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(o: &Options) -> Result<(), String> {
    let began = Instant::now();
    let load_before = report::load_average();
    let install = Install::find()?;
    eprintln!("mooncake-bench: Mooncake {VERSION} from {}", install.wheel.display());
    let (mut real, mut rust) = start_masters(&install, o)?;
    let mut sides = Sides::start(&install, real.addr, rust.addr)?;

    let workloads = [
        Workload { call: Call::ExistKey, callers: 1 },
        Workload { call: Call::GetReplicaList, callers: 1 },
        Workload { call: Call::BatchExistKey, callers: 1 },
        Workload { call: Call::ExistKey, callers: o.callers },
    ];
    let metrics_port = real.ports[1];
    let counted_before = [Call::ExistKey, Call::GetReplicaList, Call::BatchExistKey]
        .iter()
        .map(|c| Ok((c.metric(), metrics::counter(metrics_port, c.metric())?)))
        .collect::<Result<BTreeMap<_, _>, String>>()?;

    let measured = rounds::measure(&mut sides, &workloads, o)?;

    // Every call reached the real master: it counted each one.
    for (metric, before) in &counted_before {
        let counted = metrics::counter(metrics_port, metric)? - before;
        let made = measured.made_to_real.get(metric).copied().unwrap_or_default();
        if counted != made {
            return Err(format!("the real master counted {counted} {metric}, the bench made {made}"));
        }
    }
    eprintln!("mooncake-bench: the real master's /metrics counted exactly the calls made to it");
    real.proc.check_running()?;
    rust.proc.check_running()?;

    let connections = (
        sides.cpp_real.as_ref().map(|c| process::connections_to(c.pid(), real.addr.port())),
        process::connections_to(std::process::id(), real.addr.port()),
    );
    let floor = match sides.cpp_real.as_mut() {
        Some(c) => {
            let (mut timer, mut noop) = (Samples::default(), Samples::default());
            timer.add(&c.run("timer", o.calls, 1)?);
            noop.add(&c.run("noop", o.calls, 1)?);
            Some((timer, noop))
        }
        None => None,
    };
    let python = sides.cpp_real.as_ref().or(sides.cpp_memory.as_ref()).map(|c| c.ready.python.clone());
    sides.close();

    let load = (load_before, report::load_average());
    let rows: Vec<Row<'_>> = measured
        .samples
        .iter()
        .map(|(&(wi, side), samples)| Row { workload: workloads[wi].label(), side, samples })
        .collect();
    report::print(VERSION, o, &rows, &Notes { python, floor, connections, load, took: began.elapsed() });
    Ok(())
}

/// The real master (RPC and metrics ports fresh, on 127.0.0.1 only) and the
/// Rust one (this program's `serve-memory`), both listening.
fn start_masters(install: &Install, o: &Options) -> Result<(Server, Server), String> {
    let master = install.master();
    let real = Server::start(install, &format!("mooncake_master {VERSION}"), 2, |ports| {
        let mut cmd = Command::new(&master);
        cmd.args([
            format!("--rpc_port={}", ports[0]),
            "--rpc_address=127.0.0.1".to_owned(),
            "--enable_http_metadata_server=false".to_owned(),
            format!("--metrics_port={}", ports[1]),
            "--metrics_host=127.0.0.1".to_owned(),
        ]);
        cmd
    })?;
    eprintln!("mooncake-bench: the real master listens on {} (up in {:?})", real.addr, real.start_time);
    let exe = std::env::current_exe().map_err(|e| format!("this program's path: {e}"))?;
    let rust = Server::start(install, "Rust MemoryMaster", 1, |ports| {
        let mut cmd = Command::new(&exe);
        cmd.arg(memory::SUBCOMMAND).arg(ports[0].to_string()).arg(memory::handlers_name(o.handlers));
        cmd
    })?;
    eprintln!("mooncake-bench: the Rust master listens on {} (up in {:?})", rust.addr, rust.start_time);
    Ok((real, rust))
}
