//! What a call costs on top of its codec: the same small call through
//! `rpc::Local` (request and response frames built and split, the function
//! id routed, the args code checked against the body's head, the return
//! code checked against the reply's head) and the codec's work alone (the
//! arguments encoded and decoded, the handler run, the reply encoded and
//! decoded), for bincode and struct_pack. Run with
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
use wire_core::codec::{Bincode, Codec, Payload, StructPack};
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

/// The codec's part of a call of `add(a, b)`, with nothing around it.
fn codec_only<C: Codec>(codec: &C, a: u32, b: u32) -> u32 {
    let handler = &CalcRpc::add;
    let mut request = Vec::new();
    codec.encode(&(a, b), Payload::args(handler), &mut request).unwrap();
    let (a, b): (u32, u32) = codec.decode(&request, Payload::args(handler)).unwrap();
    let mut reply = Vec::new();
    codec.encode(&Adder.add(a, b), Payload::returns(handler), &mut reply).unwrap();
    codec.decode(&reply, Payload::returns(handler)).unwrap()
}

fn call_overhead_of<C: Codec + Copy>(c: &mut Criterion, codec: C) {
    let server = Arc::new(Server::new(codec).add_service(CalcServer::new(Adder)).unwrap());
    let client = CalcClient::new(Local::new(server));
    assert_eq!(ready(client.add(40, 2)).unwrap(), 42);
    assert_eq!(codec_only(&codec, 40, 2), 42);

    interleaved(C::NAME, &client, &codec);

    let mut group = c.benchmark_group(format!("add(u32, u32) -> u32, {}", C::NAME));
    group
        .bench_function("a call through Local", |b| b.iter(|| ready(client.add(black_box(40), black_box(2))).unwrap()));
    group.bench_function("the codec alone", |b| b.iter(|| codec_only(&codec, black_box(40), black_box(2))));
    group.finish();
}

fn call_overhead(c: &mut Criterion) {
    call_overhead_of(c, Bincode);
    call_overhead_of(c, StructPack::default());
}

/// Criterion measures one variant after the other, so on a shared machine
/// load drifting between the two runs can swamp a difference of a few
/// nanoseconds. This A/B alternates short batches of both (flipping which
/// goes first) and reports the median of each and of the per-round ratio.
fn interleaved<C: Codec>(name: &str, client: &CalcClient<Local<C>>, codec: &C) {
    const ROUNDS: usize = 301;
    const BATCH: u32 = 2_000;
    let time = |f: &dyn Fn(u32) -> u32| {
        let start = Instant::now();
        for i in 0..BATCH {
            black_box(f(black_box(i)));
        }
        start.elapsed().as_secs_f64() * 1e9 / f64::from(BATCH)
    };
    let call = |i| ready(client.add(i, 2)).unwrap();
    let alone = |i| codec_only(codec, i, 2);
    let (mut a, mut b, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (x, y) = if round % 2 == 0 {
            let x = time(&call);
            (x, time(&alone))
        } else {
            let y = time(&alone);
            (time(&call), y)
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
        "{name}, interleaved A/B ({ROUNDS} rounds of {BATCH} calls): through Local {a:.1} ns/call, codec alone \
         {b:.1} ns/call, median per-round ratio {r:.2}"
    );
}

criterion_group!(benches, call_overhead);
criterion_main!(benches);
