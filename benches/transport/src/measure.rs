//! What one run of a workload measured, and the summary of several runs:
//! wall time, per-call latencies, the process's CPU time and page faults
//! (`getrusage(RUSAGE_SELF)`: every thread, clients and servers alike).

use std::time::Instant;

/// The process's clock, CPU time and page faults at one moment.
#[derive(Clone, Copy, Debug)]
pub struct Usage {
    at: Instant,
    cpu_ns: u64,
    faults: u64,
}

impl Usage {
    /// Now.
    pub fn now() -> Usage {
        // SAFETY: getrusage writes a `rusage` into the zeroed value it is given.
        let usage = unsafe {
            let mut usage: libc::rusage = std::mem::zeroed();
            libc::getrusage(libc::RUSAGE_SELF, &mut usage);
            usage
        };
        let ns = |t: libc::timeval| t.tv_sec as u64 * 1_000_000_000 + t.tv_usec as u64 * 1_000;
        Usage {
            at: Instant::now(),
            cpu_ns: ns(usage.ru_utime) + ns(usage.ru_stime),
            faults: usage.ru_minflt as u64 + usage.ru_majflt as u64,
        }
    }
}

/// One run of a workload.
#[derive(Clone, Debug)]
pub struct Sample {
    /// Wall time of all its calls, seconds.
    pub secs: f64,
    /// Each call's latency, nanoseconds.
    pub latencies: Vec<u64>,
    /// CPU time of the whole process (client and server), nanoseconds.
    pub cpu_ns: u64,
    /// Page faults of the whole process (minor and major).
    pub faults: u64,
    /// Payload bytes per call, one way.
    pub payload: usize,
}

impl Sample {
    /// The run that started at `before` and has just ended.
    pub fn new(before: Usage, latencies: Vec<u64>, payload: usize) -> Sample {
        let after = Usage::now();
        Sample {
            secs: after.at.duration_since(before.at).as_secs_f64(),
            latencies,
            cpu_ns: after.cpu_ns - before.cpu_ns,
            faults: after.faults - before.faults,
            payload,
        }
    }

    /// Calls per second.
    pub fn calls_per_sec(&self) -> f64 {
        self.latencies.len() as f64 / self.secs
    }

    /// Payload megabytes (10^6 bytes) per second, one way.
    pub fn mb_per_sec(&self) -> f64 {
        self.calls_per_sec() * self.payload as f64 / 1e6
    }

    /// The figure of merit: MB/s for payloads, else calls/s.
    pub fn rate(&self) -> f64 {
        if self.payload > 0 { self.mb_per_sec() } else { self.calls_per_sec() }
    }
}

/// Several runs of one workload by one library.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Each run's rate (MB/s or calls/s).
    pub rates: Vec<f64>,
    /// Every call's latency over all runs, sorted.
    pub latencies: Vec<u64>,
    /// CPU time over all runs.
    pub cpu_ns: u64,
    /// Page faults over all runs.
    pub faults: u64,
}

impl Summary {
    /// Adds a run.
    pub fn add(&mut self, sample: &Sample) {
        self.rates.push(sample.rate());
        self.latencies.extend_from_slice(&sample.latencies);
        self.cpu_ns += sample.cpu_ns;
        self.faults += sample.faults;
    }

    /// The median rate.
    pub fn median_rate(&self) -> f64 {
        median(&self.rates)
    }

    /// The lowest and highest rate.
    pub fn range(&self) -> (f64, f64) {
        let min = self.rates.iter().copied().fold(f64::INFINITY, f64::min);
        let max = self.rates.iter().copied().fold(0.0, f64::max);
        (min, max)
    }

    /// The `p`-th percentile of the latencies (nearest rank), nanoseconds.
    pub fn percentile(&mut self, p: f64) -> u64 {
        self.latencies.sort_unstable();
        percentile(&self.latencies, p)
    }

    /// Calls over all runs.
    pub fn calls(&self) -> u64 {
        self.latencies.len() as u64
    }

    /// CPU time per call (client and server), nanoseconds.
    pub fn cpu_per_call(&self) -> f64 {
        self.cpu_ns as f64 / self.calls().max(1) as f64
    }

    /// Page faults per call.
    pub fn faults_per_call(&self) -> f64 {
        self.faults as f64 / self.calls().max(1) as f64
    }
}

/// The median of `values` (the mean of the middle two for an even count).
pub fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

/// The nearest-rank `p`-th percentile of sorted `values`.
pub fn percentile(sorted: &[u64], p: f64) -> u64 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let values: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&values, 50.0), 50);
        assert_eq!(percentile(&values, 99.0), 99);
        assert_eq!(percentile(&values, 100.0), 100);
        assert_eq!(percentile(&[7], 99.0), 7);
    }

    #[test]
    fn medians_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
