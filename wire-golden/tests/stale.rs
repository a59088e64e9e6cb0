//! A contract file whose codes and names all still match, but whose text
//! would be written differently, is stale: the gate fails and bless refreshes it.
//! (Its own test binary: the two versions share a wire name.)

#![allow(dead_code)]

use wire_golden::{ContractDoc, render};

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
    let v1 = ContractDoc::from_handlers(stale::V1Rpc::HANDLERS.iter().copied());
    let v2 = ContractDoc::from_handlers(stale::V2Rpc::HANDLERS.iter().copied());
    assert_eq!(wire_golden::diff::diff(&v1, &v2), [], "a newtype over u64 is the same layout");
    let dir = std::env::temp_dir().join(format!("wire-stale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("stale.wire");
    std::fs::write(&file, render(&v1)).unwrap();
    let gate = wire_golden::Gate::new(&file);
    let failed = gate.check_against(&v2, wire_golden::Mode::default()).expect_err("the file is stale");
    assert!(failed.report.contains("COSMETIC"), "{}", failed.report);
    gate.check_against(&v2, wire_golden::Mode { bless: true, ci: false }).unwrap();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), render(&v2));
    gate.check_against(&v2, wire_golden::Mode::default()).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}
