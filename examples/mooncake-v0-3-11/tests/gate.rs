//! The v0.3.11.post1 contract is frozen in the release file that
//! examples/mooncake's gate keeps in its window: the library writes that file
//! from this build's handlers (`WIRE_BLESS=1 cargo test -p
//! mooncake-example-v0-3-11`), and this test fails when they drift from it.

#[test]
fn v0_3_11_post1_release_contract_is_frozen() {
    // Use the crate, so the linker keeps its handler registrations in this binary.
    assert_eq!(mooncake_example_v0_3_11::MOONCAKE_VERSION, "v0.3.11.post1");
    wire_golden::assert_frozen!("../mooncake/contracts/releases/v0.3.11.post1.wire");
}
