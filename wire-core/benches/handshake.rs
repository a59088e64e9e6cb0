//! How long the handshake verdict takes for two 10,000-method tables.
//!
//! `ServiceReady::check()` runs at every connect, so it must stay cheap for
//! the largest services: here both peers advertise 10,000 methods and
//! differ in 400 (100 argument layouts, 100 return layouts, 100 methods only
//! here, 100 only on the peer). The tables are built from synthetic
//! `Handler`s: a 10,000-method `#[wire_rpc]` fixture takes minutes to compile
//! (see `benches/` at the workspace root). Run with
//!
//! ```text
//! cargo bench -p wire-core --bench handshake
//! ```

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};
use wire_core::Handler;
use wire_core::protocol::handshake::{Compat, ServiceReady};

/// The tests' hand-made handler.
#[path = "../tests/support/handler.rs"]
mod support;

const METHODS: usize = 10_000;

/// What one `check()` of the two tables may take (optimized builds).
const BUDGET: Duration = Duration::from_millis(1);

/// The handler `name`, with its function id, and these codes.
fn handler(name: String, args_code: u32, return_code: u32) -> Handler {
    let name: &'static str = Box::leak(name.into_boxed_str());
    support::handler(name, wire_core::function_id(name), args_code, return_code)
}

/// This side's table and the peer's: 400 methods differ.
fn tables() -> (ServiceReady, ServiceReady) {
    let code = |i: usize, salt: u32| wire_core::md5_32(&(i as u32 ^ salt).to_le_bytes()) & !1;
    let mut here = Vec::with_capacity(METHODS);
    let mut peer = Vec::with_capacity(METHODS);
    for i in 0..METHODS {
        let name = format!("Service{:03}::method_{i:05}", i / 50);
        let h = handler(name.clone(), code(i, 0), code(i, 0xFFFF));
        match i % 100 {
            1 => peer.push(handler(name, code(i, 1), h.return_code)), // arguments changed
            2 => peer.push(handler(name, h.args_code, code(i, 2))),   // return type changed
            3 => {}                                                   // removed on the peer
            _ => peer.push(handler(name, h.args_code, h.return_code)),
        }
        here.push(h);
    }
    for i in 0..METHODS / 100 {
        peer.push(handler(format!("ServiceNew::method_{i:05}"), code(i, 3), code(i, 4)));
    }
    let here = ServiceReady::new("bincode1", "here", &here);
    let peer = ServiceReady::new("bincode1", "peer", &peer);
    assert_eq!((here.methods.len(), peer.methods.len()), (METHODS, METHODS), "no function id collided");
    (here, peer)
}

fn check(c: &mut Criterion) {
    let (here, peer) = tables();
    let Compat::Partial(p) = here.check(&peer) else { panic!("the tables differ") };
    assert_eq!(p.callable().count(), METHODS - 300);
    assert_eq!(p.blocked().count(), 300);
    assert_eq!(p.incoming.len(), METHODS);
    drop(p);

    // A gate as well as a figure (optimized builds only; `cargo test --benches`
    // runs this unoptimized): the best of a few runs must fit the budget.
    if !cfg!(debug_assertions) {
        let best = (0..50)
            .map(|_| {
                let start = Instant::now();
                black_box(here.check(black_box(&peer)));
                start.elapsed()
            })
            .min()
            .unwrap();
        assert!(best < BUDGET, "check() of two {METHODS}-method tables took {best:?}, over {BUDGET:?}");
    }

    let mut group = c.benchmark_group("ServiceReady::check");
    group.bench_function("10k vs 10k, 400 differ", |b| b.iter(|| black_box(here.check(black_box(&peer)))));
    let same = here.clone();
    group.bench_function("10k identical", |b| b.iter(|| black_box(here.check(black_box(&same)))));
    group.finish();

    // The rest of a handshake, for scale.
    let bytes = peer.encode();
    let mut group = c.benchmark_group("ServiceReady 10k");
    group.bench_function("decode", |b| b.iter(|| ServiceReady::decode(black_box(&bytes)).unwrap()));
    group.bench_function("encode", |b| b.iter(|| black_box(&peer).encode()));
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
