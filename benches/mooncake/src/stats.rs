//! Timings of calls: one batch as a side measured it, and the summary of
//! every batch of a side and workload.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;

/// One batch of calls: what a side measured and what the calls returned.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Batch {
    /// Each call's time, in nanoseconds.
    pub ns: Vec<u64>,
    /// From the start of the first call to the end of the last, in nanoseconds.
    pub wall_ns: u64,
    /// The CPU time of the client's whole process meanwhile (every thread), in nanoseconds.
    pub cpu_ns: u64,
    /// How many calls returned each value (written as the C++ binding returns it).
    pub results: BTreeMap<String, u64>,
}

impl Batch {
    /// `Err` naming the first value that is not `expected`.
    pub fn check(&self, expected: &str) -> Result<(), String> {
        match self.results.iter().find(|(value, _)| *value != expected) {
            None => Ok(()),
            Some((value, n)) => Err(format!("{n} call(s) returned {value}, not {expected}")),
        }
    }
}

/// Every batch of one side and workload, merged.
#[derive(Clone, Debug, Default)]
pub struct Samples {
    ns: Vec<u64>,
    wall: Duration,
    cpu: Duration,
    rates: Vec<f64>,
}

impl Samples {
    /// Adds a batch.
    pub fn add(&mut self, batch: &Batch) {
        self.ns.extend_from_slice(&batch.ns);
        self.wall += Duration::from_nanos(batch.wall_ns);
        self.cpu += Duration::from_nanos(batch.cpu_ns);
        self.rates.push(if batch.wall_ns == 0 { 0.0 } else { batch.ns.len() as f64 * 1e9 / batch.wall_ns as f64 });
    }

    /// Each batch's calls per second, in the order added (one per round).
    pub fn batch_rates(&self) -> &[f64] {
        &self.rates
    }

    /// How many calls.
    pub fn calls(&self) -> usize {
        self.ns.len()
    }

    /// The `q` quantile (0.5: the median) of the call times, nearest rank.
    pub fn quantile(&self, q: f64) -> Duration {
        if self.ns.is_empty() {
            return Duration::ZERO;
        }
        let mut sorted = self.ns.clone();
        sorted.sort_unstable();
        let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
        Duration::from_nanos(sorted[rank - 1])
    }

    /// The client's CPU time per call.
    pub fn cpu_per_call(&self) -> Duration {
        if self.ns.is_empty() { Duration::ZERO } else { self.cpu / self.ns.len() as u32 }
    }

    /// Calls per second: every call over the sum of the batches' wall times.
    pub fn rate(&self) -> f64 {
        if self.wall.is_zero() { 0.0 } else { self.ns.len() as f64 / self.wall.as_secs_f64() }
    }
}

/// The CPU time this process has used so far, every thread
/// (`CLOCK_PROCESS_CPUTIME_ID`, what Python's `time.process_time_ns` reads).
pub fn process_cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid timespec for clock_gettime to write.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) } == 0;
    if ok { Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32) } else { Duration::ZERO }
}

/// The median, lowest and highest of `values` (`None` if empty).
pub fn spread(values: &[f64]) -> Option<(f64, f64, f64)> {
    let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    let median = match n {
        0 => return None,
        _ if n % 2 == 1 => sorted[n / 2],
        _ => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    };
    Some((median, sorted[0], sorted[n - 1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_by_nearest_rank() {
        let mut s = Samples::default();
        s.add(&Batch { ns: (1..=100).rev().collect(), wall_ns: 2_000_000_000, cpu_ns: 1000, ..Batch::default() });
        assert_eq!(s.quantile(0.5), Duration::from_nanos(50));
        assert_eq!(s.quantile(0.99), Duration::from_nanos(99));
        assert_eq!(s.quantile(1.0), Duration::from_nanos(100));
        assert_eq!(s.rate(), 50.0);
        assert_eq!(s.cpu_per_call(), Duration::from_nanos(10));
        s.add(&Batch { ns: vec![1; 10], wall_ns: 1_000_000_000, ..Batch::default() });
        assert_eq!(s.batch_rates(), [50.0, 10.0]);
        assert_eq!(s.rate(), 110.0 / 3.0);
    }

    #[test]
    fn spreads() {
        assert_eq!(spread(&[3.0, 1.0, 2.0]), Some((2.0, 1.0, 3.0)));
        assert_eq!(spread(&[4.0, 1.0, 2.0, 3.0]), Some((2.5, 1.0, 4.0)));
        assert_eq!(spread(&[f64::NAN]), None);
    }

    #[test]
    fn check_names_the_unexpected_value() {
        let batch = Batch { results: [("0".into(), 3), ("-900".into(), 1)].into(), ..Batch::default() };
        assert_eq!(batch.check("0"), Err("1 call(s) returned -900, not 0".into()));
        assert_eq!(Batch { results: [("0".into(), 3)].into(), ..Batch::default() }.check("0"), Ok(()));
    }
}
