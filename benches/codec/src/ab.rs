//! An A/B comparison in alternating batches: criterion measures one
//! function after the other, so load drifting on a shared machine between
//! the two can pass for a difference. Here each round times a batch of `a`
//! and a batch of `b` back to back (flipping which goes first), on this
//! thread's CPU clock, and the medians are compared.

use crate::cpu::thread_cpu;
use std::time::Duration;

/// What an A/B comparison measured.
#[derive(Clone, Copy, Debug)]
pub struct Ab {
    /// Median CPU time of one `a`, nanoseconds.
    pub a_ns: f64,
    /// Median CPU time of one `b`, nanoseconds.
    pub b_ns: f64,
    /// Median over the rounds of `b / a`.
    pub ratio: f64,
    /// Rounds measured.
    pub rounds: usize,
}

/// Runs `a` and `b` in alternating batches of about a millisecond each
/// until `budget` of CPU time is spent (at least 11 rounds, at most 501).
pub fn interleaved(mut a: impl FnMut(), mut b: impl FnMut(), budget: Duration) -> Ab {
    let (batch_a, batch_b) = (batch(&mut a), batch(&mut b));
    let timed = |f: &mut dyn FnMut(), n: u64| {
        let start = thread_cpu();
        for _ in 0..n {
            f();
        }
        (thread_cpu() - start).as_nanos() as f64 / n as f64
    };
    let (mut a_ns, mut b_ns, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    let start = thread_cpu();
    while ratios.len() < 11 || (ratios.len() < 501 && thread_cpu() - start < budget) {
        let (x, y) = if ratios.len() % 2 == 0 {
            let x = timed(&mut a, batch_a);
            (x, timed(&mut b, batch_b))
        } else {
            let y = timed(&mut b, batch_b);
            (timed(&mut a, batch_a), y)
        };
        a_ns.push(x);
        b_ns.push(y);
        ratios.push(y / x);
    }
    Ab { a_ns: median(&mut a_ns), b_ns: median(&mut b_ns), ratio: median(&mut ratios), rounds: ratios.len() }
}

/// How many calls of `f` take about a millisecond of CPU (at least one).
fn batch(f: &mut dyn FnMut()) -> u64 {
    let mut n = 1u64;
    loop {
        let start = thread_cpu();
        for _ in 0..n {
            f();
        }
        let took = thread_cpu() - start;
        if took >= Duration::from_millis(1) || n >= 1 << 24 {
            return n;
        }
        n *= 2;
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_slower_side_has_the_larger_time() {
        let spin = |n: u64| {
            move || {
                for i in 0..n {
                    std::hint::black_box(i);
                }
            }
        };
        let ab = interleaved(spin(100), spin(1_000), Duration::from_millis(50));
        assert!(ab.ratio > 2.0, "{ab:?}");
        assert!(ab.b_ns > ab.a_ns, "{ab:?}");
    }

    #[test]
    fn medians() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
    }
}
