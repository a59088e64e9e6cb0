//! The wire contract gate: fails when a handler's wire layout drifts from the
//! frozen contract, or breaks a release still in the window.

#[test]
fn wire_contract_is_frozen() {
    // Use the crate, so the linker keeps its handler registrations in this binary.
    assert_eq!(master_example::handler_count(), 13);
    wire_golden::assert_frozen!("contracts/master.wire", releases = "contracts/releases");
}
