//! A contract file whose codes and names all still match, but whose text
//! would be written differently, is stale: the gate fails and bless refreshes it.
//! (Its own test binary: the two versions share a wire name.)

/// What the test binaries share: the parts this one uses.
mod support {
    pub mod contract;
    pub mod temp;
}

use support::contract::doc;
use support::temp::Dir;
use wire_golden::render;

#[allow(dead_code, reason = "the versions are declared for their contracts only: never implemented nor built")]
mod stale {
    use wire_core::{Wire, wire_rpc};

    #[derive(Wire)]
    pub struct Id(pub u64);

    #[wire_rpc(codes_only)]
    #[wire(name = "Stale")]
    pub trait V1 {
        fn get(&self, id: u64) -> u64;
    }

    #[wire_rpc(codes_only)]
    #[wire(name = "Stale")]
    pub trait V2 {
        fn get(&self, id: Id) -> u64;
    }
}

#[test]
fn a_text_only_difference_still_fails_the_gate_and_bless_refreshes_it() {
    let v1 = doc(stale::V1Rpc::HANDLERS);
    let v2 = doc(stale::V2Rpc::HANDLERS);
    assert_eq!(wire_golden::diff::diff(&v1, &v2), [], "a newtype over u64 is the same layout");
    let dir = Dir::new("stale");
    let file = dir.write("stale.wire", render(&v1));
    let gate = wire_golden::Gate::new(&file);
    let failed = gate.check_against(&v2, wire_golden::Mode::default()).expect_err("the file is stale");
    assert!(failed.report.contains("COSMETIC"), "{}", failed.report);
    gate.check_against(&v2, wire_golden::Mode { bless: true, ci: false }).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), render(&v2));
    gate.check_against(&v2, wire_golden::Mode::default()).unwrap();
}
