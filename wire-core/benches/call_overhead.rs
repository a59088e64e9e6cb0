//! What the server's header check (function id, then args code, before any
//! decoding) costs per call: the same small call through `rpc::Local` with
//! the check (`Local::new`) and without it (`Local::unchecked`). Target: the
//! checked call within 5% of the unchecked one. Run with
//!
//! ```text
//! cargo bench -p wire-core --bench call_overhead
//! ```
//!
//! `Local` never waits (handlers are synchronous here), so the futures are
//! polled to completion on the spot: no runtime's scheduling in the figure.

use criterion::{Criterion, criterion_group, criterion_main};
use std::future::Future;
use std::hint::black_box;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Instant;
use wire_core::codec::Bincode;
use wire_core::rpc::{Local, Server};
use wire_core::wire_rpc;

#[wire_rpc]
pub trait Calc {
    fn add(&self, a: u32, b: u32) -> u32;
}

struct Adder;

impl Calc for Adder {
    fn add(&self, a: u32, b: u32) -> u32 {
        a.wrapping_add(b)
    }
}

/// Polls a future that never waits.
fn ready<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

fn call_overhead(c: &mut Criterion) {
    let server = Arc::new(Server::new(Bincode).serve(CalcServer::new(Adder)).unwrap());
    let checked = CalcClient::new(Local::new(Arc::clone(&server)));
    let unchecked = CalcClient::new(Local::unchecked(Arc::clone(&server)));
    assert_eq!(ready(checked.add(40, 2)).unwrap(), 42);
    assert_eq!(ready(unchecked.add(40, 2)).unwrap(), 42);

    interleaved(&checked, &unchecked);

    let mut group = c.benchmark_group("Local call add(u32, u32) -> u32");
    group.bench_function("checked (Local::new)", |b| {
        b.iter(|| ready(checked.add(black_box(40), black_box(2))).unwrap())
    });
    group.bench_function("unchecked (Local::unchecked)", |b| {
        b.iter(|| ready(unchecked.add(black_box(40), black_box(2))).unwrap())
    });
    group.finish();
}

/// Criterion measures one variant after the other, so on a shared machine
/// load drifting between the two runs can swamp a difference of a few
/// nanoseconds. This A/B alternates short batches of both (flipping which
/// goes first) and reports the median of each and of the per-round ratio.
fn interleaved(checked: &CalcClient<Local<Bincode>>, unchecked: &CalcClient<Local<Bincode>>) {
    const ROUNDS: usize = 301;
    const BATCH: u32 = 2_000;
    let batch = |client: &CalcClient<Local<Bincode>>| {
        let start = Instant::now();
        for i in 0..BATCH {
            black_box(ready(client.add(black_box(i), 2)).unwrap());
        }
        start.elapsed().as_secs_f64() * 1e9 / f64::from(BATCH)
    };
    let (mut a, mut b, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (x, y) = if round % 2 == 0 {
            let x = batch(checked);
            (x, batch(unchecked))
        } else {
            let y = batch(unchecked);
            (batch(checked), y)
        };
        a.push(x);
        b.push(y);
        ratio.push(x / y);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (a, b, r) = (median(&mut a), median(&mut b), median(&mut ratio));
    println!(
        "interleaved A/B ({ROUNDS} rounds of {BATCH} calls): checked {a:.1} ns/call, unchecked {b:.1} ns/call, \
         median per-round overhead {:+.2}%",
        (r - 1.0) * 100.0
    );
}

criterion_group!(benches, call_overhead);
criterion_main!(benches);
