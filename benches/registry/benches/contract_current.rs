//! How long `Contract::current()` takes for a 10,000-handler binary.
//!
//! The handlers come from `wire-bench-fixture` (200 generated `#[wire_rpc]`
//! traits of 50 methods), linked into this binary. Run with
//!
//! ```text
//! cargo bench --manifest-path benches/Cargo.toml --bench contract_current
//! ```

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};
use wire_bench_fixture::ObjectMeta;
use wire_core::{Contract, Wire};

/// The fixture's size, checked before anything is timed.
const HANDLERS: usize = 10_000;

/// What a binary with `HANDLERS` handlers may spend in `Contract::current()`.
const BUDGET: Duration = Duration::from_millis(5);

/// The registry as the bench binary sees it, checked to hold the whole fixture.
fn fixture_contract() -> Contract {
    // Calling into the fixture links it, and with it its registrations.
    let generated = wire_bench_fixture::handler_count();
    assert_eq!(generated, HANDLERS, "the fixture generates {HANDLERS} handlers");
    let contract = Contract::current().unwrap_or_else(|e| panic!("{e}"));
    assert!(
        contract.len() >= HANDLERS,
        "only {} handlers registered: the fixture's registrations were not linked",
        contract.len()
    );
    contract
}

fn contract_current(c: &mut Criterion) {
    fixture_contract();
    // A gate as well as a figure: the best of a few runs must fit the budget
    // (optimized builds only; `cargo test --benches` runs this unoptimized).
    if !cfg!(debug_assertions) {
        let best = (0..20)
            .map(|_| {
                let start = Instant::now();
                black_box(Contract::current().unwrap());
                start.elapsed()
            })
            .min()
            .unwrap();
        assert!(best < BUDGET, "Contract::current() took {best:?} for {HANDLERS} handlers, over {BUDGET:?}");
    }
    let mut group = c.benchmark_group("Contract::current");
    // ~1.5 ms an iteration: 100 samples need more than the default 5 s.
    group.measurement_time(Duration::from_secs(12));
    group.bench_function("10k handlers", |b| b.iter(|| Contract::current().unwrap()));
    group.finish();
}

/// The per-call pieces around the contract: lookups and a literal.
fn per_handler(c: &mut Criterion) {
    let contract = fixture_contract();
    let ids: Vec<u32> = contract.handlers().iter().map(|h| h.function_id).collect();
    let names: Vec<&str> = contract.handlers().iter().map(|h| h.name).collect();
    let mut group = c.benchmark_group("per-handler");
    let mut i = 0;
    group.bench_function("Contract::by_id", |b| {
        b.iter(|| {
            i = (i + 7919) % ids.len();
            contract.by_id(black_box(ids[i])).unwrap()
        })
    });
    let mut i = 0;
    group.bench_function("Contract::get", |b| {
        b.iter(|| {
            i = (i + 7919) % names.len();
            contract.get(black_box(names[i])).unwrap()
        })
    });
    group
        .bench_function("Schema::literal/ObjectMeta", |b| b.iter(|| black_box(<ObjectMeta as Wire>::SCHEMA).literal()));
    let update = contract.get("MasterService00::update_object").expect("a generated handler");
    group.bench_function("Handler::args_literal/update_object", |b| b.iter(|| black_box(update).args_literal()));
    group.finish();
}

criterion_group!(benches, contract_current, per_handler);
criterion_main!(benches);
