//! The output: the machine, and a markdown table of each workload and side
//! with its ratios to the C++ client on the real master.

use crate::options::Options;
use crate::sides::Side;
use crate::stats::Samples;
use std::fmt::Write;
use std::time::Duration;

/// One row: a workload's label, a side, its samples.
pub struct Row<'a> {
    /// The workload.
    pub workload: String,
    /// The side.
    pub side: Side,
    /// Every call it made.
    pub samples: &'a Samples,
}

/// The table: per workload, every side measured, with its p50 and calls/s
/// over the C++ client's on the real master.
pub fn table(rows: &[Row<'_>]) -> String {
    let mut out = String::new();
    out.push_str(
        "| workload | client → master | calls | p50 | p99 | calls/s | p50 vs C++ client | calls/s vs C++ client |\n",
    );
    out.push_str("|---|---|--:|--:|--:|--:|--:|--:|\n");
    for row in rows {
        let base = rows.iter().find(|r| r.workload == row.workload && r.side == Side::CppReal);
        let (p50, p99, rate) = (row.samples.quantile(0.5), row.samples.quantile(0.99), row.samples.rate());
        let (p50_ratio, rate_ratio) = match base {
            Some(b) if row.side != Side::CppReal && b.samples.calls() > 0 => (
                format!("{:.2}×", p50.as_secs_f64() / b.samples.quantile(0.5).as_secs_f64()),
                format!("{:.2}×", rate / b.samples.rate()),
            ),
            Some(_) => ("1 (baseline)".to_owned(), "1 (baseline)".to_owned()),
            None => ("n/a".to_owned(), "n/a".to_owned()),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.0} | {p50_ratio} | {rate_ratio} |",
            row.workload,
            row.side.label(),
            row.samples.calls(),
            micros(p50),
            micros(p99),
            rate,
        );
    }
    out
}

/// What a run found, besides the table.
pub struct Notes {
    /// The Python version of the C++ client's binding, if it ran.
    pub python: Option<String>,
    /// The C++ client's timing floor: the clock alone, and a binding call
    /// without RPC.
    pub floor: Option<(Samples, Samples)>,
    /// Connections to the real master at the end: the C++ client's, ours.
    pub connections: (Option<usize>, usize),
    /// How long the whole run took.
    pub took: Duration,
}

/// Prints the report on stdout: the machine and the set-up, the table, the notes.
pub fn print(version: &str, o: &Options, rows: &[Row<'_>], notes: &Notes) {
    println!("## Round trips to the Mooncake master: our coro_rpc client vs Mooncake's C++ client\n");
    println!("Machine: {}", machine());
    println!(
        "Mooncake {version} (PyPI wheel: `mooncake_master`, the C++ client's binding `store.so`{}), all on 127.0.0.1.",
        notes.python.as_ref().map_or(String::new(), |p| format!(" on Python {p}"))
    );
    println!(
        "{} rounds × {} calls per workload and side, interleaved (order rotated every round), after {} warm-up calls; \
         the concurrent workload splits its calls over {} callers (Python threads, tokio tasks). The Rust master \
         runs its handlers {}.\n",
        o.rounds,
        o.calls,
        o.warmup,
        o.callers,
        o.handlers.name()
    );
    print!("{}", table(rows));
    match &notes.floor {
        Some((timer, noop)) => println!(
            "\nInside every C++ client time (Python): the clock alone p50 {}, a binding call without RPC \
             (`get_hostname`) p50 {}.",
            micros(timer.quantile(0.5)),
            micros(noop.quantile(0.5))
        ),
        None => println!("\nThe C++ client could not be set up (see stderr): its rows are missing."),
    }
    if let (Some(cpp), rust) = notes.connections {
        println!(
            "Connections to the C++ master at the end: the C++ client {cpp} (its coro_rpc client pool), the Rust \
             client {rust} (calls multiplexed)."
        );
    }
    println!(
        "Every call returned what the master must answer (ExistKey 0, GetReplicaList OBJECT_NOT_FOUND, \
         BatchExistKey 16 × 0); the real master's /metrics counted exactly the calls made to it. Run took {:.0?}.",
        notes.took
    );
}

/// `41.3 µs`.
pub fn micros(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// The machine: CPU model, cores, kernel.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':').map(|(_, m)| m.trim().to_owned()))
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let kernel =
        std::fs::read_to_string("/proc/sys/kernel/osrelease").map_or("unknown".into(), |k| k.trim().to_owned());
    format!("{model}, {cores} cores, Linux {kernel}")
}
