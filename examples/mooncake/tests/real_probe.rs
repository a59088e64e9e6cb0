//! `wire-golden probe` against the real masters, which have no handshake:
//! each handler is probed with an args code that cannot match, so nothing
//! runs. The v0.3.11.post1 master has every handler of its own contract and
//! lacks exactly the ones the gate calls ADDITIVE in v0.3.13.post1.
//!
//! Skips without the binaries (`scripts/install-mooncake.sh`), fails instead
//! with `WIRE_REQUIRE_MOONCAKE=1`.

mod real;

use real::{Binaries, Master, Version};
use std::collections::BTreeSet;
use wire_golden::probe::{Options, Outcome, probe};
use wire_golden::{Aspect, ContractDoc, Severity};

fn contract(path: &str) -> ContractDoc {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    wire_golden::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap()
}

fn names(outcomes: &[(String, Outcome)], want: impl Fn(&Outcome) -> bool) -> BTreeSet<String> {
    outcomes.iter().filter(|(_, o)| want(o)).map(|(n, _)| n.clone()).collect()
}

#[test]
fn the_probe_finds_each_real_master_registers_its_contract_and_lacks_the_newer_handlers() {
    let Some(bins) = Binaries::find() else { return };
    let master = Master::start(&bins, Version::V0_3_11);
    let addr = master.addr.to_string();
    let (old, new) = (contract("contracts/releases/v0.3.11.post1.wire"), contract("contracts/mooncake.wire"));

    // Its own contract: every handler with arguments registered, the others skipped (they would run).
    let own = probe(&addr, &old, Options::default()).unwrap();
    assert!(!own.handshake, "a C++ peer answers no handshake");
    let zero_arg: BTreeSet<String> =
        old.handlers.iter().filter(|h| h.args.is_empty()).map(|h| h.name.clone()).collect();
    assert_eq!(names(&own.handlers, |o| *o == Outcome::Skipped), zero_arg, "{own}");
    assert_eq!(own.handlers.iter().filter(|(_, o)| o.is_drift()).count(), 0, "{own}");
    assert_eq!(names(&own.handlers, |o| *o == Outcome::Registered).len() + zero_arg.len(), old.handlers.len());

    // Asked to, the zero-argument ones run, and their replies carry the contract's return codes.
    let all = probe(&addr, &old, Options { zero_arg: true, ..Options::default() }).unwrap();
    assert_eq!(names(&all.handlers, |o| *o == Outcome::Matches), zero_arg, "{all}");

    // The newer contract: missing exactly what the gate calls new.
    let newer = probe(&addr, &new, Options::default()).unwrap();
    let added: BTreeSet<String> = wire_golden::diff::diff(&old, &new)
        .into_iter()
        .filter(|f| f.severity == Severity::Additive && f.aspect == Aspect::Added)
        .map(|f| f.subject)
        .collect();
    assert_eq!(added.len(), 5);
    assert_eq!(names(&newer.handlers, |o| *o == Outcome::Missing), added, "{newer}");
    assert!(newer.to_string().ends_with(&format!("{} handlers checked by one probe per handler (the peer answered no handshake: a C++ coro_rpc peer): 5 drifted\n", new.handlers.len())), "{newer}");
}
