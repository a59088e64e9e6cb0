//! Every compile-time rejection of `#[derive(Wire)]` and `#[wire_rpc]`, with
//! the exact message and span the user sees (`tests/ui/*.stderr`), plus the
//! recursive shapes that must keep compiling (`tests/ui/pass/`).
//!
//! Regenerate the expected output with
//! `TRYBUILD=overwrite cargo test -p wire-contracts --test ui`, then read the
//! diff: each error must point at the offending token and say why.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("tests/ui/*.rs");
    t.pass("tests/ui/pass/*.rs");
}
