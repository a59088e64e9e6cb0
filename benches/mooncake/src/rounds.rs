//! The measurement: a warm-up, then rounds in which every side makes every
//! workload's calls, the order of the sides rotated each round, and every
//! answer checked.

use crate::options::Options;
use crate::sides::{Side, Sides};
use crate::stats::{Batch, Samples};
use crate::workload::Workload;
use std::collections::BTreeMap;
use std::time::Instant;

/// What the rounds measured.
#[derive(Default)]
pub struct Measured {
    /// Every measured call, by workload and side.
    pub samples: BTreeMap<(usize, Side), Samples>,
    /// The calls made to the real master (warm-up included), by the
    /// `/metrics` counter that counts them.
    pub made_to_real: BTreeMap<&'static str, u64>,
}

impl Measured {
    /// `n` calls of `w` by `side`, every answer checked; `None` if the side is not running.
    fn batch(&mut self, sides: &mut Sides, side: Side, w: Workload, n: usize) -> Result<Option<Batch>, String> {
        let Some(batch) = sides.run(side, w, n) else { return Ok(None) };
        let context = |e: String| format!("{} by {}: {e}", w.label(), side.label());
        let batch = batch.map_err(context)?;
        batch.check(&w.call.expected()).map_err(context)?;
        if side.is_real() {
            *self.made_to_real.entry(w.call.metric()).or_default() += batch.ns.len() as u64;
        }
        Ok(Some(batch))
    }
}

/// Warms every side up on every workload, then measures `o.rounds` rounds.
pub fn measure(sides: &mut Sides, workloads: &[Workload], o: &Options) -> Result<Measured, String> {
    let mut m = Measured::default();
    eprintln!("mooncake-bench: warm-up, {} calls per workload and side", o.warmup);
    for &w in workloads {
        for side in Side::ALL {
            m.batch(sides, side, w, o.warmup)?;
        }
    }
    for round in 0..o.rounds {
        let started = Instant::now();
        for (wi, &w) in workloads.iter().enumerate() {
            let mut order = Side::ALL;
            order.rotate_left((round + wi) % Side::ALL.len());
            for side in order {
                if let Some(batch) = m.batch(sides, side, w, o.calls)? {
                    m.samples.entry((wi, side)).or_default().add(&batch);
                }
            }
        }
        eprintln!("mooncake-bench: round {}/{} in {:.1?}", round + 1, o.rounds, started.elapsed());
    }
    Ok(m)
}
