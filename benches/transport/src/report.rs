//! The markdown report: the machine, how it ran, and per workload both
//! libraries' rates, latencies, CPU time and page faults with the ratio.

use crate::args::{Args, Placement};
use crate::measure::{Summary, median};
use crate::workload::Workload;
use std::time::Duration;

/// One workload's results for both libraries.
pub struct Row {
    /// The workload.
    pub workload: Workload,
    /// wire-core's runs.
    pub ours: Summary,
    /// tarpc's runs.
    pub theirs: Summary,
}

/// Prints the report on stdout.
/// `load` is the 1-minute load average before and after the run.
pub fn print(args: &Args, rows: &mut [Row], took: Duration, load: (Option<f64>, Option<f64>)) {
    println!("## wire-core vs tarpc: the same service over loopback TCP, bincode 1.3 on both\n");
    println!("- machine: {} cores available, {}; {}", cores(), cpu_model(), env!("BENCH_RUSTC_VERSION"));
    println!(
        "- build: {}; tarpc {}",
        if cfg!(debug_assertions) { "DEBUG (the figures mean nothing: use --release)" } else { "release" },
        env!("BENCH_TARPC_VERSION")
    );
    let runtime = match args.placement {
        Placement::Shared => {
            format!("one tokio multi-thread runtime of {} workers runs both servers and every client", args.workers)
        }
        Placement::Split => format!(
            "the servers on one tokio multi-thread runtime, the clients on another, {} workers each",
            args.workers
        ),
    };
    println!("- runtime: {runtime}; `async fn` handlers, each call a task of its own on both sides");
    println!(
        "- {} measured rounds after a warm-up at a tenth of the size; in each round every workload runs for both \
         libraries back to back, the first of the two alternating; clients connect before the clock starts",
        args.rounds
    );
    let load = match load {
        (Some(before), Some(after)) => {
            format!("; load average {before:.1} before, {after:.1} after (on {} cores)", cores())
        }
        _ => String::new(),
    };
    println!("- total run time: {:.0} s{load}\n", took.as_secs_f64());

    println!("| workload | wire-core | tarpc | wire-core / tarpc | per round (median, lowest–highest) |");
    println!("|---|---|---|---|---|");
    for row in rows.iter() {
        let unit = if row.workload.payload() > 0 { "MB/s" } else { "calls/s" };
        let (ratio, per_round) = match (row.ours.rates.is_empty(), row.theirs.rates.is_empty()) {
            (false, false) => {
                // The two libraries of a round ran back to back: their ratio drifts less with the load.
                let rounds: Vec<f64> = row.ours.rates.iter().zip(&row.theirs.rates).map(|(o, t)| o / t).collect();
                let (low, high) = rounds.iter().fold((f64::INFINITY, 0.0f64), |(l, h), &r| (l.min(r), h.max(r)));
                (
                    format!("**{:.2}x**", row.ours.median_rate() / row.theirs.median_rate()),
                    format!("{:.2}x ({low:.2}–{high:.2})", median(&rounds)),
                )
            }
            _ => ("-".into(), "-".into()),
        };
        println!(
            "| {} | {} | {} | {ratio} | {per_round} |",
            row.workload.title(),
            rate(&row.ours, unit),
            rate(&row.theirs, unit)
        );
    }
    println!(
        "\nRates: the median of the rounds (lowest–highest). MB/s: payload bytes (10^6) echoed per second, one way. \
         Per round: wire-core's rate over tarpc's in the same round.\n"
    );

    println!(
        "| workload | p50 wire-core | p50 tarpc | p99 wire-core | p99 tarpc | CPU/call wire-core | CPU/call tarpc \
         | page faults/call wire-core | page faults/call tarpc |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for row in rows.iter_mut() {
        let p50 = |s: &mut Summary| measured(s, |s| time(s.percentile(50.0) as f64));
        let p99 = |s: &mut Summary| measured(s, |s| time(s.percentile(99.0) as f64));
        let cpu = |s: &mut Summary| measured(s, |s| time(s.cpu_per_call()));
        let faults = |s: &mut Summary| measured(s, |s| format!("{:.1}", s.faults_per_call()));
        let (ours, theirs) = (&mut row.ours, &mut row.theirs);
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.workload.title(),
            p50(ours),
            p50(theirs),
            p99(ours),
            p99(theirs),
            cpu(ours),
            cpu(theirs),
            faults(ours),
            faults(theirs),
        );
    }
    println!(
        "\nLatency: each call as its caller waits for it, over every call of every round. CPU/call and page \
         faults/call: the whole process (clients and servers; user + system time; `getrusage`) divided by the calls."
    );
}

/// `figure(summary)`, or `-` for a library that did not run.
fn measured(summary: &mut Summary, figure: impl FnOnce(&mut Summary) -> String) -> String {
    if summary.rates.is_empty() { "-".into() } else { figure(summary) }
}

fn rate(summary: &Summary, unit: &str) -> String {
    if summary.rates.is_empty() {
        return "-".into();
    }
    let (low, high) = summary.range();
    format!("{} {unit} ({}–{})", thousands(summary.median_rate()), thousands(low), thousands(high))
}

/// `12,345`.
fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Nanoseconds as `850 ns`, `37.2 µs`, `4.31 ms`.
fn time(ns: f64) -> String {
    match ns {
        ns if ns < 1e3 => format!("{ns:.0} ns"),
        ns if ns < 1e6 => format!("{:.1} µs", ns / 1e3),
        ns => format!("{:.2} ms", ns / 1e6),
    }
}

/// The 1-minute load average (`/proc/loadavg`): how busy the machine was
/// besides this run.
pub fn load_average() -> Option<f64> {
    std::fs::read_to_string("/proc/loadavg").ok()?.split_whitespace().next()?.parse().ok()
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(0, |n| n.get())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|text| {
            text.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, model)| model.trim().to_owned())
        })
        .unwrap_or_else(|| "CPU model unknown".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(1234567.4), "1,234,567");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(1000.0), "1,000");
    }
}
