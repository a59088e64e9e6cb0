//! The gate run from a crate other than the one that defines the handlers:
//! this package's tests gate `master-example`'s frozen contract with
//! `assert_frozen!(..., krate = "master-example")`, in a binary that also
//! links `master-example-v2` (the same service names with other codes), and
//! a crate with no handler here is explained, not passed.

// Used, so the linker keeps their handler registrations in this binary.
use master_example as _;
use master_example_v2 as _;
use wire_golden::{Gate, Mode};

const MASTER: &str = "examples/master/contracts/master.wire";
const RELEASES: &str = "examples/master/contracts/releases";

fn gate(krate: &str) -> Gate {
    Gate::new(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(MASTER)).display_as(MASTER).krate(krate)
}

#[test]
fn master_example_is_gated_from_another_crate() {
    wire_golden::assert_frozen!(MASTER, krate = "master-example", releases = RELEASES);
}

#[test]
fn the_crate_name_picks_one_version_among_those_linked() {
    // v1's handlers are the frozen file; v2's (same names) break it. Neither
    // sees the other's function ids as collisions: the gate covers one crate.
    let live = gate("master_example").live().unwrap();
    assert_eq!(live.handlers.len(), 13);
    assert!(live.handlers.iter().all(|h| h.krate.as_deref() == Some("master-example")));
    let v2 = gate("master-example-v2").live().unwrap();
    let failed = gate("master-example-v2").check_against(&v2, Mode::default()).unwrap_err();
    assert!(failed.report.starts_with(&format!("wire contract drift against {MASTER}: 1 BREAKING, 1 ADDITIVE\n")));
    assert!(failed.report.contains("BREAKING MasterService::put_end args "), "{failed}");
    // The whole registry is two versions of one service: refused, naming both crates.
    let all = Gate::new(MASTER).live().unwrap_err();
    assert!(all.contains("(master-example, ") && all.contains("(master-example-v2, "), "{all}");
}

#[test]
fn a_crate_with_no_handler_here_is_explained() {
    // The default of `assert_frozen!` here: this package, which defines no handler.
    let message = gate(env!("CARGO_PKG_NAME")).live().unwrap_err();
    let lines: Vec<&str> = message.lines().collect();
    assert_eq!(lines[0], "no handler of crate `wire-contracts` is registered in this test binary.");
    let v1 = master_example::MasterServiceRpc::HANDLERS.len();
    let v2 = master_example_v2::MasterServiceRpc::HANDLERS.len();
    assert_eq!(
        lines[1],
        format!(
            "Handlers registered here, by defining crate: `master-example` ({v1} handlers: MasterService), \
             `master-example-v2` ({v2} handlers: MasterService)."
        )
    );
    assert!(lines[2].contains("`use wire_contracts as _;`"), "{message}");
    assert!(lines[3].contains(&format!("`assert_frozen!(\"{MASTER}\", krate = \"defining-crate\")`")), "{message}");
    // A name that is close but not a crate here.
    let message = gate("master").live().unwrap_err();
    assert!(message.starts_with("no handler of crate `master` is registered"), "{message}");
}
