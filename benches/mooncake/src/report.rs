//! The output: the machine, and a markdown table of each workload and side
//! with its ratios to the C++ client on the real master.

use crate::options::Options;
use crate::sides::Side;
use crate::stats::{Samples, spread};
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
/// over the C++ client's on the real master (the baseline), and the median
/// and range of the calls/s ratios of each round (the two sides ran in the
/// same round, so load that comes and goes moves both).
pub fn table(rows: &[Row<'_>]) -> String {
    let mut out = String::new();
    out.push_str(
        "| workload | client → master | calls | p50 | p99 | calls/s | client CPU/call | p50 ÷ baseline | \
         calls/s ÷ baseline | calls/s ÷ baseline per round: median (range) |\n",
    );
    out.push_str("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for row in rows {
        let base = rows.iter().find(|r| r.workload == row.workload && r.side == Side::CppReal);
        let (p50, p99, rate) = (row.samples.quantile(0.5), row.samples.quantile(0.99), row.samples.rate());
        let ratios = match base {
            Some(_) if row.side == Side::CppReal => ["baseline".to_owned(), "baseline".to_owned(), String::new()],
            Some(b) if b.samples.calls() > 0 => {
                let per_round: Vec<f64> =
                    row.samples.batch_rates().iter().zip(b.samples.batch_rates()).map(|(r, b)| r / b).collect();
                [
                    format!("{:.2}×", p50.as_secs_f64() / b.samples.quantile(0.5).as_secs_f64()),
                    format!("{:.2}×", rate / b.samples.rate()),
                    spread(&per_round).map_or(String::new(), |(m, lo, hi)| format!("{m:.2}× ({lo:.2}–{hi:.2})")),
                ]
            }
            _ => ["n/a".to_owned(), "n/a".to_owned(), "n/a".to_owned()],
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {:.0} | {} | {} | {} | {} |",
            row.workload,
            row.side.label(),
            row.samples.calls(),
            micros(p50),
            micros(p99),
            rate,
            micros(row.samples.cpu_per_call()),
            ratios[0],
            ratios[1],
            ratios[2],
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
    /// The load average before the masters started and after the rounds.
    pub load: (String, String),
    /// How long the whole run took.
    pub took: Duration,
}

/// Prints the report on stdout: the machine and the set-up, the table, the notes.
pub fn print(version: &str, o: &Options, rows: &[Row<'_>], notes: &Notes) {
    println!("## Round trips to the Mooncake master: our coro_rpc client vs Mooncake's C++ client\n");
    println!("Machine: {}; load average (1, 5, 15 min) {} before, {} after.", machine(), notes.load.0, notes.load.1);
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
        crate::memory::handlers_name(o.handlers)
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

/// The load average of the last 1, 5 and 15 minutes (`/proc/loadavg`).
pub fn load_average() -> String {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let fields: Vec<&str> = text.split_whitespace().take(3).collect();
    if fields.len() == 3 { fields.join(" ") } else { "unknown".to_owned() }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::Batch;

    fn samples(batches: &[(u64, u64)]) -> Samples {
        let mut s = Samples::default();
        for &(per_call_ns, calls) in batches {
            let (ns, wall_ns, cpu_ns) = (vec![per_call_ns; calls as usize], per_call_ns * calls, calls * 1000);
            s.add(&Batch { ns, wall_ns, cpu_ns, ..Batch::default() });
        }
        s
    }

    #[test]
    fn ratios_to_the_baseline() {
        let base = samples(&[(100_000, 10), (100_000, 10)]);
        let ours = samples(&[(50_000, 10), (25_000, 10)]);
        let rows = [
            Row { workload: "ExistKey".into(), side: Side::CppReal, samples: &base },
            Row { workload: "ExistKey".into(), side: Side::RustReal, samples: &ours },
        ];
        let table = table(&rows);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[2],
            "| ExistKey | C++ client (pybind) → C++ master | 20 | 100.0 µs | 100.0 µs | 10000 | 1.0 µs | baseline | baseline |  |"
        );
        assert_eq!(
            lines[3],
            "| ExistKey | Rust client → C++ master | 20 | 25.0 µs | 50.0 µs | 26667 | 1.0 µs | 0.25× | 2.67× | 3.00× (2.00–4.00) |"
        );
    }
}
